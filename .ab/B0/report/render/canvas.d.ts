/**
 * A minimal RGB raster for the PNG renderers: axis-aligned rectangles, lines and bitmap text,
 * clipped to the canvas. No anti-aliasing and no alpha: every shape the heatmaps draw sits on
 * whole pixels, so the PNG shows exactly the colours of the scale, which is also what lets the
 * tests check pixels for equality.
 */
import type { Rgb } from './colormap.js';
import { type TextTarget } from './font.js';
import { type EncodePngOptions } from './png.js';
export declare class Canvas implements TextTarget {
    readonly width: number;
    readonly height: number;
    /** Row-major RGB, 3 bytes per pixel. */
    readonly data: Uint8Array;
    constructor(width: number, height: number, background?: Rgb);
    /** Fills [x, x+width) × [y, y+height), clipped. One row is painted, the others copied (memmove). */
    fillRect(x: number, y: number, width: number, height: number, rgb: Rgb): void;
    /** Outlines the box [x, x+width) × [y, y+height) with lines `thickness` pixels wide inside it. */
    outlineRect(x: number, y: number, width: number, height: number, rgb: Rgb, thickness?: number): void;
    hline(x: number, y: number, length: number, rgb: Rgb): void;
    vline(x: number, y: number, length: number, rgb: Rgb): void;
    /** Bitmap text with the top of its capitals at y (see font.ts). */
    text(x: number, y: number, text: string, rgb: Rgb, scale?: number): void;
    /** The colour at (x, y), for tests and assertions. */
    pixel(x: number, y: number): [number, number, number];
    toPng(options?: EncodePngOptions): Uint8Array;
}
