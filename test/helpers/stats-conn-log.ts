/**
 * conn.log text with (or without) netscry's packet-statistics columns, for detector unit tests
 * through `zeekViews` (the real parser keeps such rows' lines: ingest/zeek/plan.ts keepsLine).
 */
import { CONN_ID_COLUMNS } from './zeek-text.js';

export interface StatsConn {
  ts: number;
  orig: string;
  origPort: number;
  resp: string;
  respPort: number;
  proto: 'tcp' | 'udp' | 'icmp';
  service?: string;
  history?: string;
  origBytes: number;
  respBytes: number;
  origPkts: number;
  respPkts: number;
  /** Per direction: entropy, printable share, sampled bytes, IP length min/max, sd. */
  origStats?: DirStats;
  respStats?: DirStats;
  uid?: string;
}

export interface DirStats {
  entropy?: number;
  printable?: number;
  sampled?: number;
  ipLen?: [number, number];
  sd?: number;
}

const BASE = [
  ...CONN_ID_COLUMNS,
  ['service', 'string'],
  ['duration', 'interval'],
  ['orig_bytes', 'count'],
  ['resp_bytes', 'count'],
  ['conn_state', 'string'],
  ['history', 'string'],
  ['orig_pkts', 'count'],
  ['orig_ip_bytes', 'count'],
  ['resp_pkts', 'count'],
  ['resp_ip_bytes', 'count'],
] as const;

const STATS = (dir: string) =>
  [
    [`${dir}_entropy`, 'double'],
    [`${dir}_printable`, 'double'],
    [`${dir}_sampled`, 'count'],
    [`${dir}_ip_len`, 'vector[count]'],
    [`${dir}_ip_len_sd`, 'double'],
  ] as const;

let uidSeq = 0;
const num = (v: number | undefined, fixed = false) =>
  v === undefined ? '-' : fixed ? v.toFixed(6) : String(v);

function dirFields(s: DirStats | undefined): string[] {
  if (s === undefined) return ['-', '-', '-', '-', '-'];
  return [
    num(s.entropy, true),
    num(s.printable, true),
    num(s.sampled),
    s.ipLen === undefined ? '-' : `${s.ipLen[0]},${s.ipLen[1]}`,
    num(s.sd, true),
  ];
}

/** A conn.log; `withStats` false leaves the statistics columns out (Zeek's own conn.log). */
export function statsConnLog(conns: readonly StatsConn[], withStats = true): string {
  const cols = withStats ? [...BASE, ...STATS('orig'), ...STATS('resp')] : [...BASE];
  let out = '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n';
  out += `#fields\t${cols.map((c) => c[0]).join('\t')}\n#types\t${cols.map((c) => c[1]).join('\t')}\n`;
  for (const c of conns) {
    const base = [
      c.ts.toFixed(6),
      c.uid ?? `C${(uidSeq++).toString(36).padStart(10, '0')}`,
      c.orig,
      String(c.origPort),
      c.resp,
      String(c.respPort),
      c.proto,
      c.service ?? '-',
      '1.000000',
      String(c.origBytes),
      String(c.respBytes),
      'SF',
      c.history ?? (c.proto === 'tcp' ? 'ShADadFf' : 'Dd'),
      String(c.origPkts),
      String(c.origBytes + 28 * c.origPkts),
      String(c.respPkts),
      String(c.respBytes + 28 * c.respPkts),
    ];
    const row = withStats ? [...base, ...dirFields(c.origStats), ...dirFields(c.respStats)] : base;
    out += `${row.join('\t')}\n`;
  }
  return out;
}
