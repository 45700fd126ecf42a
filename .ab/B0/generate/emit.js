import { mix32, Rng, Stream } from './prng.js';
import { DASH, NL, putAscii, putBool, putBytes, putMicros, putUint, TAB } from './writer.js';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const B62 = Uint8Array.from(BASE62, (c) => c.charCodeAt(0));
/** 6 random bits → a base62 character (two characters twice as likely: invisible in a uid). */
const B64_TO_62 = Uint8Array.from({ length: 64 }, (_, i) => B62[i % 62]);
export const UID_LENGTH = 18;
/** IPv4/IPv6 header + TCP header with the timestamp option every modern stack sends. */
const TCP_OVERHEAD_V4 = 52;
const TCP_OVERHEAD_V6 = 72;
const RST_V4 = 40;
const RST_V6 = 60;
const UDP_OVERHEAD_V4 = 28;
const UDP_OVERHEAD_V6 = 48;
/** IP + ICMP header bytes per packet (ICMPv6 over IPv6: 40 + 8). */
const ICMP_OVERHEAD_V4 = 28;
const ICMP_OVERHEAD_V6 = 48;
const MSS = 1448;
const SF_HISTORIES = ['ShADadFf', 'ShADadFf', 'ShADadFf', 'ShADadfF', 'ShADdaFf', 'ShADadtFf'];
export class Emitter {
    logs;
    held;
    endUs;
    /** Uid of the connection emitted last (`C` + 17 base62 characters). */
    uid = Buffer.alloc(UID_LENGTH);
    fuid = Buffer.alloc(UID_LENGTH);
    /** Connections emitted so far (including any that start after the end and are dropped). */
    connections = 0;
    /**
     * Conn lines due (ending) at or after this time leave the slice for `held`: the driver sets
     * it to the end of the slice after the current one, so a slice only keys lines due within
     * two slices of its base. Until the driver sets it every conn line is held, which is correct,
     * only slower.
     */
    horizonUs = Number.NEGATIVE_INFINITY;
    files = 0;
    rng;
    /** Benign weirds draw from their own stream: the other logs do not depend on them. */
    noise;
    key;
    /** Conn counters staged by tcp()/udp() for writeConn (one reusable record, no allocation). */
    tail = {
        durationUs: 0,
        origBytes: 0,
        respBytes: 0,
        state: '',
        history: '',
        origPkts: 0,
        origIpBytes: 0,
        respPkts: 0,
        respIpBytes: 0,
    };
    constructor(logs, seed, 
    /** Where conn lines due past `horizonUs` wait until their slice comes. */
    held, 
    /** End of the capture: a connection starting at or after it is never seen (no conn line). */
    endUs) {
        this.logs = logs;
        this.held = held;
        this.endUs = endUs;
        this.rng = new Rng(seed, Stream.Uid);
        this.key = mix32(this.rng.u32());
        this.noise = new Rng(seed, Stream.Weird);
    }
    uidText() {
        return this.uid.toString('latin1');
    }
    /**
     * Six characters encode a keyed 32-bit permutation of a counter (unique for 2^32 ids), the
     * other eleven are random (6 bits each through a 64-entry table: no division on this path),
     * so uids look like Zeek's and never collide within a run.
     */
    drawId(out, prefix, counter) {
        out[0] = prefix;
        let p = mix32((counter ^ this.key) >>> 0);
        for (let i = 1; i <= 6; i++) {
            const q = Math.floor(p / 62);
            out[i] = B62[p - q * 62];
            p = q;
        }
        let r = this.rng.u32();
        for (let i = 7; i < 12; i++, r >>>= 6)
            out[i] = B64_TO_62[r & 63];
        r = this.rng.u32();
        for (let i = 12; i < UID_LENGTH; i++, r >>>= 6)
            out[i] = B64_TO_62[r & 63];
    }
    tcp(c) {
        this.drawId(this.uid, 67, this.connections++);
        const v6 = c.orig.v6;
        const hdr = v6 ? TCP_OVERHEAD_V6 : TCP_OVERHEAD_V4;
        const rst = v6 ? RST_V6 : RST_V4;
        const t = this.tail;
        t.origBytes = 0;
        t.respBytes = 0;
        t.durationUs = 200 + this.rng.int(3000);
        switch (c.outcome) {
            case 'SF':
            case 'RSTO':
            case 'RSTR': {
                const ob = c.origBytes ?? 0;
                const rb = c.respBytes ?? 0;
                const origSeg = Math.ceil(ob / MSS);
                const respSeg = Math.ceil(rb / MSS);
                t.durationUs = c.durationUs ?? 0;
                t.origBytes = ob;
                t.respBytes = rb;
                t.state = c.outcome;
                t.history =
                    c.outcome === 'SF'
                        ? SF_HISTORIES[this.rng.int(SF_HISTORIES.length)]
                        : c.outcome === 'RSTO'
                            ? 'ShADadR'
                            : 'ShADadr';
                t.origPkts = 3 + origSeg + Math.ceil(respSeg / 2);
                t.respPkts = 2 + respSeg + Math.ceil(origSeg / 2);
                t.origIpBytes = ob + t.origPkts * hdr;
                t.respIpBytes = rb + t.respPkts * hdr;
                break;
            }
            case 'S0': {
                const syns = c.synCount ?? 1;
                // A lone SYN has no duration, and Zeek then leaves the byte counts unset too.
                t.durationUs =
                    syns === 1 ? -1 : syns === 2 ? 1_000_000 + this.rng.int(50_000) : 3_000_000 + this.rng.int(80_000);
                t.origBytes = syns === 1 ? -1 : 0;
                t.respBytes = t.origBytes;
                t.state = 'S0';
                t.history = 'S';
                t.origPkts = syns;
                t.origIpBytes = syns * hdr;
                t.respPkts = 0;
                t.respIpBytes = 0;
                break;
            }
            case 'REJ':
                t.state = 'REJ';
                t.history = 'Sr';
                t.origPkts = 1;
                t.origIpBytes = hdr;
                t.respPkts = 1;
                t.respIpBytes = rst;
                break;
            case 'SYN_OPEN':
                t.state = 'RSTO';
                t.history = 'ShR';
                t.origPkts = 2;
                t.origIpBytes = hdr + rst;
                t.respPkts = 1;
                t.respIpBytes = hdr;
                break;
            case 'CONNECT_OPEN':
                t.state = 'RSTO';
                t.history = 'ShAR';
                t.origPkts = 3;
                t.origIpBytes = hdr + 2 * rst;
                t.respPkts = 1;
                t.respIpBytes = hdr;
                break;
        }
        this.writeConn(c, TCP_FIELD);
        if (c.outcome === 'SF' || c.outcome === 'RSTO' || c.outcome === 'RSTR')
            this.benignWeird(c, c.service === 'http');
    }
    /**
     * Now and then a weird.log row of the kind every sensor logs for ordinary traffic
     * (`BENIGN_WEIRDS`): the noise a weird-based detector must ignore. One draw per established
     * TCP connection; HTTP-only entries count for HTTP connections alone.
     */
    benignWeird(c, http) {
        let u = this.noise.float();
        for (const w of BENIGN_WEIRDS) {
            if (w.httpOnly && !http)
                continue;
            if (u < w.rate) {
                this.weird({
                    // Early in the connection: rows of the other logs are keyed close to their connection.
                    tsUs: c.tsUs + 1_000 + this.noise.int(100_000),
                    orig: c.orig,
                    origPort: c.origPort,
                    resp: c.resp,
                    respPort: c.respPort,
                    name: w.name,
                    addl: w.addl,
                });
                return;
            }
            u -= w.rate;
        }
    }
    /** A weird.log row of the connection emitted last (`notice` F, `peer` zeek, as Zeek logs them). */
    weird(w) {
        const L = this.logs.weird;
        L.begin(w.tsUs);
        const b = L.bytes;
        let p = putRowStart(b, L.pos, w.tsUs, this.uid, w.orig, w.origPort, w.resp, w.respPort);
        b[p++] = TAB;
        p = putAscii(b, p, w.name);
        b[p++] = TAB;
        p = w.addl === undefined ? putDash(b, p) : putAscii(b, p, w.addl);
        p = putBytes(b, p, WEIRD_TAIL_EOL);
        L.pos = p;
    }
    udp(c) {
        this.drawId(this.uid, 67, this.connections++);
        const hdr = c.orig.v6 ? UDP_OVERHEAD_V6 : UDP_OVERHEAD_V4;
        const t = this.tail;
        const op = c.origPkts ?? 1;
        t.origPkts = op;
        t.origIpBytes = c.origBytes + op * hdr;
        if (c.durationUs === undefined) {
            t.durationUs = op === 1 ? -1 : 0;
            t.origBytes = op === 1 ? -1 : c.origBytes;
            t.respBytes = op === 1 ? -1 : 0;
            t.state = 'S0';
            t.history = 'D';
            t.respPkts = 0;
            t.respIpBytes = 0;
        }
        else {
            const rp = c.respPkts ?? 1;
            t.durationUs = c.durationUs;
            t.origBytes = c.origBytes;
            t.respBytes = c.respBytes;
            t.state = 'SF';
            t.history = 'Dd';
            t.respPkts = rp;
            t.respIpBytes = c.respBytes + rp * hdr;
        }
        this.writeConn(c, UDP_FIELD_CONN);
    }
    /** An ICMP echo "connection" (requests and replies between two hosts, one conn line). */
    icmpEcho(c) {
        this.drawId(this.uid, 67, this.connections++);
        const hdr = c.orig.v6 ? ICMP_OVERHEAD_V6 : ICMP_OVERHEAD_V4;
        const t = this.tail;
        t.durationUs = c.durationUs;
        t.origBytes = c.origBytes;
        t.respBytes = c.respBytes;
        t.state = 'OTH';
        t.history = '-';
        t.origPkts = c.origPkts;
        t.origIpBytes = c.origBytes + c.origPkts * hdr;
        t.respPkts = c.respPkts;
        t.respIpBytes = c.respBytes + c.respPkts * hdr;
        this.writeConn({ ...c, origPort: 8, respPort: 0, service: undefined }, ICMP_FIELD_CONN);
    }
    /**
     * Writes the conn line of `c` with the counters staged in `tail` (-1 prints as unset).
     *
     * Zeek writes a conn record when the connection's state is removed, so conn.log runs in
     * order of end time (ts + duration; ts when the duration is unset), not of ts: the line is
     * keyed by its end. A connection that ends beyond `horizonUs` (minutes to hours later) is
     * formatted here anyway and its bytes handed to `held`, which feeds it back to the slice it
     * ends in. A connection starting at or after the end of the capture is dropped here: its
     * protocol rows start no earlier, so they are dropped with the slice carry as before.
     */
    writeConn(c, proto) {
        if (c.tsUs >= this.endUs)
            return;
        const L = this.logs.conn;
        const t = this.tail;
        const dueUs = t.durationUs > 0 ? c.tsUs + t.durationUs : c.tsUs;
        L.begin(dueUs);
        const b = L.bytes;
        let p = putRowStart(b, L.pos, c.tsUs, this.uid, c.orig, c.origPort, c.resp, c.respPort);
        p = putBytes(b, p, proto);
        p = c.service === undefined ? putDash(b, p) : putAscii(b, p, c.service);
        b[p++] = TAB;
        p = t.durationUs < 0 ? putDash(b, p) : putMicros(b, p, t.durationUs);
        b[p++] = TAB;
        p = t.origBytes < 0 ? putDash(b, p) : putUint(b, p, t.origBytes);
        b[p++] = TAB;
        p = t.respBytes < 0 ? putDash(b, p) : putUint(b, p, t.respBytes);
        b[p++] = TAB;
        p = putAscii(b, p, t.state);
        b[p++] = TAB;
        p = putBool(b, p, c.orig.local);
        b[p++] = TAB;
        p = putBool(b, p, c.resp.local);
        p = putBytes(b, p, MISSED_ZERO);
        p = putAscii(b, p, t.history);
        b[p++] = TAB;
        p = putUint(b, p, t.origPkts);
        b[p++] = TAB;
        p = putUint(b, p, t.origIpBytes);
        b[p++] = TAB;
        p = putUint(b, p, t.respPkts);
        b[p++] = TAB;
        p = putUint(b, p, t.respIpBytes);
        L.pos = putBytes(b, p, EMPTY_SET_EOL);
        if (dueUs >= this.horizonUs)
            this.held.hold(dueUs, this.connections, L.takeLast());
    }
    /** A DNS query over UDP/53: its conn line and its dns.log row. */
    dnsExchange(d) {
        // Header + QNAME + QTYPE/QCLASS + EDNS OPT; the answer adds roughly its text plus RR headers.
        const q = d.q;
        const queryBytes = 12 + q.query.length + 2 + 4 + 11;
        const answerBytes = q.answers === '-' ? 0 : q.answers.length + 24;
        this.udp({
            tsUs: d.tsUs,
            orig: d.orig,
            origPort: d.origPort,
            resp: d.resp,
            respPort: 53,
            service: 'dns',
            durationUs: d.rttUs,
            origBytes: queryBytes,
            respBytes: queryBytes + answerBytes,
        });
        this.dns(d);
    }
    /** dns.log row for the last connection (a UDP/53 flow). */
    dns(d) {
        const L = this.logs.dns;
        const q = d.q;
        L.begin(d.tsUs);
        const b = L.bytes;
        let p = putRowStart(b, L.pos, d.tsUs, this.uid, d.orig, d.origPort, d.resp, 53);
        p = putBytes(b, p, UDP_FIELD);
        p = putUint(b, p, d.transId);
        b[p++] = TAB;
        p = d.rttUs === undefined ? putDash(b, p) : putMicros(b, p, d.rttUs);
        b[p++] = TAB;
        p = putAscii(b, p, q.query);
        p = putBytes(b, p, QCLASS_IN);
        p = putUint(b, p, q.qtype);
        b[p++] = TAB;
        p = putAscii(b, p, q.qtypeName);
        b[p++] = TAB;
        if (d.rttUs === undefined) {
            p = putBytes(b, p, DNS_UNANSWERED_EOL);
        }
        else {
            p = putUint(b, p, q.rcode);
            b[p++] = TAB;
            p = putAscii(b, p, q.rcodeName);
            b[p++] = TAB;
            p = putBool(b, p, q.authoritative);
            p = putBytes(b, p, DNS_FLAGS);
            p = putAscii(b, p, q.answers);
            b[p++] = TAB;
            p = putAscii(b, p, q.ttls);
            p = putBytes(b, p, NOT_REJECTED_EOL);
        }
        L.pos = p;
    }
    /** ssl.log row for the last connection. */
    ssl(s) {
        const L = this.logs.ssl;
        L.begin(s.tsUs);
        const b = L.bytes;
        let p = putRowStart(b, L.pos, s.tsUs, this.uid, s.orig, s.origPort, s.resp, s.respPort);
        p = putBytes(b, p, s.profile.fields);
        p = s.serverName === undefined ? putDash(b, p) : putAscii(b, p, s.serverName);
        b[p++] = TAB;
        p = putBool(b, p, s.resumed);
        p = putBytes(b, p, NO_ALERT);
        p = s.nextProtocol === undefined ? putDash(b, p) : putAscii(b, p, s.nextProtocol);
        // TLS 1.3 encrypts the certificate and a resumed session sends none: nothing to fingerprint.
        if (s.certFp === undefined || s.resumed || s.profile.version === 'TLSv13') {
            p = putBytes(b, p, SSL_NO_CERT_EOL);
        }
        else {
            p = putBytes(b, p, SSL_FULL_HANDSHAKE);
            p = putAscii(b, p, s.certFp);
            p = putBytes(b, p, s.serverName === undefined ? NO_CLIENT_CERT_NO_SNI : NO_CLIENT_CERT_SNI_MATCH);
            p = putAscii(b, p, s.validation ?? 'ok');
            b[p++] = NL;
        }
        L.pos = p;
    }
    /** http.log row (one request/response pair) for the last connection. */
    http(h) {
        const L = this.logs.http;
        L.begin(h.tsUs);
        const b = L.bytes;
        let p = putRowStart(b, L.pos, h.tsUs, this.uid, h.orig, h.origPort, h.resp, h.respPort);
        b[p++] = TAB;
        p = putUint(b, p, h.depth);
        b[p++] = TAB;
        p = putAscii(b, p, h.method);
        b[p++] = TAB;
        p = putAscii(b, p, h.host);
        b[p++] = TAB;
        p = putAscii(b, p, h.uri);
        b[p++] = TAB;
        p = h.referrer === undefined ? putDash(b, p) : putAscii(b, p, h.referrer);
        p = putBytes(b, p, HTTP_VERSION);
        p = putAscii(b, p, h.userAgent);
        p = putBytes(b, p, NO_ORIGIN);
        p = putUint(b, p, h.requestBodyLen);
        b[p++] = TAB;
        p = putUint(b, p, h.responseBodyLen);
        b[p++] = TAB;
        p = putUint(b, p, h.status);
        b[p++] = TAB;
        p = putAscii(b, p, h.statusMsg);
        p = putBytes(b, p, HTTP_UNSET_MIDDLE);
        p = this.putFile(b, p, h.requestBodyLen, h.requestMime);
        b[p++] = TAB;
        p = this.putFile(b, p, h.responseBodyLen, h.responseMime);
        b[p++] = NL;
        L.pos = p;
    }
    /** `*_fuids  *_filenames  *_mime_types` for one direction of an HTTP transaction. */
    putFile(b, p, bodyLen, mime) {
        if (bodyLen === 0 || mime === undefined)
            return putBytes(b, p, NO_FILE);
        this.drawId(this.fuid, 70, this.files++);
        p = putBytes(b, p, this.fuid);
        p = putBytes(b, p, NO_FILENAME);
        return putAscii(b, p, mime);
    }
    dhcp(d) {
        const L = this.logs.dhcp;
        L.begin(d.tsUs);
        const b = L.bytes;
        let p = putMicros(b, L.pos, d.tsUs);
        b[p++] = TAB;
        p = putAscii(b, p, d.uids);
        b[p++] = TAB;
        p = putAddr(b, p, d.clientAddr);
        b[p++] = TAB;
        p = putBytes(b, p, d.serverAddr.bytes);
        b[p++] = TAB;
        p = putAscii(b, p, d.mac);
        b[p++] = TAB;
        p = putAscii(b, p, d.hostName);
        b[p++] = TAB;
        p = d.clientFqdn === undefined ? putDash(b, p) : putAscii(b, p, d.clientFqdn);
        b[p++] = TAB;
        p = putAscii(b, p, d.domain);
        b[p++] = TAB;
        p = putAddr(b, p, d.requestedAddr);
        b[p++] = TAB;
        p = putAddr(b, p, d.assignedAddr);
        b[p++] = TAB;
        p = d.leaseSeconds === undefined ? putDash(b, p) : putMicros(b, p, d.leaseSeconds * 1e6);
        p = putBytes(b, p, NO_CLIENT_MESSAGE);
        p = d.serverMessage === undefined ? putDash(b, p) : putAscii(b, p, d.serverMessage);
        b[p++] = TAB;
        p = putAscii(b, p, d.msgTypes);
        b[p++] = TAB;
        p = putMicros(b, p, d.durationUs);
        b[p++] = NL;
        L.pos = p;
    }
}
const ascii = (s) => Buffer.from(s, 'latin1');
const TCP_FIELD = ascii('\ttcp\t');
const UDP_FIELD_CONN = ascii('\tudp\t');
const ICMP_FIELD_CONN = ascii('\ticmp\t');
const MISSED_ZERO = ascii('\t0\t');
const EMPTY_SET_EOL = ascii('\t(empty)\n');
const UDP_FIELD = ascii('\tudp\t');
const QCLASS_IN = ascii('\t1\tC_INTERNET\t');
const DNS_FLAGS = ascii('\tF\tT\tT\t0\t');
const NOT_REJECTED_EOL = ascii('\tF\n');
const DNS_UNANSWERED_EOL = ascii('-\t-\tF\tF\tT\tF\t0\t-\t-\tF\n');
const NO_ALERT = ascii('\t-\t');
const SSL_NO_CERT_EOL = ascii('\tT\tCsiI\t(empty)\t(empty)\t-\t-\n');
const SSL_FULL_HANDSHAKE = ascii('\tT\tCsxknGIi\t');
const NO_CLIENT_CERT_SNI_MATCH = ascii('\t(empty)\tT\t');
const NO_CLIENT_CERT_NO_SNI = ascii('\t(empty)\t-\t');
const HTTP_VERSION = ascii('\t1.1\t');
const NO_ORIGIN = ascii('\t-\t');
// info_code info_msg tags username password proxied, then the orig_fuids column follows.
const HTTP_UNSET_MIDDLE = ascii('\t-\t-\t(empty)\t-\t-\t-\t');
const NO_FILE = ascii('-\t-\t-');
const NO_FILENAME = ascii('\t-\t');
const NO_CLIENT_MESSAGE = ascii('\t-\t');
// notice peer source
const WEIRD_TAIL_EOL = ascii('\tF\tzeek\t-\n');
/**
 * Benign weirds per established TCP connection, from their rough order in real sensors' logs:
 * packet loss, asymmetric routing, sloppy HTTP clients. `HTTP_obsolete_line_folding` names a
 * header that does not frame the body, and `HTTP_bad_chunk_size` (a buggy server) is a weak
 * smuggling signal that never comes often.
 */
const BENIGN_WEIRDS = [
    { rate: 1 / 2_500, name: 'TCP_ack_underflow_or_misorder' },
    { rate: 1 / 4_000, name: 'above_hole_data_without_any_acks' },
    { rate: 1 / 6_000, name: 'possible_split_routing' },
    { rate: 1 / 1_500, name: 'unescaped_special_URI_char', httpOnly: true },
    { rate: 1 / 4_000, name: 'HTTP_obsolete_line_folding', addl: 'User-Agent', httpOnly: true },
    { rate: 1 / 20_000, name: 'HTTP_bad_chunk_size', httpOnly: true },
];
function putDash(b, p) {
    b[p] = DASH;
    return p + 1;
}
function putAddr(b, p, a) {
    return a === undefined ? putDash(b, p) : putBytes(b, p, a.bytes);
}
/** `\torig_h\torig_p\tresp_h\tresp_p` */
/** The columns every row starts with: ts, uid and the connection's four-tuple. */
function putRowStart(b, p, tsUs, uid, orig, origPort, resp, respPort) {
    p = putMicros(b, p, tsUs);
    b[p++] = TAB;
    p = putBytes(b, p, uid);
    return putEndpoints(b, p, orig, origPort, resp, respPort);
}
function putEndpoints(b, p, orig, origPort, resp, respPort) {
    b[p++] = TAB;
    p = putBytes(b, p, orig.bytes);
    b[p++] = TAB;
    p = putUint(b, p, origPort);
    b[p++] = TAB;
    p = putBytes(b, p, resp.bytes);
    b[p++] = TAB;
    return putUint(b, p, respPort);
}
function tlsProfile(version, cipher, curve) {
    return { version, fields: ascii(`\t${version}\t${cipher}\t${curve}\t`) };
}
export const TLS13 = [
    tlsProfile('TLSv13', 'TLS_AES_128_GCM_SHA256', 'x25519'),
    tlsProfile('TLSv13', 'TLS_AES_256_GCM_SHA384', 'x25519'),
    tlsProfile('TLSv13', 'TLS_CHACHA20_POLY1305_SHA256', 'x25519'),
];
export const TLS12 = [
    tlsProfile('TLSv12', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'x25519'),
    tlsProfile('TLSv12', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'x25519'),
    tlsProfile('TLSv12', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'secp256r1'),
];
//# sourceMappingURL=emit.js.map