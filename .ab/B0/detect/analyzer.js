/**
 * The contract every analyzer follows (Zeek SumStats style): per virtual shard it observes
 * records in (chunk seq, record) order, and at the end it emits findings and a partial
 * aggregate; partials of all virtual shards are merged by the coordinator. The same code runs
 * in-process and inside actors, so results cannot depend on the number of threads.
 *
 * State must be bounded (caps + eviction counters) and must use event time only.
 */
import { ErrorCode, NetscryError } from '../shared/errors.js';
/**
 * The checks every `restore` starts with: `snapshot` is an object of this analyzer's snapshot
 * `version`, taken of virtual shard `vshard`. Throws `CheckpointMismatch` otherwise (a
 * checkpoint of another build or another shard must never be adopted silently).
 */
export function checkSnapshot(analyzer, snapshot, version, vshard) {
    const snap = snapshot;
    if (snap === null || typeof snap !== 'object' || snap.version !== version) {
        throw new NetscryError(ErrorCode.CheckpointMismatch, `${analyzer}: not an analyzer snapshot of version ${version}`, {
            expected: version,
        });
    }
    if (snap.vshard !== vshard) {
        throw new NetscryError(ErrorCode.CheckpointMismatch, `${analyzer} snapshot belongs to another virtual shard`, {
            expected: vshard,
            found: snap.vshard,
        });
    }
    return snapshot;
}
//# sourceMappingURL=analyzer.js.map