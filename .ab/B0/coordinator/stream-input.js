/**
 * Inputs that can be read only once — standard input (`-`), a named pipe, a process
 * substitution such as `<(zcat conn.*.log.gz)` — made re-readable.
 *
 * Why: a run reads an input more than once. Discovery sniffs its first bytes (gzip? which
 * format?), a direct heatmap run that gives up hands the input to the sharded pipeline, and a
 * recovery after an actor crash re-reads the chunks since the last checkpoint. A pipe gives its
 * bytes once, so every raw byte read from it is appended to a spool file, and every reader
 * (`rawBlocks`) starts at byte 0: from the spool as far as it goes, then from the stream,
 * spooling as it reads. The stream itself is read once, in order, as the first reader needs it
 * (the analysis overlaps with the producer; nothing waits for the whole stream).
 *
 * Cost: disk space for what was read, in the run's spool directory or the system's temporary
 * one, until `close`; one extra write of each byte (the page cache serves the re-reads).
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFully } from '../engine/read-range.js';
import { BLOCK_BYTES } from './blocks.js';
/**
 * A directory for a run's spool files: `given` (made if missing; whoever writes a file there
 * removes it) or a new temporary one (`temporary`: removed whole when the run is done).
 */
export function spoolDirectory(given) {
    if (given === undefined)
        return { path: mkdtempSync(join(tmpdir(), 'netscry-spool-')), temporary: true };
    mkdirSync(given, { recursive: true });
    return { path: given, temporary: false };
}
export class StreamSpool {
    /** The spool file: the raw bytes read from the stream so far. */
    path;
    fd;
    /** A temporary directory of our own, removed on close (undefined inside a given spool dir). */
    ownDir;
    stream;
    source;
    /** Bytes in the spool. */
    spooled = 0;
    ended = false;
    failure;
    /** The read from the stream in flight, so concurrent readers pull each block once. */
    pulling;
    closed = false;
    /** `name` names the spool file (unique within `spoolDir`). */
    constructor(stream, name, spoolDir) {
        this.stream = stream;
        this.source = stream[Symbol.asyncIterator]();
        const dir = spoolDirectory(spoolDir);
        this.ownDir = dir.temporary ? dir.path : undefined;
        this.path = join(dir.path, `stream-${name}`);
        this.fd = openSync(this.path, 'w+');
    }
    /** Raw bytes read from the stream so far (all of it once a reader reached the end). */
    get bytesRead() {
        return this.spooled;
    }
    /**
     * The stream's raw bytes from the start, in blocks of at most `BLOCK_BYTES`; throws what the
     * stream threw (after the bytes read before it). A reader may stop at any point: the stream
     * is not closed, and the next reader picks up where the spool ends.
     */
    async *rawBlocks() {
        let at = 0;
        for (;;) {
            if (at < this.spooled) {
                const block = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.spooled - at));
                const got = readFully(this.fd, block, block.length, at);
                at += got;
                yield block.subarray(0, got);
                continue;
            }
            if (this.failure !== undefined)
                throw this.failure;
            if (this.ended)
                return;
            await this.pull();
        }
    }
    /** Reads the stream's next block into the spool (one read at a time, whoever asks). */
    pull() {
        if (this.pulling === undefined) {
            this.pulling = this.pullOnce().finally(() => {
                this.pulling = undefined;
            });
        }
        return this.pulling;
    }
    async pullOnce() {
        try {
            const next = await this.source.next();
            if (next.done === true) {
                this.ended = true;
                return;
            }
            const block = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
            for (let done = 0; done < block.length;) {
                done += writeSync(this.fd, block, done, block.length - done, this.spooled + done);
            }
            this.spooled += block.length;
        }
        catch (err) {
            this.failure = err;
        }
    }
    /** Stops reading the stream and removes the spool. */
    close() {
        if (this.closed)
            return;
        this.closed = true;
        this.stream.destroy();
        closeSync(this.fd);
        if (this.ownDir !== undefined)
            rmSync(this.ownDir, { recursive: true, force: true });
        else
            rmSync(this.path, { force: true });
    }
}
//# sourceMappingURL=stream-input.js.map