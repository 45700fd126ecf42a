/**
 * Test-only TCP payload extraction: classic pcap or pcapng (optionally gzipped), Ethernet (with
 * 802.1Q/802.1ad tags), raw IP, BSD loopback or Linux cooked framing, IPv4/IPv6, TCP. For each
 * connection it returns the in-order payload of each direction and the segments in capture order,
 * so a test can feed two application parsers interleaved as the wire did.
 *
 * This is not the project's reassembler (there is none yet): no checksums, no IP fragments, no
 * tunnels. Retransmitted bytes are dropped by sequence number; a segment that arrives before the
 * gap in front of it is filled waits (bounded) and is delivered when the gap closes; a gap that
 * never closes ends that direction's stream. It throws on a file it cannot read.
 */
import { gunzipSync } from 'node:zlib';

export interface TcpSegment {
  readonly ts: number;
  /** True when sent by the originator (the SYN sender, else the first packet's sender). */
  readonly fromOrig: boolean;
  /** Payload bytes new to the stream, in stream order. */
  readonly data: Uint8Array;
  /** Offset of `data` in its direction's stream. */
  readonly offset: number;
}

export interface TcpConnection {
  readonly origAddr: string;
  readonly origPort: number;
  readonly respAddr: string;
  readonly respPort: number;
  /** First packet's timestamp. */
  readonly ts: number;
  /** Delivered segments in capture order (both directions interleaved). */
  readonly segments: TcpSegment[];
  /** Concatenated stream per direction. */
  readonly orig: Uint8Array;
  readonly resp: Uint8Array;
}

interface RawPacket {
  ts: number;
  linkType: number;
  data: Uint8Array;
}

function* readPackets(file: Uint8Array): Generator<RawPacket> {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magic = dv.getUint32(0, false);
  if (magic === 0x0a0d0d0a) {
    yield* readPcapng(file, dv);
    return;
  }
  let le: boolean;
  let nano: boolean;
  if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) {
    le = true;
    nano = magic === 0x4d3cb2a1;
  } else if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) {
    le = false;
    nano = magic === 0xa1b23c4d;
  } else throw new Error(`not a pcap file (magic ${magic.toString(16)})`);
  const linkType = dv.getUint32(20, le) & 0xffff;
  let off = 24;
  while (off + 16 <= file.length) {
    const sec = dv.getUint32(off, le);
    const frac = dv.getUint32(off + 4, le);
    const incl = dv.getUint32(off + 8, le);
    off += 16;
    if (off + incl > file.length) break;
    yield { ts: sec + frac / (nano ? 1e9 : 1e6), linkType, data: file.subarray(off, off + incl) };
    off += incl;
  }
}

function* readPcapng(file: Uint8Array, dv: DataView): Generator<RawPacket> {
  let le = true;
  const ifaces: { linkType: number; tsDiv: number }[] = [];
  let off = 0;
  while (off + 12 <= file.length) {
    const type0 = dv.getUint32(off, true);
    if (type0 === 0x0a0d0d0a) {
      le = dv.getUint32(off + 8, true) === 0x1a2b3c4d;
      ifaces.length = 0;
    }
    const type = dv.getUint32(off, le);
    const len = dv.getUint32(off + 4, le);
    if (len < 12 || off + len > file.length) break;
    if (type === 1) {
      // Interface description: link type, then options; if_tsresol (9) changes the unit.
      let tsDiv = 1e6;
      let o = off + 16;
      while (o + 4 <= off + len - 4) {
        const code = dv.getUint16(o, le);
        const olen = dv.getUint16(o + 2, le);
        if (code === 0) break;
        if (code === 9 && olen >= 1) {
          const v = file[o + 4] ?? 6;
          tsDiv = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
        }
        o += 4 + ((olen + 3) & ~3);
      }
      ifaces.push({ linkType: dv.getUint16(off + 8, le), tsDiv });
    } else if (type === 6) {
      const iface = ifaces[dv.getUint32(off + 8, le)];
      const ts = dv.getUint32(off + 12, le) * 2 ** 32 + dv.getUint32(off + 16, le);
      const cap = dv.getUint32(off + 20, le);
      if (iface && off + 28 + cap <= off + len) {
        yield {
          ts: ts / iface.tsDiv,
          linkType: iface.linkType,
          data: file.subarray(off + 28, off + 28 + cap),
        };
      }
    } else if (type === 3) {
      const iface = ifaces[0];
      const orig = dv.getUint32(off + 8, le);
      const cap = Math.min(orig, len - 16);
      if (iface) yield { ts: 0, linkType: iface.linkType, data: file.subarray(off + 12, off + 12 + cap) };
    }
    off += len;
  }
}

/** Offset of the IP header and its version, or undefined when the frame carries no IP. */
function ipStart(p: RawPacket): number | undefined {
  const d = p.data;
  let off: number;
  let etherType: number;
  switch (p.linkType) {
    case 1: {
      if (d.length < 14) return undefined;
      etherType = (d[12]! << 8) | d[13]!;
      off = 14;
      while ((etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100) && off + 4 <= d.length) {
        etherType = (d[off + 2]! << 8) | d[off + 3]!;
        off += 4;
      }
      return etherType === 0x0800 || etherType === 0x86dd ? off : undefined;
    }
    case 0:
    case 108:
      return d.length > 4 ? 4 : undefined;
    case 113:
      if (d.length < 16) return undefined;
      etherType = (d[14]! << 8) | d[15]!;
      return etherType === 0x0800 || etherType === 0x86dd ? 16 : undefined;
    case 101:
    case 228:
    case 229:
      return 0;
    default:
      return undefined;
  }
}

function v4(d: Uint8Array, o: number): string {
  return `${d[o]}.${d[o + 1]}.${d[o + 2]}.${d[o + 3]}`;
}

function v6(d: Uint8Array, o: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 16; i += 2) parts.push(((d[o + i]! << 8) | d[o + i + 1]!).toString(16));
  // Zeek prints the compressed form; compress the longest run of zeros (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return parts.join(':');
  return `${parts.slice(0, best).join(':')}::${parts.slice(best + bestLen).join(':')}`;
}

interface Decoded {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  flags: number;
  payload: Uint8Array;
}

function decodeTcp(p: RawPacket): Decoded | undefined {
  const d = p.data;
  const ip = ipStart(p);
  if (ip === undefined || ip >= d.length) return undefined;
  const ver = d[ip]! >> 4;
  let src: string;
  let dst: string;
  let tcp: number;
  let end: number;
  if (ver === 4) {
    const ihl = (d[ip]! & 15) * 4;
    const total = (d[ip + 2]! << 8) | d[ip + 3]!;
    if (d[ip + 9] !== 6) return undefined;
    // Fragments (offset or MF set) are not reassembled here.
    if (((d[ip + 6]! & 0x3f) << 8) | d[ip + 7]! || d[ip + 6]! & 0x20) return undefined;
    src = v4(d, ip + 12);
    dst = v4(d, ip + 16);
    tcp = ip + ihl;
    end = Math.min(d.length, ip + (total || d.length - ip));
  } else if (ver === 6) {
    if (d.length < ip + 40) return undefined;
    let next = d[ip + 6]!;
    const plen = (d[ip + 4]! << 8) | d[ip + 5]!;
    src = v6(d, ip + 8);
    dst = v6(d, ip + 24);
    tcp = ip + 40;
    end = Math.min(d.length, ip + 40 + plen);
    // Hop-by-hop, routing, destination options: skip; anything else is not TCP for this helper.
    while (next === 0 || next === 43 || next === 60) {
      if (tcp + 2 > end) return undefined;
      next = d[tcp]!;
      tcp += (d[tcp + 1]! + 1) * 8;
    }
    if (next !== 6) return undefined;
  } else return undefined;
  if (tcp + 20 > end) return undefined;
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const hlen = (d[tcp + 12]! >> 4) * 4;
  return {
    src,
    dst,
    sport: dv.getUint16(tcp),
    dport: dv.getUint16(tcp + 2),
    seq: dv.getUint32(tcp + 4),
    flags: d[tcp + 13]!,
    payload: d.subarray(Math.min(end, tcp + hlen), end),
  };
}

/** Per-direction in-order assembly by sequence number (relative to the first seen). */
class Direction {
  base: number | undefined;
  next = 0;
  readonly chunks: Uint8Array[] = [];
  length = 0;
  /** Segments ahead of a gap, by relative seq; bounded so a lost segment cannot pile up memory. */
  readonly pending = new Map<number, Uint8Array>();
  pendingBytes = 0;

  start(seq: number, syn: boolean): void {
    if (this.base === undefined) this.base = (seq + (syn ? 1 : 0)) >>> 0;
  }

  /** Returns the newly contiguous bytes (possibly several pending segments joined). */
  add(seq: number, payload: Uint8Array): Uint8Array | undefined {
    if (this.base === undefined) this.base = seq >>> 0;
    const rel = ((seq - this.base) | 0) as number;
    const out: Uint8Array[] = [];
    this.take(rel, payload, out);
    for (let moved = true; moved; ) {
      moved = false;
      for (const [r, p] of this.pending) {
        if (r <= this.next) {
          this.pending.delete(r);
          this.pendingBytes -= p.length;
          this.take(r, p, out);
          moved = true;
        }
      }
    }
    if (out.length === 0) return undefined;
    if (out.length === 1) return out[0];
    const joined = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of out) {
      joined.set(c, o);
      o += c.length;
    }
    return joined;
  }

  private take(rel: number, payload: Uint8Array, out: Uint8Array[]): void {
    if (rel > this.next) {
      if (!this.pending.has(rel) && this.pendingBytes + payload.length <= 4 << 20) {
        this.pending.set(rel, payload);
        this.pendingBytes += payload.length;
      }
      return;
    }
    const skip = this.next - rel;
    if (skip >= payload.length) return;
    const fresh = payload.subarray(skip);
    this.chunks.push(fresh);
    this.length += fresh.length;
    this.next += fresh.length;
    out.push(fresh);
  }

  concat(): Uint8Array {
    const all = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    return all;
  }
}

interface Building {
  origAddr: string;
  origPort: number;
  respAddr: string;
  respPort: number;
  ts: number;
  segments: TcpSegment[];
  dirs: [Direction, Direction];
}

/** All TCP connections of a capture (gzip detected by magic), in order of first packet. */
export function readTcpConnections(fileBytes: Uint8Array): TcpConnection[] {
  const file =
    fileBytes[0] === 0x1f && fileBytes[1] === 0x8b ? new Uint8Array(gunzipSync(fileBytes)) : fileBytes;
  const conns = new Map<string, Building>();
  const order: Building[] = [];
  for (const p of readPackets(file)) {
    const t = decodeTcp(p);
    if (!t) continue;
    const a = `${t.src}|${t.sport}`;
    const b = `${t.dst}|${t.dport}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = conns.get(key);
    const syn = (t.flags & 2) !== 0;
    const ack = (t.flags & 16) !== 0;
    if (!c) {
      // A lone SYN-ACK means the responder was seen first: orient by it.
      const fromResp = syn && ack;
      c = {
        origAddr: fromResp ? t.dst : t.src,
        origPort: fromResp ? t.dport : t.sport,
        respAddr: fromResp ? t.src : t.dst,
        respPort: fromResp ? t.sport : t.dport,
        ts: p.ts,
        segments: [],
        dirs: [new Direction(), new Direction()],
      };
      conns.set(key, c);
      order.push(c);
    }
    const fromOrig = t.src === c.origAddr && t.sport === c.origPort;
    const dir = c.dirs[fromOrig ? 0 : 1];
    if (syn) dir.start(t.seq, true);
    if (t.payload.length === 0) continue;
    const offset = dir.length;
    const fresh = dir.add(t.seq, t.payload);
    if (fresh) c.segments.push({ ts: p.ts, fromOrig, data: fresh, offset });
  }
  return order.map((c) => ({
    origAddr: c.origAddr,
    origPort: c.origPort,
    respAddr: c.respAddr,
    respPort: c.respPort,
    ts: c.ts,
    segments: c.segments,
    orig: c.dirs[0].concat(),
    resp: c.dirs[1].concat(),
  }));
}
