/**
 * A flood of a million random-source TCP SYNs to one server (test/helpers/syn-flood.ts, the
 * same generator as test/ingest/pcap/flood.test.ts), peak RSS and wall time of three ways
 * through it, each a child process under /usr/bin/time:
 *
 *   1. `netscry extract FILE` — the CLI (streaming), default tracker cap (maxConnections 200 000);
 *   2. `extractCapture` on the whole file in memory with `maxConnections` = --cap;
 *   3. streaming: the file in 1 MiB pieces through a `CaptureReader` → `decodePacket` →
 *      `ConnTracker` (cap --cap), records counted and dropped: state bounded by the cap alone.
 *
 *   npm run build && tsc -p tsconfig.bench.json && node build/bench/e2e/syn-flood.js [--syns 1000000] [--cap 10000]
 *
 * The flood: 2% of the SYNs at 200/s (Zeek's 5 s attempt timer ends them), the rest at
 * 250 000/s (the cap is reached and the longest-idle connection is evicted for each new one).
 * The in-process ways run with --expose-gc and report the heap in use after a GC once all
 * packets are in, i.e. what is live, as opposed to peak RSS (which includes garbage V8 had not
 * yet collected).
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CaptureReader } from '../../src/ingest/pcap/capture-file.js';
import { ConnTracker } from '../../src/ingest/pcap/connections.js';
import { decodePacket } from '../../src/ingest/pcap/decode.js';
import { extractCapture } from '../../src/ingest/pcap/extract.js';
import { DecodedPacket } from '../../src/ingest/pcap/packet.js';
import { type SynFloodSpec, synFloodChunks, synFloodCount } from '../../test/helpers/syn-flood.js';

const { values } = parseArgs({
  options: {
    syns: { type: 'string', default: '1000000' },
    cap: { type: 'string', default: '10000' },
    child: { type: 'string' },
    file: { type: 'string' },
  },
});
const syns = Number(values.syns);
const cap = Number(values.cap);

interface ChildReport {
  readonly packets: number;
  readonly records: number;
  readonly evicted: number;
  readonly maxOpen: number;
  /** Heap in use after a forced GC once every packet is in (streaming: the tracker's state). */
  readonly liveHeapMB: number;
}

function liveHeapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Runs inside the child: one of the two in-process ways, prints a JSON report. */
async function child(mode: string, file: string): Promise<ChildReport> {
  if (mode === 'extractCapture') {
    const result = extractCapture(new Uint8Array(readFileSync(file)), { tracker: { maxConnections: cap } });
    return {
      packets: result.packets,
      records: result.conns.length,
      evicted: result.evictedConnections,
      maxOpen: -1,
      liveHeapMB: liveHeapMB(),
    };
  }
  let records = 0;
  let maxOpen = 0;
  const tracker = new ConnTracker(
    () => {
      records++;
    },
    () => {},
    { maxConnections: cap },
  );
  const packet = new DecodedPacket();
  let packets = 0;
  const reader = new CaptureReader(
    (p) => {
      packets++;
      if (!decodePacket(p, packet, () => {}, { verifyChecksums: true })) return;
      tracker.observe(packet);
      if (tracker.openConnections > maxOpen) maxOpen = tracker.openConnections;
    },
    () => {},
  );
  for await (const piece of createReadStream(file, { highWaterMark: 1 << 20 })) {
    reader.push(new Uint8Array(piece as Buffer));
  }
  reader.end();
  const live = liveHeapMB();
  tracker.flush();
  return { packets, records, evicted: tracker.evictedEarly, maxOpen, liveHeapMB: live };
}

if (values.child !== undefined) {
  console.log(JSON.stringify(await child(values.child, values.file!)));
  process.exit(0);
}

const root = resolve(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli', 'bin.js');
const dir = join(tmpdir(), 'netscry-bench');
mkdirSync(dir, { recursive: true });
const fast = Math.round(syns * 0.98);
const spec: SynFloodSpec = {
  seed: 20261121,
  phases: [
    { count: syns - fast, perSecond: 200 },
    { count: fast, perSecond: 250_000 },
  ],
};
const file = join(dir, `syn-flood-${syns}-v2.pcap`);
if (!existsSync(file)) {
  const fd = openSync(`${file}.partial`, 'w');
  for (const chunk of synFloodChunks(spec)) writeSync(fd, chunk);
  closeSync(fd);
  renameSync(`${file}.partial`, file);
}

interface Timed {
  readonly wall: number;
  readonly rssMB: number;
  readonly stdout: string;
  /** The last line of stderr when the command failed (the run is still measured). */
  readonly failure: string | undefined;
}

function timed(args: readonly string[]): Timed {
  const res = spawnSync('/usr/bin/time', ['-f', '@@time %e %M', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = res.stderr.split('\n');
  const line = lines.find((l) => l.startsWith('@@time '));
  if (line === undefined) throw new Error(`${args.join(' ')}: no timing: ${res.stderr}`);
  const [, wall, rssKB] = line.split(' ').map(Number) as [number, number, number];
  const failure =
    res.status === 0 ? undefined : (lines.find((l) => /error/i.test(l)) ?? `exit status ${res.status}`);
  return { wall, rssMB: rssKB / 1024, stdout: res.stdout, failure };
}

const out = join(dir, 'syn-flood-out');
const rows: Array<Record<string, string>> = [];
{
  const r = timed([cli, 'extract', file, '--out', out]);
  rows.push({
    what: 'netscry extract (CLI, default cap 200 000)',
    'wall s': r.wall.toFixed(1),
    'peak RSS MB': r.rssMB.toFixed(0),
    'live heap MB': '—',
    result: r.failure !== undefined ? `FAILED: ${r.failure.trim()}` : (r.stdout.trim().split('\n')[0] ?? ''),
  });
  await rm(out, { recursive: true, force: true });
}
for (const [mode, what] of [
  ['extractCapture', `extractCapture, whole file in memory, cap ${cap}`],
  ['streaming', `streaming CaptureReader → ConnTracker, cap ${cap}`],
] as const) {
  const self = join(root, 'build', 'bench', 'e2e', 'syn-flood.js');
  const r = timed([
    '--expose-gc',
    self,
    '--child',
    mode,
    '--file',
    file,
    '--syns',
    String(syns),
    '--cap',
    String(cap),
  ]);
  if (r.failure !== undefined) throw new Error(`${mode} failed: ${r.failure}`);
  const report = JSON.parse(r.stdout) as ChildReport;
  rows.push({
    what,
    'wall s': r.wall.toFixed(1),
    'peak RSS MB': r.rssMB.toFixed(0),
    'live heap MB': report.liveHeapMB.toFixed(0),
    result: `${report.packets} packets, ${report.records} records, ${report.evicted} evicted early${report.maxOpen < 0 ? '' : `, at most ${report.maxOpen} open`}`,
  });
}
console.log(
  `SYN flood: ${synFloodCount(spec)} SYNs (${file}); node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`,
);
console.table(rows);
