/**
 * The baseline file of the `baseline` detector (`analyze --baseline FILE`): per entity (local
 * host, local subnet, local service) its recent per-bucket history, the ports it served and the
 * external networks it talked to, kept between runs.
 *
 * Layout: 8-byte header `NSBL` + u32 LE format version, u32 LE payload length, the payload's
 * sha256 (32 bytes), then the payload (msgpackr): the meta data and one group per virtual shard,
 * each group its own msgpack buffer of entities. A file whose magic, version, length or digest
 * does not match is refused with a reason; the run then goes on without it (learning afresh).
 *
 * How the state reaches the shards: the coordinator reads and checks the file once
 * (`openBaseline`) and passes only its path and digest in the detector's config (EngineConfig is
 * structured-cloned to every actor, the history itself is not). Each actor thread reads the file
 * once (`entitiesForShard`, cached by digest), keeps the undecoded groups and decodes a group only
 * when it creates that virtual shard's analyzer — so an actor holds the raw file plus the decoded
 * state of the shards it owns. When the run's sharding (virtual shard count, shard prefixes)
 * differs from the file's, entities are regrouped by recomputing their virtual shard. At the end
 * the shards hand their updated entities back as the analyzer's partial, the coordinator merges
 * them, caps the entity count and writes the file atomically (temporary file + rename).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { subnetHash } from '../shared/addr.js';
import { ErrorCode } from '../shared/errors.js';
import { packState, unpackState } from '../shared/pack.js';

export const BASELINE_MAGIC = 'NSBL';
export const BASELINE_VERSION = 1;
const HEADER_BYTES = 4 + 4 + 4 + 32;

/** Where the shards' history comes from and goes to; set by the coordinator, never by the user. */
export interface BaselineFileRef {
  readonly path: string;
  /** sha256 of the whole file the coordinator checked: an actor uses the file only if it matches. */
  readonly digest: string;
}

export interface ShardingRef {
  readonly vshards: number;
  readonly v4Prefix: number;
  readonly v6Prefix: number;
}

/** One entity as it is persisted (and snapshotted). */
export interface PersistedEntity {
  /** 0 host, 1 subnet, 2 service. */
  readonly kind: number;
  /** Address words (host, network address of a subnet, server of a service). */
  readonly words: readonly number[];
  readonly port: number;
  readonly proto: number;
  readonly firstTs: number;
  readonly lastTs: number;
  /** Bucket index (ts / bucketSeconds) of the first history slot. */
  readonly start: number;
  /** Bytes per bucket; NaN where nothing was observed. */
  readonly bytes: Float64Array;
  /**
   * Distinct peers of successful connections per bucket (hosts; NaN elsewhere): those the host
   * contacted (fan-out) and those that contacted it (fan-in). Same length as `bytes`.
   */
  readonly outPeers: Float64Array;
  readonly inPeers: Float64Array;
  /** Ports served (port · 4 + proto), oldest first. */
  readonly ports: readonly number[];
  /** External networks talked to (IPv4 /16, IPv6 /32 keys), oldest first. */
  readonly nets: readonly number[];
}

export interface BaselineMeta {
  readonly bucketSeconds: number;
  readonly sharding: ShardingRef;
  /** Runs folded into the file. */
  readonly runs: number;
  /** Latest record time seen by any run (epoch seconds), or null. */
  readonly lastTs: number | null;
  readonly entities: number;
}

interface Payload {
  readonly meta: BaselineMeta;
  readonly groups: ReadonlyArray<{ readonly vshard: number; readonly data: Uint8Array }>;
}

export type DecodedBaseline =
  | { readonly ok: true; readonly meta: BaselineMeta; readonly groups: Payload['groups'] }
  | { readonly ok: false; readonly reason: string };

/** The file bytes for `meta` and the entities of each virtual shard. */
export function encodeBaseline(
  meta: BaselineMeta,
  byVshard: ReadonlyMap<number, PersistedEntity[]>,
): Uint8Array {
  const groups = [...byVshard.keys()]
    .sort((a, b) => a - b)
    .map((vshard) => ({ vshard, data: packState(byVshard.get(vshard)) }));
  const payload = packState({ meta, groups } satisfies Payload);
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  out.set(Buffer.from(BASELINE_MAGIC, 'latin1'), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(4, BASELINE_VERSION, true);
  dv.setUint32(8, payload.length, true);
  out.set(createHash('sha256').update(payload).digest(), 12);
  out.set(payload, HEADER_BYTES);
  return out;
}

function isMeta(m: unknown): m is BaselineMeta {
  if (m === null || typeof m !== 'object') return false;
  const meta = m as Partial<BaselineMeta>;
  const s = meta.sharding as Partial<ShardingRef> | undefined;
  return (
    typeof meta.bucketSeconds === 'number' &&
    typeof meta.runs === 'number' &&
    typeof meta.entities === 'number' &&
    s !== undefined &&
    s !== null &&
    typeof s.vshards === 'number' &&
    typeof s.v4Prefix === 'number' &&
    typeof s.v6Prefix === 'number'
  );
}

/** Checks and opens the file's bytes; never throws. */
export function decodeBaseline(bytes: Uint8Array): DecodedBaseline {
  if (bytes.length < HEADER_BYTES)
    return { ok: false, reason: 'file is truncated (shorter than its header)' };
  if (Buffer.from(bytes.subarray(0, 4)).toString('latin1') !== BASELINE_MAGIC) {
    return { ok: false, reason: 'not a netscry baseline file (wrong magic)' };
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== BASELINE_VERSION) {
    return {
      ok: false,
      reason: `baseline format version ${version} is not supported (this netscry reads version ${BASELINE_VERSION})`,
    };
  }
  const length = dv.getUint32(8, true);
  if (bytes.length !== HEADER_BYTES + length) {
    return {
      ok: false,
      reason: `file is truncated or has trailing bytes (${bytes.length - HEADER_BYTES} payload bytes, header says ${length})`,
    };
  }
  const payload = bytes.subarray(HEADER_BYTES);
  const digest = createHash('sha256').update(payload).digest();
  if (!digest.equals(Buffer.from(bytes.subarray(12, HEADER_BYTES)))) {
    return { ok: false, reason: 'file is corrupt (payload checksum does not match)' };
  }
  let decoded: unknown;
  try {
    decoded = unpackState(payload);
  } catch (e) {
    return { ok: false, reason: `file is corrupt (${(e as Error).message})` };
  }
  const p = decoded as Partial<Payload> | null;
  if (p === null || typeof p !== 'object' || !isMeta(p.meta) || !Array.isArray(p.groups)) {
    return { ok: false, reason: 'file is corrupt (unexpected content)' };
  }
  for (const g of p.groups) {
    if (
      g === null ||
      typeof g !== 'object' ||
      typeof g.vshard !== 'number' ||
      !(g.data instanceof Uint8Array)
    ) {
      return { ok: false, reason: 'file is corrupt (unexpected group)' };
    }
  }
  return { ok: true, meta: p.meta, groups: p.groups };
}

/**
 * An entity from a file, checked field by field; undefined when anything is off. Files written
 * before fan-in was told from fan-out hold one `peers` series of both: its values are dropped
 * (unknown, NaN), so both series learn afresh instead of judging against a mixed history.
 */
export function checkEntity(e: unknown): PersistedEntity | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const x = e as Partial<PersistedEntity> & { peers?: unknown };
  const { peers: legacy, ...rest } = x;
  if (x.outPeers === undefined && x.inPeers === undefined && legacy instanceof Float64Array) {
    const n = legacy.length;
    return checkEntity({
      ...rest,
      outPeers: new Float64Array(n).fill(Number.NaN),
      inPeers: new Float64Array(n).fill(Number.NaN),
    });
  }
  const numbers = (a: unknown): a is number[] => Array.isArray(a) && a.every((v) => typeof v === 'number');
  if (
    typeof x.kind !== 'number' ||
    x.kind < 0 ||
    x.kind > 2 ||
    !numbers(x.words) ||
    x.words.length !== 4 ||
    typeof x.port !== 'number' ||
    typeof x.proto !== 'number' ||
    typeof x.firstTs !== 'number' ||
    typeof x.lastTs !== 'number' ||
    typeof x.start !== 'number' ||
    !Number.isInteger(x.start) ||
    !(x.bytes instanceof Float64Array) ||
    !(x.outPeers instanceof Float64Array) ||
    !(x.inPeers instanceof Float64Array) ||
    !numbers(x.ports) ||
    !numbers(x.nets)
  ) {
    return undefined;
  }
  return x as PersistedEntity;
}

// ─── actor side: one read per thread, groups decoded per virtual shard ─────────────────────

interface LoadedFile {
  /** The file's digest and the sharding its groups are keyed by. */
  readonly key: string;
  /** Undecoded groups by virtual shard (under the run's sharding). */
  readonly groups: Map<number, Uint8Array[]>;
  /** Entities already regrouped (sharding changed), by virtual shard. */
  readonly regrouped: Map<number, PersistedEntity[]> | undefined;
}

let loaded: LoadedFile | undefined;

function sameSharding(a: ShardingRef, b: ShardingRef): boolean {
  return a.vshards === b.vshards && a.v4Prefix === b.v4Prefix && a.v6Prefix === b.v6Prefix;
}

function decodeGroup(data: Uint8Array): PersistedEntity[] {
  let list: unknown;
  try {
    list = unpackState(data);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const out: PersistedEntity[] = [];
  for (const e of list) {
    const ok = checkEntity(e);
    if (ok !== undefined) out.push(ok);
  }
  return out;
}

/** The virtual shard that owns an entity under `sharding` (the subnet of its address). */
export function vshardOfWords(words: readonly number[], sharding: ShardingRef): number {
  const w = Uint32Array.of(words[0]!, words[1]!, words[2]!, words[3]!);
  return subnetHash(w, 0, sharding.v4Prefix, sharding.v6Prefix) % sharding.vshards;
}

function load(ref: BaselineFileRef, sharding: ShardingRef): LoadedFile | undefined {
  const key = `${ref.digest}/${sharding.vshards}/${sharding.v4Prefix}/${sharding.v6Prefix}`;
  if (loaded?.key === key) return loaded;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(ref.path);
  } catch {
    return undefined;
  }
  // The coordinator checked this file; if it changed since, it is not the state to compare with.
  if (createHash('sha256').update(bytes).digest('hex') !== ref.digest) return undefined;
  const d = decodeBaseline(bytes);
  if (!d.ok) return undefined;
  const groups = new Map<number, Uint8Array[]>();
  let regrouped: Map<number, PersistedEntity[]> | undefined;
  if (sameSharding(d.meta.sharding, sharding)) {
    for (const g of d.groups) groups.set(g.vshard, [...(groups.get(g.vshard) ?? []), g.data]);
  } else {
    regrouped = new Map();
    for (const g of d.groups) {
      for (const e of decodeGroup(g.data)) {
        const v = vshardOfWords(e.words, sharding);
        const list = regrouped.get(v);
        if (list === undefined) regrouped.set(v, [e]);
        else list.push(e);
      }
    }
  }
  loaded = { key, groups, regrouped };
  return loaded;
}

/**
 * The persisted entities of one virtual shard (empty when the file is gone, changed or holds
 * none). Reads the file once per thread; decodes only the asked shard's group.
 */
export function entitiesForShard(
  ref: BaselineFileRef,
  sharding: ShardingRef,
  vshard: number,
): PersistedEntity[] {
  const file = load(ref, sharding);
  if (file === undefined) return [];
  if (file.regrouped !== undefined) return file.regrouped.get(vshard) ?? [];
  return (file.groups.get(vshard) ?? []).flatMap(decodeGroup);
}

// ─── coordinator side ─────────────────────────────────────────────────────────────────────

export interface BaselineStatus {
  readonly file: string;
  /** The file was read and the run compared against it. */
  readonly loaded: boolean;
  /** Why not (missing file: the first run, learning). */
  readonly reason?: string;
  /** Stable code of the warning when the file was there but unusable. */
  readonly code?: string;
  /** No usable history: detectors that need one stay quiet this run. */
  readonly learning: boolean;
  /** Runs folded into the file before this one, and its entities. */
  readonly runs: number;
  readonly entities: number;
  /** The updated baseline was written (with this many entities, after `evicted` were dropped). */
  readonly written: boolean;
  readonly writtenEntities?: number;
  readonly evicted?: number;
  readonly writeError?: string;
}

export interface OpenedBaseline {
  readonly status: BaselineStatus;
  /** Set when the file is usable: what the shards are told. */
  readonly ref: BaselineFileRef | undefined;
  readonly meta: BaselineMeta | undefined;
}

/** Reads and checks the file at `path` for a run with `bucketSeconds` buckets; never throws. */
export async function openBaselineFile(path: string, bucketSeconds: number): Promise<OpenedBaseline> {
  const fail = (reason: string, code?: string): OpenedBaseline => ({
    status: {
      file: path,
      loaded: false,
      reason,
      ...(code === undefined ? {} : { code }),
      learning: true,
      runs: 0,
      entities: 0,
      written: false,
    },
    ref: undefined,
    meta: undefined,
  });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return fail('no baseline yet: this run learns and writes the first one');
    }
    return fail(`cannot read the baseline: ${(e as Error).message}`, ErrorCode.BaselineUnusable);
  }
  const d = decodeBaseline(bytes);
  if (!d.ok) return fail(d.reason, ErrorCode.BaselineUnusable);
  if (d.meta.bucketSeconds !== bucketSeconds) {
    return fail(
      `baseline buckets are ${d.meta.bucketSeconds} s, this run uses ${bucketSeconds} s`,
      ErrorCode.BaselineUnusable,
    );
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  return {
    status: {
      file: path,
      loaded: true,
      learning: d.meta.entities === 0,
      runs: d.meta.runs,
      entities: d.meta.entities,
      written: false,
    },
    ref: { path, digest },
    meta: d.meta,
  };
}

/**
 * Writes the updated baseline atomically: the entities with the latest `lastTs` are kept (at
 * most `maxEntities`; the others are counted as evicted), grouped by virtual shard.
 */
export async function writeBaselineFile(
  path: string,
  entities: readonly { readonly vshard: number; readonly entity: PersistedEntity }[],
  meta: Omit<BaselineMeta, 'entities'>,
  maxEntities: number,
): Promise<{ written: number; evicted: number }> {
  const sorted = [...entities].sort(
    (a, b) =>
      b.entity.lastTs - a.entity.lastTs ||
      a.vshard - b.vshard ||
      a.entity.kind - b.entity.kind ||
      compareWords(a.entity.words, b.entity.words) ||
      a.entity.port - b.entity.port ||
      a.entity.proto - b.entity.proto,
  );
  const kept = sorted.slice(0, maxEntities);
  const byVshard = new Map<number, PersistedEntity[]>();
  for (const { vshard, entity } of kept) {
    const list = byVshard.get(vshard);
    if (list === undefined) byVshard.set(vshard, [entity]);
    else list.push(entity);
  }
  const bytes = encodeBaseline({ ...meta, entities: kept.length }, byVshard);
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { written: kept.length, evicted: sorted.length - kept.length };
}

export function compareWords(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < 4; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/** Every persisted entity of a checked file, by virtual shard under `sharding` (coordinator side). */
export function allEntities(ref: BaselineFileRef, sharding: ShardingRef): Map<number, PersistedEntity[]> {
  const file = load(ref, sharding);
  const out = new Map<number, PersistedEntity[]>();
  if (file === undefined) return out;
  if (file.regrouped !== undefined) return new Map(file.regrouped);
  for (const [vshard, parts] of file.groups) out.set(vshard, parts.flatMap(decodeGroup));
  return out;
}
