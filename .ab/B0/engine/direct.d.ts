import { type ZeekChunkInput } from '../ingest/zeek/index.js';
import type { ChunkParseResult, ZeekHeader, ZeekParseOptions } from '../ingest/zeek/types.js';
import { type HeatmapConfig, type HeatmapPartial } from '../report/heatmap/aggregate.js';
import type { LocalNetworks } from '../shared/addr.js';
import { type RangeStop } from './read-range.js';
/** A byte range of data lines of one input, starting at a line start. */
export interface DirectSegment {
    readonly sourceId: number;
    readonly path: string;
    readonly format: 'tsv' | 'json';
    /** TSV: the header the lines are parsed under (the file's only one); JSON: none. */
    readonly header: ZeekHeader | undefined;
    readonly start: number;
    readonly end: number;
}
/** One parsed piece of a segment: the unit the coordinator's ledger books like a chunk. */
export interface DirectPiece {
    readonly sourceId: number;
    readonly startOffset: number;
    readonly length: number;
    readonly result: ChunkParseResult;
}
/**
 * Why a direct run stopped: a directive line in a range, a line over the limit, a file shorter
 * than when it was laid out (all three: the coordinator frames the run instead), or more cells
 * than the budget (the sharded pipeline takes the run).
 */
export type DirectStop = RangeStop | 'cells';
export interface DirectOutput {
    readonly pieces: readonly DirectPiece[];
    readonly partial: HeatmapPartial | undefined;
    /** Set when the range could not be aggregated directly (see the module comment). */
    readonly stopped: DirectStop | undefined;
    /** Chunks or pieces parsed, their bytes and records. */
    readonly chunks: number;
    readonly bytes: number;
    readonly records: number;
}
/** Parses pieces of data lines into one heatmap aggregate. */
export declare class DirectAggregator {
    private readonly parser;
    private readonly heatmap;
    private readonly pieces;
    private readonly sink;
    private chunks;
    private bytes;
    private records;
    private stoppedBy;
    constructor(heatmap: HeatmapConfig, parse: Partial<ZeekParseOptions>, local: LocalNetworks);
    get stopped(): DirectStop | undefined;
    /**
     * Parses `bytes` (whole data lines of the segment's file at `startOffset`). Returns false when
     * the bytes held a directive line (read-range.ts `rangeNeedsFraming`) or once the cell budget
     * is exceeded (the run then stops and its aggregate is dropped).
     */
    piece(sourceId: number, format: 'tsv' | 'json', header: ZeekHeader | undefined, bytes: Uint8Array, startOffset: number): boolean;
    /**
     * Parses a chunk the coordinator framed (any Zeek format; the framer took the directives
     * out) into the aggregate. Afterwards `stopped` says whether the cell budget was exceeded.
     */
    chunk(chunk: ZeekChunkInput): ChunkParseResult;
    /** Stops reading: a line longer than the limit (the framer's business) or a changed file. */
    stop(reason: 'long_line' | 'changed'): void;
    finish(): DirectOutput;
}
/**
 * Reads each segment in pieces of at most `pieceBytes` cut after a '\n' (a segment ends at a
 * line end) and feeds them to the aggregator; `onPiece` hears the bytes of each. Stops early
 * when the aggregator does. Pieces no larger than `maxLineBytes + 1` hold no line over the
 * limit, so lines need no measuring: only a line that fills a whole buffer is looked at.
 */
export declare function readRanges(segments: readonly DirectSegment[], aggregator: DirectAggregator, options: {
    readonly pieceBytes: number;
    readonly maxLineBytes: number;
    readonly onPiece?: (bytes: number) => void;
}): void;
