/**
 * Per-chunk bookkeeping shared by the TSV and JSON parsers: the reused row, event limits and
 * counts, record statistics and the time-ordering check. One instance per parser; `begin()`
 * clears it for the next chunk.
 */
import { COUNTER_COUNT, RecordKind, RecordRow, STR_COUNT } from '../../shared/record.js';
import { IntegrityCode } from '../events.js';
const CODES = Object.values(IntegrityCode);
const CODE_INDEX = new Map(CODES.map((c, i) => [c, i]));
/**
 * Equivalent of `row.reset()` as plain stores: `reset()` calls `fill()` four times, and those
 * builtin calls cost about as much as parsing a short Zeek line. A test keeps the two in step.
 */
/**
 * Hands a chunk's bytes to `region` as runs that each end in '\n': first all whole lines in
 * place, then the unterminated last line (if any) copied into `scratch` with a '\n' appended,
 * so a parser's scan loop never checks for the end of the buffer. `offset` is where the run's
 * bytes sit in the chunk. Returns the scratch buffer, grown when the last line needed it.
 */
export function forEachTerminatedRun(bytes, scratch, region) {
    const n = bytes.length;
    let end = n;
    while (end > 0 && bytes[end - 1] !== NEWLINE)
        end--;
    if (end > 0)
        region(bytes, 0, end, 0);
    if (end === n)
        return scratch;
    const len = n - end;
    const tail = scratch.length < len + 1 ? new Uint8Array(Math.max(len + 1, scratch.length * 2)) : scratch;
    tail.set(bytes.subarray(end, n), 0);
    tail[len] = NEWLINE;
    region(tail, 0, len + 1, end);
    return tail;
}
const NEWLINE = 0x0a;
/**
 * The ts_backwards message, one text whether the step is inside a chunk (here) or across a
 * chunk boundary (the coordinator's ledger), so summary.json does not depend on chunk size.
 */
export function tsBackwardsMessage(last, key, tolerance) {
    return `time runs backwards by ${(last - key).toFixed(6)} s (tolerance ${tolerance} s): ordering key ${key.toFixed(6)} after ${last.toFixed(6)}`;
}
export function resetRow(row) {
    row.kind = RecordKind.Generic;
    row.schema = undefined;
    row.proto = 0;
    row.connState = 0;
    row.flags = 0;
    row.origPort = 0;
    row.respPort = 0;
    row.lineOffset = 0;
    row.ts = Number.NaN;
    row.duration = Number.NaN;
    const c = row.counters;
    for (let k = 0; k < COUNTER_COUNT; k++)
        c[k] = Number.NaN;
    const a = row.addr;
    a[0] = 0;
    a[1] = 0;
    a[2] = 0;
    a[3] = 0;
    a[4] = 0;
    a[5] = 0;
    a[6] = 0;
    a[7] = 0;
    const ss = row.strStart;
    const se = row.strEnd;
    for (let k = 0; k < STR_COUNT; k++) {
        ss[k] = 0;
        se[k] = 0;
    }
}
export class ChunkContext {
    row = new RecordRow();
    maxLineBytes;
    maxEventsPerCode;
    tolerance;
    sink;
    counts = new Int32Array(CODES.length);
    events = [];
    lines = 0;
    records = 0;
    byPath = new Map();
    firstKey = Number.NaN;
    lastKey = Number.NaN;
    firstLine = 0;
    firstOffset = 0;
    minTs = Number.POSITIVE_INFINITY;
    maxTs = Number.NEGATIVE_INFINITY;
    constructor(options) {
        this.maxLineBytes = options.maxLineBytes;
        this.maxEventsPerCode = options.maxEventsPerCode;
        this.tolerance = options.tsToleranceSeconds;
    }
    begin(sink) {
        this.sink = sink;
        this.counts.fill(0);
        this.events = [];
        this.lines = 0;
        this.records = 0;
        this.byPath = new Map();
        this.firstKey = Number.NaN;
        this.lastKey = Number.NaN;
        this.firstLine = 0;
        this.firstOffset = 0;
        this.minTs = Number.POSITIVE_INFINITY;
        this.maxTs = Number.NEGATIVE_INFINITY;
    }
    /**
     * Counts one event and tells whether to keep it; build the message only when this returns
     * true, so a chunk of a million bad lines costs counts, not strings.
     */
    want(code) {
        const i = CODE_INDEX.get(code);
        const n = ++this.counts[i];
        return n <= this.maxEventsPerCode;
    }
    keep(code, lineInChunk, offsetInChunk, message) {
        this.events.push({ code, lineInChunk, offsetInChunk, message });
    }
    event(code, lineInChunk, offsetInChunk, message) {
        if (this.want(code))
            this.keep(code, lineInChunk, offsetInChunk, message());
    }
    /**
     * Pushes the filled row. `key` is the ordering key (ts, or ts + duration for conn); a step
     * back of more than the tolerance behind the previous record's key is reported. NaN keys are
     * neither checked nor remembered. `trafficTime` false: the row's ts is not traffic time
     * (plan.ts `isTrafficTime`) and leaves the time range alone.
     */
    emit(row, key, lineOffset, trafficTime) {
        const ts = row.ts;
        if (trafficTime) {
            if (ts < this.minTs)
                this.minTs = ts;
            if (ts > this.maxTs)
                this.maxTs = ts;
        }
        if (!Number.isNaN(key)) {
            const last = this.lastKey;
            if (Number.isNaN(last)) {
                if (Number.isNaN(this.firstKey)) {
                    this.firstKey = key;
                    this.firstLine = row.line;
                    this.firstOffset = lineOffset;
                }
            }
            else if (last - key > this.tolerance) {
                this.event(IntegrityCode.TsBackwards, row.line, lineOffset, () => tsBackwardsMessage(last, key, this.tolerance));
            }
            this.lastKey = key;
        }
        this.records++;
        this.sink.push(row);
    }
    addPathRecords(path, n) {
        if (n > 0)
            this.byPath.set(path, (this.byPath.get(path) ?? 0) + n);
    }
    result() {
        const eventCounts = {};
        for (let i = 0; i < CODES.length; i++) {
            const n = this.counts[i];
            if (n > 0)
                eventCounts[CODES[i]] = n;
        }
        this.sink = undefined;
        return {
            lines: this.lines,
            records: this.records,
            recordsByPath: Object.fromEntries(this.byPath),
            events: this.events,
            eventCounts,
            firstOrderTs: this.firstKey,
            lastOrderTs: this.lastKey,
            firstRecordLine: this.firstLine,
            firstRecordOffset: this.firstOffset,
            minTs: this.minTs === Number.POSITIVE_INFINITY ? Number.NaN : this.minTs,
            maxTs: this.maxTs === Number.NEGATIVE_INFINITY ? Number.NaN : this.maxTs,
        };
    }
}
//# sourceMappingURL=context.js.map