import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  framingHeader,
  packPieces,
  packState,
  unframe,
  unpackPieces,
  unpackState,
} from '../../src/shared/pack.js';

describe('pack', () => {
  it('round-trips typed arrays, Maps and Sets with their types', () => {
    const value = {
      a: new Uint32Array([1, 2, 3]),
      m: new Map([['k', 1]]),
      s: new Set([2, 3]),
      f: new Float64Array([0.5]),
    };
    expect(unpackState(packState(value))).toEqual(value);
  });

  it('packs pieces one by one into one framed buffer, and back in order', () => {
    const pieces = [
      { head: [1, 2] },
      new Float64Array([1.5, 2.5]),
      'text',
      null,
      { deep: { list: [new Uint8Array([9])] } },
    ];
    const framed = packPieces(pieces);
    expect(unpackPieces(framed)).toEqual(pieces);
    // The frame: a count, the lengths, then each piece as packState packs it alone.
    const parts = unframe(framed);
    expect(parts).toHaveLength(pieces.length);
    parts.forEach((part, k) => {
      expect(part).toEqual(packState(pieces[k]));
    });
    expect(framed.byteLength).toBe(
      framingHeader(parts).byteLength + parts.reduce((n, p) => n + p.byteLength, 0),
    );
    expect(unpackPieces(packPieces([]))).toEqual([]);
  });

  it('frames any byte strings losslessly', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (parts) => {
        const header = framingHeader(parts);
        const framed = new Uint8Array(header.byteLength + parts.reduce((n, p) => n + p.byteLength, 0));
        framed.set(header, 0);
        let at = header.byteLength;
        for (const p of parts) {
          framed.set(p, at);
          at += p.byteLength;
        }
        expect(unframe(framed).map((v) => [...v])).toEqual(parts.map((p) => [...p]));
      }),
    );
  });
});
