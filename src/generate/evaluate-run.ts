/**
 * Measures detectors on generated, labelled traffic: for each seed, generate a network with
 * every attack scenario, analyse it and score the findings; then benign-only networks, where
 * every finding is a false positive. The combined row weighs all runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../coordinator/pipeline.js';
import { DETECTORS } from '../detect/registry.js';
import { combineScores, type FamilyScore, type ScoreFamily, scoreFindings } from './evaluate.js';
import { generate } from './generate.js';
import { loadLabels } from './labels.js';

export interface EvaluationOptions {
  readonly family: ScoreFamily;
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
  readonly connections: number;
  readonly score: FamilyScore;
}

export interface Evaluation {
  readonly runs: readonly EvaluationRun[];
  readonly total: FamilyScore;
  /** Findings per 10 000 connections over the benign-only runs (null without any). */
  readonly benignAlertsPer10k: number | null;
}

export async function evaluateGenerated(options: EvaluationOptions): Promise<Evaluation> {
  const work = await mkdtemp(join(tmpdir(), 'netscry-eval-'));
  try {
    const runs: EvaluationRun[] = [];
    const plan = [
      ...options.seeds.map((seed) => ({ seed, benign: false })),
      ...options.benignSeeds.map((seed) => ({ seed, benign: true })),
    ];
    for (const { seed, benign } of plan) {
      const data = join(work, `${benign ? 'benign' : 'attack'}-${seed}`);
      await generate({
        out: data,
        hosts: options.hosts,
        hours: options.hours,
        seed,
        ...(benign ? { scenarios: [] } : {}),
      });
      const result = await analyze({
        // Every log the generator wrote: detectors read dns, http and ssl records too.
        inputs: ['conn', 'dns', 'http', 'ssl', 'dhcp'].map((log) => join(data, `${log}.log`)),
        ...(options.actors === undefined ? {} : { actors: options.actors }),
        // Opt-in detectors are turned on when they are evaluated.
        detectors: Object.fromEntries(
          DETECTORS.filter((d) => options.family.detectors.some((p) => p.startsWith(d.name))).map((d) => [
            d.name,
            true,
          ]),
        ),
      });
      const labels = await loadLabels(join(data, 'labels.json'));
      const [score] = scoreFindings(labels, result.findings, options.family);
      runs.push({
        label: `${benign ? 'benign' : 'attacks'} seed ${seed}`,
        connections: labels.counts.conn,
        score: score!,
      });
      await rm(data, { recursive: true, force: true });
    }
    const [total] = combineScores(
      runs.map((r) => [r.score]),
      runs.map((r) => r.connections),
    );
    const benignRuns = runs.filter((r) => r.label.startsWith('benign'));
    const benignConnections = benignRuns.reduce((n, r) => n + r.connections, 0);
    const benignFindings = benignRuns.reduce((n, r) => n + r.score.findings, 0);
    return {
      runs,
      total: { ...total!, family: 'all runs' },
      benignAlertsPer10k: benignConnections === 0 ? null : (benignFindings * 10_000) / benignConnections,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
