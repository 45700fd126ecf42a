import { SchemaCache } from './header.js';
import type { ChunkParseResult, RecordSink, ZeekChunk, ZeekParseOptions } from './types.js';
export * from './framer.js';
export { HeaderAccumulator, parseDirective, parseZeekHeader, SchemaCache, schemaKey, unescapeZeek, ZEEK_TSV_DEFAULTS, } from './header.js';
export { inferPath } from './json.js';
export type * from './types.js';
/** What the parser reads of a chunk: a framer chunk or a full ZeekChunk both fit. */
export type ZeekChunkInput = Pick<ZeekChunk, 'format' | 'header' | 'bytes'>;
/**
 * Defaults. The ts tolerance is large on purpose: Zeek writes many logs when a transaction or
 * connection ends, so their ts (its start) legitimately steps back; the WRCCDC sample steps
 * back up to 803 s in ssl.log and 671 s in dns.log. 30 minutes flags concatenated or reordered
 * files and clock jumps without flagging Zeek's own delays.
 */
export declare const DEFAULT_ZEEK_PARSE_OPTIONS: ZeekParseOptions;
/** Validates options once, at the edge (defaults for what is missing). */
export declare function zeekParseOptions(partial?: Partial<ZeekParseOptions>): ZeekParseOptions;
/**
 * True when `nextFirst` (a chunk's firstOrderTs) steps back more than `tolerance` behind
 * `prevLast` (the previous non-empty chunk's lastOrderTs) of the same file: the check the
 * parser makes between records, made by the coordinator across a chunk boundary.
 */
export declare function orderingStepBack(prevLast: number, nextFirst: number, tolerance: number): boolean;
/**
 * A reusable parser: owns the reused row, the per-schema plans and the JSON key/shape caches.
 * One per actor. Not reentrant (a sink must not call `parse` of the same instance).
 */
export declare class ZeekChunkParser {
    readonly options: ZeekParseOptions;
    private readonly ctx;
    private readonly schemas;
    private readonly tsv;
    private readonly json;
    /** Plans by the schema object a chunk carries (a clone per chunk across threads). */
    private planByObject;
    /** Plans by interned schema, so clones of one header share one plan and one Schema. */
    private readonly planByInterned;
    busy: boolean;
    /**
     * `schemas`: share with the framers in in-process mode so rows carry the framers' Schema
     * objects. `compileColumns: false` keeps TSV and JSON parsing on their generic paths (tests
     * check the compiled line functions, tsv-compile.ts and json-compile.ts, against them; also
     * the fallback where `new Function` is unavailable).
     */
    constructor(options?: Partial<ZeekParseOptions>, extra?: {
        readonly schemas?: SchemaCache;
        readonly compileColumns?: boolean;
    });
    parse(chunk: ZeekChunkInput, sink: RecordSink): ChunkParseResult;
    private planOf;
}
/**
 * Parses one chunk: every record goes to `sink.push(row)` (the row is reused after the call).
 * Pass the same options object for every chunk (e.g. DEFAULT_ZEEK_PARSE_OPTIONS or the result
 * of zeekParseOptions) so its parser and caches are reused.
 */
export declare function parseZeekChunk(chunk: ZeekChunkInput, sink: RecordSink, options?: ZeekParseOptions): ChunkParseResult;
