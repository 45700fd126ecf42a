/**
 * The heatmaps' colour scale: viridis's ten anchor colours, interpolated in OKLab (Ottosson 2020)
 * and precomputed into a 256-entry sRGB table. Viridis is perceptually uniform, readable by the
 * common forms of colour blindness and still ordered when printed in grey; interpolating its anchors
 * in OKLab rather than in sRGB keeps lightness rising linearly between anchors (sRGB blending would
 * dip and bulge). 256 entries is what an 8-bit PNG can show anyway; the table costs 768 bytes and
 * about a millisecond to build at import, and every lookup after that is an array index.
 */
/** Viridis (matplotlib, CC0) sampled at ten equally spaced points, dark to light. */
export const VIRIDIS_ANCHORS = [
    '#440154',
    '#482878',
    '#3E4A89',
    '#31688E',
    '#26828E',
    '#1F9E89',
    '#35B779',
    '#6DCD59',
    '#B4DE2C',
    '#FDE725',
];
export const LUT_SIZE = 256;
function srgbToLinear(c) {
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
function linearToSrgb(c) {
    return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}
/** 8-bit sRGB → OKLab [L, a, b], L from 0 (black) to 1 (white). */
export function rgbToOklab(rgb) {
    const r = srgbToLinear(rgb[0] / 255);
    const g = srgbToLinear(rgb[1] / 255);
    const b = srgbToLinear(rgb[2] / 255);
    const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
    const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
    const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
    return [
        0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
        1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
        0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
    ];
}
/** OKLab → 8-bit sRGB, clamped (interpolating between in-gamut anchors stays in gamut, nearly). */
function oklabToRgb(L, A, B) {
    const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
    const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
    const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
    const to8 = (c) => Math.round(Math.min(1, Math.max(0, linearToSrgb(c))) * 255);
    return [
        to8(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
        to8(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
        to8(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
    ];
}
export function parseHex(hex) {
    const n = Number.parseInt(hex.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
export function toHex(rgb) {
    return `#${((rgb[0] << 16) | (rgb[1] << 8) | rgb[2]).toString(16).padStart(6, '0')}`;
}
function buildLut() {
    const anchors = VIRIDIS_ANCHORS.map((h) => rgbToOklab(parseHex(h)));
    const segments = anchors.length - 1;
    const lut = new Uint8Array(LUT_SIZE * 3);
    for (let i = 0; i < LUT_SIZE; i++) {
        const p = (i / (LUT_SIZE - 1)) * segments;
        const k = Math.min(segments - 1, Math.floor(p));
        const f = p - k;
        const a = anchors[k];
        const b = anchors[k + 1];
        const rgb = oklabToRgb(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
        lut.set(rgb, i * 3);
    }
    return lut;
}
/** The table: entry i (0 … 255) at bytes 3i … 3i+2. Read-only by convention. */
export const COLOR_LUT = buildLut();
/** `#rrggbb` of each entry, for SVG fills without formatting per cell. */
export const COLOR_HEX = Array.from({ length: LUT_SIZE }, (_, i) => toHex([COLOR_LUT[i * 3], COLOR_LUT[i * 3 + 1], COLOR_LUT[i * 3 + 2]]));
/** Each entry as an [r, g, b] tuple, for canvas fills without allocating per cell. */
export const COLOR_RGB = Array.from({ length: LUT_SIZE }, (_, i) => [COLOR_LUT[i * 3], COLOR_LUT[i * 3 + 1], COLOR_LUT[i * 3 + 2]]);
/** Table entry for t in [0, 1]; t outside is clamped and NaN maps to 0 (callers test for NaN first). */
export function lutIndex(t) {
    return t > 0 ? (t < 1 ? Math.round(t * (LUT_SIZE - 1)) : LUT_SIZE - 1) : 0;
}
/** The colour at t in [0, 1] (clamped). Allocates a tuple: hot loops use `lutIndex` and `COLOR_LUT`. */
export function colorAt(t) {
    const i = lutIndex(t) * 3;
    return [COLOR_LUT[i], COLOR_LUT[i + 1], COLOR_LUT[i + 2]];
}
export function valueScale(kind, max) {
    const top = Number.isFinite(max) && max > 0 ? max : 0;
    const log = kind === 'log';
    const span = log ? Math.log1p(top) : top;
    return {
        kind,
        max: top,
        toT: (v) => {
            if (!(v > 0) || top === 0)
                return 0; // also NaN
            if (v >= top)
                return 1; // exactly: the maximum gets the last colour, not 0.99999…
            return (log ? Math.log1p(v) : v) / span;
        },
        fromT: (t) => (log ? Math.expm1(t * span) : t * span),
    };
}
/** Largest finite value of a set of arrays (0 when there is none). */
export function finiteMax(values) {
    let max = 0;
    for (const arr of values) {
        for (let i = 0; i < arr.length; i++) {
            const v = arr[i];
            if (v > max && v !== Number.POSITIVE_INFINITY)
                max = v;
        }
    }
    return max;
}
/**
 * Legend ticks for a scale: 0, a few round values and the maximum itself, each with its t.
 * Linear: steps of 1, 2 or 5 × 10^k, at most five of them. Log: the powers of ten below max.
 * The legend drops the ones whose labels would collide (frame.ts).
 */
export function scaleTicks(scale) {
    const ticks = [{ value: 0, t: 0 }];
    const max = scale.max;
    if (max <= 0)
        return ticks;
    if (scale.kind === 'log') {
        for (let p = 1; p < max; p *= 10)
            ticks.push({ value: p, t: scale.toT(p) });
    }
    else {
        const rough = max / 5;
        const mag = 10 ** Math.floor(Math.log10(rough));
        const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= rough) ?? 10 * mag;
        for (let i = 1; i * step < max; i++)
            ticks.push({ value: i * step, t: scale.toT(i * step) });
    }
    ticks.push({ value: max, t: 1 });
    return ticks;
}
//# sourceMappingURL=colormap.js.map