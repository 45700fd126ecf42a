import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchBuilder, BatchView, COUNTER_COUNT, RecordRow, STR_COUNT } from '../../src/shared/record.js';

interface RowSpec {
  readonly ts: number;
  readonly counters: readonly number[];
  readonly addr: readonly number[];
  readonly ports: readonly [number, number];
  readonly strings: readonly string[];
  readonly vshard: number;
  readonly flags: number;
}

const encoder = new TextEncoder();

const rowSpec: fc.Arbitrary<RowSpec> = fc.record({
  ts: fc.double({ noNaN: true }),
  counters: fc.array(fc.oneof(fc.nat(), fc.constant(Number.NaN)), {
    minLength: COUNTER_COUNT,
    maxLength: COUNTER_COUNT,
  }),
  addr: fc.array(fc.nat({ max: 0xffffffff }), { minLength: 8, maxLength: 8 }),
  ports: fc.tuple(fc.nat({ max: 65535 }), fc.nat({ max: 65535 })),
  // Every length the string copy treats differently: empty, under a word, word multiples and
  // remainders, around the 48-byte switch to `set`, and non-ASCII text.
  strings: fc.array(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ minLength: 45, maxLength: 52 })), {
    minLength: STR_COUNT,
    maxLength: STR_COUNT,
  }),
  vshard: fc.nat({ max: 65535 }),
  flags: fc.nat({ max: 255 }),
});

/** Fills `row` from `spec`, its strings placed at an odd offset of a larger source buffer. */
function fill(row: RecordRow, spec: RowSpec): void {
  row.reset();
  row.kind = 1;
  row.ts = spec.ts;
  row.duration = spec.ts / 2;
  spec.counters.forEach((v, c) => {
    row.counters[c] = v;
  });
  row.addr.set(spec.addr);
  row.origPort = spec.ports[0];
  row.respPort = spec.ports[1];
  const parts = spec.strings.map((s) => encoder.encode(s));
  const src = new Uint8Array(3 + parts.reduce((n, p) => n + p.length, 0) + 5).fill(0xee);
  let at = 3;
  parts.forEach((p, s) => {
    src.set(p, at);
    row.strStart[s] = at;
    at += p.length;
    row.strEnd[s] = at;
  });
  row.src = src;
}

describe('batch builder and view', () => {
  it('reads back every column and string of every row, whatever the capacity', () => {
    fc.assert(
      fc.property(fc.array(rowSpec, { minLength: 1, maxLength: 40 }), fc.nat({ max: 40 }), (specs, extra) => {
        const builder = new BatchBuilder(specs.length + extra, 64 * 1024);
        const row = new RecordRow();
        for (const spec of specs) {
          fill(row, spec);
          builder.append(row, spec.vshard, spec.flags);
        }
        const view = new BatchView(builder.encode({ chunkSeq: 7, part: 1, last: true, sourceId: 2 }));
        expect(view.count).toBe(specs.length);
        specs.forEach((spec, i) => {
          expect(view.ts[i]).toBe(spec.ts);
          expect(view.duration[i]).toBe(spec.ts / 2);
          for (let c = 0; c < COUNTER_COUNT; c++) expect(view.counter(i, c)).toBe(spec.counters[c]);
          for (let w = 0; w < 8; w++) expect(view.word(i, w)).toBe(spec.addr[w]);
          expect([view.origPort[i], view.respPort[i]]).toEqual([...spec.ports]);
          expect(view.vshard[i]).toBe(spec.vshard);
          expect(view.flags[i]).toBe(spec.flags);
          for (let s = 0; s < STR_COUNT; s++) expect(view.str(i, s)).toBe(spec.strings[s]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reuses a builder after clear() with rows from another source buffer', () => {
    const builder = new BatchBuilder(4, 1024);
    const row = new RecordRow();
    const spec = (uid: string): RowSpec => ({
      ts: 1,
      counters: [1, 2, 3, 4, 5, 6, 7],
      addr: [0, 0, 0xffff, 0x0a000001, 0, 0, 0xffff, 0xc6336401],
      ports: [1, 2],
      strings: [uid, 'dns', 'Dd', ''],
      vshard: 3,
      flags: 1,
    });
    for (const uid of ['CfykLO1IT1nVRJhLA3', 'Cbv8yQ1SWqf3kRDvie']) {
      builder.clear();
      fill(row, spec(uid));
      builder.append(row, 3, 1);
      const view = new BatchView(builder.encode({ chunkSeq: 0, part: 0, last: true, sourceId: 0 }));
      expect(view.str(0, 0)).toBe(uid);
    }
  });
});

describe('BatchView address helpers', () => {
  it('tells IPv4 from IPv6 per side and formats each record address', () => {
    const b = new BatchBuilder(4, 1024);
    const row = new RecordRow();
    const put = (addr: readonly number[]) => {
      row.reset();
      row.addr.set(addr);
      b.append(row, 0, 0);
    };
    put([0, 0, 0xffff, 0x0a000005, 0x20010db8, 0, 0, 1]);
    put([0x20010db8, 0, 0, 2, 0, 0, 0xffff, 0xc6336409]);
    const view = new BatchView(b.encode({ chunkSeq: 0, part: 0, last: true, sourceId: 0 }));
    expect([view.isV4(0, 0), view.isV4(0, 1), view.isV4(1, 0), view.isV4(1, 1)]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect([view.addrText(0, 0), view.addrText(0, 1)]).toEqual(['10.0.0.5', '2001:db8::1']);
    expect([view.addrText(1, 0), view.addrText(1, 1)]).toEqual(['2001:db8::2', '198.51.100.9']);
  });
});
