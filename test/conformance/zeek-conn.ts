/**
 * Conformance with Zeek on its own test suite: runs netscry's capture extraction on every case
 * of `<corpus>/zeek/cases.json` that has a conn.log baseline and compares row by row.
 *
 *   npm run conformance -- [--corpus DIR] [--min 0.95] [--show 5] [--case SUBSTRING]
 *
 * Rows are matched on the connection tuple (orig_h, orig_p, resp_h, resp_p, proto), in order of
 * appearance within a tuple. Some baselines are `zeek-cut` output of a few columns without the
 * tuple (e.g. `uid service history`): each of their rows is matched with an identical row of ours
 * if there is one, else with the next unmatched row in log order; only the columns a baseline has
 * are compared. Renamed fields (`id_orig_h`, the logging framework's
 * scope-separator and field-name-map tests) are read under their usual names. A row agrees when proto, duration (µs), orig/resp bytes, packets and
 * IP bytes, conn_state and history are identical, and — for default-mode (non `-b`) cases —
 * service too. Cases whose command line applies a BPF filter (`-f`) are reported apart: netscry
 * has no BPF engine. Exit status 7 when the overall agreement is below --min.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { extractCapture } from '../../src/ingest/pcap/extract.js';
import { connColumns } from '../../src/report/zeek-columns.js';
import { zeekTsv } from '../../src/report/zeek-log.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../../src/shared/addr.js';

const { values } = parseArgs({
  options: {
    corpus: {
      type: 'string',
      default: process.env.NETSCRY_CORPUS ?? resolve(import.meta.dirname, '../../../../shared/corpus'),
    },
    min: { type: 'string' },
    show: { type: 'string', default: '3' },
    case: { type: 'string' },
  },
});

interface Case {
  readonly test: string;
  readonly traces: readonly string[];
  readonly bare: boolean;
  readonly cmd: readonly string[];
  readonly baseline: string;
  readonly files: readonly string[];
}

const TUPLE = ['id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'] as const;
const COMPARED = [
  'proto',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'conn_state',
  'history',
  'orig_pkts',
  'orig_ip_bytes',
  'resp_pkts',
  'resp_ip_bytes',
] as const;

type Row = Map<string, string>;

/** `id_orig_h` (a renamed scope separator) or `src_port` (a field-name map) → `id.orig_p`. */
const RENAMED: Readonly<Record<string, string>> = {
  src: 'id.orig_h',
  src_port: 'id.orig_p',
  dst: 'id.resp_h',
  dst_port: 'id.resp_p',
};
const fieldName = (f: string) => RENAMED[f] ?? f.replace(/^id_(orig|resp)_([hp])$/, 'id.$1_$2');

/** Rows of a Zeek TSV log, or of `zeek-cut` output whose first line names the columns. */
function parseTsv(text: string): { fields: string[]; rows: Row[] } {
  let fields: string[] | undefined;
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1).map(fieldName);
    if (line === '' || line.startsWith('#')) continue;
    const values = line.split('\t');
    if (fields === undefined) {
      fields = values.map(fieldName);
      continue;
    }
    rows.push(new Map(fields.map((f, i) => [f, values[i] ?? ''])));
  }
  return { fields: fields ?? [], rows };
}

const key = (r: Row) => TUPLE.map((f) => r.get(f)).join(' ');
/** With `ip_proto` where the baseline has it: SCTP and protocol 99 can share a tuple. */
const keyWithIpProto = (r: Row) => `${key(r)} ${r.get('ip_proto')}`;

const corpus = values.corpus;
const casesPath = join(corpus, 'zeek', 'cases.json');
if (!existsSync(casesPath)) {
  console.log(`conformance: no Zeek corpus at ${casesPath} (set NETSCRY_CORPUS); nothing to compare`);
  process.exit(0);
}
const cases = (JSON.parse(readFileSync(casesPath, 'utf8')) as Case[]).filter(
  (c) => c.files.includes('conn.log') && (values.case === undefined || c.baseline.includes(values.case)),
);
const local = LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks;
const columns = connColumns(local);
const show = Number(values.show);

let total = 0;
let agreeing = 0;
let missing = 0;
let extra = 0;
let filteredRows = 0;
let filteredAgree = 0;
const fieldMismatch = new Map<string, number>();
const perCase: Array<{
  baseline: string;
  rows: number;
  agree: number;
  missing: number;
  extra: number;
  note: string;
}> = [];

for (const c of cases) {
  const baseline = parseTsv(readFileSync(join(corpus, 'zeek', 'baselines', c.baseline, 'conn.log'), 'utf8'));
  const expected = baseline.rows;
  const byPosition = !TUPLE.every((f) => baseline.fields.includes(f));
  const cmd = c.cmd.join(' ');
  // Zeek's -C turns checksum checks off; cases.json has no command line for a few tests whose
  // btest runs several commands, and their traces are sensor-side captures: read them as -C.
  const verifyChecksums = c.cmd.length > 0 && !/\s-C\b|\s-\w*C\w*\s/.test(` ${cmd} `);
  const filtered = /\s-f\s/.test(` ${cmd} `);
  const ours: Row[] = [];
  const traces = [...new Set(c.traces)].filter((t) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(t));
  let note = '';
  for (const trace of traces) {
    const path = join(corpus, 'zeek', 'traces', trace);
    if (!existsSync(path)) {
      note = `missing trace ${trace}`;
      continue;
    }
    try {
      const result = extractCapture(new Uint8Array(readFileSync(path)), {
        verifyChecksums,
        // Script options the test sets on its command line.
        packetPath: { delayTeredoConfirmation: !/Tunnel::delay_teredo_confirmation=F/.test(cmd) },
        // Zeek's likely server ports are those the loaded protocol scripts register; a bare
        // (`-b`) test of a framework loads none, so its flip heuristic knows no port.
        ...(c.bare && c.test.startsWith('scripts/base/frameworks/')
          ? { tracker: { likelyServerPorts: new Set<number>() } }
          : {}),
      });
      ours.push(...parseTsv(zeekTsv('conn', columns, result.conns, result.timeRange)).rows);
    } catch (err) {
      note = `${trace}: ${(err as Error).message}`;
    }
  }
  const rowKey = byPosition ? () => '' : baseline.fields.includes('ip_proto') ? keyWithIpProto : key;
  const byKey = new Map<string, Row[]>();
  for (const r of ours) {
    const list = byKey.get(rowKey(r));
    if (list) list.push(r);
    else byKey.set(rowKey(r), [r]);
  }
  const compared = (c.bare ? COMPARED : [...COMPARED, 'service']).filter((f) => baseline.fields.includes(f));
  let agree = 0;
  let caseMissing = 0;
  const shown: string[] = [];
  for (const e of expected) {
    const candidates = byKey.get(rowKey(e));
    const same = byPosition
      ? (candidates?.findIndex((r) => compared.every((f) => r.get(f) === e.get(f))) ?? -1)
      : -1;
    const mine = same > 0 ? candidates?.splice(same, 1)[0] : candidates?.shift();
    if (mine === undefined) {
      caseMissing++;
      if (shown.length < show)
        shown.push(
          `  missing  ${byPosition ? `row ${expected.indexOf(e) + 1}` : key(e)}  ${compared.map((f) => e.get(f)).join(' ')}`,
        );
      continue;
    }
    const diffs = compared.filter((f) => (e.get(f) ?? '-') !== (mine.get(f) ?? '-'));
    if (diffs.length === 0) agree++;
    else {
      for (const f of diffs) fieldMismatch.set(f, (fieldMismatch.get(f) ?? 0) + 1);
      if (shown.length < show) {
        shown.push(
          `  differs  ${byPosition ? `row ${expected.indexOf(e) + 1}` : key(e)}  ${diffs.map((f) => `${f}: zeek ${e.get(f)} ours ${mine.get(f)}`).join('; ')}`,
        );
      }
    }
  }
  const caseExtra = [...byKey.values()].reduce((n, l) => n + l.length, 0);
  if (filtered) {
    filteredRows += expected.length;
    filteredAgree += agree;
  } else {
    total += expected.length;
    agreeing += agree;
    missing += caseMissing;
    extra += caseExtra;
  }
  perCase.push({
    baseline: c.baseline,
    rows: expected.length,
    agree,
    missing: caseMissing,
    extra: caseExtra,
    note: filtered ? 'BPF filter (-f) not applied' : note,
  });
  if (agree < expected.length || caseExtra > 0) {
    console.log(
      `${c.baseline}: ${agree}/${expected.length} agree, ${caseMissing} missing, ${caseExtra} extra${note ? ` (${note})` : ''}`,
    );
    for (const s of shown) console.log(s);
  }
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
console.log('');
console.log(`conn.log conformance over ${perCase.length} Zeek test cases (${corpus})`);
console.log(`  rows identical: ${agreeing}/${total} = ${pct(agreeing, total)}`);
console.log(`  rows missing: ${missing}, extra rows: ${extra}`);
console.log(
  `  cases with a BPF filter (not applied, not counted): ${filteredAgree}/${filteredRows} rows agree`,
);
console.log(
  `  mismatches by field: ${
    [...fieldMismatch]
      .sort((a, b) => b[1] - a[1])
      .map(([f, n]) => `${f} ${n}`)
      .join(', ') || 'none'
  }`,
);
const min = values.min === undefined ? undefined : Number(values.min);
if (min !== undefined && total > 0 && agreeing / total < min) {
  console.log(`below the target agreement ${min}`);
  process.exit(7);
}
