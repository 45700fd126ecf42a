/**
 * Scan detection (ATT&CK T1046) over one virtual shard's originator-keyed conn records.
 *
 * Three detectors share one pass and one per-source state:
 *
 * - `scan.trw` — Threshold Random Walk (Jung, Paxson, Berger, Balakrishnan, "Fast Portscan
 *   Detection Using Sequential Hypothesis Testing", IEEE S&P 2004). Per source, the first
 *   contact with each distinct host is a Bernoulli trial (answered or failed); the likelihood
 *   ratio Λ walks until it crosses η1 (scanner, one finding) or η0 (benign). Either decision
 *   ends the walk for that source, as in the paper: a benign host that is later compromised is
 *   left to the windowed detectors until its state expires.
 * - `scan.horizontal` — per (source, responder port, proto): distinct hosts in a sliding window
 *   (Zeek's `Scan::addr_scan_threshold` 25 / `addr_scan_interval` 5 min), plus a minimum share
 *   of failed first attempts so that busy clients (25 web servers in 5 minutes on 443 is
 *   ordinary browsing, nearly all answered) stay quiet.
 * - `scan.vertical` — per (source, destination host, proto): distinct ports in a sliding window
 *   (`Scan::port_scan_threshold` 15 / `port_scan_interval` 5 min), with the same failure-share
 *   guard (passive FTP and media streams open many answered ports on one server).
 *
 * Windowed findings are *episodes*: opened when a key crosses its threshold, extended while new
 * targets arrive, emitted when no new target arrived for window + lateness (or at finish, or
 * when the key is evicted). The window of a key ends at the key's latest event time; targets are
 * distinct within a window, so a long episode may count a host again once it left the window.
 *
 * Time is event time only. The shard's watermark is max ts − window − lateness: state older than
 * it is expired, both by a periodic sweep and lazily whenever it is touched, so results never
 * depend on when the sweep ran. Records older than max ts − lateness are "late": their windows
 * are closed, so they only feed TRW (which has no window) and are counted under `lateRecords`.
 *
 * Every table is capped per virtual shard, and the targets of all keys share one budget; at a
 * cap the least recently seen entry (by event time, ties by creation order) is evicted and
 * counted under the cap's name. Nothing here depends on Map iteration order: samples are sorted
 * and evictions pick an exact minimum. docs/detectors.md has the thresholds, the outcome table,
 * the severity rule and the limitations.
 */
import { formatAddress } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import {
  type BatchView,
  ConnState,
  Counter,
  Flag,
  isOriginatorDelivery,
  PROTO_NAMES,
  Proto,
  RecordKind,
  Str,
} from '../shared/record.js';
import type { AnalyzerFactory, ShardAnalyzer, ShardOutput } from './analyzer.js';
import { compareFindings, type Finding, makeFinding, type Severity } from './finding.js';
import { attemptOutcome, Outcome } from './outcome.js';

// ─── configuration ──────────────────────────────────────────────────────────────────────────

export interface ScanConfig {
  readonly enableTrw: boolean;
  readonly enableHorizontal: boolean;
  readonly enableVertical: boolean;
  /** Also observe UDP (all three detectors). Off: a UDP "no reply" is not a refusal. */
  readonly includeUdp: boolean;
  /** P(first contact answered | benign source). */
  readonly trwTheta0: number;
  /** P(first contact answered | scanner). */
  readonly trwTheta1: number;
  /** Target false-positive rate. */
  readonly trwAlpha: number;
  /** Target false-negative rate. */
  readonly trwBeta: number;
  readonly horizontalThreshold: number;
  readonly horizontalWindowSeconds: number;
  readonly horizontalMinFailedRatio: number;
  readonly verticalThreshold: number;
  readonly verticalWindowSeconds: number;
  readonly verticalMinFailedRatio: number;
  /** How far ts may step back (Zeek logs a connection when it ends) and still enter a window. */
  readonly latenessSeconds: number;
  /** A source idle this long (event time) forgets its TRW walk and decision. */
  readonly sourceIdleSeconds: number;
  readonly maxSources: number;
  readonly maxHorizontalKeys: number;
  readonly maxVerticalKeys: number;
  /** Distinct targets remembered per window key; must be ≥ both thresholds. */
  readonly maxTargetsPerKey: number;
  /** Targets remembered by all window keys of the shard together: the memory bound. */
  readonly maxTargets: number;
  /** Distinct hosts a walking source remembers for the first-contact rule. */
  readonly maxTrwContactsPerSource: number;
  /** Bound of every sample in a finding (targets, ports, uids). */
  readonly sampleSize: number;
}

export const DEFAULT_SCAN_CONFIG: ScanConfig = Object.freeze({
  enableTrw: true,
  enableHorizontal: true,
  enableVertical: true,
  includeUdp: false,
  trwTheta0: 0.8,
  trwTheta1: 0.2,
  trwAlpha: 0.01,
  trwBeta: 0.01,
  horizontalThreshold: 25,
  horizontalWindowSeconds: 300,
  horizontalMinFailedRatio: 0.2,
  verticalThreshold: 15,
  verticalWindowSeconds: 300,
  verticalMinFailedRatio: 0.2,
  latenessSeconds: 300,
  sourceIdleSeconds: 3600,
  maxSources: 8192,
  maxHorizontalKeys: 32_768,
  maxVerticalKeys: 32_768,
  maxTargetsPerKey: 256,
  maxTargets: 131_072,
  maxTrwContactsPerSource: 64,
  sampleSize: 20,
});

type Rule =
  | { readonly type: 'boolean' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'number'; readonly min: number; readonly max: number; readonly open?: boolean };

const DAY = 86_400;
const RULES: { readonly [K in keyof ScanConfig]: Rule } = {
  enableTrw: { type: 'boolean' },
  enableHorizontal: { type: 'boolean' },
  enableVertical: { type: 'boolean' },
  includeUdp: { type: 'boolean' },
  trwTheta0: { type: 'number', min: 0, max: 1, open: true },
  trwTheta1: { type: 'number', min: 0, max: 1, open: true },
  trwAlpha: { type: 'number', min: 0, max: 1, open: true },
  trwBeta: { type: 'number', min: 0, max: 1, open: true },
  horizontalThreshold: { type: 'integer', min: 2, max: 1_000_000 },
  horizontalWindowSeconds: { type: 'number', min: 1, max: 7 * DAY },
  horizontalMinFailedRatio: { type: 'number', min: 0, max: 1 },
  verticalThreshold: { type: 'integer', min: 2, max: 65_536 },
  verticalWindowSeconds: { type: 'number', min: 1, max: 7 * DAY },
  verticalMinFailedRatio: { type: 'number', min: 0, max: 1 },
  latenessSeconds: { type: 'number', min: 0, max: 7 * DAY },
  sourceIdleSeconds: { type: 'number', min: 1, max: 365 * DAY },
  maxSources: { type: 'integer', min: 1, max: 1 << 24 },
  maxHorizontalKeys: { type: 'integer', min: 1, max: 1 << 24 },
  maxVerticalKeys: { type: 'integer', min: 1, max: 1 << 24 },
  maxTargetsPerKey: { type: 'integer', min: 2, max: 1 << 20 },
  maxTargets: { type: 'integer', min: 2, max: 1 << 26 },
  maxTrwContactsPerSource: { type: 'integer', min: 1, max: 1 << 20 },
  sampleSize: { type: 'integer', min: 1, max: 1000 },
};

function describeRule(rule: Rule): string {
  if (rule.type === 'boolean') return 'must be true or false';
  if (rule.type === 'integer') return `must be a whole number from ${rule.min} to ${rule.max}`;
  return rule.open === true
    ? `must be a number strictly between ${rule.min} and ${rule.max}`
    : `must be a number from ${rule.min} to ${rule.max}`;
}

function fitsRule(rule: Rule, value: unknown): boolean {
  if (rule.type === 'boolean') return typeof value === 'boolean';
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.type === 'integer' && !Number.isInteger(value)) return false;
  if (rule.type === 'number' && rule.open === true) return value > rule.min && value < rule.max;
  return value >= rule.min && value <= rule.max;
}

/**
 * Fills defaults and checks every key once, at the edge. Throws InvalidOption naming the first
 * bad key (unknown keys included, so a typo is not silently ignored).
 */
export function validateScanConfig(partial: Readonly<Partial<ScanConfig>> = {}): ScanConfig {
  const bad = (key: string, why: string, value: unknown): never => {
    throw new NetscryError(ErrorCode.InvalidOption, `scan.${key} ${why}`, { key, value });
  };
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    bad('(config)', 'must be an object', partial);
  }
  const out: Record<string, unknown> = { ...DEFAULT_SCAN_CONFIG };
  for (const key of Object.keys(partial)) {
    const value = (partial as Record<string, unknown>)[key];
    if (!Object.hasOwn(RULES, key)) bad(key, 'is not a scan option', value);
    if (value === undefined) continue;
    const rule = RULES[key as keyof ScanConfig];
    if (!fitsRule(rule, value)) bad(key, describeRule(rule), value);
    out[key] = value;
  }
  const c = out as unknown as ScanConfig;
  if (c.trwTheta1 >= c.trwTheta0) bad('trwTheta1', 'must be below trwTheta0', c.trwTheta1);
  if (c.trwAlpha + c.trwBeta >= 1) bad('trwBeta', 'plus trwAlpha must be below 1', c.trwBeta);
  if (c.maxTargetsPerKey < Math.max(c.horizontalThreshold, c.verticalThreshold)) {
    bad('maxTargetsPerKey', 'must be at least the horizontal and vertical thresholds', c.maxTargetsPerKey);
  }
  if (c.maxTargets < c.maxTargetsPerKey) bad('maxTargets', 'must be at least maxTargetsPerKey', c.maxTargets);
  return Object.freeze(c);
}

// ─── addresses as map keys ──────────────────────────────────────────────────────────────────

/**
 * An address as a Map key without allocation for IPv4: the address itself as a signed 32-bit
 * integer. IPv6 becomes 32 hex digits (one string per IPv6 record: the price of exact keys,
 * a 53-bit hash would merge hosts). Numbers and strings never collide; compareKeys orders both.
 */
type AddrKey = number | string;

const V4_MAPPED = 0xffff;

function hex8(w: number): string {
  return w.toString(16).padStart(8, '0');
}

function addrKeyAt(view: BatchView, i: number, side: 0 | 1): AddrKey {
  const n = view.count;
  const a = view.addr;
  const at = side * 4 * n + i;
  const w0 = a[at]!;
  const w1 = a[at + n]!;
  const w2 = a[at + 2 * n]!;
  const w3 = a[at + 3 * n]!;
  // Signed: a 32-bit integer is a V8 Smi (no allocation, fast Map hashing); the unsigned value
  // above 2³¹ would be a heap number, which made Map lookups about twice as slow.
  if (w0 === 0 && w1 === 0 && w2 === V4_MAPPED) return w3 | 0;
  return hex8(w0) + hex8(w1) + hex8(w2) + hex8(w3);
}

function formatKey(key: AddrKey): string {
  const words = new Uint32Array(4);
  if (typeof key === 'number') {
    words[2] = V4_MAPPED;
    words[3] = key;
  } else {
    for (let w = 0; w < 4; w++) words[w] = Number.parseInt(key.slice(w * 8, w * 8 + 8), 16);
  }
  return formatAddress(words);
}

/** IPv4 before IPv6, each in address order; also orders ports (numbers). */
function compareKeys(a: AddrKey, b: AddrKey): number {
  if (typeof a === 'number') return typeof b === 'number' ? (a >>> 0) - (b >>> 0) : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ─── state ──────────────────────────────────────────────────────────────────────────────────

/** Anything a capped table holds: recency by event time, creation order for ties. */
interface Tracked {
  lastTs: number;
  readonly seq: number;
  /** False once removed: stale eviction candidates are recognised by it. */
  alive: boolean;
}

function olderThan(ts: number, seq: number, otherTs: number, otherSeq: number): boolean {
  return ts < otherTs || (ts === otherTs && seq < otherSeq);
}

/**
 * The recency order of one capped table: finds the least recently seen member (by event time,
 * ties by creation order) exactly. The members live in the analyzer's maps; `collect` lists
 * them.
 *
 * Nothing is kept until a cap is first hit; from then on a binary min-heap holds one entry per
 * member with the time it had when queued. Times only grow, so a queued time is never later
 * than the member's own: when the top entry's time is current it is the true minimum, and when
 * it is not, the member is queued again at its current time. Touching a member costs nothing;
 * a new member costs an O(log n) push (O(1) on average: it is usually the newest); removed
 * members are skipped when they surface and compacted away once they outnumber the live ones.
 * Times and creation numbers sit in parallel arrays so sifting never dereferences a member.
 */
class RecencyPool<T extends Tracked> {
  size = 0;
  private readonly collect: () => T[];
  private heap: T[] = [];
  private heapTs: number[] = [];
  private heapSeq: number[] = [];
  private active = false;

  constructor(collect: () => T[]) {
    this.collect = collect;
  }

  add(e: T): void {
    this.size++;
    if (this.active) this.push(e, e.lastTs);
  }

  remove(e: T): void {
    e.alive = false;
    this.size--;
    if (this.active && this.heap.length > 2 * this.size + 64) this.rebuild();
  }

  /** The least recently seen member, left in place (the caller may remove it). */
  oldest(): T | undefined {
    if (!this.active) this.rebuild();
    while (this.heap.length > 0) {
      const e = this.heap[0]!;
      if (e.alive && e.lastTs === this.heapTs[0]) return e;
      this.popMin();
      if (e.alive) this.push(e, e.lastTs);
    }
    return undefined;
  }

  /** Drops the heap (after a sweep it mostly references dead entries). */
  reset(): void {
    this.heap = [];
    this.heapTs = [];
    this.heapSeq = [];
    this.active = false;
  }

  private rebuild(): void {
    this.heap = this.collect();
    this.heapTs = this.heap.map((e) => e.lastTs);
    this.heapSeq = this.heap.map((e) => e.seq);
    for (let i = (this.heap.length >>> 1) - 1; i >= 0; i--) this.siftDown(i);
    this.active = true;
  }

  private less(i: number, j: number): boolean {
    return olderThan(this.heapTs[i]!, this.heapSeq[i]!, this.heapTs[j]!, this.heapSeq[j]!);
  }

  private swap(i: number, j: number): void {
    const e = this.heap[i]!;
    const ts = this.heapTs[i]!;
    const seq = this.heapSeq[i]!;
    this.heap[i] = this.heap[j]!;
    this.heapTs[i] = this.heapTs[j]!;
    this.heapSeq[i] = this.heapSeq[j]!;
    this.heap[j] = e;
    this.heapTs[j] = ts;
    this.heapSeq[j] = seq;
  }

  private push(e: T, ts: number): void {
    let i = this.heap.length;
    this.heap.push(e);
    this.heapTs.push(ts);
    this.heapSeq.push(e.seq);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private popMin(): void {
    const last = this.heap.length - 1;
    this.swap(0, last);
    this.heap.pop();
    this.heapTs.pop();
    this.heapSeq.pop();
    this.siftDown(0);
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.less(r, l) ? r : l;
      if (!this.less(c, i)) return;
      this.swap(i, c);
      i = c;
    }
  }
}

interface Target {
  /** Host key (horizontal) or port (vertical). */
  readonly key: AddrKey;
  /** First contact within the current window. */
  first: number;
  /** Latest contact. */
  ts: number;
  /** Outcome of the first contact within the window (a later success does not undo it). */
  failed: boolean;
  /** Decoded only when it may reach a sample (see windowObserve): a decode costs ~0.6 µs. */
  uid: string | undefined;
}

interface Episode {
  firstTs: number;
  lastTs: number;
  /** First contact of the newest target: the episode ends window + lateness after it. */
  lastNewTs: number;
  distinct: number;
  failed: number;
  sample: AddrKey[];
  uids: string[];
}

const KeyKind = { Horizontal: 0, Vertical: 1 } as const;
type KeyKind = (typeof KeyKind)[keyof typeof KeyKind];

/** Targets a key may hold before stale ones are first pruned (see WindowKey.pruneAt). */
const PRUNE_FLOOR = 8;

/** Targets held by all keys of a shard, against `maxTargets`. */
interface Budget {
  targets: number;
}

interface WindowKey extends Tracked {
  readonly kind: KeyKind;
  readonly budget: Budget;
  readonly source: Source;
  readonly mapKey: AddrKey;
  /** Responder port (horizontal); -1 for vertical keys. */
  readonly port: number;
  readonly proto: number;
  /** Destination host (vertical). */
  readonly dst: AddrKey | undefined;
  /**
   * The targets, possibly some already outside the window. Most keys only ever see one target
   * (a client's one port on a server), so the first lives inline and a Map (~200 bytes) is
   * made for the second: per-pair memory is what bounds this analyzer's speed.
   */
  one: Target | undefined;
  many: Map<AddrKey, Target> | undefined;
  failed: number;
  /**
   * Target count at which stale targets are pruned next: twice the live count after the last
   * prune, so memory stays within 2× the window's content at O(1) amortised cost. It only
   * decides when memory is reclaimed, never a result (decisions prune exactly first).
   */
  pruneAt: number;
  episode: Episode | undefined;
}

const TrwState = { Walking: 0, Scanner: 1, Benign: 2 } as const;
type TrwState = (typeof TrwState)[keyof typeof TrwState];

interface Trw {
  state: TrwState;
  lambda: number;
  /** Host → latest contact ts; dropped once decided. */
  contacts: Map<AddrKey, number> | undefined;
  firstContacts: number;
  successes: number;
  failures: number;
  firstTs: number;
  lastTs: number;
  failedSample: AddrKey[];
  /** Uids of the latest walk steps (the ones that decided), oldest first. */
  uids: string[];
}

interface Source extends Tracked {
  readonly key: AddrKey;
  horizontal: Map<number, WindowKey> | undefined;
  /** Vertical keys by destination host, one map per protocol so the key stays a small integer. */
  vertical: Map<AddrKey, WindowKey> | undefined;
  verticalUdp: Map<AddrKey, WindowKey> | undefined;
  trw: Trw | undefined;
}

/** Names under which `ShardOutput.evictions` counts; the caps are named after their option. */
export const SCAN_EVICTION_NAMES = [
  'maxSources',
  'maxHorizontalKeys',
  'maxVerticalKeys',
  'maxTargetsPerKey',
  'maxTargets',
  'maxTrwContactsPerSource',
  'lateRecords',
] as const;
type EvictionName = (typeof SCAN_EVICTION_NAMES)[number];

const BOTH_ADDRESSES = Flag.OrigSet | Flag.RespSet;

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/**
 * Severity by how far past the threshold an episode went (< 2×: low, < 4×: medium, else high).
 * Confidence 0.5, + up to 0.25 by the share of failed targets (refused or unanswered probing is
 * what distinguishes a scan from a busy client), + up to 0.2 as the count reaches 4× the
 * threshold; capped at 0.95 and rounded so the finding id is stable.
 */
function windowSeverity(distinct: number, threshold: number): Severity {
  if (distinct >= 4 * threshold) return 'high';
  if (distinct >= 2 * threshold) return 'medium';
  return 'low';
}

function windowConfidence(distinct: number, threshold: number, failedRatio: number): number {
  const excess = Math.min(1, (distinct - threshold) / (3 * threshold));
  return round(Math.min(0.95, 0.5 + 0.25 * failedRatio + 0.2 * excess), 2);
}

// ─── snapshot shapes (plain data for msgpackr) ──────────────────────────────────────────────

const SNAPSHOT_VERSION = 1;

/** [target, first, ts, failed (0/1), uid or null] */
type TargetSnap = [AddrKey, number, number, number, string | null];

interface EpisodeSnap {
  firstTs: number;
  lastTs: number;
  lastNewTs: number;
  distinct: number;
  failed: number;
  sample: AddrKey[];
  uids: string[];
}

interface KeySnap {
  seq: number;
  lastTs: number;
  port: number;
  proto: number;
  dst: AddrKey | null;
  targets: TargetSnap[];
  episode: EpisodeSnap | null;
}

interface TrwSnap {
  state: number;
  lambda: number;
  contacts: [AddrKey, number][] | null;
  firstContacts: number;
  successes: number;
  failures: number;
  firstTs: number;
  lastTs: number;
  failedSample: AddrKey[];
  uids: string[];
}

interface SourceSnap {
  key: AddrKey;
  seq: number;
  lastTs: number;
  trw: TrwSnap | null;
  horizontal: KeySnap[];
  vertical: KeySnap[];
}

interface ScanSnapshot {
  version: number;
  vshard: number;
  maxTs: number | null;
  nextSweepAt: number | null;
  seq: number;
  evictions: Record<string, number>;
  findings: Finding[];
  sources: SourceSnap[];
}

// ─── the analyzer ───────────────────────────────────────────────────────────────────────────

class ScanShard implements ShardAnalyzer {
  private readonly c: ScanConfig;
  private readonly vshard: number;
  private readonly successFactor: number;
  private readonly failureFactor: number;
  private readonly eta0: number;
  private readonly eta1: number;
  private readonly horizontalTtl: number;
  private readonly verticalTtl: number;
  private readonly sourceTtl: number;
  private readonly sweepEvery: number;
  private readonly sources = new Map<AddrKey, Source>();
  private readonly sourcePool = new RecencyPool<Source>(() => [...this.sources.values()]);
  private readonly horizontalPool = new RecencyPool<WindowKey>(() => this.allKeys(KeyKind.Horizontal));
  private readonly verticalPool = new RecencyPool<WindowKey>(() => this.allKeys(KeyKind.Vertical));
  private readonly budget: Budget = { targets: 0 };
  private readonly findings: Finding[] = [];
  private readonly evicted: Record<EvictionName, number> = {
    maxSources: 0,
    maxHorizontalKeys: 0,
    maxVerticalKeys: 0,
    maxTargetsPerKey: 0,
    maxTargets: 0,
    maxTrwContactsPerSource: 0,
    lateRecords: 0,
  };
  private maxTs = Number.NEGATIVE_INFINITY;
  private nextSweepAt = Number.NEGATIVE_INFINITY;
  private seq = 0;
  /** The record being observed, for decoding its uid at most once and only when needed. */
  private view: BatchView | undefined;
  private index = 0;
  private uid: string | undefined;

  constructor(vshard: number, config: ScanConfig) {
    this.vshard = vshard;
    this.c = config;
    const { trwTheta0: t0, trwTheta1: t1, trwAlpha: a, trwBeta: b } = config;
    this.successFactor = t1 / t0;
    this.failureFactor = (1 - t1) / (1 - t0);
    this.eta1 = (1 - b) / a;
    this.eta0 = b / (1 - a);
    this.horizontalTtl = config.horizontalWindowSeconds + config.latenessSeconds;
    this.verticalTtl = config.verticalWindowSeconds + config.latenessSeconds;
    this.sourceTtl =
      Math.max(config.sourceIdleSeconds, config.horizontalWindowSeconds, config.verticalWindowSeconds) +
      config.latenessSeconds;
    this.sweepEvery = Math.min(config.horizontalWindowSeconds, config.verticalWindowSeconds);
  }

  observe(view: BatchView, i: number): void {
    if (view.kind[i] !== RecordKind.Conn) return;
    const flags = view.flags[i]!;
    if ((flags & BOTH_ADDRESSES) !== BOTH_ADDRESSES || !isOriginatorDelivery(flags)) return;
    const proto = view.proto[i]!;
    if (proto !== Proto.Tcp && (proto !== Proto.Udp || !this.c.includeUdp)) return;
    const ts = view.ts[i]!;
    // A conn record without a start time cannot be placed in any window.
    if (!Number.isFinite(ts)) return;
    let late = false;
    if (ts > this.maxTs) {
      this.maxTs = ts;
      if (ts >= this.nextSweepAt) this.sweep();
    } else if (ts < this.maxTs - this.c.latenessSeconds) {
      late = true;
      this.evicted.lateRecords++;
    }
    // A record adds at most two targets, so the budget is held to within two of its cap.
    if (this.budget.targets >= this.c.maxTargets) this.shedTargets();
    const outcome = attemptOutcome(view, i);
    const src = addrKeyAt(view, i, 0);
    const dst = addrKeyAt(view, i, 1);
    this.view = view;
    this.index = i;
    this.uid = undefined;
    const source = this.sourceFor(src, ts);
    if (this.c.enableTrw && outcome !== Outcome.Unknown)
      this.walk(source, dst, outcome === Outcome.Failed, ts);
    if (!late) {
      const failed = outcome === Outcome.Failed;
      if (this.c.enableHorizontal) {
        const port = view.respPort[i]!;
        const key = this.horizontalKey(source, port, proto, ts);
        this.windowObserve(key, dst, failed, ts);
      }
      if (this.c.enableVertical) {
        const key = this.verticalKey(source, dst, proto, ts);
        this.windowObserve(key, view.respPort[i]!, failed, ts);
      }
    }
    this.view = undefined;
  }

  finish(): ShardOutput {
    for (const s of this.sources.values()) forEachKey(s, (k) => this.closeEpisode(k));
    const findings = [...this.findings].sort(compareFindings);
    return { findings, partial: undefined, evictions: { ...this.evicted } };
  }

  snapshot(): ScanSnapshot {
    const keySnap = (k: WindowKey): KeySnap => {
      const targets: TargetSnap[] = [];
      forEachTarget(k, (e) => {
        targets.push([e.key, e.first, e.ts, e.failed ? 1 : 0, e.uid ?? null]);
      });
      const ep = k.episode;
      return {
        seq: k.seq,
        lastTs: k.lastTs,
        port: k.port,
        proto: k.proto,
        dst: k.dst ?? null,
        targets,
        episode: ep === undefined ? null : { ...ep, sample: [...ep.sample], uids: [...ep.uids] },
      };
    };
    const sources: SourceSnap[] = [];
    for (const s of this.sources.values()) {
      const t = s.trw;
      sources.push({
        key: s.key,
        seq: s.seq,
        lastTs: s.lastTs,
        trw:
          t === undefined
            ? null
            : {
                ...t,
                contacts: t.contacts === undefined ? null : [...t.contacts],
                failedSample: [...t.failedSample],
                uids: [...t.uids],
              },
        horizontal: s.horizontal === undefined ? [] : [...s.horizontal.values()].map(keySnap),
        vertical: [...(s.vertical?.values() ?? []), ...(s.verticalUdp?.values() ?? [])].map(keySnap),
      });
    }
    return {
      version: SNAPSHOT_VERSION,
      vshard: this.vshard,
      maxTs: Number.isFinite(this.maxTs) ? this.maxTs : null,
      nextSweepAt: Number.isFinite(this.nextSweepAt) ? this.nextSweepAt : null,
      seq: this.seq,
      evictions: { ...this.evicted },
      findings: [...this.findings],
      sources,
    };
  }

  static restore(vshard: number, config: ScanConfig, snapshot: unknown): ScanShard {
    const snap = snapshot as Partial<ScanSnapshot> | null;
    if (snap === null || typeof snap !== 'object' || snap.version !== SNAPSHOT_VERSION) {
      throw new NetscryError(ErrorCode.CheckpointMismatch, 'not a scan analyzer snapshot of this version', {
        expected: SNAPSHOT_VERSION,
      });
    }
    if (snap.vshard !== vshard) {
      throw new NetscryError(ErrorCode.CheckpointMismatch, 'scan snapshot belongs to another virtual shard', {
        expected: vshard,
        found: snap.vshard,
      });
    }
    const full = snap as ScanSnapshot;
    const shard = new ScanShard(vshard, config);
    shard.maxTs = full.maxTs ?? Number.NEGATIVE_INFINITY;
    shard.nextSweepAt = full.nextSweepAt ?? Number.NEGATIVE_INFINITY;
    shard.seq = full.seq;
    for (const name of SCAN_EVICTION_NAMES) shard.evicted[name] = full.evictions[name] ?? 0;
    for (const f of full.findings) shard.findings.push(f);
    for (const s of full.sources) {
      const t = s.trw;
      const source: Source = {
        key: s.key,
        seq: s.seq,
        lastTs: s.lastTs,
        alive: true,
        horizontal: undefined,
        vertical: undefined,
        verticalUdp: undefined,
        trw:
          t === null
            ? undefined
            : {
                ...t,
                state: t.state as TrwState,
                contacts: t.contacts === null ? undefined : new Map(t.contacts),
                failedSample: [...t.failedSample],
                uids: [...t.uids],
              },
      };
      shard.sources.set(source.key, source);
      shard.sourcePool.add(source);
      for (const k of s.horizontal) shard.restoreKey(source, KeyKind.Horizontal, k);
      for (const k of s.vertical) shard.restoreKey(source, KeyKind.Vertical, k);
    }
    return shard;
  }

  private restoreKey(source: Source, kind: KeyKind, k: KeySnap): void {
    const dst = k.dst ?? undefined;
    const key: WindowKey = {
      kind,
      budget: this.budget,
      source,
      mapKey: kind === KeyKind.Horizontal ? k.port * 4 + k.proto : dst!,
      port: k.port,
      proto: k.proto,
      dst,
      seq: k.seq,
      lastTs: k.lastTs,
      alive: true,
      one: undefined,
      many: undefined,
      failed: 0,
      pruneAt: PRUNE_FLOOR,
      episode:
        k.episode === null
          ? undefined
          : { ...k.episode, sample: [...k.episode.sample], uids: [...k.episode.uids] },
    };
    for (const [t, first, ts, failed, uid] of k.targets) {
      addTarget(key, { key: t, first, ts, failed: failed === 1, uid: uid ?? undefined });
    }
    this.attachKey(key);
  }

  private allKeys(kind: KeyKind): WindowKey[] {
    const out: WindowKey[] = [];
    for (const s of this.sources.values()) {
      forEachKey(s, (k) => {
        if (k.kind === kind) out.push(k);
      });
    }
    return out;
  }

  // ── record path ──

  private currentUid(): string {
    if (this.uid === undefined) this.uid = this.view!.str(this.index, Str.Uid);
    return this.uid;
  }

  private sourceFor(key: AddrKey, ts: number): Source {
    let s = this.sources.get(key);
    if (s !== undefined && s.lastTs < this.maxTs - this.sourceTtl) {
      this.dropSource(s);
      s = undefined;
    }
    if (s === undefined) {
      while (this.sources.size >= this.c.maxSources) {
        const victim = this.sourcePool.oldest()!;
        if (victim.lastTs >= this.maxTs - this.sourceTtl) this.evicted.maxSources++;
        this.dropSource(victim);
      }
      s = {
        key,
        seq: this.seq++,
        lastTs: ts,
        alive: true,
        horizontal: undefined,
        vertical: undefined,
        verticalUdp: undefined,
        trw: undefined,
      };
      this.sources.set(key, s);
      this.sourcePool.add(s);
    } else if (ts > s.lastTs) {
      s.lastTs = ts;
    }
    return s;
  }

  private walk(source: Source, dst: AddrKey, failed: boolean, ts: number): void {
    let t = source.trw;
    if (t === undefined) {
      t = {
        state: TrwState.Walking,
        lambda: 1,
        contacts: new Map(),
        firstContacts: 0,
        successes: 0,
        failures: 0,
        firstTs: ts,
        lastTs: ts,
        failedSample: [],
        uids: [],
      };
      source.trw = t;
    }
    const contacts = t.contacts;
    if (contacts === undefined) return;
    const seen = contacts.get(dst);
    if (seen !== undefined) {
      if (ts > seen) contacts.set(dst, ts);
      return;
    }
    if (contacts.size >= this.c.maxTrwContactsPerSource) {
      dropOldestContact(contacts);
      this.evicted.maxTrwContactsPerSource++;
    }
    contacts.set(dst, ts);
    if (t.firstContacts === 0 || ts < t.firstTs) t.firstTs = ts;
    if (ts > t.lastTs) t.lastTs = ts;
    t.firstContacts++;
    if (failed) {
      t.failures++;
      t.lambda *= this.failureFactor;
      if (t.failedSample.length < this.c.sampleSize) t.failedSample.push(dst);
    } else {
      t.successes++;
      t.lambda *= this.successFactor;
    }
    t.uids.push(this.currentUid());
    if (t.uids.length > this.c.sampleSize) t.uids.shift();
    if (t.lambda >= this.eta1) {
      t.state = TrwState.Scanner;
      t.contacts = undefined;
      this.findings.push(this.trwFinding(source, t));
    } else if (t.lambda <= this.eta0) {
      t.state = TrwState.Benign;
      t.contacts = undefined;
    }
  }

  private horizontalKey(source: Source, port: number, proto: number, ts: number): WindowKey {
    const mapKey = port * 4 + proto;
    let k = source.horizontal?.get(mapKey);
    if (k !== undefined && k.lastTs < this.maxTs - this.horizontalTtl) {
      this.dropKey(k);
      k = undefined;
    }
    if (k === undefined) {
      this.makeRoom(this.horizontalPool, this.c.maxHorizontalKeys, this.horizontalTtl, 'maxHorizontalKeys');
      k = this.newKey(KeyKind.Horizontal, source, mapKey, port, proto, undefined, ts);
    }
    return k;
  }

  private verticalKey(source: Source, dst: AddrKey, proto: number, ts: number): WindowKey {
    const mapKey = dst;
    let k = (proto === Proto.Udp ? source.verticalUdp : source.vertical)?.get(mapKey);
    if (k !== undefined && k.lastTs < this.maxTs - this.verticalTtl) {
      this.dropKey(k);
      k = undefined;
    }
    if (k === undefined) {
      this.makeRoom(this.verticalPool, this.c.maxVerticalKeys, this.verticalTtl, 'maxVerticalKeys');
      k = this.newKey(KeyKind.Vertical, source, mapKey, -1, proto, dst, ts);
    }
    return k;
  }

  /** Evicts whole keys, least recently seen first across both kinds, until under maxTargets. */
  private shedTargets(): void {
    while (this.budget.targets >= this.c.maxTargets) {
      const h = this.horizontalPool.oldest();
      const v = this.verticalPool.oldest();
      const victim =
        h === undefined || (v !== undefined && olderThan(v.lastTs, v.seq, h.lastTs, h.seq)) ? v! : h;
      const ttl = victim.kind === KeyKind.Horizontal ? this.horizontalTtl : this.verticalTtl;
      if (victim.lastTs >= this.maxTs - ttl) this.evicted.maxTargets++;
      this.dropKey(victim);
    }
  }

  private makeRoom(pool: RecencyPool<WindowKey>, cap: number, ttl: number, name: EvictionName): void {
    while (pool.size >= cap) {
      const victim = pool.oldest()!;
      // An expired victim is what a sweep would have removed anyway: not a cap eviction.
      if (victim.lastTs >= this.maxTs - ttl) this.evicted[name]++;
      this.dropKey(victim);
    }
  }

  private newKey(
    kind: KeyKind,
    source: Source,
    mapKey: AddrKey,
    port: number,
    proto: number,
    dst: AddrKey | undefined,
    ts: number,
  ): WindowKey {
    const key: WindowKey = {
      kind,
      budget: this.budget,
      source,
      mapKey,
      port,
      proto,
      dst,
      seq: this.seq++,
      lastTs: ts,
      alive: true,
      one: undefined,
      many: undefined,
      failed: 0,
      pruneAt: PRUNE_FLOOR,
      episode: undefined,
    };
    this.attachKey(key);
    return key;
  }

  private attachKey(key: WindowKey): void {
    const source = key.source;
    if (key.kind === KeyKind.Horizontal) {
      if (source.horizontal === undefined) source.horizontal = new Map();
      source.horizontal.set(key.mapKey as number, key);
      this.horizontalPool.add(key);
    } else {
      if (key.proto === Proto.Udp) {
        if (source.verticalUdp === undefined) source.verticalUdp = new Map();
        source.verticalUdp.set(key.mapKey, key);
      } else {
        if (source.vertical === undefined) source.vertical = new Map();
        source.vertical.set(key.mapKey, key);
      }
      this.verticalPool.add(key);
    }
  }

  private windowObserve(k: WindowKey, target: AddrKey, failed: boolean, ts: number): void {
    const horizontal = k.kind === KeyKind.Horizontal;
    const window = horizontal ? this.c.horizontalWindowSeconds : this.c.verticalWindowSeconds;
    const ep = k.episode;
    if (ep !== undefined && ep.lastNewTs < this.maxTs - window - this.c.latenessSeconds) this.closeEpisode(k);
    if (ts > k.lastTs) k.lastTs = ts;
    const cutoff = k.lastTs - window;
    if (ts < cutoff) return;
    const known = getTarget(k, target);
    if (known !== undefined) {
      if (known.ts >= cutoff) {
        if (ts > known.ts) known.ts = ts;
        if (k.episode !== undefined && ts > k.episode.lastTs) k.episode.lastTs = ts;
        return;
      }
      // Left the window before this contact: a first contact again.
      removeTarget(k, known);
    }
    let count = targetCount(k);
    if (count >= k.pruneAt || count >= this.c.maxTargetsPerKey) {
      prune(k, cutoff);
      count = targetCount(k);
      k.pruneAt = Math.max(PRUNE_FLOOR, 2 * count);
      if (count >= this.c.maxTargetsPerKey) {
        dropOldestTarget(k);
        this.evicted.maxTargetsPerKey++;
        count--;
      }
    }
    const threshold = horizontal ? this.c.horizontalThreshold : this.c.verticalThreshold;
    const sampleSize = this.c.sampleSize;
    const open = k.episode;
    const size = count + 1;
    // A uid costs a UTF-8 decode (~0.6 µs). Before an episode only failed contacts near the
    // threshold keep theirs: they are the evidence, and most keys never get that far.
    const wantUid =
      open !== undefined ? open.uids.length < sampleSize : failed && size > threshold - sampleSize;
    addTarget(k, { key: target, first: ts, ts, failed, uid: wantUid ? this.currentUid() : undefined });
    if (open !== undefined) {
      open.distinct++;
      if (failed) open.failed++;
      if (ts > open.lastNewTs) open.lastNewTs = ts;
      if (ts < open.firstTs) open.firstTs = ts;
      if (ts > open.lastTs) open.lastTs = ts;
      if (open.sample.length < sampleSize) open.sample.push(target);
      if (wantUid) open.uids.push(this.currentUid());
      return;
    }
    if (size < threshold) return;
    prune(k, cutoff);
    count = targetCount(k);
    k.pruneAt = Math.max(PRUNE_FLOOR, 2 * count);
    const minRatio = horizontal ? this.c.horizontalMinFailedRatio : this.c.verticalMinFailedRatio;
    if (count < threshold || k.failed / count < minRatio) return;
    k.episode = openEpisode(k, sampleSize);
  }

  // ── expiry and eviction ──

  private sweep(): void {
    this.nextSweepAt = this.maxTs + this.sweepEvery;
    const sourceCut = this.maxTs - this.sourceTtl;
    const horizontalCut = this.maxTs - this.horizontalTtl;
    const verticalCut = this.maxTs - this.verticalTtl;
    const sweepKey = (k: WindowKey): void => {
      const cut = k.kind === KeyKind.Horizontal ? horizontalCut : verticalCut;
      if (k.lastTs < cut) this.dropKey(k);
      else if (k.episode !== undefined && k.episode.lastNewTs < cut) this.closeEpisode(k);
    };
    for (const s of this.sources.values()) {
      if (s.lastTs < sourceCut) this.dropSource(s);
      else forEachKey(s, sweepKey);
    }
    this.sourcePool.reset();
    this.horizontalPool.reset();
    this.verticalPool.reset();
  }

  private dropSource(s: Source): void {
    forEachKey(s, (k) => this.dropKey(k));
    this.sources.delete(s.key);
    this.sourcePool.remove(s);
  }

  /** Removes a key; an open episode is a scan that happened, so it is emitted, not lost. */
  private dropKey(k: WindowKey): void {
    this.closeEpisode(k);
    clearTargets(k);
    if (k.kind === KeyKind.Horizontal) {
      k.source.horizontal!.delete(k.mapKey as number);
      this.horizontalPool.remove(k);
    } else {
      (k.proto === Proto.Udp ? k.source.verticalUdp : k.source.vertical)!.delete(k.mapKey);
      this.verticalPool.remove(k);
    }
  }

  /** Emits an open episode and starts the key afresh, so a later scan needs a full threshold. */
  private closeEpisode(k: WindowKey): void {
    const ep = k.episode;
    if (ep === undefined) return;
    this.findings.push(this.windowFinding(k, ep));
    k.episode = undefined;
    clearTargets(k);
  }

  // ── findings (strings are built here only) ──

  private windowFinding(k: WindowKey, ep: Episode): Finding {
    const horizontal = k.kind === KeyKind.Horizontal;
    const c = this.c;
    const threshold = horizontal ? c.horizontalThreshold : c.verticalThreshold;
    const window = horizontal ? c.horizontalWindowSeconds : c.verticalWindowSeconds;
    const src = formatKey(k.source.key);
    const proto = PROTO_NAMES[k.proto] ?? 'unknown_transport';
    const failedRatio = ep.failed / ep.distinct;
    const sample = [...ep.sample].sort(compareKeys);
    const uids = [...ep.uids].sort();
    const span = ep.lastTs - ep.firstTs;
    const within = span <= window ? `within ${window} s` : `over ${Math.round(span)} s`;
    const common = {
      threshold,
      windowSeconds: window,
      failed: ep.failed,
      failedRatio: round(failedRatio, 3),
      minFailedRatio: horizontal ? c.horizontalMinFailedRatio : c.verticalMinFailedRatio,
      sampleUids: uids,
    };
    if (horizontal) {
      const port = String(k.port);
      return makeFinding({
        detector: 'scan.horizontal',
        attack: 'T1046',
        severity: windowSeverity(ep.distinct, threshold),
        confidence: windowConfidence(ep.distinct, threshold, failedRatio),
        firstTs: ep.firstTs,
        lastTs: ep.lastTs,
        entities: { src, port, proto },
        evidence: { distinctHosts: ep.distinct, ...common, sampleHosts: sample.map(formatKey) },
        summary: `${src} probed ${ep.distinct} hosts on ${port}/${proto} ${within} (${ep.failed} failed)`,
      });
    }
    const dst = formatKey(k.dst!);
    return makeFinding({
      detector: 'scan.vertical',
      attack: 'T1046',
      severity: windowSeverity(ep.distinct, threshold),
      confidence: windowConfidence(ep.distinct, threshold, failedRatio),
      firstTs: ep.firstTs,
      lastTs: ep.lastTs,
      entities: { src, dst, proto },
      evidence: { distinctPorts: ep.distinct, ...common, samplePorts: sample },
      summary: `${src} probed ${ep.distinct} ${proto} ports on ${dst} ${within} (${ep.failed} failed)`,
    });
  }

  private trwFinding(source: Source, t: Trw): Finding {
    const c = this.c;
    const src = formatKey(source.key);
    const lambda = round(t.lambda, 6);
    const eta1 = round(this.eta1, 6);
    return makeFinding({
      detector: 'scan.trw',
      attack: 'T1046',
      severity: 'medium',
      // The test was built to be wrong about a benign host with probability ≤ α.
      confidence: round(1 - c.trwAlpha, 4),
      firstTs: t.firstTs,
      lastTs: t.lastTs,
      entities: { src },
      evidence: {
        lambda,
        eta0: round(this.eta0, 6),
        eta1,
        theta0: c.trwTheta0,
        theta1: c.trwTheta1,
        alpha: c.trwAlpha,
        beta: c.trwBeta,
        firstContacts: t.firstContacts,
        successes: t.successes,
        failures: t.failures,
        failedTargets: [...t.failedSample].sort(compareKeys).map(formatKey),
        uids: [...t.uids],
      },
      summary:
        `${src} failed ${t.failures} of ${t.firstContacts} first contacts with distinct hosts ` +
        `(TRW Λ ${Number(lambda.toPrecision(4))} ≥ η1 ${Number(eta1.toPrecision(4))})`,
    });
  }
}

function forEachKey(s: Source, fn: (k: WindowKey) => void): void {
  if (s.horizontal !== undefined) for (const k of s.horizontal.values()) fn(k);
  if (s.vertical !== undefined) for (const k of s.vertical.values()) fn(k);
  if (s.verticalUdp !== undefined) for (const k of s.verticalUdp.values()) fn(k);
}

// Targets of a key: the first inline, a Map from the second on (see WindowKey).

function getTarget(k: WindowKey, target: AddrKey): Target | undefined {
  if (k.many !== undefined) return k.many.get(target);
  return k.one !== undefined && k.one.key === target ? k.one : undefined;
}

function targetCount(k: WindowKey): number {
  return k.many !== undefined ? k.many.size : k.one !== undefined ? 1 : 0;
}

function addTarget(k: WindowKey, e: Target): void {
  k.budget.targets++;
  if (e.failed) k.failed++;
  if (k.many !== undefined) k.many.set(e.key, e);
  else if (k.one === undefined) k.one = e;
  else {
    const many = new Map<AddrKey, Target>();
    many.set(k.one.key, k.one);
    many.set(e.key, e);
    k.many = many;
    k.one = undefined;
  }
}

function removeTarget(k: WindowKey, e: Target): void {
  k.budget.targets--;
  if (e.failed) k.failed--;
  if (k.many !== undefined) k.many.delete(e.key);
  else k.one = undefined;
}

function clearTargets(k: WindowKey): void {
  k.budget.targets -= targetCount(k);
  k.one = undefined;
  k.many = undefined;
  k.failed = 0;
  k.pruneAt = PRUNE_FLOOR;
}

function forEachTarget(k: WindowKey, fn: (e: Target) => void): void {
  if (k.many !== undefined) for (const e of k.many.values()) fn(e);
  else if (k.one !== undefined) fn(k.one);
}

/** Removes every target that left the window. O(targets), amortised by `pruneAt`. */
function prune(k: WindowKey, cutoff: number): void {
  forEachTarget(k, (e) => {
    if (e.ts < cutoff) removeTarget(k, e);
  });
}

/** At the per-key cap with every target live: drop the least recently seen (ties: lowest key). */
function dropOldestTarget(k: WindowKey): void {
  let victim: Target | undefined;
  forEachTarget(k, (e) => {
    if (
      victim === undefined ||
      e.ts < victim.ts ||
      (e.ts === victim.ts && compareKeys(e.key, victim.key) < 0)
    ) {
      victim = e;
    }
  });
  removeTarget(k, victim!);
}

function dropOldestContact(contacts: Map<AddrKey, number>): void {
  let victim: AddrKey | undefined;
  let victimTs = Number.POSITIVE_INFINITY;
  for (const [t, ts] of contacts) {
    if (ts < victimTs || (ts === victimTs && compareKeys(t, victim!) < 0)) {
      victim = t;
      victimTs = ts;
    }
  }
  contacts.delete(victim!);
}

/** The window at the crossing becomes the episode's first targets (already pruned). */
function openEpisode(k: WindowKey, sampleSize: number): Episode {
  const entries: Target[] = [];
  forEachTarget(k, (e) => {
    entries.push(e);
  });
  entries.sort((a, b) => compareKeys(a.key, b.key));
  let firstTs = Number.POSITIVE_INFINITY;
  let lastTs = Number.NEGATIVE_INFINITY;
  let lastNewTs = Number.NEGATIVE_INFINITY;
  const uids: string[] = [];
  for (const e of entries) {
    if (e.first < firstTs) firstTs = e.first;
    if (e.ts > lastTs) lastTs = e.ts;
    if (e.first > lastNewTs) lastNewTs = e.first;
    if (e.uid !== undefined && uids.length < sampleSize) uids.push(e.uid);
  }
  return {
    firstTs,
    lastTs,
    lastNewTs,
    distinct: entries.length,
    failed: k.failed,
    sample: entries.slice(0, sampleSize).map((e) => e.key),
    uids,
  };
}

export const scanAnalyzer: AnalyzerFactory<ScanConfig> = {
  name: 'scan',
  create(vshard: number, config: ScanConfig): ShardAnalyzer {
    return new ScanShard(vshard, config);
  },
  restore(vshard: number, config: ScanConfig, snapshot: unknown): ShardAnalyzer {
    return ScanShard.restore(vshard, config, snapshot);
  },
  // No cross-shard aggregate: every scan is decided where its source's records meet.
  merge(a: unknown, b: unknown): unknown {
    return a ?? b;
  },
};
