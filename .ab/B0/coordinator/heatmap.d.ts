import { type HilbertOptions } from '../report/heatmap/hilbert-view.js';
import { type HeatmapView, type ViewOptions } from '../report/heatmap/view.js';
import type { AnalyzeOptions } from './options.js';
import { type AnalysisResult } from './pipeline.js';
export type HeatmapFormat = 'svg' | 'png' | 'json' | 'csv';
export interface HeatmapRunOptions {
    /** Everything `analyze` takes (inputs, actors, local networks, …) but the heatmap settings. */
    readonly analyze: Omit<AnalyzeOptions, 'heatmap'>;
    /** Files to write; the format is the extension (.svg, .png, .json, .csv). */
    readonly out: readonly string[];
    readonly view?: Partial<Omit<ViewOptions, 'source'>>;
    /** `matrix` (blocks × time) or `hilbert` (address-space map). */
    readonly layout?: 'matrix' | 'hilbert';
    /** Hilbert map: family and pixel prefix (default IPv4 /16). */
    readonly hilbert?: Partial<HilbertOptions>;
    /** Hilbert map: also one file per time bucket (`name-0001.png`, …). */
    readonly frames?: boolean;
}
export interface HeatmapRunResult {
    readonly view: HeatmapView;
    readonly written: readonly string[];
    readonly analysis: AnalysisResult;
}
export declare function formatOfFile(path: string): HeatmapFormat;
/** The aggregation bucket for a view bucket: 300 s when it divides it, else 60 s. */
export declare function aggregationBucket(viewBucket: number): number;
export declare function runHeatmap(options: HeatmapRunOptions): Promise<HeatmapRunResult>;
/** Names the inputs in a heatmap's title: up to three file names (and the live feed). */
export declare function inputsLabel(inputs: readonly string[], live?: string): string;
