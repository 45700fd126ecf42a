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
const UNSET = '-';
const EMPTY = '(empty)';
/** Whether `text` has nothing to escape (control bytes, backslash; in a set, the comma). */
function plainText(text, inContainer) {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x20 || c === 0x7f || c === 0x5c || (c === 0x2c && inContainer))
            return false;
    }
    return true;
}
/** Escapes a value that `plainText` found something in. */
function escapeText(text, separators) {
    let out = '';
    for (const ch of text) {
        const code = ch.codePointAt(0);
        if (code < 0x20 || code === 0x7f || separators.includes(ch) || ch === '\\') {
            out += `\\x${code.toString(16).padStart(2, '0')}`;
        }
        else {
            out += ch;
        }
    }
    return out;
}
function formatTsvValue(value, type, inContainer = false) {
    if (value === undefined || value === null)
        return UNSET;
    if (Array.isArray(value)) {
        if (value.length === 0)
            return EMPTY;
        return value.map((v) => formatTsvValue(v, type.slice(type.indexOf('[') + 1, -1), true)).join(',');
    }
    if (typeof value === 'boolean')
        return value ? 'T' : 'F';
    if (typeof value === 'number') {
        if (type === 'time' || type === 'interval' || type === 'double')
            return value.toFixed(6);
        return String(value);
    }
    return formatText(String(value), inContainer);
}
function formatText(text, inContainer) {
    if (text === '')
        return EMPTY;
    // A lone "-" would read back as unset: Zeek escapes it.
    if (text === UNSET)
        return '\\x2d';
    // Most values need nothing: one scan, no new string. Like Zeek, the set separator is escaped
    // only inside sets and vectors (`service` is a plain string that reads "http,websocket").
    if (plainText(text, inContainer))
        return text;
    return escapeText(text, inContainer ? '\t,' : '\t');
}
/** Zeek types printed with six decimals. */
const FIXED_TYPES = new Set(['time', 'interval', 'double']);
/** "2024-03-12-08-00-00" from epoch seconds, in UTC (Zeek's #open format). */
function headerTime(ts) {
    const d = new Date(Math.floor(ts) * 1000);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${two(d.getUTCHours())}-${two(d.getUTCMinutes())}-${two(d.getUTCSeconds())}`;
}
/** The header lines of a Zeek TSV log, opened at `openTs`. */
export function zeekTsvHeader(path, columns, openTs) {
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
/**
 * A function that formats one record as a TSV line (with its newline), for writers of many
 * rows: the column types are looked at once, and plain strings and numbers — nearly every
 * value — are formatted inline, into one reused array. Same text as `formatTsvValue` gives each
 * value.
 */
export function zeekTsvRowFormatter(columns) {
    const getters = columns.map((c) => c.get);
    const types = columns.map((c) => c.type);
    const fixed = columns.map((c) => FIXED_TYPES.has(c.type));
    // Reused for every row; `join` makes the line one flat string. (Concatenating the fields
    // instead leaves a tree of ~2 strings per field, which the 1 MiB of rows a log buffers before
    // writing carries into the old generation: a third more time in the garbage collector.)
    const fields = new Array(columns.length).fill('');
    return (record) => {
        for (let i = 0; i < getters.length; i++) {
            const v = getters[i](record);
            fields[i] =
                typeof v === 'string'
                    ? formatText(v, false)
                    : typeof v === 'number'
                        ? fixed[i]
                            ? v.toFixed(6)
                            : String(v)
                        : formatTsvValue(v, types[i]);
        }
        return `${fields.join('\t')}\n`;
    };
}
const rowFormatters = new WeakMap();
/** One record as a TSV line (with its newline). */
export function zeekTsvRow(columns, record) {
    let format = rowFormatters.get(columns);
    if (format === undefined) {
        format = zeekTsvRowFormatter(columns);
        rowFormatters.set(columns, format);
    }
    return format(record);
}
export function zeekTsvClose(closeTs) {
    return `#close\t${headerTime(closeTs)}\n`;
}
/** One Zeek TSV log as text. */
export function zeekTsv(path, columns, records, timeRange) {
    let out = zeekTsvHeader(path, columns, timeRange[0]);
    for (const r of records)
        out += zeekTsvRow(columns, r);
    return out + zeekTsvClose(timeRange[1]);
}
/**
 * One record as Zeek's JSON line (`LogAscii::use_json`): Zeek's field names, unset fields left
 * out, times as epoch seconds. `ndjson` is the same objects; kept as a separate name because
 * other exports may diverge (ECS names) later.
 */
export function zeekJsonLine(columns, record) {
    const o = {};
    for (const c of columns) {
        const v = c.get(record);
        if (v === undefined || v === null)
            continue;
        o[c.name] = v;
    }
    return `${JSON.stringify(o)}\n`;
}
export function zeekJsonLines(columns, records) {
    let out = '';
    for (const r of records)
        out += zeekJsonLine(columns, r);
    return out;
}
export function formatZeekLog(format, path, columns, records, timeRange) {
    return format === 'zeek' ? zeekTsv(path, columns, records, timeRange) : zeekJsonLines(columns, records);
}
//# sourceMappingURL=zeek-log.js.map