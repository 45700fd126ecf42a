/**
 * netscry's public API. Everything here is stable within a major version; anything imported
 * from deeper paths is internal.
 */
export { analyze, type AnalysisResult } from './coordinator/pipeline.js';
export type { AnalyzeOptions, Progress } from './coordinator/options.js';
export type { Summary } from './coordinator/summary.js';
export { SUPPORTED_FORMATS, type ChecksumResult } from './coordinator/inputs.js';
export { writeOutputs, findingsNdjson, type OutputFiles } from './report/output.js';
export {
  type HeatmapConfig,
  type HeatmapMatrix,
  type HeatmapRow,
  DEFAULT_HEATMAP_CONFIG,
  HEATMAP_COLUMNS,
} from './report/heatmap/aggregate.js';
export { type Finding, type Severity, compareFindings } from './detect/finding.js';
export { type ScanConfig, DEFAULT_SCAN_CONFIG } from './detect/scan.js';
export { IntegrityCode, type IntegrityEvent } from './ingest/events.js';
export { ErrorCode, NetscryError } from './shared/errors.js';
export { generate, loadLabels, scoreFindings, formatScoreTable } from './generate/index.js';
