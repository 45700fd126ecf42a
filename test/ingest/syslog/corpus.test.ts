/**
 * Loghub corpus (../shared/corpus/syslog/loghub): every line of OpenSSH_2k and Linux_2k is
 * parsed and its header compared with the structured CSV; every line the sshd extractor
 * classifies has its fields compared with the template parameters of the CSV's Content.
 * Figures are printed for every line, nothing is filtered out.
 *
 * Column names as loghub ships them: OpenSSH `Date`=month, `Day`=day, `Component`=hostname
 * (LabSZ; the program, sshd, is not a column); Linux `Level`=hostname, `Component`=program.
 */
import { describe, expect, it } from 'vitest';
import {
  type AuthEvent,
  extractSecurityEvent,
  parseSyslog,
  type SyslogRecord,
} from '../../../src/ingest/syslog/index.js';
import { corpusPath } from '../../helpers/corpus.js';
import { readCsv, readLines, templateParams, utcParts } from './helpers.js';

const OPENSSH_LOG = corpusPath('syslog', 'loghub', 'OpenSSH_OpenSSH_2k.log');
const OPENSSH_CSV = corpusPath('syslog', 'loghub', 'OpenSSH_OpenSSH_2k.log_structured.csv');
const LINUX_LOG = corpusPath('syslog', 'loghub', 'Linux_Linux_2k.log');
const LINUX_CSV = corpusPath('syslog', 'loghub', 'Linux_Linux_2k.log_structured.csv');

/** What a template's parameters say about the event, in the extractor's field names. */
type Expected = Partial<{
  user: string;
  targetUser: string;
  source: string;
  sourceAddr: string;
  sourceHost: string;
  port: number;
  method: string;
  outcome: AuthEvent['outcome'];
  invalidUser: boolean;
  count: number;
}>;

/**
 * Per OpenSSH template (EventId): the fields its `<*>` values and fixed words give. Templates
 * not listed (E11 `fatal: Write failed`, E18 `ignoring max retries`, E21 `check pass; user
 * unknown`) carry no user, address or outcome.
 */
const OPENSSH_EXPECT: Record<string, (p: string[]) => Expected> = {
  E1: (p) => ({
    user: p[0]!,
    source: p[1]!,
    port: Number.parseInt(p[2]!, 10),
    method: 'password',
    outcome: 'success',
  }),
  E2: (p) => ({ source: p[0]!, outcome: 'info' }),
  E3: (p) => ({ source: p[0]!, outcome: 'info' }),
  E4: () => ({ user: 'admin', outcome: 'failure' }),
  E5: () => ({ user: 'root', outcome: 'failure' }),
  E6: (p) => ({ source: p[0]!, outcome: 'info' }),
  E7: (p) => ({ source: p[0]!, outcome: 'info' }),
  E8: (p) => ({
    user: p[0]!,
    invalidUser: true,
    source: p[1]!,
    port: Number.parseInt(p[2]!, 10),
    method: 'none',
    outcome: 'failure',
  }),
  E9: (p) => ({
    user: p[0]!,
    invalidUser: false,
    source: p[1]!,
    port: Number.parseInt(p[2]!, 10),
    method: 'password',
    outcome: 'failure',
  }),
  E10: (p) => ({
    user: p[0]!,
    invalidUser: true,
    source: p[1]!,
    port: Number.parseInt(p[2]!, 10),
    method: 'password',
    outcome: 'failure',
  }),
  E12: (p) => ({ user: p[0]!, invalidUser: true, outcome: 'failure' }),
  E13: (p) => ({ user: p[0]!, invalidUser: true, source: p[1]!, outcome: 'failure' }),
  E14: (p) => ({
    count: Number.parseInt(p[0]!, 10),
    user: 'root',
    source: p[1]!,
    port: Number.parseInt(p[2]!, 10),
    method: 'password',
    outcome: 'failure',
  }),
  E15: (p) => ({ count: Number.parseInt(p[0]!, 10), source: p[3]!, outcome: 'failure' }),
  E16: (p) => ({ count: Number.parseInt(p[0]!, 10), source: p[3]!, outcome: 'failure' }),
  E17: (p) => ({ count: Number.parseInt(p[0]!, 10), source: p[3]!, user: 'root', outcome: 'failure' }),
  E19: (p) => ({ source: p[2]!, outcome: 'failure' }),
  E20: (p) => ({ source: p[2]!, user: p[3]!, outcome: 'failure' }),
  E22: (p) => ({ targetUser: p[0]!, outcome: 'info' }),
  E23: (p) => ({ targetUser: p[0]!, outcome: 'success' }),
  E24: (p) => ({ source: p[0]!, outcome: 'info' }),
  E25: (p) => ({ source: p[0]!, outcome: 'info' }),
  E26: (p) => ({ source: p[0]!, outcome: 'info' }),
  E27: (p) => ({ sourceHost: p[0]!, sourceAddr: p[1]!, outcome: 'info' }),
};

function actual(ev: AuthEvent, key: keyof Expected): unknown {
  switch (key) {
    case 'source':
      return ev.sourceAddr ?? ev.sourceHost;
    case 'port':
      return ev.sourcePort;
    default:
      return ev[key];
  }
}

interface HeaderTally {
  lines: number;
  allAgree: number;
  perField: Record<string, number>;
}

function tallyHeader(
  records: SyslogRecord[],
  rows: Array<Record<string, string>>,
  columns: { month: string; day: string; host: string; app?: string; pid: string },
  fixedApp?: string,
): HeaderTally {
  const t: HeaderTally = { lines: records.length, allAgree: 0, perField: {} };
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    const row = rows[k]!;
    const [mon, day, time] = Number.isNaN(r.ts) ? ['', '', ''] : utcParts(r.ts);
    const checks: Record<string, boolean> = {
      month: mon === row[columns.month],
      day: day === row[columns.day],
      time: time === row.Time,
      hostname: r.hostname === row[columns.host],
      app: r.app === (columns.app ? row[columns.app] : fixedApp),
      pid: (r.procid ?? '') === row[columns.pid],
      content: r.message.trim() === row.Content!.trim(),
    };
    let all = true;
    for (const [f, ok] of Object.entries(checks)) {
      t.perField[f] = (t.perField[f] ?? 0) + (ok ? 1 : 0);
      all &&= ok;
    }
    if (all) t.allAgree++;
  }
  return t;
}

function describeTally(name: string, t: HeaderTally): string {
  const fields = Object.entries(t.perField)
    .map(([f, n]) => `${f} ${n}`)
    .join(', ');
  return `${name} header agreement: ${t.allAgree}/${t.lines} lines agree on every field (${((100 * t.allAgree) / t.lines).toFixed(1)} %); per field: ${fields}`;
}

describe.skipIf(!OPENSSH_LOG || !OPENSSH_CSV)('loghub OpenSSH_2k', () => {
  it('parses every header as the CSV has it and extracts sshd fields that agree with the templates', () => {
    const lines = readLines(OPENSSH_LOG!);
    const rows = readCsv(OPENSSH_CSV!);
    expect(lines.length).toBe(rows.length);
    const records: SyslogRecord[] = [];
    let events = 0;
    for (const [k, line] of lines.entries()) {
      const { record, events: ev } = parseSyslog(line, { source: 'OpenSSH_2k.log', year: 2026, offset: k });
      events += ev.length;
      records.push(record);
    }
    const header = tallyHeader(
      records,
      rows,
      { month: 'Date', day: 'Day', host: 'Component', pid: 'Pid' },
      'sshd',
    );
    console.log(describeTally('OpenSSH', header));

    let classified = 0;
    let fields = 0;
    let agree = 0;
    let templLines = 0;
    let templClassified = 0;
    const disagreements: string[] = [];
    for (let k = 0; k < records.length; k++) {
      const ev = extractSecurityEvent(records[k]!);
      const row = rows[k]!;
      const expectFn = OPENSSH_EXPECT[row.EventId!];
      const params = templateParams(row.EventTemplate!, row.Content!);
      if (expectFn !== undefined) templLines++;
      if (ev.kind !== 'auth') continue;
      classified++;
      if (expectFn === undefined) continue;
      templClassified++;
      if (params === undefined) throw new Error(`template does not align on line ${row.LineId}`);
      for (const [key, want] of Object.entries(expectFn(params))) {
        fields++;
        const got = actual(ev, key as keyof Expected);
        if (got === want) agree++;
        else if (disagreements.length < 10) {
          disagreements.push(
            `line ${row.LineId} ${row.EventId} ${key}: got ${String(got)}, want ${String(want)}`,
          );
        }
      }
    }
    const pct = (100 * agree) / fields;
    console.log(
      `OpenSSH agreement: ${classified}/${records.length} lines classified, ${agree}/${fields} extracted fields agree (${pct.toFixed(1)} %); ` +
        `${templClassified}/${templLines} lines of templates with security fields classified; ${events} parse events`,
    );
    if (disagreements.length > 0) console.log(disagreements.join('\n'));
    expect(pct).toBeGreaterThanOrEqual(95);
    expect(templClassified / templLines).toBeGreaterThanOrEqual(0.95);
    expect(header.allAgree / header.lines).toBeGreaterThanOrEqual(0.95);
  });
});

describe.skipIf(!LINUX_LOG || !LINUX_CSV)('loghub Linux_2k', () => {
  it('parses every header as the CSV has it', () => {
    const lines = readLines(LINUX_LOG!);
    const rows = readCsv(LINUX_CSV!);
    expect(lines.length).toBe(rows.length);
    const records = lines.map(
      (line, k) => parseSyslog(line, { source: 'Linux_2k.log', year: 2005, offset: k }).record,
    );
    const header = tallyHeader(records, rows, {
      month: 'Month',
      day: 'Date',
      host: 'Level',
      app: 'Component',
      pid: 'PID',
    });
    console.log(describeTally('Linux', header));
    const kinds = new Map<string, number>();
    for (const r of records) {
      const ev = extractSecurityEvent(r);
      const key = ev.kind === 'auth' ? `auth/${ev.service}/${ev.action}` : ev.kind;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    console.log(`Linux extracted: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(header.allAgree / header.lines).toBeGreaterThanOrEqual(0.95);
  });
});
