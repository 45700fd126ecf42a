/**
 * Cuts a decompressed Zeek log into chunks of whole data lines and tracks its `#` directives.
 *
 * Runs on the coordinator's main thread, so it never loops over bytes in JS: line ends and
 * directive lines are found with native `Buffer#indexOf`/`lastIndexOf` ("\n#" and the first
 * byte of the file), and bytes move with `set`/`copyWithin`/`slice` (memcpy). Per 4 MiB chunk
 * that is about two copies and a few native scans; per directive line a small string decode.
 *
 * Contract of the output:
 *  - every chunk holds only data lines, all under one header (a directive line, a dropped
 *    over-long line and the end of input each end the current chunk);
 *  - every line of a chunk ends with '\n' except possibly the file's last one;
 *  - `bytes` is a fresh Uint8Array that exactly owns its ArrayBuffer (byteOffset 0,
 *    byteLength = length): transfer `bytes.buffer` to a worker, nothing else is cloned with it;
 *  - a chunk is about `chunkBytes` long: cut at the last '\n' at or before `chunkBytes`; a single
 *    line longer than that (but within `maxLineBytes`) is a chunk of its own;
 *  - lines are not counted here (that would be per-byte work). A line's number in the file is
 *
 *        directiveLinesBefore + droppedLinesBefore + (data lines of the file's earlier chunks)
 *          + lineInChunk
 *
 *    where the data lines of a chunk are `ChunkParseResult.lines`. A FramerEvent sits on a line
 *    that belongs to no chunk (a directive or a dropped line): its number is the same sum over
 *    the first `chunksBefore` chunks, plus 1. `fileLine()` below does the arithmetic.
 */
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { IntegrityCode } from '../events.js';
import { HeaderAccumulator, parseDirective, SchemaCache, truncateText, } from './header.js';
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
export const DEFAULT_FRAMER_EVENTS_PER_CODE = 100;
export const SUPPORTED_FORMATS_TEXT = 'Zeek TSV or Zeek JSON logs, plain or gzip';
/** Turns an unsupported-format result into the typed error the CLI prints. */
export function unsupportedFormatError(u) {
    return new NetscryError(ErrorCode.UnsupportedFormat, u.message, { file: u.file });
}
/** File line number (1-based) of `lineInChunk` of a chunk, or of an event (lineInChunk = 1). */
export function fileLine(pos, dataLinesOfEarlierChunks, lineInChunk = 1) {
    return pos.directiveLinesBefore + pos.droppedLinesBefore + dataLinesOfEarlierChunks + lineInChunk;
}
const NL = 0x0a;
const HASH = 0x23;
const BRACE = 0x7b;
const NL_HASH = Buffer.from('\n#', 'latin1');
const INITIAL_BUFFER = 64 * 1024;
const NO_OUTPUT = Object.freeze({ chunks: [], events: [], unsupported: undefined });
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
/**
 * Feed it successive blocks of one decompressed file, then call `end()` once.
 * Not reusable across files (make one per file; share `schemas`).
 */
export class ZeekFramer {
    file;
    chunkBytes;
    maxLineBytes;
    maxEventsPerCode;
    schemas;
    detected;
    unsupportedResult;
    /**
     * Live bytes are buf[runStart, len): complete data lines [runStart, lineStart) waiting to
     * become a chunk, then one incomplete (or not yet classified) line [lineStart, len).
     * bufOffset is the file offset of buf[0].
     */
    buf;
    len = 0;
    runStart = 0;
    lineStart = 0;
    bufOffset = 0;
    /** Dropping an over-long line until its '\n'; skipFrom is its file offset. */
    skipping = false;
    skipFrom = 0;
    ended = false;
    chunkIndex = 0;
    directiveLines = 0;
    droppedLines = 0;
    acc = new HeaderAccumulator();
    header;
    /** Data lines were framed under `header` (a later different header is a header change). */
    dataSinceHeader = false;
    /** The last line seen was `#close` (a TSV file that ends otherwise was cut short). */
    closed = false;
    inBlock = false;
    blockStart;
    sawAnything = false;
    counts = new Map();
    outChunks = [];
    outEvents = [];
    constructor(options) {
        const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
        const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
        const maxEvents = options.maxEventsPerCode ?? DEFAULT_FRAMER_EVENTS_PER_CODE;
        if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > 1 << 30) {
            throw new NetscryError(ErrorCode.InvalidOption, `chunkBytes must be an integer in [1, 2^30], got ${chunkBytes}`);
        }
        if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1 || maxLineBytes > 1 << 30) {
            throw new NetscryError(ErrorCode.InvalidOption, `maxLineBytes must be an integer in [1, 2^30], got ${maxLineBytes}`);
        }
        if (!Number.isSafeInteger(maxEvents) || maxEvents < 0) {
            throw new NetscryError(ErrorCode.InvalidOption, `maxEventsPerCode must be a non-negative integer, got ${maxEvents}`);
        }
        this.file = options.file;
        this.chunkBytes = chunkBytes;
        this.maxLineBytes = maxLineBytes;
        this.maxEventsPerCode = maxEvents;
        this.schemas = options.schemas ?? new SchemaCache();
        this.buf = Buffer.allocUnsafeSlow(Math.min(INITIAL_BUFFER, this.capacityLimit()));
    }
    /** The detected format; undefined before the first byte. */
    get format() {
        return this.detected;
    }
    get unsupported() {
        return this.unsupportedResult;
    }
    /** Every event of this file so far, counted by code (including those not kept). */
    eventCounts() {
        return Object.fromEntries(this.counts);
    }
    /** The header in force now (after the last directive block seen). */
    get currentHeader() {
        return this.header;
    }
    push(block) {
        if (this.ended)
            throw new NetscryError(ErrorCode.Internal, 'ZeekFramer.push after end()');
        if (block.length === 0 || this.detected === 'unsupported')
            return NO_OUTPUT;
        if (this.detected === undefined) {
            const first = block[0];
            if (first === HASH)
                this.detected = 'tsv';
            else if (first === BRACE)
                this.detected = 'json';
            else {
                this.detected = 'unsupported';
                this.unsupportedResult = this.describeUnsupported(block);
                return { chunks: [], events: [], unsupported: this.unsupportedResult };
            }
        }
        this.sawAnything = true;
        let off = 0;
        const n = block.length;
        while (off < n) {
            if (this.skipping) {
                const nl = Buffer.from(block.buffer, block.byteOffset + off, n - off).indexOf(NL);
                if (nl < 0) {
                    this.bufOffset += n - off;
                    off = n;
                    break;
                }
                off += nl + 1;
                this.bufOffset += nl + 1;
                this.finishSkip(this.bufOffset - 1 - this.skipFrom);
                continue;
            }
            let free = this.buf.length - this.len;
            if (free === 0) {
                this.compact();
                free = this.buf.length - this.len;
                if (free === 0) {
                    this.grow();
                    free = this.buf.length - this.len;
                }
            }
            const take = Math.min(n - off, free);
            this.buf.set(block.subarray(off, off + take), this.len);
            this.len += take;
            off += take;
            this.advance(false);
        }
        return this.flushOutput();
    }
    /**
     * Emits the complete lines buffered so far as a (short) chunk without ending the file: for
     * live tailing, call it when the input goes idle so records do not wait for a full chunk.
     * The partial last line stays buffered.
     */
    flush() {
        if (this.ended || this.detected === 'unsupported' || this.skipping)
            return this.flushOutput();
        this.emitRun(this.lineStart);
        return this.flushOutput();
    }
    /** Ends the file: emits the last (unterminated) line and the end-of-file events. */
    end() {
        if (this.ended)
            return NO_OUTPUT;
        this.ended = true;
        if (this.detected === 'unsupported')
            return NO_OUTPUT;
        if (this.skipping)
            this.finishSkip(this.bufOffset - this.skipFrom);
        else
            this.advance(true);
        this.emitRun(this.lineStart);
        if (this.detected === 'tsv' && this.sawAnything && !this.closed) {
            this.event(IntegrityCode.MissingClose, this.bufOffset + this.len, true, 'file ends without #close: it was cut short or is still being written');
        }
        // The buffer is no longer needed; keep the object small if the caller holds on to it.
        this.buf = Buffer.alloc(0);
        return this.flushOutput();
    }
    capacityLimit() {
        // Live bytes never exceed a run below chunkBytes plus one line of at most maxLineBytes.
        return this.chunkBytes + this.maxLineBytes + 1;
    }
    /** Classifies whole lines from lineStart on; at end of input the last line needs no '\n'. */
    advance(atEnd) {
        const tsv = this.detected === 'tsv';
        for (;;) {
            const view = this.buf.subarray(0, this.len);
            const start = this.lineStart;
            if (start >= this.len)
                return;
            if (tsv && view[start] === HASH) {
                let nl = view.indexOf(NL, start);
                if (nl < 0) {
                    if (this.len - start > this.maxLineBytes) {
                        this.startSkip();
                        return;
                    }
                    if (!atEnd)
                        return;
                    nl = this.len;
                }
                if (nl - start > this.maxLineBytes) {
                    this.dropLine(start, nl);
                    continue;
                }
                this.directive(view, start, nl);
                continue;
            }
            let complete;
            const nextDirective = tsv ? view.indexOf(NL_HASH, start) : -1;
            if (nextDirective >= 0)
                complete = nextDirective + 1;
            else {
                const last = view.lastIndexOf(NL, this.len - 1);
                complete = last >= start ? last + 1 : start;
                if (atEnd)
                    complete = this.len;
            }
            if (complete > start) {
                this.dataSeen();
                // Over-long lines inside [start, complete) are only possible when lines arrived whole
                // in one block; find them with native search only when the run could hold one.
                if (complete - start > this.maxLineBytes && !this.checkLongLines(view, start, complete))
                    continue;
                this.lineStart = complete;
                this.emitFull();
                if (nextDirective >= 0)
                    continue;
            }
            if (this.len - this.lineStart > this.maxLineBytes)
                this.startSkip();
            return;
        }
    }
    /**
     * Finds a line longer than maxLineBytes in [start, complete) (lines that arrived whole, so
     * never sat in the carry-over). Returns true when there is none; otherwise frames the lines
     * before it, drops it and returns false so advance() goes on. Cost: one native lastIndexOf
     * per maxLineBytes of input, only for regions longer than maxLineBytes.
     */
    checkLongLines(view, start, complete) {
        const max = this.maxLineBytes;
        let p = start;
        while (complete - p > max) {
            // The line starting at p is within the limit iff a '\n' sits in view[p, p + max].
            const nl = view.lastIndexOf(NL, p + max);
            if (nl >= p) {
                p = nl + 1;
                continue;
            }
            let end = view.indexOf(NL, p + max);
            if (end < 0 || end >= complete)
                end = complete;
            this.lineStart = p;
            this.emitRun(p);
            this.dropLine(p, end);
            return false;
        }
        return true;
    }
    /** A data line follows: the directive block (if any) ends and its header takes effect. */
    dataSeen() {
        this.closed = false;
        if (this.inBlock) {
            this.inBlock = false;
            if (this.acc.dirty || this.header === undefined)
                this.rebuildHeader();
        }
        if (this.header !== undefined)
            this.dataSinceHeader = true;
    }
    rebuildHeader() {
        const previous = this.header;
        const { header, problem } = this.acc.build(this.schemas);
        const at = this.blockStart;
        if (problem && at)
            this.positionedEvent(IntegrityCode.FieldCount, at, problem.message);
        if (header === undefined)
            return;
        if (previous !== undefined && this.dataSinceHeader && at && headerDiffers(previous, header)) {
            this.positionedEvent(IntegrityCode.HeaderChange, at, describeChange(previous, header));
        }
        if (previous === undefined || previous.schema !== header.schema)
            this.dataSinceHeader = false;
        this.header = header;
    }
    /** One directive line at view[start, nl) (nl may be len at the end of input). */
    directive(view, start, nl) {
        this.emitRun(start);
        const offset = this.bufOffset + start;
        if (!this.inBlock) {
            this.inBlock = true;
            this.blockStart = {
                offset,
                chunksBefore: this.chunkIndex,
                directiveLinesBefore: this.directiveLines,
                droppedLinesBefore: this.droppedLines,
            };
        }
        let end = nl;
        if (end > start && view[end - 1] === 0x0d)
            end--;
        const text = utf8.decode(view.subarray(start, end));
        const d = parseDirective(text, this.acc.separator);
        const pos = {
            offset,
            chunksBefore: this.chunkIndex,
            directiveLinesBefore: this.directiveLines,
            droppedLinesBefore: this.droppedLines,
        };
        if (d.kind === 'unknown') {
            this.positionedEvent(IntegrityCode.UnknownDirective, pos, `unknown directive '#${truncateText(d.key, 40)}' ignored`);
        }
        const problem = this.acc.apply(d);
        if (problem)
            this.positionedEvent(IntegrityCode.UnparsableValue, pos, problem.message);
        this.closed = d.kind === 'close';
        this.directiveLines++;
        this.consumeLine(nl);
    }
    /** Drops the over-long line view[start, nl) that is wholly in the buffer. */
    dropLine(start, nl) {
        this.emitRun(start);
        this.lineTooLong(this.bufOffset + start, nl - start);
        this.closed = false;
        this.consumeLine(nl);
    }
    /** Marks everything up to and including the '\n' at nl (or the end) as consumed. */
    consumeLine(nl) {
        const next = Math.min(nl + 1, this.len);
        this.lineStart = next;
        this.runStart = next;
        if (next === this.len) {
            this.bufOffset += this.len;
            this.len = 0;
            this.lineStart = 0;
            this.runStart = 0;
        }
    }
    /** The partial line [lineStart, len) outgrew maxLineBytes: frame what precedes it, drop it. */
    startSkip() {
        this.emitRun(this.lineStart);
        this.skipping = true;
        this.skipFrom = this.bufOffset + this.lineStart;
        this.bufOffset += this.len;
        this.len = 0;
        this.lineStart = 0;
        this.runStart = 0;
    }
    finishSkip(lineBytes) {
        this.skipping = false;
        this.closed = false;
        this.lineTooLong(this.skipFrom, lineBytes);
    }
    lineTooLong(offset, bytes) {
        this.positionedEvent(IntegrityCode.LineTooLong, {
            offset,
            chunksBefore: this.chunkIndex,
            directiveLinesBefore: this.directiveLines,
            droppedLinesBefore: this.droppedLines,
        }, `line of ${bytes} bytes exceeds the ${this.maxLineBytes}-byte limit: skipped`);
        this.droppedLines++;
    }
    /** Emits full-size chunks while the run holds at least chunkBytes. */
    emitFull() {
        while (this.lineStart - this.runStart >= this.chunkBytes) {
            const view = this.buf.subarray(0, this.len);
            const cut = view.lastIndexOf(NL, this.runStart + this.chunkBytes - 1);
            if (cut >= this.runStart)
                this.emitRun(cut + 1);
            else {
                // The first line alone exceeds chunkBytes: it becomes a chunk of its own.
                const nl = view.indexOf(NL, this.runStart);
                this.emitRun(nl < 0 || nl >= this.lineStart ? this.lineStart : nl + 1);
            }
        }
    }
    /** Emits buf[runStart, end) (whole lines) as one chunk. */
    emitRun(end) {
        const start = this.runStart;
        if (end <= start)
            return;
        const bytes = new Uint8Array(end - start);
        bytes.set(this.buf.subarray(start, end));
        const tsv = this.detected === 'tsv';
        this.outChunks.push({
            index: this.chunkIndex++,
            file: this.file,
            format: tsv ? 'tsv' : 'json',
            header: tsv ? this.header : undefined,
            bytes,
            startOffset: this.bufOffset + start,
            directiveLinesBefore: this.directiveLines,
            droppedLinesBefore: this.droppedLines,
        });
        this.runStart = end;
    }
    /** Moves the live bytes to the front of the buffer. */
    compact() {
        const from = this.runStart;
        if (from === 0)
            return;
        this.buf.copyWithin(0, from, this.len);
        this.len -= from;
        this.lineStart -= from;
        this.runStart = 0;
        this.bufOffset += from;
    }
    grow() {
        const limit = this.capacityLimit();
        const size = Math.min(limit, this.buf.length * 2);
        if (size <= this.buf.length) {
            // Unreachable by the invariant (live bytes < limit after advance); fail loudly, not loop.
            throw new NetscryError(ErrorCode.Internal, 'ZeekFramer buffer invariant broken');
        }
        const next = Buffer.allocUnsafeSlow(size);
        this.buf.copy(next, 0, 0, this.len);
        this.buf = next;
    }
    positionedEvent(code, at, message) {
        if (!this.countEvent(code))
            return;
        this.outEvents.push({
            code,
            file: this.file,
            offset: at.offset,
            chunksBefore: at.chunksBefore,
            directiveLinesBefore: at.directiveLinesBefore,
            droppedLinesBefore: at.droppedLinesBefore,
            wholeFile: false,
            message,
        });
    }
    event(code, offset, wholeFile, message) {
        if (!this.countEvent(code))
            return;
        this.outEvents.push({
            code,
            file: this.file,
            offset,
            chunksBefore: this.chunkIndex,
            directiveLinesBefore: this.directiveLines,
            droppedLinesBefore: this.droppedLines,
            wholeFile,
            message,
        });
    }
    /** Counts the event; true when it is still within the kept limit. */
    countEvent(code) {
        const n = (this.counts.get(code) ?? 0) + 1;
        this.counts.set(code, n);
        return n <= this.maxEventsPerCode;
    }
    flushOutput() {
        if (this.outChunks.length === 0 && this.outEvents.length === 0)
            return NO_OUTPUT;
        const out = { chunks: this.outChunks, events: this.outEvents, unsupported: undefined };
        this.outChunks = [];
        this.outEvents = [];
        return out;
    }
    describeUnsupported(block) {
        const firstBytes = block.slice(0, 16);
        const b = block[0];
        const shown = b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}' ` : '';
        const hint = b === 0x1f && block[1] === 0x8b ? ' (gzip data: decompress before framing)' : '';
        const preview = latin1.decode(firstBytes).replace(/[^\x20-\x7e]/g, '.');
        return {
            kind: 'unsupported_format',
            file: this.file,
            firstBytes,
            message: `${this.file}: not a Zeek log (starts with ${shown}0x${b.toString(16).padStart(2, '0')}, "${preview}")${hint}; supported formats: ${SUPPORTED_FORMATS_TEXT}`,
        };
    }
}
function sameList(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
function headerDiffers(a, b) {
    return a.path !== b.path || !sameList(a.fields, b.fields) || !sameList(a.types, b.types);
}
function describeChange(a, b) {
    const parts = [];
    if (a.path !== b.path)
        parts.push(`#path '${a.path}' → '${b.path}'`);
    if (!sameList(a.fields, b.fields))
        parts.push(`#fields (${a.fields.length} → ${b.fields.length} fields)`);
    else if (!sameList(a.types, b.types))
        parts.push('#types');
    return `header changed mid-file: ${parts.join(', ')}`;
}
//# sourceMappingURL=framer.js.map