import { type AnalyzerFactory } from './analyzer.js';
export interface BeaconConfig {
    /** Connections a pair needs in the run before it is scored. */
    readonly minConnections: number;
    /** Overall score at or above which a pair is reported. */
    readonly threshold: number;
    /** Timestamp subscore a reported pair needs as well. */
    readonly minTimestampScore: number;
    /** MAD/median at which the dispersion term of a subscore reaches 0 (linear from 1 at 0). */
    readonly dispersionCutoff: number;
    /** Weights of the four subscores (normalised by their sum). */
    readonly weightTimestamp: number;
    readonly weightDataSize: number;
    readonly weightDuration: number;
    readonly weightHistogram: number;
    /** Bimodal fit: a bin belongs to a mode within max(1, this × the largest bin). */
    readonly histogramModeSensitivity: number;
    /** Bimodal fit: bins forgiven as outliers. */
    readonly histogramOutlierBins: number;
    /** Bimodal fit: bins with connections needed before it is tried. */
    readonly histogramMinBins: number;
    /** Only local originators talking to non-local responders (RITA's internal → external). */
    readonly externalOnly: boolean;
    /** Also observe UDP pairs. */
    readonly includeUdp: boolean;
    /** Connections per pair in the run that make it a strobe (RITA: 86 400). */
    readonly strobeConnections: number;
    readonly enableStrobes: boolean;
    /** A connection this long (seconds) is a long connection; tiers at 1, 4, 8, 12 h. */
    readonly longConnectionSeconds: number;
    readonly enableLongConnections: boolean;
    readonly maxPairs: number;
    readonly maxSamplesPerPair: number;
    /** Bound of the uid samples in a finding. */
    readonly sampleSize: number;
    /** Also score (source, domain) pairs from ssl.log `server_name` and http.log `host`. */
    readonly enableDomains: boolean;
    /** Distinct destination addresses a domain pair needs to be reported (1: every domain pair). */
    readonly minDestinations: number;
    /** Destination addresses kept per domain pair (entities and the distinct count stop there). */
    readonly maxDestinationsPerDomain: number;
    /** (source, domain) pairs per virtual shard. */
    readonly maxDomainPairs: number;
}
export declare const DEFAULT_BEACON_CONFIG: BeaconConfig;
/**
 * Fills defaults and checks every key once, at the edge. Throws InvalidOption naming the first
 * bad key (unknown keys included).
 */
export declare function validateBeaconConfig(partial?: Readonly<Partial<BeaconConfig>>): BeaconConfig;
export declare const HISTOGRAM_BINS = 24;
export interface Dispersion {
    readonly median: number;
    /** Bowley (quartile) skew in [−1, 1]; 0 when Q3 = Q1. */
    readonly skew: number;
    /** Median absolute deviation over the median (0 when the median is 0). */
    readonly madm: number;
    /** Mean of 1 − |skew| and max(0, 1 − madm / cutoff). */
    readonly score: number;
}
/**
 * RITA's regularity measure of a set of values (intervals or sizes), any order: the mean of a
 * skew term and a dispersion term that falls linearly to 0 at MAD/median = `cutoff`.
 */
export declare function dispersion(values: readonly number[], cutoff?: number): Dispersion;
/** Counts of sorted `ts` (each weighing `weight`) in 24 equal bins of [start, end]. */
export declare function histogram(ts: ArrayLike<number>, start: number, end: number, weight?: number): number[];
export interface HistogramScore {
    /** Coefficient of variation of the bins. */
    readonly cv: number;
    /** Share of bins (after the forgiven outliers) that sit at one of the two best modes. */
    readonly bimodalFit: number;
    readonly score: number;
}
/** The histogram subscore: max(1 − CV, bimodal fit). */
export declare function histogramScore(bins: readonly number[], sensitivity: number, outlierBins: number, minBins: number): HistogramScore;
export interface PairScores {
    readonly timestamp: Dispersion;
    /** Over the finite sizes; undefined when none is (TLS domain pairs): then it does not count. */
    readonly dataSize: Dispersion | undefined;
    readonly coverage: number;
    readonly consistency: number;
    readonly duration: number;
    readonly bins: readonly number[];
    readonly histogram: HistogramScore;
    readonly score: number;
}
/**
 * Scores one pair. `ts` are the kept start times (any order), `bytes` the originator bytes of
 * the same connections (NaN where unknown: those are left out of the data-size subscore, and
 * when all are, the subscore and its weight are), each kept sample standing for `stride`
 * connections; [runStart, runEnd] is the span of the shard's records.
 */
export declare function scorePair(ts: readonly number[], bytes: readonly number[], stride: number, runStart: number, runEnd: number, c: BeaconConfig): PairScores;
export declare const BEACON_EVICTION_NAMES: readonly ['maxPairs', 'maxSamplesPerPair', 'maxDomainPairs'];
/**
 * Samples a slot keeps in the compact table before it gets sample arrays. Below 8 (the least
 * `maxSamplesPerPair`), so inline samples are never decimated.
 */
export declare const INLINE_SAMPLES = 4;
/** What a slot grows once it outgrows the compact table (or must keep a uid). */
interface Samples {
    /** Every stride-th arrival is kept. */
    stride: number;
    ts: number[];
    bytes: number[];
    uids: string[];
    /** Uid of the longest connection when it is a long connection, else ''. */
    longestUid: string;
    /** Domain pairs: distinct destinations, bounded (IPv4 as its last word, IPv6 as text of words). */
    dsts: (number | string)[];
}
/**
 * The pairs of a shard in typed arrays, in least-recently-touched order: a key of eight address
 * words and one number (port and proto, or a domain id), the counters every pair needs, and the
 * first `INLINE_SAMPLES` samples inline. Only a slot that outgrows them (or must keep a uid) gets
 * a `Samples` object with JS arrays — most pairs see a handful of connections and cost ≈ 150
 * bytes here instead of ≈ 1 KB of objects and arrays. Lookup is an open-addressing index
 * (linear probing, backward-shift deletion); the order is an intrusive list of slot numbers.
 * Capacity doubles as needed up to the cap.
 */
export declare class SlotTable {
    readonly maxSlots: number;
    private readonly maxDsts;
    private cap;
    size: number;
    words: Uint32Array<ArrayBuffer>;
    extra: Uint32Array<ArrayBuffer>;
    count: Uint32Array<ArrayBuffer>;
    tag: Uint8Array<ArrayBuffer>;
    firstTs: Float64Array<ArrayBuffer>;
    lastTs: Float64Array<ArrayBuffer>;
    longest: Float64Array<ArrayBuffer>;
    longestTs: Float64Array<ArrayBuffer>;
    its: Float64Array<ArrayBuffer>;
    ibytes: Float64Array<ArrayBuffer>;
    /** Destination words of the inline samples (domain tables only). */
    idst: Uint32Array<ArrayBuffer>;
    ext: (Samples | undefined)[];
    private prev;
    private next;
    private index;
    private mask;
    private head;
    private tail;
    private free;
    /**
     * @param maxSlots the cap (the caller evicts before inserting beyond it)
     * @param maxDsts destinations kept per slot; 0 for a table without destinations
     */
    constructor(maxSlots: number, maxDsts: number);
    private hash;
    private hashOf;
    /** The slot of a key, or −1. */
    find(w0: number, w1: number, w2: number, w3: number, w4: number, w5: number, w6: number, w7: number, x: number): number;
    /** Adds a key (not present; size below the cap) as the most recently touched; returns its slot. */
    insert(w0: number, w1: number, w2: number, w3: number, w4: number, w5: number, w6: number, w7: number, x: number, ts: number): number;
    /** Makes the slot the most recently touched. */
    touch(slot: number): void;
    /** The least recently touched slot, or −1. */
    oldest(): number;
    /** Frees a slot (its fields stay readable until the next insert). */
    remove(slot: number): void;
    /** Drops every slot and the storage. */
    clear(): void;
    /** The slots, least recently touched first. */
    slots(): number[];
    /** The slot's samples as arrays: its `Samples`, or one built from the inline samples. */
    samples(slot: number): Samples;
    /** Gives the slot its `Samples` (the inline samples moved into it). */
    promote(slot: number): Samples;
    snapshot(): TableSnapshot;
    /** Fills an empty table from a snapshot, in its order. */
    restore(snap: TableSnapshot): void;
    private place;
    private grow;
    private append;
    private unlink;
}
/**
 * A table as it is snapshotted: its live slots in LRU order (least recently touched first), as
 * columns — typed arrays msgpackr packs as bytes, not one object per pair (a checkpoint of
 * objects doubled the detector's peak memory) — and the `Samples` of the promoted ones.
 */
export interface TableSnapshot {
    readonly size: number;
    readonly words: Uint32Array;
    readonly extra: Uint32Array;
    readonly count: Uint32Array;
    readonly tag: Uint8Array;
    /** firstTs, lastTs, longest, longestTs per slot. */
    readonly times: Float64Array;
    readonly its: Float64Array;
    readonly ibytes: Float64Array;
    readonly idst: Uint32Array;
    /** Position in the order of each promoted slot, and its samples (arrays concatenated). */
    readonly promoted: Uint32Array;
    readonly stride: Uint32Array;
    readonly lengths: Uint32Array;
    readonly ts: Float64Array;
    readonly bytes: Float64Array;
    readonly uids: readonly (readonly string[])[];
    readonly longestUid: readonly string[];
    readonly dsts: readonly (readonly (number | string)[])[];
}
/**
 * The domain of an ssl `server_name` or http `host`, lower case, without a port or a final dot;
 * '' when there is none or it is an address literal (the address pairs cover those).
 */
export declare function domainOf(raw: string | undefined, isHost: boolean): string;
export declare const beaconAnalyzer: AnalyzerFactory<BeaconConfig>;
export {};
