import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdsDirective, RangeReader, rangeNeedsFraming } from '../../src/engine/read-range.js';
import { IntegrityCode } from '../../src/ingest/events.js';
import { parseZeekHeader } from '../../src/ingest/zeek/header.js';
import { DEFAULT_ZEEK_PARSE_OPTIONS, parseZeekChunk } from '../../src/ingest/zeek/index.js';
import type { ZeekHeader } from '../../src/ingest/zeek/types.js';
import { zeekHeaderText } from '../helpers/zeek-text.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-read-range-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array | undefined): string | undefined => (b ? new TextDecoder().decode(b) : undefined);

describe('RangeReader', () => {
  it('reads a range of whole lines, into one buffer reused from read to read', async () => {
    const path = join(dir, 'lines.log');
    await writeFile(path, 'first\nsecond line\nthird\n');
    const reader = new RangeReader();
    const a = reader.read(path, 6, 12);
    expect(text(a)).toBe('second line\n');
    const b = reader.read(path, 0, 6);
    expect(text(b)).toBe('first\n');
    expect(b!.buffer).toBe(a!.buffer);
    expect(text(reader.read(path, 0, 24))).toBe('first\nsecond line\nthird\n');
  });

  it('answers undefined when the file is shorter now or the range no longer ends a line', async () => {
    const path = join(dir, 'changed.log');
    await writeFile(path, 'first\nsecond\n');
    const reader = new RangeReader();
    expect(reader.read(path, 6, 20)).toBeUndefined();
    expect(reader.read(path, 0, 8)).toBeUndefined();
    expect(text(reader.read(path, 0, 0))).toBe('');
    expect(reader.read(join(dir, 'gone.log'), 0, 6)).toBeUndefined();
    expect(reader.read(dir, 0, 6)).toBeUndefined();
  });
});

describe('rangeNeedsFraming', () => {
  const headerOf = (path: string, fields: string[], types: string[]): ZeekHeader =>
    parseZeekHeader(zeekHeaderText(path, fields, types)).header!;
  const timeFirst = headerOf('conn', ['ts', 'uid'], ['time', 'string']);
  const stringFirst = headerOf('notes', ['note', 'ts'], ['string', 'time']);
  const options = { ...DEFAULT_ZEEK_PARSE_OPTIONS, maxLineBytes: 1024 };
  const parse = (header: ZeekHeader, body: string) => {
    const b = bytes(body);
    return { b, result: parseZeekChunk({ format: 'tsv', header, bytes: b }, { push() {} }, options) };
  };

  it('passes clean data lines', () => {
    const { b, result } = parse(timeFirst, '1.0\tC1\n2.0\tC2\n');
    expect(rangeNeedsFraming(timeFirst, b, result)).toBeUndefined();
  });

  it('finds a directive line: in a time-first log from the event it caused, in others by looking', () => {
    const t = parse(timeFirst, '1.0\tC1\n#close\t2024-01-01-00-00-00\n2.0\tC2\n');
    expect(Object.keys(t.result.eventCounts).length).toBeGreaterThan(0);
    expect(rangeNeedsFraming(timeFirst, t.b, t.result)).toBe('directive');
    const s = parse(stringFirst, 'hello\t1.0\n#close\t2024-01-01-00-00-00\n');
    expect(rangeNeedsFraming(stringFirst, s.b, s.result)).toBe('directive');
    expect(holdsDirective(bytes('#fields\tts\n'))).toBe(true);
    expect(holdsDirective(bytes('1.0\tC#1\n'))).toBe(false);
    expect(holdsDirective(new Uint8Array(0))).toBe(false);
  });

  it('leaves a JSON log’s lines alone but for their length (the framer gives none a meaning)', () => {
    const b = bytes('{"ts":1}\n#close\n');
    const result = parseZeekChunk({ format: 'json', header: undefined, bytes: b }, { push() {} }, options);
    expect(rangeNeedsFraming(undefined, b, result)).toBeUndefined();
    const long = bytes(`{"ts":1,"uid":"${'C'.repeat(2000)}"}\n`);
    const longResult = parseZeekChunk(
      { format: 'json', header: undefined, bytes: long },
      { push() {} },
      options,
    );
    expect(rangeNeedsFraming(undefined, long, longResult)).toBe('long_line');
  });

  it('finds a line over the length limit', () => {
    const { b, result } = parse(timeFirst, `1.0\t${'C'.repeat(2000)}\n2.0\tC2\n`);
    expect(result.eventCounts[IntegrityCode.LineTooLong]).toBe(1);
    expect(rangeNeedsFraming(timeFirst, b, result)).toBe('long_line');
  });
});
