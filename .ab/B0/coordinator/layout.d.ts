import { type SchemaCache } from '../ingest/zeek/index.js';
import type { ZeekHeader } from '../ingest/zeek/types.js';
import type { InputFile } from './inputs.js';
import type { ChunkLedger } from './ledger.js';
import type { RunPlan } from './options.js';
/** A plain log laid out for reading in ranges: its header (TSV) and where its data lines are. */
export interface Layout {
    readonly input: InputFile;
    readonly format: 'tsv' | 'json';
    /** TSV: the file's one header; JSON: none. */
    readonly header: ZeekHeader | undefined;
    readonly dataStart: number;
    readonly dataEnd: number;
    /** Directive lines before the first data line. */
    readonly headerLines: number;
    /** A TSV log without `#close` at its end (dataEnd is then the file's end): the framer reports it. */
    readonly missingClose: boolean;
}
/** Whether an input could be read in ranges (its contents decide the rest: `layoutOf`). */
export declare function rangeCandidate(input: InputFile): boolean;
/**
 * The header (as the framer reads it) and the data lines of a plain Zeek log: undefined when a
 * TSV header has a problem the framer would report, there is no data line, or the file ends
 * inside a line (or, TSV, with a directive other than `#close`).
 */
export declare function layoutOf(input: InputFile, plan: Pick<RunPlan, 'chunkBytes' | 'engine'>, schemas: SchemaCache): Layout | undefined;
/** The offset after the first '\n' at or after `from` in the open file `fd` (or `limit`). */
export declare function nextLineStart(fd: number, from: number, limit: number): number;
/**
 * Where a laid-out log's ranges of about `rangeBytes` end: each cut moved to the next line
 * start (a read of a few bytes there, through one descriptor), the last one at `dataEnd`.
 */
export declare function rangeEnds(layout: Layout, rangeBytes: number): number[];
/**
 * Books what the framer reports at the end of a log without `#close` (missing_close, on its
 * last line), for a log read in `chunks` ranges instead.
 */
export declare function bookMissingClose(ledger: ChunkLedger, layout: Layout, chunks: number): void;
