import type { ChunkParseResult, ZeekChunk } from '../ingest/zeek/types.js';
import type { ActorStats } from '../shared/messages.js';
import type { EngineRuntime } from './config.js';
import { type RangeStop } from './read-range.js';
import { ShardHost } from './shard-host.js';
/**
 * The ring ends an actor uses (shared/ring.ts). The optional waiting marks let the actor ring a
 * peer's doorbell only when the peer said it waits for this ring (see `notifyIf`); ends without
 * them get a doorbell on every write and release.
 */
export interface OutboundRing {
    tryWrite(size: number, fill: (dst: Uint8Array) => void): boolean;
    expectSpace?(): void;
    takeReaderWaiting?(): boolean;
}
export interface InboundRing {
    peek(): Uint8Array | undefined;
    release(): void;
    expectData?(): void;
    takeWriterWaiting?(): boolean;
}
export interface ActorCoreOptions {
    readonly actorId: number;
    readonly actors: number;
    readonly runtime: EngineRuntime;
    /** outbound[d]: ring to actor d (undefined for self). */
    readonly outbound: ReadonlyArray<OutboundRing | undefined>;
    /** inbound[p]: ring from actor p (undefined for self). */
    readonly inbound: ReadonlyArray<InboundRing | undefined>;
    /** Wakes actor d after a write to its ring or a release of its ring's space. */
    readonly notify: (actor: number) => void;
    /** Restored state (after a crash) and the chunk it resumes at. */
    readonly host?: ShardHost;
    readonly nextSeq?: number;
}
/** What parsing a chunk gave: its report and, for a range the run must frame instead, why. */
export interface ParsedChunk {
    readonly result: ChunkParseResult;
    readonly reframe?: RangeStop;
}
export interface ActorCounters {
    chunksParsed: number;
    bytesParsed: number;
    recordsParsed: number;
    batchesSent: number;
    batchesReceived: number;
    /** Batches that found their ring full and waited in the outbound queue. */
    ringFullWaits: number;
}
export declare class ActorCore {
    readonly host: ShardHost;
    readonly counters: ActorCounters;
    /** Next chunk sequence number to consume. */
    nextSeq: number;
    private readonly options;
    private readonly sink;
    private readonly pending;
    private pendingCount;
    private local;
    private localHead;
    /**
     * Reused buffers for batches an actor sends itself (all of them in-process): without the
     * pool every batch is a fresh ~0.5 MB ArrayBuffer and the garbage collector shows in profiles.
     */
    private readonly pool;
    private readonly ranges;
    constructor(options: ActorCoreOptions);
    /** Work done so far, for the run summary. */
    stats(): ActorStats;
    /** True while batches wait for ring space; parse no further chunk until it is false. */
    get hasPending(): boolean;
    /**
     * Parses a chunk (reading it first when it is a range of a file) and scatters its records.
     * A range that held what only the framer handles is parsed all the same, and says so: the
     * coordinator then frames the run from its start.
     */
    parseChunk(chunk: ZeekChunk): ParsedChunk;
    private emit;
    private takeBuffer;
    /**
     * Moves waiting batches into rings and consumes every batch available in sequence order.
     * Returns whether anything happened. `onChunkDone(nextSeq, checkpoint)` runs after each
     * completed chunk; `checkpoint`: the coordinator asked for a checkpoint there.
     */
    pump(onChunkDone?: (nextSeq: number, checkpoint: boolean) => void): boolean;
    private flushPending;
    /**
     * Rings actor d's doorbell when `wanted`: the peer marked that it waits for the ring just
     * written or released. A doorbell is an Atomics.notify, which takes V8's process-wide futex
     * lock and queues a task on a waiting thread; rung on every batch it showed at 2–3 % of an
     * actor's profile, while a busy peer needs none.
     */
    private notifyIf;
}
