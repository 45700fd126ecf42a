/**
 * Zeek TSV `#` directives and the header they build.
 *
 * A Zeek ASCII log opens with a block of directives:
 *
 *   #separator \x09                 (always separated from its value by one space)
 *   #set_separator<sep>,            (every other directive: key and value split on the
 *   #empty_field<sep>(empty)         separator in force, values may hold `\xHH` escapes)
 *   #unset_field<sep>-
 *   #path<sep>conn
 *   #open<sep>2024-04-12-19-29-12
 *   #fields<sep>ts<sep>uid<sep>…
 *   #types<sep>time<sep>string<sep>…
 *   …data lines…
 *   #close<sep>2024-04-12-19-34-07
 *
 * Directive lines are rare (a handful per file), so this module works on strings; the per-line
 * hot path never comes here.
 */
import type { Schema } from '../../shared/record.js';
import type { ZeekHeader } from './types.js';
export declare const ZEEK_TSV_DEFAULTS: {
    readonly separator: 9;
    readonly setSeparator: ',';
    readonly emptyField: '(empty)';
    readonly unsetField: '-';
};
/** Replaces `\xHH` escapes (Zeek's header and value escaping); other backslashes stay. */
export declare function unescapeZeek(text: string): string;
export type Directive = {
    readonly kind: 'separator';
    readonly text: string;
} | {
    readonly kind: 'set_separator' | 'empty_field' | 'unset_field' | 'path' | 'open' | 'close';
    readonly value: string;
} | {
    readonly kind: 'fields' | 'types';
    readonly values: readonly string[];
} | {
    readonly kind: 'unknown';
    readonly key: string;
};
/**
 * Splits one directive line (without '\n', starting with '#') on the separator in force.
 * `#separator` is special: Zeek writes it with a space so it can be read before the separator
 * is known; a TAB is accepted too.
 */
export declare function parseDirective(line: string, separator: number): Directive;
/** Interns schemas by content so equal headers share one Schema object (batches list each once). */
export declare class SchemaCache {
    readonly maxEntries: number;
    private readonly byKey;
    constructor(maxEntries?: number);
    intern(schema: Schema): Schema;
    get size(): number;
}
/** Content key of a schema: every member, joined with a byte no Zeek header contains. */
export declare function schemaKey(s: Schema): string;
export interface HeaderProblem {
    readonly kind: 'bad_separator' | 'types_mismatch';
    readonly message: string;
}
/**
 * Accumulates directives; `build()` turns the state into a ZeekHeader once `#fields` is known.
 * One instance per file: directives persist until overridden (a concatenated log repeats them).
 */
export declare class HeaderAccumulator {
    separator: number;
    setSeparator: string;
    emptyField: string;
    unsetField: string;
    path: string;
    open: string | undefined;
    fields: readonly string[] | undefined;
    types: readonly string[] | undefined;
    /** True when a directive changed the state since the last build(). */
    dirty: boolean;
    /** Applies one directive; returns a problem when its value cannot be used (the old value stays). */
    apply(d: Directive): HeaderProblem | undefined;
    /**
     * The header in force, or undefined before any `#fields`. Missing or surplus `#types` entries
     * are reported and padded with `string` (which validates nothing) or cut.
     */
    build(cache: SchemaCache): {
        header: ZeekHeader | undefined;
        problem: HeaderProblem | undefined;
    };
}
/**
 * Parses a whole header block (tests, tools, one-off readers). Lines not starting with '#' are
 * ignored; unknown directives are listed.
 */
export declare function parseZeekHeader(text: string, cache?: SchemaCache): {
    header: ZeekHeader | undefined;
    problems: readonly string[];
    closed: string | undefined;
};
export declare function truncateText(text: string, max: number): string;
