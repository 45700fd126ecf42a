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
import { NetscryError } from '../../shared/errors.js';
import { IntegrityCode } from '../events.js';
import { SchemaCache } from './header.js';
import type { ZeekChunk, ZeekFormat, ZeekHeader } from './types.js';
export declare const DEFAULT_CHUNK_BYTES: number;
export declare const DEFAULT_MAX_LINE_BYTES: number;
export declare const DEFAULT_FRAMER_EVENTS_PER_CODE = 100;
export declare const SUPPORTED_FORMATS_TEXT = "Zeek TSV or Zeek JSON logs, plain or gzip";
export interface ZeekFramerOptions {
    /** Name used in events and messages. */
    readonly file: string;
    /** Target chunk size; default 4 MiB. */
    readonly chunkBytes?: number;
    /** Longer lines are dropped and reported (line_too_long); default 1 MiB. */
    readonly maxLineBytes?: number;
    /** Events kept per code (all are counted, see `eventCounts`); default 100. */
    readonly maxEventsPerCode?: number;
    /** Share one cache across the files of a run so equal headers share one Schema object. */
    readonly schemas?: SchemaCache;
}
/** Position of a chunk or event in the file's line accounting (see the module comment). */
export interface LinePosition {
    /** Directive lines of the file before this point. */
    readonly directiveLinesBefore: number;
    /** Over-long lines dropped by the framer before this point. */
    readonly droppedLinesBefore: number;
}
/** A chunk as the framer emits it; the coordinator adds `seq` and `sourceId`. */
export interface FramedChunk extends Omit<ZeekChunk, 'seq' | 'sourceId'>, LinePosition {
    /** 0-based index of the chunk within its file. */
    readonly index: number;
}
export interface FramerEvent extends LinePosition {
    readonly code: IntegrityCode;
    readonly file: string;
    /** Byte offset in the decompressed file (of the line, or the file's length for end events). */
    readonly offset: number;
    /** Chunks of this file emitted before the event's line; the event precedes chunk `chunksBefore`. */
    readonly chunksBefore: number;
    /** True for events about the whole file (missing_close): report them with line 0. */
    readonly wholeFile: boolean;
    readonly message: string;
}
/** The first bytes are neither '#' (Zeek TSV) nor '{' (Zeek JSON). */
export interface UnsupportedZeekFormat {
    readonly kind: 'unsupported_format';
    readonly file: string;
    /** Up to 16 first bytes. */
    readonly firstBytes: Uint8Array;
    /** e.g. "x.log: not a Zeek log (starts with 'P' 0x50); supported: Zeek TSV or Zeek JSON logs, plain or gzip" */
    readonly message: string;
}
export interface FramerOutput {
    readonly chunks: readonly FramedChunk[];
    readonly events: readonly FramerEvent[];
    /** Set once, by the push that saw the first bytes; later pushes are ignored. */
    readonly unsupported: UnsupportedZeekFormat | undefined;
}
/** Turns an unsupported-format result into the typed error the CLI prints. */
export declare function unsupportedFormatError(u: UnsupportedZeekFormat): NetscryError;
/** File line number (1-based) of `lineInChunk` of a chunk, or of an event (lineInChunk = 1). */
export declare function fileLine(pos: LinePosition, dataLinesOfEarlierChunks: number, lineInChunk?: number): number;
/**
 * Feed it successive blocks of one decompressed file, then call `end()` once.
 * Not reusable across files (make one per file; share `schemas`).
 */
export declare class ZeekFramer {
    readonly file: string;
    readonly chunkBytes: number;
    readonly maxLineBytes: number;
    readonly maxEventsPerCode: number;
    private readonly schemas;
    private detected;
    private unsupportedResult;
    /**
     * Live bytes are buf[runStart, len): complete data lines [runStart, lineStart) waiting to
     * become a chunk, then one incomplete (or not yet classified) line [lineStart, len).
     * bufOffset is the file offset of buf[0].
     */
    private buf;
    private len;
    private runStart;
    private lineStart;
    private bufOffset;
    /** Dropping an over-long line until its '\n'; skipFrom is its file offset. */
    private skipping;
    private skipFrom;
    private ended;
    private chunkIndex;
    private directiveLines;
    private droppedLines;
    private readonly acc;
    private header;
    /** Data lines were framed under `header` (a later different header is a header change). */
    private dataSinceHeader;
    /** The last line seen was `#close` (a TSV file that ends otherwise was cut short). */
    private closed;
    private inBlock;
    private blockStart;
    private sawAnything;
    private readonly counts;
    private outChunks;
    private outEvents;
    constructor(options: ZeekFramerOptions);
    /** The detected format; undefined before the first byte. */
    get format(): ZeekFormat | 'unsupported' | undefined;
    get unsupported(): UnsupportedZeekFormat | undefined;
    /** Every event of this file so far, counted by code (including those not kept). */
    eventCounts(): Partial<Record<IntegrityCode, number>>;
    /** The header in force now (after the last directive block seen). */
    get currentHeader(): ZeekHeader | undefined;
    push(block: Uint8Array): FramerOutput;
    /**
     * Emits the complete lines buffered so far as a (short) chunk without ending the file: for
     * live tailing, call it when the input goes idle so records do not wait for a full chunk.
     * The partial last line stays buffered.
     */
    flush(): FramerOutput;
    /** Ends the file: emits the last (unterminated) line and the end-of-file events. */
    end(): FramerOutput;
    private capacityLimit;
    /** Classifies whole lines from lineStart on; at end of input the last line needs no '\n'. */
    private advance;
    /**
     * Finds a line longer than maxLineBytes in [start, complete) (lines that arrived whole, so
     * never sat in the carry-over). Returns true when there is none; otherwise frames the lines
     * before it, drops it and returns false so advance() goes on. Cost: one native lastIndexOf
     * per maxLineBytes of input, only for regions longer than maxLineBytes.
     */
    private checkLongLines;
    /** A data line follows: the directive block (if any) ends and its header takes effect. */
    private dataSeen;
    private rebuildHeader;
    /** One directive line at view[start, nl) (nl may be len at the end of input). */
    private directive;
    /** Drops the over-long line view[start, nl) that is wholly in the buffer. */
    private dropLine;
    /** Marks everything up to and including the '\n' at nl (or the end) as consumed. */
    private consumeLine;
    /** The partial line [lineStart, len) outgrew maxLineBytes: frame what precedes it, drop it. */
    private startSkip;
    private finishSkip;
    private lineTooLong;
    /** Emits full-size chunks while the run holds at least chunkBytes. */
    private emitFull;
    /** Emits buf[runStart, end) (whole lines) as one chunk. */
    private emitRun;
    /** Moves the live bytes to the front of the buffer. */
    private compact;
    private grow;
    private positionedEvent;
    private event;
    /** Counts the event; true when it is still within the kept limit. */
    private countEvent;
    private flushOutput;
    private describeUnsupported;
}
