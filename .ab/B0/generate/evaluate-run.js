/**
 * Measures detectors on generated, labelled traffic: for each seed, generate a network with
 * every attack scenario, analyse it once with every detector on and score the findings of each
 * family; then benign-only networks, where every finding is a false positive. The combined row
 * of a family weighs all its runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../coordinator/pipeline.js';
import { DETECTORS } from '../detect/registry.js';
import { combineScores, scoreFindings } from './evaluate.js';
import { generate } from './generate.js';
import { loadLabels } from './labels.js';
/** Every detector on, opt-in ones included: the evaluation measures all of them at once. */
export const ALL_DETECTORS = Object.fromEntries(DETECTORS.map((d) => [d.name, true]));
export async function evaluateGenerated(options) {
    const work = await mkdtemp(join(tmpdir(), 'netscry-eval-'));
    try {
        const runs = [];
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
                inputs: ['conn', 'dns', 'http', 'ssl', 'dhcp', 'weird'].map((log) => join(data, `${log}.log`)),
                ...(options.actors === undefined ? {} : { actors: options.actors }),
                detectors: ALL_DETECTORS,
            });
            const labels = await loadLabels(join(data, 'labels.json'));
            runs.push({
                label: `${benign ? 'benign' : 'attacks'} seed ${seed}`,
                benign,
                connections: labels.counts.conn,
                scores: scoreFindings(labels, result.findings, options.families),
            });
            await rm(data, { recursive: true, force: true });
        }
        const totals = combineScores(runs.map((r) => r.scores), runs.map((r) => r.connections));
        const benignRuns = runs.filter((r) => r.benign);
        const benignConnections = benignRuns.reduce((n, r) => n + r.connections, 0);
        return {
            runs,
            families: options.families.map((_f, k) => {
                const benignFindings = benignRuns.reduce((n, r) => n + r.scores[k].findings, 0);
                return {
                    total: totals[k],
                    benignAlertsPer10k: benignConnections === 0 ? null : (benignFindings * 10_000) / benignConnections,
                };
            }),
        };
    }
    finally {
        await rm(work, { recursive: true, force: true });
    }
}
//# sourceMappingURL=evaluate-run.js.map