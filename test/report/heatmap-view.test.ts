import fc from 'fast-check';
import { IPv4, IPv4CidrRange, IPv6, IPv6CidrRange } from 'ip-num';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/detect/finding.js';
import {
  type HeatmapConfig,
  type HeatmapPartial,
  heatmapAnalyzer,
  toMatrix,
  validateHeatmapConfig,
} from '../../src/report/heatmap/aggregate.js';
import { DEFAULT_ANOMALY_CONFIG, scoreCells } from '../../src/report/heatmap/anomaly.js';
import {
  buildView,
  DEFAULT_VIEW_OPTIONS,
  fittingBucket,
  parseUtcOffset,
  timeZoneName,
  type ViewOptions,
  validateViewOptions,
} from '../../src/report/heatmap/view.js';
import { NetscryError } from '../../src/shared/errors.js';
import { type ConnSpec, connBatches, observeAll } from '../helpers/records.js';

const T0 = 1_700_006_400; // 2023-11-15 00:00:00 UTC

function aggregate(
  specs: readonly ConnSpec[],
  prefixes: Partial<HeatmapConfig> = { v4Prefix: 32, v6Prefix: 128 },
): HeatmapPartial {
  const config = validateHeatmapConfig({ bucketSeconds: 60, v4Prefix: 32, v6Prefix: 128, ...prefixes });
  const shard = heatmapAnalyzer.create(0, config);
  observeAll(shard, connBatches(specs, 5));
  return shard.finish().partial as HeatmapPartial;
}

function view(partial: HeatmapPartial, o: Partial<ViewOptions>) {
  return buildView(partial, validateViewOptions({ ...DEFAULT_VIEW_OPTIONS, bucketSeconds: 60, ...o }, 60));
}

/** The grid as { label: { bucketOffsetSeconds: value } } for readable expectations. */
function table(v: ReturnType<typeof view>): Record<string, Record<number, number>> {
  const out: Record<string, Record<number, number>> = {};
  const g = v.grid;
  for (const r of g.rows) {
    const cells: Record<number, number> = {};
    r.values.forEach((x, i) => {
      if (!Number.isNaN(x)) cells[g.bucketStarts[i]! - T0] = x;
    });
    out[r.label] = cells;
  }
  return out;
}

const conn = (ts: number, orig: string, resp: string, more: Partial<ConnSpec> = {}): ConnSpec => ({
  ts: T0 + ts,
  orig,
  resp,
  origPort: 40000,
  respPort: 443,
  state: 'SF',
  origBytes: 100,
  respBytes: 1000,
  ...more,
});

describe('heatmap views: fixed prefixes', () => {
  const partial = aggregate([
    conn(0, '10.1.2.3', '192.0.2.1'),
    conn(59, '10.1.2.4', '192.0.2.2'), // same minute
    conn(60, '10.1.2.3', '192.0.2.1'), // next minute
    conn(61, '10.1.9.9', '192.0.2.1', { state: 'S0', respBytes: 0 }),
    conn(120, '2001:db8:1:2::5', '2001:db8:ff::1', { origBytes: 7, respBytes: 3 }),
    conn(125, '2001:db8:1:3::5', '2001:db8:ff::1', { origBytes: 1, respBytes: 1 }),
  ]);

  it('sums blocks into the covering prefix, IPv4 and IPv6 in one view, buckets aligned', () => {
    const v = view(partial, { prefix: { ipv4: 16, ipv6: 48 }, metric: 'connections' });
    expect(table(v)).toEqual({
      '10.1.0.0/16': { 0: 2, 60: 2 },
      '2001:db8:1::/48': { 120: 2 },
    });
    expect(v.grid.bucketStarts).toEqual([T0, T0 + 60, T0 + 120]);
    expect(table(view(partial, { prefix: { ipv4: 24, ipv6: 64 }, metric: 'bytes' }))).toEqual({
      '10.1.2.0/24': { 0: 2200, 60: 1100 },
      '10.1.9.0/24': { 60: 100 },
      '2001:db8:1:2::/64': { 120: 10 },
      '2001:db8:1:3::/64': { 120: 2 },
    });
    expect(table(view(partial, { prefix: { ipv4: 8, ipv6: 16 }, metric: 'failed' }))).toEqual({
      '10.0.0.0/8': { 0: 0, 60: 1 },
      '2001::/16': { 120: 0 },
    });
  });

  it('counts a peer once when blocks or buckets merge (sketches merged, not estimates added)', () => {
    const p = view(partial, { prefix: { ipv4: 16, ipv6: 48 }, metric: 'distinct_peers', bucketSeconds: 300 });
    // 10.1/16 talked to 192.0.2.1 and 192.0.2.2 across 3 connections from 3 hosts.
    expect(table(p)).toEqual({ '10.1.0.0/16': { 0: 2 }, '2001:db8:1::/48': { 0: 1 } });
    const dst = view(partial, { prefix: { ipv4: 24, ipv6: 64 }, metric: 'distinct_peers', side: 'resp' });
    expect(table(dst)['192.0.2.0/24']).toEqual({ 0: 2, 60: 2 });
  });

  it('counts findings in the block of their source (or destination) at their first time', () => {
    const finding = (src: string, dst: string, ts: number) =>
      ({ firstTs: T0 + ts, entities: { src, dst } }) as unknown as Finding;
    const findings = [
      finding('10.1.2.3', '192.0.2.1', 5),
      finding('10.1.2.4', '192.0.2.1', 70),
      finding('10.1.9.9', '198.51.100.1', 61),
    ];
    const src = view(partial, { prefix: { ipv4: 16, ipv6: 48 }, metric: 'findings' });
    expect(
      table(
        buildView(
          partial,
          validateViewOptions(
            {
              ...DEFAULT_VIEW_OPTIONS,
              bucketSeconds: 60,
              prefix: { ipv4: 16, ipv6: 48 },
              metric: 'findings',
            },
            60,
          ),
          findings,
        ),
      ),
    ).toEqual({
      '10.1.0.0/16': { 0: 1, 60: 2 },
      '2001:db8:1::/48': { 120: 0 },
    });
    expect(table(src)['10.1.0.0/16']).toEqual({ 0: 0, 60: 0 });
    const dst = buildView(
      partial,
      validateViewOptions(
        {
          ...DEFAULT_VIEW_OPTIONS,
          bucketSeconds: 60,
          prefix: { ipv4: 24, ipv6: 64 },
          metric: 'findings',
          side: 'resp',
        },
        60,
      ),
      findings,
    );
    expect(table(dst)['192.0.2.0/24']).toEqual({ 0: 1, 60: 1 });
    expect(table(dst)['198.51.100.0/24']).toEqual({ 60: 1 });
  });

  it('keeps the busiest rows under the budget and folds the rest into "other"', () => {
    const specs = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: i + 1 }, () => conn(i, `10.0.${i}.1`, '192.0.2.1')),
    ).flat();
    const v = view(aggregate(specs), { prefix: { ipv4: 24, ipv6: 64 }, maxRows: 5 });
    // Five rows: the four busiest and one for the 26 others.
    expect(v.rows.map((r) => [r.block, r.total])).toEqual([
      ['10.0.26.0/24', 27],
      ['10.0.27.0/24', 28],
      ['10.0.28.0/24', 29],
      ['10.0.29.0/24', 30],
      ['other-ipv4', (26 * 27) / 2],
    ]);
  });

  it('aligns day buckets to the stated time zone', () => {
    const p = aggregate([conn(0, '10.0.0.1', '192.0.2.1'), conn(3 * 3600, '10.0.0.1', '192.0.2.1')]);
    const utc = view(p, { prefix: { ipv4: 24, ipv6: 64 }, bucketSeconds: 86_400 });
    expect(utc.grid.bucketStarts).toEqual([T0]);
    // At UTC+02:00 the day starts at 22:00 UTC; 00:00 UTC and 03:00 UTC are both 15 November.
    const plus2 = view(p, { prefix: { ipv4: 24, ipv6: 64 }, bucketSeconds: 86_400, utcOffsetMinutes: 120 });
    expect(plus2.grid.bucketStarts).toEqual([T0 - 7200]);
    expect(plus2.grid.subtitle).toContain('(UTC+02:00)');
    // At UTC−02:00, 00:00 UTC is still 14 November.
    const minus2 = view(p, { prefix: { ipv4: 24, ipv6: 64 }, bucketSeconds: 86_400, utcOffsetMinutes: -120 });
    expect(minus2.grid.bucketStarts).toEqual([T0 - 86_400 + 7200, T0 + 7200]);
    expect(timeZoneName(-330)).toBe('UTC-05:30');
    expect(parseUtcOffset('+05:30')).toBe(330);
    expect(parseUtcOffset('-0200')).toBe(-120);
    expect(parseUtcOffset('UTC')).toBe(0);
    expect(parseUtcOffset('+15')).toBeUndefined();
  });

  it('refuses a time range too long for the bucket, and finds the bucket that fits', () => {
    const years = aggregate([conn(0, '10.0.0.1', '192.0.2.1'), conn(400 * 86_400, '10.0.0.1', '192.0.2.1')], {
      bucketSeconds: 300,
      v4Prefix: 24,
      v6Prefix: 64,
    } as Partial<HeatmapConfig>);
    expect(() => buildView(years, validateViewOptions({ bucketSeconds: 300 }, 300))).toThrow(
      /115201 5-minute buckets, more than the 5000/,
    );
    expect(fittingBucket(years, 5000)).toBe(7200);
    expect(
      buildView(years, validateViewOptions({ bucketSeconds: 7200 }, 300)).grid.bucketStarts,
    ).toHaveLength(4801);
    expect(fittingBucket(years, 300)).toBeUndefined();
    expect(fittingBucket(partial, 5000)).toBe(60);
    expect(fittingBucket(undefined, 5000)).toBe(300);
  });

  it('rejects options it cannot honour, naming them', () => {
    expect(() => validateViewOptions({ bucketSeconds: 90 }, 60)).toThrow(/bucket/);
    expect(() => validateViewOptions({ prefix: { ipv4: 4, ipv6: 64 } }, 60)).toThrow(NetscryError);
    expect(() => validateViewOptions({ metric: 'nope' as 'bytes' }, 60)).toThrow(/metric/);
    const coarse = aggregate([conn(0, '10.0.0.1', '192.0.2.1')], { v4Prefix: 24, v6Prefix: 64 });
    expect(() => view(coarse, { prefix: { ipv4: 32, ipv6: 64 } })).toThrow(/finer than the aggregation/);
  });
});

describe('heatmap views: local endpoints and distinct ports', () => {
  const specs = [
    conn(0, '10.0.0.5', '198.51.100.7', { respPort: 443 }), // local → remote: local is the originator
    conn(1, '203.0.113.9', '10.0.0.6', { respPort: 22 }), // remote → local: local is the responder
    conn(2, '10.0.0.5', '10.0.0.6', { respPort: 80 }), // both local: the originator, as sharding does
    ...Array.from({ length: 50 }, (_, p) =>
      conn(3, '10.0.0.7', '10.0.0.8', { respPort: 1000 + p, state: 'REJ' }),
    ),
  ];
  const both = aggregate(specs, { localSide: true, portSketches: true });

  it('draws each connection at its local endpoint', () => {
    const v = view(both, { side: 'local', prefix: { ipv4: 32, ipv6: 128 }, bucketSeconds: 60 });
    expect(table(v)).toEqual({ '10.0.0.5/32': { 0: 2 }, '10.0.0.6/32': { 0: 1 }, '10.0.0.7/32': { 0: 50 } });
    expect(v.grid.title).toBe('connections by local endpoint block');
    expect(
      table(view(both, { side: 'local', prefix: { ipv4: 32, ipv6: 128 }, metric: 'distinct_peers' }))[
        '10.0.0.5/32'
      ],
    ).toEqual({ 0: 2 });
  });

  it('counts distinct responder ports per block, exactly below k', () => {
    const src = view(both, { metric: 'distinct_ports', prefix: { ipv4: 32, ipv6: 128 } });
    expect(table(src)).toEqual({
      '10.0.0.5/32': { 0: 2 },
      '10.0.0.7/32': { 0: 50 },
      '203.0.113.9/32': { 0: 1 },
    });
    // Over the run a port seen in two buckets counts once: 443 and 80 are 10.0.0.5's two.
    const later = aggregate([...specs, conn(61, '10.0.0.5', '198.51.100.7', { respPort: 443 })], {
      localSide: true,
      portSketches: true,
    });
    const run = view(later, { metric: 'distinct_ports', prefix: { ipv4: 32, ipv6: 128 } });
    expect(table(run)['10.0.0.5/32']).toEqual({ 0: 2, 60: 1 });
    expect(run.rows.find((r) => r.block === '10.0.0.5/32')?.total).toBe(2);
    const dst = view(both, { metric: 'distinct_ports', side: 'resp', prefix: { ipv4: 24, ipv6: 64 } });
    expect(table(dst)['10.0.0.0/24']).toEqual({ 0: 52 }); // 22, 80 and the 50 scanned
  });

  it('keeps heatmap.json as it was: port sketches stay out, the local side is a third side only when asked', () => {
    const plain = aggregate(specs);
    const cfg = validateHeatmapConfig({ bucketSeconds: 60, v4Prefix: 32, v6Prefix: 128 });
    const withPorts = aggregate(specs, { portSketches: true });
    expect(toMatrix(withPorts, cfg).rows).toEqual(toMatrix(plain, cfg).rows);
    expect(new Set(toMatrix(both, cfg).rows.map((r) => r.side))).toEqual(new Set(['orig', 'resp', 'local']));
    expect(() => view(plain, { side: 'local' })).toThrow(/localSide/);
    expect(() => view(plain, { metric: 'distinct_ports' })).toThrow(/portSketches/);
  });
});

describe('heatmap views: auto prefixes', () => {
  it('splits a busy /16 down to its hosts and leaves quiet space merged, under the row budget', () => {
    const specs: ConnSpec[] = [];
    // A /8 sweep: one connection to each of 200 hosts spread over 10/8.
    for (let i = 0; i < 200; i++) specs.push(conn(i, `10.${i}.${(i * 7) % 256}.1`, '192.0.2.1'));
    // One noisy host and a busy /16.
    for (let i = 0; i < 400; i++) specs.push(conn(i % 60, '172.16.5.5', '192.0.2.9'));
    for (let i = 0; i < 300; i++) specs.push(conn(i % 60, `172.20.${i % 3}.${i % 5}`, '192.0.2.9'));
    const v = view(aggregate(specs), { prefix: 'auto', maxRows: 8 });
    const blocks = v.rows.map((r) => r.block);
    expect(blocks.length).toBeLessThanOrEqual(8);
    expect(blocks).toContain('172.16.5.5/32');
    // The sweep stays in wide blocks covering 10/8; the busy /16 is split below /16.
    expect(blocks.some((b) => b.startsWith('10.') && Number(b.split('/')[1]) <= 9)).toBe(true);
    const busy = blocks.filter((b) => b.startsWith('172.20.'));
    expect(busy.length).toBeGreaterThan(1);
    for (const b of busy) expect(Number(b.split('/')[1])).toBeGreaterThan(16);
    // Every connection is in exactly one row.
    expect(v.rows.reduce((t, r) => t + r.total, 0)).toBe(specs.length);
  });

  it('gives every block its own row when the budget allows, as /32 and /128', () => {
    const v = view(
      aggregate([
        conn(0, '10.0.0.1', '192.0.2.1'),
        conn(0, '10.0.0.2', '192.0.2.1'),
        conn(0, '2001:db8::1', '2001:db8::2'),
      ]),
      { prefix: 'auto', maxRows: 10 },
    );
    expect(v.rows.map((r) => r.block)).toEqual(['10.0.0.1/32', '10.0.0.2/32', '2001:db8::1/128']);
  });

  it('labels every row with a canonical CIDR, as ip-num reads it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(0xffff)), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (hosts, budget) => {
          const specs = hosts.flatMap(([a, b, c]) => [
            conn(0, `10.${a}.${b}.${c & 255}`, '192.0.2.1'),
            conn(0, `2001:db8:${a.toString(16)}:${c.toString(16)}::${b.toString(16)}`, '192.0.2.1'),
          ]);
          for (const prefix of ['auto', { ipv4: 20, ipv6: 56 }] as const) {
            for (const r of view(aggregate(specs), { prefix, maxRows: budget }).rows) {
              if (r.block.startsWith('other')) continue;
              const range =
                r.family === 'ipv4' ? IPv4CidrRange.fromCidr(r.block) : IPv6CidrRange.fromCidr(r.block);
              // The label's address is the block's first address: ip-num agrees on the network.
              const [addr, bits] = r.block.split('/');
              expect(range.getPrefix().getValue()).toBe(BigInt(bits!));
              expect(range.getFirst().getValue()).toBe(
                (r.family === 'ipv4' ? IPv4.fromString(addr!) : IPv6.fromString(addr!)).getValue(),
              );
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('loses nothing and stays within budget for any set of blocks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 5 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 12 }),
        (hosts, budget) => {
          const specs = hosts.flatMap(([a, b, n]) =>
            Array.from({ length: n }, () => conn(0, `10.${a}.${b}.1`, '192.0.2.1')),
          );
          const v = view(aggregate(specs), { prefix: 'auto', maxRows: budget });
          expect(v.rows.length).toBeLessThanOrEqual(budget);
          expect(v.rows.reduce((t, r) => t + r.total, 0)).toBe(specs.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('anomaly scores', () => {
  const flat = (xs: number[]) => [Float64Array.from(xs)];

  it('scores a cell against the median and MAD of its row so far', () => {
    // History 10, 12, 11, 13, 9, 10, 11 → median 11, MAD 1 → σ 1.4826; 30 → z = 19 / 1.4826.
    const xs = [10, 12, 11, 13, 9, 10, 11, 30];
    const s = scoreCells(flat(xs), new Int32Array(xs.length), 0);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ row: 0, column: 7, value: 30, median: 11 });
    expect(s[0]!.score).toBeCloseTo(19 / 1.4826, 6);
  });

  it('needs minHistory earlier values, treats empty buckets as 0 and floors σ for flat histories', () => {
    expect(scoreCells(flat([1, 1, 1, 50]), new Int32Array(4), 0)).toEqual([]);
    const quiet = scoreCells(flat([2, 0, Number.NaN, 0, 0, 0, 0, 40]), new Int32Array(8), 0);
    expect(quiet[0]).toMatchObject({ column: 7, median: 0, sigma: 1, score: 40 });
    // Before a block's first record it is unknown, not quiet: no history yet.
    expect(
      scoreCells(
        flat([Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 5, 40]),
        new Int32Array(8),
        0,
      ),
    ).toEqual([]);
  });

  it('compares a block that just appeared with the other blocks of the same bucket', () => {
    const steady = (v: number) => Float64Array.from({ length: 10 }, () => v);
    const rows = [steady(20), steady(22), steady(19), steady(21), steady(20), steady(23)];
    const newcomer = Float64Array.from({ length: 10 }, (_, i) => (i === 8 ? 400 : i === 9 ? 21 : Number.NaN));
    const quietNewcomer = Float64Array.from({ length: 10 }, (_, i) => (i === 9 ? 22 : Number.NaN));
    const s = scoreCells([...rows, newcomer, quietNewcomer], new Int32Array(10), 0);
    expect(s.map((c) => [c.row, c.column, c.basis])).toEqual([[6, 8, 'peers']]);
    expect(s[0]!.median).toBe(21); // 19 20 20 21 22 23 and the newcomer itself
  });

  it('compares with the same time of day when there are several days', () => {
    // Two buckets a day for 5 days: nights ~2, days ~100. Day 5's night at 100 is anomalous
    // against nights, though it equals every daytime value.
    const xs = [2, 100, 3, 98, 2, 101, 1, 99, 3, 100, 100, 100];
    const ofDay = Int32Array.from(xs.map((_, i) => i % 2));
    const cfg = { ...DEFAULT_ANOMALY_CONFIG, minHistory: 4 };
    const s = scoreCells(flat(xs), ofDay, 6, cfg);
    expect(s.map((c) => c.column)).toEqual([10]);
    // Without the daily profile the same cell is ordinary.
    expect(scoreCells(flat(xs), ofDay, 1, cfg).map((c) => c.column)).not.toContain(10);
  });

  it('highlights the scan and exfiltration cells of a view', () => {
    const specs: ConnSpec[] = [];
    for (let m = 0; m < 30; m++) {
      for (let h = 0; h < 4; h++) specs.push(conn(m * 60, `10.0.0.${h + 1}`, '192.0.2.1'));
    }
    // Minute 25: 10.0.0.3 sweeps 200 hosts.
    for (let i = 0; i < 200; i++)
      specs.push(conn(25 * 60 + 1, '10.0.0.3', `198.51.100.${i}`, { state: 'S0' }));
    const v = view(aggregate(specs), { prefix: { ipv4: 32, ipv6: 128 } });
    expect(v.anomalies[0]).toMatchObject({ block: '10.0.0.3/32', bucketStart: T0 + 25 * 60 });
    expect(v.grid.highlights[0]).toMatchObject({ row: v.anomalies[0]!.row, column: 25 });
  });
});
