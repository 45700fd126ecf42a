/**
 * Seeded randomness for the generator: sfc32 (Chris Doty-Humphrey's small fast counting RNG,
 * 128-bit state, period ≥ 2^32 guaranteed by its counter word) seeded through splitmix32.
 *
 * Every actor (a host, a scenario, the uid source) owns its own stream derived from
 * (seed, stream id, …), so adding a scenario never reshuffles the benign traffic of a host, and
 * a stream can be re-created at any point (a host's schedule for day d) without replaying.
 *
 * Math.log/exp/sqrt/cos are V8's fdlibm ports: the same Node build gives the same doubles on every
 * platform, which is what byte-identical output needs.
 */
const TWO_32 = 4294967296;
/** One splitmix32 step: a good 32-bit mixer (bijective), used for seeding and hashing. */
export function mix32(x) {
    let z = (x + 0x9e3779b9) | 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
}
/** Folds a sequence of integers (each up to 2^53) into one 32-bit value. */
export function hashInts(values) {
    let h = 0x6a09e667;
    for (const v of values) {
        const lo = v >>> 0;
        const hi = Math.floor(v / TWO_32) >>> 0;
        h = mix32(h ^ lo);
        h = mix32(h ^ hi);
    }
    return h;
}
const NORMAL_CELLS = 4096;
/** Inverse standard-normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function probit(p) {
    const a = [
        -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
        2.506628277459239,
    ];
    const b = [
        -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
    ];
    const c = [
        -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
        2.938163982698783,
    ];
    const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    const tail = (q) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    if (p < 0.02425)
        return tail(Math.sqrt(-2 * Math.log(p)));
    if (p > 1 - 0.02425)
        return -tail(Math.sqrt(-2 * Math.log(1 - p)));
    const q = p - 0.5;
    const r = q * q;
    return (((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1));
}
/** Quantiles at the cell edges 0..NORMAL_CELLS, the two ends pulled in by half a cell. */
const NORMAL_QUANTILES = Float64Array.from({ length: NORMAL_CELLS + 1 }, (_, i) => probit(Math.min(1 - 0.5 / NORMAL_CELLS / 2, Math.max(0.5 / NORMAL_CELLS / 2, i / NORMAL_CELLS))));
export class Rng {
    a;
    b;
    c;
    d;
    /** A stream named by `seed` and any number of integer labels (stream kind, index, day…). */
    constructor(seed, ...labels) {
        const h = hashInts([seed, ...labels]);
        this.a = mix32(h);
        this.b = mix32(this.a ^ 0x243f6a88);
        this.c = mix32(this.b ^ 0x85a308d3);
        this.d = 1;
        // sfc32's authors discard the first outputs so that similar seeds diverge.
        for (let i = 0; i < 12; i++)
            this.u32();
    }
    u32() {
        const t = (((this.a + this.b) | 0) + this.d) | 0;
        this.d = (this.d + 1) | 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) | 0;
        this.c = (this.c << 21) | (this.c >>> 11);
        this.c = (this.c + t) | 0;
        return t >>> 0;
    }
    /** Uniform in [0, 1). */
    float() {
        return this.u32() / TWO_32;
    }
    /** Uniform integer in [0, n). */
    int(n) {
        return Math.floor(this.float() * n);
    }
    /** Uniform integer in [lo, hi]. */
    range(lo, hi) {
        return lo + Math.floor(this.float() * (hi - lo + 1));
    }
    /** Uniform real in [lo, hi). */
    uniform(lo, hi) {
        return lo + this.float() * (hi - lo);
    }
    chance(p) {
        return this.float() < p;
    }
    /** Exponential with the given mean. */
    exp(mean) {
        return -Math.log(1 - this.float()) * mean;
    }
    /**
     * Standard normal by table lookup of the inverse CDF with linear interpolation: ~4× cheaper
     * than Box–Muller (no log/sqrt/sin), exact to ~1e-4, tails cut at ±3.84σ (z of 1/16384) —
     * plenty for traffic sizes and timings.
     */
    normal() {
        const x = this.u32() / (TWO_32 / NORMAL_CELLS);
        const i = Math.floor(x);
        const lo = NORMAL_QUANTILES[i];
        return lo + (NORMAL_QUANTILES[i + 1] - lo) * (x - i);
    }
    /** Log-normal with the given median and log-space standard deviation. */
    logNormal(median, sigma) {
        return median * Math.exp(sigma * this.normal());
    }
    pick(items) {
        return items[this.int(items.length)];
    }
    /** Index into `cumulative` (ascending cumulative weights ending at the total). */
    weighted(cumulative) {
        const total = cumulative[cumulative.length - 1];
        const x = this.float() * total;
        let lo = 0;
        let hi = cumulative.length - 1;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }
    /** Fisher–Yates in place. */
    shuffle(items) {
        for (let i = items.length - 1; i > 0; i--) {
            const j = this.int(i + 1);
            const tmp = items[i];
            items[i] = items[j];
            items[j] = tmp;
        }
        return items;
    }
}
/** Stream kinds, so two actors never share a stream by accident. */
export const Stream = {
    World: 1,
    Host: 2,
    HostDay: 3,
    Uid: 4,
    Scenario: 5,
    ScenarioPlan: 6,
    /** The benign weird.log rows of ordinary connections (emit.ts). */
    Weird: 7,
};
//# sourceMappingURL=prng.js.map