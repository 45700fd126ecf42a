import type { EngineConfig } from '../engine/config.js';
import type { ZeekChunk } from '../ingest/zeek/types.js';
import type { ActorEvent, ActorStats } from '../shared/messages.js';
/**
 * A worker script of src/workers (`actor.js`, `direct-actor.js`). Workers need JavaScript: when
 * this module runs from TypeScript sources (vitest), use the compiled one in dist/ that
 * `npm run build` produces.
 */
export declare function workerScript(name: string): URL;
/**
 * Chunks dealt to one actor and not yet parsed (sharded and framed direct runs): bounds the
 * memory held in flight while keeping the next chunk ready when one is parsed.
 */
export declare const MAX_INFLIGHT_PER_ACTOR = 2;
export interface PoolOptions {
    readonly actors: number;
    readonly generation: number;
    readonly config: EngineConfig;
    readonly ringBytes: number;
    /** Per-actor packed state to resume from (all or none). */
    readonly restore: ReadonlyArray<Uint8Array> | null;
    readonly nextSeq: number;
    readonly crash: {
        readonly actor: number;
        readonly afterChunks: number;
    } | undefined;
    readonly onEvent: (actor: number, event: ActorEvent) => void;
    /** Called once, for the first actor that dies or throws. */
    readonly onFailure: (actor: number, error: Error) => void;
}
export declare class ActorPool {
    readonly generation: number;
    private readonly workers;
    private readonly controls;
    private readonly ports;
    private stopping;
    private failed;
    constructor(options: PoolOptions);
    dispatch(chunk: ZeekChunk): void;
    end(totalChunks: number): Promise<Uint8Array[]>;
    stats(): Promise<ActorStats[]>;
    terminate(): Promise<void>;
}
