/**
 * Types of the NetFlow v5 / v9 / IPFIX decoder: the conn-like `FlowRecord`, options records,
 * events with stable codes, limits and statistics. See decode.ts for the field mapping.
 */
/** Stable event codes (documented in decode.ts; never renamed, only added to). */
export const NetflowEventCode = {
    /** First 16 bits are not 5, 9 or 10. */
    UnknownVersion: 'netflow_unknown_version',
    /** Header, set or record cut short, or a length field pointing past the datagram end. */
    Truncated: 'netflow_truncated',
    /** A set/FlowSet with length < 4 or a reserved set id (v9 2–255, IPFIX 0, 1, 4–255). */
    BadSet: 'netflow_bad_set',
    /** v5 record count 0 or > 30. */
    BadCount: 'netflow_bad_count',
    /** A template or options template that cannot be used (id < 256, bad field count, zero-length record, …). */
    BadTemplate: 'netflow_bad_template',
    /** A data set whose template is unknown: held (if room) or dropped. */
    TemplateMissing: 'netflow_template_missing',
    /** Held data sets dropped because the pending bounds were reached (oldest first). */
    PendingDropped: 'netflow_pending_dropped',
    /** A template evicted because the per-exporter cap was reached (oldest first). */
    TemplateEvicted: 'netflow_template_evicted',
    /** Sequence numbers show lost export packets / records (`count` = how many). */
    SequenceGap: 'netflow_sequence_gap',
    /** A sequence number behind the expected one: reordering, duplicate or exporter restart. */
    SequenceReset: 'netflow_sequence_reset',
    /** More events in one datagram than `maxEventsPerDatagram`: the rest are only counted. */
    EventsSuppressed: 'netflow_events_suppressed',
    /** A flow record without source or destination IP address (e.g. a layer-2 template): not a conn record. */
    NoAddress: 'netflow_no_address',
};
export const DEFAULT_NETFLOW_LIMITS = {
    maxExporters: 1024,
    maxTemplatesPerExporter: 512,
    maxFieldsPerTemplate: 256,
    maxPendingSets: 256,
    maxPendingBytes: 4 * 1024 * 1024,
    maxEventsPerDatagram: 32,
    keepUnmapped: false,
};
//# sourceMappingURL=types.js.map