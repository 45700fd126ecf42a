/** Test-only reader for the generator's Zeek TSV output (small files; not a parser to reuse). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ZeekLog {
  readonly directives: ReadonlyMap<string, string>;
  readonly fields: readonly string[];
  readonly types: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Raw header lines in order, `#close` included. */
  readonly headerLines: readonly string[];
  readonly closed: boolean;
}

export async function readZeekLog(path: string): Promise<ZeekLog> {
  const text = await readFile(path, 'latin1');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const directives = new Map<string, string>();
  const headerLines: string[] = [];
  const rows: string[][] = [];
  let closed = false;
  for (const line of lines) {
    if (line.startsWith('#')) {
      headerLines.push(line);
      const sep = line.startsWith('#separator') ? line.indexOf(' ') : line.indexOf('\t');
      directives.set(line.slice(1, sep), line.slice(sep + 1));
      if (line.startsWith('#close')) closed = true;
    } else {
      rows.push(line.split('\t'));
    }
  }
  return {
    directives,
    fields: (directives.get('fields') ?? '').split('\t'),
    types: (directives.get('types') ?? '').split('\t'),
    rows,
    headerLines,
    closed,
  };
}

/** Column accessor by field name. */
export function column(log: ZeekLog, field: string): number {
  const i = log.fields.indexOf(field);
  if (i < 0) throw new Error(`no field ${field}`);
  return i;
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `netscry-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
