/**
 * An input's bytes as a stream of blocks of about 1 MiB, gzip undone. `onRaw` counts the bytes
 * read from disk (compressed, for gzip). A broken gzip stream throws after the blocks decoded
 * before the break; the caller decides what that means (source.ts: a truncated_gzip event).
 * A stream input (`-`, a pipe) is read through its spool, from its first byte every time.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
export const BLOCK_BYTES = 1 << 20;
export async function* decompressedBlocks(input, onRaw) {
    const raw = input.stream !== undefined
        ? Readable.from(input.stream.rawBlocks(), { objectMode: false })
        : createReadStream(input.path, { highWaterMark: BLOCK_BYTES });
    if (!input.gzip) {
        for await (const block of raw) {
            onRaw(block.length);
            yield block;
        }
        return;
    }
    const gunzip = createGunzip({ chunkSize: BLOCK_BYTES });
    raw.on('data', (b) => onRaw(b.length));
    raw.on('error', (err) => gunzip.destroy(err));
    raw.pipe(gunzip);
    try {
        for await (const block of gunzip)
            yield block;
    }
    finally {
        raw.destroy();
    }
}
/**
 * Starts reading `source` at once and holds up to about `maxBytes` of its blocks until they are
 * asked for: the next gzip inputs of a run decompress (on libuv's thread pool) while the current
 * one is framed, so rotated `*.log.gz` files inflate side by side instead of one after another.
 * Blocks come out in order; an error of the source comes after the blocks read before it, as
 * from the source itself. `cancel()` stops reading (and closes the source) whether or not
 * reading has begun.
 */
export class ReadAhead {
    source;
    maxBytes;
    held = [];
    heldBytes = 0;
    done = false;
    cancelled = false;
    failure;
    /** Wakes the reader (a block came, or the source ended) or the pump (room was made). */
    wakeReader;
    wakePump;
    constructor(source, maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
        void this.pump();
    }
    async pump() {
        try {
            for await (const block of this.source) {
                if (this.cancelled)
                    break;
                this.held.push(block);
                this.heldBytes += block.length;
                this.wakeReader?.();
                while (this.heldBytes >= this.maxBytes && !this.cancelled) {
                    await new Promise((r) => {
                        this.wakePump = r;
                    });
                }
                if (this.cancelled)
                    break;
            }
        }
        catch (err) {
            this.failure = err;
        }
        this.done = true;
        this.wakeReader?.();
    }
    async *blocks() {
        try {
            for (;;) {
                const block = this.held.shift();
                if (block !== undefined) {
                    this.heldBytes -= block.length;
                    this.wakePump?.();
                    yield block;
                    continue;
                }
                if (this.done) {
                    if (this.failure !== undefined)
                        throw this.failure;
                    return;
                }
                await new Promise((r) => {
                    this.wakeReader = r;
                });
            }
        }
        finally {
            this.cancel();
        }
    }
    cancel() {
        this.cancelled = true;
        this.held.length = 0;
        this.heldBytes = 0;
        this.wakePump?.();
    }
}
//# sourceMappingURL=blocks.js.map