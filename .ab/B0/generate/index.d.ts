/**
 * Deterministic synthetic Zeek traffic with labelled attack scenarios, and the scoring of
 * detector findings against those labels.
 */
export type { FamilyScore, ScoredFinding, ScoreFamily } from './evaluate.js';
export { combineScores, DEFAULT_SCORE_FAMILIES, formatScoreTable, scoreFindings } from './evaluate.js';
export { type CorpusCheck, evaluateCorpus, formatCorpusChecks } from './evaluate-corpus.js';
export { ALL_DETECTORS, type Evaluation, type EvaluationOptions, type EvaluationRun, evaluateGenerated, type FamilyEvaluation, } from './evaluate-run.js';
export type { GeneratedFile, GenerateReport } from './generate.js';
export { generate } from './generate.js';
export type { InventoryEntry, LabelCounts, Labels, ScenarioLabel } from './labels.js';
export { LABELS_VERSION, loadLabels, parseLabels } from './labels.js';
export type { GenerateOptions, ResolvedGenerateOptions, ScenarioType } from './options.js';
export { DEFAULT_START, resolveGenerateOptions, SCENARIO_TYPES } from './options.js';
