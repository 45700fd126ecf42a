import type { HilbertMap } from '../render/grid.js';
import type { HeatmapView } from './view.js';
export interface HilbertOptions {
    readonly family: 'ipv4' | 'ipv6';
    /** Pixel prefix (the view's prefix for the family); even for IPv4 (/8 … /24). */
    readonly pixelPrefix: number;
    /** IPv6: curve order (the map is 2^order pixels wide); default 8. */
    readonly order?: number;
    /** IPv6: the block mapped, as a CIDR of length pixelPrefix − 2·order; default the busiest. */
    readonly space?: string;
    /** Networks to outline and label when they fall in the space (e.g. the local networks). */
    readonly regions?: readonly string[];
}
/** Names the block at a curve index of the map `buildHilbertMap(view, o)` draws (for tooltips). */
export declare function hilbertBlockNamer(view: HeatmapView, o: HilbertOptions): (index: number) => string;
/**
 * The map of `view` (built at the fixed pixel prefix). `column` picks one bucket (a frame);
 * without it each pixel shows its total over the run.
 */
export declare function buildHilbertMap(view: HeatmapView, o: HilbertOptions, column?: number): HilbertMap;
