import { describe, expect, it } from 'vitest';
import { COLOR_HEX, colorAt } from '../../../src/report/render/colormap.js';
import { EMPTY, HIGHLIGHT, INK } from '../../../src/report/render/frame.js';
import type { HilbertMap } from '../../../src/report/render/grid.js';
import { hilbertIndexToXY, xyToHilbertIndex } from '../../../src/report/render/hilbert.js';
import {
  layoutHilbert,
  renderHilbertCanvas,
  renderHilbertPng,
  renderHilbertSvg,
} from '../../../src/report/render/hilbert-map.js';
import { decodePng } from '../../../src/report/render/png.js';
import { ErrorCode, NetscryError } from '../../../src/shared/errors.js';
import { assertWellFormedXml, expectGolden } from './helpers.js';

/** An order-3 map: 10.0.0.0/16 in 64 blocks of /22, 8 × 8. */
const small: HilbertMap = {
  title: 'connections by destination /22 — test',
  subtitle: '2024-03-03 (UTC)',
  metric: 'connections',
  order: 3,
  space: '10.0.0.0/16',
  pixel: '/22',
  cells: [
    { index: 0, value: 1 },
    { index: 1, value: 10 },
    { index: 2, value: 10 }, // 1 → (0,1) and 2 → (1,1): one run of two blocks
    { index: 17, value: 500 },
    { index: 40, value: 0 },
    { index: 63, value: 1000 },
  ],
  highlights: [
    { index: 63, score: 7.5 },
    { index: 30, score: -3 },
  ],
  scale: 'log',
  regions: [
    { label: 'A', first: 16, last: 31 }, // 10.0.64.0/18
    { label: 'x<&>', first: 40, last: 40 },
  ],
};

const options = { pixelScale: 8, describe: (i: number) => `10.0.${i * 4}.0/22` };

function expectCode(f: () => unknown, code: ErrorCode): void {
  let caught: unknown;
  try {
    f();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(NetscryError);
  expect((caught as NetscryError).code).toBe(code);
}

describe('renderHilbertSvg', () => {
  it('matches the golden file', () => {
    expectGolden('hilbert-small.svg', renderHilbertSvg(small, options));
  });

  it('is deterministic, well-formed XML with labels escaped and tooltips on anomalies', () => {
    const svg = renderHilbertSvg(small, options);
    expect(renderHilbertSvg(small, options)).toBe(svg);
    assertWellFormedXml(svg);
    expect(svg).toContain('>x&lt;&amp;&gt;</text>');
    expect(svg).toContain('<title>10.0.252.0/22 · connections 1000 · score 7.5</title>');
    expect(svg).toContain('<title>10.0.120.0/22 · no data · score -3.0</title>');
  });

  it('merges horizontal runs of one colour into one rect', () => {
    const row: HilbertMap = {
      ...small,
      order: 4,
      cells: Array.from({ length: 16 }, (_, x) => ({ index: xyToHilbertIndex(4, x, 5), value: 7 })),
      highlights: [],
      regions: [],
    };
    const svg = renderHilbertSvg(row, { pixelScale: 3 });
    const L = layoutHilbert(row, { pixelScale: 3 });
    const runs = svg.match(new RegExp(`fill="${COLOR_HEX[255]}"`, 'g')) ?? [];
    expect(runs).toHaveLength(1);
    expect(svg).toContain(
      `<rect x="${L.mapX}" y="${L.mapY + 15}" width="48" height="3" fill="${COLOR_HEX[255]}"/>`,
    );
  });

  it('draws an order-12 map (4096² blocks) with rects only where there is data', () => {
    const line: HilbertMap = {
      ...small,
      order: 12,
      cells: Array.from({ length: 4096 }, (_, x) => ({ index: xyToHilbertIndex(12, x, 7), value: 3 })),
      highlights: [{ index: 5, score: 4 }],
      regions: [{ label: '10/8', first: 10 * 65_536, last: 11 * 65_536 - 1 }],
    };
    const L = layoutHilbert(line);
    expect(L.pixelScale).toBe(1);
    const svg = renderHilbertSvg(line);
    expect(svg.match(/<rect /g)!.length).toBeLessThan(40);
    expect(svg).toContain(
      `<rect x="${L.mapX}" y="${L.mapY + 7}" width="4096" height="1" fill="${COLOR_HEX[255]}"/>`,
    );
    const canvas = renderHilbertCanvas(line);
    expect([canvas.width, canvas.height]).toEqual([L.width, L.height]);
    expect(canvas.pixel(L.mapX + 4095, L.mapY + 7)).toEqual(colorAt(1));
    expect(canvas.pixel(L.mapX + 4095, L.mapY + 8)).toEqual([...EMPTY]);
  });
});

describe('renderHilbertPng', () => {
  const L = layoutHilbert(small, options);
  const png = decodePng(renderHilbertPng(small, options));
  const at = (x: number, y: number): number[] => [
    ...png.rgb.subarray((y * png.width + x) * 3, (y * png.width + x) * 3 + 3),
  ];
  const block = (index: number, dx = 1, dy = 1): number[] => {
    const [x, y] = hilbertIndexToXY(small.order, index);
    return at(L.mapX + x * L.pixelScale + dx, L.mapY + y * L.pixelScale + dy);
  };

  it('places blocks along the curve, coloured by the scale', () => {
    expect([png.width, png.height]).toEqual([L.width, L.height]);
    expect(block(63)).toEqual(colorAt(1));
    expect(block(40)).toEqual(colorAt(0));
    expect(block(17)).toEqual(colorAt(L.scale.toT(500)));
    expect(block(5)).toEqual([...EMPTY]);
    // Block 0 is the top-left corner of the map, block 63 the top-right one.
    expect(at(L.mapX, L.mapY)).toEqual(colorAt(L.scale.toT(1)));
    expect(at(L.mapX + 8 * L.pixelScale - 1, L.mapY)).toEqual(colorAt(1));
  });

  it('rings anomalies in the highlight colour, around the block', () => {
    const [x, y] = hilbertIndexToXY(3, 30);
    const left = L.mapX + x * L.pixelScale;
    const top = L.mapY + y * L.pixelScale;
    // The ring sits HIGHLIGHT_WIDTH outside the block, pulled out to at least 11 px across.
    expect(at(left - 2, top + 1)).toEqual([...HIGHLIGHT]);
    expect(at(left - 1, top + 1)).toEqual([...HIGHLIGHT]);
    expect(at(left + 1, top + 1)).toEqual([...EMPTY]);
    expect(at(left + L.pixelScale + 1, top + 1)).toEqual([...HIGHLIGHT]);
  });

  it('outlines regions and writes their label', () => {
    // 16–31 is the second quadrant of an order-3 curve: the 4 × 4 bottom-left square.
    expect(hilbertIndexToXY(3, 16)).toEqual([0, 4]);
    expect(at(L.mapX + 1, L.mapY + 4 * L.pixelScale - 1)).toEqual([...INK]);
    const inkIn = (image: { width: number; rgb: Uint8Array }): number => {
      let n = 0;
      for (let i = 0; i < image.rgb.length; i += 3) {
        if (image.rgb[i] === INK[0] && image.rgb[i + 1] === INK[1] && image.rgb[i + 2] === INK[2]) n++;
      }
      return n;
    };
    const unlabelled = decodePng(
      renderHilbertPng({ ...small, regions: small.regions!.map((r) => ({ ...r, label: '' })) }, options),
    );
    expect(inkIn(png) - inkIn(unlabelled)).toBeGreaterThan(20);
  });

  it('rejects maps it cannot draw', () => {
    expectCode(() => renderHilbertPng({ ...small, order: 13 }), ErrorCode.InvalidOption);
    expectCode(() => renderHilbertSvg({ ...small, cells: [{ index: 64, value: 1 }] }), ErrorCode.Internal);
    expectCode(
      () => renderHilbertSvg({ ...small, highlights: [{ index: -1, score: 1 }] }),
      ErrorCode.Internal,
    );
    expectCode(
      () => renderHilbertSvg({ ...small, regions: [{ label: 'r', first: 9, last: 8 }] }),
      ErrorCode.Internal,
    );
    expectCode(() => renderHilbertSvg(small, { pixelScale: 0 }), ErrorCode.InvalidOption);
  });
});
