import { type FamilyScore, type ScoreFamily } from './evaluate.js';
export interface EvaluationOptions {
    readonly families: readonly ScoreFamily[];
    /** Seeds of networks with every attack scenario. */
    readonly seeds: readonly number[];
    /** Seeds of benign-only networks (no scenario): every finding there is a false positive. */
    readonly benignSeeds: readonly number[];
    readonly hosts: number;
    readonly hours: number;
    readonly actors?: number;
}
export interface EvaluationRun {
    readonly label: string;
    readonly benign: boolean;
    readonly connections: number;
    /** One score per family, in the order of `EvaluationOptions.families`. */
    readonly scores: readonly FamilyScore[];
}
export interface FamilyEvaluation {
    /** All runs of the family combined (attack and benign). */
    readonly total: FamilyScore;
    /** Findings of the family per 10 000 connections over the benign-only runs (null without any). */
    readonly benignAlertsPer10k: number | null;
}
export interface Evaluation {
    readonly runs: readonly EvaluationRun[];
    /** Per family, in the order of `EvaluationOptions.families`. */
    readonly families: readonly FamilyEvaluation[];
}
/** Every detector on, opt-in ones included: the evaluation measures all of them at once. */
export declare const ALL_DETECTORS: Readonly<Record<string, boolean>>;
export declare function evaluateGenerated(options: EvaluationOptions): Promise<Evaluation>;
