import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShardAnalyzer } from '../../src/detect/analyzer.js';
import {
  DEFAULT_HEATMAP_CONFIG,
  type HeatmapPartial,
  heatmapAnalyzer,
  peerHash,
  sketchEstimate,
  toMatrix,
  validateHeatmapConfig,
} from '../../src/report/heatmap/aggregate.js';
import { CellTable } from '../../src/report/heatmap/cell-table.js';
import { parseAddress } from '../../src/shared/addr.js';
import { NetscryError } from '../../src/shared/errors.js';
import { type ConnSpec, connBatch, connBatches, observeAll } from '../helpers/records.js';

const config = validateHeatmapConfig({ bucketSeconds: 60 });

function aggregate(specs: readonly ConnSpec[], batchSize = 7, cfg = config): HeatmapPartial {
  const shard = heatmapAnalyzer.create(0, cfg);
  observeAll(shard, connBatches(specs, batchSize));
  return shard.finish().partial as HeatmapPartial;
}

/** The partial's cells as the matrix shows them, by `side|block|bucketStart`. */
function cellMap(partial: HeatmapPartial, cfg = config) {
  const out = new Map<
    string,
    { connections: number; origBytes: number; respBytes: number; failed: number; peers: number }
  >();
  for (const row of toMatrix(partial, cfg).rows) {
    for (const [start, connections, , origBytes, respBytes, peers, failed] of row.cells) {
      out.set(`${row.side}|${row.block}|${start}`, {
        connections: connections!,
        origBytes: origBytes!,
        respBytes: respBytes!,
        failed: failed!,
        peers: peers!,
      });
    }
  }
  return out;
}

function cell(partial: HeatmapPartial, key: string) {
  const cells = cellMap(partial);
  const c = cells.get(key);
  if (!c) throw new Error(`no cell ${key}; have ${[...cells.keys()].join(' ')}`);
  return c;
}

/** A sketch filled through the cell table, as the heatmap fills it. */
function sketchOf(values: Iterable<number>, k: number): Uint32Array {
  const table = new CellTable(k);
  const c = table.upsert(0, 0, 0, 0, 0, 0);
  for (const v of values) table.addPeer(c, v);
  return table.sketch(c);
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
    expect(partial.cells.count).toBe(6);
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
    const cells = cellMap(out.partial as HeatmapPartial, cfg);
    const total = [...cells]
      .filter(([k]) => k.startsWith('orig|'))
      .reduce((n, [, c]) => n + c.connections, 0);
    expect(total).toBe(40);
    expect(cells.get('orig|other-ipv4|0')?.connections).toBe(40 - 15);
    expect(out.evictions['heatmap.cells']).toBe(25);
  });

  it('counts every record over the cell cap, also when the same new block repeats', () => {
    const cfg = validateHeatmapConfig({ bucketSeconds: 60, maxCellsPerShard: 16 });
    const specs: ConnSpec[] = [];
    for (let i = 0; i < 15; i++) specs.push({ ts: 0, orig: `10.${i}.0.1`, resp: '10.200.0.1', state: 'SF' });
    // Over the cap now: one new block five times in a row, then a known one.
    for (let i = 0; i < 5; i++) specs.push({ ts: 0, orig: '10.99.0.1', resp: '10.200.0.1', state: 'SF' });
    specs.push({ ts: 0, orig: '10.3.0.1', resp: '10.200.0.1', state: 'SF' });
    const shard = heatmapAnalyzer.create(0, cfg);
    observeAll(shard, [connBatch(specs)]);
    const out = shard.finish();
    const cells = cellMap(out.partial as HeatmapPartial, cfg);
    expect(cells.get('orig|other-ipv4|0')?.connections).toBe(5);
    expect(cells.get('orig|10.3.0.0/24|0')?.connections).toBe(2);
    expect(out.evictions['heatmap.cells']).toBe(5);
  });

  it('aggregates the same through observeRows as through observe, for any row subsets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ts: fc.integer({ min: 0, max: 600 }),
            orig: fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.1.1', 'fd00::1', '198.51.100.7'),
            resp: fc.constantFrom('10.0.0.9', '203.0.113.1', '203.0.113.200', 'fd00:1::1', '255.1.2.3'),
            state: fc.constantFrom('S0', 'SF', 'REJ', '-'),
            originView: fc.boolean(),
          }),
          { maxLength: 80 },
        ),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        (specs, pick) => {
          const view = connBatch(specs);
          const chosen = Int32Array.from(specs.keys()).filter((i) => pick[i]);
          const byRow = heatmapAnalyzer.create(0, config);
          for (const i of chosen) byRow.observe(view, i);
          const byRows = heatmapAnalyzer.create(0, config);
          const rows = Int32Array.of(-1, ...chosen, -1);
          byRows.observeRows(view, rows, 1, rows.length - 1);
          expect(byRows.finish()).toEqual(byRow.finish());
        },
      ),
    );
  });

  it('keeps each cell sketch the bottom-k of all its peers, repeats in a row included', () => {
    const cfg = validateHeatmapConfig({ bucketSeconds: 60, peerSketchSize: 8 });
    const hosts = ['10.0.0.1', '10.0.0.2', '10.0.1.1'];
    const peers = Array.from({ length: 30 }, (_, i) => (i % 3 ? `198.51.100.${i}` : `203.0.113.${i}`));
    const block = (text: string): number => (parseAddress(text)![3]! & 0xffffff00) >>> 0;
    const hash = (text: string): number => {
      const w = parseAddress(text)!;
      return peerHash(w[0]!, w[1]!, w[2]!, w[3]!);
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 29 }), fc.nat({ max: 2 }), fc.boolean()), {
          maxLength: 120,
        }),
        (picks) => {
          // Runs of one (host, peer) pair are likely: the case the heatmap shortcuts; the same
          // peer also recurs for another block or bucket, where it must still be added.
          const specs: ConnSpec[] = picks.flatMap(([h, p, repeat, later]) =>
            Array.from({ length: repeat + 1 }, () => ({
              ts: later ? 60 : 0,
              orig: hosts[h]!,
              resp: peers[p]!,
            })),
          );
          const partial = aggregate(specs, 7, cfg);
          const cells = partial.cells;
          for (let c = 0; c < cells.count; c++) {
            const side = cells.meta[c]! & 1;
            const expected = specs
              .filter(
                (sp) =>
                  block(side === 0 ? sp.orig! : sp.resp!) === cells.keys[c * 4 + 3] &&
                  sp.ts / 60 === cells.buckets[c],
              )
              .map((sp) => hash(side === 0 ? sp.resp! : sp.orig!));
            const got = cells.sketches.subarray(cells.sketchOffsets[c]!, cells.sketchOffsets[c + 1]!);
            expect([...got]).toEqual([...sketchOf(expected, 8)]);
          }
        },
      ),
    );
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
          const merged = heatmapAnalyzer.merge([undefined, ...parts.map((p) => aggregate(p))]);
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
    const values = Array.from({ length: 50 }, (_, i) => (i * 2654435761) >>> 0);
    expect(sketchEstimate(sketchOf([...values, ...values], 64), 64)).toBe(50);
    // a well-mixed hash of 20 000 distinct values, through every segment size up to k
    const big = Array.from({ length: 20_000 }, (_, i) => Math.imul(i ^ (i >>> 16), 0x45d9f3b) >>> 0);
    expect(Math.abs(sketchEstimate(sketchOf(big, 1024), 1024) - 20_000) / 20_000).toBeLessThan(0.1);
  });

  it('estimates the distinct peers of a busy cell from real address hashes', () => {
    for (const family of ['ipv4', 'ipv6'] as const) {
      const hashes: number[] = [];
      for (let i = 0; i < 20_000; i++) {
        hashes.push(
          family === 'ipv4'
            ? peerHash(0, 0, 0xffff, (0x0a000000 + i) >>> 0)
            : peerHash(0xfd000000, 0, i >>> 8, i & 255),
        );
      }
      expect(Math.abs(sketchEstimate(sketchOf(hashes, 256), 256) - 20_000) / 20_000, family).toBeLessThan(
        0.15,
      );
    }
  });

  it('keeps the k smallest distinct hashes in ascending order, however they arrive and merge', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(2 ** 32 - 1)), fc.array(fc.nat(2 ** 32 - 1)), (xs, ys) => {
        const expected = [...new Set([...xs, ...ys])].sort((a, b) => a - b).slice(0, 16);
        const table = new CellTable(16);
        const a = table.upsert(0, 0, 0, 0, 0, 0);
        const b = table.upsert(0, 0, 0, 0, 0, 1);
        for (const x of xs) table.addPeer(a, x);
        for (const y of ys) table.addPeer(b, y);
        table.mergeSketch(a, table.sketch(b).slice());
        expect([...table.sketch(a)]).toEqual(expected);
        expect([...sketchOf([...ys, ...xs], 16)]).toEqual(expected);
      }),
    );
  });
});

describe('cell table', () => {
  it('finds every key it stored across growth, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(
            fc.nat(3),
            fc.nat(2 ** 32 - 1),
            fc.nat(2 ** 32 - 1),
            fc.integer({ min: -5, max: 2 ** 40 }),
          ),
          {
            maxLength: 300,
            selector: ([m, w, v, b]) => `${m}|${w}|${v}|${b}`,
          },
        ),
        (keys) => {
          const table = new CellTable(8);
          keys.forEach(([m, w, v, b], i) => {
            expect(table.upsert(m, 0, w, 0xffff, v, b)).toBe(i);
          });
          keys.forEach(([m, w, v, b], i) => {
            expect(table.find(m, 0, w, 0xffff, v, b)).toBe(i);
            expect(table.upsert(m, 0, w, 0xffff, v, b)).toBe(i);
          });
          expect(table.find(9, 1, 2, 3, 4, 5)).toBe(-1);
          expect(table.count).toBe(keys.length);
        },
      ),
      { numRuns: 50 },
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
