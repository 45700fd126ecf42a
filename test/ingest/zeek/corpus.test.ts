/**
 * Conformance over the external corpus (see ../shared/corpus/README.md): every WRCCDC Zeek 6.2
 * log and every Zeek log of the labelled Stratosphere set is framed and parsed; each record is
 * checked against an independent reference (split('\t') / JSON.parse per line).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ZeekChunkParser } from '../../../src/ingest/zeek/index.js';
import { formatAddress, parseAddress } from '../../../src/shared/addr.js';
import { type Rec, runFile } from './helpers.js';

const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
const CORPUS = resolve(ROOT, process.env.NETSCRY_CORPUS ?? '../shared/corpus');
const WRCCDC = join(CORPUS, 'zeek-logs/wrccdc');
const LABELLED = join(CORPUS, 'labelled');
const present = existsSync(WRCCDC) && existsSync(LABELLED);
if (!present) {
  console.warn(
    `[corpus] ${CORPUS} not found (set NETSCRY_CORPUS): skipping the Zeek corpus conformance tests`,
  );
}

/**
 * Events the corpus is known to provoke, and why. Anything else fails the test.
 */
const EXPECTED_EVENTS: Readonly<Record<string, readonly string[]>> = {
  // Stratosphere cut this log out of a longer capture: no '#close' line.
  'stratosphere/port-scans/horizontal/conn.log': ['missing_close'],
};

function zeekLogsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...zeekLogsUnder(p));
    else if (/\.log(\.gz)?$/.test(name)) out.push(p);
  }
  return out.sort();
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const addr = (s: string | undefined): string | undefined => {
  if (s === undefined || s === '-') return undefined;
  const w = parseAddress(s);
  return w ? formatAddress(w) : undefined;
};

/** Reference values of one TSV line, computed the slow, obvious way. */
function tsvReference(line: string, fields: string[], path: string) {
  const v = line.split('\t');
  const get = (name: string): string | undefined => {
    const i = fields.indexOf(name);
    return i < 0 ? undefined : v[i];
  };
  const num = (s: string | undefined): number => (s === undefined || s === '-' ? Number.NaN : Number(s));
  const str = (s: string | undefined): string => (s === undefined || s === '-' || s === '(empty)' ? '' : s);
  const isConn = path === 'conn';
  const dhcpOrig = [get('client_addr'), get('assigned_addr'), get('requested_addr')].find(
    (x) => x !== undefined && x !== '-',
  );
  return {
    ts: num(get('ts')),
    uid: path === 'dhcp' && get('uid') === undefined ? str(get('uids')?.split(',')[0]) : str(get('uid')),
    orig: addr(get('id.orig_h')) ?? (path === 'dhcp' ? addr(dhcpOrig) : undefined),
    resp: addr(get('id.resp_h')) ?? (path === 'dhcp' ? addr(get('server_addr')) : undefined),
    origPort: get('id.orig_p') === undefined || get('id.orig_p') === '-' ? 0 : Number(get('id.orig_p')),
    respPort: get('id.resp_p') === undefined || get('id.resp_p') === '-' ? 0 : Number(get('id.resp_p')),
    proto: ['tcp', 'udp', 'icmp'].includes(get('proto') ?? '') ? get('proto') : 'unknown_transport',
    raw: isConn ? '' : line,
    service: isConn ? str(get('service')) : '',
    history: isConn ? str(get('history')) : '',
    duration: isConn ? num(get('duration')) : Number.NaN,
  };
}

function checkTsv(file: string, content: string, records: Rec[]): void {
  let fields: string[] = [];
  let path = '';
  let k = 0;
  content.split('\n').forEach((line, index) => {
    if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1);
    if (line.startsWith('#path\t')) path = line.slice(6);
    if (line === '' || line.startsWith('#')) return;
    const rec = records[k++];
    expect(rec, `${file}:${index + 1}`).toBeDefined();
    expect(rec!.line, file).toBe(index + 1);
    expect(rec, `${file}:${index + 1}`).toMatchObject(tsvReference(line, fields, path));
  });
  expect(k).toBe(records.length);
}

function checkJson(file: string, content: string, records: Rec[]): void {
  let k = 0;
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const o = JSON.parse(line) as Record<string, unknown>;
    const rec = records[k++]!;
    expect(rec.line).toBe(index + 1);
    const s = (x: unknown): string => (typeof x === 'string' ? x : '');
    expect(rec.ts, file).toBe(o.ts);
    expect(rec.uid).toBe(s(o.uid) || s((o.uids as unknown[] | undefined)?.[0]));
    expect(rec.orig).toBe(
      addr(s(o['id.orig_h']) || s(o.client_addr) || s(o.assigned_addr) || s(o.requested_addr) || undefined),
    );
    expect(rec.resp).toBe(addr(s(o['id.resp_h']) || s(o.server_addr) || undefined));
    expect(rec.origPort).toBe(o['id.orig_p'] ?? 0);
    expect(rec.respPort).toBe(o['id.resp_p'] ?? 0);
    if (rec.kind === 'conn') {
      expect(rec.duration).toBe(o.duration ?? Number.NaN);
      expect(rec.service).toBe(s(o.service));
      expect(rec.history).toBe(s(o.history));
      expect(rec.connState).toBe(o.conn_state);
      expect(rec.counters).toEqual(
        [
          'orig_bytes',
          'resp_bytes',
          'missed_bytes',
          'orig_pkts',
          'orig_ip_bytes',
          'resp_pkts',
          'resp_ip_bytes',
        ].map((c) => (o[c] as number | undefined) ?? Number.NaN),
      );
    } else {
      expect(rec.raw).toBe(line);
    }
  });
  expect(k).toBe(records.length);
}

describe.skipIf(!present)('Zeek corpus conformance', () => {
  const files = present ? [...zeekLogsUnder(WRCCDC), ...zeekLogsUnder(LABELLED)] : [];

  it('finds the corpus logs', () => {
    expect(files.length).toBeGreaterThanOrEqual(36);
  });

  for (const path of files) {
    const name = relative(present ? (path.startsWith(WRCCDC) ? WRCCDC : LABELLED) : '', path);
    it(`${name}: every data line is a record, no unexpected event, fields agree with a reference`, () => {
      const raw = readFileSync(path);
      const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw;
      const content = text(bytes);
      const r = runFile(bytes, { file: name, chunkBytes: 1 << 20 });
      expect(r.unsupported).toBeUndefined();
      const expected = EXPECTED_EVENTS[name.replace(/\.gz$/, '')] ?? [];
      expect(r.events.map((e) => e.code)).toEqual(expected);
      const dataLines = content.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
      expect(r.recordCount).toBe(dataLines);
      if (content.startsWith('{')) checkJson(name, content, r.records);
      else checkTsv(name, content, r.records);
      // The generic paths agree with the compiled line functions (TSV columns, JSON shapes),
      // record for record.
      const generic = runFile(bytes, {
        parser: new ZeekChunkParser({ maxEventsPerCode: 1e6 }, { compileColumns: false }),
      });
      expect(generic.events).toEqual(r.events);
      expect(generic.records.map((x) => JSON.stringify(x))).toEqual(r.records.map((x) => JSON.stringify(x)));
    });
  }

  it('maps WRCCDC paths to record kinds', () => {
    const kinds: Record<string, string> = {};
    for (const f of ['ssl', 'kerberos', 'ntlm', 'ssh', 'notice', 'weird', 'x509', 'dns', 'syslog']) {
      const r = runFile(gunzipSync(readFileSync(join(WRCCDC, `${f}.log.gz`))), { keepRecords: true });
      kinds[f] = r.records[0]!.kind;
    }
    expect(kinds).toEqual({
      ssl: 'tls',
      kerberos: 'auth',
      ntlm: 'auth',
      ssh: 'auth',
      notice: 'notice',
      weird: 'weird',
      x509: 'x509',
      dns: 'dns',
      syslog: 'generic',
    });
  });
});
