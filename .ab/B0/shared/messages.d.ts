/**
 * Every message between the coordinator and an actor, in one place. Data plane: chunks go to an
 * actor as transferred ArrayBuffers on its port (or as byte ranges of a file it reads itself),
 * records between actors over SharedArrayBuffer rings. Control plane: comlink over a dedicated MessagePort (`ActorControl`). Findings,
 * partials and checkpoints travel msgpackr-packed.
 */
import type { MessagePort } from 'node:worker_threads';
import type { EngineConfig } from '../engine/config.js';
import type { DirectSegment } from '../engine/direct.js';
import type { RangeStop } from '../engine/read-range.js';
import type { ChunkParseResult, ZeekChunk, ZeekParseOptions } from '../ingest/zeek/types.js';
import type { HeatmapConfig } from '../report/heatmap/aggregate.js';
export interface ActorInit {
    readonly actorId: number;
    readonly actors: number;
    /** Incarnation of the actor set; messages of an older generation are ignored. */
    readonly generation: number;
    readonly config: EngineConfig;
    /** rings[from * actors + to]; null on the diagonal. */
    readonly rings: ReadonlyArray<SharedArrayBuffer | null>;
    /** One Int32 per actor, bumped and notified to wake it. */
    readonly doorbells: SharedArrayBuffer;
    /** The ShardHost to resume from (`snapshotPieces` by `packPieces`); null: a fresh start. */
    readonly restore: Uint8Array | null;
    readonly nextSeq: number;
    /** Test hook for supervision: exit abruptly after parsing this many chunks. */
    readonly crashAfterChunks: number | null;
    readonly control: MessagePort;
}
/** coordinator → actor, on the worker's port */
export type ActorCommand = {
    readonly type: 'chunk';
    readonly chunk: ZeekChunk;
};
/** actor → coordinator, on the worker's port */
export type ActorEvent = {
    readonly type: 'parsed';
    readonly generation: number;
    readonly seq: number;
    readonly result: ChunkParseResult;
    /** The chunk was a range that held what only the framer handles (engine/read-range.ts). */
    readonly reframe?: RangeStop;
} | {
    readonly type: 'checkpoint';
    readonly generation: number;
    readonly nextSeq: number;
    readonly state: Uint8Array;
};
export interface ActorStats {
    readonly actorId: number;
    readonly chunksParsed: number;
    readonly bytesParsed: number;
    readonly recordsParsed: number;
    readonly recordsObserved: number;
    readonly batchesSent: number;
    readonly batchesReceived: number;
    readonly ringFullWaits: number;
    readonly nextSeq: number;
}
/** The comlink-exposed control surface of an actor. */
export interface ActorControl {
    /** Input is complete at `totalChunks`; resolves with the packed HostOutput when all is consumed. */
    end(totalChunks: number): Promise<Uint8Array>;
    stats(): ActorStats;
}
/** How a direct-aggregation actor aggregates (engine/direct.ts, workers/direct-actor.ts). */
export interface DirectSetup {
    readonly heatmap: HeatmapConfig;
    readonly parse: ZeekParseOptions;
    readonly localNetworks: readonly string[];
}
/** A direct actor's byte ranges to read and aggregate. */
export interface DirectJob extends DirectSetup {
    readonly actorId: number;
    readonly segments: readonly DirectSegment[];
    readonly pieceBytes: number;
    /** One Int32 per actor: KiB read so far (progress). */
    readonly progress: SharedArrayBuffer;
}
