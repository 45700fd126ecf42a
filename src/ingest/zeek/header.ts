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

export const ZEEK_TSV_DEFAULTS = {
  separator: 0x09,
  setSeparator: ',',
  emptyField: '(empty)',
  unsetField: '-',
} as const;

/** Replaces `\xHH` escapes (Zeek's header and value escaping); other backslashes stay. */
export function unescapeZeek(text: string): string {
  if (!text.includes('\\x')) return text;
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

export type Directive =
  | { readonly kind: 'separator'; readonly text: string }
  | {
      readonly kind: 'set_separator' | 'empty_field' | 'unset_field' | 'path' | 'open' | 'close';
      readonly value: string;
    }
  | { readonly kind: 'fields' | 'types'; readonly values: readonly string[] }
  | { readonly kind: 'unknown'; readonly key: string };

const SCALAR_KEYS = new Set(['set_separator', 'empty_field', 'unset_field', 'path', 'open', 'close']);

/**
 * Splits one directive line (without '\n', starting with '#') on the separator in force.
 * `#separator` is special: Zeek writes it with a space so it can be read before the separator
 * is known; a TAB is accepted too.
 */
export function parseDirective(line: string, separator: number): Directive {
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
    return { kind: key as 'path', value: unescapeZeek(rest) };
  }
  return { kind: 'unknown', key };
}

/** Interns schemas by content so equal headers share one Schema object (batches list each once). */
export class SchemaCache {
  readonly maxEntries: number;
  private readonly byKey = new Map<string, Schema>();

  constructor(maxEntries = 1024) {
    this.maxEntries = maxEntries;
  }

  intern(schema: Schema): Schema {
    const key = schemaKey(schema);
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    // A file that changes its header every few lines must not grow this without bound; a miss
    // only costs a new Schema object, so forgetting everything is the cheap, safe policy.
    if (this.byKey.size >= this.maxEntries) this.byKey.clear();
    const frozen = Object.freeze({
      ...schema,
      fields: Object.freeze([...schema.fields]),
      types: Object.freeze([...schema.types]),
    });
    this.byKey.set(key, frozen);
    return frozen;
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** Content key of a schema: every member, joined with a byte no Zeek header contains. */
export function schemaKey(s: Schema): string {
  return `${s.format}\u0000${s.path}\u0000${s.separator}\u0000${s.setSeparator}\u0000${s.emptyField}\u0000${
    s.unsetField
  }\u0000${s.fields.join('\u0001')}\u0000${s.types.join('\u0001')}`;
}

export interface HeaderProblem {
  readonly kind: 'bad_separator' | 'types_mismatch';
  readonly message: string;
}

/**
 * Accumulates directives; `build()` turns the state into a ZeekHeader once `#fields` is known.
 * One instance per file: directives persist until overridden (a concatenated log repeats them).
 */
export class HeaderAccumulator {
  separator: number = ZEEK_TSV_DEFAULTS.separator;
  setSeparator: string = ZEEK_TSV_DEFAULTS.setSeparator;
  emptyField: string = ZEEK_TSV_DEFAULTS.emptyField;
  unsetField: string = ZEEK_TSV_DEFAULTS.unsetField;
  path = '';
  open: string | undefined = undefined;
  fields: readonly string[] | undefined = undefined;
  types: readonly string[] | undefined = undefined;
  /** True when a directive changed the state since the last build(). */
  dirty = false;

  /** Applies one directive; returns a problem when its value cannot be used (the old value stays). */
  apply(d: Directive): HeaderProblem | undefined {
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
  build(cache: SchemaCache): { header: ZeekHeader | undefined; problem: HeaderProblem | undefined } {
    this.dirty = false;
    const fields = this.fields;
    if (fields === undefined) return { header: undefined, problem: undefined };
    let types = this.types ?? [];
    let problem: HeaderProblem | undefined;
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
    const header: ZeekHeader = {
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
export function parseZeekHeader(
  text: string,
  cache: SchemaCache = new SchemaCache(),
): { header: ZeekHeader | undefined; problems: readonly string[]; closed: string | undefined } {
  const acc = new HeaderAccumulator();
  const problems: string[] = [];
  let closed: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.startsWith('#')) continue;
    const d = parseDirective(line, acc.separator);
    if (d.kind === 'unknown') problems.push(`unknown directive #${d.key}`);
    if (d.kind === 'close') closed = d.value;
    const p = acc.apply(d);
    if (p) problems.push(p.message);
  }
  const { header, problem } = acc.build(cache);
  if (problem) problems.push(problem.message);
  return { header, problems, closed };
}

export function truncateText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function describeByte(b: number): string {
  return b === 9 ? 'TAB' : `'${String.fromCharCode(b)}'`;
}
