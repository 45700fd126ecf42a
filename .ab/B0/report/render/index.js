/**
 * Heatmap rendering: pure functions from plain grids (grid.ts) to SVG text and PNG bytes, with
 * their building blocks (colour scale, Hilbert curve, PNG codec, bitmap font, raster).
 */
export { Canvas } from './canvas.js';
export { COLOR_HEX, COLOR_LUT, COLOR_RGB, colorAt, LUT_SIZE, lutIndex, rgbToOklab, scaleTicks, VIRIDIS_ANCHORS, valueScale, } from './colormap.js';
export { drawText, textWidth } from './font.js';
export { formatValue } from './frame.js';
export { hilbertIndexToXY, hilbertRangeRects, MAX_HILBERT_ORDER, xyToHilbertIndex, } from './hilbert.js';
export { layoutHilbert, MAX_RENDER_ORDER, renderHilbertCanvas, renderHilbertPng, renderHilbertSvg, } from './hilbert-map.js';
export { layoutMatrix, renderMatrixCanvas, renderMatrixPng, renderMatrixSvg, } from './matrix.js';
export { decodePng, encodePng } from './png.js';
//# sourceMappingURL=index.js.map