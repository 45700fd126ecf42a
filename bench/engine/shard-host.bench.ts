/**
 * The actor's two halves on one thread, over a generated day (200 hosts, seed 1, cached in the
 * temp dir like detect/scan's): the producer (parse a chunk, route every row and append it to
 * the batch of its destination, two actors) and the consumer (`ShardHost.consume`: duplicate
 * uids, then the heatmap and scan analyzers of every virtual shard). ns per input record, so
 * the two add up to what one record costs an actor in-process.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateScanConfig } from '../../src/detect/scan.js';
import { buildRuntime, type EngineConfig } from '../../src/engine/config.js';
import { ScatterSink } from '../../src/engine/scatter.js';
import { ShardHost } from '../../src/engine/shard-host.js';
import { generate } from '../../src/generate/index.js';
import type { FramedChunk } from '../../src/ingest/zeek/framer.js';
import { DEFAULT_ZEEK_PARSE_OPTIONS, parseZeekChunk, ZeekFramer } from '../../src/ingest/zeek/index.js';
import { validateHeatmapConfig } from '../../src/report/heatmap/aggregate.js';
import { DEFAULT_LOCAL_NETWORKS } from '../../src/shared/addr.js';
import { BatchView } from '../../src/shared/record.js';
import { type BenchReport, medianMs, newBench } from '../harness.js';

const CHUNK_BYTES = 4 * 1024 * 1024;

/** The engine configuration `netscry analyze` uses by default (coordinator/options.ts). */
const config: EngineConfig = {
  vshards: 1024,
  v4Prefix: 24,
  v6Prefix: 64,
  localNetworks: DEFAULT_LOCAL_NETWORKS,
  heatmap: validateHeatmapConfig(),
  detectors: [{ name: 'scan', config: validateScanConfig() }],
  parse: DEFAULT_ZEEK_PARSE_OPTIONS,
  batchRecords: 2048,
  batchHeapBytes: 1024 * 1024,
  uidSetCapacity: 1 << 17,
  maxEventsPerCode: 100,
  capture: { verifyChecksums: true, maxConnectionsPerShard: 8192 },
};

async function generatedConnLog(): Promise<string> {
  const dir = join(tmpdir(), 'netscry-bench-scan-h200-24h-s1');
  const path = join(dir, 'conn.log');
  if (!existsSync(path) || statSync(path).size === 0) {
    await generate({ out: dir, hosts: 200, hours: 24, seed: 1 });
  }
  return path;
}

function frame(path: string): FramedChunk[] {
  const bytes = readFileSync(path);
  const framer = new ZeekFramer({ file: path, chunkBytes: CHUNK_BYTES });
  const chunks = [...framer.push(bytes).chunks];
  chunks.push(...framer.end().chunks);
  return chunks;
}

export async function run(): Promise<BenchReport[]> {
  const chunks = frame(await generatedConnLog());
  const runtime = buildRuntime(config);
  // Producer: every batch is encoded into one reused buffer, as into a ring slot.
  const slot = new Uint8Array(4 * 1024 * 1024);
  const producer = new ScatterSink(
    runtime.policy,
    2,
    config.batchRecords,
    config.batchHeapBytes,
    (_d, b, m) => {
      const prepared = b.prepare(m);
      prepared.write(slot.subarray(0, prepared.size));
    },
  );
  const produce = (): void => {
    for (const [seq, chunk] of chunks.entries()) {
      producer.beginChunk(seq, 0);
      parseZeekChunk(chunk, producer, config.parse);
      producer.endChunk();
    }
  };
  // Consumer input: the batches one actor would receive with one actor in all, made up front.
  const batches: BatchView[] = [];
  const collect = new ScatterSink(
    runtime.policy,
    1,
    config.batchRecords,
    config.batchHeapBytes,
    (_d, b, m) => {
      if (b.count > 0) batches.push(new BatchView(b.encode(m)));
    },
  );
  for (const [seq, chunk] of chunks.entries()) {
    collect.beginChunk(seq, 0);
    parseZeekChunk(chunk, collect, config.parse);
    collect.endChunk();
  }
  const records = collect.records;
  const consume = (): void => {
    const host = new ShardHost(runtime);
    for (const view of batches) host.consume(view);
    host.finish();
  };
  const bench = newBench();
  const names = {
    produce: `producer: parse + route + batch (2 actors), ${(records / 1000).toFixed(0)}k conn lines`,
    consume: `consumer: ShardHost.consume + finish (uids, heatmap, scan), ${(records / 1000).toFixed(0)}k records`,
  };
  bench.add(names.produce, produce);
  bench.add(names.consume, consume);
  await bench.run();
  return Object.values(names).map((name) => {
    const { median, samples } = medianMs(bench, name);
    const ns = (median * 1e6) / records;
    return { name, medianMs: median, throughput: `${ns.toFixed(0)} ns/record`, samples };
  });
}
