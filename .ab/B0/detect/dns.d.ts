import { type AnalyzerFactory } from './analyzer.js';
export interface DnsConfig {
    /** Event-time window per entry (seconds). */
    readonly windowSeconds: number;
    readonly enableTunnel: boolean;
    /** Distinct subdomains per (source, domain, window) to report a tunnel (RITA tier 1). */
    readonly minUniqueSubdomains: number;
    /** RITA's further tiers: medium, high, critical severity. */
    readonly mediumUniqueSubdomains: number;
    readonly highUniqueSubdomains: number;
    readonly criticalUniqueSubdomains: number;
    /** Mean length (characters) of the distinct subdomains. */
    readonly minMeanSubdomainLength: number;
    /** Shannon entropy (bits per character) of the subdomains' characters. */
    readonly minEntropy: number;
    /** Share of TXT/NULL/CNAME/MX queries that stands in for the length condition. */
    readonly minTunnelTypeShare: number;
    readonly enableLongName: boolean;
    readonly maxNameLength: number;
    readonly maxLabelLength: number;
    readonly minLongNames: number;
    readonly enableRareQtype: boolean;
    /** Query types (names, upper case) that are never rare. */
    readonly commonQtypes: readonly string[];
    readonly minRareQtypeQueries: number;
    readonly enableNxdomain: boolean;
    readonly minNxdomain: number;
    readonly minNxdomainRate: number;
    readonly minNxdomainNames: number;
    readonly enableDga: boolean;
    readonly minDgaDomains: number;
    readonly minDgaNxShare: number;
    /** Shortest registered-domain label judged by `looksAlgorithmic`. */
    readonly minDgaLabelLength: number;
    /** Registered domains (and everything under them) the domain findings ignore. */
    readonly allowDomains: readonly string[];
    readonly maxDomainEntries: number;
    readonly maxSourceEntries: number;
    /** Distinct names counted exactly per entry; beyond it, a bottom-k estimate with this k. */
    readonly maxExactNames: number;
    /** Bound of the name and uid samples in a finding. */
    readonly sampleSize: number;
}
export declare const DEFAULT_COMMON_QTYPES: readonly string[];
export declare const DEFAULT_DNS_CONFIG: DnsConfig;
/**
 * Fills defaults and checks every key once, at the edge. Throws InvalidOption naming the first
 * bad key (unknown keys included).
 */
export declare function validateDnsConfig(partial?: unknown): DnsConfig;
/** Bucket of a character for the entropy histogram (case folded: DNS is case-insensitive). */
export declare const HIST_BUCKETS = 64;
/** Shannon entropy (bits) of a histogram of counts. */
export declare function entropyOf(hist: ArrayLike<number>): number;
export interface LabelTraits {
    readonly length: number;
    readonly entropy: number;
    readonly longestConsonantRun: number;
    /** Vowels (a e i o u y) over letters. */
    readonly vowelShare: number;
    readonly digitShare: number;
    /** How many of the four signs of an algorithm hold. */
    readonly points: number;
    readonly algorithmic: boolean;
}
/**
 * Whether a registered domain's own label (`google` of `www.google.com`) looks generated: at
 * least `minLength` characters of [a-z0-9-] (no `xn--` punycode) and at least two of: a run of
 * ≥ 4 consonants, a vowel share below 0.25 (or no letters), digits mixed with letters (a digit
 * share from 0.15 to 0.85), nearly all characters different (entropy ≥ 0.9 · log2(length), from
 * 10 characters on) and hex (digits and a–f only, both present). On 263 popular site labels,
 * 7 score 2 (msftncsi, wordpress, crowdstrike…: consonant runs with few vowels); random
 * lowercase labels of 8–16 characters score 2 or more 43–68 % of the time, random
 * alphanumerics 50–87 %, hex 65–100 % — enough over the dozens of names a DGA tries per hour.
 */
export declare function labelTraits(label: string, minLength?: number): LabelTraits;
/** cyrb53: a 53-bit string hash (exact in a double), seeded for independence from others. */
export declare function hash53(s: string, seed?: number): number;
/**
 * Distinct count: exact while at most k values were seen, then a bottom-k (KMV) estimate from
 * the k smallest hashes. `add` says whether the value entered the sample (new and small
 * enough) and whether a kept hash was pushed out.
 */
export declare class Distinct {
    private readonly k;
    private readonly kept;
    /** Largest kept hash (meaningful once saturated). */
    private max;
    saturated: boolean;
    constructor(k: number, hashes?: readonly number[], saturated?: boolean);
    /** 0: not new (or too large to keep); 1: entered the sample; 2: entered and pushed one out. */
    add(h: number): 0 | 1 | 2;
    get exact(): boolean;
    /** The count (exact) or its estimate, rounded. */
    count(): number;
    hashes(): number[];
}
export declare const DNS_EVICTION_NAMES: readonly ['maxDomainEntries', 'maxSourceEntries', 'maxExactNames'];
/** Seed of the name hashes the distinct counts keep (exported for tests that replay them). */
export declare const NAME_SEED = 24301;
/** A name for a finding: long subdomains cut (they are the payload of a tunnel). */
export declare function maskName(name: string, domain: string, keep?: number): string;
/** Registered domain of a normalised name; '' for addresses, single labels and .arpa names. */
export declare function registeredDomain(name: string): string;
export declare const dnsAnalyzer: AnalyzerFactory<DnsConfig>;
