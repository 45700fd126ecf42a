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
import { COLOR_LUT, LUT_SIZE, lutIndex, scaleTicks, toHex } from './colormap.js';
import { CAP_HEIGHT, textWidth } from './font.js';
export const PAD = 16;
export const WHITE = [255, 255, 255];
export const INK = [34, 34, 34];
export const MUTED = [102, 102, 102];
/** Cells without data: light and neutral, so that even the darkest value (0) stands out. */
export const EMPTY = [232, 232, 232];
export const AXIS = [153, 153, 153];
/** Anomaly outlines: a saturated red-magenta, a hue viridis never uses. */
export const HIGHLIGHT = [255, 0, 85];
/** Outline width of highlighted cells, drawn just outside the cell so its colour stays visible. */
export const HIGHLIGHT_WIDTH = 2;
export function text(x, y, value, anchor = 'start', role = 'ink', scale = 1) {
    return { kind: 'text', x, y, text: value, scale, anchor, role };
}
/** Left edge of a text mark once its anchor is applied. */
export function textLeft(x, value, anchor, scale = 1) {
    const w = textWidth(value, scale);
    return anchor === 'start' ? x : anchor === 'end' ? x - w : x - Math.floor(w / 2);
}
/**
 * Compact numbers for legends and tooltips: 0, 7, 0.25, 12.5, 1.23k, 45.6M, 7G. Three significant
 * digits are what a colour can convey; exact values are in the JSON/CSV export.
 */
export function formatValue(v) {
    if (!Number.isFinite(v))
        return String(v);
    const abs = Math.abs(v);
    if (abs < 1000)
        return Number.isInteger(v) ? String(v) : trimZeros(v.toPrecision(3));
    const units = ['k', 'M', 'G', 'T', 'P', 'E'];
    let u = -1;
    let scaled = abs;
    while (scaled >= 999.5 && u < units.length - 1) {
        scaled /= 1000;
        u++;
    }
    return `${v < 0 ? '-' : ''}${trimZeros(scaled.toPrecision(3))}${units[u]}`;
}
/** A value as tooltips show it: exact for integers, six significant digits otherwise. */
export function exactValue(v) {
    if (!Number.isFinite(v))
        return 'no data';
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
function trimZeros(s) {
    return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}
/** Rounds SVG coordinates to 0.1 px and drops a trailing ".0". */
export function num(v) {
    const r = Math.round(v * 10) / 10;
    return Object.is(r, -0) ? '0' : String(r);
}
export function escapeXml(s) {
    return s.replace(/[<>&"']/g, (c) => c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;');
}
// ---------------------------------------------------------------------------------------------
// Legend and title block
const RAMP_WIDTH = 256; // one pixel per colour table entry: the PNG shows every colour once
const RAMP_HEIGHT = 10;
const SWATCH = 10;
function legendSwatchLabel(n) {
    return `${n} ${n === 1 ? 'anomaly' : 'anomalies'}`;
}
export function legendWidth(spec) {
    const caption = textWidth(legendCaption(spec));
    const swatches = SWATCH + 4 + Math.max(textWidth('no data'), textWidth(legendSwatchLabel(spec.highlightCount)));
    return Math.max(caption, RAMP_WIDTH + 20 + swatches);
}
export const LEGEND_HEIGHT = 40;
function legendCaption(spec) {
    return `${spec.metric} (${spec.scale.kind} scale)`;
}
/**
 * The legend at (x, y): caption, colour ramp from 0 to the maximum with a few round ticks, and
 * swatches for "no data" and the anomaly outline. Tick labels are placed left to right and a tick
 * whose label would touch its neighbour's (or the maximum's) is dropped.
 */
export function legendMarks(spec, x, y) {
    const marks = [
        text(x, y, legendCaption(spec)),
        { kind: 'ramp', x, y: y + 14, w: RAMP_WIDTH, h: RAMP_HEIGHT },
    ];
    const tickY = y + 14 + RAMP_HEIGHT;
    const labelY = tickY + 6;
    const ticks = scaleTicks(spec.scale);
    const last = ticks[ticks.length - 1];
    const lastLabel = formatValue(last.value);
    const lastLeft = x + RAMP_WIDTH - textWidth(lastLabel);
    let rightmost = Number.NEGATIVE_INFINITY;
    ticks.forEach((tick, i) => {
        const tx = x + Math.round(tick.t * (RAMP_WIDTH - 1));
        const label = formatValue(tick.value);
        const anchor = i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle';
        const ax = anchor === 'start' ? x : anchor === 'end' ? x + RAMP_WIDTH : tx;
        const left = textLeft(ax, label, anchor);
        const right = left + textWidth(label);
        if (anchor === 'middle' && (left < rightmost + 12 || right > lastLeft - 12))
            return;
        marks.push({ kind: 'fill', x: tx, y: tickY, w: 1, h: 3, rgb: INK });
        marks.push(text(ax, labelY, label, anchor, 'muted'));
        rightmost = right;
    });
    const sx = x + RAMP_WIDTH + 20;
    marks.push({ kind: 'fill', x: sx, y: y + 14, w: SWATCH, h: SWATCH, rgb: EMPTY });
    marks.push({ kind: 'outline', x: sx, y: y + 14, w: SWATCH, h: SWATCH, rgb: AXIS, thickness: 1 });
    marks.push(text(sx + SWATCH + 4, y + 16, 'no data', 'start', 'muted'));
    marks.push({
        kind: 'outline',
        x: sx,
        y: y + 28,
        w: SWATCH,
        h: SWATCH,
        rgb: HIGHLIGHT,
        thickness: HIGHLIGHT_WIDTH,
    });
    marks.push(text(sx + SWATCH + 4, y + 30, legendSwatchLabel(spec.highlightCount), 'start', 'muted'));
    return marks;
}
/** The narrowest image that fits the title block with the legend under the subtitle. */
export function headerMinWidth(title, subtitle, legend) {
    return 2 * PAD + Math.max(textWidth(title, 2), textWidth(subtitle), legendWidth(legend));
}
/**
 * Title (double size), subtitle, and the legend: at the top right when it fits beside the titles
 * in `width`, else under the subtitle.
 */
export function headerMarks(title, subtitle, legend, width) {
    const marks = [
        text(PAD, PAD, title, 'start', 'ink', 2),
        text(PAD, PAD + 24, subtitle, 'start', 'muted'),
    ];
    const titlesRight = PAD + Math.max(textWidth(title, 2), textWidth(subtitle));
    const lw = legendWidth(legend);
    let bottom;
    if (titlesRight + 32 + lw + PAD <= width) {
        marks.push(...legendMarks(legend, width - PAD - lw, PAD));
        bottom = PAD + Math.max(24 + CAP_HEIGHT + 2, LEGEND_HEIGHT);
    }
    else {
        const ly = PAD + 24 + CAP_HEIGHT + 14;
        marks.push(...legendMarks(legend, PAD, ly));
        bottom = ly + LEGEND_HEIGHT;
    }
    return { marks, bottom: bottom + 14 };
}
// ---------------------------------------------------------------------------------------------
// Output: SVG text and canvas pixels
/** Style shared by every SVG we write; classes keep the per-element markup short. */
const SVG_STYLE = `text{font:10px ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;fill:${toHex(INK)}}` +
    `.t{font-size:20px;font-weight:bold}.m{fill:${toHex(MUTED)}}.a{fill:${toHex(HIGHLIGHT)}}` +
    '.e{text-anchor:end}.c{text-anchor:middle}' +
    '.o{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}' +
    `.h{fill:none;stroke:${toHex(HIGHLIGHT)};stroke-width:${HIGHLIGHT_WIDTH}px}`;
/**
 * The ramp as an SVG gradient. SVG interpolates gradients in sRGB, so it gets a stop every 1/16
 * of the table: between such close OKLab samples sRGB blending is within a unit or two per channel.
 */
function rampGradient() {
    const stops = [];
    for (let k = 0; k <= 16; k++) {
        const i = Math.round((k / 16) * (LUT_SIZE - 1)) * 3;
        stops.push(`<stop offset="${k / 16}" stop-color="${toHex([COLOR_LUT[i], COLOR_LUT[i + 1], COLOR_LUT[i + 2]])}"/>`);
    }
    return `<linearGradient id="ramp">${stops.join('')}</linearGradient>`;
}
export function svgOpen(width, height, title) {
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
        `<title>${escapeXml(title)}</title>`,
        `<style>${SVG_STYLE}</style>`,
        `<defs>${rampGradient()}</defs>`,
        `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ];
}
export function svgRect(x, y, w, h, rgb) {
    return `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${toHex(rgb)}"/>`;
}
export function marksToSvg(marks, out) {
    for (const m of marks) {
        switch (m.kind) {
            case 'fill':
                out.push(svgRect(m.x, m.y, m.w, m.h, m.rgb));
                break;
            case 'outline': {
                const t = m.thickness;
                out.push(`<rect x="${num(m.x + t / 2)}" y="${num(m.y + t / 2)}" width="${num(m.w - t)}" height="${num(m.h - t)}" fill="none" stroke="${toHex(m.rgb)}"${t === 1 ? '' : ` stroke-width="${t}"`}/>`);
                break;
            }
            case 'ramp':
                out.push(`<rect x="${num(m.x)}" y="${num(m.y)}" width="${num(m.w)}" height="${num(m.h)}" fill="url(#ramp)"/>`);
                break;
            case 'text': {
                if (m.text.length === 0)
                    break;
                const classes = [
                    m.scale === 2 ? 't' : '',
                    m.role === 'muted' ? 'm' : m.role === 'alert' ? 'a' : '',
                    m.anchor === 'end' ? 'e' : m.anchor === 'middle' ? 'c' : '',
                    m.halo ? 'o' : '',
                ].filter((c) => c !== '');
                const cls = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
                out.push(`<text x="${num(m.x)}" y="${num(m.y + CAP_HEIGHT * m.scale)}"${cls}>${escapeXml(m.text)}</text>`);
                break;
            }
        }
    }
}
const ROLE_RGB = { ink: INK, muted: MUTED, alert: HIGHLIGHT };
export function drawMarks(canvas, marks) {
    for (const m of marks) {
        switch (m.kind) {
            case 'fill':
                canvas.fillRect(m.x, m.y, m.w, m.h, m.rgb);
                break;
            case 'outline':
                canvas.outlineRect(m.x, m.y, m.w, m.h, m.rgb, m.thickness);
                break;
            case 'ramp':
                for (let i = 0; i < m.w; i++) {
                    const c = lutIndex(m.w === 1 ? 0 : i / (m.w - 1)) * 3;
                    canvas.fillRect(m.x + i, m.y, 1, m.h, [COLOR_LUT[c], COLOR_LUT[c + 1], COLOR_LUT[c + 2]]);
                }
                break;
            case 'text': {
                const left = textLeft(m.x, m.text, m.anchor, m.scale);
                if (m.halo) {
                    for (const [dx, dy] of HALO_OFFSETS)
                        canvas.text(left + dx, m.y + dy, m.text, WHITE, m.scale);
                }
                canvas.text(left, m.y, m.text, ROLE_RGB[m.role], m.scale);
                break;
            }
        }
    }
}
const HALO_OFFSETS = [
    [-1, -1],
    [0, -1],
    [1, -1],
    [-1, 0],
    [1, 0],
    [-1, 1],
    [0, 1],
    [1, 1],
];
//# sourceMappingURL=frame.js.map