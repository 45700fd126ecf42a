/**
 * A heatmap view as data for other tools: JSON (the grid, rows with totals, anomalies) and CSV
 * in long form — one line per non-empty cell, which spreadsheets, pandas and DuckDB read
 * without reshaping. Times are unix seconds plus the bucket start in the view's time zone.
 */
import type { HeatmapView } from './view.js';
export interface HeatmapViewJson {
    readonly version: 1;
    readonly title: string;
    readonly subtitle: string;
    readonly metric: string;
    readonly timeZone: string;
    readonly utcOffsetMinutes: number;
    readonly bucketSeconds: number;
    readonly bucketStarts: readonly number[];
    readonly scale: 'linear' | 'log';
    /** Per row: block (CIDR or other-ipv4/other-ipv6), family, total, one value per bucket (null: no records). */
    readonly rows: ReadonlyArray<{
        readonly block: string;
        readonly family: 'ipv4' | 'ipv6';
        readonly total: number;
        readonly values: ReadonlyArray<number | null>;
    }>;
    readonly anomalies: ReadonlyArray<{
        readonly block: string;
        readonly bucketStart: number;
        readonly value: number;
        readonly median: number;
        readonly sigma: number;
        readonly score: number;
    }>;
}
export declare function viewJson(v: HeatmapView): HeatmapViewJson;
/** `2024-03-03T10:05:00+02:00` for a unix time shown at `offsetMinutes`. */
export declare function localIso(ts: number, offsetMinutes: number): string;
/** Long-form CSV: block,family,bucket_start,bucket_start_local,value,anomaly_score. */
export declare function viewCsv(v: HeatmapView): string;
