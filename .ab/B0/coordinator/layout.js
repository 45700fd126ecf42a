/**
 * Where the data lines of a plain Zeek log are, read off its first and last few KiB. TSV: the
 * header at its top (as the framer reads it), the `#close` line at its end if there is one,
 * and the byte range between; JSON: the whole file (the framer gives no line of it a special
 * meaning). Such a log needs no framing: actors read ranges of it themselves, cut at line
 * starts (sharded runs: ChunkSource; direct runs: coordinator/direct.ts), and the
 * coordinator touches no data byte. A TSV log without `#close` (cut short, or still being
 * written) qualifies when it ends with a whole line, and gets the framer's missing_close event.
 * Anything else — gzip, a stream, a header problem, a cut last line — is framed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFully } from '../engine/read-range.js';
import { IntegrityCode } from '../ingest/events.js';
import { parseDirective, ZeekFramer } from '../ingest/zeek/index.js';
const NL = 0x0a;
const HASH = 0x23;
const BRACE = 0x7b;
/** First read for a log's header; a header longer than the largest is framed instead. */
const HEAD_BYTES = 64 * 1024;
const MAX_HEAD_BYTES = 1 << 20;
/** `#close` and its timestamp. */
const TAIL_BYTES = 4096;
/** Whether an input could be read in ranges (its contents decide the rest: `layoutOf`). */
export function rangeCandidate(input) {
    return (input.format === 'tsv' || input.format === 'json') && !input.gzip && input.stream === undefined;
}
/**
 * The header (as the framer reads it) and the data lines of a plain Zeek log: undefined when a
 * TSV header has a problem the framer would report, there is no data line, or the file ends
 * inside a line (or, TSV, with a directive other than `#close`).
 */
export function layoutOf(input, plan, schemas) {
    try {
        return input.format === 'json' ? jsonLayout(input) : tsvLayout(input, plan, schemas);
    }
    catch (err) {
        // Gone or unreadable since it was found: framing reports it as it does for any input.
        if ((err.code ?? '').startsWith('E'))
            return undefined;
        throw err;
    }
}
function tsvLayout(input, plan, schemas) {
    const fd = openSync(input.path, 'r');
    try {
        // A header is a few hundred bytes: read 64 KiB, and more only for a header that long.
        let found;
        let head = Buffer.alloc(0);
        for (let want = HEAD_BYTES; found === undefined; want *= 16) {
            const buf = Buffer.allocUnsafe(Math.min(input.size, want));
            head = buf.subarray(0, readFully(fd, buf, buf.length, 0));
            found = headerEnd(head);
            if (found === undefined && (head.length < want || want >= MAX_HEAD_BYTES))
                return undefined;
        }
        const { dataStart, headerLines, firstEnd } = found;
        if (headerLines === 0)
            return undefined;
        // The framer reads the header exactly as in a framed run; any event means "not simple".
        const framer = new ZeekFramer({
            file: input.path,
            chunkBytes: plan.chunkBytes,
            maxLineBytes: plan.engine.parse.maxLineBytes,
            schemas,
        });
        const pushed = framer.push(head.subarray(0, firstEnd + 1));
        const flushed = framer.flush();
        const chunk = flushed.chunks[0] ?? pushed.chunks[0];
        if (pushed.events.length + flushed.events.length > 0 || chunk?.header === undefined)
            return undefined;
        if (chunk.startOffset !== dataStart)
            return undefined;
        const tailLength = Math.min(input.size - dataStart, TAIL_BYTES);
        const tail = Buffer.allocUnsafe(tailLength);
        const tailStart = input.size - tailLength;
        if (readFully(fd, tail, tailLength, tailStart) < tailLength)
            return undefined;
        let end = tailLength;
        const ended = end > 0 && tail[end - 1] === NL;
        if (ended)
            end--;
        const lineStart = tail.lastIndexOf(NL, end - 1) + 1;
        if (lineStart === 0)
            return undefined;
        const open = { input, format: 'tsv', header: chunk.header, dataStart, headerLines };
        // No #close: ranges when the last line is whole; a cut last line is the framer's to judge.
        if (tail[lineStart] !== HASH)
            return ended ? { ...open, dataEnd: input.size, missingClose: true } : undefined;
        let textEnd = end;
        if (textEnd > lineStart && tail[textEnd - 1] === 0x0d)
            textEnd--;
        const text = tail.toString('utf8', lineStart, textEnd);
        if (parseDirective(text, chunk.header.separator).kind !== 'close')
            return undefined;
        const dataEnd = tailStart + lineStart;
        if (dataEnd <= dataStart)
            return undefined;
        return { ...open, dataEnd, missingClose: false };
    }
    finally {
        closeSync(fd);
    }
}
/** A JSON log: its first line opens an object and its last one is whole. */
function jsonLayout(input) {
    if (input.size === 0)
        return undefined;
    const fd = openSync(input.path, 'r');
    try {
        const first = Buffer.alloc(1);
        const last = Buffer.alloc(1);
        if (readFully(fd, first, 1, 0) < 1 || readFully(fd, last, 1, input.size - 1) < 1)
            return undefined;
        if (first[0] !== BRACE || last[0] !== NL)
            return undefined;
        return {
            input,
            format: 'json',
            header: undefined,
            dataStart: 0,
            dataEnd: input.size,
            headerLines: 0,
            missingClose: false,
        };
    }
    finally {
        closeSync(fd);
    }
}
/**
 * Where the directive lines at the top of `head` end: the first data line's start and end, and
 * how many directive lines precede it; undefined when `head` holds no complete data line.
 */
function headerEnd(head) {
    let dataStart = 0;
    let headerLines = 0;
    while (dataStart < head.length && head[dataStart] === HASH) {
        const nl = head.indexOf(NL, dataStart);
        if (nl < 0)
            return undefined;
        dataStart = nl + 1;
        headerLines++;
    }
    const firstEnd = head.indexOf(NL, dataStart);
    if (firstEnd < 0)
        return undefined;
    return { dataStart, headerLines, firstEnd };
}
/** Scratch for `nextLineStart` (a Zeek line is far shorter; a longer one takes more reads). */
const LINE_SCAN = Buffer.allocUnsafe(16 * 1024);
/** The offset after the first '\n' at or after `from` in the open file `fd` (or `limit`). */
export function nextLineStart(fd, from, limit) {
    for (let pos = from; pos < limit; pos += LINE_SCAN.length) {
        const n = readSync(fd, LINE_SCAN, 0, Math.min(LINE_SCAN.length, limit - pos), pos);
        if (n <= 0)
            break;
        const nl = LINE_SCAN.subarray(0, n).indexOf(NL);
        if (nl >= 0)
            return pos + nl + 1;
    }
    return limit;
}
/**
 * Where a laid-out log's ranges of about `rangeBytes` end: each cut moved to the next line
 * start (a read of a few bytes there, through one descriptor), the last one at `dataEnd`.
 */
export function rangeEnds(layout, rangeBytes) {
    const ends = [];
    const fd = openSync(layout.input.path, 'r');
    try {
        for (let pos = layout.dataStart; pos < layout.dataEnd; pos = ends.at(-1)) {
            const end = Math.min(layout.dataEnd, pos + rangeBytes);
            ends.push(end < layout.dataEnd ? nextLineStart(fd, end, layout.dataEnd) : end);
        }
    }
    finally {
        closeSync(fd);
    }
    return ends;
}
/**
 * Books what the framer reports at the end of a log without `#close` (missing_close, on its
 * last line), for a log read in `chunks` ranges instead.
 */
export function bookMissingClose(ledger, layout, chunks) {
    if (!layout.missingClose)
        return;
    const code = IntegrityCode.MissingClose;
    ledger.addSourceEvent({
        code,
        sourceId: layout.input.sourceId,
        offset: layout.input.size,
        chunksBefore: chunks,
        nonDataLinesBefore: layout.headerLines,
        position: 'atEnd',
        message: 'file ends without #close: it was cut short or is still being written',
    });
    ledger.addSourceCounts({ [code]: 1 });
}
//# sourceMappingURL=layout.js.map