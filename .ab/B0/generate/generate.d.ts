import type { LabelCounts, Labels } from './labels.js';
import { type GenerateOptions } from './options.js';
export interface GeneratedFile {
    readonly name: string;
    readonly path: string;
    /** Record lines (header and `#close` not counted). */
    readonly lines: number;
    readonly bytes: number;
}
export interface GenerateReport {
    readonly out: string;
    /** Epoch seconds. */
    readonly start: number;
    readonly end: number;
    readonly files: readonly GeneratedFile[];
    readonly counts: LabelCounts;
    readonly labels: Labels;
    /** Final benign session-rate multiplier (1 unless `targetConnections` steered it). */
    readonly multiplier: number;
}
export declare function generate(options: GenerateOptions): Promise<GenerateReport>;
