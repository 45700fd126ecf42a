/**
 * The `beacon.cdn` generator scenario end to end: truthfully labelled (one SNI, many edge
 * addresses, no address pair with minConnections), and found by `beacon.domain` only.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { DEFAULT_BEACON_CONFIG } from '../../src/detect/beacon.js';
import type { Finding } from '../../src/detect/finding.js';
import { generate } from '../../src/generate/index.js';
import type { ScenarioLabel } from '../../src/generate/labels.js';
import { column, readZeekLog, tempDir, type ZeekLog } from '../generate/helpers.js';

let dir: { path: string; remove(): Promise<void> };
let label: ScenarioLabel;
let conn: ZeekLog;
let ssl: ZeekLog;
let findings: readonly Finding[];

beforeAll(async () => {
  dir = await tempDir('beacon-cdn');
  const report = await generate({ out: dir.path, hosts: 12, hours: 12, seed: 3, scenarios: ['beacon.cdn'] });
  label = report.labels.scenarios.find((s) => s.type === 'beacon.cdn')!;
  conn = await readZeekLog(join(dir.path, 'conn.log'));
  ssl = await readZeekLog(join(dir.path, 'ssl.log'));
  const result = await analyze({
    inputs: ['conn', 'dns', 'http', 'ssl', 'dhcp'].map((l) => join(dir.path, `${l}.log`)),
    actors: 0,
    detectors: { beacon: true },
  });
  findings = result.findings;
}, 120_000);

afterAll(async () => {
  await dir.remove();
});

describe('beacon.cdn scenario', () => {
  it('checks in to one SNI through many edges, none with enough connections for a pair', () => {
    expect(label).toBeDefined();
    const [src, resp, name] = ['id.orig_h', 'id.resp_h', 'server_name'].map((f) => column(ssl, f));
    const mine = ssl.rows.filter((r) => r[src!] === label.src && r[name!] === label.domain);
    expect(mine.length).toBe(label.params!.beats);
    expect(new Set(mine.map((r) => r[resp!])).size).toBe(label.targets!.length);
    expect(label.targets!.length).toBeGreaterThanOrEqual(8);
    const [co, cr] = ['id.orig_h', 'id.resp_h'].map((f) => column(conn, f));
    const perEdge = new Map<string, number>();
    for (const r of conn.rows) {
      if (r[co!] === label.src && label.targets!.includes(r[cr!]!))
        perEdge.set(r[cr!]!, (perEdge.get(r[cr!]!) ?? 0) + 1);
    }
    expect(Math.max(...perEdge.values())).toBeLessThan(DEFAULT_BEACON_CONFIG.minConnections);
    // Each check-in looks the name up again first (TTL 30 s): a DNS and a TLS connection.
    expect(label.connections).toBe(2 * mine.length);
  });

  it('is found by beacon.domain, and by nothing else of the beacon family', () => {
    const beacon = findings.filter((f) => f.detector.startsWith('beacon'));
    expect(beacon.map((f) => f.detector)).toEqual(['beacon.domain']);
    const [f] = beacon;
    expect(f!.entities.src).toBe(label.src);
    expect(f!.entities.domain).toBe(label.domain);
    expect(f!.evidence.connections).toBe(label.params!.beats);
    expect(f!.firstTs).toBeGreaterThanOrEqual(label.start - 1);
    expect(f!.lastTs).toBeLessThanOrEqual(label.end + 1);
  });
});
