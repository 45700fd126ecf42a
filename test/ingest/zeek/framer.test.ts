import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FramedChunk,
  type FramerEvent,
  fileLine,
  SchemaCache,
  SUPPORTED_FORMATS_TEXT,
  unsupportedFormatError,
  ZeekFramer,
} from '../../../src/ingest/zeek/index.js';
import { ErrorCode, NetscryError } from '../../../src/shared/errors.js';
import { bytesOf, frameAll } from './helpers.js';

const HEAD =
  '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\tx\n#fields\tts\tuid\n#types\ttime\tstring\n';
const data = (n: number, from = 0): string => {
  let s = '';
  for (let k = from; k < from + n; k++) s += `${1700000000 + k}.000000\tC${String(k).padStart(17, '0')}\n`;
  return s;
};
const dec = new TextDecoder();
const text = (c: FramedChunk): string => dec.decode(c.bytes);

describe('format detection', () => {
  it('detects TSV and JSON from the first byte', () => {
    expect(frameAll(bytesOf(`${HEAD}${data(1)}#close\tx\n`)).framer.format).toBe('tsv');
    expect(frameAll(bytesOf('{"ts":1}\n')).framer.format).toBe('json');
  });

  it('reports anything else as unsupported, with a message naming the supported formats', () => {
    const r = frameAll(bytesOf('ts,uid\n1,2\n'), { file: 'x.csv' });
    expect(r.chunks).toEqual([]);
    expect(r.unsupported?.kind).toBe('unsupported_format');
    expect(r.unsupported?.message).toContain(SUPPORTED_FORMATS_TEXT);
    expect(r.unsupported?.message).toContain("x.csv: not a Zeek log (starts with 't' 0x74");
    const err = unsupportedFormatError(r.unsupported!);
    expect(err).toBeInstanceOf(NetscryError);
    expect(err.code).toBe(ErrorCode.UnsupportedFormat);
  });

  it('hints at gzip input', () => {
    const r = frameAll(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]));
    expect(r.unsupported?.message).toMatch(/gzip data/);
  });

  it('produces nothing for an empty file', () => {
    const r = frameAll(new Uint8Array(0));
    expect(r.chunks).toEqual([]);
    expect(r.events).toEqual([]);
    expect(r.framer.format).toBeUndefined();
  });
});

describe('chunks', () => {
  const file = `${HEAD}${data(500)}#close\tx\n`;

  it('cuts whole lines at about chunkBytes, each chunk owning its ArrayBuffer', () => {
    const r = frameAll(bytesOf(file), { chunkBytes: 1000, blockSize: 777 });
    expect(r.chunks.length).toBeGreaterThan(10);
    let joined = '';
    for (const c of r.chunks) {
      expect(c.bytes.byteOffset).toBe(0);
      expect(c.bytes.buffer.byteLength).toBe(c.bytes.length);
      expect(c.bytes.length).toBeLessThanOrEqual(1000);
      expect(c.bytes[c.bytes.length - 1]).toBe(10);
      expect(text(c)).not.toMatch(/^#/m);
      expect(c.header?.path).toBe('conn');
      expect(c.directiveLinesBefore).toBe(8);
      expect(c.format).toBe('tsv');
      joined += text(c);
    }
    expect(joined).toBe(data(500));
    expect(r.chunks.map((c) => c.index)).toEqual(r.chunks.map((_c, i) => i));
    expect(r.events).toEqual([]);
    // startOffset points at the chunk's bytes in the file
    for (const c of r.chunks) expect(file.slice(c.startOffset, c.startOffset + c.bytes.length)).toBe(text(c));
  });

  it('makes a chunk of a single line longer than chunkBytes', () => {
    const r = frameAll(bytesOf(`{"a":"${'x'.repeat(300)}"}\n{"b":1}\n`), { chunkBytes: 100 });
    expect(r.chunks.map((c) => c.bytes.length)).toEqual([309, 8]);
  });

  it('flush() hands over the complete lines so far and keeps the partial one', () => {
    const f = new ZeekFramer({ file: 'live.log' });
    expect(f.push(bytesOf('{"a":1}\n{"b":2}\n{"c"')).chunks).toEqual([]);
    expect(f.flush().chunks.map(text)).toEqual(['{"a":1}\n{"b":2}\n']);
    expect(f.flush().chunks).toEqual([]);
    f.push(bytesOf(':3}\n'));
    expect(f.end().chunks.map(text)).toEqual(['{"c":3}\n']);
  });

  it('keeps the unterminated last line', () => {
    const r = frameAll(bytesOf('{"a":1}\n{"b":2}'), { chunkBytes: 4 });
    expect(r.chunks.map(text)).toEqual(['{"a":1}\n', '{"b":2}']);
  });

  it('ends a chunk at every directive block so one header is in force', () => {
    const other = HEAD.replace('#path\tconn', '#path\tdns');
    const r = frameAll(bytesOf(`${HEAD}${data(3)}${other}${data(2, 3)}#close\tx\n`), { chunkBytes: 1 << 20 });
    expect(r.chunks.map((c) => [c.header?.path, c.directiveLinesBefore])).toEqual([
      ['conn', 8],
      ['dns', 16],
    ]);
    expect(r.events.map((e) => e.code)).toEqual(['header_change']);
  });

  it('frames the same way whatever the block size (property)', () => {
    const file2 = `${HEAD}${data(40)}#bogus\tx\n${data(5, 40)}${HEAD.replace('ts\tuid', 'ts\tuid2')}${data(7, 45)}`;
    const bytes = bytesOf(file2);
    const ref = frameAll(bytes, { chunkBytes: 300, blockSize: bytes.length });
    const norm = (chunks: FramedChunk[], events: FramerEvent[]) => ({
      chunks: chunks.map((c) => [text(c), c.startOffset, c.directiveLinesBefore, c.header?.fields.join(',')]),
      events: events.map((e) => [e.code, e.offset, e.chunksBefore, e.directiveLinesBefore, e.message]),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (blockSize) => {
        const r = frameAll(bytes, { chunkBytes: 300, blockSize });
        expect(norm(r.chunks, r.events)).toEqual(norm(ref.chunks, ref.events));
      }),
      { numRuns: 100 },
    );
  });
});

describe('integrity events', () => {
  it('missing #close: the file was cut short', () => {
    const r = frameAll(bytesOf(`${HEAD}${data(2)}`));
    expect(r.events).toMatchObject([
      { code: 'missing_close', wholeFile: true, offset: HEAD.length + data(2).length },
    ]);
    expect(frameAll(bytesOf(`${HEAD}${data(2)}#close\t2024`)).events).toEqual([]);
    // data after #close means the file goes on (or was appended to) and was not closed again
    expect(frameAll(bytesOf(`${HEAD}#close\tx\n${data(1)}`)).events.map((e) => e.code)).toEqual([
      'missing_close',
    ]);
  });

  it('no missing_close for JSON logs', () => {
    expect(frameAll(bytesOf('{"a":1}\n')).events).toEqual([]);
  });

  it('unknown directive, with its line', () => {
    const r = frameAll(bytesOf(`${HEAD}${data(2)}#frob\tx\n${data(1, 2)}#close\tx\n`));
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect(e).toMatchObject({ code: 'unknown_directive', chunksBefore: 1, directiveLinesBefore: 8 });
    expect(e.message).toContain("'#frob'");
    // two data lines in the first chunk: the directive sits on file line 11
    expect(fileLine(e, 2)).toBe(11);
  });

  it('header change only after data lines were seen under the old header', () => {
    const changed = HEAD.replace('#types\ttime\tstring', '#types\ttime\tcount');
    expect(frameAll(bytesOf(`${HEAD}${changed}${data(1)}#close\tx\n`)).events).toEqual([]);
    const r = frameAll(bytesOf(`${HEAD}${data(1)}${changed}${data(1)}#close\tx\n`));
    expect(r.events.map((e) => [e.code, e.message])).toEqual([
      ['header_change', 'header changed mid-file: #types'],
    ]);
    // the same header again (a concatenated log) is not a change
    expect(frameAll(bytesOf(`${HEAD}${data(1)}#close\tx\n${HEAD}${data(1)}#close\tx\n`)).events).toEqual([]);
  });

  it('bad #separator value and #types/#fields mismatch', () => {
    const r = frameAll(bytesOf(`#separator \\x09\\x09\n#fields\ta\tb\n#types\tcount\n1\t2\n#close\tx\n`));
    expect(r.events.map((e) => e.code)).toEqual(['unparsable_value', 'field_count']);
  });

  it('drops over-long lines (carried over or whole in a block) and counts them as lines', () => {
    const long = `${'9'.repeat(500)}\n`;
    for (const blockSize of [7, 64, 100000]) {
      const r = frameAll(bytesOf(`${HEAD}${data(2)}${long}${data(2, 2)}#${'x'.repeat(300)}\n#close\tx\n`), {
        maxLineBytes: 200,
        blockSize,
      });
      expect(r.events.map((e) => e.code)).toEqual(['line_too_long', 'line_too_long']);
      expect(r.chunks.map(text)).toEqual([data(2), data(2, 2)]);
      expect(r.chunks[1]!.droppedLinesBefore).toBe(1);
      expect(fileLine(r.events[0]!, 2)).toBe(11);
      expect(fileLine(r.events[1]!, 4)).toBe(14);
      expect(r.events[0]!.offset).toBe(HEAD.length + data(2).length);
    }
  });

  it('drops an over-long unterminated last line', () => {
    const r = frameAll(bytesOf(`{"a":1}\n{"${'x'.repeat(300)}`), { maxLineBytes: 100, blockSize: 16 });
    expect(r.events.map((e) => e.code)).toEqual(['line_too_long']);
    expect(r.chunks.map(text)).toEqual(['{"a":1}\n']);
  });

  it('keeps maxEventsPerCode events and counts all', () => {
    const framer = new ZeekFramer({ file: 'x', maxEventsPerCode: 2 });
    const out = framer.push(bytesOf(`${HEAD}#a\n#b\n#c\n#d\n`));
    expect(out.events).toHaveLength(2);
    expect(framer.eventCounts()).toEqual({ unknown_directive: 4 });
  });

  it('shares schemas through a shared cache', () => {
    const schemas = new SchemaCache();
    const fa = new ZeekFramer({ file: 'a', schemas });
    fa.push(bytesOf(`${HEAD}${data(1)}`));
    const ca = fa.end().chunks[0]!;
    const fb = new ZeekFramer({ file: 'b', schemas });
    fb.push(bytesOf(`${HEAD}${data(1)}`));
    const cb = fb.end().chunks[0]!;
    expect(ca.header!.schema).toBe(cb.header!.schema);
  });
});

describe('options', () => {
  it('validates once at construction', () => {
    expect(() => new ZeekFramer({ file: 'x', chunkBytes: 0 })).toThrow(NetscryError);
    expect(() => new ZeekFramer({ file: 'x', maxLineBytes: 1.5 })).toThrow(/maxLineBytes/);
    expect(() => new ZeekFramer({ file: 'x', maxEventsPerCode: -1 })).toThrow(/maxEventsPerCode/);
  });
  it('refuses push after end', () => {
    const f = new ZeekFramer({ file: 'x' });
    f.end();
    expect(() => f.push(bytesOf('{}'))).toThrow(NetscryError);
  });
});
