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
export const DEFAULT_ANOMALY_CONFIG = Object.freeze({
    threshold: 3.5,
    minHistory: 6,
    minDays: 2,
    increasesOnly: true,
    minSigmaFraction: 0.1,
    peerThreshold: 1,
    maxHighlights: 200,
});
/**
 * Scores the rows of a grid. `values[r][c]` is row r at column c (NaN = no records = 0);
 * `bucketOfDay[c]` is column c's bucket within its day (in the display time zone) and `days` how
 * many days the columns cover. Returns the highlighted cells, highest score first (ties by row,
 * column), at most `maxHighlights`.
 */
export function scoreCells(values, bucketOfDay, days, config = DEFAULT_ANOMALY_CONFIG) {
    const columns = bucketOfDay.length;
    const byDay = days >= config.minDays;
    const out = [];
    // One sorted history per group of columns: the whole run, or each bucket of the day.
    let groups = 1;
    if (byDay)
        for (let c = 0; c < columns; c++)
            groups = Math.max(groups, bucketOfDay[c] + 1);
    const sorted = Array.from({ length: groups }, () => new Float64Array(columns));
    const sizes = new Int32Array(groups);
    const peers = peerBaselines(values, columns, config);
    for (let r = 0; r < values.length; r++) {
        const row = values[r];
        sizes.fill(0);
        let c0 = 0;
        while (c0 < columns && Number.isNaN(row[c0]))
            c0++;
        for (let c = c0; c < columns; c++) {
            const x = Number.isNaN(row[c]) ? 0 : row[c];
            const g = byDay ? bucketOfDay[c] : 0;
            const hist = sorted[g];
            const n = sizes[g];
            if (n >= config.minHistory) {
                const median = medianOf(hist, n);
                const sigma = sigmaOf(hist, n, median, config);
                const score = (x - median) / sigma;
                const aboveThreshold = config.increasesOnly
                    ? score >= config.threshold
                    : Math.abs(score) >= config.threshold;
                if (aboveThreshold && standsOut(x, c, peers, config)) {
                    out.push({ row: r, column: c, value: x, median, sigma, score, basis: 'history' });
                }
            }
            else if (!Number.isNaN(row[c]) && peers.sigma[c] > 0) {
                const median = peers.median[c];
                const sigma = peers.sigma[c];
                const score = (x - median) / sigma;
                if (config.increasesOnly ? score >= config.threshold : Math.abs(score) >= config.threshold) {
                    out.push({ row: r, column: c, value: x, median, sigma, score, basis: 'peers' });
                }
            }
            insertSorted(hist, n, x);
            sizes[g] = n + 1;
        }
    }
    out.sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.row - b.row || a.column - b.column);
    return out.length > config.maxHighlights ? out.slice(0, config.maxHighlights) : out;
}
/** Whether x stands `peerThreshold` σ above the bucket's blocks (always, without a baseline). */
function standsOut(x, c, peers, config) {
    const sigma = peers.sigma[c];
    if (sigma === 0 || config.peerThreshold === Number.NEGATIVE_INFINITY)
        return true;
    const z = (x - peers.median[c]) / sigma;
    return config.increasesOnly ? z >= config.peerThreshold : Math.abs(z) >= config.peerThreshold;
}
/** σ from MAD, else mean absolute deviation, floored (see the header). */
function sigmaOf(a, n, median, config) {
    let sigma = 1.4826 * madOf(a, n, median);
    if (sigma === 0)
        sigma = 1.2533 * meanAbsDev(a, n, median);
    return Math.max(sigma, 1, config.minSigmaFraction * Math.abs(median));
}
/**
 * Per column, the median and σ of the rows that have records there (at least `minHistory` of
 * them, else σ 0: no baseline).
 */
function peerBaselines(values, columns, config) {
    const median = new Float64Array(columns);
    const sigma = new Float64Array(columns);
    const column = new Float64Array(values.length);
    for (let c = 0; c < columns; c++) {
        let n = 0;
        for (const row of values)
            if (!Number.isNaN(row[c]))
                column[n++] = row[c];
        if (n < config.minHistory)
            continue;
        const present = column.subarray(0, n).sort();
        median[c] = medianOf(present, n);
        sigma[c] = sigmaOf(present, n, median[c], config);
    }
    return { median, sigma };
}
function insertSorted(a, n, x) {
    let i = n;
    while (i > 0 && a[i - 1] > x) {
        a[i] = a[i - 1];
        i--;
    }
    a[i] = x;
}
function medianOf(a, n) {
    const h = n >> 1;
    return n % 2 === 1 ? a[h] : (a[h - 1] + a[h]) / 2;
}
/** The k-th smallest (0-based) of |a[i] − m| over the sorted a[0..n): merges the two sides. */
function kthDeviation(a, n, m, k) {
    // Left side walks down from the last value ≤ m, right side up from the first value > m.
    let left = upperBound(a, n, m) - 1;
    let right = left + 1;
    let d = 0;
    for (let taken = 0; taken <= k; taken++) {
        const dl = left >= 0 ? m - a[left] : Number.POSITIVE_INFINITY;
        const dr = right < n ? a[right] - m : Number.POSITIVE_INFINITY;
        if (dl <= dr) {
            d = dl;
            left--;
        }
        else {
            d = dr;
            right++;
        }
    }
    return d;
}
function madOf(a, n, m) {
    const h = n >> 1;
    return n % 2 === 1
        ? kthDeviation(a, n, m, h)
        : (kthDeviation(a, n, m, h - 1) + kthDeviation(a, n, m, h)) / 2;
}
function meanAbsDev(a, n, m) {
    let s = 0;
    for (let i = 0; i < n; i++)
        s += Math.abs(a[i] - m);
    return s / n;
}
/** First index in the sorted a[0..n) whose value is > x. */
function upperBound(a, n, x) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (a[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
//# sourceMappingURL=anomaly.js.map