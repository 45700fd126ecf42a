/**
 * The packet statistics of capture conn rows, for the detectors that judge payload by its
 * statistics (protocol.ts payload deviations, icmp-tunnel.ts): per direction the Shannon entropy
 * and the printable share of the first up to 256 payload bytes, and the IP-length summary. They
 * exist only when the source is a capture (analysed directly, or the conn.log `netscry extract`
 * wrote from it: the same fields by the same names — engine/shard-flows.ts, ingest/zeek/plan.ts
 * `keepsLine`); rows of Zeek's own conn.log have none and `read` says so.
 *
 * These are statistics of the first bytes, never content: nothing here looks at what the bytes
 * say, and encrypted traffic is judged by such metadata only.
 * The number of bytes a direction's sample holds is `*_sampled` (the first payload bytes of
 * its packets in arrival order — for TCP the segments as they come, retransmissions included).
 */
import { type BatchView } from '../shared/record.js';
/** Payload bytes per direction the capture statistics sample (ingest/pcap/packet-stats.ts). */
export declare const SAMPLE_BYTES = 256;
/**
 * Expected Shannon entropy (bits per byte) of n bytes drawn uniformly at random, for n = 0..256:
 * log2(n) − (256/n)·E[c·log2 c] with c ~ Binomial(n, 1/256) — what encrypted or compressed
 * data gives over a sample of n bytes (7.18 for 256 bytes, 6.55 for 128, 5.77 for 64; the
 * standard deviation is ≈ 0.05–0.08 bit), below log2(n), which only a sample of n distinct
 * bytes (a counting pattern) reaches.
 */
export declare const RANDOM_ENTROPY: Float64Array;
/** How far above `RANDOM_ENTROPY` an entropy may lie and still look random (≈ 5 standard
 * deviations); higher means a pattern with too few repeats to be random (ping's counting bytes). */
export declare const RANDOM_ENTROPY_ABOVE = 0.35;
/**
 * Whether an entropy `e` over a sample of `n` bytes looks like random data: at most `margin`
 * bits below the random expectation and not above it by more than `RANDOM_ENTROPY_ABOVE`.
 */
export declare function looksRandom(e: number, n: number, margin: number): boolean;
/** One direction's statistics as read from a row (NaN: unset). */
export interface DirectionSample {
    /** Entropy of the sample, bits per byte. */
    entropy: number;
    /** Printable share of the sample, 0..1. */
    printable: number;
    /** Bytes in the sample (0..256); 0 without payload. */
    bytes: number;
    ipLenMin: number;
    ipLenMax: number;
    ipLenSd: number;
    /** Distinct payload variants (ICMP echo only, at most 8); NaN when not given. */
    variants: number;
}
/**
 * Whether conn row i can carry statistics at all: only rows that kept their line do (Zeek's own
 * conn rows keep none). A check of one length, for detectors to skip the rest of their
 * per-record work on ordinary conn logs before `read`.
 */
export declare function mayCarryStats(view: BatchView, i: number): boolean;
/** Reads a conn row's statistics into two reused direction samples. */
export declare class ConnStatsReader {
    readonly orig: DirectionSample;
    readonly resp: DirectionSample;
    private readonly fields;
    /**
     * Reads row i; false when it has no statistics (not a capture's row, or a log without the
     * columns) — then both samples are blank.
     */
    read(view: BatchView, i: number): boolean;
    private fill;
}
