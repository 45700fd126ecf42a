import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hilbertIndexToXY,
  hilbertRangeRects,
  MAX_HILBERT_ORDER,
  xyToHilbertIndex,
} from '../../../src/report/render/hilbert.js';
import { ErrorCode, NetscryError } from '../../../src/shared/errors.js';

describe('Hilbert curve', () => {
  it('order 1: down, right, up from the top-left corner', () => {
    expect([0, 1, 2, 3].map((d) => hilbertIndexToXY(1, d))).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 0],
    ]);
  });

  it('order 2 is xkcd #195 / ipv4-heatmap layout (rows are y)', () => {
    const grid = Array.from({ length: 4 }, () => new Array<number>(4).fill(-1));
    for (let d = 0; d < 16; d++) {
      const [x, y] = hilbertIndexToXY(2, d);
      grid[y]![x] = d;
    }
    expect(grid).toEqual([
      [0, 1, 14, 15],
      [3, 2, 13, 12],
      [4, 7, 8, 11],
      [5, 6, 9, 10],
    ]);
  });

  it('IPv4 /16 map (order 8): 0/8 top left, 255.255/16 top right, /8s by quadrant', () => {
    expect(hilbertIndexToXY(8, 0)).toEqual([0, 0]);
    expect(hilbertIndexToXY(8, 65_535)).toEqual([255, 0]);
    for (let a = 0; a < 256; a++) {
      const [x, y] = hilbertIndexToXY(8, a * 256);
      const quadrant = a >> 6; // 0 top left, 1 bottom left, 2 bottom right, 3 top right
      expect([x >= 128, y >= 128]).toEqual([quadrant >= 2, quadrant === 1 || quadrant === 2]);
    }
  });

  it('is a bijection at every order up to 6, and consecutive indices are neighbouring pixels', () => {
    for (let order = 0; order <= 6; order++) {
      const n = 2 ** order;
      const seen = new Set<number>();
      let last: [number, number] | undefined;
      for (let d = 0; d < n * n; d++) {
        const [x, y] = hilbertIndexToXY(order, d);
        expect(x >= 0 && x < n && y >= 0 && y < n).toBe(true);
        seen.add(y * n + x);
        expect(xyToHilbertIndex(order, x, y)).toBe(d);
        if (last) expect(Math.abs(x - last[0]) + Math.abs(y - last[1])).toBe(1);
        last = [x, y];
      }
      expect(seen.size).toBe(n * n);
    }
  });

  it('round-trips index → pixel → index at every order (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: MAX_HILBERT_ORDER })
          .chain((order) =>
            fc.tuple(fc.constant(order), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
          ),
        ([order, f]) => {
          const d = Math.floor(f * 4 ** order);
          const [x, y] = hilbertIndexToXY(order, d);
          expect(xyToHilbertIndex(order, x, y)).toBe(d);
          // Neighbours along the curve are neighbours on the map, at any order (float path too).
          if (d + 1 < 4 ** order) {
            const [x2, y2] = hilbertIndexToXY(order, d + 1);
            expect(Math.abs(x2 - x) + Math.abs(y2 - y)).toBe(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips pixel → index → pixel (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 16 })
          .chain((order) => fc.tuple(fc.constant(order), fc.nat(2 ** order - 1), fc.nat(2 ** order - 1))),
        ([order, x, y]) => {
          expect(hilbertIndexToXY(order, xyToHilbertIndex(order, x, y))).toEqual([x, y]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects orders and indices outside the curve', () => {
    for (const f of [
      () => hilbertIndexToXY(MAX_HILBERT_ORDER + 1, 0),
      () => hilbertIndexToXY(2, 16),
      () => hilbertIndexToXY(2, 1.5),
      () => xyToHilbertIndex(2, 4, 0),
      () => hilbertRangeRects(2, 3, 2),
    ]) {
      expect(f).toThrow(NetscryError);
      try {
        f();
      } catch (err) {
        expect((err as NetscryError).code).toBe(ErrorCode.InvalidOption);
      }
    }
  });
});

describe('hilbertRangeRects', () => {
  it('a CIDR-aligned range is one square (even prefix) or one 2:1 rectangle (odd prefix)', () => {
    // 10/8 on the /16 map: indices 2560–2815.
    expect(hilbertRangeRects(8, 2560, 2815)).toEqual([{ x: 48, y: 48, width: 16, height: 16 }]);
    // 10/9: half of it.
    expect(hilbertRangeRects(8, 2560, 2687)).toEqual([{ x: 48, y: 48, width: 8, height: 16 }]);
    expect(hilbertRangeRects(8, 0, 65_535)).toEqual([{ x: 0, y: 0, width: 256, height: 256 }]);
  });

  it('covers exactly the pixels of the range (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 5 })
          .chain((order) => fc.tuple(fc.constant(order), fc.nat(4 ** order - 1), fc.nat(4 ** order - 1))),
        ([order, a, b]) => {
          const [first, last] = a <= b ? [a, b] : [b, a];
          const rects = hilbertRangeRects(order, first, last);
          expect(rects.length).toBeLessThanOrEqual(4 * order + 1);
          const n = 2 ** order;
          const covered = new Uint8Array(n * n);
          for (const r of rects) {
            for (let y = r.y; y < r.y + r.height; y++)
              for (let x = r.x; x < r.x + r.width; x++) covered[y * n + x]!++;
          }
          for (let d = 0; d < n * n; d++) {
            const [x, y] = hilbertIndexToXY(order, d);
            expect(covered[y * n + x]).toBe(d >= first && d <= last ? 1 : 0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
