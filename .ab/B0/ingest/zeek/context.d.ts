/**
 * Per-chunk bookkeeping shared by the TSV and JSON parsers: the reused row, event limits and
 * counts, record statistics and the time-ordering check. One instance per parser; `begin()`
 * clears it for the next chunk.
 */
import { RecordRow } from '../../shared/record.js';
import { IntegrityCode } from '../events.js';
import type { ChunkParseResult, RecordSink, ZeekParseOptions } from './types.js';
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
export declare function forEachTerminatedRun(bytes: Uint8Array, scratch: Uint8Array, region: (buf: Uint8Array, start: number, end: number, offset: number) => void): Uint8Array;
/**
 * The ts_backwards message, one text whether the step is inside a chunk (here) or across a
 * chunk boundary (the coordinator's ledger), so summary.json does not depend on chunk size.
 */
export declare function tsBackwardsMessage(last: number, key: number, tolerance: number): string;
export declare function resetRow(row: RecordRow): void;
export declare class ChunkContext {
    readonly row: RecordRow;
    readonly maxLineBytes: number;
    readonly maxEventsPerCode: number;
    readonly tolerance: number;
    private sink;
    private readonly counts;
    private events;
    lines: number;
    records: number;
    private byPath;
    private firstKey;
    private lastKey;
    private firstLine;
    private firstOffset;
    private minTs;
    private maxTs;
    constructor(options: ZeekParseOptions);
    begin(sink: RecordSink): void;
    /**
     * Counts one event and tells whether to keep it; build the message only when this returns
     * true, so a chunk of a million bad lines costs counts, not strings.
     */
    want(code: IntegrityCode): boolean;
    keep(code: IntegrityCode, lineInChunk: number, offsetInChunk: number, message: string): void;
    event(code: IntegrityCode, lineInChunk: number, offsetInChunk: number, message: () => string): void;
    /**
     * Pushes the filled row. `key` is the ordering key (ts, or ts + duration for conn); a step
     * back of more than the tolerance behind the previous record's key is reported. NaN keys are
     * neither checked nor remembered. `trafficTime` false: the row's ts is not traffic time
     * (plan.ts `isTrafficTime`) and leaves the time range alone.
     */
    emit(row: RecordRow, key: number, lineOffset: number, trafficTime: boolean): void;
    addPathRecords(path: string, n: number): void;
    result(): ChunkParseResult;
}
