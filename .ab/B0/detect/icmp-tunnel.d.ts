import { type AnalyzerFactory } from './analyzer.js';
export interface IcmpTunnelConfig {
    /** Aggregation window (seconds, aligned on the epoch). */
    readonly windowSeconds: number;
    /** Packets (both directions) a pair needs in a window. */
    readonly minPackets: number;
    /** Payload bytes (both directions) a pair needs in a window, with capture statistics. */
    readonly minPayloadBytes: number;
    /** Payload bytes in a window that count as bulk (the `bulk` signal). */
    readonly bulkPayloadBytes: number;
    /** Mean payload bytes per packet that count as large. */
    readonly largePayloadBytes: number;
    /** Ratio of the two directions' mean payload per packet that counts as asymmetric. */
    readonly asymmetryRatio: number;
    /** Standard deviation of a direction's IP lengths (bytes) that counts as varying. */
    readonly minSizeSd: number;
    /** Sampled payload bytes a direction needs to be judged random (at most 256). */
    readonly minSampleBytes: number;
    /** Bits below the entropy of random data over the same sample size that still look random. */
    readonly randomEntropyMargin: number;
    /** Distinct echo-data contents of a direction that count as changing (at most 8 are counted). */
    readonly minPayloadVariants: number;
    readonly maxPairs: number;
    readonly sampleSize: number;
}
export declare const DEFAULT_ICMP_TUNNEL_CONFIG: IcmpTunnelConfig;
/** Fills defaults and checks every key once, at the edge; throws InvalidOption naming the key. */
export declare function validateIcmpTunnelConfig(partial?: unknown): IcmpTunnelConfig;
/**
 * Whether an ICMP message type (Zeek's orig_p of an ICMP conn) can carry tunnel data: echo and
 * other informational messages; not errors, router or neighbour discovery, MLD.
 */
export declare function tunnelCapableType(type: number, v6: boolean): boolean;
/** One (originator, responder, window). */
interface PairAgg {
    readonly key: string;
    readonly src: string;
    readonly dst: string;
    readonly bucket: number;
    records: number;
    firstTs: number;
    lastTs: number;
    origPkts: number;
    respPkts: number;
    origBytes: number;
    respBytes: number;
    /** Records that carried capture statistics. */
    withStats: number;
    /** Largest IP-length standard deviation of a direction with ≥ 2 packets. */
    maxSd: number;
    /** Most payload variants of a direction (captures of echo; 0 without). */
    maxVariants: number;
    /** Directions judged for randomness, and those that looked random. */
    judged: number;
    random: number;
    /** Entropy range of the judged directions, and the largest sample among them. */
    entropyMin: number;
    entropyMax: number;
    sampleBytes: number;
    /** Distinct `type/code` (orig_p/resp_p) values, bounded. */
    types: string[];
    uids: string[];
}
export declare const ICMP_EVICTION_NAMES: readonly ['maxPairs'];
/** The signals of a pair (names in a fixed order) and whether it is reported. */
export declare function judgePair(p: Pick<PairAgg, 'origPkts' | 'respPkts' | 'origBytes' | 'respBytes' | 'withStats' | 'maxSd' | 'random' | 'maxVariants'>, c: IcmpTunnelConfig): {
    signals: string[];
    fire: boolean;
    stats: boolean;
};
export declare const icmpTunnelAnalyzer: AnalyzerFactory<IcmpTunnelConfig>;
export {};
