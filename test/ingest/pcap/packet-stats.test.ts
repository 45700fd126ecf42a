/**
 * Per-connection packet statistics (packet-stats.ts): payload entropy of a direction's first
 * 256 bytes, IP length summary, TTLs, fragments — through the tracker, through
 * `extractCapture` and into conn.log's extra columns.
 */
import { describe, expect, it } from 'vitest';
import { type ConnRecord, ConnTracker } from '../../../src/ingest/pcap/connections.js';
import { extractCapture } from '../../../src/ingest/pcap/extract.js';
import { DecodedPacket, IpProto, TcpFlag } from '../../../src/ingest/pcap/packet.js';
import {
  DirectionStatsAccumulator,
  ENTROPY_BYTES,
  isPrintableByte,
  MAX_TTLS,
  MAX_VARIANTS,
  printableShare,
  shannonEntropy,
  VARIANT_FROM,
} from '../../../src/ingest/pcap/packet-stats.js';
import { connColumns } from '../../../src/report/zeek-columns.js';
import { zeekTsv } from '../../../src/report/zeek-log.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks, parseAddress } from '../../../src/shared/addr.js';
import { buildPcap, EtherType, ethernet, ipv4, udp } from '../../helpers/pcap.js';
import { zeekColumns } from '../../helpers/zeek-text.js';

const CLIENT = '10.0.0.5';
const SERVER = '198.51.100.7';

interface Pkt {
  from: 'c' | 's';
  payload?: Uint8Array;
  /** IP length (default: 28 + payload for UDP, 40 + payload for TCP). */
  ipLength?: number;
  ttl?: number;
  proto?: number;
  flags?: number;
  seq?: number;
}

/** Feeds hand-built packets (payload at offset 0 of the buffer passed to `observe`). */
function track(packets: readonly Pkt[]): ConnRecord[] {
  const conns: ConnRecord[] = [];
  const tracker = new ConnTracker(
    (r) => conns.push(r),
    () => {},
  );
  const p = new DecodedPacket();
  const c = parseAddress(CLIENT)!;
  const s = parseAddress(SERVER)!;
  let t = 1;
  for (const k of packets) {
    p.reset();
    p.ts = t;
    t += 0.01;
    p.ipVersion = 4;
    const fromClient = k.from === 'c';
    p.addr.set(fromClient ? c : s, 0);
    p.addr.set(fromClient ? s : c, 4);
    p.ipProto = k.proto ?? IpProto.Udp;
    p.srcPort = fromClient ? 40000 : 9999;
    p.dstPort = fromClient ? 9999 : 40000;
    p.tcpFlags = k.flags ?? 0;
    p.seq = k.seq ?? 0;
    const payload = k.payload ?? new Uint8Array(0);
    p.payloadOffset = 0;
    p.payloadLength = payload.length;
    p.payloadClaimed = payload.length;
    p.ttl = k.ttl ?? 64;
    p.ipLength = k.ipLength ?? (p.ipProto === IpProto.Tcp ? 40 : 28) + payload.length;
    tracker.observe(p, payload);
  }
  tracker.flush();
  return conns;
}

const zeros = (n: number) => new Uint8Array(n);
const distinct = () => Uint8Array.from({ length: 256 }, (_, i) => i);

describe('payload entropy', () => {
  it('is 0 for one repeated byte and 8 for 256 distinct bytes', () => {
    expect(shannonEntropy(zeros(256))).toBe(0);
    expect(shannonEntropy(distinct())).toBe(8);
    expect(shannonEntropy(new Uint8Array([1, 2]))).toBe(1);
    expect(shannonEntropy(new Uint8Array(0))).toBe(0);
    // Past 256 bytes (the tracker never asks, callers may): the counts' own logarithms.
    expect(shannonEntropy(Uint8Array.from({ length: 512 }, (_, i) => i & 255))).toBe(8);
    expect(shannonEntropy(zeros(70_000))).toBe(0);
  });

  it("is taken over a direction's first 256 payload bytes, across packets, in arrival order", () => {
    const all = distinct();
    const [conn] = track([
      { from: 'c', payload: zeros(300) },
      // 256 distinct bytes over three packets, then bytes past the first 256 that would
      // lower the entropy if they counted.
      { from: 's', payload: all.subarray(0, 100) },
      { from: 's' },
      { from: 's', payload: all.subarray(100, 200) },
      { from: 's', payload: all.subarray(200) },
      { from: 's', payload: zeros(500) },
    ]);
    const stats = conn!.stats!;
    expect(stats.orig.entropy).toBe(0);
    expect(stats.orig.entropyBytes).toBe(ENTROPY_BYTES);
    expect(stats.resp.entropy).toBe(8);
    expect(stats.resp.entropyBytes).toBe(256);
  });

  it('is over the bytes seen when fewer than 256 came, and unset without payload', () => {
    const [conn] = track([{ from: 'c', payload: new Uint8Array([7, 7, 9, 9]) }, { from: 's' }]);
    expect(conn!.stats!.orig).toMatchObject({ entropy: 1, entropyBytes: 4, printable: 0.5 });
    expect(conn!.stats!.resp).toMatchObject({
      entropy: undefined,
      entropyBytes: 0,
      printable: undefined,
      packets: 1,
    });
  });

  it('the printable share counts 0x20–0x7E, TAB, CR and LF over the same sampled bytes', () => {
    expect(isPrintableByte(0x1f)).toBe(false);
    expect(isPrintableByte(0x7f)).toBe(false);
    expect([0x09, 0x0a, 0x0d, 0x20, 0x41, 0x7e].every(isPrintableByte)).toBe(true);
    expect(printableShare(new TextEncoder().encode('GET / HTTP/1.1\r\n\tx'))).toBe(1);
    expect(printableShare(distinct())).toBe(98 / 256);
    expect(printableShare(new Uint8Array(0))).toBe(0);
    // Text first, binary past the 256 sampled bytes: the binary does not count.
    const text = new TextEncoder().encode('a'.repeat(200));
    const [conn] = track([
      { from: 'c', payload: text },
      { from: 'c', payload: Uint8Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 0 : 0x41)) },
      { from: 'c', payload: zeros(400) },
    ]);
    expect(conn!.stats!.orig.entropyBytes).toBe(256);
    // 200 + 28 printable of the 256 sampled bytes.
    expect(conn!.stats!.orig.printable).toBe(228 / 256);
  });

  it('counts TCP segment payloads as they arrive', () => {
    const { Syn, Ack, Psh } = TcpFlag;
    const [conn] = track([
      { from: 'c', proto: IpProto.Tcp, flags: Syn, seq: 100 },
      { from: 's', proto: IpProto.Tcp, flags: Syn | Ack, seq: 900 },
      { from: 'c', proto: IpProto.Tcp, flags: Ack, seq: 101 },
      { from: 'c', proto: IpProto.Tcp, flags: Psh | Ack, seq: 101, payload: distinct().subarray(0, 128) },
      { from: 'c', proto: IpProto.Tcp, flags: Psh | Ack, seq: 229, payload: distinct().subarray(128) },
    ]);
    expect(conn!.stats!.orig).toMatchObject({ entropy: 8, entropyBytes: 256, packets: 4 });
    expect(conn!.stats!.resp.entropy).toBeUndefined();
  });
});

describe('payload variants (ICMP echo)', () => {
  const packet = (stamp: number, body: (i: number) => number, length = 64): Uint8Array => {
    const p = new Uint8Array(length);
    for (let i = 0; i < length; i++) p[i] = i < VARIANT_FROM ? (stamp >> (i % 4)) & 0xff : body(i);
    return p;
  };
  const variants = (packets: readonly Uint8Array[], watch = true): number | undefined => {
    const acc = new DirectionStatsAccumulator();
    if (watch) acc.watchVariants();
    for (const p of packets) acc.add(28 + p.length, 64, 0, p, 0, p.length);
    return acc.snapshot().variants;
  };

  it("counts ping's fixed pattern behind its timestamp once, and changing data up to the cap", () => {
    const ping = Array.from({ length: 20 }, (_, k) => packet(1_700_000_000 + k, (i) => i & 0xff));
    expect(variants(ping)).toBe(1);
    const data = Array.from({ length: 20 }, (_, k) => packet(k, (i) => (i * 31 + k * 7) & 0xff));
    expect(variants(data)).toBe(MAX_VARIANTS);
    expect(variants(data.slice(0, 3))).toBe(3);
  });

  it('needs data past the timestamp, and is not counted unless watched', () => {
    const short = Array.from({ length: 5 }, (_, k) => packet(k, () => k, VARIANT_FROM));
    expect(variants(short)).toBe(0);
    expect(variants(short, false)).toBeUndefined();
  });
});

describe('IP length summary and TTLs', () => {
  it('min, max, mean and standard deviation are exact', () => {
    const lengths = [40, 60, 100, 1500, 52];
    const [conn] = track(lengths.map((ipLength) => ({ from: 'c' as const, ipLength })));
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    const sd = Math.sqrt(lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / lengths.length);
    const orig = conn!.stats!.orig;
    expect(orig).toMatchObject({ packets: 5, ipLenMin: 40, ipLenMax: 1500 });
    expect(orig.ipLenMean).toBeCloseTo(mean, 10);
    expect(orig.ipLenSd).toBeCloseTo(sd, 10);
    expect(conn!.origIpBytes).toBe(lengths.reduce((a, b) => a + b, 0));
    // The responder sent nothing: its summary is unset.
    expect(conn!.stats!.resp).toMatchObject({
      packets: 0,
      ipLenMin: undefined,
      ipLenSd: undefined,
      ttls: [],
    });
  });

  it('one packet has a standard deviation of 0', () => {
    const [conn] = track([{ from: 'c', ipLength: 77 }]);
    expect(conn!.stats!.orig).toMatchObject({ ipLenMin: 77, ipLenMax: 77, ipLenMean: 77, ipLenSd: 0 });
  });

  it(`keeps at most ${MAX_TTLS} distinct TTLs, first seen first, and counts the packets past them`, () => {
    const ttls = [64, 64, 63, 128, 63, 1, 2, 3, 64, 2];
    const [conn] = track(ttls.map((ttl) => ({ from: 'c' as const, ttl })));
    expect(conn!.stats!.orig.ttls).toEqual([64, 63, 128, 1]);
    expect(conn!.stats!.orig.ttlOther).toBe(3);
    expect(conn!.stats!.orig.fragments).toBe(0);
  });
});

// ---- through extractCapture and conn.log -------------------------------------------------------

const T0 = 1_700_000_000;

describe('fragments and conn.log columns', () => {
  const payload = new Uint8Array(3000).map((_, i) => i & 255);
  const segment = udp({ srcPort: 7000, dstPort: 9999, payload });
  const whole = ipv4({ src: '10.2.0.1', dst: '10.2.0.2', id: 99, ttl: 60 }, segment);
  const transport = whole.subarray(20);
  const piece = (offset: number, length: number, more: boolean) =>
    ethernet(
      EtherType.Ipv4,
      ipv4(
        {
          src: '10.2.0.1',
          dst: '10.2.0.2',
          id: 99,
          ttl: 60,
          fragmentOffset: offset,
          moreFragments: more,
          payloadOverride: transport.subarray(offset, offset + length),
        },
        segment,
      ),
    );
  const reply = ethernet(
    EtherType.Ipv4,
    ipv4(
      { src: '10.2.0.2', dst: '10.2.0.1', ttl: 128 },
      udp({ srcPort: 9999, dstPort: 7000, payload: zeros(10) }),
    ),
  );
  const frames = [
    piece(0, 1480, true),
    piece(2960, transport.length - 2960, false),
    piece(1480, 1480, true),
    reply,
  ];
  const run = extractCapture(buildPcap(frames.map((data, k) => ({ data, ts: T0 + k * 0.001 }))));

  it('a reassembled datagram counts the fragments it was rebuilt from', () => {
    expect(run.conns).toHaveLength(1);
    const conn = run.conns[0]!;
    expect(conn).toMatchObject({ origPkts: 1, respPkts: 1, origIpBytes: whole.length });
    expect(conn.stats!.orig).toMatchObject({
      fragments: 3,
      ttls: [60],
      ipLenMin: whole.length,
      ipLenMax: whole.length,
      ipLenSd: 0,
      entropy: 8,
      entropyBytes: 256,
    });
    expect(conn.stats!.resp).toMatchObject({ fragments: 0, ttls: [128], ipLenMin: 38, entropy: 0 });
  });

  it("conn.log carries the statistics after Zeek's columns", () => {
    const local = LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks;
    const columns = connColumns(local);
    const text = zeekTsv('conn', columns, run.conns, run.timeRange);
    const lines = text.split('\n');
    const { fields, types } = zeekColumns(text);
    const added = [
      'orig_entropy',
      'orig_printable',
      'orig_sampled',
      'orig_ip_len',
      'orig_ip_len_sd',
      'orig_ttls',
      'orig_ttl_other',
      'orig_frags',
      'orig_payload_variants',
      'resp_entropy',
      'resp_printable',
      'resp_sampled',
      'resp_ip_len',
      'resp_ip_len_sd',
      'resp_ttls',
      'resp_ttl_other',
      'resp_frags',
      'resp_payload_variants',
    ];
    expect(fields.slice(0, fields.indexOf('inner_vlan') + 1)).not.toContain('orig_entropy');
    expect(fields.slice(fields.indexOf('inner_vlan') + 1)).toEqual(added);
    expect(types.slice(-9)).toEqual([
      'double',
      'double',
      'count',
      'vector[count]',
      'double',
      'vector[count]',
      'count',
      'count',
      'count',
    ]);
    const row = lines.find((l) => l !== '' && !l.startsWith('#'))!.split('\t');
    const value = (name: string) => row[fields.indexOf(name)];
    expect(value('orig_entropy')).toBe('8.000000');
    // 0x20–0x7E, TAB, LF, CR of the 256 distinct bytes.
    expect(value('orig_printable')).toBe((98 / 256).toFixed(6));
    expect(value('resp_printable')).toBe('0.000000');
    expect(value('orig_sampled')).toBe('256');
    expect(value('resp_sampled')).toBe('10');
    expect(value('orig_ip_len')).toBe(`${whole.length},${whole.length}`);
    expect(value('orig_ip_len_sd')).toBe('0.000000');
    expect(value('orig_ttls')).toBe('60');
    expect(value('orig_ttl_other')).toBe('0');
    expect(value('orig_frags')).toBe('3');
    expect(value('resp_entropy')).toBe('0.000000');
    expect(value('resp_ip_len')).toBe('38,38');
    expect(value('resp_ttls')).toBe('128');
    expect(value('resp_frags')).toBe('0');
  });

  it('a direction without packets leaves its columns unset', () => {
    const [conn] = track([{ from: 'c', ipLength: 40 }]);
    const columns = connColumns(LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks);
    const lines = zeekTsv('conn', columns, [conn!], [0, 0]).split('\n');
    const fields = lines
      .find((l) => l.startsWith('#fields'))!
      .split('\t')
      .slice(1);
    const row = lines.find((l) => l !== '' && !l.startsWith('#'))!.split('\t');
    for (const name of [
      'resp_entropy',
      'resp_printable',
      'resp_sampled',
      'resp_ip_len',
      'resp_ip_len_sd',
      'resp_ttls',
      'resp_frags',
      'orig_entropy',
      'orig_printable',
    ])
      expect(row[fields.indexOf(name)]).toBe('-');
    expect(row[fields.indexOf('orig_ip_len')]).toBe('40,40');
    // Packets without payload: nothing sampled.
    expect(row[fields.indexOf('orig_sampled')]).toBe('0');
  });
});
