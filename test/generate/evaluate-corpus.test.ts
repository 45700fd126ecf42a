import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus, formatCorpusChecks } from '../../src/generate/index.js';
import { corpusPath } from '../helpers/corpus.js';

describe('evaluateCorpus', () => {
  it('skips, naming the path, every check whose corpus file is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'netscry-no-corpus-'));
    try {
      const checks = await evaluateCorpus(empty);
      expect(checks.map((c) => c.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
      expect(checks[0]!.lines[0]).toContain(join(empty, 'labelled', 'stratosphere'));
      expect(formatCorpusChecks(checks)).toContain('Stratosphere horizontal scan');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  const corpus = corpusPath('labelled', 'stratosphere', 'port-scans');
  it.skipIf(corpus === undefined)(
    'finds the labelled Stratosphere scans and reports on WRCCDC',
    async () => {
      const checks = await evaluateCorpus(join(corpus!, '..', '..', '..'), 3);
      const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
      expect(byName['Stratosphere horizontal scan']!.status).toBe('pass');
      expect(byName['Stratosphere vertical scan']!.status).toBe('pass');
      const wrccdc = byName['WRCCDC Zeek logs']!;
      expect(wrccdc.status).toBe('report');
      expect(wrccdc.lines[0]).toMatch(/findings over \d+ records \(no conn log\)/);
    },
    60_000,
  );
});
