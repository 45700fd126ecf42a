/**
 * Named fields of non-conn records (dns, http, ssl, auth, …) for the detectors that need more
 * than the batch columns carry. Those records cross threads with their whole source line in the
 * `Raw` string slot and their schema (shared/record.ts), so a detector reads the few fields it
 * wants here, in the shard that owns the record, instead of every parser building an object per
 * record that most analyzers never look at.
 *
 * Cost: a TSV line is scanned once per record (not once per reader: see `columnEnds`), up to
 * the furthest column any reader wants, and only the wanted fields are decoded, once each
 * (`\xHH` escapes undone). A JSON line is walked once per read, its wanted keys matched as
 * bytes and only their values decoded (`readJson`); JSON.parse (≈ 1–2 µs a line and an object
 * per record) only for what that walk does not handle.
 *
 * Values: `undefined` when the field is absent from the schema or unset (`-` / JSON null);
 * containers (sets, vectors, JSON arrays) come back through `list`, scalars through `text`
 * (`(empty)` is the empty string). A reader is bound to one list of field names, fixed at
 * construction, and is reused for every record (no allocation beyond the values themselves).
 */
import { unescapeZeek } from '../ingest/zeek/header.js';
import { isMarker } from '../ingest/zeek/values.js';
import { Str } from '../shared/record.js';
const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();
const BACKSLASH = 0x5c;
const NL = 0x0a;
const CR = 0x0d;
/**
 * Short ASCII values seen recently, by a hash of their bytes (query names, type and rcode names
 * repeat all day): a hit costs one pass over the bytes and no allocation; the strings are shared
 * by every reader of the thread. A slot holds the last value hashed to it.
 */
const INTERN_BITS = 13;
const INTERN_MAX = 96;
const internText = new Array(1 << INTERN_BITS).fill('');
const internHash = new Int32Array(1 << INTERN_BITS);
/** FNV-1a's offset basis and prime: `asciiText`'s hash h is FNV-1a of the bytes. */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/**
 * Text of ASCII bytes b[s, e) (no byte ≥ 0x80 there), through the intern cache when short;
 * h is the FNV-1a hash of the bytes (the caller computes it in its own pass over them).
 */
function asciiText(b, s, e, h) {
    const length = e - s;
    if (length === 0)
        return '';
    if (length > INTERN_MAX)
        return utf8.decode(b.subarray(s, e));
    const slot = (h ^ (h >>> INTERN_BITS) ^ (h >>> 26)) & ((1 << INTERN_BITS) - 1);
    const t = internText[slot];
    if (internHash[slot] === h && t.length === length) {
        let same = true;
        for (let k = 0; k < length; k++) {
            if (t.charCodeAt(k) !== b[s + k]) {
                same = false;
                break;
            }
        }
        if (same)
            return t;
    }
    const text = String.fromCharCode.apply(null, b.subarray(s, e));
    internText[slot] = text;
    internHash[slot] = h;
    return text;
}
/**
 * Where the columns of the current view's TSV lines end, shared by every reader of the thread.
 * A dns line is read by two analyzers, an http or ssl line by three (four with beacon), each
 * in its own pass over the batch; scanning a line for separators was most of a read (≈ 2 ns a
 * byte, 300–700 ns a line). With this table each line is scanned once, as far as the furthest
 * column any reader wants, and later readers start where earlier ones stopped.
 *
 * Per row: `known[row]` columns have their end in `ends[row * STRIDE + col]` (exclusive; a
 * column starts one byte after the previous one ends). A column ending at the end of the line
 * is the last one. Valid for one view: rows are reset when a reader sees another view (views
 * are not reused for other bytes: every batch gets a new BatchView). Scalar values decoded by
 * one reader are kept for the next (`values`). Memory: 13 · STRIDE bytes a row of the largest
 * batch seen (416 KiB per 1024 rows) plus the strings held; columns from STRIDE on (no reader
 * wants one today) are read without the table.
 */
const STRIDE = 32;
const columnEnds = {
    view: undefined,
    known: new Int32Array(0),
    ends: new Int32Array(0),
    /**
     * Scalar values decoded so far, same layout as `ends` (set where `decoded` is 1): ssl's
     * server_name, http's host and dns's query are wanted by two or three analyzers each.
     */
    values: [],
    decoded: new Uint8Array(0),
};
/** The cache rows of `view`, reset when the view is not the one they were filled for. */
function columnsOf(view) {
    const c = columnEnds;
    if (c.view !== view) {
        const rows = view.count;
        if (c.known.length < rows) {
            c.known = new Int32Array(rows);
            c.ends = new Int32Array(rows * STRIDE);
            c.decoded = new Uint8Array(rows * STRIDE);
            c.values = new Array(rows * STRIDE).fill(undefined);
        }
        else {
            c.known.fill(0, 0, rows);
            c.decoded.fill(0, 0, rows * STRIDE);
        }
        c.view = view;
    }
    return c;
}
/** Whether the field last decoded by `fieldText` held a backslash (escapes to undo). */
let lastEscaped = false;
/** The text of TSV field b[s, e) as it stands (escapes kept); sets `lastEscaped`. */
function fieldText(b, s, e) {
    // One pass: escapes, non-ASCII bytes and the intern hash.
    let escaped = false;
    let ascii = true;
    let h = FNV_BASIS;
    for (let i = s; i < e; i++) {
        const c = b[i];
        h = Math.imul(h ^ c, FNV_PRIME);
        if (c === BACKSLASH)
            escaped = true;
        else if (c >= 0x80)
            ascii = false;
    }
    lastEscaped = escaped;
    return ascii ? asciiText(b, s, e, h) : utf8.decode(b.subarray(s, e));
}
/** The scalar value of TSV field b[s, e): undefined when unset, '' when empty, escapes undone. */
function scalarValue(schema, b, s, e) {
    const text = fieldText(b, s, e);
    if (text === schema.unsetField)
        return undefined;
    if (text === schema.emptyField)
        return '';
    return lastEscaped ? unescapeZeek(text) : text;
}
export class FieldReader {
    names;
    /** Scalar value of each wanted field for the record last read. */
    texts;
    lists;
    /** Per schema of the current view: column of each wanted field (-1 absent) and which are containers. */
    columns = new Map();
    lastView;
    /** The names as UTF-8 bytes: JSON keys are matched without decoding them. */
    nameBytes;
    constructor(names) {
        this.names = names;
        this.nameBytes = names.map((n) => utf8Encoder.encode(n));
        this.texts = new Array(names.length).fill(undefined);
        this.lists = new Array(names.length).fill(undefined);
    }
    /**
     * Reads the wanted fields of record i. False when the record has no raw line or no schema
     * (conn records, packets) — then every field is undefined.
     */
    read(view, i) {
        // A loop, not fill(): the arrays are a few entries long and `fill` is a builtin call each
        // (two thirds of read's own time).
        const texts = this.texts;
        const lists = this.lists;
        for (let k = 0; k < texts.length; k++) {
            texts[k] = undefined;
            lists[k] = undefined;
        }
        const schema = view.schemaOf(i);
        const length = view.strLength(i, Str.Raw);
        if (schema === undefined || length === 0)
            return false;
        const at = view.strOffset(i, Str.Raw);
        // JSON records are looked up by name: a JSON schema lists the keys of the line it came from.
        if (schema.format === 'json')
            this.readJson(view.heap, at, at + length);
        else {
            const layout = this.layoutOf(view, schema);
            if (layout.last < STRIDE)
                this.readTsvCached(schema, view, i, at, at + length, layout);
            else
                this.readTsv(schema, view.heap, at, at + length, layout);
        }
        return true;
    }
    /** Scalar field k (index into `names`) of the record last read. */
    text(k) {
        const t = this.texts[k];
        if (t !== undefined)
            return t;
        const l = this.lists[k];
        return l === undefined ? undefined : l.join(',');
    }
    /** Container field k as its elements (a scalar as a one-element list). */
    list(k) {
        const l = this.lists[k];
        if (l !== undefined)
            return l;
        const t = this.texts[k];
        return t === undefined ? undefined : [t];
    }
    /** Field k as a number; NaN when unset or not numeric. */
    number(k) {
        const t = this.text(k);
        return t === undefined || t === '' ? Number.NaN : Number(t);
    }
    /** Field k as a boolean (Zeek `T`/`F`, JSON true/false); undefined when unset. */
    bool(k) {
        const t = this.text(k);
        if (t === 'T' || t === 'true')
            return true;
        if (t === 'F' || t === 'false')
            return false;
        return undefined;
    }
    layoutOf(view, schema) {
        if (view !== this.lastView) {
            // Schemas are decoded per view, so their identity is per view too.
            this.columns = new Map();
            this.lastView = view;
        }
        let layout = this.columns.get(schema);
        if (layout === undefined) {
            const cols = new Int32Array(this.names.length);
            const container = new Uint8Array(this.names.length);
            let last = -1;
            for (let k = 0; k < this.names.length; k++) {
                const col = schema.fields.indexOf(this.names[k]);
                cols[k] = col;
                const type = col < 0 ? '' : (schema.types[col] ?? '');
                container[k] = type.startsWith('set[') || type.startsWith('vector[') ? 1 : 0;
                if (col > last)
                    last = col;
            }
            const byCol = new Int32Array(last + 1).fill(-1);
            const next = new Int32Array(this.names.length).fill(-1);
            // Fields in ascending k per column, as the column's fields were set before.
            for (let k = this.names.length - 1; k >= 0; k--) {
                const col = cols[k];
                if (col < 0)
                    continue;
                next[k] = byCol[col];
                byCol[col] = k;
            }
            const wanted = Int32Array.from(new Set(cols.filter((c) => c >= 0))).sort();
            layout = { cols, byCol, next, container, last, wanted };
            this.columns.set(schema, layout);
        }
        return layout;
    }
    /** readTsv through the shared column table (`columnEnds`): same values. */
    readTsvCached(schema, view, row, from, to, layout) {
        const b = view.heap;
        const { byCol, next, last, container, wanted } = layout;
        const c = columnsOf(view);
        const ends = c.ends;
        const base = row * STRIDE;
        let known = c.known[row];
        if (known <= last && (known === 0 || ends[base + known - 1] < to)) {
            // Scan on from the first unknown column, up to the last wanted one or the end of the line.
            const sep = schema.separator;
            let s = known === 0 ? from : ends[base + known - 1] + 1;
            for (let col = known; col <= last; col++) {
                let e = s;
                while (e < to) {
                    const ch = b[e];
                    if (ch === sep || ch === NL || ch === CR)
                        break;
                    e++;
                }
                ends[base + col] = e;
                known = col + 1;
                if (e >= to)
                    break;
                s = e + 1;
            }
            c.known[row] = known;
        }
        for (let w = 0; w < wanted.length; w++) {
            const col = wanted[w];
            if (col >= known)
                return;
            const s = col === 0 ? from : ends[base + col - 1] + 1;
            const e = ends[base + col];
            const at = base + col;
            for (let k = byCol[col]; k >= 0; k = next[k]) {
                if (container[k] === 1)
                    this.setTsv(k, schema, true, b, s, e);
                else {
                    // The row's schema, hence the column's type, is the same for every reader.
                    if (c.decoded[at] === 0) {
                        c.values[at] = scalarValue(schema, b, s, e);
                        c.decoded[at] = 1;
                    }
                    this.texts[k] = c.values[at];
                }
            }
        }
    }
    readTsv(schema, b, from, to, layout) {
        const { byCol, next, last, container } = layout;
        const sep = schema.separator;
        let s = from;
        for (let col = 0; col <= last; col++) {
            // The column ends at the separator, at a line break, or at the end of the line.
            let e = s;
            while (e < to) {
                const c = b[e];
                if (c === sep || c === NL || c === CR)
                    break;
                e++;
            }
            for (let k = byCol[col]; k >= 0; k = next[k])
                this.setTsv(k, schema, container[k] === 1, b, s, e);
            if (e >= to)
                return;
            s = e + 1;
        }
    }
    setTsv(k, schema, container, b, s, e) {
        if (!container) {
            this.texts[k] = scalarValue(schema, b, s, e);
            return;
        }
        const text = fieldText(b, s, e);
        if (text === schema.unsetField)
            return;
        if (text === schema.emptyField) {
            this.texts[k] = '';
            return;
        }
        const parts = text.split(schema.setSeparator);
        this.lists[k] = lastEscaped ? parts.map(unescapeZeek) : parts;
    }
    /**
     * A JSON line's wanted keys, read in place: one pass over the line, the wanted values
     * decoded (ASCII strings through the intern cache), everything else skipped. What it does
     * not handle — an escaped key, a nested array or object as a wanted value, a line that is
     * not a flat object — it leaves to `readJsonParsed` (JSON.parse), whose values it matches:
     * strings unescaped, numbers in JavaScript's own notation (`String(Number(text))`), true and
     * false as words, null as unset, arrays as lists of those, the last of a repeated key.
     */
    readJson(b, from, to) {
        if (this.readJsonBytes(b, from, to))
            return;
        const texts = this.texts;
        const lists = this.lists;
        for (let k = 0; k < texts.length; k++) {
            texts[k] = undefined;
            lists[k] = undefined;
        }
        this.readJsonParsed(b, from, to);
    }
    /** `readJson` in place; false when the line needs JSON.parse (the values are then partial). */
    readJsonBytes(b, from, to) {
        let i = skipJsonWs(b, from, to);
        if (b[i] !== 0x7b)
            return false;
        i = skipJsonWs(b, i + 1, to);
        if (b[i] === 0x7d)
            return true;
        const names = this.nameBytes;
        for (;;) {
            if (i >= to || b[i] !== QUOTE)
                return false;
            const ks = i + 1;
            let ke = ks;
            while (ke < to && b[ke] !== QUOTE) {
                if (b[ke] === BACKSLASH)
                    return false;
                ke++;
            }
            if (ke >= to)
                return false;
            i = skipJsonWs(b, ke + 1, to);
            if (b[i] !== 0x3a)
                return false;
            i = skipJsonWs(b, i + 1, to);
            // The wanted fields named by this key (a name may be wanted twice).
            let first = -1;
            for (let k = 0; k < names.length; k++) {
                if (isMarker(b, ks, ke, names[k])) {
                    first = k;
                    break;
                }
            }
            if (first < 0) {
                i = skipJsonValue(b, i, to);
                if (i < 0)
                    return false;
            }
            else {
                const c = b[i];
                let text;
                let list;
                if (c === 0x5b) {
                    list = [];
                    i = skipJsonWs(b, i + 1, to);
                    if (b[i] === 0x5d)
                        i++;
                    else {
                        for (;;) {
                            const e = this.jsonScalar(b, i, to);
                            if (e < 0)
                                return false;
                            list.push(this.scalarText ?? 'null');
                            i = skipJsonWs(b, e, to);
                            if (b[i] === 0x2c)
                                i = skipJsonWs(b, i + 1, to);
                            else if (b[i] === 0x5d) {
                                i++;
                                break;
                            }
                            else
                                return false;
                        }
                    }
                }
                else {
                    i = this.jsonScalar(b, i, to);
                    if (i < 0)
                        return false;
                    text = this.scalarText;
                }
                for (let k = first; k < names.length; k++) {
                    if (k !== first && !isMarker(b, ks, ke, names[k]))
                        continue;
                    this.texts[k] = text;
                    this.lists[k] = list;
                }
            }
            i = skipJsonWs(b, i, to);
            if (b[i] === 0x2c) {
                i = skipJsonWs(b, i + 1, to);
                continue;
            }
            return b[i] === 0x7d;
        }
    }
    /** Set by `jsonScalar`: the value's text, undefined for null. */
    scalarText;
    /**
     * The string, number or literal at i as JSON.parse and String would give it, into
     * `scalarText`; the index after it, or -1 for anything else (a nested value, bad bytes).
     */
    jsonScalar(b, i, to) {
        const c = b[i];
        if (c === QUOTE) {
            const s = i + 1;
            let e = s;
            let h = FNV_BASIS;
            let plain = true;
            for (; e < to; e++) {
                const x = b[e];
                if (x === QUOTE)
                    break;
                if (x === BACKSLASH) {
                    plain = false;
                    e++;
                }
                else if (x >= 0x80)
                    plain = false;
                h = Math.imul(h ^ x, FNV_PRIME);
            }
            if (e >= to)
                return -1;
            if (plain)
                this.scalarText = asciiText(b, s, e, h);
            else {
                const raw = utf8.decode(b.subarray(s - 1, e + 1));
                this.scalarText = raw.includes('\\') ? JSON.parse(raw) : raw.slice(1, -1);
            }
            return e + 1;
        }
        if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) {
            let e = i;
            let digits = true;
            let h = FNV_BASIS;
            for (; e < to; e++) {
                const x = b[e];
                if (x >= 0x30 && x <= 0x39) {
                    h = Math.imul(h ^ x, FNV_PRIME);
                    continue;
                }
                if (x === 0x2d || x === 0x2b || x === 0x2e || x === 0x65 || x === 0x45) {
                    digits = false;
                    h = Math.imul(h ^ x, FNV_PRIME);
                    continue;
                }
                break;
            }
            const text = asciiText(b, i, e, h);
            // Plain digits without a leading zero, short enough to be exact, are their own notation.
            const own = digits && e - i <= 15 && (e - i === 1 || c !== 0x30);
            const n = Number(text);
            if (Number.isNaN(n))
                return -1;
            this.scalarText = own ? text : String(n);
            return e;
        }
        if (c === 0x74 && b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65) {
            this.scalarText = 'true';
            return i + 4;
        }
        if (c === 0x66 && b[i + 1] === 0x61 && b[i + 2] === 0x6c && b[i + 3] === 0x73 && b[i + 4] === 0x65) {
            this.scalarText = 'false';
            return i + 5;
        }
        if (c === 0x6e && b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c) {
            this.scalarText = undefined;
            return i + 4;
        }
        return -1;
    }
    readJsonParsed(b, from, to) {
        let record;
        try {
            record = JSON.parse(utf8.decode(b.subarray(from, to)));
        }
        catch {
            // The parser accepted the line, so this does not happen; a record that cannot be read
            // again simply has no fields.
            return;
        }
        if (record === null || typeof record !== 'object')
            return;
        const obj = record;
        for (let k = 0; k < this.names.length; k++) {
            const v = obj[this.names[k]];
            if (v === undefined || v === null)
                continue;
            if (Array.isArray(v))
                this.lists[k] = v.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
            else
                this.texts[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
        }
    }
}
const QUOTE = 0x22;
function skipJsonWs(b, i, to) {
    while (i < to) {
        const c = b[i];
        if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a)
            break;
        i++;
    }
    return i;
}
/** Skips the JSON value at i (strings and nesting respected); the index after it, or -1. */
function skipJsonValue(b, i, to) {
    let depth = 0;
    for (; i < to; i++) {
        const c = b[i];
        if (c === QUOTE) {
            for (i++; i < to && b[i] !== QUOTE; i++)
                if (b[i] === BACKSLASH)
                    i++;
            if (i >= to)
                return -1;
            if (depth === 0)
                return i + 1;
        }
        else if (c === 0x5b || c === 0x7b)
            depth++;
        else if (c === 0x5d || c === 0x7d) {
            if (depth === 0)
                return i;
            if (--depth === 0)
                return i + 1;
        }
        else if (c === 0x2c && depth === 0)
            return i;
    }
    return depth === 0 ? i : -1;
}
//# sourceMappingURL=fields.js.map