/**
 * Zeek writes the same records as TSV or as JSON (`LogAscii::use_json`); an analyst must get the
 * same findings and heatmap from either. A generated day with every scenario, its five logs
 * rewritten as Zeek JSON (bench/e2e/zeek-json.ts, the converter the end-to-end benchmark uses),
 * analysed both ways with every detector: sharded (ranges) and in-process.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsvToZeekJson } from '../../bench/e2e/zeek-json.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { DETECTORS } from '../../src/detect/registry.js';
import { generate } from '../../src/generate/index.js';
import { findingsNdjson } from '../../src/report/output.js';
import { tempDir } from '../generate/helpers.js';

let dir: { path: string; remove(): Promise<void> };
let tsvLogs: string[];
let jsonLogs: string[];

beforeAll(async () => {
  dir = await tempDir('json-parity');
  const tsvDir = join(dir.path, 'tsv');
  await generate({ out: tsvDir, hosts: 40, hours: 3, seed: 11 });
  const names = (await readdir(tsvDir)).filter((f) => f.endsWith('.log')).sort();
  tsvLogs = names.map((f) => join(tsvDir, f));
  jsonLogs = names.map((f) => join(dir.path, f.replace(/\.log$/, '.json.log')));
  for (let k = 0; k < names.length; k++) await tsvToZeekJson(tsvLogs[k]!, jsonLogs[k]!);
}, 120_000);
afterAll(async () => {
  await dir.remove();
});

const EVERY = Object.fromEntries(DETECTORS.map((d) => [d.name, true]));

describe('the same day as Zeek TSV and as Zeek JSON logs', () => {
  it.each([0, 2])(
    'gives the same findings, heatmap and record counts (%i actors)',
    async (actors) => {
      const run = (inputs: string[]) => analyze({ inputs, actors, detectors: EVERY });
      const [tsv, json] = [await run(tsvLogs), await run(jsonLogs)];
      expect(tsvLogs.length).toBe(6);
      // Every detector family that has a scenario in the generated day fires.
      const families = new Set(tsv.findings.map((f) => f.detector.split('.')[0]));
      expect(families.size).toBeGreaterThanOrEqual(8);
      // weird.log too: the smuggling scenario's weirds are read by name from either format.
      expect(tsv.findings.some((f) => f.detector === 'protocol.http-smuggling')).toBe(true);
      expect(findingsNdjson(json.findings)).toBe(findingsNdjson(tsv.findings));
      expect(canonicalJson(json.heatmap)).toBe(canonicalJson(tsv.heatmap));
      expect(json.summary.records).toEqual(tsv.summary.records);
      expect(json.summary.integrity.byCode).toEqual(tsv.summary.integrity.byCode);
    },
    120_000,
  );
});
