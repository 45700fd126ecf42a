/**
 * Connection tracking with Zeek's semantics: decoded packets in, conn.log records out.
 *
 * What Zeek does and we follow (see docs/formats.md, "Captures"): the originator is the sender
 * of the first packet unless the port heuristic flips it (a packet from a likely server port to
 * a port that is not one; `^` in the history); TCP endpoints walk Zeek's endpoint states and
 * `conn_state` is derived from the pair exactly as Zeek's conn script derives it; payload byte
 * counts come from sequence numbers; `history` letters are recorded once per direction (SYN,
 * FIN and RST again when at a new sequence number; retransmissions, zero windows and checksum
 * errors at 1, 10, 100, … occurrences). Connections end on Zeek's timers, in capture time: a
 * SYN left unanswered for 5 s, 5 s after a close completes, and inactivity (TCP 5 min, UDP and
 * ICMP 1 min); a SYN on a closed connection, or with a new initial sequence number, starts a new
 * one. Duration and byte counts are unset for single-instant connections, as in Zeek.
 *
 * TCP payload goes through per-direction stream reassembly (reassembly.ts) with Zeek's
 * content-gap rules: bytes the peer acknowledged but that were never seen are a gap, counted
 * as `G`/`g` (at 1, 10, 100, … gaps) and in `missed_bytes` while both endpoints are established
 * or closing cleanly. In-order bytes go to the connection's app analyzer (app/dispatch.ts),
 * which detects the protocol by content; `service` lists the protocols whose parsers accepted
 * the content, in that order. A connection nobody parses keeps no payload bytes. Memory is
 * bounded by `maxConnections` (default 200 000, about 0.5 GB: when full, the connection idle the
 * longest is ended early, in O(1), and counted) and by the reassembly limits. Timers are checked once per
 * second of capture time, on the connections a heap keyed by (a lower bound of) their deadline
 * yields: O(log open connections) per connection whose deadline passed or came closer.
 */
import type { AppFactory } from './app/dispatch.js';
import { type DecodedPacket, type EventSink } from './packet.js';
import { type ConnStats } from './packet-stats.js';
import { ReassemblyBudget, type ReassemblyLimits } from './reassembly.js';
export interface ConnRecord {
    readonly ts: number;
    readonly uid: string;
    readonly origH: string;
    readonly origP: number;
    readonly respH: string;
    readonly respP: number;
    /** Address words (shared/addr.ts): originator 0..3, responder 4..7. */
    readonly addr: Uint32Array;
    readonly proto: 'tcp' | 'udp' | 'icmp' | 'unknown_transport';
    readonly ipProto: number;
    readonly service: readonly string[];
    /** Unset (undefined) when the connection lasted no measurable time, as in Zeek. */
    readonly duration: number | undefined;
    readonly origBytes: number | undefined;
    readonly respBytes: number | undefined;
    readonly connState: string;
    readonly missedBytes: number;
    readonly history: string;
    readonly origPkts: number;
    readonly origIpBytes: number;
    readonly respPkts: number;
    readonly respIpBytes: number;
    readonly vlan: number | undefined;
    readonly innerVlan: number | undefined;
    readonly communityId: string;
    /** Uids of the innermost tunnels the connection's packets came through (Zeek's
     * `tunnel_parents`, sorted); undefined when it was never tunnelled. */
    readonly tunnelParents: readonly string[] | undefined;
    /** Per-direction packet statistics (packet-stats.ts): payload entropy, IP length summary,
     * TTLs, fragments. Counted over the same packets as `origPkts` / `respPkts`. */
    readonly stats?: ConnStats;
}
/**
 * A tracked connection as the packet path sees it after `observe`: enough for the tunnel
 * decoders to pick a decoder by responder port and to mark the connection as a tunnel.
 */
export interface TrackedConnection {
    readonly uid: string;
    readonly respPort: number;
    /** Direction of the packet just observed. */
    readonly lastFromOrig: boolean;
    /** Service name a tunnel decoder confirmed (`vxlan`, `teredo`, …), '' for none. */
    tunnelService: string;
    /** State a tunnel decoder keeps per connection (Teredo: valid packets seen per direction). */
    tunnelFlags: number;
}
export interface ConnTrackerOptions {
    /** Zeek's defaults (seconds of capture time). */
    readonly tcpAttemptDelay: number;
    readonly tcpCloseDelay: number;
    readonly tcpConnectionLinger: number;
    readonly tcpInactivityTimeout: number;
    readonly udpInactivityTimeout: number;
    readonly icmpInactivityTimeout: number;
    /** Inactivity timeout of a UDP connection once DNS was confirmed on it (Zeek: dns_session_timeout). */
    readonly dnsSessionTimeout: number;
    readonly maxConnections: number;
    /** Ports a server likely listens on, for the direction heuristic (Zeek's likely_server_ports). */
    readonly likelyServerPorts: ReadonlySet<number>;
    readonly communityIdSeed: number;
    /** Stream reassembly bounds per direction (reassembly.ts). */
    readonly reassembly: ReassemblyLimits;
    /** Bytes all reassemblers of the tracker may hold together. */
    readonly reassemblyBudgetBytes: number;
}
/**
 * Ports Zeek's default scripts register analyzers for (so `likely_server_ports` holds them);
 * the direction heuristic only needs the common ones.
 */
export declare const DEFAULT_LIKELY_SERVER_PORTS: ReadonlySet<number>;
export declare const DEFAULT_CONN_TRACKER_OPTIONS: ConnTrackerOptions;
export declare class ConnTracker {
    private readonly options;
    private readonly onRecord;
    private readonly onEvent;
    private nextSweep;
    private readonly apps;
    evictedEarly: number;
    /** Memory and loss counters of the stream reassembly (bytes held now, at most, dropped). */
    readonly reassembly: ReassemblyBudget;
    /** Open connections, least recently active first. */
    private readonly idle;
    /** Open connections by tuple hash; a collision chains through `Connection.hashNext`. */
    private readonly table;
    /** Open connections in a binary min-heap by `timerKey`, for `expire`. */
    private readonly timers;
    private openCount;
    constructor(onRecord: (record: ConnRecord) => void, onEvent: EventSink, options?: Partial<ConnTrackerOptions>, apps?: AppFactory);
    get openConnections(): number;
    /** The open connection of this packet's tuple, either direction (one-way ICMP: this one). */
    private find;
    private unlinkHash;
    /**
     * Feeds one decoded packet (an IP packet with its transport header). `data` is the buffer the
     * packet's offsets index (the captured packet's bytes); without it no payload reaches the
     * app-layer parsers.
     */
    observe(p: DecodedPacket, data?: Uint8Array): TrackedConnection | undefined;
    /** The packet's effect on its connection; false when its checksum was bad. */
    private update;
    /** A UDP payload to the connection's app analyzer (bounded by the UDP length, as Zeek does). */
    private datagram;
    /** An ICMP echo request's or reply's data to the connection's app (payload inspection). */
    private echoData;
    /** A weird about a connection's stream (reassembly), reported like the tracker's own. */
    connWeird(name: string, ts: number, detail: string): void;
    /** Ends every open connection (end of input) and reports them. */
    flush(): void;
    private open;
    private countPacket;
    /** Counts a scaled history event and adds its letter at 1, 10, 100, … occurrences. */
    private scaledHistory;
    /** A SYN that starts a new connection on the same tuple (Zeek's IsReuse). */
    private isReuse;
    private tcp;
    private history;
    /** Zeek's endpoint state machine; returns whether this packet closes the endpoint. */
    private stateMachine;
    /** An endpoint closed (FIN or RST): Zeek's ConnectionClosed and its timers. */
    private closed;
    private weird;
    /** Whether the connection's timers ended it before capture time t. */
    private isOver;
    /**
     * The capture time after which the connection's timers have ended it (Zeek's timers: close,
     * attempt, linger, inactivity): `isOver(conn, t)` is `t > deadline(conn)`. Every timer is a
     * condition on the connection's state, which only its own packets change, and a time, so
     * the deadline holds until the connection's next packet.
     */
    private deadline;
    /**
     * Keeps the connection's timer key at or below its deadline after one of its packets. A
     * deadline that moved later (each packet postpones inactivity) leaves the key alone: `expire`
     * finds the key passed, reads the real deadline and files the connection again. So a
     * connection costs a heap operation when its deadline comes closer (a handshake, a close) or
     * passes, not per packet and not per sweep.
     */
    private schedule;
    /**
     * Ends the connections whose timers ran out before t, oldest start first. It used to test
     * every open connection once per capture second (5 % of `extract` with the ~10 000
     * connections a busy capture keeps open for TCP's 5-minute inactivity timer); the heap
     * yields only those whose key passed, each key being a lower bound of the deadline.
     */
    private expire;
    private removeTimer;
    private siftUp;
    private siftDown;
    private evictOldest;
    private finish;
}
/** A uid in Zeek's shape ('C' + 18 base62 characters) from three 32-bit hashes of `text`. */
export declare function zeekUid(text: string): string;
