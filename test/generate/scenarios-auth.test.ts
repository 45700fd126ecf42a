import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import type { Finding } from '../../src/detect/finding.js';
import { generate, loadLabels, type ScenarioLabel } from '../../src/generate/index.js';
import { column, readZeekLog, tempDir, type ZeekLog } from './helpers.js';

let dir: { path: string; remove(): Promise<void> };
let conn: ZeekLog;
let labels: ScenarioLabel[];
let findings: readonly Finding[];

beforeAll(async () => {
  dir = await tempDir('gen-auth');
  await generate({
    out: dir.path,
    hosts: 40,
    hours: 6,
    seed: 5,
    scenarios: ['bruteforce.ssh', 'lateral.admin'],
  });
  conn = await readZeekLog(join(dir.path, 'conn.log'));
  labels = [...(await loadLabels(join(dir.path, 'labels.json'))).scenarios];
  const logs = ['conn', 'dns', 'http', 'ssl', 'dhcp'].map((n) => join(dir.path, `${n}.log`));
  findings = (await analyze({ inputs: logs, actors: 0 })).findings;
}, 120_000);

afterAll(async () => {
  await dir.remove();
});

const label = (type: string): ScenarioLabel => labels.find((l) => l.type === type)!;

function rowsOf(s: ScenarioLabel): (readonly string[])[] {
  const ts = column(conn, 'ts');
  const orig = column(conn, 'id.orig_h');
  return conn.rows.filter((r) => r[orig] === s.src && Number(r[ts]) >= s.start && Number(r[ts]) <= s.end);
}

describe('bruteforce.ssh', () => {
  it('guesses at the bastion on 22, then, after a pause, at a workstation on 2222 named ssh', () => {
    const s = label('bruteforce.ssh');
    expect(s.ports).toEqual([22, 2222]);
    const port = column(conn, 'id.resp_p');
    const service = column(conn, 'service');
    const state = column(conn, 'conn_state');
    const respBytes = column(conn, 'resp_bytes');
    const duration = column(conn, 'duration');
    const ts = column(conn, 'ts');
    // The attacker may also use the bastion for real (long sessions with megabytes): not guesses.
    const all = rowsOf(s).filter((r) => r[port] === '22' || r[port] === '2222');
    const rows = all.filter((r) => Number(r[respBytes]) < 5_500 && Number(r[duration]) < 30);
    expect(rows.length).toBe(s.connections);
    expect(all.length - rows.length).toBeLessThan(10);
    const first = rows.filter((r) => r[port] === '22');
    const second = rows.filter((r) => r[port] === '2222');
    expect(first.length).toBeGreaterThanOrEqual(60);
    expect(second.length).toBeGreaterThanOrEqual(40);
    const span = (rs: (readonly string[])[]): number =>
      Math.max(...rs.map((r) => Number(r[ts]))) - Math.min(...rs.map((r) => Number(r[ts])));
    expect(span(first)).toBeLessThan(30 * 60);
    expect(span(second)).toBeLessThan(30 * 60);
    const gap = Math.min(...second.map((r) => Number(r[ts]))) - Math.max(...first.map((r) => Number(r[ts])));
    expect(gap).toBeGreaterThan(30 * 60);
    for (const r of rows) {
      expect(r[service]).toBe('ssh');
      expect(['SF', 'RSTO']).toContain(r[state]);
      expect(Number(r[respBytes])).toBeGreaterThan(0);
      expect(Number(r[respBytes])).toBeLessThan(5_500);
      expect(Number(r[duration])).toBeLessThan(30);
    }
    expect(s.description).toContain('non-standard port');
    expect(s.params).toEqual({ sessions: first.length, sessionsNonStandardPort: second.length });
  });

  it('is found by auth.bruteforce, once per phase, and by nothing else', () => {
    const s = label('bruteforce.ssh');
    const own = findings.filter((f) => f.entities.src === s.src);
    const brute = own.filter((f) => f.detector === 'auth.bruteforce');
    expect(brute.map((f) => f.evidence.ports)).toEqual([[22], [2222]]);
    for (const f of brute) {
      expect(f.firstTs).toBeGreaterThanOrEqual(s.start);
      expect(f.lastTs).toBeLessThanOrEqual(s.end);
    }
    expect(own.filter((f) => f.detector.startsWith('scan.') || f.detector.startsWith('lateral.'))).toEqual(
      [],
    );
  });
});

describe('lateral.admin', () => {
  it('opens answered admin sessions to 8-15 internal hosts within minutes, under the scan thresholds', () => {
    const s = label('lateral.admin');
    const port = column(conn, 'id.resp_p');
    const resp = column(conn, 'id.resp_h');
    const state = column(conn, 'conn_state');
    const respBytes = column(conn, 'resp_bytes');
    const admin = rowsOf(s).filter((r) => ['445', '3389', '5985'].includes(r[port]!));
    expect(admin.length).toBe(s.connections);
    const hosts = new Set(admin.map((r) => r[resp]));
    expect(hosts.size).toBeGreaterThanOrEqual(8);
    expect(hosts.size).toBeLessThanOrEqual(15);
    expect([...hosts].sort()).toEqual([...s.targets!].sort());
    for (const r of admin) {
      expect(r[resp]).toMatch(/^10\./);
      expect(r[state]).toBe('SF');
      expect(Number(r[respBytes])).toBeGreaterThan(0);
    }
    expect(s.end - s.start).toBeLessThan(7 * 60);
  });

  it('is found by lateral.admin-fanout and by nothing else', () => {
    const s = label('lateral.admin');
    const own = findings.filter((f) => f.entities.src === s.src);
    expect(own.map((f) => f.detector)).toEqual(['lateral.admin-fanout']);
    expect(own[0]!.evidence.newTargets).toBe(s.targets!.length);
  });

  it('leaves the benign hosts of the network alone', () => {
    const srcs = new Set(labels.map((l) => l.src));
    const ours = findings.filter((f) => /^(auth|lateral)\./.test(f.detector));
    expect(ours.filter((f) => !srcs.has(f.entities.src as string))).toEqual([]);
  });
});
