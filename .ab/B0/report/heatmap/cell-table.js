/**
 * The heatmap's cell store: an open-addressing hash table over typed arrays, keyed by
 * (side, row kind, masked address words, bucket index), with a bottom-k peer sketch per cell.
 *
 * Why not a Map of objects: a cell object with its own sketch array costs ~700 bytes and a
 * string or nested-Map lookup per record side; here a cell is ~70 bytes of columns plus its
 * sketch segment, a lookup is one hash and a few typed-array reads, and nothing is allocated
 * per record. The same columns are the partial that crosses threads (msgpackr keeps typed
 * arrays), the checkpoint, and the input of the merge.
 *
 * Sketches live in one Uint32Array slab in segments whose capacity grows 4 → 16 → 64 … up to
 * k, so the many quiet cells with a handful of peers do not reserve k slots each. Freed
 * segments go to a free list per capacity tier and are reused.
 */
import { fmix32 } from '../../shared/addr.js';
/**
 * Row kind bits in `meta`: the side — 0 orig, `META_RESP`, or `META_LOCAL` (the connection's
 * local endpoint, when the heatmap keeps that side) —, `META_OTHER` for the family's overflow
 * row, and `META_PORTS` for a cell that only carries the sketch of responder ports of the cell
 * with the same key without it (kept when the heatmap counts distinct ports).
 */
export const META_RESP = 1;
export const META_OTHER = 2;
export const META_LOCAL = 4;
export const META_PORTS = 8;
/** The side bits of `meta`. */
export const META_SIDE = META_RESP | META_LOCAL;
/** Per-cell counters, in this order, `METRIC_COUNT` per cell. */
export const Metric = { Connections: 0, OrigBytes: 1, RespBytes: 2, Failed: 3 };
export const METRIC_COUNT = 4;
const EMPTY_SLOT = 0;
const MIN_SLOTS = 64;
const MIN_CELLS = 32;
/** The table hash of a key; buckets beyond 2^32 fold in their high part. */
function keyHash(meta, w0, w1, w2, w3, bucket) {
    let h = Math.imul(w3 ^ meta, 0x9e3779b1);
    h = Math.imul(h ^ w2, 0x85ebca6b);
    h = Math.imul(h ^ w1, 0xc2b2ae35);
    h = Math.imul(h ^ w0, 0x27d4eb2f);
    h ^= bucket | 0;
    if (bucket > 0x7fffffff || bucket < 0)
        h ^= Math.floor(bucket / 4294967296) | 0;
    return fmix32(h);
}
export class CellTable {
    sketchSize;
    count = 0;
    /** Slot → cell index + 1 (0: empty). Load factor ≤ 1/2. */
    slots;
    hashes;
    keys;
    meta;
    buckets;
    metrics;
    sketchAt;
    sketchLength;
    sketchTier;
    slab;
    slabUsed = 0;
    /** Segment capacities by tier: 4, 16, 64, … and finally k. */
    tierCapacity;
    freeSegments;
    constructor(sketchSize) {
        this.sketchSize = sketchSize;
        this.tierCapacity = [];
        for (let c = 4; c < sketchSize; c *= 4)
            this.tierCapacity.push(c);
        this.tierCapacity.push(sketchSize);
        this.freeSegments = this.tierCapacity.map(() => []);
        this.slots = new Int32Array(MIN_SLOTS);
        this.hashes = new Uint32Array(MIN_CELLS);
        this.keys = new Uint32Array(MIN_CELLS * 4);
        this.meta = new Uint8Array(MIN_CELLS);
        this.buckets = new Float64Array(MIN_CELLS);
        this.metrics = new Float64Array(MIN_CELLS * METRIC_COUNT);
        this.sketchAt = new Int32Array(MIN_CELLS);
        this.sketchLength = new Uint16Array(MIN_CELLS);
        this.sketchTier = new Uint8Array(MIN_CELLS);
        this.slab = new Uint32Array(MIN_CELLS * 4);
    }
    /** The cell of the key, or -1 when absent. */
    find(meta, w0, w1, w2, w3, bucket) {
        const h = keyHash(meta, w0, w1, w2, w3, bucket);
        return this.slots[this.probe(h, meta, w0, w1, w2, w3, bucket)] - 1;
    }
    /** The cell of the key, created (zeroed, empty sketch) when absent. */
    upsert(meta, w0, w1, w2, w3, bucket) {
        const h = keyHash(meta, w0, w1, w2, w3, bucket);
        const s = this.probe(h, meta, w0, w1, w2, w3, bucket);
        const entry = this.slots[s];
        if (entry !== EMPTY_SLOT)
            return entry - 1;
        const c = this.count;
        if (c === this.meta.length)
            this.growCells();
        this.count = c + 1;
        this.hashes[c] = h;
        const k = c * 4;
        this.keys[k] = w0;
        this.keys[k + 1] = w1;
        this.keys[k + 2] = w2;
        this.keys[k + 3] = w3;
        this.meta[c] = meta;
        this.buckets[c] = bucket;
        this.sketchAt[c] = -1;
        this.sketchLength[c] = 0;
        if (2 * this.count > this.slots.length)
            this.rehash(this.slots.length * 2);
        else
            this.slots[s] = c + 1;
        return c;
    }
    /** The slot holding the key, or the empty slot where it would go (linear probing). */
    probe(h, meta, w0, w1, w2, w3, bucket) {
        const mask = this.slots.length - 1;
        for (let s = h & mask;; s = (s + 1) & mask) {
            const entry = this.slots[s];
            if (entry === EMPTY_SLOT)
                return s;
            const c = entry - 1;
            if (this.hashes[c] === h && this.matches(c, meta, w0, w1, w2, w3, bucket))
                return s;
        }
    }
    matches(c, meta, w0, w1, w2, w3, bucket) {
        const k = c * 4;
        const keys = this.keys;
        return (keys[k + 3] === w3 &&
            this.buckets[c] === bucket &&
            this.meta[c] === meta &&
            keys[k + 2] === w2 &&
            keys[k + 1] === w1 &&
            keys[k] === w0);
    }
    /**
     * Inserts a 32-bit hash into cell c's ascending bottom-k sketch; duplicates are ignored. `hash`
     * may come as an int32 (the heatmap passes it so, to avoid boxing): it is read as uint32.
     */
    addPeer(c, hash) {
        const h = hash >>> 0;
        const k = this.sketchSize;
        let n = this.sketchLength[c];
        let at = this.sketchAt[c];
        if (n === k && h >= this.slab[at + n - 1])
            return;
        let lo = 0;
        let hi = n;
        const slab0 = this.slab;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (slab0[at + mid] < h)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && slab0[at + lo] === h)
            return;
        if (at < 0 || (n < k && n === this.tierCapacity[this.sketchTier[c]])) {
            at = this.moveSketch(c, at < 0 ? 0 : this.sketchTier[c] + 1, n);
        }
        const slab = this.slab;
        let j = n < k ? n : k - 1;
        for (; j > lo; j--)
            slab[at + j] = slab[at + j - 1];
        slab[at + lo] = h;
        if (n < k)
            this.sketchLength[c] = ++n;
    }
    /** Moves cell c's n sketch values into a fresh segment of `tier`; returns its offset. */
    moveSketch(c, tier, n) {
        const at = this.allocSegment(tier);
        const old = this.sketchAt[c];
        if (old >= 0) {
            this.slab.copyWithin(at, old, old + n);
            this.freeSegments[this.sketchTier[c]].push(old);
        }
        this.sketchAt[c] = at;
        this.sketchTier[c] = tier;
        return at;
    }
    allocSegment(tier) {
        const free = this.freeSegments[tier];
        if (free.length > 0)
            return free.pop();
        const size = this.tierCapacity[tier];
        if (this.slabUsed + size > this.slab.length) {
            const bigger = new Uint32Array(Math.max(this.slab.length * 2, this.slabUsed + size));
            bigger.set(this.slab.subarray(0, this.slabUsed));
            this.slab = bigger;
        }
        const at = this.slabUsed;
        this.slabUsed += size;
        return at;
    }
    sketch(c) {
        const at = this.sketchAt[c];
        return at < 0 ? new Uint32Array(0) : this.slab.subarray(at, at + this.sketchLength[c]);
    }
    /** Merges an ascending sketch into cell c's (bottom-k of the union). */
    mergeSketch(c, other) {
        // Inserting one by one keeps one code path; sketches are at most k values.
        for (let i = 0; i < other.length; i++)
            this.addPeer(c, other[i]);
    }
    /** Adds every cell of `columns` into this table (sums and sketch union). */
    addColumns(columns) {
        const { keys, meta, buckets, metrics, sketchOffsets, sketches } = columns;
        for (let i = 0; i < columns.count; i++) {
            const k = i * 4;
            const c = this.upsert(meta[i], keys[k], keys[k + 1], keys[k + 2], keys[k + 3], buckets[i]);
            for (let m = 0; m < METRIC_COUNT; m++) {
                this.metrics[c * METRIC_COUNT + m] += metrics[i * METRIC_COUNT + m];
            }
            this.mergeSketch(c, sketches.subarray(sketchOffsets[i], sketchOffsets[i + 1]));
        }
    }
    /** A compact copy of the cells, in insertion order. */
    columns() {
        const n = this.count;
        const sketchOffsets = new Uint32Array(n + 1);
        for (let c = 0; c < n; c++)
            sketchOffsets[c + 1] = sketchOffsets[c] + this.sketchLength[c];
        const sketches = new Uint32Array(sketchOffsets[n]);
        for (let c = 0; c < n; c++) {
            const at = this.sketchAt[c];
            if (at >= 0)
                sketches.set(this.slab.subarray(at, at + this.sketchLength[c]), sketchOffsets[c]);
        }
        return {
            count: n,
            keys: this.keys.slice(0, n * 4),
            meta: this.meta.slice(0, n),
            buckets: this.buckets.slice(0, n),
            metrics: this.metrics.slice(0, n * METRIC_COUNT),
            sketchOffsets,
            sketches,
        };
    }
    static from(columns, sketchSize) {
        const table = new CellTable(sketchSize);
        table.addColumns(columns);
        return table;
    }
    growCells() {
        const cap = this.meta.length * 2;
        const grow = (a, per) => {
            const b = new a.constructor(cap * per);
            b.set(a);
            return b;
        };
        this.hashes = grow(this.hashes, 1);
        this.keys = grow(this.keys, 4);
        this.meta = grow(this.meta, 1);
        this.buckets = grow(this.buckets, 1);
        this.metrics = grow(this.metrics, METRIC_COUNT);
        this.sketchAt = grow(this.sketchAt, 1);
        this.sketchLength = grow(this.sketchLength, 1);
        this.sketchTier = grow(this.sketchTier, 1);
    }
    rehash(size) {
        const slots = new Int32Array(size);
        const mask = size - 1;
        for (let c = 0; c < this.count; c++) {
            let s = this.hashes[c] & mask;
            while (slots[s] !== EMPTY_SLOT)
                s = (s + 1) & mask;
            slots[s] = c + 1;
        }
        this.slots = slots;
    }
}
//# sourceMappingURL=cell-table.js.map