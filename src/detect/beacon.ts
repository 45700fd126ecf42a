/**
 * Command-and-control beaconing (ATT&CK T1071 Application Layer Protocol, T1573 Encrypted
 * Channel) over one virtual shard's originator-keyed conn records, after RITA's beacon analysis
 * (Active Countermeasures, github.com/activecm/rita; the code here is our own).
 *
 * Per (source, destination address, destination port, proto) the shard keeps the connection
 * count, the first/last start time, and a bounded sample of start times and originator bytes.
 * At the end of the input (or when a pair is evicted) every pair with at least `minConnections`
 * connections is scored from four subscores in [0, 1]:
 *
 * - timestamp: the inter-arrival intervals of the sorted start times; the mean of 1 − |Bowley
 *   skew| ((Q1 + Q3 − 2·median) / (Q3 − Q1)) and 1 − (MAD/median) / `dispersionCutoff`
 *   (clamped at 0). Jitter spreads the intervals symmetrically (the skew stays ~0 and
 *   MAD/median is half the jitter); a missed beat is one doubled interval, far in the tail where
 *   neither quartiles nor the MAD look.
 * - data size: the same two terms over the originator bytes of the connections.
 * - duration: the mean of coverage (the pair's first-to-last span over the span of the shard's
 *   records) and consistency (the share of the 24 equal bins of the shard's span in which the
 *   pair connected).
 * - histogram: the pair's connections in the same 24 bins (RITA's hours of the day); the
 *   larger of 1 − coefficient of variation and a bimodal fit (the share of bins, one outlier
 *   forgiven, within a tolerance of one of the two best modes; tried when at least
 *   `histogramMinBins` bins are non-empty), so a daily pause (bins at 0 beside bins at N) or a
 *   few missed beats do not sink it.
 *
 * The score is the weighted mean of the four; a pair is reported (`beacon`) when the score
 * reaches `threshold` and the timestamp subscore reaches `minTimestampScore` (Poisson-like
 * arrivals at a steady rate have a regular histogram and full coverage, but not regular
 * intervals). Pairs with at least `strobeConnections` connections are strobes
 * (`beacon.strobe`) and are not scored, as in RITA; any pair whose longest connection lasted
 * `longConnectionSeconds` or more is a long connection (`beacon.long-connection`, tiers
 * 1/4/8/12 h).
 *
 * Memory: at most `maxPairs` pairs per virtual shard (the least recently touched, by input
 * order, is scored, reported if it qualifies, and dropped; counted under `maxPairs`) and at most
 * `maxSamplesPerPair` samples per pair. A full sample is decimated deterministically: every
 * second sample (by arrival) is dropped and from then on only every stride-th arrival is kept
 * (stride doubles each time), so the kept samples stay evenly spread over the pair's arrivals;
 * every dropped sample is counted under `maxSamplesPerPair`. Intervals between kept samples are
 * sums of `stride` true intervals: the reported median interval is divided by the stride.
 *
 * Time is event time only. The shard sees its records in input order whatever the number of
 * actors, and every decision here (LRU order, decimation) follows that order, so the findings are
 * the same for any number of actors and any batch split.
 */
import { formatAddress } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import {
  type BatchView,
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
import { checkOptions, type OptionRule, optionError } from './options.js';

// ─── configuration ──────────────────────────────────────────────────────────────────────────

export interface BeaconConfig {
  /** Connections a pair needs in the run before it is scored. */
  readonly minConnections: number;
  /** Overall score at or above which a pair is reported. */
  readonly threshold: number;
  /** Timestamp subscore a reported pair needs as well. */
  readonly minTimestampScore: number;
  /** MAD/median at which the dispersion term of a subscore reaches 0 (linear from 1 at 0). */
  readonly dispersionCutoff: number;
  /** Weights of the four subscores (normalised by their sum). */
  readonly weightTimestamp: number;
  readonly weightDataSize: number;
  readonly weightDuration: number;
  readonly weightHistogram: number;
  /** Bimodal fit: a bin belongs to a mode within max(1, this × the largest bin). */
  readonly histogramModeSensitivity: number;
  /** Bimodal fit: bins forgiven as outliers. */
  readonly histogramOutlierBins: number;
  /** Bimodal fit: bins with connections needed before it is tried. */
  readonly histogramMinBins: number;
  /** Only local originators talking to non-local responders (RITA's internal → external). */
  readonly externalOnly: boolean;
  /** Also observe UDP pairs. */
  readonly includeUdp: boolean;
  /** Connections per pair in the run that make it a strobe (RITA: 86 400). */
  readonly strobeConnections: number;
  readonly enableStrobes: boolean;
  /** A connection this long (seconds) is a long connection; tiers at 1, 4, 8, 12 h. */
  readonly longConnectionSeconds: number;
  readonly enableLongConnections: boolean;
  readonly maxPairs: number;
  readonly maxSamplesPerPair: number;
  /** Bound of the uid samples in a finding. */
  readonly sampleSize: number;
}

export const DEFAULT_BEACON_CONFIG: BeaconConfig = Object.freeze({
  minConnections: 20,
  threshold: 0.7,
  minTimestampScore: 0.7,
  dispersionCutoff: 0.5,
  weightTimestamp: 0.4,
  weightDataSize: 0.2,
  weightDuration: 0.2,
  weightHistogram: 0.2,
  histogramModeSensitivity: 0.05,
  histogramOutlierBins: 1,
  histogramMinBins: 8,
  externalOnly: true,
  includeUdp: true,
  strobeConnections: 86_400,
  enableStrobes: true,
  longConnectionSeconds: 3_600,
  enableLongConnections: true,
  maxPairs: 8_192,
  maxSamplesPerPair: 1_024,
  sampleSize: 10,
});

const RULES: { readonly [K in keyof BeaconConfig]: OptionRule } = {
  minConnections: { type: 'integer', min: 4, max: 1 << 24 },
  threshold: { type: 'number', min: 0, max: 1 },
  minTimestampScore: { type: 'number', min: 0, max: 1 },
  dispersionCutoff: { type: 'number', min: 0.01, max: 10 },
  weightTimestamp: { type: 'number', min: 0, max: 1 },
  weightDataSize: { type: 'number', min: 0, max: 1 },
  weightDuration: { type: 'number', min: 0, max: 1 },
  weightHistogram: { type: 'number', min: 0, max: 1 },
  histogramModeSensitivity: { type: 'number', min: 0, max: 1 },
  histogramOutlierBins: { type: 'integer', min: 0, max: 12 },
  histogramMinBins: { type: 'integer', min: 1, max: 24 },
  externalOnly: { type: 'boolean' },
  includeUdp: { type: 'boolean' },
  strobeConnections: { type: 'integer', min: 2, max: 2 ** 31 },
  enableStrobes: { type: 'boolean' },
  longConnectionSeconds: { type: 'number', min: 1, max: 365 * 86_400 },
  enableLongConnections: { type: 'boolean' },
  maxPairs: { type: 'integer', min: 1, max: 1 << 24 },
  maxSamplesPerPair: { type: 'integer', min: 8, max: 1 << 20 },
  sampleSize: { type: 'integer', min: 1, max: 1000 },
};

/**
 * Fills defaults and checks every key once, at the edge. Throws InvalidOption naming the first
 * bad key (unknown keys included).
 */
export function validateBeaconConfig(partial: Readonly<Partial<BeaconConfig>> = {}): BeaconConfig {
  const bad = (key: string, why: string, value: unknown): never => {
    throw optionError('beacon', key, why, value);
  };
  const c = checkOptions('beacon', RULES, DEFAULT_BEACON_CONFIG, partial);
  if (c.weightTimestamp + c.weightDataSize + c.weightDuration + c.weightHistogram <= 0) {
    bad('weightTimestamp', 'and the other weights must not all be 0', c.weightTimestamp);
  }
  if (c.strobeConnections <= c.minConnections) {
    bad('strobeConnections', 'must be above minConnections', c.strobeConnections);
  }
  return Object.freeze(c);
}

// ─── scoring (pure) ─────────────────────────────────────────────────────────────────────────

export const HISTOGRAM_BINS = 24;

/** Quantile q of sorted values, linear between order statistics. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export interface Dispersion {
  readonly median: number;
  /** Bowley (quartile) skew in [−1, 1]; 0 when Q3 = Q1. */
  readonly skew: number;
  /** Median absolute deviation over the median (0 when the median is 0). */
  readonly madm: number;
  /** Mean of 1 − |skew| and max(0, 1 − madm / cutoff). */
  readonly score: number;
}

/**
 * RITA's regularity measure of a set of values (intervals or sizes), any order: the mean of a
 * skew term and a dispersion term that falls linearly to 0 at MAD/median = `cutoff`.
 */
export function dispersion(values: readonly number[], cutoff = 1): Dispersion {
  if (values.length === 0) return { median: 0, skew: 0, madm: 0, score: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const median = quantile(sorted, 0.5);
  const q3 = quantile(sorted, 0.75);
  const skew = q3 > q1 ? (q1 + q3 - 2 * median) / (q3 - q1) : 0;
  const deviations = sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  const mad = quantile(deviations, 0.5);
  // Intervals and sizes are never negative: a median of 0 leaves a MAD of 0.
  const madm = median > 0 ? mad / median : 0;
  const score = (1 - Math.abs(skew) + Math.max(0, 1 - madm / cutoff)) / 2;
  return { median, skew, madm, score };
}

/** Counts of sorted `ts` (each weighing `weight`) in 24 equal bins of [start, end]. */
export function histogram(ts: readonly number[], start: number, end: number, weight = 1): number[] {
  const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
  const span = end - start;
  for (const t of ts) {
    const b = span > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor(((t - start) / span) * HISTOGRAM_BINS)) : 0;
    bins[Math.max(0, b)]! += weight;
  }
  return bins;
}

export interface HistogramScore {
  /** Coefficient of variation of the bins. */
  readonly cv: number;
  /** Share of bins (after the forgiven outliers) that sit at one of the two best modes. */
  readonly bimodalFit: number;
  readonly score: number;
}

/** The histogram subscore: max(1 − CV, bimodal fit). */
export function histogramScore(
  bins: readonly number[],
  sensitivity: number,
  outlierBins: number,
  minBins: number,
): HistogramScore {
  const n = bins.length;
  const mean = bins.reduce((s, v) => s + v, 0) / n;
  const variance = bins.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const cv = mean > 0 ? Math.sqrt(variance) / mean : 1;
  let bimodalFit = 0;
  const max = Math.max(...bins);
  const seen = bins.filter((v) => v > 0).length;
  if (seen >= minBins) {
    const tol = Math.max(1, sensitivity * max);
    const modes = [...new Set(bins)];
    let best = 0;
    for (let a = 0; a < modes.length; a++) {
      for (let b = a; b < modes.length; b++) {
        let covered = 0;
        for (const v of bins) {
          if (Math.abs(v - modes[a]!) <= tol || Math.abs(v - modes[b]!) <= tol) covered++;
        }
        if (covered > best) best = covered;
      }
    }
    bimodalFit = Math.min(1, best / Math.max(1, n - outlierBins));
  }
  return { cv, bimodalFit, score: Math.max(0, 1 - cv, bimodalFit) };
}

export interface PairScores {
  readonly timestamp: Dispersion;
  readonly dataSize: Dispersion;
  readonly coverage: number;
  readonly consistency: number;
  readonly duration: number;
  readonly bins: readonly number[];
  readonly histogram: HistogramScore;
  readonly score: number;
}

/**
 * Scores one pair. `ts` are the kept start times (any order), `bytes` the originator bytes of
 * the same connections, each kept sample standing for `stride` connections; [runStart, runEnd]
 * is the span of the shard's records.
 */
export function scorePair(
  ts: readonly number[],
  bytes: readonly number[],
  stride: number,
  runStart: number,
  runEnd: number,
  c: BeaconConfig,
): PairScores {
  const sorted = [...ts].sort((a, b) => a - b);
  const intervals: number[] = [];
  for (let k = 1; k < sorted.length; k++) intervals.push(sorted[k]! - sorted[k - 1]!);
  const timestamp = dispersion(intervals, c.dispersionCutoff);
  const dataSize = dispersion(bytes, c.dispersionCutoff);
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  const runSpan = runEnd - runStart;
  const coverage = runSpan > 0 ? Math.min(1, (last - first) / runSpan) : 1;
  const runBins = histogram(sorted, runStart, runEnd);
  const consistency = runBins.filter((v) => v > 0).length / HISTOGRAM_BINS;
  const duration = (coverage + consistency) / 2;
  const bins = runBins.map((v) => v * stride);
  const hist = histogramScore(bins, c.histogramModeSensitivity, c.histogramOutlierBins, c.histogramMinBins);
  const weights = c.weightTimestamp + c.weightDataSize + c.weightDuration + c.weightHistogram;
  const score =
    (c.weightTimestamp * timestamp.score +
      c.weightDataSize * dataSize.score +
      c.weightDuration * duration +
      c.weightHistogram * hist.score) /
    weights;
  return { timestamp, dataSize, coverage, consistency, duration, bins, histogram: hist, score };
}

// ─── per-shard state ────────────────────────────────────────────────────────────────────────

export const BEACON_EVICTION_NAMES = ['maxPairs', 'maxSamplesPerPair'] as const;
type EvictionName = (typeof BEACON_EVICTION_NAMES)[number];

const SNAPSHOT_VERSION = 1;
const BOTH_ADDRESSES = Flag.OrigSet | Flag.RespSet;
/** Ports whose traffic is encrypted by convention (T1573 rather than T1071). */
const ENCRYPTED_PORTS = new Set([22, 443, 465, 636, 853, 989, 990, 992, 993, 994, 995, 5061, 8443]);

/** A pair's state as it is snapshotted. */
interface PairState {
  readonly src: readonly number[];
  readonly dst: readonly number[];
  readonly port: number;
  readonly proto: number;
  /** Connections seen (all, kept or not). */
  count: number;
  firstTs: number;
  lastTs: number;
  /** Every stride-th arrival is kept. */
  stride: number;
  ts: number[];
  bytes: number[];
  uids: string[];
  /** Longest connection: its duration, start and uid ('' when none). */
  longest: number;
  longestTs: number;
  longestUid: string;
}

/** A tracked pair: its state and its place in the least-recently-touched list. */
interface Pair extends PairState {
  prev: Pair | undefined;
  next: Pair | undefined;
}

function isV4Pair(src: readonly number[], dst: readonly number[]): boolean {
  return (
    src[0] === 0 && src[1] === 0 && dst[0] === 0 && dst[1] === 0 && src[2] === 0xffff && dst[2] === 0xffff
  );
}

/** (destination, port, proto) of an IPv4 pair as one number below 2^49. */
function v4Inner(d3: number, port: number, proto: number): number {
  return d3 * 131_072 + port * 2 + (proto === Proto.Udp ? 1 : 0);
}

function v6Key(src: readonly number[], dst: readonly number[], port: number, proto: number): string {
  return `${src.join(',')}/${dst.join(',')}/${port}/${proto}`;
}

/**
 * The pairs of a shard, by key, in least-recently-touched order. IPv4 pairs (nearly all) are
 * found through numbers — a Map per source address, keyed by destination, port and proto —
 * IPv6 pairs through a string key; an intrusive doubly linked list keeps the order, so a touch
 * is O(1). (A string key per record and a Map delete and re-insert to keep the order cost more
 * than the rest of the detector.)
 */
class PairTable {
  private readonly v4 = new Map<number, Map<number, Pair>>();
  private readonly v6 = new Map<string, Pair>();
  /** Least recently touched. */
  private head: Pair | undefined;
  /** Most recently touched. */
  private tail: Pair | undefined;
  size = 0;

  /** An IPv4 pair by its source and destination (last words), port and proto. */
  getV4(s3: number, d3: number, port: number, proto: number): Pair | undefined {
    return this.v4.get(s3)?.get(v4Inner(d3, port, proto));
  }

  getV6(src: readonly number[], dst: readonly number[], port: number, proto: number): Pair | undefined {
    return this.v6.get(v6Key(src, dst, port, proto));
  }

  /** Adds a new pair as the most recently touched. */
  add(pair: Pair): void {
    if (isV4Pair(pair.src, pair.dst)) {
      let inner = this.v4.get(pair.src[3]!);
      if (inner === undefined) {
        inner = new Map();
        this.v4.set(pair.src[3]!, inner);
      }
      inner.set(v4Inner(pair.dst[3]!, pair.port, pair.proto), pair);
    } else this.v6.set(v6Key(pair.src, pair.dst, pair.port, pair.proto), pair);
    this.append(pair);
    this.size++;
  }

  /** Makes the pair the most recently touched. */
  touch(pair: Pair): void {
    if (this.tail === pair) return;
    this.unlink(pair);
    this.append(pair);
  }

  /** Removes and returns the least recently touched pair. */
  shift(): Pair | undefined {
    const pair = this.head;
    if (pair === undefined) return undefined;
    this.unlink(pair);
    if (isV4Pair(pair.src, pair.dst)) {
      const inner = this.v4.get(pair.src[3]!)!;
      inner.delete(v4Inner(pair.dst[3]!, pair.port, pair.proto));
      if (inner.size === 0) this.v4.delete(pair.src[3]!);
    } else this.v6.delete(v6Key(pair.src, pair.dst, pair.port, pair.proto));
    this.size--;
    return pair;
  }

  /** The pairs, least recently touched first. */
  *values(): Generator<Pair> {
    for (let p = this.head; p !== undefined; p = p.next) yield p;
  }

  clear(): void {
    this.v4.clear();
    this.v6.clear();
    this.head = undefined;
    this.tail = undefined;
    this.size = 0;
  }

  private append(pair: Pair): void {
    pair.prev = this.tail;
    pair.next = undefined;
    if (this.tail) this.tail.next = pair;
    else this.head = pair;
    this.tail = pair;
  }

  private unlink(pair: Pair): void {
    if (pair.prev) pair.prev.next = pair.next;
    else this.head = pair.next;
    if (pair.next) pair.next.prev = pair.prev;
    else this.tail = pair.prev;
    pair.prev = undefined;
    pair.next = undefined;
  }
}

/** A pair's state without its list links (for snapshots). */
function stateOf(p: Pair): PairState {
  return {
    src: [...p.src],
    dst: [...p.dst],
    port: p.port,
    proto: p.proto,
    count: p.count,
    firstTs: p.firstTs,
    lastTs: p.lastTs,
    stride: p.stride,
    ts: [...p.ts],
    bytes: [...p.bytes],
    uids: [...p.uids],
    longest: p.longest,
    longestTs: p.longestTs,
    longestUid: p.longestUid,
  };
}

interface BeaconSnapshot {
  readonly version: number;
  readonly vshard: number;
  readonly minTs: number | null;
  readonly maxTs: number | null;
  readonly evictions: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  /** In LRU order (least recently touched first). */
  readonly pairs: readonly PairState[];
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

function formatWords(w: readonly number[]): string {
  return formatAddress(Uint32Array.of(w[0]!, w[1]!, w[2]!, w[3]!));
}

function beaconSeverity(score: number): Severity {
  if (score >= 0.9) return 'high';
  if (score >= 0.8) return 'medium';
  return 'low';
}

function longSeverity(seconds: number): Severity {
  if (seconds >= 12 * 3600) return 'critical';
  if (seconds >= 8 * 3600) return 'high';
  if (seconds >= 4 * 3600) return 'medium';
  return 'low';
}

class BeaconShard implements ShardAnalyzer {
  private readonly pairs = new PairTable();
  private readonly findings: Finding[] = [];
  private readonly evicted: Record<EvictionName, number> = { maxPairs: 0, maxSamplesPerPair: 0 };
  private minTs = Number.POSITIVE_INFINITY;
  private maxTs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly vshard: number,
    private readonly c: BeaconConfig,
  ) {}

  observeRows(view: BatchView, rows: Int32Array, from: number, to: number): void {
    for (let k = from; k < to; k++) this.observe(view, rows[k]!);
  }

  observe(view: BatchView, i: number): void {
    if (view.kind[i] !== RecordKind.Conn) return;
    const flags = view.flags[i]!;
    // Counted once per connection: the originator-keyed delivery only.
    if ((flags & BOTH_ADDRESSES) !== BOTH_ADDRESSES || !isOriginatorDelivery(flags)) return;
    const ts = view.ts[i]!;
    if (!Number.isFinite(ts)) return;
    if (ts < this.minTs) this.minTs = ts;
    if (ts > this.maxTs) this.maxTs = ts;
    const proto = view.proto[i]!;
    if (proto !== Proto.Tcp && (proto !== Proto.Udp || !this.c.includeUdp)) return;
    if (this.c.externalOnly && ((flags & Flag.LocalOrig) === 0 || (flags & Flag.LocalResp) !== 0)) return;
    const n = view.count;
    const a = view.addr;
    const s0 = a[i]!;
    const s1 = a[n + i]!;
    const s2 = a[2 * n + i]!;
    const s3 = a[3 * n + i]!;
    const d0 = a[4 * n + i]!;
    const d1 = a[5 * n + i]!;
    const d2 = a[6 * n + i]!;
    const d3 = a[7 * n + i]!;
    const port = view.respPort[i]!;
    const v4 = s0 === 0 && s1 === 0 && d0 === 0 && d1 === 0 && s2 === 0xffff && d2 === 0xffff;
    let pair = v4
      ? this.pairs.getV4(s3, d3, port, proto)
      : this.pairs.getV6([s0, s1, s2, s3], [d0, d1, d2, d3], port, proto);
    if (pair === undefined) {
      if (this.pairs.size >= this.c.maxPairs) this.evictOldest();
      pair = {
        src: [s0, s1, s2, s3],
        dst: [d0, d1, d2, d3],
        port,
        proto,
        count: 0,
        firstTs: ts,
        lastTs: ts,
        stride: 1,
        ts: [],
        bytes: [],
        uids: [],
        longest: -1,
        longestTs: 0,
        longestUid: '',
        prev: undefined,
        next: undefined,
      };
      this.pairs.add(pair);
    } else {
      this.pairs.touch(pair);
    }
    this.add(pair, view, i, ts);
  }

  private add(pair: Pair, view: BatchView, i: number, ts: number): void {
    const arrival = pair.count++;
    if (ts < pair.firstTs) pair.firstTs = ts;
    if (ts > pair.lastTs) pair.lastTs = ts;
    const duration = view.duration[i]!;
    if (duration > pair.longest) {
      pair.longest = duration;
      pair.longestTs = ts;
      // Only a long connection's uid is ever reported: decoding every new longest cost a string
      // per new pair.
      pair.longestUid = duration >= this.c.longConnectionSeconds ? view.str(i, Str.Uid) : '';
    }
    // Sample uids only once the pair may be reported (most pairs never reach minConnections:
    // their uid strings were most of the detector's memory and a decode per record).
    if (arrival + this.c.sampleSize >= this.c.minConnections && pair.uids.length < this.c.sampleSize) {
      const uid = view.str(i, Str.Uid);
      if (uid !== '') pair.uids.push(uid);
    }
    if (arrival % pair.stride !== 0) {
      this.evicted.maxSamplesPerPair++;
      return;
    }
    if (pair.ts.length >= this.c.maxSamplesPerPair) {
      // Keep the even positions: the arrivals that are multiples of twice the stride.
      const keep = Math.ceil(pair.ts.length / 2);
      this.evicted.maxSamplesPerPair += pair.ts.length - keep;
      pair.ts = pair.ts.filter((_, k) => k % 2 === 0);
      pair.bytes = pair.bytes.filter((_, k) => k % 2 === 0);
      pair.stride *= 2;
      if (arrival % pair.stride !== 0) {
        this.evicted.maxSamplesPerPair++;
        return;
      }
    }
    const bytes = view.counter(i, Counter.OrigBytes);
    pair.ts.push(ts);
    pair.bytes.push(Number.isFinite(bytes) ? bytes : 0);
  }

  private evictOldest(): void {
    const pair = this.pairs.shift();
    if (pair === undefined) return;
    this.evicted.maxPairs++;
    this.report(pair);
  }

  /** Findings of one pair, at finish or when it is evicted. */
  private report(pair: Pair): void {
    const c = this.c;
    const src = formatWords(pair.src);
    const dst = formatWords(pair.dst);
    const port = String(pair.port);
    const proto = PROTO_NAMES[pair.proto] ?? 'unknown_transport';
    const entities = { src, dst, port, proto };
    const uids = [...pair.uids].sort();
    const attack = pair.proto === Proto.Tcp && ENCRYPTED_PORTS.has(pair.port) ? 'T1573' : 'T1071';
    if (c.enableLongConnections && pair.longest >= c.longConnectionSeconds) {
      const hours = round(pair.longest / 3600, 2);
      this.findings.push(
        makeFinding({
          detector: 'beacon.long-connection',
          attack,
          severity: longSeverity(pair.longest),
          confidence: round(Math.min(0.9, 0.5 + 0.1 * Math.floor(pair.longest / (4 * 3600))), 2),
          firstTs: pair.longestTs,
          lastTs: pair.longestTs + pair.longest,
          entities,
          evidence: {
            durationSeconds: round(pair.longest, 3),
            thresholdSeconds: c.longConnectionSeconds,
            connections: pair.count,
            uid: pair.longestUid,
          },
          summary: `${src} held one connection to ${dst}:${port}/${proto} open for ${hours} h`,
        }),
      );
    }
    if (pair.count < c.minConnections) return;
    if (c.enableStrobes && pair.count >= c.strobeConnections) {
      this.findings.push(
        makeFinding({
          detector: 'beacon.strobe',
          attack,
          severity: 'medium',
          confidence: 0.8,
          firstTs: pair.firstTs,
          lastTs: pair.lastTs,
          entities,
          evidence: {
            connections: pair.count,
            strobeConnections: c.strobeConnections,
            sampleUids: uids,
          },
          summary: `${src} connected ${pair.count} times to ${dst}:${port}/${proto} (strobe)`,
        }),
      );
      return;
    }
    const s = scorePair(pair.ts, pair.bytes, pair.stride, this.minTs, this.maxTs, c);
    if (s.score < c.threshold || s.timestamp.score < c.minTimestampScore) return;
    const score = round(s.score, 3);
    const interval = round(s.timestamp.median / pair.stride, 3);
    const jitter = round(s.timestamp.madm, 3);
    this.findings.push(
      makeFinding({
        detector: 'beacon',
        attack,
        severity: beaconSeverity(s.score),
        confidence: score,
        firstTs: pair.firstTs,
        lastTs: pair.lastTs,
        entities,
        evidence: {
          connections: pair.count,
          sampled: pair.ts.length,
          stride: pair.stride,
          medianIntervalSeconds: interval,
          jitter,
          intervalSkew: round(s.timestamp.skew, 3),
          medianOrigBytes: round(s.dataSize.median, 3),
          bytesJitter: round(s.dataSize.madm, 3),
          bytesSkew: round(s.dataSize.skew, 3),
          coverage: round(s.coverage, 3),
          consistency: round(s.consistency, 3),
          histogram: s.bins.map((v) => round(v, 3)),
          histogramCv: round(s.histogram.cv, 3),
          histogramBimodalFit: round(s.histogram.bimodalFit, 3),
          scores: {
            timestamp: round(s.timestamp.score, 3),
            dataSize: round(s.dataSize.score, 3),
            duration: round(s.duration, 3),
            histogram: round(s.histogram.score, 3),
            total: score,
          },
          threshold: c.threshold,
          sampleUids: uids,
        },
        summary:
          `${src} beacons to ${dst}:${port}/${proto}: ${pair.count} connections every ~${interval} s ` +
          `(jitter ${Math.round(jitter * 100)} %, score ${score})`,
      }),
    );
  }

  finish(): ShardOutput {
    for (const pair of this.pairs.values()) this.report(pair);
    this.pairs.clear();
    const findings = [...this.findings].sort(compareFindings);
    return { findings, partial: undefined, evictions: { ...this.evicted } };
  }

  snapshot(): BeaconSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      vshard: this.vshard,
      minTs: Number.isFinite(this.minTs) ? this.minTs : null,
      maxTs: Number.isFinite(this.maxTs) ? this.maxTs : null,
      evictions: { ...this.evicted },
      findings: [...this.findings],
      pairs: [...this.pairs.values()].map(stateOf),
    };
  }

  static restore(vshard: number, config: BeaconConfig, snapshot: unknown): BeaconShard {
    const snap = snapshot as Partial<BeaconSnapshot> | null;
    if (snap === null || typeof snap !== 'object' || snap.version !== SNAPSHOT_VERSION) {
      throw new NetscryError(ErrorCode.CheckpointMismatch, 'not a beacon analyzer snapshot of this version', {
        expected: SNAPSHOT_VERSION,
      });
    }
    if (snap.vshard !== vshard) {
      throw new NetscryError(
        ErrorCode.CheckpointMismatch,
        'beacon snapshot belongs to another virtual shard',
        {
          expected: vshard,
          found: snap.vshard,
        },
      );
    }
    const full = snap as BeaconSnapshot;
    const shard = new BeaconShard(vshard, config);
    shard.minTs = full.minTs ?? Number.POSITIVE_INFINITY;
    shard.maxTs = full.maxTs ?? Number.NEGATIVE_INFINITY;
    for (const name of BEACON_EVICTION_NAMES) shard.evicted[name] = full.evictions[name] ?? 0;
    for (const f of full.findings) shard.findings.push(f);
    for (const p of full.pairs) shard.pairs.add({ ...stateOf(p as Pair), prev: undefined, next: undefined });
    return shard;
  }
}

export const beaconAnalyzer: AnalyzerFactory<BeaconConfig> = {
  name: 'beacon',
  create(vshard: number, config: BeaconConfig): ShardAnalyzer {
    return new BeaconShard(vshard, config);
  },
  restore(vshard: number, config: BeaconConfig, snapshot: unknown): ShardAnalyzer {
    return BeaconShard.restore(vshard, config, snapshot);
  },
  // No cross-shard aggregate: every pair is decided where its originator's records meet.
  merge(parts: readonly unknown[]): unknown {
    return parts.find((p) => p !== undefined);
  },
};
