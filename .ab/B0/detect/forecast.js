/**
 * Pure forecasting math for the traffic baseline (detect/baseline.ts): robust statistics (median,
 * MAD, a robust z-score) and Holt's linear (double exponential) smoothing with a forecast band.
 *
 * Holt (1957): level ℓ and trend b, updated per observation y_t:
 *   ŷ_t   = ℓ_{t−1} + b_{t−1}                       (one-step-ahead forecast)
 *   ℓ_t   = α·y_t + (1 − α)·(ℓ_{t−1} + b_{t−1})
 *   b_t   = β·(ℓ_t − ℓ_{t−1}) + (1 − β)·b_{t−1}
 * initialised with ℓ_0 = y_0, b_0 = 0 (as nDPI's `ndpi_des_add_value`, which ntopng's DESCounter
 * runs with α = 0.9, β = 0.035 and a 95 % band). The band is ± z · RMSE of the one-step-ahead
 * errors y_t − ŷ_t (z = 1.96 for 95 %). nDPI measures its error against the smoothed value
 * rather than the forecast made before the observation; the textbook one-step error used here
 * is what a prediction interval needs.
 */
/** Median of `values` (any order; not modified). NaN when empty. */
export function median(values) {
    if (values.length === 0)
        return Number.NaN;
    const s = [...values].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Median absolute deviation from the median (unscaled). NaN when empty. */
export function mad(values, center = median(values)) {
    if (values.length === 0)
        return Number.NaN;
    return median(values.map((v) => Math.abs(v - center)));
}
/** 1.4826 · MAD estimates σ for normal data. */
export const MAD_TO_SIGMA = 1.4826;
/**
 * The robust z-score of `value` against `history`: (value − median) / (1.4826 · MAD), with the
 * scale floored at `minScale` (> 0) so a flat history (MAD 0) does not make every change
 * infinite.
 */
export function robustZ(value, history, minScale) {
    if (history.length === 0)
        return { median: 0, mad: 0, scale: minScale, z: 0 };
    const m = median(history);
    const d = mad(history, m);
    const scale = Math.max(MAD_TO_SIGMA * d, minScale);
    return { median: m, mad: d, scale, z: (value - m) / scale };
}
export const HOLT_EMPTY = Object.freeze({ n: 0, level: 0, trend: 0, sse: 0 });
/** Folds one observation into a Holt state. */
export function holtStep(s, y, alpha, beta) {
    if (s.n === 0)
        return { n: 1, level: y, trend: 0, sse: 0 };
    const forecast = s.level + s.trend;
    const error = y - forecast;
    const level = alpha * y + (1 - alpha) * forecast;
    const trend = beta * (level - s.level) + (1 - beta) * s.trend;
    return { n: s.n + 1, level, trend, sse: s.sse + error * error };
}
/** The one-step-ahead forecast and band after the series `values` (NaN entries skipped). */
export function holtForecast(values, alpha, beta, z = 1.96) {
    let s = HOLT_EMPTY;
    for (const v of values)
        if (Number.isFinite(v))
            s = holtStep(s, v, alpha, beta);
    const rmse = s.n > 1 ? Math.sqrt(s.sse / (s.n - 1)) : 0;
    return { n: s.n, forecast: s.level + s.trend, rmse, band: z * rmse };
}
//# sourceMappingURL=forecast.js.map