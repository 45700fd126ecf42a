import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateReport, generate } from '../../src/generate/index.js';
import { column, readZeekLog, tempDir, type ZeekLog } from './helpers.js';

/** The scan thresholds benign traffic must stay under (per originator, any 5-minute window). */
const WINDOW = 300;
const MAX_PORTS_TO_ONE_HOST = 15;
const MAX_HOSTS_ON_ONE_PORT = 25;

let dir: { path: string; remove(): Promise<void> };
let report: GenerateReport;
let conn: ZeekLog;

beforeAll(async () => {
  dir = await tempDir('benign');
  report = await generate({ out: dir.path, hosts: 30, hours: 24, seed: 3, scenarios: [] });
  conn = await readZeekLog(join(dir.path, 'conn.log'));
});

afterAll(() => dir.remove());

/** Largest number of distinct `value`s per `key` seen within any WINDOW, over time-sorted events. */
function maxDistinctInWindow(events: readonly { ts: number; key: string; value: string }[]): {
  max: number;
  key: string;
} {
  const counts = new Map<string, Map<string, number>>();
  let best = { max: 0, key: '' };
  let tail = 0;
  for (const e of events) {
    while (events[tail]!.ts < e.ts - WINDOW) {
      const old = events[tail++]!;
      const m = counts.get(old.key)!;
      const n = m.get(old.value)! - 1;
      if (n === 0) m.delete(old.value);
      else m.set(old.value, n);
    }
    let m = counts.get(e.key);
    if (m === undefined) {
      m = new Map();
      counts.set(e.key, m);
    }
    m.set(e.value, (m.get(e.value) ?? 0) + 1);
    if (m.size > best.max) best = { max: m.size, key: e.key };
  }
  return best;
}

describe('benign-only traffic', () => {
  it('labels nothing', () => {
    expect(report.labels.scenarios).toEqual([]);
    expect(report.counts.conn).toBeGreaterThan(50_000);
  });

  it('never looks like a scan: < 15 ports to one host and < 25 hosts on one port per 5 min', () => {
    const rows = conn.rows;
    const ports = maxDistinctInWindow(
      rows.map((r) => ({ ts: Number(r[0]), key: `${r[2]}>${r[4]}`, value: r[5]! })),
    );
    const hosts = maxDistinctInWindow(
      rows.map((r) => ({ ts: Number(r[0]), key: `${r[2]}>${r[5]}`, value: r[4]! })),
    );
    expect(ports.max, ports.key).toBeLessThan(MAX_PORTS_TO_ONE_HOST);
    expect(hosts.max, hosts.key).toBeLessThan(MAX_HOSTS_ON_ONE_PORT);
  });

  it('fails rarely and spreads failures out', () => {
    const state = column(conn, 'conn_state');
    const failed = conn.rows.filter((r) => r[state] === 'S0' || r[state] === 'REJ');
    expect(failed.length / conn.rows.length).toBeLessThan(1 / 300);
    const perHostWindow = maxDistinctInWindow(
      failed.map((r) => ({ ts: Number(r[0]), key: r[2]!, value: `${r[4]}:${r[5]}:${r[0]}` })),
    );
    expect(perHostWindow.max).toBeLessThanOrEqual(3);
  });

  it('follows office hours: busy mornings, quiet nights', () => {
    const hourOf = (ts: number): number => Math.floor((ts % 86_400) / 3_600);
    const perHour = new Array<number>(24).fill(0);
    for (const r of conn.rows) perHour[hourOf(Number(r[0]))]!++;
    const morning = perHour[10]! + perHour[11]!;
    const night = perHour[2]! + perHour[3]!;
    expect(morning).toBeGreaterThan(8 * night);
    expect(night).toBeGreaterThan(0);
  });
});
