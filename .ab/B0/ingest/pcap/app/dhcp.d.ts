/**
 * DHCPv4 (RFC 2131/2132, BOOTP underneath) decoded from one UDP payload, and the aggregation of
 * the messages of one exchange into Zeek's `dhcp.log` line.
 *
 * The parser is pure and bounded: the fixed BOOTP header is 236 bytes, options are read as
 * code/length/value with every length checked against the bytes there, the overload option (52)
 * adds at most the 64-byte `sname` and 128-byte `file` fields, and each option region is read
 * once. Bad input yields a `ProtocolEvent` and whatever was readable; it never throws.
 *
 * Values follow Zeek's DHCP analyzer where the log shows them: strings are kept byte for byte
 * (each byte one character), hardware addresses are rendered like Zeek's `fmt_mac`.
 */
import type { EventSink } from '../packet.js';
export interface DhcpEventContext {
    readonly ts: number;
    readonly fileOffset: number;
}
export interface DhcpClientId {
    readonly hardwareType: number;
    /** The identifier after the type byte, as Zeek's `fmt_mac` renders it ("" unless 6 or ≥ 8 bytes). */
    readonly address: string;
    /** The identifier after the type byte, lowercase hex. */
    readonly hex: string;
}
export interface DhcpClientFqdn {
    readonly flags: number;
    readonly rcode1: number;
    readonly rcode2: number;
    /** The name bytes as sent (what Zeek logs, even in DNS wire format). */
    readonly rawName: string;
    /** Dotted name: decoded from wire format when the E flag (0x04) says so, else `rawName`. */
    readonly domainName: string;
}
export interface DhcpRelaySubOption {
    readonly code: number;
    readonly value: string;
}
export interface DhcpOptions {
    /** Option codes in the order seen, PAD and END left out. */
    readonly codes: readonly number[];
    readonly subnetMask?: string;
    readonly routers?: readonly string[];
    readonly dnsServers?: readonly string[];
    readonly hostName?: string;
    readonly domainName?: string;
    readonly requestedAddress?: string;
    /** Seconds. */
    readonly leaseTime?: number;
    /** 1: `file` holds options, 2: `sname` does, 3: both. */
    readonly overload?: number;
    readonly serverId?: string;
    readonly parameterRequestList?: readonly number[];
    readonly message?: string;
    readonly maxMessageSize?: number;
    readonly renewalTime?: number;
    readonly rebindingTime?: number;
    readonly vendorClass?: string;
    readonly clientId?: DhcpClientId;
    readonly userClass?: string;
    readonly clientFqdn?: DhcpClientFqdn;
    readonly relayAgentInformation?: readonly DhcpRelaySubOption[];
}
export interface DhcpMessage {
    /** 1 BOOTREQUEST, 2 BOOTREPLY. */
    readonly op: number;
    readonly htype: number;
    readonly hlen: number;
    readonly hops: number;
    readonly xid: number;
    readonly secs: number;
    readonly flags: number;
    readonly broadcast: boolean;
    readonly ciaddr: string;
    readonly yiaddr: string;
    readonly siaddr: string;
    readonly giaddr: string;
    /** All 16 `chaddr` bytes as Zeek renders them (6 or 8 colon-separated octets). */
    readonly chaddr: string;
    /** `chaddr` cut to `hlen` (at most 16), colon-separated hex. */
    readonly hardwareAddress: string;
    /** Up to the last non-NUL byte; absent when empty or when the field carries options. */
    readonly serverName?: string;
    readonly bootFileName?: string;
    /** False when the magic cookie is missing: plain BOOTP, no options read. */
    readonly hasMagicCookie: boolean;
    /** Option 53, 0 when absent. */
    readonly messageType: number;
    readonly options: DhcpOptions;
}
/**
 * Zeek's `fmt_mac`: six octets when given exactly 6 bytes or when bytes 7–8 are zero (EUI-48 in
 * a longer field), eight when they are not (EUI-64), "" for fewer than 6 or exactly 7.
 */
export declare function zeekMac(b: Uint8Array, start: number, end: number): string;
/**
 * Decodes the DHCP/BOOTP message in `bytes[offset, offset + length)`. Returns undefined only when
 * the 236-byte BOOTP header is not all there (event `DHCP_truncated`). Without the magic cookie
 * the header is returned with no options (`hasMagicCookie` false); a message with no type option
 * has `messageType` 0 (event `DHCP_no_message_type`). Cost: one pass over at most the payload.
 */
export declare function parseDhcpMessage(bytes: Uint8Array, offset: number, length: number, onEvent: EventSink, ctx: DhcpEventContext): DhcpMessage | undefined;
/** Zeek's DHCP::message_types, with its fallback for other codes. */
export declare function dhcpMessageTypeName(type: number): string;
/** One dhcp.log row. Times and intervals are in seconds. */
export interface DhcpLogRecord {
    ts: number;
    /** Connections the exchange used, in order of appearance (Zeek logs a set). */
    uids: string[];
    client_addr?: string;
    server_addr?: string;
    mac?: string;
    host_name?: string;
    client_fqdn?: string;
    domain?: string;
    requested_addr?: string;
    assigned_addr?: string;
    lease_time?: number;
    client_message?: string;
    server_message?: string;
    msg_types: string[];
    duration: number;
}
/** Where a message was seen: its connection, oriented as the connection tracker oriented it. */
export interface DhcpObservation {
    readonly ts: number;
    readonly uid: string;
    /** Sent by the connection's originator. */
    readonly isOrig: boolean;
    readonly origAddr: string;
    readonly origPort: number;
    readonly respAddr: string;
    readonly respPort: number;
}
export interface DhcpLogLimits {
    /** Exchanges kept open at once; beyond this the oldest is logged early (default 10,000). */
    readonly maxOpenExchanges?: number;
    /** Zeek's DHCP::max_uids_per_log_entry (10). */
    readonly maxUidsPerEntry?: number;
    /** Zeek's DHCP::max_msg_types_per_log_entry (50). */
    readonly maxMessageTypesPerEntry?: number;
    /** Zeek's DHCP::max_txid_watch_time (30 s). */
    readonly maxWatchTime?: number;
}
/**
 * Aggregates DHCP messages by transaction id into dhcp.log rows, as Zeek does: an exchange is
 * logged once it has been idle for 5 s (checked from 10 s after it began) or watched for 30 s,
 * when it reaches 10 connections or 50 message types, and at `finish()`. Pure: time is the
 * messages' timestamps. State is bounded by `maxOpenExchanges`; a sweep over the open exchanges
 * runs at most once per second of capture time.
 */
export declare class DhcpExchangeLog {
    private readonly emit;
    private readonly open;
    private readonly maxOpen;
    private readonly maxUids;
    private readonly maxTypes;
    private readonly maxWatch;
    private nextSweep;
    /** Exchanges logged early because too many were open. */
    evicted: number;
    constructor(emit: (record: DhcpLogRecord) => void, limits?: DhcpLogLimits);
    get openExchanges(): number;
    observe(msg: DhcpMessage, at: DhcpObservation): void;
    /** Logs the exchanges that Zeek's table expiry would have logged by `now`. */
    expire(now: number): void;
    /** End of input (Zeek's zeek_done): logs every open exchange. */
    finish(): void;
    private logExpired;
}
