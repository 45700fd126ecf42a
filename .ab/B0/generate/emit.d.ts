/**
 * Record writers: one method per Zeek log, formatting straight into the current slice's bytes.
 *
 * Protocol rows (dns, ssl, http) belong to the connection emitted last: `tcp()`/`udp()` draw a
 * fresh uid into `uid` and the row writers reuse it, as Zeek ties a protocol log line to its
 * connection. Packet and IP-byte counts are derived here from the outcome and payload sizes,
 * so every generator agrees on what an SF, REJ or S0 connection looks like.
 */
import type { Addr, DnsQuestion } from './network.js';
import type { HeldLines, SliceLines } from './writer.js';
export interface SliceSet {
    conn: SliceLines;
    dns: SliceLines;
    http: SliceLines;
    ssl: SliceLines;
    dhcp: SliceLines;
    weird: SliceLines;
}
/**
 * TCP outcomes, named by what happened on the wire:
 * - SF: handshake, data, FINs both ways;   RSTO / RSTR: established, then a reset by orig / resp
 * - S0: SYN(s) unanswered;                 REJ: SYN answered by RST
 * - SYN_OPEN: half-open probe of an open port (SYN, SYN-ACK, RST from the prober): RSTO "ShR"
 * - CONNECT_OPEN: full connect() probe, closed by a reset at once: RSTO "ShAR"
 */
export type TcpOutcome = 'SF' | 'RSTO' | 'RSTR' | 'S0' | 'REJ' | 'SYN_OPEN' | 'CONNECT_OPEN';
export interface TcpConn {
    readonly tsUs: number;
    readonly orig: Addr;
    readonly origPort: number;
    readonly resp: Addr;
    readonly respPort: number;
    /** Zeek service string, omitted when no analyzer would confirm one (failed attempts). */
    readonly service?: string | undefined;
    readonly outcome: TcpOutcome;
    /** For SF/RSTO/RSTR; ignored otherwise. */
    readonly durationUs?: number;
    readonly origBytes?: number;
    readonly respBytes?: number;
    /** SYN retransmissions for S0 (1 = a single SYN). */
    readonly synCount?: number;
}
export interface UdpConn {
    readonly tsUs: number;
    readonly orig: Addr;
    readonly origPort: number;
    readonly resp: Addr;
    readonly respPort: number;
    readonly service: string;
    /** Undefined: no reply seen (S0). */
    readonly durationUs: number | undefined;
    readonly origBytes: number;
    readonly respBytes: number;
    readonly origPkts?: number;
    readonly respPkts?: number;
}
/** An ICMP echo exchange as Zeek logs it: type 8 as orig_p, code 0 as resp_p, conn_state OTH. */
export interface IcmpEchoConn {
    readonly tsUs: number;
    readonly orig: Addr;
    readonly resp: Addr;
    readonly durationUs: number;
    /** ICMP payload bytes (Zeek counts the bytes after the 8-byte ICMP header). */
    readonly origBytes: number;
    readonly respBytes: number;
    readonly origPkts: number;
    readonly respPkts: number;
}
export interface DnsRow {
    readonly tsUs: number;
    readonly orig: Addr;
    readonly origPort: number;
    readonly resp: Addr;
    readonly transId: number;
    /** Undefined when the query went unanswered. */
    readonly rttUs: number | undefined;
    readonly q: DnsQuestion;
}
export interface SslRow {
    readonly tsUs: number;
    readonly orig: Addr;
    readonly origPort: number;
    readonly resp: Addr;
    readonly respPort: number;
    readonly profile: TlsProfile;
    readonly serverName: string | undefined;
    readonly resumed: boolean;
    readonly nextProtocol: string | undefined;
    readonly certFp: string | undefined;
    /** validation_status of a full handshake; default `ok`. */
    readonly validation?: string | undefined;
}
export interface TlsProfile {
    readonly version: string;
    /** `\tversion\tcipher\tcurve\t`, preformatted. */
    readonly fields: Buffer;
}
export interface HttpRow {
    readonly tsUs: number;
    readonly orig: Addr;
    readonly origPort: number;
    readonly resp: Addr;
    readonly respPort: number;
    readonly depth: number;
    readonly method: string;
    readonly host: string;
    readonly uri: string;
    readonly referrer: string | undefined;
    readonly userAgent: string;
    readonly requestBodyLen: number;
    readonly responseBodyLen: number;
    readonly status: number;
    readonly statusMsg: string;
    readonly requestMime: string | undefined;
    readonly responseMime: string | undefined;
}
/** A weird.log row of the connection emitted last. */
export interface WeirdRow {
    readonly tsUs: number;
    readonly orig: Addr;
    readonly origPort: number;
    readonly resp: Addr;
    readonly respPort: number;
    /** Zeek's weird name. */
    readonly name: string;
    readonly addl?: string | undefined;
}
export interface DhcpRow {
    readonly tsUs: number;
    readonly uids: string;
    readonly clientAddr: Addr | undefined;
    readonly serverAddr: Addr;
    readonly mac: string;
    readonly hostName: string;
    readonly clientFqdn: string | undefined;
    readonly domain: string;
    readonly requestedAddr: Addr | undefined;
    readonly assignedAddr: Addr | undefined;
    readonly leaseSeconds: number | undefined;
    readonly serverMessage: string | undefined;
    readonly msgTypes: string;
    readonly durationUs: number;
}
export declare const UID_LENGTH = 18;
export declare class Emitter {
    logs: SliceSet;
    /** Where conn lines due past `horizonUs` wait until their slice comes. */
    private readonly held;
    /** End of the capture: a connection starting at or after it is never seen (no conn line). */
    private readonly endUs;
    /** Uid of the connection emitted last (`C` + 17 base62 characters). */
    readonly uid: Buffer;
    private readonly fuid;
    /** Connections emitted so far (including any that start after the end and are dropped). */
    connections: number;
    /**
     * Conn lines due (ending) at or after this time leave the slice for `held`: the driver sets
     * it to the end of the slice after the current one, so a slice only keys lines due within
     * two slices of its base. Until the driver sets it every conn line is held, which is correct,
     * only slower.
     */
    horizonUs: number;
    private files;
    private readonly rng;
    /** Benign weirds draw from their own stream: the other logs do not depend on them. */
    private readonly noise;
    private readonly key;
    /** Conn counters staged by tcp()/udp() for writeConn (one reusable record, no allocation). */
    private readonly tail;
    constructor(logs: SliceSet, seed: number, 
    /** Where conn lines due past `horizonUs` wait until their slice comes. */
    held: HeldLines, 
    /** End of the capture: a connection starting at or after it is never seen (no conn line). */
    endUs: number);
    uidText(): string;
    /**
     * Six characters encode a keyed 32-bit permutation of a counter (unique for 2^32 ids), the
     * other eleven are random (6 bits each through a 64-entry table: no division on this path),
     * so uids look like Zeek's and never collide within a run.
     */
    private drawId;
    tcp(c: TcpConn): void;
    /**
     * Now and then a weird.log row of the kind every sensor logs for ordinary traffic
     * (`BENIGN_WEIRDS`): the noise a weird-based detector must ignore. One draw per established
     * TCP connection; HTTP-only entries count for HTTP connections alone.
     */
    private benignWeird;
    /** A weird.log row of the connection emitted last (`notice` F, `peer` zeek, as Zeek logs them). */
    weird(w: WeirdRow): void;
    udp(c: UdpConn): void;
    /** An ICMP echo "connection" (requests and replies between two hosts, one conn line). */
    icmpEcho(c: IcmpEchoConn): void;
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
    private writeConn;
    /** A DNS query over UDP/53: its conn line and its dns.log row. */
    dnsExchange(d: DnsRow): void;
    /** dns.log row for the last connection (a UDP/53 flow). */
    dns(d: DnsRow): void;
    /** ssl.log row for the last connection. */
    ssl(s: SslRow): void;
    /** http.log row (one request/response pair) for the last connection. */
    http(h: HttpRow): void;
    /** `*_fuids  *_filenames  *_mime_types` for one direction of an HTTP transaction. */
    private putFile;
    dhcp(d: DhcpRow): void;
}
export declare const TLS13: readonly TlsProfile[];
export declare const TLS12: readonly TlsProfile[];
