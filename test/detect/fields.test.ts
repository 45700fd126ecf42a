import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldReader } from '../../src/detect/fields.js';
import { RecordKind } from '../../src/shared/record.js';
import { zeekViews } from '../helpers/zeek-views.js';

const DNS_TSV = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tdns',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name\trcode_name\tanswers\tTTLs',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring\tstring\tvector[string]\tvector[interval]',
  '1700000000.000001\tC1\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\texample\\x2ecom\tA\tNOERROR\t1.2.3.4,5.6.7.8\t60.0,60.0',
  '1700000001.000001\tC2\t10.0.0.5\t5354\t10.0.0.1\t53\tudp\t(empty)\tTXT\t-\t-\t-',
  '#close\t2024-01-01-00-00-00',
  '',
].join('\n');

function readAll(
  text: string,
  names: readonly string[],
): Array<Array<string | readonly string[] | undefined>> {
  const reader = new FieldReader(names);
  const out: Array<Array<string | readonly string[] | undefined>> = [];
  for (const view of zeekViews(text)) {
    for (let i = 0; i < view.count; i++) {
      expect(view.kind[i]).toBe(RecordKind.Dns);
      expect(reader.read(view, i)).toBe(true);
      out.push(names.map((_n, k) => (names[k] === 'answers' ? reader.list(k) : reader.text(k))));
    }
  }
  return out;
}

describe('FieldReader', () => {
  it('reads wanted TSV fields by name: escapes undone, unset and empty told apart, sets as lists', () => {
    expect(readAll(DNS_TSV, ['query', 'rcode_name', 'answers', 'no_such_field'])).toEqual([
      ['example.com', 'NOERROR', ['1.2.3.4', '5.6.7.8'], undefined],
      ['', undefined, undefined, undefined],
    ]);
  });

  it('reads JSON records by key, arrays as lists and numbers as text', () => {
    const json = [
      '{"_path":"dns","ts":1700000000.5,"uid":"C1","id.orig_h":"10.0.0.5","id.orig_p":5353,"id.resp_h":"10.0.0.1","id.resp_p":53,"proto":"udp","query":"a.example.com","qtype_name":"TXT","answers":["x","y"],"rcode":0}',
      '{"_path":"dns","ts":1700000001.5,"uid":"C2","id.orig_h":"10.0.0.5","id.orig_p":5353,"id.resp_h":"10.0.0.1","id.resp_p":53,"proto":"udp","query":null}',
      '',
    ].join('\n');
    const reader = new FieldReader(['query', 'answers', 'rcode']);
    const got: unknown[] = [];
    for (const view of zeekViews(json)) {
      for (let i = 0; i < view.count; i++) {
        reader.read(view, i);
        got.push([reader.text(0), reader.list(1), reader.number(2)]);
      }
    }
    expect(got).toEqual([
      ['a.example.com', ['x', 'y'], 0],
      [undefined, undefined, Number.NaN],
    ]);
  });

  it('gives every reader the same values whatever order readers share the rows of a view in', () => {
    // 40 columns: readers of columns past the shared column table (32) take the uncached scan.
    const names = Array.from({ length: 40 }, (_v, c) => `f${c}`);
    // f8 of row 2 unset and of row 3 empty, f9 of row 1 escaped: what readers share is the value.
    const special: Record<string, [string, string | undefined]> = {
      f8r2: ['-', undefined],
      f8r3: ['(empty)', ''],
      f9r1: ['a\\x2cb', 'a,b'],
    };
    const raw = (n: string, r: number): string => special[`${n}r${r}`]?.[0] ?? `${n}r${r}`;
    const line = (r: number): string =>
      [
        '1700000000.5',
        `C${r}`,
        '10.0.0.5',
        '5353',
        '10.0.0.1',
        '53',
        ...names.slice(6).map((n) => raw(n, r)),
      ].join('\t');
    const text = [
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\tdns',
      `#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t${names.slice(6).join('\t')}`,
      `#types\ttime\tstring\taddr\tport\taddr\tport\t${names
        .slice(6)
        .map(() => 'string')
        .join('\t')}`,
      ...[0, 1, 2, 3, 4].map(line),
      '',
    ].join('\n');
    const wanted = [
      ['f7'],
      ['f20', 'f8'],
      ['f39', 'f6'],
      ['f31', 'f9', 'f31'],
      ['f30'],
      ['f9', 'f8'],
      ['f8'],
    ];
    const expected = (r: number, list: readonly string[]): Array<string | undefined> =>
      list.map((n) => {
        const s = special[`${n}r${r}`];
        return s === undefined ? `${n}r${r}` : s[1];
      });
    const views = zeekViews(text, { batchRecords: 3 });
    expect(views.length).toBe(2);
    const check = (
      reader: FieldReader,
      list: readonly string[],
      view: (typeof views)[0],
      i: number,
    ): void => {
      expect(reader.read(view, i)).toBe(true);
      const r = Number(view.str(i, 0).slice(1));
      expect(list.map((_n, k) => reader.text(k))).toEqual(expected(r, list));
    };
    for (const order of [wanted, [...wanted].reverse()]) {
      const readers = order.map((l) => new FieldReader(l));
      // Reader after reader over a view (as analyzers do), then row by row across views.
      for (const view of views) {
        for (let k = 0; k < readers.length; k++) {
          for (let i = 0; i < view.count; i++) check(readers[k]!, order[k]!, view, i);
        }
      }
      for (let i = 0; i < 2; i++) {
        for (const view of views)
          for (let k = 0; k < readers.length; k++) check(readers[k]!, order[k]!, view, i);
      }
    }
  });

  it('has nothing to read on conn records (they carry no raw line)', () => {
    const conn = DNS_TSV.replace('#path\tdns', '#path\tconn');
    const reader = new FieldReader(['query']);
    const view = zeekViews(conn)[0]!;
    expect(reader.read(view, 0)).toBe(false);
    expect(reader.text(0)).toBeUndefined();
    expect(reader.bool(0)).toBeUndefined();
  });

  it('reads JSON lines in place as JSON.parse reads them: escapes, numbers, literals, arrays, repeated keys', () => {
    const wanted = ['query', 'answers', 'rtt', 'AA', 'query'];
    /** What a wanted key's value reads as: JSON.parse's value, numbers in String's notation. */
    const expectedOf = (v: unknown): { text?: string; list?: string[] } => {
      if (v === undefined || v === null) return {};
      if (Array.isArray(v)) return { list: v.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) };
      return { text: typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v) };
    };
    const number = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
      fc.constantFrom(
        '0',
        '-0',
        '0.000870',
        '2230.000000',
        '1e3',
        '1E-7',
        '-2.5e+10',
        '123456789012345678901',
      ),
    );
    const scalar = fc.oneof(
      fc.string({ unit: 'grapheme' }).map((t) => JSON.stringify(t)),
      fc.string().map((t) => JSON.stringify(t)),
      fc.constantFrom('"a.example.com"', '"\\u00e9t\\u00e9"', '"tab\\there"', '"\\ud83d\\ude00"'),
      number,
      fc.constantFrom('true', 'false', 'null'),
    );
    const value = fc.oneof(
      { weight: 4, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('[[1,2],"x"]', '{"a":[1,{"b":null}]}', '[{"x":1}]', '{}', '[]'),
      },
    );
    const key = fc.constantFrom('query', 'answers', 'rtt', 'AA', 'other', 'qtype_name', 'q\\u0075ery');
    const ws = fc.constantFrom('', '', '', ' ', '\t');
    const line = fc.array(fc.tuple(key, value, ws), { maxLength: 8 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const texts = lines.map(
          (members, n) =>
            `{"_path":"dns","ts":1700000000.5,"uid":"C${n}","id.orig_h":"10.0.0.5","id.resp_h":"10.0.0.1"${members
              .map(([k, v, w]) => `,${w}"${k}"${w}:${w}${v}`)
              .join('')}}`,
        );
        const reader = new FieldReader(wanted);
        for (const view of zeekViews(`${texts.join('\n')}\n`)) {
          for (let i = 0; i < view.count; i++) {
            expect(reader.read(view, i)).toBe(true);
            const n = Number(view.str(i, 0).slice(1));
            const obj = JSON.parse(texts[n]!) as Record<string, unknown>;
            for (let k = 0; k < wanted.length; k++) {
              const want = expectedOf(obj[wanted[k]!]);
              expect(reader.text(k)).toEqual(want.text ?? want.list?.join(','));
              expect(reader.list(k)).toEqual(
                want.list ?? (want.text === undefined ? undefined : [want.text]),
              );
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
