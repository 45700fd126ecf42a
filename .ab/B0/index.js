/**
 * netscry's public API. Everything here is stable within a major version; anything imported
 * from deeper paths is internal.
 */
export { extractFiles } from './coordinator/extract.js';
export { runHeatmap } from './coordinator/heatmap.js';
export { SUPPORTED_FORMATS } from './coordinator/inputs.js';
export { LiveCollector, listenUrl, parseListenUrl, } from './coordinator/live.js';
export { analyze } from './coordinator/pipeline.js';
export { DEFAULT_BEACON_CONFIG } from './detect/beacon.js';
export { compareFindings } from './detect/finding.js';
export { DEFAULT_SCAN_CONFIG } from './detect/scan.js';
export { formatScoreTable, generate, loadLabels, scoreFindings } from './generate/index.js';
export { IntegrityCode } from './ingest/events.js';
export { BiflowStitcher, DatagramSplitter, NetflowConnConverter, NetflowDecoder, NetflowEventCode, } from './ingest/netflow/index.js';
export { extractCapture } from './ingest/pcap/extract.js';
export { extractSecurityEvent, parseSyslog, SyslogConverter, SyslogEventCode, SyslogFramer, } from './ingest/syslog/index.js';
export { DEFAULT_HEATMAP_CONFIG, HEATMAP_COLUMNS, } from './report/heatmap/aggregate.js';
export { DEFAULT_ANOMALY_CONFIG, scoreCells } from './report/heatmap/anomaly.js';
export { viewCsv, viewJson } from './report/heatmap/export.js';
export { buildHilbertMap } from './report/heatmap/hilbert-view.js';
export { buildView, validateViewOptions, } from './report/heatmap/view.js';
export { findingsNdjson, writeOutputs } from './report/output.js';
export { decodePng, encodePng, renderHilbertPng, renderHilbertSvg, renderMatrixPng, renderMatrixSvg, } from './report/render/index.js';
export { ErrorCode, NetscryError } from './shared/errors.js';
export { applySuppression, compileSuppressRules, parseSuppressFile, } from './triage/suppress.js';
//# sourceMappingURL=index.js.map