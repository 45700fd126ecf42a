/**
 * QUIC Initial packets (RFC 9000, RFC 9001, QUIC v2 RFC 9369): the TLS handshake they carry.
 *
 * Initial packets are protected with keys anyone can derive from the client's first Destination
 * Connection ID (RFC 9001 5.2), so, as Zeek's QUIC analyzer does, the client's and the server's
 * Initial packets are decrypted here: header protection removed (AES-128-ECB over a sample of
 * the ciphertext), the payload opened (AES-128-GCM, nonce = iv XOR packet number), and the
 * CRYPTO frames' data reassembled by offset and handed, as TLS handshake bytes, to the TLS
 * parser of `tls.ts` (ClientHello, ServerHello: version, cipher, curve, server name, resumption).
 * Handshake, 0-RTT and 1-RTT packets use keys that are not visible and are skipped.
 *
 * Detection is by content on any UDP port: a datagram whose first packet is a long-header
 * Initial of a known version that decrypts (the AEAD tag verifies) with the keys of its own
 * Destination Connection ID.
 *
 * Cost: per connection at most `MAX_INITIALS` decryptions per direction and `MAX_CRYPTO` bytes
 * of CRYPTO data buffered per direction; the reader stops once both hellos were read. Nothing
 * throws on bad input: malformed packets are reported as events and skipped.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { createTlsPair } from './tls.js';
/** CRYPTO stream bytes held per direction (the TLS handshake of the Initial level). */
export const MAX_CRYPTO = 64 * 1024;
/** Initial packets decrypted per direction before giving up. */
const MAX_INITIALS = 32;
/** Key sets derived per connection (one per version and connection id tried). */
const MAX_KEY_ATTEMPTS = 8;
/** Events per connection. */
const MAX_EVENTS = 16;
const fromHex = (h) => new Uint8Array(Buffer.from(h, 'hex'));
const V1 = {
    version: 0x00000001,
    name: '1',
    salt: fromHex('38762cf7f55934b34d179ae6a4c80cadccbb7f0a'),
    label: 'quic',
    initialType: 0,
};
const V2 = {
    version: 0x6b3343cf,
    name: 'quicv2',
    salt: fromHex('0dede3def700a6db819381be6e269dcbf9bd2ed9'),
    label: 'quicv2',
    initialType: 1,
};
const DRAFT29_SALT = fromHex('afbfec289993d24c9e9786f19c6111e04390a899');
/** The version's parameters, or undefined for a version whose Initial keys are not known. */
export function quicVersion(v) {
    if (v === V1.version)
        return V1;
    if (v === V2.version)
        return V2;
    // draft-29 to draft-32 share the draft-29 salt.
    if (v >= 0xff00001d && v <= 0xff000020)
        return { version: v, name: `draft-${v & 0xff}`, salt: DRAFT29_SALT, label: 'quic', initialType: 0 };
    return undefined;
}
// ---------------------------------------------------------------------------------------------
// Keys (RFC 9001 5.2, RFC 8446 7.1)
function hkdfExtract(salt, ikm) {
    return new Uint8Array(createHmac('sha256', salt).update(ikm).digest());
}
/** HKDF-Expand-Label with an empty context, for lengths up to 32 (one SHA-256 block). */
export function hkdfExpandLabel(secret, label, length) {
    const full = Buffer.from(`tls13 ${label}`, 'latin1');
    const info = new Uint8Array(2 + 1 + full.length + 1 + 1);
    info[0] = length >> 8;
    info[1] = length & 0xff;
    info[2] = full.length;
    info.set(full, 3);
    info[3 + full.length] = 0; // context length
    info[4 + full.length] = 1; // HKDF-Expand block counter
    return new Uint8Array(createHmac('sha256', secret).update(info).digest().subarray(0, length));
}
/** The Initial keys of both directions for a client Destination Connection ID. */
export function initialKeys(dcid, v) {
    const initial = hkdfExtract(v.salt, dcid);
    const keys = (label) => {
        const secret = hkdfExpandLabel(initial, label, 32);
        return {
            key: hkdfExpandLabel(secret, `${v.label} key`, 16),
            iv: hkdfExpandLabel(secret, `${v.label} iv`, 12),
            hp: hkdfExpandLabel(secret, `${v.label} hp`, 16),
        };
    };
    return { client: keys('client in'), server: keys('server in') };
}
// ---------------------------------------------------------------------------------------------
// Packets
/** A variable-length integer (RFC 9000 16) at b[p], or undefined when truncated. */
function varint(b, p) {
    if (p >= b.length)
        return undefined;
    const n = 1 << (b[p] >> 6);
    if (p + n > b.length)
        return undefined;
    let v = b[p] & 0x3f;
    for (let i = 1; i < n; i++)
        v = v * 256 + b[p + i];
    return { v, n };
}
/**
 * The long header at b[p]. Returns undefined for a short header or a truncated one, and
 * `end = b.length` for packets without a Length field (Retry, Version Negotiation, unknown).
 */
export function parseLongHeader(b, p) {
    if (p + 7 > b.length || (b[p] & 0x80) === 0)
        return undefined;
    const first = b[p];
    const version = ((b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]) >>> 0;
    let q = p + 5;
    const dl = b[q++];
    if (dl > 20 || q + dl + 1 > b.length)
        return undefined;
    const dcid = b.subarray(q, q + dl);
    q += dl;
    const sl = b[q++];
    if (sl > 20 || q + sl > b.length)
        return undefined;
    const scid = b.subarray(q, q + sl);
    q += sl;
    const type = (first >> 4) & 3;
    const known = quicVersion(version);
    const base = { first, version, dcid, scid, type, known };
    if (version === 0 || !known)
        return { ...base, pnOffset: q, end: b.length, isInitial: false };
    const isInitial = type === known.initialType;
    const isRetry = type === (known.initialType + 3) % 4;
    if (isRetry)
        return { ...base, pnOffset: q, end: b.length, isInitial: false };
    if (isInitial) {
        const tl = varint(b, q);
        if (!tl || q + tl.n + tl.v > b.length)
            return undefined;
        q += tl.n + tl.v;
    }
    const len = varint(b, q);
    if (!len)
        return undefined;
    q += len.n;
    if (q + len.v > b.length)
        return undefined;
    return { ...base, pnOffset: q, end: q + len.v, isInitial };
}
/** RFC 9000 A.3: the full packet number from its truncated encoding. */
function decodePacketNumber(largest, truncated, bits) {
    const expected = largest + 1;
    const win = 2 ** bits;
    const half = win / 2;
    const candidate = Math.floor(expected / win) * win + truncated;
    if (candidate <= expected - half && candidate < 2 ** 62 - win)
        return candidate + win;
    if (candidate > expected + half && candidate >= win)
        return candidate - win;
    return candidate;
}
/**
 * Removes header protection and decrypts one Initial (or any long-header) packet with `keys`;
 * undefined when the packet is too short or the tag does not verify. `largest`: the largest
 * packet number seen in this space so far (-1 for none).
 */
export function openPacket(b, p, h, keys, largest = -1) {
    const pn = h.pnOffset;
    if (pn + 4 + 16 > h.end)
        return undefined;
    try {
        const ecb = createCipheriv('aes-128-ecb', keys.hp, null);
        ecb.setAutoPadding(false);
        const mask = ecb.update(b.subarray(pn + 4, pn + 20));
        const first = b[p] ^ (mask[0] & 0x0f);
        const pnLen = (first & 3) + 1;
        const header = new Uint8Array(pn + pnLen - p);
        header.set(b.subarray(p, pn + pnLen));
        header[0] = first;
        let truncated = 0;
        for (let i = 0; i < pnLen; i++) {
            const v = b[pn + i] ^ mask[1 + i];
            header[pn - p + i] = v;
            truncated = truncated * 256 + v;
        }
        const packetNumber = decodePacketNumber(largest, truncated, pnLen * 8);
        const nonce = new Uint8Array(keys.iv);
        let x = packetNumber;
        for (let i = 11; i >= 4 && x > 0; i--) {
            nonce[i] ^= x % 256;
            x = Math.floor(x / 256);
        }
        const body = b.subarray(pn + pnLen, h.end);
        if (body.length < 16)
            return undefined;
        const gcm = createDecipheriv('aes-128-gcm', keys.key, nonce);
        gcm.setAAD(header);
        gcm.setAuthTag(body.subarray(body.length - 16));
        const out = gcm.update(body.subarray(0, body.length - 16));
        gcm.final();
        return { packetNumber, payload: new Uint8Array(out.buffer, out.byteOffset, out.length), header };
    }
    catch {
        return undefined;
    }
}
/**
 * The CRYPTO frames of a decrypted Initial payload. Stops at the first frame that is malformed
 * or not allowed in an Initial packet; `error` tells which.
 */
export function readFrames(payload) {
    const crypto = [];
    let p = 0;
    const bad = (detail) => ({ crypto, error: 'quic_malformed_frame', detail });
    while (p < payload.length) {
        const type = payload[p];
        if (type === 0x00 || type === 0x01) {
            p++;
            continue;
        }
        if (type === 0x02 || type === 0x03) {
            p++;
            const fields = [];
            for (let i = 0; i < 4; i++) {
                const f = varint(payload, p);
                if (!f)
                    return bad('truncated ACK');
                fields.push(f.v);
                p += f.n;
            }
            const ranges = fields[2];
            const more = ranges * 2 + (type === 0x03 ? 3 : 0);
            if (more > payload.length)
                return bad('ACK range count');
            for (let i = 0; i < more; i++) {
                const f = varint(payload, p);
                if (!f)
                    return bad('truncated ACK range');
                p += f.n;
            }
            continue;
        }
        if (type === 0x06) {
            const off = varint(payload, p + 1);
            if (!off)
                return bad('truncated CRYPTO');
            const len = varint(payload, p + 1 + off.n);
            if (!len)
                return bad('truncated CRYPTO');
            const start = p + 1 + off.n + len.n;
            if (start + len.v > payload.length)
                return bad('CRYPTO beyond packet');
            crypto.push({ offset: off.v, data: payload.subarray(start, start + len.v) });
            p = start + len.v;
            continue;
        }
        if (type === 0x1c || type === 0x1d) {
            let q = p + 1;
            for (let i = 0; i < (type === 0x1c ? 2 : 1); i++) {
                const f = varint(payload, q);
                if (!f)
                    return bad('truncated CONNECTION_CLOSE');
                q += f.n;
            }
            const rl = varint(payload, q);
            if (!rl || q + rl.n + rl.v > payload.length)
                return bad('truncated CONNECTION_CLOSE');
            p = q + rl.n + rl.v;
            continue;
        }
        return { crypto, error: 'quic_unknown_frame', detail: `frame type 0x${type.toString(16)} in Initial` };
    }
    return { crypto };
}
/** In-order delivery of a CRYPTO stream from chunks at offsets, holding at most `MAX_CRYPTO`. */
export class CryptoReassembler {
    /** Next offset to deliver. */
    next = 0;
    pending = [];
    held = 0;
    /** Adds a chunk; returns false when it had to be dropped (beyond the bound). */
    add(c, deliver) {
        const end = c.offset + c.data.length;
        if (end <= this.next || c.data.length === 0)
            return true;
        if (c.offset > this.next) {
            if (end - this.next > MAX_CRYPTO || this.held + c.data.length > MAX_CRYPTO)
                return false;
            this.pending.push({ offset: c.offset, data: c.data.slice() });
            this.held += c.data.length;
            return true;
        }
        deliver(c.data.subarray(this.next - c.offset));
        this.next = end;
        for (;;) {
            const i = this.pending.findIndex((x) => x.offset <= this.next);
            if (i < 0)
                break;
            const x = this.pending[i];
            this.pending.splice(i, 1);
            this.held -= x.data.length;
            const xe = x.offset + x.data.length;
            if (xe > this.next) {
                deliver(x.data.subarray(this.next - x.offset));
                this.next = xe;
            }
        }
        return true;
    }
}
/** Whether a datagram starts with a QUIC Initial packet that decrypts with its own DCID's keys. */
export function looksLikeQuicInitial(b) {
    const h = parseLongHeader(b, 0);
    if (!h?.isInitial || !h.known || (h.first & 0x40) === 0 || h.dcid.length === 0)
        return false;
    return openPacket(b, 0, h, initialKeys(h.dcid, h.known).client) !== undefined;
}
// ---------------------------------------------------------------------------------------------
// A connection
/** The QUIC reader of one UDP connection: Initial packets of both directions into TLS. */
export class QuicConn {
    sink;
    tls;
    /** Version of the first client Initial (quic.log's), undefined before one decrypted. */
    version;
    /** Initials decrypted per role (client, server). */
    opened = [0, 0];
    /** Which direction is the client's: set by its first Initial that decrypted. */
    clientIsOrig;
    dcid;
    keys = new Map();
    keyAttempts = 0;
    largest = [-1, -1];
    attempts = [0, 0];
    crypto = [new CryptoReassembler(), new CryptoReassembler()];
    events = 0;
    ts = 0;
    constructor(sink) {
        this.sink = sink;
        this.tls = createTlsPair(sink);
    }
    /** True once nothing more is read (both hellos seen, or the TLS reader stopped). */
    get done() {
        const c = this.tls.orig.conn;
        return c.stopped || (c.clientHello !== undefined && c.serverHello?.helloRetryRequest === false);
    }
    event(name, detail) {
        if (!this.sink || this.events >= MAX_EVENTS)
            return;
        this.events++;
        this.sink({ name, ts: this.ts, fileOffset: -1, detail });
    }
    keysFor(v, dcid) {
        let k = this.keys.get(v.version);
        if (k)
            return k;
        if (this.keyAttempts >= MAX_KEY_ATTEMPTS)
            return undefined;
        this.keyAttempts++;
        k = initialKeys(dcid, v);
        this.keys.set(v.version, k);
        return k;
    }
    /** One UDP payload of the connection. */
    datagram(isOrig, b, ts) {
        this.ts = ts;
        let p = 0;
        while (p < b.length && !this.done) {
            if ((b[p] & 0x80) === 0)
                return; // short header: 1-RTT, not readable
            const h = parseLongHeader(b, p);
            if (!h) {
                // Zero padding after coalesced packets is allowed; anything else is malformed.
                if (b.subarray(p).some((x) => x !== 0))
                    this.event('quic_malformed_packet', `long header at ${p}`);
                return;
            }
            if (!h.known) {
                if (h.version !== 0)
                    this.event('quic_unknown_version', `version 0x${h.version.toString(16)}`);
                return;
            }
            if (h.isInitial)
                this.initial(isOrig, b, p, h);
            if (h.end <= p)
                return;
            p = h.end;
        }
    }
    initial(isOrig, b, p, h) {
        const v = h.known;
        const asClient = this.clientIsOrig === undefined || isOrig === this.clientIsOrig;
        const role = asClient ? 0 : 1;
        if (this.attempts[role] >= MAX_INITIALS)
            return;
        this.attempts[role]++;
        let opened;
        const dcid = this.dcid;
        if (asClient) {
            const k = dcid && this.keysFor(v, dcid);
            opened = k ? openPacket(b, p, h, k.client, this.largest[0]) : undefined;
            if (!opened && (!dcid || !bytesEqual(h.dcid, dcid)) && this.keyAttempts < MAX_KEY_ATTEMPTS) {
                // The first client Initial, or a new client connection id (after a Retry): the keys
                // of its own Destination Connection ID, kept when they open the packet.
                this.keyAttempts++;
                const k2 = initialKeys(h.dcid, v);
                opened = openPacket(b, p, h, k2.client, this.largest[0]);
                if (opened) {
                    this.dcid = h.dcid.slice();
                    this.keys.clear();
                    this.keys.set(v.version, k2);
                }
            }
            if (opened && this.clientIsOrig === undefined) {
                this.clientIsOrig = isOrig;
                this.version = v;
            }
        }
        else if (dcid !== undefined) {
            const k = this.keysFor(v, dcid);
            opened = k && openPacket(b, p, h, k.server, this.largest[1]);
        }
        if (!opened) {
            this.event('quic_decrypt_failed', `${asClient ? 'client' : 'server'} Initial of ${h.end - p} bytes`);
            return;
        }
        this.opened[role]++;
        if (opened.packetNumber > this.largest[role])
            this.largest[role] = opened.packetNumber;
        const frames = readFrames(opened.payload);
        if (frames.error)
            this.event(frames.error, frames.detail ?? '');
        const parser = isOrig ? this.tls.orig : this.tls.resp;
        for (const c of frames.crypto) {
            if (!this.crypto[role].add(c, (d) => parser.record(22, d, this.ts)))
                this.event('quic_crypto_overflow', `CRYPTO at offset ${c.offset} beyond ${MAX_CRYPTO} bytes`);
        }
    }
}
function bytesEqual(a, b) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
}
//# sourceMappingURL=quic.js.map