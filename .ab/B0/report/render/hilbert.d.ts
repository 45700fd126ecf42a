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
export declare const MAX_HILBERT_ORDER = 26;
/**
 * Unchecked d2xy into `out` (x, y), for loops that validated their input once: no allocation.
 * In each step the two low bits of d pick the quadrant; the rotation/reflection undoes the
 * orientation the sub-curve has inside that quadrant.
 */
export declare function hilbertIndexToXYInto(order: number, d: number, out: Int32Array | number[]): void;
/** Curve index → pixel [x, y] (x right, y down) on a 2^order × 2^order map. */
export declare function hilbertIndexToXY(order: number, d: number): [number, number];
/** Pixel (x right, y down) → curve index; the inverse of `hilbertIndexToXY`. */
export declare function xyToHilbertIndex(order: number, x: number, y: number): number;
export interface PixelRect {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}
/**
 * The index range [first, last] as pixel rectangles. The range is cut into maximal aligned
 * power-of-two runs, as an address range is cut into CIDR blocks; a run of 4^k indices is a
 * 2^k square and one of 2·4^k is two sibling squares, which always share an edge, so a 2:1
 * rectangle. A CIDR-aligned range is therefore one rectangle, and any range at most about
 * 4·order of them: no walk over the indices, which at order 12 could be 16 M.
 */
export declare function hilbertRangeRects(order: number, first: number, last: number): PixelRect[];
