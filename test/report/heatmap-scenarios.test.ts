/**
 * The heatmap's anomalies on labelled generated traffic: the scan and exfiltration scenarios'
 * cells must be among the highlighted ones (issue: traffic heatmaps, acceptance).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { generate, loadLabels } from '../../src/generate/index.js';
import type { HeatmapPartial } from '../../src/report/heatmap/aggregate.js';
import {
  type Anomaly,
  buildView,
  type ViewOptions,
  validateViewOptions,
} from '../../src/report/heatmap/view.js';
import { parseCidr } from '../../src/shared/addr.js';

let dir: string;
let partial: HeatmapPartial | undefined;
let scenarios: ReadonlyArray<{ type: string; src?: string; start: number; end: number }>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-heatmap-scenarios-'));
  await generate({ out: dir, hosts: 60, hours: 6, seed: 7 });
  scenarios = (await loadLabels(join(dir, 'labels.json'))).scenarios;
  const result = await analyze({
    inputs: [join(dir, 'conn.log')],
    actors: 0,
    heatmap: { bucketSeconds: 300, v4Prefix: 32, v6Prefix: 128 },
  });
  partial = result.heatmapPartial;
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function contains(block: string, addr: string): boolean {
  const net = parseCidr(block);
  const a = parseCidr(addr);
  if (!net || !a) return false;
  for (let b = 0; b < net.bits; b++) {
    const w = b >> 5;
    const bit = 1 << (31 - (b & 31));
    if ((net.words[w]! & bit) !== (a.words[w]! & bit)) return false;
  }
  return true;
}

function hits(
  anomalies: readonly Anomaly[],
  s: { src?: string; start: number; end: number },
  bucket = 300,
): Anomaly[] {
  return anomalies.filter(
    (a) => contains(a.block, s.src!) && a.bucketStart + bucket > s.start && a.bucketStart <= s.end,
  );
}

function view(o: Partial<ViewOptions>) {
  return buildView(partial, validateViewOptions({ bucketSeconds: 300, ...o }, 300));
}

describe('heatmap anomalies on generated scenarios', () => {
  it('highlights both scans, the inbound scanner and the DNS tunnel in the default view', () => {
    const v = view({ metric: 'connections', prefix: 'auto', maxRows: 64 });
    for (const type of ['scan.horizontal', 'scan.vertical', 'scan.inbound', 'exfil.dns']) {
      const s = scenarios.find((x) => x.type === type)!;
      expect(hits(v.anomalies, s).length, `${type} from ${s.src}`).toBeGreaterThan(0);
    }
    // They are the strongest signals of the day: the ten highest scores are theirs.
    const labelled = scenarios.filter((s) =>
      ['scan.horizontal', 'scan.vertical', 'scan.inbound', 'exfil.dns'].includes(s.type),
    );
    for (const a of v.anomalies.slice(0, 10)) {
      expect(
        labelled.some((s) => hits([a], s).length > 0),
        `${a.block} at ${a.bucketStart}`,
      ).toBe(true);
    }
  });

  it('highlights the HTTPS upload in the uploaded-bytes view', () => {
    const v = view({ metric: 'orig_bytes', prefix: { ipv4: 32, ipv6: 128 }, maxRows: 1000 });
    const s = scenarios.find((x) => x.type === 'exfil.https')!;
    expect(hits(v.anomalies, s).length).toBeGreaterThan(3);
    expect(hits(v.anomalies.slice(0, 5), s)).toHaveLength(5);
  });
});
