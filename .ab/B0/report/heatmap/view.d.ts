/**
 * Heatmap views: from the merged heatmap partial (cells of side × block × bucket with their
 * counters and peer sketches) to a blocks × time grid of one metric, ready to render, with the
 * anomalous cells scored (anomaly.ts).
 *
 * - **Blocks.** A fixed prefix per family (coarser than or equal to the partial's: IPv4 `/8`…`/32`,
 *   IPv6 `/16`…`/128`) sums the partial's blocks into their covering block. `auto` builds a
 *   compressed binary prefix tree over the partial's blocks and, under a row budget, keeps
 *   splitting the busiest block into its busy halves (a chain with one busy half is followed at
 *   no cost): quiet space stays merged in wide blocks, a sweep of a /8 stays one row, one noisy
 *   host becomes its own /32. Labels are CIDRs; IPv4 rows come before IPv6 rows, each in address
 *   order.
 * - **Time.** Buckets from 1 minute to 1 day (a multiple of the partial's bucket), aligned to the
 *   clock of the display time zone (a day starts at local midnight), which the subtitle states.
 * - **Metrics.** Sums for counts and bytes; distinct peers by merging the cells' bottom-k
 *   sketches, so coarser blocks and buckets count a peer once; findings by their source (or
 *   destination) address and first time.
 *
 * Cost: one pass over the partial's cells with a Map per (row, bucket), O(rows · buckets) for
 * the grid and the anomaly scores.
 */
import type { Finding } from '../../detect/finding.js';
import type { HeatmapGrid } from '../render/grid.js';
import { type HeatmapPartial } from './aggregate.js';
import { type AnomalyConfig, type CellScore } from './anomaly.js';
export declare const VIEW_METRICS: readonly ['connections', 'bytes', 'orig_bytes', 'resp_bytes', 'distinct_peers', 'failed', 'distinct_ports', 'findings'];
export type ViewMetric = (typeof VIEW_METRICS)[number];
/**
 * Which endpoint's block a connection is drawn in: the originator's, the responder's, or the
 * local one (the originator's when both or neither are local, as sharding decides).
 */
export type ViewSide = 'orig' | 'resp' | 'local';
export interface ViewOptions {
    readonly metric: ViewMetric;
    readonly side: ViewSide;
    /** Fixed prefixes per family, or `auto` (a prefix tree under `maxRows`). */
    readonly prefix: {
        readonly ipv4: number;
        readonly ipv6: number;
    } | 'auto';
    /** Bucket width: a multiple of the partial's, 60 … 86 400 s. */
    readonly bucketSeconds: number;
    /** Display time zone as minutes east of UTC (buckets align to its clock). */
    readonly utcOffsetMinutes: number;
    /** Row budget: `auto` splits up to it; fixed prefixes keep the busiest rows and fold the rest. */
    readonly maxRows: number;
    /** Time buckets at most: a run spanning more of them at this bucket width is refused. */
    readonly maxColumns: number;
    readonly scale: 'linear' | 'log';
    readonly anomaly: AnomalyConfig;
    /** Names the input in the title (file names, "live …"). */
    readonly source: string;
}
export declare const DEFAULT_VIEW_OPTIONS: ViewOptions;
/** A highlighted cell with its row's block and bucket time. */
export interface Anomaly extends CellScore {
    readonly block: string;
    readonly bucketStart: number;
}
export interface HeatmapView {
    readonly grid: HeatmapGrid;
    readonly anomalies: readonly Anomaly[];
    /** Per row: its block and the metric's total over the run. */
    readonly rows: ReadonlyArray<{
        readonly block: string;
        readonly family: 'ipv4' | 'ipv6';
        readonly total: number;
    }>;
    readonly timeZone: string;
}
/**
 * The shortest bucket of the ladder (a multiple of the aggregation's) whose view of the records'
 * time range fits `maxColumns`; undefined when not even a day does.
 */
export declare function fittingBucket(partial: HeatmapPartial | undefined, maxColumns: number): number | undefined;
/** `+02:00`-style name of an offset; `UTC` for 0. */
export declare function timeZoneName(offsetMinutes: number): string;
/** Parses `UTC`, `Z`, `+02:00`, `-0530`, `+2` into minutes east of UTC. */
export declare function parseUtcOffset(text: string): number | undefined;
export declare function validateViewOptions(options: Partial<ViewOptions>, partialBucketSeconds: number): ViewOptions;
/**
 * Builds the grid of one metric. The partial's prefixes must be at least as fine as the view's
 * (analyze aggregates at /24 and /64; `netscry heatmap` at the view's prefix, or /32 and /128
 * for `auto`).
 */
export declare function buildView(partial: HeatmapPartial | undefined, options: ViewOptions, findings?: readonly Finding[]): HeatmapView;
