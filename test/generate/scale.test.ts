import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate/index.js';
import { tempDir } from './helpers.js';

let dir: { path: string; remove(): Promise<void> } | undefined;

afterAll(() => dir?.remove());

describe('scaled generation', () => {
  it('steers to targetConnections and keeps a benchmark pace', async () => {
    dir = await tempDir('scale');
    const target = 150_000;
    const t0 = performance.now();
    const report = await generate({
      out: dir.path,
      hosts: 30,
      hours: 24,
      seed: 9,
      targetConnections: target,
    });
    const seconds = (performance.now() - t0) / 1_000;
    const rate = report.counts.conn / seconds;
    console.info(
      `generated ${report.counts.conn} conn lines in ${seconds.toFixed(2)} s: ${Math.round(rate)} lines/s`,
    );
    expect(Math.abs(report.counts.conn - target) / target).toBeLessThan(0.03);
    expect(report.multiplier).toBeGreaterThan(1);
    // A floor far below the measured pace: it catches a pathological slowdown, not noise.
    expect(rate).toBeGreaterThan(20_000);
    const size = (await stat(join(dir.path, 'conn.log'))).size;
    expect(size).toBe(report.files.find((f) => f.name === 'conn.log')!.bytes);
  });
});
