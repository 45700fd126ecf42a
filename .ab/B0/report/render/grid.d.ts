/**
 * The renderers' input: plain data, built by the heatmap views (matrix, Hilbert map) and drawn by
 * matrix.ts and hilbert-map.ts. Nothing here knows about records, shards or time zones beyond the
 * offset the axis needs, so the renderers stay pure functions of these values.
 */
/** A blocks × time matrix ready to draw. Values: NaN = no data in that cell. */
export interface HeatmapGrid {
    readonly title: string;
    readonly subtitle: string;
    readonly metric: string;
    readonly bucketSeconds: number;
    /** Start of each column (unix seconds), ascending, equally spaced by bucketSeconds. */
    readonly bucketStarts: readonly number[];
    /** Minutes east of UTC for axis labels (0 = UTC); the subtitle already names the zone. */
    readonly utcOffsetMinutes: number;
    readonly rows: ReadonlyArray<{
        readonly label: string;
        readonly values: Float64Array;
    }>;
    /** Cells to outline (anomalies), with their score for tooltips. */
    readonly highlights: ReadonlyArray<{
        readonly row: number;
        readonly column: number;
        readonly score: number;
    }>;
    readonly scale: 'linear' | 'log';
}
/** IPv4 (or an IPv6 prefix) laid out on a Hilbert curve, one pixel per block. */
export interface HilbertMap {
    readonly title: string;
    readonly subtitle: string;
    readonly metric: string;
    /** Curve order: the map is 2^order × 2^order pixels (IPv4 /16 blocks → order 8, /24 → 12). */
    readonly order: number;
    /** Label of the space covered, e.g. "0.0.0.0/0" or "2001:db8::/32", and of one pixel, e.g. "/16". */
    readonly space: string;
    readonly pixel: string;
    /** Non-empty pixels: index along the curve (0 … 4^order − 1) and value. */
    readonly cells: ReadonlyArray<{
        readonly index: number;
        readonly value: number;
    }>;
    readonly highlights: ReadonlyArray<{
        readonly index: number;
        readonly score: number;
    }>;
    readonly scale: 'linear' | 'log';
    /** Optional labelled regions to annotate (e.g. "10/8", "192.168/16"): first and last curve index. */
    readonly regions?: ReadonlyArray<{
        readonly label: string;
        readonly first: number;
        readonly last: number;
    }>;
}
