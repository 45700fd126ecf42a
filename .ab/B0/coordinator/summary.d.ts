/**
 * summary.json: what was read, what it held, what was wrong with it, and how the run went.
 * Everything except `run` (timing, per-actor work split, restarts) is deterministic.
 */
import type { BaselineStatus } from '../detect/baseline-file.js';
import type { HostOutput } from '../engine/shard-host.js';
import { type IntegrityEvent } from '../ingest/events.js';
import type { NetflowConnConverter } from '../ingest/netflow/index.js';
import type { ActorStats } from '../shared/messages.js';
import type { SuppressionReport } from '../triage/suppress.js';
import { type ChecksumResult, type InputFile } from './inputs.js';
import type { ChunkLedger } from './ledger.js';
import type { RunPlan } from './options.js';
export interface Summary {
    readonly version: 1;
    readonly inputs: ReadonlyArray<{
        file: string;
        format: string;
        gzip: boolean;
        sizeBytes: number;
    }>;
    readonly records: {
        readonly total: number;
        readonly byType: Readonly<Record<string, number>>;
    };
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
    readonly findings: {
        readonly total: number;
        readonly byDetector: Readonly<Record<string, number>>;
    };
    /** With suppress rules: the findings they dropped (not in `findings`), per rule. */
    readonly suppressed?: SuppressionReport;
    /** State dropped because a cap was reached, by cap. */
    readonly evictions: Readonly<Record<string, number>>;
    /** `analyze --baseline FILE`: whether the file was used (or why not) and written back. */
    readonly baseline?: BaselineStatus;
    readonly config: {
        readonly actors: number;
        readonly localNetworks: readonly string[];
        readonly shardPrefix: {
            readonly ipv4: number;
            readonly ipv6: number;
        };
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
        readonly recoveries: ReadonlyArray<{
            readonly error: string;
            readonly resumedAtChunk: number;
        }>;
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
    readonly recoveries: ReadonlyArray<{
        readonly error: string;
        readonly resumedAtChunk: number;
    }>;
    readonly mode: 'direct' | 'sharded';
    readonly notDirect?: string;
    readonly reframed?: string;
    readonly wallMs: number;
    readonly netflow?: NetflowConnConverter | undefined;
    readonly baseline?: BaselineStatus | undefined;
    readonly suppressed?: SuppressionReport | undefined;
}
export declare function buildSummary(s: SummaryInput): Summary;
/** Share of packets with a bad checksum above which the summary says why (Zeek warns at 5 %). */
export declare const CHECKSUM_HINT_SHARE = 0.05;
/**
 * A capture taken on the sending host (NIC checksum offload, loopback) carries unfinished
 * checksums on every packet it sent: verified, those packets are dropped and the connections
 * come out as fragments of history `C` — the analyst must hear why, as Zeek tells them.
 */
export declare function checksumHint(byName: Readonly<Record<string, number>>, packets: number): string | undefined;
