import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { generate } from '../../src/generate/index.js';
import { Rng } from '../../src/generate/prng.js';
import { syntheticCard } from '../../src/generate/scenarios-content.js';
import { luhnValid } from '../../src/shared/sensitive-patterns.js';

const dir = mkdtempSync(join(tmpdir(), 'netscry-content-leak-'));
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('content.leak scenario', () => {
  it('draws Luhn-valid Visa-range numbers', () => {
    const rng = new Rng(5, 1);
    for (let k = 0; k < 200; k++) {
      const card = syntheticCard(rng);
      expect(card).toMatch(/^4\d{15}$/);
      expect(luhnValid(card)).toBe(true);
    }
  });

  it('is labelled truthfully and found by the content detector, masked', async () => {
    const report = await generate({ out: dir, hosts: 8, hours: 2, seed: 4, scenarios: ['content.leak'] });
    const [label] = report.labels.scenarios;
    expect(label).toMatchObject({ id: 'content.leak-1', type: 'content.leak', ports: [80, 443] });
    const http = await readFile(join(dir, 'http.log'), 'utf8');
    const cards = [...http.matchAll(/cc=(\d{16})/g)].map((m) => m[1]!);
    expect(cards.length).toBe(label!.params!.cardRequests);
    expect(label!.description).not.toMatch(/\d{16}/);
    for (const card of cards) expect(label!.description).toContain(`************${card.slice(-4)}`);
    const result = await analyze({
      inputs: [join(dir, 'conn.log'), join(dir, 'dns.log'), join(dir, 'http.log'), join(dir, 'ssl.log')],
      actors: 0,
      detectors: { scan: false, content: true },
    });
    const content = result.findings.filter((f) => f.detector.startsWith('content.'));
    expect(content.length).toBeGreaterThanOrEqual(4);
    for (const f of content) {
      expect(f.entities.src).toBe(label!.src);
      expect(f.firstTs).toBeGreaterThanOrEqual(label!.start - 1);
      expect(f.lastTs).toBeLessThanOrEqual(label!.end + 1);
    }
    const kinds = new Set(content.map((f) => `${f.detector}:${f.evidence.kind ?? f.evidence.entry}`));
    expect(kinds).toEqual(
      new Set([
        'content.sensitive-data:card',
        'content.sensitive-data:aws-access-key',
        'content.suspicious-destination:pastebin.com',
        'content.suspicious-destination:ngrok-free.app',
      ]),
    );
    const text = JSON.stringify(result.findings);
    for (const card of cards) expect(text).not.toContain(card.slice(0, 12));
    expect(text).not.toMatch(/AKIA[A-Z2-7]{16}/);
  });
});
