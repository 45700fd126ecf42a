/**
 * The engine's configuration as plain data: it crosses into every actor by structured clone,
 * and each side rebuilds its runtime objects (local networks, analyzer list) from it once.
 * Validation happens once, at the edge (coordinator/options.ts); nothing here re-checks.
 */
import type { AnalyzerFactory } from '../detect/analyzer.js';
import { type EnabledDetector } from '../detect/registry.js';
import type { ZeekParseOptions } from '../ingest/zeek/types.js';
import { type HeatmapConfig } from '../report/heatmap/aggregate.js';
import type { ShardingPolicy } from '../shared/sharding.js';
export interface EngineConfig {
    readonly vshards: number;
    readonly v4Prefix: number;
    readonly v6Prefix: number;
    readonly localNetworks: readonly string[];
    readonly heatmap: HeatmapConfig;
    /** The detectors that run, in registry order, with validated options (coordinator/options.ts). */
    readonly detectors: readonly EnabledDetector[];
    readonly parse: ZeekParseOptions;
    /** Records per binary batch. */
    readonly batchRecords: number;
    /** String heap per batch; must exceed parse.maxLineBytes. */
    readonly batchHeapBytes: number;
    /** Uids remembered per virtual shard for duplicate detection (power of two). */
    readonly uidSetCapacity: number;
    /** Integrity events kept per code (all are counted). */
    readonly maxEventsPerCode: number;
    readonly capture: CaptureConfig;
}
/** How captured packets are turned into connections inside the shards. */
export interface CaptureConfig {
    /** Verify TCP/UDP/ICMP checksums as Zeek does; false is Zeek's `-C`. */
    readonly verifyChecksums: boolean;
    /** Open connections per virtual shard before the longest idle one is ended early (counted). */
    readonly maxConnectionsPerShard: number;
    /** Bytes of each direction of a clear-text connection inspected (payload.log; default 4096); 0: off. */
    readonly payloadBytes?: number;
    /** Payload inspection also reports long base64/hex runs (default false). */
    readonly payloadBlobs?: boolean;
}
export interface AnalyzerSpec {
    readonly factory: AnalyzerFactory;
    readonly config: unknown;
}
export interface EngineRuntime {
    readonly config: EngineConfig;
    readonly policy: ShardingPolicy;
    readonly analyzers: readonly AnalyzerSpec[];
}
export declare function buildRuntime(config: EngineConfig): EngineRuntime;
