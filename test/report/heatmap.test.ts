import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShardAnalyzer } from '../../src/detect/analyzer.js';
import {
  DEFAULT_HEATMAP_CONFIG,
  type HeatmapPartial,
  heatmapAnalyzer,
  peerHash,
  sketchEstimate,
  sketchInsert,
  sketchMerge,
  toMatrix,
  validateHeatmapConfig,
} from '../../src/report/heatmap/aggregate.js';
import { NetscryError } from '../../src/shared/errors.js';
import { type ConnSpec, connBatch, connBatches, observeAll } from '../helpers/records.js';

const config = validateHeatmapConfig({ bucketSeconds: 60 });

function aggregate(specs: readonly ConnSpec[], batchSize = 7, cfg = config): HeatmapPartial {
  const shard = heatmapAnalyzer.create(0, cfg);
  observeAll(shard, connBatches(specs, batchSize));
  return shard.finish().partial as HeatmapPartial;
}

function cell(partial: HeatmapPartial, key: string) {
  const c = partial.cells.get(key);
  if (!c) throw new Error(`no cell ${key}; have ${[...partial.cells.keys()].join(' ')}`);
  return { ...c, peers: sketchEstimate(c.peers, partial.peerSketchSize) };
}

describe('heatmap partials', () => {
  it('counts connections, bytes, peers and failures per side, block and aligned bucket', () => {
    const partial = aggregate([
      {
        ts: 120,
        orig: '10.0.1.5',
        resp: '198.51.100.7',
        respPort: 443,
        state: 'SF',
        origBytes: 100,
        respBytes: 900,
      },
      { ts: 179.999, orig: '10.0.1.9', resp: '198.51.100.8', respPort: 443, state: 'S0' },
      // next bucket: 180 is the edge
      { ts: 180, orig: '10.0.1.5', resp: '198.51.100.7', respPort: 443, state: 'REJ', origBytes: 5 },
      {
        ts: 181,
        orig: 'fd00::1',
        resp: '2001:db8::9',
        respPort: 80,
        state: 'SF',
        origBytes: 1,
        respBytes: 2,
      },
      { ts: 182, orig: 'fd00::2', resp: '2001:db8:0:0:ffff::1', respPort: 80, state: 'SH' },
    ]);
    expect(cell(partial, 'orig|10.0.1.0/24|120')).toEqual({
      connections: 2,
      origBytes: 100,
      respBytes: 900,
      failed: 1,
      peers: 2,
    });
    expect(cell(partial, 'resp|198.51.100.0/24|120')).toMatchObject({ connections: 2, failed: 1, peers: 2 });
    expect(cell(partial, 'orig|10.0.1.0/24|180')).toMatchObject({
      connections: 1,
      origBytes: 5,
      failed: 1,
      peers: 1,
    });
    // IPv6 at /64: both originators in fd00::/64, both responders in 2001:db8::/64
    expect(cell(partial, 'orig|fd00::/64|180')).toMatchObject({ connections: 2, failed: 1, peers: 2 });
    expect(cell(partial, 'resp|2001:db8::/64|180')).toMatchObject({
      connections: 2,
      origBytes: 1,
      respBytes: 2,
    });
    expect(partial.cells.size).toBe(6);
  });

  it('ignores non-conn records and originator-view copies so each connection counts once', () => {
    const partial = aggregate([
      { ts: 10, orig: '203.0.113.1', resp: '10.0.0.1', state: 'S0' },
      { ts: 10, orig: '203.0.113.1', resp: '10.0.0.1', state: 'S0', originView: true },
      { ts: 10, orig: '10.0.0.2', resp: '10.0.0.1', kind: 2 },
    ]);
    expect(cell(partial, 'orig|203.0.113.0/24|0').connections).toBe(1);
    expect(cell(partial, 'resp|10.0.0.0/24|0').connections).toBe(1);
  });

  it('keeps totals exact when a shard exceeds its cell cap, folding the rest into an "other" row', () => {
    const cfg = validateHeatmapConfig({ bucketSeconds: 60, maxCellsPerShard: 16 });
    const specs: ConnSpec[] = [];
    for (let i = 0; i < 40; i++) specs.push({ ts: 0, orig: `10.${i}.0.1`, resp: '10.200.0.1', state: 'SF' });
    const shard = heatmapAnalyzer.create(0, cfg);
    observeAll(shard, [connBatch(specs)]);
    const out = shard.finish();
    const partial = out.partial as HeatmapPartial;
    const total = [...partial.cells]
      .filter(([k]) => k.startsWith('orig|'))
      .reduce((n, [, c]) => n + c.connections, 0);
    expect(total).toBe(40);
    expect(partial.cells.get('orig|other-ipv4|0')?.connections).toBe(40 - 15);
    expect(out.evictions['heatmap.cells']).toBe(25);
  });

  it('restores from a snapshot and continues as if never interrupted', () => {
    const specs: ConnSpec[] = Array.from({ length: 50 }, (_, i) => ({
      ts: i * 13,
      orig: i % 3 ? `10.0.${i % 4}.1` : `fd00::${i}`,
      resp: `198.51.100.${i % 9}`,
      state: i % 5 ? 'SF' : 'S0',
      origBytes: i,
    }));
    const whole = aggregate(specs, 50);
    const first: ShardAnalyzer = heatmapAnalyzer.create(0, config);
    observeAll(first, [connBatch(specs.slice(0, 20))]);
    const restored = heatmapAnalyzer.restore(0, config, structuredClone(first.snapshot()));
    observeAll(restored, [connBatch(specs.slice(20))]);
    expect(restored.finish().partial).toEqual(whole);
  });

  it('merging partials of any split equals aggregating everything at once', () => {
    const spec = fc.record({
      ts: fc.integer({ min: 0, max: 3600 }),
      orig: fc.oneof(fc.ipV4(), fc.constantFrom('fd00::1', 'fd00::2', '2001:db8::5')),
      resp: fc.oneof(fc.ipV4(), fc.constantFrom('fd00::9', '2001:db8:1::5')),
      state: fc.constantFrom('SF', 'S0', 'REJ', 'OTH', 'RSTO'),
      origBytes: fc.integer({ min: 0, max: 1e6 }),
    });
    fc.assert(
      fc.property(
        fc.array(spec, { maxLength: 80 }),
        fc.array(fc.nat(3), { maxLength: 80 }),
        (specs, owner) => {
          const parts: ConnSpec[][] = [[], [], [], []];
          specs.forEach((s, i) => {
            parts[owner[i] ?? 0]!.push(s);
          });
          let merged: unknown;
          for (const p of parts) merged = heatmapAnalyzer.merge(merged, aggregate(p));
          const all = aggregate(specs);
          expect(toMatrix(merged as HeatmapPartial, config)).toEqual(toMatrix(all, config));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('distinct-peer sketch', () => {
  it('is exact below k and within a few percent above', () => {
    const k = 64;
    const sketch: number[] = [];
    for (let i = 0; i < 50; i++) sketchInsert(sketch, (i * 2654435761) >>> 0, k);
    for (let i = 0; i < 50; i++) sketchInsert(sketch, (i * 2654435761) >>> 0, k);
    expect(sketchEstimate(sketch, k)).toBe(50);
    const big: number[] = [];
    // a well-mixed hash of 20 000 distinct values
    for (let i = 0; i < 20_000; i++) sketchInsert(big, Math.imul(i ^ (i >>> 16), 0x45d9f3b) >>> 0, 1024);
    expect(Math.abs(sketchEstimate(big, 1024) - 20_000) / 20_000).toBeLessThan(0.1);
  });

  it('estimates the distinct peers of a busy cell from real address hashes', () => {
    const words = new Uint32Array(4);
    for (const family of ['ipv4', 'ipv6'] as const) {
      const sketch: number[] = [];
      for (let i = 0; i < 20_000; i++) {
        if (family === 'ipv4') words.set([0, 0, 0xffff, (0x0a000000 + i) >>> 0]);
        else words.set([0xfd000000, 0, i >>> 8, i & 255]);
        sketchInsert(sketch, peerHash(words, 0), 256);
      }
      expect(Math.abs(sketchEstimate(sketch, 256) - 20_000) / 20_000, family).toBeLessThan(0.15);
    }
  });

  it('merges independently of order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(2 ** 32 - 1)), fc.array(fc.nat(2 ** 32 - 1)), (xs, ys) => {
        const a: number[] = [];
        const b: number[] = [];
        for (const x of xs) sketchInsert(a, x, 16);
        for (const y of ys) sketchInsert(b, y, 16);
        const all: number[] = [];
        for (const v of [...ys, ...xs]) sketchInsert(all, v, 16);
        expect(sketchMerge(a, b, 16)).toEqual(all);
        expect(sketchMerge(b, a, 16)).toEqual(all);
      }),
    );
  });
});

describe('heatmap matrix', () => {
  it('sorts rows by side, family and address and lists cells in time order', () => {
    const partial = aggregate([
      { ts: 300, orig: '10.0.2.1', resp: '10.0.10.1' },
      { ts: 60, orig: '10.0.2.1', resp: '10.0.10.1' },
      { ts: 60, orig: '9.0.0.1', resp: 'fd00::1' },
    ]);
    const m = toMatrix(partial, config);
    expect(m.rows.map((r) => `${r.side} ${r.block}`)).toEqual([
      'orig 9.0.0.0/24',
      'orig 10.0.2.0/24',
      'resp 10.0.10.0/24',
      'resp fd00::/64',
    ]);
    expect(m.rows[1]!.cells.map((c) => c[0])).toEqual([60, 300]);
    expect(m.timeRange).toEqual([60, 360]);
    expect(m.columns[0]).toBe('bucket_start');
  });

  it('rejects out-of-range configuration with a typed error naming the key', () => {
    expect(() => validateHeatmapConfig({ bucketSeconds: 0 })).toThrow(NetscryError);
    expect(() => validateHeatmapConfig({ v4Prefix: 33 })).toThrow(/v4Prefix/);
    expect(validateHeatmapConfig()).toEqual(DEFAULT_HEATMAP_CONFIG);
  });
});
