/**
 * The library's options for a run, validated once at the edge into a frozen `RunPlan`;
 * nothing downstream re-checks them (msgpack Decoder / piscina constructor habit).
 */
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { DETECTORS, type EnabledDetector } from '../detect/registry.js';
import type { EngineConfig } from '../engine/config.js';
import type { NetflowConnConverter } from '../ingest/netflow/index.js';
import { DEFAULT_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES } from '../ingest/pcap/app/payload.js';
import type { ProtocolEvent } from '../ingest/pcap/packet.js';
import { type HeatmapConfig, validateHeatmapConfig } from '../report/heatmap/aggregate.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { compileSuppressRules, type SuppressRule, type SuppressRuleInput } from '../triage/suppress.js';

export interface Progress {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly chunksDispatched: number;
  readonly chunksParsed: number;
  readonly elapsedMs: number;
}

export interface AnalyzeOptions {
  /**
   * Files and directories (a Zeek log directory, rotated `*.log.gz`); `-` is standard input, and
   * a pipe or other non-regular file is read once and spooled (coordinator/stream-input.ts).
   */
  readonly inputs: readonly string[];
  /** What the input `-` reads. Default: process.stdin. */
  readonly stdin?: Readable;
  /** Actor threads; 0 runs everything in-process on the calling thread. Default: available cores. */
  readonly actors?: number;
  /** Local networks (CIDRs) deciding the local endpoint. Default: RFC 1918, ULA, link-local. */
  readonly local?: readonly string[];
  /** Subnet prefixes of the shard key. Default /24 and /64. */
  readonly v4Prefix?: number;
  readonly v6Prefix?: number;
  /** Virtual shards (state partitions). Default 1024. */
  readonly vshards?: number;
  /** Bytes per chunk handed to an actor. Default 4 MiB. */
  readonly chunkBytes?: number;
  /** Records per binary batch between actors. Default 2048. */
  readonly batchRecords?: number;
  /** Bytes per SharedArrayBuffer ring between two actors. Default 8 MiB. */
  readonly ringBytes?: number;
  readonly heatmap?: Partial<HeatmapConfig>;
  /**
   * Per detector (detect/registry.ts, docs/detectors.md): `false` turns it off, `true` on with
   * its defaults, an object on with those options (the rest default). Detectors not named run
   * when they are on by default.
   */
  readonly detectors?: Readonly<Record<string, boolean | object>>;
  /**
   * Run the detectors at all. Default true; false aggregates the heatmap only — what
   * `netscry heatmap` does unless it draws findings.
   */
  readonly detect?: boolean;
  /** Seconds a record may step back in time before it is reported. Default 900. */
  readonly tsToleranceSeconds?: number;
  /** Longest accepted log line. Default 512 KiB. */
  readonly maxLineBytes?: number;
  /** Integrity events listed per code (all are counted). Default 100. */
  readonly maxEventsPerCode?: number;
  /** Captures: verify transport checksums (Zeek's default). Default true; false is Zeek's `-C`. */
  readonly verifyChecksums?: boolean;
  /** Captures: open connections per virtual shard before the longest idle is ended early. Default 8192. */
  readonly maxConnectionsPerShard?: number;
  /**
   * Captures: bytes of each direction of a clear-text connection matched for sensitive values
   * and command lines (payload.log, the content detector). Default 4096; 0 turns it off.
   */
  readonly payloadBytes?: number;
  /** Captures: payload inspection also reports long base64/hex runs. Default false. */
  readonly payloadBlobs?: boolean;
  /** Read captures as packets (default) or as NetFlow/IPFIX export traffic to decode. */
  readonly captureAs?: 'packets' | 'netflow';
  /**
   * NetFlow: stitch the two directions of a flow into one conn record (asserts the exporters see
   * both directions; see ingest/netflow/conn.ts). Default false.
   */
  readonly stitchBiflows?: boolean;
  /**
   * Where converted inputs (NetFlow, syslog) and stream inputs spool for re-reads, and where
   * checkpoints are kept. Default: a temp dir, removed after the run.
   */
  readonly spoolDir?: string;
  /**
   * Checkpoint actor state every this many seconds of the run (sharded runs; default 30): a
   * recovery after an actor crash redoes at most about that much work (`--checkpoint-every`).
   * A checkpoint packs every actor's state and the coordinator keeps the last one (on disk,
   * coordinator/checkpoint-store.ts), so its cost is time and memory in proportion to the
   * state — per 64 chunks, a 10 M-line run with the default detectors took 28.1 s and 1.14 GB
   * against 23.9 s and 717 MB by time (docs/benchmarks.md).
   */
  readonly checkpointEverySeconds?: number;
  /** Checkpoint every this many chunks instead (a fixed point in the input: tests). */
  readonly checkpointEveryChunks?: number;
  /** Actor restarts tolerated before the run fails. Default 3. */
  readonly maxRestarts?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** A live feed (`netscry watch`) analysed after the files, until it ends. */
  readonly live?: LiveFeed;
  /** Testing supervision: actor `actor` exits abruptly after parsing `afterChunks` chunks, once. */
  readonly crashActor?: { readonly actor: number; readonly afterChunks: number };
  /**
   * Let a run without detectors over Zeek logs aggregate in the parsing actors, without the
   * shuffle (coordinator/direct.ts); same output, several times faster. Default true; false
   * always runs the sharded pipeline.
   */
  readonly direct?: boolean;
  /**
   * A baseline file (detect/baseline.ts): read at the start when it exists, the run compared
   * against it, the updated history written back at the end (atomically). Default: none.
   */
  readonly baseline?: string;
  /**
   * Findings to drop, judged benign (triage/suppress.ts, docs/detectors.md "Suppression"):
   * Suricata-style rules by detector and source, destination or name. The summary counts what
   * each rule suppressed. Default: none.
   */
  readonly suppress?: readonly SuppressRuleInput[];
}

/** Records arriving live (coordinator/live.ts): Zeek JSON text blocks until the feed stops. */
export interface LiveFeed {
  /** Names the feed in the summary, e.g. `netflow udp://127.0.0.1:2055`. */
  readonly name: string;
  /** The feed's blocks of Zeek JSON lines (text or UTF-8); protocol events go to `onEvent`. */
  blocks(onEvent: (event: ProtocolEvent) => void): AsyncIterable<string | Uint8Array>;
  /** The feed's NetFlow converter, when it has one: the summary reports its exporters and loss. */
  readonly netflow?: NetflowConnConverter;
}

export interface RunPlan {
  readonly inputs: readonly string[];
  readonly stdin: Readable | undefined;
  readonly captureAs: 'packets' | 'netflow';
  readonly stitchBiflows: boolean;
  readonly spoolDir: string | undefined;
  readonly actors: number;
  readonly chunkBytes: number;
  readonly ringBytes: number;
  /** Checkpoint after chunk s when (s + 1) % this === 0; undefined: by time. */
  readonly checkpointEveryChunks: number | undefined;
  readonly checkpointEverySeconds: number;
  readonly maxRestarts: number;
  readonly engine: EngineConfig;
  readonly onProgress: ((progress: Progress) => void) | undefined;
  readonly live: LiveFeed | undefined;
  readonly crashActor: { readonly actor: number; readonly afterChunks: number } | undefined;
  readonly direct: boolean;
  readonly baseline: string | undefined;
  readonly suppress: readonly SuppressRule[];
}

const MiB = 1024 * 1024;

function suppressRules(rules: readonly SuppressRuleInput[] | undefined): readonly SuppressRule[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules))
    throw new NetscryError(ErrorCode.InvalidOption, 'suppress must be a list of rules', {
      option: 'suppress',
    });
  return compileSuppressRules(rules);
}

function integer(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  return number(name, value, fallback, min, max, true);
}

function number(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  whole = false,
): number {
  const v = value ?? fallback;
  const valid = whole ? Number.isInteger(v) : typeof v === 'number' && Number.isFinite(v);
  if (!valid || v < min || v > max) {
    throw new NetscryError(
      ErrorCode.InvalidOption,
      `${name} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max} (got ${v})`,
      { option: name },
    );
  }
  return v;
}

export function planRun(options: AnalyzeOptions): RunPlan {
  if (!Array.isArray(options.inputs) || (options.inputs.length === 0 && options.live === undefined)) {
    throw new NetscryError(
      ErrorCode.Usage,
      'no input given: name one or more Zeek log files, captures or directories',
    );
  }
  const actors = integer('actors', options.actors, availableParallelism(), 0, 64);
  const local = options.local ?? DEFAULT_LOCAL_NETWORKS;
  const parsedLocal = LocalNetworks.parse(local);
  if (!(parsedLocal instanceof LocalNetworks)) {
    throw new NetscryError(
      ErrorCode.InvalidOption,
      `--local: not a network in CIDR notation: ${parsedLocal.invalid}`,
      {
        option: 'local',
      },
    );
  }
  const v4Prefix = integer('v4Prefix', options.v4Prefix, 24, 0, 32);
  const v6Prefix = integer('v6Prefix', options.v6Prefix, 64, 0, 128);
  const maxLineBytes = integer('maxLineBytes', options.maxLineBytes, 512 * 1024, 1024, 16 * MiB);
  const batchRecords = integer('batchRecords', options.batchRecords, 2048, 1, 65_535);
  const batchHeapBytes = Math.max(MiB, 2 * maxLineBytes);
  // A batch must fit a ring message (half the ring): records × ~160 bytes + heap + header slack.
  const minRing = 2 * (batchRecords * 160 + batchHeapBytes + 64 * 1024);
  const ringBytes = integer('ringBytes', options.ringBytes, Math.max(8 * MiB, minRing), minRing, 1024 * MiB);
  const maxEventsPerCode = integer('maxEventsPerCode', options.maxEventsPerCode, 100, 0, 1_000_000);
  const tsTolerance = options.tsToleranceSeconds ?? 900;
  if (!(tsTolerance >= 0) || !Number.isFinite(tsTolerance)) {
    throw new NetscryError(ErrorCode.InvalidOption, 'tsToleranceSeconds must be a finite number ≥ 0', {
      option: 'tsToleranceSeconds',
    });
  }
  const heatmap = validateHeatmapConfig({ v4Prefix, v6Prefix, ...options.heatmap });
  const detectors = enabledDetectors(options.detectors ?? {});
  const engine: EngineConfig = Object.freeze({
    vshards: integer('vshards', options.vshards, 1024, 1, 65_535),
    v4Prefix,
    v6Prefix,
    localNetworks: Object.freeze([...local]),
    heatmap,
    detectors: options.detect === false ? [] : detectors,
    parse: Object.freeze({ maxLineBytes, maxEventsPerCode, tsToleranceSeconds: tsTolerance }),
    batchRecords,
    batchHeapBytes,
    uidSetCapacity: 1 << 17,
    maxEventsPerCode,
    capture: Object.freeze({
      verifyChecksums: options.verifyChecksums ?? true,
      maxConnectionsPerShard: integer(
        'maxConnectionsPerShard',
        options.maxConnectionsPerShard,
        8192,
        16,
        1 << 24,
      ),
      payloadBytes: integer(
        'payloadBytes',
        options.payloadBytes,
        DEFAULT_PAYLOAD_BYTES,
        0,
        MAX_PAYLOAD_BYTES,
      ),
      payloadBlobs: options.payloadBlobs === true,
    }),
  });
  const captureAs = options.captureAs ?? 'packets';
  if (captureAs !== 'packets' && captureAs !== 'netflow') {
    throw new NetscryError(
      ErrorCode.InvalidOption,
      `captureAs must be 'packets' or 'netflow' (got ${String(captureAs)})`,
      {
        option: 'captureAs',
      },
    );
  }
  let crashActor: RunPlan['crashActor'];
  if (options.crashActor) {
    crashActor = Object.freeze({
      actor: integer('crashActor.actor', options.crashActor.actor, 0, 0, Math.max(0, actors - 1)),
      afterChunks: integer('crashActor.afterChunks', options.crashActor.afterChunks, 1, 1, 2 ** 31),
    });
  }
  return Object.freeze({
    inputs: Object.freeze([...options.inputs]),
    stdin: options.stdin,
    captureAs,
    stitchBiflows: options.stitchBiflows === true,
    spoolDir: options.spoolDir,
    actors,
    chunkBytes: integer('chunkBytes', options.chunkBytes, 4 * MiB, 4096, 256 * MiB),
    ringBytes,
    checkpointEveryChunks:
      options.checkpointEveryChunks === undefined
        ? undefined
        : integer('checkpointEveryChunks', options.checkpointEveryChunks, 64, 1, 2 ** 31),
    checkpointEverySeconds: number(
      'checkpointEverySeconds',
      options.checkpointEverySeconds,
      30,
      0.001,
      86_400,
    ),
    maxRestarts: integer('maxRestarts', options.maxRestarts, 3, 0, 100),
    engine,
    onProgress: options.onProgress,
    live: options.live,
    crashActor,
    direct: options.direct !== false,
    baseline: baselinePath(options.baseline),
    suppress: Object.freeze(suppressRules(options.suppress)),
  });
}

function baselinePath(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new NetscryError(ErrorCode.InvalidOption, 'baseline must be a file path', { option: 'baseline' });
  }
  return value;
}

/** The detectors that run, in registry order, each with its validated options. */
function enabledDetectors(asked: Readonly<Record<string, boolean | object>>): readonly EnabledDetector[] {
  if (asked === null || typeof asked !== 'object' || Array.isArray(asked)) {
    throw new NetscryError(ErrorCode.InvalidOption, 'detectors must be an object keyed by detector name', {
      option: 'detectors',
    });
  }
  const known = DETECTORS.map((d) => d.name);
  for (const name of Object.keys(asked)) {
    if (!known.includes(name)) {
      throw new NetscryError(
        ErrorCode.InvalidOption,
        `detectors.${name}: no such detector (known: ${known.join(', ')})`,
        { option: 'detectors', value: name },
      );
    }
  }
  const out: EnabledDetector[] = [];
  for (const d of DETECTORS) {
    const given = asked[d.name];
    if (given === false || (given === undefined && !d.defaultOn)) continue;
    out.push(
      Object.freeze({ name: d.name, config: d.validate(given === undefined || given === true ? {} : given) }),
    );
  }
  return Object.freeze(out);
}
