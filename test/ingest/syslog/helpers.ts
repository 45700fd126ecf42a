/**
 * Loghub corpus helpers: a small RFC 4180 CSV reader and the template-parameter alignment
 * (`<*>` in EventTemplate → the values in Content), so expected values come from the corpus'
 * own annotation, not from the extractor under test.
 */
import { readFileSync } from 'node:fs';

/** Rows of a CSV file (quoted fields with `""` escapes; CRLF or LF). */
export function readCsv(path: string): Array<Record<string, string>> {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...data] = rows;
  return data
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries(header!.map((h, k) => [h, r[k] ?? ''])));
}

/** Lines of a log file as bytes (CR kept: the parser strips trailers itself). */
export function readLines(path: string): Uint8Array[] {
  const bytes = readFileSync(path);
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      out.push(new Uint8Array(bytes.subarray(start, i)));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(new Uint8Array(bytes.subarray(start)));
  return out;
}

const templateCache = new Map<string, RegExp>();

/** The `<*>` values of `content` under `template`, or undefined when it does not align. */
export function templateParams(template: string, content: string): string[] | undefined {
  let re = templateCache.get(template);
  if (re === undefined) {
    const parts = template
      .trim()
      .split('<*>')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`^${parts.join('(.*?)')}$`);
    templateCache.set(template, re);
  }
  const m = re.exec(content.trim());
  return m === null ? undefined : m.slice(1).map((v) => v.trim());
}

export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** `[Mmm, d, hh:mm:ss]` of an epoch-seconds time, in UTC. */
export function utcParts(ts: number): [string, string, string] {
  const d = new Date(ts * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return [
    MONTH_NAMES[d.getUTCMonth()]!,
    String(d.getUTCDate()),
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
  ];
}
