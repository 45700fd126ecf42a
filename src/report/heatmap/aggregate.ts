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
import { attemptOutcome, Outcome } from '../../detect/outcome.js';
import { formatAddress, isV4, maskAddress, parseAddress } from '../../shared/addr.js';
import { ErrorCode, NetscryError } from '../../shared/errors.js';
import { type BatchView, Counter, Flag, isPrimaryDelivery, RecordKind } from '../../shared/record.js';

export interface HeatmapConfig {
  /** Bucket width in seconds, aligned to the epoch (UTC). */
  readonly bucketSeconds: number;
  readonly v4Prefix: number;
  readonly v6Prefix: number;
  /** k of the distinct-peer sketch. */
  readonly peerSketchSize: number;
  /** Cells one virtual shard keeps; further (block, bucket) pairs fold into an "other" row. */
  readonly maxCellsPerShard: number;
}

export const DEFAULT_HEATMAP_CONFIG: HeatmapConfig = Object.freeze({
  bucketSeconds: 300,
  v4Prefix: 24,
  v6Prefix: 64,
  peerSketchSize: 64,
  maxCellsPerShard: 50_000,
});

export function validateHeatmapConfig(partial: Partial<HeatmapConfig> = {}): HeatmapConfig {
  const c = { ...DEFAULT_HEATMAP_CONFIG, ...partial };
  const bad = (key: string, why: string): never => {
    throw new NetscryError(ErrorCode.InvalidOption, `heatmap.${key} ${why}`, { key });
  };
  if (!Number.isInteger(c.bucketSeconds) || c.bucketSeconds < 1 || c.bucketSeconds > 86_400) {
    bad('bucketSeconds', 'must be a whole number of seconds from 1 to 86400');
  }
  if (!Number.isInteger(c.v4Prefix) || c.v4Prefix < 0 || c.v4Prefix > 32) bad('v4Prefix', 'must be 0–32');
  if (!Number.isInteger(c.v6Prefix) || c.v6Prefix < 0 || c.v6Prefix > 128) bad('v6Prefix', 'must be 0–128');
  if (!Number.isInteger(c.peerSketchSize) || c.peerSketchSize < 8 || c.peerSketchSize > 4096) {
    bad('peerSketchSize', 'must be 8–4096');
  }
  if (!Number.isInteger(c.maxCellsPerShard) || c.maxCellsPerShard < 16)
    bad('maxCellsPerShard', 'must be ≥ 16');
  return Object.freeze(c);
}

export type Side = 'orig' | 'resp';

/** One cell; `peers` is the ascending bottom-k sketch. */
export interface HeatmapCell {
  connections: number;
  origBytes: number;
  respBytes: number;
  failed: number;
  peers: number[];
}

/**
 * The mergeable partial: cells by key `${side}|${block}|${bucketStart}`. A Map, not an object:
 * tens of thousands of string keys would push an object into slow dictionary mode.
 */
export interface HeatmapPartial {
  readonly bucketSeconds: number;
  readonly peerSketchSize: number;
  readonly cells: Map<string, HeatmapCell>;
  readonly overflowRecords: number;
}

const OTHER_BLOCK_V4 = 'other-ipv4';
const OTHER_BLOCK_V6 = 'other-ipv6';

/** murmur3's 32-bit finaliser: a full-avalanche mix, so hashes spread evenly over 2^32. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The peer's hash for the distinct-peer sketch: chained finalisers over the four words. The
 * bottom-k estimate needs uniform hashes, not FNV's byte-wise chain (4× the multiplications).
 */
export function peerHash(words: Uint32Array, at: number): number {
  let h = fmix32(words[at + 3]! ^ 0x9e3779b9);
  h = fmix32(h ^ words[at + 2]!);
  h = fmix32(h ^ words[at + 1]!);
  return fmix32(h ^ words[at]!);
}

/** peerHash of record i's address (word0 = 0 orig, 4 resp) read in place from the batch. */
function peerHashOf(view: BatchView, i: number, word0: number): number {
  const a = view.addr;
  const n = view.count;
  const base = word0 * n + i;
  let h = fmix32(a[base + 3 * n]! ^ 0x9e3779b9);
  h = fmix32(h ^ a[base + 2 * n]!);
  h = fmix32(h ^ a[base + n]!);
  return fmix32(h ^ a[base]!);
}

/** Inserts h into an ascending sketch of at most k values; duplicates are ignored. */
export function sketchInsert(sketch: number[], h: number, k: number): void {
  const n = sketch.length;
  if (n === k && h >= sketch[n - 1]!) return;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sketch[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  if (lo < n && sketch[lo] === h) return;
  // Shift by hand: splice allocates its (empty) result array on every call.
  let j = n < k ? n : k - 1;
  if (n < k) sketch.push(0);
  for (; j > lo; j--) sketch[j] = sketch[j - 1]!;
  sketch[lo] = h;
}

export function sketchMerge(a: readonly number[], b: readonly number[], k: number): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (out.length < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Number.POSITIVE_INFINITY;
    const y = j < b.length ? b[j]! : Number.POSITIVE_INFINITY;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** Distinct count from a bottom-k sketch: exact below k, else (k−1)/normalised k-th value. */
export function sketchEstimate(sketch: readonly number[], k: number): number {
  if (sketch.length < k) return sketch.length;
  const kth = (sketch[k - 1]! + 1) / 2 ** 32;
  return Math.round((k - 1) / kth);
}

interface Block {
  readonly side: Side;
  readonly label: string;
  /** Cells by bucket index (ts / bucketSeconds): a small integer, so V8 keys it as a Smi. */
  readonly buckets: Map<number, HeatmapCell>;
}

/** Adds one connection to a cell; returns the cell. */
function count(cell: HeatmapCell, origBytes: number, respBytes: number, failed: number): HeatmapCell {
  cell.connections++;
  cell.origBytes += origBytes;
  cell.respBytes += respBytes;
  cell.failed += failed;
  return cell;
}

function newCell(): HeatmapCell {
  return { connections: 0, origBytes: 0, respBytes: 0, failed: 0, peers: [] };
}

class HeatmapShard implements ShardAnalyzer {
  private readonly config: HeatmapConfig;
  /**
   * IPv4 blocks keyed by (masked address >>> (32 − prefix)) · 2 + side: a Smi for prefixes up
   * to /29, so the lookup hashes an integer rather than a heap number or a string.
   */
  private readonly v4Blocks = new Map<number, Block>();
  /** IPv6 blocks keyed by side and masked words (rarer; a short string key). */
  private readonly v6Blocks = new Map<string, Block>();
  private cellCount = 0;
  private overflowRecords = 0;
  private readonly words = new Uint32Array(12);
  /**
   * A direct-mapped cache of IPv4 cells: slot → (block key, bucket, cell). Records of a shard
   * revisit a few hundred (block, bucket) pairs at a time, so most updates find their cell here
   * and skip both Map lookups (block, then bucket). Cost: 3 × 1024 slots per virtual shard.
   */
  private readonly cacheKey = new Float64Array(CACHE_SLOTS).fill(-1);
  private readonly cacheBucket = new Float64Array(CACHE_SLOTS);
  private readonly cacheCell: Array<HeatmapCell | undefined> = new Array(CACHE_SLOTS).fill(undefined);
  /** 1 where the cached cell is an "other" cell: a hit there still counts as overflow. */
  private readonly cacheOverflow = new Uint8Array(CACHE_SLOTS);
  /** The "other" blocks by side · 2 + (IPv4 ? 1 : 0). */
  private readonly otherBlocks: Array<Block | undefined> = [undefined, undefined, undefined, undefined];

  constructor(config: HeatmapConfig) {
    this.config = config;
  }

  observe(view: BatchView, i: number): void {
    if (view.kind[i] !== RecordKind.Conn || !isPrimaryDelivery(view.flags[i]!)) return;
    const ts = view.ts[i]!;
    if (!Number.isFinite(ts)) return;
    const bucket = Math.floor(ts / this.config.bucketSeconds);
    const failed = attemptOutcome(view, i) === Outcome.Failed ? 1 : 0;
    const ob = view.counter(i, Counter.OrigBytes);
    const rb = view.counter(i, Counter.RespBytes);
    // Unset counters are NaN and count as 0 (Math.max would keep the NaN).
    const origBytes = Number.isFinite(ob) ? ob : 0;
    const respBytes = Number.isFinite(rb) ? rb : 0;
    const flags = view.flags[i]!;
    const origSet = (flags & Flag.OrigSet) !== 0;
    const respSet = (flags & Flag.RespSet) !== 0;
    const k = this.config.peerSketchSize;
    if (origSet) {
      const cell = count(this.cell(view, i, 0, bucket), origBytes, respBytes, failed);
      if (respSet) sketchInsert(cell.peers, peerHashOf(view, i, 4), k);
    }
    if (respSet) {
      const cell = count(this.cell(view, i, 1, bucket), origBytes, respBytes, failed);
      if (origSet) sketchInsert(cell.peers, peerHashOf(view, i, 0), k);
    }
  }

  /** The v4 block key of the side's address (words at side · 4), or -1 for IPv6. */
  private v4Key(view: BatchView, i: number, side: number): number {
    const a = view.addr;
    const n = view.count;
    const base = side * 4 * n + i;
    if (a[base] !== 0 || a[base + n] !== 0 || a[base + 2 * n] !== 0xffff) return -1;
    const prefix = this.config.v4Prefix;
    const top = prefix === 0 ? 0 : a[base + 3 * n]! >>> (32 - prefix);
    return top * 2 + side;
  }

  private block(side: number, at: number, v4Key: number): Block {
    const w = this.words;
    if (v4Key >= 0) {
      let block = this.v4Blocks.get(v4Key);
      if (block === undefined) {
        const prefix = this.config.v4Prefix;
        maskAddress(w, at, prefix, w, 8);
        block = { side: SIDES[side]!, label: `${formatAddress(w, 8)}/${prefix}`, buckets: new Map() };
        this.v4Blocks.set(v4Key, block);
      }
      return block;
    }
    const prefix = this.config.v6Prefix;
    maskAddress(w, at, prefix, w, 8);
    const key = `${side}|${w[8]}|${w[9]}|${w[10]}|${w[11]}`;
    let block = this.v6Blocks.get(key);
    if (block === undefined) {
      block = { side: SIDES[side]!, label: `${formatAddress(w, 8)}/${prefix}`, buckets: new Map() };
      this.v6Blocks.set(key, block);
    }
    return block;
  }

  private cell(view: BatchView, i: number, side: number, bucket: number): HeatmapCell {
    const key = this.v4Key(view, i, side);
    let slot = 0;
    if (key >= 0) {
      slot = Math.imul(key ^ Math.imul(bucket, 0x85ebca6b), 0x9e3779b1) >>> (32 - CACHE_BITS);
      if (this.cacheKey[slot] === key && this.cacheBucket[slot] === bucket) {
        this.overflowRecords += this.cacheOverflow[slot]!;
        return this.cacheCell[slot]!;
      }
    }
    view.copyAddr(i, side as 0 | 1, this.words, 0);
    let block = this.block(side, 0, key);
    let cell = block.buckets.get(bucket);
    if (cell === undefined) {
      if (this.cellCount >= this.config.maxCellsPerShard) {
        // Over the cap the cell folds into the family's "other" row: totals stay exact, the
        // block detail is lost, and the records are counted as evictions.
        this.overflowRecords++;
        block = this.otherBlock(side, key >= 0);
        cell = block.buckets.get(bucket);
        if (cell === undefined) {
          cell = newCell();
          block.buckets.set(bucket, cell);
          this.cellCount++;
        }
        if (key >= 0) this.remember(slot, key, bucket, cell, 1);
        return cell;
      }
      cell = newCell();
      block.buckets.set(bucket, cell);
      this.cellCount++;
    }
    if (key >= 0) this.remember(slot, key, bucket, cell, 0);
    return cell;
  }

  private remember(slot: number, key: number, bucket: number, cell: HeatmapCell, overflow: number): void {
    this.cacheKey[slot] = key;
    this.cacheBucket[slot] = bucket;
    this.cacheCell[slot] = cell;
    this.cacheOverflow[slot] = overflow;
  }

  private otherBlock(side: number, v4: boolean): Block {
    const at = side * 2 + (v4 ? 1 : 0);
    let block = this.otherBlocks[at];
    if (block === undefined) {
      block = { side: SIDES[side]!, label: v4 ? OTHER_BLOCK_V4 : OTHER_BLOCK_V6, buckets: new Map() };
      this.otherBlocks[at] = block;
    }
    return block;
  }

  private cellEntries(): Array<[string, HeatmapCell]> {
    const out: Array<[string, HeatmapCell]> = [];
    const others = this.otherBlocks.filter((b): b is Block => b !== undefined);
    for (const blocks of [this.v4Blocks.values(), this.v6Blocks.values(), others]) {
      for (const block of blocks) {
        for (const [bucket, cell] of block.buckets) {
          out.push([`${block.side}|${block.label}|${bucket * this.config.bucketSeconds}`, cell]);
        }
      }
    }
    return out;
  }

  finish(): ShardOutput {
    const partial: HeatmapPartial = {
      bucketSeconds: this.config.bucketSeconds,
      peerSketchSize: this.config.peerSketchSize,
      cells: new Map(this.cellEntries()),
      overflowRecords: this.overflowRecords,
    };
    return {
      findings: [],
      partial,
      evictions: this.overflowRecords > 0 ? { 'heatmap.cells': this.overflowRecords } : {},
    };
  }

  snapshot(): unknown {
    return { cells: this.cellEntries(), overflow: this.overflowRecords };
  }

  /** Rebuilds the block maps from a snapshot's string-keyed cells. */
  static restore(config: HeatmapConfig, snapshot: unknown): HeatmapShard {
    const s = snapshot as { cells: Array<[string, HeatmapCell]>; overflow: number };
    const shard = new HeatmapShard(config);
    for (const [key, cell] of s.cells) shard.restoreCell(key, cell);
    shard.overflowRecords = s.overflow;
    return shard;
  }

  private restoreCell(key: string, cell: HeatmapCell): void {
    const [sideName, label, bucketText] = key.split('|') as [Side, string, string];
    const side = sideName === 'orig' ? 0 : 1;
    let block: Block;
    if (label === OTHER_BLOCK_V4 || label === OTHER_BLOCK_V6) {
      block = this.otherBlock(side, label === OTHER_BLOCK_V4);
    } else {
      const words = parseAddress(label.slice(0, label.indexOf('/')));
      if (!words)
        throw new NetscryError(ErrorCode.CheckpointMismatch, `heatmap snapshot has a bad block ${label}`);
      this.words.set(words, 0);
      const top = isV4(words, 0)
        ? this.config.v4Prefix === 0
          ? 0
          : words[3]! >>> (32 - this.config.v4Prefix)
        : -1;
      block = this.block(side, 0, top < 0 ? -1 : top * 2 + side);
    }
    block.buckets.set(Number(bucketText) / this.config.bucketSeconds, { ...cell, peers: [...cell.peers] });
    this.cellCount++;
  }
}

const SIDES: readonly Side[] = ['orig', 'resp'];
const CACHE_BITS = 10;
const CACHE_SLOTS = 1 << CACHE_BITS;

/**
 * Merges b into a and returns a: a is consumed (the shard host and the coordinator own every
 * partial they merge). Copying a per merge would make merging N shards cost O(N · cells).
 */
function mergeInto(a: HeatmapPartial, b: HeatmapPartial): HeatmapPartial {
  const k = a.peerSketchSize;
  const cells = a.cells;
  for (const [key, cb] of b.cells) {
    const ca = cells.get(key);
    if (ca === undefined) {
      cells.set(key, cb);
      continue;
    }
    ca.connections += cb.connections;
    ca.origBytes += cb.origBytes;
    ca.respBytes += cb.respBytes;
    ca.failed += cb.failed;
    ca.peers = sketchMerge(ca.peers, cb.peers, k);
  }
  return { ...a, overflowRecords: a.overflowRecords + b.overflowRecords };
}

export const heatmapAnalyzer: AnalyzerFactory<HeatmapConfig> = {
  name: 'heatmap',
  create: (_vshard, config) => new HeatmapShard(config),
  restore: (_vshard, config, snapshot) => HeatmapShard.restore(config, snapshot),
  merge: (a, b) => {
    if (a === undefined) return b;
    if (b === undefined) return a;
    return mergeInto(a as HeatmapPartial, b as HeatmapPartial);
  },
};

/** The reusable, rendering-ready form written as heatmap.json. */
export interface HeatmapMatrix {
  readonly version: 1;
  readonly bucketSeconds: number;
  readonly prefix: { readonly ipv4: number; readonly ipv6: number };
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

export const HEATMAP_COLUMNS = [
  'bucket_start',
  'connections',
  'bytes',
  'orig_bytes',
  'resp_bytes',
  'distinct_peers',
  'failed',
] as const;

/** Sort key of a block label: family, then numeric address, "other" rows last. */
function blockSortKey(block: string): string {
  if (block.startsWith('other-')) return `9${block}`;
  const slash = block.indexOf('/');
  const text = block.slice(0, slash);
  if (!text.includes(':')) {
    const n = text.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
    return `4${n.toString(16).padStart(8, '0')}${block.slice(slash)}`;
  }
  return `6${expandV6(text)}${block.slice(slash)}`;
}

function expandV6(text: string): string {
  const [head = '', tail] = text.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0')).join('');
}

export function toMatrix(partial: HeatmapPartial | undefined, config: HeatmapConfig): HeatmapMatrix {
  const byRow = new Map<string, { side: Side; block: string; cells: number[][] }>();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [key, cell] of partial?.cells ?? []) {
    const [side, block, bucketText] = key.split('|') as [Side, string, string];
    const bucket = Number(bucketText);
    min = Math.min(min, bucket);
    max = Math.max(max, bucket + config.bucketSeconds);
    const rowKey = `${side}|${block}`;
    let row = byRow.get(rowKey);
    if (!row) {
      row = { side, block, cells: [] };
      byRow.set(rowKey, row);
    }
    row.cells.push([
      bucket,
      cell.connections,
      cell.origBytes + cell.respBytes,
      cell.origBytes,
      cell.respBytes,
      sketchEstimate(cell.peers, config.peerSketchSize),
      cell.failed,
    ]);
  }
  const rows = [...byRow.values()]
    .map((r) => ({
      side: r.side,
      family: (r.block.includes(':') || r.block === OTHER_BLOCK_V6 ? 'ipv6' : 'ipv4') as 'ipv4' | 'ipv6',
      block: r.block,
      cells: r.cells.sort((a, b) => a[0]! - b[0]!),
      sortKey: `${r.side}|${blockSortKey(r.block)}`,
    }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ sortKey: _s, ...row }) => row);
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
