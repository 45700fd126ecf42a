/**
 * The matrix view: one row per address block, one column per time bucket, each cell coloured by
 * its value (colormap.ts), anomalous cells outlined. `layoutMatrix` places everything in pixels
 * once; `renderMatrixSvg` and `renderMatrixPng` draw that same layout.
 *
 * Cost: layout is O(rows + columns); drawing visits every cell once. The SVG has one <rect> per
 * non-empty cell (about 55 bytes each: 1000 × 288 busy cells make ~16 MB of SVG, which is why the
 * PNG exists); the PNG paints one scanline per row, copies it down, and compresses with zlib.
 * Both take about 100 ms for 1000 × 288 (bench/report/render.bench.ts).
 */
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { Canvas } from './canvas.js';
import { COLOR_HEX, COLOR_LUT, finiteMax, lutIndex, valueScale } from './colormap.js';
import { CAP_HEIGHT, textWidth } from './font.js';
import { AXIS, drawMarks, EMPTY, escapeXml, exactValue, HIGHLIGHT, HIGHLIGHT_WIDTH, headerMarks, headerMinWidth, INK, marksToSvg, num, PAD, svgOpen, text, textLeft, } from './frame.js';
import { AsciiWriter, token } from './svg-writer.js';
const HEX_TOKENS = COLOR_HEX.map(token);
const TARGET_PLOT_WIDTH = 1400;
const TARGET_PLOT_HEIGHT = 840;
/** Minimum distance between the tops of two row labels (7 px capitals + 3 px air). */
const LABEL_PITCH = 10;
/** Air required between neighbouring axis labels. */
const LABEL_GAP = 12;
const DAY = 86_400;
const SUB_DAY_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200];
const DAY_STEPS = [1, 2, 7, 14, 28, 56, 112, 224, 448];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function internal(message, detail) {
    return new NetscryError(ErrorCode.Internal, `heatmap grid: ${message}`, detail);
}
function checkGrid(grid) {
    const n = grid.bucketStarts.length;
    if (!(grid.bucketSeconds > 0) || !Number.isFinite(grid.bucketSeconds)) {
        throw internal(`bucketSeconds ${grid.bucketSeconds} is not positive`);
    }
    for (let i = 1; i < n; i++) {
        if (grid.bucketStarts[i] - grid.bucketStarts[i - 1] !== grid.bucketSeconds) {
            throw internal(`bucket ${i} does not follow bucket ${i - 1} by ${grid.bucketSeconds} s`, { column: i });
        }
    }
    if (!Number.isFinite(grid.utcOffsetMinutes))
        throw internal('utcOffsetMinutes is not finite');
    grid.rows.forEach((row, r) => {
        if (row.values.length !== n)
            throw internal(`row ${r} has ${row.values.length} values for ${n} buckets`, { row: r });
    });
    for (const h of grid.highlights) {
        if (!Number.isInteger(h.row) || !Number.isInteger(h.column) || h.row < 0 || h.column < 0) {
            throw internal(`highlight (${h.row}, ${h.column}) is not a cell`);
        }
        if (h.row >= grid.rows.length || h.column >= n) {
            throw internal(`highlight (${h.row}, ${h.column}) is outside ${grid.rows.length} × ${n}`);
        }
    }
}
function sizeOption(value, name, fallback) {
    if (value === undefined)
        return fallback;
    if (!Number.isInteger(value) || value < 1 || value > 1000) {
        throw new NetscryError(ErrorCode.InvalidOption, `${name} must be a whole number of pixels from 1 to 1000`, {
            [name]: value,
        });
    }
    return value;
}
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const pad2 = (v) => String(v).padStart(2, '0');
/** Wall-clock fields of unix time t at a fixed offset. */
function local(t, offsetMinutes) {
    return new Date((t + offsetMinutes * 60) * 1000);
}
function clockLabel(t, offsetMinutes) {
    const d = local(t, offsetMinutes);
    return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
function dateLabel(t, offsetMinutes) {
    const d = local(t, offsetMinutes);
    return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}
function zoneLabel(offsetMinutes) {
    if (offsetMinutes === 0)
        return 'UTC';
    const a = Math.abs(offsetMinutes);
    return `UTC${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}
/**
 * Time axis. The tick step is the shortest clock-friendly interval (1 min … 12 h, then 1 day …)
 * that is at least one bucket and leaves room for its label, so labels never overlap whatever the
 * bucket size or zoom. Ticks sit on round wall-clock times in the grid's offset. Sub-day steps are
 * labelled HH:MM with a second line naming the date at each midnight (and at the start); day steps
 * are labelled with dates, weeks starting on Mondays.
 */
function timeAxis(grid, plotX, plotBottom, cellWidth, imageWidth) {
    const ticks = [];
    const labels = [];
    const n = grid.bucketStarts.length;
    if (n === 0)
        return { ticks, marks: [], labels };
    const off = grid.utcOffsetMinutes * 60;
    const t0 = grid.bucketStarts[0];
    const tEnd = t0 + n * grid.bucketSeconds;
    const pps = cellWidth / grid.bucketSeconds;
    const xOf = (t) => plotX + Math.round((t - t0) * pps);
    const timeW = textWidth('00:00');
    const dateW = textWidth('Mon 2024-03-04');
    const line1 = plotBottom + 8;
    const line2 = line1 + 13;
    const maxRight = imageWidth - 4;
    const push = (x, y, label, anchor) => {
        const left = textLeft(x, label, anchor);
        if (left + textWidth(label) > maxRight || left < 0)
            return;
        labels.push(text(x, y, label, anchor, 'muted'));
    };
    // Local midnights every `days` days in [from, to], Monday-aligned for weeks (epoch day 0 was a Thursday).
    const midnights = (days, from, to) => {
        const out = [];
        let day = Math.ceil((from + off) / DAY);
        const phase = days >= 7 ? 3 : 0; // (day + 3) % 7 === 0 on Mondays
        const rem = (((day + phase) % days) + days) % days;
        if (rem !== 0)
            day += days - rem;
        for (; day * DAY - off <= to; day += days)
            out.push(day * DAY - off);
        return out;
    };
    const step = SUB_DAY_STEPS.find((s) => s >= grid.bucketSeconds && s * pps >= timeW + LABEL_GAP);
    if (step !== undefined) {
        for (let t = Math.ceil((t0 + off) / step) * step - off; t <= tEnd; t += step) {
            const major = (t + off) % DAY === 0;
            ticks.push({ x: xOf(t), t, major });
            push(xOf(t), line1, clockLabel(t, grid.utcOffsetMinutes), 'middle');
        }
        const every = DAY_STEPS.find((k) => k * DAY * pps >= dateW + LABEL_GAP) ?? DAY_STEPS[DAY_STEPS.length - 1];
        const days = midnights(every, t0, tEnd - 1);
        const first = days[0];
        if (first === undefined || xOf(first) - plotX >= dateW + LABEL_GAP)
            push(plotX, line2, dateLabel(t0, grid.utcOffsetMinutes), 'start');
        for (const t of days)
            push(xOf(t), line2, dateLabel(t, grid.utcOffsetMinutes), 'start');
    }
    else {
        const every = DAY_STEPS.find((k) => k * DAY * pps >= dateW + LABEL_GAP) ?? DAY_STEPS[DAY_STEPS.length - 1];
        for (const t of midnights(every, t0, tEnd)) {
            ticks.push({ x: xOf(t), t, major: true });
            if (t < tEnd)
                push(xOf(t), line1, dateLabel(t, grid.utcOffsetMinutes), 'start');
        }
    }
    // Midnight ticks are darker and a little longer, but stop short of the labels (line1 − 1).
    const marks = ticks.map((tk) => ({
        kind: 'fill',
        x: tk.x,
        y: plotBottom + 1,
        w: 1,
        h: tk.major ? 6 : 4,
        rgb: tk.major ? INK : AXIS,
    }));
    marks.push(...labels);
    return { ticks, marks, labels };
}
/**
 * Which rows get a label. Rows at least LABEL_PITCH tall all do. Shorter rows are labelled every
 * k-th, but rows holding an anomaly are placed first, so the block behind an outlined cell can be
 * read off the PNG too; a label is skipped when it would come within LABEL_PITCH of another.
 */
function chooseLabelledRows(grid, rowHeight) {
    const rows = grid.rows.length;
    if (rowHeight >= LABEL_PITCH)
        return Array.from({ length: rows }, (_, r) => r);
    const centres = [];
    const chosen = new Set();
    const fits = (r) => {
        const c = r * rowHeight;
        // `centres` is sorted: a binary search finds the neighbours.
        let lo = 0;
        let hi = centres.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (centres[mid] < c)
                lo = mid + 1;
            else
                hi = mid;
        }
        const ok = (lo === 0 || c - centres[lo - 1] >= LABEL_PITCH) &&
            (lo === centres.length || centres[lo] - c >= LABEL_PITCH);
        if (ok) {
            centres.splice(lo, 0, c);
            chosen.add(r);
        }
        return ok;
    };
    const hot = [...new Set(grid.highlights.map((h) => h.row))].sort((a, b) => a - b);
    for (const r of hot)
        fits(r);
    const k = Math.ceil(LABEL_PITCH / rowHeight);
    for (let r = 0; r < rows; r += k)
        if (!chosen.has(r))
            fits(r);
    return [...chosen].sort((a, b) => a - b);
}
/** Places title, legend, row labels, plot and time axis; shared by the SVG and PNG renderers. */
export function layoutMatrix(grid, options = {}) {
    checkGrid(grid);
    const columns = grid.bucketStarts.length;
    const rows = grid.rows.length;
    const cellWidth = sizeOption(options.cellWidth, 'cellWidth', clamp(Math.round(TARGET_PLOT_WIDTH / Math.max(1, columns)), 1, 48));
    const rowHeight = sizeOption(options.rowHeight, 'rowHeight', clamp(Math.floor(TARGET_PLOT_HEIGHT / Math.max(1, rows)), 4, 14));
    const scale = valueScale(grid.scale, finiteMax(grid.rows.map((r) => r.values)));
    const legend = { metric: grid.metric, scale, highlightCount: grid.highlights.length };
    const labelW = grid.rows.reduce((w, r) => Math.max(w, textWidth(r.label)), 0);
    const plotX = PAD + labelW + 8;
    const plotW = columns * cellWidth;
    const plotH = Math.max(rows * rowHeight, rows === 0 || columns === 0 ? 24 : 0);
    const width = Math.max(plotX + plotW + PAD + 16, headerMinWidth(grid.title, grid.subtitle, legend));
    const header = headerMarks(grid.title, grid.subtitle, legend, width);
    const plotY = header.bottom;
    const plotBottom = plotY + plotH;
    const axis = timeAxis(grid, plotX, plotBottom, cellWidth, width);
    const height = plotBottom + 8 + 13 + CAP_HEIGHT + 2 + PAD;
    const marks = [...header.marks];
    marks.push({
        kind: 'outline',
        x: plotX - 1,
        y: plotY - 1,
        w: plotW + 2,
        h: plotH + 2,
        rgb: AXIS,
        thickness: 1,
    });
    marks.push({ kind: 'fill', x: plotX, y: plotY, w: plotW, h: plotH, rgb: EMPTY });
    if (rows === 0 || columns === 0)
        marks.push(text(plotX + 4, plotY + 8, 'no data', 'start', 'muted'));
    const hotRows = new Set(grid.highlights.map((h) => h.row));
    const labelledRows = chooseLabelledRows(grid, rowHeight);
    const sparse = labelledRows.length < rows;
    for (const r of labelledRows) {
        const top = plotY + r * rowHeight + Math.floor((rowHeight - CAP_HEIGHT) / 2);
        marks.push(text(plotX - 7, top, grid.rows[r].label, 'end', hotRows.has(r) ? 'alert' : 'ink'));
        if (sparse) {
            marks.push({
                kind: 'fill',
                x: plotX - 5,
                y: plotY + r * rowHeight + (rowHeight >> 1),
                w: 3,
                h: 1,
                rgb: AXIS,
            });
        }
    }
    marks.push(...axis.marks);
    return {
        width,
        height,
        plotX,
        plotY,
        cellWidth,
        rowHeight,
        scale,
        ticks: axis.ticks,
        axisLabels: axis.labels,
        labelledRows,
        marks,
    };
}
function tooltip(grid, h) {
    const row = grid.rows[h.row];
    const t = grid.bucketStarts[h.column];
    const d = local(t, grid.utcOffsetMinutes);
    const when = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${clockLabel(t, grid.utcOffsetMinutes)}`;
    const end = clockLabel(t + grid.bucketSeconds, grid.utcOffsetMinutes);
    const v = row.values[h.column];
    const value = Number.isFinite(v) ? `${grid.metric} ${exactValue(v)}` : 'no data';
    return `${row.label} · ${when}–${end} ${zoneLabel(grid.utcOffsetMinutes)} · ${value} · score ${h.score.toFixed(1)}`;
}
/** The matrix as SVG text: deterministic, one <rect> per non-empty cell, integer coordinates. */
export function renderMatrixSvg(grid, options = {}) {
    const L = layoutMatrix(grid, options);
    const out = svgOpen(L.width, L.height, grid.title);
    marksToSvg(L.marks, out);
    const cw = L.cellWidth;
    const rh = L.rowHeight;
    const cells = new AsciiWriter(grid.rows.length * grid.bucketStarts.length * 64);
    const open = token('<rect x="');
    const yAttr = token('" y="');
    const rest = token(`" width="${cw}" height="${rh}" fill="`);
    const close = token('"/>\n');
    grid.rows.forEach((row, r) => {
        const y = L.plotY + r * rh;
        const values = row.values;
        for (let c = 0; c < values.length; c++) {
            const v = values[c];
            if (!Number.isFinite(v))
                continue;
            cells.bytes(open);
            cells.int(L.plotX + c * cw);
            cells.bytes(yAttr);
            cells.int(y);
            cells.bytes(rest);
            cells.bytes(HEX_TOKENS[lutIndex(L.scale.toT(v))]);
            cells.bytes(close);
        }
    });
    if (cells.length > 0)
        out.push(cells.toString().slice(0, -1)); // `out` is joined with '\n'
    const o = HIGHLIGHT_WIDTH / 2;
    for (const h of grid.highlights) {
        const x = L.plotX + h.column * cw;
        const y = L.plotY + h.row * rh;
        out.push(`<rect class="h" x="${num(x - o)}" y="${num(y - o)}" width="${num(cw + 2 * o)}" height="${num(rh + 2 * o)}"><title>${escapeXml(tooltip(grid, h))}</title></rect>`);
    }
    out.push('</svg>', '');
    return out.join('\n');
}
/** The same picture as renderMatrixSvg, rasterised with the bitmap font, as PNG bytes. */
export function renderMatrixPng(grid, options = {}) {
    return renderMatrixCanvas(grid, options).toPng();
}
/** The raster behind renderMatrixPng (exposed for callers that compose images). */
export function renderMatrixCanvas(grid, options = {}) {
    const L = layoutMatrix(grid, options);
    const canvas = new Canvas(L.width, L.height);
    drawMarks(canvas, L.marks);
    // Each grid row is painted as one scanline and copied down rowHeight − 1 times (a memmove per
    // image row instead of a fill per cell and row); empty cells keep the plot's EMPTY background.
    const cw = L.cellWidth;
    const rh = L.rowHeight;
    const data = canvas.data;
    const stride = canvas.width * 3;
    const plotBytes = grid.bucketStarts.length * cw * 3;
    grid.rows.forEach((row, r) => {
        const start = (L.plotY + r * rh) * stride + L.plotX * 3;
        const values = row.values;
        let at = start;
        for (let c = 0; c < values.length; c++) {
            const v = values[c];
            if (!Number.isFinite(v)) {
                at += cw * 3;
                continue;
            }
            const k = lutIndex(L.scale.toT(v)) * 3;
            const red = COLOR_LUT[k];
            const green = COLOR_LUT[k + 1];
            const blue = COLOR_LUT[k + 2];
            for (let p = 0; p < cw; p++, at += 3) {
                data[at] = red;
                data[at + 1] = green;
                data[at + 2] = blue;
            }
        }
        for (let j = 1; j < rh; j++)
            data.copyWithin(start + j * stride, start, start + plotBytes);
    });
    const w = HIGHLIGHT_WIDTH;
    for (const h of grid.highlights) {
        canvas.outlineRect(L.plotX + h.column * cw - w, L.plotY + h.row * rh - w, cw + 2 * w, rh + 2 * w, HIGHLIGHT, w);
    }
    return canvas;
}
//# sourceMappingURL=matrix.js.map