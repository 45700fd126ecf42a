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

const UNSET = '-';
const EMPTY = '(empty)';

const NEEDS_ESCAPE = /[\x00-\x1f\x7f\\]/;
const NEEDS_ESCAPE_IN_SET = /[\x00-\x1f\x7f\\,]/;

function escapeText(text: string, separators: string): string {
  // Most values need nothing: one native scan instead of a loop that rebuilds the string.
  if (!(separators.includes(',') ? NEEDS_ESCAPE_IN_SET : NEEDS_ESCAPE).test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || separators.includes(ch) || ch === '\\') {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += ch;
    }
  }
  return out;
}

function formatTsvValue(value: unknown, type: string, inContainer = false): string {
  if (value === undefined || value === null) return UNSET;
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    return value.map((v) => formatTsvValue(v, type.slice(type.indexOf('[') + 1, -1), true)).join(',');
  }
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'number') {
    if (type === 'time' || type === 'interval' || type === 'double') return value.toFixed(6);
    return String(value);
  }
  const text = String(value);
  if (text === '') return EMPTY;
  // A lone "-" would read back as unset: Zeek escapes it.
  if (text === UNSET) return '\\x2d';
  // Like Zeek, the set separator is escaped only inside sets and vectors (`service` is a plain
  // string that reads "http,websocket").
  return escapeText(text, inContainer ? '\t,' : '\t');
}

/** "2024-03-12-08-00-00" from epoch seconds, in UTC (Zeek's #open format). */
function headerTime(ts: number): string {
  const d = new Date(Math.floor(ts) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${two(d.getUTCHours())}-${two(d.getUTCMinutes())}-${two(d.getUTCSeconds())}`;
}

/** The header lines of a Zeek TSV log, opened at `openTs`. */
export function zeekTsvHeader<R>(path: string, columns: readonly ZeekColumn<R>[], openTs: number): string {
  return `${[
    '#separator \\x09',
    '#set_separator\t,',
    `#empty_field\t${EMPTY}`,
    `#unset_field\t${UNSET}`,
    `#path\t${path}`,
    `#open\t${headerTime(openTs)}`,
    `#fields\t${columns.map((c) => c.name).join('\t')}`,
    `#types\t${columns.map((c) => c.type).join('\t')}`,
  ].join('\n')}\n`;
}

/** One record as a TSV line (with its newline). */
export function zeekTsvRow<R>(columns: readonly ZeekColumn<R>[], record: R): string {
  return `${columns.map((c) => formatTsvValue(c.get(record), c.type)).join('\t')}\n`;
}

export function zeekTsvClose(closeTs: number): string {
  return `#close\t${headerTime(closeTs)}\n`;
}

/** One Zeek TSV log as text. */
export function zeekTsv<R>(
  path: string,
  columns: readonly ZeekColumn<R>[],
  records: readonly R[],
  timeRange: readonly [number, number],
): string {
  let out = zeekTsvHeader(path, columns, timeRange[0]);
  for (const r of records) out += zeekTsvRow(columns, r);
  return out + zeekTsvClose(timeRange[1]);
}

/**
 * One record as Zeek's JSON line (`LogAscii::use_json`): Zeek's field names, unset fields left
 * out, times as epoch seconds. `ndjson` is the same objects; kept as a separate name because
 * other exports may diverge (ECS names) later.
 */
export function zeekJsonLine<R>(columns: readonly ZeekColumn<R>[], record: R): string {
  const o: Record<string, unknown> = {};
  for (const c of columns) {
    const v = c.get(record);
    if (v === undefined || v === null) continue;
    o[c.name] = v;
  }
  return `${JSON.stringify(o)}\n`;
}

export function zeekJsonLines<R>(columns: readonly ZeekColumn<R>[], records: readonly R[]): string {
  let out = '';
  for (const r of records) out += zeekJsonLine(columns, r);
  return out;
}

export function formatZeekLog<R>(
  format: ZeekLogFormat,
  path: string,
  columns: readonly ZeekColumn<R>[],
  records: readonly R[],
  timeRange: readonly [number, number],
): string {
  return format === 'zeek' ? zeekTsv(path, columns, records, timeRange) : zeekJsonLines(columns, records);
}
