/**
 * The Hilbert map view: address space folded onto a square along a Hilbert curve (hilbert.ts), one
 * pixel per block, coloured by value; anomalous blocks ringed; optional labelled regions
 * (10/8, 192.168/16, …) outlined, their label centred on them or, when it does not fit, beside.
 *
 * Cost: the PNG fills pixelScale² pixels per non-empty block; an order-12 map (/24s of IPv4) is a
 * 4096² image at one pixel per block (48 MiB of RGB before compression). The SVG cannot afford a
 * rect per block there, so it rasterises the colour indices first (2 bytes × 4^order: 32 MiB at
 * order 12) and writes one rect per horizontal run of equal colour, skipping empty space.
 */
import { Canvas } from './canvas.js';
import { type ValueScale } from './colormap.js';
import { type Mark } from './frame.js';
import type { HilbertMap } from './grid.js';
export interface HilbertRenderOptions {
    /** Pixels per block. Default: the map is about 768 px square (order 8 → 3), at least 1. */
    readonly pixelScale?: number;
    /** Names a curve index in tooltips, e.g. `(i) => '10.20.0.0/16'`. Default: "block #i". */
    readonly describe?: (index: number) => string;
}
/** Largest order drawn: 4096 × 4096 blocks. Above that the PNG alone would be ≥ 200 MB of RGB. */
export declare const MAX_RENDER_ORDER = 12;
export interface HilbertLayout {
    readonly width: number;
    readonly height: number;
    readonly mapX: number;
    readonly mapY: number;
    readonly pixelScale: number;
    /** Blocks per side: 2^order. */
    readonly side: number;
    readonly scale: ValueScale;
    /** Title block, map background and frame, caption. */
    readonly marks: readonly Mark[];
    /** Region outlines and labels, drawn over the cells. */
    readonly regionMarks: readonly Mark[];
}
export declare function layoutHilbert(map: HilbertMap, options?: HilbertRenderOptions): HilbertLayout;
/** The map as SVG text: empty blocks are the background; equal-colour runs along a row are one rect. */
export declare function renderHilbertSvg(map: HilbertMap, options?: HilbertRenderOptions): string;
export declare function renderHilbertPng(map: HilbertMap, options?: HilbertRenderOptions): Uint8Array;
/** The raster behind renderHilbertPng (exposed for callers that compose images). */
export declare function renderHilbertCanvas(map: HilbertMap, options?: HilbertRenderOptions): Canvas;
