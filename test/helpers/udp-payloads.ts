/**
 * Test-only UDP payload extraction from a classic pcap file (either byte order, micro- or
 * nanosecond stamps): Ethernet with 802.1Q/802.1ad tags, IPv4 and IPv6 (hop-by-hop, routing and
 * destination-options headers skipped), UDP. Fragmented datagrams and anything else are skipped;
 * no checksums are verified. It throws on a file it cannot read, since a test wants to know.
 *
 * Also the UDP "connection" view the app-layer tests need: Zeek's orientation (the first sender
 * is the originator, unless it sent from a likely server port to one that is not) and a stable
 * uid per connection.
 */
import { formatAddress } from '../../src/shared/addr.js';

export interface UdpDatagram {
  readonly ts: number;
  /** Offset of the packet record in the file. */
  readonly fileOffset: number;
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100;
const ETHERTYPE_QINQ = 0x88a8;
const IP_PROTO_UDP = 17;
const IPV6_SKIPPED_HEADERS = new Set([0, 43, 60]);

export function readUdpDatagrams(file: Uint8Array): UdpDatagram[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < 24) throw new Error('pcap file shorter than its header');
  const magic = dv.getUint32(0, false);
  let le: boolean;
  let nano: boolean;
  if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) {
    le = true;
    nano = magic === 0x4d3cb2a1;
  } else if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) {
    le = false;
    nano = magic === 0xa1b23c4d;
  } else throw new Error(`not a classic pcap file (magic ${magic.toString(16)})`);
  const linkType = dv.getUint32(20, le) & 0xffff;
  if (linkType !== 1) throw new Error(`link type ${linkType} is not Ethernet`);
  const out: UdpDatagram[] = [];
  let p = 24;
  while (p + 16 <= file.length) {
    const sec = dv.getUint32(p, le);
    const frac = dv.getUint32(p + 4, le);
    const caplen = dv.getUint32(p + 8, le);
    const start = p + 16;
    if (start + caplen > file.length) break;
    const ts = sec + frac / (nano ? 1e9 : 1e6);
    const d = decodeEthernet(file.subarray(start, start + caplen), ts, p);
    if (d) out.push(d);
    p = start + caplen;
  }
  return out;
}

function decodeEthernet(frame: Uint8Array, ts: number, fileOffset: number): UdpDatagram | undefined {
  if (frame.length < 14) return undefined;
  let type = (frame[12]! << 8) | frame[13]!;
  let p = 14;
  while ((type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ) && p + 4 <= frame.length) {
    type = (frame[p + 2]! << 8) | frame[p + 3]!;
    p += 4;
  }
  const words = new Uint32Array(8);
  let proto: number;
  let l4: number;
  let l4End: number;
  if (type === ETHERTYPE_IPV4) {
    if (p + 20 > frame.length) return undefined;
    const ihl = (frame[p]! & 15) * 4;
    const total = (frame[p + 2]! << 8) | frame[p + 3]!;
    const fragment = ((frame[p + 6]! << 8) | frame[p + 7]!) & 0x3fff;
    if (fragment !== 0) return undefined;
    proto = frame[p + 9]!;
    words[2] = 0xffff;
    words[3] = readU32(frame, p + 12);
    words[6] = 0xffff;
    words[7] = readU32(frame, p + 16);
    l4 = p + ihl;
    l4End = Math.min(frame.length, p + total);
  } else if (type === ETHERTYPE_IPV6) {
    if (p + 40 > frame.length) return undefined;
    for (let w = 0; w < 8; w++) words[w] = readU32(frame, p + 8 + 4 * w);
    l4End = Math.min(frame.length, p + 40 + ((frame[p + 4]! << 8) | frame[p + 5]!));
    proto = frame[p + 6]!;
    l4 = p + 40;
    while (IPV6_SKIPPED_HEADERS.has(proto) && l4 + 8 <= l4End) {
      proto = frame[l4]!;
      l4 += (frame[l4 + 1]! + 1) * 8;
    }
  } else return undefined;
  if (proto !== IP_PROTO_UDP || l4 + 8 > l4End) return undefined;
  const udpEnd = Math.min(l4End, l4 + ((frame[l4 + 4]! << 8) | frame[l4 + 5]!));
  return {
    ts,
    fileOffset,
    src: formatAddress(words, 0),
    srcPort: (frame[l4]! << 8) | frame[l4 + 1]!,
    dst: formatAddress(words, 4),
    dstPort: (frame[l4 + 2]! << 8) | frame[l4 + 3]!,
    payload: frame.slice(l4 + 8, Math.max(l4 + 8, udpEnd)),
  };
}

function readU32(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

/** A datagram with its connection's identity, oriented as Zeek orients UDP connections. */
export interface UdpConnectionDatagram extends UdpDatagram {
  readonly uid: string;
  /** Sent by the connection's originator. */
  readonly isOrig: boolean;
  readonly origAddr: string;
  readonly origPort: number;
  readonly respAddr: string;
  readonly respPort: number;
}

/**
 * Groups datagrams into UDP connections (same address/port pair either way) in capture order.
 * The originator is the first sender, flipped when it sent from one of `likelyServerPorts` to a
 * port that is not (Zeek's `likely_server_ports` rule). uids are "C1", "C2", … by first packet.
 */
export function orientUdp(
  datagrams: readonly UdpDatagram[],
  likelyServerPorts: ReadonlySet<number>,
): UdpConnectionDatagram[] {
  const conns = new Map<string, { uid: string; oa: string; op: number; ra: string; rp: number }>();
  const out: UdpConnectionDatagram[] = [];
  for (const d of datagrams) {
    const a = `${d.src}|${d.srcPort}`;
    const b = `${d.dst}|${d.dstPort}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = conns.get(key);
    if (c === undefined) {
      const flip = likelyServerPorts.has(d.srcPort) && !likelyServerPorts.has(d.dstPort);
      c = flip
        ? { uid: `C${conns.size + 1}`, oa: d.dst, op: d.dstPort, ra: d.src, rp: d.srcPort }
        : { uid: `C${conns.size + 1}`, oa: d.src, op: d.srcPort, ra: d.dst, rp: d.dstPort };
      conns.set(key, c);
    }
    out.push({
      ...d,
      uid: c.uid,
      isOrig: d.src === c.oa && d.srcPort === c.op,
      origAddr: c.oa,
      origPort: c.op,
      respAddr: c.ra,
      respPort: c.rp,
    });
  }
  return out;
}
