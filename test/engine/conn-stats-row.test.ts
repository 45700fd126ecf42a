/**
 * The packet statistics of a capture's conn rows (engine/shard-flows.ts) and of the conn.log
 * extract writes (ingest/zeek keepsLine): the same text by the same field names either way.
 */
import { describe, expect, it } from 'vitest';
import { FieldReader } from '../../src/detect/fields.js';
import {
  CONN_STATS_SCHEMA,
  formatConnStats,
  formatConnStatsReference,
} from '../../src/engine/shard-flows.js';
import type { ConnRecord } from '../../src/ingest/pcap/connections.js';
import type { DirectionStats } from '../../src/ingest/pcap/packet-stats.js';
import { keepsLine } from '../../src/ingest/zeek/plan.js';
import { RecordKind, Str } from '../../src/shared/record.js';
import { statsConnLog } from '../helpers/stats-conn-log.js';
import { zeekViews } from '../helpers/zeek-views.js';

const dir = (over: Partial<DirectionStats> = {}): DirectionStats => ({
  entropy: 7.123456789,
  entropyBytes: 256,
  printable: 0.375,
  packets: 10,
  ipLenMin: 40,
  ipLenMax: 1500,
  ipLenMean: 600,
  ipLenSd: 523.1234567,
  ttls: [64, 63],
  ttlOther: 2,
  fragments: 1,
  ...over,
});

const record = (stats: ConnRecord['stats']) => ({ stats }) as ConnRecord;

describe('formatConnStats', () => {
  it('prints what the conn.log formatter prints for the statistics columns', () => {
    const cases = [
      record({ orig: dir(), resp: dir({ entropy: 0, printable: 1, ttls: [], ttlOther: 0 }) }),
      record({
        orig: dir({ entropy: undefined, printable: undefined, entropyBytes: 0 }),
        resp: dir({
          packets: 0,
          entropy: undefined,
          printable: undefined,
          entropyBytes: 0,
          ipLenMin: undefined,
          ipLenMax: undefined,
          ipLenMean: undefined,
          ipLenSd: undefined,
          ttls: [],
        }),
      }),
      record(undefined),
    ];
    for (const r of cases) expect(formatConnStats(r)).toBe(formatConnStatsReference(r).slice(0, -1));
    expect(formatConnStats(cases[0]!).split('\t').slice(0, 8)).toEqual([
      '7.123457',
      '0.375000',
      '256',
      '40,1500',
      '523.123457',
      '64,63',
      '2',
      '1',
    ]);
    expect(CONN_STATS_SCHEMA.fields).toHaveLength(18);
    // Payload variants: counted for ICMP echo only, printed when counted.
    expect(formatConnStats(cases[0]!).split('\t')[8]).toBe('-');
    const echo = record({ orig: dir({ variants: 8 }), resp: dir({ variants: 1 }) });
    expect(formatConnStats(echo)).toBe(formatConnStatsReference(echo).slice(0, -1));
    expect(formatConnStats(echo).split('\t')[8]).toBe('8');
    expect(CONN_STATS_SCHEMA.fields.slice(0, 3)).toEqual(['orig_entropy', 'orig_printable', 'orig_sampled']);
  });
});

describe('conn rows of a conn.log keep their line only with the statistics columns', () => {
  it('keepsLine', () => {
    expect(keepsLine(RecordKind.Conn, ['ts', 'uid', 'community_id'])).toBe(false);
    expect(keepsLine(RecordKind.Conn, ['ts', 'orig_entropy'])).toBe(true);
    expect(keepsLine(RecordKind.Dns, ['ts'])).toBe(true);
  });

  const conn = {
    ts: 1_700_000_000,
    orig: '10.0.0.5',
    origPort: 5,
    resp: '10.0.0.9',
    respPort: 80,
    proto: 'tcp' as const,
    origBytes: 10,
    respBytes: 0,
    origPkts: 1,
    respPkts: 1,
    origStats: { entropy: 3.5, printable: 0.5, sampled: 10, ipLen: [50, 50] as [number, number], sd: 0 },
  };

  it('TSV', () => {
    const reader = new FieldReader(['orig_entropy', 'orig_ip_len', 'resp_entropy']);
    const [view] = zeekViews(statsConnLog([conn]));
    expect(view!.strLength(0, Str.Raw)).toBeGreaterThan(0);
    expect(reader.read(view!, 0)).toBe(true);
    expect(reader.number(0)).toBe(3.5);
    expect(reader.list(1)).toEqual(['50', '50']);
    expect(reader.text(2)).toBeUndefined();
    const [plain] = zeekViews(statsConnLog([conn], false));
    expect(plain!.strLength(0, Str.Raw)).toBe(0);
    expect(reader.read(plain!, 0)).toBe(false);
  });

  it('JSON', () => {
    const line = (extra: string) =>
      `{"_path":"conn","ts":1700000000.0,"uid":"Cx","id.orig_h":"10.0.0.5","id.orig_p":5,"id.resp_h":"10.0.0.9","id.resp_p":80,"proto":"tcp"${extra}}\n`;
    const reader = new FieldReader(['orig_entropy', 'orig_ip_len']);
    const [view] = zeekViews(line(',"orig_entropy":3.5,"orig_ip_len":[50,50]'));
    expect(reader.read(view!, 0)).toBe(true);
    expect(reader.number(0)).toBe(3.5);
    expect(reader.list(1)).toEqual(['50', '50']);
    const [plain] = zeekViews(line(''));
    expect(plain!.strLength(0, Str.Raw)).toBe(0);
  });
});
