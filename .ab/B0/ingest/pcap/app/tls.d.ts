import type { EventSink } from '../packet.js';
/** Largest record body accepted: 2^14 plaintext + 2048 expansion (RFC 5246 §6.2.3). */
export declare const TLS_MAX_RECORD: number;
/** Largest handshake message reassembled; a real certificate chain is a few KiB. */
export declare const TLS_MAX_HANDSHAKE: number;
/**
 * Zeek's version string: `TLSv12`, `TLSv13-draft23` for 0x7fXX, else `unknown-N`. The draft
 * test divides by 255, not 256, exactly as Zeek's script does (0x7e01 is not a draft).
 */
export declare function tlsVersionName(v: number): string;
/** GREASE values (RFC 8701): 0x?A?A with both bytes equal. */
export declare function isGrease(v: number): boolean;
/** Zeek's cipher string (`cipher_desc`), `grease_0x…`, else `unknown-N`. */
export declare function tlsCipherName(c: number): string;
/**
 * Zeek's `ec_curves` name of a named group. Groups Zeek's table lacks (the post-quantum hybrids
 * such as 0x11EC X25519MLKEM768) print as `unknown-N`, as Zeek's table does.
 */
export declare function tlsGroupName(g: number): string;
/** Zeek's `alert_descriptions` name. */
export declare function tlsAlertName(d: number): string;
export interface TlsClientHello {
    /** Sent as an SSLv2-compatible CLIENT-HELLO (RFC 6101 appendix E.1). */
    readonly sslv2: boolean;
    /** legacy_version (the version of an SSLv2-format hello). */
    readonly version: number;
    /** 32 bytes (the SSLv2 challenge, as sent, for an SSLv2 hello). */
    readonly random: Uint8Array;
    readonly sessionId: Uint8Array;
    /** Cipher suites as sent, GREASE included (SSLv2 hellos: the 3-byte cipher kinds). */
    readonly cipherSuites: readonly number[];
    readonly compressionMethods: readonly number[];
    /** Extension types in order, GREASE included. */
    readonly extensions: readonly number[];
    /** host_name entries of server_name. */
    readonly serverNames: readonly string[];
    readonly alpn: readonly string[];
    readonly supportedVersions: readonly number[];
    readonly supportedGroups: readonly number[];
    readonly ecPointFormats: readonly number[];
    readonly signatureAlgorithms: readonly number[];
    /** Groups that carry a key share (key_share or the drafts' key_share_old). */
    readonly keyShareGroups: readonly number[];
    /** Length of the SessionTicket extension's data (0 when empty or absent). */
    readonly sessionTicketLength: number;
    /** True when a part did not parse; the fields hold what came before the fault. */
    readonly malformed: boolean;
}
export interface TlsServerHello {
    readonly sslv2: boolean;
    /** legacy_version (0x7fXX for the early TLS 1.3 drafts, which put the real version here). */
    readonly version: number;
    /** The supported_versions selection, when present. */
    readonly selectedVersion: number | undefined;
    readonly random: Uint8Array;
    readonly sessionId: Uint8Array;
    readonly cipherSuite: number;
    readonly compressionMethod: number;
    readonly extensions: readonly number[];
    readonly alpn: readonly string[];
    /** The server's key_share group (or an HRR's selected group). */
    readonly keyShareGroup: number | undefined;
    /** The server accepted a pre-shared key (pre_shared_key extension present). */
    readonly pskSelected: boolean;
    /** A HelloRetryRequest (the RFC 8446 magic random). */
    readonly helloRetryRequest: boolean;
    readonly malformed: boolean;
}
/** What Zeek's x509.log and ssl.log need of one certificate. */
export interface X509Summary {
    /** SHA-256 of the DER, lower-case hex: Zeek's cert_chain_fps / x509 fingerprint. */
    readonly fingerprint: string;
    readonly version: number;
    /** Upper-case hex of the serial's magnitude, as OpenSSL prints it. */
    readonly serial: string;
    /** RFC 2253 strings as OpenSSL's XN_FLAG_RFC2253 prints them (Zeek's subject/issuer). */
    readonly subject: string;
    readonly issuer: string;
    /** Seconds since the epoch. */
    readonly notValidBefore: number;
    readonly notValidAfter: number;
}
/** ClientHello body (after the 4-byte handshake header); `dtls`: a DTLS hello (with a cookie). */
export declare function parseClientHello(body: Uint8Array, dtls?: boolean): TlsClientHello;
/** ServerHello body. The 0x7fXX drafts (and 0x0304 in the version field) have no session id. */
export declare function parseServerHello(body: Uint8Array): TlsServerHello;
/** The JA3 string (`771,4865-4866,0-23-65281,29-23,0`); undefined for an SSLv2 hello. */
export declare function ja3String(h: TlsClientHello): string | undefined;
export declare function ja3(h: TlsClientHello): string | undefined;
export declare function ja3sString(h: TlsServerHello): string | undefined;
export declare function ja3s(h: TlsServerHello): string | undefined;
export interface Ja4 {
    /** `t13d1516h2_8daaf6152771_e5627efa2ab1` */
    readonly ja4: string;
    /** Raw (unhashed), sorted. */
    readonly ja4_r: string;
    /** Original order, hashed (SNI and ALPN stay in the extension list). */
    readonly ja4_o: string;
    /** Original order, raw. */
    readonly ja4_ro: string;
}
/**
 * JA4 of a ClientHello. `protocol` is 't' (TLS over TCP), 'q' (QUIC) or 'd' (DTLS). Version:
 * the highest non-GREASE supported_versions value, else legacy_version; unknown values give
 * "00". Counts include SNI and ALPN and cap at 99; the extension hash leaves SNI (0000) and ALPN
 * (0010) out, sorts, and appends the signature algorithms in their order after '_'.
 */
export declare function ja4(h: TlsClientHello, protocol?: 't' | 'q' | 'd'): Ja4;
/**
 * Summary of one DER certificate, or undefined when its structure is not readable. A certificate
 * too large to keep is read from a prefix (`truncated`, with the fingerprint of the whole DER
 * computed as it streamed by): the fields needed come before the extensions.
 */
export declare function parseX509(der: Uint8Array, fingerprint?: string, truncated?: boolean): X509Summary | undefined;
/**
 * True when the first bytes of a stream look like the start of a TLS/SSL handshake in either
 * direction: a handshake record (type 22, record version 3.0–3.3, length within bounds) whose
 * message is a ClientHello or ServerHello with a 3.x or 0x7f draft hello version, or an
 * SSLv2-format CLIENT-HELLO advertising SSL 2.0–TLS 1.2. Needs 11 bytes for the TLS form and 5
 * for SSLv2; fewer bytes give false (ask again with more).
 */
export declare function looksLikeTls(firstBytes: Uint8Array): boolean;
/** The shared state of one TLS connection; make it with `createTlsPair` (or pass your own). */
export declare class TlsConnState {
    /** chosen_version_: first value set wins (supported_versions before legacy_version). */
    negotiatedVersion: number;
    chosenCipher: number;
    /** Record layer version once the first valid record was seen; SSLv2 after a v2 ServerHello. */
    recordLayer: number;
    readonly encrypted: boolean[];
    flipped: boolean;
    private unclearReported;
    /** Stopped after an analyzer violation. */
    violated: boolean;
    /** Established: Zeek logs and detaches the analyzer here, so nothing after it counts. */
    established: boolean;
    /** Timestamp of the record that established the session. */
    establishedTs: number | undefined;
    history: string;
    versionNum: number | undefined;
    cipher: number | undefined;
    curve: number | undefined;
    serverName: string | undefined;
    sessionId: string | undefined;
    clientTicketEmptySessionSeen: boolean;
    clientKeyExchangeSeen: boolean;
    clientPskSeen: boolean;
    resumed: boolean;
    hrrSeen: boolean;
    /** Hellos are DTLS (ClientHello carries a cookie); set by the DTLS reader. */
    dtls: boolean;
    lastAlert: number | undefined;
    nextProtocol: string | undefined;
    /** Certificates by role (client-sent / server-sent), undefined until a Certificate message. */
    serverCerts: X509Summary[] | undefined;
    clientCerts: X509Summary[] | undefined;
    clientHello: TlsClientHello | undefined;
    serverHello: TlsServerHello | undefined;
    get stopped(): boolean;
    /** True when a record of this direction and content type is read as ciphertext. */
    determineState(isOrig: boolean, contentType: number): boolean;
    setVersion(v: number): void;
    get tls13(): boolean;
    checkFlipped(desiredOrig: boolean, isOrig: boolean, p: TlsStreamParser): void;
    addHistory(isClient: boolean, letter: string, p: TlsStreamParser): void;
    /** A ciphertext record: with both directions encrypted, the session is established. */
    ciphertext(ts: number): void;
}
export interface TlsParserOptions {
    /** This parser reads the originator's direction (default true). */
    readonly isOrig?: boolean;
    readonly sink?: EventSink;
    /** Share with the other direction; a parser made without one has its own. */
    readonly conn?: TlsConnState;
}
/** One direction of a TLS stream. */
export declare class TlsStreamParser {
    readonly isOrig: boolean;
    readonly conn: TlsConnState;
    private readonly sink;
    private events;
    private ts;
    private fileOffset;
    /** Bytes consumed from this direction so far. */
    streamOffset: number;
    /** Records seen (complete), and of those read as ciphertext. */
    records: number;
    encryptedRecords: number;
    /** A gap or a violation: this direction reads nothing more. */
    private lost;
    private phase;
    private readonly hdr;
    private hdrLen;
    private hdrNeed;
    private contentType;
    /** SSLv2 record: its message is in `body` from the message-type byte on. */
    private v2;
    private cipherBody;
    /** Plaintext body being collected across chunks (allocated only when a record is split). */
    private body;
    private bodySize;
    private bodyFill;
    private bodyLeft;
    /** Handshake reassembly (plaintext handshake records only). */
    private hs;
    private hsLen;
    private hsSkip;
    private certStream;
    private certStreamClient;
    constructor(options?: TlsParserOptions);
    /** True once this direction reads nothing more (gap, violation, or session established). */
    get done(): boolean;
    /** Report a problem (bounded per parser). Public for the shared state; not for callers. */
    event(name: string, detail: string): void;
    /** A hole in the stream: like Zeek (had_gap), stop reading this direction. */
    gap(): void;
    /** Feed the next bytes of this direction, in order. `fileOffset` goes into events. */
    push(bytes: Uint8Array, ts: number, fileOffset?: number): void;
    /**
     * One record already framed by another layer (DTLS records; QUIC CRYPTO data as handshake
     * records, type 22): read as `push` reads a TLS record's body. Handshake bytes may span calls.
     */
    record(contentType: number, body: Uint8Array, ts: number): void;
    private violation;
    private resetRecord;
    private startBody;
    private onHeader;
    private get isClient();
    private onCiphertext;
    private onRecord;
    private onV2Message;
    private feedHandshake;
    /** A message over the reassembly bound: certificates stream, anything else is skipped. */
    private tooLong;
    private endCertStream;
    private ensureHs;
    private onHandshake;
    private onClientHello;
    private onServerHello;
    private onCertificate;
    private addCerts;
}
/** Two parsers sharing one connection state: `orig` reads the originator's bytes. */
export declare function createTlsPair(sink?: EventSink): {
    orig: TlsStreamParser;
    resp: TlsStreamParser;
};
/** Zeek ssl.log fields (plus the usual JA3/JA3S/JA4 package fields). Unset fields are absent. */
export interface TlsLogRecord {
    version?: string;
    cipher?: string;
    curve?: string;
    server_name?: string;
    resumed: boolean;
    last_alert?: string;
    next_protocol?: string;
    established: boolean;
    ssl_history: string;
    /** Set (possibly empty) once either side sent a Certificate message, as Zeek does. */
    cert_chain_fps?: string[];
    client_cert_chain_fps?: string[];
    subject?: string;
    issuer?: string;
    client_subject?: string;
    client_issuer?: string;
    /** What can be said of the server's certificate without a trust store (`leafValidation`). */
    validation_status?: string;
    ja3?: string;
    ja3s?: string;
    ja4?: string;
}
/**
 * The part of Zeek's `validation_status` (policy/protocols/ssl/validate-certs, OpenSSL's
 * verification strings) that the leaf certificate alone decides, at time `ts`: "self signed
 * certificate" when its subject is its issuer (OpenSSL reports that before any date), else
 * "certificate has expired" / "certificate is not yet valid". Undefined otherwise: without
 * Mozilla's root store netscry does not say "ok" or name an unknown issuer, as Zeek does.
 */
export declare function leafValidation(leaf: X509Summary, ts: number): string | undefined;
/**
 * The ssl.log record of a connection from its two directions (and, given the time the
 * connection was seen, the leaf's `validation_status`). With a shared `TlsConnState`
 * (`createTlsPair`) every field follows Zeek; two independent parsers give the hello- and
 * certificate-derived fields only (`established` false, `ssl_history` empty), since the rules
 * for those need both directions in order.
 */
export declare function tlsLogRecord(orig: TlsStreamParser, resp: TlsStreamParser, ts?: number): TlsLogRecord;
