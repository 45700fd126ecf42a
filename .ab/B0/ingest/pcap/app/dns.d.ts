import type { EventSink } from '../packet.js';
/** Where a problem was found, for the events. */
export interface DnsEventContext {
    readonly ts: number;
    readonly fileOffset: number;
}
export interface DnsParseOptions {
    /** Compression pointers followed for one name before giving up (Zeek's default is 20). */
    readonly maxCompressionDepth?: number;
    /** More questions than this and the message is not DNS (Zeek's `dns_max_queries`, 25). */
    readonly maxQuestions?: number;
    /** NetBIOS name service (port 137): labels may exceed 63 bytes, SRV(33) means NBSTAT. */
    readonly netbios?: boolean;
}
export declare const DEFAULT_MAX_COMPRESSION_DEPTH = 20;
export declare const DEFAULT_MAX_QUESTIONS = 25;
export declare const DnsSection: {
    readonly Answer: 1;
    readonly Authority: 2;
    readonly Additional: 3;
};
export type DnsSection = (typeof DnsSection)[keyof typeof DnsSection];
export declare const DnsOpcode: {
    readonly Query: 0;
    readonly IQuery: 1;
    readonly Status: 2;
    readonly Notify: 4;
    readonly Update: 5;
    readonly Dso: 6;
};
export interface DnsHeader {
    readonly id: number;
    /** True for a response. */
    readonly qr: boolean;
    readonly opcode: number;
    readonly aa: boolean;
    readonly tc: boolean;
    readonly rd: boolean;
    readonly ra: boolean;
    /** The three bits between RA and RCODE (reserved, AD, CD), as Zeek's `Z` counts them. */
    readonly z: number;
    readonly ad: boolean;
    readonly cd: boolean;
    readonly rcode: number;
    readonly qdcount: number;
    readonly ancount: number;
    readonly nscount: number;
    readonly arcount: number;
}
export interface DnsQuestion {
    /** ASCII-lowercased, as Zeek logs it. */
    readonly name: string;
    /** As sent (Zeek's `original_query`). */
    readonly originalName: string;
    readonly qtype: number;
    readonly qclass: number;
}
export interface SvcParam {
    readonly key: number;
    /** Presentation form: alpn ids joined by ',', port number, hint addresses, else hex. */
    readonly value: string;
}
export interface EdnsClientSubnet {
    readonly family: number;
    readonly sourcePrefix: number;
    readonly scopePrefix: number;
    readonly address: string;
}
export interface EdnsOption {
    readonly code: number;
    readonly length: number;
}
/** Decoded RDATA. Binary blobs are kept as lowercase hex only where a log renders them. */
export type DnsRData = {
    readonly kind: 'a';
    readonly address: string;
} | {
    readonly kind: 'aaaa';
    readonly address: string;
}
/** NS, CNAME, PTR (and DNAME is not among them: Zeek treats it as unknown). */
 | {
    readonly kind: 'name';
    readonly target: string;
} | {
    readonly kind: 'mx';
    readonly preference: number;
    readonly exchange: string;
} | {
    readonly kind: 'soa';
    readonly mname: string;
    readonly rname: string;
    readonly serial: number;
    readonly refresh: number;
    readonly retry: number;
    readonly expire: number;
    readonly minimum: number;
}
/** TXT and SPF. */
 | {
    readonly kind: 'txt';
    readonly strings: readonly string[];
} | {
    readonly kind: 'hinfo';
    readonly cpu: string;
    readonly os: string;
} | {
    readonly kind: 'wks';
    readonly address: string;
    readonly protocol: number;
} | {
    readonly kind: 'srv';
    readonly priority: number;
    readonly weight: number;
    readonly port: number;
    readonly target: string;
} | {
    readonly kind: 'naptr';
    readonly order: number;
    readonly preference: number;
    readonly flags: string;
    readonly service: string;
    readonly regexp: string;
    readonly replacement: string;
} | {
    readonly kind: 'caa';
    readonly flags: number;
    readonly tag: string;
    readonly value: string;
} | {
    readonly kind: 'svcb';
    readonly priority: number;
    /** "." when the target is the root (the owner name itself). */
    readonly target: string;
    readonly params: readonly SvcParam[];
} | {
    readonly kind: 'opt';
    readonly udpPayloadSize: number;
    readonly extendedRcode: number;
    readonly version: number;
    readonly dnssecOk: boolean;
    readonly options: readonly EdnsOption[];
    readonly clientSubnet?: EdnsClientSubnet;
} | {
    readonly kind: 'dnskey';
    readonly flags: number;
    readonly protocol: number;
    readonly algorithm: number;
} | {
    readonly kind: 'rrsig';
    readonly typeCovered: number;
    readonly algorithm: number;
    readonly labels: number;
    readonly originalTtl: number;
    readonly expiration: number;
    readonly inception: number;
    readonly keyTag: number;
    readonly signer: string;
} | {
    readonly kind: 'ds';
    readonly keyTag: number;
    readonly algorithm: number;
    readonly digestType: number;
    readonly digest: string;
} | {
    readonly kind: 'nsec';
    readonly next: string;
    readonly types: readonly number[];
} | {
    readonly kind: 'nsec3';
    readonly hashAlgorithm: number;
    readonly flags: number;
    readonly iterations: number;
    readonly salt: string;
    readonly nextHash: string;
    readonly types: readonly number[];
} | {
    readonly kind: 'nsec3param';
    readonly hashAlgorithm: number;
    readonly flags: number;
    readonly iterations: number;
    readonly salt: string;
} | {
    readonly kind: 'sshfp';
    readonly algorithm: number;
    readonly fingerprintType: number;
    readonly fingerprint: string;
} | {
    readonly kind: 'loc';
    readonly version: number;
    readonly size: number;
    readonly horizontalPrecision: number;
    readonly verticalPrecision: number;
    readonly latitude: number;
    readonly longitude: number;
    readonly altitude: number;
}
/** BIND 9's private signing-state record (type 65534). */
 | {
    readonly kind: 'binds';
    readonly algorithm: number;
    readonly keyId: number;
    readonly removal: number;
} | {
    readonly kind: 'tsig';
    readonly algorithm: string;
    readonly timeSigned: number;
    readonly fudge: number;
    readonly originalId: number;
    readonly error: number;
} | {
    readonly kind: 'tkey';
    readonly algorithm: string;
    readonly inception: number;
    readonly expiration: number;
    readonly mode: number;
    readonly error: number;
}
/** NULL, unknown types, and records this parser could only skip (a copy, at most 64 KiB). */
 | {
    readonly kind: 'raw';
    readonly bytes: Uint8Array;
};
export interface DnsResourceRecord {
    readonly section: DnsSection;
    /** Owner name, ASCII-lowercased ("" for the root). */
    readonly name: string;
    readonly type: number;
    /** CLASS; for OPT the requester's UDP payload size. */
    readonly rrclass: number;
    /** Seconds; for OPT the packed extended-rcode/version/flags word. */
    readonly ttl: number;
    readonly rdlength: number;
    readonly data: DnsRData;
}
export interface DnsMessage {
    readonly header: DnsHeader;
    readonly questions: readonly DnsQuestion[];
    readonly answers: readonly DnsResourceRecord[];
    readonly authority: readonly DnsResourceRecord[];
    readonly additional: readonly DnsResourceRecord[];
    /** False when reading stopped early (truncation or a malformed record). */
    readonly complete: boolean;
    /** Message length in bytes. */
    readonly length: number;
}
export declare const DnsType: {
    readonly A: 1;
    readonly NS: 2;
    readonly CNAME: 5;
    readonly SOA: 6;
    readonly NULL: 10;
    readonly WKS: 11;
    readonly PTR: 12;
    readonly HINFO: 13;
    readonly MX: 15;
    readonly TXT: 16;
    readonly AAAA: 28;
    readonly LOC: 29;
    readonly NB: 32;
    readonly SRV: 33;
    readonly NAPTR: 35;
    readonly A6: 38;
    readonly OPT: 41;
    readonly DS: 43;
    readonly SSHFP: 44;
    readonly RRSIG: 46;
    readonly NSEC: 47;
    readonly DNSKEY: 48;
    readonly NSEC3: 50;
    readonly NSEC3PARAM: 51;
    readonly SVCB: 64;
    readonly HTTPS: 65;
    readonly SPF: 99;
    readonly TKEY: 249;
    readonly TSIG: 250;
    readonly CAA: 257;
    readonly BINDS: 65534;
};
/**
 * Decodes the DNS message in `bytes[offset, offset + length)`. Returns undefined only when there
 * is no complete 12-byte header (event `DNS_truncated_len_lt_hdr_len`); otherwise the header and
 * whatever sections could be read, with `complete` false if reading stopped early. Cost: one
 * pass over the bytes, at most `maxCompressionDepth` pointer hops per name.
 */
export declare function parseDnsMessage(bytes: Uint8Array, offset: number, length: number, onEvent: EventSink, ctx: DnsEventContext, options?: DnsParseOptions): DnsMessage | undefined;
/**
 * Splits one direction of a TCP stream into DNS messages. A message wholly inside a pushed chunk
 * is handed out as a view (valid during the callback only); one that spans chunks is gathered in
 * a buffer of exactly its size, so memory is bounded by one message (≤ 65,535 bytes) plus the
 * 2-byte prefix. After a gap in the stream the framing is lost: call `reset()`.
 */
export declare class DnsTcpFramer {
    private readonly prefix;
    private prefixHave;
    private message;
    private messageHave;
    /** Bytes of the unfinished message held so far, its length prefix included. */
    get pendingBytes(): number;
    push(chunk: Uint8Array, onMessage: (message: Uint8Array) => void): void;
    reset(): void;
    private start;
}
/** All complete messages of a stream given as chunks (copies); a trailing partial one is dropped. */
export declare function dnsTcpMessages(chunks: Iterable<Uint8Array>): Uint8Array[];
export declare function dnsQtypeName(qtype: number): string;
export declare function dnsRcodeName(rcode: number): string;
export declare function dnsClassName(qclass: number): string;
export declare function dnsOpcodeName(opcode: number, netbios?: boolean): string;
/**
 * Zeek's `decode_netbios_name`: the 32-letter first-level encoding of a 16-byte name, cut at the
 * first byte that is not a letter, digit, punctuation, space or \x01/\x02, without the type byte
 * and trailing spaces/NULs. "" when the input is not such an encoding.
 */
export declare function decodeNetbiosName(encoded: string): string;
/**
 * The text Zeek's base scripts put in `answers` for this record, "" for a record Zeek handles
 * without adding text (WKS), or undefined for one its base scripts ignore altogether (HINFO,
 * CAA, SVCB/HTTPS, OPT, TSIG, TKEY, NetBIOS NB/NBSTAT): an ignored record does not even set
 * `rtt`, `AA` or `RA`. Unknown types render as `<unknown type=N>`.
 */
export declare function zeekAnswerText(rr: DnsResourceRecord): string | undefined;
/** One dns.log row without the connection tuple (`id.*`), which the caller knows. */
export interface DnsLogRecord {
    /** When the first message of the pair was seen. */
    ts: number;
    uid: string;
    proto: 'udp' | 'tcp';
    trans_id: number;
    /** Seconds from the query to the first answer record; absent when 0 (reply only). */
    rtt?: number;
    query?: string;
    qclass?: number;
    qclass_name?: string;
    qtype?: number;
    qtype_name?: string;
    rcode?: number;
    rcode_name?: string;
    AA: boolean;
    TC: boolean;
    RD: boolean;
    RA: boolean;
    Z: number;
    answers?: string[];
    /** Seconds, one per entry of `answers`. */
    TTLs?: number[];
    rejected: boolean;
    opcode?: number;
    opcode_name?: string;
}
export interface DnsConnectionInfo {
    readonly uid: string;
    readonly proto: 'udp' | 'tcp';
    /** Responder in 224.0.0.0/4 or ff00::/8 (mDNS, LLMNR): each message is logged on its own. */
    readonly responderIsMulticast: boolean;
    /** Responder port 137: NetBIOS names are decoded, opcodes named the NetBIOS way. */
    readonly netbios?: boolean;
}
export interface DnsLogLimits {
    /** Unmatched messages kept per transaction id before they are logged as they are (50). */
    readonly maxPendingMessages?: number;
    /** Transaction ids with unmatched messages before all of them are logged (50). */
    readonly maxPendingIds?: number;
}
/**
 * The dns.log state of one connection. Feed every parsed message in capture order with
 * `observe`; rows come out through `emit` when a query and its response have both been seen (or
 * at once for multicast), and `finish()` logs the unmatched ones at connection end. Matching is
 * by transaction id, first come first served, with Zeek's bounds on unmatched messages, so the
 * state is at most (maxPendingIds + 1) × (maxPendingMessages + 1) unmatched queries, as many
 * unmatched replies, and one query in the fast slot.
 *
 * Not replicated: dynamic-update sections (opcode 5 prerequisites/updates are not rendered).
 */
export declare class DnsTransactionLog {
    private readonly conn;
    private readonly emit;
    private current;
    private pendingQuery;
    private readonly pendingQueries;
    private readonly pendingReplies;
    private readonly maxPendingMessages;
    private readonly maxPendingIds;
    constructor(conn: DnsConnectionInfo, emit: (record: DnsLogRecord) => void, limits?: DnsLogLimits);
    observe(message: DnsMessage, ts: number): void;
    /** Connection end: logs every query or reply still waiting for its other half. */
    finish(): void;
    private newSession;
    private setSession;
    private applyQuestion;
    private reply;
    private enqueue;
    private flushAll;
}
/** Convenience for whole connections: every row of a list of (message, ts) in capture order. */
export declare function dnsLogRecords(conn: DnsConnectionInfo, messages: Iterable<{
    readonly message: DnsMessage;
    readonly ts: number;
}>): DnsLogRecord[];
