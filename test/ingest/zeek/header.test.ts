import { describe, expect, it } from 'vitest';
import {
  HeaderAccumulator,
  parseDirective,
  parseZeekHeader,
  SchemaCache,
  unescapeZeek,
} from '../../../src/ingest/zeek/header.js';

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2024-04-12-19-29-12',
  '#fields\tts\tuid\tid.orig_h',
  '#types\ttime\tstring\taddr',
].join('\n');

describe('unescapeZeek', () => {
  it('replaces \\xHH and keeps other backslashes', () => {
    expect(unescapeZeek('\\x09')).toBe('\t');
    expect(unescapeZeek('a\\x2cb\\n')).toBe('a,b\\n');
    expect(unescapeZeek('\\xZZ')).toBe('\\xZZ');
  });
});

describe('parseDirective', () => {
  it('reads #separator with a space (or TAB) before the value', () => {
    expect(parseDirective('#separator \\x09', 9)).toEqual({ kind: 'separator', text: '\\x09' });
    expect(parseDirective('#separator\t,', 9)).toEqual({ kind: 'separator', text: ',' });
  });
  it('splits other directives on the separator in force', () => {
    expect(parseDirective('#fields\tts\tuid', 9)).toEqual({ kind: 'fields', values: ['ts', 'uid'] });
    expect(parseDirective('#fields|ts|uid', 0x7c)).toEqual({ kind: 'fields', values: ['ts', 'uid'] });
    expect(parseDirective('#set_separator\t\\x2c', 9)).toEqual({ kind: 'set_separator', value: ',' });
    expect(parseDirective('#close\t2024-04-12-19-34-07', 9)).toEqual({
      kind: 'close',
      value: '2024-04-12-19-34-07',
    });
    expect(parseDirective('#close', 9)).toEqual({ kind: 'close', value: '' });
    expect(parseDirective('#fields', 9)).toEqual({ kind: 'fields', values: [] });
  });
  it('reports unknown directives by key', () => {
    expect(parseDirective('#frobnicate\tx', 9)).toEqual({ kind: 'unknown', key: 'frobnicate' });
    expect(parseDirective('# a comment', 9)).toEqual({ kind: 'unknown', key: ' a comment' });
  });
});

describe('parseZeekHeader', () => {
  it('builds the header and its tsv schema', () => {
    const { header, problems } = parseZeekHeader(HEADER);
    expect(problems).toEqual([]);
    expect(header).toBeDefined();
    expect(header!.separator).toBe(9);
    expect(header!.setSeparator).toBe(',');
    expect(header!.emptyField).toBe('(empty)');
    expect(header!.unsetField).toBe('-');
    expect(header!.path).toBe('conn');
    expect(header!.open).toBe('2024-04-12-19-29-12');
    expect(header!.fields).toEqual(['ts', 'uid', 'id.orig_h']);
    expect(header!.types).toEqual(['time', 'string', 'addr']);
    expect(header!.schema).toMatchObject({
      path: 'conn',
      format: 'tsv',
      separator: 9,
      fields: ['ts', 'uid', 'id.orig_h'],
    });
  });

  it('gives equal headers the same Schema object through a shared cache', () => {
    const cache = new SchemaCache();
    const a = parseZeekHeader(HEADER, cache).header!;
    const b = parseZeekHeader(HEADER.replace('2024-04-12-19-29-12', '2025-01-01-00-00-00'), cache).header!;
    expect(a).not.toBe(b);
    expect(a.schema).toBe(b.schema);
    const c = parseZeekHeader(HEADER.replace('#path\tconn', '#path\tdns'), cache).header!;
    expect(c.schema).not.toBe(a.schema);
    expect(Object.isFrozen(a.schema)).toBe(true);
  });

  it('bounds the schema cache', () => {
    const cache = new SchemaCache(4);
    for (let k = 0; k < 10; k++) parseZeekHeader(HEADER.replace('#path\tconn', `#path\tp${k}`), cache);
    expect(cache.size).toBeLessThanOrEqual(4);
  });

  it('uses a custom separator for the directives after #separator', () => {
    const { header } = parseZeekHeader('#separator \\x7c\n#path|x\n#fields|a|b\n#types|count|string');
    expect(header!.separator).toBe(0x7c);
    expect(header!.fields).toEqual(['a', 'b']);
  });

  it('reports a separator that is not one byte and keeps TAB', () => {
    const { header, problems } = parseZeekHeader('#separator \\x09\\x09\n#fields\ta\n#types\tcount');
    expect(header!.separator).toBe(9);
    expect(problems[0]).toMatch(/not one ASCII byte/);
  });

  it('pads missing #types with string and reports it', () => {
    const { header, problems } = parseZeekHeader('#separator \\x09\n#fields\ta\tb\n#types\tcount');
    expect(header!.types).toEqual(['count', 'string']);
    expect(problems[0]).toMatch(/1 types for 2 #fields/);
  });

  it('is undefined without #fields', () => {
    expect(parseZeekHeader('#separator \\x09\n#path\tconn').header).toBeUndefined();
  });

  it('tracks dirtiness per directive', () => {
    const acc = new HeaderAccumulator();
    expect(acc.dirty).toBe(false);
    acc.apply({ kind: 'open', value: 'x' });
    expect(acc.dirty).toBe(false);
    acc.apply({ kind: 'path', value: 'conn' });
    expect(acc.dirty).toBe(true);
  });
});
