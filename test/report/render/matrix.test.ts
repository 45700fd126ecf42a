import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colorAt, valueScale } from '../../../src/report/render/colormap.js';
import { textWidth } from '../../../src/report/render/font.js';
import { EMPTY, HIGHLIGHT, INK, textLeft } from '../../../src/report/render/frame.js';
import type { HeatmapGrid } from '../../../src/report/render/grid.js';
import {
  layoutMatrix,
  renderMatrixCanvas,
  renderMatrixPng,
  renderMatrixSvg,
} from '../../../src/report/render/matrix.js';
import { decodePng } from '../../../src/report/render/png.js';
import { ErrorCode, NetscryError } from '../../../src/shared/errors.js';
import { assertWellFormedXml, expectGolden } from './helpers.js';

const T0 = Date.UTC(2024, 2, 3, 22) / 1000; // Sunday 22:00 UTC: the axis crosses midnight
const NaN_ = Number.NaN;

/** Six hourly buckets, three blocks, an empty cell, a zero, the maximum, two anomalies. */
const small: HeatmapGrid = {
  title: 'connections by source block — <test> & "friends"',
  subtitle: '2024-03-03 22:00 → 2024-03-04 04:00 (UTC), 1-hour buckets',
  metric: 'connections',
  bucketSeconds: 3600,
  bucketStarts: [0, 1, 2, 3, 4, 5].map((i) => T0 + i * 3600),
  utcOffsetMinutes: 0,
  rows: [
    { label: '10.0.0.0/24', values: Float64Array.of(1, 2, 4, 8, 16, 32) },
    { label: '2001:db8::/64', values: Float64Array.of(NaN_, 0, 100, NaN_, 3, 1000) },
    { label: "o'brien <&>", values: Float64Array.of(5, 5, 5, 5, 5, 5) },
  ],
  highlights: [
    { row: 1, column: 5, score: 9.24 },
    { row: 1, column: 0, score: -4 },
  ],
  scale: 'log',
};

function grid(partial: Partial<HeatmapGrid> & Pick<HeatmapGrid, 'bucketStarts' | 'rows'>): HeatmapGrid {
  return {
    title: 'g',
    subtitle: 's',
    metric: 'connections',
    bucketSeconds: 300,
    utcOffsetMinutes: 0,
    highlights: [],
    scale: 'linear',
    ...partial,
  };
}

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

describe('renderMatrixSvg', () => {
  it('matches the golden file', () => {
    expectGolden('matrix-small.svg', renderMatrixSvg(small));
  });

  it('is deterministic, well-formed XML with labels escaped', () => {
    const svg = renderMatrixSvg(small);
    expect(renderMatrixSvg(small)).toBe(svg);
    assertWellFormedXml(svg);
    expect(svg).toContain(
      '<title>connections by source block — &lt;test&gt; &amp; &quot;friends&quot;</title>',
    );
    expect(svg).toContain('>o&apos;brien &lt;&amp;&gt;</text>');
  });

  it('has one rect per non-empty cell, with integer coordinates', () => {
    const L = layoutMatrix(small);
    const svg = renderMatrixSvg(small);
    const cells = svg.match(
      new RegExp(
        `<rect x="\\d+" y="\\d+" width="${L.cellWidth}" height="${L.rowHeight}" fill="#[0-9a-f]{6}"/>`,
        'g',
      ),
    );
    expect(cells).toHaveLength(16);
    for (const [, value] of svg.matchAll(/ (?:x|y|width|height)="([^"]*)"/g)) {
      expect(value).toMatch(/^-?\d+(\.\d)?$/); // whole pixels, half pixels for 1-px strokes
    }
  });

  it('outlines anomalies with a tooltip naming block, time, value and score', () => {
    const svg = renderMatrixSvg(small);
    expect(svg).toContain(
      '<title>2001:db8::/64 · 2024-03-04 03:00–04:00 UTC · connections 1000 · score 9.2</title>',
    );
    expect(svg).toContain('<title>2001:db8::/64 · 2024-03-03 22:00–23:00 UTC · no data · score -4.0</title>');
    expect(svg.match(/<rect class="h"/g)).toHaveLength(2);
  });

  it('states the offset in tooltips when the axis is not UTC', () => {
    const svg = renderMatrixSvg({ ...small, utcOffsetMinutes: -210 });
    expect(svg).toContain(
      '<title>2001:db8::/64 · 2024-03-03 23:30–00:30 UTC-03:30 · connections 1000 · score 9.2</title>',
    );
  });

  it('renders an empty grid as a frame saying so', () => {
    for (const g of [
      grid({ bucketStarts: [], rows: [] }),
      grid({ bucketStarts: [0, 300], rows: [] }),
      grid({ bucketStarts: [], rows: [{ label: 'x', values: new Float64Array(0) }] }),
    ]) {
      const svg = renderMatrixSvg(g);
      assertWellFormedXml(svg);
      expect(svg).toContain('>no data</text>');
      expect(decodePng(renderMatrixPng(g)).width).toBeGreaterThan(0);
    }
  });
});

describe('renderMatrixPng', () => {
  const L = layoutMatrix(small);
  const png = decodePng(renderMatrixPng(small));
  const at = (x: number, y: number): number[] => [
    ...png.rgb.subarray((y * png.width + x) * 3, (y * png.width + x) * 3 + 3),
  ];
  const cellCentre = (row: number, column: number): [number, number] => [
    L.plotX + column * L.cellWidth + (L.cellWidth >> 1),
    L.plotY + row * L.rowHeight + (L.rowHeight >> 1),
  ];

  it('has the layout size', () => {
    expect([png.width, png.height]).toEqual([L.width, L.height]);
  });

  it('colours cells by the scale: max = colorAt(1), zero = colorAt(0), empty = neutral', () => {
    expect(at(...cellCentre(1, 5))).toEqual(colorAt(1));
    expect(at(...cellCentre(1, 1))).toEqual(colorAt(0));
    expect(at(...cellCentre(1, 3))).toEqual([...EMPTY]);
    const scale = valueScale('log', 1000);
    expect(at(...cellCentre(0, 3))).toEqual(colorAt(scale.toT(8)));
    // The whole cell, edge to edge, not just its centre.
    const x0 = L.plotX + 5 * L.cellWidth;
    const y0 = L.plotY + L.rowHeight;
    expect(at(x0, y0)).toEqual(colorAt(1));
    expect(at(x0 + L.cellWidth - 1, y0 + L.rowHeight - 1)).toEqual(colorAt(1));
  });

  it('outlines highlighted cells just outside the cell, in the highlight colour', () => {
    const x0 = L.plotX + 5 * L.cellWidth;
    const y0 = L.plotY + L.rowHeight;
    const mid = y0 + (L.rowHeight >> 1);
    expect(at(x0 - 1, mid)).toEqual([...HIGHLIGHT]);
    expect(at(x0 - 2, mid)).toEqual([...HIGHLIGHT]);
    expect(at(x0 + L.cellWidth, mid)).toEqual([...HIGHLIGHT]);
    expect(at(x0 + 10, y0 - 1)).toEqual([...HIGHLIGHT]);
    expect(at(x0 + 10, y0 + L.rowHeight + 1)).toEqual([...HIGHLIGHT]);
    // The empty highlighted cell keeps its neutral interior inside the ring.
    expect(at(L.plotX - 1, mid)).toEqual([...HIGHLIGHT]);
    expect(at(L.plotX + 3, mid)).toEqual([...EMPTY]);
  });

  it('draws the row labels: plain rows in ink, rows with anomalies in the highlight colour', () => {
    const inRow = (row: number): Set<string> => {
      const seen = new Set<string>();
      for (let y = L.plotY + row * L.rowHeight; y < L.plotY + (row + 1) * L.rowHeight; y++) {
        for (let x = 0; x < L.plotX - 3; x++) seen.add(at(x, y).join(','));
      }
      return seen;
    };
    expect(inRow(0).has(INK.join(','))).toBe(true);
    expect(inRow(1).has(HIGHLIGHT.join(','))).toBe(true);
    expect(inRow(1).has(INK.join(','))).toBe(false);
  });

  it('paints the same picture as the canvas it encodes', () => {
    const canvas = renderMatrixCanvas(small);
    expect(Buffer.from(canvas.data).equals(Buffer.from(png.rgb))).toBe(true);
  });
});

describe('layoutMatrix', () => {
  const day = (offset = 0, bucketSeconds = 300) =>
    grid({
      bucketSeconds,
      utcOffsetMinutes: offset,
      bucketStarts: Array.from(
        { length: 86_400 / bucketSeconds },
        (_, i) => T0 + 2 * 3600 + i * bucketSeconds,
      ),
      rows: [{ label: '10.0.0.0/8', values: new Float64Array(86_400 / bucketSeconds) }],
    });
  const labelsOf = (L: ReturnType<typeof layoutMatrix>, line: number) =>
    L.axisLabels
      .filter((m) => m.y === Math.min(...L.axisLabels.map((a) => a.y)) + line * 13)
      .map((m) => m.text);

  it('a day of 5-minute buckets gets hourly ticks on whole hours and the date where it starts', () => {
    const L = layoutMatrix(day());
    expect(L.cellWidth).toBe(5);
    expect(L.ticks).toHaveLength(25);
    expect(L.ticks.every((t) => t.t % 3600 === 0)).toBe(true);
    expect(labelsOf(L, 0).slice(0, 3)).toEqual(['00:00', '01:00', '02:00']);
    expect(labelsOf(L, 1)).toEqual(['Mon 2024-03-04']);
    expect(L.ticks.filter((t) => t.major)).toHaveLength(2);
  });

  it('ticks follow the wall clock of the offset, and the date line names local days', () => {
    const cet = layoutMatrix(day(60));
    expect(labelsOf(cet, 0)[0]).toBe('01:00');
    expect(labelsOf(cet, 1)).toEqual(['Mon 2024-03-04', 'Tue 2024-03-05']);
    const india = layoutMatrix(day(330));
    expect(india.ticks.every((t) => (t.t + 330 * 60) % 3600 === 0)).toBe(true);
    expect(labelsOf(india, 0)[0]).toBe('06:00');
    const newYork = layoutMatrix(day(-300));
    expect(labelsOf(newYork, 1)).toEqual(['Sun 2024-03-03', 'Mon 2024-03-04']);
  });

  it('switches to date ticks for long ranges, weeks starting on Monday', () => {
    const month = grid({
      bucketSeconds: 3600,
      bucketStarts: Array.from({ length: 24 * 90 }, (_, i) => T0 + 2 * 3600 + i * 3600),
      rows: [{ label: 'r', values: new Float64Array(24 * 90) }],
      highlights: [],
    });
    const L = layoutMatrix(month, { cellWidth: 1 });
    const labels = labelsOf(L, 0);
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.every((l) => l.startsWith('Mon '))).toBe(true);
  });

  it('never lets axis labels overlap or leave the image (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 900 }),
        fc.constantFrom(60, 300, 600, 900, 3600, 10_800, 86_400),
        fc.constantFrom(-600, -210, 0, 60, 330, 345, 840),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        fc.integer({ min: 0, max: 86_399 }),
        (columns, bucketSeconds, offset, cellWidth, phase) => {
          const start = Math.floor((T0 + phase) / bucketSeconds) * bucketSeconds;
          const g = grid({
            bucketSeconds,
            utcOffsetMinutes: offset,
            bucketStarts: Array.from({ length: columns }, (_, i) => start + i * bucketSeconds),
            rows: [{ label: '192.168.100.0/24', values: new Float64Array(columns) }],
          });
          const L = cellWidth === undefined ? layoutMatrix(g) : layoutMatrix(g, { cellWidth });
          const byLine = new Map<number, Array<[number, number]>>();
          for (const m of L.axisLabels) {
            const left = textLeft(m.x, m.text, m.anchor);
            const right = left + textWidth(m.text);
            expect(left).toBeGreaterThanOrEqual(0);
            expect(right).toBeLessThanOrEqual(L.width);
            byLine.set(m.y, [...(byLine.get(m.y) ?? []), [left, right]]);
          }
          for (const spans of byLine.values()) {
            spans.sort((a, b) => a[0] - b[0]);
            for (let i = 1; i < spans.length; i++)
              expect(spans[i]![0] - spans[i - 1]![1]).toBeGreaterThanOrEqual(6);
          }
          for (let i = 1; i < L.ticks.length; i++) expect(L.ticks[i]!.x).toBeGreaterThan(L.ticks[i - 1]!.x);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('spaces row labels at least 10 px apart and labels anomalous rows first (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.option(fc.integer({ min: 1, max: 14 }), { nil: undefined }),
        fc.uniqueArray(fc.nat(2999), { maxLength: 20 }),
        (rows, rowHeight, hot) => {
          const g = grid({
            bucketStarts: [0],
            rows: Array.from({ length: rows }, (_, r) => ({ label: `r${r}`, values: Float64Array.of(r) })),
            highlights: hot.filter((r) => r < rows).map((row) => ({ row, column: 0, score: 5 })),
          });
          const L = rowHeight === undefined ? layoutMatrix(g) : layoutMatrix(g, { rowHeight });
          const tops = L.labelledRows.map((r) => r * L.rowHeight);
          for (let i = 1; i < tops.length; i++) expect(tops[i]! - tops[i - 1]!).toBeGreaterThanOrEqual(10);
          // The first anomalous row always gets its label.
          const firstHot = [...g.highlights].sort((a, b) => a.row - b.row)[0];
          if (firstHot) expect(L.labelledRows).toContain(firstHot.row);
          if (L.rowHeight >= 10) expect(L.labelledRows).toHaveLength(rows);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sizes cells for a ~1400 px plot and 4–14 px rows unless told otherwise', () => {
    const many = grid({
      bucketStarts: Array.from({ length: 288 }, (_, i) => i * 300),
      rows: Array.from({ length: 1000 }, () => ({ label: 'x', values: new Float64Array(288) })),
    });
    const L = layoutMatrix(many);
    expect([L.cellWidth, L.rowHeight]).toEqual([5, 4]);
    expect(layoutMatrix(small).rowHeight).toBe(14);
    expect(layoutMatrix(many, { cellWidth: 2, rowHeight: 3 })).toMatchObject({ cellWidth: 2, rowHeight: 3 });
  });

  it('rejects inconsistent grids and bad options', () => {
    expectCode(
      () => layoutMatrix({ ...small, rows: [{ label: 'x', values: new Float64Array(5) }] }),
      ErrorCode.Internal,
    );
    expectCode(
      () => layoutMatrix({ ...small, highlights: [{ row: 3, column: 0, score: 1 }] }),
      ErrorCode.Internal,
    );
    expectCode(
      () => layoutMatrix({ ...small, highlights: [{ row: 0, column: 6, score: 1 }] }),
      ErrorCode.Internal,
    );
    expectCode(
      () => layoutMatrix({ ...small, bucketStarts: [0, 3600, 7200, 10_800, 14_400, 18_001] }),
      ErrorCode.Internal,
    );
    expectCode(() => layoutMatrix({ ...small, bucketSeconds: 0 }), ErrorCode.Internal);
    expectCode(() => layoutMatrix(small, { cellWidth: 0 }), ErrorCode.InvalidOption);
    expectCode(() => layoutMatrix(small, { rowHeight: 2.5 }), ErrorCode.InvalidOption);
  });
});
