/**
 * Row kind bits in `meta`: the side — 0 orig, `META_RESP`, or `META_LOCAL` (the connection's
 * local endpoint, when the heatmap keeps that side) —, `META_OTHER` for the family's overflow
 * row, and `META_PORTS` for a cell that only carries the sketch of responder ports of the cell
 * with the same key without it (kept when the heatmap counts distinct ports).
 */
export declare const META_RESP = 1;
export declare const META_OTHER = 2;
export declare const META_LOCAL = 4;
export declare const META_PORTS = 8;
/** The side bits of `meta`. */
export declare const META_SIDE: number;
/** Per-cell counters, in this order, `METRIC_COUNT` per cell. */
export declare const Metric: {
    readonly Connections: 0;
    readonly OrigBytes: 1;
    readonly RespBytes: 2;
    readonly Failed: 3;
};
export declare const METRIC_COUNT = 4;
/** The columnar form of a table: the heatmap partial, snapshot and merge unit. */
export interface CellColumns {
    readonly count: number;
    /** count × 4 address words of the masked block (an "other" row: the family's marker words). */
    readonly keys: Uint32Array;
    readonly meta: Uint8Array;
    /** Bucket index = floor(ts / bucketSeconds). */
    readonly buckets: Float64Array;
    /** count × METRIC_COUNT. */
    readonly metrics: Float64Array;
    /** Sketch of cell c: sketches[sketchOffsets[c] .. sketchOffsets[c + 1]), ascending. */
    readonly sketchOffsets: Uint32Array;
    readonly sketches: Uint32Array;
}
export declare class CellTable {
    readonly sketchSize: number;
    count: number;
    /** Slot → cell index + 1 (0: empty). Load factor ≤ 1/2. */
    private slots;
    private hashes;
    keys: Uint32Array;
    meta: Uint8Array;
    buckets: Float64Array;
    metrics: Float64Array;
    private sketchAt;
    private sketchLength;
    private sketchTier;
    private slab;
    private slabUsed;
    /** Segment capacities by tier: 4, 16, 64, … and finally k. */
    private readonly tierCapacity;
    private readonly freeSegments;
    constructor(sketchSize: number);
    /** The cell of the key, or -1 when absent. */
    find(meta: number, w0: number, w1: number, w2: number, w3: number, bucket: number): number;
    /** The cell of the key, created (zeroed, empty sketch) when absent. */
    upsert(meta: number, w0: number, w1: number, w2: number, w3: number, bucket: number): number;
    /** The slot holding the key, or the empty slot where it would go (linear probing). */
    private probe;
    private matches;
    /**
     * Inserts a 32-bit hash into cell c's ascending bottom-k sketch; duplicates are ignored. `hash`
     * may come as an int32 (the heatmap passes it so, to avoid boxing): it is read as uint32.
     */
    addPeer(c: number, hash: number): void;
    /** Moves cell c's n sketch values into a fresh segment of `tier`; returns its offset. */
    private moveSketch;
    private allocSegment;
    sketch(c: number): Uint32Array;
    /** Merges an ascending sketch into cell c's (bottom-k of the union). */
    mergeSketch(c: number, other: Uint32Array): void;
    /** Adds every cell of `columns` into this table (sums and sketch union). */
    addColumns(columns: CellColumns): void;
    /** A compact copy of the cells, in insertion order. */
    columns(): CellColumns;
    static from(columns: CellColumns, sketchSize: number): CellTable;
    private growCells;
    private rehash;
}
