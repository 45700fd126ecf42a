/**
 * Payload-statistics deviations of protocol.ts on conn rows with capture statistics: random
 * payload on plaintext services and ports, printable payload on encrypted ports; what is left
 * to port-mismatch, DNS, mid-stream samples and rows without statistics; the cross-shard
 * aggregate and snapshots. Plus conn-stats.ts (random-entropy table, the reader).
 */
import { pack, unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import type { ShardAnalyzer } from '../../src/detect/analyzer.js';
import { ConnStatsReader, looksRandom, RANDOM_ENTROPY } from '../../src/detect/conn-stats.js';
import type { Finding } from '../../src/detect/finding.js';
import {
  concludeProtocol,
  mergeProtocolPartials,
  PayloadKind,
  type ProtocolConfig,
  payloadClass,
  protocolAnalyzer,
  sawOriginatorSyn,
  validateProtocolConfig,
} from '../../src/detect/protocol.js';
import { shannonEntropy } from '../../src/ingest/pcap/packet-stats.js';
import type { BatchView } from '../../src/shared/record.js';
import { randomBytes } from '../helpers/payload-captures.js';
import { observeAll } from '../helpers/records.js';
import { type DirStats, type StatsConn, statsConnLog } from '../helpers/stats-conn-log.js';
import { zeekViews } from '../helpers/zeek-views.js';

const T0 = 1_700_000_000;
const cfg = (over: Record<string, unknown> = {}): ProtocolConfig => validateProtocolConfig(over);
const PAYLOAD = ['protocol.encrypted-on-plaintext-port', 'protocol.plaintext-on-encrypted-port'];

function runViews(views: readonly BatchView[], config = cfg()): Finding[] {
  const a = protocolAnalyzer.create(0, config);
  observeAll(a, views);
  const out = a.finish();
  return [...out.findings, ...concludeProtocol(protocolAnalyzer.merge([out.partial]), config)];
}

const detect = (conns: StatsConn[], withStats = true, config = cfg()) =>
  runViews(zeekViews(statsConnLog(conns, withStats)), config).filter((f) => PAYLOAD.includes(f.detector));

const RANDOM: DirStats = { entropy: 7.2, printable: 0.37, sampled: 256, ipLen: [52, 1500], sd: 500 };
const TEXT: DirStats = { entropy: 4.6, printable: 1, sampled: 256, ipLen: [52, 400], sd: 100 };

const tcp = (over: Partial<StatsConn>): StatsConn => ({
  ts: T0,
  orig: '10.0.0.5',
  origPort: 50_000,
  resp: '203.0.113.80',
  respPort: 80,
  proto: 'tcp',
  origBytes: 600,
  respBytes: 900,
  origPkts: 5,
  respPkts: 5,
  origStats: RANDOM,
  respStats: RANDOM,
  ...over,
});

describe('conn-stats', () => {
  it('RANDOM_ENTROPY is what random bytes give over n bytes', () => {
    expect(RANDOM_ENTROPY[256]).toBeCloseTo(7.175, 2);
    expect(RANDOM_ENTROPY[128]).toBeCloseTo(6.55, 2);
    expect(RANDOM_ENTROPY[64]).toBeCloseTo(5.77, 2);
    expect(RANDOM_ENTROPY[1]).toBe(0);
    // Random samples fall in the band; text, ping's counting bytes and zeros do not.
    for (let seed = 1; seed <= 50; seed++) {
      const b = randomBytes(256, seed);
      expect(looksRandom(shannonEntropy(b), 256, 0.5)).toBe(true);
      expect(looksRandom(shannonEntropy(b, 128), 128, 0.5)).toBe(true);
    }
    const counting = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(looksRandom(shannonEntropy(counting), 256, 0.5)).toBe(false);
    const text = new TextEncoder().encode('GET /index.html HTTP/1.1\r\nHost: example.org\r\n'.repeat(6));
    expect(looksRandom(shannonEntropy(text, 256), 256, 0.5)).toBe(false);
    expect(looksRandom(Number.NaN, 256, 0.5)).toBe(false);
    expect(looksRandom(7, 0, 0.5)).toBe(false);
    expect(looksRandom(7.2, 999, 0.5)).toBe(true);
  });

  it('the reader says when a row has no statistics', () => {
    const r = new ConnStatsReader();
    const [withStats] = zeekViews(statsConnLog([tcp({})]));
    expect(r.read(withStats!, 0)).toBe(true);
    expect(r.orig).toMatchObject({
      entropy: 7.2,
      printable: 0.37,
      bytes: 256,
      ipLenMin: 52,
      ipLenMax: 1500,
      ipLenSd: 500,
    });
    const [without] = zeekViews(statsConnLog([tcp({})], false));
    expect(r.read(without!, 0)).toBe(false);
    expect(r.orig.bytes).toBe(0);
    expect(r.orig.entropy).toBeNaN();
    // Columns present, all unset: no statistics either.
    const [unset] = zeekViews(statsConnLog([tcp({ origStats: {}, respStats: {} })]));
    expect(r.read(unset!, 0)).toBe(false);
  });
});

describe('payloadClass and sawOriginatorSyn', () => {
  it('classifies by service and port, leaving port mismatches, DNS and encrypted services out', () => {
    expect(payloadClass('', 80)).toBe(PayloadKind.Random);
    expect(payloadClass('-', 53)).toBe(PayloadKind.Random);
    expect(payloadClass('http', 8000)).toBe(PayloadKind.Random);
    expect(payloadClass('ftp,-smtp', 21)).toBe(PayloadKind.Random);
    expect(payloadClass('', 9999)).toBe(PayloadKind.None);
    expect(payloadClass('dns', 53)).toBe(PayloadKind.None);
    expect(payloadClass('ssl,http', 80)).toBe(PayloadKind.None);
    expect(payloadClass('mysql', 3306)).toBe(PayloadKind.None);
    expect(payloadClass('', 443)).toBe(PayloadKind.Text);
    expect(payloadClass('smtp', 465)).toBe(PayloadKind.Text);
    expect(payloadClass('http', 443)).toBe(PayloadKind.None); // port-mismatch's
    expect(payloadClass('ssh', 80)).toBe(PayloadKind.None);
    expect(payloadClass('quic', 443)).toBe(PayloadKind.None);
  });
  it('needs the SYN and no role flip', () => {
    const h = (s: string) => new TextEncoder().encode(s);
    expect(sawOriginatorSyn(h('ShADadFf'))).toBe(true);
    expect(sawOriginatorSyn(h('DdAa'))).toBe(false);
    expect(sawOriginatorSyn(h('^hADad'))).toBe(false);
    expect(sawOriginatorSyn(h('sHADad'))).toBe(false);
  });
});

describe('protocol.encrypted-on-plaintext-port', () => {
  it('reports random payload both ways on port 80, aggregated per server and port', () => {
    const f = detect([
      tcp({}),
      tcp({ ts: T0 + 10, origPort: 50_001 }),
      tcp({ ts: T0 + 20, orig: '10.0.0.6', respStats: { ...RANDOM, entropy: 7.0, sampled: 200 } }),
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      detector: 'protocol.encrypted-on-plaintext-port',
      attack: 'T1573',
      severity: 'medium',
      entities: { src: ['10.0.0.5', '10.0.0.6'], dst: '203.0.113.80', port: '80', proto: 'tcp' },
    });
    expect(f[0]!.entities).not.toHaveProperty('service');
    expect(f[0]!.evidence).toMatchObject({
      connections: 3,
      directions: 6,
      sampledBytes: 5 * 256 + 200,
      entropyMin: 7,
      entropyMax: 7.2,
      minSampleBytes: 128,
      randomEntropyMargin: 0.5,
    });
    expect(f[0]!.summary).toContain('a plaintext port without encryption');
  });

  it('on an identified plaintext service, with one direction too short to judge', () => {
    const f = detect([tcp({ service: 'http', respPort: 8000, respStats: { ...RANDOM, sampled: 40 } })]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'low', entities: { service: 'http', port: '8000' } });
    expect(f[0]!.evidence).toMatchObject({ connections: 1, directions: 1, sampledBytes: 256 });
  });

  it('UDP 53 without DNS (a VPN on the DNS port) needs no handshake', () => {
    const f = detect([tcp({ proto: 'udp', respPort: 53, history: 'Dd' })]);
    expect(f.map((x) => [x.entities.port, x.entities.proto])).toEqual([['53', 'udp']]);
  });

  it('does not report text, mixed directions, DNS, mid-stream starts, unknown ports or Zeek rows', () => {
    expect(detect([tcp({ origStats: TEXT, respStats: TEXT })])).toEqual([]);
    expect(detect([tcp({ origStats: TEXT })])).toEqual([]);
    expect(detect([tcp({ proto: 'udp', respPort: 53, service: 'dns', history: 'Dd' })])).toEqual([]);
    expect(detect([tcp({ history: 'DdAaFf' })])).toEqual([]);
    expect(detect([tcp({ respPort: 9999 })])).toEqual([]);
    expect(
      detect([tcp({ origStats: { ...RANDOM, sampled: 100 }, respStats: { ...RANDOM, sampled: 100 } })]),
    ).toEqual([]);
    // A counting pattern is above the random band.
    expect(
      detect([tcp({ origStats: { ...RANDOM, entropy: 8 }, respStats: { ...RANDOM, entropy: 8 } })]),
    ).toEqual([]);
    expect(detect([tcp({})], false)).toEqual([]);
    expect(detect([tcp({})], true, cfg({ enablePayload: false }))).toEqual([]);
    expect(detect([tcp({}), tcp({ origPort: 50_002 })], true, cfg({ payloadMinConnections: 3 }))).toEqual([]);
  });
});

describe('protocol.plaintext-on-encrypted-port', () => {
  it('reports printable payload on 443 without TLS, not a port mismatch it already is', () => {
    const text = tcp({
      resp: '203.0.113.43',
      respPort: 443,
      origStats: TEXT,
      respStats: { ...TEXT, printable: 0.97 },
    });
    const f = detect([text]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      detector: 'protocol.plaintext-on-encrypted-port',
      attack: 'T1571',
      entities: { dst: '203.0.113.43', port: '443' },
    });
    expect(f[0]!.evidence).toMatchObject({
      printableMin: 0.97,
      printableMax: 1,
      minPrintable: 0.95,
      minSampleBytes: 64,
    });
    expect(f[0]!.summary).toContain('97–100 % printable');
    // HTTP identified on 443: port-mismatch reports it, the payload rule does not.
    const all = runViews(zeekViews(statsConnLog([{ ...text, service: 'http' }])));
    expect(all.map((x) => x.detector)).toEqual(['protocol.port-mismatch']);
    // SMTP without TLS on 465 (allowed there, so no port mismatch): reported, with its service.
    const smtp = detect([{ ...text, service: 'smtp', respPort: 465 }]);
    expect(smtp[0]!.summary).toContain('(service smtp)');
  });

  it('port 22 needs a higher printable share (SSH banners and KEXINIT name lists are text)', () => {
    const ssh = (printable: number) =>
      tcp({ respPort: 22, origStats: { ...TEXT, printable }, respStats: { ...TEXT, printable } });
    expect(detect([ssh(0.97)])).toEqual([]);
    const f = detect([ssh(1)]);
    expect(f[0]!.evidence).toMatchObject({ minPrintable: 0.995 });
  });

  it('does not report binary or short samples, or encrypted services', () => {
    expect(detect([tcp({ respPort: 443 })])).toEqual([]);
    expect(
      detect([
        tcp({ respPort: 443, origStats: { ...TEXT, sampled: 40 }, respStats: { ...TEXT, sampled: 40 } }),
      ]),
    ).toEqual([]);
    expect(detect([tcp({ respPort: 443, service: 'ssl', origStats: TEXT, respStats: TEXT })])).toEqual([]);
  });
});

describe('payload aggregates across shards and snapshots', () => {
  it('merges partials of several shards into one finding', () => {
    const c = cfg();
    const parts = ['10.0.0.5', '10.1.0.5'].map((orig, k) => {
      const a = protocolAnalyzer.create(k, c);
      observeAll(a, zeekViews(statsConnLog([tcp({ orig, ts: T0 + k })])));
      return a.finish().partial;
    });
    const merged = mergeProtocolPartials(parts);
    const f = concludeProtocol(merged, c).filter((x) => PAYLOAD.includes(x.detector));
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toMatchObject({ connections: 2 });
    expect(f[0]!.entities.src).toEqual(['10.0.0.5', '10.1.0.5']);
    // A partial of an older build (no payloads) merges as none.
    const { payloads: _drop, ...old } = parts[0] as Record<string, unknown>;
    expect(concludeProtocol(mergeProtocolPartials([old]), c).some((x) => PAYLOAD.includes(x.detector))).toBe(
      false,
    );
  });

  it('same findings across snapshot/restore, and the key cap counts evictions', () => {
    const conns = [
      tcp({}),
      tcp({ resp: '203.0.113.81', ts: T0 + 1 }),
      tcp({ resp: '203.0.113.82', ts: T0 + 2 }),
    ];
    const text = statsConnLog(conns);
    const reference = runViews(zeekViews(text));
    let a: ShardAnalyzer = protocolAnalyzer.create(0, cfg());
    for (const v of zeekViews(text, { batchRecords: 1 })) {
      observeAll(a, [v]);
      a = protocolAnalyzer.restore(0, cfg(), unpack(pack(a.snapshot())));
    }
    const out = a.finish();
    expect([...out.findings, ...concludeProtocol(protocolAnalyzer.merge([out.partial]), cfg())]).toEqual(
      reference,
    );
    const capped = protocolAnalyzer.create(0, cfg({ maxPortKeys: 1 }));
    observeAll(capped, zeekViews(text));
    expect(capped.finish().evictions).toMatchObject({ maxPayloadKeys: 2 });
  });

  it('validates the options', () => {
    expect(() => cfg({ payloadMinSampleBytes: 300 })).toThrow(/payloadMinSampleBytes/);
    expect(() => cfg({ textMinPrintable: 2 })).toThrow(/textMinPrintable/);
    expect(cfg({ randomEntropyMargin: 1 }).randomEntropyMargin).toBe(1);
  });
});
