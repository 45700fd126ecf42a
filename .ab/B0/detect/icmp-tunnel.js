/**
 * ICMP tunnelling (`exfil.icmp-tunnel`, ATT&CK T1095 Non-Application Layer Protocol; the
 * exfiltration side is T1048): data carried in ICMP echo payloads — ptunnel, icmptunnel, hans,
 * icmpsh — told apart from ping by what ping never does.
 *
 * Per (originator, responder, window) of ICMP conn rows (the originator's address is the
 * finding's `src`), counted once on the record's primary delivery; every record of a pair has
 * the same primary shard, so a pair is decided in one virtual shard, at `finish`. Error and
 * neighbour-discovery messages (ICMPv4 unreachable, source quench, redirect, router
 * advertisement/solicitation, time exceeded, parameter problem; ICMPv6 types below 128 and
 * 130–137, 143), which quote other packets or belong to the network's own housekeeping, are
 * skipped — traceroute and unreachables never count. Zeek counts an ICMP message's payload
 * (after the 8-byte header) in orig_bytes/resp_bytes, so the bytes here are payload bytes.
 *
 * Signals of a pair:
 * - `large`: mean payload per packet ≥ `largePayloadBytes` (Linux ping sends 56 bytes, Windows
 *   32, most monitoring under 100);
 * - `asymmetric`: both directions carry packets and their mean payload per packet differs by a
 *   factor ≥ `asymmetryRatio` (an echo reply repeats its request's payload; a tunnel's replies
 *   carry the other direction's data);
 * - `varying` (captures only): a direction's IP lengths have a standard deviation ≥
 *   `minSizeSd` bytes (a ping session repeats one size);
 * - `random` (captures only): a direction's payload sample (its first up to 256 bytes, at least
 *   `minSampleBytes`) has the entropy of random data, within `randomEntropyMargin` bits below
 *   what random bytes give over that many bytes and not far above it — encrypted or compressed
 *   data. Ping's own payloads (Linux: a timestamp and counting bytes; Windows: the alphabet)
 *   are far below, or — a counting pattern over 256 distinct bytes — above.
 *
 * - `bulk`: the pair moved at least `bulkPayloadBytes` of payload in the window (no ping
 *   session does: a monitoring ping of 1 400 bytes a second moves 5 MB an hour, but at one size).
 * - `changing` (captures only): a direction's echo data differs from packet to packet — at
 *   least `minPayloadVariants` distinct contents past the first 16 bytes (packet-stats.ts);
 *   every ping repeats one pattern there, behind its timestamp.
 *
 * A pair is reported when it moved at least `minPackets` packets and `minPayloadBytes` payload
 * bytes in the window and, with capture statistics, at least two signals hold of which one is
 * `random` or `asymmetric` (large, varying pings — path-MTU probing — are neither), or it is
 * `large` and `changing` (data, whatever its entropy: text sent at one size through a kernel
 * that echoes it, as `hping3 -E file` does), or `large`, `varying` and `bulk` at once: a tunnel whose replies the peer's kernel echoes (so the
 * directions look alike) and whose per-packet headers keep the first bytes from looking random,
 * as ptunnel-ng's do. From Zeek's conn.log (no statistics) only when it is `large`,
 * `asymmetric` and `bulk`. Payload statistics are statistics of the first bytes; content is never
 * inspected. State: at most `maxPairs` pairs per virtual shard (new pairs beyond are dropped and
 * counted); event time only.
 */
import { Counter, Flag, isPrimaryDelivery, Proto, RecordKind, Str, } from '../shared/record.js';
import { checkSnapshot } from './analyzer.js';
import { ConnStatsReader, looksRandom, SAMPLE_BYTES } from './conn-stats.js';
import { addSmallest, compareFindings, makeFinding, round } from './finding.js';
import { checkOptions } from './options.js';
export const DEFAULT_ICMP_TUNNEL_CONFIG = Object.freeze({
    windowSeconds: 3_600,
    minPackets: 40,
    minPayloadBytes: 32_768,
    bulkPayloadBytes: 1_048_576,
    largePayloadBytes: 128,
    asymmetryRatio: 1.25,
    minSizeSd: 16,
    minSampleBytes: 128,
    randomEntropyMargin: 0.5,
    minPayloadVariants: 4,
    maxPairs: 16_384,
    sampleSize: 10,
});
const RULES = {
    windowSeconds: { type: 'integer', min: 60, max: 366 * 86_400 },
    minPackets: { type: 'integer', min: 1, max: 1 << 30 },
    minPayloadBytes: { type: 'integer', min: 0, max: 2 ** 48 },
    bulkPayloadBytes: { type: 'integer', min: 0, max: 2 ** 48 },
    largePayloadBytes: { type: 'integer', min: 1, max: 65_535 },
    asymmetryRatio: { type: 'number', min: 1, max: 1_000 },
    minSizeSd: { type: 'number', min: 0, max: 65_535 },
    minSampleBytes: { type: 'integer', min: 16, max: SAMPLE_BYTES },
    randomEntropyMargin: { type: 'number', min: 0, max: 8 },
    minPayloadVariants: { type: 'integer', min: 2, max: 8 },
    maxPairs: { type: 'integer', min: 1, max: 1 << 24 },
    sampleSize: { type: 'integer', min: 1, max: 1_000 },
};
/** Fills defaults and checks every key once, at the edge; throws InvalidOption naming the key. */
export function validateIcmpTunnelConfig(partial = {}) {
    return Object.freeze(checkOptions('icmp', RULES, DEFAULT_ICMP_TUNNEL_CONFIG, partial));
}
/** ICMPv4 types that quote other packets or are routing housekeeping (never tunnel evidence). */
const V4_SKIPPED = new Set([3, 4, 5, 9, 10, 11, 12]);
/**
 * Whether an ICMP message type (Zeek's orig_p of an ICMP conn) can carry tunnel data: echo and
 * other informational messages; not errors, router or neighbour discovery, MLD.
 */
export function tunnelCapableType(type, v6) {
    if (!v6)
        return !V4_SKIPPED.has(type);
    if (type < 128)
        return false;
    return !((type >= 130 && type <= 137) || type === 143);
}
export const ICMP_EVICTION_NAMES = ['maxPairs'];
const SNAPSHOT_VERSION = 1;
const MAX_TYPES = 8;
/** A copy (snapshots of earlier builds lack maxVariants: 0, nothing counted). */
const clonePair = (p) => ({
    ...p,
    maxVariants: p.maxVariants ?? 0,
    types: [...p.types],
    uids: [...p.uids],
});
/** The signals of a pair (names in a fixed order) and whether it is reported. */
export function judgePair(p, c) {
    const packets = p.origPkts + p.respPkts;
    const bytes = p.origBytes + p.respBytes;
    const signals = [];
    if (packets > 0 && bytes / packets >= c.largePayloadBytes)
        signals.push('large');
    if (p.origPkts > 0 && p.respPkts > 0) {
        const om = p.origBytes / p.origPkts;
        const rm = p.respBytes / p.respPkts;
        if (Math.max(om, rm) >= c.asymmetryRatio * Math.max(Math.min(om, rm), 1))
            signals.push('asymmetric');
    }
    const stats = p.withStats > 0;
    if (stats && p.maxSd >= c.minSizeSd)
        signals.push('varying');
    if (stats && p.random > 0)
        signals.push('random');
    if (stats && p.maxVariants >= c.minPayloadVariants)
        signals.push('changing');
    if (bytes >= c.bulkPayloadBytes)
        signals.push('bulk');
    let fire = false;
    if (packets >= c.minPackets) {
        const has = (s) => signals.includes(s);
        if (stats) {
            fire =
                bytes >= c.minPayloadBytes &&
                    ((signals.length >= 2 && (has('random') || has('asymmetric'))) ||
                        (has('large') && has('changing')) ||
                        (has('large') && has('varying') && has('bulk')));
        }
        else {
            fire = has('large') && has('asymmetric') && has('bulk');
        }
    }
    return { signals, fire, stats };
}
class IcmpTunnelShard {
    vshard;
    c;
    pairs = new Map();
    evicted = { maxPairs: 0 };
    stats = new ConnStatsReader();
    constructor(vshard, c) {
        this.vshard = vshard;
        this.c = c;
    }
    observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++)
            this.observe(view, rows[k]);
    }
    observe(view, i) {
        if (view.kind[i] !== RecordKind.Conn || view.proto[i] !== Proto.Icmp)
            return;
        const flags = view.flags[i];
        if ((flags & (Flag.OrigSet | Flag.RespSet)) !== (Flag.OrigSet | Flag.RespSet))
            return;
        if (!isPrimaryDelivery(flags))
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts))
            return;
        if (!tunnelCapableType(view.origPort[i], !view.isV4(i, 0)))
            return;
        const op = view.counter(i, Counter.OrigPkts);
        const rp = view.counter(i, Counter.RespPkts);
        const ob = view.counter(i, Counter.OrigBytes);
        const rb = view.counter(i, Counter.RespBytes);
        const src = view.addrText(i, 0);
        const dst = view.addrText(i, 1);
        const bucket = Math.floor(ts / this.c.windowSeconds);
        const key = `${src}|${dst}|${bucket}`;
        let p = this.pairs.get(key);
        if (p === undefined) {
            if (this.pairs.size >= this.c.maxPairs) {
                this.evicted.maxPairs++;
                return;
            }
            p = {
                key,
                src,
                dst,
                bucket,
                records: 0,
                firstTs: ts,
                lastTs: ts,
                origPkts: 0,
                respPkts: 0,
                origBytes: 0,
                respBytes: 0,
                withStats: 0,
                maxSd: 0,
                maxVariants: 0,
                judged: 0,
                random: 0,
                entropyMin: Number.POSITIVE_INFINITY,
                entropyMax: Number.NEGATIVE_INFINITY,
                sampleBytes: 0,
                types: [],
                uids: [],
            };
            this.pairs.set(key, p);
        }
        p.records++;
        p.firstTs = Math.min(p.firstTs, ts);
        p.lastTs = Math.max(p.lastTs, ts);
        if (op > 0)
            p.origPkts += op;
        if (rp > 0)
            p.respPkts += rp;
        if (ob > 0)
            p.origBytes += ob;
        if (rb > 0)
            p.respBytes += rb;
        addSmallest(p.types, `${view.origPort[i]}/${view.respPort[i]}`, MAX_TYPES);
        addSmallest(p.uids, view.str(i, Str.Uid), this.c.sampleSize);
        const st = this.stats;
        if (!st.read(view, i))
            return;
        p.withStats++;
        const dirs = [
            [st.orig, op],
            [st.resp, rp],
        ];
        for (const [d, pkts] of dirs) {
            if (pkts >= 2 && d.ipLenSd > p.maxSd)
                p.maxSd = d.ipLenSd;
            if (d.variants > p.maxVariants)
                p.maxVariants = d.variants;
            if (d.bytes < this.c.minSampleBytes)
                continue;
            p.judged++;
            p.entropyMin = Math.min(p.entropyMin, d.entropy);
            p.entropyMax = Math.max(p.entropyMax, d.entropy);
            p.sampleBytes = Math.max(p.sampleBytes, d.bytes);
            if (looksRandom(d.entropy, d.bytes, this.c.randomEntropyMargin))
                p.random++;
        }
    }
    finding(p) {
        const c = this.c;
        const { signals, fire, stats } = judgePair(p, c);
        if (!fire)
            return undefined;
        const packets = p.origPkts + p.respPkts;
        const bytes = p.origBytes + p.respBytes;
        const minBytes = stats ? c.minPayloadBytes : c.bulkPayloadBytes;
        const mean = (b, n) => (n > 0 ? round(b / n, 1) : 0);
        return makeFinding({
            detector: 'exfil.icmp-tunnel',
            attack: 'T1095',
            severity: signals.length >= 3 || bytes >= 10 * minBytes ? 'high' : 'medium',
            confidence: round(Math.min(0.9, (stats ? 0.45 : 0.4) + 0.1 * signals.length), 2),
            firstTs: p.firstTs,
            lastTs: p.lastTs,
            entities: { src: p.src, dst: p.dst, proto: 'icmp' },
            evidence: {
                signals,
                packets,
                origPackets: p.origPkts,
                respPackets: p.respPkts,
                payloadBytes: bytes,
                origBytes: p.origBytes,
                respBytes: p.respBytes,
                meanPayloadPerPacket: mean(bytes, packets),
                origMeanPayload: mean(p.origBytes, p.origPkts),
                respMeanPayload: mean(p.respBytes, p.respPkts),
                records: p.records,
                captureStatistics: stats,
                ...(stats
                    ? {
                        maxIpLenSd: round(p.maxSd, 1),
                        maxPayloadVariants: p.maxVariants,
                        judgedDirections: p.judged,
                        randomDirections: p.random,
                        ...(p.judged > 0
                            ? {
                                entropyMin: round(p.entropyMin, 3),
                                entropyMax: round(p.entropyMax, 3),
                                sampledBytes: p.sampleBytes,
                            }
                            : {}),
                        minSizeSd: c.minSizeSd,
                        randomEntropyMargin: c.randomEntropyMargin,
                    }
                    : {}),
                minPackets: c.minPackets,
                minPayloadBytes: minBytes,
                largePayloadBytes: c.largePayloadBytes,
                asymmetryRatio: c.asymmetryRatio,
                windowSeconds: c.windowSeconds,
                icmpTypes: p.types,
                sampleUids: p.uids,
            },
            summary: `ICMP tunnel suspected from ${p.src} to ${p.dst}: ${packets} packets, ${bytes} payload bytes (${mean(bytes, packets)} per packet; ${signals.join(', ')})`,
        });
    }
    finish() {
        const findings = [];
        for (const key of [...this.pairs.keys()].sort()) {
            const f = this.finding(this.pairs.get(key));
            if (f !== undefined)
                findings.push(f);
        }
        this.pairs.clear();
        return { findings: findings.sort(compareFindings), partial: undefined, evictions: { ...this.evicted } };
    }
    snapshot() {
        return {
            version: SNAPSHOT_VERSION,
            vshard: this.vshard,
            evictions: { ...this.evicted },
            pairs: [...this.pairs.values()].map(clonePair),
        };
    }
    static restore(vshard, config, snapshot) {
        const s = checkSnapshot('icmp', snapshot, SNAPSHOT_VERSION, vshard);
        const shard = new IcmpTunnelShard(vshard, config);
        shard.evicted.maxPairs = s.evictions.maxPairs ?? 0;
        for (const p of s.pairs)
            shard.pairs.set(p.key, clonePair(p));
        return shard;
    }
}
export const icmpTunnelAnalyzer = {
    name: 'icmp',
    create(vshard, config) {
        return new IcmpTunnelShard(vshard, config);
    },
    restore(vshard, config, snapshot) {
        return IcmpTunnelShard.restore(vshard, config, snapshot);
    },
    merge() {
        return undefined;
    },
};
//# sourceMappingURL=icmp-tunnel.js.map