/**
 * Bounded memory: the same network and day at growing record counts, peak RSS of a whole
 * `netscry analyze` per size. State is capped (virtual-shard caps, evictions counted) and the
 * heatmap grows with blocks × buckets, not with records, so RSS should level off.
 *
 *   npm run bench:memory -- [--sizes 1000000,2000000,4000000] [--actors 2] [--all-detectors]
 *
 * Default: conn.log with the default detectors. `--all-detectors`: conn.log and the generated
 * dns.log with every detector on (beacon too; its own data directories).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DETECTORS } from '../../src/detect/registry.js';
import { generate } from '../../src/generate/index.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,2000000,4000000' },
    actors: { type: 'string', default: '2' },
    'all-detectors': { type: 'boolean', default: false },
  },
});
const allDetectors = values['all-detectors'] === true;
const ALL = DETECTORS.map((d) => d.name).join(',');
const sizes = values.sizes.split(',').map(Number);
const root = resolve(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli', 'bin.js');

const rows: Array<Record<string, string>> = [];
for (const lines of sizes) {
  const dir = join(root, 'bench', '.data', `memory-${allDetectors ? 'dns-' : ''}${lines}`);
  const conn = join(dir, 'conn.log');
  const dns = join(dir, 'dns.log');
  if (!existsSync(conn) || (allDetectors && !existsSync(dns))) {
    await mkdir(dir, { recursive: true });
    await generate({ out: dir, hosts: 500, hours: 24, seed: 9, targetConnections: lines });
    for (const other of [
      ...(allDetectors ? [] : ['dns.log']),
      'http.log',
      'ssl.log',
      'dhcp.log',
      'weird.log',
    ])
      await rm(join(dir, other), { force: true });
  }
  const inputs = allDetectors ? [conn, dns] : [conn];
  const res = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M %e',
      process.execPath,
      cli,
      'analyze',
      ...inputs,
      ...(allDetectors ? ['--enable', ALL] : []),
      '--actors',
      values.actors,
      '--out',
      join(dir, 'out'),
      '--json',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`netscry failed: ${res.stderr}`);
  const [rssKB, wall] = res.stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number];
  const summary = JSON.parse(res.stdout) as { evictions: Record<string, number> };
  rows.push({
    'conn lines': lines.toLocaleString('en-US'),
    MB: (inputs.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6).toFixed(0),
    'wall s': wall.toFixed(1),
    'peak RSS MB': (rssKB / 1024).toFixed(0),
    evictions: Object.entries(summary.evictions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
  console.error(JSON.stringify(rows.at(-1)));
}
console.log(
  `node ${process.version}, ${availableParallelism()} cores, --actors ${values.actors}, ${allDetectors ? 'conn + dns, every detector' : 'conn, default detectors'}`,
);
console.table(rows);
