import { createTlsPair } from './tls.js';
/** Largest handshake message reassembled from fragments. */
export const DTLS_MAX_MESSAGE = 64 * 1024;
/** Messages in reassembly per direction. */
const MAX_PENDING = 8;
const MAX_EVENTS = 16;
const DTLS_VERSIONS = new Set([0xfeff, 0xfefd, 0xfefc]);
/** Whether a datagram starts with a DTLS ClientHello record (epoch 0). */
export function looksLikeDtls(b) {
    if (b.length < 25 || b[0] !== 22 || b[1] !== 0xfe)
        return false;
    if (!DTLS_VERSIONS.has((b[1] << 8) | b[2]))
        return false;
    if (b[3] !== 0 || b[4] !== 0)
        return false;
    const len = (b[11] << 8) | b[12];
    return len >= 12 && b[13] === 1;
}
/** One direction's handshake reassembly. */
class Direction {
    nextSeq = 0;
    pending = [];
}
/** The DTLS reader of one UDP connection. */
export class DtlsConn {
    sink;
    tls;
    dirs = [new Direction(), new Direction()];
    events = 0;
    ts = 0;
    constructor(sink) {
        this.sink = sink;
        this.tls = createTlsPair(sink);
        this.tls.orig.conn.dtls = true;
    }
    event(name, detail) {
        if (!this.sink || this.events >= MAX_EVENTS)
            return;
        this.events++;
        this.sink({ name, ts: this.ts, fileOffset: -1, detail });
    }
    /** One UDP payload of the connection. */
    datagram(isOrig, b, ts) {
        this.ts = ts;
        const parser = isOrig ? this.tls.orig : this.tls.resp;
        let p = 0;
        while (p + 13 <= b.length && !parser.done) {
            const type = b[p];
            const version = (b[p + 1] << 8) | b[p + 2];
            const epoch = (b[p + 3] << 8) | b[p + 4];
            const len = (b[p + 11] << 8) | b[p + 12];
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
            }
            else if (type === 22 && !parser.conn.encrypted[isOrig ? 0 : 1]) {
                this.handshake(isOrig, parser, body);
            }
            else {
                parser.record(type, body, ts);
            }
        }
    }
    handshake(isOrig, parser, body) {
        const dir = this.dirs[isOrig ? 0 : 1];
        let p = 0;
        while (p + 12 <= body.length) {
            const type = body[p];
            const length = (body[p + 1] << 16) | (body[p + 2] << 8) | body[p + 3];
            const seq = (body[p + 4] << 8) | body[p + 5];
            const offset = (body[p + 6] << 16) | (body[p + 7] << 8) | body[p + 8];
            const fragLen = (body[p + 9] << 16) | (body[p + 10] << 8) | body[p + 11];
            const frag = body.subarray(p + 12, p + 12 + fragLen);
            if (p + 12 + fragLen > body.length || offset + fragLen > length) {
                this.event('dtls_malformed_handshake', `fragment ${offset}+${fragLen} of ${length} (seq ${seq})`);
                return;
            }
            p += 12 + fragLen;
            if (seq < dir.nextSeq)
                continue; // a retransmission
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
        if (p !== body.length)
            this.event('dtls_malformed_handshake', `${body.length - p} trailing bytes`);
    }
    deliver(dir, parser, seq, type, msg) {
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
function addRange(ranges, s, e) {
    if (e <= s)
        return ranges;
    const all = [...ranges, [s, e]].sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const r of all) {
        const last = out[out.length - 1];
        if (last && r[0] <= last[1])
            last[1] = Math.max(last[1], r[1]);
        else
            out.push([r[0], r[1]]);
    }
    return out;
}
//# sourceMappingURL=dtls.js.map