/**
 * Same input, same bytes out: findings.ndjson and heatmap.json for 0, 1, 2 and 4 actors and
 * for different chunk and batch sizes; and after an actor is killed mid-run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeOptions } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { generate } from '../../src/generate/index.js';
import { findingsNdjson } from '../../src/report/output.js';
import { corpusPath } from '../helpers/corpus.js';

let dir: string;
let inputs: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-determinism-'));
  await generate({ out: join(dir, 'gen'), hosts: 40, hours: 3, seed: 11 });
  inputs = [join(dir, 'gen')];
  const vertical = corpusPath('labelled', 'stratosphere', 'port-scans', 'vertical', 'conn.log');
  if (vertical) inputs.push(vertical);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outputs(
  options: Omit<AnalyzeOptions, 'inputs'>,
): Promise<{ findings: string; heatmap: string; resumedAt: number[] }> {
  const result = await analyze({ inputs, ...options });
  return {
    findings: findingsNdjson(result.findings),
    heatmap: canonicalJson(result.heatmap),
    resumedAt: result.summary.run.recoveries.map((r) => r.resumedAtChunk),
  };
}

describe('determinism', () => {
  let reference: { findings: string; heatmap: string };
  beforeAll(async () => {
    reference = await outputs({ actors: 0 });
    expect(reference.findings.length).toBeGreaterThan(0);
  });

  it.each([
    { actors: 1 },
    { actors: 2 },
    { actors: 4 },
    { actors: 2, chunkBytes: 64 * 1024, batchRecords: 7 },
    { actors: 4, chunkBytes: 100_003, batchRecords: 500 },
    { actors: 0, chunkBytes: 4096, batchRecords: 1 },
  ])('gives the same bytes with %o', async (options) => {
    const out = await outputs(options);
    expect(out.findings).toBe(reference.findings);
    expect(out.heatmap).toBe(reference.heatmap);
  });

  it('draws the same heatmap without detectors (no originator copies, as the heatmap verb runs)', async () => {
    for (const actors of [0, 2]) {
      const out = await outputs({ actors, detect: false });
      expect(out.findings).toBe('');
      expect(out.heatmap).toBe(reference.heatmap);
    }
  });

  it('recovers from an actor killed mid-run with the undisturbed output', async () => {
    const out = await outputs({
      actors: 2,
      chunkBytes: 64 * 1024,
      checkpointEveryChunks: 3,
      crashActor: { actor: 1, afterChunks: 5 },
    });
    // one failure, resumed from a real checkpoint (not from the start)
    expect(out.resumedAt).toHaveLength(1);
    expect(out.resumedAt[0]).toBeGreaterThan(0);
    expect(out.findings).toBe(reference.findings);
    expect(out.heatmap).toBe(reference.heatmap);
  });

  it('checkpoints by time by default: none in a run shorter than the interval, some when it is short', async () => {
    const crash = { actors: 2, chunkBytes: 64 * 1024, crashActor: { actor: 1, afterChunks: 5 } };
    // The default interval (30 s) outlasts this run: the replacement starts from the beginning.
    const untimely = await outputs(crash);
    expect(untimely.resumedAt).toEqual([0]);
    expect(untimely.findings).toBe(reference.findings);
    // A millisecond interval marks about every chunk dealt: resumed from a checkpoint.
    const frequent = await outputs({ ...crash, checkpointEverySeconds: 0.001 });
    expect(frequent.resumedAt).toHaveLength(1);
    expect(frequent.resumedAt[0]).toBeGreaterThan(0);
    expect(frequent.findings).toBe(reference.findings);
    expect(frequent.heatmap).toBe(reference.heatmap);
  });
});
