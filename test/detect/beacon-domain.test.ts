import { describe, expect, it } from 'vitest';
import type { ShardOutput } from '../../src/detect/analyzer.js';
import {
  type BeaconConfig,
  beaconAnalyzer,
  DEFAULT_BEACON_CONFIG,
  domainOf,
  INLINE_SAMPLES,
  SlotTable,
  scorePair,
  validateBeaconConfig,
} from '../../src/detect/beacon.js';
import type { Finding } from '../../src/detect/finding.js';
import { packState, unpackState } from '../../src/shared/pack.js';
import type { BatchView } from '../../src/shared/record.js';
import { type ConnSpec, connBatches, observeAll } from '../helpers/records.js';
import { ID_FIELDS, ID_TYPES, zeekHeaderText } from '../helpers/zeek-text.js';
import { zeekViews } from '../helpers/zeek-views.js';

const cfg = (over: Partial<BeaconConfig> = {}): BeaconConfig => validateBeaconConfig(over);

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
const SNI = 'd1a2b3c4d5e6f.cloudfront.net';
const T0 = 1_700_000_000;

const header = zeekHeaderText;
const ID = ID_FIELDS;
const ID_T = ID_TYPES;

/** One check-in: time, destination, name (SNI or Host), request body bytes (http). */
interface Beat {
  ts: number;
  resp: string;
  name?: string;
  orig?: string;
  bytes?: number;
  uid?: string;
}

let uidSeq = 0;
const uid = (): string => `C${(uidSeq++).toString(36).padStart(8, '0')}`;

function sslLog(beats: readonly Beat[]): string {
  const rows = beats.map((b) =>
    [
      b.ts.toFixed(6),
      b.uid ?? uid(),
      b.orig ?? HOST,
      '50000',
      b.resp,
      '443',
      'TLSv12',
      b.name === undefined ? '-' : b.name,
    ].join('\t'),
  );
  return `${header('ssl', [...ID, 'version', 'server_name'], [...ID_T, 'string', 'string'])}\n${rows.join('\n')}\n`;
}

function httpLog(beats: readonly Beat[]): string {
  const rows = beats.map((b) =>
    [
      b.ts.toFixed(6),
      b.uid ?? uid(),
      b.orig ?? HOST,
      '50000',
      b.resp,
      '80',
      'POST',
      b.name === undefined ? '-' : b.name,
      '/submit',
      b.bytes === undefined ? '-' : String(b.bytes),
    ].join('\t'),
  );
  return `${header('http', [...ID, 'method', 'host', 'uri', 'request_body_len'], [...ID_T, 'string', 'string', 'string', 'count'])}\n${rows.join('\n')}\n`;
}

/** `count` CDN edge addresses, 198.18.k.13. */
const edges = (count: number): string[] => Array.from({ length: count }, (_, k) => `198.18.${k}.13`);

interface Pattern {
  n?: number;
  interval?: number;
  jitter?: number;
  missed?: number;
  seed?: number;
  t0?: number;
  addrs?: readonly string[];
  name?: string;
  orig?: string;
  bytes?: () => number | undefined;
}

/** Check-ins every `interval` s ± jitter, rotating over `addrs` in turn, a share missed. */
function beats(p: Pattern = {}): Beat[] {
  const {
    n = 300,
    interval = 60,
    jitter = 0,
    missed = 0,
    seed = 1,
    t0 = T0,
    addrs = edges(60),
    name = SNI,
  } = p;
  const rnd = prng(seed);
  const out: Beat[] = [];
  let t = t0;
  for (let k = 0; k < n; k++) {
    if (rnd() >= missed) {
      const beat: Beat = { ts: t, resp: addrs[k % addrs.length]!, name };
      if (p.orig !== undefined) beat.orig = p.orig;
      const b = p.bytes?.();
      if (b !== undefined) beat.bytes = b;
      out.push(beat);
    }
    t += interval * (1 + jitter * (2 * rnd() - 1));
  }
  return out;
}

const byTs = (a: Beat, b: Beat): number => a.ts - b.ts;

function run(views: readonly BatchView[], config: BeaconConfig = cfg()): ShardOutput {
  const analyzer = beaconAnalyzer.create(0, config);
  observeAll(analyzer, views);
  return analyzer.finish();
}

const tls = (b: readonly Beat[], batch = 64): BatchView[] => zeekViews(sslLog(b), { batchRecords: batch });
const of = (out: ShardOutput, detector: string): Finding[] =>
  out.findings.filter((f) => f.detector === detector);
const scoreOf = (f: Finding): number => (f.evidence.scores as { total: number }).total;

describe('beacon.domain: (source, SNI/Host) pairs', () => {
  it('finds a CDN-fronted beacon that no address pair can', () => {
    const b = beats({ jitter: 0.1 });
    // The same check-ins as conn records: 5 per edge, far below minConnections.
    const conns: ConnSpec[] = b.map((x) => ({
      ts: x.ts - 0.05,
      orig: HOST,
      resp: x.resp,
      respPort: 443,
      proto: 'tcp',
      origBytes: 420,
      duration: 0.3,
    }));
    const out = run([...connBatches(conns, 64), ...tls(b)]);
    expect(of(out, 'beacon')).toEqual([]);
    const [f] = of(out, 'beacon.domain');
    expect(out.findings).toHaveLength(1);
    expect(f!.attack).toBe('T1573');
    expect(f!.entities.src).toBe(HOST);
    expect(f!.entities.domain).toBe(SNI);
    const dst = f!.entities.dst as string[];
    expect(dst).toHaveLength(DEFAULT_BEACON_CONFIG.maxDestinationsPerDomain);
    expect(dst).toEqual([...dst].sort());
    expect(f!.evidence.destinationsCapped).toBe(true);
    expect(f!.evidence.via).toBe('tls');
    expect(f!.evidence.connections).toBe(300);
    expect(f!.evidence.medianIntervalSeconds as number).toBeCloseTo(60, -1);
    // No sizes in ssl.log: the data-size subscore is left out, not scored as 0.
    expect((f!.evidence.scores as { dataSize: unknown }).dataSize).toBeNull();
    expect(f!.evidence.medianRequestBytes).toBeNull();
    expect(scoreOf(f!)).toBeGreaterThan(0.85);
    expect((f!.evidence.sampleUids as string[]).length).toBe(DEFAULT_BEACON_CONFIG.sampleSize);
    expect(f!.firstTs).toBe(b[0]!.ts);
    expect(f!.summary).toContain(`${HOST} beacons to ${SNI} (tls, 16+ addresses)`);
  });

  it('keeps ±20 % jitter and 10 % missed beats above the threshold', () => {
    for (const seed of [1, 2, 3]) {
      const [f] = of(run(tls(beats({ jitter: 0.2, seed }))), 'beacon.domain');
      expect(f).toBeDefined();
      expect(scoreOf(f!)).toBeGreaterThan(0.8);
      expect(f!.evidence.jitter as number).toBeGreaterThan(0.05);
      expect(f!.evidence.jitter as number).toBeLessThan(0.15);
    }
    const missing = beats({ jitter: 0.1, missed: 0.1, seed: 4 });
    expect(missing.length).toBeLessThan(290);
    const [g] = of(run(tls(missing)), 'beacon.domain');
    expect(g).toBeDefined();
    expect(scoreOf(g!)).toBeGreaterThan(0.8);
  });

  it('reads http Host (port and case stripped) and scores the request sizes', () => {
    const rnd = prng(5);
    const b = beats({
      name: 'Update.Evil-Example.com:8080',
      addrs: edges(4),
      jitter: 0.1,
      bytes: () => 512 + Math.floor(rnd() * 9) - 4,
    });
    const out = run(zeekViews(httpLog(b)));
    const [f] = of(out, 'beacon.domain');
    expect(f!.attack).toBe('T1071');
    expect(f!.entities.domain).toBe('update.evil-example.com');
    expect(f!.entities.dst).toEqual(edges(4).sort());
    expect(f!.evidence.via).toBe('http');
    expect(f!.evidence.destinationsCapped).toBe(false);
    expect(f!.evidence.medianRequestBytes as number).toBeCloseTo(512, -1);
    expect((f!.evidence.scores as { dataSize: number }).dataSize).toBeGreaterThan(0.9);
    // Irregular request sizes lower the score.
    const noisy = beats({
      name: 'update.evil-example.com',
      addrs: edges(4),
      jitter: 0.1,
      bytes: () => Math.floor(rnd() * 1e6),
    });
    const [g] = of(run(zeekViews(httpLog(noisy)), cfg({ threshold: 0 })), 'beacon.domain');
    expect(scoreOf(g!)).toBeLessThan(scoreOf(f!));
    // An unset request_body_len counts as 0 bytes.
    const unset = beats({ name: 'update.evil-example.com', addrs: edges(4) });
    const [h] = of(run(zeekViews(httpLog(unset))), 'beacon.domain');
    expect(h!.evidence.medianRequestBytes).toBe(0);
  });

  it('merges one name seen over TLS and plain HTTP', () => {
    const a = beats({ n: 150, interval: 120, addrs: edges(3) });
    const b = beats({ n: 150, interval: 120, t0: T0 + 60, addrs: edges(3), bytes: () => 100 });
    const out = run([...tls(a), ...zeekViews(httpLog(b))]);
    const [f] = of(out, 'beacon.domain');
    expect(f!.evidence.via).toBe('tls+http');
    expect(f!.attack).toBe('T1071');
    expect(f!.evidence.connections).toBe(300);
  });

  it('does not report benign periodic-but-varied traffic to a CDN name', () => {
    for (const seed of [7, 8, 9]) {
      // Poisson arrivals at a steady rate (a busy user), spread over many edges.
      const rnd = prng(seed);
      let t = T0;
      const poisson: Beat[] = [];
      for (let k = 0; k < 400; k++) {
        t += -Math.log(1 - rnd()) * 60;
        poisson.push({ ts: t, resp: edges(40)[k % 40]!, name: SNI });
      }
      expect(run(tls(poisson)).findings).toEqual([]);
      // Sessions every 38–308 s, and bursts: several fetches a few seconds apart, then a pause.
      const spread: Beat[] = [];
      t = T0;
      for (let k = 0; k < 300; k++) {
        spread.push({ ts: t, resp: edges(40)[k % 40]!, name: SNI });
        t += k % 4 === 3 ? 300 + 600 * rnd() : 1 + 4 * rnd();
      }
      expect(run(tls(spread)).findings).toEqual([]);
    }
  });

  it('leaves single-address names to the address pairs unless minDestinations is 1', () => {
    const one = beats({ addrs: ['203.0.113.210'] });
    expect(run(tls(one)).findings).toEqual([]);
    const [f] = of(run(tls(one), cfg({ minDestinations: 1 })), 'beacon.domain');
    expect(f!.entities.dst).toEqual(['203.0.113.210']);
    expect(f!.evidence.destinations).toBe(1);
  });

  it('needs minConnections and can be turned off', () => {
    expect(run(tls(beats({ n: 19 }))).findings).toEqual([]);
    expect(of(run(tls(beats({ n: 20 }))), 'beacon.domain')).toHaveLength(1);
    expect(run(tls(beats()), cfg({ enableDomains: false })).findings).toEqual([]);
    // A name busy enough to be a strobe is not scored.
    expect(run(tls(beats({ n: 120, interval: 1 })), cfg({ strobeConnections: 100 })).findings).toEqual([]);
  });

  it('ignores inbound, internal, unnamed and address-literal records', () => {
    const b = beats({ n: 40 });
    const noise = [
      // A remote client of a local server: not a local source beaconing out.
      ...b.map((x) => ({ ...x, orig: '198.51.100.7', resp: '10.0.0.9' })),
      // Internal destinations (externalOnly).
      ...b.map((x, k) => ({ ...x, resp: `10.0.1.${k % 5}` })),
      ...b.map(({ name: _name, ...rest }): Beat => rest),
      ...b.map((x) => ({ ...x, name: '198.18.0.13' })),
      ...b.map((x) => ({ ...x, name: '' })),
    ].sort(byTs);
    expect(run(tls(noise)).findings).toEqual([]);
    const [f] = of(
      run(tls(b.map((x, k) => ({ ...x, resp: `10.0.1.${k % 5}` }))), cfg({ externalOnly: false })),
      'beacon.domain',
    );
    expect(f!.entities.dst).toHaveLength(5);
  });

  it('handles IPv6 sources and destinations', () => {
    const v6 = Array.from({ length: 6 }, (_, k) => `2001:db8:c::${k + 1}`);
    const [f] = of(run(tls(beats({ orig: 'fd00::5', addrs: v6 }))), 'beacon.domain');
    expect(f!.entities.src).toBe('fd00::5');
    expect(f!.entities.dst).toEqual([...v6].sort());
  });

  it('checks its options', () => {
    expect(() => cfg({ minDestinations: 20, maxDestinationsPerDomain: 10 })).toThrow(
      /beacon.minDestinations must not exceed maxDestinationsPerDomain/,
    );
    expect(() => cfg({ maxDomainPairs: 0 })).toThrow(/beacon.maxDomainPairs/);
    expect(cfg({ enableDomains: false }).enableDomains).toBe(false);
  });

  it('normalises names', () => {
    expect(domainOf(undefined, false)).toBe('');
    expect(domainOf('-', false)).toBe('');
    expect(domainOf('localhost', false)).toBe('');
    expect(domainOf('Example.COM.', false)).toBe('example.com');
    expect(domainOf('10.1.2.3', false)).toBe('');
    expect(domainOf('2001:db8::1', false)).toBe('');
    expect(domainOf('a.example.com:8443', true)).toBe('a.example.com');
    expect(domainOf('[2001:db8::1]:80', true)).toBe('');
    expect(domainOf('2001:db8::1', true)).toBe('');
    expect(domainOf('10.1.2.3:8080', true)).toBe('');
  });
});

describe('beacon.domain state', () => {
  const mixed = (): BatchView[][] => {
    const a = beats({ n: 400, jitter: 0.2, seed: 9 });
    const b = beats({
      n: 200,
      jitter: 0.1,
      seed: 10,
      name: 'api.other-example.net',
      t0: T0 + 13,
      addrs: edges(7),
    });
    const small = Array.from({ length: 200 }, (_, k) => ({
      ts: T0 + 90 * k + 5,
      resp: edges(3)[k % 3]!,
      name: `site${k % 50}.example.org`,
    }));
    const conns: ConnSpec[] = Array.from({ length: 300 }, (_, k) => ({
      ts: T0 + 60 * k,
      orig: HOST,
      resp: k % 2 === 0 ? '203.0.113.210' : `198.18.${k % 90}.1`,
      respPort: 443,
      proto: 'tcp',
      origBytes: 300,
      uid: k % 7 === 0 ? '' : uid(),
    }));
    // Uids fixed once, so every split carries the same records.
    const named = (list: Beat[]): Beat[] => list.map((x) => ({ ...x, uid: uid() }));
    const ssl = named([...a, ...small].sort(byTs));
    const http = named(b.map((x) => ({ ...x, bytes: 40 })));
    const sizes = [1, 7, 64, 10_000];
    return sizes.map((s) => [
      ...connBatches(conns, s),
      ...zeekViews(httpLog(http), { batchRecords: s }),
      ...zeekViews(sslLog(ssl), { batchRecords: s }),
    ]);
  };
  const c = cfg({ maxSamplesPerPair: 64, maxDomainPairs: 8, maxPairs: 16 });

  it('gives the same output for every batch split, and restores at every cut', () => {
    const streams = mixed();
    const base = run(streams[2]!, c);
    expect(of(base, 'beacon.domain').length).toBe(2);
    expect(base.evictions.maxDomainPairs).toBeGreaterThan(0);
    expect(base.evictions.maxSamplesPerPair).toBeGreaterThan(0);
    for (const views of streams) expect(run(views, c)).toEqual(base);
    const views = streams[2]!;
    for (const cut of [0, 1, 5, 17, views.length - 1, views.length]) {
      const first = beaconAnalyzer.create(0, c);
      observeAll(first, views.slice(0, cut));
      const second = beaconAnalyzer.restore(0, c, unpackState(packState(first.snapshot())));
      observeAll(second, views.slice(cut));
      expect(second.finish()).toEqual(base);
    }
  });

  it('evicts the least recently touched domain pair, reports it, and reuses its name', () => {
    // The beacon is evicted mid-run by a flood of one-off names, then its name comes back.
    const first = beats({ n: 150, addrs: edges(5) });
    const flood = Array.from({ length: 20 }, (_, k) => ({
      ts: T0 + 150 * 60 + k,
      resp: edges(1)[0]!,
      name: `x${k}.example.org`,
    }));
    const again = beats({ n: 150, t0: T0 + 151 * 60, addrs: edges(5) });
    const out = run(tls([...first, ...flood, ...again]), cfg({ maxDomainPairs: 4 }));
    const found = of(out, 'beacon.domain');
    expect(found).toHaveLength(2);
    expect(found.map((f) => f.entities.domain)).toEqual([SNI, SNI]);
    expect(out.evictions.maxDomainPairs).toBe(20 + 1 - 4 + 1);
  });
});

describe('compact pair table', () => {
  it('finds, removes and grows like a Map', () => {
    const t = new SlotTable(500, 0);
    const ref = new Map<string, number>();
    const rnd = prng(3);
    const key = (k: number): number[] => [
      0,
      0,
      0xffff,
      0x0a000000 + (k % 7),
      0,
      0,
      0xffff,
      0xcb000000 + k,
      k % 3,
    ];
    for (let step = 0; step < 20_000; step++) {
      const k = Math.floor(rnd() * 900);
      const w = key(k);
      const slot = t.find(w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!, w[8]!);
      expect(slot >= 0).toBe(ref.has(String(k)));
      if (slot >= 0) {
        expect(ref.get(String(k))).toBe(slot);
        if (rnd() < 0.5) {
          t.remove(slot);
          ref.delete(String(k));
        } else t.touch(slot);
      } else if (t.size < 500) {
        ref.set(String(k), t.insert(w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!, w[8]!, step));
      } else {
        const old = t.oldest();
        t.remove(old);
        for (const [rk, rs] of ref) if (rs === old) ref.delete(rk);
      }
      expect(t.size).toBe(ref.size);
    }
    expect(t.slots().length).toBe(ref.size);
    // IPv6 keys hash on every word.
    const v6 = t.size < 500 ? t.insert(0x20010db8, 1, 2, 3, 0xfd000000, 0, 0, 5, 7, 0) : -1;
    if (v6 >= 0) expect(t.find(0x20010db8, 1, 2, 3, 0xfd000000, 0, 0, 5, 7)).toBe(v6);
    expect(t.find(0x20010db8, 1, 2, 3, 0xfd000000, 0, 0, 5, 8)).toBe(-1);
  });

  it('scores pairs alike whether their samples are inline or promoted', () => {
    // minConnections 4 with uid-less records: a 4-connection pair never leaves the inline
    // samples; a snapshot restores it inline, a long connection's uid promotes it.
    const c = cfg({ minConnections: 4, threshold: 0, minTimestampScore: 0 });
    const specs: ConnSpec[] = Array.from({ length: INLINE_SAMPLES }, (_, k) => ({
      ts: T0 + 60 * k,
      orig: HOST,
      resp: '203.0.113.210',
      respPort: 443,
      proto: 'tcp',
      origBytes: 100 + k,
      duration: 1,
    }));
    const base = run(connBatches(specs, 2), c);
    expect(of(base, 'beacon')).toHaveLength(1);
    const a = beaconAnalyzer.create(0, c);
    observeAll(a, connBatches(specs.slice(0, 2), 2));
    const b = beaconAnalyzer.restore(0, c, unpackState(packState(a.snapshot())));
    observeAll(b, connBatches(specs.slice(2), 2));
    expect(b.finish()).toEqual(base);
    const long = specs.map((s, k) => (k === 1 ? { ...s, duration: 7200, uid: 'Clong' } : s));
    const out = run(connBatches(long, 3), c);
    expect(of(out, 'beacon')[0]!.evidence.scores).toEqual(of(base, 'beacon')[0]!.evidence.scores);
    expect(of(out, 'beacon.long-connection')[0]!.evidence.uid).toBe('Clong');
    // A shorter "longest" after a long one clears nothing: the long one stays.
    const s = scorePair([1, 2, 3], [Number.NaN, Number.NaN, Number.NaN], 1, 1, 3, c);
    expect(s.dataSize).toBeUndefined();
  });
});
