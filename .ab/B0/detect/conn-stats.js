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
import { Str } from '../shared/record.js';
import { FieldReader } from './fields.js';
/** Payload bytes per direction the capture statistics sample (ingest/pcap/packet-stats.ts). */
export const SAMPLE_BYTES = 256;
/**
 * Expected Shannon entropy (bits per byte) of n bytes drawn uniformly at random, for n = 0..256:
 * log2(n) − (256/n)·E[c·log2 c] with c ~ Binomial(n, 1/256) — what encrypted or compressed
 * data gives over a sample of n bytes (7.18 for 256 bytes, 6.55 for 128, 5.77 for 64; the
 * standard deviation is ≈ 0.05–0.08 bit), below log2(n), which only a sample of n distinct
 * bytes (a counting pattern) reaches.
 */
export const RANDOM_ENTROPY = (() => {
    const table = new Float64Array(SAMPLE_BYTES + 1);
    const lp = Math.log(1 / 256);
    const lq = Math.log(255 / 256);
    const lgamma = new Float64Array(SAMPLE_BYTES + 2);
    for (let k = 2; k <= SAMPLE_BYTES + 1; k++)
        lgamma[k] = lgamma[k - 1] + Math.log(k - 1);
    for (let n = 1; n <= SAMPLE_BYTES; n++) {
        let s = 0;
        for (let c = 2; c <= n; c++) {
            const logP = lgamma[n + 1] - lgamma[c + 1] - lgamma[n - c + 1] + c * lp + (n - c) * lq;
            s += Math.exp(logP) * c * Math.log2(c);
        }
        table[n] = Math.log2(n) - (256 / n) * s;
    }
    return table;
})();
/** How far above `RANDOM_ENTROPY` an entropy may lie and still look random (≈ 5 standard
 * deviations); higher means a pattern with too few repeats to be random (ping's counting bytes). */
export const RANDOM_ENTROPY_ABOVE = 0.35;
/**
 * Whether an entropy `e` over a sample of `n` bytes looks like random data: at most `margin`
 * bits below the random expectation and not above it by more than `RANDOM_ENTROPY_ABOVE`.
 */
export function looksRandom(e, n, margin) {
    if (!(n >= 1) || !Number.isFinite(e))
        return false;
    const expected = RANDOM_ENTROPY[Math.min(SAMPLE_BYTES, Math.floor(n))];
    return e >= expected - margin && e <= expected + RANDOM_ENTROPY_ABOVE;
}
const FIELDS = [
    'orig_entropy',
    'orig_printable',
    'orig_sampled',
    'orig_ip_len',
    'orig_ip_len_sd',
    'orig_payload_variants',
    'resp_entropy',
    'resp_printable',
    'resp_sampled',
    'resp_ip_len',
    'resp_ip_len_sd',
    'resp_payload_variants',
];
const PER_DIRECTION = 6;
const blank = () => ({
    entropy: Number.NaN,
    printable: Number.NaN,
    bytes: 0,
    ipLenMin: Number.NaN,
    ipLenMax: Number.NaN,
    ipLenSd: Number.NaN,
    variants: Number.NaN,
});
/**
 * Whether conn row i can carry statistics at all: only rows that kept their line do (Zeek's own
 * conn rows keep none). A check of one length, for detectors to skip the rest of their
 * per-record work on ordinary conn logs before `read`.
 */
export function mayCarryStats(view, i) {
    return view.strLength(i, Str.Raw) > 0;
}
/** Reads a conn row's statistics into two reused direction samples. */
export class ConnStatsReader {
    orig = blank();
    resp = blank();
    fields = new FieldReader(FIELDS);
    /**
     * Reads row i; false when it has no statistics (not a capture's row, or a log without the
     * columns) — then both samples are blank.
     */
    read(view, i) {
        const f = this.fields;
        const ok = f.read(view, i);
        this.fill(this.orig, 0);
        this.fill(this.resp, PER_DIRECTION);
        if (!ok)
            return false;
        for (let k = 0; k < FIELDS.length; k++)
            if (f.text(k) !== undefined)
                return true;
        return false;
    }
    fill(d, k) {
        const f = this.fields;
        d.entropy = f.number(k);
        d.printable = f.number(k + 1);
        const sampled = f.number(k + 2);
        d.bytes = Number.isFinite(d.entropy) && sampled > 0 ? Math.min(SAMPLE_BYTES, sampled) : 0;
        const len = f.list(k + 3);
        d.ipLenMin = len !== undefined && len.length === 2 ? Number(len[0]) : Number.NaN;
        d.ipLenMax = len !== undefined && len.length === 2 ? Number(len[1]) : Number.NaN;
        d.ipLenSd = f.number(k + 4);
        d.variants = f.number(k + 5);
    }
}
//# sourceMappingURL=conn-stats.js.map