/**
 * Fuzzing (msgpack decode.jsfuzz.js style): real Zeek lines mutated at the byte level must give
 * typed results only — no throw, no hang, records that point inside their source — and the
 * same parser instance must still parse a clean chunk exactly right afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntegrityCode } from '../../../src/ingest/events.js';
import {
  type FramedChunk,
  parseZeekHeader,
  ZeekChunkParser,
  ZeekFramer,
} from '../../../src/ingest/zeek/index.js';
import type { ChunkParseResult } from '../../../src/ingest/zeek/types.js';
import { RECORD_KIND_NAMES, STR_COUNT } from '../../../src/shared/record.js';
import { bytesOf } from './helpers.js';

const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
const CORPUS = resolve(ROOT, process.env.NETSCRY_CORPUS ?? '../shared/corpus');
const fixture = (name: string): string => readFileSync(join(ROOT, 'fixtures/zeek', name), 'utf8');

/** Seed files: corpus samples when present (first lines of a few logs), else the fixtures. */
function seeds(): string[] {
  const out = [
    fixture('conn.log'),
    fixture('dns.log'),
    fixture('dhcp.log'),
    fixture('conn.json'),
    fixture('mixed-iso.json'),
  ];
  const wr = join(CORPUS, 'zeek-logs/wrccdc');
  if (existsSync(wr)) {
    for (const f of ['dns', 'ssl', 'notice', 'x509', 'smtp', 'weird']) {
      const lines = new TextDecoder().decode(gunzipSync(readFileSync(join(wr, `${f}.log.gz`)))).split('\n');
      out.push(`${lines.slice(0, 60).join('\n')}\n${lines.slice(-2).join('\n')}`);
    }
  }
  const vertical = join(CORPUS, 'labelled/stratosphere/port-scans/vertical/conn.log');
  if (existsSync(vertical)) out.push(readFileSync(vertical, 'utf8').split('\n').slice(0, 20).join('\n'));
  return out;
}
const SEEDS = seeds().map(bytesOf);

const SPECIAL = [
  0x09, 0x00, 0x23, 0x7b, 0x7d, 0x0a, 0x0d, 0x22, 0x5c, 0x2c, 0x2d, 0x2e, 0x3a, 0x5b, 0xff, 0xc3, 0xe2, 0x80,
];

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 30 }),
    times: fc.integer({ min: 2, max: 3000 }),
  }),
);

function apply(input: Uint8Array, muts: readonly Mutation[]): Uint8Array {
  let b = input;
  for (const m of muts) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    switch (m.kind) {
      case 'flip': {
        const c = b.slice();
        c[at] = c[at]! ^ (1 << m.bit);
        b = c;
        break;
      }
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'insert':
        b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
        break;
      case 'delete':
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + m.length)]);
        break;
      case 'repeat': {
        const seg = b.subarray(at, at + m.length);
        const out = new Uint8Array(b.length + seg.length * (m.times - 1));
        out.set(b.subarray(0, at + seg.length), 0);
        let o = at + seg.length;
        for (let t = 1; t < m.times; t++, o += seg.length) out.set(seg, o);
        out.set(b.subarray(at + seg.length), o);
        b = out;
        break;
      }
    }
  }
  return b;
}

const CODES = new Set<string>(Object.values(IntegrityCode));

function frame(bytes: Uint8Array, chunkBytes: number, blockSize: number, maxLineBytes: number) {
  const framer = new ZeekFramer({ file: 'fuzz', chunkBytes, maxLineBytes });
  const chunks: FramedChunk[] = [];
  for (let off = 0; off < bytes.length; off += blockSize) {
    const out = framer.push(bytes.subarray(off, Math.min(bytes.length, off + blockSize)));
    chunks.push(...out.chunks);
    for (const e of out.events) expect(CODES.has(e.code)).toBe(true);
  }
  const out = framer.end();
  chunks.push(...out.chunks);
  for (const e of out.events) expect(CODES.has(e.code)).toBe(true);
  return chunks;
}

function checkResult(r: ChunkParseResult, chunk: { bytes: Uint8Array }): void {
  expect(r.records).toBeLessThanOrEqual(r.lines);
  for (const e of r.events) {
    expect(CODES.has(e.code)).toBe(true);
    expect(e.lineInChunk).toBeGreaterThanOrEqual(1);
    expect(e.lineInChunk).toBeLessThanOrEqual(r.lines);
    expect(e.offsetInChunk).toBeGreaterThanOrEqual(0);
    expect(e.offsetInChunk).toBeLessThanOrEqual(chunk.bytes.length);
    expect(typeof e.message).toBe('string');
  }
  let total = 0;
  for (const n of Object.values(r.eventCounts)) total += n;
  expect(total).toBeGreaterThanOrEqual(r.events.length);
}

/** A clean reference chunk and what parsing it must give. */
const CLEAN = (() => {
  const text = fixture('conn.log');
  const { header } = parseZeekHeader(text);
  const bytes = bytesOf(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => `${l}\n`)
      .join(''),
  );
  const chunk = { format: 'tsv' as const, header, bytes };
  const rows = (parser: ZeekChunkParser): string[] => {
    const out: string[] = [];
    parser.parse(chunk, {
      push: (row) =>
        out.push(
          `${row.ts}|${row.addr.join(',')}|${row.origPort}|${row.counters.join(',')}|${row.flags}|${row.line}`,
        ),
    });
    return out;
  };
  return { chunk, rows, expected: rows(new ZeekChunkParser()) };
})();

describe('fuzz: mutated Zeek logs', () => {
  it('frame + parse: typed results only, rows inside their source, parser still correct after', () => {
    const parser = new ZeekChunkParser({ maxLineBytes: 4096 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 8, max: 4096 }),
        (seed, muts, chunkBytes, blockSize, maxLineBytes) => {
          const bytes = apply(SEEDS[seed]!, muts);
          const started = performance.now();
          const chunks = frame(bytes, chunkBytes, blockSize, maxLineBytes);
          for (const chunk of chunks) {
            const r = parser.parse(chunk, {
              push(row) {
                expect(RECORD_KIND_NAMES[row.kind]).toBeDefined();
                expect(row.line).toBeGreaterThanOrEqual(1);
                for (let s = 0; s < STR_COUNT; s++) {
                  expect(row.strStart[s]).toBeLessThanOrEqual(row.strEnd[s]!);
                  expect(row.strEnd[s]).toBeLessThanOrEqual(row.src.length);
                }
                expect(row.origPort).toBeLessThanOrEqual(65535);
              },
            });
            checkResult(r, chunk);
          }
          // Linear work: even a pathological input of this size parses in well under a second.
          expect(performance.now() - started).toBeLessThan(5000);
          expect(CLEAN.rows(parser)).toEqual(CLEAN.expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('parser alone: random bytes under real headers and as JSON, no framer', () => {
    const parser = new ZeekChunkParser({ maxLineBytes: 512 });
    const headers = SEEDS.map((s) => parseZeekHeader(new TextDecoder().decode(s)).header).filter(
      (h) => h !== undefined,
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.constantFrom(...SPECIAL), { maxLength: 200 }),
        fc.integer({ min: 0, max: headers.length }),
        (random, special, h) => {
          const mixed = new Uint8Array([...random, ...special].sort(() => 0.5 - (random[0] ?? 0) / 255));
          for (const bytes of [random, mixed]) {
            const chunk =
              h === headers.length
                ? { format: 'json' as const, header: undefined, bytes }
                : { format: 'tsv' as const, header: headers[h], bytes };
            checkResult(parser.parse(chunk, { push() {} }), chunk);
          }
          expect(CLEAN.rows(parser)).toEqual(CLEAN.expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('huge values: long digit runs, long lines, deep nesting', () => {
    const parser = new ZeekChunkParser({ maxLineBytes: 8 << 20 });
    const { header } = parseZeekHeader(fixture('conn.log'));
    const big = '9'.repeat(1 << 20);
    const line = `${big}.${big}\tC1\t10.0.0.1\t${big}\t10.0.0.2\t1\ttcp\t-\t${big}\t${big}\t1\tSF\tT\tF\t0\tS\t1\t1\t1\t1\t-\n`;
    const r = parser.parse({ format: 'tsv', header, bytes: bytesOf(line) }, { push() {} });
    // ts and duration overflow a double, orig_p and orig_bytes are out of range; ts drops the record
    expect(r.eventCounts).toEqual({ unparsable_value: 4 });
    expect(r.records).toBe(0);
    const deep = `{"ts":1,"a":${'['.repeat(100000)}${']'.repeat(100000)}}\n`;
    expect(
      parser.parse({ format: 'json', header: undefined, bytes: bytesOf(deep) }, { push() {} }).eventCounts,
    ).toEqual({
      bad_json: 1,
    });
    expect(CLEAN.rows(parser)).toEqual(CLEAN.expected);
  });
});
