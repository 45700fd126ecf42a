/**
 * The heatmaps' colour scale: viridis's ten anchor colours, interpolated in OKLab (Ottosson 2020)
 * and precomputed into a 256-entry sRGB table. Viridis is perceptually uniform, readable by the
 * common forms of colour blindness and still ordered when printed in grey; interpolating its anchors
 * in OKLab rather than in sRGB keeps lightness rising linearly between anchors (sRGB blending would
 * dip and bulge). 256 entries is what an 8-bit PNG can show anyway; the table costs 768 bytes and
 * about a millisecond to build at import, and every lookup after that is an array index.
 */
export type Rgb = readonly [number, number, number];
/** Viridis (matplotlib, CC0) sampled at ten equally spaced points, dark to light. */
export declare const VIRIDIS_ANCHORS: readonly string[];
export declare const LUT_SIZE = 256;
/** 8-bit sRGB → OKLab [L, a, b], L from 0 (black) to 1 (white). */
export declare function rgbToOklab(rgb: Rgb): [number, number, number];
export declare function parseHex(hex: string): Rgb;
export declare function toHex(rgb: Rgb): string;
/** The table: entry i (0 … 255) at bytes 3i … 3i+2. Read-only by convention. */
export declare const COLOR_LUT: Uint8Array;
/** `#rrggbb` of each entry, for SVG fills without formatting per cell. */
export declare const COLOR_HEX: readonly string[];
/** Each entry as an [r, g, b] tuple, for canvas fills without allocating per cell. */
export declare const COLOR_RGB: readonly Rgb[];
/** Table entry for t in [0, 1]; t outside is clamped and NaN maps to 0 (callers test for NaN first). */
export declare function lutIndex(t: number): number;
/** The colour at t in [0, 1] (clamped). Allocates a tuple: hot loops use `lutIndex` and `COLOR_LUT`. */
export declare function colorAt(t: number): [number, number, number];
export type ScaleKind = 'linear' | 'log';
/**
 * value → t over [0, max]. Metrics are counts, so the domain starts at 0 rather than at the
 * smallest value seen: a block with 3 connections must not look as busy as one with 3000 just
 * because nothing quieter was observed. `log` is log1p, so 0 stays 0 and one connection is visible
 * next to millions. Negative values clamp to 0; with max ≤ 0 (or no data) everything maps to 0.
 */
export interface ValueScale {
    readonly kind: ScaleKind;
    readonly max: number;
    toT(value: number): number;
    /** Inverse of toT, for placing legend ticks. */
    fromT(t: number): number;
}
export declare function valueScale(kind: ScaleKind, max: number): ValueScale;
/** Largest finite value of a set of arrays (0 when there is none). */
export declare function finiteMax(values: Iterable<ArrayLike<number>>): number;
/**
 * Legend ticks for a scale: 0, a few round values and the maximum itself, each with its t.
 * Linear: steps of 1, 2 or 5 × 10^k, at most five of them. Log: the powers of ten below max.
 * The legend drops the ones whose labels would collide (frame.ts).
 */
export declare function scaleTicks(scale: ValueScale): Array<{
    value: number;
    t: number;
}>;
