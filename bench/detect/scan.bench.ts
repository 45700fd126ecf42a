/**
 * Scan detection (`src/detect/scan.ts`), one thread: `observe` over every record of a stream,
 * from empty analyzers each round, reported as ns per record and M records/s.
 *
 * - realistic: `netscry generate --hosts 200 --hours 24 --seed 1` (the dataset of the
 *   pipeline profile in docs/detectors.md; cached under the OS temp dir), parsed once with the
 *   real parser and routed with the engine's default sharding policy into encoded batches, fed
 *   to one analyzer per virtual shard as the shard host does. ns/record is per input record,
 *   the basis of the pipeline profile (inbound records are delivered twice: the primary copy
 *   is rejected on its flags, the originator-keyed copy observed).
 * - new pair every record: synthetic worst case, every record a new (source, host, port):
 *   every record creates a horizontal key, a vertical key and two targets, the key caps evict
 *   on every record, and 4 096 sources each walk TRW.
 * - sweeps: a few sources sweeping a /16 on one port and all ports of a few hosts (per-key
 *   target cap, open episodes, uid sampling) amid background traffic.
 * - reference: the realistic records through an observer that only reads the columns the
 *   analyzer reads. The batches are all encoded before timing (~100 MB), so unlike in the
 *   pipeline — where a batch is consumed right after it is written — they come from memory.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShardAnalyzer, ShardOutput } from '../../src/detect/analyzer.js';
import { DEFAULT_SCAN_CONFIG, scanAnalyzer } from '../../src/detect/scan.js';
import { ScatterSink } from '../../src/engine/scatter.js';
import { generate } from '../../src/generate/index.js';
import { DEFAULT_ZEEK_PARSE_OPTIONS, parseZeekChunk, ZeekFramer } from '../../src/ingest/zeek/index.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../../src/shared/addr.js';
import {
  BatchBuilder,
  BatchView,
  ConnState,
  Flag,
  Proto,
  RecordKind,
  RecordRow,
  Str,
} from '../../src/shared/record.js';
import type { ShardingPolicy } from '../../src/shared/sharding.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const VSHARDS = 1024;
const BATCH_RECORDS = 2048;
const HEAP_BYTES = 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

interface Stream {
  readonly name: string;
  readonly batches: readonly BatchView[];
  /** The ns/record basis: input records (not deliveries). */
  readonly records: number;
  /** Time the floor observer instead of the analyzer. */
  readonly floor?: boolean;
}

/** The generated day, cached: ~1.5 s to generate, the same bytes every time (seeded). */
async function generatedConnLog(): Promise<string> {
  const dir = join(tmpdir(), 'netscry-bench-scan-h200-24h-s1');
  const path = join(dir, 'conn.log');
  if (!existsSync(path) || statSync(path).size === 0) {
    await generate({ out: dir, hosts: 200, hours: 24, seed: 1 });
  }
  return path;
}

/** Frame, parse and route as an in-process run does; every batch encoded once, up front. */
function parseToBatches(path: string): { batches: BatchView[]; records: number } {
  const local = LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks;
  const policy: ShardingPolicy = { vshards: VSHARDS, v4Prefix: 24, v6Prefix: 64, local };
  const batches: BatchView[] = [];
  const sink = new ScatterSink(policy, 1, BATCH_RECORDS, HEAP_BYTES, (_dest, builder, meta) => {
    if (builder.count > 0) batches.push(new BatchView(builder.encode(meta)));
  });
  const bytes = readFileSync(path);
  const framer = new ZeekFramer({ file: path, chunkBytes: CHUNK_BYTES });
  const chunks = [];
  for (let off = 0; off < bytes.length; off += 1 << 20) {
    chunks.push(...framer.push(bytes.subarray(off, Math.min(bytes.length, off + (1 << 20)))).chunks);
  }
  chunks.push(...framer.end().chunks);
  for (const [seq, chunk] of chunks.entries()) {
    sink.beginChunk(seq, 0);
    parseZeekChunk(chunk, sink, DEFAULT_ZEEK_PARSE_OPTIONS);
    sink.endChunk();
  }
  return { batches, records: sink.records };
}

/** mulberry32: seeded, so every run builds the same records. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ORIGINATOR = Flag.OrigSet | Flag.RespSet | Flag.LocalOrig;

/** Builds batches from a row generator (all originator deliveries of virtual shard 0). */
function synthesise(count: number, fill: (row: RecordRow, k: number) => void): BatchView[] {
  const builder = new BatchBuilder(BATCH_RECORDS, HEAP_BYTES);
  const row = new RecordRow();
  const batches: BatchView[] = [];
  const uid = new Uint8Array(18);
  const flush = (): void => {
    batches.push(
      new BatchView(builder.encode({ chunkSeq: batches.length, part: 0, last: true, sourceId: 0 })),
    );
    builder.clear();
  };
  const r = prng(7);
  for (let k = 0; k < count; k++) {
    row.reset();
    row.kind = RecordKind.Conn;
    row.proto = Proto.Tcp;
    row.addr[2] = 0xffff;
    row.addr[6] = 0xffff;
    fill(row, k);
    uid[0] = 0x43; // 'C'
    for (let c = 1; c < uid.length; c++) uid[c] = UID_CHARS.charCodeAt(Math.floor(r() * 62));
    row.src = uid;
    row.strStart[Str.Uid] = 0;
    row.strEnd[Str.Uid] = uid.length;
    builder.append(row, 0, ORIGINATOR);
    if (builder.isFull) flush();
  }
  if (builder.count > 0) flush();
  return batches;
}

export function newPairEveryRecord(count: number): BatchView[] {
  const r = prng(11);
  const states = [ConnState.S0, ConnState.SF, ConnState.REJ, ConnState.SF];
  return synthesise(count, (row, k) => {
    row.ts = 1_700_000_000 + k / 2000;
    row.addr[3] = (0x0a000000 | Math.floor(r() * 4096)) >>> 0; // 10.0.0.0/20
    // A fresh responder every record: (source, host) and (source, host, port) never repeat.
    row.addr[7] = (0xcb000000 + k) >>> 0;
    row.respPort = 1 + Math.floor(r() * 65_535);
    row.origPort = 1024 + (k % 60_000);
    row.connState = states[k & 3]!;
  });
}

export function sweeps(count: number): BatchView[] {
  const r = prng(13);
  return synthesise(count, (row, k) => {
    row.ts = 1_700_000_000 + k / 500 - r() * 30;
    const lane = k % 8;
    row.origPort = 1024 + (k % 60_000);
    if (lane < 3) {
      // Three sources sweeping 445/tcp across a /16, 1 in 20 answered.
      row.addr[3] = (0x0a000100 + lane) >>> 0;
      row.addr[7] = (0xac100000 + ((k * 7919) & 0xffff)) >>> 0;
      row.respPort = 445;
      row.connState = k % 20 === 0 ? ConnState.SF : ConnState.S0;
    } else if (lane < 5) {
      // Two sources walking the ports of eight hosts each.
      row.addr[3] = (0x0a000200 + lane) >>> 0;
      row.addr[7] = (0xc0a80000 + ((k >> 4) & 7)) >>> 0;
      row.respPort = 1 + ((k >> 3) % 65_535);
      row.connState = ConnState.REJ;
    } else {
      // Background: 200 clients, 2 000 servers on 443 and 80, all answered.
      row.addr[3] = (0x0a140000 + Math.floor(r() * 200)) >>> 0;
      row.addr[7] = (0x5db80000 + Math.floor(r() * 2000)) >>> 0;
      row.respPort = r() < 0.8 ? 443 : 80;
      row.connState = ConnState.SF;
    }
  });
}

/**
 * The floor: an observer that only reads the columns the scan analyzer reads for a TCP record
 * (the batches are encoded up front, so this is what streaming them from memory costs here).
 */
class ColumnReader implements ShardAnalyzer {
  sum = 0;
  observe(view: BatchView, i: number): void {
    if (view.kind[i] !== RecordKind.Conn || view.proto[i] !== Proto.Tcp) return;
    const n = view.count;
    const a = view.addr;
    let x = view.flags[i]! + view.connState[i]! + view.respPort[i]! + view.ts[i]!;
    for (let w = 0; w < 8; w++) x += a[w * n + i]!;
    this.sum += x;
  }
  observeRows(view: BatchView, rows: Int32Array, from: number, to: number): void {
    for (let k = from; k < to; k++) this.observe(view, rows[k]!);
  }
  finish(): ShardOutput {
    return { findings: [], partial: this.sum, evictions: {} };
  }
  snapshot(): unknown {
    return null;
  }
}

/** One pass from empty state, one analyzer per virtual shard (as ShardHost keeps them). */
export function observeStream(batches: readonly BatchView[], floor = false): number {
  const analyzers: (ShardAnalyzer | undefined)[] = new Array(VSHARDS).fill(undefined);
  for (const view of batches) {
    const n = view.count;
    const vshards = view.vshard;
    for (let i = 0; i < n; i++) {
      const vs = vshards[i]!;
      let a = analyzers[vs];
      if (a === undefined) {
        a = floor ? new ColumnReader() : scanAnalyzer.create(vs, DEFAULT_SCAN_CONFIG);
        analyzers[vs] = a;
      }
      a.observe(view, i);
    }
  }
  let findings = 0;
  for (const a of analyzers) if (a !== undefined) findings += a.finish().findings.length;
  return findings;
}

export async function run(): Promise<BenchReport[]> {
  const realistic = parseToBatches(await generatedConnLog());
  const pairCount = 500_000;
  const streams: Stream[] = [
    { name: 'realistic: generated day, 200 hosts', batches: realistic.batches, records: realistic.records },
    {
      name: 'reference: realistic, only reading the columns (floor)',
      batches: realistic.batches,
      records: realistic.records,
      floor: true,
    },
    {
      name: 'worst case: a new pair every record',
      batches: newPairEveryRecord(pairCount),
      records: pairCount,
    },
    { name: 'sweeps: 5 scanners amid background', batches: sweeps(pairCount), records: pairCount },
  ];
  const bench = newBench();
  let sink = 0;
  for (const s of streams)
    bench.add(s.name, () => {
      sink += observeStream(s.batches, s.floor === true);
    });
  await bench.run();
  if (sink < 0) throw new Error('unreachable');
  return streams.map((s) => {
    const { median, samples } = medianMs(bench, s.name);
    const ns = (median * 1e6) / s.records;
    return {
      name: `${s.name} (${(s.records / 1000).toFixed(0)} k records)`,
      medianMs: median,
      throughput: `${ns.toFixed(0)} ns/record, ${perSecond(s.records, median, 'records', 1e6, 'M ')}`,
      samples,
    };
  });
}
