/**
 * The address-space map: blocks laid out on a Hilbert curve, as CAIDA's and ipv4-heatmap's
 * IPv4 maps do — a block's position along the curve is its address, so neighbouring blocks are
 * neighbouring pixels and every CIDR block is a square or a 2:1 rectangle. IPv4 covers the
 * whole space (/16 pixels: 256 × 256, /24 pixels: 4096 × 4096); IPv6 covers one block of the
 * chosen size (by default the busiest one), 2^order × 2^order pixels of the pixel prefix.
 *
 * Built from a fixed-prefix view at the pixel prefix (view.ts), so values, time buckets and
 * anomaly scores are the matrix's: a pixel is highlighted when one of its buckets is, and a
 * frame per bucket shows that bucket's values and highlights.
 */
import { formatAddress, parseCidr } from '../../shared/addr.js';
import { ErrorCode, NetscryError } from '../../shared/errors.js';
/** The bits [from, to) of an address (≤ 32 bits) as a number. */
function bitsOf(words, from, to) {
    let v = 0;
    for (let b = from; b < to; b++) {
        const bit = (words[b >> 5] >>> (31 - (b & 31))) & 1;
        v = v * 2 + bit;
    }
    return v;
}
function orderAndSpace(view, o) {
    if (o.family === 'ipv4') {
        if (o.pixelPrefix % 2 !== 0 || o.pixelPrefix < 8 || o.pixelPrefix > 24) {
            throw new NetscryError(ErrorCode.InvalidOption, 'the IPv4 map needs an even pixel prefix from /8 to /24', {
                option: 'prefix',
            });
        }
        const space = parseCidr('0.0.0.0/0');
        return { order: o.pixelPrefix / 2, space: space.words, spaceLen: 96, label: '0.0.0.0/0' };
    }
    const order = o.order ?? 8;
    const spaceLen = o.pixelPrefix - 2 * order;
    if (!Number.isInteger(order) || order < 1 || order > 12 || spaceLen < 0) {
        throw new NetscryError(ErrorCode.InvalidOption, `an IPv6 map of /${o.pixelPrefix} pixels needs order 1 … ${Math.min(12, o.pixelPrefix >> 1)}`, {
            option: 'order',
        });
    }
    if (o.space !== undefined) {
        const net = parseCidr(o.space);
        if (!net || net.bits !== spaceLen || net.text.includes('.')) {
            throw new NetscryError(ErrorCode.InvalidOption, `--space must be an IPv6 /${spaceLen} (pixel /${o.pixelPrefix}, order ${order})`, {
                option: 'space',
            });
        }
        return { order, space: net.words, spaceLen, label: o.space };
    }
    // The busiest block of the space's size.
    const totals = new Map();
    for (let r = 0; r < view.grid.rows.length; r++) {
        const row = view.rows[r];
        if (row.family !== 'ipv6' || row.block.startsWith('other'))
            continue;
        const net = parseCidr(row.block);
        const words = new Uint32Array(net.words);
        for (let b = spaceLen; b < 128; b++)
            words[b >> 5] = (words[b >> 5] & ~(1 << (31 - (b & 31)))) >>> 0;
        const key = words.join('.');
        const t = totals.get(key) ?? { words, total: 0 };
        t.total += row.total;
        totals.set(key, t);
    }
    let best;
    for (const t of totals.values()) {
        if (!best || t.total > best.total || (t.total === best.total && t.words.join('.') < best.words.join('.')))
            best = t;
    }
    const words = best?.words ?? new Uint32Array(4);
    const label = `${formatAddress(words)}/${spaceLen}`;
    return { order, space: words, spaceLen, label };
}
function inSpace(words, space, bits) {
    for (let b = 0; b < bits; b += 32) {
        const keep = Math.min(32, bits - b);
        const mask = keep === 32 ? 0xffffffff : (~0 << (32 - keep)) >>> 0;
        if (((words[b >> 5] ^ space[b >> 5]) & mask) !== 0)
            return false;
    }
    return true;
}
/** Names the block at a curve index of the map `buildHilbertMap(view, o)` draws (for tooltips). */
export function hilbertBlockNamer(view, o) {
    const { space, spaceLen } = orderAndSpace(view, o);
    const pixelBits = o.family === 'ipv4' ? 96 + o.pixelPrefix : o.pixelPrefix;
    return (index) => {
        const words = new Uint32Array(space);
        let v = index;
        for (let b = pixelBits - 1; b >= spaceLen; b--) {
            if (v % 2 === 1)
                words[b >> 5] = (words[b >> 5] | (1 << (31 - (b & 31)))) >>> 0;
            v = Math.floor(v / 2);
        }
        return `${formatAddress(words)}/${o.pixelPrefix}`;
    };
}
/**
 * The map of `view` (built at the fixed pixel prefix). `column` picks one bucket (a frame);
 * without it each pixel shows its total over the run.
 */
export function buildHilbertMap(view, o, column) {
    const { order, space, spaceLen, label } = orderAndSpace(view, o);
    const pixelBits = o.family === 'ipv4' ? 96 + o.pixelPrefix : o.pixelPrefix;
    const pixels = [];
    const g = view.grid;
    for (let r = 0; r < g.rows.length; r++) {
        const row = view.rows[r];
        if (row.family !== o.family || row.block.startsWith('other'))
            continue;
        const net = parseCidr(row.block);
        if (!inSpace(net.words, space, spaceLen))
            continue;
        pixels.push({ row: r, index: bitsOf(net.words, spaceLen, pixelBits) });
    }
    const cells = [];
    for (const p of pixels) {
        let value;
        if (column === undefined)
            value = view.rows[p.row].total;
        else {
            const x = g.rows[p.row].values[column];
            if (Number.isNaN(x))
                continue;
            value = x;
        }
        if (value > 0)
            cells.push({ index: p.index, value });
    }
    cells.sort((a, b) => a.index - b.index);
    const indexOfRow = new Map(pixels.map((p) => [p.row, p.index]));
    const best = new Map();
    for (const a of view.anomalies) {
        if (column !== undefined && a.column !== column)
            continue;
        const index = indexOfRow.get(a.row);
        if (index !== undefined && (best.get(index) ?? Number.NEGATIVE_INFINITY) < a.score)
            best.set(index, a.score);
    }
    const highlights = [...best].map(([index, score]) => ({ index, score })).sort((a, b) => a.index - b.index);
    const regions = [];
    for (const text of o.regions ?? []) {
        const net = parseCidr(text);
        if (!net)
            continue;
        if (net.text.includes('.') !== (o.family === 'ipv4'))
            continue;
        const netBits = net.bits;
        if (netBits < spaceLen || netBits > pixelBits || !inSpace(net.words, space, spaceLen))
            continue;
        const first = bitsOf(net.words, spaceLen, pixelBits);
        regions.push({ label: text, first, last: first + 2 ** (pixelBits - netBits) - 1 });
    }
    const bucket = column === undefined
        ? ''
        : `, bucket ${new Date((g.bucketStarts[column] + g.utcOffsetMinutes * 60) * 1000).toISOString().slice(0, 16).replace('T', ' ')}`;
    return {
        title: `${g.metric} by ${o.family === 'ipv4' ? 'IPv4' : 'IPv6'} block — Hilbert map${bucket}`,
        subtitle: g.subtitle,
        metric: g.metric,
        order,
        space: label,
        pixel: `/${o.pixelPrefix}`,
        cells,
        highlights,
        scale: g.scale,
        ...(regions.length > 0 ? { regions } : {}),
    };
}
//# sourceMappingURL=hilbert-view.js.map