/**
 * DTLS 1.0 / 1.2 (RFC 4347, RFC 6347) over UDP: records and handshake fragments, read into the
 * TLS parser of `tls.ts` so ssl.log comes out as Zeek writes it for DTLS (version `DTLSv10`,
 * `DTLSv12`, cipher, curve, history, certificates, established).
 *
 * A datagram holds one or more records (13-byte header: type, version, epoch, sequence number
 * (48 bits), length). Plaintext handshake records (epoch 0) carry messages with a 12-byte header
 * (type, length, message_seq, fragment_offset, fragment_length); fragments are reassembled per
 * message_seq and each complete message is handed to the TLS parser with the 4-byte TLS header.
 * Retransmitted messages (a message_seq already delivered) are dropped. Records of a later epoch
 * are ciphertext. DTLS 1.3 (unified header) records are not read.
 *
 * Detection by content, like Zeek's DTLS signature: a handshake record of epoch 0 and a DTLS
 * version whose first message is a ClientHello.
 *
 * Cost: per direction at most `MAX_PENDING` messages of at most `DTLS_MAX_MESSAGE` bytes each
 * in reassembly. Nothing throws on bad input; malformed records are reported as events.
 */
import type { EventSink } from '../packet.js';
import { createTlsPair, type TlsStreamParser } from './tls.js';

/** Largest handshake message reassembled from fragments. */
export const DTLS_MAX_MESSAGE = 64 * 1024;
/** Messages in reassembly per direction. */
const MAX_PENDING = 8;
const MAX_EVENTS = 16;

export type DtlsEventName = 'dtls_malformed_record' | 'dtls_malformed_handshake' | 'dtls_message_too_long';

const DTLS_VERSIONS: ReadonlySet<number> = new Set([0xfeff, 0xfefd, 0xfefc]);

/** Whether a datagram starts with a DTLS ClientHello record (epoch 0). */
export function looksLikeDtls(b: Uint8Array): boolean {
  if (b.length < 25 || b[0] !== 22 || b[1] !== 0xfe) return false;
  if (!DTLS_VERSIONS.has((b[1] << 8) | b[2]!)) return false;
  if (b[3] !== 0 || b[4] !== 0) return false;
  const len = (b[11]! << 8) | b[12]!;
  return len >= 12 && b[13] === 1;
}

interface Pending {
  readonly seq: number;
  readonly type: number;
  readonly buf: Uint8Array;
  /** Covered [start, end) ranges, merged and sorted. */
  ranges: [number, number][];
}

/** One direction's handshake reassembly. */
class Direction {
  nextSeq = 0;
  pending: Pending[] = [];
}

/** The DTLS reader of one UDP connection. */
export class DtlsConn {
  readonly tls: { orig: TlsStreamParser; resp: TlsStreamParser };
  private readonly dirs = [new Direction(), new Direction()];
  private events = 0;
  private ts = 0;

  constructor(private readonly sink?: EventSink) {
    this.tls = createTlsPair(sink);
    this.tls.orig.conn.dtls = true;
  }

  private event(name: DtlsEventName, detail: string): void {
    if (!this.sink || this.events >= MAX_EVENTS) return;
    this.events++;
    this.sink({ name, ts: this.ts, fileOffset: -1, detail });
  }

  /** One UDP payload of the connection. */
  datagram(isOrig: boolean, b: Uint8Array, ts: number): void {
    this.ts = ts;
    const parser = isOrig ? this.tls.orig : this.tls.resp;
    let p = 0;
    while (p + 13 <= b.length && !parser.done) {
      const type = b[p]!;
      const version = (b[p + 1]! << 8) | b[p + 2]!;
      const epoch = (b[p + 3]! << 8) | b[p + 4]!;
      const len = (b[p + 11]! << 8) | b[p + 12]!;
      if (!DTLS_VERSIONS.has(version) || type < 20 || type > 24) {
        this.event('dtls_malformed_record', `record type ${type} version 0x${version.toString(16)} at ${p}`);
        return;
      }
      if (p + 13 + len > b.length) {
        this.event('dtls_malformed_record', `record of ${len} bytes beyond the datagram`);
        return;
      }
      const body = b.subarray(p + 13, p + 13 + len);
      p += 13 + len;
      if (epoch > 0) {
        // A later epoch is ciphertext whatever the content type says.
        parser.conn.encrypted[isOrig ? 0 : 1] = true;
        parser.record(type, body, ts);
      } else if (type === 22 && !parser.conn.encrypted[isOrig ? 0 : 1]) {
        this.handshake(isOrig, parser, body);
      } else {
        parser.record(type, body, ts);
      }
    }
  }

  private handshake(isOrig: boolean, parser: TlsStreamParser, body: Uint8Array): void {
    const dir = this.dirs[isOrig ? 0 : 1]!;
    let p = 0;
    while (p + 12 <= body.length) {
      const type = body[p]!;
      const length = (body[p + 1]! << 16) | (body[p + 2]! << 8) | body[p + 3]!;
      const seq = (body[p + 4]! << 8) | body[p + 5]!;
      const offset = (body[p + 6]! << 16) | (body[p + 7]! << 8) | body[p + 8]!;
      const fragLen = (body[p + 9]! << 16) | (body[p + 10]! << 8) | body[p + 11]!;
      const frag = body.subarray(p + 12, p + 12 + fragLen);
      if (p + 12 + fragLen > body.length || offset + fragLen > length) {
        this.event('dtls_malformed_handshake', `fragment ${offset}+${fragLen} of ${length} (seq ${seq})`);
        return;
      }
      p += 12 + fragLen;
      if (seq < dir.nextSeq) continue; // a retransmission
      if (offset === 0 && fragLen === length) {
        this.deliver(dir, parser, seq, type, frag);
        continue;
      }
      if (length > DTLS_MAX_MESSAGE) {
        this.event('dtls_message_too_long', `handshake type ${type} of ${length} bytes`);
        continue;
      }
      let m = dir.pending.find((x) => x.seq === seq);
      if (!m) {
        if (dir.pending.length >= MAX_PENDING) {
          this.event('dtls_malformed_handshake', `more than ${MAX_PENDING} messages in reassembly`);
          continue;
        }
        m = { seq, type, buf: new Uint8Array(length), ranges: [] };
        dir.pending.push(m);
      }
      if (m.buf.length !== length || m.type !== type) {
        this.event('dtls_malformed_handshake', `fragment of seq ${seq} disagrees on type or length`);
        continue;
      }
      m.buf.set(frag, offset);
      m.ranges = addRange(m.ranges, offset, offset + fragLen);
      const r = m.ranges[0];
      if (m.ranges.length === 1 && r && r[0] === 0 && r[1] === length) {
        dir.pending = dir.pending.filter((x) => x !== m);
        this.deliver(dir, parser, seq, type, m.buf);
      }
    }
    if (p !== body.length) this.event('dtls_malformed_handshake', `${body.length - p} trailing bytes`);
  }

  private deliver(dir: Direction, parser: TlsStreamParser, seq: number, type: number, msg: Uint8Array): void {
    dir.nextSeq = seq + 1;
    dir.pending = dir.pending.filter((x) => x.seq > seq);
    const tls = new Uint8Array(4 + msg.length);
    tls[0] = type;
    tls[1] = msg.length >> 16;
    tls[2] = (msg.length >> 8) & 0xff;
    tls[3] = msg.length & 0xff;
    tls.set(msg, 4);
    parser.record(22, tls, this.ts);
  }
}

function addRange(ranges: [number, number][], s: number, e: number): [number, number][] {
  if (e <= s) return ranges;
  const all = [...ranges, [s, e] as [number, number]].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
