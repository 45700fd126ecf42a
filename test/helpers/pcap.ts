/**
 * Builders for capture bytes in tests: packets (Ethernet, VLAN, IPv4/IPv6 with extension headers,
 * TCP/UDP/ICMP with correct checksums) and files (pcap in either byte order and precision,
 * pcapng blocks). Checksums here are computed independently of src/ so a decoder bug cannot
 * cancel itself out.
 */
import { parseAddress } from '../../src/shared/addr.js';

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytes(...values: readonly number[]): Uint8Array {
  return Uint8Array.from(values);
}

export function be16(v: number): Uint8Array {
  return bytes((v >>> 8) & 255, v & 255);
}

export function be32(v: number): Uint8Array {
  return bytes((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

/** Address text → 4 (IPv4) or 16 (IPv6) network-order bytes. */
export function addressBytes(text: string): Uint8Array {
  const words = parseAddress(text);
  if (!words) throw new Error(`bad address in test: ${text}`);
  const v4 = !text.includes(':');
  const out = new Uint8Array(v4 ? 4 : 16);
  const first = v4 ? 3 : 0;
  for (let w = first; w < 4; w++) out.set(be32(words[w]!), (w - first) * 4);
  return out;
}

/** Internet checksum (RFC 1071) over the concatenation of `parts`. */
export function internetChecksum(...parts: readonly Uint8Array[]): number {
  const all = concatBytes(...parts);
  let sum = 0;
  for (let i = 0; i < all.length; i += 2) sum += (all[i]! << 8) | (all[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** A transport header + payload; `checksumAt` is where its checksum goes (-1: none). */
export interface Segment {
  readonly proto: number;
  readonly bytes: Uint8Array;
  readonly checksumAt: number;
  /** ICMPv4 sums the message alone, without the pseudo-header. */
  readonly pseudoHeader: boolean;
}

export interface TcpSpec {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq?: number;
  readonly ack?: number;
  /** TCP flag byte (TcpFlag bits). */
  readonly flags?: number;
  readonly window?: number;
  /** Raw option bytes, padded here to a multiple of 4. */
  readonly options?: Uint8Array;
  readonly payload?: Uint8Array;
  /** Overrides the data offset field (in 32-bit words) to build broken headers. */
  readonly dataOffsetWords?: number;
}

export function tcp(spec: TcpSpec): Segment {
  const options = spec.options ?? new Uint8Array(0);
  const optionBytes = new Uint8Array(Math.ceil(options.length / 4) * 4);
  optionBytes.set(options);
  const headerLength = 20 + optionBytes.length;
  const header = concatBytes(
    be16(spec.srcPort),
    be16(spec.dstPort),
    be32(spec.seq ?? 1),
    be32(spec.ack ?? 0),
    bytes(((spec.dataOffsetWords ?? headerLength / 4) & 15) << 4, spec.flags ?? 0x02),
    be16(spec.window ?? 65535),
    be16(0),
    be16(0),
    optionBytes,
  );
  return {
    proto: 6,
    bytes: concatBytes(header, spec.payload ?? new Uint8Array(0)),
    checksumAt: 16,
    pseudoHeader: true,
  };
}

export interface UdpSpec {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload?: Uint8Array;
  /** Overrides the UDP length field. */
  readonly length?: number;
  /** Sends 0 ("no checksum") instead of computing one. */
  readonly noChecksum?: boolean;
}

export function udp(spec: UdpSpec): Segment {
  const payload = spec.payload ?? new Uint8Array(0);
  const header = concatBytes(
    be16(spec.srcPort),
    be16(spec.dstPort),
    be16(spec.length ?? 8 + payload.length),
    be16(0),
  );
  return {
    proto: 17,
    bytes: concatBytes(header, payload),
    checksumAt: spec.noChecksum ? -1 : 6,
    pseudoHeader: true,
  };
}

export function icmp(type: number, code: number, rest: Uint8Array = new Uint8Array(4)): Segment {
  return { proto: 1, bytes: concatBytes(bytes(type, code, 0, 0), rest), checksumAt: 2, pseudoHeader: false };
}

export function icmp6(type: number, code: number, rest: Uint8Array = new Uint8Array(4)): Segment {
  return { proto: 58, bytes: concatBytes(bytes(type, code, 0, 0), rest), checksumAt: 2, pseudoHeader: true };
}

/** Any other IP protocol, carried as opaque bytes. */
export function rawSegment(proto: number, body: Uint8Array): Segment {
  return { proto, bytes: body, checksumAt: -1, pseudoHeader: false };
}

function finishSegment(seg: Segment, pseudo: Uint8Array, corrupt: boolean): Uint8Array {
  const out = Uint8Array.from(seg.bytes);
  if (seg.checksumAt < 0) return out;
  let sum = seg.pseudoHeader ? internetChecksum(pseudo, out) : internetChecksum(out);
  // A computed 0 is sent as 0xffff for UDP (0 means "none"); the sum checks out either way.
  if (sum === 0 && seg.proto === 17) sum = 0xffff;
  if (corrupt) sum ^= 0x5a5a;
  out.set(be16(sum), seg.checksumAt);
  return out;
}

export interface Ipv4Spec {
  readonly src: string;
  readonly dst: string;
  readonly ttl?: number;
  readonly id?: number;
  readonly dontFragment?: boolean;
  readonly moreFragments?: boolean;
  /** Fragment offset in bytes (a multiple of 8). */
  readonly fragmentOffset?: number;
  /** IPv4 option bytes, padded to a multiple of 4. */
  readonly options?: Uint8Array;
  /** Overrides the total length field. */
  readonly totalLength?: number;
  /** Overrides the header length field (IHL, in 32-bit words). */
  readonly ihl?: number;
  readonly badHeaderChecksum?: boolean;
  readonly badTransportChecksum?: boolean;
  /** Carry these bytes instead of `segment.bytes` (e.g. a non-first fragment's slice). */
  readonly payloadOverride?: Uint8Array;
}

export function ipv4(spec: Ipv4Spec, seg: Segment): Uint8Array {
  const src = addressBytes(spec.src);
  const dst = addressBytes(spec.dst);
  const options = spec.options ?? new Uint8Array(0);
  const optionBytes = new Uint8Array(Math.ceil(options.length / 4) * 4);
  optionBytes.set(options);
  const body =
    spec.payloadOverride ??
    finishSegment(
      seg,
      concatBytes(src, dst, bytes(0, seg.proto), be16(seg.bytes.length)),
      spec.badTransportChecksum ?? false,
    );
  const headerLength = 20 + optionBytes.length;
  const flags =
    (spec.dontFragment ? 0x4000 : 0) | (spec.moreFragments ? 0x2000 : 0) | ((spec.fragmentOffset ?? 0) / 8);
  const header = concatBytes(
    bytes(0x40 | ((spec.ihl ?? headerLength / 4) & 15), 0),
    be16(spec.totalLength ?? headerLength + body.length),
    be16(spec.id ?? 0x1234),
    be16(flags),
    bytes(spec.ttl ?? 64, seg.proto),
    be16(0),
    src,
    dst,
    optionBytes,
  );
  let sum = internetChecksum(header);
  if (spec.badHeaderChecksum) sum ^= 0x1111;
  header.set(be16(sum), 10);
  return concatBytes(header, body);
}

/** An IPv6 extension header: its type and the bytes after the (next header, length) pair. */
export interface Ipv6Extension {
  readonly type: number;
  readonly body: Uint8Array;
}

/** Hop-by-hop (0) or destination options (60) padded with PadN to a multiple of 8. */
export function optionsHeader(type: 0 | 60, padTo = 8): Ipv6Extension {
  const body = new Uint8Array(padTo - 2);
  if (body.length >= 2) body.set([1, body.length - 2]);
  return { type, body };
}

export function fragmentHeader(offset: number, more: boolean, id: number): Ipv6Extension {
  return { type: 44, body: concatBytes(be16(offset | (more ? 1 : 0)), be32(id)) };
}

/** Routing header type 0 visiting `via` addresses with `segmentsLeft` still to go. */
export function routing0Header(via: readonly string[], segmentsLeft: number): Ipv6Extension {
  return { type: 43, body: concatBytes(bytes(0, segmentsLeft), be32(0), ...via.map(addressBytes)) };
}

export interface Ipv6Spec {
  readonly src: string;
  readonly dst: string;
  readonly hopLimit?: number;
  readonly extensions?: readonly Ipv6Extension[];
  /** Overrides the payload length field. */
  readonly payloadLength?: number;
  /** The destination the pseudo-header uses (the last routing hop); defaults to `dst`. */
  readonly checksumDst?: string;
  readonly badTransportChecksum?: boolean;
  readonly payloadOverride?: Uint8Array;
}

export function ipv6(spec: Ipv6Spec, seg: Segment): Uint8Array {
  const src = addressBytes(spec.src);
  const dst = addressBytes(spec.dst);
  const pseudo = concatBytes(
    src,
    addressBytes(spec.checksumDst ?? spec.dst),
    be32(seg.bytes.length),
    be32(seg.proto),
  );
  const body = spec.payloadOverride ?? finishSegment(seg, pseudo, spec.badTransportChecksum ?? false);
  const extensions = spec.extensions ?? [];
  const chain: Uint8Array[] = [];
  extensions.forEach((ext, i) => {
    const next = extensions[i + 1]?.type ?? seg.proto;
    const raw = concatBytes(bytes(next, 0), ext.body);
    if (ext.type === 51) raw[1] = raw.length / 4 - 2;
    else if (ext.type !== 44) raw[1] = raw.length / 8 - 1;
    chain.push(raw);
  });
  const ext = concatBytes(...chain);
  const first = extensions[0]?.type ?? seg.proto;
  const header = concatBytes(
    be32(0x60000000),
    be16(spec.payloadLength ?? ext.length + body.length),
    bytes(first, spec.hopLimit ?? 64),
    src,
    dst,
  );
  return concatBytes(header, ext, body);
}

export const EtherType = { Ipv4: 0x0800, Ipv6: 0x86dd, Arp: 0x0806, Vlan: 0x8100, QinQ: 0x88a8 } as const;

const MAC_DST = bytes(0x00, 0x11, 0x22, 0x33, 0x44, 0x55);
const MAC_SRC = bytes(0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb);

export interface VlanTag {
  /** Tag protocol identifier: 0x8100 (default) or 0x88a8 for an S-tag. */
  readonly tpid?: number;
  readonly id: number;
}

/** An Ethernet II frame; tags are listed outermost first. */
export function ethernet(etherType: number, payload: Uint8Array, tags: readonly VlanTag[] = []): Uint8Array {
  const parts: Uint8Array[] = [MAC_DST, MAC_SRC];
  for (const tag of tags) parts.push(be16(tag.tpid ?? EtherType.Vlan), be16(tag.id));
  parts.push(be16(etherType), payload);
  return concatBytes(...parts);
}

/** The EtherType matching an IP packet's version nibble. */
export function ipEtherType(packet: Uint8Array): number {
  return packet[0]! >> 4 === 6 ? EtherType.Ipv6 : EtherType.Ipv4;
}

// ---------------------------------------------------------------------------------------------
// Files

export interface PcapRecordSpec {
  readonly data: Uint8Array;
  /** Seconds since the epoch; the fraction is written in the file's precision. */
  readonly ts?: number;
  readonly originalLength?: number;
  /** Overrides the caplen field (to build broken files). */
  readonly caplen?: number;
}

export interface PcapFileSpec {
  readonly linkType?: number;
  readonly snaplen?: number;
  readonly littleEndian?: boolean;
  readonly nanoseconds?: boolean;
}

function put32(out: Uint8Array, at: number, v: number, little: boolean): void {
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(at, v >>> 0, little);
}

function put16(out: Uint8Array, at: number, v: number, little: boolean): void {
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint16(at, v & 0xffff, little);
}

export function pcapHeader(spec: PcapFileSpec = {}): Uint8Array {
  const little = spec.littleEndian ?? true;
  const out = new Uint8Array(24);
  put32(out, 0, spec.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, little);
  put16(out, 4, 2, little);
  put16(out, 6, 4, little);
  put32(out, 16, spec.snaplen ?? 65535, little);
  put32(out, 20, spec.linkType ?? 1, little);
  return out;
}

export function pcapRecord(record: PcapRecordSpec, spec: PcapFileSpec = {}): Uint8Array {
  const little = spec.littleEndian ?? true;
  const ts = record.ts ?? 1_700_000_000;
  const seconds = Math.floor(ts);
  const scale = spec.nanoseconds ? 1e9 : 1e6;
  const fraction = Math.round((ts - seconds) * scale);
  const out = new Uint8Array(16);
  put32(out, 0, seconds, little);
  put32(out, 4, fraction, little);
  put32(out, 8, record.caplen ?? record.data.length, little);
  put32(out, 12, record.originalLength ?? record.data.length, little);
  return concatBytes(out, record.data);
}

export function buildPcap(records: readonly PcapRecordSpec[], spec: PcapFileSpec = {}): Uint8Array {
  return concatBytes(pcapHeader(spec), ...records.map((r) => pcapRecord(r, spec)));
}

/** A pcapng block of `type` around `body` (padded to 4 bytes), lengths in the given byte order. */
export function pcapngBlock(type: number, body: Uint8Array, little = true): Uint8Array {
  const padded = new Uint8Array(Math.ceil(body.length / 4) * 4);
  padded.set(body);
  const length = 12 + padded.length;
  const out = new Uint8Array(length);
  put32(out, 0, type, little);
  put32(out, 4, length, little);
  out.set(padded, 8);
  put32(out, length - 4, length, little);
  return out;
}

export function pcapngOption(code: number, value: Uint8Array, little = true): Uint8Array {
  const head = new Uint8Array(4);
  put16(head, 0, code, little);
  put16(head, 2, value.length, little);
  const padded = new Uint8Array(Math.ceil(value.length / 4) * 4);
  padded.set(value);
  return concatBytes(head, padded);
}

export function pcapngShb(little = true, majorVersion = 1): Uint8Array {
  const body = new Uint8Array(16);
  put32(body, 0, 0x1a2b3c4d, little);
  put16(body, 4, majorVersion, little);
  put16(body, 6, 0, little);
  // Section length -1: not specified.
  put32(body, 8, 0xffffffff, little);
  put32(body, 12, 0xffffffff, little);
  return pcapngBlock(0x0a0d0d0a, body, little);
}

export interface IdbSpec {
  readonly linkType?: number;
  readonly snaplen?: number;
  /** if_tsresol byte (6 = microseconds, 9 = nanoseconds, 0x80|n = 2^-n). */
  readonly tsresol?: number;
  /** if_tsoffset in seconds. */
  readonly tsoffset?: number;
}

export function pcapngIdb(spec: IdbSpec = {}, little = true): Uint8Array {
  const fixed = new Uint8Array(8);
  put16(fixed, 0, spec.linkType ?? 1, little);
  put32(fixed, 4, spec.snaplen ?? 0, little);
  const options: Uint8Array[] = [];
  if (spec.tsresol !== undefined) options.push(pcapngOption(9, bytes(spec.tsresol), little));
  if (spec.tsoffset !== undefined) {
    const value = new Uint8Array(8);
    const view = new DataView(value.buffer);
    view.setBigInt64(0, BigInt(spec.tsoffset), little);
    options.push(pcapngOption(14, value, little));
  }
  if (options.length > 0) options.push(new Uint8Array(4));
  return pcapngBlock(1, concatBytes(fixed, ...options), little);
}

export interface EpbSpec {
  readonly interfaceId?: number;
  /** Timestamp in the interface's units. */
  readonly timestamp?: bigint;
  readonly data: Uint8Array;
  readonly originalLength?: number;
  readonly caplen?: number;
}

function packetFields(spec: EpbSpec, little: boolean, idBytes: 2 | 4): Uint8Array {
  const fixed = new Uint8Array(20);
  const view = new DataView(fixed.buffer);
  if (idBytes === 4) view.setUint32(0, spec.interfaceId ?? 0, little);
  else view.setUint16(0, spec.interfaceId ?? 0, little);
  const ts = spec.timestamp ?? 1_700_000_000_000_000n;
  view.setUint32(4, Number(ts >> 32n), little);
  view.setUint32(8, Number(ts & 0xffffffffn), little);
  view.setUint32(12, spec.caplen ?? spec.data.length, little);
  view.setUint32(16, spec.originalLength ?? spec.data.length, little);
  return concatBytes(fixed, spec.data);
}

export function pcapngEpb(spec: EpbSpec, little = true): Uint8Array {
  return pcapngBlock(6, packetFields(spec, little, 4), little);
}

/** The obsolete Packet Block (type 2): a 16-bit interface id and a drops counter. */
export function pcapngPb(spec: EpbSpec, little = true): Uint8Array {
  return pcapngBlock(2, packetFields(spec, little, 2), little);
}

export function pcapngSpb(data: Uint8Array, originalLength = data.length, little = true): Uint8Array {
  const head = new Uint8Array(4);
  put32(head, 0, originalLength, little);
  return pcapngBlock(3, concatBytes(head, data), little);
}

/** A GRE header (RFC 2784/2890; version 1 is PPTP's enhanced GRE) before `payload`. */
export function gre(
  protocol: number,
  payload: Uint8Array,
  spec: {
    readonly key?: number;
    readonly seq?: number;
    readonly version?: number;
    readonly flags?: number;
  } = {},
): Uint8Array {
  const flags =
    (spec.flags ?? 0) |
    (spec.key !== undefined ? 0x2000 : 0) |
    (spec.seq !== undefined ? 0x1000 : 0) |
    ((spec.version ?? 0) & 7);
  return concatBytes(
    be16(flags),
    be16(protocol),
    spec.key !== undefined ? be32(spec.key) : new Uint8Array(0),
    spec.seq !== undefined ? be32(spec.seq) : new Uint8Array(0),
    payload,
  );
}

/** A VXLAN header (I flag set) with the given network identifier, before an Ethernet frame. */
export function vxlan(vni: number, frame: Uint8Array): Uint8Array {
  return concatBytes(bytes(0x08, 0, 0, 0), be32((vni << 8) >>> 0), frame);
}
