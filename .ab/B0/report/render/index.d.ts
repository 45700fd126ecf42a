/**
 * Heatmap rendering: pure functions from plain grids (grid.ts) to SVG text and PNG bytes, with
 * their building blocks (colour scale, Hilbert curve, PNG codec, bitmap font, raster).
 */
export { Canvas } from './canvas.js';
export { COLOR_HEX, COLOR_LUT, COLOR_RGB, colorAt, LUT_SIZE, lutIndex, type Rgb, rgbToOklab, type ScaleKind, scaleTicks, type ValueScale, VIRIDIS_ANCHORS, valueScale, } from './colormap.js';
export { drawText, textWidth } from './font.js';
export { formatValue } from './frame.js';
export type { HeatmapGrid, HilbertMap } from './grid.js';
export { hilbertIndexToXY, hilbertRangeRects, MAX_HILBERT_ORDER, type PixelRect, xyToHilbertIndex, } from './hilbert.js';
export { type HilbertLayout, type HilbertRenderOptions, layoutHilbert, MAX_RENDER_ORDER, renderHilbertCanvas, renderHilbertPng, renderHilbertSvg, } from './hilbert-map.js';
export { type AxisTick, layoutMatrix, type MatrixLayout, type MatrixRenderOptions, renderMatrixCanvas, renderMatrixPng, renderMatrixSvg, } from './matrix.js';
export { type DecodedPng, decodePng, type EncodePngOptions, encodePng } from './png.js';
