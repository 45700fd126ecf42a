import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferPath, ZeekChunkParser } from '../../../src/ingest/zeek/index.js';
import { ID_FIELDS } from '../../helpers/zeek-text.js';
import { bytesOf, runFile } from './helpers.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../../../fixtures/zeek/${name}`, import.meta.url));
const codes = (r: { events: { code: string }[] }): string[] => r.events.map((e) => e.code);
const json = (...lines: string[]): Uint8Array => bytesOf(`${lines.join('\n')}\n`);

describe('conn.json fixture', () => {
  const r = runFile(fixture('conn.json'));
  it('parses every line, infers conn, keys missing when unset', () => {
    expect(r.events).toEqual([]);
    expect(r.recordsByPath).toEqual({ conn: 3 });
    expect(r.records[0]).toMatchObject({
      line: 1,
      kind: 'conn',
      format: 'json',
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
    const s0 = r.records[1]!;
    expect(s0.service).toBe('');
    expect(Number.isNaN(s0.duration)).toBe(true);
    expect(s0.counters.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(r.records[2]).toMatchObject({ orig: '2001:db8::1', duration: 9.0e-4, proto: 'udp' });
  });
  it('schema: format json, fields = keys (a schema per key sequence)', () => {
    const parser = new ZeekChunkParser();
    const schemas: unknown[] = [];
    parser.parse(
      { format: 'json', header: undefined, bytes: fixture('conn.json') },
      { push: (row) => schemas.push(row.schema) },
    );
    const s = schemas[1] as { fields: string[]; format: string; path: string; types: string[] };
    expect(s.format).toBe('json');
    expect(s.path).toBe('conn');
    expect(s.fields).toContain('local_resp');
    expect(s.fields).not.toContain('service');
    expect(s.types[s.fields.indexOf('ts')]).toBe('time');
    expect(s.types[s.fields.indexOf('local_resp')]).toBe('json');
    expect(new Set(schemas).size).toBe(3);
  });
});

describe('mixed-iso.json fixture', () => {
  const r = runFile(fixture('mixed-iso.json'));
  it('takes the path from _path and ISO 8601 timestamps', () => {
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => [x.path, x.kind])).toEqual([
      ['conn', 'conn'],
      ['dns', 'dns'],
      ['http', 'http'],
      ['notice', 'notice'],
      ['weird', 'weird'],
    ]);
    expect(r.records[0]!.ts).toBe(1712950152.123456);
    expect(r.records[3]!.ts).toBe(1712950153.5);
    expect(r.records[1]).toMatchObject({ uid: 'CDns000000000000a1', orig: '10.1.2.3', proto: 'udp' });
    expect(r.records[2]!.raw).toContain('"uri":"/a?q=\\"x\\"&u=\\u00e9"');
    expect(r.records[3]).toMatchObject({ orig: undefined, uid: '' });
  });
});

describe('packet_filter.json', () => {
  it("counts the record, but its ts (the sensor's clock at startup) leaves the time range alone", () => {
    const r = runFile(
      bytesOf(
        '{"_path":"conn","ts":1521911720.600725,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80,"proto":"tcp"}\n' +
          '{"_path":"packet_filter","ts":1712950152.827586,"node":"zeek","filter":"ip or not ip","init":true,"success":true}\n',
      ),
    );
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => x.path)).toEqual(['conn', 'packet_filter']);
    expect([r.results[0]!.minTs, r.results[0]!.maxTs]).toEqual([1521911720.600725, 1521911720.600725]);
  });
});

describe('dhcp.json (corpus shape)', () => {
  it('orig = client_addr, resp = server_addr, uid = first of uids', () => {
    const r = runFile(
      json(
        '{"ts":1655297623.950175,"uids":["CNs2Ee4K9VuwjJ0Vil","Cx"],"client_addr":"192.168.1.30","server_addr":"192.168.1.1","mac":"24:4b:fe:1c:48:a4","lease_time":600.0,"requested_addr":"192.168.1.105","msg_types":["REQUEST","ACK"],"duration":0.0007538795471191406}',
        '{"ts":1655297624.0,"uids":["C2"],"server_addr":"192.168.1.1","requested_addr":"192.168.1.106","msg_types":["REQUEST"]}',
        '{"ts":1655297625.0,"uids":"C3","assigned_addr":"192.168.1.107","msg_types":["ACK"]}',
      ),
    );
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => [x.kind, x.uid, x.orig, x.resp])).toEqual([
      ['dhcp', 'CNs2Ee4K9VuwjJ0Vil', '192.168.1.30', '192.168.1.1'],
      ['dhcp', 'C2', '192.168.1.106', '192.168.1.1'],
      ['dhcp', 'C3', '192.168.1.107', undefined],
    ]);
  });
});

describe('inferPath', () => {
  it('infers each log type from its keys', () => {
    const cases: Array<[string[], string]> = [
      [['ts', 'uid', 'conn_state'], 'conn'],
      [['ts', 'history'], 'conn'],
      [['ts', 'query', 'qtype'], 'dns'],
      [['ts', 'trans_id', 'rcode'], 'dns'],
      [['ts', 'method', 'uri', 'status_code'], 'http'],
      [['ts', 'server_name', 'cipher'], 'ssl'],
      [['ts', 'version', 'established'], 'ssl'],
      [['ts', 'msg_types', 'mac'], 'dhcp'],
      [['ts', 'fingerprint', 'certificate.subject'], 'x509'],
      [['ts', 'name', 'addl', 'notice'], 'weird'],
      [['ts', 'note', 'msg'], 'notice'],
      [['ts', 'request_type', 'client', 'service'], 'kerberos'],
      [['ts', 'username', 'domainname', 'server_nb_computer_name'], 'ntlm'],
      [['ts', 'auth_success', 'auth_attempts', 'client', 'server'], 'ssh'],
      [['ts', 'fuid', 'mime_type'], 'files'],
      [['ts', 'host', 'port_num'], ''],
    ];
    for (const [keys, path] of cases) expect(inferPath(keys), keys.join(',')).toBe(path);
  });
  it('gives generic records when nothing matches', () => {
    const r = runFile(json('{"ts":1.5,"host":"10.0.0.1"}'));
    expect(r.records[0]).toMatchObject({ kind: 'generic', path: '', raw: '{"ts":1.5,"host":"10.0.0.1"}' });
    expect(r.recordsByPath).toEqual({ '': 1 });
  });
});

describe('JSON grammar', () => {
  it('accepts whitespace, escapes, nested values, empty objects', () => {
    const r = runFile(
      json(
        '{"ts":0.5}',
        ' { "ts" : 1.5 , "uid" : "C\\"1\\u00e9" , "a" : [ 1 , [ ] , { } , { "b" : [ null , true , false ] } ] , "o" : { "x" : { } } } ',
        '{}',
        '{"ts":2,"x":-0.5e+3,"y":0,"z":"\u00e9\u4e2d\ud83d\ude00"}',
      ),
    );
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => [x.ts, x.uid])).toEqual([
      [0.5, ''],
      [1.5, 'C\\"1\\u00e9'],
      [Number.NaN, ''],
      [2, ''],
    ]);
  });

  it('reports bad JSON and skips the line', () => {
    const bad = [
      '[1,2]',
      'ts=1',
      '{"ts":1',
      '{"ts":1}}',
      '{"ts":1,}',
      '{"ts" 1}',
      '{ts:1}',
      '{"ts":01}',
      '{"ts":1.}',
      '{"ts":-}',
      '{"ts":1e}',
      '{"ts":tru}',
      '{"a":"x\\q"}',
      '{"a":"\\u12G4"}',
      '{"a":[1,2}',
      '{"a":{"b":1]}',
      '{"a":"unterminated}',
      `{"a":${'['.repeat(70)}${']'.repeat(70)}}`,
      '{"a":"tab\there"}',
    ];
    for (const line of bad) {
      const r = runFile(json('{"ts":0.5}', line, '{"ts":9.5}'));
      expect(codes(r), line).toEqual(['bad_json']);
      expect(r.events[0]!.line).toBe(2);
      expect(r.records.map((x) => x.ts)).toEqual([0.5, 9.5]);
    }
    const r = runFile(json('{"ts":1'));
    expect(r.events[0]!.message).toMatch(
      /not a JSON object line: expected ',' or '}', found end of line at column 8/,
    );
  });

  it('reports binary garbage (control bytes, invalid UTF-8) and skips the line', () => {
    for (const line of ['{"a":"x\u0000"}', '{"a":"x\u0001"}', '{"a":1}\u0002', '{\u0000}', '{"a"\u0000:1}']) {
      expect(codes(runFile(json(line))), JSON.stringify(line)).toEqual(['binary_garbage']);
    }
    const bytes = new Uint8Array([...bytesOf('{"a":"'), 0xc3, 0x28, ...bytesOf('"}\n')]);
    expect(codes(runFile(bytes))).toEqual(['binary_garbage']);
  });

  it('skips blank lines silently', () => {
    const r = runFile(bytesOf('{"ts":1}\n\n   \n\r\n{"ts":2}\n'));
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => x.line)).toEqual([1, 5]);
    expect(r.results[0]!.lines).toBe(5);
  });
});

describe('extracted values', () => {
  it('wrong kinds are unparsable values; null is unset', () => {
    const r = runFile(
      json(
        '{"ts":1.0,"uid":7,"id.orig_h":"10.0.0.999","id.orig_p":"80","id.resp_h":null,"id.resp_p":70000,"proto":"tcp","conn_state":"SF","duration":"1","orig_bytes":-1}',
      ),
    );
    expect(codes(r)).toEqual([
      'unparsable_value',
      'unparsable_value',
      'unparsable_value',
      'unparsable_value',
      'unparsable_value',
      'unparsable_value',
    ]);
    expect(r.events[0]!.message).toMatch(
      /conn key 'uid': unparsable value 7 \(expected a string\): field left unset/,
    );
    expect(r.records[0]).toMatchObject({
      uid: '',
      orig: undefined,
      resp: undefined,
      origPort: 0,
      respPort: 0,
      connState: 'SF',
    });
  });

  it('an unparsable ts drops the record', () => {
    const r = runFile(
      json(
        '{"ts":"yesterday","uid":"C1","conn_state":"S0"}',
        '{"ts":true,"uid":"C2","conn_state":"S0"}',
        '{"ts":null,"uid":"C3","conn_state":"S0"}',
      ),
    );
    expect(codes(r)).toEqual(['unparsable_value', 'unparsable_value']);
    expect(r.events[0]!.message).toMatch(
      /'ts': unparsable value "yesterday" \(expected epoch seconds or an ISO 8601 string\): record dropped/,
    );
    expect(r.records.map((x) => x.uid)).toEqual(['C3']);
  });

  it('ts_backwards on the ordering key', () => {
    const r = runFile(
      json('{"ts":100,"history":"S"}', '{"ts":50,"duration":49,"history":"S"}', '{"ts":90,"history":"S"}'),
      {
        parse: { tsToleranceSeconds: 5 },
      },
    );
    expect(r.events.map((e) => [e.code, e.line])).toEqual([['ts_backwards', 3]]);
  });

  it('keys that change order or go missing from line to line', () => {
    const lines = [];
    for (let k = 0; k < 40; k++) {
      const parts = [`"ts":${k}`, `"uid":"C${k}"`, '"conn_state":"SF"'];
      if (k % 3 === 0) parts.push(`"service":"s${k}"`);
      if (k % 5 === 0) parts.reverse();
      lines.push(`{${parts.join(',')}}`);
    }
    const r = runFile(json(...lines));
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => x.uid)).toEqual(lines.map((_l, k) => `C${k}`));
    expect(r.records.map((x) => x.service)).toEqual(lines.map((_l, k) => (k % 3 === 0 ? `s${k}` : '')));
  });

  it('survives many distinct keys (bounded caches)', () => {
    const lines = [];
    for (let k = 0; k < 3000; k++) lines.push(`{"ts":${k},"k${k}a":1,"k${k}b":2,"uid":"C${k}"}`);
    const r = runFile(json(...lines), { keepRecords: true });
    expect(r.events).toEqual([]);
    expect(r.recordCount).toBe(3000);
    expect(r.records[2999]!.ts).toBe(2999);
  });
});

describe('compiled line functions (json-compile.ts)', () => {
  /** Values per key: mostly what Zeek writes, sometimes what only the generic path handles. */
  const pools: Record<string, readonly string[]> = {
    ts: [
      '1712950152.123456',
      '1712950153',
      '1712950153.5',
      '"2024-04-12T19:29:12.123456Z"',
      '-1.5',
      '1e9',
      '"x"',
      '01',
      'null',
    ],
    uid: ['"CAbcdEfGh1234567Xy"', '"C\\u0041b"', '7', '"Cé"', '""'],
    'id.orig_h': ['"10.1.2.3"', '"2001:db8::1"', '"10.0.0.256"', '"fe80::1%eth0"', '"::ffff:10.1.2.3"', '1'],
    'id.orig_p': ['51515', '0', '65535', '65536', '080', '"80"', '1.0'],
    'id.resp_h': ['"93.184.216.34"', '"2001:db8:0:1::53"', '"x"'],
    'id.resp_p': ['443', '53', '1e2', '-1'],
    proto: ['"tcp"', '"udp"', '"icmp"', '"sctp"', 'true'],
    service: ['"ssl"', '"dns"', '"http,ssl"', '"s\\"q"'],
    duration: ['1.25', '0.000900', '9.0e-4', '0', '12345678901234567890.5', '"1"'],
    orig_bytes: ['517', '0', '18446744073709551615', '9007199254740993', '-1', '1.5'],
    resp_bytes: ['4321', '0', '12345678901234567890123'],
    conn_state: ['"SF"', '"S0"', '"REJ"', '"OTH"', '"XX"'],
    local_orig: ['true', 'false', 'null', '"T"'],
    history: ['"ShADadFf"', '"S"', '"Dd"'],
    orig_pkts: ['9', '1'],
    tunnel_parents: ['[]', '["CAbc"]', '[1,[2,{"a":null}]]', '{}', '[1,]'],
    query: ['"example.com"', '"xn--bcher-kva.example"'],
    answers: ['["1.2.3.4","5.6.7.8"]', '[]'],
    TTLs: ['[2230.000000,41830.0]', '[1e3]'],
    _path: ['"conn"', '"dns"', '"weird"', '"conn2"'],
    name: ['"bad_TCP_checksum"'],
  };
  const shapes: readonly (readonly string[])[] = [
    `${ID_FIELDS.join(' ')} proto service duration orig_bytes resp_bytes conn_state local_orig history orig_pkts tunnel_parents`,
    `${ID_FIELDS.join(' ')} proto conn_state history`,
    'ts uid id.orig_h id.resp_h id.resp_p proto query answers TTLs',
    '_path ts uid id.orig_h id.resp_h name',
  ].map((keys) => keys.split(' '));
  /** A line: a shape and, per key, an index into its pool (0 — Zeek's usual value — most often). */
  const line = fc.record({
    shape: fc.nat(shapes.length - 1),
    picks: fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.nat(1) },
        { weight: 1, arbitrary: fc.nat(9) },
      ),
      {
        minLength: 16,
        maxLength: 16,
      },
    ),
    repeat: fc.integer({ min: 1, max: 8 }),
    /** Keys left out (unset fields), one bit per key; mostly none. */
    drop: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(0xffff) }),
  });
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('flip', 'space', 'cr', 'delete', 'brace', 'end'),
    bit: fc.integer({ min: 0, max: 7 }),
  });
  const text = (l: { shape: number; picks: number[]; drop: number }): string => {
    const keys = shapes[l.shape]!;
    return `{${keys
      .map((k, i) => {
        if ((l.drop >> i) & 1) return undefined;
        const pool = pools[k]!;
        return `"${k}":${pool[l.picks[i]! % pool.length]}`;
      })
      .filter((kv) => kv !== undefined)
      .join(',')}}`;
  };

  it('accept only lines the generic path parses the same way: records and events agree, mutated lines included', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.array(edit, { maxLength: 4 }),
        (lines, edits) => {
          const bytes = Array.from(json(...lines.flatMap((l) => Array<string>(l.repeat).fill(text(l)))));
          for (const e of edits) {
            const at = e.at % bytes.length;
            if (e.kind === 'flip') bytes[at] = bytes[at]! ^ (1 << e.bit);
            else if (e.kind === 'space') bytes.splice(at, 0, 0x20);
            else if (e.kind === 'cr') bytes.splice(at, 0, 0x0d);
            else if (e.kind === 'brace') bytes.splice(at, 0, 0x7d);
            else if (e.kind === 'end') {
              // Just before a line's '\n': what follows the object is checked too.
              const nl = bytes.indexOf(0x0a, at);
              bytes.splice(nl < 0 ? bytes.length - 1 : nl, 0, [0x7d, 0x20, 0x2c, 0x78, 0x0d][e.bit % 5]!);
            } else bytes.splice(at, 1);
          }
          const input = Uint8Array.from(bytes);
          const compiled = runFile(input, { parser: new ZeekChunkParser({ maxEventsPerCode: 1e6 }) });
          const generic = runFile(input, {
            parser: new ZeekChunkParser({ maxEventsPerCode: 1e6 }, { compileColumns: false }),
          });
          expect(compiled.events).toEqual(generic.events);
          expect(compiled.recordsByPath).toEqual(generic.recordsByPath);
          expect(compiled.records.map((r) => JSON.stringify(r))).toEqual(
            generic.records.map((r) => JSON.stringify(r)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('follow a stream that interleaves logs by their _path, as the generic path reads it', () => {
    const conn = (k: number): string =>
      `{"_path":"conn","ts":${k}.5,"uid":"C${k}","id.orig_h":"10.0.0.1","id.orig_p":${k},"id.resp_h":"10.0.0.2","id.resp_p":80,"proto":"tcp","conn_state":"SF"${k % 3 ? ',"orig_bytes":10' : ''}}`;
    const dns = (k: number): string =>
      `{"_path":"dns","ts":${k}.7,"uid":"D${k}","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.53","id.resp_p":53,"query":"q${k}.example","answers":["1.2.3.${k % 250}"]}`;
    const weird = (k: number): string => `{"_path":"weird","ts":${k}.9,"uid":"W${k}","name":"bad_${k % 2}"}`;
    const lines = Array.from({ length: 60 }, (_v, k) =>
      k % 3 === 0 ? conn(k) : k % 3 === 1 ? dns(k) : weird(k),
    );
    const input = json(...lines);
    const compiled = runFile(input);
    const generic = runFile(input, { parser: new ZeekChunkParser({}, { compileColumns: false }) });
    expect(compiled.events).toEqual([]);
    expect(compiled.recordsByPath).toEqual({ conn: 20, dns: 20, weird: 20 });
    expect(compiled.records.map((r) => JSON.stringify(r))).toEqual(
      generic.records.map((r) => JSON.stringify(r)),
    );
  });

  it('read lines alike before and after their shape compiles, and when the shape changes', () => {
    const full =
      '{"ts":1.5,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":80,"proto":"tcp","conn_state":"SF","orig_bytes":10}';
    const lines = [
      ...Array(10).fill(full),
      full.replace('"orig_bytes":10', '"orig_bytes":null'),
      ...Array(5).fill(full),
      full.replace(',"orig_bytes":10', ''),
    ];
    const r = runFile(json(...lines));
    expect(r.events).toEqual([]);
    expect(r.records.map((x) => x.counters[0])).toEqual([
      ...Array(10).fill(10),
      Number.NaN,
      ...Array(5).fill(10),
      Number.NaN,
    ]);
    expect(r.records.every((x) => x.orig === '10.0.0.1' && x.respPort === 80 && x.connState === 'SF')).toBe(
      true,
    );
  });
});
