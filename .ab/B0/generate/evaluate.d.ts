/**
 * Scores detector findings against generator labels.
 *
 * A finding of a family is a true positive when its `entities.src` (or any element, if a list)
 * is a scenario's `src` or one of its `aliases`, the scenario's type belongs to the family, and
 * the finding's [firstTs, lastTs] overlaps the scenario's [start, end] widened by the slack.
 * Precision counts findings; recall counts scenarios with at least one matching finding.
 * Detector names and scenario types match by prefix (`scan.` covers every scan).
 */
import type { Finding } from '../detect/finding.js';
import type { Labels } from './labels.js';
export type ScoredFinding = Pick<Finding, 'detector' | 'entities' | 'firstTs' | 'lastTs'>;
export interface ScoreFamily {
    /** Row name in the table; default: the detector prefixes joined with `|`. */
    readonly name?: string;
    /** Detector-name prefixes that belong to the family. */
    readonly detectors: readonly string[];
    /** Scenario-type prefixes the family is expected to find. */
    readonly scenarioTypes: readonly string[];
    /** Seconds added on both sides of a scenario window. Default 60. */
    readonly slackSeconds?: number;
    /**
     * Scenario-type prefixes of other families that this family may rightly flag too (an upload
     * of gigabytes is also a traffic anomaly): a finding matching one is a true positive, but
     * these scenarios do not count for recall. Default none.
     */
    readonly alsoAccept?: readonly string[];
}
export interface FamilyScore {
    readonly family: string;
    readonly detectors: readonly string[];
    readonly scenarioTypes: readonly string[];
    /** Findings of the family. */
    readonly findings: number;
    /** Findings that match a labelled scenario of the family. */
    readonly tp: number;
    /** Findings that match none. */
    readonly fp: number;
    /** Scenarios of the family no finding matched. */
    readonly fn: number;
    readonly scenarios: number;
    readonly detected: number;
    /** tp / findings; null without findings. */
    readonly precision: number | null;
    /** detected / scenarios; null without scenarios. */
    readonly recall: number | null;
    /** null when precision or recall is. */
    readonly f1: number | null;
    /** Findings per 10 000 conn.log lines; null when the labels count no connections. */
    readonly alertsPer10k: number | null;
    /** Ids of the scenarios no finding matched. */
    readonly missed: readonly string[];
}
/** One row per detector family netscry ships, each against the scenarios it should catch. */
export declare const DEFAULT_SCORE_FAMILIES: readonly ScoreFamily[];
export declare function scoreFindings(labels: Labels, findings: readonly ScoredFinding[], families?: ScoreFamily | readonly ScoreFamily[]): FamilyScore[];
/** An aligned plain-text table: text left, numbers right. */
export declare function formatScoreTable(scores: readonly FamilyScore[], 
/** Optional last column: the family's findings per 10 k connections on benign-only networks. */
benignPer10k?: readonly (number | null)[]): string;
/**
 * Sums the scores of several runs family by family (tp, fp, fn, findings, scenarios) and
 * recomputes the ratios, so a figure over many seeds weighs every scenario and finding once.
 * `connections[k]` is run k's conn.log line count.
 */
export declare function combineScores(runs: readonly (readonly FamilyScore[])[], connections: readonly number[]): FamilyScore[];
