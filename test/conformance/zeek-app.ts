/**
 * Conformance of the app-layer logs with Zeek: dns.log, http.log, ssl.log, ssh.log and dhcp.log written
 * by netscry's extraction against the baselines of every Zeek test case that has them.
 *
 *   tsc -p tsconfig.bench.json && node build/test/conformance/zeek-app.js [--corpus DIR] [--case S] [--show N]
 *
 * or from another conformance script: `compareAppLogs(baselineDir, files, results, tally)` per
 * case, then `printAppTally(tally)`.
 *
 * Rows are matched without uids (Zeek's are random): on the connection tuple (dhcp: the mac), in
 * order of appearance within a key. A row agrees when the key fields of its log are identical,
 * each compared only when the baseline has the column: dns query, qtype_name, rcode_name,
 * answers, TTLs, AA, TC, RD, RA, rejected; http method, host, uri, status_code,
 * request_body_len, response_body_len; ssl version, cipher, server_name, established, resumed,
 * next_protocol; ssh version, auth_success, auth_attempts, client, server and the negotiated
 * algorithms; dhcp msg_types, client_addr, assigned_addr, mac, host_name, lease_time. Values
 * are compared as Zeek's TSV writer prints them (JSON baselines are normalised to that).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { HTTP_COLUMNS } from '../../src/ingest/pcap/app/http.js';
import { type ExtractResult, extractCapture } from '../../src/ingest/pcap/extract.js';
import { DHCP_COLUMNS, DNS_COLUMNS, SSH_COLUMNS, SSL_COLUMNS } from '../../src/report/zeek-columns.js';
import { type ZeekColumn, zeekTsv } from '../../src/report/zeek-log.js';

type Row = Map<string, string>;

const TUPLE = ['id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'];

interface LogSpec {
  readonly key: readonly string[];
  readonly fields: readonly string[];
  readonly render: (r: ExtractResult) => string;
}

function tsv<R>(columns: readonly ZeekColumn<R>[], records: readonly R[]): string {
  return zeekTsv('x', columns, records, [0, 0]);
}

export const APP_LOGS: Readonly<Record<string, LogSpec>> = {
  dns: {
    key: TUPLE,
    fields: ['query', 'qtype_name', 'rcode_name', 'answers', 'TTLs', 'AA', 'TC', 'RD', 'RA', 'rejected'],
    render: (r) => tsv(DNS_COLUMNS, r.apps.dns),
  },
  http: {
    key: TUPLE,
    fields: ['method', 'host', 'uri', 'status_code', 'request_body_len', 'response_body_len'],
    render: (r) => tsv(HTTP_COLUMNS, r.apps.http),
  },
  ssl: {
    key: TUPLE,
    fields: ['version', 'cipher', 'server_name', 'established', 'resumed', 'next_protocol'],
    render: (r) => tsv(SSL_COLUMNS, r.apps.ssl),
  },
  ssh: {
    key: TUPLE,
    fields: [
      'version',
      'auth_success',
      'auth_attempts',
      'client',
      'server',
      'cipher_alg',
      'mac_alg',
      'compression_alg',
      'kex_alg',
      'host_key_alg',
    ],
    render: (r) => tsv(SSH_COLUMNS, r.apps.ssh),
  },
  dhcp: {
    key: ['mac'],
    fields: ['msg_types', 'client_addr', 'assigned_addr', 'mac', 'host_name', 'lease_time'],
    render: (r) => tsv(DHCP_COLUMNS, r.apps.dhcp),
  },
};

/** Per log type: baseline rows, rows that agree, rows we lack, extra rows, field mismatches. */
export interface AppTally {
  readonly logs: Map<
    string,
    { rows: number; agree: number; missing: number; extra: number; fields: Map<string, number> }
  >;
}

export function newAppTally(): AppTally {
  return { logs: new Map() };
}

function normalise(value: string | undefined): string {
  if (value === undefined || value === '' || value === '-') return '-';
  return value
    .split(',')
    .map((v) => (/^-?\d+\.\d+$/.test(v) ? Number(v).toFixed(6) : v))
    .join(',');
}

function jsonValue(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (Array.isArray(v)) return v.length === 0 ? '(empty)' : v.map(jsonValue).join(',');
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(6);
  return String(v);
}

/** Rows of a Zeek log in TSV or JSON lines (nested JSON objects flattened with '.'). */
export function parseZeekLog(text: string): Row[] {
  let fields: string[] = [];
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1);
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('{')) {
      const row: Row = new Map();
      const walk = (o: Record<string, unknown>, prefix: string) => {
        for (const [k, v] of Object.entries(o)) {
          if (v !== null && typeof v === 'object' && !Array.isArray(v))
            walk(v as Record<string, unknown>, `${prefix}${k}.`);
          else row.set(`${prefix}${k}`, jsonValue(v));
        }
      };
      try {
        walk(JSON.parse(line) as Record<string, unknown>, '');
        rows.push(row);
      } catch {
        // not a log line (btest output mixed in)
      }
      continue;
    }
    if (fields.length === 0) continue;
    const values = line.split('\t');
    rows.push(new Map(fields.map((f, i) => [f, values[i] ?? ''])));
  }
  return rows;
}

/**
 * Compares the app logs of one case (its baseline directory and `files` from cases.json) with
 * the extraction results of its traces; adds to `tally`; returns lines describing up to `show`
 * mismatches per log.
 */
export function compareAppLogs(
  baselineDir: string,
  files: readonly string[],
  results: readonly ExtractResult[],
  tally: AppTally,
  show = 3,
): string[] {
  const out: string[] = [];
  for (const [log, spec] of Object.entries(APP_LOGS)) {
    if (!files.includes(`${log}.log`)) continue;
    const path = join(baselineDir, `${log}.log`);
    if (!existsSync(path)) continue;
    const expected = parseZeekLog(readFileSync(path, 'utf8'));
    if (expected.length === 0) continue;
    const header = expected[0]!;
    const keyFields = spec.key.filter((f) => header.has(f));
    const compared = spec.fields.filter((f) => header.has(f));
    const key = (r: Row) => keyFields.map((f) => r.get(f) ?? '-').join(' ');
    const byKey = new Map<string, Row[]>();
    for (const result of results) {
      for (const r of parseZeekLog(spec.render(result))) {
        const list = byKey.get(key(r));
        if (list) list.push(r);
        else byKey.set(key(r), [r]);
      }
    }
    let t = tally.logs.get(log);
    if (t === undefined) {
      t = { rows: 0, agree: 0, missing: 0, extra: 0, fields: new Map() };
      tally.logs.set(log, t);
    }
    let shown = 0;
    for (const e of expected) {
      t.rows++;
      const mine = byKey.get(key(e))?.shift();
      if (mine === undefined) {
        t.missing++;
        if (shown++ < show)
          out.push(`  ${log} missing  ${key(e)}  ${compared.map((f) => e.get(f)).join(' ')}`);
        continue;
      }
      const diffs = compared.filter((f) => normalise(e.get(f)) !== normalise(mine.get(f)));
      if (diffs.length === 0) t.agree++;
      else {
        for (const f of diffs) t.fields.set(f, (t.fields.get(f) ?? 0) + 1);
        if (shown++ < show)
          out.push(
            `  ${log} differs  ${key(e)}  ${diffs.map((f) => `${f}: zeek ${e.get(f)} ours ${mine.get(f)}`).join('; ')}`,
          );
      }
    }
    t.extra += [...byKey.values()].reduce((n, l) => n + l.length, 0);
  }
  return out;
}

export function printAppTally(tally: AppTally): void {
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
  for (const [log, t] of [...tally.logs].sort()) {
    const fields = [...t.fields].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`);
    console.log(
      `  ${log}.log: ${t.agree}/${t.rows} rows agree = ${pct(t.agree, t.rows)}; ${t.missing} missing, ${t.extra} extra${
        fields.length > 0 ? `; mismatches: ${fields.join(', ')}` : ''
      }`,
    );
  }
}

interface Case {
  readonly traces: readonly string[];
  readonly cmd: readonly string[];
  readonly baseline: string;
  readonly files: readonly string[];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      corpus: {
        type: 'string',
        default: process.env.NETSCRY_CORPUS ?? resolve(import.meta.dirname, '../../../../shared/corpus'),
      },
      show: { type: 'string', default: '3' },
      case: { type: 'string' },
    },
  });
  const corpus = values.corpus;
  const casesPath = join(corpus, 'zeek', 'cases.json');
  if (!existsSync(casesPath)) {
    console.log(`app conformance: no Zeek corpus at ${casesPath} (set NETSCRY_CORPUS); nothing to compare`);
    return;
  }
  const cases = (JSON.parse(readFileSync(casesPath, 'utf8')) as Case[]).filter(
    (c) =>
      Object.keys(APP_LOGS).some((l) => c.files.includes(`${l}.log`)) &&
      (values.case === undefined || c.baseline.includes(values.case)),
  );
  const tally = newAppTally();
  for (const c of cases) {
    const cmd = ` ${c.cmd.join(' ')} `;
    if (/\s-f\s/.test(cmd)) continue;
    // No command recorded: the test's own command line is unknown; most pass -C, so do not verify.
    const verifyChecksums = c.cmd.length > 0 && !/\s-C\b|\s-\w*C\w*\s/.test(cmd);
    const results: ExtractResult[] = [];
    for (const trace of new Set(c.traces)) {
      if (!/\.(pcap|pcapng|cap|trace)(\.gz)?$/.test(trace)) continue;
      const path = join(corpus, 'zeek', 'traces', trace);
      if (!existsSync(path)) continue;
      try {
        results.push(extractCapture(new Uint8Array(readFileSync(path)), { verifyChecksums }));
      } catch (err) {
        console.log(`${c.baseline}: ${trace}: ${(err as Error).message}`);
      }
    }
    const lines = compareAppLogs(
      join(corpus, 'zeek', 'baselines', c.baseline),
      c.files,
      results,
      tally,
      Number(values.show),
    );
    if (lines.length > 0) {
      console.log(c.baseline);
      for (const l of lines) console.log(l);
    }
  }
  console.log('');
  console.log(`app-log conformance over ${cases.length} Zeek test cases (${corpus})`);
  printAppTally(tally);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
