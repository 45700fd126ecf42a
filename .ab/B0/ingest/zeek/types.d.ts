/**
 * The contract between the coordinator's file sources and the Zeek parsers.
 *
 * The coordinator (main thread) only *frames*: it cuts the decompressed byte stream into chunks
 * of whole lines and tracks `#` directives with `ZeekFramer` (a native `indexOf` search, no
 * per-byte JS work) — or, for a plain log, only cuts its data into byte ranges at line starts
 * that the actors read themselves (`rangeLength`). Actors *parse*: `parseZeekChunk` turns a
 * chunk's data lines into rows.
 * Line numbers inside a chunk are relative (1 = the chunk's first line): only the coordinator
 * knows how many lines came before, and it turns them into file line numbers when reporting.
 */
import type { RecordRow, Schema } from '../../shared/record.js';
import type { IntegrityCode } from '../events.js';
/** The header in force for a run of TSV data lines. */
export interface ZeekHeader {
    /** Byte value of `#separator` (after `\xHH` unescaping). */
    readonly separator: number;
    readonly setSeparator: string;
    readonly emptyField: string;
    readonly unsetField: string;
    readonly path: string;
    readonly fields: readonly string[];
    readonly types: readonly string[];
    readonly open: string | undefined;
    /** The schema records parsed under this header carry. */
    readonly schema: Schema;
}
export type ZeekFormat = 'tsv' | 'json';
/** What a chunk holds: Zeek log lines, or captured packets (ingest/pcap/packet-chunk.ts). */
export type ChunkFormat = ZeekFormat | 'pcap';
/** A run of whole data lines (no directive lines) handed to one actor. */
export interface ZeekChunk {
    /** Global, gap-free chunk sequence number across all inputs of a run. */
    readonly seq: number;
    /** Index of the input file in the run. */
    readonly sourceId: number;
    readonly file: string;
    readonly format: ChunkFormat;
    /** TSV: the header in force at the first line; undefined for JSON (and TSV without header). */
    readonly header: ZeekHeader | undefined;
    /** Data lines, each ended by '\n' except perhaps the file's last one. */
    readonly bytes: Uint8Array;
    /** Byte offset of bytes[0] in the decompressed file. */
    readonly startOffset: number;
    /** Sharded runs: every actor checkpoints its state once it has consumed this chunk. */
    readonly checkpointAfter?: boolean;
    /**
     * A range of a plain Zeek log (coordinator/layout.ts): the actor reads these many bytes at
     * `startOffset` of `file` itself (engine/read-range.ts), and `bytes` is empty.
     */
    readonly rangeLength?: number;
}
export interface RecordSink {
    /** Receives every parsed record; the row is reused by the parser after the call returns. */
    push(row: RecordRow): void;
}
export interface ChunkEvent {
    readonly code: IntegrityCode;
    /** 1-based line within the chunk. */
    readonly lineInChunk: number;
    /** Byte offset within the chunk. */
    readonly offsetInChunk: number;
    readonly message: string;
}
export interface ZeekParseOptions {
    /** Lines longer than this are skipped and reported (line_too_long). */
    readonly maxLineBytes: number;
    /** Events kept per code per chunk; all are counted. */
    readonly maxEventsPerCode: number;
    /** Seconds a record's time may step back behind the previous record before it is reported. */
    readonly tsToleranceSeconds: number;
}
export interface ChunkParseResult {
    /** Lines in the chunk (data lines; blank lines count). */
    readonly lines: number;
    /** Records pushed to the sink. */
    readonly records: number;
    /** Records by log path (`conn`, `dns`, …). */
    readonly recordsByPath: Readonly<Record<string, number>>;
    /** The first `maxEventsPerCode` events of each code. */
    readonly events: readonly ChunkEvent[];
    /** Every event, counted by code. */
    readonly eventCounts: Readonly<Partial<Record<IntegrityCode, number>>>;
    /**
     * Ordering key (see the parser: ts, or ts + duration for conn) of the first and last record,
     * so the coordinator can check the step between chunks; NaN when the chunk has no record.
     */
    readonly firstOrderTs: number;
    readonly lastOrderTs: number;
    readonly firstRecordLine: number;
    /** Byte offset in the chunk of that record's line (0 if none). */
    readonly firstRecordOffset: number;
    readonly minTs: number;
    readonly maxTs: number;
}
