/**
 * Writes a run's results: findings.ndjson (one finding per line, canonical key order, in the
 * findings' total order), heatmap.json and summary.json. The first two are byte-identical for
 * identical input whatever the actor count, chunk or batch size; summary.json's `run` section
 * holds the timing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, type Finding } from '../detect/finding.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import type { HeatmapMatrix } from './heatmap/aggregate.js';

export interface OutputFiles {
  readonly findings: string;
  readonly heatmap: string;
  readonly summary: string;
}

export function findingsNdjson(findings: readonly Finding[]): string {
  let out = '';
  for (const f of findings) out += `${canonicalJson(f)}\n`;
  return out;
}

export async function writeOutputs(
  dir: string,
  result: {
    readonly findings: readonly Finding[];
    readonly heatmap: HeatmapMatrix;
    readonly summary: unknown;
  },
): Promise<OutputFiles> {
  const files: OutputFiles = {
    findings: join(dir, 'findings.ndjson'),
    heatmap: join(dir, 'heatmap.json'),
    summary: join(dir, 'summary.json'),
  };
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(files.findings, findingsNdjson(result.findings));
    await writeFile(files.heatmap, `${canonicalJson(result.heatmap)}\n`);
    await writeFile(files.summary, `${JSON.stringify(result.summary, null, 2)}\n`);
  } catch (err) {
    throw new NetscryError(
      ErrorCode.OutputFailed,
      `cannot write results to ${dir}: ${(err as Error).message}`,
      { dir },
    );
  }
  return files;
}
