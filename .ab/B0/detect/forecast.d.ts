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
export declare function median(values: readonly number[]): number;
/** Median absolute deviation from the median (unscaled). NaN when empty. */
export declare function mad(values: readonly number[], center?: number): number;
/** 1.4826 · MAD estimates σ for normal data. */
export declare const MAD_TO_SIGMA = 1.4826;
export interface RobustScore {
    readonly median: number;
    readonly mad: number;
    /** The scale the z divides by: max(1.4826 · MAD, minScale). */
    readonly scale: number;
    /** (value − median) / scale; 0 without history. */
    readonly z: number;
}
/**
 * The robust z-score of `value` against `history`: (value − median) / (1.4826 · MAD), with the
 * scale floored at `minScale` (> 0) so a flat history (MAD 0) does not make every change
 * infinite.
 */
export declare function robustZ(value: number, history: readonly number[], minScale: number): RobustScore;
export interface HoltState {
    /** Observations folded in. */
    readonly n: number;
    readonly level: number;
    readonly trend: number;
    /** Sum of squared one-step-ahead errors (over n − 1 forecasts). */
    readonly sse: number;
}
export declare const HOLT_EMPTY: HoltState;
/** Folds one observation into a Holt state. */
export declare function holtStep(s: HoltState, y: number, alpha: number, beta: number): HoltState;
export interface HoltForecast {
    /** Observations behind the forecast. */
    readonly n: number;
    /** ℓ + b: the next value expected. */
    readonly forecast: number;
    /** Root mean square of the one-step-ahead errors so far (0 with fewer than 2 observations). */
    readonly rmse: number;
    /** forecast ± band is the prediction interval. */
    readonly band: number;
}
/** The one-step-ahead forecast and band after the series `values` (NaN entries skipped). */
export declare function holtForecast(values: readonly number[], alpha: number, beta: number, z?: number): HoltForecast;
