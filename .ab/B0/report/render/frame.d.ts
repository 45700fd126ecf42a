/**
 * What the matrix and the Hilbert map share around their data: colours, the title block, the
 * legend, number formatting, and "marks" — rectangles, outlines, text and the colour ramp — that
 * are laid out once in pixel coordinates and then written either as SVG elements or onto the PNG
 * canvas. Laying out once is what keeps the two outputs the same picture. The data cells
 * themselves (up to millions) bypass marks: each renderer loops over them directly.
 *
 * Text is laid out with the bitmap font's metrics (font.ts: 6 px advance, 7 px caps); the SVG
 * asks for a 10 px monospace face, whose advance is the same 0.6 em, so labels land in the same
 * place in both.
 */
import type { Canvas } from './canvas.js';
import { type Rgb, type ValueScale } from './colormap.js';
export declare const PAD = 16;
export declare const WHITE: Rgb;
export declare const INK: Rgb;
export declare const MUTED: Rgb;
/** Cells without data: light and neutral, so that even the darkest value (0) stands out. */
export declare const EMPTY: Rgb;
export declare const AXIS: Rgb;
/** Anomaly outlines: a saturated red-magenta, a hue viridis never uses. */
export declare const HIGHLIGHT: Rgb;
/** Outline width of highlighted cells, drawn just outside the cell so its colour stays visible. */
export declare const HIGHLIGHT_WIDTH = 2;
export type TextRole = 'ink' | 'muted' | 'alert';
export type Mark = {
    readonly kind: 'fill';
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
    readonly rgb: Rgb;
} | {
    readonly kind: 'outline';
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
    readonly rgb: Rgb;
    /** Drawn inside the box [x, x+w) × [y, y+h), like Canvas.outlineRect. */
    readonly thickness: number;
} | {
    readonly kind: 'text';
    /** Anchor point; y is the top of the capitals. */
    readonly x: number;
    readonly y: number;
    readonly text: string;
    readonly scale: 1 | 2;
    readonly anchor: 'start' | 'middle' | 'end';
    readonly role: TextRole;
    /** A white outline behind the glyphs, for text over data. */
    readonly halo?: boolean;
} | {
    readonly kind: 'ramp';
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
};
export declare function text(x: number, y: number, value: string, anchor?: 'start' | 'middle' | 'end', role?: TextRole, scale?: 1 | 2): Mark;
/** Left edge of a text mark once its anchor is applied. */
export declare function textLeft(x: number, value: string, anchor: 'start' | 'middle' | 'end', scale?: number): number;
/**
 * Compact numbers for legends and tooltips: 0, 7, 0.25, 12.5, 1.23k, 45.6M, 7G. Three significant
 * digits are what a colour can convey; exact values are in the JSON/CSV export.
 */
export declare function formatValue(v: number): string;
/** A value as tooltips show it: exact for integers, six significant digits otherwise. */
export declare function exactValue(v: number): string;
/** Rounds SVG coordinates to 0.1 px and drops a trailing ".0". */
export declare function num(v: number): string;
export declare function escapeXml(s: string): string;
export interface LegendSpec {
    readonly metric: string;
    readonly scale: ValueScale;
    readonly highlightCount: number;
}
export declare function legendWidth(spec: LegendSpec): number;
export declare const LEGEND_HEIGHT = 40;
/**
 * The legend at (x, y): caption, colour ramp from 0 to the maximum with a few round ticks, and
 * swatches for "no data" and the anomaly outline. Tick labels are placed left to right and a tick
 * whose label would touch its neighbour's (or the maximum's) is dropped.
 */
export declare function legendMarks(spec: LegendSpec, x: number, y: number): Mark[];
export interface Header {
    readonly marks: Mark[];
    /** y where the content below the header may start. */
    readonly bottom: number;
}
/** The narrowest image that fits the title block with the legend under the subtitle. */
export declare function headerMinWidth(title: string, subtitle: string, legend: LegendSpec): number;
/**
 * Title (double size), subtitle, and the legend: at the top right when it fits beside the titles
 * in `width`, else under the subtitle.
 */
export declare function headerMarks(title: string, subtitle: string, legend: LegendSpec, width: number): Header;
export declare function svgOpen(width: number, height: number, title: string): string[];
export declare function svgRect(x: number, y: number, w: number, h: number, rgb: Rgb): string;
export declare function marksToSvg(marks: readonly Mark[], out: string[]): void;
export declare function drawMarks(canvas: Canvas, marks: readonly Mark[]): void;
