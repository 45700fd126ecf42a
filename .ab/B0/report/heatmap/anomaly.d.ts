/**
 * Which heatmap cells are out of character: every cell is scored against its own row's history
 * with a robust z-score (Iglewicz & Hoaglin's modified z-score: median and MAD, so one earlier
 * burst does not hide the next):
 *
 *   z = (x − median(H)) / σ,   σ = 1.4826 · MAD(H)
 *
 * where H is the row's earlier buckets since its first record: the same bucket of the day on
 * earlier days when the run covers at least `minDays` days (a diurnal profile: Monday 09:00 is
 * compared with earlier mornings, not with the night), otherwise every earlier bucket. Within a
 * row's life a bucket without records counts as 0 (a quiet block is quiet, not unknown); before
 * its first record the block is unknown, not quiet — else every host switched on at 08:30 would
 * light up for the rest of the morning. A cell whose row has less history than that (a block
 * that just appeared, say an outside scanner) is compared with the other blocks of the same
 * bucket instead (median and MAD over the rows with records there; `basis: 'peers'`), so a new
 * block is highlighted when it is far busier than its contemporaries, not merely new.
 *
 * A cell scored on its history must also stand above the blocks of its bucket by
 * `peerThreshold` σ (default 1): in a run of one day the history has no diurnal profile, and a
 * workstation's morning ramp from 1 to 10 connections is "new" for it but ordinary for the
 * network; a scan, a tunnel or a bulk upload stands out on both counts. When MAD is 0 (a history of
 * identical values, e.g. all zero), σ falls back to 1.2533 · mean absolute deviation, and then to
 * `minSigma` (at least 1 count, or a fraction of the median), so a block waking from silence
 * scores high but finite. Cells need `minHistory` earlier values to be scored at all.
 *
 * Cost: O(T²) per row for T buckets (sorted insertion, MAD by merging the two sorted sides of
 * the median) — 288 five-minute buckets × 1000 rows ≈ 80 M steps.
 */
export interface AnomalyConfig {
    /** |z| at or above which a cell is highlighted (Iglewicz & Hoaglin suggest 3.5). */
    readonly threshold: number;
    /** Earlier values a cell needs before it is scored. */
    readonly minHistory: number;
    /** Days of data from which the history is the same bucket of the day. */
    readonly minDays: number;
    /** Only increases are highlighted (a sudden silence is usually maintenance, not attack). */
    readonly increasesOnly: boolean;
    /** Floor of σ as a fraction of |median| (and at least 1). */
    readonly minSigmaFraction: number;
    /** z against the bucket's other blocks a history-scored cell must also reach (−∞: off). */
    readonly peerThreshold: number;
    /** Highlights listed at most (the highest scores). */
    readonly maxHighlights: number;
}
export declare const DEFAULT_ANOMALY_CONFIG: AnomalyConfig;
export interface CellScore {
    readonly row: number;
    readonly column: number;
    readonly value: number;
    readonly median: number;
    readonly sigma: number;
    readonly score: number;
    /** `history`: against the row's own earlier buckets; `peers`: a new row, against the other rows. */
    readonly basis: 'history' | 'peers';
}
/**
 * Scores the rows of a grid. `values[r][c]` is row r at column c (NaN = no records = 0);
 * `bucketOfDay[c]` is column c's bucket within its day (in the display time zone) and `days` how
 * many days the columns cover. Returns the highlighted cells, highest score first (ties by row,
 * column), at most `maxHighlights`.
 */
export declare function scoreCells(values: ReadonlyArray<Float64Array>, bucketOfDay: Int32Array, days: number, config?: AnomalyConfig): CellScore[];
