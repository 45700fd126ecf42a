/**
 * Deterministic synthetic Zeek traffic with labelled attack scenarios, and the scoring of
 * detector findings against those labels.
 */
export { combineScores, DEFAULT_SCORE_FAMILIES, formatScoreTable, scoreFindings } from './evaluate.js';
export { evaluateCorpus, formatCorpusChecks } from './evaluate-corpus.js';
export { ALL_DETECTORS, evaluateGenerated, } from './evaluate-run.js';
export { generate } from './generate.js';
export { LABELS_VERSION, loadLabels, parseLabels } from './labels.js';
export { DEFAULT_START, resolveGenerateOptions, SCENARIO_TYPES } from './options.js';
//# sourceMappingURL=index.js.map