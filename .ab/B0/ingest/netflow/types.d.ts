/**
 * Types of the NetFlow v5 / v9 / IPFIX decoder: the conn-like `FlowRecord`, options records,
 * events with stable codes, limits and statistics. See decode.ts for the field mapping.
 */
/** Stable event codes (documented in decode.ts; never renamed, only added to). */
export declare const NetflowEventCode: {
    /** First 16 bits are not 5, 9 or 10. */
    readonly UnknownVersion: 'netflow_unknown_version';
    /** Header, set or record cut short, or a length field pointing past the datagram end. */
    readonly Truncated: 'netflow_truncated';
    /** A set/FlowSet with length < 4 or a reserved set id (v9 2–255, IPFIX 0, 1, 4–255). */
    readonly BadSet: 'netflow_bad_set';
    /** v5 record count 0 or > 30. */
    readonly BadCount: 'netflow_bad_count';
    /** A template or options template that cannot be used (id < 256, bad field count, zero-length record, …). */
    readonly BadTemplate: 'netflow_bad_template';
    /** A data set whose template is unknown: held (if room) or dropped. */
    readonly TemplateMissing: 'netflow_template_missing';
    /** Held data sets dropped because the pending bounds were reached (oldest first). */
    readonly PendingDropped: 'netflow_pending_dropped';
    /** A template evicted because the per-exporter cap was reached (oldest first). */
    readonly TemplateEvicted: 'netflow_template_evicted';
    /** Sequence numbers show lost export packets / records (`count` = how many). */
    readonly SequenceGap: 'netflow_sequence_gap';
    /** A sequence number behind the expected one: reordering, duplicate or exporter restart. */
    readonly SequenceReset: 'netflow_sequence_reset';
    /** More events in one datagram than `maxEventsPerDatagram`: the rest are only counted. */
    readonly EventsSuppressed: 'netflow_events_suppressed';
    /** A flow record without source or destination IP address (e.g. a layer-2 template): not a conn record. */
    readonly NoAddress: 'netflow_no_address';
};
export type NetflowEventCode = (typeof NetflowEventCode)[keyof typeof NetflowEventCode];
export interface NetflowEvent {
    readonly code: NetflowEventCode;
    /** The exporter the datagram came from (the "file" of other inputs). */
    readonly exporter: string;
    /** Byte offset in the datagram (of the set / record / field concerned). */
    readonly offset: number;
    readonly receivedTs: number;
    /** 5, 9 or 10 when known, else 0. */
    readonly version: number;
    /** v9 source id / IPFIX observation domain / v5 engine (type << 8 | id); 0 when unknown. */
    readonly domain: number;
    /** Template id concerned, 0 when none. */
    readonly templateId: number;
    /** Lost records/packets for `netflow_sequence_gap`, dropped sets for `netflow_pending_dropped`, else 1. */
    readonly count: number;
    readonly message: string;
}
/** A decoded flow in the shape of a conn record (see the mapping table in decode.ts). */
export interface FlowRecord {
    /** 5, 9 or 10 (IPFIX). */
    version: number;
    exporter: string;
    /** v9 source id / IPFIX observation domain id / v5 engine_type << 8 | engine_id. */
    domain: number;
    /** Template (v9 FlowSet id / IPFIX set id) the record was decoded with; 0 for v5. */
    templateId: number;
    /** Ordinal among the records (flows and options) returned by one `decode` call. */
    recordIndex: number;
    /** Flow start, unix seconds (ms precision or better); export time when the flow has no times. */
    ts: number;
    /** Seconds from first to last packet; 0 when unknown. */
    duration: number;
    /** Source / destination address text (dotted quad or RFC 5952 IPv6); '' when absent. */
    srcAddr: string;
    dstAddr: string;
    srcPort: number;
    dstPort: number;
    /** IP protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6, …). */
    proto: number;
    /** Packets / bytes in the flow direction, multiplied by `samplingRate`. */
    packets: number;
    bytes: number;
    /** Reverse direction counters (biflow exporters: ASA, RFC 5103), scaled; 0 when absent. */
    revPackets: number;
    revBytes: number;
    /** OR of TCP flags seen (low 8 bits, or 16 bits when exported so). */
    tcpFlags: number;
    tos: number;
    inputIf: number;
    outputIf: number;
    srcAs: number;
    dstAs: number;
    srcMask: number;
    dstMask: number;
    /** Next hop address text; '' when absent. */
    nextHop: string;
    /** Flow direction at the observation point: 0 ingress, 1 egress, -1 unknown. */
    direction: number;
    /** The 1-in-N rate applied to packets/bytes (1 when unsampled or unknown). */
    samplingRate: number;
    /** Enterprise-specific and unmapped fields, only with `keepUnmapped` (else undefined). */
    extras: NetflowField[] | undefined;
}
/** A raw field: enterprise number (0 for IANA / v9), element id, value bytes (a copy). */
export interface NetflowField {
    readonly enterprise: number;
    readonly id: number;
    readonly value: Uint8Array;
}
/** An options data record (sampling, interface tables, …): every field kept raw. */
export interface OptionsRecord {
    readonly version: number;
    readonly exporter: string;
    readonly domain: number;
    readonly templateId: number;
    readonly recordIndex: number;
    /** Scope fields first, in template order. */
    readonly scopeCount: number;
    readonly fields: NetflowField[];
}
export interface DecodeResult {
    flows: FlowRecord[];
    options: OptionsRecord[];
    events: NetflowEvent[];
}
export interface NetflowLimits {
    /** Exporter states kept (v9 and IPFIX of one address count separately); oldest evicted. */
    readonly maxExporters: number;
    /** Templates kept per exporter state (all domains); oldest evicted with an event. */
    readonly maxTemplatesPerExporter: number;
    /** Fields per template (scope included). */
    readonly maxFieldsPerTemplate: number;
    /** Data sets held while their template is missing; 0 disables holding (Logstash behaviour). */
    readonly maxPendingSets: number;
    /** Bytes of held data sets. */
    readonly maxPendingBytes: number;
    /** Events reported per datagram; further ones are counted only. */
    readonly maxEventsPerDatagram: number;
    /** Copy enterprise-specific / unmapped fields into `FlowRecord.extras` (costs allocations). */
    readonly keepUnmapped: boolean;
}
export declare const DEFAULT_NETFLOW_LIMITS: NetflowLimits;
export interface ExporterStats {
    readonly exporter: string;
    readonly version: number;
    readonly templates: number;
    /** Flows (v5, IPFIX) or export packets (v9) the sequence numbers say were lost. */
    readonly lost: number;
}
export interface NetflowStats {
    readonly exporters: ExporterStats[];
    readonly templates: number;
    readonly pendingSets: number;
    readonly pendingBytes: number;
    readonly pendingDropped: number;
    readonly templatesEvicted: number;
    readonly templatesReplaced: number;
    readonly eventsByCode: Record<string, number>;
}
