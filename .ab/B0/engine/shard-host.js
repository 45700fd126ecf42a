/**
 * Hosts the virtual shards one actor owns (all of them in-process): per virtual shard an
 * instance of every analyzer and a uid set, fed in the order batches are consumed, and — for
 * captured packets — a flow tracker whose connection records feed the same analyzers
 * (shard-flows.ts). Knows nothing about threads; the actor loop and the in-process pipeline
 * both drive it.
 */
import { compareFindings } from '../detect/finding.js';
import { IntegrityCode } from '../ingest/events.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { isPrimaryDelivery, RecordKind, Str } from '../shared/record.js';
import { mergeProtocolEvents, ShardFlows } from './shard-flows.js';
import { hashUid, UidSet } from './uid-set.js';
export class ShardHost {
    runtime;
    /** Indexed by virtual shard id (dense: at most `vshards` entries, mostly empty). */
    shards;
    events = [];
    eventCounts = {};
    recordsObserved = 0;
    flows;
    /** consume's scratch, reused for every batch (grown to the largest batch seen). */
    uidHashes = new Uint32Array(0);
    order = new Int32Array(0);
    rowGroup = new Int32Array(0);
    groupVshard = new Int32Array(0);
    groupStart = new Int32Array(1);
    groups = 0;
    /** Virtual shard → its group in the batch being grouped; -1 outside groupByShard. */
    groupOf;
    get recordsObservedSoFar() {
        return this.recordsObserved;
    }
    constructor(runtime) {
        this.runtime = runtime;
        this.shards = new Array(runtime.config.vshards).fill(undefined);
        this.groupOf = new Int32Array(runtime.config.vshards).fill(-1);
        this.flows = new ShardFlows(runtime, (view) => this.consume(view));
    }
    shard(vshard) {
        let s = this.shards[vshard];
        if (s === undefined) {
            s = {
                analyzers: this.runtime.analyzers.map((a) => a.factory.create(vshard, a.config)),
                uids: new UidSet(this.runtime.config.uidSetCapacity),
            };
            this.shards[vshard] = s;
        }
        return s;
    }
    /**
     * Feeds a batch to the analyzers of its rows' virtual shards, in three passes:
     *
     * 1. uid duplicates, in row order: every conn uid of a primary delivery is hashed first, then
     *    all are probed in a tight loop. The probes are mostly cache misses (a 512 KiB table per
     *    virtual shard); interleaved with the analyzers, each waited alone and evicted their
     *    working sets (~150 ns a record in-process, measured; ~100 now). Row order keeps the
     *    kept events (a capped list) the first ones by (chunk, line), as before.
     * 2. a stable counting sort of the row numbers by virtual shard (`order`), so
     * 3. each analyzer of each virtual shard gets all its rows of the batch in one call, in row
     *    order: one call per (shard, analyzer) instead of a polymorphic call per record, and each
     *    analyzer's loop runs over one shard's state at a time.
     *
     * Analyzers keep no state across virtual shards, so the result is the same as feeding every
     * record to every analyzer in row order. Batches of captured packets take the per-row path:
     * their trackers deliver connection records through this same method, as they end.
     */
    consume(view) {
        const n = view.count;
        if (n === 0) {
            this.flows.drain();
            return;
        }
        const kind = view.kind;
        for (let i = 0; i < n; i++) {
            if (kind[i] === RecordKind.Packet) {
                this.consumePackets(view);
                return;
            }
        }
        this.checkUids(view);
        const order = this.groupByShard(view);
        const groups = this.groups;
        const starts = this.groupStart;
        for (let g = 0; g < groups; g++) {
            const analyzers = this.shard(this.groupVshard[g]).analyzers;
            const from = starts[g];
            const to = starts[g + 1];
            for (let k = 0; k < analyzers.length; k++)
                analyzers[k].observeRows(view, order, from, to);
        }
        this.recordsObserved += n;
        this.flows.drain();
    }
    /** Pass 1 of `consume`: duplicate conn uids (primary deliveries only), in row order. */
    checkUids(view) {
        const n = view.count;
        if (this.uidHashes.length < 2 * n)
            this.uidHashes = new Uint32Array(2 * n);
        const hashes = this.uidHashes;
        const kind = view.kind;
        const flags = view.flags;
        const heap = view.heap;
        for (let i = 0; i < n; i++) {
            hashes[2 * i + 1] = 0;
            if (kind[i] !== RecordKind.Conn || !isPrimaryDelivery(flags[i]))
                continue;
            const length = view.strLength(i, Str.Uid);
            if (length === 0)
                continue;
            const at = view.strOffset(i, Str.Uid);
            hashUid(heap, at, at + length, hashes, 2 * i);
        }
        // Fingerprints are never 0: 0 marks a row without a uid to check.
        const vshard = view.vshard;
        let lastVshard = -1;
        let uids;
        for (let i = 0; i < n; i++) {
            const fingerprint = hashes[2 * i + 1];
            if (fingerprint === 0)
                continue;
            const vs = vshard[i];
            if (vs !== lastVshard) {
                uids = this.shard(vs).uids;
                lastVshard = vs;
            }
            // int32s across the call: see UidSet.addHashed.
            if (uids.addHashed(hashes[2 * i] | 0, fingerprint | 0))
                this.duplicateUid(view, i);
        }
    }
    /**
     * Pass 2 of `consume`: row numbers grouped by virtual shard, row order kept within a group
     * (a counting sort). Sets `groups`, `groupVshard[g]` and `groupStart[g]..groupStart[g + 1]`,
     * the range of group g in the returned array.
     */
    groupByShard(view) {
        const n = view.count;
        if (this.order.length < n) {
            this.order = new Int32Array(n);
            this.rowGroup = new Int32Array(n);
            this.groupVshard = new Int32Array(n);
            this.groupStart = new Int32Array(n + 1);
        }
        const vshard = view.vshard;
        const groupOf = this.groupOf;
        const rowGroup = this.rowGroup;
        const groupVshard = this.groupVshard;
        const starts = this.groupStart;
        let groups = 0;
        for (let i = 0; i < n; i++) {
            const vs = vshard[i];
            let g = groupOf[vs];
            if (g < 0) {
                g = groups++;
                groupOf[vs] = g;
                groupVshard[g] = vs;
                starts[g + 1] = 0;
            }
            starts[g + 1]++;
            rowGroup[i] = g;
        }
        starts[0] = 0;
        for (let g = 0; g < groups; g++) {
            starts[g + 1] += starts[g];
            groupOf[groupVshard[g]] = -1;
        }
        // Fill each group from its start; `starts` is shifted back to the group starts afterwards.
        const order = this.order;
        for (let i = 0; i < n; i++)
            order[starts[rowGroup[i]]++] = i;
        for (let g = groups; g > 0; g--)
            starts[g] = starts[g - 1];
        starts[0] = 0;
        this.groups = groups;
        return order;
    }
    /** Batches of captured packets: each row to its shard's flow tracker, in row order. */
    consumePackets(view) {
        const n = view.count;
        const kind = view.kind;
        for (let i = 0; i < n; i++) {
            const s = this.shard(view.vshard[i]);
            if (kind[i] === RecordKind.Packet) {
                this.flows.observe(view, i);
                continue;
            }
            if (kind[i] === RecordKind.Conn && isPrimaryDelivery(view.flags[i])) {
                const length = view.strLength(i, Str.Uid);
                const at = view.strOffset(i, Str.Uid);
                if (length > 0 && s.uids.addBytes(view.heap, at, at + length))
                    this.duplicateUid(view, i);
            }
            for (let k = 0; k < s.analyzers.length; k++)
                s.analyzers[k].observe(view, i);
            this.recordsObserved++;
        }
        this.flows.drain();
    }
    duplicateUid(view, i) {
        const code = IntegrityCode.DuplicateUid;
        const count = (this.eventCounts[code] ?? 0) + 1;
        this.eventCounts[code] = count;
        if (count > this.runtime.config.maxEventsPerCode)
            return;
        this.events.push({
            code,
            sourceId: view.sourceId,
            chunkSeq: view.chunkSeq,
            lineInChunk: view.line[i],
            offsetInChunk: view.lineOffset[i],
            message: `conn uid ${view.str(i, Str.Uid)} was seen before`,
        });
    }
    finish() {
        this.flows.finish();
        const findings = [];
        const parts = this.runtime.analyzers.map(() => []);
        const evictions = {};
        const ids = this.ownedIds();
        for (const id of ids) {
            const shard = this.shards[id];
            shard.analyzers.forEach((analyzer, k) => {
                const out = analyzer.finish();
                findings.push(...out.findings);
                parts[k].push(out.partial);
                // Named `analyzer.cap`: several analyzers have caps of the same name (maxPairs).
                const name = this.runtime.analyzers[k].factory.name;
                for (const [cap, count] of Object.entries(out.evictions)) {
                    if (count > 0)
                        evictions[`${name}.${cap}`] = (evictions[`${name}.${cap}`] ?? 0) + count;
                }
            });
            if (shard.uids.evicted > 0)
                evictions.uids = (evictions.uids ?? 0) + shard.uids.evicted;
        }
        const evictedConnections = this.flows.evictedConnections;
        if (evictedConnections > 0)
            evictions.connections = evictedConnections;
        const partials = {};
        this.runtime.analyzers.forEach((spec, k) => {
            partials[spec.factory.name] = spec.factory.merge(parts[k]);
        });
        findings.sort(compareFindings);
        return {
            findings,
            partials,
            evictions,
            events: this.events,
            eventCounts: this.eventCounts,
            recordsObserved: this.recordsObserved,
            vshardsOwned: ids.length,
            protocolEvents: this.flows.events,
            packetsObserved: this.flows.packetsObserved,
            captureRecordsByPath: this.flows.recordsByPath,
        };
    }
    ownedIds() {
        const ids = [];
        this.shards.forEach((s, id) => {
            if (s !== undefined)
                ids.push(id);
        });
        return ids;
    }
    /**
     * The host's state for a checkpoint, one piece at a time: its own counters and the virtual
     * shards it owns first, then per shard every analyzer's state and the uid set. Packed piece
     * by piece (`packPieces`), each analyzer's copy of its state is garbage once packed; the
     * whole state built and packed at once held every copy at the same time and grew msgpackr's
     * buffer — kept for the thread's life — to the size of the whole checkpoint.
     *
     * Analyzer state only: flow trackers (reassembly buffers, parser states) are not snapshotted,
     * so the coordinator does not checkpoint runs over captures; a failed actor replays them
     * from the start instead.
     */
    *snapshotPieces() {
        if (this.flows.active)
            throw new NetscryError(ErrorCode.Internal, 'flow state cannot be checkpointed');
        const ids = this.ownedIds();
        const head = {
            shards: ids,
            events: this.events,
            eventCounts: this.eventCounts,
            recordsObserved: this.recordsObserved,
        };
        yield head;
        for (const id of ids) {
            const s = this.shards[id];
            for (const a of s.analyzers)
                yield a.snapshot();
            yield s.uids.snapshot();
        }
    }
    /** A host from the pieces of `snapshotPieces`, in their order. */
    static restorePieces(runtime, pieces) {
        let at = 0;
        const head = pieces[at++];
        const host = new ShardHost(runtime);
        for (const id of head.shards) {
            const analyzers = runtime.analyzers.map((a) => a.factory.restore(id, a.config, pieces[at++]));
            host.shards[id] = { analyzers, uids: UidSet.restore(pieces[at++]) };
        }
        host.events = head.events;
        host.eventCounts = head.eventCounts;
        host.recordsObserved = head.recordsObserved;
        return host;
    }
}
/**
 * Merges host outputs of several actors (on the coordinator, once per run) and adds the
 * analyzers' cross-shard findings (`conclude`); the result does not depend on their order.
 */
export function mergeHostOutputs(runtime, outputs) {
    const findings = outputs.flatMap((o) => o.findings);
    const partials = {};
    const evictions = {};
    const eventCounts = {};
    for (const spec of runtime.analyzers) {
        const name = spec.factory.name;
        partials[name] = spec.factory.merge(outputs.map((o) => o.partials[name]));
        if (spec.factory.conclude)
            findings.push(...spec.factory.conclude(partials[name], spec.config));
    }
    findings.sort(compareFindings);
    for (const o of outputs) {
        for (const [k, v] of Object.entries(o.evictions))
            evictions[k] = (evictions[k] ?? 0) + v;
        for (const [k, v] of Object.entries(o.eventCounts))
            eventCounts[k] = (eventCounts[k] ?? 0) + v;
    }
    const events = outputs
        .flatMap((o) => o.events)
        .sort((a, b) => a.chunkSeq - b.chunkSeq ||
        a.lineInChunk - b.lineInChunk ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .slice(0, runtime.config.maxEventsPerCode);
    return {
        findings,
        partials,
        evictions,
        events,
        eventCounts,
        recordsObserved: outputs.reduce((n, o) => n + o.recordsObserved, 0),
        vshardsOwned: outputs.reduce((n, o) => n + o.vshardsOwned, 0),
        protocolEvents: mergeProtocolEvents(outputs.map((o) => o.protocolEvents), runtime.config.maxEventsPerCode),
        packetsObserved: outputs.reduce((n, o) => n + o.packetsObserved, 0),
        captureRecordsByPath: sumCounts(outputs.map((o) => o.captureRecordsByPath)),
    };
}
/** Counts added key by key, keys sorted (the same object for any order of `counts`). */
function sumCounts(counts) {
    const sum = {};
    for (const c of counts)
        for (const [k, v] of Object.entries(c))
            sum[k] = (sum[k] ?? 0) + v;
    return Object.fromEntries(Object.entries(sum).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
//# sourceMappingURL=shard-host.js.map