/**
 * Flow state of the captured packets a shard host owns: per virtual shard one `CaptureFlows`
 * (packet path, connection tracker, app-layer parsers: the same code `netscry extract` runs), fed the packet rows
 * routed to it (shared/sharding.ts `routePacket`: both endpoints' shards). Every record a
 * tracker logs becomes a row delivered to that virtual shard's analyzers with the role
 * `routeRow` gives it there — primary, originator-keyed copy, both, or neither (then it is
 * dropped: the other shard keeps it) — so analyzers see exactly what they would see had the
 * records come from the Zeek logs `extract` writes:
 *
 * - connection records as conn rows (built directly, as the conn.log parser would), with the
 *   packet-statistics fields extract appends to conn.log (`orig_entropy`, `orig_printable`,
 *   `orig_ip_len`, …: report/zeek-columns.ts `statsColumns`) as a TSV line in `Raw` under a
 *   schema of just those columns, so `FieldReader` reads the same values, by the same names, as
 *   from the row of extract's conn.log line (whose parser keeps the line for these columns:
 *   ingest/zeek/plan.ts `keepsLine`);
 * - app-layer records (dns, http, ssl, ssh, dhcp, x509) as the rows of their extract log lines
 *   (capture-records.ts: the line is formatted and parsed, so `Raw` holds the TSV line and
 *   `schemaOf` the schema of extract's header). A record of a connection (dns, http, ssl, ssh)
 *   is logged alike by both endpoints' trackers and routed like its connection: delivered once
 *   per role. A dhcp record is routed by its address roles like a dhcp.log line; each shard logs
 *   the exchanges from the messages it saw, so an exchange whose messages did not all reach the
 *   shard that owns its record comes out partial or not at all (broadcast exchanges: see
 *   docs/architecture.md). An x509 record has no addresses (the log path hashes its line to any
 *   shard): it is delivered by the shard that reports its connection's protocol events (the
 *   packet-primary, `routePacket`), once per certificate per virtual shard — not once per
 *   capture as extract logs it — with at most `MAX_SEEN_CERTS` fingerprints remembered per
 *   virtual shard.
 *
 * Order: rows are appended as the records are logged, packet by packet (a packet's conn rows,
 * then its app rows in extract's log order), so each virtual shard's analyzers see the same
 * sequence for any actor count and batch size.
 *
 * Protocol events are kept only from a packet's primary delivery, counted by name, the first
 * `maxEventsPerName` of each with file offset. Records are counted by log path at their primary
 * delivery (summary.json). Cost: one conn row encoded per record, one TSV line formatted and
 * parsed per app record, one short TSV line (the 16 statistics fields) formatted per conn
 * record; packets between two subnets are tracked in both shards.
 */
import type { ConnRecord } from '../ingest/pcap/connections.js';
import type { ProtocolEvent } from '../ingest/pcap/packet.js';
import { BatchView, type Schema } from '../shared/record.js';
import type { EngineRuntime } from './config.js';
/** A protocol event found by a shard's decoder or tracker, with the capture it came from. */
export interface HostProtocolEvent extends ProtocolEvent {
    readonly sourceId: number;
}
export interface ProtocolEventLog {
    readonly counts: Record<string, number>;
    readonly kept: HostProtocolEvent[];
}
/**
 * Merges event logs (of several shard hosts, or of the files and the shards): counts added,
 * kept events in file order with at most `maxPerName` of each name. Independent of the order
 * of `logs`, so the result does not depend on the number of actors.
 */
export declare function mergeProtocolEvents(logs: readonly ProtocolEventLog[], maxPerName: number): ProtocolEventLog;
/**
 * The statistics fields of a conn record as one TSV line without its newline: the text
 * `zeekTsvRowFormatter(STATS_COLUMNS)` gives (a test holds them equal), ≈ 4× cheaper.
 */
export declare function formatConnStats(r: ConnRecord): string;
/** The generic formatter of the same columns (the reference `formatConnStats` must match). */
export declare const formatConnStatsReference: (record: ConnRecord) => string;
/** The schema of a capture conn row's `Raw` statistics line (as extract's conn.log header). */
export declare const CONN_STATS_SCHEMA: Schema;
/** Certificate fingerprints remembered per virtual shard (x509 records delivered once each). */
export declare const MAX_SEEN_CERTS = 100000;
export declare class ShardFlows {
    readonly events: ProtocolEventLog;
    /** Records delivered, by Zeek log path, counted at their primary delivery. */
    readonly recordsByPath: Record<string, number>;
    packetsObserved: number;
    private readonly runtime;
    private readonly flows;
    /** Per virtual shard, the certificate fingerprints whose x509 record was delivered. */
    private readonly seenCerts;
    private readonly appRows;
    private readonly packetRoute;
    private readonly connAddr;
    private readonly deliver;
    private readonly packet;
    /** The batch heap packets are read from, and a DataView over it (one per batch). */
    private heap;
    private heapView;
    private readonly builder;
    private readonly row;
    private readonly route;
    private readonly strings;
    /** Set per packet: whether this delivery reports protocol events, and from which file. */
    private reporting;
    private sourceId;
    private vshard;
    /** `deliver` hands a batch of conn rows to the analyzers of the rows' virtual shards. */
    constructor(runtime: EngineRuntime, deliver: (view: BatchView) => void);
    get active(): boolean;
    /** Connections the trackers ended early because a shard was full. */
    get evictedConnections(): number;
    /** Feeds packet row `i` of a batch to its virtual shard's tracker. */
    observe(view: BatchView, i: number): void;
    /** Delivers the rows produced so far (call after each consumed batch). */
    drain(): void;
    /** End of input: every tracker ends its open connections, in virtual shard order. */
    finish(): void;
    private flowsOf;
    private onEvent;
    private onConn;
    /** Delivers a row in the roles `routeRow` gives this virtual shard. */
    private routed;
    private count;
    /** The app-layer records a packet (or the end of input) made the shard's parsers log. */
    private takeApps;
    private onAppRow;
    /**
     * An x509 record has no addresses: the shard that reports its connection's protocol events
     * (`routePacket`'s primary) delivers it, the first time it sees the certificate.
     */
    private wantsCertificate;
    private append;
    private toRow;
}
