/**
 * A built-in 5×7 bitmap font (plus two rows of descenders) so the PNGs carry the same titles, CIDR
 * labels, time ticks and legend as the SVGs without a font file, a rasteriser or a native addon.
 * Monospaced on a 6-pixel advance, which is also what a 10 px monospace face advances in the SVG,
 * so one layout serves both outputs. Glyphs cover printable ASCII and the few symbols heatmap
 * titles use (→ × – … ≥ µ …); other characters fall back to their unaccented base letter (é → e)
 * or to '?'. The table below is the font: '#' is ink, '.' is paper, one band of glyphs per block,
 * so a glyph is fixed by editing the picture. It is parsed once at import (~100 glyphs, < 0.1 ms).
 */
export declare const GLYPH_WIDTH = 5;
/** Rows per glyph: 7 from the cap line to the baseline, then 2 for descenders (g, j, p, q, y). */
export declare const GLYPH_ROWS = 9;
export declare const CAP_HEIGHT = 7;
/** Horizontal pitch: glyph plus one column of space. */
export declare const ADVANCE = 6;
/** Baseline-to-baseline distance for stacked lines. */
export declare const LINE_HEIGHT = 11;
/** The glyph drawn for a character (one code point): its own, its base letter's, or '?'. */
export declare function glyphFor(ch: string): Uint8Array;
export declare function hasGlyph(ch: string): boolean;
/** What drawText needs from a raster: canvas.ts's Canvas provides it. */
export interface TextTarget {
    fillRect(x: number, y: number, width: number, height: number, rgb: readonly [number, number, number]): void;
}
/** Width in pixels of `text` drawn at `scale` (no trailing spacing column). */
export declare function textWidth(text: string, scale?: number): number;
/**
 * Draws `text` with the top of its cap height at (x, y); each glyph pixel becomes a scale × scale
 * square, and each horizontal run of ink one fillRect, so the cost is a few calls per glyph row.
 * Pixels outside the target are clipped by the target.
 */
export declare function drawText(target: TextTarget, x: number, y: number, text: string, rgb: readonly [number, number, number], scale?: number): void;
