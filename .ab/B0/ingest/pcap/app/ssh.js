const MAX_LINE = 1024;
const MAX_BANNER = 255;
const MAX_PRE_BANNER_LINES = 64;
const MAX_PRE_BANNER_BYTES = 16 * 1024;
export const SSH_MAX_PACKET = 256 * 1024;
/** Names kept per KEXINIT name-list by default (Zeek's stress trace sends 500+). */
const DEFAULT_MAX_ALGORITHMS = 256;
const MAX_EVENTS = 32;
const MSG_KEXINIT = 20;
const MSG_NEWKEYS = 21;
/** An `SSH-protoversion-softwareversion [comments]` line, or undefined when it is not one. */
export function parseSshBanner(line) {
    if (!line.startsWith('SSH-'))
        return undefined;
    const dash = line.indexOf('-', 4);
    if (dash < 0)
        return undefined;
    const protoVersion = line.slice(4, dash);
    if (!/^\d+\.\d+$/.test(protoVersion))
        return undefined;
    const rest = line.slice(dash + 1);
    const sp = rest.indexOf(' ');
    return {
        raw: line,
        protoVersion,
        software: sp < 0 ? rest : rest.slice(0, sp),
        comments: sp < 0 ? undefined : rest.slice(sp + 1),
    };
}
/**
 * True when a stream starts like an SSH identification line: `SSH-`, a digit, '.'. A server may
 * send other lines first (RFC 4253 §4.2); the client side decides the protocol in that case.
 * Needs 6 bytes.
 */
export function looksLikeSsh(firstBytes) {
    const b = firstBytes;
    return (b.length >= 6 &&
        b[0] === 0x53 &&
        b[1] === 0x53 &&
        b[2] === 0x48 &&
        b[3] === 0x2d &&
        b[4] >= 0x30 &&
        b[4] <= 0x39 &&
        b[5] === 0x2e);
}
/** Zeek's weird-name stems for the categories of a KEXINIT, in wire order of their lists. */
const KEX_CATEGORIES = [
    'kex_algorithms',
    'hostkey_algorithms',
    'encryption_algorithms',
    'encryption_algorithms',
    'mac_algorithms',
    'mac_algorithms',
    'compression_algorithms',
    'compression_algorithms',
    'languages',
    'languages',
];
var State;
(function (State) {
    State[State["Banner"] = 0] = "Banner";
    State[State["Packets"] = 1] = "Packets";
    /** After NEWKEYS: bytes are counted, not read. */
    State[State["Encrypted"] = 2] = "Encrypted";
    State[State["Done"] = 3] = "Done";
})(State || (State = {}));
/** One direction of an SSH stream. */
export class SshStreamParser {
    isOrig;
    sink;
    limits;
    events = 0;
    ts = 0;
    fileOffset = -1;
    streamOffset = 0;
    banner;
    /** Lines before the identification (server banners, MOTD-like art). */
    preBannerLines = 0;
    preBannerBytes = 0;
    kexInit;
    /** Cleartext binary packets seen, by message type (bounded: 256 types). */
    messages = new Map();
    /** True after NEWKEYS: the rest of this direction is encrypted. */
    newKeys = false;
    state = State.Banner;
    line = new Uint8Array(128);
    lineLen = 0;
    head = new Uint8Array(5);
    headLen = 0;
    packet;
    packetFill = 0;
    constructor(options = {}) {
        this.isOrig = options.isOrig ?? true;
        this.sink = options.sink;
        this.limits = options.maxAlgorithms;
    }
    get done() {
        return this.state === State.Done;
    }
    event(name, detail) {
        if (!this.sink || this.events >= MAX_EVENTS)
            return;
        this.events++;
        this.sink({
            name,
            ts: this.ts,
            fileOffset: this.fileOffset,
            detail: `${this.isOrig ? 'orig' : 'resp'}@${this.streamOffset}: ${detail}`,
        });
    }
    /** A hole in the stream: stop reading this direction. */
    gap() {
        this.state = State.Done;
    }
    /** Stops counting encrypted bytes (the authentication guess is over). */
    stop() {
        this.state = State.Done;
    }
    /** Reads a delivery; returns how many of its bytes came after NEWKEYS (encrypted). */
    push(bytes, ts, fileOffset = -1) {
        this.ts = ts;
        this.fileOffset = fileOffset;
        let i = 0;
        const n = bytes.length;
        while (i < n) {
            if (this.state === State.Done || this.state === State.Encrypted) {
                this.streamOffset += n - i;
                return this.state === State.Encrypted ? n - i : 0;
            }
            const start = i;
            i = this.state === State.Banner ? this.pushLine(bytes, i) : this.pushPacket(bytes, i);
            this.streamOffset += i - start;
        }
        return 0;
    }
    pushLine(b, i) {
        const nl = b.indexOf(0x0a, i);
        const end = nl < 0 ? b.length : nl;
        const take = end - i;
        if (this.lineLen + take > MAX_LINE) {
            this.event('SSH_line_too_long', `no line end within ${MAX_LINE} bytes`);
            this.state = State.Done;
            return b.length;
        }
        if (this.lineLen + take > this.line.length) {
            const grown = new Uint8Array(Math.min(MAX_LINE, Math.max(this.line.length * 2, this.lineLen + take)));
            grown.set(this.line.subarray(0, this.lineLen));
            this.line = grown;
        }
        this.line.set(b.subarray(i, end), this.lineLen);
        this.lineLen += take;
        if (nl < 0)
            return b.length;
        let len = this.lineLen;
        if (len > 0 && this.line[len - 1] === 0x0d)
            len--;
        const text = String.fromCharCode(...this.line.subarray(0, len));
        const consumed = this.lineLen + 1;
        this.lineLen = 0;
        this.onLine(text, consumed);
        return nl + 1;
    }
    onLine(text, consumed) {
        const banner = parseSshBanner(text);
        if (!banner) {
            this.preBannerLines++;
            this.preBannerBytes += consumed;
            if (this.isOrig && this.preBannerLines === 1)
                this.event('SSH_client_pre_banner_data', text.slice(0, 64));
            if (this.preBannerLines > MAX_PRE_BANNER_LINES || this.preBannerBytes > MAX_PRE_BANNER_BYTES) {
                this.event('SSH_too_much_pre_banner_data', `${this.preBannerLines} lines, ${this.preBannerBytes} bytes`);
                this.state = State.Done;
            }
            return;
        }
        if (text.length > MAX_BANNER - 2)
            this.event('SSH_banner_too_long', `${text.length} bytes`);
        this.banner = banner;
        // SSH-1 packets (and their keys) are not read; 1.99 speaks SSH-2.
        this.state =
            banner.protoVersion.startsWith('1.') && banner.protoVersion !== '1.99' ? State.Done : State.Packets;
    }
    pushPacket(b, i) {
        if (this.packet === undefined) {
            const take = Math.min(5 - this.headLen, b.length - i);
            this.head.set(b.subarray(i, i + take), this.headLen);
            this.headLen += take;
            i += take;
            if (this.headLen < 5)
                return i;
            const h = this.head;
            const length = ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
            const padding = h[4];
            if (length < 5 || length > SSH_MAX_PACKET || padding >= length) {
                this.event('SSH_invalid_packet', `packet_length ${length}, padding_length ${padding}`);
                this.state = State.Done;
                return b.length;
            }
            this.packet = new Uint8Array(length - 1);
            this.packetFill = 0;
        }
        const take = Math.min(this.packet.length - this.packetFill, b.length - i);
        this.packet.set(b.subarray(i, i + take), this.packetFill);
        this.packetFill += take;
        i += take;
        if (this.packetFill === this.packet.length) {
            const body = this.packet;
            const payloadLength = body.length - this.head[4];
            this.packet = undefined;
            this.headLen = 0;
            this.onPacket(body.subarray(0, payloadLength));
        }
        return i;
    }
    onPacket(payload) {
        const type = payload[0] ?? -1;
        if (type >= 0 && (this.messages.has(type) || this.messages.size < 256))
            this.messages.set(type, (this.messages.get(type) ?? 0) + 1);
        if (type === MSG_KEXINIT && !this.kexInit) {
            const kex = this.parseKexInit(payload);
            if (kex)
                this.kexInit = kex;
            else
                this.event('SSH_malformed_kexinit', `${payload.length} bytes`);
        }
        else if (type === MSG_NEWKEYS) {
            this.newKeys = true;
            this.state = State.Encrypted;
        }
    }
    parseKexInit(p) {
        if (p.length < 17)
            return undefined;
        let off = 17;
        const lists = [];
        const reported = new Set();
        for (let k = 0; k < 10; k++) {
            if (off + 4 > p.length)
                return undefined;
            const len = ((p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3]) >>> 0;
            off += 4;
            if (off + len > p.length)
                return undefined;
            const category = KEX_CATEGORIES[k];
            const limit = this.limits?.[category] ?? DEFAULT_MAX_ALGORITHMS;
            const names = [];
            let count = 0;
            // Split on ',' without building the whole string: names are ASCII.
            let s = off;
            for (let j = off; j <= off + len; j++) {
                if (j < off + len && p[j] !== 0x2c)
                    continue;
                if (j > s) {
                    count++;
                    if (names.length < limit)
                        names.push(String.fromCharCode(...p.subarray(s, Math.min(j, s + 256))));
                }
                s = j + 1;
            }
            // Zeek logs a category's weird once per connection: the first list over the limit.
            if (count > limit && !reported.has(category)) {
                reported.add(category);
                this.event(`SSH_max_kexinit_${category}_exceeded`, `${count} > ${limit}`);
            }
            lists.push(names);
            off += len;
        }
        let cookie = '';
        for (let j = 1; j < 17; j++)
            cookie += p[j].toString(16).padStart(2, '0');
        return {
            cookie,
            kexAlgorithms: lists[0],
            serverHostKeyAlgorithms: lists[1],
            encryptionClientToServer: lists[2],
            encryptionServerToClient: lists[3],
            macClientToServer: lists[4],
            macServerToClient: lists[5],
            compressionClientToServer: lists[6],
            compressionServerToClient: lists[7],
            languagesClientToServer: lists[8],
            languagesServerToClient: lists[9],
            firstKexPacketFollows: (p[off] ?? 0) !== 0,
        };
    }
}
/**
 * Zeek's guess whether an SSH-2 client authenticated, from the sizes of the encrypted
 * deliveries after NEWKEYS (the SSH analyzer's ProcessEncrypted): once the client has sent
 * encrypted data, the server's first encrypted delivery is SERVICE_ACCEPT and sets the
 * reference size; a delivery 16 bytes smaller is USERAUTH_SUCCESS (before any failure: the
 * "none" method succeeded); otherwise the next one is the first USERAUTH_FAILURE (the reply to
 * the client's "none" probe, not counted; a delivery more than 256 bytes bigger is taken once
 * for a pre-auth banner and skipped), each later delivery of that same size is one more failed
 * attempt, and one 16 bytes smaller than SERVICE_ACCEPT a success, which ends the guess. A
 * gap ends it too (Zeek stops after one). Bounded: `MAX_AUTH_DELIVERIES` server deliveries
 * without a decision end it as well (Zeek has no bound; a session whose sizes never match
 * would otherwise be watched to its end).
 */
export class SshAuthGuess {
    /** ssh.log `auth_attempts`: failed attempts plus the successful one. */
    attempts = 0;
    /** ssh.log `auth_success`: the last attempt's result; undefined before any. */
    success;
    ended = false;
    sawClientData = false;
    serviceAcceptSize = 0;
    failureSize = 0;
    skippedBanner = false;
    serverDeliveries = 0;
    /** True once nothing more can change the guess. */
    get done() {
        return this.ended;
    }
    /** Ends the guess as it stands (a gap, or a protocol the guess does not apply to). */
    end() {
        this.ended = true;
    }
    /** `len` encrypted bytes delivered in one direction. */
    delivery(isOrig, len) {
        if (this.ended || len <= 0)
            return;
        if (isOrig) {
            this.sawClientData = true;
            return;
        }
        if (!this.sawClientData)
            return;
        if (++this.serverDeliveries > MAX_AUTH_DELIVERIES) {
            this.ended = true;
            return;
        }
        if (this.serviceAcceptSize === 0) {
            this.serviceAcceptSize = len;
            return;
        }
        if (this.failureSize === 0 && len + 16 === this.serviceAcceptSize) {
            this.attempt(true);
            return;
        }
        if (this.failureSize === 0) {
            if (!this.skippedBanner && len - this.serviceAcceptSize > 256)
                this.skippedBanner = true;
            else
                this.failureSize = len;
            return;
        }
        if (len === this.failureSize)
            this.attempt(false);
        else if (len - this.serviceAcceptSize === -16)
            this.attempt(true);
    }
    attempt(success) {
        this.attempts++;
        this.success = success;
        if (success)
            this.ended = true;
    }
}
/** Server deliveries an undecided authentication guess watches (SshAuthGuess). */
export const MAX_AUTH_DELIVERIES = 1024;
/**
 * Compression makes the sizes meaningless: Zeek's `SSH::compression_algorithms`, for which it
 * logs no guess.
 */
const COMPRESSION_ALGORITHMS = new Set(['zlib', 'zlib@openssh.com']);
/** First client algorithm the server also lists (RFC 4253 §7.1), Zeek's failure text else. */
function negotiate(client, server) {
    for (const c of client)
        if (server.includes(c))
            return c;
    return 'Algorithm negotiation failed';
}
function negotiateBoth(c2s, s2c) {
    const a = negotiate(c2s[0], c2s[1]);
    const b = negotiate(s2c[0], s2c[1]);
    return a === b ? a : `To server: ${a}, to client: ${b}`;
}
/**
 * Zeek's ssh.log `version`: the major version both sides speak, from the characters of the two
 * identification strings as main.zeek reads them ("1.99" counts as 2 against a 2.0 peer).
 */
export function sshVersion(client, server) {
    if (client.length <= 4 || server.length <= 4)
        return undefined;
    const c = client[4];
    const s = server[4];
    const is199 = (v) => v.length > 7 && v[6] === '9' && v[7] === '9';
    if (c === '1' && s === '2')
        return is199(client) ? 2 : undefined;
    if (c === '2' && s === '1')
        return is199(server) ? 2 : undefined;
    if (c === '1' && s === '1')
        return is199(server) && is199(client) ? 2 : 1;
    if (c === '2' && s === '2')
        return 2;
    return undefined;
}
/**
 * The ssh.log record from the client's (originator's) and the server's direction, and the
 * authentication guess when one was made (`auth_attempts` 0 and no `auth_success` without it).
 */
export function sshLogRecord(client, server, auth) {
    const rec = {};
    if (client.banner)
        rec.client = client.banner.raw;
    if (server.banner)
        rec.server = server.banner.raw;
    if (rec.client && rec.server) {
        const v = sshVersion(rec.client, rec.server);
        if (v !== undefined)
            rec.version = v;
    }
    const ck = client.kexInit;
    const sk = server.kexInit;
    if (ck && sk) {
        rec.cipher_alg = negotiateBoth([ck.encryptionClientToServer, sk.encryptionClientToServer], [ck.encryptionServerToClient, sk.encryptionServerToClient]);
        rec.mac_alg = negotiateBoth([ck.macClientToServer, sk.macClientToServer], [ck.macServerToClient, sk.macServerToClient]);
        rec.compression_alg = negotiateBoth([ck.compressionClientToServer, sk.compressionClientToServer], [ck.compressionServerToClient, sk.compressionServerToClient]);
        rec.kex_alg = negotiate(ck.kexAlgorithms, sk.kexAlgorithms);
        rec.host_key_alg = negotiate(ck.serverHostKeyAlgorithms, sk.serverHostKeyAlgorithms);
    }
    const compressed = rec.compression_alg !== undefined && COMPRESSION_ALGORITHMS.has(rec.compression_alg);
    rec.auth_attempts = 0;
    if (auth !== undefined && !compressed && auth.attempts > 0) {
        rec.auth_attempts = auth.attempts;
        rec.auth_success = auth.success === true;
    }
    return rec;
}
//# sourceMappingURL=ssh.js.map