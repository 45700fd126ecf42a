/**
 * A Zeek TSV log rewritten as the JSON log Zeek writes for the same records
 * (`redef LogAscii::use_json = T`): one object per line, keys in `#fields` order with their
 * dotted names, unset fields left out, numbers (`time`, `interval`, `double`, `count`, `int`,
 * `port`) as JSON numbers with the TSV's digits, `bool` as true/false, containers as arrays
 * (`(empty)` as []), everything else as a string. The end-to-end benchmark uses it to time the
 * same day of traffic as JSON logs (`npm run bench:e2e -- --json-logs`); it is a benchmark
 * helper, not an input path: it expects the well-formed single-header logs `netscry generate`
 * writes and throws on anything else. Run directly it converts one file:
 *
 *   npx tsc -p tsconfig.bench.json && node build/bench/e2e/zeek-json.js conn.log conn.json.log
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';

const NUMERIC = new Set(['time', 'interval', 'double', 'count', 'int', 'port']);

interface Column {
  readonly key: string;
  readonly kind: 'number' | 'bool' | 'string' | 'array';
  /** For arrays: whether the elements are numbers. */
  readonly numericElements: boolean;
}

/** `\xNN` escapes of a TSV value back to their characters. */
function unescapeTsv(value: string): string {
  return value.includes('\\x')
    ? value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : value;
}

function columnsOf(fields: readonly string[], types: readonly string[]): Column[] {
  return fields.map((name, k) => {
    const type = types[k] ?? 'string';
    const container = /^(set|vector)\[(.+)\]$/.exec(type);
    return {
      key: `${JSON.stringify(name)}:`,
      kind: container ? 'array' : NUMERIC.has(type) ? 'number' : type === 'bool' ? 'bool' : 'string',
      numericElements: container ? NUMERIC.has(container[2]!) : false,
    };
  });
}

/** Converts `from` (a Zeek TSV log with one header) into a Zeek JSON log at `to`; returns the lines written. */
export async function tsvToZeekJson(from: string, to: string): Promise<number> {
  const out = createWriteStream(to);
  let columns: Column[] | undefined;
  let fields: string[] = [];
  let setSeparator = ',';
  let unset = '-';
  let empty = '(empty)';
  let pending = '';
  let written = 0;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
    batch = [];
  };
  const line = (text: string): void => {
    if (text.startsWith('#')) {
      const [directive, ...rest] = text.split('\t');
      if (directive === '#fields') fields = rest;
      else if (directive === '#types') columns = columnsOf(fields, rest);
      else if (directive === '#set_separator') setSeparator = unescapeTsv(rest[0] ?? ',');
      else if (directive === '#unset_field') unset = rest[0] ?? '-';
      else if (directive === '#empty_field') empty = rest[0] ?? '(empty)';
      return;
    }
    if (text === '') return;
    if (columns === undefined) throw new Error(`${from}: data line before the #types header`);
    const values = text.split('\t');
    if (values.length !== columns.length) throw new Error(`${from}: a line with ${values.length} fields`);
    const parts: string[] = [];
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (v === unset) continue;
      const col = columns[k]!;
      let json: string;
      if (col.kind === 'number') json = v;
      else if (col.kind === 'bool') json = v === 'T' ? 'true' : 'false';
      else if (col.kind === 'string') json = JSON.stringify(unescapeTsv(v));
      else if (v === empty) json = '[]';
      else {
        const items = v.split(setSeparator).map(unescapeTsv);
        json = `[${items.map((x) => (col.numericElements ? x : JSON.stringify(x))).join(',')}]`;
      }
      parts.push(col.key + json);
    }
    batch.push(`{${parts.join(',')}}`);
    written++;
  };
  for await (const chunk of createReadStream(from, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = pending + (chunk as string);
    const lines = text.split('\n');
    pending = lines.pop()!;
    for (const l of lines) line(l);
    await flush();
  }
  if (pending !== '') line(pending);
  await flush();
  out.end();
  await once(out, 'finish');
  return written;
}

if (argv[1] === fileURLToPath(import.meta.url)) {
  const [from, to] = argv.slice(2);
  if (from === undefined || to === undefined) {
    console.error('usage: node build/bench/e2e/zeek-json.js <zeek-tsv.log> <out.json.log>');
    process.exitCode = 2;
  } else console.log(`${await tsvToZeekJson(from, to)} lines written to ${to}`);
}
