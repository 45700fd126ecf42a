/**
 * Test-only TCP payload extraction: packets come from the project's capture reader and decoder
 * (every format and link type they support, checksums not verified); for each connection it
 * returns the in-order payload of each direction and the segments in capture order, so a test
 * can feed two application parsers interleaved as the wire did.
 *
 * This is not the project's reassembler (there is none yet): no IP fragments, no tunnels. Retransmitted bytes are dropped by sequence number; a segment that arrives before the
 * gap in front of it is filled waits (bounded) and is delivered when the gap closes; a gap that
 * never closes ends that direction's stream. It throws on a file it cannot read.
 */
import { readCapture } from '../../src/ingest/pcap/capture-file.js';
import { decodePacket } from '../../src/ingest/pcap/decode.js';
import { DecodedPacket, IpProto } from '../../src/ingest/pcap/packet.js';
import { formatAddress } from '../../src/shared/addr.js';

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

interface Decoded {
  ts: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  flags: number;
  payload: Uint8Array;
}

/** Every whole (unfragmented) TCP segment of a capture, through the project's reader and decoder. */
function tcpSegments(file: Uint8Array): Decoded[] {
  const out: Decoded[] = [];
  const packet = new DecodedPacket();
  const ignore = () => {};
  readCapture(
    file,
    (p) => {
      if (!decodePacket(p, packet, ignore, { verifyChecksums: false })) return;
      if (packet.ipProto !== IpProto.Tcp || packet.isFragment) return;
      out.push({
        ts: p.ts,
        src: formatAddress(packet.addr, 0),
        dst: formatAddress(packet.addr, 4),
        sport: packet.srcPort,
        dport: packet.dstPort,
        seq: packet.seq,
        flags: packet.tcpFlags,
        // A view into the capture's bytes, which outlive the callback.
        payload: p.data.subarray(packet.payloadOffset, packet.payloadOffset + packet.payloadLength),
      });
    },
    ignore,
  );
  return out;
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
export function readTcpConnections(file: Uint8Array): TcpConnection[] {
  const conns = new Map<string, Building>();
  const order: Building[] = [];
  for (const t of tcpSegments(file)) {
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
        ts: t.ts,
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
    if (fresh) c.segments.push({ ts: t.ts, fromOrig, data: fresh, offset });
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
