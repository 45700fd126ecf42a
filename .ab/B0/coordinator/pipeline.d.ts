import type { Finding } from '../detect/finding.js';
import { type HeatmapMatrix, type HeatmapPartial } from '../report/heatmap/aggregate.js';
import { type AnalyzeOptions } from './options.js';
import { type Summary } from './summary.js';
export interface AnalysisResult {
    /** Sorted by time, detector, id. */
    readonly findings: readonly Finding[];
    readonly heatmap: HeatmapMatrix;
    /** The merged aggregate behind `heatmap`, with peer sketches: what views are built from. */
    readonly heatmapPartial: HeatmapPartial | undefined;
    readonly summary: Summary;
}
export declare function analyze(options: AnalyzeOptions): Promise<AnalysisResult>;
/** One actor failure and where the next generation resumed. */
export interface Recovery {
    readonly error: string;
    /** The chunk the new generation resumed at (0: no complete checkpoint yet). */
    readonly resumedAtChunk: number;
}
