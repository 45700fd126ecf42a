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
//# sourceMappingURL=blocks.js.map