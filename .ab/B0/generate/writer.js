import { open } from 'node:fs/promises';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { zeekClose, zeekHeader } from './zeek-schema.js';
const INDEX_SPAN = 2 ** 22;
/** Free bytes guaranteed at every `begin()`; no generated line comes close (longest ≈ 1 KiB). */
const LINE_RESERVE = 16 * 1024;
const C_TAB = 9;
const C_NL = 10;
const C_DASH = 45;
const C_DOT = 46;
const C_ZERO = 48;
/*
 * Field writers: pure functions over (buffer, position) returning the new position. Keeping the
 * position in a local across a whole line (rather than `this.pos` per field) is worth ~25 % of
 * formatting time. Callers guarantee room: `SliceLines.begin` reserves LINE_RESERVE bytes.
 */
export const TAB = C_TAB;
export const NL = C_NL;
export const DASH = C_DASH;
/** "00".."99": two digits per division. */
const DIGIT_PAIRS = Buffer.alloc(200);
for (let i = 0; i < 100; i++) {
    DIGIT_PAIRS[2 * i] = C_ZERO + Math.floor(i / 10);
    DIGIT_PAIRS[2 * i + 1] = C_ZERO + (i % 10);
}
/** Non-negative integer below 2^53. */
export function putUint(b, p, n) {
    if (n < 10) {
        b[p] = C_ZERO + n;
        return p + 1;
    }
    let digits = 2;
    for (let q = 100; q <= n; q *= 10)
        digits++;
    const end = p + digits;
    let i = end;
    if (n < 2147483648) {
        let v = n | 0;
        while (v >= 100) {
            const q = (v / 100) | 0;
            const r = (v - q * 100) << 1;
            b[--i] = DIGIT_PAIRS[r + 1];
            b[--i] = DIGIT_PAIRS[r];
            v = q;
        }
        if (v >= 10) {
            b[--i] = DIGIT_PAIRS[(v << 1) + 1];
            b[--i] = DIGIT_PAIRS[v << 1];
        }
        else {
            b[--i] = C_ZERO + v;
        }
    }
    else {
        // Beyond int32 a float quotient by 100 can round up; one digit at a time stays exact.
        let v = n;
        while (v > 0) {
            const q = Math.floor(v / 10);
            b[--i] = C_ZERO + v - q * 10;
            v = q;
        }
    }
    return end;
}
/** Integer microseconds as Zeek prints `time`/`interval`: seconds with six decimals. */
export function putMicros(b, p, us) {
    const sec = Math.floor(us / 1e6);
    let frac = us - sec * 1e6;
    p = putUint(b, p, sec);
    b[p] = C_DOT;
    for (let k = 5; k > 0; k -= 2) {
        const q = (frac / 100) | 0;
        const r = (frac - q * 100) << 1;
        b[p + k + 1] = DIGIT_PAIRS[r + 1];
        b[p + k] = DIGIT_PAIRS[r];
        frac = q;
    }
    return p + 7;
}
/** Short byte strings are cheaper to copy in JS than through a native call; long ones not. */
const NATIVE_COPY_FROM = 24;
export function putBytes(b, p, u) {
    const n = u.length;
    if (n >= NATIVE_COPY_FROM)
        return p + u.copy(b, p);
    for (let i = 0; i < n; i++)
        b[p + i] = u[i];
    return p + n;
}
/** ASCII text (callers only pass ASCII: names, domains, fixed tokens). */
export function putAscii(b, p, s) {
    const n = s.length;
    if (n >= NATIVE_COPY_FROM)
        return p + b.write(s, p, 'latin1');
    for (let i = 0; i < n; i++)
        b[p + i] = s.charCodeAt(i);
    return p + n;
}
export function putBool(b, p, v) {
    b[p] = v ? 84 : 70;
    return p + 1;
}
export class SliceLines {
    bytes = Buffer.allocUnsafe(1 << 20);
    pos = 0;
    count = 0;
    keys = new Float64Array(1 << 14);
    starts = new Uint32Array(1 << 14);
    baseUs = 0;
    reset(baseUs) {
        this.baseUs = baseUs;
        this.pos = 0;
        this.count = 0;
    }
    /**
     * Starts a line whose `ts` is `tsUs` (integer microseconds); the caller then writes from
     * `pos` into `bytes` (at most LINE_RESERVE bytes, ending in a newline) and stores the new `pos`.
     */
    begin(tsUs) {
        const n = this.count;
        if (n >= INDEX_SPAN) {
            throw new NetscryError(ErrorCode.Internal, 'generator slice holds too many lines', { lines: n });
        }
        if (n === this.keys.length) {
            const keys = new Float64Array(n * 2);
            keys.set(this.keys);
            this.keys = keys;
            const starts = new Uint32Array(n * 2);
            starts.set(this.starts);
            this.starts = starts;
        }
        if (this.bytes.length - this.pos < LINE_RESERVE) {
            const grown = Buffer.allocUnsafe(this.bytes.length * 2);
            this.bytes.copy(grown, 0, 0, this.pos);
            this.bytes = grown;
        }
        this.keys[n] = (tsUs - this.baseUs) * INDEX_SPAN + n;
        this.starts[n] = this.pos;
        this.count = n + 1;
    }
    /**
     * Sorts the slice and hands each line before `cutUs` to `sink`; later lines go to `carry`.
     * Lines that were emitted back to back and stay adjacent after sorting go out as one copy.
     */
    drain(cutUs, sink, carry) {
        const n = this.count;
        const keys = this.keys.subarray(0, n);
        keys.sort();
        const cutRel = cutUs - this.baseUs;
        let runStart = 0;
        let runStop = -1;
        let runLines = 0;
        for (let i = 0; i < n; i++) {
            const key = keys[i];
            const rel = Math.floor(key / INDEX_SPAN);
            const idx = key - rel * INDEX_SPAN;
            const start = this.starts[idx];
            const stop = idx + 1 < n ? this.starts[idx + 1] : this.pos;
            if (rel < cutRel) {
                if (start === runStop) {
                    runStop = stop;
                    runLines++;
                }
                else {
                    if (runLines > 0)
                        sink.append(this.bytes, runStart, runStop, runLines);
                    runStart = start;
                    runStop = stop;
                    runLines = 1;
                }
            }
            else {
                carry.begin(this.baseUs + rel);
                carry.copyLine(this.bytes, start, stop);
            }
        }
        if (runLines > 0)
            sink.append(this.bytes, runStart, runStop, runLines);
        this.pos = 0;
        this.count = 0;
    }
    /**
     * Removes the line begun last (fully written) and returns a copy of its bytes. Used for conn
     * lines that end too far ahead for this slice's keys: its key was computed but is never read.
     */
    takeLast() {
        const n = this.count - 1;
        const start = this.starts[n];
        const line = Buffer.allocUnsafe(this.pos - start);
        this.bytes.copy(line, 0, start, this.pos);
        this.pos = start;
        this.count = n;
        return line;
    }
    /** Appends a finished line (its bytes, newline included) keyed by `tsUs`. */
    push(tsUs, line) {
        this.begin(tsUs);
        this.copyLine(line, 0, line.length);
    }
    copyLine(src, start, stop) {
        src.copy(this.bytes, this.pos, start, stop);
        this.pos += stop - start;
    }
}
/**
 * Lines held back because they are due far in the future: conn lines of long connections,
 * which Zeek writes when the connection ends, minutes to hours after it started. Keying them
 * in a slice would overflow the slice's 2^53 key space and carrying them would copy them
 * every slice, so they wait here as their own small buffers in a binary min-heap on
 * (due time, sequence number); the sequence number is the emission order, which keeps equal
 * due times in a fixed order. Costs one allocation and O(log held) per held line; only a small
 * share of connections outlive a slice or two (≈ 0.2 % of a benign day, ≤ 50 held at once for
 * 200 hosts), so the heap stays small and memory is bounded by the connections open at once.
 */
export class HeldLines {
    due = [];
    seq = [];
    lines = [];
    get size() {
        return this.due.length;
    }
    hold(dueUs, seq, line) {
        const due = this.due;
        const seqs = this.seq;
        const lines = this.lines;
        let i = due.length;
        due.push(dueUs);
        seqs.push(seq);
        lines.push(line);
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(dueUs, seq, due[parent], seqs[parent]))
                break;
            due[i] = due[parent];
            seqs[i] = seqs[parent];
            lines[i] = lines[parent];
            i = parent;
        }
        due[i] = dueUs;
        seqs[i] = seq;
        lines[i] = line;
    }
    /** Moves every line due before `cutUs` into `into`, earliest first (keyed by its due time). */
    release(cutUs, into) {
        while (this.due.length > 0 && this.due[0] < cutUs) {
            const dueUs = this.due[0];
            into.push(dueUs, this.pop());
        }
    }
    /** Writes every held line to `sink`, earliest first, and empties the heap. */
    flush(sink) {
        while (this.due.length > 0) {
            const line = this.pop();
            sink.append(line, 0, line.length, 1);
        }
    }
    pop() {
        const due = this.due;
        const seqs = this.seq;
        const lines = this.lines;
        const top = lines[0];
        const lastDue = due.pop();
        const lastSeq = seqs.pop();
        const lastLine = lines.pop();
        const n = due.length;
        if (n === 0)
            return top;
        let i = 0;
        for (;;) {
            const l = 2 * i + 1;
            if (l >= n)
                break;
            const r = l + 1;
            const child = r < n && before(due[r], seqs[r], due[l], seqs[l]) ? r : l;
            if (!before(due[child], seqs[child], lastDue, lastSeq))
                break;
            due[i] = due[child];
            seqs[i] = seqs[child];
            lines[i] = lines[child];
            i = child;
        }
        due[i] = lastDue;
        seqs[i] = lastSeq;
        lines[i] = lastLine;
        return top;
    }
}
function before(dueA, seqA, dueB, seqB) {
    return dueA < dueB || (dueA === dueB && seqA < seqB);
}
/**
 * A Zeek TSV file written through two alternating buffers: one fills while the other is on its
 * way to disk, so formatting overlaps I/O and at most two slices of bytes are held.
 */
export class LogFile {
    fh;
    path;
    lines = 0;
    bytes = 0;
    buf = Buffer.allocUnsafe(1 << 20);
    spare = Buffer.allocUnsafe(1 << 20);
    len = 0;
    inflight = Promise.resolve();
    constructor(fh, path) {
        this.fh = fh;
        this.path = path;
    }
    static async create(path, schema, openEpochSeconds) {
        let fh;
        try {
            fh = await open(path, 'w');
        }
        catch (err) {
            throw outputError(path, err);
        }
        const file = new LogFile(fh, path);
        file.appendText(zeekHeader(schema, openEpochSeconds));
        return file;
    }
    /** Bytes appended and not yet handed to a write. */
    get buffered() {
        return this.len;
    }
    /** Appends `lines` whole record lines (newlines included). */
    append(src, start, stop, lines) {
        this.put(src, start, stop);
        this.lines += lines;
    }
    /** Starts writing what was appended; resolves once the previous write has finished. */
    async flush() {
        await this.inflight;
        if (this.len === 0)
            return;
        const full = this.buf;
        const size = this.len;
        this.buf = this.spare;
        this.spare = full;
        this.len = 0;
        this.bytes += size;
        this.inflight = this.writeAll(full, size);
        // A failed write is rethrown by the next flush/close; until then it must not count as unhandled.
        this.inflight.catch(() => undefined);
    }
    async close(closeEpochSeconds) {
        try {
            await this.flush();
            this.appendText(zeekClose(closeEpochSeconds));
            await this.flush();
            await this.inflight;
        }
        finally {
            await this.fh.close();
        }
    }
    /** Closes the file without the `#close` trailer (the run failed; the file is incomplete). */
    async abort() {
        await this.inflight.catch(() => undefined);
        await this.fh.close();
    }
    appendText(text) {
        const b = Buffer.from(text, 'latin1');
        this.put(b, 0, b.length);
    }
    put(src, start, stop) {
        const size = stop - start;
        if (this.len + size > this.buf.length)
            this.grow(this.len + size);
        src.copy(this.buf, this.len, start, stop);
        this.len += size;
    }
    grow(need) {
        let size = this.buf.length * 2;
        while (size < need)
            size *= 2;
        const grown = Buffer.allocUnsafe(size);
        this.buf.copy(grown, 0, 0, this.len);
        this.buf = grown;
    }
    async writeAll(data, size) {
        let offset = 0;
        try {
            while (offset < size) {
                const { bytesWritten } = await this.fh.write(data, offset, size - offset);
                offset += bytesWritten;
            }
        }
        catch (err) {
            throw outputError(this.path, err);
        }
    }
}
function outputError(path, err) {
    const message = err instanceof Error ? err.message : String(err);
    return new NetscryError(ErrorCode.OutputFailed, `cannot write ${path}: ${message}`, { path });
}
//# sourceMappingURL=writer.js.map