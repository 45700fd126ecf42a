import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseZeekChunk,
  parseZeekHeader,
  ZeekChunkParser,
  zeekParseOptions,
} from '../../../src/ingest/zeek/index.js';
import { NetscryError } from '../../../src/shared/errors.js';
import { bytesOf, type Rec, runFile, snapshot } from './helpers.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../../../fixtures/zeek/${name}`, import.meta.url));

const header = (path: string, fields: string[], types: string[], extra = ''): string =>
  `#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t${path}\n${extra}#fields\t${fields.join('\t')}\n#types\t${types.join('\t')}\n`;

const CONN_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'duration',
  'orig_bytes',
  'conn_state',
  'history',
];
const CONN_TYPES = [
  'time',
  'string',
  'addr',
  'port',
  'addr',
  'port',
  'enum',
  'interval',
  'count',
  'string',
  'string',
];
const conn = (...lines: string[]): Uint8Array =>
  bytesOf(
    `${header('conn', CONN_FIELDS, CONN_TYPES)}${lines.map((l) => `${l.split(' ').join('\t')}\n`).join('')}#close\tx\n`,
  );

const codes = (r: { events: { code: string }[] }): string[] => r.events.map((e) => e.code);

describe('conn.log fixture', () => {
  const r = runFile(fixture('conn.log'));

  it('parses every line with no event', () => {
    expect(r.events).toEqual([]);
    expect(r.recordCount).toBe(7);
    expect(r.recordsByPath).toEqual({ conn: 7 });
  });

  it('fills the conn row', () => {
    const first = r.records[0]!;
    expect(first).toMatchObject({
      line: 9,
      kind: 'conn',
      path: 'conn',
      format: 'tsv',
      ts: 1712950152.123456,
      duration: 1.25,
      uid: 'CAbcdEfGh1234567Xy',
      service: 'ssl',
      history: 'ShADadFf',
      raw: '',
      orig: '10.1.2.3',
      resp: '93.184.216.34',
      origPort: 51515,
      respPort: 443,
      proto: 'tcp',
      connState: 'SF',
      counters: [517, 4321, 0, 9, 889, 8, 4745],
    });
  });

  it('reads IPv6, zones, icmp and unset values', () => {
    expect(r.records[2]).toMatchObject({
      orig: '2001:db8::1',
      resp: '2001:db8:0:1::53',
      proto: 'udp',
      service: 'dns',
    });
    expect(r.records[3]).toMatchObject({
      proto: 'icmp',
      connState: 'OTH',
      history: '',
      origPort: 8,
      respPort: 0,
    });
    const s0 = r.records[4]!;
    expect(s0.service).toBe('');
    expect(Number.isNaN(s0.duration)).toBe(true);
    expect(s0.counters.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(s0.counters.slice(2)).toEqual([0, 1, 60, 0, 0]);
    expect(r.records[5]).toMatchObject({ orig: 'fe80::1', resp: 'ff02::fb' });
    expect(r.records[6]).toMatchObject({ connState: 'RSTO' });
  });

  it('reports ordering keys and times', () => {
    const res = r.results[0]!;
    expect(res.lines).toBe(7);
    expect(res.firstOrderTs).toBeCloseTo(1712950152.123456 + 1.25, 6);
    expect(res.firstRecordLine).toBe(1);
    expect(res.lastOrderTs).toBeCloseTo(1712950154.05, 6);
    expect(res.minTs).toBe(1712950152.123456);
    expect(res.maxTs).toBe(1712950154);
  });
});

describe('other log types', () => {
  it('dhcp (Zeek ≥ 3): orig from client/assigned/requested, resp from server, uid from uids', () => {
    const r = runFile(fixture('dhcp.log'));
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => [x.kind, x.orig, x.resp, x.uid])).toEqual([
      ['dhcp', '192.168.1.30', '192.168.1.1', 'CAaaaaAaaaaAaaaaa1'],
      ['dhcp', '192.168.1.105', '192.168.1.1', 'CCccccCccccCccccc3'],
      ['dhcp', '192.168.1.77', undefined, 'CDddddDddddDdddd4'],
    ]);
    expect(r.records[0]!.raw).toContain('REQUEST,ACK');
    expect(Number.isNaN(r.records[0]!.duration)).toBe(true);
  });

  it("packet_filter: counted, but its ts (the sensor's clock at startup) leaves the time range alone", () => {
    // As Zeek writes it when reading a 2018 capture in 2024: zeek_init runs before network time.
    const filter = `${header('packet_filter', ['ts', 'node', 'filter', 'init', 'success'], ['time', 'string', 'string', 'bool', 'bool'])}1712950152.827586\tzeek\tip or not ip\tT\tT\n#close\t2024-04-12-19-34-07\n`;
    const alone = runFile(bytesOf(filter));
    expect(alone.events).toEqual([]);
    expect(alone.records.map((x) => [x.path, x.ts])).toEqual([['packet_filter', 1712950152.827586]]);
    expect(alone.results[0]!.minTs).toBeNaN();
    expect(alone.results[0]!.maxTs).toBeNaN();
    const conn = `${header('conn', ['ts', 'uid'], ['time', 'string'])}1521911720.600725\tC1\n#close\t2024-04-12-19-34-07\n`;
    const both = runFile(bytesOf(`${conn}${filter}`));
    expect(both.records).toHaveLength(2);
    expect(both.results.map((x) => [x.minTs, x.maxTs])).toEqual([
      [1521911720.600725, 1521911720.600725],
      [Number.NaN, Number.NaN],
    ]);
  });

  it('dns: vectors, UTF-8, empty containers, Raw holds the line', () => {
    const r = runFile(fixture('dns.log'));
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => x.kind)).toEqual(['dns', 'dns', 'dns']);
    expect(r.records[1]!.raw).toContain('bücher.example');
    expect(r.records[1]!.raw.split('\t')).toHaveLength(24);
    expect(r.records[2]).toMatchObject({ orig: '2001:db8::7', proto: 'udp', uid: 'CDns000000000000a3' });
    expect(r.records[0]!.service).toBe('');
  });

  it('maps paths to kinds (ssl→tls, kerberos/ntlm/ssh→auth, unknown→generic)', () => {
    const kinds: Record<string, string> = {
      ssl: 'tls',
      kerberos: 'auth',
      ntlm: 'auth',
      ssh: 'auth',
      notice: 'notice',
      weird: 'weird',
      x509: 'x509',
      files: 'files',
      http: 'http',
      known_hosts: 'generic',
    };
    for (const [path, kind] of Object.entries(kinds)) {
      const r = runFile(
        bytesOf(`${header(path, ['ts', 'uid', 'id.orig_h'], ['time', 'string', 'addr'])}1.5\tCx\t10.0.0.1\n`),
      );
      expect(r.records.map((x) => [x.kind, x.path, x.orig, x.uid])).toEqual([[kind, path, '10.0.0.1', 'Cx']]);
      expect(r.records[0]!.raw).toBe('1.5\tCx\t10.0.0.1');
    }
  });

  it('records without any address are fine', () => {
    const r = runFile(
      bytesOf(`${header('loaded_scripts', ['name'], ['string'])}/opt/zeek/a.zeek\n#close\tx\n`),
    );
    expect(r.events).toEqual([]);
    expect(r.records[0]).toMatchObject({
      kind: 'generic',
      orig: undefined,
      resp: undefined,
      raw: '/opt/zeek/a.zeek',
    });
    expect(Number.isNaN(r.results[0]!.firstOrderTs)).toBe(true);
  });

  it('extracts only when the declared type matches (a string ts is validated, not read)', () => {
    const r = runFile(
      bytesOf(`${header('x', ['ts', 'id.orig_h'], ['string', 'string'])}yesterday\tnot-an-ip\n`),
    );
    expect(codes(r)).toEqual(['missing_close']);
    expect(Number.isNaN(r.records[0]!.ts)).toBe(true);
    expect(r.records[0]!.orig).toBeUndefined();
  });
});

describe('values by #types', () => {
  const types = [
    'time',
    'count',
    'int',
    'double',
    'interval',
    'port',
    'addr',
    'subnet',
    'bool',
    'set[addr]',
    'vector[count]',
    'enum',
    'pattern',
  ];
  const fields = types.map((_t, i) => `f${i}`);
  const run = (values: string[]) =>
    runFile(bytesOf(`${header('v', fields, types)}${values.join('\t')}\n#close\tx\n`));
  const good = [
    '1.5',
    '18446744073709551615',
    '-7',
    '-1.5e-7',
    '-0.25',
    '65535',
    '::1',
    '10.0.0.0/8',
    'F',
    '10.0.0.1,::2',
    '1,2,-',
    'A::B',
    '/x+/',
  ];

  it('accepts valid values, unset and empty markers everywhere', () => {
    expect(run(good).events).toEqual([]);
    expect(run(types.map(() => '-')).events).toEqual([]);
    expect(run(types.map(() => '(empty)')).events).toEqual([]);
  });

  it('reports each unparsable value by field and keeps the record', () => {
    const bad: Record<number, string> = {
      1: '-3',
      2: '1.0',
      3: '1e',
      4: 'x',
      5: '65536',
      6: '1.2.3',
      7: '10.0.0.0',
      8: 'true',
      9: '10.0.0.1,nope',
      10: '1,x',
    };
    for (const [col, value] of Object.entries(bad)) {
      const values = [...good];
      values[Number(col)] = value;
      const r = run(values);
      expect(codes(r), `${types[Number(col)]} ${value}`).toEqual(['unparsable_value']);
      expect(r.events[0]!.message).toContain(`field 'f${col}' (${types[Number(col)]})`);
      expect(r.events[0]!.line).toBe(8);
      expect(r.recordCount).toBe(1);
    }
  });
});

describe('integrity events', () => {
  it('unparsable ts: record dropped', () => {
    const r = runFile(
      conn('1.5.5 C1 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S', '2.0 C2 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S'),
    );
    expect(codes(r)).toEqual(['unparsable_value']);
    expect(r.events[0]!.message).toMatch(/'ts' \(time\): unparsable value '1\.5\.5': record dropped/);
    expect(r.records.map((x) => x.uid)).toEqual(['C2']);
  });

  it('unparsable address or port: field unset, record kept without the address flag', () => {
    const r = runFile(conn('1.0 C1 10.0.0.300 70000 10.0.0.2 2 tcp - - S0 S'));
    expect(codes(r)).toEqual(['unparsable_value', 'unparsable_value']);
    expect(r.records[0]).toMatchObject({ orig: undefined, resp: '10.0.0.2', origPort: 0, respPort: 2 });
  });

  it('field count: too few and too many, record dropped', () => {
    const r = runFile(
      conn(
        '1.0 C1 10.0.0.1 1',
        '1.0 C2 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S extra more',
        '2.0 C3 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S',
      ),
    );
    expect(codes(r)).toEqual(['field_count', 'field_count']);
    expect(r.events[0]!.message).toMatch(/line has 4 fields, the conn header has 11/);
    expect(r.events[1]!.message).toMatch(/line has 13 fields/);
    expect(r.records.map((x) => x.uid)).toEqual(['C3']);
  });

  it('binary garbage: NUL, control bytes, invalid UTF-8 drop the line', () => {
    for (const bad of ['C\u0000', 'C\u0001', 'C\u007f']) {
      const r = runFile(
        conn(`1.0 ${bad} 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S`, '2.0 C2 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S'),
      );
      expect(codes(r)).toEqual(['binary_garbage']);
      expect(r.records.map((x) => x.uid)).toEqual(['C2']);
    }
    const head = bytesOf(header('conn', CONN_FIELDS, CONN_TYPES));
    const line = bytesOf('1.0\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\tS0\tS\n');
    for (const seq of [[0xff], [0xc3], [0xe2, 0x28, 0xa1], [0xed, 0xa0, 0x80], [0xf0, 0x82, 0x82, 0xac]]) {
      const bytes = new Uint8Array([...head, ...line.subarray(0, 5), ...seq, ...line.subarray(5)]);
      const r = runFile(bytes);
      expect(codes(r)).toEqual(['missing_close', 'binary_garbage']);
      expect(r.recordCount).toBe(0);
    }
  });

  it('missing header: data before #fields', () => {
    const r = runFile(bytesOf('#separator \\x09\n#path\tconn\n1.0\tx\n\n2.0\ty\n'));
    expect(codes(r)).toEqual(['missing_close', 'missing_header', 'missing_header']);
    expect(r.events.map((e) => e.line)).toEqual([0, 3, 5]);
    expect(r.recordCount).toBe(0);
  });

  it('ts_backwards: beyond the tolerance, on the ordering key (ts + duration for conn)', () => {
    const opts = { parse: { tsToleranceSeconds: 5 } };
    // conn: a long connection written after short ones is in order by its end time
    const ok = runFile(
      conn('100.0 C1 10.0.0.1 1 10.0.0.2 2 tcp 1.0 - S0 S', '50.0 C2 10.0.0.1 1 10.0.0.2 2 tcp 52.0 - S0 S'),
      opts,
    );
    expect(ok.events).toEqual([]);
    const back = runFile(
      conn(
        '100.0 C1 10.0.0.1 1 10.0.0.2 2 tcp 1.0 - S0 S',
        '94.0 C2 10.0.0.1 1 10.0.0.2 2 tcp 0.5 - S0 S',
        '96.0 C3 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S',
      ),
      opts,
    );
    expect(back.events.map((e) => [e.code, e.line])).toEqual([['ts_backwards', 9]]);
    expect(back.events[0]!.message).toMatch(/backwards by 6\.500000 s \(tolerance 5 s\)/);
    expect(back.recordCount).toBe(3);
  });

  it('line too long (parser limit)', () => {
    const r = runFile(
      conn(
        `1.0 C${'x'.repeat(200)} 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S`,
        '2.0 C2 10.0.0.1 1 10.0.0.2 2 tcp - - S0 S',
      ),
      {
        parse: { maxLineBytes: 100 },
      },
    );
    expect(codes(r)).toEqual(['line_too_long']);
    expect(r.records.map((x) => x.uid)).toEqual(['C2']);
  });

  it('blank lines are skipped silently but counted; CRLF is tolerated', () => {
    const text = `${header('conn', CONN_FIELDS, CONN_TYPES)}\n1.0\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\tS0\tS\r\n\r\n2.0\tC2\t::1\t1\t10.0.0.2\t2\tudp\t0.5\t-\tSF\tDd\r\n#close\tx\r\n`;
    const r = runFile(bytesOf(text));
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => [x.line, x.uid, x.history, x.connState])).toEqual([
      [9, 'C1', 'S', 'S0'],
      [11, 'C2', 'Dd', 'SF'],
    ]);
    expect(r.results[0]!.lines).toBe(4);
  });

  it('a header without fields drops every line', () => {
    const r = runFile(bytesOf('#separator \\x09\n#fields\n#types\nabc\n#close\tx\n'));
    expect(codes(r)).toEqual(['field_count']);
  });

  it('keeps maxEventsPerCode events per code and counts all', () => {
    const lines = Array.from({ length: 50 }, (_v, k) => `1.0 C${k} 10.0.0.1`);
    const parser = new ZeekChunkParser({ maxEventsPerCode: 3 });
    const r = runFile(conn(...lines), { parser });
    expect(r.events.filter((e) => e.code === 'field_count')).toHaveLength(3);
    expect(r.results[0]!.eventCounts).toEqual({ field_count: 50 });
  });
});

describe('separators', () => {
  it('reads a log written with a printable separator (generic path)', () => {
    const text =
      '#separator \\x7c\n#set_separator|;\n#path|conn\n#fields|ts|uid|id.orig_h|tunnel\n#types|time|string|addr|set[addr]\n1.5|C1|10.0.0.1|10.0.0.2;10.0.0.3\n2.5|C2|-|(empty)\n#close|x\n';
    const r = runFile(bytesOf(text));
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => [x.ts, x.uid, x.orig])).toEqual([
      [1.5, 'C1', '10.0.0.1'],
      [2.5, 'C2', undefined],
    ]);
  });

  it('a custom unset marker is honoured', () => {
    const text = `#separator \\x09\n#unset_field\tNONE\n#path\tconn\n#fields\tts\tuid\tduration\n#types\ttime\tstring\tinterval\n1.5\tNONE\tNONE\n#close\tx\n`;
    const r = runFile(bytesOf(text));
    expect(r.events).toEqual([]);
    expect(r.records[0]!.uid).toBe('');
    expect(Number.isNaN(r.records[0]!.duration)).toBe(true);
  });
});

describe('API', () => {
  it('parseZeekChunk reuses a parser per options object and validates options', () => {
    const { header: h } = parseZeekHeader(header('conn', CONN_FIELDS, CONN_TYPES));
    const bytes = bytesOf('1.0\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\tS0\tS\n');
    const seen: Rec[] = [];
    const res = parseZeekChunk(
      { format: 'tsv', header: h, bytes },
      { push: (row) => seen.push(snapshot(row, 0)) },
    );
    expect(res.records).toBe(1);
    expect(seen[0]!.uid).toBe('C1');
    expect(() => zeekParseOptions({ maxLineBytes: 0 })).toThrow(NetscryError);
    expect(() => zeekParseOptions({ tsToleranceSeconds: Number.NaN })).toThrow(/tsToleranceSeconds/);
  });

  it('a sink that parses from inside push gets a private parser', () => {
    const { header: h } = parseZeekHeader(header('conn', CONN_FIELDS, CONN_TYPES));
    const bytes = bytesOf(
      '1.0\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\tS0\tS\n2.0\tC2\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\tS0\tS\n',
    );
    const outer: string[] = [];
    let inner = 0;
    parseZeekChunk(
      { format: 'tsv', header: h, bytes },
      {
        push: (row) => {
          outer.push(snapshot(row, 0).uid);
          inner += parseZeekChunk({ format: 'tsv', header: h, bytes }, { push: () => {} }).records;
        },
      },
    );
    expect(outer).toEqual(['C1', 'C2']);
    expect(inner).toBe(4);
  });

  it('schemas: one object per distinct header, also for cloned headers', () => {
    const parser = new ZeekChunkParser();
    const { header: h } = parseZeekHeader(header('conn', CONN_FIELDS, CONN_TYPES));
    const bytes = bytesOf('1.0\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\tS0\tS\n');
    const schemas = new Set<unknown>();
    for (let k = 0; k < 3; k++) {
      const clone = structuredClone(h!);
      parser.parse({ format: 'tsv', header: clone, bytes }, { push: (row) => schemas.add(row.schema) });
    }
    expect(schemas.size).toBe(1);
  });
});
