/**
 * A minimal RGB raster for the PNG renderers: axis-aligned rectangles, lines and bitmap text,
 * clipped to the canvas. No anti-aliasing and no alpha: every shape the heatmaps draw sits on
 * whole pixels, so the PNG shows exactly the colours of the scale, which is also what lets the
 * tests check pixels for equality.
 */
import { drawText } from './font.js';
import { encodePng } from './png.js';
export class Canvas {
    width;
    height;
    /** Row-major RGB, 3 bytes per pixel. */
    data;
    constructor(width, height, background = [255, 255, 255]) {
        this.width = width;
        this.height = height;
        this.data = new Uint8Array(width * height * 3);
        this.fillRect(0, 0, width, height, background);
    }
    /** Fills [x, x+width) × [y, y+height), clipped. One row is painted, the others copied (memmove). */
    fillRect(x, y, width, height, rgb) {
        const x0 = Math.max(0, x);
        const y0 = Math.max(0, y);
        const x1 = Math.min(this.width, x + width);
        const y1 = Math.min(this.height, y + height);
        if (x0 >= x1 || y0 >= y1)
            return;
        const d = this.data;
        const stride = this.width * 3;
        const first = y0 * stride + x0 * 3;
        const end = first + (x1 - x0) * 3;
        const [r, g, b] = rgb;
        for (let i = first; i < end; i += 3) {
            d[i] = r;
            d[i + 1] = g;
            d[i + 2] = b;
        }
        for (let row = y0 + 1, at = first + stride; row < y1; row++, at += stride)
            d.copyWithin(at, first, end);
    }
    /** Outlines the box [x, x+width) × [y, y+height) with lines `thickness` pixels wide inside it. */
    outlineRect(x, y, width, height, rgb, thickness = 1) {
        const t = Math.min(thickness, Math.ceil(width / 2), Math.ceil(height / 2));
        this.fillRect(x, y, width, t, rgb);
        this.fillRect(x, y + height - t, width, t, rgb);
        this.fillRect(x, y + t, t, height - 2 * t, rgb);
        this.fillRect(x + width - t, y + t, t, height - 2 * t, rgb);
    }
    hline(x, y, length, rgb) {
        this.fillRect(x, y, length, 1, rgb);
    }
    vline(x, y, length, rgb) {
        this.fillRect(x, y, 1, length, rgb);
    }
    /** Bitmap text with the top of its capitals at y (see font.ts). */
    text(x, y, text, rgb, scale = 1) {
        drawText(this, x, y, text, rgb, scale);
    }
    /** The colour at (x, y), for tests and assertions. */
    pixel(x, y) {
        const i = (y * this.width + x) * 3;
        return [this.data[i], this.data[i + 1], this.data[i + 2]];
    }
    toPng(options) {
        return encodePng(this.data, this.width, this.height, options);
    }
}
//# sourceMappingURL=canvas.js.map