import { type AnalyzerFactory } from './analyzer.js';
export interface ScanConfig {
    readonly enableTrw: boolean;
    readonly enableHorizontal: boolean;
    readonly enableVertical: boolean;
    /** Also observe UDP (all three detectors). Off: a UDP "no reply" is not a refusal. */
    readonly includeUdp: boolean;
    /** P(first contact answered | benign source). */
    readonly trwTheta0: number;
    /** P(first contact answered | scanner). */
    readonly trwTheta1: number;
    /** Target false-positive rate. */
    readonly trwAlpha: number;
    /** Target false-negative rate. */
    readonly trwBeta: number;
    readonly horizontalThreshold: number;
    readonly horizontalWindowSeconds: number;
    readonly horizontalMinFailedRatio: number;
    readonly verticalThreshold: number;
    readonly verticalWindowSeconds: number;
    readonly verticalMinFailedRatio: number;
    /** How far ts may step back (Zeek logs a connection when it ends) and still enter a window. */
    readonly latenessSeconds: number;
    /** A source idle this long (event time) forgets its TRW walk and decision. */
    readonly sourceIdleSeconds: number;
    readonly maxSources: number;
    readonly maxHorizontalKeys: number;
    readonly maxVerticalKeys: number;
    /** Distinct targets remembered per window key; must be ≥ both thresholds. */
    readonly maxTargetsPerKey: number;
    /** Targets remembered by all window keys of the shard together: the memory bound. */
    readonly maxTargets: number;
    /** Distinct hosts a walking source remembers for the first-contact rule. */
    readonly maxTrwContactsPerSource: number;
    /** Bound of every sample in a finding (targets, ports, uids). */
    readonly sampleSize: number;
}
export declare const DEFAULT_SCAN_CONFIG: ScanConfig;
/**
 * Fills defaults and checks every key once, at the edge. Throws InvalidOption naming the first
 * bad key (unknown keys included, so a typo is not silently ignored).
 */
export declare function validateScanConfig(partial?: Readonly<Partial<ScanConfig>>): ScanConfig;
/** Hosts a horizontal episode remembers to count each once (`Episode.hosts`). */
export declare const MAX_EPISODE_HOSTS = 16384;
/** Open vertical episodes of a shard with a port set (8 KiB each: 8 MiB); later ones count. */
export declare const MAX_EPISODE_PORT_SETS = 1024;
/** Names under which `ShardOutput.evictions` counts; the caps are named after their option. */
export declare const SCAN_EVICTION_NAMES: readonly ['maxSources', 'maxHorizontalKeys', 'maxVerticalKeys', 'maxTargetsPerKey', 'maxTargets', 'maxTrwContactsPerSource', 'lateRecords'];
export declare const scanAnalyzer: AnalyzerFactory<ScanConfig>;
