/**
 * The application layer of a capture: which parser reads a connection, and what it logged.
 *
 * Detection is by content, like Zeek's dynamic protocol detection, so a protocol on an unusual
 * port is found: a TCP connection's first bytes (up to 1 KiB per direction, Zeek's
 * dpd_buffer_size; 64 bytes decide "no match") are held and tested against TLS, SSH and HTTP;
 * the first match gets a parser pair, which is fed the held bytes and then the stream. DNS over
 * TCP is chosen by port 53, as Zeek does. For UDP, DNS runs on Zeek's DNS ports (53, 137, 5353,
 * 5355) and, on any other port, once a query and a response with the same id have parsed;
 * DHCP runs on 67/68 or when a datagram carries the BOOTP layout with the DHCP magic cookie.
 *
 * A protocol enters the connection's `service` list only when its parser accepted the content,
 * in the order that happened (Zeek's analyzer confirmation): dns when a message's questions and
 * answers parsed, dhcp for a message with the magic cookie, ssl for a ClientHello on an SSL port
 * or one answered by a ServerHello, ssh when NEWKEYS was seen (as Zeek's SSH analyzer), http
 * when a transaction was logged (a CONNECT that succeeded hands the tunnel back to detection, so
 * `http,ssl` comes out as in Zeek), websocket after an HTTP upgrade to it.
 *
 * Cost: a connection nobody reads (no match) holds at most its probe bytes and then nothing —
 * `wants()` turns false and the reassembler keeps no bytes for it. Each parser bounds its own
 * state (see its module). Certificates are logged once per fingerprint (Zeek's x509 log
 * deduplication), with at most `MAX_SEEN_CERTS` fingerprints remembered.
 *
 * Payload inspection (payload.ts): every connection not found encrypted — no TLS, SSH, QUIC or
 * DTLS; any other protocol or none — has the first `payloadBytes` bytes of each direction
 * matched for sensitive values and command lines (payload.log). A direction nobody parses is
 * then read until its prefix is full: `wants()` stays true that long, and turns false after.
 */
import type { EventSink, WeirdRecord } from '../packet.js';
import { DhcpExchangeLog, type DhcpLogRecord } from './dhcp.js';
import { type DnsLogRecord } from './dns.js';
import { type HttpLogRecord } from './http.js';
import { PayloadInspector, type PayloadLogRecord } from './payload.js';
import { type SshLogRecord } from './ssh.js';
import { type TlsLogRecord, type X509Summary } from './tls.js';
/** A connection's uid and tuple, as its logs print them. */
export interface ConnIdentity {
    readonly uid: string;
    readonly proto: 'tcp' | 'udp' | 'icmp';
    readonly origH: string;
    readonly origP: number;
    readonly respH: string;
    readonly respP: number;
}
/** One connection's app-layer analyzer, driven by the connection tracker. */
export interface ConnApp {
    /** Whether this direction's stream bytes are still read (false: keep none). */
    wants(isOrig: boolean): boolean;
    /** In-order stream bytes of a direction (a view valid during the call). */
    stream(isOrig: boolean, bytes: Uint8Array, ts: number): void;
    /** Bytes of a direction that will never be delivered. */
    streamGap(isOrig: boolean, length: number): void;
    /** One UDP payload, or the data of an ICMP echo request or reply. */
    datagram(isOrig: boolean, bytes: Uint8Array, ts: number): void;
    /** The connection ended: log what is pending. */
    close(ts: number): void;
    /** Confirmed protocols, in order of confirmation (Zeek's `service`). */
    readonly services: readonly string[];
}
export interface AppFactory {
    /**
     * An analyzer for a connection's payload (created at its first payload). `partial`: a TCP
     * connection whose handshake was not seen (Zeek's TLS, SSH and HTTP analyzers skip those).
     */
    open(id: ConnIdentity, ts: number, partial: boolean): ConnApp | undefined;
}
/** An app-log row with the connection it belongs to. */
export interface ConnLogRecord<R> {
    readonly id: ConnIdentity;
    readonly ts: number;
    readonly rec: R;
}
/** One x509.log row: a certificate first seen on a connection. */
export interface X509LogRecord {
    readonly ts: number;
    readonly cert: X509Summary;
    /** Sent by the server (Zeek's host_cert) or the client (client_cert). */
    readonly hostCert: boolean;
    /** The connection it was seen on (not a column: the shards route the record by it). */
    readonly id?: ConnIdentity;
}
/** Zeek's default ports for DNS (base/protocols/dns: 53, NetBIOS name service, mDNS, LLMNR). */
export declare const DNS_PORTS: ReadonlySet<number>;
/** Collects the app-layer logs of a capture; `open` is the tracker's factory. */
export declare class AppLayer implements AppFactory {
    readonly onEvent: EventSink;
    private readonly everyCertificate;
    readonly dns: ConnLogRecord<DnsLogRecord>[];
    readonly ssl: ConnLogRecord<TlsLogRecord>[];
    readonly ssh: ConnLogRecord<SshLogRecord>[];
    readonly http: HttpLogRecord[];
    readonly dhcp: DhcpLogRecord[];
    readonly x509: X509LogRecord[];
    readonly payload: ConnLogRecord<PayloadLogRecord>[];
    /**
     * Events the parsers of a connection reported, with the connection (weird.log rows for the
     * analyzers: engine/capture-records.ts); `onEvent` receives them too, with `conn` set.
     */
    readonly weird: WeirdRecord[];
    readonly dhcpLog: DhcpExchangeLog;
    private readonly seenCerts;
    /**
     * `everyCertificate`: log a certificate on every connection it is seen on, for a caller that
     * deduplicates itself (the shards: engine/shard-flows.ts), instead of once per fingerprint.
     */
    private readonly payloadBytes;
    private readonly payloadBlobs;
    /**
     * `payload.bytes`: bytes of each direction of a clear-text connection inspected (payload.ts;
     * default 4096), 0 turns payload inspection off; `payload.blobs`: match long base64/hex runs too.
     */
    constructor(onEvent: EventSink, everyCertificate?: boolean, payload?: {
        readonly bytes?: number | undefined;
        readonly blobs?: boolean | undefined;
    });
    open(id: ConnIdentity, _ts: number, partial: boolean): ConnApp | undefined;
    /** A payload inspector for a connection (undefined when inspection is off). */
    inspector(id: ConnIdentity): PayloadInspector | undefined;
    /** Drops the records logged so far (a caller that wants `service` only, not the logs). */
    discardLogs(): void;
    /** The event sink of a connection's parsers: each event is logged with the connection. */
    connSink(id: ConnIdentity): EventSink;
    /** End of input: logs the DHCP exchanges still open. */
    finish(): void;
    certificate(ts: number, cert: X509Summary, hostCert: boolean, id: ConnIdentity): void;
}
