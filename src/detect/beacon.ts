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
 * Domain pairs (`beacon.domain`): the same scoring per (source, domain) over ssl.log
 * `server_name` and http.log `host` records, whatever the destination address, so C2 behind a
 * CDN (one name, many edge addresses, few connections per address) is seen as one series, as
 * RITA's SNI beacons. These records carry no connection sizes and arrive after conn.log (logs
 * are read in path order), so joining conn sizes by uid would mean holding every conn record:
 * instead the data-size subscore uses http `request_body_len` where there is one and is left
 * out (its weight with it) for TLS. Run span: that of the shard's ssl/http records. A pair is
 * reported only with at least `minDestinations` distinct destination addresses (default 2: a
 * one-address name is the address pairs' to report); destinations kept up to
 * `maxDestinationsPerDomain`; at most `maxDomainPairs` pairs per shard (LRU, as the pairs).
 *
 * Storage (both tables): `SlotTable`, typed arrays with the first `INLINE_SAMPLES` samples of a
 * pair inline; a pair gets JS sample arrays only when it outgrows them, so the many pairs that
 * see a handful of connections cost ≈ 150 bytes instead of ≈ 1 KB, and the results are exactly
 * those of arrays from the first connection (same LRU order, same decimation).
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
import { type AnalyzerFactory, checkSnapshot, type ShardAnalyzer, type ShardOutput } from './analyzer.js';
import { FieldReader } from './fields.js';
import { compareFindings, type Finding, makeFinding, round, type Severity } from './finding.js';
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
  /** Also score (source, domain) pairs from ssl.log `server_name` and http.log `host`. */
  readonly enableDomains: boolean;
  /** Distinct destination addresses a domain pair needs to be reported (1: every domain pair). */
  readonly minDestinations: number;
  /** Destination addresses kept per domain pair (entities and the distinct count stop there). */
  readonly maxDestinationsPerDomain: number;
  /** (source, domain) pairs per virtual shard. */
  readonly maxDomainPairs: number;
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
  enableDomains: true,
  minDestinations: 2,
  maxDestinationsPerDomain: 16,
  maxDomainPairs: 4_096,
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
  enableDomains: { type: 'boolean' },
  minDestinations: { type: 'integer', min: 1, max: 1024 },
  maxDestinationsPerDomain: { type: 'integer', min: 1, max: 1024 },
  maxDomainPairs: { type: 'integer', min: 1, max: 1 << 24 },
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
  if (c.minDestinations > c.maxDestinationsPerDomain) {
    bad('minDestinations', 'must not exceed maxDestinationsPerDomain', c.minDestinations);
  }
  return Object.freeze(c);
}

// ─── scoring (pure) ─────────────────────────────────────────────────────────────────────────

export const HISTOGRAM_BINS = 24;

/**
 * `values` in ascending order. Finite values without −0 sort as a Float64Array (natively, no
 * comparator call per comparison: up to 1024 samples per pair, several sorts per score) with
 * the same result as `sort((a, b) => a - b)`; anything else takes that sort, as before.
 */
function sortedNumbers(values: ArrayLike<number>): ArrayLike<number> {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v) || Object.is(v, -0)) return Array.from(values).sort((a, b) => a - b);
  }
  return Float64Array.from(values).sort();
}

/** Quantile q of sorted values, linear between order statistics. */
function quantile(sorted: ArrayLike<number>, q: number): number {
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
  const sorted = sortedNumbers(values);
  const q1 = quantile(sorted, 0.25);
  const median = quantile(sorted, 0.5);
  const q3 = quantile(sorted, 0.75);
  const skew = q3 > q1 ? (q1 + q3 - 2 * median) / (q3 - q1) : 0;
  const deviations = sortedNumbers(Array.from(sorted, (v) => Math.abs(v - median)));
  const mad = quantile(deviations, 0.5);
  // Intervals and sizes are never negative: a median of 0 leaves a MAD of 0.
  const madm = median > 0 ? mad / median : 0;
  const score = (1 - Math.abs(skew) + Math.max(0, 1 - madm / cutoff)) / 2;
  return { median, skew, madm, score };
}

/** Counts of sorted `ts` (each weighing `weight`) in 24 equal bins of [start, end]. */
export function histogram(ts: ArrayLike<number>, start: number, end: number, weight = 1): number[] {
  const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
  const span = end - start;
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
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

/** The timestamp subscore: the regularity of the intervals between sorted start times. */
function intervalRegularity(sorted: ArrayLike<number>, cutoff: number): Dispersion {
  const intervals: number[] = [];
  for (let k = 1; k < sorted.length; k++) intervals.push(sorted[k]! - sorted[k - 1]!);
  return dispersion(intervals, cutoff);
}

/**
 * Whether a pair's start times are regular enough (`minTimestampScore`) for it to be a beacon at
 * all: checked before `scorePair`, so the many irregular pairs skip the size and histogram
 * subscores (two sorts and a histogram each); the few regular ones compute this subscore twice.
 */
function regularEnough(ts: readonly number[], c: BeaconConfig): boolean {
  return intervalRegularity(sortedNumbers(ts), c.dispersionCutoff).score >= c.minTimestampScore;
}

export interface PairScores {
  readonly timestamp: Dispersion;
  /** Over the finite sizes; undefined when none is (TLS domain pairs): then it does not count. */
  readonly dataSize: Dispersion | undefined;
  readonly coverage: number;
  readonly consistency: number;
  readonly duration: number;
  readonly bins: readonly number[];
  readonly histogram: HistogramScore;
  readonly score: number;
}

/**
 * Scores one pair. `ts` are the kept start times (any order), `bytes` the originator bytes of
 * the same connections (NaN where unknown: those are left out of the data-size subscore, and
 * when all are, the subscore and its weight are), each kept sample standing for `stride`
 * connections; [runStart, runEnd] is the span of the shard's records.
 */
export function scorePair(
  ts: readonly number[],
  bytes: readonly number[],
  stride: number,
  runStart: number,
  runEnd: number,
  c: BeaconConfig,
): PairScores {
  const sorted = sortedNumbers(ts);
  const timestamp = intervalRegularity(sorted, c.dispersionCutoff);
  let sized: readonly number[] = bytes;
  for (const b of bytes) {
    if (!Number.isFinite(b)) {
      sized = bytes.filter(Number.isFinite);
      break;
    }
  }
  const dataSize = sized.length > 0 ? dispersion(sized, c.dispersionCutoff) : undefined;
  const weightDataSize = dataSize === undefined ? 0 : c.weightDataSize;
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  const runSpan = runEnd - runStart;
  const coverage = runSpan > 0 ? Math.min(1, (last - first) / runSpan) : 1;
  const runBins = histogram(sorted, runStart, runEnd);
  const consistency = runBins.filter((v) => v > 0).length / HISTOGRAM_BINS;
  const duration = (coverage + consistency) / 2;
  const bins = runBins.map((v) => v * stride);
  const hist = histogramScore(bins, c.histogramModeSensitivity, c.histogramOutlierBins, c.histogramMinBins);
  const weights = c.weightTimestamp + weightDataSize + c.weightDuration + c.weightHistogram;
  const score =
    weights > 0
      ? (c.weightTimestamp * timestamp.score +
          weightDataSize * (dataSize?.score ?? 0) +
          c.weightDuration * duration +
          c.weightHistogram * hist.score) /
        weights
      : 0;
  return { timestamp, dataSize, coverage, consistency, duration, bins, histogram: hist, score };
}

// ─── per-shard state ────────────────────────────────────────────────────────────────────────

export const BEACON_EVICTION_NAMES = ['maxPairs', 'maxSamplesPerPair', 'maxDomainPairs'] as const;
type EvictionName = (typeof BEACON_EVICTION_NAMES)[number];

const SNAPSHOT_VERSION = 2;
const BOTH_ADDRESSES = Flag.OrigSet | Flag.RespSet;
/** Ports whose traffic is encrypted by convention (T1573 rather than T1071). */
const ENCRYPTED_PORTS = new Set([22, 443, 465, 636, 853, 989, 990, 992, 993, 994, 995, 5061, 8443]);

/**
 * Samples a slot keeps in the compact table before it gets sample arrays. Below 8 (the least
 * `maxSamplesPerPair`), so inline samples are never decimated.
 */
export const INLINE_SAMPLES = 4;
const FIRST_CAPACITY = 16;
/** Slot tags: the record kinds a domain pair was seen through. */
const TAG_TLS = 1;
const TAG_HTTP = 2;

/** What a slot grows once it outgrows the compact table (or must keep a uid). */
interface Samples {
  /** Every stride-th arrival is kept. */
  stride: number;
  ts: number[];
  bytes: number[];
  uids: string[];
  /** Uid of the longest connection when it is a long connection, else ''. */
  longestUid: string;
  /** Domain pairs: distinct destinations, bounded (IPv4 as its last word, IPv6 as text of words). */
  dsts: (number | string)[];
}

/** A destination as a compact key: IPv4 (mapped) as its last word, IPv6 as its words. */
function dstKey(d0: number, d1: number, d2: number, d3: number): number | string {
  return d0 === 0 && d1 === 0 && d2 === 0xffff ? d3 : `${d0},${d1},${d2},${d3}`;
}

/**
 * Whether `dsts` holds dstKey(d0..d3). Runs for every domain record past the inline samples:
 * an IPv4 key is compared as the number it is, not boxed for `includes` (most words are above
 * the small-integer range, so each record allocated a heap number).
 */
function hasDst(dsts: readonly (number | string)[], d0: number, d1: number, d2: number, d3: number): boolean {
  if (d0 !== 0 || d1 !== 0 || d2 !== 0xffff) return dsts.includes(`${d0},${d1},${d2},${d3}`);
  for (let k = 0; k < dsts.length; k++) if (dsts[k] === d3) return true;
  return false;
}

function dstText(key: number | string): string {
  if (typeof key === 'number') return formatAddress(Uint32Array.of(0, 0, 0xffff, key));
  const w = key.split(',').map(Number);
  return formatAddress(Uint32Array.of(w[0]!, w[1]!, w[2]!, w[3]!));
}

function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * The pairs of a shard in typed arrays, in least-recently-touched order: a key of eight address
 * words and one number (port and proto, or a domain id), the counters every pair needs, and the
 * first `INLINE_SAMPLES` samples inline. Only a slot that outgrows them (or must keep a uid) gets
 * a `Samples` object with JS arrays — most pairs see a handful of connections and cost ≈ 150
 * bytes here instead of ≈ 1 KB of objects and arrays. Lookup is an open-addressing index
 * (linear probing, backward-shift deletion); the order is an intrusive list of slot numbers.
 * Capacity doubles as needed up to the cap.
 */
export class SlotTable {
  private cap = 0;
  size = 0;
  words = new Uint32Array(0);
  extra = new Uint32Array(0);
  count = new Uint32Array(0);
  tag = new Uint8Array(0);
  firstTs = new Float64Array(0);
  lastTs = new Float64Array(0);
  longest = new Float64Array(0);
  longestTs = new Float64Array(0);
  its = new Float64Array(0);
  ibytes = new Float64Array(0);
  /** Destination words of the inline samples (domain tables only). */
  idst = new Uint32Array(0);
  ext: (Samples | undefined)[] = [];
  private prev = new Int32Array(0);
  private next = new Int32Array(0);
  private index = new Int32Array(0);
  private mask = -1;
  private head = -1;
  private tail = -1;
  private free = -1;

  /**
   * @param maxSlots the cap (the caller evicts before inserting beyond it)
   * @param maxDsts destinations kept per slot; 0 for a table without destinations
   */
  constructor(
    readonly maxSlots: number,
    private readonly maxDsts: number,
  ) {}

  private hash(
    w0: number,
    w1: number,
    w2: number,
    w3: number,
    w4: number,
    w5: number,
    w6: number,
    w7: number,
    x: number,
  ): number {
    let h = mix(0x811c9dc5, x);
    h = mix(h, w3);
    h = mix(h, w7);
    if ((w0 | w1 | w4 | w5) !== 0 || w2 !== 0xffff || w6 !== 0xffff) {
      h = mix(mix(mix(mix(mix(mix(h, w0), w1), w2), w4), w5), w6);
    }
    return h;
  }

  private hashOf(slot: number): number {
    const w = this.words;
    const o = slot * 8;
    return this.hash(
      w[o]!,
      w[o + 1]!,
      w[o + 2]!,
      w[o + 3]!,
      w[o + 4]!,
      w[o + 5]!,
      w[o + 6]!,
      w[o + 7]!,
      this.extra[slot]!,
    );
  }

  /** The slot of a key, or −1. */
  find(
    w0: number,
    w1: number,
    w2: number,
    w3: number,
    w4: number,
    w5: number,
    w6: number,
    w7: number,
    x: number,
  ): number {
    if (this.size === 0) return -1;
    const w = this.words;
    const index = this.index;
    const mask = this.mask;
    for (let i = this.hash(w0, w1, w2, w3, w4, w5, w6, w7, x) & mask; ; i = (i + 1) & mask) {
      const s = index[i]!;
      if (s === 0) return -1;
      const slot = s - 1;
      const o = slot * 8;
      if (
        w[o + 3] === w3 &&
        w[o + 7] === w7 &&
        this.extra[slot] === x &&
        w[o] === w0 &&
        w[o + 1] === w1 &&
        w[o + 2] === w2 &&
        w[o + 4] === w4 &&
        w[o + 5] === w5 &&
        w[o + 6] === w6
      ) {
        return slot;
      }
    }
  }

  /** Adds a key (not present; size below the cap) as the most recently touched; returns its slot. */
  insert(
    w0: number,
    w1: number,
    w2: number,
    w3: number,
    w4: number,
    w5: number,
    w6: number,
    w7: number,
    x: number,
    ts: number,
  ): number {
    if (this.free < 0) this.grow();
    const slot = this.free;
    this.free = this.next[slot]!;
    const o = slot * 8;
    const w = this.words;
    w[o] = w0;
    w[o + 1] = w1;
    w[o + 2] = w2;
    w[o + 3] = w3;
    w[o + 4] = w4;
    w[o + 5] = w5;
    w[o + 6] = w6;
    w[o + 7] = w7;
    this.extra[slot] = x;
    this.count[slot] = 0;
    this.tag[slot] = 0;
    this.firstTs[slot] = ts;
    this.lastTs[slot] = ts;
    this.longest[slot] = -1;
    this.longestTs[slot] = 0;
    this.ext[slot] = undefined;
    this.place(slot);
    this.append(slot);
    this.size++;
    return slot;
  }

  /** Makes the slot the most recently touched. */
  touch(slot: number): void {
    if (this.tail === slot) return;
    this.unlink(slot);
    this.append(slot);
  }

  /** The least recently touched slot, or −1. */
  oldest(): number {
    return this.head;
  }

  /** Frees a slot (its fields stay readable until the next insert). */
  remove(slot: number): void {
    this.unlink(slot);
    const index = this.index;
    const mask = this.mask;
    let i = this.hashOf(slot) & mask;
    while (index[i] !== slot + 1) i = (i + 1) & mask;
    // Backward-shift deletion: move later entries of the probe run into the hole.
    for (let j = (i + 1) & mask; index[j] !== 0; j = (j + 1) & mask) {
      const home = this.hashOf(index[j]! - 1) & mask;
      const between = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!between) {
        index[i] = index[j]!;
        i = j;
      }
    }
    index[i] = 0;
    this.ext[slot] = undefined;
    this.next[slot] = this.free;
    this.free = slot;
    this.size--;
  }

  /** Drops every slot and the storage. */
  clear(): void {
    const empty = new SlotTable(this.maxSlots, this.maxDsts);
    Object.assign(this, empty);
  }

  /** The slots, least recently touched first. */
  slots(): number[] {
    const out: number[] = [];
    for (let s = this.head; s >= 0; s = this.next[s]!) out.push(s);
    return out;
  }

  /** The slot's samples as arrays: its `Samples`, or one built from the inline samples. */
  samples(slot: number): Samples {
    const e = this.ext[slot];
    if (e !== undefined) return e;
    const n = Math.min(this.count[slot]!, INLINE_SAMPLES);
    const o = slot * INLINE_SAMPLES;
    const dsts: (number | string)[] = [];
    if (this.maxDsts > 0) {
      for (let k = 0; k < n && dsts.length < this.maxDsts; k++) {
        const d = (o + k) * 4;
        const key = dstKey(this.idst[d]!, this.idst[d + 1]!, this.idst[d + 2]!, this.idst[d + 3]!);
        if (!dsts.includes(key)) dsts.push(key);
      }
    }
    return {
      stride: 1,
      ts: Array.from(this.its.subarray(o, o + n)),
      bytes: Array.from(this.ibytes.subarray(o, o + n)),
      uids: [],
      longestUid: '',
      dsts,
    };
  }

  /** Gives the slot its `Samples` (the inline samples moved into it). */
  promote(slot: number): Samples {
    let e = this.ext[slot];
    if (e === undefined) {
      e = this.samples(slot);
      this.ext[slot] = e;
    }
    return e;
  }

  snapshot(): TableSnapshot {
    const order = this.slots();
    const n = order.length;
    const K = INLINE_SAMPLES;
    const d = this.maxDsts > 0 ? K * 4 : 0;
    const words = new Uint32Array(n * 8);
    const extra = new Uint32Array(n);
    const count = new Uint32Array(n);
    const tag = new Uint8Array(n);
    const times = new Float64Array(n * 4);
    const its = new Float64Array(n * K);
    const ibytes = new Float64Array(n * K);
    const idst = new Uint32Array(n * d);
    const promoted: number[] = [];
    let samples = 0;
    for (let k = 0; k < n; k++) {
      const s = order[k]!;
      words.set(this.words.subarray(s * 8, s * 8 + 8), k * 8);
      extra[k] = this.extra[s]!;
      count[k] = this.count[s]!;
      tag[k] = this.tag[s]!;
      times[k * 4] = this.firstTs[s]!;
      times[k * 4 + 1] = this.lastTs[s]!;
      times[k * 4 + 2] = this.longest[s]!;
      times[k * 4 + 3] = this.longestTs[s]!;
      const e = this.ext[s];
      if (e !== undefined) {
        promoted.push(k);
        samples += e.ts.length;
        continue;
      }
      its.set(this.its.subarray(s * K, s * K + K), k * K);
      ibytes.set(this.ibytes.subarray(s * K, s * K + K), k * K);
      if (d > 0) idst.set(this.idst.subarray(s * d, s * d + d), k * d);
    }
    // Promoted samples as flat typed arrays: packed as bytes, not number by number.
    const stride = new Uint32Array(promoted.length);
    const lengths = new Uint32Array(promoted.length);
    const ts = new Float64Array(samples);
    const bytes = new Float64Array(samples);
    const uids: string[][] = [];
    const longestUid: string[] = [];
    const dsts: (number | string)[][] = [];
    let at = 0;
    for (let p = 0; p < promoted.length; p++) {
      const e = this.ext[order[promoted[p]!]!]!;
      stride[p] = e.stride;
      lengths[p] = e.ts.length;
      ts.set(e.ts, at);
      bytes.set(e.bytes, at);
      at += e.ts.length;
      uids.push([...e.uids]);
      longestUid.push(e.longestUid);
      dsts.push([...e.dsts]);
    }
    return {
      size: n,
      words,
      extra,
      count,
      tag,
      times,
      its,
      ibytes,
      idst,
      promoted: Uint32Array.from(promoted),
      stride,
      lengths,
      ts,
      bytes,
      uids,
      longestUid,
      dsts,
    };
  }

  /** Fills an empty table from a snapshot, in its order. */
  restore(snap: TableSnapshot): void {
    const K = INLINE_SAMPLES;
    const d = this.maxDsts > 0 ? K * 4 : 0;
    const w = snap.words;
    let p = 0;
    let at = 0;
    for (let k = 0; k < snap.size; k++) {
      const o = k * 8;
      const s = this.insert(
        w[o]!,
        w[o + 1]!,
        w[o + 2]!,
        w[o + 3]!,
        w[o + 4]!,
        w[o + 5]!,
        w[o + 6]!,
        w[o + 7]!,
        snap.extra[k]!,
        0,
      );
      this.count[s] = snap.count[k]!;
      this.tag[s] = snap.tag[k]!;
      this.firstTs[s] = snap.times[k * 4]!;
      this.lastTs[s] = snap.times[k * 4 + 1]!;
      this.longest[s] = snap.times[k * 4 + 2]!;
      this.longestTs[s] = snap.times[k * 4 + 3]!;
      if (p < snap.promoted.length && snap.promoted[p] === k) {
        const end = at + snap.lengths[p]!;
        this.ext[s] = {
          stride: snap.stride[p]!,
          ts: Array.from(snap.ts.subarray(at, end)),
          bytes: Array.from(snap.bytes.subarray(at, end)),
          uids: [...snap.uids[p]!],
          longestUid: snap.longestUid[p]!,
          dsts: [...snap.dsts[p]!],
        };
        at = end;
        p++;
        continue;
      }
      this.its.set(snap.its.subarray(k * K, k * K + K), s * K);
      this.ibytes.set(snap.ibytes.subarray(k * K, k * K + K), s * K);
      if (d > 0) this.idst.set(snap.idst.subarray(k * d, k * d + d), s * d);
    }
  }

  private place(slot: number): void {
    const index = this.index;
    const mask = this.mask;
    let i = this.hashOf(slot) & mask;
    while (index[i] !== 0) i = (i + 1) & mask;
    index[i] = slot + 1;
  }

  private grow(): void {
    const old = this.cap;
    const cap = Math.min(this.maxSlots, Math.max(FIRST_CAPACITY, old * 2));
    if (cap <= old) throw new Error('beacon: slot table full');
    const more = <T extends Uint32Array | Float64Array | Uint8Array | Int32Array>(a: T, per: number): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * per);
      b.set(a);
      return b;
    };
    this.words = more(this.words, 8);
    this.extra = more(this.extra, 1);
    this.count = more(this.count, 1);
    this.tag = more(this.tag, 1);
    this.firstTs = more(this.firstTs, 1);
    this.lastTs = more(this.lastTs, 1);
    this.longest = more(this.longest, 1);
    this.longestTs = more(this.longestTs, 1);
    this.its = more(this.its, INLINE_SAMPLES);
    this.ibytes = more(this.ibytes, INLINE_SAMPLES);
    if (this.maxDsts > 0) this.idst = more(this.idst, INLINE_SAMPLES * 4);
    this.prev = more(this.prev, 1);
    this.next = more(this.next, 1);
    for (let s = old; s < cap; s++) this.ext.push(undefined);
    // New slots onto the free list, lowest first.
    for (let s = cap - 1; s >= old; s--) {
      this.next[s] = this.free;
      this.free = s;
    }
    this.cap = cap;
    let size = 16;
    while (size < cap * 2) size *= 2;
    this.index = new Int32Array(size);
    this.mask = size - 1;
    for (let s = this.head; s >= 0; s = this.next[s]!) this.place(s);
  }

  private append(slot: number): void {
    this.prev[slot] = this.tail;
    this.next[slot] = -1;
    if (this.tail >= 0) this.next[this.tail] = slot;
    else this.head = slot;
    this.tail = slot;
  }

  private unlink(slot: number): void {
    const p = this.prev[slot]!;
    const n = this.next[slot]!;
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
  }
}

/**
 * A table as it is snapshotted: its live slots in LRU order (least recently touched first), as
 * columns — typed arrays msgpackr packs as bytes, not one object per pair (a checkpoint of
 * objects doubled the detector's peak memory) — and the `Samples` of the promoted ones.
 */
export interface TableSnapshot {
  readonly size: number;
  readonly words: Uint32Array;
  readonly extra: Uint32Array;
  readonly count: Uint32Array;
  readonly tag: Uint8Array;
  /** firstTs, lastTs, longest, longestTs per slot. */
  readonly times: Float64Array;
  readonly its: Float64Array;
  readonly ibytes: Float64Array;
  readonly idst: Uint32Array;
  /** Position in the order of each promoted slot, and its samples (arrays concatenated). */
  readonly promoted: Uint32Array;
  readonly stride: Uint32Array;
  readonly lengths: Uint32Array;
  readonly ts: Float64Array;
  readonly bytes: Float64Array;
  readonly uids: readonly (readonly string[])[];
  readonly longestUid: readonly string[];
  readonly dsts: readonly (readonly (number | string)[])[];
}

interface BeaconSnapshot {
  readonly version: number;
  readonly vshard: number;
  readonly minTs: number | null;
  readonly maxTs: number | null;
  readonly domainMinTs: number | null;
  readonly domainMaxTs: number | null;
  readonly evictions: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  readonly pairs: TableSnapshot;
  readonly domains: TableSnapshot;
  /** The domain of each domain slot, in the same order. */
  readonly domainNames: readonly string[];
}

function formatWords(w: ArrayLike<number>, at = 0): string {
  return formatAddress(Uint32Array.of(w[at]!, w[at + 1]!, w[at + 2]!, w[at + 3]!));
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

/**
 * The domain of an ssl `server_name` or http `host`, lower case, without a port or a final dot;
 * '' when there is none or it is an address literal (the address pairs cover those).
 */
export function domainOf(raw: string | undefined, isHost: boolean): string {
  if (raw === undefined) return '';
  let d = raw.trim().toLowerCase();
  if (d.startsWith('[')) return '';
  if (isHost) {
    const colon = d.indexOf(':');
    if (colon >= 0) {
      // host:port; more than one colon is an IPv6 literal without brackets.
      if (d.indexOf(':', colon + 1) >= 0) return '';
      d = d.slice(0, colon);
    } else if (d.includes(':')) return '';
  } else if (d.includes(':')) return '';
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d === '' || d === '-' || !d.includes('.') || /^[0-9.]+$/.test(d)) return '';
  return d;
}

class BeaconShard implements ShardAnalyzer {
  private readonly pairs: SlotTable;
  private readonly domains: SlotTable;
  /** Domain ids of the domain table (its key's number), reference-counted by its slots. */
  private readonly domainIds = new Map<string, number>();
  private readonly domainNames: string[] = [];
  private readonly domainRefs: number[] = [];
  private readonly freeIds: number[] = [];
  private readonly findings: Finding[] = [];
  private readonly evicted: Record<EvictionName, number> = {
    maxPairs: 0,
    maxSamplesPerPair: 0,
    maxDomainPairs: 0,
  };
  private readonly tls = new FieldReader(['server_name']);
  private readonly http = new FieldReader(['host', 'request_body_len']);
  private minTs = Number.POSITIVE_INFINITY;
  private maxTs = Number.NEGATIVE_INFINITY;
  private domainMinTs = Number.POSITIVE_INFINITY;
  private domainMaxTs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly vshard: number,
    private readonly c: BeaconConfig,
  ) {
    this.pairs = new SlotTable(c.maxPairs, 0);
    this.domains = new SlotTable(c.maxDomainPairs, c.maxDestinationsPerDomain);
  }

  observeRows(view: BatchView, rows: Int32Array, from: number, to: number): void {
    for (let k = from; k < to; k++) this.observe(view, rows[k]!);
  }

  observe(view: BatchView, i: number): void {
    const kind = view.kind[i]!;
    if (kind !== RecordKind.Conn) {
      if ((kind === RecordKind.Tls || kind === RecordKind.Http) && this.c.enableDomains)
        this.observeDomain(view, i, kind);
      return;
    }
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
    const x = view.respPort[i]! * 4 + proto;
    const t = this.pairs;
    let slot = t.find(s0, s1, s2, s3, d0, d1, d2, d3, x);
    if (slot < 0) {
      if (t.size >= this.c.maxPairs) this.evictPair();
      slot = t.insert(s0, s1, s2, s3, d0, d1, d2, d3, x, ts);
    } else {
      t.touch(slot);
    }
    this.addConn(slot, view, i, ts);
  }

  private addConn(slot: number, view: BatchView, i: number, ts: number): void {
    const t = this.pairs;
    const c = this.c;
    const arrival = t.count[slot]!;
    t.count[slot] = arrival + 1;
    if (ts < t.firstTs[slot]!) t.firstTs[slot] = ts;
    if (ts > t.lastTs[slot]!) t.lastTs[slot] = ts;
    // The first samples go inline (a promotion below then carries this one along too).
    const inline = arrival < INLINE_SAMPLES && t.ext[slot] === undefined;
    if (inline) {
      const bytes = view.counter(i, Counter.OrigBytes);
      t.its[slot * INLINE_SAMPLES + arrival] = ts;
      t.ibytes[slot * INLINE_SAMPLES + arrival] = Number.isFinite(bytes) ? bytes : 0;
    }
    const duration = view.duration[i]!;
    if (duration > t.longest[slot]!) {
      t.longest[slot] = duration;
      t.longestTs[slot] = ts;
      // Only a long connection's uid is ever reported: decoding every new longest cost a string
      // per new pair.
      if (duration >= c.longConnectionSeconds) t.promote(slot).longestUid = view.str(i, Str.Uid);
      else {
        const e = t.ext[slot];
        if (e !== undefined) e.longestUid = '';
      }
    }
    // Sample uids only once the pair may be reported (most pairs never reach minConnections:
    // their uid strings were most of the detector's memory and a decode per record).
    if (arrival + c.sampleSize >= c.minConnections) {
      const e = t.ext[slot];
      if (e === undefined || e.uids.length < c.sampleSize) {
        const uid = view.str(i, Str.Uid);
        if (uid !== '') t.promote(slot).uids.push(uid);
      }
    }
    if (inline) return;
    const e = t.promote(slot);
    if (this.keep(e, arrival)) {
      const bytes = view.counter(i, Counter.OrigBytes);
      e.ts.push(ts);
      e.bytes.push(Number.isFinite(bytes) ? bytes : 0);
    }
  }

  /**
   * Whether arrival `arrival` of a pair is sampled, decimating a full sample first: every second
   * kept sample is dropped and the stride doubles. Counts every sample not kept.
   */
  private keep(e: Samples, arrival: number): boolean {
    if (arrival % e.stride !== 0) {
      this.evicted.maxSamplesPerPair++;
      return false;
    }
    if (e.ts.length >= this.c.maxSamplesPerPair) {
      // Keep the even positions: the arrivals that are multiples of twice the stride.
      const keep = Math.ceil(e.ts.length / 2);
      this.evicted.maxSamplesPerPair += e.ts.length - keep;
      e.ts = e.ts.filter((_, k) => k % 2 === 0);
      e.bytes = e.bytes.filter((_, k) => k % 2 === 0);
      e.stride *= 2;
      if (arrival % e.stride !== 0) {
        this.evicted.maxSamplesPerPair++;
        return false;
      }
    }
    return true;
  }

  private observeDomain(view: BatchView, i: number, kind: number): void {
    const flags = view.flags[i]!;
    if ((flags & BOTH_ADDRESSES) !== BOTH_ADDRESSES || !isOriginatorDelivery(flags)) return;
    const ts = view.ts[i]!;
    if (!Number.isFinite(ts)) return;
    if (ts < this.domainMinTs) this.domainMinTs = ts;
    if (ts > this.domainMaxTs) this.domainMaxTs = ts;
    if (this.c.externalOnly && ((flags & Flag.LocalOrig) === 0 || (flags & Flag.LocalResp) !== 0)) return;
    let domain: string;
    let bytes = Number.NaN;
    if (kind === RecordKind.Tls) {
      this.tls.read(view, i);
      domain = domainOf(this.tls.text(0), false);
    } else {
      this.http.read(view, i);
      domain = domainOf(this.http.text(0), true);
      const b = this.http.number(1);
      bytes = Number.isFinite(b) && b >= 0 ? b : 0;
    }
    if (domain === '') return;
    const n = view.count;
    const a = view.addr;
    const s0 = a[i]!;
    const s1 = a[n + i]!;
    const s2 = a[2 * n + i]!;
    const s3 = a[3 * n + i]!;
    const t = this.domains;
    let id = this.domainIds.get(domain);
    let slot = id === undefined ? -1 : t.find(s0, s1, s2, s3, 0, 0, 0, 0, id);
    if (slot < 0) {
      if (t.size >= this.c.maxDomainPairs) this.evictDomain();
      // The eviction may have released this very domain's id.
      id = this.domainIds.get(domain) ?? this.newDomainId(domain);
      this.domainRefs[id]!++;
      slot = t.insert(s0, s1, s2, s3, 0, 0, 0, 0, id, ts);
    } else {
      t.touch(slot);
    }
    t.tag[slot]! |= kind === RecordKind.Tls ? TAG_TLS : TAG_HTTP;
    const arrival = t.count[slot]!;
    t.count[slot] = arrival + 1;
    if (ts < t.firstTs[slot]!) t.firstTs[slot] = ts;
    if (ts > t.lastTs[slot]!) t.lastTs[slot] = ts;
    const d0 = a[4 * n + i]!;
    const d1 = a[5 * n + i]!;
    const d2 = a[6 * n + i]!;
    const d3 = a[7 * n + i]!;
    const c = this.c;
    const inline = arrival < INLINE_SAMPLES && t.ext[slot] === undefined;
    if (inline) {
      const o = slot * INLINE_SAMPLES + arrival;
      t.its[o] = ts;
      t.ibytes[o] = bytes;
      t.idst[o * 4] = d0;
      t.idst[o * 4 + 1] = d1;
      t.idst[o * 4 + 2] = d2;
      t.idst[o * 4 + 3] = d3;
    }
    if (arrival + c.sampleSize >= c.minConnections) {
      const e = t.ext[slot];
      if (e === undefined || e.uids.length < c.sampleSize) {
        const uid = view.str(i, Str.Uid);
        if (uid !== '') t.promote(slot).uids.push(uid);
      }
    }
    if (inline) return;
    const e = t.promote(slot);
    if (e.dsts.length < c.maxDestinationsPerDomain && !hasDst(e.dsts, d0, d1, d2, d3))
      e.dsts.push(dstKey(d0, d1, d2, d3));
    if (this.keep(e, arrival)) {
      e.ts.push(ts);
      e.bytes.push(bytes);
    }
  }

  private newDomainId(domain: string): number {
    const id = this.freeIds.pop() ?? this.domainNames.length;
    this.domainIds.set(domain, id);
    this.domainNames[id] = domain;
    this.domainRefs[id] = 0;
    return id;
  }

  private evictPair(): void {
    const slot = this.pairs.oldest();
    this.evicted.maxPairs++;
    this.reportPair(slot);
    this.pairs.remove(slot);
  }

  private evictDomain(): void {
    const slot = this.domains.oldest();
    this.evicted.maxDomainPairs++;
    this.reportDomain(slot);
    this.releaseDomain(slot);
  }

  private releaseDomain(slot: number): void {
    const id = this.domains.extra[slot]!;
    this.domains.remove(slot);
    if (--this.domainRefs[id]! === 0) {
      this.domainIds.delete(this.domainNames[id]!);
      this.domainNames[id] = '';
      this.freeIds.push(id);
    }
  }

  /** Findings of one pair, at finish or when it is evicted. */
  private reportPair(slot: number): void {
    const c = this.c;
    const t = this.pairs;
    const count = t.count[slot]!;
    const longest = t.longest[slot]!;
    const isLong = c.enableLongConnections && longest >= c.longConnectionSeconds;
    // Most pairs (every eviction of a short-lived one) report nothing: decide before formatting.
    if (!isLong && count < c.minConnections) return;
    const o = slot * 8;
    const src = formatWords(t.words, o);
    const dst = formatWords(t.words, o + 4);
    const x = t.extra[slot]!;
    const portNumber = x >>> 2;
    const protoNumber = x & 3;
    const port = String(portNumber);
    const proto = PROTO_NAMES[protoNumber] ?? 'unknown_transport';
    const entities = { src, dst, port, proto };
    const firstTs = t.firstTs[slot]!;
    const lastTs = t.lastTs[slot]!;
    const attack = protoNumber === Proto.Tcp && ENCRYPTED_PORTS.has(portNumber) ? 'T1573' : 'T1071';
    if (isLong) {
      const hours = round(longest / 3600, 2);
      this.findings.push(
        makeFinding({
          detector: 'beacon.long-connection',
          attack,
          severity: longSeverity(longest),
          confidence: round(Math.min(0.9, 0.5 + 0.1 * Math.floor(longest / (4 * 3600))), 2),
          firstTs: t.longestTs[slot]!,
          lastTs: t.longestTs[slot]! + longest,
          entities,
          evidence: {
            durationSeconds: round(longest, 3),
            thresholdSeconds: c.longConnectionSeconds,
            connections: count,
            uid: t.ext[slot]?.longestUid ?? '',
          },
          summary: `${src} held one connection to ${dst}:${port}/${proto} open for ${hours} h`,
        }),
      );
    }
    if (count < c.minConnections) return;
    const e = t.samples(slot);
    const strobe = c.enableStrobes && count >= c.strobeConnections;
    if (!strobe && !regularEnough(e.ts, c)) return;
    const uids = [...e.uids].sort();
    if (strobe) {
      this.findings.push(
        makeFinding({
          detector: 'beacon.strobe',
          attack,
          severity: 'medium',
          confidence: 0.8,
          firstTs,
          lastTs,
          entities,
          evidence: {
            connections: count,
            strobeConnections: c.strobeConnections,
            sampleUids: uids,
          },
          summary: `${src} connected ${count} times to ${dst}:${port}/${proto} (strobe)`,
        }),
      );
      return;
    }
    const s = scorePair(e.ts, e.bytes, e.stride, this.minTs, this.maxTs, c);
    if (s.score < c.threshold || s.timestamp.score < c.minTimestampScore) return;
    const score = round(s.score, 3);
    const interval = round(s.timestamp.median / e.stride, 3);
    const jitter = round(s.timestamp.madm, 3);
    const dataSize = s.dataSize!;
    this.findings.push(
      makeFinding({
        detector: 'beacon',
        attack,
        severity: beaconSeverity(s.score),
        confidence: score,
        firstTs,
        lastTs,
        entities,
        evidence: {
          connections: count,
          sampled: e.ts.length,
          stride: e.stride,
          medianIntervalSeconds: interval,
          jitter,
          intervalSkew: round(s.timestamp.skew, 3),
          medianOrigBytes: round(dataSize.median, 3),
          bytesJitter: round(dataSize.madm, 3),
          bytesSkew: round(dataSize.skew, 3),
          coverage: round(s.coverage, 3),
          consistency: round(s.consistency, 3),
          histogram: s.bins.map((v) => round(v, 3)),
          histogramCv: round(s.histogram.cv, 3),
          histogramBimodalFit: round(s.histogram.bimodalFit, 3),
          scores: {
            timestamp: round(s.timestamp.score, 3),
            dataSize: round(dataSize.score, 3),
            duration: round(s.duration, 3),
            histogram: round(s.histogram.score, 3),
            total: score,
          },
          threshold: c.threshold,
          sampleUids: uids,
        },
        summary:
          `${src} beacons to ${dst}:${port}/${proto}: ${count} connections every ~${interval} s ` +
          `(jitter ${Math.round(jitter * 100)} %, score ${score})`,
      }),
    );
  }

  /** The finding of one (source, domain) pair, at finish or when it is evicted. */
  private reportDomain(slot: number): void {
    const c = this.c;
    const t = this.domains;
    const count = t.count[slot]!;
    if (count < c.minConnections) return;
    // Strobes are the address pairs' to report; a domain pair that busy is not scored.
    if (c.enableStrobes && count >= c.strobeConnections) return;
    const e = t.samples(slot);
    if (e.dsts.length < c.minDestinations || !regularEnough(e.ts, c)) return;
    const s = scorePair(e.ts, e.bytes, e.stride, this.domainMinTs, this.domainMaxTs, c);
    if (s.score < c.threshold || s.timestamp.score < c.minTimestampScore) return;
    const src = formatWords(t.words, slot * 8);
    const domain = this.domainNames[t.extra[slot]!]!;
    const tag = t.tag[slot]!;
    const via = tag === TAG_TLS ? 'tls' : tag === TAG_HTTP ? 'http' : 'tls+http';
    const dsts = e.dsts.map(dstText).sort();
    const capped = e.dsts.length >= c.maxDestinationsPerDomain;
    const score = round(s.score, 3);
    const interval = round(s.timestamp.median / e.stride, 3);
    const jitter = round(s.timestamp.madm, 3);
    const d = s.dataSize;
    this.findings.push(
      makeFinding({
        detector: 'beacon.domain',
        attack: tag === TAG_TLS ? 'T1573' : 'T1071',
        severity: beaconSeverity(s.score),
        confidence: score,
        firstTs: t.firstTs[slot]!,
        lastTs: t.lastTs[slot]!,
        entities: { src, domain, dst: dsts },
        evidence: {
          connections: count,
          via,
          destinations: dsts.length,
          destinationsCapped: capped,
          sampled: e.ts.length,
          stride: e.stride,
          medianIntervalSeconds: interval,
          jitter,
          intervalSkew: round(s.timestamp.skew, 3),
          medianRequestBytes: d === undefined ? null : round(d.median, 3),
          bytesJitter: d === undefined ? null : round(d.madm, 3),
          coverage: round(s.coverage, 3),
          consistency: round(s.consistency, 3),
          histogram: s.bins.map((v) => round(v, 3)),
          histogramCv: round(s.histogram.cv, 3),
          histogramBimodalFit: round(s.histogram.bimodalFit, 3),
          scores: {
            timestamp: round(s.timestamp.score, 3),
            dataSize: d === undefined ? null : round(d.score, 3),
            duration: round(s.duration, 3),
            histogram: round(s.histogram.score, 3),
            total: score,
          },
          threshold: c.threshold,
          sampleUids: [...e.uids].sort(),
        },
        summary:
          `${src} beacons to ${domain} (${via}, ${dsts.length}${capped ? '+' : ''} addresses): ${count} ` +
          `connections every ~${interval} s (jitter ${Math.round(jitter * 100)} %, score ${score})`,
      }),
    );
  }

  finish(): ShardOutput {
    for (const slot of this.pairs.slots()) this.reportPair(slot);
    for (const slot of this.domains.slots()) this.reportDomain(slot);
    this.pairs.clear();
    this.domains.clear();
    this.domainIds.clear();
    const findings = [...this.findings].sort(compareFindings);
    return { findings, partial: undefined, evictions: { ...this.evicted } };
  }

  snapshot(): BeaconSnapshot {
    const time = (v: number): number | null => (Number.isFinite(v) ? v : null);
    const domains = this.domains.snapshot();
    return {
      version: SNAPSHOT_VERSION,
      vshard: this.vshard,
      minTs: time(this.minTs),
      maxTs: time(this.maxTs),
      domainMinTs: time(this.domainMinTs),
      domainMaxTs: time(this.domainMaxTs),
      evictions: { ...this.evicted },
      findings: [...this.findings],
      pairs: this.pairs.snapshot(),
      domains,
      domainNames: Array.from(domains.extra, (id) => this.domainNames[id]!),
    };
  }

  static restore(vshard: number, config: BeaconConfig, snapshot: unknown): BeaconShard {
    const full = checkSnapshot<BeaconSnapshot>('beacon', snapshot, SNAPSHOT_VERSION, vshard);
    const shard = new BeaconShard(vshard, config);
    shard.minTs = full.minTs ?? Number.POSITIVE_INFINITY;
    shard.maxTs = full.maxTs ?? Number.NEGATIVE_INFINITY;
    shard.domainMinTs = full.domainMinTs ?? Number.POSITIVE_INFINITY;
    shard.domainMaxTs = full.domainMaxTs ?? Number.NEGATIVE_INFINITY;
    for (const name of BEACON_EVICTION_NAMES) shard.evicted[name] = full.evictions[name] ?? 0;
    for (const f of full.findings) shard.findings.push(f);
    shard.pairs.restore(full.pairs);
    // Domain ids are per shard: give each name a fresh one, then restore with those.
    const ids = full.domainNames.map((name) => {
      const id = shard.domainIds.get(name) ?? shard.newDomainId(name);
      shard.domainRefs[id]!++;
      return id;
    });
    shard.domains.restore({ ...full.domains, extra: Uint32Array.from(ids) });
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
