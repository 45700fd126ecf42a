/**
 * The library's options for a run, validated once at the edge into a frozen `RunPlan`;
 * nothing downstream re-checks them (msgpack Decoder / piscina constructor habit).
 */
import { availableParallelism } from 'node:os';
import { DETECTORS } from '../detect/registry.js';
import { DEFAULT_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES } from '../ingest/pcap/app/payload.js';
import { validateHeatmapConfig } from '../report/heatmap/aggregate.js';
import { DEFAULT_LOCAL_NETWORKS, LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { compileSuppressRules } from '../triage/suppress.js';
const MiB = 1024 * 1024;
function suppressRules(rules) {
    if (rules === undefined)
        return [];
    if (!Array.isArray(rules))
        throw new NetscryError(ErrorCode.InvalidOption, 'suppress must be a list of rules', {
            option: 'suppress',
        });
    return compileSuppressRules(rules);
}
function integer(name, value, fallback, min, max) {
    return number(name, value, fallback, min, max, true);
}
function number(name, value, fallback, min, max, whole = false) {
    const v = value ?? fallback;
    const valid = whole ? Number.isInteger(v) : typeof v === 'number' && Number.isFinite(v);
    if (!valid || v < min || v > max) {
        throw new NetscryError(ErrorCode.InvalidOption, `${name} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max} (got ${v})`, { option: name });
    }
    return v;
}
export function planRun(options) {
    if (!Array.isArray(options.inputs) || (options.inputs.length === 0 && options.live === undefined)) {
        throw new NetscryError(ErrorCode.Usage, 'no input given: name one or more Zeek log files, captures or directories');
    }
    const actors = integer('actors', options.actors, availableParallelism(), 0, 64);
    const local = options.local ?? DEFAULT_LOCAL_NETWORKS;
    const parsedLocal = LocalNetworks.parse(local);
    if (!(parsedLocal instanceof LocalNetworks)) {
        throw new NetscryError(ErrorCode.InvalidOption, `--local: not a network in CIDR notation: ${parsedLocal.invalid}`, {
            option: 'local',
        });
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
    const engine = Object.freeze({
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
            maxConnectionsPerShard: integer('maxConnectionsPerShard', options.maxConnectionsPerShard, 8192, 16, 1 << 24),
            payloadBytes: integer('payloadBytes', options.payloadBytes, DEFAULT_PAYLOAD_BYTES, 0, MAX_PAYLOAD_BYTES),
            payloadBlobs: options.payloadBlobs === true,
        }),
    });
    const captureAs = options.captureAs ?? 'packets';
    if (captureAs !== 'packets' && captureAs !== 'netflow') {
        throw new NetscryError(ErrorCode.InvalidOption, `captureAs must be 'packets' or 'netflow' (got ${String(captureAs)})`, {
            option: 'captureAs',
        });
    }
    let crashActor;
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
        checkpointEveryChunks: options.checkpointEveryChunks === undefined
            ? undefined
            : integer('checkpointEveryChunks', options.checkpointEveryChunks, 64, 1, 2 ** 31),
        checkpointEverySeconds: number('checkpointEverySeconds', options.checkpointEverySeconds, 30, 0.001, 86_400),
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
function baselinePath(value) {
    if (value === undefined)
        return undefined;
    if (typeof value !== 'string' || value.length === 0) {
        throw new NetscryError(ErrorCode.InvalidOption, 'baseline must be a file path', { option: 'baseline' });
    }
    return value;
}
/** The detectors that run, in registry order, each with its validated options. */
function enabledDetectors(asked) {
    if (asked === null || typeof asked !== 'object' || Array.isArray(asked)) {
        throw new NetscryError(ErrorCode.InvalidOption, 'detectors must be an object keyed by detector name', {
            option: 'detectors',
        });
    }
    const known = DETECTORS.map((d) => d.name);
    for (const name of Object.keys(asked)) {
        if (!known.includes(name)) {
            throw new NetscryError(ErrorCode.InvalidOption, `detectors.${name}: no such detector (known: ${known.join(', ')})`, { option: 'detectors', value: name });
        }
    }
    const out = [];
    for (const d of DETECTORS) {
        const given = asked[d.name];
        if (given === false || (given === undefined && !d.defaultOn))
            continue;
        out.push(Object.freeze({ name: d.name, config: d.validate(given === undefined || given === true ? {} : given) }));
    }
    return Object.freeze(out);
}
//# sourceMappingURL=options.js.map