import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../../src/ingest/pcap/capture-file.js';
import {
  type DecodeOptions,
  decodeIp,
  decodePacket,
  isDecodableLinkType,
} from '../../../src/ingest/pcap/decode.js';
import {
  type CapturedPacket,
  DecodedPacket,
  IpProto,
  LinkType,
  type ProtocolEvent,
  TcpFlag,
} from '../../../src/ingest/pcap/packet.js';
import { formatAddress } from '../../../src/shared/addr.js';
import { corpusPath } from '../../helpers/corpus.js';
import {
  be16,
  be32,
  bytes,
  concatBytes,
  EtherType,
  ethernet,
  fragmentHeader,
  icmp,
  icmp6,
  ipv4,
  ipv6,
  optionsHeader,
  rawSegment,
  routing0Header,
  tcp,
  udp,
} from '../../helpers/pcap.js';

function packet(
  data: Uint8Array,
  linkType: number = LinkType.Ethernet,
  originalLength = data.length,
): CapturedPacket {
  return { ts: 1_700_000_000.5, linkType, interfaceId: 0, data, originalLength, fileOffset: 1234 };
}

interface Decoded {
  readonly ok: boolean;
  readonly out: DecodedPacket;
  readonly events: ProtocolEvent[];
  readonly names: string[];
}

function decode(p: CapturedPacket, options?: DecodeOptions): Decoded {
  const out = new DecodedPacket();
  const events: ProtocolEvent[] = [];
  const ok = decodePacket(p, out, (e) => events.push(e), options);
  return { ok, out, events, names: events.map((e) => e.name) };
}

const src = (out: DecodedPacket): string => formatAddress(out.addr, 0);
const dst = (out: DecodedPacket): string => formatAddress(out.addr, 4);

const PAYLOAD = new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n');
const TCP_SYN = tcp({
  srcPort: 49152,
  dstPort: 80,
  seq: 0xfffffff0,
  ack: 0x80000001,
  flags: TcpFlag.Psh | TcpFlag.Ack,
  window: 512,
  payload: PAYLOAD,
});
const V4_TCP = ipv4({ src: '192.0.2.1', dst: '198.51.100.7', ttl: 57 }, TCP_SYN);
const V6_UDP = ipv6(
  { src: '2001:db8::1', dst: '2001:db8::2', hopLimit: 9 },
  udp({ srcPort: 5353, dstPort: 53, payload: PAYLOAD }),
);

describe('decodePacket: IPv4 + TCP over Ethernet', () => {
  it('fills addresses, ports, sequence numbers, flags and the payload span', () => {
    const frame = ethernet(EtherType.Ipv4, V4_TCP);
    const { ok, out, events } = decode(packet(frame));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out).toMatchObject({
      ts: 1_700_000_000.5,
      fileOffset: 1234,
      ipVersion: 4,
      ipProto: IpProto.Tcp,
      ttl: 57,
      ipLength: V4_TCP.length,
      ipCaptured: V4_TCP.length,
      isFragment: false,
      srcPort: 49152,
      dstPort: 80,
      seq: 0xfffffff0,
      ack: 0x80000001,
      tcpFlags: TcpFlag.Psh | TcpFlag.Ack,
      window: 512,
      payloadOffset: 14 + 20 + 20,
      payloadLength: PAYLOAD.length,
      payloadClaimed: PAYLOAD.length,
      checksumOk: true,
      vlan: 0,
      innerVlan: 0,
    });
    expect(Array.from(out.addr)).toEqual([0, 0, 0xffff, 0xc0000201, 0, 0, 0xffff, 0xc6336407]);
    expect(frame.subarray(out.payloadOffset, out.payloadOffset + out.payloadLength)).toEqual(PAYLOAD);
  });

  it('skips IPv4 options and TCP options', () => {
    const segment = tcp({
      srcPort: 1,
      dstPort: 2,
      options: bytes(2, 4, 5, 0xb4, 1, 3, 3, 7),
      payload: PAYLOAD,
    });
    const ip = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', options: bytes(7, 7, 4, 0, 0, 0, 0) }, segment);
    const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv4, ip)));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out.payloadOffset).toBe(14 + 28 + 28);
    expect(out.payloadLength).toBe(PAYLOAD.length);
  });

  it('ignores Ethernet padding after the IP datagram', () => {
    const small = ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, tcp({ srcPort: 1, dstPort: 2 }));
    const frame = concatBytes(ethernet(EtherType.Ipv4, small), new Uint8Array(6).fill(0xee));
    const { ok, out, events } = decode(packet(frame));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out).toMatchObject({
      ipLength: 40,
      ipCaptured: 40,
      payloadLength: 0,
      payloadClaimed: 0,
      checksumOk: true,
    });
  });

  it('decodes a snaplen-cut packet without a truncation event and without verifying its checksum', () => {
    const frame = ethernet(
      EtherType.Ipv4,
      ipv4({ src: '10.0.0.1', dst: '10.0.0.2', badTransportChecksum: true }, TCP_SYN),
    );
    const cut = frame.subarray(0, 14 + 20 + 20 + 4);
    const { ok, out, events } = decode(packet(cut, LinkType.Ethernet, frame.length));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out).toMatchObject({
      payloadLength: 4,
      payloadClaimed: PAYLOAD.length,
      ipCaptured: 44,
      checksumOk: true,
    });
  });

  it('reports a bad TCP checksum (and only when asked to verify)', () => {
    const frame = ethernet(
      EtherType.Ipv4,
      ipv4({ src: '10.0.0.1', dst: '10.0.0.2', badTransportChecksum: true }, TCP_SYN),
    );
    const checked = decode(packet(frame));
    expect(checked.ok).toBe(true);
    expect(checked.out.checksumOk).toBe(false);
    expect(checked.names).toEqual(['bad_TCP_checksum']);
    expect(checked.events[0]).toMatchObject({ ts: 1_700_000_000.5, fileOffset: 1234 });
    const unchecked = decode(packet(frame), { verifyChecksums: false });
    expect(unchecked.out.checksumOk).toBe(true);
    expect(unchecked.events).toEqual([]);
  });

  it('drops a packet with a bad IPv4 header checksum, as Zeek does', () => {
    const frame = ethernet(
      EtherType.Ipv4,
      ipv4({ src: '10.0.0.1', dst: '10.0.0.2', badHeaderChecksum: true }, TCP_SYN),
    );
    expect(decode(packet(frame))).toMatchObject({ ok: false, names: ['bad_IP_checksum'] });
    expect(decode(packet(frame), { verifyChecksums: false })).toMatchObject({ ok: true, names: [] });
  });

  it('reports a TCP data offset below 5 words and one beyond the segment', () => {
    const short = ipv4(
      { src: '10.0.0.1', dst: '10.0.0.2' },
      tcp({ srcPort: 1, dstPort: 2, dataOffsetWords: 4 }),
    );
    expect(decode(packet(ethernet(EtherType.Ipv4, short)))).toMatchObject({
      ok: false,
      names: ['bad_TCP_header_len'],
    });
    const long = ipv4(
      { src: '10.0.0.1', dst: '10.0.0.2' },
      tcp({ srcPort: 1, dstPort: 2, dataOffsetWords: 15 }),
    );
    expect(decode(packet(ethernet(EtherType.Ipv4, long)))).toMatchObject({
      ok: false,
      names: ['truncated_header'],
    });
  });
});

describe('decodePacket: UDP and ICMP', () => {
  it('verifies checksums at every alignment and length (the 32-bit word loop and its edges)', () => {
    // Pseudo-random payloads, placed at every offset mod 4 of a larger buffer, odd and even
    // lengths around the word loop's threshold: each verifies, and one flipped byte anywhere
    // (even or odd offset, lead, words or tail) fails.
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    for (const length of [0, 1, 55, 56, 57, 58, 59, 63, 64, 65, 66, 67, 301, 1400, 1401]) {
      const payload = Uint8Array.from({ length }, next);
      for (const [version, frame] of [
        [
          4,
          ethernet(
            EtherType.Ipv4,
            ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, udp({ srcPort: 1, dstPort: 2, payload })),
          ),
        ],
        [
          6,
          ethernet(
            EtherType.Ipv6,
            ipv6({ src: '2001:db8::1', dst: '2001:db8::2' }, udp({ srcPort: 1, dstPort: 2, payload })),
          ),
        ],
        [4, ethernet(EtherType.Ipv4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, icmp(8, 0, payload)))],
      ] as const) {
        for (let shift = 0; shift < 4; shift++) {
          const backing = new Uint8Array(frame.length + 8);
          backing.set(frame, shift);
          const view = backing.subarray(shift, shift + frame.length);
          const good = decode(packet(view));
          expect(good.out.checksumOk, `v${version} length ${length} shift ${shift}`).toBe(true);
          const transport = 14 + (version === 4 ? 20 : 40);
          for (const at of new Set([transport + 8, transport + 9, frame.length - 2, frame.length - 1])) {
            if (at >= frame.length || at < transport + 8) continue;
            const bad = view.slice();
            bad[at] = bad[at]! ^ 0x5a;
            expect(decode(packet(bad)).out.checksumOk, `flip at ${at}, length ${length}`).toBe(false);
            backing.set(bad, shift);
            expect(decode(packet(view)).out.checksumOk, `flip at ${at}, shift ${shift}`).toBe(false);
            backing.set(frame, shift);
          }
        }
      }
    }
  });

  it('decodes UDP over IPv6 with its checksum', () => {
    const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv6, V6_UDP)));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out).toMatchObject({
      ipVersion: 6,
      ipProto: IpProto.Udp,
      ttl: 9,
      ipLength: V6_UDP.length,
      srcPort: 5353,
      dstPort: 53,
      payloadOffset: 14 + 40 + 8,
      payloadLength: PAYLOAD.length,
      payloadClaimed: PAYLOAD.length,
      checksumOk: true,
    });
    expect(src(out)).toBe('2001:db8::1');
    expect(dst(out)).toBe('2001:db8::2');
  });

  it('accepts a zero UDP checksum over IPv4 but not over IPv6', () => {
    const none = udp({ srcPort: 1, dstPort: 2, payload: PAYLOAD, noChecksum: true });
    const v4 = decode(packet(ethernet(EtherType.Ipv4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, none))));
    expect(v4).toMatchObject({ ok: true, names: [] });
    expect(v4.out.checksumOk).toBe(true);
    const v6 = decode(packet(ethernet(EtherType.Ipv6, ipv6({ src: '::1', dst: '::2' }, none))));
    expect(v6).toMatchObject({ ok: true, names: ['bad_UDP_checksum'] });
    expect(v6.out.checksumOk).toBe(false);
  });

  it('reports a UDP length that disagrees with the IP length', () => {
    const lying = udp({ srcPort: 1, dstPort: 2, payload: PAYLOAD, length: 9, noChecksum: true });
    const { ok, names } = decode(
      packet(ethernet(EtherType.Ipv4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, lying))),
    );
    expect(ok).toBe(true);
    expect(names).toEqual(['UDP_datagram_length_mismatch']);
  });

  it('reports ICMPv4 types and codes no stack sends, and still decodes them', () => {
    const v4 = (type: number, code: number) =>
      decode(packet(ethernet(EtherType.Ipv4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, icmp(type, code)))));
    expect(v4(3, 15).names).toEqual([]);
    expect(v4(11, 1).names).toEqual([]);
    expect(v4(3, 16)).toMatchObject({ ok: true, names: ['ICMP_unknown_code'] });
    expect(v4(8, 1).names).toEqual(['ICMP_unknown_code']);
    expect(v4(19, 0)).toMatchObject({ ok: true, names: ['ICMP_unknown_type'] });
    expect(v4(42, 7).out).toMatchObject({ icmpType: 42, icmpCode: 7 });
  });

  it('decodes ICMP and ICMPv6 type, code and checksum', () => {
    const echo = decode(
      packet(ethernet(EtherType.Ipv4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, icmp(8, 0)))),
    );
    expect(echo).toMatchObject({ ok: true, names: [] });
    expect(echo.out).toMatchObject({ ipProto: IpProto.Icmp, icmpType: 8, icmpCode: 0, checksumOk: true });
    const unreachable = decode(
      packet(ethernet(EtherType.Ipv6, ipv6({ src: 'fe80::1', dst: 'fe80::2' }, icmp6(1, 4)))),
    );
    expect(unreachable).toMatchObject({ ok: true, names: [] });
    expect(unreachable.out).toMatchObject({ ipProto: IpProto.Icmp6, icmpType: 1, icmpCode: 4 });
    const bad = ipv6({ src: 'fe80::1', dst: 'fe80::2', badTransportChecksum: true }, icmp6(128, 0));
    expect(decode(packet(ethernet(EtherType.Ipv6, bad))).names).toEqual(['bad_ICMP_checksum']);
    const bad4 = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', badTransportChecksum: true }, icmp(0, 0));
    expect(decode(packet(ethernet(EtherType.Ipv4, bad4))).names).toEqual(['bad_ICMP_checksum']);
  });

  it('other IP protocols decode to the IP layer (Zeek tracks them as unknown_transport)', () => {
    const sctp = ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, rawSegment(132, new Uint8Array(16)));
    const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv4, sctp)));
    expect(ok).toBe(true);
    expect(events).toEqual([]);
    expect(out).toMatchObject({ ipVersion: 4, ipProto: IpProto.Sctp, srcPort: 0, dstPort: 0 });
    expect(out).toMatchObject({ payloadOffset: 14 + 20, payloadLength: 16, payloadClaimed: 16 });
  });

  it('tunnel protocols (GRE, IP in IP) return false with the payload located for the caller', () => {
    for (const proto of [IpProto.Gre, IpProto.IpInIp, IpProto.Ipv6InIp]) {
      const tunnel = ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, rawSegment(proto, new Uint8Array(24)));
      const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv4, tunnel)));
      expect(ok).toBe(false);
      expect(events).toEqual([]);
      expect(out).toMatchObject({ ipVersion: 4, ipProto: proto, payloadOffset: 34, payloadLength: 24 });
    }
  });
});

describe('decodePacket: link layers', () => {
  const expectTcp = (data: Uint8Array, linkType: number): DecodedPacket => {
    const { ok, out, events } = decode(packet(data, linkType));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out).toMatchObject({ srcPort: 49152, dstPort: 80 });
    expect(data.subarray(out.payloadOffset, out.payloadOffset + out.payloadLength)).toEqual(PAYLOAD);
    return out;
  };
  const V6_TCP = ipv6({ src: '2001:db8::a', dst: '2001:db8::b' }, TCP_SYN);

  it.each([
    ['raw (101)', LinkType.Raw, V4_TCP],
    ['raw (101) IPv6', LinkType.Raw, V6_TCP],
    ['raw (12)', 12, V4_TCP],
    ['raw (14)', 14, V6_TCP],
    ['IPv4 (228)', LinkType.Ipv4, V4_TCP],
    ['IPv6 (229)', LinkType.Ipv6, V6_TCP],
  ])('%s', (_name, linkType, ip) => {
    expectTcp(ip, linkType);
  });

  it.each([
    ['AF_INET, host order', LinkType.Null, bytes(2, 0, 0, 0), V4_TCP],
    ['AF_INET, network order', LinkType.Null, bytes(0, 0, 0, 2), V4_TCP],
    ['AF_INET6 BSD', LinkType.Null, bytes(24, 0, 0, 0), V6_TCP],
    ['AF_INET6 FreeBSD', LinkType.Null, bytes(28, 0, 0, 0), V6_TCP],
    ['AF_INET6 macOS', LinkType.Null, bytes(30, 0, 0, 0), V6_TCP],
    ['LOOP, network order', LinkType.Loop, bytes(0, 0, 0, 2), V4_TCP],
    ['LOOP AF_INET6', LinkType.Loop, bytes(0, 0, 0, 30), V6_TCP],
  ])('BSD loopback: %s', (_name, linkType, family, ip) => {
    expectTcp(concatBytes(family, ip), linkType);
  });

  it('Linux cooked capture v1 and v2', () => {
    const sll = concatBytes(be16(0), be16(1), be16(6), new Uint8Array(8), be16(EtherType.Ipv4), V4_TCP);
    expectTcp(sll, LinkType.LinuxSll);
    const sll2 = concatBytes(
      be16(EtherType.Ipv6),
      be16(0),
      be32(3),
      be16(1),
      bytes(0, 6),
      new Uint8Array(8),
      V6_TCP,
    );
    expectTcp(sll2, LinkType.LinuxSll2);
    // Protocol 4 (ETH_P_802_2): an LLC header follows, here SNAP with IPv4 inside.
    const snap = concatBytes(bytes(0xaa, 0xaa, 0x03, 0, 0, 0), be16(EtherType.Ipv4), V4_TCP);
    expectTcp(concatBytes(be16(0), be16(1), be16(6), new Uint8Array(8), be16(4), snap), LinkType.LinuxSll);
    const netlink = concatBytes(be16(4), be16(824), be16(0), new Uint8Array(8), be16(0), new Uint8Array(20));
    expect(decode(packet(netlink, LinkType.LinuxSll))).toMatchObject({ ok: false, names: [] });
  });

  it('PPP, with and without the HDLC address/control bytes', () => {
    expectTcp(concatBytes(be16(0x0021), V4_TCP), 9);
    expectTcp(concatBytes(bytes(0xff, 0x03), be16(0x0057), V6_TCP), 9);
  });

  it('NFLOG: finds the payload TLV', () => {
    const tlv = (type: number, value: Uint8Array): Uint8Array => {
      const length = 4 + value.length;
      const padded = new Uint8Array(Math.ceil(length / 4) * 4);
      padded.set([length & 255, length >> 8, type & 255, type >> 8]);
      padded.set(value, 4);
      return padded;
    };
    const nflog = concatBytes(bytes(2, 0, 0, 0), tlv(1, new Uint8Array(3)), tlv(9, V4_TCP));
    expectTcp(nflog, 239);
  });

  it('802.1Q and QinQ record the outer and inner VLAN like Zeek', () => {
    const one = expectTcp(ethernet(EtherType.Ipv4, V4_TCP, [{ id: 100 }]), LinkType.Ethernet);
    expect([one.vlan, one.innerVlan]).toEqual([100, 0]);
    const two = expectTcp(
      ethernet(EtherType.Ipv4, V4_TCP, [{ tpid: EtherType.QinQ, id: 13 }, { id: 10 }]),
      1,
    );
    expect([two.vlan, two.innerVlan]).toEqual([13, 10]);
    // A third tag overwrites the inner one, with Zeek's weird.
    const triple = ethernet(EtherType.Ipv4, V4_TCP, [{ tpid: EtherType.QinQ, id: 1 }, { id: 2 }, { id: 3 }]);
    const { out, names } = decode(packet(triple));
    expect([out.vlan, out.innerVlan]).toEqual([1, 3]);
    expect(names).toEqual(['triple_tagged_vlan_unsupported']);
  });

  it('MPLS label stacks to IPv4 and IPv6 by the first nibble after bottom-of-stack', () => {
    const label = (value: number, bottom: boolean): Uint8Array =>
      be32((value << 12) | (bottom ? 0x100 : 0) | 64);
    expectTcp(ethernet(0x8847, concatBytes(label(16, false), label(17, true), V4_TCP)), 1);
    expectTcp(ethernet(0x8847, concatBytes(label(16, true), V6_TCP), [{ id: 7 }]), 1);
    const notIp = decode(packet(ethernet(0x8847, concatBytes(label(1, true), new Uint8Array(40)))));
    expect(notIp).toMatchObject({ ok: false, names: ['no_ip_in_mpls_payload'] });
    const endless = decode(packet(ethernet(0x8847, new Uint8Array(200))));
    expect(endless.ok).toBe(false);
    expect(endless.names).toEqual(['mpls_label_stack_too_deep']);
  });

  it('PPPoE session to IPv4 and IPv6; discovery and LCP frames are not IP', () => {
    const session = (proto: number, ip: Uint8Array): Uint8Array =>
      concatBytes(bytes(0x11, 0x00), be16(0x1234), be16(ip.length + 2), be16(proto), ip);
    expectTcp(ethernet(0x8864, session(0x0021, V4_TCP), [{ tpid: EtherType.QinQ, id: 5 }, { id: 6 }]), 1);
    expectTcp(ethernet(0x8864, session(0x0057, V6_TCP)), 1);
    expect(decode(packet(ethernet(0x8864, session(0xc021, new Uint8Array(20)))))).toMatchObject({
      ok: false,
      names: [],
    });
    expect(decode(packet(ethernet(0x8863, new Uint8Array(30))))).toMatchObject({ ok: false, names: [] });
  });

  it('802.3 with an LLC/SNAP header carrying IPv4', () => {
    const snap = concatBytes(bytes(0xaa, 0xaa, 0x03, 0, 0, 0), be16(EtherType.Ipv4), V4_TCP);
    const frame = concatBytes(ethernet(snap.length, snap), new Uint8Array(4));
    expectTcp(frame, 1);
  });

  it('non-IP frames are not reported: ARP, LLDP, plain LLC', () => {
    expect(decode(packet(ethernet(EtherType.Arp, new Uint8Array(28))))).toMatchObject({
      ok: false,
      names: [],
    });
    expect(decode(packet(ethernet(0x88cc, new Uint8Array(40))))).toMatchObject({ ok: false, names: [] });
    expect(
      decode(packet(ethernet(38, concatBytes(bytes(0x42, 0x42, 0x03), new Uint8Array(35))))),
    ).toMatchObject({
      ok: false,
      names: [],
    });
    expect(decode(packet(V4_TCP, 147))).toMatchObject({ ok: false, names: [] });
    expect(isDecodableLinkType(147)).toBe(false);
    expect(isDecodableLinkType(LinkType.Radiotap)).toBe(true);
    expect(isDecodableLinkType(LinkType.LinuxSll2)).toBe(true);
  });

  it('reports malformed link headers', () => {
    expect(decode(packet(new Uint8Array(8))).names).toEqual(['truncated_ethernet_frame']);
    expect(decode(packet(ethernet(0x0600 - 20, new Uint8Array(4)))).names).toEqual(['undefined_ether_type']);
    expect(decode(packet(concatBytes(ethernet(EtherType.Vlan, bytes(0, 1))))).names).toEqual([
      'truncated_VLAN_header',
    ]);
    expect(decode(packet(bytes(2, 0), LinkType.Null)).names).toEqual(['null_analyzer_failed']);
  });

  it('starts each packet from a clean slate', () => {
    const out = new DecodedPacket();
    decodePacket(packet(ethernet(EtherType.Ipv4, V4_TCP, [{ id: 42 }])), out, () => {});
    expect(out.vlan).toBe(42);
    decodePacket(packet(ethernet(EtherType.Ipv6, V6_UDP)), out, () => {});
    expect(out).toMatchObject({ vlan: 0, ipVersion: 6, tcpFlags: 0, seq: 0, srcPort: 5353 });
  });
});

describe('decodePacket: broken IPv4 headers, Zeek’s names and order', () => {
  const tcpSeg = tcp({ srcPort: 1, dstPort: 2 });
  it.each([
    ['fewer than 20 bytes', 'truncated_IP', V4_TCP.subarray(0, 12)],
    ['version 5', 'unknown_ip_version', Uint8Array.from(V4_TCP, (b, i) => (i === 0 ? 0x55 : b))],
    [
      'total length 0 (offload)',
      'ip_hdr_len_zero',
      ipv4({ src: '1.1.1.1', dst: '2.2.2.2', totalLength: 0 }, tcpSeg),
    ],
    ['IHL of 3 words', 'IPv4_min_header_size', ipv4({ src: '1.1.1.1', dst: '2.2.2.2', ihl: 3 }, tcpSeg)],
    [
      'IHL beyond the total',
      'invalid_IP_header_size',
      ipv4({ src: '1.1.1.1', dst: '2.2.2.2', ihl: 15, totalLength: 20 }, tcpSeg),
    ],
    [
      'total beyond the wire',
      'truncated_IP_len',
      ipv4({ src: '1.1.1.1', dst: '2.2.2.2', totalLength: 400 }, tcpSeg),
    ],
    [
      'a transport shorter than its header',
      'truncated_header',
      ipv4({ src: '1.1.1.1', dst: '2.2.2.2', totalLength: 30 }, tcpSeg),
    ],
  ])('%s → %s', (_what, name, ip) => {
    const { ok, names } = decode(packet(ethernet(EtherType.Ipv4, ip)));
    expect(ok).toBe(false);
    expect(names).toEqual([name]);
  });

  it('uses the captured length for a zero total length when checksums are not verified', () => {
    const ip = ipv4(
      { src: '1.1.1.1', dst: '2.2.2.2', totalLength: 0 },
      tcp({ srcPort: 1, dstPort: 2, payload: PAYLOAD }),
    );
    const { ok, out, names } = decode(packet(ethernet(EtherType.Ipv4, ip)), { verifyChecksums: false });
    expect(names).toEqual(['ip_hdr_len_zero']);
    expect(ok).toBe(true);
    expect(out.payloadLength).toBe(PAYLOAD.length);
  });

  it('reports a header cut by the snaplen as internally truncated', () => {
    const ip = ipv4({ src: '1.1.1.1', dst: '2.2.2.2', options: new Uint8Array(20) }, tcpSeg);
    const frame = ethernet(EtherType.Ipv4, ip);
    const { names } = decode(packet(frame.subarray(0, 14 + 30), LinkType.Ethernet, frame.length));
    expect(names).toEqual(['internally_truncated_header']);
  });
});

describe('decodePacket: fragments', () => {
  const whole = tcp({ srcPort: 4000, dstPort: 443, payload: new Uint8Array(64).fill(7) });

  it('first IPv4 fragment: fragment fields and the transport header, no checksum check', () => {
    const first = ipv4(
      {
        src: '10.0.0.1',
        dst: '10.0.0.2',
        id: 0xbeef,
        moreFragments: true,
        payloadOverride: whole.bytes.subarray(0, 48),
      },
      whole,
    );
    const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv4, first)));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out).toMatchObject({
      isFragment: true,
      fragmentId: 0xbeef,
      fragmentOffset: 0,
      moreFragments: true,
      srcPort: 4000,
      dstPort: 443,
      checksumOk: true,
    });
  });

  it('later IPv4 fragment: no transport parsed', () => {
    const later = ipv4(
      {
        src: '10.0.0.1',
        dst: '10.0.0.2',
        id: 0xbeef,
        fragmentOffset: 48,
        payloadOverride: whole.bytes.subarray(48),
      },
      whole,
    );
    const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv4, later)));
    expect(events).toEqual([]);
    expect(ok).toBe(false);
    expect(out).toMatchObject({
      ipVersion: 4,
      isFragment: true,
      fragmentOffset: 48,
      moreFragments: false,
      srcPort: 0,
    });
  });

  it('IPv6 fragment header fills the same fields', () => {
    const first = ipv6(
      { src: '2001:db8::1', dst: '2001:db8::2', extensions: [fragmentHeader(0, true, 0xdeadbeef)] },
      whole,
    );
    const a = decode(packet(ethernet(EtherType.Ipv6, first)));
    expect(a.ok).toBe(true);
    expect(a.out).toMatchObject({
      isFragment: true,
      fragmentId: 0xdeadbeef,
      moreFragments: true,
      ipProto: 6,
      dstPort: 443,
    });
    const later = ipv6(
      {
        src: '2001:db8::1',
        dst: '2001:db8::2',
        extensions: [fragmentHeader(56, false, 7)],
        payloadOverride: new Uint8Array(16),
      },
      whole,
    );
    const b = decode(packet(ethernet(EtherType.Ipv6, later)));
    expect(b.ok).toBe(false);
    expect(b.out).toMatchObject({
      isFragment: true,
      fragmentId: 7,
      fragmentOffset: 56,
      moreFragments: false,
      ipProto: 6,
    });
  });

  it('an atomic IPv6 fragment (offset 0, no more) is a whole datagram', () => {
    const atomic = ipv6(
      { src: '2001:db8::1', dst: '2001:db8::2', extensions: [fragmentHeader(0, false, 9)] },
      whole,
    );
    const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv6, atomic)));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out.isFragment).toBe(false);
  });
});

describe('decodePacket: IPv6 extension headers', () => {
  const segment = tcp({ srcPort: 1, dstPort: 2, payload: PAYLOAD });

  it('walks hop-by-hop, destination options and AH to the transport', () => {
    const ah = { type: 51, body: new Uint8Array(10) };
    const ip = ipv6(
      { src: '2001:db8::1', dst: '2001:db8::2', extensions: [optionsHeader(0), optionsHeader(60, 16), ah] },
      segment,
    );
    const { ok, out, events } = decode(packet(ethernet(EtherType.Ipv6, ip)));
    expect(events).toEqual([]);
    expect(ok).toBe(true);
    expect(out).toMatchObject({ ipProto: 6, srcPort: 1, payloadOffset: 14 + 40 + 8 + 16 + 12 + 20 });
  });

  it('routing type 0: the final hop is the destination and the checksum covers it', () => {
    const ip = ipv6(
      {
        src: '2001:db8::1',
        dst: '2001:db8::10',
        extensions: [routing0Header(['2001:db8::11', '2001:db8::12'], 2)],
        checksumDst: '2001:db8::12',
      },
      segment,
    );
    const { ok, out, names } = decode(packet(ethernet(EtherType.Ipv6, ip)));
    expect(ok).toBe(true);
    expect(names).toEqual(['routing0_hdr']);
    expect(dst(out)).toBe('2001:db8::12');
    expect(out.checksumOk).toBe(true);
  });

  it('no next header (59) and ESP stop the chain (ESP is tracked as an unknown transport)', () => {
    const none = ipv6(
      { src: '::1', dst: '::2', extensions: [optionsHeader(60)] },
      rawSegment(59, new Uint8Array(0)),
    );
    expect(decode(packet(ethernet(EtherType.Ipv6, none)))).toMatchObject({
      ok: false,
      names: ['ipv6_no_next'],
    });
    const esp = ipv6({ src: '::1', dst: '::2' }, rawSegment(50, new Uint8Array(24)));
    const e = decode(packet(ethernet(EtherType.Ipv6, esp)));
    expect(e).toMatchObject({ ok: true, names: [] });
    expect(e.out.ipProto).toBe(50);
  });

  it('bounds the chain and reports headers that run past the packet', () => {
    const many = ipv6(
      { src: '::1', dst: '::2', extensions: Array.from({ length: 20 }, () => optionsHeader(60)) },
      segment,
    );
    expect(decode(packet(ethernet(EtherType.Ipv6, many))).names).toEqual(['too_many_IPv6_ext_headers']);
    const long = ipv6({ src: '::1', dst: '::2', extensions: [optionsHeader(0)] }, segment);
    long[40 + 1] = 200; // hop-by-hop claims 1608 bytes
    expect(decode(packet(ethernet(EtherType.Ipv6, long))).names).toEqual(['truncated_IPv6_ext_header']);
  });

  it('reports an IPv6 header shorter than 40 bytes and a payload length beyond the wire', () => {
    expect(decode(packet(ethernet(EtherType.Ipv6, V6_UDP.subarray(0, 30)))).names).toEqual(['truncated_IP']);
    const longer = Uint8Array.from(V6_UDP);
    longer.set(be16(999), 4);
    expect(decode(packet(ethernet(EtherType.Ipv6, longer))).names).toEqual(['truncated_IP_len']);
  });
});

describe('decodeIp (the entry point for tunnels and reassembly)', () => {
  it('decodes an IP packet at an offset of any buffer and keeps the caller’s fields', () => {
    const buffer = concatBytes(new Uint8Array(7), V4_TCP, new Uint8Array(3));
    const out = new DecodedPacket();
    out.vlan = 77;
    out.ts = 5;
    const ok = decodeIp(buffer, 7, 7 + V4_TCP.length, 7 + V4_TCP.length, out, () => {});
    expect(ok).toBe(true);
    expect(out).toMatchObject({ vlan: 77, ts: 5, srcPort: 49152, payloadOffset: 7 + 40 });
  });
});

// --------------------------------------------------------------------------------------------
// Real captures, checked against what Zeek logged for them (zeek/baselines in the corpus).

const TRACES = corpusPath('zeek', 'traces');
const BASELINES = corpusPath('zeek', 'baselines');

interface FileResult {
  readonly decoded: { ok: boolean; out: DecodedPacket }[];
  readonly names: string[];
}

function decodeFile(file: string, options?: DecodeOptions): FileResult {
  const decoded: { ok: boolean; out: DecodedPacket }[] = [];
  const names: string[] = [];
  readCapture(
    readFileSync(join(TRACES!, file)),
    (p) => {
      const out = new DecodedPacket();
      const ok = decodePacket(p, out, (e) => names.push(e.name), options);
      decoded.push({ ok, out });
    },
    (e) => names.push(e.name),
  );
  return { decoded, names };
}

function zeekLog(path: string): Record<string, string>[] {
  let lines = readFileSync(join(BASELINES!, path), 'utf8').split('\n');
  let fields = lines
    .find((l) => l.startsWith('#fields'))
    ?.split('\t')
    .slice(1);
  lines = lines.filter((l) => l !== '' && !l.startsWith('#'));
  // zeek-cut output has a plain header line instead of #fields.
  if (fields === undefined) fields = lines.shift()?.split('\t') ?? [];
  const names = fields;
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i] ?? `${i}`, v])));
}

describe.skipIf(!TRACES || !BASELINES)('Zeek oracle: checksums (core.checksums)', () => {
  // Zeek's test runs each file alone; a bad file logs exactly the listed weirds, a good one none.
  const cases: [string, string[]][] = [
    ['ip4-bad-chksum.pcap', ['bad_IP_checksum']],
    ['ip4-tcp-bad-chksum.pcap', ['bad_TCP_checksum']],
    ['ip4-udp-bad-chksum.pcap', ['bad_UDP_checksum']],
    ['ip4-icmp-bad-chksum.pcap', ['bad_ICMP_checksum']],
    ['ip6-route0-tcp-bad-chksum.pcap', ['routing0_hdr', 'bad_TCP_checksum']],
    ['ip6-route0-udp-bad-chksum.pcap', ['routing0_hdr', 'bad_UDP_checksum']],
    ['ip6-route0-icmp6-bad-chksum.pcap', ['routing0_hdr', 'bad_ICMP_checksum']],
    ['ip6-tcp-bad-chksum.pcap', ['bad_TCP_checksum']],
    ['ip6-udp-bad-chksum.pcap', ['bad_UDP_checksum']],
    ['ip6-icmp6-bad-chksum.pcap', ['bad_ICMP_checksum']],
    ['ip4-tcp-good-chksum.pcap', []],
    ['ip4-udp-good-chksum.pcap', []],
    ['ip4-icmp-good-chksum.pcap', []],
    ['ip6-route0-tcp-good-chksum.pcap', ['routing0_hdr']],
    ['ip6-route0-udp-good-chksum.pcap', ['routing0_hdr']],
    ['ip6-route0-icmp6-good-chksum.pcap', ['routing0_hdr']],
    ['ip6-tcp-good-chksum.pcap', []],
    ['ip6-udp-good-chksum.pcap', []],
    ['ip6-icmp6-good-chksum.pcap', []],
  ];

  it('the baseline names exactly these weirds, in this order', () => {
    const logged = zeekLog('core.checksums/bad.out').map((r) => r.name);
    expect(logged).toEqual(cases.slice(0, 10).flatMap(([, names]) => names));
  });

  it.each(cases)('%s → %j', (file, expected) => {
    expect(decodeFile(`chksums/${file}`).names).toEqual(expected);
  });

  it('route0 packets go to the final hop, as Zeek logs the responder', () => {
    const { decoded } = decodeFile('chksums/ip6-route0-tcp-good-chksum.pcap');
    expect(dst(decoded[0]!.out)).toBe('2001:78:1:32::2');
  });
});

describe.skipIf(!TRACES || !BASELINES)(
  'Zeek oracle: truncation (core.truncation, core.ip-broken-header)',
  () => {
    it.each([
      ['trunc/ip4-trunc.pcap', ['truncated_IP']],
      ['trunc/ip6-trunc.pcap', ['truncated_IP']],
      ['trunc/ip6-ext-trunc.pcap', ['truncated_IP_len']],
      ['trunc/icmp-header-trunc.pcap', ['internally_truncated_header', 'internally_truncated_header']],
      ['trunc/icmp-payload-trunc.pcap', []],
      ['trunc/trunc-hdr.pcap', ['truncated_ethernet_frame']],
      ['trunc/ipv4-truncated-broken-header.pcap', ['invalid_IP_header_size']],
      ['trunc/ipv4-internally-truncated-header.pcap', ['internally_truncated_header']],
      ['trunc/ip-discarder-truncated-tcp-oob.pcapng', ['internally_truncated_header']],
      ['ip-bogus-header-len.pcap', ['ip_hdr_len_zero']],
    ])('%s → %j', (file, expected) => {
      expect(decodeFile(file).names).toEqual(expected);
    });

    it('the baselines hold the same names', () => {
      const truncation = zeekLog('core.truncation/output').map((r) => r.name);
      for (const name of [
        'truncated_IP',
        'truncated_IP_len',
        'internally_truncated_header',
        'invalid_IP_header_size',
      ]) {
        expect(truncation).toContain(name);
      }
      expect(zeekLog('core.ip-broken-header/ip-bogus-header-weird.log').map((r) => r.name)).toEqual([
        'ip_hdr_len_zero',
      ]);
    });

    it('vlan-qinqinq.pcap: Zeek’s triple-tag weird', () => {
      expect(zeekLog('scripts.base.protocols.vlan.vlan-qinqinq/weird.log').map((r) => r.name)).toEqual([
        'triple_tagged_vlan_unsupported',
      ]);
      const { names, decoded } = decodeFile('vlan-qinqinq.pcap');
      expect(new Set(names)).toEqual(new Set(['triple_tagged_vlan_unsupported']));
      expect(decoded.every((d) => d.ok)).toBe(true);
    });
  },
);

/**
 * Compares our per-flow packet and IP-byte counts with Zeek's conn.log for TCP and UDP
 * connections: same flows, and the same packets and bytes in each direction.
 */
function expectConnLogAgrees(file: string, baseline: string, options?: DecodeOptions): void {
  const flows = new Map<string, Map<string, { packets: number; bytes: number }>>();
  for (const { ok, out } of decodeFile(file, options).decoded) {
    if (!ok || (out.ipProto !== IpProto.Tcp && out.ipProto !== IpProto.Udp)) continue;
    const a = `${src(out)}/${out.srcPort}`;
    const b = `${dst(out)}/${out.dstPort}`;
    const key = `${out.ipProto === IpProto.Tcp ? 'tcp' : 'udp'} ${[a, b].sort().join(' ')}`;
    const directions = flows.get(key) ?? new Map();
    const sent = directions.get(a) ?? { packets: 0, bytes: 0 };
    sent.packets++;
    sent.bytes += out.ipLength;
    directions.set(a, sent);
    flows.set(key, directions);
  }
  const rows = zeekLog(baseline).filter((r) => r.proto === 'tcp' || r.proto === 'udp');
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    const orig = `${r['id.orig_h']}/${r['id.orig_p']}`;
    const resp = `${r['id.resp_h']}/${r['id.resp_p']}`;
    const directions = flows.get(`${r.proto} ${[orig, resp].sort().join(' ')}`);
    expect(directions, `flow ${orig} → ${resp}`).toBeDefined();
    expect({
      orig: directions!.get(orig) ?? { packets: 0, bytes: 0 },
      resp: directions!.get(resp) ?? { packets: 0, bytes: 0 },
    }).toEqual({
      orig: { packets: Number(r.orig_pkts), bytes: Number(r.orig_ip_bytes) },
      resp: { packets: Number(r.resp_pkts), bytes: Number(r.resp_ip_bytes) },
    });
  }
  expect(flows.size).toBe(rows.length);
}

describe.skipIf(!TRACES || !BASELINES)('Zeek oracle: conn.log flows through link layers', () => {
  it('q-in-q.pcap (vlan 13, inner vlan 10)', () => {
    expectConnLogAgrees('q-in-q.pcap', 'core.q-in-q/conn.log');
    const rows = zeekLog('scripts.policy.protocols.conn.vlan-logging/conn.log');
    const decoded = decodeFile('q-in-q.pcap').decoded.filter((d) => d.ok);
    for (const r of rows) {
      const match = decoded.filter(
        (d) => src(d.out) === r['id.orig_h'] && d.out.srcPort === Number(r['id.orig_p']),
      );
      expect(match.length).toBeGreaterThan(0);
      for (const d of match)
        expect([d.out.vlan, d.out.innerVlan]).toEqual([Number(r.vlan), Number(r.inner_vlan)]);
    }
  });
  it('mpls-in-vlan.pcap', () =>
    expectConnLogAgrees('mpls-in-vlan.pcap', 'core.mpls-in-vlan/conn.log', { verifyChecksums: false }));
  it('pppoe-over-qinq.pcap', () =>
    expectConnLogAgrees('pppoe-over-qinq.pcap', 'core.pppoe-over-qinq/conn.log'));
  it('pppoe.pcap', () => expectConnLogAgrees('pppoe.pcap', 'core.pppoe/conn.log'));
  it('pbb.pcap', () => expectConnLogAgrees('pbb.pcap', 'core.pbb/conn.log'));
  it('cisco-fabric-path.pcap', () =>
    expectConnLogAgrees('cisco-fabric-path.pcap', 'core.cisco-fabric-path/conn.log'));
  it('pcapng-multi-interface.pcapng', () =>
    expectConnLogAgrees('pcapng-multi-interface.pcapng', 'core.pcapng-pktsrc/conn.log', {
      verifyChecksums: false,
    }));
});

describe.skipIf(!TRACES || !BASELINES)('Zeek oracle: community-id tuples (communityid/*.pcap)', () => {
  it.each(['tcp', 'udp', 'icmp', 'icmp6', 'ipv6'])('%s.pcap holds every tuple Zeek hashed', (name) => {
    const text = readFileSync(join(BASELINES!, 'bifs.community_id.run-pcaps', `${name}.pcap.out`), 'utf8');
    const tuples = [
      ...text.matchAll(
        /orig_h=([^,]+), orig_p=(\d+)\/(\w+), resp_h=([^,]+), resp_p=(\d+)\/\w+, proto=(\d+)/g,
      ),
    ];
    expect(tuples.length).toBeGreaterThan(0);
    const decoded = decodeFile(`communityid/${name}.pcap`).decoded.filter((d) => d.ok);
    for (const [, origH, origP, kind, respH, respP, proto] of tuples) {
      const found = decoded.some(({ out }) => {
        if (out.ipProto !== Number(proto)) return false;
        const forward = src(out) === origH && dst(out) === respH;
        const backward = src(out) === respH && dst(out) === origH;
        if (kind === 'icmp') return forward && out.icmpType === Number(origP);
        return (
          (forward && out.srcPort === Number(origP) && out.dstPort === Number(respP)) ||
          (backward && out.srcPort === Number(respP) && out.dstPort === Number(origP))
        );
      });
      expect(found, `${origH}:${origP} → ${respH}:${respP} proto ${proto}`).toBe(true);
    }
  });
});
