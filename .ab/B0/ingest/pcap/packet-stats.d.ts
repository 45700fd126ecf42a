/**
 * Per-direction packet statistics of a connection, for later protocol-deviation analysis: the
 * Shannon entropy of the direction's first payload bytes and the share of printable bytes
 * (0x20–0x7E, TAB, CR, LF) among them, a summary of its IP packet sizes,
 * the TTL / hop-limit values seen, and how many IP fragments its packets were rebuilt from.
 *
 * Bounded and O(1) per packet: the entropy keeps at most `ENTROPY_BYTES` payload bytes (the
 * first ones, in arrival order — for TCP the segments as they come, not the reassembled
 * stream) and drops them once it has them; sizes use Welford's running mean and variance;
 * at most `MAX_TTLS` distinct TTLs are kept, later distinct values only counted.
 */
/** Payload bytes per direction the entropy is taken over. */
export declare const ENTROPY_BYTES = 256;
/** Distinct TTL / hop-limit values kept per direction (first seen first). */
export declare const MAX_TTLS = 4;
/**
 * Payload variants (ICMP echo only, `watchVariants`): distinct hashes of each packet's payload
 * bytes [VARIANT_FROM, VARIANT_FROM + VARIANT_BYTES), counted up to MAX_VARIANTS. Skipping 16
 * bytes skips ping's timestamp (Linux and BSD put a timeval there); what follows is a fixed
 * pattern in every ping, so one variant, while data carried in echo changes packet by packet.
 */
export declare const VARIANT_FROM = 16;
export declare const VARIANT_BYTES = 64;
export declare const MAX_VARIANTS = 8;
/** One direction's statistics as the connection record carries them. */
export interface DirectionStats {
    /** Shannon entropy (bits per byte, 0..8) of the first `entropyBytes` payload bytes;
     * undefined when the direction carried no payload. */
    readonly entropy: number | undefined;
    /** Payload bytes the entropy was taken over (at most `ENTROPY_BYTES`). */
    readonly entropyBytes: number;
    /** Share (0..1) of printable bytes (0x20–0x7E, TAB, CR, LF) among those same bytes;
     * undefined when the direction carried no payload. */
    readonly printable: number | undefined;
    /** Packets summarised (as counted in orig_pkts / resp_pkts). */
    readonly packets: number;
    /** IP length summary; undefined when the direction had no packet. */
    readonly ipLenMin: number | undefined;
    readonly ipLenMax: number | undefined;
    readonly ipLenMean: number | undefined;
    /** Population standard deviation of the IP lengths. */
    readonly ipLenSd: number | undefined;
    /** Distinct TTL / hop-limit values, first seen first, at most `MAX_TTLS`. */
    readonly ttls: readonly number[];
    /** Packets whose TTL was none of `ttls` (seen after `MAX_TTLS` distinct values were kept). */
    readonly ttlOther: number;
    /** IP fragments this direction's packets were reassembled from (0: none fragmented). */
    readonly fragments: number;
    /** Distinct payload variants (`MAX_VARIANTS` at most); undefined when not watched. */
    readonly variants?: number;
}
export interface ConnStats {
    readonly orig: DirectionStats;
    readonly resp: DirectionStats;
}
/** Whether byte b counts as printable text: 0x20–0x7E, TAB, CR, LF. */
export declare function isPrintableByte(b: number): boolean;
/** Share of printable bytes (`isPrintableByte`) in `bytes[0, n)`; 0 for n = 0. */
export declare function printableShare(bytes: Uint8Array, n?: number): number;
/**
 * Shannon entropy in bits per byte of `bytes[0, n)`; 0 for n = 0. Computed as
 * log2(n) − Σ c·log2(c) / n over the byte counts c (table lookups for n ≤ `ENTROPY_BYTES`).
 */
export declare function shannonEntropy(bytes: Uint8Array, n?: number): number;
/** The running statistics of one direction (mutable; one per direction per connection). */
export declare class DirectionStatsAccumulator {
    packets: number;
    private min;
    private max;
    private mean;
    private m2;
    private ttl0;
    private ttl1;
    private ttl2;
    private ttl3;
    private ttlCount;
    ttlOther: number;
    fragments: number;
    /** The first payload bytes until `ENTROPY_BYTES` are seen; null before the first payload
     * and after the entropy was taken. */
    private head;
    private headLength;
    /** Entropy once `ENTROPY_BYTES` were seen (-1: not yet). */
    private entropy;
    /** Printable bytes among the `ENTROPY_BYTES` once they were seen. */
    private printable;
    /** Payload variant hashes seen (`watchVariants`), null when not watched. */
    private variantHashes;
    /** Counts payload variants from now on (ICMP echo connections: `MAX_VARIANTS` above). */
    watchVariants(): void;
    /**
     * One packet: its IP length, TTL, the fragments it was rebuilt from, and its payload
     * `data[offset, offset + length)` (bounded by `data`'s end).
     */
    add(ipLength: number, ttl: number, fragments: number, data: Uint8Array | undefined, offset: number, length: number): void;
    private newTtl;
    private payload;
    /** The statistics as they stand (the accumulator may go on). */
    snapshot(): DirectionStats;
    /** Gives the payload bytes held for the entropy back (call after the last `snapshot`). */
    release(): void;
}
