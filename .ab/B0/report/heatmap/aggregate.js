/**
 * Heatmap partials: per (side, address block, time bucket) the connections, bytes (orig, resp),
 * distinct peers and failed connections (detect/outcome.ts), for IPv4 and IPv6 alike. Each virtual shard aggregates
 * the records it owns (primary deliveries only, so a connection counts once per side); the
 * coordinator merges the shards' partials. Rendering and views build on `HeatmapMatrix`.
 *
 * Distinct peers use a bottom-k sketch of 32-bit peer hashes: exact below k peers, an unbiased
 * estimate above, and — unlike a set — mergeable in bounded space with a result that does not
 * depend on merge order. Cost: ≤ 4k bytes per busy cell.
 */
import { attemptOutcome, Outcome, rowOutcome } from '../../detect/outcome.js';
import { fmix32, formatAddress, isV4 } from '../../shared/addr.js';
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { Counter, Flag, isPrimaryDelivery, RecordKind, } from '../../shared/record.js';
import { CellTable, META_LOCAL, META_OTHER, META_PORTS, META_RESP, METRIC_COUNT, Metric, } from './cell-table.js';
export const DEFAULT_HEATMAP_CONFIG = Object.freeze({
    bucketSeconds: 300,
    v4Prefix: 24,
    v6Prefix: 64,
    peerSketchSize: 64,
    maxCellsPerShard: 50_000,
    maxCellsDirect: 1_000_000,
    localSide: false,
    portSketches: false,
});
export function validateHeatmapConfig(partial = {}) {
    const c = { ...DEFAULT_HEATMAP_CONFIG, ...partial };
    const bad = (key, why) => {
        throw new NetscryError(ErrorCode.InvalidOption, `heatmap.${key} ${why}`, { key });
    };
    if (!Number.isInteger(c.bucketSeconds) || c.bucketSeconds < 1 || c.bucketSeconds > 86_400) {
        bad('bucketSeconds', 'must be a whole number of seconds from 1 to 86400');
    }
    if (!Number.isInteger(c.v4Prefix) || c.v4Prefix < 0 || c.v4Prefix > 32)
        bad('v4Prefix', 'must be 0–32');
    if (!Number.isInteger(c.v6Prefix) || c.v6Prefix < 0 || c.v6Prefix > 128)
        bad('v6Prefix', 'must be 0–128');
    if (!Number.isInteger(c.peerSketchSize) || c.peerSketchSize < 8 || c.peerSketchSize > 4096) {
        bad('peerSketchSize', 'must be 8–4096');
    }
    if (!Number.isInteger(c.maxCellsPerShard) || c.maxCellsPerShard < 16)
        bad('maxCellsPerShard', 'must be ≥ 16');
    if (!Number.isInteger(c.maxCellsDirect) || c.maxCellsDirect < 16)
        bad('maxCellsDirect', 'must be ≥ 16');
    if (typeof c.localSide !== 'boolean')
        bad('localSide', 'must be true or false');
    if (typeof c.portSketches !== 'boolean')
        bad('portSketches', 'must be true or false');
    return Object.freeze(c);
}
/** The remembered-cell slot of each side (see HeatmapShard.lastKey). */
const SLOT_ORIG = 0;
const SLOT_RESP = 1;
const SLOT_LOCAL = 2;
const SLOTS = 3;
/** A responder's (proto, port) as a uniform 32-bit hash for the distinct-port sketch. */
export function portHash(proto, port) {
    return fmix32(((proto & 0xff) << 16) | (port & 0xffff) | 0x5a000000);
}
/**
 * The peer's hash for the distinct-peer sketch: chained finalisers over the four words. The
 * bottom-k estimate needs uniform hashes, not FNV's byte-wise chain (4× the multiplications).
 */
export function peerHash(w0, w1, w2, w3) {
    let h = fmix32(w3 ^ 0x9e3779b9);
    h = fmix32(h ^ w2);
    h = fmix32(h ^ w1);
    return fmix32(h ^ w0);
}
/** Distinct count from an ascending bottom-k sketch: exact below k, else (k−1)/normalised k-th value. */
export function sketchEstimate(sketch, k) {
    if (sketch.length < k)
        return sketch.length;
    const kth = (sketch[k - 1] + 1) / 2 ** 32;
    return Math.round((k - 1) / kth);
}
/** The mask of the `keep` leading bits of a 32-bit word (keep clamped to 0–32). */
function wordMask(keep) {
    if (keep >= 32)
        return 0xffffffff;
    if (keep <= 0)
        return 0;
    return (~0 << (32 - keep)) >>> 0;
}
export class HeatmapShard {
    config;
    table;
    overflowRecords = 0;
    /** IPv4 block mask (on the last word) and the IPv6 masks of words 0–3. */
    v4Mask;
    v6Mask;
    /**
     * The last cell found per side (index 0 orig, 1 resp): its masked key words (4 per side),
     * bucket and cell number; -1 when none. A virtual shard is keyed by one local block and its
     * records come in time order, so most records hit the previous record's cell on the local
     * side, and often on the remote side: a hit skips the key hash and the probe. Cells are never
     * removed or renumbered, so a remembered cell stays valid; a record folded into the "other"
     * row is never remembered (its overflow must be counted every time).
     */
    lastKey = new Uint32Array(4 * SLOTS);
    lastBucket = new Float64Array(SLOTS);
    lastCell = new Int32Array(SLOTS).fill(-1);
    /**
     * The last peer hashed per side (the address words of the peer of side 0 / side 1) and its
     * hash: peerHash is four chained finalisers, and a busy block talks to few peers in a row.
     */
    lastPeer = new Int32Array(4 * SLOTS);
    lastPeerHash = new Int32Array(SLOTS);
    lastPeerSet = new Uint8Array(SLOTS);
    /** Whether the last `peer` call was answered from lastPeer; the cell each side last fed. */
    peerRepeated = false;
    lastPeerCell = new Int32Array(SLOTS).fill(-1);
    /** Records whose port sketch could not be kept (over the cell cap). */
    portOverflow = 0;
    constructor(config, table = new CellTable(config.peerSketchSize)) {
        this.config = config;
        this.table = table;
        this.v4Mask = wordMask(config.v4Prefix);
        const p = config.v6Prefix;
        this.v6Mask = [wordMask(p), wordMask(p - 32), wordMask(p - 64), wordMask(p - 96)];
    }
    /** Whether a record could not get its own cell or port sketch (the cap was reached). */
    get overflowed() {
        return this.overflowRecords > 0 || this.portOverflow > 0;
    }
    observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++)
            this.observe(view, rows[k]);
    }
    observe(view, i) {
        if (view.kind[i] !== RecordKind.Conn || !isPrimaryDelivery(view.flags[i]))
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts))
            return;
        const a = view.addr;
        const n = view.count;
        // Address words and hashes cross function calls as int32 (`| 0`): a uint32 of 2^31 or
        // more passed to or returned from a call that V8 did not inline is boxed into a fresh heap
        // number — for IPv4 above 128.0.0.0 and half of all hashes, several allocations a record.
        this.add(ts, attemptOutcome(view, i) === Outcome.Failed ? 1 : 0, view.counter(i, Counter.OrigBytes), view.counter(i, Counter.RespBytes), view.flags[i], this.config.portSketches ? portHash(view.proto[i], view.respPort[i]) | 0 : 0, a[i] | 0, a[n + i] | 0, a[2 * n + i] | 0, a[3 * n + i] | 0, a[4 * n + i] | 0, a[5 * n + i] | 0, a[6 * n + i] | 0, a[7 * n + i] | 0);
    }
    /**
     * A parsed conn row straight from the parser (the direct aggregation of coordinator/direct.ts):
     * the same cells as `observe` of the row's primary delivery. `flags` are the row's flags with
     * LocalOrig/LocalResp as sharding would decide them.
     */
    observeRow(row, flags) {
        if (row.kind !== RecordKind.Conn)
            return;
        const ts = row.ts;
        if (!Number.isFinite(ts))
            return;
        const a = row.addr;
        const c = row.counters;
        this.add(ts, rowOutcome(row) === Outcome.Failed ? 1 : 0, c[Counter.OrigBytes], c[Counter.RespBytes], flags, this.config.portSketches ? portHash(row.proto, row.respPort) | 0 : 0, a[0] | 0, a[1] | 0, a[2] | 0, a[3] | 0, a[4] | 0, a[5] | 0, a[6] | 0, a[7] | 0);
    }
    /** One connection's cells on each side; bytes NaN when unset, address words as int32. */
    add(ts, failed, ob, rb, flags, portH, o0, o1, o2, o3, r0, r1, r2, r3) {
        const bucket = Math.floor(ts / this.config.bucketSeconds);
        // Unset counters are NaN and count as 0 (Math.max would keep the NaN).
        const origBytes = Number.isFinite(ob) ? ob : 0;
        const respBytes = Number.isFinite(rb) ? rb : 0;
        const origSet = (flags & Flag.OrigSet) !== 0;
        const respSet = (flags & Flag.RespSet) !== 0;
        const ports = this.config.portSketches;
        if (origSet) {
            const c = this.cell(SLOT_ORIG, 0, o0, o1, o2, o3, bucket);
            this.count(c, origBytes, respBytes, failed);
            if (respSet)
                this.addPeer(SLOT_ORIG, c, r0, r1, r2, r3);
            if (ports)
                this.addPort(SLOT_ORIG, c, 0, bucket, portH);
        }
        if (respSet) {
            const c = this.cell(SLOT_RESP, META_RESP, r0, r1, r2, r3, bucket);
            this.count(c, origBytes, respBytes, failed);
            if (origSet)
                this.addPeer(SLOT_RESP, c, o0, o1, o2, o3);
            if (ports)
                this.addPort(SLOT_RESP, c, META_RESP, bucket, portH);
        }
        if (this.config.localSide) {
            // The local endpoint as sharding decides it: the responder only when it alone is local.
            const localResp = (flags & (Flag.LocalOrig | Flag.LocalResp)) === Flag.LocalResp;
            if (localResp ? respSet : origSet) {
                const c = localResp
                    ? this.cell(SLOT_LOCAL, META_LOCAL, r0, r1, r2, r3, bucket)
                    : this.cell(SLOT_LOCAL, META_LOCAL, o0, o1, o2, o3, bucket);
                this.count(c, origBytes, respBytes, failed);
                if (origSet && respSet) {
                    if (localResp)
                        this.addPeer(SLOT_LOCAL, c, o0, o1, o2, o3);
                    else
                        this.addPeer(SLOT_LOCAL, c, r0, r1, r2, r3);
                }
                if (ports)
                    this.addPort(SLOT_LOCAL, c, META_LOCAL, bucket, portH);
            }
        }
    }
    /**
     * Adds the responder port hash to the shadow cell of cell c (same key, META_PORTS), found by
     * the key `cell` just remembered for the slot. A cell folded into the "other" row keeps no
     * port sketch (its records are already counted as overflow).
     */
    addPort(slot, c, meta, bucket, hash) {
        if ((this.table.meta[c] & META_OTHER) !== 0)
            return;
        const k = this.lastKey;
        const at = slot * 4;
        const table = this.table;
        const shadow = table.count < this.config.maxCellsPerShard
            ? table.upsert(meta | META_PORTS, k[at], k[at + 1], k[at + 2], k[at + 3], bucket)
            : table.find(meta | META_PORTS, k[at], k[at + 1], k[at + 2], k[at + 3], bucket);
        if (shadow < 0)
            this.portOverflow++;
        else
            table.addPeer(shadow, hash);
    }
    /**
     * Adds the peer (words as int32) to cell c's sketch, unless the side's previous record added
     * the same peer to the same cell: nothing else touched that sketch since, so the insert
     * would find the value (or reject it again as above the k-th smallest).
     */
    addPeer(side, c, w0, w1, w2, w3) {
        const h = this.peer(side, w0, w1, w2, w3);
        if (this.peerRepeated && this.lastPeerCell[side] === c)
            return;
        this.lastPeerCell[side] = c;
        this.table.addPeer(c, h);
    }
    /** peerHash of the words (int32) as an int32, remembered per side (see lastPeer). */
    peer(side, w0, w1, w2, w3) {
        const p = this.lastPeer;
        const at = side * 4;
        if (this.lastPeerSet[side] === 1 &&
            p[at + 3] === w3 &&
            p[at + 2] === w2 &&
            p[at + 1] === w1 &&
            p[at] === w0) {
            this.peerRepeated = true;
            return this.lastPeerHash[side];
        }
        this.peerRepeated = false;
        const h = peerHash(w0, w1, w2, w3) | 0;
        p[at] = w0;
        p[at + 1] = w1;
        p[at + 2] = w2;
        p[at + 3] = w3;
        this.lastPeerHash[side] = h;
        this.lastPeerSet[side] = 1;
        return h;
    }
    count(c, origBytes, respBytes, failed) {
        const m = this.table.metrics;
        const at = c * METRIC_COUNT;
        m[at + Metric.Connections] += 1;
        m[at + Metric.OrigBytes] += origBytes;
        m[at + Metric.RespBytes] += respBytes;
        m[at + Metric.Failed] += failed;
    }
    /**
     * The cell of the side's block (address words as int32) in the bucket, remembered in `slot`;
     * over the cap, the family's "other" cell.
     */
    cell(slot, side, w0, w1, w2, w3, bucket) {
        const v4 = w0 === 0 && w1 === 0 && w2 === 0xffff;
        let k0 = 0;
        let k1 = 0;
        let k2 = 0xffff;
        let k3;
        if (v4) {
            k3 = (w3 & this.v4Mask) >>> 0;
        }
        else {
            const m = this.v6Mask;
            k0 = (w0 & m[0]) >>> 0;
            k1 = (w1 & m[1]) >>> 0;
            k2 = (w2 & m[2]) >>> 0;
            k3 = (w3 & m[3]) >>> 0;
        }
        const last = this.lastKey;
        const at = slot * 4;
        const remembered = this.lastCell[slot];
        if (remembered >= 0 &&
            last[at + 3] === k3 &&
            this.lastBucket[slot] === bucket &&
            last[at + 2] === k2 &&
            last[at + 1] === k1 &&
            last[at] === k0) {
            return remembered;
        }
        const table = this.table;
        let c;
        if (table.count < this.config.maxCellsPerShard)
            c = table.upsert(side, k0, k1, k2, k3, bucket);
        else
            c = table.find(side, k0, k1, k2, k3, bucket);
        if (c >= 0) {
            last[at] = k0;
            last[at + 1] = k1;
            last[at + 2] = k2;
            last[at + 3] = k3;
            this.lastBucket[slot] = bucket;
            this.lastCell[slot] = c;
            return c;
        }
        // Over the cap the cell folds into the family's "other" row: totals stay exact, the block
        // detail is lost, and the records are counted as evictions.
        this.overflowRecords++;
        // The "other" row's key is the family's zero address (::ffff:0.0.0.0 or ::).
        return table.upsert(side | META_OTHER, 0, 0, v4 ? 0xffff : 0, 0, bucket);
    }
    partial() {
        return {
            bucketSeconds: this.config.bucketSeconds,
            peerSketchSize: this.config.peerSketchSize,
            v4Prefix: this.config.v4Prefix,
            v6Prefix: this.config.v6Prefix,
            cells: this.table.columns(),
            overflowRecords: this.overflowRecords,
            localSide: this.config.localSide,
            portSketches: this.config.portSketches,
        };
    }
    finish() {
        return {
            findings: [],
            partial: this.partial(),
            evictions: {
                ...(this.overflowRecords > 0 ? { 'heatmap.cells': this.overflowRecords } : {}),
                ...(this.portOverflow > 0 ? { 'heatmap.portSketches': this.portOverflow } : {}),
            },
        };
    }
    snapshot() {
        return this.partial();
    }
    static restore(config, snapshot) {
        const s = snapshot;
        if (s.bucketSeconds !== config.bucketSeconds || s.peerSketchSize !== config.peerSketchSize) {
            throw new NetscryError(ErrorCode.CheckpointMismatch, 'heatmap snapshot has another configuration');
        }
        const shard = new HeatmapShard(config, CellTable.from(s.cells, config.peerSketchSize));
        shard.overflowRecords = s.overflowRecords;
        return shard;
    }
}
/** A cell's side from its meta bits. */
function sideOf(meta) {
    return (meta & META_LOCAL) !== 0 ? 'local' : (meta & META_RESP) !== 0 ? 'resp' : 'orig';
}
/**
 * Merges partials (any number, any order, `undefined` ignored) into one. One table is built
 * and every partial added once, so merging N shards costs O(total cells), not O(N · cells).
 */
function mergePartials(parts) {
    const present = parts.filter((p) => p !== undefined);
    if (present.length <= 1)
        return present[0];
    const first = present[0];
    const table = new CellTable(first.peerSketchSize);
    let overflowRecords = 0;
    for (const p of present) {
        table.addColumns(p.cells);
        overflowRecords += p.overflowRecords;
    }
    return { ...first, cells: table.columns(), overflowRecords };
}
export const heatmapAnalyzer = {
    name: 'heatmap',
    create: (_vshard, config) => new HeatmapShard(config),
    restore: (_vshard, config, snapshot) => HeatmapShard.restore(config, snapshot),
    merge: mergePartials,
};
export const HEATMAP_COLUMNS = [
    'bucket_start',
    'connections',
    'bytes',
    'orig_bytes',
    'resp_bytes',
    'distinct_peers',
    'failed',
];
/** Row order: side, then IPv4 blocks, IPv6 blocks, other-ipv4, other-ipv6, by address. */
function compareRows(a, b) {
    const rank = (r) => ((r.meta & META_LOCAL) !== 0 ? 8 : (r.meta & META_RESP) * 4) +
        ((r.meta & META_OTHER) !== 0 ? 2 : 0) +
        (r.family === 'ipv6' ? 1 : 0);
    const d = rank(a) - rank(b);
    if (d !== 0)
        return d;
    for (let w = 0; w < 4; w++) {
        const x = a.words[w];
        const y = b.words[w];
        if (x !== y)
            return x - y;
    }
    return 0;
}
/** Cells as rows of blocks, each with its cells in time order; rows in a stable address order. */
export function toMatrix(partial, config) {
    const byRow = new Map();
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const cols = partial?.cells;
    const k = config.peerSketchSize;
    for (let c = 0; c < (cols?.count ?? 0); c++) {
        const { keys, meta, buckets, metrics, sketchOffsets, sketches } = cols;
        // Port sketches are read by views (view.ts), not written to heatmap.json.
        if ((meta[c] & META_PORTS) !== 0)
            continue;
        const words = keys.subarray(c * 4, c * 4 + 4);
        const rowKey = `${meta[c]}|${words.join('.')}`;
        let row = byRow.get(rowKey);
        if (!row) {
            row = { meta: meta[c], words, family: isV4(words, 0) ? 'ipv4' : 'ipv6', cells: [] };
            byRow.set(rowKey, row);
        }
        const bucket = buckets[c] * config.bucketSeconds;
        min = Math.min(min, bucket);
        max = Math.max(max, bucket + config.bucketSeconds);
        const m = c * METRIC_COUNT;
        const origBytes = metrics[m + Metric.OrigBytes];
        const respBytes = metrics[m + Metric.RespBytes];
        row.cells.push([
            bucket,
            metrics[m + Metric.Connections],
            origBytes + respBytes,
            origBytes,
            respBytes,
            sketchEstimate(sketches.subarray(sketchOffsets[c], sketchOffsets[c + 1]), k),
            metrics[m + Metric.Failed],
        ]);
    }
    const rows = [...byRow.values()].sort(compareRows).map((r) => {
        const prefix = r.family === 'ipv4' ? config.v4Prefix : config.v6Prefix;
        return {
            side: sideOf(r.meta),
            family: r.family,
            block: (r.meta & META_OTHER) !== 0 ? `other-${r.family}` : `${formatAddress(r.words, 0)}/${prefix}`,
            cells: r.cells.sort((a, b) => a[0] - b[0]),
        };
    });
    return {
        version: 1,
        bucketSeconds: config.bucketSeconds,
        prefix: { ipv4: config.v4Prefix, ipv6: config.v6Prefix },
        timeRange: Number.isFinite(min) ? [min, max] : null,
        columns: HEATMAP_COLUMNS,
        rows,
        overflowRecords: partial?.overflowRecords ?? 0,
    };
}
//# sourceMappingURL=aggregate.js.map