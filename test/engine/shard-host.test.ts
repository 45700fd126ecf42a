import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScanConfig } from '../../src/detect/scan.js';
import { buildRuntime, type EngineConfig } from '../../src/engine/config.js';
import { ShardHost } from '../../src/engine/shard-host.js';
import { DEFAULT_ZEEK_PARSE_OPTIONS } from '../../src/ingest/zeek/index.js';
import { validateHeatmapConfig } from '../../src/report/heatmap/aggregate.js';
import { DEFAULT_LOCAL_NETWORKS } from '../../src/shared/addr.js';
import { type ConnSpec, connBatch } from '../helpers/records.js';

const config: EngineConfig = {
  vshards: 16,
  v4Prefix: 24,
  v6Prefix: 64,
  localNetworks: DEFAULT_LOCAL_NETWORKS,
  heatmap: validateHeatmapConfig({ bucketSeconds: 60 }),
  detectors: [
    {
      name: 'scan',
      config: validateScanConfig({ horizontalThreshold: 4, verticalThreshold: 4, includeUdp: true }),
    },
  ],
  parse: DEFAULT_ZEEK_PARSE_OPTIONS,
  batchRecords: 2048,
  batchHeapBytes: 1 << 20,
  uidSetCapacity: 64,
  // Small, so the cap on kept events is reached and which events are kept is tested.
  maxEventsPerCode: 3,
  capture: { verifyChecksums: true, maxConnectionsPerShard: 64 },
};
const runtime = buildRuntime(config);

/** What a host reports, with typed arrays as plain arrays so runs compare with toEqual. */
function outcome(host: ShardHost): unknown {
  return JSON.parse(
    JSON.stringify(host.finish(), (_key, value) =>
      ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
    ),
  );
}

/** Feeds specs to a fresh host in batches of the given sizes (cycled). */
function run(specs: readonly ConnSpec[], sizes: readonly number[]): unknown {
  const host = new ShardHost(runtime);
  for (let at = 0, k = 0; at < specs.length; k++) {
    const size = sizes[k % sizes.length]!;
    host.consume(connBatch(specs.slice(at, at + size)));
    at += size;
  }
  return outcome(host);
}

const STATES = ['S0', 'SF', 'REJ', 'OTH', '-'] as const;

/** Records of several subnets interleaved row by row, with repeated uids and a scanner. */
function traffic(count: number, seed: number): ConnSpec[] {
  let x = seed >>> 0 || 1;
  const next = (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const specs: ConnSpec[] = [];
  for (let i = 0; i < count; i++) {
    const scanner = next(4) === 0;
    const net = next(5);
    const orig = scanner ? '203.0.113.9' : `10.${net}.0.${1 + next(20)}`;
    const resp = scanner ? `10.${net}.1.${1 + next(40)}` : `198.51.${next(3)}.${1 + next(5)}`;
    specs.push({
      ts: 1_000 + i * 3 + next(5),
      orig,
      resp,
      respPort: scanner ? 445 : [80, 443, 53][next(3)]!,
      proto: next(8) === 0 ? 'udp' : 'tcp',
      state: STATES[next(STATES.length)]!,
      uid: `C${next(count)}`,
      history: next(2) === 0 ? 'ShADad' : 'S',
      respBytes: next(3) === 0 ? 0 : next(5000),
      // The virtual shard of the record's local side, as the router would pick it.
      vshard: scanner ? 8 + net : net,
      originView: scanner && next(2) === 0,
    });
  }
  return specs;
}

describe('shard host', () => {
  it('gives the same output whether a batch holds one row or many virtual shards interleaved', () => {
    const specs = traffic(3000, 42);
    const oneByOne = run(specs, [1]);
    expect(run(specs, [3000])).toEqual(oneByOne);
    expect(run(specs, [7, 512, 1, 100])).toEqual(oneByOne);
    const out = oneByOne as { findings: unknown[]; events: unknown[]; eventCounts: Record<string, number> };
    // The case is not vacuous: scans were found and more duplicate uids seen than kept.
    expect(out.findings.length).toBeGreaterThan(0);
    expect(out.events).toHaveLength(config.maxEventsPerCode);
    expect(Object.values(out.eventCounts)[0]).toBeGreaterThan(config.maxEventsPerCode);
  });

  it('keeps the first duplicate-uid events by row, across virtual shards', () => {
    // Rows alternate between two virtual shards; repeats (rows 3–7) in both. Taken shard by
    // shard, the kept three would be rows 4, 6 and 3; by row they are 3, 4 and 5.
    const uids = ['A', 'B', 'C', 'B', 'A', 'B', 'C', 'B'];
    const specs: ConnSpec[] = uids.map((uid, i) => ({
      ts: i,
      orig: `10.0.${i % 2}.1`,
      resp: '198.51.100.1',
      uid,
      vshard: i % 2,
      line: i,
    }));
    const host = new ShardHost(runtime);
    host.consume(connBatch(specs));
    const out = host.finish();
    expect(out.events.map((e) => e.lineInChunk)).toEqual([3, 4, 5]);
    expect(Object.values(out.eventCounts)).toEqual([5]);
  });

  it('matches row-at-a-time feeding for random traffic and batch sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.nat(),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
        (count, seed, sizes) => {
          const specs = traffic(count, seed);
          expect(run(specs, sizes)).toEqual(run(specs, [1]));
        },
      ),
      { numRuns: 40 },
    );
  });
});
