import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRun } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import type { ShardOutput } from '../../src/detect/analyzer.js';
import {
  concludeExfil,
  DEFAULT_EXFIL_CONFIG,
  EXFIL_EVICTION_NAMES,
  type ExfilConfig,
  type ExfilPartial,
  exfilAnalyzer,
  median,
  mergeExfilPartials,
  pcr,
  robustZ,
  validateExfilConfig,
} from '../../src/detect/exfil.js';
import type { Finding } from '../../src/detect/finding.js';
import { detectorNamed } from '../../src/detect/registry.js';
import { generate } from '../../src/generate/generate.js';
import { loadLabels } from '../../src/generate/labels.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import { packState, unpackState } from '../../src/shared/pack.js';
import { type BatchView, RecordKind } from '../../src/shared/record.js';
import { type ConnSpec, connBatch, connBatches, observeAll } from '../helpers/records.js';
import { ID_FIELDS, ID_TYPES, zeekHeaderText } from '../helpers/zeek-text.js';
import { zeekViews } from '../helpers/zeek-views.js';

const cfg = (over: Partial<ExfilConfig> = {}): ExfilConfig => validateExfilConfig(over);

const HOST = '10.0.0.5';
const DEST = '192.0.2.210';
const WEB = '198.51.100.7';
const HOUR = 3600;
/** An hour boundary, so buckets are easy to read. */
const T0 = 1_699_999_200;
const MB = 1e6;

let seq = 0;
const conn = (ts: number, over: Partial<ConnSpec> = {}): ConnSpec => ({
  ts,
  orig: HOST,
  origPort: 40_000 + (seq % 20_000),
  resp: WEB,
  respPort: 443,
  proto: 'tcp',
  state: 'SF',
  duration: 2,
  origBytes: 1_500,
  respBytes: 20_000,
  uid: `C${(seq++).toString(36).padStart(8, '0')}`,
  ...over,
});

/** `n` ordinary browsing connections per hour for `hours` hours from `t0`. */
function browsing(t0: number, hours: number, n = 12, over: Partial<ConnSpec> = {}): ConnSpec[] {
  const out: ConnSpec[] = [];
  for (let h = 0; h < hours; h++) {
    for (let k = 0; k < n; k++) {
      out.push(
        conn(t0 + h * HOUR + (k * HOUR) / n + 1, {
          origBytes: 1_000 + 37 * k,
          respBytes: 15_000 + 1_100 * k,
          ...over,
        }),
      );
    }
  }
  return out;
}

const byTime = (specs: readonly ConnSpec[]): ConnSpec[] => [...specs].sort((a, b) => a.ts - b.ts);

function shardRun(
  specs: readonly ConnSpec[],
  config: ExfilConfig = cfg(),
  sizes: number | number[] = 64,
  vshard = 0,
): ShardOutput {
  const a = exfilAnalyzer.create(vshard, config);
  if (specs.length > 0) observeAll(a, connBatches(specs, sizes));
  return a.finish();
}

/** Shard findings plus the conclusion over the shard's own partial. */
function run(
  specs: readonly ConnSpec[],
  config: ExfilConfig = cfg(),
  sizes: number | number[] = 64,
): Finding[] {
  const out = shardRun(specs, config, sizes);
  return [...out.findings, ...concludeExfil(mergeExfilPartials([out.partial]), config)];
}

const of = (findings: readonly Finding[], detector: string): Finding[] =>
  findings.filter((f) => f.detector === detector);

// ─── log text for http/ssl records ──────────────────────────────────────────────────────────

const header = zeekHeaderText;
const ID = ID_FIELDS;
const ID_T = ID_TYPES;

interface HttpSpec {
  ts: number;
  uid?: string;
  orig?: string;
  resp?: string;
  method?: string;
  host?: string;
  uri?: string;
  body?: number | string;
}

function httpLog(rows: readonly HttpSpec[]): string {
  const head = header(
    'http',
    [...ID, 'trans_depth', 'method', 'host', 'uri', 'request_body_len', 'response_body_len'],
    [...ID_T, 'count', 'string', 'string', 'string', 'count', 'count'],
  );
  const lines = rows.map((r, k) =>
    [
      r.ts.toFixed(6),
      r.uid ?? `CH${k}`,
      r.orig ?? HOST,
      41_000 + k,
      r.resp ?? DEST,
      80,
      1,
      r.method ?? 'POST',
      r.host ?? 'upload.example.net',
      r.uri ?? '/api/upload?token=secret',
      r.body ?? 0,
      120,
    ].join('\t'),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function sslLog(rows: readonly { ts: number; sni: string; orig?: string; resp?: string }[]): string {
  const head = header('ssl', [...ID, 'version', 'server_name'], [...ID_T, 'string', 'string']);
  const lines = rows.map((r, k) =>
    [r.ts.toFixed(6), `CS${k}`, r.orig ?? HOST, 51_000 + k, r.resp ?? DEST, 443, 'TLSv13', r.sni].join('\t'),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function runViews(views: readonly BatchView[], config: ExfilConfig = cfg()): Finding[] {
  const a = exfilAnalyzer.create(0, config);
  observeAll(a, views);
  const out = a.finish();
  return [...out.findings, ...concludeExfil(mergeExfilPartials([out.partial]), config)];
}

/** `n` uploads of `bytes` each, `gap` seconds apart, to `resp`. */
function uploads(t0: number, n: number, bytes: number, gap = 60, over: Partial<ConnSpec> = {}): ConnSpec[] {
  return Array.from({ length: n }, (_, k) =>
    conn(t0 + k * gap, { resp: DEST, origBytes: bytes, respBytes: 6_000, duration: 8, ...over }),
  );
}

// ─── exfil.rare-destination ─────────────────────────────────────────────────────────────────

describe('exfil.rare-destination', () => {
  it('reports volume to a destination no other host uses, named by its TLS server name', () => {
    const specs = byTime([...browsing(T0, 4), ...uploads(T0 + 2 * HOUR, 3, 25 * MB, 200)]);
    const a = exfilAnalyzer.create(0, cfg());
    observeAll(a, [
      ...connBatches(specs, 16),
      ...zeekViews(sslLog([{ ts: T0 + 2 * HOUR + 0.05, sni: 'files.dropzone.io' }])),
    ]);
    const out = a.finish();
    const partial = out.partial as ExfilPartial;
    expect(partial.candidates).toHaveLength(1);
    const [f, ...rest] = concludeExfil(mergeExfilPartials([partial]), cfg());
    expect(rest).toEqual([]);
    expect(f!.detector).toBe('exfil.rare-destination');
    expect(f!.attack).toBe('T1048');
    expect(f!.entities).toEqual({ src: HOST, dst: DEST, server: 'files.dropzone.io' });
    expect(f!.evidence).toMatchObject({
      outBytes: 75 * MB,
      inBytes: 18_000,
      connections: 3,
      prevalence: 1,
      otherSources: [],
      subnet: '192.0.2.0/24',
      subnetPrevalence: 1,
      thresholdBytes: DEFAULT_EXFIL_CONFIG.rareMinBytes,
      maxHosts: 2,
      window: [T0 + 2 * HOUR, T0 + 2 * HOUR + 400],
    });
    expect(f!.evidence.ratio).toBe(round2((75 * MB) / 18_000));
    expect((f!.evidence.sampleUids as string[]).length).toBe(3);
    expect(f!.confidence).toBe(0.9);
    expect(f!.severity).toBe('medium');
    expect(f!.firstTs).toBe(T0 + 2 * HOUR);
    expect(f!.summary).toContain('files.dropzone.io (192.0.2.210)');
    expect(f!.summary).toContain('no other internal host');
  });

  it('needs rareMinBytes from one source', () => {
    const specs = uploads(T0, 2, 24 * MB);
    expect(of(run(specs), 'exfil.rare-destination')).toEqual([]);
    expect(of(run(specs, cfg({ rareMinBytes: 40 * MB })), 'exfil.rare-destination')).toHaveLength(1);
    expect(
      of(run(specs, cfg({ enableRareDestination: false, rareMinBytes: 40 * MB })), 'exfil.rare-destination'),
    ).toEqual([]);
    expect(shardRun(specs, cfg({ enableRareDestination: false })).partial).toBeUndefined();
  });

  it('counts prevalence across shards: a destination three hosts use is not rare', () => {
    const big = shardRun(uploads(T0, 3, 25 * MB), cfg(), 64, 0);
    const others = (hosts: string[]): ShardOutput =>
      shardRun(
        hosts.map((h, k) => conn(T0 + k, { orig: h, resp: DEST })),
        cfg(),
        64,
        1,
      );
    const one = others(['10.0.1.6']);
    const two = others(['10.0.1.6', '10.0.1.7']);
    const conclude = (parts: unknown[]): Finding[] => concludeExfil(mergeExfilPartials(parts), cfg());
    expect(conclude([big.partial])).toHaveLength(1);
    const [f] = conclude([big.partial, one.partial]);
    expect(f!.evidence.prevalence).toBe(2);
    expect(f!.evidence.otherSources).toEqual(['10.0.1.6']);
    expect(f!.summary).toContain('used by 2 internal hosts');
    expect(conclude([big.partial, two.partial])).toEqual([]);
    // The fraction of internal hosts seen can raise the limit: 3 hosts of 3 → 100 %.
    const loose = cfg({ rareMaxHostsFraction: 1 });
    expect(concludeExfil(mergeExfilPartials([big.partial, two.partial]), loose)).toHaveLength(1);
  });

  it('looks at the /24 as well: confidence, and optionally a requirement', () => {
    const specs = [
      ...uploads(T0, 3, 25 * MB),
      conn(T0 + 1, { orig: '10.0.0.6', resp: '192.0.2.11' }),
      conn(T0 + 2, { orig: '10.0.0.7', resp: '192.0.2.12' }),
      conn(T0 + 3, { orig: '10.0.0.8', resp: '192.0.2.13' }),
    ];
    const [f] = of(run(byTime(specs)), 'exfil.rare-destination');
    expect(f!.evidence.subnetPrevalence).toBe(4);
    expect(f!.confidence).toBe(0.75);
    expect(of(run(byTime(specs), cfg({ rareRequireRareSubnet: true })), 'exfil.rare-destination')).toEqual(
      [],
    );
    expect(
      of(run(uploads(T0, 3, 25 * MB), cfg({ rareRequireRareSubnet: true })), 'exfil.rare-destination'),
    ).toHaveLength(1);
  });

  it('tiers severity by volume and handles IPv6', () => {
    const six = uploads(T0, 6, 100 * MB, 60, { orig: 'fd00::5', resp: '2001:db8::99' });
    const [f] = of(run(six, cfg({ rareMinBytes: 5 * MB })), 'exfil.rare-destination');
    expect(f!.severity).toBe('critical');
    expect(f!.entities).toEqual({ src: 'fd00::5', dst: '2001:db8::99' });
    expect(f!.evidence.subnet).toBe('2001:db8::/64');
    const [g] = of(run(six, cfg({ rareMinBytes: 50 * MB })), 'exfil.rare-destination');
    expect(g!.severity).toBe('high');
    // An IPv6 source among others of a destination.
    const shared = [...six, conn(T0 + 5, { orig: 'fd00::6', resp: '2001:db8::99' })];
    const [h] = of(run(byTime(shared)), 'exfil.rare-destination');
    expect(h!.evidence.otherSources).toEqual(['fd00::6']);
  });
});

const round2 = (v: number): number => Math.round(v * 100) / 100;

// ─── the cross-shard merge ──────────────────────────────────────────────────────────────────

describe('merge and conclude', () => {
  /** Records of many sources, grouped into `shards` analyzers by the source's /24 (as routing does). */
  function split(specs: readonly ConnSpec[], shards: number, config = cfg()): unknown[] {
    const groups = new Map<number, ConnSpec[]>();
    for (const s of specs) {
      const third = Number((s.orig ?? '').split(/[.:]/)[2] ?? 0);
      const g = third % shards;
      groups.set(g, [...(groups.get(g) ?? []), s]);
    }
    return [...groups].map(([g, list]) => shardRun(list, config, 13, g).partial);
  }

  const fleet = byTime([
    ...uploads(T0, 3, 25 * MB),
    ...uploads(T0 + 10, 3, 25 * MB, 60, { orig: '10.0.3.9', resp: '203.0.113.240' }),
    ...uploads(T0 + 20, 3, 25 * MB, 60, { orig: '10.0.4.9', resp: '203.0.113.241' }),
    conn(T0 + 30, { orig: '10.0.5.1', resp: '203.0.113.241' }),
    conn(T0 + 31, { orig: '10.0.6.1', resp: '203.0.113.241' }),
    ...uploads(T0 + 40, 3, 25 * MB, 60, { orig: '10.0.7.9', resp: '203.0.113.242' }),
    conn(T0 + 41, { orig: '10.0.8.1', resp: '203.0.113.242' }),
    ...['10.0.1.1', '10.0.2.1', '10.0.3.1', '10.0.4.1'].map((h, k) =>
      conn(T0 + 50 + k, { orig: h, resp: WEB }),
    ),
  ]);

  it('gives the same findings for every shard split', () => {
    const reference = concludeExfil(mergeExfilPartials(split(fleet, 1)), cfg());
    expect(reference.map((f) => [f.entities.src, f.evidence.prevalence])).toEqual([
      [HOST, 1],
      ['10.0.3.9', 1],
      ['10.0.7.9', 2],
    ]);
    for (const shards of [2, 3, 5, 9]) {
      expect(concludeExfil(mergeExfilPartials(split(fleet, shards)), cfg())).toEqual(reference);
    }
  });

  it('merges in any order and grouping, and accepts its own output', () => {
    const parts = split(fleet, 5);
    const all = mergeExfilPartials(parts);
    const permutations = [
      [...parts].reverse(),
      [parts[2], parts[0], parts[4], parts[1], parts[3]],
      [undefined, ...parts, undefined],
    ];
    for (const p of permutations) expect(mergeExfilPartials(p)).toEqual(all);
    const grouped = mergeExfilPartials([
      mergeExfilPartials(parts.slice(0, 2)),
      mergeExfilPartials(parts.slice(2)),
    ]);
    expect(grouped).toEqual(all);
    expect(exfilAnalyzer.merge(parts)).toEqual(all);
    expect(exfilAnalyzer.conclude!(all, cfg())).toEqual(concludeExfil(all, cfg()));
    expect(mergeExfilPartials([undefined, { version: 99 }])).toBeUndefined();
    expect(concludeExfil(undefined, cfg())).toEqual([]);
    expect(concludeExfil({ version: 1 }, cfg())).toEqual([]);
  });

  it('sums a pair seen by two shards and unions its samples and names', () => {
    const a = shardRun(uploads(T0, 2, 30 * MB), cfg(), 64, 0).partial as ExfilPartial;
    const b = shardRun(uploads(T0 + 500, 2, 30 * MB), cfg(), 64, 1).partial as ExfilPartial;
    const named = { ...b, candidates: b.candidates.map((c) => ({ ...c, name: 'b.example' })) };
    const merged = mergeExfilPartials([a, named])!;
    expect(merged.candidates).toHaveLength(1);
    expect(merged.candidates[0]).toMatchObject({
      out: 120 * MB,
      conns: 4,
      firstTs: T0,
      lastTs: T0 + 560,
      name: 'b.example',
    });
    expect(merged.candidates[0]!.uids).toHaveLength(4);
    expect(mergeExfilPartials([named, a])).toEqual(merged);
    const other = { ...a, candidates: a.candidates.map((c) => ({ ...c, name: 'a.example' })) };
    expect(mergeExfilPartials([named, other])!.candidates[0]!.name).toBe('a.example');
    expect(mergeExfilPartials([other, named])!.candidates[0]!.name).toBe('a.example');
  });

  it('orders equal volumes by source, then destination; a destination without prevalence counts once', () => {
    const specs = byTime([
      ...uploads(T0, 3, 25 * MB, 60, { orig: '10.0.0.7', resp: '192.0.2.20' }),
      ...uploads(T0, 3, 25 * MB, 60, { orig: '10.0.0.6', resp: '192.0.2.21' }),
      ...uploads(T0, 3, 25 * MB, 60, { orig: '10.0.0.6', resp: '192.0.2.20' }),
    ]);
    const p = shardRun(specs).partial as ExfilPartial;
    expect(p.candidates.map((c) => `${c.src}>${c.dst}`)).toEqual([
      '10.0.0.6>192.0.2.20',
      '10.0.0.6>192.0.2.21',
      '10.0.0.7>192.0.2.20',
    ]);
    const lost = { ...p, destinations: [] };
    const found = concludeExfil(lost, cfg());
    expect(found.map((f) => f.evidence.prevalence)).toEqual([1, 1, 1]);
    const label = (f: Finding): string => `${f.entities.src}>${f.entities.dst}:${f.evidence.prevalence}`;
    expect(concludeExfil(p, cfg()).map(label).sort()).toEqual([
      '10.0.0.6>192.0.2.20:2',
      '10.0.0.6>192.0.2.21:1',
      '10.0.0.7>192.0.2.20:2',
    ]);
  });

  it('treats a saturated source set as more than the cap', () => {
    const c = cfg({ rareMaxHosts: 1, maxSourcesPerDestination: 2 });
    const specs = [
      ...uploads(T0, 3, 25 * MB),
      conn(T0 + 1, { orig: '10.0.0.6', resp: DEST }),
      conn(T0 + 2, { orig: '10.0.0.7', resp: DEST }),
    ];
    const out = shardRun(byTime(specs), c);
    // The address and its /24 both reach the cap.
    expect(out.evictions.maxSourcesPerDestination).toBe(2);
    const p = out.partial as ExfilPartial;
    const entry = p.destinations.find((d) => d[0] === DEST)!;
    expect(entry[1]).toHaveLength(2);
    expect(entry[2]).toBe(true);
    expect(concludeExfil(mergeExfilPartials([p]), c)).toEqual([]);
    // Unions above the cap are cut and marked saturated too.
    const x = shardRun([conn(T0, { orig: '10.0.1.1', resp: DEST })], c, 64, 1).partial;
    const y = shardRun(
      [conn(T0, { orig: '10.0.2.1', resp: DEST }), conn(T0, { orig: '10.0.2.2', resp: DEST })],
      c,
      64,
      2,
    ).partial;
    const m = mergeExfilPartials([x, y])!;
    expect(m.destinations[0]).toEqual([DEST, ['10.0.1.1', '10.0.2.1'], true]);
  });
});

// ─── exfil.upload ───────────────────────────────────────────────────────────────────────────

describe('exfil.upload', () => {
  it('reports a burst of uploads to a first-seen destination', () => {
    const specs = byTime([...browsing(T0, 3), ...uploads(T0 + HOUR, 3, 9 * MB, 250)]);
    const a = exfilAnalyzer.create(0, cfg());
    observeAll(a, [
      ...connBatches(specs, 10),
      ...zeekViews(sslLog([{ ts: T0 + HOUR + 0.1, sni: 'sync.box.co' }])),
    ]);
    const [f, ...rest] = of(a.finish().findings, 'exfil.upload');
    expect(rest).toEqual([]);
    expect(f!.attack).toBe('T1048');
    expect(f!.entities).toEqual({ src: HOST, dst: DEST, server: 'sync.box.co' });
    // The third upload starts 500 s after the first contact: inside the 600 s burst.
    expect(f!.evidence).toMatchObject({
      outBytes: 27 * MB,
      inBytes: 18_000,
      connections: 3,
      burstSeconds: 600,
      window: [T0 + HOUR, T0 + HOUR + 600],
      thresholdBytes: 20 * MB,
      thresholdRatio: 10,
    });
    expect(f!.firstTs).toBe(T0 + HOUR);
    expect(f!.lastTs).toBe(T0 + HOUR + 500);
    expect(f!.severity).toBe('medium');
    expect(f!.summary).toContain('sync.box.co (192.0.2.210)');
    // Beyond the burst: the same three uploads 400 s apart send only 18 MB in it.
    const spread = byTime([...browsing(T0, 3), ...uploads(T0 + HOUR, 3, 9 * MB, 400)]);
    expect(of(run(spread), 'exfil.upload')).toEqual([]);
  });

  it('ignores destinations contacted earlier, the warm-up, and balanced transfers', () => {
    const earlier = byTime([
      ...browsing(T0, 3),
      conn(T0 + HOUR, { resp: DEST }),
      ...uploads(T0 + 2 * HOUR, 2, 15 * MB),
    ]);
    expect(of(run(earlier), 'exfil.upload')).toEqual([]);
    const warm = byTime([...browsing(T0, 3), ...uploads(T0 + 600, 2, 15 * MB)]);
    expect(of(run(warm), 'exfil.upload')).toEqual([]);
    expect(of(run(warm, cfg({ uploadWarmupSeconds: 0 })), 'exfil.upload')).toHaveLength(1);
    const balanced = byTime([
      ...browsing(T0, 3),
      ...uploads(T0 + HOUR, 2, 15 * MB, 60, { respBytes: 5 * MB }),
    ]);
    expect(of(run(balanced), 'exfil.upload')).toEqual([]);
    expect(of(run(balanced, cfg({ uploadMinRatio: 2 })), 'exfil.upload')).toHaveLength(1);
    expect(
      of(run(byTime([...browsing(T0, 3), ...uploads(T0 + HOUR, 2, 150 * MB)])), 'exfil.upload')[0]!.severity,
    ).toBe('high');
    const off = byTime([...browsing(T0, 3), ...uploads(T0 + HOUR, 2, 15 * MB)]);
    expect(of(run(off, cfg({ enableUpload: false })), 'exfil.upload')).toEqual([]);
  });

  it('decides bursts as the host moves on, and handles IPv6', () => {
    // The upload burst is decided long before the end (host time passes it by 2 bursts).
    const specs = byTime([
      ...browsing(T0, 6),
      ...uploads(T0 + HOUR, 2, 15 * MB, 60, { orig: 'fd00::5', resp: '2001:db8::7' }),
      ...browsing(T0, 3, 4, { orig: 'fd00::5', resp: '2001:db8::1' }),
    ]);
    const ups = of(run(specs), 'exfil.upload');
    expect(ups.map((f) => f.entities)).toEqual([{ src: 'fd00::5', dst: '2001:db8::7' }]);
  });
});

// ─── exfil.pcr-shift ────────────────────────────────────────────────────────────────────────

describe('exfil.pcr-shift', () => {
  /** Six consumer hours, two producer hours, one consumer hour. */
  const shifted = (): ConnSpec[] =>
    byTime([
      ...browsing(T0, 9),
      ...uploads(T0 + 6 * HOUR, 4, 10 * MB, 700),
      ...uploads(T0 + 7 * HOUR, 3, 10 * MB, 700),
    ]);

  it('reports consecutive producer hours against the host’s own history as one finding', () => {
    const [f, ...rest] = of(run(shifted()), 'exfil.pcr-shift');
    expect(rest).toEqual([]);
    expect(f!.attack).toBe('T1041');
    expect(f!.entities).toEqual({ src: HOST });
    expect(f!.evidence).toMatchObject({
      buckets: 2,
      bucketSeconds: HOUR,
      window: [T0 + 6 * HOUR, T0 + 8 * HOUR],
      historyBuckets: 6,
      thresholdZ: 3.5,
      thresholdShift: 0.5,
      thresholdBytes: 20 * MB,
    });
    expect(f!.evidence.pcr as number).toBeGreaterThan(0.9);
    expect(f!.evidence.baselinePcr as number).toBeLessThan(-0.8);
    expect(f!.evidence.maxZ as number).toBeGreaterThan(3.5);
    expect((f!.evidence.sampleUids as string[]).length).toBe(7);
    expect(f!.firstTs).toBe(T0 + 6 * HOUR);
    expect(f!.lastTs).toBe(T0 + 8 * HOUR - HOUR / 12 + 1);
    expect(f!.severity).toBe('medium');
    expect(f!.summary).toMatch(/turned producer for 2 h/);
  });

  it('needs history, volume, and a large enough shift', () => {
    const early = byTime([...browsing(T0, 4), ...uploads(T0 + HOUR, 3, 10 * MB, 700)]);
    expect(of(run(early), 'exfil.pcr-shift')).toEqual([]);
    expect(of(run(early, cfg({ pcrMinHistory: 1 })), 'exfil.pcr-shift')).toHaveLength(1);
    const small = byTime([...browsing(T0, 9), ...uploads(T0 + 6 * HOUR, 3, 2 * MB, 700)]);
    expect(of(run(small), 'exfil.pcr-shift')).toEqual([]);
    expect(of(run(small, cfg({ pcrMinBytes: MB })), 'exfil.pcr-shift')).toHaveLength(1);
    expect(of(run(shifted(), cfg({ pcrMinShift: 2 })), 'exfil.pcr-shift')).toEqual([]);
    expect(of(run(shifted(), cfg({ pcrZ: 1e6 })), 'exfil.pcr-shift')).toEqual([]);
    expect(of(run(shifted(), cfg({ enablePcrShift: false })), 'exfil.pcr-shift')).toEqual([]);
  });

  it('leaves idle hours out of the history and splits streaks at a gap', () => {
    // Hours 0–5 consumer, 6 and 8 producer, 7 idle (a single tiny connection).
    const specs = byTime([
      ...browsing(T0, 6),
      ...uploads(T0 + 6 * HOUR, 3, 10 * MB, 700),
      conn(T0 + 7 * HOUR + 5, { origBytes: 10, respBytes: 0 }),
      ...uploads(T0 + 8 * HOUR, 3, 10 * MB, 700),
      ...browsing(T0 + 9 * HOUR, 1),
    ]);
    const found = of(run(specs), 'exfil.pcr-shift');
    expect(found.map((f) => f.evidence.window)).toEqual([
      [T0 + 6 * HOUR, T0 + 7 * HOUR],
      [T0 + 8 * HOUR, T0 + 9 * HOUR],
    ]);
    expect(found.map((f) => f.evidence.historyBuckets)).toEqual([6, 6]);
    const heavy = byTime([...browsing(T0, 9), ...uploads(T0 + 6 * HOUR, 30, 10 * MB, 100)]);
    expect(of(run(heavy), 'exfil.pcr-shift')[0]!.severity).toBe('high');
  });
});

// ─── exfil.http-post ────────────────────────────────────────────────────────────────────────

describe('exfil.http-post', () => {
  const posts = (n: number, bytes: number, over: Partial<HttpSpec> = {}, gap = 60): HttpSpec[] =>
    Array.from({ length: n }, (_, k) => ({ ts: T0 + k * gap, body: bytes, uid: `CP${k}`, ...over }));

  it('sums POST bodies per source and HTTP host in a window', () => {
    const rows = [
      ...posts(3, 8 * MB),
      { ts: T0 + 30, method: 'GET', body: 50 * MB },
      { ts: T0 + 40, uri: '/other', body: 1 },
    ];
    const [f, ...rest] = of(runViews(zeekViews(httpLog(rows))), 'exfil.http-post');
    expect(rest).toEqual([]);
    expect(f!.attack).toBe('T1567');
    expect(f!.entities).toEqual({ src: HOST, host: 'upload.example.net' });
    expect(f!.evidence).toMatchObject({
      postBytes: 24 * MB + 1,
      requests: 4,
      window: [T0, T0 + HOUR],
      windowSeconds: HOUR,
      thresholdBytes: 20 * MB,
      // Paths only: the query string (a token here) is not reported.
      samplePaths: ['/api/upload', '/other'],
      sampleUids: ['CH4', 'CP0', 'CP1', 'CP2'],
    });
    expect(f!.summary).toContain('uploaded 24 MB to upload.example.net in 4 POST/PUT requests');
    const put = posts(3, 80 * MB, { method: 'PUT' });
    expect(of(runViews(zeekViews(httpLog(put))), 'exfil.http-post')[0]!.severity).toBe('high');
  });

  it('uses tumbling windows', () => {
    // 2 × 12 MB, 40 min apart, straddling an hour boundary: two windows of 12 MB.
    const rows = posts(2, 12 * MB, { ts: 0 }, 0).map((r, k) => ({ ...r, ts: T0 + 40 * 60 + k * 40 * 60 }));
    expect(of(runViews(zeekViews(httpLog(rows))), 'exfil.http-post')).toEqual([]);
    const wide = cfg({ httpPostWindowSeconds: 4 * HOUR });
    expect(of(runViews(zeekViews(httpLog(rows)), wide), 'exfil.http-post')).toHaveLength(1);
    // A window closed by a later request of the same pair is still reported.
    const twice = [...posts(3, 8 * MB), { ts: T0 + 2 * HOUR, body: 1 }];
    expect(
      of(runViews(zeekViews(httpLog(twice))), 'exfil.http-post').map((f) => f.evidence.postBytes),
    ).toEqual([24 * MB]);
  });

  it('skips internal servers and inbound requests unless asked, names a server without host', () => {
    const internal = posts(3, 8 * MB, { resp: '10.0.0.9' });
    expect(of(runViews(zeekViews(httpLog(internal))), 'exfil.http-post')).toEqual([]);
    expect(
      of(runViews(zeekViews(httpLog(internal)), cfg({ httpExternalOnly: false })), 'exfil.http-post'),
    ).toHaveLength(1);
    const inbound = posts(3, 8 * MB, { orig: '203.0.113.5', resp: HOST });
    expect(
      of(runViews(zeekViews(httpLog(inbound)), cfg({ httpExternalOnly: false })), 'exfil.http-post'),
    ).toEqual([]);
    const nameless = posts(3, 8 * MB, { host: '-', body: 8 * MB });
    const [f] = of(runViews(zeekViews(httpLog(nameless))), 'exfil.http-post');
    expect(f!.entities.host).toBe(DEST);
    expect(
      of(runViews(zeekViews(httpLog(posts(3, 8 * MB))), cfg({ enableHttpPost: false })), 'exfil.http-post'),
    ).toEqual([]);
    const badBody = posts(3, 8 * MB).map((r) => ({ ...r, body: '-' }));
    expect(of(runViews(zeekViews(httpLog(badBody))), 'exfil.http-post')).toEqual([]);
  });

  it('names a rare destination by the HTTP host of its pair', () => {
    const a = exfilAnalyzer.create(0, cfg());
    const specs = uploads(T0, 3, 25 * MB, 60, { respPort: 80 });
    observeAll(a, [
      ...connBatches(specs, 64),
      ...zeekViews(httpLog(posts(1, 100, { host: 'drop.example.org' }))),
    ]);
    const [f] = concludeExfil(mergeExfilPartials([a.finish().partial]), cfg());
    expect(f!.entities.server).toBe('drop.example.org');
  });
});

// ─── what is observed ───────────────────────────────────────────────────────────────────────

describe('what is observed', () => {
  it('uses outbound originator deliveries of conn, ssl and http records only', () => {
    const ups = uploads(T0, 3, 25 * MB);
    const noise: ConnSpec[] = [
      ...ups.map((s) => ({ ...s, resp: '10.0.0.9' })),
      ...ups.map((s) => ({ ...s, orig: '203.0.113.5', resp: HOST })),
      ...ups.map((s) => ({ ...s, orig: '203.0.113.5', resp: HOST, originView: true })),
      ...ups.map((s) => ({ ...s, kind: RecordKind.Dns })),
      ...ups.map(({ resp: _r, ...rest }): ConnSpec => rest),
      { ...ups[0]!, ts: Number.NaN },
      { ...ups[0]!, origBytes: Number.NaN, respBytes: Number.NaN },
    ];
    const out = shardRun(noise);
    expect(out.findings).toEqual([]);
    const p = out.partial as ExfilPartial;
    expect(p.hosts).toBe(1);
    expect(p.candidates).toEqual([]);
    expect(shardRun([]).partial).toBeUndefined();
    // An ssl record without a known pair, or without a server name, names nothing.
    const a = exfilAnalyzer.create(0, cfg());
    observeAll(a, [
      ...zeekViews(sslLog([{ ts: T0 - 10, sni: 'early.example' }])),
      ...connBatches(ups, 64),
      ...zeekViews(
        sslLog([
          { ts: T0 + 1, sni: '-' },
          { ts: T0 + 2, sni: 'x.example', resp: '10.0.0.9' },
        ]),
      ),
    ]);
    const [f] = concludeExfil(mergeExfilPartials([a.finish().partial]), cfg());
    expect(f!.entities.server).toBeUndefined();
  });

  it('reads ssl and http records given as conn-kind rows without a raw line safely', () => {
    const views = [connBatch(uploads(T0, 3, 25 * MB).map((s) => ({ ...s, kind: RecordKind.Tls })))];
    const http = [connBatch(uploads(T0, 3, 25 * MB).map((s) => ({ ...s, kind: RecordKind.Http })))];
    expect(runViews([...connBatches(uploads(T0, 3, 25 * MB), 64), ...views, ...http])).toHaveLength(1);
  });
});

// ─── bounded state ──────────────────────────────────────────────────────────────────────────

describe('bounded state', () => {
  it('retires the oldest host at maxTrackedHosts and still reports it', () => {
    const specs = byTime([
      ...browsing(T0, 2, 4),
      ...uploads(T0 + HOUR, 2, 15 * MB),
      ...browsing(T0 + 2 * HOUR, 1, 2, { orig: '10.0.0.6' }),
    ]);
    const out = shardRun(specs, cfg({ maxTrackedHosts: 1, uploadWarmupSeconds: 0 }));
    expect(out.evictions.maxTrackedHosts).toBe(1);
    expect(of(out.findings, 'exfil.upload')).toHaveLength(1);
    expect((out.partial as ExfilPartial).hosts).toBe(2);
    expect(Object.keys(out.evictions).sort()).toEqual([...EXFIL_EVICTION_NAMES].sort());
  });

  it('forgets the oldest contacts at maxSeenPerHost', () => {
    const specs = byTime([
      ...browsing(T0, 3, 2),
      conn(T0 + HOUR, { resp: DEST }),
      conn(T0 + HOUR + 1, { resp: '192.0.2.11' }),
      conn(T0 + HOUR + 2, { resp: '192.0.2.12' }),
      ...uploads(T0 + 2 * HOUR, 2, 15 * MB),
    ]);
    expect(of(run(specs), 'exfil.upload')).toEqual([]);
    const c = cfg({ maxSeenPerHost: 2 });
    const out = shardRun(specs, c);
    expect(out.evictions.maxSeenPerHost).toBeGreaterThan(0);
    expect(of(out.findings, 'exfil.upload')).toHaveLength(1);
  });

  it('drops the smaller half of the pairs at maxPairs', () => {
    const specs = [
      ...uploads(T0, 3, 25 * MB),
      conn(T0 + 1, { resp: '192.0.2.11' }),
      conn(T0 + 2, { resp: '192.0.2.12', origBytes: 5 }),
    ];
    const out = shardRun(byTime(specs), cfg({ maxPairs: 2 }));
    expect(out.evictions.maxPairs).toBe(1);
    expect((out.partial as ExfilPartial).candidates.map((c) => c.dst)).toEqual([DEST]);
  });

  it('drops the older half of the destinations at maxDestinations', () => {
    const specs = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5'].map((d, k) =>
      conn(T0 + k, { resp: d }),
    );
    const out = shardRun(specs, cfg({ maxDestinations: 4 }));
    // 4 addresses, then one half dropped; the /24 entry stays single.
    expect(out.evictions.maxDestinations).toBe(2);
    expect((out.partial as ExfilPartial).destinations.map((d) => d[0])).toEqual([
      '192.0.2.3',
      '192.0.2.4',
      '192.0.2.5',
    ]);
  });

  it('keeps the largest candidates at maxCandidates', () => {
    const specs = byTime([
      ...uploads(T0, 3, 25 * MB),
      ...uploads(T0 + 5, 3, 30 * MB, 60, { resp: '192.0.2.11' }),
    ]);
    const out = shardRun(specs, cfg({ maxCandidates: 1 }));
    expect(out.evictions.maxCandidates).toBe(1);
    expect((out.partial as ExfilPartial).candidates.map((c) => c.dst)).toEqual(['192.0.2.11']);
  });

  it('decides the oldest POST window at maxHttpPairs', () => {
    const rows: HttpSpec[] = [
      { ts: T0, body: 25 * MB },
      { ts: T0 + 1, body: 25 * MB, orig: '10.0.0.6' },
    ];
    const a = exfilAnalyzer.create(0, cfg({ maxHttpPairs: 1 }));
    observeAll(a, zeekViews(httpLog(rows)));
    const out = a.finish();
    expect(out.evictions.maxHttpPairs).toBe(1);
    expect(of(out.findings, 'exfil.http-post').map((f) => f.entities.src)).toEqual([HOST, '10.0.0.6']);
  });

  it('caps the PCR history, open bursts and open buckets', () => {
    const hist = shardRun(browsing(T0, 5), cfg({ pcrMinHistory: 1, maxHistoryHours: 2 }));
    expect(hist.evictions.maxHistoryHours).toBe(3);
    // 257 first contacts within one burst: the oldest burst is decided early.
    const many = Array.from({ length: 257 }, (_, k) =>
      conn(T0 + k, { resp: `203.0.${113 + (k >> 8)}.${k & 255}` }),
    );
    expect(shardRun(many, cfg({ uploadWarmupSeconds: 0 })).evictions.openBursts).toBe(1);
    // 48 open hours, then a record of an older hour that cannot get a bucket; then one for a decided hour.
    const hours = Array.from({ length: 48 }, (_, k) => conn(T0 + (k + 1) * HOUR));
    const late = shardRun([...hours, conn(T0 + 5), conn(T0 + HOUR + 5)]);
    expect(late.evictions.pcrLateRecords).toBe(2);
  });
});

// ─── determinism, snapshot and restore ──────────────────────────────────────────────────────

describe('determinism, snapshot and restore', () => {
  const specs = byTime([
    ...browsing(T0, 9),
    ...uploads(T0 + 6 * HOUR, 4, 10 * MB, 700),
    ...uploads(T0 + 7 * HOUR, 3, 10 * MB, 700),
    ...browsing(T0, 9, 3, { orig: '10.0.0.6', resp: '203.0.113.17' }),
    ...uploads(T0 + 2 * HOUR, 3, 12 * MB, 100, { orig: 'fd00::5', resp: '2001:db8::7' }),
  ]);
  const c = cfg({ maxPairs: 8, maxDestinations: 4, maxSeenPerHost: 3, uploadWarmupSeconds: 0 });
  const http = zeekViews(
    httpLog([
      { ts: T0, body: 25 * MB },
      { ts: T0 + 3 * HOUR, body: 2 },
    ]),
    { batchRecords: 1 },
  );
  const ssl = zeekViews(sslLog([{ ts: T0 + 6 * HOUR, sni: 'a.example' }]));
  const views = (size: number): BatchView[] => [...connBatches(specs, size), ...http, ...ssl];

  it('gives the same output for every batch split and for observeRows', () => {
    const ref = exfilAnalyzer.create(0, c);
    observeAll(ref, views(64));
    const reference = ref.finish();
    expect(reference.findings.map((f) => f.detector).sort()).toEqual([
      'exfil.http-post',
      'exfil.pcr-shift',
      'exfil.upload',
    ]);
    for (const size of [1, 7, 10_000]) {
      const a = exfilAnalyzer.create(0, c);
      observeAll(a, views(size));
      expect(a.finish()).toEqual(reference);
    }
    const rows = exfilAnalyzer.create(0, c);
    for (const view of views(50)) {
      rows.observeRows(
        view,
        Int32Array.from({ length: view.count }, (_, k) => k),
        0,
        view.count,
      );
    }
    expect(rows.finish()).toEqual(reference);
  });

  it('restores an equivalent analyzer at every cut', () => {
    const batches = views(29);
    const ref = exfilAnalyzer.create(3, c);
    observeAll(ref, batches);
    const reference = ref.finish();
    for (let cut = 0; cut <= batches.length; cut++) {
      const first = exfilAnalyzer.create(3, c);
      observeAll(first, batches.slice(0, cut));
      const second = exfilAnalyzer.restore(3, c, unpackState(packState(first.snapshot())));
      observeAll(second, batches.slice(cut));
      expect(second.finish()).toEqual(reference);
    }
  });

  it('rejects a foreign or mismatched snapshot', () => {
    const snap = exfilAnalyzer.create(1, cfg()).snapshot();
    expect(() => exfilAnalyzer.restore(2, cfg(), snap)).toThrow(/another virtual shard/);
    expect(() => exfilAnalyzer.restore(1, cfg(), { version: 99 })).toThrow(NetscryError);
    expect(() => exfilAnalyzer.restore(1, cfg(), null)).toThrow(/exfil: not an analyzer snapshot/);
    const empty = exfilAnalyzer.restore(1, cfg(), snap).finish();
    expect(empty.findings).toEqual([]);
    expect(empty.partial).toBeUndefined();
  });
});

// ─── helpers and configuration ──────────────────────────────────────────────────────────────

describe('statistics', () => {
  it('computes medians, robust z and PCR', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(pcr(0, 0)).toBe(0);
    expect(pcr(3, 1)).toBe(0.5);
    expect(pcr(0, 5)).toBe(-1);
    const z = robustZ(1, [-0.8, -0.8, -0.8], 0.05);
    expect(z).toEqual({ median: -0.8, mad: 0, scale: 0.05, z: 1.8 / 0.05 });
    expect(robustZ(0, [0, 1, 2, 3, 4], 0.01).scale).toBeCloseTo(1.4826, 4);
  });
});

describe('configuration', () => {
  it('fills defaults and checks every key', () => {
    expect(validateExfilConfig()).toEqual(DEFAULT_EXFIL_CONFIG);
    const message = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        return e instanceof NetscryError ? `${e.code}: ${e.message}` : String(e);
      }
      return '';
    };
    expect(message(() => cfg({ bogus: 1 } as never))).toMatch(/exfil.bogus is not a exfil option/);
    expect(message(() => cfg({ rareMinBytes: 0 }))).toMatch(/rareMinBytes must be a number/);
    expect(message(() => cfg({ pcrMinHistory: 5, maxHistoryHours: 4 }))).toMatch(/at least pcrMinHistory/);
    expect(message(() => cfg({ rareMaxHosts: 64 }))).toMatch(/above rareMaxHosts/);
    expect(message(() => cfg({ enableUpload: 1 } as never))).toContain(ErrorCode.InvalidOption);
  });

  it('is registered, on by default, and validated by planRun', () => {
    const entry = detectorNamed('exfil')!;
    expect(entry.defaultOn).toBe(true);
    expect(entry.factory).toBe(exfilAnalyzer);
    const plan = planRun({ inputs: ['x.log'], actors: 0 });
    const configOf = (p: typeof plan): unknown => p.engine.detectors.find((d) => d.name === 'exfil')!.config;
    expect(configOf(plan)).toEqual(DEFAULT_EXFIL_CONFIG);
    const tuned = planRun({ inputs: ['x.log'], actors: 0, detectors: { exfil: { rareMinBytes: 1e9 } } });
    expect((configOf(tuned) as ExfilConfig).rareMinBytes).toBe(1e9);
    expect(() => planRun({ inputs: ['x.log'], actors: 0, detectors: { exfil: { pcrZ: -1 } } })).toThrow(
      /exfil.pcrZ/,
    );
  });
});

// ─── end to end on generated traffic ────────────────────────────────────────────────────────

describe('analyze() on a generated network', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netscry-exfil-'));
    await generate({ out: join(dir, 'gen'), hosts: 30, hours: 6, seed: 5 });
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the planted exfiltration with the same findings for 0 and 2 actors', async () => {
    const inputs = ['conn', 'dns', 'http', 'ssl', 'dhcp'].map((l) => join(dir, 'gen', `${l}.log`));
    const exfil = async (actors: number): Promise<Finding[]> =>
      (await analyze({ inputs, actors, detectors: { exfil: true, icmp: false } })).findings.filter((f) =>
        f.detector.startsWith('exfil.'),
      );
    const zero = await exfil(0);
    const two = await exfil(2);
    expect(two).toEqual(zero);
    const labels = await loadLabels(join(dir, 'gen', 'labels.json'));
    const planted = labels.scenarios.find((s) => s.type === 'exfil.https')!;
    expect(zero.length).toBeGreaterThan(0);
    for (const f of zero) expect(f.entities.src).toBe(planted.src);
    const rare = of(zero, 'exfil.rare-destination');
    expect(rare).toHaveLength(1);
    expect(rare[0]!.entities.dst).toBe(planted.targets![0]);
    expect(rare[0]!.entities.server).toBe(planted.domain);
  }, 120_000);
});
