/**
 * Traffic anomalies against each entity's own history (`baseline`): per local host, local subnet
 * (the shard prefix, /24 and /64 by default) and local service (server, port, proto), bytes per
 * time bucket (1 h) and, for hosts, distinct peers of successful connections — those it
 * contacted (fan-out) and those that contacted it (fan-in), apart — compared with
 * the entity's history — a profile of the same hour of the week when the history holds at least
 * two weeks of it (only with a persisted baseline, `analyze --baseline FILE`), else the same
 * hour of the day when it holds two days, else everything before the bucket (the run so far) —
 * and with a Holt forecast of the whole series (double exponential smoothing with ntopng's
 * DESCounter parameters, α = 0.9, β = 0.035, 95 % band; see forecast.ts).
 *
 * A bucket is reported (`anomaly.volume`, `anomaly.fanout`, `anomaly.fanin`) when all of these hold:
 * - the value reaches the absolute floor (`minBytes`, `minSubnetBytes`, `minPeers`), so idle or
 *   small entities never fire;
 * - the entity has `minHistoryBuckets` buckets of history before it (subnets and services need a
 *   seasonal profile: their aggregate load follows the office day, which the run so far cannot
 *   tell from an anomaly);
 * - it is at least `minRatio` (`fanoutRatio`) times the reference: the larger of the profile's
 *   maximum and the Holt forecast's upper band;
 * - its robust z-score against the profile (median, 1.4826·MAD, scale floored at a quarter of the
 *   median) reaches `zThreshold`.
 * A host bucket that is not reported as a whole is checked for a burst (`anomaly.burst`): its
 * busiest `burstSeconds` slot, without the slot's largest single connection (one big download
 * is common; a burst is many transfers at once), reaching `burstMinBytes` and `burstFactor`
 * times the reference spread over the bucket's slots.
 *
 * Per host and run, also: `anomaly.concentration` — at least `concentrationShare` of the bytes
 * it sent to external destinations went to one of them, those were at least
 * `concentrationMinBytes`, and that destination's network is new to a host with a baseline
 * history (within one run such an upload is the exfil detector's finding); `anomaly.new-service` — it answered (established connections, with
 * data) on a port it never served before, from at least two clients and `newServiceMinConnections`
 * connections, at least `learningSeconds` after it was first seen (in this run or the baseline);
 * `anomaly.new-network` — it sent at least `newNetworkMinBytes` to an external /16 (IPv6 /32) it
 * never talked to, only when a persisted baseline holds `learningSeconds` of its history (quiet on
 * a first run).
 *
 * Visibility: a record is counted where the engine delivers it — the shard of its local endpoint.
 * A local host is counted for its outbound and inbound traffic and for traffic with hosts of its
 * own subnet; connections between two local subnets are counted for the originator only (the
 * responder's shard never sees them), so servers' per-service volume covers external clients and
 * clients of the same subnet.
 *
 * Buckets are evaluated when they close: at the end of the input, or earlier when an entity has
 * `maxOpenBuckets` open (the oldest closes); a record for a closed bucket is counted and dropped.
 * Memory per shard: at most `maxEntities` entities (further ones are counted and ignored), each
 * with `historyDays` of buckets, bounded port, network and destination tables. All decisions
 * follow the shard's record order: results do not depend on actors, batches or snapshots.
 */
import { formatAddress, maskAddress } from '../shared/addr.js';
import {
  type BatchView,
  ConnState,
  Counter,
  Flag,
  isPrimaryDelivery,
  PROTO_NAMES,
  Proto,
  RecordKind,
  Str,
} from '../shared/record.js';
import { type AnalyzerFactory, checkSnapshot, type ShardAnalyzer, type ShardOutput } from './analyzer.js';
import {
  allEntities,
  type BaselineFileRef,
  type BaselineStatus,
  compareWords,
  entitiesForShard,
  type OpenedBaseline,
  openBaselineFile,
  type PersistedEntity,
  type ShardingRef,
  writeBaselineFile,
} from './baseline-file.js';
import { compareFindings, type Finding, makeFinding, round, type Severity } from './finding.js';
import { holtForecast, robustZ } from './forecast.js';
import { checkOptions, type OptionRule, optionError } from './options.js';

// ─── configuration ──────────────────────────────────────────────────────────────────────────

export interface BaselineOptions {
  readonly bucketSeconds: number;
  readonly burstSeconds: number;
  readonly historyDays: number;
  /** Holt smoothing (ntopng DESCounter defaults) and the band's z (1.96: 95 %). */
  readonly alpha: number;
  readonly beta: number;
  readonly bandZ: number;
  readonly zThreshold: number;
  readonly minRatio: number;
  readonly minHistoryBuckets: number;
  readonly minBytes: number;
  readonly minSubnetBytes: number;
  readonly minPeers: number;
  readonly fanoutRatio: number;
  readonly burstFactor: number;
  readonly burstMinBytes: number;
  readonly concentrationShare: number;
  readonly concentrationMinBytes: number;
  readonly learningSeconds: number;
  readonly newServiceMinConnections: number;
  readonly newNetworkMinBytes: number;
  readonly enableVolume: boolean;
  readonly enableFanout: boolean;
  readonly enableFanin: boolean;
  readonly enableBurst: boolean;
  readonly enableConcentration: boolean;
  readonly enableNewService: boolean;
  readonly enableNewNetwork: boolean;
  readonly maxEntities: number;
  readonly maxOpenBuckets: number;
  readonly maxPortsPerHost: number;
  readonly maxNetsPerHost: number;
  readonly maxDestinationsPerHost: number;
  /** Entities of the baseline file at most (the most recently seen are kept). */
  readonly maxFileEntities: number;
  /** Entities not seen for this long (event time) are dropped from the baseline file. */
  readonly retainDays: number;
  readonly sampleSize: number;
}

/** The options plus what the coordinator adds for the run (never set by the user). */
export interface BaselineConfig extends BaselineOptions {
  readonly sharding?: ShardingRef;
  readonly file?: BaselineFileRef;
  /** Hand the updated entities back (a baseline file will be written). */
  readonly persist?: boolean;
}

export const DEFAULT_BASELINE_CONFIG: BaselineOptions = Object.freeze({
  bucketSeconds: 3_600,
  burstSeconds: 300,
  historyDays: 15,
  alpha: 0.9,
  beta: 0.035,
  bandZ: 1.96,
  zThreshold: 6,
  minRatio: 4,
  minHistoryBuckets: 6,
  minBytes: 500e6,
  minSubnetBytes: 2e9,
  minPeers: 100,
  fanoutRatio: 3,
  burstFactor: 10,
  burstMinBytes: 250e6,
  concentrationShare: 0.7,
  concentrationMinBytes: 1e9,
  learningSeconds: 12 * 3_600,
  newServiceMinConnections: 3,
  newNetworkMinBytes: 50e6,
  enableVolume: true,
  enableFanout: true,
  enableFanin: true,
  enableBurst: true,
  enableConcentration: true,
  enableNewService: true,
  enableNewNetwork: true,
  maxEntities: 4_096,
  maxOpenBuckets: 48,
  maxPortsPerHost: 256,
  maxNetsPerHost: 2_048,
  maxDestinationsPerHost: 256,
  maxFileEntities: 200_000,
  retainDays: 35,
  sampleSize: 10,
});

const RULES: { readonly [K in keyof BaselineOptions]: OptionRule } = {
  bucketSeconds: { type: 'integer', min: 60, max: 86_400 },
  burstSeconds: { type: 'integer', min: 10, max: 86_400 },
  historyDays: { type: 'integer', min: 1, max: 63 },
  alpha: { type: 'number', min: 0, max: 1, open: true },
  beta: { type: 'number', min: 0, max: 1 },
  bandZ: { type: 'number', min: 0, max: 10 },
  zThreshold: { type: 'number', min: 0, max: 1_000 },
  minRatio: { type: 'number', min: 1, max: 1_000 },
  minHistoryBuckets: { type: 'integer', min: 1, max: 10_000 },
  minBytes: { type: 'number', min: 0, max: 1e15 },
  minSubnetBytes: { type: 'number', min: 0, max: 1e15 },
  minPeers: { type: 'integer', min: 1, max: 1 << 24 },
  fanoutRatio: { type: 'number', min: 1, max: 1_000 },
  burstFactor: { type: 'number', min: 1, max: 1e6 },
  burstMinBytes: { type: 'number', min: 0, max: 1e15 },
  concentrationShare: { type: 'number', min: 0, max: 1, open: true },
  concentrationMinBytes: { type: 'number', min: 0, max: 1e15 },
  learningSeconds: { type: 'number', min: 0, max: 365 * 86_400 },
  newServiceMinConnections: { type: 'integer', min: 1, max: 1 << 24 },
  newNetworkMinBytes: { type: 'number', min: 0, max: 1e15 },
  enableVolume: { type: 'boolean' },
  enableFanout: { type: 'boolean' },
  enableFanin: { type: 'boolean' },
  enableBurst: { type: 'boolean' },
  enableConcentration: { type: 'boolean' },
  enableNewService: { type: 'boolean' },
  enableNewNetwork: { type: 'boolean' },
  maxEntities: { type: 'integer', min: 1, max: 1 << 24 },
  maxOpenBuckets: { type: 'integer', min: 1, max: 10_000 },
  maxPortsPerHost: { type: 'integer', min: 1, max: 65_536 },
  maxNetsPerHost: { type: 'integer', min: 1, max: 1 << 20 },
  maxDestinationsPerHost: { type: 'integer', min: 1, max: 1 << 20 },
  maxFileEntities: { type: 'integer', min: 1, max: 1 << 26 },
  retainDays: { type: 'integer', min: 1, max: 3_650 },
  sampleSize: { type: 'integer', min: 1, max: 1_000 },
};

export function validateBaselineConfig(partial: Readonly<Partial<BaselineOptions>> = {}): BaselineConfig {
  const c = checkOptions('baseline', RULES, DEFAULT_BASELINE_CONFIG, partial);
  if (86_400 % c.bucketSeconds !== 0) {
    throw optionError('baseline', 'bucketSeconds', 'must divide a day (86400)', c.bucketSeconds);
  }
  if (c.burstSeconds > c.bucketSeconds || c.bucketSeconds % c.burstSeconds !== 0) {
    throw optionError('baseline', 'burstSeconds', 'must divide bucketSeconds', c.burstSeconds);
  }
  return Object.freeze(c);
}

const DEFAULT_SHARDING: ShardingRef = Object.freeze({ vshards: 1024, v4Prefix: 24, v6Prefix: 64 });

// ─── entity state ───────────────────────────────────────────────────────────────────────────

export const EntityKind = { Host: 0, Subnet: 1, Service: 2 } as const;
const KIND_NAMES = ['host', 'subnet', 'service'] as const;

export const BASELINE_EVICTION_NAMES = [
  'maxEntities',
  'lateRecords',
  'maxPortsPerHost',
  'maxNetsPerHost',
  'maxDestinationsPerHost',
  'retainDays',
] as const;
type EvictionName = (typeof BASELINE_EVICTION_NAMES)[number];

/**
 * A set of uint32 values (peer hashes) that remembers insertion order: open addressing over a
 * typed array, so adding a value allocates nothing (a `Set<number>` boxes values ≥ 2^31).
 */
class U32Set {
  size = 0;
  private table: Uint32Array;
  private mask: number;
  private hasZero = false;
  private order: Uint32Array;

  constructor(values?: Iterable<number>) {
    this.table = new Uint32Array(16);
    this.mask = 15;
    this.order = new Uint32Array(8);
    if (values !== undefined) for (const v of values) this.add(v);
  }

  add(value: number): void {
    const v = value >>> 0;
    if (v === 0) {
      if (this.hasZero) return;
      this.hasZero = true;
      this.push(0);
      return;
    }
    const t = this.table;
    let h = Math.imul(v, 0x9e3779b1) & this.mask;
    for (;;) {
      const x = t[h]!;
      if (x === v) return;
      if (x === 0) break;
      h = (h + 1) & this.mask;
    }
    t[h] = v;
    this.push(v);
    if (this.size * 2 > t.length) this.grow();
  }

  private push(v: number): void {
    if (this.size === this.order.length) {
      const o = new Uint32Array(this.order.length * 2);
      o.set(this.order);
      this.order = o;
    }
    this.order[this.size++] = v;
  }

  private grow(): void {
    const t = new Uint32Array(this.table.length * 2);
    const mask = t.length - 1;
    for (let k = 0; k < this.size; k++) {
      const v = this.order[k]!;
      if (v === 0) continue;
      let h = Math.imul(v, 0x9e3779b1) & mask;
      while (t[h] !== 0) h = (h + 1) & mask;
      t[h] = v;
    }
    this.table = t;
    this.mask = mask;
  }

  /** The values in insertion order. */
  values(): number[] {
    return Array.from(this.order.subarray(0, this.size));
  }
}

interface Bucket {
  bytes: number;
  sent: number;
  conns: number;
  /** Distinct peers of successful connections the host originated, and answered (hosts only; made on the first). */
  outPeers: U32Set | undefined;
  inPeers: U32Set | undefined;
  /** Bytes per burst slot (hosts only). */
  slots: number[] | undefined;
  /** The largest single connection's bytes per burst slot (hosts only). */
  slotMax: number[] | undefined;
  firstTs: number;
  lastTs: number;
  uids: string[];
}

interface Served {
  firstTs: number;
  lastTs: number;
  conns: number;
  clients: Set<number>;
  uids: string[];
}

interface Outbound {
  bytes: number;
  firstTs: number;
  lastTs: number;
  words: number[];
  uids: string[];
}

interface Entity {
  readonly kind: number;
  readonly words: number[];
  readonly port: number;
  readonly proto: number;
  /** entityKey(…): the order of `finish`. */
  readonly key: string;
  firstTs: number;
  lastTs: number;
  /** From the baseline file: its time span then (learning), or −1. */
  priorSpan: number;
  start: number;
  bytes: number[];
  /** Distinct peers per bucket (hosts; NaN otherwise or where unknown): fan-out and fan-in. */
  outPeers: number[];
  inPeers: number[];
  ports: number[];
  portSet: Set<number>;
  nets: number[];
  netSet: Set<number>;
  /** Buckets below this are closed. */
  closedUpTo: number;
  open: Map<number, Bucket>;
  /** The open bucket last added to (`curB`), or undefined: most records hit it. */
  cur: Bucket | undefined;
  curB: number;
  served: Map<number, Served>;
  /**
   * External destinations in insertion order: their address words (4 each, `destCount` of them)
   * and, only when the concentration finding can use them (`tracksDests`), their bytes, times
   * and uids (`dests`, same order). Most hosts have no baseline history: for them only the
   * addresses are kept (they bound the table and count its evictions).
   */
  destWords: Uint32Array;
  destCount: number;
  dests: Outbound[];
  /** Open-addressing index over the destinations by address (index + 1, 0 empty); empty until used. */
  destSlots: Int32Array;
  outTotal: number;
  runNets: Map<number, Outbound>;
  /** The run network last added to (`lastNetKey`, −1 none). */
  lastNet: Outbound | undefined;
  lastNetKey: number;
}

const NO_SLOTS = new Int32Array(0);
const NO_WORDS = new Uint32Array(0);

function newEntity(kind: number, words: number[], port: number, proto: number, ts: number): Entity {
  return {
    kind,
    words,
    port,
    proto,
    key: entityKey(kind, words, port, proto),
    firstTs: ts,
    lastTs: ts,
    priorSpan: -1,
    start: 0,
    bytes: [],
    outPeers: [],
    inPeers: [],
    ports: [],
    portSet: new Set(),
    nets: [],
    netSet: new Set(),
    closedUpTo: Number.NEGATIVE_INFINITY,
    open: new Map(),
    cur: undefined,
    curB: Number.NaN,
    served: new Map(),
    destWords: NO_WORDS,
    destCount: 0,
    dests: [],
    destSlots: NO_SLOTS,
    outTotal: 0,
    runNets: new Map(),
    lastNet: undefined,
    lastNetKey: -1,
  };
}

function entityKey(kind: number, w: readonly number[], port: number, proto: number): string {
  return `${kind}:${w[0]}.${w[1]}.${w[2]}.${w[3]}:${port}:${proto}`;
}

/** The hash of an entity key (kind, address words, port, proto). */
function entityHash(
  kind: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
  port: number,
  proto: number,
): number {
  let h = Math.imul(0x811c9dc5 ^ w0, 0x01000193);
  h = Math.imul(h ^ w1, 0x01000193);
  h = Math.imul(h ^ w2, 0x01000193);
  h = Math.imul(h ^ w3, 0x01000193);
  h = Math.imul(h ^ (kind + 4 * proto + 1024 * port), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Appends destination (w0..w3) to `e`'s table and index; returns its index. */
function addDest(e: Entity, w0: number, w1: number, w2: number, w3: number): number {
  const index = e.destCount;
  if (e.destWords.length < 4 * (index + 1)) {
    const words = new Uint32Array(Math.max(16, 2 * e.destWords.length));
    words.set(e.destWords);
    e.destWords = words;
  }
  const dw = e.destWords;
  dw[4 * index] = w0;
  dw[4 * index + 1] = w1;
  dw[4 * index + 2] = w2;
  dw[4 * index + 3] = w3;
  e.destCount = index + 1;
  if (e.destSlots.length < 2 * e.destCount) {
    const slots = new Int32Array(Math.max(16, e.destSlots.length * 2));
    const mask = slots.length - 1;
    for (let k = 0; k < index; k++) {
      let h = peerHash(dw[4 * k]!, dw[4 * k + 1]!, dw[4 * k + 2]!, dw[4 * k + 3]!) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = k + 1;
    }
    e.destSlots = slots;
  }
  const mask = e.destSlots.length - 1;
  let h = peerHash(w0, w1, w2, w3) & mask;
  while (e.destSlots[h] !== 0) h = (h + 1) & mask;
  e.destSlots[h] = index + 1;
  return index;
}

/** The index of `e`'s destination with address (w0..w3), or −1. */
function findDest(e: Entity, w0: number, w1: number, w2: number, w3: number): number {
  const slots = e.destSlots;
  if (slots.length === 0) return -1;
  const dw = e.destWords;
  const mask = slots.length - 1;
  let h = peerHash(w0, w1, w2, w3) & mask;
  for (;;) {
    const x = slots[h]!;
    if (x === 0) return -1;
    const at = 4 * (x - 1);
    if (dw[at] === w0 && dw[at + 1] === w1 && dw[at + 2] === w2 && dw[at + 3] === w3) return x - 1;
    h = (h + 1) & mask;
  }
}

function isV4Words(w: readonly number[]): boolean {
  return w[0] === 0 && w[1] === 0 && w[2] === 0xffff;
}

/** An external network's key: IPv4 /16 below 65 536, IPv6 /32 above. */
function netKeyOf(w: readonly number[]): number {
  return isV4Words(w) ? w[3]! >>> 16 : 65_536 + w[0]!;
}

function formatWords(w: readonly number[]): string {
  return formatAddress(Uint32Array.of(w[0]!, w[1]!, w[2]!, w[3]!));
}

/** A small well-mixed hash of 4 address words (peer sets). */
function peerHash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(0x811c9dc5 ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  h = Math.imul(h ^ d, 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Distinct peers counted per host bucket at most (the count saturates there). */
export const MAX_PEERS_PER_BUCKET = 65_536;

/** Handshake completed (TCP) or answered (UDP): the responder really served. */
const ESTABLISHED = new Uint8Array(256);
for (const s of [ConnState.SF, ConnState.S1, ConnState.S2, ConnState.S3, ConnState.RSTO, ConnState.RSTR]) {
  ESTABLISHED[s] = 1;
}

const gb = (bytes: number): string =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;

function severityOf(ratio: number): Severity {
  if (ratio >= 20) return 'high';
  if (ratio >= 8) return 'medium';
  return 'low';
}

export type ProfileKind = 'hour-of-week' | 'hour-of-day' | 'run';

export interface Profile {
  readonly kind: ProfileKind;
  readonly values: readonly number[];
}

/**
 * The history to compare bucket `b` with: the same slot of the week when at least two weeks of
 * it are known, else the same slot of the day when two days are, else every known bucket before.
 */
export function profileFor(
  series: readonly number[],
  start: number,
  b: number,
  bucketsPerDay: number,
): Profile {
  const at = (x: number): number =>
    x >= start && x - start < series.length ? series[x - start]! : Number.NaN;
  const seasonal = (period: number): number[] => {
    const out: number[] = [];
    for (let x = b - period; x >= start; x -= period) {
      const v = at(x);
      if (Number.isFinite(v)) out.push(v);
    }
    return out;
  };
  const week = seasonal(7 * bucketsPerDay);
  if (week.length >= 2) return { kind: 'hour-of-week', values: week };
  const day = seasonal(bucketsPerDay);
  if (day.length >= 2) return { kind: 'hour-of-day', values: day };
  const all: number[] = [];
  for (let x = start; x < b && x - start < series.length; x++) {
    const v = at(x);
    if (Number.isFinite(v)) all.push(v);
  }
  return { kind: 'run', values: all };
}

export interface Judgement {
  readonly profile: ProfileKind;
  readonly history: number;
  readonly median: number;
  readonly mad: number;
  readonly z: number;
  readonly profileMax: number;
  readonly forecast: number;
  readonly band: number;
  readonly reference: number;
  readonly ratio: number;
}

/** Compares `value` at bucket `b` with the series before it (see the module comment). */
export function judge(
  series: readonly number[],
  start: number,
  b: number,
  value: number,
  c: BaselineOptions,
): Judgement | undefined {
  const bucketsPerDay = 86_400 / c.bucketSeconds;
  const prior: number[] = [];
  for (let x = start; x < b && x - start < series.length; x++) prior.push(series[x - start]!);
  const history = prior.filter((v) => Number.isFinite(v)).length;
  if (history === 0) return undefined;
  const profile = profileFor(series, start, b, bucketsPerDay);
  const holt = holtForecast(prior, c.alpha, c.beta, c.bandZ);
  const profileMax = profile.values.reduce((m, v) => Math.max(m, v), 0);
  const reference = Math.max(profileMax, holt.forecast + holt.band, 1);
  const stats = robustZ(value, profile.values, 1);
  const scale = Math.max(stats.scale, 0.25 * stats.median);
  return {
    profile: profile.kind,
    history,
    median: stats.median,
    mad: stats.mad,
    z: (value - stats.median) / scale,
    profileMax,
    forecast: holt.forecast,
    band: holt.band,
    reference,
    ratio: value / reference,
  };
}

// ─── the shard ──────────────────────────────────────────────────────────────────────────────

interface ShardSnapshot {
  readonly version: number;
  readonly vshard: number;
  readonly minTs: number | null;
  readonly maxTs: number | null;
  readonly evictions: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  readonly entities: readonly unknown[];
}

/** 3: destinations' bytes, times and uids only for entities that track them; 4: fan-out and fan-in apart. */
const SNAPSHOT_VERSION = 4;

/** A baseline partial: per virtual shard its updated entities (only when a file is written). */
export interface BaselinePartial {
  readonly groups: ReadonlyArray<{ readonly vshard: number; readonly entities: readonly PersistedEntity[] }>;
  readonly minTs: number | null;
  readonly maxTs: number | null;
}

class BaselineShard implements ShardAnalyzer {
  /** The entities in insertion order, and an open-addressing index over them (index + 1). */
  private readonly list: Entity[] = [];
  private slots = new Int32Array(1024);
  /** Each entity's address words (4 per entity), for the index's probes. */
  private keyWords = new Uint32Array(4 * 256);
  private readonly findings: Finding[] = [];
  private readonly evicted: Record<EvictionName, number> = {
    maxEntities: 0,
    lateRecords: 0,
    maxPortsPerHost: 0,
    maxNetsPerHost: 0,
    maxDestinationsPerHost: 0,
    retainDays: 0,
  };
  private minTs = Number.POSITIVE_INFINITY;
  private maxTs = Number.NEGATIVE_INFINITY;
  private readonly sharding: ShardingRef;
  private readonly slotsPerBucket: number;
  private readonly historyBuckets: number;
  private readonly bucketSeconds: number;
  private readonly burstSeconds: number;
  private readonly sampleSize: number;
  private readonly maxEntities: number;
  private readonly scratch = new Uint32Array(8);
  private readonly masked = new Uint32Array(8);
  /** The record being observed, for its uid (read at most once, when a sample takes it). */
  private uidView: BatchView | undefined;
  private uidRow = 0;
  private uidValue: string | undefined;

  constructor(
    private readonly vshard: number,
    private readonly c: BaselineConfig,
  ) {
    this.sharding = c.sharding ?? DEFAULT_SHARDING;
    this.slotsPerBucket = c.bucketSeconds / c.burstSeconds;
    this.historyBuckets = Math.round((c.historyDays * 86_400) / c.bucketSeconds);
    this.bucketSeconds = c.bucketSeconds;
    this.burstSeconds = c.burstSeconds;
    this.sampleSize = c.sampleSize;
    this.maxEntities = c.maxEntities;
  }

  /** The index of the entity with this key, or −(slot + 1) of the free slot where it would go. */
  private probe(
    kind: number,
    w0: number,
    w1: number,
    w2: number,
    w3: number,
    port: number,
    proto: number,
  ): number {
    const slots = this.slots;
    const kw = this.keyWords;
    const mask = slots.length - 1;
    let h = entityHash(kind, w0, w1, w2, w3, port, proto) & mask;
    for (;;) {
      const x = slots[h]!;
      if (x === 0) return -(h + 1);
      const at = 4 * (x - 1);
      if (kw[at] === w0 && kw[at + 1] === w1 && kw[at + 2] === w2 && kw[at + 3] === w3) {
        const e = this.list[x - 1]!;
        if (e.kind === kind && e.port === port && e.proto === proto) return x - 1;
      }
      h = (h + 1) & mask;
    }
  }

  /** The entity with `e`'s key, if any. */
  private lookup(e: Entity): number {
    const w = e.words;
    return this.probe(e.kind, w[0]!, w[1]!, w[2]!, w[3]!, e.port, e.proto);
  }

  /** Appends `e` (its key not yet present) at free slot `free` (a `probe` result). */
  private insert(e: Entity, free: number): void {
    const index = this.list.length;
    this.list.push(e);
    if (this.keyWords.length < 4 * (index + 1)) {
      const kw = new Uint32Array(this.keyWords.length * 2);
      kw.set(this.keyWords);
      this.keyWords = kw;
    }
    const w = e.words;
    this.keyWords[4 * index] = w[0]!;
    this.keyWords[4 * index + 1] = w[1]!;
    this.keyWords[4 * index + 2] = w[2]!;
    this.keyWords[4 * index + 3] = w[3]!;
    if (2 * this.list.length > this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2);
      const mask = slots.length - 1;
      for (let k = 0; k < this.list.length; k++) {
        const x = this.list[k]!;
        const v = x.words;
        let h = entityHash(x.kind, v[0]!, v[1]!, v[2]!, v[3]!, x.port, x.proto) & mask;
        while (slots[h] !== 0) h = (h + 1) & mask;
        slots[h] = k + 1;
      }
      this.slots = slots;
    } else {
      this.slots[-free - 1] = index + 1;
    }
  }

  /** Loads persisted entities (from the baseline file or a snapshot's history). */
  adopt(list: readonly PersistedEntity[]): void {
    for (const p of list) {
      const w = p.words;
      const free = this.probe(p.kind, w[0]!, w[1]!, w[2]!, w[3]!, p.port, p.proto);
      if (free >= 0) continue;
      if (this.list.length >= this.maxEntities) {
        this.evicted.maxEntities++;
        continue;
      }
      const e = newEntity(p.kind, [...p.words], p.port, p.proto, p.firstTs);
      e.lastTs = p.lastTs;
      e.priorSpan = p.lastTs - p.firstTs;
      e.start = p.start;
      e.bytes = Array.from(p.bytes);
      e.outPeers = Array.from(p.outPeers);
      e.inPeers = Array.from(p.inPeers);
      e.ports = p.ports.slice(-this.c.maxPortsPerHost);
      e.portSet = new Set(e.ports);
      e.nets = p.nets.slice(-this.c.maxNetsPerHost);
      e.netSet = new Set(e.nets);
      this.insert(e, free);
    }
  }

  observeRows(view: BatchView, rows: Int32Array, from: number, to: number): void {
    for (let k = from; k < to; k++) this.observe(view, rows[k]!);
  }

  observe(view: BatchView, i: number): void {
    if (view.kind[i] !== RecordKind.Conn) return;
    const flags = view.flags[i]!;
    if (
      !isPrimaryDelivery(flags) ||
      (flags & (Flag.OrigSet | Flag.RespSet)) !== (Flag.OrigSet | Flag.RespSet)
    )
      return;
    const ts = view.ts[i]!;
    if (!Number.isFinite(ts)) return;
    if (ts < this.minTs) this.minTs = ts;
    if (ts > this.maxTs) this.maxTs = ts;
    const localOrig = (flags & Flag.LocalOrig) !== 0;
    const localResp = (flags & Flag.LocalResp) !== 0;
    if (!localOrig && !localResp) return;
    const ob = view.counter(i, Counter.OrigBytes);
    const rb = view.counter(i, Counter.RespBytes);
    const origBytes = Number.isFinite(ob) && ob > 0 ? ob : 0;
    const respBytes = Number.isFinite(rb) && rb > 0 ? rb : 0;
    const total = origBytes + respBytes;
    const proto = view.proto[i]!;
    const established = ESTABLISHED[view.connState[i]!] === 1 && (proto !== Proto.Udp || respBytes > 0);
    const a = this.scratch;
    view.copyAddr(i, 0, a, 0);
    view.copyAddr(i, 1, a, 4);
    // The responder belongs to this shard when the record is keyed by it (inbound) or both ends
    // share the shard's subnet.
    const respHere = localResp && (!localOrig || this.sameSubnet(a));
    const bucketSeconds = this.bucketSeconds;
    const bucket = Math.floor(ts / bucketSeconds);
    const slot = Math.floor((ts - bucket * bucketSeconds) / this.burstSeconds);
    this.uidView = view;
    this.uidRow = i;
    this.uidValue = undefined;
    const origPeer = established ? peerHash(a[0]!, a[1]!, a[2]!, a[3]!) : 0;
    const respPeer = established ? peerHash(a[4]!, a[5]!, a[6]!, a[7]!) : 0;
    if (localOrig) {
      const host = this.entity(EntityKind.Host, a, 0, 0, 0, ts);
      if (host) {
        this.add(host, bucket, slot, ts, total, origBytes, established ? respPeer : -1, false);
        if (!localResp) this.outbound(host, a, ts, origBytes);
      }
      const net = this.subnetEntity(a, 0, ts);
      if (net) this.add(net, bucket, slot, ts, total, localResp && respHere ? 0 : origBytes, -1, false);
    }
    if (respHere) {
      const host = this.entity(EntityKind.Host, a, 4, 0, 0, ts);
      const serves = established && (proto === Proto.Tcp || proto === Proto.Udp);
      if (host) {
        this.add(host, bucket, slot, ts, total, respBytes, established ? origPeer : -1, true);
        if (serves) this.served(host, view.respPort[i]! * 4 + proto, ts, origPeer);
      }
      if (!localOrig) {
        const net = this.subnetEntity(a, 4, ts);
        if (net) this.add(net, bucket, slot, ts, total, respBytes, -1, false);
      }
      if (serves) {
        const svc = this.entity(EntityKind.Service, a, 4, view.respPort[i]!, proto, ts);
        if (svc) this.add(svc, bucket, slot, ts, total, respBytes, -1, false);
      }
    }
    this.uidView = undefined;
  }

  /** The observed record's uid (decoded once). */
  private uid(): string {
    this.uidValue ??= this.uidView!.str(this.uidRow, Str.Uid);
    return this.uidValue;
  }

  private sameSubnet(a: Uint32Array): boolean {
    const m = this.masked;
    const p4 = this.sharding.v4Prefix;
    const p6 = this.sharding.v6Prefix;
    const v4o = a[0] === 0 && a[1] === 0 && a[2] === 0xffff;
    const v4r = a[4] === 0 && a[5] === 0 && a[6] === 0xffff;
    if (v4o !== v4r) return false;
    maskAddress(a, 0, v4o ? p4 : p6, m, 0);
    maskAddress(a, 4, v4o ? p4 : p6, m, 4);
    return m[0] === m[4] && m[1] === m[5] && m[2] === m[6] && m[3] === m[7];
  }

  private subnetEntity(a: Uint32Array, at: number, ts: number): Entity | undefined {
    const m = this.masked;
    const v4 = a[at] === 0 && a[at + 1] === 0 && a[at + 2] === 0xffff;
    maskAddress(a, at, v4 ? this.sharding.v4Prefix : this.sharding.v6Prefix, m, 0);
    return this.entity(EntityKind.Subnet, m, 0, 0, 0, ts);
  }

  /** The entity of (kind, address words w[at..at+3], port, proto), created when new. */
  private entity(
    kind: number,
    w: Uint32Array,
    at: number,
    port: number,
    proto: number,
    ts: number,
  ): Entity | undefined {
    const w0 = w[at]!;
    const w1 = w[at + 1]!;
    const w2 = w[at + 2]!;
    const w3 = w[at + 3]!;
    const found = this.probe(kind, w0, w1, w2, w3, port, proto);
    let e: Entity;
    if (found >= 0) {
      e = this.list[found]!;
    } else {
      if (this.list.length >= this.maxEntities) {
        this.evicted.maxEntities++;
        return undefined;
      }
      e = newEntity(kind, [w0, w1, w2, w3], port, proto, ts);
      this.insert(e, found);
    }
    if (ts < e.firstTs) e.firstTs = ts;
    if (ts > e.lastTs) e.lastTs = ts;
    return e;
  }

  private add(
    e: Entity,
    b: number,
    slot: number,
    ts: number,
    bytes: number,
    sent: number,
    peer: number,
    inbound: boolean,
  ): void {
    if (b < e.closedUpTo) {
      this.evicted.lateRecords++;
      return;
    }
    let bucket = b === e.curB ? e.cur : e.open.get(b);
    if (bucket === undefined) {
      const host = e.kind === EntityKind.Host;
      bucket = {
        bytes: 0,
        sent: 0,
        conns: 0,
        outPeers: undefined,
        inPeers: undefined,
        slots: host ? new Array<number>(this.slotsPerBucket).fill(0) : undefined,
        slotMax: host ? new Array<number>(this.slotsPerBucket).fill(0) : undefined,
        firstTs: ts,
        lastTs: ts,
        uids: [],
      };
      e.open.set(b, bucket);
      if (e.open.size > this.c.maxOpenBuckets) {
        this.closeUpTo(e, Math.min(...e.open.keys()) + 1, false);
        if (b < e.closedUpTo) {
          this.evicted.lateRecords++;
          return;
        }
      }
    }
    e.cur = bucket;
    e.curB = b;
    bucket.bytes += bytes;
    bucket.sent += sent;
    bucket.conns++;
    if (ts < bucket.firstTs) bucket.firstTs = ts;
    if (ts > bucket.lastTs) bucket.lastTs = ts;
    // Only hosts pass a peer; each set is made on its first peer (most hosts only originate).
    if (peer >= 0) {
      let peers = inbound ? bucket.inPeers : bucket.outPeers;
      if (peers === undefined) {
        peers = new U32Set();
        if (inbound) bucket.inPeers = peers;
        else bucket.outPeers = peers;
      }
      if (peers.size < MAX_PEERS_PER_BUCKET) peers.add(peer);
    }
    const slots = bucket.slots;
    const slotMax = bucket.slotMax;
    if (slots !== undefined && slotMax !== undefined) {
      slots[slot] = slots[slot]! + bytes;
      if (bytes > slotMax[slot]!) slotMax[slot] = bytes;
    }
    // Uid samples of the bucket's largest connections would need sorting; the first ones do.
    if (bucket.uids.length < this.sampleSize && bytes > 0) bucket.uids.push(this.uid());
  }

  private served(host: Entity, key: number, ts: number, client: number): void {
    if (host.portSet.has(key)) return;
    let s = host.served.get(key);
    if (s === undefined) {
      if (host.served.size >= this.c.maxPortsPerHost) {
        this.evicted.maxPortsPerHost++;
        return;
      }
      s = { firstTs: ts, lastTs: ts, conns: 0, clients: new Set(), uids: [] };
      host.served.set(key, s);
    }
    s.conns++;
    if (ts < s.firstTs) s.firstTs = ts;
    if (ts > s.lastTs) s.lastTs = ts;
    if (s.clients.size < 64) s.clients.add(client);
    if (s.uids.length < this.sampleSize) s.uids.push(this.uid());
  }

  private outbound(host: Entity, a: Uint32Array, ts: number, sent: number): void {
    host.outTotal += sent;
    const w0 = a[4]!;
    const w1 = a[5]!;
    const w2 = a[6]!;
    const w3 = a[7]!;
    let words: number[] | undefined;
    let at = findDest(host, w0, w1, w2, w3);
    if (at < 0) {
      if (host.destCount >= this.c.maxDestinationsPerHost) {
        this.evicted.maxDestinationsPerHost++;
      } else {
        at = addDest(host, w0, w1, w2, w3);
        if (this.tracksDests(host)) {
          words = [w0, w1, w2, w3];
          host.dests.push({ bytes: 0, firstTs: ts, lastTs: ts, words, uids: [] });
        }
      }
    }
    if (at >= 0 && this.tracksDests(host)) this.track(host.dests[at]!, ts, sent);
    const netKey = w0 === 0 && w1 === 0 && w2 === 0xffff ? w3 >>> 16 : 65_536 + w0;
    let n = netKey === host.lastNetKey ? host.lastNet : host.runNets.get(netKey);
    if (n === undefined) {
      if (host.runNets.size >= this.c.maxNetsPerHost) {
        this.evicted.maxNetsPerHost++;
        return;
      }
      n = { bytes: 0, firstTs: ts, lastTs: ts, words: words ?? [w0, w1, w2, w3], uids: [] };
      host.runNets.set(netKey, n);
    }
    host.lastNet = n;
    host.lastNetKey = netKey;
    this.track(n, ts, sent);
  }

  /** Whether `e`'s destinations can make a concentration finding (see `hostFindings`). */
  private tracksDests(e: Entity): boolean {
    return this.c.enableConcentration && e.priorSpan >= this.c.learningSeconds;
  }

  private track(o: Outbound, ts: number, sent: number): void {
    o.bytes += sent;
    if (ts < o.firstTs) o.firstTs = ts;
    if (ts > o.lastTs) o.lastTs = ts;
    if (o.uids.length < this.sampleSize && sent > 0) o.uids.push(this.uid());
  }

  /** Appends bucket b's values to the history (NaN-padding a gap, overwriting an overlap). */
  private append(e: Entity, b: number, bytes: number, outPeers: number, inPeers: number): void {
    if (e.bytes.length === 0) e.start = b;
    if (b < e.start) return;
    const host = e.kind === EntityKind.Host;
    const end = e.start + e.bytes.length;
    if (b >= end) {
      // A gap longer than the history is cheaper as a restart.
      if (b - end >= this.historyBuckets) {
        e.start = b;
        e.bytes = [];
        e.outPeers = [];
        e.inPeers = [];
      } else {
        for (let x = end; x < b; x++) {
          e.bytes.push(Number.NaN);
          e.outPeers.push(Number.NaN);
          e.inPeers.push(Number.NaN);
        }
      }
      e.bytes.push(bytes);
      e.outPeers.push(host ? outPeers : Number.NaN);
      e.inPeers.push(host ? inPeers : Number.NaN);
    } else {
      e.bytes[b - e.start] = bytes;
      e.outPeers[b - e.start] = host ? outPeers : Number.NaN;
      e.inPeers[b - e.start] = host ? inPeers : Number.NaN;
    }
    const extra = e.bytes.length - this.historyBuckets;
    if (extra > 0) {
      e.bytes.splice(0, extra);
      e.outPeers.splice(0, extra);
      e.inPeers.splice(0, extra);
      e.start += extra;
    }
  }

  /** Closes (judges and folds in) every open bucket below `limit`; `toEnd` also zero-fills. */
  private closeUpTo(e: Entity, limit: number, toEnd: boolean): void {
    const first = Math.floor(this.minTs / this.c.bucketSeconds);
    const keys = [...e.open.keys()].filter((k) => k < limit).sort((x, y) => x - y);
    let next = Math.max(Number.isFinite(e.closedUpTo) ? e.closedUpTo : first, first);
    for (const b of keys) {
      for (let x = next; x < b; x++) this.append(e, x, 0, 0, 0);
      const bucket = e.open.get(b)!;
      e.open.delete(b);
      if (e.curB === b) {
        e.cur = undefined;
        e.curB = Number.NaN;
      }
      this.judgeBucket(e, b, bucket);
      this.append(e, b, bucket.bytes, bucket.outPeers?.size ?? 0, bucket.inPeers?.size ?? 0);
      next = b + 1;
    }
    if (toEnd) for (let x = next; x < limit; x++) this.append(e, x, 0, 0, 0);
    e.closedUpTo = Math.max(Number.isFinite(e.closedUpTo) ? e.closedUpTo : limit, limit);
  }

  private judgeBucket(e: Entity, b: number, bucket: Bucket): void {
    const c = this.c;
    const host = e.kind === EntityKind.Host;
    const floor = e.kind === EntityKind.Subnet ? c.minSubnetBytes : c.minBytes;
    let volumeFired = false;
    if (c.enableVolume && bucket.bytes >= floor) {
      const j = judge(e.bytes, e.start, b, bucket.bytes, c);
      if (j && this.qualifies(e, j, c.minRatio)) {
        this.report(e, b, bucket, 'anomaly.volume', bucket.bytes, j);
        volumeFired = true;
      }
    }
    if (host && c.enableFanout) this.judgePeers(e, b, bucket, 'anomaly.fanout', e.outPeers, bucket.outPeers);
    if (host && c.enableFanin) this.judgePeers(e, b, bucket, 'anomaly.fanin', e.inPeers, bucket.inPeers);
    if (host && c.enableBurst && !volumeFired && bucket.slots !== undefined && bucket.slotMax !== undefined) {
      // A burst is many transfers at once: one big download (common) is not one, so a slot
      // counts without its largest connection.
      let peak = 0;
      let at = 0;
      for (let s = 0; s < bucket.slots.length; s++) {
        const v = bucket.slots[s]! - bucket.slotMax[s]!;
        if (v > peak) {
          peak = v;
          at = s;
        }
      }
      if (peak >= c.burstMinBytes) {
        const j = judge(e.bytes, e.start, b, bucket.bytes, c);
        if (j && j.history >= c.minHistoryBuckets) {
          const usual = j.reference / this.slotsPerBucket;
          const ratio = peak / Math.max(usual, 1);
          if (ratio >= c.burstFactor) {
            this.report(e, b, bucket, 'anomaly.burst', peak, { ...j, ratio }, at);
          }
        }
      }
    }
  }

  /** Fan-out or fan-in: the bucket's distinct peers against the host's series of them. */
  private judgePeers(
    e: Entity,
    b: number,
    bucket: Bucket,
    detector: 'anomaly.fanout' | 'anomaly.fanin',
    series: readonly number[],
    peers: U32Set | undefined,
  ): void {
    const n = peers?.size ?? 0;
    if (n < this.c.minPeers) return;
    const j = judge(series, e.start, b, n, this.c);
    if (j && this.qualifies(e, j, this.c.fanoutRatio)) this.report(e, b, bucket, detector, n, j);
  }

  private qualifies(e: Entity, j: Judgement, minRatio: number): boolean {
    if (j.history < this.c.minHistoryBuckets) return false;
    // Aggregates follow the office day: without a seasonal profile the run so far cannot tell.
    if (e.kind !== EntityKind.Host && j.profile === 'run') return false;
    return j.ratio >= minRatio && j.z >= this.c.zThreshold;
  }

  private describe(e: Entity): { src: string; entities: Record<string, string>; name: string } {
    const addr = formatWords(e.words);
    if (e.kind === EntityKind.Subnet) {
      const bits = isV4Words(e.words) ? this.sharding.v4Prefix : this.sharding.v6Prefix;
      const text = `${addr}/${bits}`;
      return { src: text, entities: { src: text, subnet: text }, name: `subnet ${text}` };
    }
    if (e.kind === EntityKind.Service) {
      const proto = PROTO_NAMES[e.proto] ?? 'unknown_transport';
      return {
        src: addr,
        entities: { src: addr, port: String(e.port), proto },
        name: `service ${addr}:${e.port}/${proto}`,
      };
    }
    return { src: addr, entities: { src: addr }, name: addr };
  }

  private report(
    e: Entity,
    b: number,
    bucket: Bucket,
    detector: string,
    value: number,
    j: Judgement,
    slot?: number,
  ): void {
    const c = this.c;
    const d = this.describe(e);
    // Fan-out and fan-in count peers; the others bytes.
    const peers = detector === 'anomaly.fanout' || detector === 'anomaly.fanin';
    const shown = (v: number): string => (peers ? String(Math.round(v)) : gb(v));
    const bucketStart = b * c.bucketSeconds;
    const what =
      detector === 'anomaly.burst'
        ? `moved ${gb(value)} in ${c.burstSeconds} s`
        : detector === 'anomaly.fanin'
          ? `was contacted by ${value} peers in ${c.bucketSeconds / 60} min`
          : peers
            ? `contacted ${value} peers in ${c.bucketSeconds / 60} min`
            : `moved ${gb(value)} in ${c.bucketSeconds / 60} min`;
    const attack =
      detector === 'anomaly.fanin'
        ? 'T1498'
        : peers
          ? 'T1071'
          : bucket.sent * 2 >= bucket.bytes
            ? 'T1048'
            : 'T1105';
    this.findings.push(
      makeFinding({
        detector,
        attack,
        severity: severityOf(j.ratio),
        confidence: round(Math.min(0.95, 0.5 + 0.1 * Math.log2(Math.max(1, j.ratio))), 3),
        firstTs: bucket.firstTs,
        lastTs: bucket.lastTs,
        entities: { ...d.entities, kind: KIND_NAMES[e.kind]! },
        evidence: {
          bucketStart,
          bucketSeconds: c.bucketSeconds,
          value: round(value, 3),
          ...(peers ? {} : { sentBytes: round(bucket.sent, 3), connections: bucket.conns }),
          ...(slot === undefined
            ? {}
            : { slotStart: bucketStart + slot * c.burstSeconds, slotSeconds: c.burstSeconds }),
          profile: j.profile,
          historyBuckets: j.history,
          median: round(j.median, 3),
          mad: round(j.mad, 3),
          z: round(j.z, 3),
          profileMax: round(j.profileMax, 3),
          forecast: round(j.forecast, 3),
          band: round(j.band, 3),
          reference: round(j.reference, 3),
          ratio: round(j.ratio, 3),
          thresholds: {
            z: c.zThreshold,
            ratio: detector === 'anomaly.burst' ? c.burstFactor : peers ? c.fanoutRatio : c.minRatio,
            floor: peers
              ? c.minPeers
              : detector === 'anomaly.burst'
                ? c.burstMinBytes
                : e.kind === EntityKind.Subnet
                  ? c.minSubnetBytes
                  : c.minBytes,
          },
          sampleUids: [...bucket.uids].sort(),
        },
        summary: `${d.name} ${what}, ${round(j.ratio, 1)}× its usual (${shown(j.reference)}, ${j.profile} profile)`,
      }),
    );
  }

  /** Per-host run findings: concentration, new services, new networks. */
  private hostFindings(e: Entity): void {
    const c = this.c;
    const src = formatWords(e.words);
    // Only against history: within one run a big one-destination upload is the exfil
    // detector's finding; with a baseline it is news when the destination's network is new.
    if (this.tracksDests(e) && e.outTotal >= c.concentrationMinBytes) {
      let top: Outbound | undefined;
      for (const o of e.dests) {
        if (
          top === undefined ||
          o.bytes > top.bytes ||
          (o.bytes === top.bytes && compareWords(o.words, top.words) < 0)
        )
          top = o;
      }
      if (
        top !== undefined &&
        top.bytes >= c.concentrationShare * e.outTotal &&
        top.bytes >= c.concentrationMinBytes &&
        !e.netSet.has(netKeyOf(top.words))
      ) {
        const dst = formatWords(top.words);
        const share = top.bytes / e.outTotal;
        this.findings.push(
          makeFinding({
            detector: 'anomaly.concentration',
            attack: 'T1048',
            severity: top.bytes >= 10 * c.concentrationMinBytes ? 'high' : 'medium',
            confidence: round(Math.min(0.9, share), 3),
            firstTs: top.firstTs,
            lastTs: top.lastTs,
            entities: { src, dst, kind: 'host' },
            evidence: {
              bytesToDestination: top.bytes,
              bytesSentOutside: e.outTotal,
              share: round(share, 3),
              thresholds: { share: c.concentrationShare, minBytes: c.concentrationMinBytes },
              sampleUids: [...top.uids].sort(),
            },
            summary: `${src} sent ${Math.round(share * 100)} % of its external traffic (${gb(top.bytes)}) to ${dst}`,
          }),
        );
      }
    }
    if (c.enableNewService) {
      for (const key of [...e.served.keys()].sort((x, y) => x - y)) {
        const s = e.served.get(key)!;
        const learned = s.firstTs - e.firstTs >= c.learningSeconds;
        if (learned && s.conns >= c.newServiceMinConnections && s.clients.size >= 2) {
          const port = key >> 2;
          const proto = PROTO_NAMES[key & 3] ?? 'unknown_transport';
          this.findings.push(
            makeFinding({
              detector: 'anomaly.new-service',
              attack: 'T1571',
              severity: 'medium',
              confidence: 0.6,
              firstTs: s.firstTs,
              lastTs: s.lastTs,
              entities: { src, port: String(port), proto, kind: 'host' },
              evidence: {
                connections: s.conns,
                clients: s.clients.size,
                knownSince: e.firstTs,
                learningSeconds: c.learningSeconds,
                minConnections: c.newServiceMinConnections,
                knownPorts: e.ports.length,
                sampleUids: [...s.uids].sort(),
              },
              summary: `${src} answers on ${port}/${proto}, a port it never served (${s.conns} connections from ${s.clients.size} clients)`,
            }),
          );
        }
      }
    }
    if (c.enableNewNetwork && e.priorSpan >= c.learningSeconds) {
      const fresh = [...e.runNets.entries()]
        .filter(([k, o]) => !e.netSet.has(k) && o.bytes >= c.newNetworkMinBytes)
        .sort((x, y) => y[1].bytes - x[1].bytes || x[0] - y[0])
        .slice(0, 5);
      for (const [k, o] of fresh) {
        const v4 = k < 65_536;
        const net = v4 ? `${k >>> 8}.${k & 255}.0.0/16` : `${formatWords([o.words[0]!, 0, 0, 0])}/32`;
        this.findings.push(
          makeFinding({
            detector: 'anomaly.new-network',
            attack: 'T1071',
            severity: 'low',
            confidence: 0.5,
            firstTs: o.firstTs,
            lastTs: o.lastTs,
            entities: { src, dst: formatWords(o.words), network: net, kind: 'host' },
            evidence: {
              bytesSent: o.bytes,
              minBytes: c.newNetworkMinBytes,
              knownNetworks: e.nets.length,
              historySeconds: e.priorSpan,
              sampleUids: [...o.uids].sort(),
            },
            summary: `${src} sent ${gb(o.bytes)} to ${net}, a network it never talked to before`,
          }),
        );
      }
    }
  }

  /** Folds this run's ports and networks into the host's known sets. */
  private learn(e: Entity): void {
    for (const key of [...e.served.keys()].sort((x, y) => x - y)) {
      if (e.portSet.has(key)) continue;
      e.ports.push(key);
      e.portSet.add(key);
    }
    const overPorts = e.ports.length - this.c.maxPortsPerHost;
    if (overPorts > 0) {
      for (const k of e.ports.splice(0, overPorts)) e.portSet.delete(k);
      this.evicted.maxPortsPerHost += overPorts;
    }
    const nets = [...e.runNets.entries()].sort((x, y) => x[1].firstTs - y[1].firstTs || x[0] - y[0]);
    for (const [k] of nets) {
      if (e.netSet.has(k)) continue;
      e.nets.push(k);
      e.netSet.add(k);
    }
    const overNets = e.nets.length - this.c.maxNetsPerHost;
    if (overNets > 0) {
      for (const k of e.nets.splice(0, overNets)) e.netSet.delete(k);
      this.evicted.maxNetsPerHost += overNets;
    }
    e.served.clear();
    e.runNets.clear();
    e.lastNet = undefined;
    e.lastNetKey = -1;
    e.dests = [];
    e.destWords = NO_WORDS;
    e.destCount = 0;
    e.destSlots = NO_SLOTS;
    e.outTotal = 0;
  }

  finish(): ShardOutput {
    const ordered = [...this.list].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    const haveData = Number.isFinite(this.minTs);
    const last = haveData ? Math.floor(this.maxTs / this.c.bucketSeconds) : 0;
    for (const e of ordered) {
      if (haveData) this.closeUpTo(e, last + 1, true);
      if (e.kind === EntityKind.Host) {
        this.hostFindings(e);
        this.learn(e);
      }
    }
    const findings = [...this.findings].sort(compareFindings);
    let partial: BaselinePartial | undefined;
    if (this.c.persist === true) {
      const horizon = haveData ? this.maxTs - this.c.retainDays * 86_400 : Number.NEGATIVE_INFINITY;
      const kept: PersistedEntity[] = [];
      for (const e of ordered) {
        if (e.lastTs < horizon) {
          this.evicted.retainDays++;
          continue;
        }
        kept.push(persist(e));
      }
      partial = {
        groups: kept.length > 0 ? [{ vshard: this.vshard, entities: kept }] : [],
        minTs: haveData ? this.minTs : null,
        maxTs: haveData ? this.maxTs : null,
      };
    }
    return { findings, partial, evictions: { ...this.evicted } };
  }

  snapshot(): ShardSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      vshard: this.vshard,
      minTs: Number.isFinite(this.minTs) ? this.minTs : null,
      maxTs: Number.isFinite(this.maxTs) ? this.maxTs : null,
      evictions: { ...this.evicted },
      findings: [...this.findings],
      entities: this.list.map(snapshotEntity),
    };
  }

  static restore(vshard: number, config: BaselineConfig, snapshot: unknown): BaselineShard {
    const full = checkSnapshot<ShardSnapshot>('baseline', snapshot, SNAPSHOT_VERSION, vshard);
    const shard = new BaselineShard(vshard, config);
    shard.minTs = full.minTs ?? Number.POSITIVE_INFINITY;
    shard.maxTs = full.maxTs ?? Number.NEGATIVE_INFINITY;
    for (const name of BASELINE_EVICTION_NAMES) shard.evicted[name] = full.evictions[name] ?? 0;
    for (const f of full.findings) shard.findings.push(f);
    for (const s of full.entities) {
      const e = restoreEntity(s as EntitySnapshot);
      const at = shard.lookup(e);
      if (at >= 0) shard.list[at] = e;
      else shard.insert(e, at);
    }
    return shard;
  }
}

function persist(e: Entity): PersistedEntity {
  return {
    kind: e.kind,
    words: [...e.words],
    port: e.port,
    proto: e.proto,
    firstTs: e.firstTs,
    lastTs: e.lastTs,
    start: e.start,
    bytes: Float64Array.from(e.bytes),
    outPeers: Float64Array.from(e.outPeers),
    inPeers: Float64Array.from(e.inPeers),
    ports: [...e.ports],
    nets: [...e.nets],
  };
}

interface EntitySnapshot extends PersistedEntity {
  readonly priorSpan: number;
  readonly closedUpTo: number | null;
  readonly open: ReadonlyArray<
    [
      number,
      Omit<Bucket, 'outPeers' | 'inPeers' | 'slots' | 'slotMax'> & {
        outPeers: number[] | null;
        inPeers: number[] | null;
        slots: number[] | null;
        slotMax: number[] | null;
      },
    ]
  >;
  readonly served: ReadonlyArray<[number, Omit<Served, 'clients'> & { clients: number[] }]>;
  readonly dests: DestsSnapshot;
  readonly outTotal: number;
  readonly runNets: ReadonlyArray<[number, Outbound]>;
}

/**
 * An entity's destinations, one column per field. Destinations are most of a baseline
 * snapshot (up to maxDestinationsPerHost per host): an object each packed at ~30 µs a
 * destination (msgpack, ~100 ms an actor per checkpoint on the generated day); the typed
 * columns pack as single binary blocks.
 */
interface DestsSnapshot {
  /** Four address words per destination; the other columns are empty unless tracked. */
  readonly words: Uint32Array;
  readonly bytes: Float64Array;
  readonly firstTs: Float64Array;
  readonly lastTs: Float64Array;
  readonly uids: readonly (readonly string[])[];
}

function snapshotDests(e: Entity): DestsSnapshot {
  const n = e.dests.length;
  const bytes = new Float64Array(n);
  const firstTs = new Float64Array(n);
  const lastTs = new Float64Array(n);
  const uids: string[][] = [];
  for (let k = 0; k < n; k++) {
    const o = e.dests[k]!;
    bytes[k] = o.bytes;
    firstTs[k] = o.firstTs;
    lastTs[k] = o.lastTs;
    uids.push([...o.uids]);
  }
  return { words: e.destWords.slice(0, 4 * e.destCount), bytes, firstTs, lastTs, uids };
}

function restoreDests(e: Entity, s: DestsSnapshot): void {
  for (let k = 0; 4 * k < s.words.length; k++) {
    const w = s.words;
    addDest(e, w[4 * k]!, w[4 * k + 1]!, w[4 * k + 2]!, w[4 * k + 3]!);
  }
  for (let k = 0; k < s.bytes.length; k++) {
    e.dests.push({
      bytes: s.bytes[k]!,
      firstTs: s.firstTs[k]!,
      lastTs: s.lastTs[k]!,
      words: Array.from(s.words.subarray(4 * k, 4 * k + 4)),
      uids: [...s.uids[k]!],
    });
  }
}

function snapshotEntity(e: Entity): EntitySnapshot {
  return {
    ...persist(e),
    priorSpan: e.priorSpan,
    closedUpTo: Number.isFinite(e.closedUpTo) ? e.closedUpTo : null,
    open: [...e.open.entries()].map(([b, k]) => [
      b,
      {
        ...k,
        uids: [...k.uids],
        outPeers: k.outPeers ? k.outPeers.values() : null,
        inPeers: k.inPeers ? k.inPeers.values() : null,
        slots: k.slots ? [...k.slots] : null,
        slotMax: k.slotMax ? [...k.slotMax] : null,
      },
    ]),
    served: [...e.served.entries()].map(([p, s]) => [
      p,
      { ...s, uids: [...s.uids], clients: [...s.clients] },
    ]),
    dests: snapshotDests(e),
    outTotal: e.outTotal,
    runNets: [...e.runNets.entries()].map(([k, o]) => [k, { ...o, uids: [...o.uids] }]),
  };
}

function restoreEntity(s: EntitySnapshot): Entity {
  const e = newEntity(s.kind, [...s.words], s.port, s.proto, s.firstTs);
  e.lastTs = s.lastTs;
  e.priorSpan = s.priorSpan;
  e.start = s.start;
  e.bytes = Array.from(s.bytes);
  e.outPeers = Array.from(s.outPeers);
  e.inPeers = Array.from(s.inPeers);
  e.ports = [...s.ports];
  e.portSet = new Set(e.ports);
  e.nets = [...s.nets];
  e.netSet = new Set(e.nets);
  e.closedUpTo = s.closedUpTo ?? Number.NEGATIVE_INFINITY;
  for (const [b, k] of s.open) {
    e.open.set(b, {
      ...k,
      uids: [...k.uids],
      outPeers: k.outPeers === null ? undefined : new U32Set(k.outPeers),
      inPeers: k.inPeers === null ? undefined : new U32Set(k.inPeers),
      slots: k.slots === null ? undefined : [...k.slots],
      slotMax: k.slotMax === null ? undefined : [...k.slotMax],
    });
  }
  for (const [p, v] of s.served) e.served.set(p, { ...v, uids: [...v.uids], clients: new Set(v.clients) });
  restoreDests(e, s.dests);
  e.outTotal = s.outTotal;
  for (const [k, o] of s.runNets) e.runNets.set(k, { ...o, uids: [...o.uids] });
  return e;
}

function mergePartials(parts: readonly unknown[]): BaselinePartial | undefined {
  const groups: Array<{ vshard: number; entities: readonly PersistedEntity[] }> = [];
  let minTs: number | null = null;
  let maxTs: number | null = null;
  let any = false;
  for (const p of parts) {
    if (p === undefined || p === null) continue;
    const part = p as BaselinePartial;
    any = true;
    groups.push(...part.groups);
    if (part.minTs !== null && (minTs === null || part.minTs < minTs)) minTs = part.minTs;
    if (part.maxTs !== null && (maxTs === null || part.maxTs > maxTs)) maxTs = part.maxTs;
  }
  if (!any) return undefined;
  groups.sort((a, b) => a.vshard - b.vshard);
  return { groups, minTs, maxTs };
}

export const baselineAnalyzer: AnalyzerFactory<BaselineConfig> = {
  name: 'baseline',
  create(vshard: number, config: BaselineConfig): ShardAnalyzer {
    const shard = new BaselineShard(vshard, config);
    if (config.file !== undefined) {
      shard.adopt(entitiesForShard(config.file, config.sharding ?? DEFAULT_SHARDING, vshard));
    }
    return shard;
  },
  restore(vshard: number, config: BaselineConfig, snapshot: unknown): ShardAnalyzer {
    return BaselineShard.restore(vshard, config, snapshot);
  },
  merge: mergePartials,
};

// ─── the run around it (coordinator side) ───────────────────────────────────────────────────

/** What `prepareBaseline` needs of the engine config (coordinator/options.ts EngineConfig). */
interface EngineLike {
  readonly vshards: number;
  readonly v4Prefix: number;
  readonly v6Prefix: number;
  readonly detectors: ReadonlyArray<{ readonly name: string; readonly config: unknown }>;
}

export interface BaselineRun<E extends EngineLike> {
  /** The engine config with the baseline detector told its sharding, file and whether to persist. */
  readonly engine: E;
  readonly path: string | undefined;
  readonly config: BaselineConfig | undefined;
  readonly opened: OpenedBaseline | undefined;
}

/**
 * Before a run: checks the baseline file (if `path` is given and the detector is on) and hands
 * the detector its sharding and the file's path and digest — not the history itself (see
 * baseline-file.ts). Never throws for a bad file: the status says why it is not used.
 */
export async function prepareBaseline<E extends EngineLike>(
  engine: E,
  path: string | undefined,
): Promise<BaselineRun<E>> {
  const entry = engine.detectors.find((d) => d.name === 'baseline');
  if (entry === undefined) return { engine, path, config: undefined, opened: undefined };
  const base = entry.config as BaselineConfig;
  const sharding: ShardingRef = {
    vshards: engine.vshards,
    v4Prefix: engine.v4Prefix,
    v6Prefix: engine.v6Prefix,
  };
  const opened = path === undefined ? undefined : await openBaselineFile(path, base.bucketSeconds);
  const config: BaselineConfig = Object.freeze({
    ...base,
    sharding,
    ...(path === undefined ? {} : { persist: true }),
    ...(opened?.ref === undefined ? {} : { file: opened.ref }),
  });
  const detectors = Object.freeze(
    engine.detectors.map((d) => (d === entry ? Object.freeze({ name: d.name, config }) : d)),
  );
  return { engine: Object.freeze({ ...engine, detectors }), path, config, opened };
}

/**
 * After a run: writes the updated baseline (this run's entities, plus the file's entities of
 * virtual shards the run never touched) and returns the status for summary.json; undefined
 * when no baseline file was asked for.
 */
export async function finishBaseline(
  run: BaselineRun<EngineLike>,
  partial: unknown,
): Promise<BaselineStatus | undefined> {
  if (run.path === undefined) return undefined;
  if (run.config === undefined || run.opened === undefined) {
    return {
      file: run.path,
      loaded: false,
      reason: 'the baseline detector is off: the file was neither read nor written',
      learning: true,
      runs: 0,
      entities: 0,
      written: false,
    };
  }
  const c = run.config;
  const sharding = c.sharding ?? DEFAULT_SHARDING;
  const p = (partial ?? { groups: [], minTs: null, maxTs: null }) as BaselinePartial;
  const list: Array<{ vshard: number; entity: PersistedEntity }> = [];
  const touched = new Set<number>();
  for (const g of p.groups) {
    touched.add(g.vshard);
    for (const entity of g.entities) list.push({ vshard: g.vshard, entity });
  }
  const prior = run.opened.meta;
  const lastTs = Math.max(prior?.lastTs ?? Number.NEGATIVE_INFINITY, p.maxTs ?? Number.NEGATIVE_INFINITY);
  const horizon = Number.isFinite(lastTs) ? lastTs - c.retainDays * 86_400 : Number.NEGATIVE_INFINITY;
  let expired = 0;
  if (run.opened.ref !== undefined) {
    for (const [vshard, entities] of allEntities(run.opened.ref, sharding)) {
      if (touched.has(vshard)) continue;
      for (const entity of entities) {
        if (entity.lastTs < horizon) expired++;
        else list.push({ vshard, entity });
      }
    }
  }
  try {
    const { written, evicted } = await writeBaselineFile(
      run.path,
      list,
      {
        bucketSeconds: c.bucketSeconds,
        sharding,
        runs: (prior?.runs ?? 0) + 1,
        lastTs: Number.isFinite(lastTs) ? lastTs : null,
      },
      c.maxFileEntities,
    );
    return { ...run.opened.status, written: true, writtenEntities: written, evicted: evicted + expired };
  } catch (e) {
    return { ...run.opened.status, written: false, writeError: (e as Error).message };
  }
}
