import type { ChunkParseResult, ZeekChunk } from '../ingest/zeek/types.js';
import type { DirectJob, DirectSetup } from '../shared/messages.js';
declare const control: {
    run(job: DirectJob): Uint8Array;
    start(setup: DirectSetup): void;
    /** Parses one framed chunk; `stopped` once the cell budget is exceeded (the run falls back). */
    chunk(chunk: ZeekChunk): {
        result: ChunkParseResult;
        stopped: boolean;
    };
    finish(): Uint8Array;
};
export type DirectControl = typeof control;
export {};
