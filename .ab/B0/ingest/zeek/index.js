/**
 * Zeek log ingestion: `ZeekFramer` (coordinator, main thread) cuts a decompressed file into
 * chunks of whole data lines; `parseZeekChunk` / `ZeekChunkParser` (actors) turn a chunk into
 * rows. Pure: no threads, no I/O.
 *
 * Driving it (coordinator side, one framer per file; actors parse):
 *
 *   const framer = new ZeekFramer({ file, chunkBytes: 4 << 20, schemas });
 *   for await (const block of gunzipped(file)) {
 *     const out = framer.push(block);
 *     if (out.unsupported) throw unsupportedFormatError(out.unsupported);
 *     for (const c of out.chunks) send({ ...c, seq: seq++, sourceId }, [c.bytes.buffer]);
 *     pending.push(...out.events); // line: fileLine(e, data lines of chunks < e.chunksBefore)
 *   }
 *   const last = framer.end(); // the unterminated last line, missing_close
 *   // actor: const r = parser.parse(chunk, sink); the coordinator learns r.lines per chunk,
 *   // turns r.events[].lineInChunk into file lines with fileLine(chunk, dataLinesBefore, line),
 *   // and checks orderingStepBack(prev.lastOrderTs, r.firstOrderTs, tolerance) per file.
 *
 * Parse results (ChunkParseResult, see types.ts) as this parser fills them:
 *  - `lines`: every line of the chunk, blank ones included (for file line numbers);
 *  - `firstOrderTs`/`lastOrderTs`: the first and last finite ordering keys (ts, or ts + duration
 *    for conn); `firstRecordLine` is the line of the record holding firstOrderTs (0 if none).
 *    The coordinator reports ts_backwards at chunk boundaries with `orderingStepBack`;
 *  - `minTs`/`maxTs`: over the records' ts (NaN when none);
 *  - `recordsByPath`: by log path, '' for a JSON log whose type could not be inferred.
 *
 * Rows: `row.src` is the chunk's bytes, except for a chunk's unterminated last line, which is
 * parsed from a private copy with '\n' appended; string slots index into `row.src` and are
 * valid only during `sink.push`.
 *
 * Nothing here throws on input: bad input is an event in the result. `NetscryError`
 * (NETSCRY_E_INVALID_OPTION) is thrown only for invalid options; an exception thrown by the
 * sink propagates unchanged.
 */
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { ChunkContext } from './context.js';
import { SchemaCache } from './header.js';
import { JsonParser } from './json.js';
import { buildTsvPlan } from './plan.js';
import { TsvParser } from './tsv.js';
export * from './framer.js';
export { HeaderAccumulator, parseDirective, parseZeekHeader, SchemaCache, schemaKey, unescapeZeek, ZEEK_TSV_DEFAULTS, } from './header.js';
export { inferPath } from './json.js';
/**
 * Defaults. The ts tolerance is large on purpose: Zeek writes many logs when a transaction or
 * connection ends, so their ts (its start) legitimately steps back; the WRCCDC sample steps
 * back up to 803 s in ssl.log and 671 s in dns.log. 30 minutes flags concatenated or reordered
 * files and clock jumps without flagging Zeek's own delays.
 */
export const DEFAULT_ZEEK_PARSE_OPTIONS = Object.freeze({
    maxLineBytes: 1024 * 1024,
    maxEventsPerCode: 16,
    tsToleranceSeconds: 1800,
});
/** Validates options once, at the edge (defaults for what is missing). */
export function zeekParseOptions(partial = {}) {
    const o = { ...DEFAULT_ZEEK_PARSE_OPTIONS, ...partial };
    if (!Number.isSafeInteger(o.maxLineBytes) || o.maxLineBytes < 1) {
        throw new NetscryError(ErrorCode.InvalidOption, `maxLineBytes must be a positive integer, got ${o.maxLineBytes}`);
    }
    if (!Number.isSafeInteger(o.maxEventsPerCode) || o.maxEventsPerCode < 0) {
        throw new NetscryError(ErrorCode.InvalidOption, `maxEventsPerCode must be a non-negative integer, got ${o.maxEventsPerCode}`);
    }
    if (typeof o.tsToleranceSeconds !== 'number' || !(o.tsToleranceSeconds >= 0)) {
        throw new NetscryError(ErrorCode.InvalidOption, `tsToleranceSeconds must be a non-negative number, got ${o.tsToleranceSeconds}`);
    }
    return Object.freeze(o);
}
/**
 * True when `nextFirst` (a chunk's firstOrderTs) steps back more than `tolerance` behind
 * `prevLast` (the previous non-empty chunk's lastOrderTs) of the same file: the check the
 * parser makes between records, made by the coordinator across a chunk boundary.
 */
export function orderingStepBack(prevLast, nextFirst, tolerance) {
    return prevLast - nextFirst > tolerance;
}
const MAX_PLANS = 1024;
/**
 * A reusable parser: owns the reused row, the per-schema plans and the JSON key/shape caches.
 * One per actor. Not reentrant (a sink must not call `parse` of the same instance).
 */
export class ZeekChunkParser {
    options;
    ctx;
    schemas;
    tsv;
    json;
    /** Plans by the schema object a chunk carries (a clone per chunk across threads). */
    planByObject = new WeakMap();
    /** Plans by interned schema, so clones of one header share one plan and one Schema. */
    planByInterned = new Map();
    busy = false;
    /**
     * `schemas`: share with the framers in in-process mode so rows carry the framers' Schema
     * objects. `compileColumns: false` keeps TSV and JSON parsing on their generic paths (tests
     * check the compiled line functions, tsv-compile.ts and json-compile.ts, against them; also
     * the fallback where `new Function` is unavailable).
     */
    constructor(options = {}, extra = {}) {
        this.options = zeekParseOptions(options);
        this.ctx = new ChunkContext(this.options);
        this.schemas = extra.schemas ?? new SchemaCache();
        this.tsv = new TsvParser(this.ctx, extra.compileColumns ?? true);
        this.json = new JsonParser(this.ctx, this.schemas, extra.compileColumns ?? true);
    }
    parse(chunk, sink) {
        const ctx = this.ctx;
        ctx.begin(sink);
        this.busy = true;
        try {
            if (chunk.format === 'json')
                this.json.parse(chunk.bytes);
            else if (chunk.header === undefined)
                this.tsv.parseHeaderless(chunk.bytes);
            else
                this.tsv.parse(chunk.bytes, this.planOf(chunk.header.schema));
        }
        finally {
            this.busy = false;
        }
        return ctx.result();
    }
    planOf(schema) {
        let plan = this.planByObject.get(schema);
        if (plan !== undefined)
            return plan;
        const interned = this.schemas.intern(schema);
        plan = this.planByInterned.get(interned);
        if (plan === undefined) {
            if (this.planByInterned.size >= MAX_PLANS) {
                this.planByInterned.clear();
                this.planByObject = new WeakMap();
            }
            plan = buildTsvPlan(interned);
            this.planByInterned.set(interned, plan);
        }
        this.planByObject.set(schema, plan);
        return plan;
    }
}
/**
 * Parsers memoised per options object. Only caches live here (plans, key tables): results never
 * depend on them, so sharing one parser per options object is safe and saves rebuilding plans
 * for every chunk.
 */
const parsers = new WeakMap();
/**
 * Parses one chunk: every record goes to `sink.push(row)` (the row is reused after the call).
 * Pass the same options object for every chunk (e.g. DEFAULT_ZEEK_PARSE_OPTIONS or the result
 * of zeekParseOptions) so its parser and caches are reused.
 */
export function parseZeekChunk(chunk, sink, options = DEFAULT_ZEEK_PARSE_OPTIONS) {
    let parser = parsers.get(options);
    if (parser === undefined) {
        parser = new ZeekChunkParser(options);
        parsers.set(options, parser);
    }
    // A sink that parses another chunk with the same options gets a private parser.
    if (parser.busy)
        parser = new ZeekChunkParser(options);
    return parser.parse(chunk, sink);
}
//# sourceMappingURL=index.js.map