/**
 * Beacon detection (`src/detect/beacon.ts`), one thread: `observeRows` over every record of a
 * generated day, from empty analyzers each round (one per virtual shard, as the shard host
 * keeps them), reported as CPU ns per input record (median of 5 passes after a warm-up; CPU
 * time because wall time on a shared machine measures the load), with the heap the analyzers
 * hold at the end of the stream (before `finish`; heap + array buffers after a forced GC).
 *
 * - conn: `netscry generate --hosts 500 --hours 24 --seed 9 --target-connections 1000000`
 *   (bench:memory's network, a quarter of its 4 M-line run; cached under the OS temp dir),
 *   conn.log only: the address pairs (compact table, inline samples, promotion).
 * - conn + ssl + http: the same day's conn, ssl and http logs in path order: adds the (source,
 *   domain) pairs and the FieldReader decode of every ssl/http record.
 * - scan: the scan analyzer on the same records, for scale (on by default already).
 *
 *   npm run bench -- detect/beacon
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AnalyzerFactory, ShardAnalyzer } from '../../src/detect/analyzer.js';
import { beaconAnalyzer, DEFAULT_BEACON_CONFIG } from '../../src/detect/beacon.js';
import { DEFAULT_SCAN_CONFIG, scanAnalyzer } from '../../src/detect/scan.js';
import { ScatterSink } from '../../src/engine/scatter.js';
import { generate } from '../../src/generate/index.js';
import { DEFAULT_ZEEK_PARSE_OPTIONS, parseZeekChunk, ZeekFramer } from '../../src/ingest/zeek/index.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../../src/shared/addr.js';
import { BatchView } from '../../src/shared/record.js';
import type { ShardingPolicy } from '../../src/shared/sharding.js';
import type { BenchReport } from '../harness.js';

const VSHARDS = 1024;
const BATCH_RECORDS = 2048;
const HEAP_BYTES = 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

async function generatedDay(): Promise<string> {
  const dir = join(tmpdir(), 'netscry-bench-beacon-h500-24h-s9-1m');
  if (!existsSync(join(dir, 'ssl.log')) || statSync(join(dir, 'conn.log')).size === 0) {
    await generate({ out: dir, hosts: 500, hours: 24, seed: 9, targetConnections: 1_000_000 });
  }
  return dir;
}

/** Frame, parse and route as an in-process run does; every batch encoded once, up front. */
function parseToBatches(paths: readonly string[]): { batches: BatchView[]; records: number } {
  const local = LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks;
  const policy: ShardingPolicy = { vshards: VSHARDS, v4Prefix: 24, v6Prefix: 64, local };
  const batches: BatchView[] = [];
  const sink = new ScatterSink(policy, 1, BATCH_RECORDS, HEAP_BYTES, (_dest, builder, meta) => {
    if (builder.count > 0) batches.push(new BatchView(builder.encode(meta)));
  });
  let seq = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    const framer = new ZeekFramer({ file: path, chunkBytes: CHUNK_BYTES });
    const chunks = [];
    for (let off = 0; off < bytes.length; off += 1 << 20) {
      chunks.push(...framer.push(bytes.subarray(off, Math.min(bytes.length, off + (1 << 20)))).chunks);
    }
    chunks.push(...framer.end().chunks);
    for (const chunk of chunks) {
      sink.beginChunk(seq++, 0);
      parseZeekChunk(chunk, sink, DEFAULT_ZEEK_PARSE_OPTIONS);
      sink.endChunk();
    }
  }
  return { batches, records: sink.records };
}

/** Rows of each batch grouped by virtual shard (row order kept), as the shard host does. */
interface Grouped {
  readonly view: BatchView;
  readonly rows: Int32Array;
  /** [vshard, from, to] triples. */
  readonly groups: readonly number[];
}

function group(batches: readonly BatchView[]): Grouped[] {
  return batches.map((view) => {
    const order = Array.from({ length: view.count }, (_, k) => k);
    order.sort((a, b) => view.vshard[a]! - view.vshard[b]! || a - b);
    const groups: number[] = [];
    for (let k = 0; k < order.length; ) {
      const vs = view.vshard[order[k]!]!;
      let e = k;
      while (e < order.length && view.vshard[order[e]!] === vs) e++;
      groups.push(vs, k, e);
      k = e;
    }
    return { view, rows: Int32Array.from(order), groups };
  });
}

function feed(
  stream: readonly Grouped[],
  factory: AnalyzerFactory,
  config: unknown,
): (ShardAnalyzer | undefined)[] {
  const analyzers: (ShardAnalyzer | undefined)[] = new Array(VSHARDS).fill(undefined);
  for (const g of stream) {
    for (let k = 0; k < g.groups.length; k += 3) {
      const vs = g.groups[k]!;
      let a = analyzers[vs];
      if (a === undefined) {
        a = factory.create(vs, config);
        analyzers[vs] = a;
      }
      a.observeRows(g.view, g.rows, g.groups[k + 1]!, g.groups[k + 2]!);
    }
  }
  return analyzers;
}

function finishAll(analyzers: readonly (ShardAnalyzer | undefined)[]): number {
  let findings = 0;
  for (const a of analyzers) if (a !== undefined) findings += a.finish().findings.length;
  return findings;
}

/** Heap the analyzers hold after the stream (MB), from a forced GC before and after. */
function heldMb(stream: readonly Grouped[], factory: AnalyzerFactory, config: unknown): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const analyzers = feed(stream, factory, config);
  gc();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  if (finishAll(analyzers) < 0) throw new Error('unreachable');
  return (after - before) / 1e6;
}

/** CPU time (user + system, ms) of one pass from empty analyzers through `finish`. */
function cpuPass(c: Case): number {
  const before = process.cpuUsage();
  if (finishAll(feed(c.stream, c.factory, c.config)) < 0) throw new Error('unreachable');
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

interface Case {
  readonly name: string;
  readonly stream: readonly Grouped[];
  readonly records: number;
  readonly factory: AnalyzerFactory;
  readonly config: unknown;
}

const PASSES = 5;

export async function run(): Promise<BenchReport[]> {
  const dir = await generatedDay();
  const conn = parseToBatches([join(dir, 'conn.log')]);
  const all = parseToBatches(['conn', 'http', 'ssl'].map((l) => join(dir, `${l}.log`)));
  const beacon = { factory: beaconAnalyzer as AnalyzerFactory, config: DEFAULT_BEACON_CONFIG };
  const cases: Case[] = [
    { name: 'beacon, conn', stream: group(conn.batches), records: conn.records, ...beacon },
    { name: 'beacon, conn + http + ssl', stream: group(all.batches), records: all.records, ...beacon },
    {
      name: 'scan, conn (for scale)',
      stream: group(conn.batches),
      records: conn.records,
      factory: scanAnalyzer as AnalyzerFactory,
      config: DEFAULT_SCAN_CONFIG,
    },
  ];
  // CPU time, not wall time: a shared machine's load inflates wall time, not this. One
  // warm-up pass, then the median of PASSES.
  return cases.map((c) => {
    const mb = heldMb(c.stream, c.factory, c.config);
    cpuPass(c);
    const times = Array.from({ length: PASSES }, () => cpuPass(c)).sort((a, b) => a - b);
    const median = times[Math.floor(PASSES / 2)]!;
    const ns = (median * 1e6) / c.records;
    return {
      name: `${c.name} (${(c.records / 1000).toFixed(0)} k records)`,
      medianMs: median,
      throughput: `${ns.toFixed(0)} ns/record CPU, ${mb.toFixed(0)} MB held`,
      samples: PASSES,
    };
  });
}
