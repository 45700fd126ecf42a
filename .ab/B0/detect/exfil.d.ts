import { type AnalyzerFactory } from './analyzer.js';
import { type Finding } from './finding.js';
export interface ExfilConfig {
    readonly enableRareDestination: boolean;
    /** Outbound bytes from one source to one destination over the input. */
    readonly rareMinBytes: number;
    /** A destination is rare when at most this many internal hosts talk to it… */
    readonly rareMaxHosts: number;
    /** …or at most this share of the internal hosts seen (the larger of the two; 0: off). */
    readonly rareMaxHostsFraction: number;
    /** Also require the destination's /24 (IPv6 /64) to be rare. */
    readonly rareRequireRareSubnet: boolean;
    readonly enableUpload: boolean;
    /** Bytes sent to a first-seen destination within the burst. */
    readonly uploadMinBytes: number;
    /** Sent ≥ ratio × received. */
    readonly uploadMinRatio: number;
    /** Length of the burst that follows a first contact. */
    readonly uploadBurstSeconds: number;
    /** First contacts in a host's first seconds only fill its set. */
    readonly uploadWarmupSeconds: number;
    readonly enablePcrShift: boolean;
    readonly pcrBucketSeconds: number;
    /** Outbound bytes a bucket needs before it is judged. */
    readonly pcrMinBytes: number;
    /** Robust z at or above which a bucket shifts. */
    readonly pcrZ: number;
    /** PCR − baseline median a flagged bucket needs as well. */
    readonly pcrMinShift: number;
    /** Floor of the robust scale (1.4826·MAD). */
    readonly pcrMinScale: number;
    /** Earlier buckets a host needs before any is judged. */
    readonly pcrMinHistory: number;
    /** Bytes (out + in) a bucket needs to enter the history. */
    readonly pcrMinHistoryBytes: number;
    readonly enableHttpPost: boolean;
    /** POST/PUT body bytes per (source, HTTP host) in one window. */
    readonly httpPostMinBytes: number;
    readonly httpPostWindowSeconds: number;
    /** Only requests from local hosts to non-local servers. */
    readonly httpExternalOnly: boolean;
    /** Connections this large (orig bytes) are sampled as uids. */
    readonly sampleMinBytes: number;
    readonly sampleSize: number;
    readonly maxTrackedHosts: number;
    readonly maxSeenPerHost: number;
    readonly maxPairs: number;
    readonly maxDestinations: number;
    readonly maxSourcesPerDestination: number;
    readonly maxCandidates: number;
    readonly maxHttpPairs: number;
    readonly maxHistoryHours: number;
}
export declare const DEFAULT_EXFIL_CONFIG: ExfilConfig;
/** Fills defaults and checks every key once, at the edge; throws InvalidOption naming the key. */
export declare function validateExfilConfig(partial?: Readonly<Partial<ExfilConfig>>): ExfilConfig;
/** Median of values (any order); 0 when empty. */
export declare function median(values: readonly number[]): number;
export interface RobustZ {
    readonly median: number;
    readonly mad: number;
    readonly scale: number;
    readonly z: number;
}
/** (value − median) / max(1.4826·MAD, minScale) of `history`. */
export declare function robustZ(value: number, history: readonly number[], minScale: number): RobustZ;
/** (out − in) / (out + in); 0 without traffic. */
export declare function pcr(out: number, inb: number): number;
export declare const EXFIL_EVICTION_NAMES: readonly ['maxTrackedHosts', 'maxSeenPerHost', 'maxPairs', 'maxDestinations', 'maxSourcesPerDestination', 'maxCandidates', 'maxHttpPairs', 'maxHistoryHours', 'openBursts', 'pcrLateRecords'];
/** A (source, destination) pair that may be a rare-destination finding, as it crosses shards. */
export interface ExfilCandidate {
    readonly src: string;
    readonly dst: string;
    readonly name: string;
    readonly out: number;
    readonly in: number;
    readonly conns: number;
    readonly firstTs: number;
    readonly lastTs: number;
    readonly uids: readonly string[];
}
/** [destination or subnet text, sorted internal sources, saturated]. */
export type PrevalenceEntry = readonly [string, readonly string[], boolean];
/** The cross-shard aggregate: prevalence and candidates. */
export interface ExfilPartial {
    readonly version: number;
    /** Internal hosts with outbound traffic (sum over shards). */
    readonly hosts: number;
    readonly destinations: readonly PrevalenceEntry[];
    readonly subnets: readonly PrevalenceEntry[];
    readonly candidates: readonly ExfilCandidate[];
    /** Cap of the source sets. */
    readonly cap: number;
    /** Cap of a candidate's uid sample. */
    readonly samples: number;
}
/**
 * N-ary merge of partials: order-independent and associative (unions of sorted, cut sets; sums),
 * so it accepts its own output again.
 */
export declare function mergeExfilPartials(parts: readonly unknown[]): ExfilPartial | undefined;
/** Rare-destination findings from the merge of every shard's partial (pure). */
export declare function concludeExfil(merged: unknown, c: ExfilConfig): Finding[];
export declare const exfilAnalyzer: AnalyzerFactory<ExfilConfig>;
