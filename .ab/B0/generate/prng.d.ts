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
/** One splitmix32 step: a good 32-bit mixer (bijective), used for seeding and hashing. */
export declare function mix32(x: number): number;
/** Folds a sequence of integers (each up to 2^53) into one 32-bit value. */
export declare function hashInts(values: readonly number[]): number;
export declare class Rng {
    private a;
    private b;
    private c;
    private d;
    /** A stream named by `seed` and any number of integer labels (stream kind, index, day…). */
    constructor(seed: number, ...labels: number[]);
    u32(): number;
    /** Uniform in [0, 1). */
    float(): number;
    /** Uniform integer in [0, n). */
    int(n: number): number;
    /** Uniform integer in [lo, hi]. */
    range(lo: number, hi: number): number;
    /** Uniform real in [lo, hi). */
    uniform(lo: number, hi: number): number;
    chance(p: number): boolean;
    /** Exponential with the given mean. */
    exp(mean: number): number;
    /**
     * Standard normal by table lookup of the inverse CDF with linear interpolation: ~4× cheaper
     * than Box–Muller (no log/sqrt/sin), exact to ~1e-4, tails cut at ±3.84σ (z of 1/16384) —
     * plenty for traffic sizes and timings.
     */
    normal(): number;
    /** Log-normal with the given median and log-space standard deviation. */
    logNormal(median: number, sigma: number): number;
    pick<T>(items: readonly T[]): T;
    /** Index into `cumulative` (ascending cumulative weights ending at the total). */
    weighted(cumulative: Float64Array | readonly number[]): number;
    /** Fisher–Yates in place. */
    shuffle<T>(items: T[]): T[];
}
/** Stream kinds, so two actors never share a stream by accident. */
export declare const Stream: {
    readonly World: 1;
    readonly Host: 2;
    readonly HostDay: 3;
    readonly Uid: 4;
    readonly Scenario: 5;
    readonly ScenarioPlan: 6;
    /** The benign weird.log rows of ordinary connections (emit.ts). */
    readonly Weird: 7;
};
