/**
 * Test-only UDP payload extraction through the project's capture reader and decoder (every
 * format and link type they support). Fragmented datagrams are skipped; checksums are not
 * verified. A file that is not a capture throws, since a test wants to know.
 *
 * Also the UDP "connection" view the app-layer tests need: Zeek's orientation (the first sender
 * is the originator, unless it sent from a likely server port to one that is not) and a stable
 * uid per connection.
 */
import { readCapture } from '../../src/ingest/pcap/capture-file.js';
import { decodePacket } from '../../src/ingest/pcap/decode.js';
import { DecodedPacket, IpProto } from '../../src/ingest/pcap/packet.js';
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

/** Every whole (unfragmented) UDP datagram of a capture, through the project's reader and decoder. */
export function readUdpDatagrams(file: Uint8Array): UdpDatagram[] {
  const out: UdpDatagram[] = [];
  const packet = new DecodedPacket();
  const ignore = () => {};
  readCapture(
    file,
    (p) => {
      if (!decodePacket(p, packet, ignore, { verifyChecksums: false })) return;
      if (packet.ipProto !== IpProto.Udp || packet.isFragment) return;
      const d = p.data;
      const start = packet.payloadOffset;
      // The UDP length bounds the payload when it is shorter than the IP datagram says.
      const udpLength = (d[start - 4]! << 8) | d[start - 3]!;
      const end = Math.min(start + packet.payloadLength, start - 8 + udpLength);
      out.push({
        ts: p.ts,
        fileOffset: p.fileOffset,
        src: formatAddress(packet.addr, 0),
        srcPort: packet.srcPort,
        dst: formatAddress(packet.addr, 4),
        dstPort: packet.dstPort,
        payload: d.slice(start, Math.max(start, end)),
      });
    },
    ignore,
  );
  return out;
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
