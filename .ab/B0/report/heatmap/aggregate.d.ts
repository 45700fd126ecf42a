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
import type { AnalyzerFactory, ShardAnalyzer, ShardOutput } from '../../detect/analyzer.js';
import { type BatchView, type RecordRow } from '../../shared/record.js';
import { type CellColumns, CellTable } from './cell-table.js';
export interface HeatmapConfig {
    /** Bucket width in seconds, aligned to the epoch (UTC). */
    readonly bucketSeconds: number;
    readonly v4Prefix: number;
    readonly v6Prefix: number;
    /** k of the distinct-peer sketch. */
    readonly peerSketchSize: number;
    /** Cells one virtual shard keeps; further (block, bucket) pairs fold into an "other" row. */
    readonly maxCellsPerShard: number;
    /**
     * Cells a direct aggregation (engine/direct.ts: a heatmap-only run over Zeek logs) keeps in
     * all, over every actor; a run that needs more goes through the sharded pipeline and its
     * per-shard caps instead. A memory bound: a cell costs 60–320 bytes.
     */
    readonly maxCellsDirect: number;
    /**
     * Also count every connection at its local endpoint's block (the originator's when both or
     * neither end is local, as sharding decides): a third side, up to half as many cells again.
     */
    readonly localSide: boolean;
    /** Also keep a bottom-k sketch of responder (proto, port) per cell: distinct ports, one shadow cell per cell. */
    readonly portSketches: boolean;
}
export declare const DEFAULT_HEATMAP_CONFIG: HeatmapConfig;
export declare function validateHeatmapConfig(partial?: Partial<HeatmapConfig>): HeatmapConfig;
export type Side = 'orig' | 'resp' | 'local';
/** A responder's (proto, port) as a uniform 32-bit hash for the distinct-port sketch. */
export declare function portHash(proto: number, port: number): number;
/**
 * The mergeable partial: the cell table's columns (cell-table.ts) plus what is needed to read
 * them. Plain data, so it crosses threads and checkpoints through msgpackr as it is.
 */
export interface HeatmapPartial {
    readonly bucketSeconds: number;
    readonly peerSketchSize: number;
    readonly v4Prefix: number;
    readonly v6Prefix: number;
    readonly cells: CellColumns;
    readonly overflowRecords: number;
    /** Whether the cells include the local side and port sketches (HeatmapConfig). */
    readonly localSide?: boolean;
    readonly portSketches?: boolean;
}
/**
 * The peer's hash for the distinct-peer sketch: chained finalisers over the four words. The
 * bottom-k estimate needs uniform hashes, not FNV's byte-wise chain (4× the multiplications).
 */
export declare function peerHash(w0: number, w1: number, w2: number, w3: number): number;
/** Distinct count from an ascending bottom-k sketch: exact below k, else (k−1)/normalised k-th value. */
export declare function sketchEstimate(sketch: ArrayLike<number>, k: number): number;
export declare class HeatmapShard implements ShardAnalyzer {
    private readonly config;
    private readonly table;
    private overflowRecords;
    /** IPv4 block mask (on the last word) and the IPv6 masks of words 0–3. */
    private readonly v4Mask;
    private readonly v6Mask;
    /**
     * The last cell found per side (index 0 orig, 1 resp): its masked key words (4 per side),
     * bucket and cell number; -1 when none. A virtual shard is keyed by one local block and its
     * records come in time order, so most records hit the previous record's cell on the local
     * side, and often on the remote side: a hit skips the key hash and the probe. Cells are never
     * removed or renumbered, so a remembered cell stays valid; a record folded into the "other"
     * row is never remembered (its overflow must be counted every time).
     */
    private readonly lastKey;
    private readonly lastBucket;
    private readonly lastCell;
    /**
     * The last peer hashed per side (the address words of the peer of side 0 / side 1) and its
     * hash: peerHash is four chained finalisers, and a busy block talks to few peers in a row.
     */
    private readonly lastPeer;
    private readonly lastPeerHash;
    private readonly lastPeerSet;
    /** Whether the last `peer` call was answered from lastPeer; the cell each side last fed. */
    private peerRepeated;
    private readonly lastPeerCell;
    /** Records whose port sketch could not be kept (over the cell cap). */
    private portOverflow;
    constructor(config: HeatmapConfig, table?: CellTable);
    /** Whether a record could not get its own cell or port sketch (the cap was reached). */
    get overflowed(): boolean;
    observeRows(view: BatchView, rows: Int32Array, from: number, to: number): void;
    observe(view: BatchView, i: number): void;
    /**
     * A parsed conn row straight from the parser (the direct aggregation of coordinator/direct.ts):
     * the same cells as `observe` of the row's primary delivery. `flags` are the row's flags with
     * LocalOrig/LocalResp as sharding would decide them.
     */
    observeRow(row: RecordRow, flags: number): void;
    /** One connection's cells on each side; bytes NaN when unset, address words as int32. */
    private add;
    /**
     * Adds the responder port hash to the shadow cell of cell c (same key, META_PORTS), found by
     * the key `cell` just remembered for the slot. A cell folded into the "other" row keeps no
     * port sketch (its records are already counted as overflow).
     */
    private addPort;
    /**
     * Adds the peer (words as int32) to cell c's sketch, unless the side's previous record added
     * the same peer to the same cell: nothing else touched that sketch since, so the insert
     * would find the value (or reject it again as above the k-th smallest).
     */
    private addPeer;
    /** peerHash of the words (int32) as an int32, remembered per side (see lastPeer). */
    private peer;
    private count;
    /**
     * The cell of the side's block (address words as int32) in the bucket, remembered in `slot`;
     * over the cap, the family's "other" cell.
     */
    private cell;
    private partial;
    finish(): ShardOutput;
    snapshot(): unknown;
    static restore(config: HeatmapConfig, snapshot: unknown): HeatmapShard;
}
export declare const heatmapAnalyzer: AnalyzerFactory<HeatmapConfig>;
/** The reusable, rendering-ready form written as heatmap.json. */
export interface HeatmapMatrix {
    readonly version: 1;
    readonly bucketSeconds: number;
    readonly prefix: {
        readonly ipv4: number;
        readonly ipv6: number;
    };
    readonly timeRange: readonly [number, number] | null;
    readonly columns: readonly string[];
    readonly rows: readonly HeatmapRow[];
    readonly overflowRecords: number;
}
export interface HeatmapRow {
    readonly side: Side;
    readonly family: 'ipv4' | 'ipv6';
    readonly block: string;
    /** Per bucket: [bucketStart, connections, bytes, origBytes, respBytes, distinctPeers, failed] */
    readonly cells: ReadonlyArray<readonly number[]>;
}
export declare const HEATMAP_COLUMNS: readonly ['bucket_start', 'connections', 'bytes', 'orig_bytes', 'resp_bytes', 'distinct_peers', 'failed'];
/** Cells as rows of blocks, each with its cells in time order; rows in a stable address order. */
export declare function toMatrix(partial: HeatmapPartial | undefined, config: HeatmapConfig): HeatmapMatrix;
