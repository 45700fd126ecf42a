/** Hilbert maps of a view, JSON/CSV exports, and `runHeatmap` writing every format. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregationBucket, formatOfFile, inputsLabel, runHeatmap } from '../../src/coordinator/heatmap.js';
import {
  type HeatmapPartial,
  heatmapAnalyzer,
  validateHeatmapConfig,
} from '../../src/report/heatmap/aggregate.js';
import { localIso, viewCsv, viewJson } from '../../src/report/heatmap/export.js';
import { buildHilbertMap, hilbertBlockNamer } from '../../src/report/heatmap/hilbert-view.js';
import {
  buildView,
  DEFAULT_VIEW_OPTIONS,
  type ViewOptions,
  validateViewOptions,
} from '../../src/report/heatmap/view.js';
import { decodePng } from '../../src/report/render/png.js';
import { NetscryError } from '../../src/shared/errors.js';
import { type ConnSpec, connBatches, observeAll } from '../helpers/records.js';
import { SMALL_CONN_COLUMNS, zeekTsvHeader } from '../helpers/zeek-text.js';

const T0 = 1_700_006_400;

function aggregate(specs: readonly ConnSpec[], v4Prefix: number, v6Prefix: number): HeatmapPartial {
  const shard = heatmapAnalyzer.create(0, validateHeatmapConfig({ bucketSeconds: 60, v4Prefix, v6Prefix }));
  observeAll(shard, connBatches(specs, 16));
  return shard.finish().partial as HeatmapPartial;
}

const conn = (ts: number, orig: string, resp = '192.0.2.1'): ConnSpec => ({
  ts: T0 + ts,
  orig,
  resp,
  origPort: 1234,
  respPort: 80,
  state: 'SF',
  origBytes: 10,
  respBytes: 20,
});

function view(partial: HeatmapPartial, o: Partial<ViewOptions>) {
  return buildView(
    partial,
    validateViewOptions({ ...DEFAULT_VIEW_OPTIONS, bucketSeconds: 60, maxRows: 100_000, ...o }, 60),
  );
}

/** Eight quiet minutes for three blocks, then 10.2.x sweeps in minute 9. */
function specs(): ConnSpec[] {
  const out: ConnSpec[] = [];
  for (let m = 0; m < 10; m++) {
    for (const src of ['10.1.0.1', '10.2.0.1', '172.16.9.9']) out.push(conn(m * 60, src));
    out.push(
      conn(m * 60, '2001:db8:aa:1::1'),
      conn(m * 60, '2001:db8:bb:1::1'),
      conn(m * 60, '2001:db8:bb:2::1'),
    );
  }
  for (let i = 0; i < 80; i++) out.push(conn(9 * 60 + 1, '10.2.0.1', `198.51.100.${i}`));
  return out;
}

describe('Hilbert maps of a view', () => {
  const v = view(aggregate(specs(), 16, 48), { prefix: { ipv4: 16, ipv6: 48 } });

  it('puts each IPv4 /16 at its address along the curve, with totals, highlights and regions', () => {
    const map = buildHilbertMap(v, {
      family: 'ipv4',
      pixelPrefix: 16,
      regions: ['10.0.0.0/8', '192.168.0.0/16', 'fd00::/8', 'nonsense'],
    });
    expect(map.order).toBe(8);
    expect(map.space).toBe('0.0.0.0/0');
    expect(map.pixel).toBe('/16');
    expect(map.cells).toEqual([
      { index: 10 * 256 + 1, value: 10 },
      { index: 10 * 256 + 2, value: 90 },
      { index: 172 * 256 + 16, value: 10 },
    ]);
    expect(map.highlights.map((h) => h.index)).toEqual([10 * 256 + 2]);
    expect(map.regions).toEqual([
      { label: '10.0.0.0/8', first: 2560, last: 2815 },
      { label: '192.168.0.0/16', first: 192 * 256 + 168, last: 192 * 256 + 168 },
    ]);
    const name = hilbertBlockNamer(v, { family: 'ipv4', pixelPrefix: 16 });
    expect(name(10 * 256 + 2)).toBe('10.2.0.0/16');
  });

  it('draws one bucket as a frame: that bucket’s values and highlights only', () => {
    const quiet = buildHilbertMap(v, { family: 'ipv4', pixelPrefix: 16 }, 0);
    expect(quiet.cells.map((c) => c.value)).toEqual([1, 1, 1]);
    expect(quiet.highlights).toEqual([]);
    expect(quiet.title).toContain('bucket 2023-11-15 00:00');
    const sweep = buildHilbertMap(v, { family: 'ipv4', pixelPrefix: 16 }, 9);
    expect(sweep.cells.find((c) => c.index === 10 * 256 + 2)?.value).toBe(81);
    expect(sweep.highlights).toHaveLength(1);
  });

  it('maps the busiest IPv6 block of the space size by default, or the one named', () => {
    const busiest = buildHilbertMap(v, { family: 'ipv6', pixelPrefix: 48, order: 8 });
    expect(busiest.space).toBe('2001:db8::/32');
    expect(busiest.cells.map((c) => c.index)).toEqual([0xaa, 0xbb]);
    // A /40 seen at /48: the 256 /48s of 2001:db8:0000::–2001:db8:00ff::.
    const at40 = { family: 'ipv6', pixelPrefix: 48, order: 4, space: '2001:db8::/40' } as const;
    expect(buildHilbertMap(v, at40).cells).toEqual([
      { index: 0xaa, value: 10 },
      { index: 0xbb, value: 20 },
    ]);
    expect(hilbertBlockNamer(v, at40)(0xbb)).toBe('2001:db8:bb::/48');
    expect(buildHilbertMap(v, { ...at40, space: '2001:db9::/40' }).cells).toEqual([]);
    expect(() =>
      buildHilbertMap(v, { family: 'ipv6', pixelPrefix: 48, order: 4, space: '2001:db8::/32' }),
    ).toThrow(NetscryError);
    expect(() => buildHilbertMap(v, { family: 'ipv6', pixelPrefix: 48, order: 30 })).toThrow(/order/);
    expect(() => buildHilbertMap(v, { family: 'ipv4', pixelPrefix: 17 })).toThrow(/even pixel prefix/);
  });
});

describe('view exports', () => {
  const v = view(aggregate(specs(), 16, 48), { prefix: { ipv4: 16, ipv6: 48 }, utcOffsetMinutes: 90 });

  it('writes JSON with null for empty buckets and the anomalies', () => {
    const j = viewJson(v);
    expect(j.timeZone).toBe('UTC+01:30');
    expect(j.rows.map((r) => r.block)).toEqual([
      '10.1.0.0/16',
      '10.2.0.0/16',
      '172.16.0.0/16',
      '2001:db8:aa::/48',
      '2001:db8:bb::/48',
    ]);
    expect(j.rows[1]!.values).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 81]);
    expect(j.anomalies).toEqual([
      expect.objectContaining({ block: '10.2.0.0/16', bucketStart: T0 + 540, value: 81 }),
    ]);
    const sparse = view(aggregate([conn(0, '10.0.0.1'), conn(180, '10.0.0.1')], 24, 64), {
      prefix: { ipv4: 24, ipv6: 64 },
    });
    expect(viewJson(sparse).rows[0]!.values).toEqual([1, null, null, 1]);
  });

  it('writes long-form CSV with local times and scores', () => {
    const lines = viewCsv(v).trim().split('\n');
    expect(lines[0]).toBe('block,family,bucket_start,bucket_start_local,connections,anomaly_score');
    expect(lines).toContain(`10.1.0.0/16,ipv4,${T0},2023-11-15T01:30:00+01:30,1,`);
    expect(lines.find((l) => l.startsWith(`10.2.0.0/16,ipv4,${T0 + 540},`))).toMatch(/,81,\d+(\.\d+)?$/);
    expect(localIso(T0, -330)).toBe('2023-11-14T18:30:00-05:30');
    expect(localIso(T0, 0)).toBe('2023-11-15T00:00:00Z');
  });
});

describe('runHeatmap', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netscry-heatmap-run-'));
    input = join(dir, 'conn.log');
    const header = zeekTsvHeader('conn', SMALL_CONN_COLUMNS);
    const rows = specs().map((s, i) =>
      [s.ts, `C${i}`, s.orig, 1234, s.resp, 80, 'tcp', 'SF', 10, 20].join('\t'),
    );
    await writeFile(input, `${[...header, ...rows, '#close\t2023-11-15-00-10-00'].join('\n')}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a matrix in every format by extension', async () => {
    const out = ['m.svg', 'm.png', 'm.json', 'm.csv'].map((f) => join(dir, 'matrix', f));
    const r = await runHeatmap({
      analyze: { inputs: [input], actors: 0 },
      out,
      view: { bucketSeconds: 60, prefix: { ipv4: 16, ipv6: 48 } },
    });
    expect(r.written).toEqual(out);
    expect(r.view.anomalies[0]?.block).toBe('10.2.0.0/16');
    expect((await readFile(out[0]!, 'utf8')).startsWith('<svg')).toBe(true);
    expect(decodePng(new Uint8Array(await readFile(out[1]!))).width).toBeGreaterThan(100);
    expect(JSON.parse(await readFile(out[2]!, 'utf8')).bucketSeconds).toBe(60);
    expect((await readFile(out[3]!, 'utf8')).split('\n')[0]).toContain('connections');
    expect(r.view.grid.title).toBe('connections by source block — conn.log');
  });

  it('writes a Hilbert map and one frame per bucket', async () => {
    const out = join(dir, 'hilbert', 'h.svg');
    const r = await runHeatmap({
      analyze: { inputs: [input], actors: 0 },
      out: [out],
      layout: 'hilbert',
      frames: true,
      view: { bucketSeconds: 300 },
      hilbert: { family: 'ipv4', pixelPrefix: 16 },
    });
    expect(r.written).toEqual([out, join(dir, 'hilbert', 'h-0001.svg'), join(dir, 'hilbert', 'h-0002.svg')]);
    expect(await readFile(out, 'utf8')).toContain('10.2.0.0/16');
  });

  it('runs the detectors only for a view of findings, and the aggregate is the same either way', async () => {
    // A failed sweep of port 23 over 40 hosts: a horizontal scan.
    const scanLog = join(dir, 'scan-conn.log');
    const header = (await readFile(input, 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('#') && !l.startsWith('#close'));
    const rows = Array.from({ length: 40 }, (_, i) =>
      [T0 + i, `S${i}`, '10.9.9.9', 40000 + i, `10.8.0.${i + 1}`, 23, 'tcp', 'S0', 0, 0].join('\t'),
    );
    await writeFile(scanLog, `${[...header, ...rows].join('\n')}\n`);
    const plain = await runHeatmap({
      analyze: { inputs: [scanLog], actors: 0 },
      out: [join(dir, 'd', 'c.json')],
      view: { prefix: { ipv4: 24, ipv6: 64 } },
    });
    expect(plain.analysis.findings).toEqual([]);
    const withFindings = await runHeatmap({
      analyze: { inputs: [scanLog], actors: 0 },
      out: [join(dir, 'd', 'f.json')],
      view: { metric: 'findings', prefix: { ipv4: 24, ipv6: 64 } },
    });
    expect(withFindings.analysis.findings.map((f) => f.detector)).toContain('scan.horizontal');
    expect(withFindings.view.rows.find((r) => r.block === '10.9.9.0/24')?.total).toBeGreaterThan(0);
    expect(withFindings.analysis.heatmap).toEqual(plain.analysis.heatmap);
  });

  it('aggregates what the view needs: the local side, distinct ports', async () => {
    const out = join(dir, 'local', 'ports.json');
    const r = await runHeatmap({
      analyze: { inputs: [input], actors: 0 },
      out: [out],
      view: { side: 'local', metric: 'distinct_ports', prefix: { ipv4: 16, ipv6: 48 } },
    });
    const j = JSON.parse(await readFile(out, 'utf8'));
    expect(j.title).toBe('distinct ports by local endpoint block — conn.log');
    // Every connection goes to port 80: one distinct port per block and bucket.
    expect(r.view.rows.map((row) => row.block)).toContain('10.2.0.0/16');
    expect(
      Math.max(
        ...j.rows.flatMap((row: { values: Array<number | null> }) => row.values.filter((x) => x !== null)),
      ),
    ).toBe(1);
  });

  it('refuses unknown extensions and unwritable places with typed errors', async () => {
    expect(() => formatOfFile('x.gif')).toThrow(NetscryError);
    await expect(runHeatmap({ analyze: { inputs: [input], actors: 0 }, out: [] })).rejects.toThrow(/--out/);
    await expect(
      runHeatmap({ analyze: { inputs: [input], actors: 0 }, out: [join(input, 'below-a-file.png')] }),
    ).rejects.toMatchObject({ code: 'NETSCRY_E_OUTPUT_FAILED' });
    expect(aggregationBucket(900)).toBe(300);
    expect(aggregationBucket(120)).toBe(60);
    expect(inputsLabel(['/a/b/c.log', 'd.log', 'e.log', 'f.log'], 'live x')).toBe('c.log, d.log and 3 more');
  });
});
