import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GenerateReport,
  generate,
  type Labels,
  loadLabels,
  SCENARIO_TYPES,
  type ScenarioLabel,
} from '../../src/generate/index.js';
import { column, readZeekLog, tempDir, type ZeekLog } from './helpers.js';

const LOGS = ['conn', 'dns', 'http', 'ssl', 'dhcp', 'weird'] as const;
const OPTIONS = { hosts: 40, hours: 6, seed: 11 } as const;

let dirs: { path: string; remove(): Promise<void> }[] = [];
let report: GenerateReport;
let out: string;
const logs = new Map<string, ZeekLog>();

beforeAll(async () => {
  const dir = await tempDir('gen');
  dirs.push(dir);
  out = dir.path;
  report = await generate({ out, ...OPTIONS });
  for (const name of LOGS) logs.set(name, await readZeekLog(join(out, `${name}.log`)));
});

afterAll(async () => {
  await Promise.all(dirs.map((d) => d.remove()));
  dirs = [];
});

function log(name: (typeof LOGS)[number]): ZeekLog {
  return logs.get(name)!;
}

describe('determinism', () => {
  it('gives byte-identical files for the same options and different ones for another seed', async () => {
    const again = await tempDir('gen-again');
    const other = await tempDir('gen-other');
    dirs.push(again, other);
    const small = { hosts: 20, hours: 2, seed: 5 };
    await generate({ out: again.path, ...small });
    await generate({ out: other.path, ...small });
    for (const file of [...LOGS.map((l) => `${l}.log`), 'labels.json']) {
      const a = await readFile(join(again.path, file));
      const b = await readFile(join(other.path, file));
      expect(a.equals(b), file).toBe(true);
    }
    await generate({ out: other.path, ...small, seed: 6 });
    const a = await readFile(join(again.path, 'conn.log'));
    const c = await readFile(join(other.path, 'conn.log'));
    expect(a.equals(c)).toBe(false);
  });
});

describe('Zeek headers and rows', () => {
  it('writes the Zeek 6 header block, consistent rows and #close', () => {
    for (const name of LOGS) {
      const l = log(name);
      expect(l.headerLines.slice(0, 5)).toEqual([
        '#separator \\x09',
        '#set_separator\t,',
        '#empty_field\t(empty)',
        '#unset_field\t-',
        `#path\t${name}`,
      ]);
      expect(l.headerLines[5]).toMatch(/^#open\t\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d$/);
      expect(l.fields.length).toBe(l.types.length);
      expect(l.closed).toBe(true);
      expect(l.headerLines[l.headerLines.length - 1]).toMatch(/^#close\t/);
      expect(l.rows.filter((row) => row.length !== l.fields.length)).toEqual([]);
      expect(l.rows.length).toBe(report.counts[name]);
    }
    expect(log('conn').fields.length).toBe(21);
    expect(log('conn').fields.at(-1)).toBe('tunnel_parents');
    expect(log('dns').fields.length).toBe(24);
    expect(log('ssl').fields.length).toBe(19);
    expect(log('http').fields.length).toBe(30);
    expect(log('dhcp').fields.length).toBe(15);
  });

  it('sorts every log by time (conn.log by ts + duration) and gives connections unique Zeek-like uids', () => {
    const duration = column(log('conn'), 'duration');
    // Microseconds as integers: the printed times have six decimals, so this order is exact.
    const micros = (text: string): number => Math.round(Number(text) * 1e6);
    const connEnd = (row: readonly string[]): number =>
      micros(row[0]!) + (row[duration] === '-' ? 0 : micros(row[duration]!));
    for (const name of LOGS) {
      const rows = log(name).rows;
      const key = name === 'conn' ? connEnd : (row: readonly string[]) => micros(row[0]!);
      const backwards = rows.filter((row, i) => i > 0 && key(row) < key(rows[i - 1]!));
      expect(backwards.slice(0, 5), name).toEqual([]);
    }
    // The end-time order is not the start-time order: long connections come out late, and the
    // ones still open at the end of the capture are written at shutdown.
    const conn = log('conn').rows;
    const end = report.end * 1e6;
    expect(conn.some((row, i) => i > 0 && micros(row[0]!) < micros(conn[i - 1]![0]!))).toBe(true);
    expect(conn.some((row) => connEnd(row) > end)).toBe(true);
    expect(conn.filter((row) => micros(row[0]!) >= end)).toEqual([]);
    const uid = /^C[0-9A-Za-z]{17}$/;
    expect(conn.filter((row) => !uid.test(row[1]!))).toEqual([]);
    expect(new Set(conn.map((row) => row[1])).size).toBe(conn.length);
  });

  it('keeps conn_state and history consistent', () => {
    const c = log('conn');
    const proto = column(c, 'proto');
    const state = column(c, 'conn_state');
    const history = column(c, 'history');
    const expected: Record<string, RegExp> = {
      'tcp SF': /^ShAD[A-Za-z]*(Ff|fF)$/,
      'tcp S0': /^S$/,
      'tcp REJ': /^Sr$/,
      'tcp RSTO': /^Sh[A-Za-z]*R$/,
      'tcp RSTR': /^ShAD[A-Za-z]*r$/,
      'udp SF': /^Dd$/,
      'udp S0': /^D$/,
      // ICMP (the exfil.icmp scenario): Zeek logs no history for it.
      'icmp OTH': /^-$/,
    };
    const bad = c.rows.filter((row) => {
      const pattern = expected[`${row[proto]} ${row[state]}`];
      return pattern === undefined || !pattern.test(row[history]!);
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('ties dns, ssl and http rows to a connection with the same endpoints', () => {
    const conns = new Map<string, readonly string[]>();
    for (const row of log('conn').rows) conns.set(row[1]!, row);
    for (const name of ['dns', 'ssl', 'http', 'weird'] as const) {
      const orphans = log(name).rows.filter((row) => {
        const conn = conns.get(row[1]!);
        return (
          conn === undefined ||
          conn.slice(2, 6).join(' ') !== row.slice(2, 6).join(' ') ||
          Number(row[0]) < Number(conn[0])
        );
      });
      expect(orphans.slice(0, 5), name).toEqual([]);
    }
    // Connections still open at the end of the capture are written at shutdown, rows and all.
    const duration = column(log('conn'), 'duration');
    const ends = (row: readonly string[]): number =>
      Number(row[0]) + (row[duration] === '-' ? 0 : Number(row[duration]));
    const openAtEnd = new Set(
      log('conn')
        .rows.filter((row) => ends(row) > report.end)
        .map((row) => row[1]),
    );
    expect(log('ssl').rows.some((row) => openAtEnd.has(row[1]!))).toBe(true);
  });
});

/** Device name by any address it used, from the labels' inventory. */
function deviceByAddress(labels: Labels): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of labels.inventory) for (const a of e.addresses) m.set(a, e.name);
  return m;
}

describe('network behaviour', () => {
  it('resolves every external TLS/HTTP destination before connecting to it', () => {
    const device = deviceByAddress(report.labels);
    const d = log('dns');
    const answers = column(d, 'answers');
    const ttls = column(d, 'TTLs');
    // device|address -> answer times with their TTL
    const seen = new Map<string, { ts: number; ttl: number }[]>();
    for (const row of d.rows) {
      const who = device.get(row[2]!);
      if (who === undefined || row[answers] === '-') continue;
      const ttl = Math.max(...row[ttls]!.split(',').map(Number));
      for (const a of row[answers]!.split(',')) {
        const key = `${who}|${a}`;
        const list = seen.get(key) ?? [];
        list.push({ ts: Number(row[0]), ttl });
        seen.set(key, list);
      }
    }
    const c = log('conn');
    const service = column(c, 'service');
    const localResp = column(c, 'local_resp');
    // The protocol-deviation scenario talks to raw addresses on purpose (no SNI, Host = IP).
    const rawIpTargets = new Set(
      report.labels.scenarios.filter((s) => s.type === 'deviation.protocol').flatMap((s) => s.targets ?? []),
    );
    const external = c.rows.filter(
      (row) =>
        (row[service] === 'ssl' || row[service] === 'http') &&
        row[localResp] === 'F' &&
        !rawIpTargets.has(row[4]!),
    );
    const unresolved = external.filter((row) => {
      const ts = Number(row[0]);
      const lookups = seen.get(`${device.get(row[2]!)}|${row[4]}`) ?? [];
      return !lookups.some((l) => l.ts <= ts && ts - l.ts <= l.ttl);
    });
    expect(unresolved.slice(0, 5)).toEqual([]);
    expect(external.length).toBeGreaterThan(1_000);
  });

  it('leases an address to every client before it talks, with mac, name and lease time', () => {
    const dh = log('dhcp');
    const mac = column(dh, 'mac');
    const name = column(dh, 'host_name');
    const assigned = column(dh, 'assigned_addr');
    const lease = column(dh, 'lease_time');
    const types = column(dh, 'msg_types');
    const leases = new Map<string, { ts: number; mac: string; name: string }[]>();
    expect(dh.rows.filter((row) => !row[types]!.endsWith('ACK') || !(Number(row[lease]) > 0))).toEqual([]);
    for (const row of dh.rows) {
      const list = leases.get(row[assigned]!) ?? [];
      list.push({ ts: Number(row[0]), mac: row[mac]!, name: row[name]! });
      leases.set(row[assigned]!, list);
    }
    const firstSeen = new Map<string, number>();
    for (const row of log('conn').rows) if (!firstSeen.has(row[2]!)) firstSeen.set(row[2]!, Number(row[0]));
    const clients = report.labels.inventory.filter((e) => e.kind === 'client');
    let active = 0;
    const unleased: string[] = [];
    for (const client of clients) {
      for (const addr of client.addresses.filter((a) => !a.includes(':'))) {
        const first = firstSeen.get(addr);
        if (first === undefined) continue;
        active++;
        const list = leases.get(addr) ?? [];
        if (!list.some((l) => l.ts <= first && l.mac === client.mac && l.name === client.name)) {
          unleased.push(`${client.name} ${addr}`);
        }
      }
    }
    expect(unleased).toEqual([]);
    expect(active).toBeGreaterThan(clients.length / 2);
  });

  it('mixes services like an office network and stays mostly successful', () => {
    const c = log('conn');
    const service = column(c, 'service');
    const state = column(c, 'conn_state');
    const counts = new Map<string, number>();
    for (const row of c.rows) counts.set(row[service]!, (counts.get(row[service]!) ?? 0) + 1);
    const n = c.rows.length;
    expect(counts.get('ssl')! / n).toBeGreaterThan(0.35);
    for (const s of ['dns', 'http', 'ntp', 'krb_tcp', 'ldap_tcp', 'gssapi,smb', 'dhcp'])
      expect(counts.get(s), s).toBeGreaterThan(0);
    const sf = c.rows.filter((r) => r[state] === 'SF').length;
    expect(sf / n).toBeGreaterThan(0.9);
    const v6 = c.rows.filter((r) => r[2]!.includes(':')).length;
    expect(v6).toBeGreaterThan(0);
  });
});

describe('labels', () => {
  it('writes labels.json that loads back and matches the report', async () => {
    const loaded = await loadLabels(join(out, 'labels.json'));
    expect(loaded).toEqual(report.labels);
    // One label per scenario type, in the order of SCENARIO_TYPES.
    expect(loaded.scenarios.map((s) => s.type)).toEqual([...SCENARIO_TYPES]);
    expect(loaded.counts.conn).toBe(log('conn').rows.length);
  });

  function scenario(type: string): ScenarioLabel {
    const s = report.labels.scenarios.find((x) => x.type === type);
    expect(s, type).toBeDefined();
    return s!;
  }

  function connsFrom(
    s: ScenarioLabel,
    filter: (row: readonly string[]) => boolean = () => true,
  ): (readonly string[])[] {
    return log('conn').rows.filter((r) => {
      const ts = Number(r[0]);
      return r[2] === s.src && ts >= s.start && ts <= s.end && filter(r);
    });
  }

  it('horizontal scans: one port, >= 100 hosts of other subnets, mostly failing, some answers', () => {
    for (const type of ['scan.horizontal', 'scan.inbound']) {
      const s = scenario(type);
      const port = String(s.ports![0]);
      const probes = connsFrom(s, (r) => r[5] === port);
      expect(new Set(probes.map((r) => r[4])).size).toBeGreaterThanOrEqual(100);
      expect(probes.length).toBe(s.connections);
      const failed = probes.filter((r) => r[11] === 'S0' || r[11] === 'REJ').length;
      expect(failed / probes.length).toBeGreaterThan(0.7);
      expect(s.end - s.start).toBeLessThan(20 * 60);
      if (type === 'scan.horizontal') {
        expect(failed).toBeLessThan(probes.length);
        const own = s.src.split('.').slice(0, 3).join('.');
        expect(probes.every((r) => !r[4]!.startsWith(`${own}.`))).toBe(true);
      } else {
        expect(s.src).toMatch(/^198\.51\.100\./);
      }
    }
  });

  it('vertical scan: >= 100 ports of one target, mostly REJ/S0', () => {
    const s = scenario('scan.vertical');
    const probes = connsFrom(s, (r) => r[4] === s.targets![0]);
    expect(new Set(probes.map((r) => r[5])).size).toBeGreaterThanOrEqual(100);
    const failed = probes.filter((r) => r[11] === 'S0' || r[11] === 'REJ').length;
    expect(failed / probes.length).toBeGreaterThan(0.9);
  });

  it('beacon: periodic small TLS check-ins with SNI and DNS for the C2 name', () => {
    const s = scenario('beacon');
    const c2 = s.targets![0]!;
    const beats = connsFrom(s, (r) => r[4] === c2);
    const interval = Number(s.params!.intervalSeconds);
    expect(beats.length).toBeGreaterThan(((s.end - s.start) / interval) * 0.85);
    const gaps = beats.slice(1).map((r, i) => Number(r[0]) - Number(beats[i]![0]));
    gaps.sort((a, b) => a - b);
    const median = gaps[gaps.length >> 1]!;
    expect(Math.abs(median - interval) / interval).toBeLessThan(0.1);
    const small = beats.filter((r) => Number(r[9]) < 500).length;
    expect(small).toBe(beats.length);
    expect(log('ssl').rows.some((r) => r[4] === c2 && r[9] === s.domain)).toBe(true);
    expect(log('dns').rows.some((r) => r[2] === s.src && r[9] === s.domain && r[21] === c2)).toBe(true);
  });

  it('exfil.https: large uploads to a destination only this host contacts', () => {
    const s = scenario('exfil.https');
    const dest = s.targets![0]!;
    const uploads = connsFrom(s, (r) => r[4] === dest);
    expect(uploads.length).toBeGreaterThan(3);
    const out = uploads.reduce((a, r) => a + Number(r[9]), 0);
    const back = uploads.reduce((a, r) => a + Number(r[10]), 0);
    expect(out).toBeGreaterThan(100 * back);
    expect(out).toBeGreaterThan(100e6);
    const others = log('conn').rows.filter((r) => r[4] === dest && r[2] !== s.src);
    expect(others).toHaveLength(0);
  });

  it('deviation.smuggling: framing weirds on requests from outside to the intranet web server, among benign weirds', () => {
    const s = scenario('deviation.smuggling');
    const server = s.targets![0]!;
    const probes = connsFrom(s, (r) => r[4] === server && r[5] === '80');
    expect(probes.length).toBe(s.connections);
    expect(probes.length).toBeGreaterThanOrEqual(24);
    const uids = new Set(probes.map((r) => r[1]));
    const name = column(log('weird'), 'name');
    const own = log('weird').rows.filter((r) => uids.has(r[1]!));
    expect(own.length).toBe(s.params!.weirds);
    expect(own.length).toBeGreaterThan(probes.length / 2);
    expect(new Set(own.map((r) => r[name])).has('HTTP_content_length_and_chunked')).toBe(true);
    expect(log('http').rows.filter((r) => uids.has(r[1]!))).toHaveLength(probes.length);
    // Everyone else's weirds are the benign background: none names a framing fault but a rare bad chunk size.
    const framing = /content_length|chunked|transfer_encoding/;
    const others = log('weird').rows.filter((r) => !uids.has(r[1]!));
    expect(others.length).toBeGreaterThan(10);
    expect(others.filter((r) => framing.test(r[name]!))).toEqual([]);
  });

  it('exfil.dns: many unique long high-entropy TXT/NULL names under one domain', () => {
    const s = scenario('exfil.dns');
    const d = log('dns');
    const rows = d.rows.filter((r) => r[2] === s.src && r[9]!.endsWith(`.${s.domain}`));
    expect(rows.length).toBeGreaterThan(500);
    expect(new Set(rows.map((r) => r[9])).size).toBe(rows.length);
    expect(rows.every((r) => r[13] === 'TXT' || r[13] === 'NULL')).toBe(true);
    const firstLabel = rows.map((r) => r[9]!.split('.')[0]!);
    expect(Math.min(...firstLabel.map((l) => l.length))).toBeGreaterThanOrEqual(50);
  });

  it('host.readdress: same MAC and name lease a second address; traffic moves with it', () => {
    const s = scenario('host.readdress');
    const moved = s.aliases![0]!;
    const dh = log('dhcp');
    const mine = dh.rows.filter((r) => r[4] === s.mac && r[5] === s.hostName);
    const assigned = new Set(mine.map((r) => r[9]));
    expect(assigned.has(s.src)).toBe(true);
    expect(assigned.has(moved)).toBe(true);
    const conns = log('conn').rows;
    expect(conns.some((r) => r[2] === s.src && Number(r[0]) < s.start)).toBe(true);
    expect(conns.some((r) => r[2] === moved && Number(r[0]) > s.start)).toBe(true);
    expect(conns.some((r) => r[2] === s.src && Number(r[0]) > s.start)).toBe(false);
  });
});
