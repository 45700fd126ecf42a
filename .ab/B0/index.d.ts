/**
 * netscry's public API. Everything here is stable within a major version; anything imported
 * from deeper paths is internal.
 */
export { type ExtractRunOptions, type ExtractRunSummary, extractFiles } from './coordinator/extract.js';
export { type HeatmapRunOptions, type HeatmapRunResult, runHeatmap } from './coordinator/heatmap.js';
export { type ChecksumResult, SUPPORTED_FORMATS } from './coordinator/inputs.js';
export { type ListenerSpec, LiveCollector, type LiveOptions, type LiveStats, listenUrl, parseListenUrl, } from './coordinator/live.js';
export type { AnalyzeOptions, LiveFeed, Progress } from './coordinator/options.js';
export { type AnalysisResult, analyze } from './coordinator/pipeline.js';
export type { Summary } from './coordinator/summary.js';
export { type BeaconConfig, DEFAULT_BEACON_CONFIG } from './detect/beacon.js';
export { compareFindings, type Finding, type Severity } from './detect/finding.js';
export { DEFAULT_SCAN_CONFIG, type ScanConfig } from './detect/scan.js';
export { formatScoreTable, generate, loadLabels, scoreFindings } from './generate/index.js';
export { IntegrityCode, type IntegrityEvent } from './ingest/events.js';
export { type BiflowRecord, BiflowStitcher, DatagramSplitter, type FlowRecord, NetflowConnConverter, NetflowDecoder, type NetflowEvent, NetflowEventCode, } from './ingest/netflow/index.js';
export type { ConnRecord } from './ingest/pcap/connections.js';
export { type ExtractOptions, type ExtractResult, extractCapture } from './ingest/pcap/extract.js';
export type { ProtocolEvent } from './ingest/pcap/packet.js';
export { extractSecurityEvent, parseSyslog, type SecurityEvent, SyslogConverter, type SyslogEvent, SyslogEventCode, SyslogFramer, type SyslogRecord, } from './ingest/syslog/index.js';
export { DEFAULT_HEATMAP_CONFIG, HEATMAP_COLUMNS, type HeatmapConfig, type HeatmapMatrix, type HeatmapRow, } from './report/heatmap/aggregate.js';
export { type AnomalyConfig, DEFAULT_ANOMALY_CONFIG, scoreCells } from './report/heatmap/anomaly.js';
export { viewCsv, viewJson } from './report/heatmap/export.js';
export { buildHilbertMap, type HilbertOptions } from './report/heatmap/hilbert-view.js';
export { type Anomaly, buildView, type HeatmapView, type ViewMetric, type ViewOptions, validateViewOptions, } from './report/heatmap/view.js';
export { findingsNdjson, type OutputFiles, writeOutputs } from './report/output.js';
export { decodePng, encodePng, type HeatmapGrid, type HilbertMap, renderHilbertPng, renderHilbertSvg, renderMatrixPng, renderMatrixSvg, } from './report/render/index.js';
export { ErrorCode, NetscryError } from './shared/errors.js';
export { applySuppression, compileSuppressRules, parseSuppressFile, type SuppressionReport, type SuppressRule, type SuppressRuleInput, type SuppressTrack, } from './triage/suppress.js';
