/**
 * The matrix view: one row per address block, one column per time bucket, each cell coloured by
 * its value (colormap.ts), anomalous cells outlined. `layoutMatrix` places everything in pixels
 * once; `renderMatrixSvg` and `renderMatrixPng` draw that same layout.
 *
 * Cost: layout is O(rows + columns); drawing visits every cell once. The SVG has one <rect> per
 * non-empty cell (about 55 bytes each: 1000 × 288 busy cells make ~16 MB of SVG, which is why the
 * PNG exists); the PNG paints one scanline per row, copies it down, and compresses with zlib.
 * Both take about 100 ms for 1000 × 288 (bench/report/render.bench.ts).
 */
import { Canvas } from './canvas.js';
import { type ValueScale } from './colormap.js';
import { type Mark } from './frame.js';
import type { HeatmapGrid } from './grid.js';
export interface MatrixRenderOptions {
    /** Pixels per time bucket. Default: the plot is about 1400 px wide (1–48 px per bucket). */
    readonly cellWidth?: number;
    /** Pixels per row. Default: 14, shrinking as rows grow (~840 px of rows) down to 4. */
    readonly rowHeight?: number;
}
export interface AxisTick {
    /** Pixel column of the tick (the boundary between two instants, not a cell centre). */
    readonly x: number;
    /** Unix seconds. */
    readonly t: number;
    /** Local midnight: drawn darker and longer. */
    readonly major: boolean;
}
export interface MatrixLayout {
    readonly width: number;
    readonly height: number;
    readonly plotX: number;
    readonly plotY: number;
    readonly cellWidth: number;
    readonly rowHeight: number;
    readonly scale: ValueScale;
    readonly ticks: readonly AxisTick[];
    /** Text marks of the time axis, for overlap checks. */
    readonly axisLabels: ReadonlyArray<Extract<Mark, {
        kind: 'text';
    }>>;
    /** Rows that carry a label (all of them when rows are tall enough). */
    readonly labelledRows: readonly number[];
    /** Everything but the cells and the highlight outlines. */
    readonly marks: readonly Mark[];
}
/** Places title, legend, row labels, plot and time axis; shared by the SVG and PNG renderers. */
export declare function layoutMatrix(grid: HeatmapGrid, options?: MatrixRenderOptions): MatrixLayout;
/** The matrix as SVG text: deterministic, one <rect> per non-empty cell, integer coordinates. */
export declare function renderMatrixSvg(grid: HeatmapGrid, options?: MatrixRenderOptions): string;
/** The same picture as renderMatrixSvg, rasterised with the bitmap font, as PNG bytes. */
export declare function renderMatrixPng(grid: HeatmapGrid, options?: MatrixRenderOptions): Uint8Array;
/** The raster behind renderMatrixPng (exposed for callers that compose images). */
export declare function renderMatrixCanvas(grid: HeatmapGrid, options?: MatrixRenderOptions): Canvas;
