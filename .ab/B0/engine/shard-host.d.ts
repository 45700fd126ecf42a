/**
 * Hosts the virtual shards one actor owns (all of them in-process): per virtual shard an
 * instance of every analyzer and a uid set, fed in the order batches are consumed, and — for
 * captured packets — a flow tracker whose connection records feed the same analyzers
 * (shard-flows.ts). Knows nothing about threads; the actor loop and the in-process pipeline
 * both drive it.
 */
import { type Finding } from '../detect/finding.js';
import { IntegrityCode } from '../ingest/events.js';
import { type BatchView } from '../shared/record.js';
import type { EngineRuntime } from './config.js';
import { type ProtocolEventLog } from './shard-flows.js';
/** An integrity event found by a shard owner; the coordinator resolves file and line. */
export interface HostEvent {
    readonly code: IntegrityCode;
    readonly sourceId: number;
    readonly chunkSeq: number;
    readonly lineInChunk: number;
    /** Byte offset of the record's line in its chunk. */
    readonly offsetInChunk: number;
    readonly message: string;
}
export interface HostOutput {
    /** Sorted by compareFindings. */
    readonly findings: Finding[];
    /** Per analyzer name, the merge of its partials over this host's virtual shards. */
    readonly partials: Record<string, unknown>;
    readonly evictions: Record<string, number>;
    readonly events: HostEvent[];
    readonly eventCounts: Record<string, number>;
    readonly recordsObserved: number;
    readonly vshardsOwned: number;
    /** Captures: protocol events of the decoders and trackers, and packets tracked. */
    readonly protocolEvents: ProtocolEventLog;
    readonly packetsObserved: number;
    /** Captures: the records the flow trackers delivered (conn, dns, http, …), by log path. */
    readonly captureRecordsByPath: Record<string, number>;
}
export declare class ShardHost {
    private readonly runtime;
    /** Indexed by virtual shard id (dense: at most `vshards` entries, mostly empty). */
    private readonly shards;
    private events;
    private eventCounts;
    private recordsObserved;
    private readonly flows;
    /** consume's scratch, reused for every batch (grown to the largest batch seen). */
    private uidHashes;
    private order;
    private rowGroup;
    private groupVshard;
    private groupStart;
    private groups;
    /** Virtual shard → its group in the batch being grouped; -1 outside groupByShard. */
    private readonly groupOf;
    get recordsObservedSoFar(): number;
    constructor(runtime: EngineRuntime);
    private shard;
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
    consume(view: BatchView): void;
    /** Pass 1 of `consume`: duplicate conn uids (primary deliveries only), in row order. */
    private checkUids;
    /**
     * Pass 2 of `consume`: row numbers grouped by virtual shard, row order kept within a group
     * (a counting sort). Sets `groups`, `groupVshard[g]` and `groupStart[g]..groupStart[g + 1]`,
     * the range of group g in the returned array.
     */
    private groupByShard;
    /** Batches of captured packets: each row to its shard's flow tracker, in row order. */
    private consumePackets;
    private duplicateUid;
    finish(): HostOutput;
    private ownedIds;
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
    snapshotPieces(): Generator<unknown>;
    /** A host from the pieces of `snapshotPieces`, in their order. */
    static restorePieces(runtime: EngineRuntime, pieces: readonly unknown[]): ShardHost;
}
/**
 * Merges host outputs of several actors (on the coordinator, once per run) and adds the
 * analyzers' cross-shard findings (`conclude`); the result does not depend on their order.
 */
export declare function mergeHostOutputs(runtime: EngineRuntime, outputs: readonly HostOutput[]): HostOutput;
