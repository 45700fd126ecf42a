/**
 * End-to-end, side by side in one run: `netscry analyze` limited to the spine's analyzers
 * (heatmap + scan detection, every other detector disabled) with 1 and 2 actors, `netscry
 * analyze` with its default detectors (2 actors), `netscry heatmap` from the raw conn.log to a rendered PNG (the same /24 and /64 blocks
 * and 5-minute buckets, 2 actors), and DuckDB computing the same heatmap aggregation on the
 * same conn.log with 2 threads. Prints wall times (median of --runs), MB/s, CPU time (user +
 * system, every thread: on 2 cores a run that keeps both busy shows about twice its wall time),
 * peak RSS and DuckDB's time ÷ ours.
 *
 * Runs are interleaved: each of the --runs rounds runs every row once, DuckDB last, so a slow
 * spell of the (shared) machine hits both sides of a comparison alike. "DuckDB ÷ this" is the
 * median over the rounds of the round's DuckDB time ÷ the row's time, with the lowest and
 * highest round beside it.
 *
 *   npm run bench:e2e -- [--lines 10000000] [--runs 3] [--all-detectors | --heatmap-only] [--gzip] [--json-logs]
 *
 * `--heatmap-only` times only `netscry heatmap → PNG` and DuckDB (issue 5's comparison).
 * `--gzip` adds both on the same conn.log gzip-compressed (level 1, made once and cached).
 * `--json-logs` adds the spine (2 actors), the heatmap → PNG and DuckDB (`read_json`) on the
 * same records as a Zeek JSON log (conn.json.log, converted once by zeek-json.ts and cached);
 * with `--all-detectors` also the every-detector row over conn.json.log and dns.json.log.
 *
 * `--all-detectors` keeps the generated dns.log too (its own cache directory) and adds a row:
 * `netscry analyze conn.log dns.log` with every detector on, 2 actors — MB/s over both files.
 *
 * The conn.log comes from `netscry generate` (cached under bench/.data by size and seed).
 * Aggregation compared: per (side, /24 or /64 block, 300 s bucket): connections, orig and resp
 * bytes, distinct peers, failed connections. DuckDB counts distinct peers exactly and builds
 * IPv6 /64 labels from the address text (the generated IPv6 addresses are written in full
 * first-four-group form), which is the same work as ours within a small margin.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { DETECTORS } from '../../src/detect/registry.js';
import { generate } from '../../src/generate/index.js';
import { tsvToZeekJson } from './zeek-json.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '3' },
    'all-detectors': { type: 'boolean', default: false },
    'heatmap-only': { type: 'boolean', default: false },
    gzip: { type: 'boolean', default: false },
    'json-logs': { type: 'boolean', default: false },
  },
});
const heatmapOnly = values['heatmap-only'] === true;
const withGzip = values.gzip === true;
const withJson = values['json-logs'] === true;
const allDetectors = values['all-detectors'] === true;
const lines = Number(values.lines);
const runs = Number(values.runs);
const root = resolve(import.meta.dirname, '..', '..', '..');
const dataDir = join(root, 'bench', '.data', `${allDetectors ? 'conn-dns' : 'conn'}-${lines}`);
const conn = join(dataDir, 'conn.log');
const dns = join(dataDir, 'dns.log');
const dnsJson = join(dataDir, 'dns.json.log');
const connGz = join(dataDir, 'conn.log.gz');
const connJson = join(dataDir, 'conn.json.log');
const cli = join(root, 'dist', 'cli', 'bin.js');
const ALL = DETECTORS.map((d) => d.name).join(',');
/** Every detector but scan: the spine's rows (heatmap + scan) stay comparable across sessions. */
const ALL_BUT_SCAN = DETECTORS.filter((d) => d.name !== 'scan')
  .map((d) => d.name)
  .join(',');

async function ensureData(): Promise<void> {
  if (existsSync(conn) && (!allDetectors || existsSync(dns))) return;
  await mkdir(dataDir, { recursive: true });
  console.error(`generating ~${lines} conn lines into ${dataDir} …`);
  const hosts = Math.max(200, Math.round(lines / 10_000));
  await generate({ out: dataDir, hosts, hours: 24, seed: 42, targetConnections: lines });
  for (const other of [...(allDetectors ? [] : ['dns.log']), 'http.log', 'ssl.log', 'dhcp.log', 'weird.log'])
    await rm(join(dataDir, other), { force: true });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Measured {
  readonly name: string;
  readonly seconds: number[];
  readonly rssMB: number[];
  /** User + system CPU seconds of the run, all threads (the machine has 2 cores). */
  readonly cpuSeconds: number[];
  /** netscry rows: what to run. */
  readonly verb?: Verb;
  readonly actors?: number;
  /** The conn log read (a DuckDB row also counts the cells its query found). */
  readonly path: string;
  cells?: number;
}

type Verb = 'analyze' | 'defaults' | 'heatmap' | 'detectors';

/** How a row names a conn log other than the plain TSV one. */
function inputLabel(path: string): string {
  return path === connGz ? ', conn.log.gz' : path === connJson ? ', JSON log' : '';
}

/** The dns log an every-detector row reads beside its conn log: the same format. */
function dnsOf(m: Measured): string {
  return m.path === connJson ? dnsJson : dns;
}

function netscryRow(actors: number, verb: Verb = 'analyze', path = conn): Measured {
  return {
    name:
      (verb === 'analyze'
        ? `netscry analyze (heatmap + scan), ${actors} actor${actors === 1 ? '' : 's'}`
        : verb === 'defaults'
          ? `netscry analyze, default detectors, ${actors} actors`
          : verb === 'detectors'
            ? `netscry analyze conn+dns, every detector, ${actors} actors`
            : `netscry heatmap → PNG, ${actors} actor${actors === 1 ? '' : 's'}`) + inputLabel(path),
    seconds: [],
    rssMB: [],
    cpuSeconds: [],
    verb,
    actors,
    path,
  };
}

/** One run of a netscry row, appended to its measurements. */
function runNetscry(m: Measured): void {
  const { verb, actors, path } = m;
  if (verb === undefined || actors === undefined) throw new Error(`${m.name} is not a netscry row`);
  const out = join(dataDir, `out-${verb}-${actors}${path === conn ? '' : path === connGz ? '-gz' : '-json'}`);
  const args =
    verb === 'analyze'
      ? ['analyze', path, '--actors', String(actors), '--out', out, '--json', '--disable', ALL_BUT_SCAN]
      : verb === 'defaults'
        ? ['analyze', path, '--actors', String(actors), '--out', out, '--json']
        : verb === 'detectors'
          ? ['analyze', path, dnsOf(m), '--actors', String(actors), '--out', out, '--json', '--enable', ALL]
          : [
              'heatmap',
              path,
              '--actors',
              String(actors),
              '--prefix',
              '24,64',
              '--bucket',
              '5m',
              '--out',
              join(out, 'heatmap.png'),
            ];
  const started = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, cli, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.status !== 0) throw new Error(`netscry failed: ${res.stderr}`);
  const [rssKB, user, system] = res.stderr.trim().split('\n').pop()!.split(' ').map(Number) as [
    number,
    number,
    number,
  ];
  m.seconds.push(seconds);
  m.rssMB.push(rssKB / 1024);
  m.cpuSeconds.push(user + system);
  console.error(`${m.name}: ${seconds.toFixed(2)} s, ${(rssKB / 1024).toFixed(0)} MB`);
}

/** DuckDB's reader of the TSV log: every column typed, as our parser reads them all. */
const TSV_SOURCE = (path: string) => `
  SELECT * FROM read_csv('${path}', delim='\t', header=false, comment='#', nullstr='-', quote='', escape='', auto_detect=false,
    columns={'ts':'DOUBLE','uid':'VARCHAR','orig_h':'VARCHAR','orig_p':'INTEGER','resp_h':'VARCHAR','resp_p':'INTEGER',
      'proto':'VARCHAR','service':'VARCHAR','duration':'DOUBLE','orig_bytes':'BIGINT','resp_bytes':'BIGINT',
      'conn_state':'VARCHAR','local_orig':'VARCHAR','local_resp':'VARCHAR','missed_bytes':'BIGINT','history':'VARCHAR',
      'orig_pkts':'BIGINT','orig_ip_bytes':'BIGINT','resp_pkts':'BIGINT','resp_ip_bytes':'BIGINT','tunnel_parents':'VARCHAR'})`;

/** DuckDB's reader of the JSON log: the same columns, renamed to the TSV query's names. */
const JSON_SOURCE = (path: string) => `
  SELECT ts, uid, "id.orig_h" AS orig_h, "id.orig_p" AS orig_p, "id.resp_h" AS resp_h, "id.resp_p" AS resp_p,
    proto, service, duration, orig_bytes, resp_bytes, conn_state, local_orig, local_resp, missed_bytes, history,
    orig_pkts, orig_ip_bytes, resp_pkts, resp_ip_bytes, tunnel_parents
  FROM read_json('${path}', format='newline_delimited',
    columns={'ts':'DOUBLE','uid':'VARCHAR','id.orig_h':'VARCHAR','id.orig_p':'INTEGER','id.resp_h':'VARCHAR','id.resp_p':'INTEGER',
      'proto':'VARCHAR','service':'VARCHAR','duration':'DOUBLE','orig_bytes':'BIGINT','resp_bytes':'BIGINT',
      'conn_state':'VARCHAR','local_orig':'BOOLEAN','local_resp':'BOOLEAN','missed_bytes':'BIGINT','history':'VARCHAR',
      'orig_pkts':'BIGINT','orig_ip_bytes':'BIGINT','resp_pkts':'BIGINT','resp_ip_bytes':'BIGINT','tunnel_parents':'VARCHAR[]'})`;

const HEATMAP_SQL = (path: string) => `
WITH c AS (${path === connJson ? JSON_SOURCE(path) : TSV_SOURCE(path)}
),
sides AS (
  SELECT 'orig' AS side, orig_h AS addr, resp_h AS peer, ts, orig_bytes, resp_bytes, conn_state FROM c
  UNION ALL
  SELECT 'resp', resp_h, orig_h, ts, orig_bytes, resp_bytes, conn_state FROM c
)
SELECT side,
  CASE WHEN contains(addr, ':') THEN array_to_string(list_slice(string_split(addr, ':'), 1, 4), ':') || '::/64'
       ELSE regexp_replace(addr, '\\.[0-9]+$', '') || '.0/24' END AS block,
  CAST(floor(ts / 300) * 300 AS BIGINT) AS bucket,
  count(*) AS connections,
  sum(coalesce(orig_bytes, 0)) AS orig_bytes,
  sum(coalesce(resp_bytes, 0)) AS resp_bytes,
  count(DISTINCT peer) AS distinct_peers,
  count(*) FILTER (WHERE conn_state IN ('S0','REJ','RSTOS0','RSTRH','SH','SHR')) AS failed
FROM sides GROUP BY ALL`;

function duckdbRow(path = conn): Measured {
  return {
    name: `DuckDB, same heatmap aggregation, 2 threads${inputLabel(path)}`,
    seconds: [],
    rssMB: [],
    cpuSeconds: [],
    path,
  };
}

/** One run of the DuckDB query, appended to its measurements. */
async function runDuckdb(m: Measured): Promise<void> {
  const path = m.path;
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await connection.runAndReadAll(`SELECT count(*) FROM (${HEATMAP_SQL(path)})`);
  m.seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  const used = process.cpuUsage(cpu);
  m.cpuSeconds.push((used.user + used.system) / 1e6);
  m.cells = Number(result.getRows()[0]![0]);
  console.error(`${m.name}: ${m.seconds.at(-1)!.toFixed(2)} s`);
  m.rssMB.push(process.resourceUsage().maxRSS / 1024);
  connection.closeSync();
  instance.closeSync();
}

await ensureData();
if (withGzip && !existsSync(connGz)) {
  console.error(`compressing ${conn} …`);
  await pipeline(createReadStream(conn), createGzip({ level: 1 }), createWriteStream(connGz));
}
if (withJson && !existsSync(connJson)) {
  console.error(`converting ${conn} to a Zeek JSON log …`);
  await tsvToZeekJson(conn, connJson);
}
if (withJson && allDetectors && !existsSync(dnsJson)) {
  console.error(`converting ${dns} to a Zeek JSON log …`);
  await tsvToZeekJson(dns, dnsJson);
}
const bytes = statSync(conn).size;
const ours1 = heatmapOnly ? undefined : netscryRow(1);
const every = allDetectors && !heatmapOnly ? netscryRow(2, 'detectors') : undefined;
const ours2 = heatmapOnly ? undefined : netscryRow(2);
const defaults2 = heatmapOnly ? undefined : netscryRow(2, 'defaults');
const png2 = netscryRow(2, 'heatmap');
const pngGz = withGzip ? netscryRow(2, 'heatmap', connGz) : undefined;
const oursJson = withJson && !heatmapOnly ? netscryRow(2, 'analyze', connJson) : undefined;
const pngJson = withJson ? netscryRow(2, 'heatmap', connJson) : undefined;
const everyJson = withJson && allDetectors && !heatmapOnly ? netscryRow(2, 'detectors', connJson) : undefined;
const duck = duckdbRow();
const duckGz = withGzip ? duckdbRow(connGz) : undefined;
const duckJson = withJson ? duckdbRow(connJson) : undefined;
for (let round = 0; round < runs; round++) {
  for (const m of [ours1, every, ours2, defaults2, png2, pngGz, oursJson, pngJson, everyJson])
    if (m !== undefined) runNetscry(m);
  await runDuckdb(duck);
  if (duckGz !== undefined) await runDuckdb(duckGz);
  if (duckJson !== undefined) await runDuckdb(duckJson);
}
/** MB/s over the row's conn log (and the dns log of an every-detector row). */
const mbps = (m: Measured) =>
  (
    (statSync(m.path).size + (m.verb === 'detectors' ? statSync(dnsOf(m)).size : 0)) /
    1e6 /
    median(m.seconds)
  ).toFixed(0);
/** The DuckDB row a row is compared with: the one that read the same conn log. */
const peerOf = (m: Measured): Measured =>
  m.path === connGz ? duckGz! : m.path === connJson ? duckJson! : duck;
/** Median, lowest and highest over the rounds of peer time ÷ row time. */
const ratio = (m: Measured, peer: Measured): string => {
  const r = m.seconds.map((s, i) => peer.seconds[i]! / s).sort((a, b) => a - b);
  const mid = median(r).toFixed(2);
  return r.length < 2 ? mid : `${mid} (${r[0]!.toFixed(2)}–${r.at(-1)!.toFixed(2)})`;
};
console.log(
  `conn.log: ${(bytes / 1e6).toFixed(0)} MB${withJson ? ` (as JSON: ${(statSync(connJson).size / 1e6).toFixed(0)} MB)` : ''}, ${lines} target lines; node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}); runs: ${runs} (median)`,
);
console.table(
  [ours1, ours2, defaults2, png2, every, duck, pngGz, duckGz, oursJson, pngJson, everyJson, duckJson]
    .filter((m) => m !== undefined)
    .map((m) => ({
      what: m.name,
      'wall s (median)': median(m.seconds).toFixed(2),
      'MB/s': mbps(m),
      'CPU s (median)': median(m.cpuSeconds).toFixed(1),
      'peak RSS MB': median(m.rssMB).toFixed(0),
      'DuckDB ÷ this (range)': ratio(m, peerOf(m)),
    })),
);
console.log(
  `DuckDB heatmap cells: ${duck.cells}${duckJson === undefined ? '' : ` (from the JSON log: ${duckJson.cells})`}`,
);
