import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { pack, unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import type { ShardOutput } from '../../src/detect/analyzer.js';
import type { Finding } from '../../src/detect/finding.js';
import {
  DEFAULT_SCAN_CONFIG,
  SCAN_EVICTION_NAMES,
  type ScanConfig,
  scanAnalyzer,
  validateScanConfig,
} from '../../src/detect/scan.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import { RecordKind } from '../../src/shared/record.js';
import { corpusPath } from '../helpers/corpus.js';
import { type ConnSpec, connBatch, connBatches, connSpecFromZeek, observeAll } from '../helpers/records.js';

const cfg = (over: Partial<ScanConfig> = {}): ScanConfig => validateScanConfig(over);

function run(
  specs: readonly ConnSpec[],
  config: ScanConfig = cfg(),
  sizes: number | number[] = 64,
): ShardOutput {
  const analyzer = scanAnalyzer.create(0, config);
  observeAll(analyzer, connBatches(specs, sizes));
  return analyzer.finish();
}

const of = (out: ShardOutput, detector: string): Finding[] =>
  out.findings.filter((f) => f.detector === detector);

const SCANNER = '10.0.0.5';
/** Distinct external hosts (TEST-NET-3 and beyond, all outside the local networks). */
const ext = (n: number): string => `203.0.${113 + (n >> 8)}.${n & 255}`;

let uidSeq = 0;
const conn = (spec: Omit<ConnSpec, 'uid'> & { uid?: string }): ConnSpec => ({
  orig: SCANNER,
  origPort: 40_000,
  respPort: 80,
  proto: 'tcp',
  uid: spec.uid ?? `C${(uidSeq++).toString(36).padStart(6, '0')}`,
  ...spec,
});

/** n first contacts from SCANNER to distinct hosts on `port`, `step` seconds apart. */
function sweep(
  n: number,
  opts: { t0?: number; step?: number; port?: number; failed?: number; from?: number; src?: string } = {},
): ConnSpec[] {
  const { t0 = 1000, step = 1, port = 80, failed = n, from = 0, src = SCANNER } = opts;
  return Array.from({ length: n }, (_, k) =>
    conn({
      orig: src,
      ts: t0 + k * step,
      resp: ext(from + k),
      respPort: port,
      state: k < failed ? 'S0' : 'SF',
      history: k < failed ? 'S' : 'ShADadfF',
    }),
  );
}

/** n distinct ports probed on one host. */
function portSweep(
  n: number,
  opts: { t0?: number; step?: number; dst?: string; failed?: number; from?: number } = {},
): ConnSpec[] {
  const { t0 = 1000, step = 1, dst = '198.51.100.7', failed = n, from = 1 } = opts;
  return Array.from({ length: n }, (_, k) =>
    conn({
      ts: t0 + k * step,
      resp: dst,
      respPort: from + k,
      state: k < failed ? 'REJ' : 'SF',
      history: k < failed ? 'Sr' : 'ShADadfF',
    }),
  );
}

// Only the windowed detectors, or only TRW, so each test sees the detector it is about.
const WINDOWS_ONLY = { enableTrw: false } as const;
const TRW_ONLY = { enableHorizontal: false, enableVertical: false } as const;

const FAIL = (1 - 0.2) / (1 - 0.8);
const PASS = 0.2 / 0.8;

describe('scan config', () => {
  it('fills defaults and freezes', () => {
    const c = validateScanConfig();
    expect(c).toEqual(DEFAULT_SCAN_CONFIG);
    expect(Object.isFrozen(c)).toBe(true);
    expect(validateScanConfig({ horizontalThreshold: 30 }).horizontalThreshold).toBe(30);
  });

  it('ignores explicitly undefined keys', () => {
    const c = validateScanConfig({ latenessSeconds: undefined } as unknown as Partial<ScanConfig>);
    expect(c.latenessSeconds).toBe(DEFAULT_SCAN_CONFIG.latenessSeconds);
  });

  const invalid: [string, unknown][] = [
    ['horizontalThreshold', 2.5],
    ['horizontalThreshold', 1],
    ['verticalWindowSeconds', 0],
    ['trwTheta0', 1],
    ['trwAlpha', 0],
    ['includeUdp', 'yes'],
    ['maxSources', Number.NaN],
    ['latenessSeconds', -1],
    ['horizontalMinFailedRatio', 1.5],
    ['sampleSize', 0],
    ['nosuchKey', 1],
  ];
  it.each(invalid)('rejects %s = %s naming the key', (key, value) => {
    try {
      validateScanConfig({ [key]: value } as Partial<ScanConfig>);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(NetscryError);
      expect((err as NetscryError).code).toBe(ErrorCode.InvalidOption);
      expect((err as NetscryError).message).toContain(`scan.${key}`);
      expect((err as NetscryError).detail).toMatchObject({ key });
    }
  });

  it('checks the relations between keys', () => {
    expect(() => validateScanConfig({ trwTheta0: 0.3, trwTheta1: 0.4 })).toThrow(/scan\.trwTheta1/);
    expect(() => validateScanConfig({ trwAlpha: 0.5, trwBeta: 0.5 })).toThrow(/scan\.trwBeta/);
    expect(() => validateScanConfig({ maxTargetsPerKey: 20 })).toThrow(/scan\.maxTargetsPerKey/);
    expect(() => validateScanConfig({ maxTargetsPerKey: 20, horizontalThreshold: 20 })).not.toThrow();
    expect(() => validateScanConfig({ maxTargets: 100 })).toThrow(/scan\.maxTargets /);
  });

  it('rejects a non-object', () => {
    expect(() => validateScanConfig(null as unknown as Partial<ScanConfig>)).toThrow(/must be an object/);
    expect(() => validateScanConfig([] as unknown as Partial<ScanConfig>)).toThrow(NetscryError);
  });
});

describe('factory contract', () => {
  it('has no cross-shard partial', () => {
    const out = run([]);
    expect(out.partial).toBeUndefined();
    expect(out.findings).toEqual([]);
    expect(Object.keys(out.evictions).sort()).toEqual([...SCAN_EVICTION_NAMES].sort());
    expect(scanAnalyzer.name).toBe('scan');
    expect(scanAnalyzer.merge([undefined, undefined])).toBeUndefined();
    expect(scanAnalyzer.merge([undefined, 7])).toBe(7);
    expect(scanAnalyzer.merge([7, undefined])).toBe(7);
  });
});

describe('TRW', () => {
  it('decides scanner on the 4th failed first contact (Λ 4, 16, 64, 256 ≥ η1 = 99)', () => {
    expect(of(run(sweep(3), cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    const specs = sweep(6, { step: 10 });
    const [f, ...more] = of(run(specs, cfg(TRW_ONLY)), 'scan.trw');
    expect(more).toEqual([]);
    expect(f).toBeDefined();
    expect(f!.attack).toBe('T1046');
    expect(f!.entities).toEqual({ src: SCANNER });
    expect(f!.firstTs).toBe(1000);
    expect(f!.lastTs).toBe(1030);
    expect(f!.confidence).toBe(0.99);
    const e = f!.evidence;
    expect(e.lambda).toBeCloseTo(FAIL ** 4, 6);
    expect(e.lambda).toBeCloseTo(256, 6);
    expect(e.eta1).toBeCloseTo(99, 6);
    expect(e.eta0).toBeCloseTo(0.01 / 0.99, 6);
    expect(e).toMatchObject({ theta0: 0.8, theta1: 0.2, alpha: 0.01, beta: 0.01 });
    expect(e).toMatchObject({ firstContacts: 4, successes: 0, failures: 4 });
    expect(e.failedTargets).toEqual([ext(0), ext(1), ext(2), ext(3)]);
    expect(e.uids).toEqual(specs.slice(0, 4).map((s) => s.uid));
    expect(f!.summary).toBe(
      `${SCANNER} failed 4 of 4 first contacts with distinct hosts (TRW Λ 256 ≥ η1 99)`,
    );
  });

  it('walks mixed outcomes by hand: F S F F F F → 4, 1, 4, 16, 64, 256', () => {
    const states = ['S0', 'SF', 'REJ', 'S0', 'RSTOS0', 'SH'];
    const specs = states.map((state, k) => conn({ ts: 1000 + k, resp: ext(k), state }));
    let lambda = 1;
    for (const s of states) lambda *= s === 'SF' ? PASS : FAIL;
    const [f] = of(run(specs, cfg(TRW_ONLY)), 'scan.trw');
    expect(f?.evidence).toMatchObject({ firstContacts: 6, successes: 1, failures: 5 });
    expect(f?.evidence.lambda).toBeCloseTo(lambda, 9);
    expect(of(run(specs.slice(0, 5), cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
  });

  it('decides benign after 4 answered first contacts and stops walking', () => {
    // Λ = 0.25⁴ = 0.0039 ≤ η0 = 0.0101 after four successes (three give 0.0156).
    const good = sweep(4, { failed: 0 });
    const bad = sweep(12, { t0: 2000, from: 100 });
    expect(of(run([...good, ...bad], cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    // Three successes are not enough: the following failures decide scanner (Λ 0.0156·4⁷ ≥ 99).
    const out = run([...good.slice(0, 3), ...bad], cfg(TRW_ONLY));
    expect(of(out, 'scan.trw')[0]?.evidence).toMatchObject({ successes: 3, failures: 7 });
  });

  it('counts only the first contact with each host', () => {
    const again = Array.from({ length: 20 }, (_, k) => conn({ ts: 1000 + k, resp: ext(0), state: 'S0' }));
    expect(of(run(again, cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    // A success first: later failures to the same host do not move Λ.
    const first = [conn({ ts: 999, resp: ext(0), state: 'SF' }), ...again];
    const out = run([...first, ...sweep(4, { t0: 1100, from: 1 })], cfg(TRW_ONLY));
    // Λ = 0.25 · 4⁴ = 64 < 99: no decision though 24 failed connections were made.
    expect(of(out, 'scan.trw')).toEqual([]);
    const out5 = run([...first, ...sweep(5, { t0: 1100, from: 1 })], cfg(TRW_ONLY));
    expect(of(out5, 'scan.trw')[0]?.evidence).toMatchObject({ firstContacts: 6, successes: 1, failures: 5 });
  });

  const failing = ['S0', 'REJ', 'RSTOS0', 'RSTRH', 'SH', 'SHR'];
  const answered = ['SF', 'S1', 'S2', 'S3', 'RSTO', 'RSTR'];
  it.each(failing)('%s is a failed attempt', (state) => {
    const specs = Array.from({ length: 4 }, (_, k) => conn({ ts: 1000 + k, resp: ext(k), state }));
    expect(of(run(specs, cfg(TRW_ONLY)), 'scan.trw')).toHaveLength(1);
  });
  it.each(answered)('%s is an answered attempt', (state) => {
    const specs = Array.from({ length: 4 }, (_, k) => conn({ ts: 1000 + k, resp: ext(k), state }));
    const probes = sweep(4, { t0: 2000, from: 10 });
    // Benign after the four answers, so the four failures that follow are not walked.
    expect(of(run([...specs, ...probes], cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
  });

  it('decides OTH and unset states from the evidence of a reply', () => {
    const probe = (k: number, extra: Partial<ConnSpec>): ConnSpec =>
      conn({ ts: 1000 + k, resp: ext(k), ...extra });
    // ACK/FIN probes: no SYN, nothing back from the responder → failed.
    const stealth = [0, 1, 2, 3].map((k) => probe(k, { state: 'OTH', history: k % 2 ? 'F' : 'A' }));
    expect(of(run(stealth, cfg(TRW_ONLY)), 'scan.trw')).toHaveLength(1);
    const noHistory = [0, 1, 2, 3].map((k) => probe(k, { state: 'OTH', respPkts: 0, respBytes: 0 }));
    expect(of(run(noHistory, cfg(TRW_ONLY)), 'scan.trw')).toHaveLength(1);
    // Midstream with responder SYN-ACK, payload, or bytes → answered (benign after 4).
    const replies = [
      probe(0, { state: 'OTH', history: 'hA' }),
      probe(1, { state: 'OTH', history: 'Dd' }),
      probe(2, { respBytes: 10 }),
      probe(3, { state: 'OTH', history: 'ad' }),
    ];
    expect(of(run([...replies, ...sweep(4, { t0: 2000, from: 10 })], cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    // No state, no history, no counters (e.g. one-way NetFlow): no evidence, not walked.
    const blind = [0, 1, 2, 3, 4, 5].map((k) => probe(k, {}));
    expect(of(run([...blind, ...sweep(3, { t0: 2000, from: 10 })], cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    // Every packet had a bad checksum (a capture with checksum offloading): no evidence either,
    // whatever the direction the tracker gave the fragments — not a vertical scan of their ports.
    const corrupt = Array.from({ length: 20 }, (_, k) =>
      probe(k, { state: 'OTH', history: ['C', 'CccC', '^Cc', 'cC'][k % 4]!, respPkts: 0, respBytes: 0 }),
    );
    expect(of(run([...corrupt, ...sweep(3, { t0: 2000, from: 10 })], cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    // A valid RST after them (the kernel's own, checksummed) does not make the attempt failed.
    const reset = corrupt.map((c, k) => ({ ...c, history: k % 2 ? 'CcCcR' : 'CcCr' }));
    expect(of(run([...reset, ...sweep(3, { t0: 2000, from: 10 })], cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    const oneHost = [...corrupt, ...reset].map((c, k) => ({
      ...c,
      resp: '198.51.100.7',
      respPort: 40_000 + k,
    }));
    expect(run(oneHost, cfg(WINDOWS_ONLY)).findings).toEqual([]);
    // A letter beside them is evidence again: a FIN probe whose reply was corrupt still failed.
    const fin = corrupt.map((c, k) => ({ ...c, resp: '198.51.100.7', respPort: 1 + k, history: 'Fc' }));
    expect(of(run(fin, cfg(WINDOWS_ONLY)), 'scan.vertical')).toHaveLength(1);
  });

  it('keeps the last sampleSize uids and a sorted sample of failed targets', () => {
    // Alternate S, F so Λ oscillates 0.25 ↔ 1 and then climbs: many steps before deciding.
    const specs: ConnSpec[] = [];
    for (let k = 0; k < 30; k++) {
      specs.push(conn({ ts: 1000 + k, resp: ext(200 - k), state: k % 2 === 0 ? 'SF' : 'S0' }));
    }
    specs.push(...sweep(5, { t0: 2000, from: 300 }));
    const [f] = of(run(specs, cfg({ ...TRW_ONLY, sampleSize: 5 })), 'scan.trw');
    // Λ is back to 1 after the 30 alternations; four failures decide (the fifth is not walked).
    expect(f?.evidence).toMatchObject({ firstContacts: 34, successes: 15, failures: 19 });
    expect(f?.evidence.uids).toEqual(specs.slice(-6, -1).map((s) => s.uid));
    // The first five failed targets (k = 1, 3, 5, 7, 9), in address order.
    expect(f?.evidence.failedTargets).toEqual([ext(191), ext(193), ext(195), ext(197), ext(199)]);
  });

  it('is TCP only unless includeUdp', () => {
    const udp = sweep(6).map((s) => ({ ...s, proto: 'udp' as const, history: 'D' }));
    expect(run(udp, cfg(TRW_ONLY)).findings).toEqual([]);
    expect(of(run(udp, cfg({ ...TRW_ONLY, includeUdp: true })), 'scan.trw')).toHaveLength(1);
    const icmp = sweep(6).map((s) => ({ ...s, proto: 'icmp' as const }));
    expect(run(icmp, cfg({ includeUdp: true })).findings).toEqual([]);
  });

  it('can be disabled', () => {
    expect(of(run(sweep(10), cfg({ enableTrw: false })), 'scan.trw')).toEqual([]);
  });
});

describe('what is observed', () => {
  const scan = sweep(30, { failed: 30 });

  it('ignores records that are not conn, lack an address, or have no time', () => {
    const variants: ConnSpec[][] = [
      scan.map((s) => ({ ...s, kind: RecordKind.Dns })),
      scan.map(({ resp: _r, ...s }) => s),
      scan.map(({ orig: _o, ...s }) => s),
      scan.map((s) => ({ ...s, ts: Number.NaN })),
    ];
    for (const v of variants) expect(run(v).findings).toEqual([]);
    expect(
      run(scan)
        .findings.map((f) => f.detector)
        .sort(),
    ).toEqual(['scan.horizontal', 'scan.trw']);
  });

  it('uses only the originator-keyed delivery of an inbound record', () => {
    const inbound = scan.map((s, k) => ({ ...s, orig: '198.51.100.9', resp: `10.1.0.${k + 1}` }));
    // Primary delivery (keyed by the local responder): not this analyzer's.
    expect(run(inbound).findings).toEqual([]);
    const copies = inbound.map((s) => ({ ...s, originView: true }));
    const out = run(copies);
    expect(of(out, 'scan.horizontal')[0]?.entities).toEqual({
      src: '198.51.100.9',
      port: '80',
      proto: 'tcp',
    });
  });
});

describe('horizontal scan', () => {
  it('fires at exactly the threshold, not below', () => {
    expect(of(run(sweep(24), cfg(WINDOWS_ONLY)), 'scan.horizontal')).toEqual([]);
    const specs = sweep(25, { failed: 10, step: 2 });
    const [f, ...more] = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    expect(more).toEqual([]);
    expect(f!.summary).toBe(`${SCANNER} probed 25 hosts on 80/tcp within 300 s (10 failed)`);
    expect(f!.entities).toEqual({ src: SCANNER, port: '80', proto: 'tcp' });
    expect(f!.firstTs).toBe(1000);
    expect(f!.lastTs).toBe(1048);
    expect(f!.severity).toBe('low');
    expect(f!.confidence).toBe(0.6);
    const e = f!.evidence;
    expect(e).toMatchObject({ distinctHosts: 25, failed: 10, threshold: 25, windowSeconds: 300 });
    expect(e).toMatchObject({ failedRatio: 0.4, minFailedRatio: 0.2 });
    const hosts = e.sampleHosts as string[];
    expect(hosts).toHaveLength(20);
    expect(hosts).toEqual(Array.from({ length: 20 }, (_, k) => ext(k)));
    // Before the crossing only failed contacts among the last sampleSize targets keep a uid
    // (targets 6–10 here: the first ten failed); the crossing contact itself answered.
    expect(e.sampleUids).toEqual(
      specs
        .slice(5, 10)
        .map((s) => s.uid)
        .sort(),
    );
  });

  it('samples the uids of new hosts while an episode is open', () => {
    const specs = sweep(60);
    const [f] = of(run(specs, cfg({ ...WINDOWS_ONLY, sampleSize: 30 })), 'scan.horizontal');
    // sampleSize 30 > threshold: every failed contact before the crossing keeps its uid (1–25),
    // and new hosts add theirs while the episode is open (26–30).
    expect(f?.evidence.sampleUids).toEqual(
      specs
        .slice(0, 30)
        .map((s) => s.uid)
        .sort(),
    );
    expect(f?.evidence.sampleHosts).toHaveLength(30);
  });

  it('requires the minimum share of failed targets', () => {
    // 5 of 25 = 0.2 is enough; 4 of 25 (ordinary browsing with a few dead servers) is not.
    expect(of(run(sweep(25, { failed: 5 }), cfg(WINDOWS_ONLY)), 'scan.horizontal')).toHaveLength(1);
    expect(of(run(sweep(25, { failed: 4 }), cfg(WINDOWS_ONLY)), 'scan.horizontal')).toEqual([]);
    expect(of(run(sweep(40, { failed: 0 }), cfg(WINDOWS_ONLY)), 'scan.horizontal')).toEqual([]);
    const lax = cfg({ ...WINDOWS_ONLY, horizontalMinFailedRatio: 0 });
    expect(of(run(sweep(25, { failed: 0 }), lax), 'scan.horizontal')).toHaveLength(1);
    // The share is re-checked as targets arrive: 30 answered, then failures lift it to 0.2.
    const late = [...sweep(30, { failed: 0 }), ...sweep(8, { t0: 1100, from: 100 })];
    expect(of(run(late, cfg(WINDOWS_ONLY)), 'scan.horizontal')[0]?.evidence).toMatchObject({
      distinctHosts: 38,
      failed: 8,
    });
  });

  it('slides the window: 25 hosts spread over more than 300 s do not trigger', () => {
    expect(of(run(sweep(25, { step: 12.6 }), cfg(WINDOWS_ONLY)), 'scan.horizontal')).toEqual([]);
    // The window is closed at both ends: exactly 300 s apart still counts.
    expect(of(run(sweep(25, { step: 12.5 }), cfg(WINDOWS_ONLY)), 'scan.horizontal')).toHaveLength(1);
    // Repeated contact keeps a host inside the window.
    const keepAlive = [...sweep(24, { step: 12 }), conn({ ts: 1000 + 24 * 12, resp: ext(0), state: 'S0' })];
    keepAlive.push(conn({ ts: 1000 + 25 * 12, resp: ext(99), state: 'S0' }));
    expect(of(run(keepAlive, cfg(WINDOWS_ONLY)), 'scan.horizontal')[0]?.evidence.distinctHosts).toBe(25);
  });

  it('counts a host that left the window as new when it comes back', () => {
    const specs = [...sweep(24), conn({ ts: 1400, resp: ext(500), state: 'S0' })];
    // The 24 left the window; 24 more (including the old ones again) make 25 with ext(500).
    specs.push(...sweep(24, { t0: 1401 }));
    const [f] = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    expect(f?.evidence.distinctHosts).toBe(25);
    expect(f?.firstTs).toBe(1400);
  });

  it('extends one episode while new hosts arrive and reports its span', () => {
    const specs = sweep(60, { step: 10 }); // 590 s, a new host every 10 s
    const [f, ...more] = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    expect(more).toEqual([]);
    expect(f?.evidence.distinctHosts).toBe(60);
    expect(f?.summary).toBe(`${SCANNER} probed 60 hosts on 80/tcp over 590 s (60 failed)`);
    expect(f?.severity).toBe('medium');
    const big = of(run(sweep(100), cfg(WINDOWS_ONLY)), 'scan.horizontal')[0];
    expect(big?.severity).toBe('high');
    expect(big?.confidence).toBe(0.95);
  });

  it('splits two bursts into two episodes', () => {
    const specs = [...sweep(30), ...sweep(30, { t0: 3000, from: 1000 })];
    const found = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    expect(found.map((f) => [f.firstTs, f.evidence.distinctHosts])).toEqual([
      [1000, 30],
      [3000, 30],
    ]);
    expect(found[0]!.id).not.toBe(found[1]!.id);
  });

  it('closes an episode when no new host arrived for window + lateness, even if old ones are re-contacted', () => {
    const specs = sweep(30);
    // Keep poking a known host (the key stays alive) for longer than window + lateness.
    for (let t = 1100; t <= 2000; t += 100) specs.push(conn({ ts: t, resp: ext(0), state: 'S0' }));
    // The same 30 hosts again: a fresh episode needs a full threshold of them.
    specs.push(...sweep(30, { t0: 2100 }));
    const found = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    // The poke at 1700 is 671 s after the last new host: it closes the first episode and is
    // the first target of the next (ext(0) stayed in the window since).
    expect(found.map((f) => [f.firstTs, f.lastTs, f.evidence.distinctHosts])).toEqual([
      [1000, 1600, 30],
      [1700, 2129, 30],
    ]);
  });

  it('accepts timestamps that step back within the lateness', () => {
    const specs = sweep(25);
    // Zeek writes a connection when it ends: start times arrive out of order.
    const shuffled = [...specs].sort((a, b) => ((a.ts * 7919) % 25) - ((b.ts * 7919) % 25));
    shuffled.push(conn({ ts: 900, resp: ext(400), state: 'S0' })); // 124 s behind, in lateness
    const [f] = of(run(shuffled, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    expect(f?.evidence.distinctHosts).toBe(26);
    expect(f?.firstTs).toBe(900);
    expect(run(shuffled, cfg(WINDOWS_ONLY)).evictions.lateRecords).toBe(0);
  });

  it('counts records later than the lateness and keeps them out of windows', () => {
    const specs = [...sweep(24, { t0: 2000 }), conn({ ts: 1000, resp: ext(400), state: 'S0' })];
    const out = run(specs, cfg(WINDOWS_ONLY));
    expect(out.evictions.lateRecords).toBe(1);
    expect(of(out, 'scan.horizontal')).toEqual([]);
    // Late records still walk TRW (it has no window): 3 failures + 1 late failure decide.
    const trw = run(
      [...sweep(3, { t0: 2000 }), conn({ ts: 1000, resp: ext(400), state: 'S0' })],
      cfg(TRW_ONLY),
    );
    expect(of(trw, 'scan.trw')).toHaveLength(1);
  });

  it('ignores a target older than the key window though within the lateness', () => {
    const w = { ...WINDOWS_ONLY, horizontalWindowSeconds: 60, latenessSeconds: 300 };
    const specs = [...sweep(24, { t0: 2000 }), conn({ ts: 1900, resp: ext(400), state: 'S0' })];
    expect(of(run(specs, cfg(w)), 'scan.horizontal')).toEqual([]);
  });

  it('handles IPv6 sources and targets', () => {
    const specs = Array.from({ length: 25 }, (_, k) =>
      conn({ ts: 1000 + k, orig: 'fd00::5', resp: `2001:db8::${(k + 1).toString(16)}`, state: 'S0' }),
    );
    specs.push(conn({ ts: 1030, orig: 'fd00::5', resp: '192.0.2.1', state: 'S0' }));
    const [f] = of(run(specs, cfg({ ...WINDOWS_ONLY, sampleSize: 3 })), 'scan.horizontal');
    expect(f?.entities.src).toBe('fd00::5');
    expect(f?.evidence.sampleHosts).toEqual(['2001:db8::1', '2001:db8::2', '2001:db8::3']);
    expect(f?.evidence.distinctHosts).toBe(26);
  });
});

describe('vertical scan', () => {
  it('fires at exactly the threshold, not below', () => {
    expect(of(run(portSweep(14), cfg(WINDOWS_ONLY)), 'scan.vertical')).toEqual([]);
    const [f, ...more] = of(run(portSweep(15, { from: 20 }), cfg(WINDOWS_ONLY)), 'scan.vertical');
    expect(more).toEqual([]);
    expect(f!.entities).toEqual({ src: SCANNER, dst: '198.51.100.7', proto: 'tcp' });
    expect(f!.summary).toBe(`${SCANNER} probed 15 tcp ports on 198.51.100.7 within 300 s (15 failed)`);
    expect(f!.evidence).toMatchObject({ distinctPorts: 15, failed: 15, threshold: 15, windowSeconds: 300 });
    expect(f!.evidence.samplePorts).toEqual(Array.from({ length: 15 }, (_, k) => 20 + k));
  });

  it('requires the minimum share of failed ports', () => {
    expect(of(run(portSweep(20, { failed: 0 }), cfg(WINDOWS_ONLY)), 'scan.vertical')).toEqual([]);
    expect(of(run(portSweep(15, { failed: 3 }), cfg(WINDOWS_ONLY)), 'scan.vertical')).toHaveLength(1);
    const lax = cfg({ ...WINDOWS_ONLY, verticalMinFailedRatio: 0 });
    expect(of(run(portSweep(15, { failed: 0 }), lax), 'scan.vertical')).toHaveLength(1);
  });

  it('slides the window and splits episodes', () => {
    expect(of(run(portSweep(15, { step: 22 }), cfg(WINDOWS_ONLY)), 'scan.vertical')).toEqual([]);
    const specs = [...portSweep(20), ...portSweep(20, { t0: 5000 })];
    expect(of(run(specs, cfg(WINDOWS_ONLY)), 'scan.vertical')).toHaveLength(2);
  });

  it('keys by destination host and handles IPv6', () => {
    const specs = portSweep(15, { dst: '2001:db8::7' });
    specs.push(...portSweep(10, { dst: '198.51.100.8' }));
    const found = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.vertical');
    expect(found.map((f) => f.entities.dst)).toEqual(['2001:db8::7']);
  });

  it('can be disabled, as can horizontal', () => {
    expect(run(portSweep(30), cfg({ ...WINDOWS_ONLY, enableVertical: false })).findings).toEqual([]);
    expect(run(sweep(30), cfg({ ...WINDOWS_ONLY, enableHorizontal: false })).findings).toEqual([]);
  });
});

describe('bounded state', () => {
  it('evicts the least recently seen source by event time and counts it', () => {
    const c = cfg({ ...TRW_ONLY, maxSources: 2 });
    const a = '10.0.0.1';
    const b = '10.0.0.2';
    const specs = [
      ...sweep(3, { src: a, t0: 1000 }),
      ...sweep(3, { src: b, t0: 990, from: 10 }), // arrives later but is older by event time
      conn({ orig: '10.0.0.3', ts: 1005, resp: ext(50), state: 'SF' }), // evicts b
      conn({ orig: a, ts: 1006, resp: ext(60), state: 'S0' }),
      conn({ orig: b, ts: 1007, resp: ext(61), state: 'S0' }), // b starts over; evicts 10.0.0.3
    ];
    const out = run(specs, c);
    expect(out.evictions.maxSources).toBe(2);
    expect(of(out, 'scan.trw').map((f) => f.entities.src)).toEqual([a]);
  });

  it('breaks ties by first appearance', () => {
    const c = cfg({ ...TRW_ONLY, maxSources: 2 });
    const specs = [
      ...sweep(3, { src: '10.0.0.1', t0: 1000, step: 0 }),
      ...sweep(3, { src: '10.0.0.2', t0: 1000, step: 0, from: 10 }),
      conn({ orig: '10.0.0.3', ts: 1000, resp: ext(50), state: 'SF' }),
      conn({ orig: '10.0.0.2', ts: 1000, resp: ext(61), state: 'S0' }),
      conn({ orig: '10.0.0.1', ts: 1000, resp: ext(60), state: 'S0' }),
    ];
    const out = run(specs, c);
    // 10.0.0.1 was created first and is evicted; 10.0.0.2 keeps its walk and decides.
    expect(of(out, 'scan.trw').map((f) => f.entities.src)).toEqual(['10.0.0.2']);
  });

  it('does not count an expired victim as a cap eviction', () => {
    const c = cfg({ ...TRW_ONLY, maxSources: 2, sourceIdleSeconds: 3600, latenessSeconds: 300 });
    const specs = [
      conn({ orig: '10.0.0.1', ts: 0, resp: ext(1), state: 'SF' }),
      conn({ orig: '10.0.0.2', ts: 3899, resp: ext(1), state: 'SF' }), // sweep runs; .1 not yet idle
      conn({ orig: '10.0.0.3', ts: 3950, resp: ext(1), state: 'SF' }), // .1 expired by now: no count
      conn({ orig: '10.0.0.4', ts: 3951, resp: ext(1), state: 'SF' }), // .2 is live: counted
    ];
    expect(run(specs, c).evictions.maxSources).toBe(1);
  });

  it('forgets an idle source', () => {
    // Idle = last seen more than sourceIdleSeconds + latenessSeconds (3900 s) ago.
    const specs = [...sweep(3), ...sweep(1, { t0: 1002 + 3900 + 0.5, from: 10 })];
    expect(of(run(specs, cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    const fresh = [...sweep(3), ...sweep(1, { t0: 1000 + 3000, from: 10 })];
    expect(of(run(fresh, cfg(TRW_ONLY)), 'scan.trw')).toHaveLength(1);
  });

  it('expires idle state when touched between sweeps, as a sweep would', () => {
    const other = (ts: number): ConnSpec => conn({ orig: '10.9.9.9', ts, resp: ext(900), state: 'SF' });
    // Sweeps run every 300 s of event time (at 1000, 1300, 1600, …); the scanner's keys expire
    // at 1023 + 600 and are next touched at 1650, before the sweep at 1900.
    const keys = [...sweep(24), ...portSweep(14, { t0: 1010 }), other(1300), other(1600)];
    keys.push(
      conn({ ts: 1650, resp: ext(100), state: 'S0' }),
      conn({ ts: 1651, resp: '198.51.100.7', respPort: 99 }),
    );
    const out = run(keys, cfg(WINDOWS_ONLY));
    expect(out.findings).toEqual([]);
    // The source expires at 1002 + 3900 and is next touched at 4950, before the sweep at 5199.
    const trw = [...sweep(3), other(4899), conn({ ts: 4950, resp: ext(50), state: 'S0' })];
    expect(of(run(trw, cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
    // Without the record at 4899 the sweep itself runs at 4950: the same outcome.
    expect(of(run(trw.slice(0, 3).concat(trw.slice(4)), cfg(TRW_ONLY)), 'scan.trw')).toEqual([]);
  });

  it('caps horizontal keys, emitting an open episode it evicts', () => {
    const c = cfg({ ...WINDOWS_ONLY, maxHorizontalKeys: 1 });
    const specs = [...sweep(25, { port: 80 }), ...sweep(3, { port: 81, t0: 1100 })];
    const out = run(specs, c);
    expect(out.evictions.maxHorizontalKeys).toBe(1);
    expect(of(out, 'scan.horizontal')[0]?.evidence.distinctHosts).toBe(25);
  });

  it('caps vertical keys', () => {
    const c = cfg({ ...WINDOWS_ONLY, maxVerticalKeys: 2 });
    const specs = [...portSweep(3, { dst: '198.51.100.1' }), ...portSweep(3, { dst: '198.51.100.2' })];
    specs.push(...portSweep(3, { dst: '198.51.100.3', t0: 1100 }));
    expect(run(specs, c).evictions.maxVerticalKeys).toBe(1);
  });

  it("counts a vertical scan's distinct ports when its window forgot some (nmap -sS then -sX over the same ports)", () => {
    const c = cfg({ ...WINDOWS_ONLY, enableHorizontal: false, maxTargetsPerKey: 25 });
    // 100 ports, then the first 50 again (a second scan type): the key's window holds 25.
    const specs = [...portSweep(100), ...portSweep(50, { t0: 1100 })];
    const out = run(specs, c);
    expect(out.evictions.maxTargetsPerKey).toBeGreaterThan(0);
    const [f] = of(out, 'scan.vertical');
    expect(f!.evidence).toMatchObject({ distinctPorts: 100, failed: 100, failedRatio: 1 });
    expect(f!.summary).toContain('probed 100 tcp ports');
    // The same through a snapshot taken mid-scan.
    const a = scanAnalyzer.create(0, c);
    observeAll(a, connBatches(specs.slice(0, 120), 64));
    const b = scanAnalyzer.restore(0, c, unpack(pack(a.snapshot())));
    observeAll(b, connBatches(specs.slice(120), 64));
    expect(of(b.finish(), 'scan.vertical')[0]!.evidence).toMatchObject({ distinctPorts: 100 });
  });

  it('keeps port sets for the first 1024 open vertical episodes of a shard; later ones count', () => {
    const c = cfg({ ...WINDOWS_ONLY, enableHorizontal: false, maxTargetsPerKey: 25 });
    const dst = (n: number) => `198.51.${100 + (n >> 8)}.${n & 255}`;
    // 1030 hosts each scanned on 40 ports, then on the first 20 again (which the key window of
    // 25 forgot), all in one window.
    const specs = Array.from({ length: 1_030 }, (_, n) => [
      ...portSweep(40, { dst: dst(n), t0: 1000 + n * 0.1, step: 0.001 }),
      ...portSweep(20, { dst: dst(n), t0: 1200 + n * 0.1, step: 0.001 }),
    ]).flat();
    const byDst = new Map(
      of(run(specs, c), 'scan.vertical').map((f) => [f.entities.dst, f.evidence.distinctPorts]),
    );
    expect(byDst.size).toBe(1_030);
    expect(byDst.get(dst(0))).toBe(40);
    expect(byDst.get(dst(1_023))).toBe(40);
    // No set left for the last six: the ports the window forgot count again.
    expect(byDst.get(dst(1_029)) as number).toBeGreaterThan(40);
  });

  it("counts a horizontal scan's distinct hosts when its window forgot some (a sweep and its retries)", () => {
    const c = cfg({ ...WINDOWS_ONLY, enableVertical: false, maxTargetsPerKey: 25 });
    // 60 hosts on port 23, then the last 30 again (retransmissions): the key's window holds 25.
    const specs = [...sweep(60, { port: 23 }), ...sweep(30, { port: 23, t0: 1100, from: 30 })];
    const out = run(specs, c);
    expect(out.evictions.maxTargetsPerKey).toBeGreaterThan(0);
    const [f] = of(out, 'scan.horizontal');
    expect(f!.evidence).toMatchObject({ distinctHosts: 60, failed: 60 });
    // The same through a snapshot taken mid-scan.
    const a = scanAnalyzer.create(0, c);
    observeAll(a, connBatches(specs.slice(0, 70), 64));
    const b = scanAnalyzer.restore(0, c, unpack(pack(a.snapshot())));
    observeAll(b, connBatches(specs.slice(70), 64));
    expect(of(b.finish(), 'scan.horizontal')[0]!.evidence).toMatchObject({ distinctHosts: 60 });
    // Episodes remember hosts within the shard's target budget: past it they count new hosts
    // without remembering them, so retries may count again but nothing is lost.
    const tight = of(
      run(specs, cfg({ ...WINDOWS_ONLY, enableVertical: false, maxTargetsPerKey: 25, maxTargets: 40 })),
      'scan.horizontal',
    );
    expect(tight).toHaveLength(1);
    expect(tight[0]!.evidence.distinctHosts as number).toBeGreaterThan(60);
    expect(tight[0]!.evidence.distinctHosts as number).toBeLessThanOrEqual(90);
  });

  it('caps targets per key, least recently seen first', () => {
    const c = cfg({ ...WINDOWS_ONLY, enableVertical: false, maxTargetsPerKey: 25 });
    const out = run(sweep(30, { failed: 0 }), c);
    expect(out.evictions.maxTargetsPerKey).toBe(5);
    expect(out.findings).toEqual([]);
    // Expired targets are pruned before anything live is evicted.
    const spread = run([...sweep(25, { failed: 0 }), ...sweep(5, { failed: 0, t0: 1400, from: 50 })], c);
    expect(spread.evictions.maxTargetsPerKey).toBe(0);
  });

  it('caps the targets of all keys together, evicting whole keys least recently seen first', () => {
    const c = cfg({ ...WINDOWS_ONLY, enableVertical: false, maxTargetsPerKey: 30, maxTargets: 40 });
    // Port 81 is seen first and then left alone; port 80 keeps growing past the budget.
    const specs = [...sweep(20, { port: 81, t0: 1000 }), ...sweep(30, { port: 80, t0: 1100, from: 100 })];
    const out = run(specs, c);
    expect(out.evictions.maxTargets).toBe(1);
    expect(of(out, 'scan.horizontal').map((f) => f.entities.port)).toEqual(['80']);
    // Horizontal and vertical keys draw on the same budget.
    const both = cfg({ ...WINDOWS_ONLY, horizontalThreshold: 10, maxTargetsPerKey: 20, maxTargets: 20 });
    const mixed = run([...portSweep(15, { t0: 1000 }), ...sweep(10, { port: 9, t0: 1100, from: 300 })], both);
    expect(mixed.evictions.maxTargets).toBeGreaterThan(0);
  });

  it('caps the hosts a walking source remembers', () => {
    const c = cfg({ ...TRW_ONLY, maxTrwContactsPerSource: 2 });
    const specs = [
      conn({ ts: 1000, resp: ext(0), state: 'S0' }),
      conn({ ts: 1001, resp: ext(1), state: 'SF' }),
      conn({ ts: 1002, resp: ext(2), state: 'S0' }), // evicts ext(0)
      conn({ ts: 1003, resp: ext(1), state: 'SF' }), // still remembered: not walked
      conn({ ts: 1004, resp: ext(0), state: 'S0' }), // forgotten: walked again; evicts ext(2)
    ];
    const out = run(specs, c);
    expect(out.evictions.maxTrwContactsPerSource).toBe(2);
    // Λ = 4 · 0.25 · 4 · 4 = 16: no decision yet; two more failures decide.
    expect(of(out, 'scan.trw')).toEqual([]);
    const more = run([...specs, ...sweep(2, { t0: 1010, from: 10 })], c);
    expect(of(more, 'scan.trw')[0]?.evidence).toMatchObject({ firstContacts: 6, failures: 5 });
  });

  it('stays exact under many evictions', () => {
    // 20 hot sources and 300 cold ones through a cap of 64: eviction candidates are a sorted
    // 1/16 slice, kept up to date incrementally. A restored analyzer starts without that slice;
    // equal outputs at every cut show the incremental slice yields the exact least recently seen.
    const c = cfg({ maxSources: 64, maxHorizontalKeys: 48, maxVerticalKeys: 128, horizontalThreshold: 5 });
    const specs: ConnSpec[] = [];
    for (let k = 0; k < 3000; k++) {
      // Out-of-order times, so touches land below the candidates' bound.
      const ts = 1000 + k / 4 - (k % 7) * 3;
      const n = k % 5 === 0 ? 100 + ((k * 37) % 300) : k % 20;
      const src = `10.0.${n >> 8}.${n & 255}`;
      specs.push(conn({ orig: src, ts, resp: ext(k % 97), respPort: k % 2, state: k % 3 ? 'S0' : 'SF' }));
    }
    const whole = run(specs, c, specs.length);
    expect(whole.evictions.maxSources).toBeGreaterThan(100);
    expect(whole.evictions.maxHorizontalKeys).toBeGreaterThan(100);
    expect(whole.evictions.maxVerticalKeys).toBeGreaterThan(100);
    expect(of(whole, 'scan.horizontal').length).toBeGreaterThan(10);
    expect(run(specs, c, 7)).toEqual(whole);
    for (const cut of [500, 1234, 2999]) {
      const first = scanAnalyzer.create(0, c);
      observeAll(first, connBatches(specs.slice(0, cut), 100));
      const second = scanAnalyzer.restore(0, c, first.snapshot());
      observeAll(second, connBatches(specs.slice(cut), 100));
      expect(second.finish()).toEqual(whole);
    }
  });
});

describe('snapshot and restore', () => {
  const scenario = (): ConnSpec[] => [
    ...sweep(30, { t0: 1000 }),
    ...portSweep(20, { t0: 1010 }),
    ...sweep(30, { t0: 1020, src: '10.0.0.9', from: 500, failed: 8, port: 443 }),
    ...sweep(12, { t0: 1100, src: 'fd00::9', from: 700 }),
    ...sweep(30, { t0: 4000, from: 1000 }),
    ...portSweep(20, { t0: 4010, dst: '2001:db8::1' }),
  ];

  it('restores an equivalent analyzer at every cut', () => {
    const specs = scenario();
    const c = cfg({ maxSources: 3, maxHorizontalKeys: 3, maxTargetsPerKey: 26, sampleSize: 4 });
    const whole = run(specs, c);
    expect(whole.findings.length).toBeGreaterThan(4);
    for (const cut of [0, 1, 17, 40, 55, 80, 100, 130, specs.length]) {
      const first = scanAnalyzer.create(3, c);
      observeAll(first, [connBatch(specs.slice(0, cut))]);
      const bytes = pack(first.snapshot());
      const second = scanAnalyzer.restore(3, c, unpack(bytes));
      observeAll(second, connBatches(specs.slice(cut), 9));
      expect(second.finish()).toEqual(whole);
    }
  });

  it('snapshots plain data', () => {
    const a = scanAnalyzer.create(0, cfg());
    observeAll(a, [connBatch(scenario().slice(0, 60))]);
    const snap = a.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it('rejects a foreign or mismatched snapshot', () => {
    const snap = scanAnalyzer.create(1, cfg()).snapshot();
    expect(() => scanAnalyzer.restore(2, cfg(), snap)).toThrow(/another virtual shard/);
    expect(() => scanAnalyzer.restore(1, cfg(), { version: 99 })).toThrow(NetscryError);
    expect(() => scanAnalyzer.restore(1, cfg(), null)).toThrow(/scan: not an analyzer snapshot/);
  });
});

describe('determinism (property)', () => {
  const SOURCES = ['10.0.0.1', '10.0.0.2', '192.168.5.5', 'fd00::1'];
  const STATES = ['S0', 'SF', 'REJ', 'RSTO', 'OTH', '-', 'SH', 'S1'];
  const record = fc.record({
    src: fc.nat(SOURCES.length - 1),
    dst: fc.nat(40),
    port: fc.constantFrom(22, 80, 443, 8080, 3389, 5900, 25, 53),
    state: fc.nat(STATES.length - 1),
    dt: fc.integer({ min: -40, max: 30 }),
    udp: fc.boolean(),
  });
  const toSpecs = (
    rows: { src: number; dst: number; port: number; state: number; dt: number; udp: boolean }[],
  ) => {
    let t = 10_000;
    return rows.map((r, k) => {
      t += r.dt;
      const v6 = SOURCES[r.src]!.includes(':');
      return conn({
        uid: `U${k}`,
        orig: SOURCES[r.src]!,
        ts: t,
        resp: v6 ? `2001:db8::${r.dst.toString(16)}` : ext(r.dst),
        respPort: r.port,
        proto: r.udp ? 'udp' : 'tcp',
        state: STATES[r.state]!,
      });
    });
  };
  const small = cfg({
    includeUdp: true,
    horizontalThreshold: 5,
    verticalThreshold: 4,
    horizontalWindowSeconds: 60,
    verticalWindowSeconds: 45,
    latenessSeconds: 30,
    sourceIdleSeconds: 200,
    maxSources: 3,
    maxHorizontalKeys: 4,
    maxVerticalKeys: 5,
    maxTargetsPerKey: 6,
    maxTargets: 16,
    maxTrwContactsPerSource: 5,
    sampleSize: 3,
  });
  const rows = fc.array(record, { minLength: 1, maxLength: 300 });

  it('gives the same findings whatever the batch boundaries', () => {
    fc.assert(
      fc.property(
        rows,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (r, sizes) => {
          const specs = toSpecs(r);
          const whole = run(specs, small, specs.length);
          expect(run(specs, small, specs.length)).toEqual(whole);
          expect(run(specs, small, sizes)).toEqual(whole);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same findings across a snapshot at any point', () => {
    fc.assert(
      fc.property(rows, fc.nat(), (r, at) => {
        const specs = toSpecs(r);
        const cut = at % (specs.length + 1);
        const whole = run(specs, small, 16);
        const first = scanAnalyzer.create(0, small);
        observeAll(first, connBatches(specs.slice(0, cut).length ? specs.slice(0, cut) : [], 16));
        const second = scanAnalyzer.restore(0, small, unpack(pack(first.snapshot())));
        if (cut < specs.length) observeAll(second, connBatches(specs.slice(cut), 16));
        expect(second.finish()).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('evicts exactly the least recently seen source (reference model of cap + TRW)', () => {
    const step = fc.record({
      // More sources than the cap, and a cap above 16, so eviction candidates are a partial slice.
      src: fc.nat(59),
      dst: fc.nat(30),
      failed: fc.boolean(),
      dt: fc.integer({ min: -50, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 800 }), (steps) => {
        let t = 10_000;
        const specs = steps.map((s) => {
          t += s.dt;
          return conn({
            orig: `10.0.0.${s.src + 1}`,
            ts: t,
            resp: ext(s.dst),
            state: s.failed ? 'S0' : 'SF',
          });
        });
        // The model: a plain list, scanned for the minimum (lastTs, creation order) at the cap.
        interface M {
          lastTs: number;
          seq: number;
          lambda: number;
          done: boolean;
          seen: Set<string>;
        }
        const table = new Map<string, M>();
        let seq = 0;
        let evicted = 0;
        const scanners: string[] = [];
        for (const s of specs) {
          let m = table.get(s.orig!);
          if (m === undefined) {
            if (table.size >= 40) {
              let victim: [string, M] | undefined;
              for (const e of table) {
                const [, v] = e;
                if (
                  !victim ||
                  v.lastTs < victim[1].lastTs ||
                  (v.lastTs === victim[1].lastTs && v.seq < victim[1].seq)
                ) {
                  victim = e;
                }
              }
              table.delete(victim![0]);
              evicted++;
            }
            m = { lastTs: s.ts, seq: seq++, lambda: 1, done: false, seen: new Set() };
            table.set(s.orig!, m);
          } else if (s.ts > m.lastTs) m.lastTs = s.ts;
          if (m.done || m.seen.has(s.resp!)) continue;
          m.seen.add(s.resp!);
          m.lambda *= s.state === 'S0' ? FAIL : PASS;
          if (m.lambda >= 99) scanners.push(s.orig!);
          if (m.lambda >= 99 || m.lambda <= 0.01 / 0.99) m.done = true;
        }
        const out = run(specs, cfg({ ...TRW_ONLY, maxSources: 40 }));
        expect(out.evictions.maxSources).toBe(evicted);
        expect(
          of(out, 'scan.trw')
            .map((f) => f.entities.src)
            .sort(),
        ).toEqual(scanners.sort());
      }),
      { numRuns: 200 },
    );
  });

  it('outputs sorted findings with bounded samples', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const out = run(toSpecs(r), small);
        for (let k = 1; k < out.findings.length; k++) {
          expect(out.findings[k - 1]!.firstTs <= out.findings[k]!.firstTs).toBe(true);
        }
        for (const f of out.findings) {
          for (const v of Object.values(f.evidence))
            if (Array.isArray(v)) expect(v.length).toBeLessThanOrEqual(3);
          expect(f.firstTs).toBeLessThanOrEqual(f.lastTs);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('Stratosphere labelled port scans', () => {
  // NETSCRY_CORPUS, default ../shared/corpus; a missing file is reported and its test skipped.
  const horizontal = corpusPath('labelled', 'stratosphere', 'port-scans', 'horizontal', 'conn.log');
  const vertical = corpusPath('labelled', 'stratosphere', 'port-scans', 'vertical', 'conn.log');

  /** Test-only readers: TSV with a #fields header, or JSON lines. */
  const readConnLog = (path: string): ConnSpec[] => {
    const text = readFileSync(path, 'utf8');
    const specs: ConnSpec[] = [];
    let fields: string[] = [];
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      if (line.startsWith('{')) {
        specs.push(connSpecFromZeek(JSON.parse(line) as Record<string, unknown>));
      } else if (line.startsWith('#fields\t')) {
        fields = line.split('\t').slice(1);
      } else if (!line.startsWith('#')) {
        const values = line.split('\t');
        specs.push(connSpecFromZeek(Object.fromEntries(fields.map((f, k) => [f, values[k]]))));
      }
    }
    return specs;
  };

  it.runIf(horizontal)('finds the horizontal scan from 10.0.2.112 on 80/tcp', () => {
    const out = run(readConnLog(horizontal!));
    const found = of(out, 'scan.horizontal');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.entities).toEqual({ src: '10.0.2.112', port: '80', proto: 'tcp' });
    expect(f.evidence).toMatchObject({ distinctHosts: 25, failed: 10 });
    expect(f.summary).toBe('10.0.2.112 probed 25 hosts on 80/tcp within 300 s (10 failed)');
    // TRW: mostly answered web servers first, benign after six first contacts.
    expect(out.findings).toHaveLength(1);
  });

  it.runIf(vertical)('finds the vertical scan of 45.33.32.156 from 192.168.1.9', () => {
    const out = run(readConnLog(vertical!));
    const found = of(out, 'scan.vertical');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.entities).toEqual({ src: '192.168.1.9', dst: '45.33.32.156', proto: 'tcp' });
    // 44 distinct ports; all REJ but 80 and 22, which answered (RSTO after ShA: connect scan).
    expect(f.evidence).toMatchObject({ distinctPorts: 44, failed: 42 });
    expect(f.summary).toBe('192.168.1.9 probed 44 tcp ports on 45.33.32.156 within 300 s (42 failed)');
    expect(out.findings).toHaveLength(1);
  });
});

describe('exact under pressure (the tables behind the detectors)', () => {
  it('caps targets per key by last contact, not by first: a re-contacted host stays', () => {
    const c = cfg({
      ...WINDOWS_ONLY,
      enableVertical: false,
      horizontalThreshold: 5,
      verticalThreshold: 4,
      maxTargetsPerKey: 6,
    });
    const specs = [1, 2, 3, 4, 5, 6].map((h) => conn({ ts: 999 + h, resp: ext(h), state: 'SF' }));
    specs.push(conn({ ts: 1006, resp: ext(1), state: 'SF' })); // ext(1) is now the newest
    specs.push(conn({ ts: 1007, resp: ext(7), state: 'S0' })); // evicts ext(2), seen at 1001
    specs.push(conn({ ts: 1008, resp: ext(8), state: 'S0' })); // evicts ext(3); 2 of 6 failed
    const out = run(specs, c);
    expect(out.evictions.maxTargetsPerKey).toBe(2);
    const [f] = of(out, 'scan.horizontal');
    expect(f?.evidence.sampleHosts).toEqual([1, 4, 5, 6, 7, 8].map(ext));
    expect(f?.evidence).toMatchObject({ distinctHosts: 6, failed: 2 });
  });

  it('breaks ties at the per-key cap by address, IPv4 before IPv6', () => {
    const c = cfg({
      ...WINDOWS_ONLY,
      enableVertical: false,
      horizontalThreshold: 5,
      verticalThreshold: 4,
      maxTargetsPerKey: 6,
    });
    const hosts = ['2001:db8::1', ext(5), ext(3), '2001:db8::2', ext(4), ext(6)];
    const specs = hosts.map((resp) => conn({ ts: 1000, resp, state: 'SF' }));
    specs.push(conn({ ts: 1000, resp: ext(3), state: 'SF' })); // same time: still tied
    specs.push(conn({ ts: 1000, resp: ext(7), state: 'S0' })); // evicts ext(3)
    specs.push(conn({ ts: 1000, resp: ext(8), state: 'S0' })); // evicts ext(4)
    const out = run(specs, c);
    expect(out.evictions.maxTargetsPerKey).toBe(2);
    expect(of(out, 'scan.horizontal')[0]?.evidence.sampleHosts).toEqual([
      ext(5),
      ext(6),
      ext(7),
      ext(8),
      '2001:db8::1',
      '2001:db8::2',
    ]);
  });

  it('keeps the eviction order exact through removals, compaction and restores', () => {
    // 120 keys through a cap of 80, a quiet hour that sweeps them all out of the eviction
    // queue, then 101 more: the queue is compacted and refilled; a restored analyzer rebuilds
    // it from scratch and must agree at every cut.
    const c = cfg({ ...WINDOWS_ONLY, enableHorizontal: false, maxVerticalKeys: 80 });
    const specs = [
      ...Array.from({ length: 120 }, (_, k) => conn({ ts: 1000 + k - (k % 3), resp: ext(k), state: 'SF' })),
      conn({ orig: '10.0.0.9', ts: 3000, resp: ext(900), state: 'SF' }),
      ...Array.from({ length: 100 }, (_, k) => conn({ ts: 3001 + k, resp: ext(1000 + k), state: 'SF' })),
    ];
    const whole = run(specs, c);
    expect(whole.evictions.maxVerticalKeys).toBe(40 + 21);
    for (const cut of [90, 121, 150, specs.length - 1]) {
      const first = scanAnalyzer.create(0, c);
      observeAll(first, connBatches(specs.slice(0, cut), 50));
      const second = scanAnalyzer.restore(0, c, unpack(pack(first.snapshot())));
      observeAll(second, connBatches(specs.slice(cut), 50));
      expect(second.finish()).toEqual(whole);
    }
  });

  it('treats a repeat contact whose key expired between sweeps as a first contact', () => {
    const other = (ts: number): ConnSpec => conn({ orig: '10.9.9.9', ts, resp: ext(900), state: 'SF' });
    // Sweeps at 1000 and 1310 keep the key (seen at 1000); at 1605 it has expired, unswept.
    const specs = [conn({ ts: 1000, resp: ext(0), state: 'S0' }), other(1310), other(1605)];
    specs.push(...sweep(25, { t0: 1606 }));
    const [f] = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    expect(f).toMatchObject({ firstTs: 1606, lastTs: 1630 });
    expect(f?.evidence.distinctHosts).toBe(25);
  });

  it('leaves a repeat contact that is older than its key window out of it', () => {
    const w = { ...WINDOWS_ONLY, horizontalWindowSeconds: 60, verticalWindowSeconds: 60 };
    const specs = [
      conn({ ts: 1900, resp: ext(1), state: 'S0' }),
      conn({ ts: 2000, resp: ext(2), state: 'S0' }),
      conn({ ts: 1930, resp: ext(1), state: 'S0' }), // within lateness, before the window
      ...sweep(23, { t0: 2001, from: 10 }),
    ];
    // ext(1) last counted at 1900 is outside [1963, 2023]: 24 hosts, one short.
    expect(of(run(specs, cfg(w)), 'scan.horizontal')).toEqual([]);
    specs.push(conn({ ts: 2024, resp: ext(1), state: 'S0' }));
    expect(of(run(specs, cfg(w)), 'scan.horizontal')[0]?.evidence.distinctHosts).toBe(25);
  });

  it('counts a returning host as new with both detectors on (its vertical key still live)', () => {
    const specs = [conn({ ts: 1000, resp: ext(0), state: 'S0' })];
    for (let t = 1050; t <= 1400; t += 50) specs.push(conn({ ts: t, resp: ext(1), state: 'S0' }));
    specs.push(conn({ ts: 1401, resp: ext(0), state: 'S0' })); // left the window at 1300
    specs.push(...sweep(23, { t0: 1402, from: 10 }));
    const [f] = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    // ext(1), re-contacted all along, is in the window since 1050; ext(0) counts again.
    expect(f?.evidence.distinctHosts).toBe(25);
    expect(f?.firstTs).toBe(1050);
    expect(f?.evidence.sampleHosts).toContain(ext(0));
  });

  it('closes a quiet episode at the sweep while its key lives on', () => {
    const specs = sweep(30);
    for (let t = 1100; t <= 1600; t += 100) specs.push(conn({ ts: t, resp: ext(0), state: 'S0' }));
    // Another source moves event time past the sweep at 1900: the episode has had no new host
    // for window + lateness and closes there, before anything touches its key again.
    specs.push(conn({ orig: '10.9.9.9', ts: 1900, resp: ext(900), state: 'SF' }));
    specs.push(conn({ ts: 1950, resp: ext(0), state: 'S0' }));
    const found = of(run(specs, cfg(WINDOWS_ONLY)), 'scan.horizontal');
    expect(found.map((f) => [f.firstTs, f.lastTs, f.evidence.distinctHosts])).toEqual([[1000, 1600, 30]]);
  });

  it('decodes non-ASCII uids exactly', () => {
    const uids = ['Cé0', 'C✓1', 'C\u{1F600}2', 'Cplain3'];
    const specs = uids.map((uid, k) => conn({ uid, ts: 1000 + k, resp: ext(k), state: 'S0' }));
    expect(of(run(specs, cfg(TRW_ONLY)), 'scan.trw')[0]?.evidence.uids).toEqual(uids);
  });

  it('snapshots and restores around sources that were dropped', () => {
    const specs = [
      ...sweep(3, { src: '10.0.0.1', t0: 1000 }),
      ...sweep(3, { src: '10.0.0.2', t0: 3000, from: 10 }),
      conn({ orig: '10.0.0.2', ts: 5000, resp: ext(20), state: 'S0' }), // 10.0.0.1 idles out
      ...sweep(3, { src: '10.0.0.3', t0: 5001, from: 30 }),
      ...sweep(2, { src: '10.0.0.1', t0: 5010, from: 40 }),
    ];
    const c = cfg();
    const whole = run(specs, c);
    expect(of(whole, 'scan.trw').map((f) => f.entities.src)).toEqual(['10.0.0.2']);
    for (const cut of [7, 8, 10, 12]) {
      const first = scanAnalyzer.create(0, c);
      observeAll(first, [connBatch(specs.slice(0, cut))]);
      const second = scanAnalyzer.restore(0, c, unpack(pack(first.snapshot())));
      observeAll(second, [connBatch(specs.slice(cut))]);
      expect(second.finish()).toEqual(whole);
    }
  });

  it('gives the same vertical findings with and without the horizontal detector', () => {
    // Without horizontal keys every record goes through the general path (no repeat-contact
    // shortcut): interleaved hosts make the per-source cache miss and the lookup find.
    const specs: ConnSpec[] = [];
    for (let k = 0; k < 40; k++) {
      specs.push(conn({ ts: 1000 + k, resp: '198.51.100.7', respPort: 1 + (k >> 1), state: 'REJ' }));
      specs.push(conn({ ts: 1000 + k, resp: '198.51.100.8', respPort: 1 + (k % 3), state: 'SF' }));
    }
    const both = of(run(specs, cfg({ enableTrw: false })), 'scan.vertical');
    const alone = of(run(specs, cfg({ enableTrw: false, enableHorizontal: false })), 'scan.vertical');
    expect(alone).toEqual(both);
    expect(alone.map((f) => [f.entities.dst, f.evidence.distinctPorts])).toEqual([['198.51.100.7', 20]]);
  });
});
