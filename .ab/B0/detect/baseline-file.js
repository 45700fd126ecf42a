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
/** The file bytes for `meta` and the entities of each virtual shard. */
export function encodeBaseline(meta, byVshard) {
    const groups = [...byVshard.keys()]
        .sort((a, b) => a - b)
        .map((vshard) => ({ vshard, data: packState(byVshard.get(vshard)) }));
    const payload = packState({ meta, groups });
    const out = new Uint8Array(HEADER_BYTES + payload.length);
    out.set(Buffer.from(BASELINE_MAGIC, 'latin1'), 0);
    const dv = new DataView(out.buffer);
    dv.setUint32(4, BASELINE_VERSION, true);
    dv.setUint32(8, payload.length, true);
    out.set(createHash('sha256').update(payload).digest(), 12);
    out.set(payload, HEADER_BYTES);
    return out;
}
function isMeta(m) {
    if (m === null || typeof m !== 'object')
        return false;
    const meta = m;
    const s = meta.sharding;
    return (typeof meta.bucketSeconds === 'number' &&
        typeof meta.runs === 'number' &&
        typeof meta.entities === 'number' &&
        s !== undefined &&
        s !== null &&
        typeof s.vshards === 'number' &&
        typeof s.v4Prefix === 'number' &&
        typeof s.v6Prefix === 'number');
}
/** Checks and opens the file's bytes; never throws. */
export function decodeBaseline(bytes) {
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
    let decoded;
    try {
        decoded = unpackState(payload);
    }
    catch (e) {
        return { ok: false, reason: `file is corrupt (${e.message})` };
    }
    const p = decoded;
    if (p === null || typeof p !== 'object' || !isMeta(p.meta) || !Array.isArray(p.groups)) {
        return { ok: false, reason: 'file is corrupt (unexpected content)' };
    }
    for (const g of p.groups) {
        if (g === null ||
            typeof g !== 'object' ||
            typeof g.vshard !== 'number' ||
            !(g.data instanceof Uint8Array)) {
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
export function checkEntity(e) {
    if (e === null || typeof e !== 'object')
        return undefined;
    const x = e;
    const { peers: legacy, ...rest } = x;
    if (x.outPeers === undefined && x.inPeers === undefined && legacy instanceof Float64Array) {
        const n = legacy.length;
        return checkEntity({
            ...rest,
            outPeers: new Float64Array(n).fill(Number.NaN),
            inPeers: new Float64Array(n).fill(Number.NaN),
        });
    }
    const numbers = (a) => Array.isArray(a) && a.every((v) => typeof v === 'number');
    if (typeof x.kind !== 'number' ||
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
        !numbers(x.nets)) {
        return undefined;
    }
    return x;
}
let loaded;
function sameSharding(a, b) {
    return a.vshards === b.vshards && a.v4Prefix === b.v4Prefix && a.v6Prefix === b.v6Prefix;
}
function decodeGroup(data) {
    let list;
    try {
        list = unpackState(data);
    }
    catch {
        return [];
    }
    if (!Array.isArray(list))
        return [];
    const out = [];
    for (const e of list) {
        const ok = checkEntity(e);
        if (ok !== undefined)
            out.push(ok);
    }
    return out;
}
/** The virtual shard that owns an entity under `sharding` (the subnet of its address). */
export function vshardOfWords(words, sharding) {
    const w = Uint32Array.of(words[0], words[1], words[2], words[3]);
    return subnetHash(w, 0, sharding.v4Prefix, sharding.v6Prefix) % sharding.vshards;
}
function load(ref, sharding) {
    const key = `${ref.digest}/${sharding.vshards}/${sharding.v4Prefix}/${sharding.v6Prefix}`;
    if (loaded?.key === key)
        return loaded;
    let bytes;
    try {
        bytes = readFileSync(ref.path);
    }
    catch {
        return undefined;
    }
    // The coordinator checked this file; if it changed since, it is not the state to compare with.
    if (createHash('sha256').update(bytes).digest('hex') !== ref.digest)
        return undefined;
    const d = decodeBaseline(bytes);
    if (!d.ok)
        return undefined;
    const groups = new Map();
    let regrouped;
    if (sameSharding(d.meta.sharding, sharding)) {
        for (const g of d.groups)
            groups.set(g.vshard, [...(groups.get(g.vshard) ?? []), g.data]);
    }
    else {
        regrouped = new Map();
        for (const g of d.groups) {
            for (const e of decodeGroup(g.data)) {
                const v = vshardOfWords(e.words, sharding);
                const list = regrouped.get(v);
                if (list === undefined)
                    regrouped.set(v, [e]);
                else
                    list.push(e);
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
export function entitiesForShard(ref, sharding, vshard) {
    const file = load(ref, sharding);
    if (file === undefined)
        return [];
    if (file.regrouped !== undefined)
        return file.regrouped.get(vshard) ?? [];
    return (file.groups.get(vshard) ?? []).flatMap(decodeGroup);
}
/** Reads and checks the file at `path` for a run with `bucketSeconds` buckets; never throws. */
export async function openBaselineFile(path, bucketSeconds) {
    const fail = (reason, code) => ({
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
    let bytes;
    try {
        bytes = await readFile(path);
    }
    catch (e) {
        if (e.code === 'ENOENT') {
            return fail('no baseline yet: this run learns and writes the first one');
        }
        return fail(`cannot read the baseline: ${e.message}`, ErrorCode.BaselineUnusable);
    }
    const d = decodeBaseline(bytes);
    if (!d.ok)
        return fail(d.reason, ErrorCode.BaselineUnusable);
    if (d.meta.bucketSeconds !== bucketSeconds) {
        return fail(`baseline buckets are ${d.meta.bucketSeconds} s, this run uses ${bucketSeconds} s`, ErrorCode.BaselineUnusable);
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
export async function writeBaselineFile(path, entities, meta, maxEntities) {
    const sorted = [...entities].sort((a, b) => b.entity.lastTs - a.entity.lastTs ||
        a.vshard - b.vshard ||
        a.entity.kind - b.entity.kind ||
        compareWords(a.entity.words, b.entity.words) ||
        a.entity.port - b.entity.port ||
        a.entity.proto - b.entity.proto);
    const kept = sorted.slice(0, maxEntities);
    const byVshard = new Map();
    for (const { vshard, entity } of kept) {
        const list = byVshard.get(vshard);
        if (list === undefined)
            byVshard.set(vshard, [entity]);
        else
            list.push(entity);
    }
    const bytes = encodeBaseline({ ...meta, entities: kept.length }, byVshard);
    const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
    try {
        await writeFile(tmp, bytes);
        await rename(tmp, path);
    }
    catch (e) {
        await rm(tmp, { force: true });
        throw e;
    }
    return { written: kept.length, evicted: sorted.length - kept.length };
}
export function compareWords(a, b) {
    for (let k = 0; k < 4; k++)
        if (a[k] !== b[k])
            return a[k] - b[k];
    return 0;
}
/** Every persisted entity of a checked file, by virtual shard under `sharding` (coordinator side). */
export function allEntities(ref, sharding) {
    const file = load(ref, sharding);
    const out = new Map();
    if (file === undefined)
        return out;
    if (file.regrouped !== undefined)
        return new Map(file.regrouped);
    for (const [vshard, parts] of file.groups)
        out.set(vshard, parts.flatMap(decodeGroup));
    return out;
}
//# sourceMappingURL=baseline-file.js.map