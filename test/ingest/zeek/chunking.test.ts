/**
 * The same input framed with many chunk and block sizes gives the same records and events
 * (with file line numbers), for TSV and JSON, clean and with bad lines of every kind.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOf, type RunResult, runFile } from './helpers.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/zeek/${name}`, import.meta.url), 'utf8');

function norm(r: RunResult) {
  return {
    records: r.records.map((x) => JSON.stringify(x)),
    // A ts step back found across a chunk boundary has the coordinator's message.
    events: r.events.map((e) => `${e.code}@${e.line}${e.code === 'ts_backwards' ? '' : `:${e.message}`}`),
    recordsByPath: r.recordsByPath,
  };
}

const conn = fixture('conn.log');
const lines = conn.split('\n');
const head = lines.slice(0, 8).join('\n');
const body = lines.slice(8, -2);
const dirtyTsv = [
  head,
  ...body,
  'garbage\tline',
  `${body[0]!.replace('10.1.2.3', '10.1.2.300')}`,
  `${body[1]!.replace('1712950152.200000', '1712940000.5')}`,
  '',
  `${body[2]!.replace('CCdef', 'C\u0001def')}`,
  `${body[3]!}\textra`,
  '#bogus\tdirective',
  ...body.slice(4),
  `${'9'.repeat(600)}`,
  head.replace('#path\tconn', '#path\tother'),
  ...body,
  '',
].join('\n');

const dirtyJson = [
  ...fixture('conn.json').trim().split('\n'),
  '{"ts":1712950000.0,"uid":"Cback","conn_state":"SF"}',
  'not json',
  '{"ts":"bad","conn_state":"SF"}',
  '{"ts":1712950200,"uid":"C\u0000"}',
  '',
  ...fixture('mixed-iso.json').trim().split('\n'),
  `{"long":"${'x'.repeat(600)}"}`,
  '{"ts":1712950300}',
].join('\n');

describe('chunk boundaries', () => {
  for (const [name, text] of [
    ['conn.log', conn],
    ['dns.log', fixture('dns.log')],
    ['dirty tsv', dirtyTsv],
    ['conn.json', fixture('conn.json')],
    ['dirty json', dirtyJson],
  ] as const) {
    it(`${name}: every chunk and block size gives the same records and events`, () => {
      const bytes = bytesOf(text);
      const opts = { maxLineBytes: 450, parse: { tsToleranceSeconds: 60 } };
      const ref = norm(runFile(bytes, { ...opts, chunkBytes: 1 << 20, blockSize: bytes.length }));
      expect(ref.records.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2000 }),
          fc.integer({ min: 1, max: 600 }),
          (chunkBytes, blockSize) => {
            expect(norm(runFile(bytes, { ...opts, chunkBytes, blockSize }))).toEqual(ref);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('the dirty inputs provoke the events they were built for', () => {
    const tsv = runFile(bytesOf(dirtyTsv), { maxLineBytes: 450, parse: { tsToleranceSeconds: 60 } });
    expect(new Set(tsv.events.map((e) => e.code))).toEqual(
      new Set([
        'field_count',
        'unparsable_value',
        'ts_backwards',
        'binary_garbage',
        'unknown_directive',
        'line_too_long',
        'header_change',
        'missing_close',
      ]),
    );
    const json = runFile(bytesOf(dirtyJson), { maxLineBytes: 450, parse: { tsToleranceSeconds: 60 } });
    expect(new Set(json.events.map((e) => e.code))).toEqual(
      new Set(['ts_backwards', 'bad_json', 'unparsable_value', 'binary_garbage', 'line_too_long']),
    );
  });
});
