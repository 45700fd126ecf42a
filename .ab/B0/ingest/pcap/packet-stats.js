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
export const ENTROPY_BYTES = 256;
/** Distinct TTL / hop-limit values kept per direction (first seen first). */
export const MAX_TTLS = 4;
/**
 * Payload variants (ICMP echo only, `watchVariants`): distinct hashes of each packet's payload
 * bytes [VARIANT_FROM, VARIANT_FROM + VARIANT_BYTES), counted up to MAX_VARIANTS. Skipping 16
 * bytes skips ping's timestamp (Linux and BSD put a timeval there); what follows is a fixed
 * pattern in every ping, so one variant, while data carried in echo changes packet by packet.
 */
export const VARIANT_FROM = 16;
export const VARIANT_BYTES = 64;
export const MAX_VARIANTS = 8;
/** Entropy buffers given back by finished directions, reused (typed arrays are slow to make). */
const freeHeads = [];
const MAX_FREE_HEADS = 1024;
function releaseHead(head) {
    if (freeHeads.length < MAX_FREE_HEADS)
        freeHeads.push(head);
}
/** Shared histogram for computing entropies (never held between calls). */
const histogram = new Uint32Array(256);
/** c·log2(c) for the counts a histogram of at most `ENTROPY_BYTES` bytes can hold. */
const C_LOG_C = Float64Array.from({ length: ENTROPY_BYTES + 1 }, (_, c) => (c === 0 ? 0 : c * Math.log2(c)));
/** Whether byte b counts as printable text: 0x20–0x7E, TAB, CR, LF. */
export function isPrintableByte(b) {
    return (b >= 0x20 && b <= 0x7e) || b === 0x09 || b === 0x0a || b === 0x0d;
}
/** Printable bytes counted in the histogram `shannonEntropy` last filled. */
function printableInHistogram() {
    let n = histogram[0x09] + histogram[0x0a] + histogram[0x0d];
    for (let b = 0x20; b <= 0x7e; b++)
        n += histogram[b];
    return n;
}
/** Share of printable bytes (`isPrintableByte`) in `bytes[0, n)`; 0 for n = 0. */
export function printableShare(bytes, n = bytes.length) {
    if (n <= 0)
        return 0;
    shannonEntropy(bytes, n);
    return printableInHistogram() / n;
}
/**
 * Shannon entropy in bits per byte of `bytes[0, n)`; 0 for n = 0. Computed as
 * log2(n) − Σ c·log2(c) / n over the byte counts c (table lookups for n ≤ `ENTROPY_BYTES`).
 */
export function shannonEntropy(bytes, n = bytes.length) {
    histogram.fill(0);
    if (n <= 0)
        return 0;
    for (let i = 0; i < n; i++)
        histogram[bytes[i]]++;
    let sum = 0;
    if (n <= ENTROPY_BYTES) {
        for (let b = 0; b < 256; b++)
            sum += C_LOG_C[histogram[b]];
    }
    else {
        for (let b = 0; b < 256; b++) {
            const c = histogram[b];
            if (c > 0)
                sum += c * Math.log2(c);
        }
    }
    // Rounding noise below zero (a single repeated byte) reads as 0.
    return Math.max(Math.log2(n) - sum / n, 0);
}
/** The running statistics of one direction (mutable; one per direction per connection). */
export class DirectionStatsAccumulator {
    packets = 0;
    min = 0;
    max = 0;
    mean = 0;
    m2 = 0;
    ttl0 = -1;
    ttl1 = -1;
    ttl2 = -1;
    ttl3 = -1;
    ttlCount = 0;
    ttlOther = 0;
    fragments = 0;
    /** The first payload bytes until `ENTROPY_BYTES` are seen; null before the first payload
     * and after the entropy was taken. */
    head = null;
    headLength = 0;
    /** Entropy once `ENTROPY_BYTES` were seen (-1: not yet). */
    entropy = -1;
    /** Printable bytes among the `ENTROPY_BYTES` once they were seen. */
    printable = 0;
    /** Payload variant hashes seen (`watchVariants`), null when not watched. */
    variantHashes = null;
    /** Counts payload variants from now on (ICMP echo connections: `MAX_VARIANTS` above). */
    watchVariants() {
        this.variantHashes ??= [];
    }
    /**
     * One packet: its IP length, TTL, the fragments it was rebuilt from, and its payload
     * `data[offset, offset + length)` (bounded by `data`'s end).
     */
    add(ipLength, ttl, fragments, data, offset, length) {
        const n = ++this.packets;
        if (n === 1) {
            this.min = ipLength;
            this.max = ipLength;
        }
        else if (ipLength < this.min)
            this.min = ipLength;
        else if (ipLength > this.max)
            this.max = ipLength;
        const delta = ipLength - this.mean;
        this.mean += delta / n;
        this.m2 += delta * (ipLength - this.mean);
        if (ttl !== this.ttl0 && ttl !== this.ttl1 && ttl !== this.ttl2 && ttl !== this.ttl3)
            this.newTtl(ttl);
        this.fragments += fragments;
        if (length > 0 && this.entropy < 0 && data !== undefined)
            this.payload(data, offset, length);
        const variants = this.variantHashes;
        if (variants !== null && variants.length < MAX_VARIANTS && data !== undefined) {
            const end = Math.min(offset + length, data.length, offset + VARIANT_FROM + VARIANT_BYTES);
            if (end > offset + VARIANT_FROM) {
                // FNV-1a over at most VARIANT_BYTES bytes: only while fewer than MAX_VARIANTS are known.
                let h = 0x811c9dc5;
                for (let i = offset + VARIANT_FROM; i < end; i++)
                    h = Math.imul(h ^ data[i], 0x01000193);
                if (!variants.includes(h))
                    variants.push(h);
            }
        }
    }
    newTtl(ttl) {
        switch (this.ttlCount) {
            case 0:
                this.ttl0 = ttl;
                break;
            case 1:
                this.ttl1 = ttl;
                break;
            case 2:
                this.ttl2 = ttl;
                break;
            case 3:
                this.ttl3 = ttl;
                break;
            default:
                this.ttlOther++;
                return;
        }
        this.ttlCount++;
    }
    payload(data, offset, length) {
        const end = Math.min(offset + length, data.length);
        if (offset < 0 || end <= offset)
            return;
        let head = this.head;
        if (head === null)
            head = this.head = freeHeads.pop() ?? new Uint8Array(ENTROPY_BYTES);
        // A plain loop: at most ENTROPY_BYTES bytes per direction in all, and no view allocated.
        let at = this.headLength;
        const stop = Math.min(end, offset + ENTROPY_BYTES - at);
        for (let i = offset; i < stop; i++)
            head[at++] = data[i];
        this.headLength = at;
        if (this.headLength === ENTROPY_BYTES) {
            this.entropy = shannonEntropy(head, ENTROPY_BYTES);
            this.printable = printableInHistogram();
            this.head = null;
            releaseHead(head);
        }
    }
    /** The statistics as they stand (the accumulator may go on). */
    snapshot() {
        const n = this.packets;
        const ttls = [];
        const kept = [this.ttl0, this.ttl1, this.ttl2, this.ttl3];
        for (let k = 0; k < this.ttlCount; k++)
            ttls.push(kept[k]);
        let entropy;
        let printable;
        if (this.entropy >= 0) {
            entropy = this.entropy;
            printable = this.printable / ENTROPY_BYTES;
        }
        else if (this.head !== null && this.headLength > 0) {
            entropy = shannonEntropy(this.head, this.headLength);
            printable = printableInHistogram() / this.headLength;
        }
        return {
            entropy,
            entropyBytes: this.headLength,
            printable,
            packets: n,
            ipLenMin: n > 0 ? this.min : undefined,
            ipLenMax: n > 0 ? this.max : undefined,
            ipLenMean: n > 0 ? this.mean : undefined,
            ipLenSd: n > 0 ? Math.sqrt(this.m2 / n) : undefined,
            ttls,
            ttlOther: this.ttlOther,
            fragments: this.fragments,
            ...(this.variantHashes === null ? {} : { variants: this.variantHashes.length }),
        };
    }
    /** Gives the payload bytes held for the entropy back (call after the last `snapshot`). */
    release() {
        if (this.head !== null)
            releaseHead(this.head);
        this.head = null;
    }
}
//# sourceMappingURL=packet-stats.js.map