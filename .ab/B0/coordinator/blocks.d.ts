import type { InputFile } from './inputs.js';
export declare const BLOCK_BYTES: number;
export declare function decompressedBlocks(input: InputFile, onRaw: (n: number) => void): AsyncGenerator<Uint8Array>;
/**
 * Starts reading `source` at once and holds up to about `maxBytes` of its blocks until they are
 * asked for: the next gzip inputs of a run decompress (on libuv's thread pool) while the current
 * one is framed, so rotated `*.log.gz` files inflate side by side instead of one after another.
 * Blocks come out in order; an error of the source comes after the blocks read before it, as
 * from the source itself. `cancel()` stops reading (and closes the source) whether or not
 * reading has begun.
 */
export declare class ReadAhead {
    private readonly source;
    private readonly maxBytes;
    private readonly held;
    private heldBytes;
    private done;
    private cancelled;
    private failure;
    /** Wakes the reader (a block came, or the source ended) or the pump (room was made). */
    private wakeReader;
    private wakePump;
    constructor(source: AsyncIterable<Uint8Array>, maxBytes: number);
    private pump;
    blocks(): AsyncGenerator<Uint8Array>;
    cancel(): void;
}
