/**
 * The renderers' input: plain data, built by the heatmap views (matrix, Hilbert map) and drawn by
 * matrix.ts and hilbert-map.ts. Nothing here knows about records, shards or time zones beyond the
 * offset the axis needs, so the renderers stay pure functions of these values.
 */
export {};
//# sourceMappingURL=grid.js.map