/**
 * The subset of YAML that suricata-verify's `test.yaml` files use, enough to read their
 * `requires`, `args`, `pcap` and `checks` (the project carries no YAML dependency):
 * block mappings and sequences by indentation (a sequence may sit at its key's indentation),
 * `- key: value` items, plain / single- / double-quoted scalars, `#` comments, `|` / `>` block
 * scalars (kept as text) and flow collections (`[..]`, `{..}`: JSON when they parse as JSON,
 * otherwise the raw text). Anchors, tags and multi-document streams are not supported.
 */

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  readonly indent: number;
  readonly text: string;
  /** 1-based, for error messages. */
  readonly number: number;
}

/** Cuts a trailing ` # comment` that is outside quotes. */
function stripComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(text[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

function scalar(raw: string): YamlValue {
  const s = raw.trim();
  if (s === '' || s === '~' || s === 'null') return null;
  if (s === 'true' || s === 'True') return true;
  if (s === 'false' || s === 'False') return false;
  if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) return s.slice(1, -1).replaceAll("''", "'");
  if (s.startsWith('[') || s.startsWith('{')) {
    try {
      return JSON.parse(s) as YamlValue;
    } catch {
      return s;
    }
  }
  if (/^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return Number.parseInt(s, 16);
  return s;
}

/** Index of the `:` that ends a mapping key (followed by a space or the line's end), or -1. */
function keyEnd(text: string): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && i === 0) quote = c;
    else if (c === ':' && (i + 1 === text.length || text[i + 1] === ' ')) return i;
    else if (i === 0 && (c === '[' || c === '{')) return -1;
  }
  return -1;
}

function unquoteKey(k: string): string {
  const v = scalar(k);
  return typeof v === 'string' ? v : k.trim();
}

class Parser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  parseDocument(): YamlValue {
    if (this.lines.length === 0) return null;
    return this.node(this.lines[0]!.indent);
  }

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  private node(indent: number): YamlValue {
    const line = this.peek();
    if (line === undefined || line.indent < indent) return null;
    if (line.text === '-' || line.text.startsWith('- ')) return this.sequence(line.indent);
    return this.mapping(line.indent);
  }

  private sequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    for (let line = this.peek(); line !== undefined && line.indent === indent; line = this.peek()) {
      if (!(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.i++;
        const next = this.peek();
        out.push(next !== undefined && next.indent > indent ? this.node(next.indent) : null);
        continue;
      }
      const column = indent + (line.text.length - rest.length);
      if (keyEnd(rest) > 0 || rest.startsWith('- ')) {
        // `- key: value` opens a mapping (or `- - x` a sequence) at the item's content column.
        this.lines[this.i] = { indent: column, text: rest, number: line.number };
        out.push(this.node(column));
      } else {
        this.i++;
        out.push(scalar(rest));
      }
    }
    return out;
  }

  private mapping(indent: number): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    for (let line = this.peek(); line !== undefined && line.indent === indent; line = this.peek()) {
      const end = keyEnd(line.text);
      if (end <= 0) throw new Error(`line ${line.number}: expected "key: value", got ${line.text}`);
      const key = unquoteKey(line.text.slice(0, end));
      const rest = line.text.slice(end + 1).trim();
      this.i++;
      if (/^[|>][-+]?$/.test(rest)) {
        out[key] = this.blockScalar(indent);
      } else if (rest !== '') {
        out[key] = scalar(rest);
      } else {
        const next = this.peek();
        if (next !== undefined && next.indent > indent) out[key] = this.node(next.indent);
        else if (
          next !== undefined &&
          next.indent === indent &&
          (next.text === '-' || next.text.startsWith('- '))
        )
          out[key] = this.sequence(indent);
        else out[key] = null;
      }
    }
    return out;
  }

  private blockScalar(indent: number): string {
    const parts: string[] = [];
    for (let line = this.peek(); line !== undefined && line.indent > indent; line = this.peek()) {
      parts.push(line.text);
      this.i++;
    }
    return parts.join('\n');
  }
}

export function parseYaml(text: string): YamlValue {
  const lines: Line[] = [];
  const raw = text.split(/\r?\n/);
  let inBlock = -1;
  for (let n = 0; n < raw.length; n++) {
    const expanded = raw[n]!.replace(/\t/g, '  ');
    const body = expanded.trimStart();
    const indent = expanded.length - body.length;
    if (inBlock >= 0) {
      // Inside a block scalar comments are text, and indentation is what ends it.
      if (body === '') continue;
      if (indent > inBlock) {
        lines.push({ indent, text: body.trimEnd(), number: n + 1 });
        continue;
      }
      inBlock = -1;
    }
    const text = stripComment(body);
    if (text === '' || text === '---' || text === '...') continue;
    lines.push({ indent, text, number: n + 1 });
    if (/:\s*[|>][-+]?$/.test(text)) inBlock = indent;
  }
  return new Parser(lines).parseDocument();
}
