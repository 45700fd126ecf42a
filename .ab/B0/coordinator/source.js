/**
 * Reads the run's files in order, decompresses gzip, frames them into chunks (ZeekFramer) and
 * numbers the chunks in the ledger. Reading is streamed in 1 MiB blocks, so memory does not
 * grow with file size. A chunk can be read again by its sequence number after a crash.
 *
 * Sharded runs read a plain Zeek log, TSV or JSON, that layout.ts can lay out in ranges
 * instead: the data lines cut at line starts into chunks that carry only their place in the
 * file, which the actors read themselves (engine/read-range.ts).
 *
 * A gzip stream that ends early or is corrupt is an integrity event (truncated_gzip) at the
 * decompressed offset where it broke; what was decoded before is analysed and the run goes on.
 *
 * Captures are read by the streaming `CaptureReader` (pcap, pcapng, any byte order) and their
 * packets copied into chunks of one plain layout (ingest/pcap/packet-chunk.ts); problems in the
 * file (cut records, bad block lengths) are protocol events in the ledger with file offsets. A
 * capture chunk is read again by replaying the file's framing from the start (captures are
 * not checkpointed, so a recovery replays them from their first chunk anyway).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { IntegrityCode } from '../ingest/events.js';
import { NetflowConnConverter } from '../ingest/netflow/index.js';
import { CaptureReader } from '../ingest/pcap/capture-file.js';
import { PacketChunkWriter } from '../ingest/pcap/packet-chunk.js';
import { unsupportedFormatError, ZeekFramer } from '../ingest/zeek/framer.js';
import { SchemaCache } from '../ingest/zeek/header.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { BLOCK_BYTES, decompressedBlocks, ReadAhead } from './blocks.js';
import { convertedText } from './convert.js';
import { readExpectedDigest, unreadable } from './inputs.js';
import { bookMissingClose, layoutOf, rangeCandidate, rangeEnds } from './layout.js';
import { spoolDirectory } from './stream-input.js';
/**
 * A capture's packets, framed into packet chunks of about `chunkBytes`. `read.decompressed`
 * counts the bytes read so far. When reading fails (a broken gzip stream), the packets read
 * before are still framed and yielded, then the error is thrown.
 */
async function* captureChunks(input, chunkBytes, onEvent, onRaw, read = { decompressed: 0 }) {
    const writer = new PacketChunkWriter(Math.min(chunkBytes + (1 << 18), 64 << 20));
    const ready = [];
    let startOffset = -1;
    const reader = new CaptureReader((p) => {
        if (startOffset < 0)
            startOffset = p.fileOffset;
        writer.add(p);
        if (writer.bytes >= chunkBytes) {
            ready.push({ bytes: writer.take(), startOffset });
            startOffset = -1;
        }
    }, onEvent);
    let failure;
    try {
        for await (const block of decompressedBlocks(input, onRaw)) {
            read.decompressed += block.length;
            reader.push(block);
            yield* ready.splice(0);
        }
    }
    catch (err) {
        failure = err;
    }
    reader.end();
    if (writer.packets > 0)
        ready.push({ bytes: writer.take(), startOffset });
    yield* ready.splice(0);
    if (failure !== undefined)
        throw failure;
}
const NO_BYTES = new Uint8Array(0);
/**
 * gzip logs decompressed ahead of the one being framed, and the blocks held for each: rotated
 * `*.log.gz` sets inflate side by side on libuv's thread pool (4 threads by default) instead of
 * one file after another. Costs up to READ_AHEAD_FILES × READ_AHEAD_BYTES of memory.
 */
const READ_AHEAD_FILES = 2;
const READ_AHEAD_BYTES = 16 << 20;
/** A Zeek log (TSV or JSON) in a gzip file: framed from its decompressed blocks. */
function gzipLog(input) {
    return (input.format === 'tsv' || input.format === 'json') && input.gzip && input.stream === undefined;
}
function isReadError(err) {
    const code = err.code ?? '';
    return code.startsWith('E') && !code.startsWith('ERR_');
}
export class ChunkSource {
    readAheadFiles;
    /** Raw (on-disk) bytes read so far. */
    bytesRead = 0;
    inputs;
    plan;
    ledger;
    schemas = new SchemaCache();
    chunks;
    /** One NetFlow converter per run: templates carry over between inputs in file order. */
    netflow;
    /** Converted inputs' records, spooled so a chunk can be read again after a crash. */
    spools = new Map();
    spoolDir;
    /** Capture re-reads after a crash come in ascending order: one replay per file serves them. */
    replay;
    /** Whether plain Zeek logs go out as ranges the actors read themselves (sharded runs). */
    ranges;
    /** The inputs that went out as ranges. */
    ranged = new Set();
    /** gzip logs being decompressed ahead, by source id. */
    ahead = new Map();
    /**
     * `ranges`: cut plain Zeek logs that coordinator/layout.ts lays out into ranges of data
     * lines instead of framing them: chunks with `rangeLength` and no bytes, which only an
     * ActorCore reads. `readAheadFiles`: gzip logs decompressed ahead of the one being framed.
     */
    constructor(inputs, plan, ledger, ranges = false, readAheadFiles = READ_AHEAD_FILES) {
        this.readAheadFiles = readAheadFiles;
        this.inputs = inputs;
        this.plan = plan;
        this.ledger = ledger;
        this.ranges = ranges;
        this.netflow = plan.live?.netflow ?? new NetflowConnConverter({ stitch: plan.stitchBiflows });
        this.chunks = this.generate();
    }
    /** Closes and (when it was a temporary one) removes the spool. */
    close() {
        for (const a of this.ahead.values())
            a.cancel();
        this.ahead.clear();
        for (const s of this.spools.values())
            closeSync(s.fd);
        this.spools.clear();
        if (this.spoolDir?.temporary)
            rmSync(this.spoolDir.path, { recursive: true, force: true });
        this.spoolDir = undefined;
    }
    /**
     * A path for a file of this run's in the spool directory (the plan's, or a temporary one
     * made on first use and removed by `close`); the caller removes its files from a given one.
     */
    spoolPath(name) {
        const dir = this.spoolDir ?? spoolDirectory(this.plan.spoolDir);
        this.spoolDir = dir;
        return join(dir.path, name);
    }
    /** The spool file of a converted input (created on first use). */
    spoolOf(sourceId) {
        let s = this.spools.get(sourceId);
        if (s !== undefined)
            return s;
        const path = this.spoolPath(`records-${sourceId}.ndjson`);
        s = { path, fd: openSync(path, 'w') };
        this.spools.set(sourceId, s);
        return s;
    }
    /** The next chunk, numbered; undefined after the last one. */
    async next() {
        const r = await this.chunks.next();
        return r.done ? undefined : r.value;
    }
    *register(input, out) {
        if (out.unsupported)
            throw unsupportedFormatError(out.unsupported);
        for (const ev of out.events) {
            this.ledger.addSourceEvent({
                code: ev.code,
                sourceId: input.sourceId,
                offset: ev.offset,
                chunksBefore: ev.chunksBefore,
                nonDataLinesBefore: ev.directiveLinesBefore + ev.droppedLinesBefore,
                // A file cut short is reported on its last line, where the cut is.
                position: ev.code === IntegrityCode.MissingClose ? 'atEnd' : ev.wholeFile ? 'whole' : 'line',
                message: ev.message,
            });
        }
        for (const c of out.chunks) {
            yield this.ledger.register({
                sourceId: input.sourceId,
                file: input.path,
                format: c.format,
                header: c.header,
                bytes: c.bytes,
                startOffset: c.startOffset,
            }, c.index, c.directiveLinesBefore + c.droppedLinesBefore);
        }
    }
    async *generate() {
        const ctx = (input) => ({
            netflow: this.netflow,
            onEvent: (e) => this.ledger.addCaptureEvent(input.sourceId, e),
            onRaw: (n) => {
                this.bytesRead += n;
            },
        });
        for (const [at, input] of this.inputs.entries()) {
            if (input.format === 'pcap') {
                yield* this.generateCapture(input);
                continue;
            }
            if (input.format === 'live') {
                const live = this.plan.live;
                yield* this.frameLines(input, this.spooled(input, live.blocks(ctx(input).onEvent)));
                continue;
            }
            if (input.format === 'netflow' || input.format === 'netflow-capture' || input.format === 'syslog') {
                yield* this.frameLines(input, this.spooled(input, convertedText(input, input.format, input.mtime, ctx(input))));
                continue;
            }
            const layout = this.ranges && rangeCandidate(input) ? layoutOf(input, this.plan, this.schemas) : undefined;
            if (layout !== undefined) {
                yield* this.rangesOf(layout);
                continue;
            }
            yield* this.frameLines(input, gzipLog(input) ? this.readAhead(at) : this.blocksOf(input));
        }
    }
    blocksOf(input) {
        return decompressedBlocks(input, (n) => {
            this.bytesRead += n;
        });
    }
    /** The blocks of gzip log `inputs[at]`, decompressed ahead — and the next gzip logs' started. */
    readAhead(at) {
        const input = this.inputs[at];
        for (const next of this.inputs.slice(at, at + 1 + this.readAheadFiles)) {
            if (gzipLog(next) && !this.ahead.has(next.sourceId))
                this.ahead.set(next.sourceId, new ReadAhead(this.blocksOf(next), READ_AHEAD_BYTES));
        }
        const own = this.ahead.get(input.sourceId);
        this.ahead.delete(input.sourceId);
        return own.blocks();
    }
    /**
     * A laid-out log's data lines in ranges of about `chunkBytes` cut at line starts
     * (`rangeEnds`): the coordinator reads no other byte of the file.
     */
    *rangesOf(layout) {
        const { input, dataEnd } = layout;
        this.ranged.add(input.sourceId);
        this.bytesRead += layout.dataStart;
        const ends = rangeEnds(layout, this.plan.chunkBytes);
        let pos = layout.dataStart;
        for (const [index, end] of ends.entries()) {
            const chunk = {
                sourceId: input.sourceId,
                format: layout.format,
                header: layout.header,
                startOffset: pos,
                length: end - pos,
            };
            const seq = this.ledger.registerRange(chunk, index, layout.headerLines);
            this.bytesRead += end - pos;
            yield this.rangeChunk(this.ledger.entry(seq));
            pos = end;
        }
        this.bytesRead += input.size - dataEnd;
        bookMissingClose(this.ledger, layout, ends.length);
    }
    rangeChunk(e) {
        return {
            seq: e.seq,
            sourceId: e.sourceId,
            file: this.inputs[e.sourceId].path,
            format: e.format,
            header: e.header,
            bytes: NO_BYTES,
            startOffset: e.startOffset,
            rangeLength: e.length,
        };
    }
    /** Frames a text input's blocks into chunks of whole lines and registers them. */
    async *frameLines(input, blocks) {
        const parse = this.plan.engine.parse;
        const framer = new ZeekFramer({
            file: input.path,
            chunkBytes: this.plan.chunkBytes,
            maxLineBytes: parse.maxLineBytes,
            maxEventsPerCode: parse.maxEventsPerCode,
            schemas: this.schemas,
        });
        let decoded = 0;
        try {
            for await (const block of blocks) {
                decoded += block.length;
                yield* this.register(input, framer.push(block));
            }
        }
        catch (err) {
            this.readFailed(input, err, decoded);
        }
        yield* this.register(input, framer.end());
        this.ledger.addSourceCounts(framer.eventCounts());
    }
    /**
     * A converted input's Zeek JSON text, spooled (so chunks can be read again) before it is
     * framed like a JSON log: chunk offsets are offsets in the spool.
     */
    async *spooled(input, texts) {
        const spool = this.spoolOf(input.sourceId);
        for await (const text of texts) {
            if (text.length === 0)
                continue;
            const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
            for (let done = 0; done < bytes.length;)
                done += writeSync(spool.fd, bytes, done);
            yield bytes;
        }
    }
    async *generateCapture(input) {
        let index = 0;
        const read = { decompressed: 0 };
        try {
            for await (const c of captureChunks(input, this.plan.chunkBytes, (e) => this.ledger.addCaptureEvent(input.sourceId, e), (n) => {
                this.bytesRead += n;
            }, read)) {
                yield this.ledger.register({
                    sourceId: input.sourceId,
                    file: input.path,
                    format: 'pcap',
                    header: undefined,
                    bytes: c.bytes,
                    startOffset: c.startOffset,
                }, index++, 0);
            }
        }
        catch (err) {
            this.readFailed(input, err, read.decompressed);
        }
    }
    /**
     * A read that failed: a file that cannot be read is an error; a gzip stream that breaks is a
     * truncated_gzip event at the decompressed offset reached, and what came before is kept.
     */
    readFailed(input, err, decoded) {
        if (err instanceof NetscryError)
            throw err;
        if (!input.gzip || isReadError(err))
            throw unreadable(input.path, err);
        this.ledger.addSourceEvent({
            code: IntegrityCode.TruncatedGzip,
            sourceId: input.sourceId,
            offset: decoded,
            chunksBefore: 0,
            nonDataLinesBefore: 0,
            position: 'atEnd',
            message: `gzip stream broken after ${decoded} decompressed bytes (${err.message}): the rest of the file is lost`,
        });
        this.ledger.addSourceCounts({ [IntegrityCode.TruncatedGzip]: 1 });
    }
    async rereadCapture(seq) {
        const e = this.ledger.entry(seq);
        const input = this.inputs[e.sourceId];
        if (this.replay === undefined ||
            this.replay.sourceId !== e.sourceId ||
            this.replay.index > e.indexInFile) {
            this.replay = {
                sourceId: e.sourceId,
                index: 0,
                chunks: captureChunks(input, this.plan.chunkBytes, () => { }, () => { }),
            };
        }
        const replay = this.replay;
        for (;;) {
            const r = await replay.chunks.next().catch(() => ({ done: true, value: undefined }));
            if (r.done)
                throw new NetscryError(ErrorCode.UnreadableInput, `${input.path} changed during the run`);
            if (replay.index++ === e.indexInFile) {
                return {
                    seq,
                    sourceId: e.sourceId,
                    file: input.path,
                    format: 'pcap',
                    header: undefined,
                    bytes: r.value.bytes,
                    startOffset: r.value.startOffset,
                };
            }
        }
    }
    /** Reads a registered chunk again (after a crash) from its file. */
    async reread(seq) {
        const e = this.ledger.entry(seq);
        if (e.format === 'pcap')
            return this.rereadCapture(seq);
        if (this.ranged.has(e.sourceId))
            return this.rangeChunk(e);
        const input = this.inputs[e.sourceId];
        const bytes = new Uint8Array(e.length);
        const spool = this.spools.get(e.sourceId);
        if (!input.gzip || spool !== undefined) {
            const handle = await open(spool?.path ?? input.stream?.path ?? input.path, 'r');
            try {
                let done = 0;
                while (done < e.length) {
                    const { bytesRead } = await handle.read(bytes, done, e.length - done, e.startOffset + done);
                    if (bytesRead === 0)
                        break;
                    done += bytesRead;
                }
            }
            finally {
                await handle.close();
            }
        }
        else {
            // gzip has no random access: decompress from the start and keep the chunk's range.
            let at = 0;
            const end = e.startOffset + e.length;
            try {
                for await (const block of decompressedBlocks(input, () => { })) {
                    const from = Math.max(e.startOffset, at);
                    const to = Math.min(end, at + block.length);
                    if (to > from)
                        bytes.set(block.subarray(from - at, to - at), from - e.startOffset);
                    at += block.length;
                    if (at >= end)
                        break;
                }
            }
            catch {
                // The same truncation the first pass saw: the registered range lies before it.
            }
        }
        return {
            seq,
            sourceId: e.sourceId,
            file: input.path,
            format: e.format,
            header: e.header,
            bytes,
            startOffset: e.startOffset,
        };
    }
}
/**
 * Verifies the inputs' `<file>.sha256` sidecars (sha256 of the file as stored, like sha256sum);
 * a mismatch or an unreadable sidecar is an integrity event of the whole file.
 */
export async function verifyChecksums(inputs, ledger) {
    const results = [];
    for (const input of inputs) {
        if (!input.checksumFile)
            continue;
        const expected = await readExpectedDigest(input.checksumFile);
        const hash = createHash('sha256');
        for await (const block of createReadStream(input.path, { highWaterMark: BLOCK_BYTES }))
            hash.update(block);
        const actual = hash.digest('hex');
        const status = expected === undefined ? 'unreadable' : expected === actual ? 'verified' : 'mismatch';
        results.push({ file: input.path, status, expected, actual });
        if (status !== 'verified') {
            const code = status === 'mismatch' ? IntegrityCode.ChecksumMismatch : IntegrityCode.ChecksumUnreadable;
            ledger.addSourceEvent({
                code,
                sourceId: input.sourceId,
                offset: 0,
                chunksBefore: 0,
                nonDataLinesBefore: 0,
                position: 'whole',
                message: status === 'mismatch'
                    ? `sha256 ${actual} differs from ${expected} in ${input.checksumFile}: the file changed or was tampered with`
                    : `${input.checksumFile} holds no sha256 digest`,
            });
            ledger.addSourceCounts({ [code]: 1 });
        }
    }
    return results;
}
//# sourceMappingURL=source.js.map