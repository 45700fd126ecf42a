import { type Finding } from '../detect/finding.js';
import type { HeatmapMatrix, HeatmapPartial } from './heatmap/aggregate.js';
export interface OutputFiles {
    readonly findings: string;
    readonly heatmap: string;
    /** The drawn heatmap, when the result carries its aggregate. */
    readonly heatmapSvg?: string;
    readonly heatmapPng?: string;
    readonly summary: string;
}
export declare function findingsNdjson(findings: readonly Finding[]): string;
export declare function writeOutputs(dir: string, result: {
    readonly findings: readonly Finding[];
    readonly heatmap: HeatmapMatrix;
    readonly heatmapPartial?: HeatmapPartial | undefined;
    readonly summary: unknown;
}, source?: string): Promise<OutputFiles>;
