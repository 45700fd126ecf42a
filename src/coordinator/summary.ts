/**
 * summary.json: what was read, what it held, what was wrong with it, and how the run went.
 * Everything except `run` (timing, per-actor work split, restarts) is deterministic.
 */

import type { BaselineStatus } from '../detect/baseline-file.js';
import { round } from '../detect/finding.js';
import { mergeProtocolEvents } from '../engine/shard-flows.js';
import type { HostOutput } from '../engine/shard-host.js';
import { IntegrityCode, type IntegrityEvent } from '../ingest/events.js';
import type { NetflowConnConverter } from '../ingest/netflow/index.js';
import type { ActorStats } from '../shared/messages.js';
import type { SuppressionReport } from '../triage/suppress.js';
import { type ChecksumResult, type InputFile, inputBytes } from './inputs.js';
import type { ChunkLedger } from './ledger.js';
import type { RunPlan } from './options.js';

export interface Summary {
  readonly version: 1;
  readonly inputs: ReadonlyArray<{ file: string; format: string; gzip: boolean; sizeBytes: number }>;
  readonly records: { readonly total: number; readonly byType: Readonly<Record<string, number>> };
  /** Decompressed bytes read. */
  readonly bytes: number;
  readonly timeRange: {
    readonly first: string;
    readonly last: string;
    readonly firstTs: number;
    readonly lastTs: number;
  } | null;
  readonly integrity: {
    readonly total: number;
    readonly byCode: Readonly<Record<string, number>>;
    /** The first events of each code, with file and line. */
    readonly events: readonly IntegrityEvent[];
    /**
     * Checks this run did not make: a direct run (`run.mode`) does not look for duplicated uids
     * — they do not change the heatmap; `analyze` with its detectors reports them.
     */
    readonly notChecked?: readonly string[];
  };
  readonly checksums: readonly ChecksumResult[];
  /**
   * Captures only: packets tracked, and the protocol events (Zeek's `weird` names) the capture
   * reader, decoders and flow trackers reported — counted by name, the first of each listed
   * with file and byte offset.
   */
  readonly protocol?: {
    /** Packets read from the captures. */
    readonly packets: number;
    /** Packet deliveries to flow trackers (packets between two subnets go to both shards). */
    readonly tracked: number;
    readonly total: number;
    readonly byName: Readonly<Record<string, number>>;
    readonly events: ReadonlyArray<{
      readonly file: string;
      readonly offset: number;
      readonly ts: number;
      readonly name: string;
      readonly detail: string;
      /** The connection an app-layer parser found it on (offset -1 then). */
      readonly uid?: string;
    }>;
    /**
     * Present when checksums were verified and at least `CHECKSUM_HINT_SHARE` of the packets
     * failed one (Zeek's find-checksum-offloading threshold): what happened and what to do.
     */
    readonly checksumHint?: string;
  };
  /**
   * NetFlow/IPFIX inputs only: flows decoded, conn records made (fewer when stitched), and per
   * exporter the templates held and the export loss the sequence numbers show.
   */
  readonly netflow?: {
    readonly flows: number;
    readonly records: number;
    readonly exporters: ReadonlyArray<{
      readonly exporter: string;
      readonly version: number;
      readonly templates: number;
      readonly lost: number;
    }>;
    readonly pendingDropped: number;
  };
  readonly findings: { readonly total: number; readonly byDetector: Readonly<Record<string, number>> };
  /** With suppress rules: the findings they dropped (not in `findings`), per rule. */
  readonly suppressed?: SuppressionReport;
  /** State dropped because a cap was reached, by cap. */
  readonly evictions: Readonly<Record<string, number>>;
  /** `analyze --baseline FILE`: whether the file was used (or why not) and written back. */
  readonly baseline?: BaselineStatus;
  readonly config: {
    readonly actors: number;
    readonly localNetworks: readonly string[];
    readonly shardPrefix: { readonly ipv4: number; readonly ipv6: number };
    readonly vshards: number;
  };
  /** Timing and work split: varies between runs and actor counts. */
  readonly run: {
    /**
     * `sharded`: records shuffled to their shard owners; `direct`: a heatmap-only run whose
     * actors aggregated what they parsed (coordinator/direct.ts).
     */
    readonly mode: 'direct' | 'sharded';
    /** Why a run that could have been direct was sharded (too many cells, an actor failed). */
    readonly notDirect?: string;
    /**
     * Why a sharded run framed its plain logs on the coordinator after all, having started
     * to read them in ranges (a directive or over-long line in the data, a file that changed).
     */
    readonly reframed?: string;
    readonly wallSeconds: number;
    readonly megabytesPerSecond: number;
    readonly recordsPerSecond: number;
    readonly restarts: number;
    /** Each actor failure and the chunk its replacement generation resumed at. */
    readonly recoveries: ReadonlyArray<{ readonly error: string; readonly resumedAtChunk: number }>;
    /** Peak resident memory of the whole process (all threads), MB. */
    readonly peakRssMB: number;
    readonly actors: readonly ActorStats[];
  };
}

export interface SummaryInput {
  readonly plan: RunPlan;
  readonly inputs: readonly InputFile[];
  readonly ledger: ChunkLedger;
  readonly output: HostOutput;
  readonly checksums: readonly ChecksumResult[];
  readonly actorStats: readonly ActorStats[];
  readonly recoveries: ReadonlyArray<{ readonly error: string; readonly resumedAtChunk: number }>;
  readonly mode: 'direct' | 'sharded';
  readonly notDirect?: string;
  readonly reframed?: string;
  readonly wallMs: number;
  readonly netflow?: NetflowConnConverter | undefined;
  readonly baseline?: BaselineStatus | undefined;
  readonly suppressed?: SuppressionReport | undefined;
}

const iso = (ts: number): string => new Date(ts * 1000).toISOString();

export function buildSummary(s: SummaryInput): Summary {
  const totals = withCaptureRecords(s.ledger.totals(), s.output.captureRecordsByPath);
  const { events, counts } = s.ledger.resolveEvents(s.output.events, s.output.eventCounts);
  const byDetector: Record<string, number> = {};
  for (const f of s.output.findings) byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
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
function withCaptureRecords<T extends { records: number; recordsByPath: Record<string, number> }>(
  totals: T,
  captured: Readonly<Record<string, number>> | undefined,
): T {
  if (captured === undefined || Object.keys(captured).length === 0) return totals;
  const byPath = { ...totals.recordsByPath };
  let records = totals.records;
  for (const [path, n] of Object.entries(captured)) {
    byPath[path] = (byPath[path] ?? 0) + n;
    records += n;
  }
  const recordsByPath = Object.fromEntries(Object.entries(byPath).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...totals, records, recordsByPath };
}

function protocolSection(s: SummaryInput, packets: number): NonNullable<Summary['protocol']> {
  const merged = mergeProtocolEvents(
    [s.ledger.captureEvents, s.output.protocolEvents],
    s.plan.engine.maxEventsPerCode,
  );
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
export function checksumHint(byName: Readonly<Record<string, number>>, packets: number): string | undefined {
  const bad = CHECKSUM_EVENTS.reduce((n, name) => n + (byName[name] ?? 0), 0);
  if (packets === 0 || bad / packets < CHECKSUM_HINT_SHARE) return undefined;
  const share = Math.min(100, Math.round((100 * bad) / packets));
  return `${bad} of ${packets} packets (${share} %) failed their checksum and were discarded, as with NIC checksum offloading or a capture on the sending host (loopback): rerun with --no-checksums (Zeek's -C) if the capture is not corrupt`;
}

function netflowSection(c: NetflowConnConverter): NonNullable<Summary['netflow']> {
  const stats = c.decoder.stats();
  return {
    flows: c.flows,
    records: c.records,
    exporters: [...stats.exporters].sort((a, b) =>
      a.exporter < b.exporter ? -1 : a.exporter > b.exporter ? 1 : a.version - b.version,
    ),
    pendingDropped: stats.pendingDropped,
  };
}
