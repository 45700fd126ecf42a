import { DhcpExchangeLog, parseDhcpMessage } from './dhcp.js';
import { DnsTcpFramer, DnsTransactionLog, parseDnsMessage, } from './dns.js';
import { DtlsConn, looksLikeDtls } from './dtls.js';
import { HttpConnParser, looksLikeHttp } from './http.js';
import { DEFAULT_PAYLOAD_BYTES, PAYLOAD_RULES, PAYLOAD_RULES_BLOBS, PayloadInspector, } from './payload.js';
import { looksLikeQuicInitial, QuicConn } from './quic.js';
import { looksLikeSsh, SshAuthGuess, SshStreamParser, sshLogRecord, sshVersion, } from './ssh.js';
import { createTlsPair, looksLikeTls, tlsLogRecord, } from './tls.js';
/** Zeek's default ports for DNS (base/protocols/dns: 53, NetBIOS name service, mDNS, LLMNR). */
export const DNS_PORTS = new Set([53, 137, 5353, 5355]);
const DHCP_PORTS = new Set([67, 68]);
/** Bytes of a TCP direction held while detecting (Zeek's dpd_buffer_size). */
const PROBE_LIMIT = 1024;
/** Bytes of a direction that decide it matches nothing. */
const PROBE_DECIDE = 64;
/**
 * Bytes per direction watched, after detection found nothing, for a TLS handshake starting a
 * segment (STARTTLS in SMTP, IMAP, XMPP, FTP; RDP's TLS): nothing is held while watching.
 */
const WATCH_LIMIT = 16 * 1024;
/** UDP datagrams tried as DNS on a non-DNS port before giving up. */
const UDP_PROBE_DATAGRAMS = 4;
const MAX_SEEN_CERTS = 100_000;
const MAX_DNS_QUESTIONS = 25;
function isMulticast(addr) {
    if (addr.includes(':'))
        return addr.toLowerCase().startsWith('ff');
    const first = Number(addr.slice(0, addr.indexOf('.')));
    return first >= 224 && first <= 239;
}
/** Zeek confirms DNS once a message's questions and answers parsed. */
function dnsAccepted(m) {
    const h = m.header;
    if (h.qdcount > MAX_DNS_QUESTIONS)
        return false;
    if (m.complete)
        return true;
    return m.questions.length === h.qdcount && m.answers.length === h.ancount && h.nscount + h.arcount > 0;
}
/** The BOOTP layout with the DHCP magic cookie at 236. */
function looksLikeDhcp(b) {
    return (b.length >= 240 &&
        (b[0] === 1 || b[0] === 2) &&
        b[236] === 0x63 &&
        b[237] === 0x82 &&
        b[238] === 0x53 &&
        b[239] === 0x63);
}
/** Collects the app-layer logs of a capture; `open` is the tracker's factory. */
export class AppLayer {
    onEvent;
    everyCertificate;
    dns = [];
    ssl = [];
    ssh = [];
    http = [];
    dhcp = [];
    x509 = [];
    payload = [];
    /**
     * Events the parsers of a connection reported, with the connection (weird.log rows for the
     * analyzers: engine/capture-records.ts); `onEvent` receives them too, with `conn` set.
     */
    weird = [];
    dhcpLog;
    seenCerts = new Set();
    /**
     * `everyCertificate`: log a certificate on every connection it is seen on, for a caller that
     * deduplicates itself (the shards: engine/shard-flows.ts), instead of once per fingerprint.
     */
    payloadBytes;
    payloadBlobs;
    /**
     * `payload.bytes`: bytes of each direction of a clear-text connection inspected (payload.ts;
     * default 4096), 0 turns payload inspection off; `payload.blobs`: match long base64/hex runs too.
     */
    constructor(onEvent, everyCertificate = false, payload = {}) {
        this.onEvent = onEvent;
        this.everyCertificate = everyCertificate;
        this.payloadBytes = payload.bytes ?? DEFAULT_PAYLOAD_BYTES;
        this.payloadBlobs = payload.blobs ?? false;
        this.dhcpLog = new DhcpExchangeLog((r) => this.dhcp.push(r));
    }
    open(id, _ts, partial) {
        if (id.proto === 'udp')
            return new UdpApp(this, id);
        if (id.proto === 'icmp') {
            const inspect = this.inspector(id);
            return inspect === undefined ? undefined : new IcmpApp(inspect);
        }
        if (partial && id.respP !== 53)
            return undefined;
        return new TcpApp(this, id);
    }
    /** A payload inspector for a connection (undefined when inspection is off). */
    inspector(id) {
        if (this.payloadBytes <= 0)
            return undefined;
        return new PayloadInspector(this.payloadBytes, (ts, rec) => this.payload.push({ id, ts, rec }), this.onEvent, id.uid, this.payloadBlobs ? PAYLOAD_RULES_BLOBS : PAYLOAD_RULES);
    }
    /** Drops the records logged so far (a caller that wants `service` only, not the logs). */
    discardLogs() {
        this.dns.length = 0;
        this.ssl.length = 0;
        this.ssh.length = 0;
        this.http.length = 0;
        this.dhcp.length = 0;
        this.x509.length = 0;
        this.payload.length = 0;
        this.weird.length = 0;
    }
    /** The event sink of a connection's parsers: each event is logged with the connection. */
    connSink(id) {
        return (e) => {
            this.weird.push({ ts: e.ts, name: e.name, addl: e.detail, id });
            this.onEvent({ ...e, conn: id });
        };
    }
    /** End of input: logs the DHCP exchanges still open. */
    finish() {
        this.dhcpLog.finish();
    }
    certificate(ts, cert, hostCert, id) {
        if (!this.everyCertificate) {
            if (this.seenCerts.has(cert.fingerprint))
                return;
            if (this.seenCerts.size >= MAX_SEEN_CERTS)
                this.seenCerts.clear();
            this.seenCerts.add(cert.fingerprint);
        }
        this.x509.push({ ts, cert, hostCert, id });
    }
}
/** Ports Zeek's HTTP analyzer registers for (base/protocols/http). */
const HTTP_PORTS = new Set([80, 81, 631, 1080, 3128, 8000, 8080, 8888]);
const Kind = { Probe: 0, None: 1, Tls: 2, Ssh: 3, Http: 4, Dns: 5, Watch: 6 };
class TcpApp {
    layer;
    id;
    services = [];
    kind = Kind.Probe;
    held = [];
    heldBytes = [0, 0];
    heads = [new Uint8Array(PROBE_DECIDE), new Uint8Array(PROBE_DECIDE)];
    headLen = [0, 0];
    tls;
    tlsTs = 0;
    ssh;
    sshAuth;
    sshTs = 0;
    /** SSH-1 (which the SSH parser does not read): the client's first packet after its banner. */
    ssh1;
    http;
    httpRecords = 0;
    dnsFramers;
    dnsDone = [false, false];
    dnsLog;
    inspect;
    constructor(layer, id) {
        this.layer = layer;
        this.id = id;
        this.inspect = layer.inspector(id);
        if (id.respP === 53)
            this.start(Kind.Dns, 0);
    }
    confirm(service) {
        if (!this.services.includes(service))
            this.services.push(service);
    }
    wants(isOrig) {
        return this.parserWants(isOrig) || this.inspect?.wants(isOrig) === true;
    }
    /** Whether the parsers read this direction (the tracker keeps bytes for them or the inspector). */
    parserWants(isOrig) {
        const d = isOrig ? 0 : 1;
        switch (this.kind) {
            case Kind.Probe:
                return true;
            case Kind.None:
                return false;
            case Kind.Watch:
                return isOrig && this.heldBytes[0] < WATCH_LIMIT;
            case Kind.Tls:
                return !(isOrig ? this.tls.orig : this.tls.resp).done;
            case Kind.Ssh:
                return !this.ssh[d].done || (isOrig && this.ssh1 !== undefined);
            case Kind.Http:
                return !this.http.done;
            case Kind.Dns:
                return !this.dnsDone[d];
        }
    }
    stream(isOrig, bytes, ts) {
        // The parsers see exactly what they saw before the inspector kept bytes flowing.
        if (this.parserWants(isOrig)) {
            if (this.kind === Kind.Probe)
                this.probe(isOrig, bytes, ts);
            else if (this.kind === Kind.Watch)
                this.watch(isOrig, bytes, ts);
            else if (this.kind !== Kind.None)
                this.feed(isOrig, bytes, ts);
        }
        const inspect = this.inspect;
        if (inspect === undefined)
            return;
        if (this.kind === Kind.Tls || this.kind === Kind.Ssh) {
            // Encrypted from here on: the plaintext before (STARTTLS) is matched, nothing after.
            inspect.stop();
            this.inspect = undefined;
        }
        else
            inspect.push(isOrig, bytes, ts);
    }
    streamGap(isOrig, length) {
        this.inspect?.gap(isOrig);
        const d = isOrig ? 0 : 1;
        switch (this.kind) {
            case Kind.Probe:
                this.stop();
                return;
            case Kind.Tls:
                (isOrig ? this.tls.orig : this.tls.resp).gap();
                return;
            case Kind.Ssh:
                this.ssh[d].gap();
                this.sshAuth?.end();
                return;
            case Kind.Http:
                this.http.gap(isOrig, length);
                return;
            case Kind.Dns:
                this.dnsDone[d] = true;
                return;
            default:
                return;
        }
    }
    datagram() { }
    close(ts) {
        const id = this.id;
        if (this.tls !== undefined) {
            const c = this.tls.orig.conn;
            if (c.clientHello !== undefined || c.serverHello !== undefined) {
                this.layer.ssl.push({
                    id,
                    ts: this.tlsTs,
                    rec: tlsLogRecord(this.tls.orig, this.tls.resp, this.tlsTs),
                });
                for (const cert of c.serverCerts ?? [])
                    this.layer.certificate(this.tlsTs, cert, true, this.id);
                for (const cert of c.clientCerts ?? [])
                    this.layer.certificate(this.tlsTs, cert, false, this.id);
            }
        }
        if (this.ssh !== undefined && (this.ssh[0].banner !== undefined || this.ssh[1].banner !== undefined)) {
            this.layer.ssh.push({ id, ts: this.sshTs, rec: sshLogRecord(this.ssh[0], this.ssh[1], this.sshAuth) });
        }
        if (this.http !== undefined) {
            this.http.finish(ts);
            if (this.httpRecords > 0)
                this.confirm('http');
        }
        this.dnsLog?.finish();
        this.held = [];
        this.inspect?.close(ts);
        this.inspect = undefined;
    }
    stop() {
        this.kind = Kind.None;
        this.held = [];
    }
    probe(isOrig, bytes, ts) {
        const d = isOrig ? 0 : 1;
        if (isOrig && this.headLen[0] > 0 && looksLikeTls(bytes)) {
            // A handshake after a short plaintext phase (STARTTLS): TLS from this segment on.
            this.held = [];
            this.start(Kind.Tls, ts);
            this.feed(isOrig, bytes, ts);
            return;
        }
        this.heldBytes[d] += bytes.length;
        if (this.heldBytes[d] > PROBE_LIMIT) {
            this.stop();
            return;
        }
        this.held.push({ isOrig, bytes: bytes.slice(), ts });
        const head = this.heads[d];
        const have = this.headLen[d];
        const take = Math.min(PROBE_DECIDE - have, bytes.length);
        head.set(bytes.subarray(0, take), have);
        this.headLen[d] = have + take;
        const view = head.subarray(0, have + take);
        let kind = Kind.Probe;
        if (looksLikeSsh(view))
            kind = Kind.Ssh;
        else if (looksLikeTls(view))
            kind = Kind.Tls;
        else if (looksLikeHttp(view, isOrig))
            kind = Kind.Http;
        // Zeek also attaches its HTTP analyzer by port: a malformed request on an HTTP port is still
        // parsed (and logged, e.g. with status 400), once its first line is whole.
        else if (isOrig && HTTP_PORTS.has(this.id.respP) && view.includes(0x0a))
            kind = Kind.Http;
        if (kind !== Kind.Probe) {
            this.start(kind, ts);
            const held = this.held;
            this.held = [];
            for (const h of held)
                this.feed(h.isOrig, h.bytes, h.ts);
            return;
        }
        const decided = (k) => this.headLen[k] === PROBE_DECIDE;
        if (decided(0) && decided(1)) {
            this.stop();
            this.kind = Kind.Watch;
        }
    }
    /** A ClientHello starting an originator's segment after a plaintext phase. */
    watch(isOrig, bytes, ts) {
        const d = isOrig ? 0 : 1;
        this.heldBytes[d] += bytes.length;
        if (isOrig && looksLikeTls(bytes)) {
            this.start(Kind.Tls, ts);
            this.feed(isOrig, bytes, ts);
        }
        else if (this.heldBytes[0] >= WATCH_LIMIT) {
            this.kind = Kind.None;
        }
    }
    start(kind, ts) {
        this.kind = kind;
        const sink = this.layer.connSink(this.id);
        switch (kind) {
            case Kind.Tls:
                this.tls = createTlsPair(sink);
                this.tlsTs = ts;
                return;
            case Kind.Ssh:
                this.ssh = [
                    new SshStreamParser({ isOrig: true, sink }),
                    new SshStreamParser({ isOrig: false, sink }),
                ];
                this.sshTs = ts;
                this.sshAuth = new SshAuthGuess();
                this.ssh1 = { line: true, have: 0, head: new Uint8Array(16) };
                return;
            case Kind.Http: {
                const id = this.id;
                this.http = new HttpConnParser({
                    sink,
                    conn: { uid: id.uid, origH: id.origH, origP: id.origP, respH: id.respH, respP: id.respP },
                    emit: (r) => {
                        // Zeek's HTTP analyzer confirms on a reply line, not on a request alone.
                        if (r.status_code !== undefined) {
                            this.httpRecords++;
                            this.confirm('http');
                        }
                        this.layer.http.push(r);
                    },
                });
                return;
            }
            case Kind.Dns:
                this.dnsFramers = [new DnsTcpFramer(), new DnsTcpFramer()];
                this.dnsLog = new DnsTransactionLog({ uid: this.id.uid, proto: 'tcp', responderIsMulticast: false }, (r) => this.layer.dns.push({ id: this.id, ts: r.ts, rec: r }));
                return;
            default:
                return;
        }
    }
    /**
     * An encrypted delivery to the authentication guess (SSH-2 only, as Zeek's analyzer); once
     * the guess is over both directions stop, so the rest of the session costs nothing.
     */
    guessSshAuth(isOrig, encrypted) {
        const [client, server] = this.ssh;
        const auth = this.sshAuth;
        if (client.banner === undefined ||
            server.banner === undefined ||
            sshVersion(client.banner.raw, server.banner.raw) !== 2)
            auth.end();
        else
            auth.delivery(isOrig, encrypted);
        if (auth.done) {
            client.stop();
            server.stop();
        }
    }
    /**
     * Zeek confirms SSH-1 on the client's SESSION_KEY message (type 3), its first packet after the
     * banner: length (4), 8 − length mod 8 padding bytes, then the type.
     */
    watchSsh1(bytes) {
        const w = this.ssh1;
        let i = 0;
        if (w.line) {
            const nl = bytes.indexOf(0x0a);
            if (nl < 0)
                return;
            w.line = false;
            i = nl + 1;
            const banner = this.ssh[0].banner;
            const v = banner?.protoVersion ?? '';
            if (!v.startsWith('1.') || v === '1.99') {
                this.ssh1 = undefined;
                return;
            }
        }
        while (i < bytes.length && w.have < w.head.length)
            w.head[w.have++] = bytes[i++];
        if (w.have < 4)
            return;
        const h = w.head;
        const length = ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
        const at = 4 + (8 - (length % 8));
        if (w.have <= at)
            return;
        if (h[at] === 3)
            this.confirm('ssh');
        this.ssh1 = undefined;
    }
    feed(isOrig, bytes, ts) {
        switch (this.kind) {
            case Kind.Tls: {
                const tls = this.tls;
                (isOrig ? tls.orig : tls.resp).push(bytes, ts);
                const c = tls.orig.conn;
                if (c.clientHello !== undefined)
                    this.confirm('ssl');
                return;
            }
            case Kind.Ssh: {
                const ssh = this.ssh;
                const encrypted = ssh[isOrig ? 0 : 1].push(bytes, ts);
                if (isOrig && this.ssh1 !== undefined)
                    this.watchSsh1(bytes);
                if (ssh[0].newKeys || ssh[1].newKeys)
                    this.confirm('ssh');
                if (encrypted > 0)
                    this.guessSshAuth(isOrig, encrypted);
                return;
            }
            case Kind.Http: {
                const http = this.http;
                http.deliver(isOrig, bytes, ts);
                if (http.upgrade === 'websocket')
                    this.confirm('websocket');
                if (http.tunnel) {
                    // A CONNECT that succeeded: what follows is another protocol, detected afresh.
                    http.finish(ts);
                    this.kind = Kind.Probe;
                    this.heldBytes = [0, 0];
                    this.headLen[0] = 0;
                    this.headLen[1] = 0;
                }
                return;
            }
            case Kind.Dns: {
                const d = isOrig ? 0 : 1;
                if (this.dnsDone[d])
                    return;
                this.dnsFramers[d].push(bytes, (m) => {
                    const msg = parseDnsMessage(m, 0, m.length, this.layer.onEvent, { ts, fileOffset: -1 });
                    if (msg === undefined)
                        return;
                    if (dnsAccepted(msg))
                        this.confirm('dns');
                    this.dnsLog.observe(msg, ts);
                });
                return;
            }
            default:
                return;
        }
    }
}
/**
 * ICMP echo data: no protocol to detect, only payload inspection — the text an ICMP tunnel or
 * `hping3 -E file` carries is matched like a UDP datagram's (each message on its own).
 */
class IcmpApp {
    inspect;
    services = [];
    constructor(inspect) {
        this.inspect = inspect;
    }
    wants() {
        return false;
    }
    stream() { }
    streamGap() { }
    datagram(isOrig, bytes, ts) {
        this.inspect.datagram(isOrig, bytes, ts);
    }
    close(ts) {
        this.inspect.close(ts);
    }
}
/** Datagrams tried as a QUIC Initial or a DTLS ClientHello on a connection not yet decided. */
const UDP_TLS_PROBES = 16;
class UdpApp {
    layer;
    id;
    services = [];
    kind = 'probe';
    /** QUIC or DTLS: the TLS handshake of the connection, and when it was found. */
    udpTls;
    udpTlsTs = 0;
    udpTlsProbes = 0;
    dnsLog;
    netbios;
    /** Messages parsed while deciding whether a non-DNS port carries DNS. */
    tried = [];
    probes = 0;
    inspect;
    constructor(layer, id) {
        this.layer = layer;
        this.id = id;
        this.inspect = layer.inspector(id);
        this.netbios = id.respP === 137;
        if (DNS_PORTS.has(id.respP))
            this.startDns();
        else if (DHCP_PORTS.has(id.respP) || DHCP_PORTS.has(id.origP))
            this.kind = 'dhcp';
    }
    wants() {
        return false;
    }
    stream() { }
    streamGap() { }
    startDns() {
        this.kind = 'dns';
        this.dnsLog = new DnsTransactionLog({
            uid: this.id.uid,
            proto: 'udp',
            responderIsMulticast: isMulticast(this.id.respH),
            netbios: this.netbios,
        }, (r) => this.layer.dns.push({ id: this.id, ts: r.ts, rec: r }));
    }
    datagram(isOrig, bytes, ts) {
        if ((this.kind === 'probe' || this.kind === 'none') && this.udpTlsProbes < UDP_TLS_PROBES) {
            // QUIC and DTLS by content on any port (STUN may come first on a DTLS port).
            this.udpTlsProbes++;
            if (looksLikeQuicInitial(bytes))
                this.startUdpTls(new QuicConn(this.layer.onEvent), ts);
            else if (looksLikeDtls(bytes))
                this.startUdpTls(new DtlsConn(this.layer.onEvent), ts);
        }
        if (this.udpTls !== undefined) {
            if (this.inspect !== undefined) {
                this.inspect.close(ts);
                this.inspect = undefined;
            }
            this.udpTls.datagram(isOrig, bytes, ts);
            this.confirmUdpTls();
            return;
        }
        this.inspect?.datagram(isOrig, bytes, ts);
        if (this.kind === 'probe') {
            if (looksLikeDhcp(bytes))
                this.kind = 'dhcp';
            else {
                this.probeDns(bytes, ts);
                return;
            }
        }
        if (this.kind === 'dns') {
            const msg = parseDnsMessage(bytes, 0, bytes.length, this.layer.onEvent, { ts, fileOffset: -1 }, {
                netbios: this.netbios,
            });
            if (msg === undefined)
                return;
            if (dnsAccepted(msg))
                this.confirm('dns');
            this.dnsLog.observe(msg, ts);
        }
        else if (this.kind === 'dhcp') {
            const msg = parseDhcpMessage(bytes, 0, bytes.length, this.layer.onEvent, { ts, fileOffset: -1 });
            if (msg === undefined || !msg.hasMagicCookie)
                return;
            this.confirm('dhcp');
            const id = this.id;
            this.layer.dhcpLog.observe(msg, {
                ts,
                uid: id.uid,
                isOrig,
                origAddr: id.origH,
                origPort: id.origP,
                respAddr: id.respH,
                respPort: id.respP,
            });
        }
    }
    /** DNS on another port: a query and a response with the same id must both parse. */
    probeDns(bytes, ts) {
        if (++this.probes > UDP_PROBE_DATAGRAMS || bytes.length < 12) {
            if (this.probes > UDP_PROBE_DATAGRAMS)
                this.kind = 'none';
            return;
        }
        const quiet = () => { };
        const msg = parseDnsMessage(bytes, 0, bytes.length, quiet, { ts, fileOffset: -1 });
        if (msg === undefined || !msg.complete || msg.header.qdcount !== 1 || msg.questions.length !== 1)
            return;
        const partner = this.tried.find((t) => t.msg.header.id === msg.header.id && t.msg.header.qr !== msg.header.qr);
        this.tried.push({ msg, ts });
        if (partner === undefined)
            return;
        this.startDns();
        const tried = this.tried;
        this.tried = [];
        for (const t of tried) {
            if (dnsAccepted(t.msg))
                this.confirm('dns');
            this.dnsLog.observe(t.msg, t.ts);
        }
    }
    startUdpTls(reader, ts) {
        this.kind = reader instanceof QuicConn ? 'quic' : 'dtls';
        this.udpTls = reader;
        this.udpTlsTs = ts;
        this.tried = [];
    }
    /** QUIC once Initials of both sides decrypted, then ssl (dtls) once the hellos were read. */
    confirmUdpTls() {
        const r = this.udpTls;
        const c = r.tls.orig.conn;
        const hellos = c.clientHello !== undefined && c.serverHello !== undefined;
        if (r instanceof QuicConn) {
            if (r.opened[0] > 0 && r.opened[1] > 0)
                this.confirm('quic');
            if (hellos && this.services.includes('quic'))
                this.confirm('ssl');
        }
        else if (hellos)
            this.confirm('dtls');
    }
    confirm(service) {
        if (!this.services.includes(service))
            this.services.push(service);
    }
    close(ts) {
        this.inspect?.close(ts);
        this.inspect = undefined;
        const r = this.udpTls;
        if (r !== undefined) {
            const c = r.tls.orig.conn;
            if (c.clientHello !== undefined || c.serverHello !== undefined) {
                this.layer.ssl.push({
                    id: this.id,
                    ts: this.udpTlsTs,
                    rec: tlsLogRecord(r.tls.orig, r.tls.resp, this.udpTlsTs),
                });
                for (const cert of c.serverCerts ?? [])
                    this.layer.certificate(this.udpTlsTs, cert, true, this.id);
                for (const cert of c.clientCerts ?? [])
                    this.layer.certificate(this.udpTlsTs, cert, false, this.id);
            }
        }
        this.dnsLog?.finish();
        this.tried = [];
    }
}
//# sourceMappingURL=dispatch.js.map