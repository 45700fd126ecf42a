import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/coordinator/options.js';
import type { ShardOutput } from '../../src/detect/analyzer.js';
import {
  BEACON_EVICTION_NAMES,
  type BeaconConfig,
  beaconAnalyzer,
  DEFAULT_BEACON_CONFIG,
  dispersion,
  HISTOGRAM_BINS,
  histogram,
  histogramScore,
  scorePair,
  validateBeaconConfig,
} from '../../src/detect/beacon.js';
import type { Finding } from '../../src/detect/finding.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import { packState, unpackState } from '../../src/shared/pack.js';
import { RecordKind } from '../../src/shared/record.js';
import { type ConnSpec, connBatch, connBatches, observeAll } from '../helpers/records.js';

const cfg = (over: Partial<BeaconConfig> = {}): BeaconConfig => validateBeaconConfig(over);

function run(
  specs: readonly ConnSpec[],
  config: BeaconConfig = cfg(),
  sizes: number | number[] = 64,
): ShardOutput {
  const analyzer = beaconAnalyzer.create(0, config);
  observeAll(analyzer, connBatches(specs, sizes));
  return analyzer.finish();
}

const of = (out: ShardOutput, detector: string): Finding[] =>
  out.findings.filter((f) => f.detector === detector);

/** mulberry32: a small deterministic PRNG for the test patterns. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOST = '10.0.0.5';
const C2 = '203.0.113.210';
const T0 = 1_700_000_000;

let uidSeq = 0;
const conn = (ts: number, over: Partial<ConnSpec> = {}): ConnSpec => ({
  ts,
  orig: HOST,
  origPort: 40_000 + (uidSeq % 20_000),
  resp: C2,
  respPort: 443,
  proto: 'tcp',
  state: 'SF',
  duration: 0.4,
  origBytes: 396,
  respBytes: 211,
  uid: `C${(uidSeq++).toString(36).padStart(8, '0')}`,
  ...over,
});

interface Pattern {
  n?: number;
  interval?: number;
  jitter?: number;
  missed?: number;
  seed?: number;
  t0?: number;
  over?: Partial<ConnSpec>;
  /** Seconds of the day (from t0) during which beats happen; others are skipped. */
  activeSeconds?: number;
}

/** Check-ins every `interval` s ± jitter, a share of them missed, sizes 396 ± 6. */
function beacon(p: Pattern = {}): ConnSpec[] {
  const { n = 300, interval = 60, jitter = 0, missed = 0, seed = 1, t0 = T0, over = {} } = p;
  const rnd = prng(seed);
  const out: ConnSpec[] = [];
  let t = t0;
  for (let k = 0; k < n; k++) {
    const active = p.activeSeconds === undefined || (t - t0) % 86_400 < p.activeSeconds;
    if (rnd() >= missed && active) {
      out.push(conn(t, { origBytes: 396 + Math.floor(rnd() * 13) - 6, ...over }));
    }
    t += interval * (1 + jitter * (2 * rnd() - 1));
  }
  return out;
}

function poisson(n: number, mean: number, seed = 7): ConnSpec[] {
  const rnd = prng(seed);
  const out: ConnSpec[] = [];
  let t = T0;
  for (let k = 0; k < n; k++) {
    t += -Math.log(1 - rnd()) * mean;
    out.push(conn(t, { origBytes: 396 }));
  }
  return out;
}

const scoreOf = (f: Finding): number => (f.evidence.scores as { total: number }).total;

describe('beacon scoring on hand-made pairs', () => {
  it('scores a perfect 60 s beacon at ~1', () => {
    const out = run(beacon({ over: { origBytes: 396 } }));
    const [f] = of(out, 'beacon');
    expect(out.findings).toHaveLength(1);
    expect(f).toBeDefined();
    expect(scoreOf(f!)).toBeGreaterThan(0.99);
    expect(f!.severity).toBe('high');
    expect(f!.attack).toBe('T1573');
    expect(f!.entities).toEqual({ src: HOST, dst: C2, port: '443', proto: 'tcp' });
    expect(f!.evidence.connections).toBe(300);
    expect(f!.evidence.medianIntervalSeconds).toBe(60);
    expect(f!.evidence.jitter).toBe(0);
    expect(f!.evidence.coverage).toBe(1);
    expect(f!.evidence.histogram).toHaveLength(HISTOGRAM_BINS);
    expect((f!.evidence.sampleUids as string[]).length).toBe(DEFAULT_BEACON_CONFIG.sampleSize);
    expect(f!.firstTs).toBe(T0);
    expect(f!.lastTs).toBe(T0 + 299 * 60);
  });

  it('keeps a ±20 % jittered beacon high', () => {
    for (const seed of [1, 2, 3]) {
      const [f] = of(run(beacon({ jitter: 0.2, seed })), 'beacon');
      expect(f).toBeDefined();
      expect(scoreOf(f!)).toBeGreaterThan(0.85);
      expect(f!.evidence.jitter as number).toBeGreaterThan(0.05);
      expect(f!.evidence.jitter as number).toBeLessThan(0.15);
    }
  });

  it('keeps a beacon with 10 % missed beats above the threshold', () => {
    const specs = beacon({ jitter: 0.1, missed: 0.1, seed: 4 });
    expect(specs.length).toBeLessThan(290);
    const [f] = of(run(specs), 'beacon');
    expect(f).toBeDefined();
    expect(scoreOf(f!)).toBeGreaterThan(0.8);
    expect(f!.evidence.medianIntervalSeconds as number).toBeCloseTo(60, -1);
  });

  it('does not report Poisson arrivals', () => {
    for (const seed of [7, 8, 9]) {
      const specs = poisson(400, 60, seed);
      expect(run(specs).findings).toEqual([]);
      const s = scorePair(
        specs.map((c) => c.ts),
        specs.map(() => 396),
        1,
        specs[0]!.ts,
        specs[specs.length - 1]!.ts,
        cfg(),
      );
      expect(s.timestamp.score).toBeLessThan(0.6);
    }
  });

  it('does not report widely spread sessions (uploads every 38–308 s)', () => {
    const rnd = prng(21);
    const specs: ConnSpec[] = [];
    let t = T0;
    for (let k = 0; k < 300; k++) {
      specs.push(conn(t, { origBytes: 40e6 }));
      t += 38 + 270 * rnd();
    }
    expect(run(specs).findings).toEqual([]);
    const [f] = of(run(specs, cfg({ minTimestampScore: 0, threshold: 0 })), 'beacon');
    expect(f!.evidence.jitter as number).toBeGreaterThan(0.3);
  });

  it('needs the pattern to persist over a good part of the observed span', () => {
    // A regular beacon over the first fifth of the span the shard saw (other traffic after it).
    const specs = [...beacon({ n: 100 }), conn(T0 + 500 * 60, { resp: '198.51.100.1' })];
    expect(of(run(specs), 'beacon')).toEqual([]);
    const [f] = of(run(specs, cfg({ threshold: 0 })), 'beacon');
    expect(f!.evidence.coverage as number).toBeLessThan(0.25);
  });

  it('handles a daily pause (office-hours beacon over three days)', () => {
    const specs = beacon({ n: 3 * 1440, jitter: 0.1, activeSeconds: 10 * 3600, seed: 5 });
    const [f] = of(run(specs), 'beacon');
    expect(f).toBeDefined();
    expect(f!.evidence.histogramBimodalFit as number).toBeGreaterThan(0.85);
    expect(scoreOf(f!)).toBeGreaterThan(0.8);
  });

  it('needs minConnections', () => {
    expect(run(beacon({ n: 19 })).findings).toEqual([]);
    expect(of(run(beacon({ n: 20 })), 'beacon')).toHaveLength(1);
    expect(run(beacon({ n: 40 }), cfg({ minConnections: 41 })).findings).toEqual([]);
  });

  it('tiers severity by score and names T1071 off encrypted ports', () => {
    const [f] = of(run(beacon({ over: { respPort: 8080 } }), cfg({ threshold: 0.5 })), 'beacon');
    expect(f!.attack).toBe('T1071');
    // Severity follows the score (≥ 0.9 high, ≥ 0.8 medium, else low).
    const tier = (score: number): string => (score >= 0.9 ? 'high' : score >= 0.8 ? 'medium' : 'low');
    const sizes = prng(11);
    const noisy = (jitter: number, seed: number): ConnSpec[] =>
      beacon({ jitter, seed }).map((c) => ({ ...c, origBytes: Math.floor(sizes() * 100_000) }));
    const loose = cfg({ threshold: 0, minTimestampScore: 0 });
    const seen = new Set<string>();
    for (const specs of [beacon(), noisy(0, 1), noisy(0.4, 2), noisy(0.8, 3), poisson(300, 60)]) {
      const [g] = of(run(specs, loose), 'beacon');
      expect(g!.severity).toBe(tier(scoreOf(g!)));
      seen.add(g!.severity);
    }
    expect([...seen].sort()).toEqual(['high', 'low', 'medium']);
  });
});

describe('what is observed', () => {
  it('only counts local → external pairs by default', () => {
    const internal = beacon({ over: { resp: '10.0.0.1', respPort: 123, proto: 'udp' } });
    expect(run(internal).findings).toEqual([]);
    const [f] = of(run(internal, cfg({ externalOnly: false })), 'beacon');
    expect(f!.entities.proto).toBe('udp');
    expect(f!.attack).toBe('T1071');
    expect(run(internal, cfg({ externalOnly: false, includeUdp: false })).findings).toEqual([]);
  });

  it('counts each connection once: the originator delivery', () => {
    // An inbound connection's primary delivery (to the local responder) is skipped; its
    // originator-view copy is what counts.
    const inbound = beacon({ over: { orig: '198.51.100.9', resp: '10.0.0.7' } });
    const c = cfg({ externalOnly: false });
    expect(run(inbound, c).findings).toEqual([]);
    const views = inbound.map((s) => ({ ...s, originView: true }));
    const [f] = of(
      run(
        [...inbound, ...views].sort((a, b) => a.ts - b.ts),
        c,
      ),
      'beacon',
    );
    expect(f!.evidence.connections).toBe(inbound.length);
  });

  it('ignores other kinds, unset addresses, bad times and other transports', () => {
    const specs = beacon({ n: 30 });
    const noise: ConnSpec[] = [
      ...specs.map((s) => ({ ...s, kind: RecordKind.Dns })),
      ...specs.map(({ resp: _resp, ...rest }): ConnSpec => rest),
      ...specs.map((s) => ({ ...s, proto: 'icmp' as const })),
      { ...specs[0]!, ts: Number.NaN },
    ];
    expect(run(noise).findings).toEqual([]);
    expect(run([]).findings).toEqual([]);
  });

  it('handles IPv6 pairs', () => {
    const specs = beacon({ over: { orig: 'fd00::5', resp: '2001:db8::c2' } });
    const [f] = of(run(specs), 'beacon');
    expect(f!.entities.src).toBe('fd00::5');
    expect(f!.entities.dst).toBe('2001:db8::c2');
  });

  it('separates pairs by port and destination and orders findings deterministically', () => {
    const a = beacon({ seed: 1 });
    const b = beacon({ seed: 2, t0: T0 + 7, over: { respPort: 8443 } });
    const c = beacon({ seed: 3, t0: T0 + 3, over: { resp: '203.0.113.211' } });
    const all = [...a, ...b, ...c].sort((x, y) => x.ts - y.ts);
    const out = run(all);
    expect(of(out, 'beacon').map((f) => f.firstTs)).toEqual([T0, T0 + 3, T0 + 7]);
  });
});

describe('long connections and strobes', () => {
  it('reports long connections in 1/4/8/12 h tiers', () => {
    const tiers: [number, string][] = [
      [3_000, ''],
      [3_600, 'low'],
      [5 * 3600, 'medium'],
      [9 * 3600, 'high'],
      [13 * 3600, 'critical'],
    ];
    for (const [duration, severity] of tiers) {
      const out = run([conn(T0, { duration }), conn(T0 + 10, { duration: 1 })]);
      const found = of(out, 'beacon.long-connection');
      if (severity === '') {
        expect(found).toEqual([]);
        continue;
      }
      expect(found).toHaveLength(1);
      expect(found[0]!.severity).toBe(severity);
      expect(found[0]!.lastTs).toBe(T0 + duration);
      expect(found[0]!.evidence.durationSeconds).toBe(duration);
    }
    expect(run([conn(T0, { duration: 5 * 3600 })], cfg({ enableLongConnections: false })).findings).toEqual(
      [],
    );
  });

  it('reports strobes instead of scoring them', () => {
    const specs = Array.from({ length: 150 }, (_, k) => conn(T0 + k));
    const out = run(specs, cfg({ strobeConnections: 100 }));
    expect(out.findings.map((f) => f.detector)).toEqual(['beacon.strobe']);
    expect(out.findings[0]!.evidence.connections).toBe(150);
    const scored = run(specs, cfg({ strobeConnections: 100, enableStrobes: false }));
    expect(scored.findings.map((f) => f.detector)).toEqual(['beacon']);
  });
});

describe('bounded state', () => {
  it('decimates the samples of a pair deterministically and counts what it dropped', () => {
    const specs = beacon({ n: 1000, jitter: 0.1 });
    const out = run(specs, cfg({ maxSamplesPerPair: 64 }));
    const [f] = of(out, 'beacon');
    expect(f).toBeDefined();
    const kept = f!.evidence.sampled as number;
    const stride = f!.evidence.stride as number;
    expect(stride).toBe(16);
    expect(kept).toBeLessThanOrEqual(64);
    expect(kept).toBe(Math.ceil(1000 / stride));
    expect(out.evictions.maxSamplesPerPair).toBe(1000 - kept);
    expect(f!.evidence.medianIntervalSeconds as number).toBeCloseTo(60, 0);
    expect(run(specs, cfg({ maxSamplesPerPair: 64 }), [3, 77])).toEqual(out);
    // An odd cap compacts on an arrival the doubled stride does not keep.
    const odd = run(specs, cfg({ maxSamplesPerPair: 9, threshold: 0 }));
    const [g] = of(odd, 'beacon');
    expect(g!.evidence.sampled as number).toBeLessThanOrEqual(9);
    expect(odd.evictions.maxSamplesPerPair).toBe(1000 - (g!.evidence.sampled as number));
  });

  it('evicts the least recently touched pair at the cap and still reports it', () => {
    // a and b interleave (b 30 s after a); when c arrives, a was touched least recently.
    const a = beacon({ n: 100 });
    const b = beacon({ n: 100, t0: T0 + 30, over: { resp: '203.0.113.211' } });
    const c = [conn(T0 + 100 * 60, { resp: '203.0.113.212' })];
    const out = run([...a, ...b].sort((x, y) => x.ts - y.ts).concat(c), cfg({ maxPairs: 2 }));
    expect(out.evictions).toEqual({ maxPairs: 1, maxSamplesPerPair: 0, maxDomainPairs: 0 });
    expect(of(out, 'beacon').map((f) => f.entities.dst)).toEqual([C2, '203.0.113.211']);
    expect(Object.keys(out.evictions).sort()).toEqual([...BEACON_EVICTION_NAMES].sort());
  });
});

describe('determinism, snapshot and restore', () => {
  const specs = [
    ...beacon({ n: 400, jitter: 0.2, seed: 9 }),
    ...beacon({ n: 200, jitter: 0.1, seed: 10, over: { resp: '203.0.113.230', respPort: 80 } }),
    ...poisson(300, 45, 12).map((s) => ({ ...s, resp: '198.51.100.20' })),
    conn(T0 + 100, { duration: 6 * 3600, resp: '198.51.100.21', respPort: 22 }),
  ].sort((x, y) => x.ts - y.ts);
  const c = cfg({ maxSamplesPerPair: 128, maxPairs: 3 });

  it('gives the same output for every batch split and for observeRows', () => {
    const base = run(specs, c, 64);
    expect(base.findings.length).toBeGreaterThanOrEqual(3);
    for (const sizes of [1, 7, [3, 50], 10_000]) expect(run(specs, c, sizes)).toEqual(base);
    const analyzer = beaconAnalyzer.create(0, c);
    for (const view of connBatches(specs, 100)) {
      analyzer.observeRows(
        view,
        Int32Array.from({ length: view.count }, (_, k) => k),
        0,
        view.count,
      );
    }
    expect(analyzer.finish()).toEqual(base);
  });

  it('restores an equivalent analyzer at every cut', () => {
    const base = run(specs, c, 97);
    const batches = connBatches(specs, 97);
    for (const cut of [0, 1, 3, batches.length - 1, batches.length]) {
      const first = beaconAnalyzer.create(3, c);
      observeAll(first, batches.slice(0, cut));
      const second = beaconAnalyzer.restore(3, c, unpackState(packState(first.snapshot())));
      observeAll(second, batches.slice(cut));
      expect(second.finish()).toEqual(base);
    }
  });

  it('rejects a foreign or mismatched snapshot', () => {
    const snap = beaconAnalyzer.create(1, cfg()).snapshot();
    expect(() => beaconAnalyzer.restore(2, cfg(), snap)).toThrow(/another virtual shard/);
    expect(() => beaconAnalyzer.restore(1, cfg(), { version: 99 })).toThrow(NetscryError);
    expect(() => beaconAnalyzer.restore(1, cfg(), null)).toThrow(/beacon: not an analyzer snapshot/);
    const empty = beaconAnalyzer.restore(1, cfg(), snap);
    expect(empty.finish()).toEqual({
      findings: [],
      partial: undefined,
      evictions: { maxPairs: 0, maxSamplesPerPair: 0, maxDomainPairs: 0 },
    });
  });

  it('has no cross-shard aggregate', () => {
    expect(beaconAnalyzer.merge([undefined, undefined])).toBeUndefined();
    expect(beaconAnalyzer.name).toBe('beacon');
  });
});

describe('scoring functions', () => {
  it('measures dispersion as RITA does', () => {
    expect(dispersion([])).toEqual({ median: 0, skew: 0, madm: 0, score: 0 });
    expect(dispersion([60, 60, 60])).toEqual({ median: 60, skew: 0, madm: 0, score: 1 });
    expect(dispersion([0, 0, 0]).score).toBe(1);
    expect(dispersion([0, 0, 0, 5, 9]).madm).toBe(0);
    const skewed = dispersion([1, 1, 1, 2, 10, 20]);
    expect(skewed.skew).toBeGreaterThan(0.5);
    // Any order gives the same result (the values are sorted natively when all are finite).
    expect(dispersion([20, 1, 10, 1, 2, 1])).toEqual(skewed);
    // −0 takes the comparator sort (a typed sort would order it before 0): sorted −0, 0, 3, 5.
    const zeros = dispersion([5, -0, 0, 3]);
    expect(zeros.median).toBe(1.5);
    expect(zeros.skew).toBeCloseTo(1 / 7, 12);
    expect(zeros.madm).toBe(1);
    expect(zeros.score).toBeCloseTo(3 / 7, 12);
  });

  it('bins and scores histograms', () => {
    expect(histogram([5, 5, 5], 5, 5)).toEqual([3, ...new Array(23).fill(0)]);
    expect(histogram([0, 12, 24], 0, 24)).toEqual([
      1,
      ...new Array(11).fill(0),
      1,
      ...new Array(10).fill(0),
      1,
    ]);
    expect(histogramScore(new Array(24).fill(0), 0.05, 1, 11)).toEqual({ cv: 1, bimodalFit: 0, score: 0 });
    const flat = histogramScore(new Array(24).fill(60), 0.05, 1, 11);
    expect(flat.cv).toBe(0);
    expect(flat.score).toBe(1);
    const paused = [...new Array(12).fill(60), ...new Array(12).fill(0)];
    const p = histogramScore(paused, 0.05, 1, 11);
    expect(p.cv).toBe(1);
    expect(p.bimodalFit).toBe(1);
    // Too few bins seen for a bimodal fit.
    expect(histogramScore([...new Array(4).fill(60), ...new Array(20).fill(0)], 0.05, 1, 11).bimodalFit).toBe(
      0,
    );
  });

  it('scores a pair over an empty run span', () => {
    const s = scorePair([5, 5, 5], [1, 1, 1], 1, 5, 5, cfg());
    expect(s.coverage).toBe(1);
  });
});

describe('configuration', () => {
  it('fills defaults and checks every key', () => {
    expect(validateBeaconConfig()).toEqual(DEFAULT_BEACON_CONFIG);
    expect(cfg({ threshold: 0.8, sampleSize: undefined } as never).threshold).toBe(0.8);
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return e instanceof NetscryError ? `${e.code}: ${e.message}` : String(e);
      }
      return undefined;
    };
    expect(code(() => cfg({ bogus: 1 } as never))).toMatch(/beacon.bogus is not a beacon option/);
    expect(code(() => cfg({ threshold: 2 }))).toMatch(/threshold must be a number from 0 to 1/);
    expect(code(() => cfg({ minConnections: 2.5 }))).toMatch(/whole number/);
    expect(code(() => cfg({ externalOnly: 'yes' } as never))).toMatch(/true or false/);
    expect(code(() => cfg(null as never))).toMatch(/must be an object/);
    expect(
      code(() => cfg({ weightTimestamp: 0, weightDataSize: 0, weightDuration: 0, weightHistogram: 0 })),
    ).toMatch(/weights must not all be 0/);
    expect(code(() => cfg({ strobeConnections: 20 }))).toMatch(/above minConnections/);
    expect(code(() => cfg({ threshold: 2 }))).toContain(ErrorCode.InvalidOption);
  });

  it('is validated by planRun', () => {
    const plan = planRun({ inputs: ['x.log'], actors: 0, detectors: { beacon: { minConnections: 30 } } });
    const beacon = plan.engine.detectors.find((d) => d.name === 'beacon')?.config as BeaconConfig;
    expect(beacon.minConnections).toBe(30);
    expect(() => planRun({ inputs: ['x.log'], actors: 0, detectors: { beacon: { threshold: -1 } } })).toThrow(
      /beacon.threshold/,
    );
  });
});

// Kept for the single-batch helper's coverage of uid-less records.
describe('records without uids', () => {
  it('reports without uid samples', () => {
    const specs = beacon({ n: 30 }).map((s) => ({ ...s, uid: '' }));
    const out = beaconAnalyzer.create(0, cfg());
    observeAll(out, [connBatch(specs)]);
    const [f] = of(out.finish(), 'beacon');
    expect(f!.evidence.sampleUids).toEqual([]);
  });
});
