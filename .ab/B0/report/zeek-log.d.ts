/**
 * Writes records as Zeek logs — TSV with Zeek's header directives, or Zeek's JSON lines — so
 * zeek-cut, RITA and Brim read what `netscry extract` produces. Columns are declared once per
 * log type (name, Zeek type, accessor); values are formatted the way Zeek's ASCII writer does:
 * times and intervals with six decimals, unset values as `-`, empty sets and strings as
 * `(empty)`, booleans as T/F, non-printable bytes as \xHH.
 *
 * `#open`/`#close` carry the capture's first and last timestamps rather than the wall clock, so
 * the same input always gives the same bytes.
 */
export interface ZeekColumn<R> {
    readonly name: string;
    /** Zeek type name: time, interval, count, int, port, addr, string, bool, enum, set[string], … */
    readonly type: string;
    readonly get: (record: R) => unknown;
}
export type ZeekLogFormat = 'zeek' | 'zeek-json' | 'ndjson';
/** The header lines of a Zeek TSV log, opened at `openTs`. */
export declare function zeekTsvHeader<R>(path: string, columns: readonly ZeekColumn<R>[], openTs: number): string;
/**
 * A function that formats one record as a TSV line (with its newline), for writers of many
 * rows: the column types are looked at once, and plain strings and numbers — nearly every
 * value — are formatted inline, into one reused array. Same text as `formatTsvValue` gives each
 * value.
 */
export declare function zeekTsvRowFormatter<R>(columns: readonly ZeekColumn<R>[]): (record: R) => string;
/** One record as a TSV line (with its newline). */
export declare function zeekTsvRow<R>(columns: readonly ZeekColumn<R>[], record: R): string;
export declare function zeekTsvClose(closeTs: number): string;
/** One Zeek TSV log as text. */
export declare function zeekTsv<R>(path: string, columns: readonly ZeekColumn<R>[], records: readonly R[], timeRange: readonly [number, number]): string;
/**
 * One record as Zeek's JSON line (`LogAscii::use_json`): Zeek's field names, unset fields left
 * out, times as epoch seconds. `ndjson` is the same objects; kept as a separate name because
 * other exports may diverge (ECS names) later.
 */
export declare function zeekJsonLine<R>(columns: readonly ZeekColumn<R>[], record: R): string;
export declare function zeekJsonLines<R>(columns: readonly ZeekColumn<R>[], records: readonly R[]): string;
export declare function formatZeekLog<R>(format: ZeekLogFormat, path: string, columns: readonly ZeekColumn<R>[], records: readonly R[], timeRange: readonly [number, number]): string;
