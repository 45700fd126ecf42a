/**
 * summary.json: what was read, what it held, what was wrong with it, and how the run went.
 * Everything except `run` (timing, per-actor work split, restarts) is deterministic.
 */
import { round } from '../detect/finding.js';
import { mergeProtocolEvents } from '../engine/shard-flows.js';
import { IntegrityCode } from '../ingest/events.js';
import { inputBytes } from './inputs.js';
const iso = (ts) => new Date(ts * 1000).toISOString();
export function buildSummary(s) {
    const totals = withCaptureRecords(s.ledger.totals(), s.output.captureRecordsByPath);
    const { events, counts } = s.ledger.resolveEvents(s.output.events, s.output.eventCounts);
    const byDetector = {};
    for (const f of s.output.findings)
        byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
    const seconds = s.wallMs / 1000;
    const finite = Number.isFinite(totals.minTs) && Number.isFinite(totals.maxTs);
    return {
        version: 1,
        inputs: s.inputs.map((f) => ({ file: f.path, format: f.format, gzip: f.gzip, sizeBytes: inputBytes(f) })),
        records: { total: totals.records, byType: totals.recordsByPath },
        bytes: totals.bytes,
        timeRange: finite
            ? { first: iso(totals.minTs), last: iso(totals.maxTs), firstTs: totals.minTs, lastTs: totals.maxTs }
            : null,
        integrity: {
            total: Object.values(counts).reduce((a, b) => a + b, 0),
            byCode: counts,
            events,
            ...(s.mode === 'direct' ? { notChecked: [IntegrityCode.DuplicateUid] } : {}),
        },
        checksums: s.checksums,
        ...(s.inputs.some((f) => f.format !== 'tsv' && f.format !== 'json')
            ? { protocol: protocolSection(s, totals.recordsByPath.packet ?? 0) }
            : {}),
        ...(s.netflow !== undefined && s.netflow.flows + s.netflow.decoder.stats().exporters.length > 0
            ? { netflow: netflowSection(s.netflow) }
            : {}),
        findings: {
            total: s.output.findings.length,
            byDetector: Object.fromEntries(Object.entries(byDetector).sort(([a], [b]) => (a < b ? -1 : 1))),
        },
        ...(s.suppressed === undefined ? {} : { suppressed: s.suppressed }),
        evictions: Object.fromEntries(Object.entries(s.output.evictions).sort(([a], [b]) => (a < b ? -1 : 1))),
        ...(s.baseline === undefined ? {} : { baseline: s.baseline }),
        config: {
            actors: s.plan.actors,
            localNetworks: s.plan.engine.localNetworks,
            shardPrefix: { ipv4: s.plan.engine.v4Prefix, ipv6: s.plan.engine.v6Prefix },
            vshards: s.plan.engine.vshards,
        },
        run: {
            mode: s.mode,
            ...(s.notDirect === undefined ? {} : { notDirect: s.notDirect }),
            ...(s.reframed === undefined ? {} : { reframed: s.reframed }),
            wallSeconds: round(seconds, 3),
            megabytesPerSecond: seconds > 0 ? round(totals.bytes / 1e6 / seconds, 1) : 0,
            recordsPerSecond: seconds > 0 ? Math.round(totals.records / seconds) : 0,
            restarts: s.recoveries.length,
            recoveries: s.recoveries,
            peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
            actors: s.actorStats,
        },
    };
}
/**
 * Adds the records the shards' flow trackers made from captures (conn, dns, http, …) to the
 * records read, so `byType` counts them by log path as it counts the lines of logs.
 */
function withCaptureRecords(totals, captured) {
    if (captured === undefined || Object.keys(captured).length === 0)
        return totals;
    const byPath = { ...totals.recordsByPath };
    let records = totals.records;
    for (const [path, n] of Object.entries(captured)) {
        byPath[path] = (byPath[path] ?? 0) + n;
        records += n;
    }
    const recordsByPath = Object.fromEntries(Object.entries(byPath).sort(([a], [b]) => (a < b ? -1 : 1)));
    return { ...totals, records, recordsByPath };
}
function protocolSection(s, packets) {
    const merged = mergeProtocolEvents([s.ledger.captureEvents, s.output.protocolEvents], s.plan.engine.maxEventsPerCode);
    const byName = merged.counts;
    const events = merged.kept.map((e) => ({
        file: s.inputs[e.sourceId]?.path ?? '',
        offset: e.fileOffset,
        ts: e.ts,
        name: e.name,
        detail: e.detail,
        ...(e.conn === undefined ? {} : { uid: e.conn.uid }),
    }));
    const hint = s.plan.engine.capture.verifyChecksums ? checksumHint(byName, packets) : undefined;
    return {
        packets,
        tracked: s.output.packetsObserved,
        total: Object.values(byName).reduce((a, b) => a + b, 0),
        byName: Object.fromEntries(Object.entries(byName).sort(([a], [b]) => (a < b ? -1 : 1))),
        events,
        ...(hint === undefined ? {} : { checksumHint: hint }),
    };
}
/** Share of packets with a bad checksum above which the summary says why (Zeek warns at 5 %). */
export const CHECKSUM_HINT_SHARE = 0.05;
const CHECKSUM_EVENTS = ['bad_IP_checksum', 'bad_TCP_checksum', 'bad_UDP_checksum', 'bad_ICMP_checksum'];
/**
 * A capture taken on the sending host (NIC checksum offload, loopback) carries unfinished
 * checksums on every packet it sent: verified, those packets are dropped and the connections
 * come out as fragments of history `C` — the analyst must hear why, as Zeek tells them.
 */
export function checksumHint(byName, packets) {
    const bad = CHECKSUM_EVENTS.reduce((n, name) => n + (byName[name] ?? 0), 0);
    if (packets === 0 || bad / packets < CHECKSUM_HINT_SHARE)
        return undefined;
    const share = Math.min(100, Math.round((100 * bad) / packets));
    return `${bad} of ${packets} packets (${share} %) failed their checksum and were discarded, as with NIC checksum offloading or a capture on the sending host (loopback): rerun with --no-checksums (Zeek's -C) if the capture is not corrupt`;
}
function netflowSection(c) {
    const stats = c.decoder.stats();
    return {
        flows: c.flows,
        records: c.records,
        exporters: [...stats.exporters].sort((a, b) => a.exporter < b.exporter ? -1 : a.exporter > b.exporter ? 1 : a.version - b.version),
        pendingDropped: stats.pendingDropped,
    };
}
//# sourceMappingURL=summary.js.map