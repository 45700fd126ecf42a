import type { ChunkContext } from './context.js';
import type { SchemaCache } from './header.js';
import { type JsonLineHost } from './json-compile.js';
export declare class JsonParser implements JsonLineHost {
    private readonly ctx;
    /** Whether plans get compiled line functions (false: the generic path only, for tests). */
    private readonly compile;
    /** The compiled order of the last line parsed through one: tried first on the next line. */
    private fast;
    /**
     * The compiled orders of lines with a `_path` (at most one per path, the newest): a stream
     * that interleaves logs (`{"_path":"conn",…}` then `{"_path":"dns",…}`) would defeat the
     * previous line's order, so a line that starts with `_path` picks its path's order.
     */
    private pathOrders;
    /** Set by a compiled line function: the keys of its order the line held. */
    maskLo: number;
    maskHi: number;
    private readonly schemas;
    private readonly keys;
    private shapes;
    private shapeCount;
    private shapeGeneration;
    private b;
    private baseOffset;
    private lineNo;
    private tail;
    private readonly ids;
    private readonly kinds;
    private readonly vs;
    private readonly ve;
    /** First string element of a top-level array value, per key (-1 none). */
    private readonly fs;
    private readonly fe;
    private nk;
    private err;
    private errAt;
    private errWhat;
    private readonly stack;
    private firstElemStart;
    private firstElemEnd;
    private readonly dhcpWords;
    constructor(ctx: ChunkContext, schemas: SchemaCache, compile?: boolean);
    parse(bytes: Uint8Array): void;
    private region;
    /** The order of the path a line starting `{"_path":"…"` names, if one is compiled. */
    private orderOfPath;
    /** Makes `order` its path's order in `pathOrders` (replacing the one it grew from). */
    private keepPathOrder;
    /**
     * The plan of the line a compiled order just parsed, from the keys it held; undefined when
     * that shape's plan is of another path or kind than the order's (the generic path parses it).
     */
    private planOfMask;
    /**
     * Compiles the key order of `plan`'s shape from the line just scanned (its keys and their
     * values' kinds; the `_path` value as a literal: the plan is that path's), merged into the
     * order in use when that one is of the same path and kind and the two orders agree.
     */
    private compileOrder;
    private reportError;
    private fail;
    /**
     * Scans one line starting at ls. Returns the index of its '\n' (keys recorded), the bitwise
     * complement of the next line's start for a blank line, or any value with `err` set.
     */
    private scanLine;
    /** Bad byte at i: binary garbage when it is a control byte or invalid UTF-8, else bad JSON. */
    private classify;
    /**
     * Inside a string at a byte the fast loop did not take: an escape, UTF-8, or an error.
     * Returns the index after it, or -1 with err set.
     */
    private stringSlow;
    /** JSON number grammar; returns the index after it or -1. */
    private scanNumber;
    /** true/false/null at i → value kind, or 0 with err set. */
    private literal;
    /**
     * Validates and skips a nested array/object at i without recursion (depth ≤ MAX_DEPTH).
     * Records in firstElemStart/End the span of the outer array's first element when it is a
     * string (dhcp `uids`).
     */
    skipNested(i: number): number;
    /** `"key" :` of a nested object member at i; returns the index of its value or -1. */
    private memberKey;
    /** A string, number or literal at i; returns the index after it or -1. */
    private scalar;
    /** From just inside a string to just after its closing quote, or -1. */
    private skipString;
    /** The plan for the line just scanned (shape lookup, then `_path`). */
    private planFor;
    /** The plan of a shape whose path comes from its keys. */
    private inferredPlan;
    /** The shape of the key ids `this.ids[0, nk)`, made when new. */
    private shapeOf;
    /** The plan of a shape with a `_path` key under the path it names. */
    private planByPath;
    private newShape;
    private buildPlan;
    /** Fills the row from the scanned values and emits it; whether no value was unparsable. */
    private record;
    /** Completes the row of the line [ls, le) under `plan` and emits it. */
    private finish;
    private unparsable;
}
/**
 * Log path from the key set when a line has no `_path` (a log written one file per path).
 * Checked in this order; the first match wins; '' when nothing matches.
 */
export declare function inferPath(names: readonly string[]): string;
