/**
 * Hilbert curve index ↔ pixel, the layout of CAIDA's and ipv4-heatmap's (and xkcd #195's) maps of
 * address space: consecutive blocks stay next to each other, and every CIDR prefix with an even
 * number of bits is a square (an odd number: a 2:1 rectangle), so a /8 reads as one patch.
 *
 * Orientation (x to the right, y down, as in an image): index 0 is the top-left pixel, the curve
 * first goes down through the top-left quadrant, then the bottom-left, bottom-right and top-right
 * quadrants, and ends at the top-right pixel. For order 1: 0 → (0,0), 1 → (0,1), 2 → (1,1),
 * 3 → (1,0). On an order-8 map of IPv4 /16s the quadrants are 0–63/8 top left, 64–127/8 bottom
 * left, 128–191/8 bottom right and 192–255/8 top right; 0.0/16 is the top-left pixel, 255.255/16
 * the top-right one.
 *
 * These are the classic iterative d2xy/xy2d (Hacker's Delight; Wikipedia's "Hilbert curve"),
 * O(order) per call. Indices are plain numbers, not 32-bit integers: an order-16 map (IPv4 /32s)
 * has 2^32 indices, and orders up to 26 keep every index exact in a double.
 */
import { ErrorCode, NetscryError } from '../../shared/errors.js';
export const MAX_HILBERT_ORDER = 26;
function checkOrder(order) {
    if (!Number.isInteger(order) || order < 0 || order > MAX_HILBERT_ORDER) {
        throw new NetscryError(ErrorCode.InvalidOption, `Hilbert order must be 0–${MAX_HILBERT_ORDER}`, {
            order,
        });
    }
}
/**
 * Unchecked d2xy into `out` (x, y), for loops that validated their input once: no allocation.
 * In each step the two low bits of d pick the quadrant; the rotation/reflection undoes the
 * orientation the sub-curve has inside that quadrant.
 */
export function hilbertIndexToXYInto(order, d, out) {
    let x = 0;
    let y = 0;
    const n = 2 ** order;
    let t = d;
    for (let s = 1; s < n; s *= 2) {
        // Two bits of d per level. Integer ops while t < 2^30 (all of an order-15 map); float
        // division above that, exact to 2^53 and about 3× slower.
        const q = t < 0x40000000 ? t & 3 : t % 4;
        t = t < 0x40000000 ? t >>> 2 : Math.floor(t / 4);
        const rx = q >> 1;
        const ry = (q ^ rx) & 1;
        if (ry === 0) {
            if (rx === 1) {
                x = s - 1 - x;
                y = s - 1 - y;
            }
            const tmp = x;
            x = y;
            y = tmp;
        }
        x += s * rx;
        y += s * ry;
    }
    out[0] = x;
    out[1] = y;
}
/** Curve index → pixel [x, y] (x right, y down) on a 2^order × 2^order map. */
export function hilbertIndexToXY(order, d) {
    checkOrder(order);
    if (!Number.isInteger(d) || d < 0 || d >= 4 ** order) {
        throw new NetscryError(ErrorCode.InvalidOption, `Hilbert index ${d} is outside order ${order}`, {
            order,
            index: d,
        });
    }
    const out = [0, 0];
    hilbertIndexToXYInto(order, d, out);
    return out;
}
/** Pixel (x right, y down) → curve index; the inverse of `hilbertIndexToXY`. */
export function xyToHilbertIndex(order, x, y) {
    checkOrder(order);
    const n = 2 ** order;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n) {
        throw new NetscryError(ErrorCode.InvalidOption, `pixel (${x}, ${y}) is outside order ${order}`, {
            order,
            x,
            y,
        });
    }
    let d = 0;
    for (let s = n / 2; s >= 1; s /= 2) {
        const rx = (x & s) === 0 ? 0 : 1;
        const ry = (y & s) === 0 ? 0 : 1;
        d += s * s * ((3 * rx) ^ ry);
        if (ry === 0) {
            if (rx === 1) {
                x = n - 1 - x;
                y = n - 1 - y;
            }
            const tmp = x;
            x = y;
            y = tmp;
        }
    }
    return d;
}
/**
 * The index range [first, last] as pixel rectangles. The range is cut into maximal aligned
 * power-of-two runs, as an address range is cut into CIDR blocks; a run of 4^k indices is a
 * 2^k square and one of 2·4^k is two sibling squares, which always share an edge, so a 2:1
 * rectangle. A CIDR-aligned range is therefore one rectangle, and any range at most about
 * 4·order of them: no walk over the indices, which at order 12 could be 16 M.
 */
export function hilbertRangeRects(order, first, last) {
    checkOrder(order);
    const total = 4 ** order;
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last >= total || first > last) {
        throw new NetscryError(ErrorCode.InvalidOption, `Hilbert range ${first}–${last} is not within order ${order}`, {
            order,
            first,
            last,
        });
    }
    const rects = [];
    const a = [0, 0];
    const b = [0, 0];
    let cur = first;
    while (cur <= last) {
        let bits = 0;
        while (2 ** (bits + 1) <= total && cur % 2 ** (bits + 1) === 0 && cur + 2 ** (bits + 1) - 1 <= last)
            bits++;
        const run = 2 ** bits;
        const side = 2 ** (bits >> 1); // run = 4^k (a square) or 2·4^k (two of them), side 2^k
        hilbertIndexToXYInto(order, cur, a);
        hilbertIndexToXYInto(order, cur + run - 1, b);
        const x0 = Math.min(a[0], b[0]) - (Math.min(a[0], b[0]) % side);
        const y0 = Math.min(a[1], b[1]) - (Math.min(a[1], b[1]) % side);
        const x1 = Math.max(a[0], b[0]) - (Math.max(a[0], b[0]) % side) + side;
        const y1 = Math.max(a[1], b[1]) - (Math.max(a[1], b[1]) % side) + side;
        rects.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
        cur += run;
    }
    return rects;
}
//# sourceMappingURL=hilbert.js.map