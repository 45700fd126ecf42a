/**
 * Heatmap rendering (issue 5's budget: ≤ 500 ms for 1000 rows × 288 buckets): the matrix as SVG
 * text and as PNG bytes, on a day of 5-minute buckets for 1000 blocks with random values, 10 %
 * empty cells and 50 highlighted anomalies.
 */
import type { HeatmapGrid } from '../../src/report/render/grid.js';
import { renderMatrixPng, renderMatrixSvg } from '../../src/report/render/matrix.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const ROWS = 1000;
const BUCKETS = 288;
const START = 1_710_201_600; // 2024-03-12 00:00 UTC

function grid(): HeatmapGrid {
  let seed = 0x2545f491;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const rows = Array.from({ length: ROWS }, (_, r) => {
    const values = new Float64Array(BUCKETS);
    for (let c = 0; c < BUCKETS; c++) values[c] = rand() < 0.1 ? Number.NaN : Math.floor(rand() ** 3 * 5000);
    return { label: `10.${(r >> 8) & 255}.${r & 255}.0/24`, values };
  });
  const highlights = Array.from({ length: 50 }, () => ({
    row: Math.floor(rand() * ROWS),
    column: Math.floor(rand() * BUCKETS),
    score: 3.5 + rand() * 20,
  }));
  return {
    title: 'connections by source block — bench',
    subtitle: '2024-03-12 00:00 → 2024-03-13 00:00 (UTC), 5-minute buckets',
    metric: 'connections',
    bucketSeconds: 300,
    bucketStarts: Array.from({ length: BUCKETS }, (_, c) => START + c * 300),
    utcOffsetMinutes: 0,
    rows,
    highlights,
    scale: 'log',
  };
}

export async function run(): Promise<BenchReport[]> {
  const g = grid();
  const bench = newBench();
  const svg = `render matrix SVG, ${ROWS} rows × ${BUCKETS} buckets`;
  const png = `render matrix PNG, ${ROWS} rows × ${BUCKETS} buckets`;
  bench.add(svg, () => {
    renderMatrixSvg(g);
  });
  bench.add(png, () => {
    renderMatrixPng(g);
  });
  await bench.run();
  const cells = ROWS * BUCKETS;
  return [svg, png].map((name) => {
    const { median, samples } = medianMs(bench, name);
    return { name, medianMs: median, throughput: perSecond(cells, median, ' cells'), samples };
  });
}
