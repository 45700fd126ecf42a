/**
 * ICMP tunnelling (icmp-tunnel.ts) on conn rows: with capture statistics (entropy, sizes) and
 * without (Zeek's conn.log: the stricter size-only rule), what ping, traceroute and
 * neighbour discovery look like, caps, windows, and independence of batching and snapshots.
 */
import { pack, unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import type { ShardAnalyzer } from '../../src/detect/analyzer.js';
import type { Finding } from '../../src/detect/finding.js';
import {
  DEFAULT_ICMP_TUNNEL_CONFIG,
  type IcmpTunnelConfig,
  icmpTunnelAnalyzer,
  judgePair,
  tunnelCapableType,
  validateIcmpTunnelConfig,
} from '../../src/detect/icmp-tunnel.js';
import { detectorNamed } from '../../src/detect/registry.js';
import { NetscryError } from '../../src/shared/errors.js';
import type { BatchView } from '../../src/shared/record.js';
import { observeAll } from '../helpers/records.js';
import { type StatsConn, statsConnLog } from '../helpers/stats-conn-log.js';
import { zeekViews } from '../helpers/zeek-views.js';

const T0 = 1_700_000_000;
const cfg = (over: Record<string, unknown> = {}): IcmpTunnelConfig => validateIcmpTunnelConfig(over);

function run(
  views: readonly BatchView[],
  config = cfg(),
): { findings: Finding[]; evictions: Record<string, number> } {
  const a = icmpTunnelAnalyzer.create(0, config);
  observeAll(a, views);
  const out = a.finish();
  return { findings: [...out.findings], evictions: { ...out.evictions } };
}

const detect = (conns: StatsConn[], withStats = true, config = cfg(), batchRecords = 64) =>
  run(zeekViews(statsConnLog(conns, withStats), { batchRecords }), config);

/** `n` ICMP conns (one per minute) between a pair, each of `pkts` packets per direction. */
function session(n: number, over: (k: number) => Partial<StatsConn>): StatsConn[] {
  return Array.from({ length: n }, (_, k) => ({
    ts: T0 + 60 * k,
    orig: '10.0.0.5',
    origPort: 8,
    resp: '198.51.100.9',
    respPort: 0,
    proto: 'icmp' as const,
    origBytes: 0,
    respBytes: 0,
    origPkts: 10,
    respPkts: 10,
    ...over(k),
  }));
}

/** A ptunnel-like exchange: large varying random requests, larger replies. */
const tunnel = (n = 6) =>
  session(n, () => ({
    origBytes: 6_000,
    respBytes: 11_000,
    origStats: { entropy: 7.2, printable: 0.37, sampled: 256, ipLen: [120, 1200], sd: 300 },
    respStats: { entropy: 7.15, printable: 0.38, sampled: 256, ipLen: [200, 1400], sd: 350 },
  }));

describe('exfil.icmp-tunnel with capture statistics', () => {
  it('reports a ptunnel-like pair once, with the signals and figures that crossed the thresholds', () => {
    const { findings } = detect(tunnel());
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({
      detector: 'exfil.icmp-tunnel',
      attack: 'T1095',
      severity: 'high',
      entities: { src: '10.0.0.5', dst: '198.51.100.9', proto: 'icmp' },
    });
    expect(f.evidence).toMatchObject({
      signals: ['large', 'asymmetric', 'varying', 'random'],
      packets: 120,
      payloadBytes: 6 * 17_000,
      origMeanPayload: 600,
      respMeanPayload: 1100,
      captureStatistics: true,
      judgedDirections: 12,
      randomDirections: 12,
      entropyMin: 7.15,
      entropyMax: 7.2,
      sampledBytes: 256,
      maxIpLenSd: 350,
      records: 6,
      icmpTypes: ['8/0'],
    });
    expect((f.evidence.sampleUids as string[]).length).toBe(6);
    expect(f.firstTs).toBe(T0);
    expect(f.lastTs).toBe(T0 + 300);
    expect(f.summary).toContain('10.0.0.5 to 198.51.100.9');
  });

  it('does not report pings: Linux, Windows, large counting-pattern pings, path-MTU probing', () => {
    // Linux: 56 bytes, timestamp + counting bytes, echoed.
    const linux = session(20, () => ({
      origBytes: 560,
      respBytes: 560,
      origStats: { entropy: 5.4, printable: 0.55, sampled: 256, ipLen: [84, 84], sd: 0 },
      respStats: { entropy: 5.4, printable: 0.55, sampled: 256, ipLen: [84, 84], sd: 0 },
    }));
    // ping -s 1400 for an hour: 256 distinct counting bytes (entropy ≈ 8, above random's 7.18).
    const big = session(60, () => ({
      resp: '198.51.100.10',
      origBytes: 14_000,
      respBytes: 14_000,
      origStats: { entropy: 7.97, printable: 0.4, sampled: 256, ipLen: [1428, 1428], sd: 0 },
      respStats: { entropy: 7.97, printable: 0.4, sampled: 256, ipLen: [1428, 1428], sd: 0 },
    }));
    // Path-MTU probing: large, varying sizes, echoed (symmetric), not random.
    const mtu = session(10, () => ({
      resp: '198.51.100.11',
      origBytes: 10_000,
      respBytes: 10_000,
      origStats: { entropy: 7.9, printable: 0.4, sampled: 256, ipLen: [600, 1500], sd: 300 },
      respStats: { entropy: 7.9, printable: 0.4, sampled: 256, ipLen: [600, 1500], sd: 300 },
    }));
    expect(detect([...linux, ...big, ...mtu]).findings).toEqual([]);
  });

  it('reports an echoed tunnel by size, variation and volume: ptunnel-ng through a kernel that answers pings', () => {
    // The peer's kernel echoes every request (the directions look alike) and the tunnel's
    // per-packet header keeps the first 256 bytes below the random band (6.65 bits/byte, as
    // measured on ptunnel-ng carrying random data): large + varying + bulk.
    const echoed = (n: number) =>
      session(n, () => ({
        origBytes: 100_000,
        respBytes: 100_000,
        origPkts: 100,
        respPkts: 100,
        origStats: { entropy: 6.65, printable: 0.29, sampled: 256, ipLen: [56, 1080], sd: 180 },
        respStats: { entropy: 6.65, printable: 0.29, sampled: 256, ipLen: [56, 1080], sd: 224 },
      }));
    const f = detect(echoed(6)).findings;
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toMatchObject({ signals: ['large', 'varying', 'bulk'], randomDirections: 0 });
    // Under the bulk threshold: a long path-MTU probe looks the same and is not reported.
    expect(detect(echoed(5)).findings).toEqual([]);
    // One size (a constant large ping at the same volume): not varying, not reported.
    const flood = echoed(6).map((c) => ({
      ...c,
      origStats: { ...c.origStats!, ipLen: [1080, 1080] as [number, number], sd: 0 },
      respStats: { ...c.respStats!, ipLen: [1080, 1080] as [number, number], sd: 0 },
    }));
    expect(detect(flood).findings).toEqual([]);
  });

  it('needs the volume: packets and payload bytes', () => {
    expect(detect(tunnel(1)).findings).toEqual([]); // 20 packets < 40
    expect(detect(tunnel(3), true, cfg({ minPayloadBytes: 60_000 })).findings).toEqual([]);
    expect(detect(tunnel(3)).findings).toHaveLength(1);
  });

  it('two signals suffice when one is random or asymmetric', () => {
    // Random, constant size, symmetric, small: random alone is not enough...
    const small = (sd: number) =>
      session(10, () => ({
        origBytes: 4_000,
        respBytes: 4_000,
        origStats: { entropy: 7.2, printable: 0.37, sampled: 256, ipLen: [400, 400], sd },
        respStats: { entropy: 7.2, printable: 0.37, sampled: 256, ipLen: [400, 400], sd },
      }));
    const lowLarge = cfg({ largePayloadBytes: 1_000 });
    expect(detect(small(0), true, lowLarge).findings).toEqual([]);
    // ...random and varying is.
    const f = detect(small(40), true, lowLarge).findings;
    expect(f.map((x) => x.evidence.signals)).toEqual([['varying', 'random']]);
    expect(f[0]!.severity).toBe('medium');
    // A plaintext tunnel: large and asymmetric, low entropy.
    const text = session(10, () => ({
      origBytes: 2_000,
      respBytes: 12_000,
      origStats: { entropy: 4.5, printable: 0.99, sampled: 256, ipLen: [120, 300], sd: 10 },
      respStats: { entropy: 4.8, printable: 0.98, sampled: 256, ipLen: [1000, 1200], sd: 10 },
    }));
    expect(detect(text).findings.map((x) => x.evidence.signals)).toEqual([['large', 'asymmetric']]);
  });

  it('small samples are not judged random', () => {
    const conns = session(10, () => ({
      origBytes: 4_000,
      respBytes: 9_000,
      origStats: { entropy: 5.8, printable: 0.37, sampled: 64, ipLen: [400, 400], sd: 0 },
      respStats: { entropy: 5.8, sampled: 64, ipLen: [900, 900], sd: 0 },
    }));
    const f = detect(conns).findings;
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toMatchObject({ signals: ['large', 'asymmetric'], judgedDirections: 0 });
    expect(f[0]!.evidence).not.toHaveProperty('entropyMin');
    expect(detect(conns, true, cfg({ minSampleBytes: 64 })).findings[0]!.evidence.signals).toContain(
      'random',
    );
  });

  it('skips ICMP errors, router and neighbour discovery (they quote packets), and other protocols', () => {
    const of = (origPort: number, resp = '198.51.100.9') =>
      tunnel(6).map((c) => ({ ...c, origPort, respPort: 0, resp }));
    const v6 = (origPort: number) =>
      tunnel(6).map((c) => ({ ...c, orig: 'fd00::5', resp: '2001:db8::9', origPort, respPort: 0 }));
    const udp = tunnel(6).map((c) => ({ ...c, proto: 'udp' as const, origPort: 5000, respPort: 53 }));
    expect(detect([...of(3), ...of(11, '198.51.100.12'), ...v6(1), ...v6(135), ...udp]).findings).toEqual([]);
    expect(detect(v6(128)).findings).toHaveLength(1);
    expect(detect(of(13)).findings).toHaveLength(1);
  });

  it('keeps windows apart', () => {
    const spread = tunnel(6).map((c, k) => ({ ...c, ts: T0 + k * 1_800 }));
    // Three windows of 3600 s with two records each: 40 packets each.
    expect(detect(spread).findings).toHaveLength(3);
    expect(detect(spread, true, cfg({ windowSeconds: 60 })).findings).toEqual([]);
  });
});

describe('exfil.icmp-tunnel without capture statistics (Zeek conn.log)', () => {
  const sized = (n: number, ob: number, rb: number) =>
    session(n, () => ({ origBytes: ob, respBytes: rb, origPkts: 100, respPkts: 100 }));

  it('needs bulk, large packets and asymmetry', () => {
    const f = detect(sized(10, 40_000, 90_000), false).findings;
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toMatchObject({
      signals: ['large', 'asymmetric', 'bulk'],
      captureStatistics: false,
      minPayloadBytes: 1_048_576,
    });
    expect(f[0]!.evidence).not.toHaveProperty('maxIpLenSd');
    expect(f[0]!.confidence).toBe(0.7);
    // Too little for the size-only rule (the statistics rule would take it).
    expect(detect(sized(5, 40_000, 90_000), false).findings).toEqual([]);
    // Symmetric: large pings.
    expect(detect(sized(10, 90_000, 90_000), false).findings).toEqual([]);
    // One direction only (no replies): not asymmetric, as there is nothing to compare.
    const oneWay = sized(20, 90_000, 0).map((c) => ({ ...c, respPkts: 0 }));
    expect(detect(oneWay, false).findings).toEqual([]);
  });
});

describe('judgePair and tunnelCapableType', () => {
  const c = DEFAULT_ICMP_TUNNEL_CONFIG;
  it('names the signals in a fixed order', () => {
    const p = {
      origPkts: 50,
      respPkts: 0,
      origBytes: 50_000,
      respBytes: 0,
      withStats: 1,
      maxSd: 20,
      random: 1,
      maxVariants: 0,
    };
    expect(judgePair(p, c)).toEqual({ signals: ['large', 'varying', 'random'], fire: true, stats: true });
    // Echo data changing from packet to packet: large + changing fires on its own.
    const text = { ...p, maxSd: 0, random: 0, maxVariants: 8 };
    expect(judgePair(text, c)).toEqual({ signals: ['large', 'changing'], fire: true, stats: true });
    expect(judgePair({ ...text, maxVariants: 3 }, c).fire).toBe(false);
    expect(judgePair({ ...text, origBytes: 5_000 }, c)).toMatchObject({ signals: ['changing'], fire: false });
    expect(judgePair({ ...p, random: 0 }, c).fire).toBe(false);
    expect(judgePair({ ...p, origPkts: 0, origBytes: 0 }, c)).toMatchObject({
      signals: ['varying', 'random'],
      fire: false,
    });
  });
  it('ICMP types', () => {
    expect([0, 8, 13, 17, 42].every((t) => tunnelCapableType(t, false))).toBe(true);
    expect([3, 4, 5, 9, 10, 11, 12].some((t) => tunnelCapableType(t, false))).toBe(false);
    expect([128, 129, 138, 200].every((t) => tunnelCapableType(t, true))).toBe(true);
    expect([1, 2, 3, 4, 127, 130, 133, 137, 143].some((t) => tunnelCapableType(t, true))).toBe(false);
  });
});

describe('state and options', () => {
  it('caps pairs and counts the evictions', () => {
    const pairs = tunnel(6).map((c, k) => ({ ...c, resp: `198.51.100.${k + 1}` }));
    const { findings, evictions } = detect(pairs, true, cfg({ maxPairs: 2 }));
    expect(findings).toEqual([]);
    expect(evictions).toEqual({ maxPairs: 4 });
  });

  it('gives the same findings for any batch size and across snapshot/restore', () => {
    const conns = [...tunnel(8), ...tunnel(8).map((c) => ({ ...c, orig: '10.0.1.7', ts: c.ts + 5 }))];
    const text = statsConnLog(conns);
    const reference = run(zeekViews(text, { batchRecords: 64 })).findings;
    expect(reference).toHaveLength(2);
    expect(run(zeekViews(text, { batchRecords: 1 })).findings).toEqual(reference);
    const views = zeekViews(text, { batchRecords: 3 });
    let a: ShardAnalyzer = icmpTunnelAnalyzer.create(0, cfg());
    views.forEach((v, k) => {
      observeAll(a, [v]);
      if (k % 2 === 0) a = icmpTunnelAnalyzer.restore(0, cfg(), unpack(pack(a.snapshot())));
    });
    expect(a.finish().findings).toEqual(reference);
    expect(() => icmpTunnelAnalyzer.restore(1, cfg(), a.snapshot())).toThrow(NetscryError);
    expect(icmpTunnelAnalyzer.merge([undefined])).toBeUndefined();
  });

  it('validates options and is registered, on by default', () => {
    expect(cfg()).toEqual(DEFAULT_ICMP_TUNNEL_CONFIG);
    expect(cfg({ minPackets: 5 }).minPackets).toBe(5);
    expect(() => cfg({ minPackets: 0 })).toThrow(/icmp/);
    expect(() => cfg({ asymmetryRatio: 0.5 })).toThrow(NetscryError);
    expect(() => cfg({ nope: 1 })).toThrow(NetscryError);
    const entry = detectorNamed('icmp');
    expect(entry?.defaultOn).toBe(true);
    expect(entry?.produces).toEqual(['exfil.icmp-tunnel']);
    expect(entry?.validate({})).toEqual(DEFAULT_ICMP_TUNNEL_CONFIG);
  });
});
