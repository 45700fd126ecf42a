export const ZEEK_TSV_DEFAULTS = {
    separator: 0x09,
    setSeparator: ',',
    emptyField: '(empty)',
    unsetField: '-',
};
/** Replaces `\xHH` escapes (Zeek's header and value escaping); other backslashes stay. */
export function unescapeZeek(text) {
    if (!text.includes('\\x'))
        return text;
    return text.replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
}
const SCALAR_KEYS = new Set(['set_separator', 'empty_field', 'unset_field', 'path', 'open', 'close']);
/**
 * Splits one directive line (without '\n', starting with '#') on the separator in force.
 * `#separator` is special: Zeek writes it with a space so it can be read before the separator
 * is known; a TAB is accepted too.
 */
export function parseDirective(line, separator) {
    if (line.startsWith('#separator') && (line.charCodeAt(10) === 0x20 || line.charCodeAt(10) === 0x09)) {
        return { kind: 'separator', text: line.slice(11) };
    }
    const sep = String.fromCharCode(separator);
    const cut = line.indexOf(sep);
    const key = cut < 0 ? line.slice(1) : line.slice(1, cut);
    const rest = cut < 0 ? '' : line.slice(cut + 1);
    if (key === 'fields' || key === 'types') {
        return { kind: key, values: rest.length === 0 ? [] : rest.split(sep) };
    }
    if (SCALAR_KEYS.has(key)) {
        return { kind: key, value: unescapeZeek(rest) };
    }
    return { kind: 'unknown', key };
}
/** Interns schemas by content so equal headers share one Schema object (batches list each once). */
export class SchemaCache {
    maxEntries;
    byKey = new Map();
    constructor(maxEntries = 1024) {
        this.maxEntries = maxEntries;
    }
    intern(schema) {
        const key = schemaKey(schema);
        const hit = this.byKey.get(key);
        if (hit !== undefined)
            return hit;
        // A file that changes its header every few lines must not grow this without bound; a miss
        // only costs a new Schema object, so forgetting everything is the cheap, safe policy.
        if (this.byKey.size >= this.maxEntries)
            this.byKey.clear();
        const frozen = Object.freeze({
            ...schema,
            fields: Object.freeze([...schema.fields]),
            types: Object.freeze([...schema.types]),
        });
        this.byKey.set(key, frozen);
        return frozen;
    }
    get size() {
        return this.byKey.size;
    }
}
/** Content key of a schema: every member, joined with a byte no Zeek header contains. */
export function schemaKey(s) {
    return `${s.format}\u0000${s.path}\u0000${s.separator}\u0000${s.setSeparator}\u0000${s.emptyField}\u0000${s.unsetField}\u0000${s.fields.join('\u0001')}\u0000${s.types.join('\u0001')}`;
}
/**
 * Accumulates directives; `build()` turns the state into a ZeekHeader once `#fields` is known.
 * One instance per file: directives persist until overridden (a concatenated log repeats them).
 */
export class HeaderAccumulator {
    separator = ZEEK_TSV_DEFAULTS.separator;
    setSeparator = ZEEK_TSV_DEFAULTS.setSeparator;
    emptyField = ZEEK_TSV_DEFAULTS.emptyField;
    unsetField = ZEEK_TSV_DEFAULTS.unsetField;
    path = '';
    open = undefined;
    fields = undefined;
    types = undefined;
    /** True when a directive changed the state since the last build(). */
    dirty = false;
    /** Applies one directive; returns a problem when its value cannot be used (the old value stays). */
    apply(d) {
        switch (d.kind) {
            case 'separator': {
                const value = unescapeZeek(d.text);
                if (value.length !== 1 || value.charCodeAt(0) > 0x7f || value === '\n' || value === '\r') {
                    return {
                        kind: 'bad_separator',
                        message: `#separator value '${truncateText(d.text, 32)}' is not one ASCII byte; keeping ${describeByte(this.separator)}`,
                    };
                }
                this.separator = value.charCodeAt(0);
                this.dirty = true;
                return undefined;
            }
            case 'set_separator':
                this.setSeparator = d.value;
                break;
            case 'empty_field':
                this.emptyField = d.value;
                break;
            case 'unset_field':
                this.unsetField = d.value;
                break;
            case 'path':
                this.path = d.value;
                break;
            case 'open':
                this.open = d.value;
                return undefined;
            case 'fields':
                this.fields = d.values;
                break;
            case 'types':
                this.types = d.values;
                break;
            case 'close':
            case 'unknown':
                return undefined;
        }
        this.dirty = true;
        return undefined;
    }
    /**
     * The header in force, or undefined before any `#fields`. Missing or surplus `#types` entries
     * are reported and padded with `string` (which validates nothing) or cut.
     */
    build(cache) {
        this.dirty = false;
        const fields = this.fields;
        if (fields === undefined)
            return { header: undefined, problem: undefined };
        let types = this.types ?? [];
        let problem;
        if (types.length !== fields.length) {
            problem = {
                kind: 'types_mismatch',
                message: `#types lists ${types.length} types for ${fields.length} #fields; missing types are read as string`,
            };
            types = fields.map((_f, i) => types[i] ?? 'string');
        }
        const schema = cache.intern({
            path: this.path,
            format: 'tsv',
            fields,
            types,
            separator: this.separator,
            setSeparator: this.setSeparator,
            emptyField: this.emptyField,
            unsetField: this.unsetField,
        });
        const header = {
            separator: schema.separator,
            setSeparator: schema.setSeparator,
            emptyField: schema.emptyField,
            unsetField: schema.unsetField,
            path: schema.path,
            fields: schema.fields,
            types: schema.types,
            open: this.open,
            schema,
        };
        return { header, problem };
    }
}
/**
 * Parses a whole header block (tests, tools, one-off readers). Lines not starting with '#' are
 * ignored; unknown directives are listed.
 */
export function parseZeekHeader(text, cache = new SchemaCache()) {
    const acc = new HeaderAccumulator();
    const problems = [];
    let closed;
    for (const raw of text.split('\n')) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (!line.startsWith('#'))
            continue;
        const d = parseDirective(line, acc.separator);
        if (d.kind === 'unknown')
            problems.push(`unknown directive #${d.key}`);
        if (d.kind === 'close')
            closed = d.value;
        const p = acc.apply(d);
        if (p)
            problems.push(p.message);
    }
    const { header, problem } = acc.build(cache);
    if (problem)
        problems.push(problem.message);
    return { header, problems, closed };
}
export function truncateText(text, max) {
    return text.length <= max ? text : `${text.slice(0, max)}…`;
}
function describeByte(b) {
    return b === 9 ? 'TAB' : `'${String.fromCharCode(b)}'`;
}
//# sourceMappingURL=header.js.map