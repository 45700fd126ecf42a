/**
 * `npm run bench`: every micro-benchmark under bench/ (tinybench), then prints one table with
 * the machine it ran on. End-to-end runs side by side with DuckDB live in bench/e2e.
 */
import { availableParallelism, cpus } from 'node:os';
import type { BenchReport } from './harness.js';

const suites: Array<[string, () => Promise<{ run(): Promise<BenchReport[]> }>]> = [
  ['shared/hash', () => import('./shared/hash.bench.js')],
  ['shared/ring', () => import('./shared/ring.bench.js')],
  ['ingest/zeek-parse', () => import('./ingest/zeek-parse.bench.js')],
  ['ingest/netflow', () => import('./ingest/netflow.bench.js')],
  ['ingest/syslog', () => import('./ingest/syslog.bench.js')],
  ['coordinator/gzip-framing', () => import('./coordinator/gzip-framing.bench.js')],
  ['detect/scan', () => import('./detect/scan.bench.js')],
  ['detect/beacon', () => import('./detect/beacon.bench.js')],
  ['engine/shard-host', () => import('./engine/shard-host.bench.js')],
  ['report/heatmap', () => import('./report/heatmap.bench.js')],
  ['report/render', () => import('./report/render.bench.js')],
  ['triage/suppress', () => import('./triage/suppress.bench.js')],
];

const only = process.argv[2];
const rows: Array<BenchReport & { suite: string }> = [];
for (const [suite, load] of suites) {
  if (only && !suite.includes(only)) continue;
  const mod = await load();
  for (const r of await mod.run()) rows.push({ suite, ...r });
}
console.log(
  `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown cpu'})`,
);
console.table(
  rows.map((r) => ({
    suite: r.suite,
    name: r.name,
    'median ms': r.medianMs.toFixed(3),
    throughput: r.throughput,
    samples: r.samples,
  })),
);
