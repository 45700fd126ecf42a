import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resetRow } from '../../../src/ingest/zeek/context.js';
import { connStateOf, protoOf } from '../../../src/ingest/zeek/enums.js';
import {
  classifyType,
  isDecimal,
  isSubnet,
  isValid,
  parseCount,
  parseDecimal,
  parseIPv6At,
  parseIsoTime,
  parsePort,
  utf8SequenceLength,
  VType,
} from '../../../src/ingest/zeek/values.js';
import { parseAddressBytes } from '../../../src/shared/addr.js';
import { CONN_STATE_NAMES, RecordRow } from '../../../src/shared/record.js';

const enc = new TextEncoder();
const b = (s: string): Uint8Array => enc.encode(s);
const dec = (s: string): number => {
  const x = b(s);
  return parseDecimal(x, 0, x.length);
};

describe('parseDecimal', () => {
  it('parses Zeek times, intervals and doubles exactly like Number()', () => {
    for (const t of [
      '1521911720.613421',
      '0.000870',
      '-1418429426.887384',
      '1e5',
      '2.5E-3',
      '.5',
      '1.',
      '0',
      '123456789012345678901234.5',
    ]) {
      expect(dec(t)).toBe(Number(t));
    }
  });
  it('rejects what is not a decimal', () => {
    for (const t of ['', '-', '.', '1e', '1e+', '1.2.3', '0x10', ' 1', '1 ', 'inf', 'T', '--1', '1-']) {
      expect(Number.isNaN(dec(t))).toBe(true);
    }
  });
  it('matches Number() on random decimals (fast path and fallback)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.option(fc.stringMatching(/^[0-9]{1,20}$/)),
        fc.option(fc.integer({ min: -40, max: 40 })),
        (neg, ip, frac, exp) => {
          const text = `${neg ? '-' : ''}${ip}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`;
          expect(dec(text)).toBe(Number(text));
        },
      ),
    );
  });
  it('accepts inf/nan only as special doubles', () => {
    const x = b('-inf');
    expect(isDecimal(x, 0, x.length, true)).toBe(true);
    expect(isDecimal(x, 0, x.length, false)).toBe(false);
  });
});

describe('integers, ports, bools, subnets', () => {
  it('count', () => {
    expect(parseCount(b('18446744073709551615'), 0, 20)).toBe(Number('18446744073709551615'));
    expect(Number.isNaN(parseCount(b('-1'), 0, 2))).toBe(true);
    expect(Number.isNaN(parseCount(b('184467440737095516150'), 0, 21))).toBe(true);
  });
  it('port', () => {
    expect(parsePort(b('65535'), 0, 5)).toBe(65535);
    expect(parsePort(b('65536'), 0, 5)).toBe(-1);
    expect(parsePort(b('080'), 0, 3)).toBe(80);
    expect(parsePort(b(''), 0, 0)).toBe(-1);
  });
  it('validates by Zeek type', () => {
    const ok = (type: string, v: string): boolean => {
      const { vtype } = classifyType(type);
      const x = b(v);
      return isValid(vtype, x, 0, x.length);
    };
    expect(ok('bool', 'T')).toBe(true);
    expect(ok('bool', 'true')).toBe(false);
    expect(ok('int', '-42')).toBe(true);
    expect(ok('int', '4.2')).toBe(false);
    expect(ok('count', '42')).toBe(true);
    expect(ok('interval', '-0.5')).toBe(true);
    expect(ok('addr', '10.0.0.256')).toBe(false);
    expect(ok('subnet', '10.0.0.0/8')).toBe(true);
    expect(ok('subnet', '10.0.0.0/33')).toBe(false);
    expect(ok('subnet', '2001:db8::/32')).toBe(true);
    expect(ok('subnet', '2001:db8::/129')).toBe(false);
    expect(ok('string', '\u00e9 anything')).toBe(true);
    expect(ok('enum', 'Notice::ACTION_LOG')).toBe(true);
    expect(classifyType('vector[addr]')).toEqual({ vtype: VType.Addr, container: true });
    expect(classifyType('set[enum]')).toEqual({ vtype: VType.Any, container: true });
    expect(classifyType('table[string]')).toEqual({ vtype: VType.Any, container: false });
    expect(isSubnet(b('1.2.3.4'), 0, 7)).toBe(false);
  });
});

describe('parseIsoTime', () => {
  it('matches Date.parse to the millisecond and keeps microseconds', () => {
    const t = parseIsoTime(b('2024-04-12T19:29:12.123456Z'), 0, 27);
    expect(t).toBe(1712950152.123456);
    expect(parseIsoTime(b('2024-04-12T21:29:12+02:00'), 0, 25)).toBe(1712950152);
    expect(parseIsoTime(b('2024-04-12T21:29:12+0200'), 0, 24)).toBe(1712950152);
    expect(parseIsoTime(b('1970-01-01T00:00:00'), 0, 19)).toBe(0);
  });
  it('agrees with Date on random instants', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        (d) => {
          const text = d.toISOString();
          const x = b(text);
          expect(parseIsoTime(x, 0, x.length)).toBeCloseTo(d.getTime() / 1000, 6);
        },
      ),
    );
  });
  it('rejects invalid dates', () => {
    for (const t of [
      '2023-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-04-12 19:29',
      '2024-04-12T19:29:12.Z',
      '2024-04-12T19:29:12Q',
      'x'.repeat(25),
    ]) {
      const x = b(t);
      expect(Number.isNaN(parseIsoTime(x, 0, x.length))).toBe(true);
    }
  });
});

describe('parseIPv6At', () => {
  const hexGroup = fc.stringMatching(/^[0-9a-fA-F]{1,4}$/);
  const v6 = fc.oneof(
    fc.array(hexGroup, { minLength: 8, maxLength: 8 }).map((g) => g.join(':')),
    fc
      .tuple(fc.array(hexGroup, { maxLength: 7 }), fc.array(hexGroup, { maxLength: 7 }))
      .map(([a, c]) => `${a.join(':')}::${c.join(':')}`),
    fc.stringMatching(/^[0-9a-fA-F:.%]{0,41}$/),
  );
  it('agrees with parseAddressBytes whenever it stops at the terminator', () => {
    fc.assert(
      fc.property(v6, (text) => {
        const x = b(`${text}\t`);
        const a = new Uint32Array(4);
        const r = new Uint32Array(4);
        const end = parseIPv6At(x, 0, a, 0);
        const ref = parseAddressBytes(x, 0, x.length - 1, r, 0);
        if (end === x.length - 1) {
          expect(ref).toBe(true);
          expect(Array.from(a)).toEqual(Array.from(r));
        } else if (ref && !text.includes('.') && !text.includes('%')) {
          expect.unreachable(`${text} is a plain address`);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('utf8SequenceLength', () => {
  it('accepts exactly what a fatal TextDecoder accepts', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4 }), (bytes) => {
        if (bytes[0]! < 0x80) return;
        const n = utf8SequenceLength(bytes, 0, bytes.length);
        let valid: number;
        try {
          // The first sequence is valid iff decoding its prefix of length n succeeds.
          valid = 0;
          for (let k = 2; k <= Math.min(4, bytes.length); k++) {
            try {
              fatal.decode(bytes.subarray(0, k));
              valid = k;
              break;
            } catch {
              // not this length
            }
          }
        } catch {
          valid = 0;
        }
        expect(n).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('enums', () => {
  it('maps every conn_state name and proto', () => {
    CONN_STATE_NAMES.forEach((name, i) => {
      if (i === 0) return;
      const x = b(name);
      expect(connStateOf(x, 0, x.length)).toBe(i);
    });
    for (const t of ['S', 'SX', 'RST', 'RSTOS1', 'rej']) expect(connStateOf(b(t), 0, t.length)).toBe(0);
    expect(protoOf(b('tcp'), 0, 3)).toBe(1);
    expect(protoOf(b('udp'), 0, 3)).toBe(2);
    expect(protoOf(b('icmp'), 0, 4)).toBe(3);
    expect(protoOf(b('unknown_transport'), 0, 17)).toBe(0);
    expect(protoOf(b('tcx'), 0, 3)).toBe(0);
  });
});

describe('resetRow', () => {
  it('leaves a row exactly as RecordRow.reset() does', () => {
    const a = new RecordRow();
    const c = new RecordRow();
    for (const r of [a, c]) {
      r.kind = 3;
      r.proto = 2;
      r.connState = 4;
      r.flags = 7;
      r.origPort = 1;
      r.respPort = 2;
      r.ts = 5;
      r.duration = 6;
      r.counters.fill(9);
      r.addr.fill(9);
      r.strStart.fill(9);
      r.strEnd.fill(9);
      r.line = 12;
    }
    a.reset();
    resetRow(c);
    expect({ ...c, counters: Array.from(c.counters) }).toEqual({ ...a, counters: Array.from(a.counters) });
  });
});
