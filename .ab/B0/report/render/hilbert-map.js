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
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { Canvas } from './canvas.js';
import { COLOR_HEX, COLOR_LUT, COLOR_RGB, lutIndex, valueScale } from './colormap.js';
import { CAP_HEIGHT, textWidth } from './font.js';
import { AXIS, drawMarks, EMPTY, escapeXml, exactValue, HIGHLIGHT, HIGHLIGHT_WIDTH, headerMarks, headerMinWidth, INK, marksToSvg, num, PAD, svgOpen, text, } from './frame.js';
import { hilbertIndexToXYInto, hilbertRangeRects } from './hilbert.js';
import { AsciiWriter, token } from './svg-writer.js';
const HEX_TOKENS = COLOR_HEX.map(token);
/** Largest order drawn: 4096 × 4096 blocks. Above that the PNG alone would be ≥ 200 MB of RGB. */
export const MAX_RENDER_ORDER = 12;
const TARGET_MAP_SIZE = 768;
function internal(message, detail) {
    return new NetscryError(ErrorCode.Internal, `Hilbert map: ${message}`, detail);
}
function checkMap(map) {
    if (!Number.isInteger(map.order) || map.order < 0 || map.order > MAX_RENDER_ORDER) {
        throw new NetscryError(ErrorCode.InvalidOption, `Hilbert map order must be 0–${MAX_RENDER_ORDER}`, {
            order: map.order,
        });
    }
    const total = 4 ** map.order;
    const inRange = (i) => Number.isInteger(i) && i >= 0 && i < total;
    for (const c of map.cells)
        if (!inRange(c.index))
            throw internal(`cell index ${c.index} is outside order ${map.order}`);
    for (const h of map.highlights) {
        if (!inRange(h.index))
            throw internal(`highlight index ${h.index} is outside order ${map.order}`);
    }
    for (const r of map.regions ?? []) {
        if (!inRange(r.first) || !inRange(r.last) || r.first > r.last) {
            throw internal(`region ${r.label} (${r.first}–${r.last}) is not a range of order ${map.order}`);
        }
    }
}
export function layoutHilbert(map, options = {}) {
    checkMap(map);
    const side = 2 ** map.order;
    let pixelScale = Math.max(1, Math.floor(TARGET_MAP_SIZE / side));
    if (options.pixelScale !== undefined) {
        if (!Number.isInteger(options.pixelScale) ||
            options.pixelScale < 1 ||
            side * options.pixelScale > 16_384) {
            throw new NetscryError(ErrorCode.InvalidOption, 'pixelScale must be a whole number ≥ 1 and the map ≤ 16384 px', {
                pixelScale: options.pixelScale,
            });
        }
        pixelScale = options.pixelScale;
    }
    let max = 0;
    for (const c of map.cells)
        if (c.value > max && c.value !== Number.POSITIVE_INFINITY)
            max = c.value;
    const scale = valueScale(map.scale, max);
    const legend = { metric: map.metric, scale, highlightCount: map.highlights.length };
    const size = side * pixelScale;
    const caption = `${map.space} on a Hilbert curve · 1 pixel = ${map.pixel} · first block top left, last top right`;
    const width = Math.max(2 * PAD + size, headerMinWidth(map.title, map.subtitle, legend), 2 * PAD + textWidth(caption));
    const header = headerMarks(map.title, map.subtitle, legend, width);
    const mapX = PAD;
    const mapY = header.bottom;
    const marks = [
        ...header.marks,
        { kind: 'outline', x: mapX - 1, y: mapY - 1, w: size + 2, h: size + 2, rgb: AXIS, thickness: 1 },
        { kind: 'fill', x: mapX, y: mapY, w: size, h: size, rgb: EMPTY },
        text(mapX, mapY + size + 8, caption, 'start', 'muted'),
    ];
    const regionMarks = [];
    const labels = [];
    for (const region of map.regions ?? []) {
        let x0 = Number.POSITIVE_INFINITY;
        let y0 = Number.POSITIVE_INFINITY;
        let x1 = 0;
        let y1 = 0;
        for (const r of hilbertRangeRects(map.order, region.first, region.last)) {
            regionMarks.push({
                kind: 'outline',
                x: mapX + r.x * pixelScale - 1,
                y: mapY + r.y * pixelScale - 1,
                w: r.width * pixelScale + 2,
                h: r.height * pixelScale + 2,
                rgb: INK,
                thickness: 1,
            });
            x0 = Math.min(x0, r.x);
            y0 = Math.min(y0, r.y);
            x1 = Math.max(x1, r.x + r.width);
            y1 = Math.max(y1, r.y + r.height);
        }
        labels.push(regionLabel(region.label, mapX, mapY, size, x0 * pixelScale, y0 * pixelScale, x1 * pixelScale, y1 * pixelScale));
    }
    regionMarks.push(...labels); // labels after every outline, so no outline crosses a label
    return {
        width,
        height: mapY + size + 8 + CAP_HEIGHT + 2 + PAD,
        mapX,
        mapY,
        pixelScale,
        side,
        scale,
        marks,
        regionMarks,
    };
}
/**
 * A region's label: centred on its bounding box when it fits inside, else just right of the box
 * (or left, near the right edge), so a small region such as a /16 on a /16 map stays visible
 * under its name. Always kept inside the map. Box coordinates are map pixels, relative to the map.
 */
function regionLabel(label, mapX, mapY, size, bx0, by0, bx1, by1) {
    const w = textWidth(label);
    const top = Math.round((by0 + by1) / 2) - Math.floor(CAP_HEIGHT / 2);
    let left;
    if (w + 6 <= bx1 - bx0 && CAP_HEIGHT + 4 <= by1 - by0)
        left = Math.round((bx0 + bx1) / 2) - Math.floor(w / 2);
    else if (bx1 + 4 + w <= size)
        left = bx1 + 4;
    else
        left = bx0 - 4 - w;
    // Inside the map when it fits; a label wider than the whole map is centred on it.
    left = w + 4 <= size ? Math.min(Math.max(left, 2), size - 2 - w) : Math.round((size - w) / 2);
    const y = Math.min(Math.max(top, 2), size - 2 - CAP_HEIGHT);
    return {
        kind: 'text',
        x: mapX + left,
        y: mapY + y,
        text: label,
        scale: 1,
        anchor: 'start',
        role: 'ink',
        halo: true,
    };
}
/** Colour index + 1 per block, row-major (0 = empty); a later cell for a block wins, as in the PNG. */
function rasterise(map, side, scale) {
    const raster = new Uint16Array(side * side + 1); // + 1: even length for the word view in writeRuns
    const xy = [0, 0];
    for (const c of map.cells) {
        if (!Number.isFinite(c.value))
            continue;
        hilbertIndexToXYInto(map.order, c.index, xy);
        raster[xy[1] * side + xy[0]] = lutIndex(scale.toT(c.value)) + 1;
    }
    return raster;
}
const RUN_OPEN = token('<rect x="');
const RUN_Y = token('" y="');
const RUN_WIDTH = token('" width="');
const RUN_CLOSE = token('"/>\n');
/**
 * One <rect> per horizontal run of equal colour. Empty space is skipped two blocks at a time
 * through a 32-bit view of the raster: at order 12 the scan covers 16 M blocks, most of them empty.
 */
function writeRuns(raster, side, x0, y0, s) {
    const out = new AsciiWriter(1 << 20);
    const pairs = new Uint32Array(raster.buffer, raster.byteOffset, raster.length >> 1);
    const height = token(`" height="${s}" fill="`);
    for (let y = 0; y < side; y++) {
        const row = y * side;
        let x = 0;
        while (x < side) {
            const i = row + x;
            if ((i & 1) === 0 && pairs[i >> 1] === 0) {
                x += 2;
                continue;
            }
            const k = raster[i];
            if (k === 0) {
                x++;
                continue;
            }
            const start = x;
            while (x < side && raster[row + x] === k)
                x++;
            out.bytes(RUN_OPEN);
            out.int(x0 + start * s);
            out.bytes(RUN_Y);
            out.int(y0 + y * s);
            out.bytes(RUN_WIDTH);
            out.int((x - start) * s);
            out.bytes(height);
            out.bytes(HEX_TOKENS[k - 1]);
            out.bytes(RUN_CLOSE);
        }
    }
    return out;
}
function valuesOfHighlights(map) {
    const wanted = new Set(map.highlights.map((h) => h.index));
    const values = new Map();
    for (const c of map.cells)
        if (wanted.has(c.index))
            values.set(c.index, c.value);
    return values;
}
/**
 * The anomaly ring around one block: HIGHLIGHT_WIDTH thick, just outside the block, but never
 * smaller than 11 px across, so a one-pixel block on an order-12 map is still found at a glance.
 * `gap` is the distance from the block's top-left pixel to the ring's outer edge.
 */
function highlightRing(pixelScale) {
    const gap = Math.max(HIGHLIGHT_WIDTH, Math.ceil((11 - pixelScale) / 2));
    return { box: pixelScale + 2 * gap, gap };
}
/** The map as SVG text: empty blocks are the background; equal-colour runs along a row are one rect. */
export function renderHilbertSvg(map, options = {}) {
    const L = layoutHilbert(map, options);
    const out = svgOpen(L.width, L.height, map.title);
    marksToSvg(L.marks, out);
    const runs = writeRuns(rasterise(map, L.side, L.scale), L.side, L.mapX, L.mapY, L.pixelScale);
    if (runs.length > 0)
        out.push(runs.toString().slice(0, -1)); // out is joined with '\n'
    marksToSvg(L.regionMarks, out);
    const s = L.pixelScale;
    const xy = [0, 0];
    const describe = options.describe ?? ((i) => `block #${i}`);
    const values = valuesOfHighlights(map);
    const ring = highlightRing(s);
    const o = HIGHLIGHT_WIDTH / 2;
    for (const h of map.highlights) {
        hilbertIndexToXYInto(map.order, h.index, xy);
        const v = values.get(h.index);
        const value = v === undefined || !Number.isFinite(v) ? 'no data' : `${map.metric} ${exactValue(v)}`;
        const tip = `${describe(h.index)} · ${value} · score ${h.score.toFixed(1)}`;
        out.push(`<rect class="h" x="${num(L.mapX + xy[0] * s - ring.gap + o)}" y="${num(L.mapY + xy[1] * s - ring.gap + o)}" width="${num(ring.box - 2 * o)}" height="${num(ring.box - 2 * o)}"><title>${escapeXml(tip)}</title></rect>`);
    }
    out.push('</svg>', '');
    return out.join('\n');
}
export function renderHilbertPng(map, options = {}) {
    return renderHilbertCanvas(map, options).toPng();
}
/** The raster behind renderHilbertPng (exposed for callers that compose images). */
export function renderHilbertCanvas(map, options = {}) {
    const L = layoutHilbert(map, options);
    const canvas = new Canvas(L.width, L.height);
    drawMarks(canvas, L.marks);
    const s = L.pixelScale;
    const data = canvas.data;
    const stride = canvas.width * 3;
    const xy = [0, 0];
    for (const c of map.cells) {
        if (!Number.isFinite(c.value))
            continue;
        hilbertIndexToXYInto(map.order, c.index, xy);
        const k = lutIndex(L.scale.toT(c.value));
        const px = L.mapX + xy[0] * s;
        const py = L.mapY + xy[1] * s;
        if (s === 1) {
            // Order 12 draws millions of single pixels: write them directly, not through fillRect.
            const at = py * stride + px * 3;
            data[at] = COLOR_LUT[k * 3];
            data[at + 1] = COLOR_LUT[k * 3 + 1];
            data[at + 2] = COLOR_LUT[k * 3 + 2];
        }
        else {
            canvas.fillRect(px, py, s, s, COLOR_RGB[k]);
        }
    }
    drawMarks(canvas, L.regionMarks);
    const ring = highlightRing(s);
    for (const h of map.highlights) {
        hilbertIndexToXYInto(map.order, h.index, xy);
        const x = L.mapX + xy[0] * s - ring.gap;
        const y = L.mapY + xy[1] * s - ring.gap;
        canvas.outlineRect(x, y, ring.box, ring.box, HIGHLIGHT, HIGHLIGHT_WIDTH);
    }
    return canvas;
}
//# sourceMappingURL=hilbert-map.js.map