/**
 * Data exfiltration (ATT&CK TA0010): four views of outbound volume, each cheap enough to run on
 * every record.
 *
 * - `exfil.rare-destination` (T1048): a source sent at least `rareMinBytes` to an external
 *   address that at most `rareMaxHosts` internal hosts talk to in the whole input (or at most
 *   `rareMaxHostsFraction` of the internal hosts seen, the larger). Prevalence needs every
 *   shard's view, so it is decided by `conclude` on the coordinator: each shard's partial carries,
 *   per external address and per /24 (IPv6 /64), the sorted set of internal sources it saw
 *   (at most `maxSourcesPerDestination`, then marked saturated), and its (source, destination)
 *   pairs whose outbound bytes reached `rareMinBytes` (at most `maxCandidates`, largest first).
 *   The merge is a union of sets (sorted, truncated) and a sum of pair totals: associative and
 *   commutative, so the findings do not depend on the order or grouping of the partials.
 *   (Prevalence as a rarity signal: RITA's "rare signature"/"threat intel prevalence" and the
 *   "first seen / rarely seen destination" heuristics of Zeek-based hunting guides.)
 * - `exfil.upload` (T1048): the first contact of a host with an external address opens a burst
 *   of `uploadBurstSeconds`; when the host's connections to that address in the burst sent at
 *   least `uploadMinBytes` and `uploadMinRatio` times what they received, the burst is an upload
 *   to a first-seen destination. Addresses a host has contacted are kept in a set of numbers per
 *   host (IPv4 exactly, IPv6 by a 32-bit hash), at most `maxSeenPerHost` (oldest dropped).
 *   Contacts in the first `uploadWarmupSeconds` of a host's records only fill the set.
 * - `exfil.pcr-shift` (T1041): the producer–consumer ratio, PCR = (out − in) / (out + in), of a
 *   host's outbound connections per `pcrBucketSeconds` bucket (Carter Bullard and John
 *   Gerth, "PCR – Producer-Consumer Ratio", FloCon 2014), compared with the host's own earlier
 *   buckets: robust z = (PCR − median) / max(1.4826·MAD, `pcrMinScale`). A bucket is flagged
 *   when z ≥ `pcrZ`, PCR − median ≥ `pcrMinShift`, the host sent at least `pcrMinBytes` in it
 *   and it has at least `pcrMinHistory` earlier buckets (each with `pcrMinHistoryBytes` of
 *   traffic). Flagged buckets do not enter the history; consecutive flagged buckets are one
 *   finding.
 * - `exfil.http-post` (T1567): request body bytes of POST/PUT requests per (source, HTTP
 *   `host`) in tumbling windows of `httpPostWindowSeconds` from http.log records, reported at
 *   `httpPostMinBytes`.
 *
 * Only outbound traffic counts for the first three (local originator, non-local responder), in
 * the originator-keyed delivery, so every connection is counted once, in the shard of its
 * source. TLS `server_name` and HTTP `host` of a pair, when an ssl/http record of the pair
 * follows its conn record, name the destination in the findings.
 *
 * Memory per virtual shard: `maxTrackedHosts` hosts (the oldest is retired — its open windows
 * decided — and dropped), `maxPairs` (source, destination) totals (at the cap the smaller half
 * is dropped), `maxDestinations` prevalence entries (the older half dropped), `maxSeenPerHost`
 * contacted addresses per host, `maxHttpPairs` POST windows (the oldest decided and dropped),
 * `maxHistoryHours` PCR values per host, `maxCandidates` rare-destination candidates in the
 * partial. Every drop is counted under its cap's name in `finish().evictions`.
 *
 * Event time only; every decision follows the shard's record order, which does not depend on
 * the number of actors or the batch split.
 */
import { fnv1aWords, formatAddress, parseAddress } from '../shared/addr.js';
import { Counter, Flag, isOriginatorDelivery, RecordKind, Str } from '../shared/record.js';
import { checkSnapshot } from './analyzer.js';
import { FieldReader } from './fields.js';
import { compareFindings, makeFinding, round } from './finding.js';
import { checkOptions, optionError } from './options.js';
export const DEFAULT_EXFIL_CONFIG = Object.freeze({
    enableRareDestination: true,
    rareMinBytes: 50e6,
    rareMaxHosts: 2,
    rareMaxHostsFraction: 0,
    rareRequireRareSubnet: false,
    enableUpload: true,
    uploadMinBytes: 20e6,
    uploadMinRatio: 10,
    uploadBurstSeconds: 600,
    uploadWarmupSeconds: 1_800,
    enablePcrShift: true,
    pcrBucketSeconds: 3_600,
    pcrMinBytes: 20e6,
    pcrZ: 3.5,
    pcrMinShift: 0.5,
    pcrMinScale: 0.05,
    pcrMinHistory: 3,
    pcrMinHistoryBytes: 10_000,
    enableHttpPost: true,
    httpPostMinBytes: 20e6,
    httpPostWindowSeconds: 3_600,
    httpExternalOnly: true,
    sampleMinBytes: 100_000,
    sampleSize: 10,
    maxTrackedHosts: 4_096,
    maxSeenPerHost: 4_096,
    maxPairs: 16_384,
    maxDestinations: 16_384,
    maxSourcesPerDestination: 64,
    maxCandidates: 256,
    maxHttpPairs: 4_096,
    maxHistoryHours: 168,
});
const BYTES = { type: 'number', min: 1, max: 1e15 };
const RULES = {
    enableRareDestination: { type: 'boolean' },
    rareMinBytes: BYTES,
    rareMaxHosts: { type: 'integer', min: 1, max: 1 << 20 },
    rareMaxHostsFraction: { type: 'number', min: 0, max: 1 },
    rareRequireRareSubnet: { type: 'boolean' },
    enableUpload: { type: 'boolean' },
    uploadMinBytes: BYTES,
    uploadMinRatio: { type: 'number', min: 0, max: 1e9 },
    uploadBurstSeconds: { type: 'number', min: 1, max: 86_400 },
    uploadWarmupSeconds: { type: 'number', min: 0, max: 30 * 86_400 },
    enablePcrShift: { type: 'boolean' },
    pcrBucketSeconds: { type: 'number', min: 60, max: 86_400 },
    pcrMinBytes: BYTES,
    pcrZ: { type: 'number', min: 0, max: 1e6 },
    pcrMinShift: { type: 'number', min: 0, max: 2 },
    pcrMinScale: { type: 'number', min: 0.001, max: 2 },
    pcrMinHistory: { type: 'integer', min: 1, max: 10_000 },
    pcrMinHistoryBytes: { type: 'number', min: 0, max: 1e15 },
    enableHttpPost: { type: 'boolean' },
    httpPostMinBytes: BYTES,
    httpPostWindowSeconds: { type: 'number', min: 1, max: 30 * 86_400 },
    httpExternalOnly: { type: 'boolean' },
    sampleMinBytes: { type: 'number', min: 0, max: 1e15 },
    sampleSize: { type: 'integer', min: 1, max: 1000 },
    maxTrackedHosts: { type: 'integer', min: 1, max: 1 << 24 },
    maxSeenPerHost: { type: 'integer', min: 1, max: 1 << 24 },
    maxPairs: { type: 'integer', min: 2, max: 1 << 24 },
    maxDestinations: { type: 'integer', min: 2, max: 1 << 24 },
    maxSourcesPerDestination: { type: 'integer', min: 2, max: 1 << 16 },
    maxCandidates: { type: 'integer', min: 1, max: 1 << 20 },
    maxHttpPairs: { type: 'integer', min: 1, max: 1 << 24 },
    maxHistoryHours: { type: 'integer', min: 1, max: 1 << 16 },
};
/** Fills defaults and checks every key once, at the edge; throws InvalidOption naming the key. */
export function validateExfilConfig(partial = {}) {
    const c = checkOptions('exfil', RULES, DEFAULT_EXFIL_CONFIG, partial);
    if (c.maxHistoryHours < c.pcrMinHistory) {
        throw optionError('exfil', 'maxHistoryHours', 'must be at least pcrMinHistory', c.maxHistoryHours);
    }
    if (c.maxSourcesPerDestination <= c.rareMaxHosts) {
        throw optionError('exfil', 'maxSourcesPerDestination', 'must be above rareMaxHosts', c.maxSourcesPerDestination);
    }
    return Object.freeze(c);
}
// ─── small pure helpers ─────────────────────────────────────────────────────────────────────
/** Median of values (any order); 0 when empty. */
export function median(values) {
    if (values.length === 0)
        return 0;
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** (value − median) / max(1.4826·MAD, minScale) of `history`. */
export function robustZ(value, history, minScale) {
    const med = median(history);
    const mad = median(history.map((v) => Math.abs(v - med)));
    const scale = Math.max(1.4826 * mad, minScale);
    return { median: med, mad, scale, z: (value - med) / scale };
}
/** (out − in) / (out + in); 0 without traffic. */
export function pcr(out, inb) {
    const total = out + inb;
    return total > 0 ? (out - inb) / total : 0;
}
const finite = (v) => (Number.isFinite(v) && v > 0 ? v : 0);
function formatWords(w) {
    return formatAddress(Uint32Array.of(w[0], w[1], w[2], w[3]));
}
function isV4Words(w) {
    return w[0] === 0 && w[1] === 0 && w[2] === 0xffff;
}
/** The /24 (IPv4) or /64 (IPv6) of an address, as text. */
function subnetText(w) {
    if (isV4Words(w)) {
        const v = w[3];
        return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.0/24`;
    }
    return `${formatWords([w[0], w[1], 0, 0])}/64`;
}
/** A readable byte count. */
function human(bytes) {
    if (bytes >= 1e9)
        return `${round(bytes / 1e9, 2)} GB`;
    if (bytes >= 1e6)
        return `${round(bytes / 1e6, 1)} MB`;
    if (bytes >= 1e3)
        return `${round(bytes / 1e3, 1)} kB`;
    return `${bytes} B`;
}
/** out / in, capped for JSON (in = 0 gives out itself). */
function ratioOf(out, inb) {
    return round(inb > 0 ? out / inb : out, 2);
}
// ─── state ──────────────────────────────────────────────────────────────────────────────────
export const EXFIL_EVICTION_NAMES = [
    'maxTrackedHosts',
    'maxSeenPerHost',
    'maxPairs',
    'maxDestinations',
    'maxSourcesPerDestination',
    'maxCandidates',
    'maxHttpPairs',
    'maxHistoryHours',
    'openBursts',
    'pcrLateRecords',
];
/** Open first-contact bursts per host; the oldest is decided early past this. */
const MAX_OPEN_BURSTS = 256;
/** Open PCR buckets per host; the oldest is decided past this. */
const MAX_OPEN_BUCKETS = 48;
const SNAPSHOT_VERSION = 2;
const PARTIAL_VERSION = 1;
const keyScratch = new Uint32Array(4);
const SECOND_SEED = 0x2f6b1d5d;
function hashKey(w0, w1, w2, w3) {
    keyScratch[0] = w0;
    keyScratch[1] = w1;
    keyScratch[2] = w2;
    keyScratch[3] = w3;
    const hi = fnv1aWords(keyScratch, 0, 4);
    const lo = fnv1aWords(keyScratch, 0, 4, SECOND_SEED) & 0xfffff;
    return 2 ** 32 + hi * 2 ** 20 + lo;
}
/** The shared empty uid sample of pairs without one (replaced, never pushed to). */
const NO_UIDS = [];
const wordsKey = (w) => (isV4Words(w) ? w[3] : hashKey(w[0], w[1], w[2], w[3]));
/** The /24 (IPv4) or /64 (IPv6) of an address as a key. */
const subnetKey = (w) => (isV4Words(w) ? w[3] >>> 8 : hashKey(w[0], w[1], 0, 0));
/**
 * A set of address keys (numbers ≥ 0) that remembers insertion order and drops its oldest:
 * a ring of keys and an open-addressing index of them (linear probing, backward-shift deletion;
 * −1 marks an empty entry). Typed arrays, so no boxed number or Set entry per key.
 */
class FifoKeySet {
    ring = new Float64Array(4);
    start = 0;
    size = 0;
    table = new Float64Array(8).fill(-1);
    mask = 7;
    home(key) {
        const lo = key >>> 0;
        const hi = (key / 4294967296) | 0;
        let h = Math.imul(hi, 0x27d4eb2d) ^ Math.imul(lo, 0x85ebca6b);
        h ^= h >>> 15;
        h = Math.imul(h, 0x2c1b3c6d);
        h ^= h >>> 13;
        return h & this.mask;
    }
    has(key) {
        const t = this.table;
        for (let s = this.home(key);; s = (s + 1) & this.mask) {
            const v = t[s];
            if (v === -1)
                return false;
            if (v === key)
                return true;
        }
    }
    /** Appends `key` (the caller checked it is absent). */
    add(key) {
        if (this.size === this.ring.length) {
            const ring = new Float64Array(this.ring.length * 2);
            for (let k = 0; k < this.size; k++)
                ring[k] = this.ring[(this.start + k) % this.ring.length];
            this.ring = ring;
            this.start = 0;
        }
        this.ring[(this.start + this.size) % this.ring.length] = key;
        this.size++;
        if (2 * this.size > this.mask + 1) {
            const old = this.table;
            this.table = new Float64Array(old.length * 2).fill(-1);
            this.mask = old.length * 2 - 1;
            for (let s = 0; s < old.length; s++)
                if (old[s] !== -1)
                    this.insert(old[s]);
        }
        this.insert(key);
    }
    /** Drops the oldest key. */
    dropOldest() {
        const key = this.ring[this.start];
        this.start = (this.start + 1) % this.ring.length;
        this.size--;
        const t = this.table;
        const mask = this.mask;
        let s = this.home(key);
        while (t[s] !== key)
            s = (s + 1) & mask;
        let hole = s;
        for (let j = (s + 1) & mask; t[j] !== -1; j = (j + 1) & mask) {
            const home = this.home(t[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                t[hole] = t[j];
                hole = j;
            }
        }
        t[hole] = -1;
    }
    /** The keys, oldest first. */
    keys() {
        const out = new Array(this.size);
        for (let k = 0; k < this.size; k++)
            out[k] = this.ring[(this.start + k) % this.ring.length];
        return out;
    }
    insert(key) {
        const t = this.table;
        let s = this.home(key);
        while (t[s] !== -1)
            s = (s + 1) & this.mask;
        t[s] = key;
    }
}
/** The end of a host's pair list; no pair. */
const NIL = -1;
/**
 * Every (source, destination) pair of a shard, one typed column per field (a pair is a slot
 * number, not an object: ~90 bytes a pair instead of ~200 in objects, boxed numbers and maps).
 * Each host's pairs form a singly linked list in insertion order (`Host.head` … `Host.tail`
 * through `next`): compaction and retirement follow it as they followed a Map per host. Freed
 * slots are reused (through `next` as well). The index, (host id, destination key) → slot, is
 * open addressing with linear probing and backward-shift deletion (no tombstones).
 */
class PairStore {
    out = new Float64Array(16);
    in = new Float64Array(16);
    conns = new Float64Array(16);
    firstTs = new Float64Array(16);
    lastTs = new Float64Array(16);
    key = new Float64Array(16);
    /** Four destination words per slot. */
    dst = new Uint32Array(64);
    next = new Int32Array(16);
    /** NO_UIDS (shared, never pushed to) until the first sample: most pairs never get one. */
    uids = [];
    /** TLS server_name or HTTP host, '' until known. */
    names = [];
    /** Slots ever used; slots below it are live or on the free list. */
    top = 0;
    free = NIL;
    ids = new Int32Array(64);
    keys = new Float64Array(64);
    slots = new Int32Array(64);
    mask = 63;
    size = 0;
    home(id, key) {
        const lo = key >>> 0;
        const hi = (key / 4294967296) | 0;
        let h = Math.imul(id ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) ^ Math.imul(lo, 0x85ebca6b);
        h ^= h >>> 15;
        h = Math.imul(h, 0x2c1b3c6d);
        h ^= h >>> 13;
        return h & this.mask;
    }
    /** The slot of (host id, key), NIL when absent. */
    find(id, key) {
        const ids = this.ids;
        const mask = this.mask;
        // Ids are stored + 1: 0 marks an empty entry.
        const tag = id + 1;
        for (let s = this.home(id, key);; s = (s + 1) & mask) {
            const t = ids[s];
            if (t === 0)
                return NIL;
            if (t === tag && this.keys[s] === key)
                return this.slots[s];
        }
    }
    /** A new pair of `host` (appended to its list), zero totals, first and last seen at `ts`. */
    add(host, key, w0, w1, w2, w3, ts) {
        let p = this.free;
        if (p !== NIL)
            this.free = this.next[p];
        else {
            if (this.top === this.out.length)
                this.growColumns();
            p = this.top++;
        }
        this.out[p] = 0;
        this.in[p] = 0;
        this.conns[p] = 0;
        this.firstTs[p] = ts;
        this.lastTs[p] = ts;
        this.key[p] = key;
        this.dst[4 * p] = w0;
        this.dst[4 * p + 1] = w1;
        this.dst[4 * p + 2] = w2;
        this.dst[4 * p + 3] = w3;
        this.next[p] = NIL;
        this.uids[p] = NO_UIDS;
        this.names[p] = '';
        if (host.tail === NIL)
            host.head = p;
        else
            this.next[host.tail] = p;
        host.tail = p;
        host.pairs++;
        this.index(host.id, key, p);
        return p;
    }
    /** Unindexes slot p of host `id` and puts it on the free list (the caller unlinks it). */
    release(id, p) {
        this.unindex(id, this.key[p]);
        this.uids[p] = NO_UIDS;
        this.names[p] = '';
        this.next[p] = this.free;
        this.free = p;
    }
    /** Releases every pair of `host`. */
    releaseAll(host) {
        for (let p = host.head; p !== NIL;) {
            const next = this.next[p];
            this.release(host.id, p);
            p = next;
        }
        host.head = NIL;
        host.tail = NIL;
        host.pairs = 0;
    }
    growColumns() {
        const cap = this.out.length * 2;
        const f64 = (a) => {
            const b = new Float64Array(cap);
            b.set(a);
            return b;
        };
        this.out = f64(this.out);
        this.in = f64(this.in);
        this.conns = f64(this.conns);
        this.firstTs = f64(this.firstTs);
        this.lastTs = f64(this.lastTs);
        this.key = f64(this.key);
        const dst = new Uint32Array(4 * cap);
        dst.set(this.dst);
        this.dst = dst;
        const next = new Int32Array(cap);
        next.set(this.next);
        this.next = next;
    }
    index(id, key, p) {
        if (2 * (this.size + 1) > this.mask + 1)
            this.growIndex();
        const mask = this.mask;
        const tag = id + 1;
        for (let s = this.home(id, key);; s = (s + 1) & mask) {
            const t = this.ids[s];
            if (t === 0) {
                this.ids[s] = tag;
                this.keys[s] = key;
                this.slots[s] = p;
                this.size++;
                return;
            }
            if (t === tag && this.keys[s] === key) {
                this.slots[s] = p;
                return;
            }
        }
    }
    unindex(id, key) {
        const ids = this.ids;
        const keys = this.keys;
        const slots = this.slots;
        const mask = this.mask;
        const tag = id + 1;
        let s = this.home(id, key);
        for (;; s = (s + 1) & mask) {
            const t = ids[s];
            if (t === 0)
                return;
            if (t === tag && keys[s] === key)
                break;
        }
        this.size--;
        // Backward shift: pull later entries of the run into the hole when their home allows it.
        let hole = s;
        for (let j = (s + 1) & mask; ids[j] !== 0; j = (j + 1) & mask) {
            const home = this.home(ids[j] - 1, keys[j]);
            // Movable when home is not cyclically within (hole, j].
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                ids[hole] = ids[j];
                keys[hole] = keys[j];
                slots[hole] = slots[j];
                hole = j;
            }
        }
        ids[hole] = 0;
        keys[hole] = 0;
        slots[hole] = 0;
    }
    growIndex() {
        const { ids, keys, slots } = this;
        const capacity = (this.mask + 1) * 2;
        this.ids = new Int32Array(capacity);
        this.keys = new Float64Array(capacity);
        this.slots = new Int32Array(capacity);
        this.mask = capacity - 1;
        this.size = 0;
        for (let s = 0; s < ids.length; s++)
            if (ids[s] !== 0)
                this.index(ids[s] - 1, keys[s], slots[s]);
    }
}
/** The key of address words `w` of record i (orig: base 0, resp: base 4), as `wordsKey`. */
function viewKey(a, n, i, base) {
    const w0 = a[base * n + i];
    const w1 = a[(base + 1) * n + i];
    const w2 = a[(base + 2) * n + i];
    const w3 = a[(base + 3) * n + i];
    return w0 === 0 && w1 === 0 && w2 === 0xffff ? w3 : hashKey(w0, w1, w2, w3);
}
const HTTP_FIELDS = ['method', 'host', 'request_body_len', 'uri'];
const TLS_FIELDS = ['server_name'];
class ExfilShard {
    vshard;
    c;
    hosts = new Map();
    destinations = new Map();
    subnets = new Map();
    http = new Map();
    findings = [];
    candidates = [];
    evicted = Object.fromEntries(EXFIL_EVICTION_NAMES.map((n) => [n, 0]));
    pairCount = 0;
    hostsSeen = 0;
    httpReader = new FieldReader(HTTP_FIELDS);
    tlsReader = new FieldReader(TLS_FIELDS);
    src = [0, 0, 0, 0];
    dst = [0, 0, 0, 0];
    nameFloor;
    pairs = new PairStore();
    nextHostId = 0;
    /** The host of the last conn record (hosts are only dropped in `hostOf` and `finish`). */
    lastHostKey = -1;
    lastHost;
    constructor(vshard, c) {
        this.vshard = vshard;
        this.c = c;
        this.nameFloor = Math.min(c.rareMinBytes, c.uploadMinBytes);
    }
    observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++)
            this.observe(view, rows[k]);
    }
    observe(view, i) {
        const kind = view.kind[i];
        if (kind !== RecordKind.Conn && kind !== RecordKind.Http && kind !== RecordKind.Tls)
            return;
        const flags = view.flags[i];
        const outbound = (flags & Flag.LocalOrig) !== 0 && (flags & Flag.LocalResp) === 0;
        // Conn and ssl records count only outbound: most are not, so they leave before any work.
        if (!outbound && kind !== RecordKind.Http)
            return;
        if ((flags & (Flag.OrigSet | Flag.RespSet)) !== (Flag.OrigSet | Flag.RespSet))
            return;
        if (!isOriginatorDelivery(flags))
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts))
            return;
        if (kind === RecordKind.Conn) {
            this.conn(view, i, ts);
            return;
        }
        const n = view.count;
        const a = view.addr;
        for (let w = 0; w < 4; w++) {
            this.src[w] = a[w * n + i];
            this.dst[w] = a[(4 + w) * n + i];
        }
        if (kind === RecordKind.Tls)
            this.tls(view, i);
        else {
            this.httpRecord(view, i, ts, outbound, (flags & Flag.LocalOrig) !== 0);
        }
    }
    // ── conn records ──
    conn(view, i, ts) {
        const c = this.c;
        const out = finite(view.counter(i, Counter.OrigBytes));
        const inb = finite(view.counter(i, Counter.RespBytes));
        const large = out >= c.sampleMinBytes && out > 0;
        const uid = large ? view.str(i, Str.Uid) : '';
        const n = view.count;
        const a = view.addr;
        const skey = viewKey(a, n, i, 0);
        let host = this.lastHost;
        if (host === undefined || skey !== this.lastHostKey) {
            host = this.hostOf(skey, view, i, ts);
            this.lastHost = host;
            this.lastHostKey = skey;
        }
        if (ts > host.maxTs)
            host.maxTs = ts;
        const dkey = viewKey(a, n, i, 4);
        // Pair totals (rare destination, names).
        const pairs = this.pairs;
        let p = pairs.find(host.id, dkey);
        const known = p !== NIL && !host.seenLossy;
        if (p === NIL) {
            const d = this.dst;
            for (let w = 0; w < 4; w++)
                d[w] = a[(4 + w) * n + i];
            // A source joins a destination's prevalence once, with its first record to it (again
            // after the pair was dropped at the cap: sets ignore repeats).
            this.prevalence(this.destinations, dkey, false, host);
            this.prevalence(this.subnets, subnetKey(d), true, host);
            if (this.pairCount >= c.maxPairs)
                this.compactPairs();
            p = pairs.add(host, dkey, d[0], d[1], d[2], d[3], ts);
            this.pairCount++;
        }
        pairs.out[p] = pairs.out[p] + out;
        pairs.in[p] = pairs.in[p] + inb;
        pairs.conns[p] = pairs.conns[p] + 1;
        if (ts < pairs.firstTs[p])
            pairs.firstTs[p] = ts;
        if (ts > pairs.lastTs[p])
            pairs.lastTs[p] = ts;
        if (uid !== '') {
            let uids = pairs.uids[p];
            if (uids.length < c.sampleSize) {
                if (uids === NO_UIDS) {
                    uids = [];
                    pairs.uids[p] = uids;
                }
                uids.push(uid);
            }
        }
        // A known destination is in `seen` already: with no burst open, upload has nothing to do.
        if (c.enableUpload && !(known && host.bursts.size === 0))
            this.upload(host, dkey, ts, out, inb, uid, view, i, known);
        if (c.enablePcrShift)
            this.bucketAdd(host, ts, out, inb, uid);
    }
    hostOf(key, view, i, ts) {
        let host = this.hosts.get(key);
        if (host === undefined) {
            if (this.hosts.size >= this.c.maxTrackedHosts) {
                const [oldKey, old] = this.hosts.entries().next().value;
                this.hosts.delete(oldKey);
                this.retire(old);
                this.evicted.maxTrackedHosts++;
            }
            const n = view.count;
            for (let w = 0; w < 4; w++)
                this.src[w] = view.addr[w * n + i];
            host = {
                id: this.nextHostId++,
                src: [...this.src],
                text: formatWords(this.src),
                firstTs: ts,
                maxTs: ts,
                seen: new FifoKeySet(),
                bursts: new Map(),
                head: NIL,
                tail: NIL,
                pairs: 0,
                buckets: new Map(),
                closed: Number.NEGATIVE_INFINITY,
                history: [],
                streak: undefined,
                uploads: [],
                cur: undefined,
                seenLossy: false,
            };
            this.hosts.set(key, host);
            this.hostsSeen++;
        }
        return host;
    }
    prevalence(map, key, subnet, host) {
        let p = map.get(key);
        if (p === undefined) {
            if (map.size >= this.c.maxDestinations) {
                // Drop the older half (insertion order): amortised O(1) per record.
                let drop = map.size >> 1;
                for (const k of map.keys()) {
                    if (drop-- <= 0)
                        break;
                    map.delete(k);
                    this.evicted.maxDestinations++;
                }
            }
            p = {
                sources: new Set(),
                saturated: false,
                text: subnet ? subnetText(this.dst) : formatWords(this.dst),
            };
            map.set(key, p);
        }
        const skey = host.text;
        if (p.sources.has(skey))
            return;
        if (p.sources.size >= this.c.maxSourcesPerDestination) {
            if (!p.saturated)
                this.evicted.maxSourcesPerDestination++;
            p.saturated = true;
            return;
        }
        p.sources.add(skey);
    }
    /** Drops the smaller half of all pairs (by outbound bytes; ties by age). */
    compactPairs() {
        // Parallel columns, not a tuple per pair: this runs with the table full.
        // Age is the order of the hosts and of each host's pairs, as enumerated here.
        const pairs = this.pairs;
        let total = 0;
        for (const host of this.hosts.values())
            total += host.pairs;
        const slots = new Int32Array(total);
        const outs = new Float64Array(total);
        let n = 0;
        for (const host of this.hosts.values()) {
            for (let p = host.head; p !== NIL; p = pairs.next[p]) {
                slots[n] = p;
                outs[n++] = pairs.out[p];
            }
        }
        const order = new Array(n);
        for (let k = 0; k < n; k++)
            order[k] = k;
        order.sort((x, y) => outs[x] - outs[y] || x - y);
        const drop = n >> 1;
        const dropped = new Uint8Array(pairs.out.length);
        for (let k = 0; k < drop; k++)
            dropped[slots[order[k]]] = 1;
        for (const host of this.hosts.values()) {
            let last = NIL;
            for (let p = host.head; p !== NIL;) {
                const next = pairs.next[p];
                if (dropped[p] === 1) {
                    if (last === NIL)
                        host.head = next;
                    else
                        pairs.next[last] = next;
                    pairs.release(host.id, p);
                    host.pairs--;
                }
                else
                    last = p;
                p = next;
            }
            host.tail = last;
        }
        this.pairCount -= drop;
        this.evicted.maxPairs += drop;
    }
    upload(host, dkey, ts, out, inb, uid, view, i, known) {
        const c = this.c;
        const h = dkey;
        if (!known && !host.seen.has(h)) {
            if (host.seen.size >= c.maxSeenPerHost) {
                host.seen.dropOldest();
                host.seenLossy = true;
                this.evicted.maxSeenPerHost++;
            }
            host.seen.add(h);
            if (ts >= host.firstTs + c.uploadWarmupSeconds && !host.bursts.has(dkey)) {
                if (host.bursts.size >= MAX_OPEN_BURSTS) {
                    const [k0, b0] = host.bursts.entries().next().value;
                    host.bursts.delete(k0);
                    this.decideBurst(host, k0, b0);
                    this.evicted.openBursts++;
                }
                const n = view.count;
                const a = view.addr;
                host.bursts.set(dkey, {
                    dst: [a[4 * n + i], a[5 * n + i], a[6 * n + i], a[7 * n + i]],
                    firstTs: ts,
                    lastTs: ts,
                    out: 0,
                    in: 0,
                    conns: 0,
                    uids: [],
                });
            }
        }
        // Bursts are few (first contacts after warm-up, decided soon): most records have none open.
        if (host.bursts.size === 0)
            return;
        const burst = host.bursts.get(dkey);
        if (burst !== undefined && ts >= burst.firstTs && ts <= burst.firstTs + c.uploadBurstSeconds) {
            burst.out += out;
            burst.in += inb;
            burst.conns++;
            if (ts > burst.lastTs)
                burst.lastTs = ts;
            if (uid !== '' && burst.uids.length < c.sampleSize)
                burst.uids.push(uid);
        }
        // Bursts are opened in time order (nearly): decide those well past their end.
        const horizon = host.maxTs - 2 * c.uploadBurstSeconds;
        // The loop stops at the first burst not past the horizon: usually the oldest.
        if (host.bursts.values().next().value.firstTs >= horizon)
            return;
        for (const [k, b] of host.bursts) {
            if (b.firstTs >= horizon)
                break;
            host.bursts.delete(k);
            this.decideBurst(host, k, b);
        }
    }
    decideBurst(host, key, b) {
        const c = this.c;
        if (b.out >= c.uploadMinBytes && b.out >= c.uploadMinRatio * b.in)
            host.uploads.push({ ...b, key });
    }
    bucketAdd(host, ts, out, inb, uid) {
        const c = this.c;
        const bucket = Math.floor(ts / c.pcrBucketSeconds);
        if (bucket <= host.closed) {
            this.evicted.pcrLateRecords++;
            return;
        }
        // The bucket last added to is still in `buckets` while above `closed` (a decided bucket
        // raises `closed` to its own number at least).
        let acc = host.cur !== undefined && host.cur.bucket === bucket ? host.cur : host.buckets.get(bucket);
        if (acc === undefined) {
            if (host.buckets.size >= MAX_OPEN_BUCKETS) {
                const oldest = Math.min(...host.buckets.keys());
                const old = host.buckets.get(oldest);
                host.buckets.delete(oldest);
                this.decideBucket(host, old);
            }
            // A late record may open a bucket below one decided just now.
            if (bucket <= host.closed) {
                this.evicted.pcrLateRecords++;
                return;
            }
            acc = { bucket, out: 0, in: 0, conns: 0, firstTs: ts, lastTs: ts, uids: [] };
            host.buckets.set(bucket, acc);
        }
        host.cur = acc;
        acc.out += out;
        acc.in += inb;
        acc.conns++;
        if (ts < acc.firstTs)
            acc.firstTs = ts;
        if (ts > acc.lastTs)
            acc.lastTs = ts;
        if (uid !== '' && acc.uids.length < c.sampleSize)
            acc.uids.push(uid);
    }
    decideBucket(host, b) {
        const c = this.c;
        host.closed = Math.max(host.closed, b.bucket);
        const value = pcr(b.out, b.in);
        let flagged = false;
        let rz;
        if (host.history.length >= c.pcrMinHistory && b.out >= c.pcrMinBytes) {
            rz = robustZ(value, host.history, c.pcrMinScale);
            flagged = rz.z >= c.pcrZ && value - rz.median >= c.pcrMinShift;
        }
        const s = host.streak;
        if (flagged && rz !== undefined) {
            if (s !== undefined && s.lastBucket === b.bucket - 1) {
                s.lastBucket = b.bucket;
                s.buckets++;
                s.out += b.out;
                s.in += b.in;
                s.lastTs = Math.max(s.lastTs, b.lastTs);
                s.firstTs = Math.min(s.firstTs, b.firstTs);
                s.maxZ = Math.max(s.maxZ, rz.z);
                s.minPcr = Math.min(s.minPcr, value);
                for (const u of b.uids)
                    if (s.uids.length < c.sampleSize)
                        s.uids.push(u);
                return;
            }
            if (s !== undefined)
                this.reportStreak(host, s);
            host.streak = {
                firstBucket: b.bucket,
                lastBucket: b.bucket,
                buckets: 1,
                out: b.out,
                in: b.in,
                firstTs: b.firstTs,
                lastTs: b.lastTs,
                maxZ: rz.z,
                minPcr: value,
                baseline: rz.median,
                mad: rz.mad,
                history: host.history.length,
                uids: [...b.uids],
            };
            return;
        }
        if (s !== undefined) {
            this.reportStreak(host, s);
            host.streak = undefined;
        }
        if (b.out + b.in >= c.pcrMinHistoryBytes) {
            if (host.history.length >= c.maxHistoryHours) {
                host.history.shift();
                this.evicted.maxHistoryHours++;
            }
            host.history.push(value);
        }
    }
    reportStreak(host, s) {
        const c = this.c;
        const src = formatWords(host.src);
        const value = round(pcr(s.out, s.in), 3);
        const hours = round((s.buckets * c.pcrBucketSeconds) / 3600, 2);
        this.findings.push(makeFinding({
            detector: 'exfil.pcr-shift',
            attack: 'T1041',
            severity: s.out >= 10 * c.pcrMinBytes ? 'high' : 'medium',
            confidence: round(Math.min(0.9, 0.5 + 0.05 * Math.min(s.maxZ, 8)), 2),
            firstTs: s.firstTs,
            lastTs: s.lastTs,
            entities: { src },
            evidence: {
                outBytes: s.out,
                inBytes: s.in,
                ratio: ratioOf(s.out, s.in),
                pcr: value,
                minPcr: round(s.minPcr, 3),
                baselinePcr: round(s.baseline, 3),
                baselineMad: round(s.mad, 3),
                historyBuckets: s.history,
                maxZ: round(s.maxZ, 2),
                buckets: s.buckets,
                bucketSeconds: c.pcrBucketSeconds,
                window: [s.firstBucket * c.pcrBucketSeconds, (s.lastBucket + 1) * c.pcrBucketSeconds],
                thresholdZ: c.pcrZ,
                thresholdShift: c.pcrMinShift,
                thresholdBytes: c.pcrMinBytes,
                sampleUids: [...s.uids].sort(),
            },
            summary: `${src} turned producer for ${hours} h: PCR ${value} against its usual ${round(s.baseline, 2)} ` +
                `(z ${round(s.maxZ, 1)}), ${human(s.out)} out, ${human(s.in)} in`,
        }));
    }
    // ── ssl and http records ──
    /** The pair slot of (this.src, this.dst), NIL when none. */
    pairOf() {
        const host = this.hosts.get(wordsKey(this.src));
        return host === undefined ? NIL : this.pairs.find(host.id, wordsKey(this.dst));
    }
    /**
     * A pair worth naming: one that can be reported (named once; most pairs never carry enough
     * bytes, and reading the name of each was most of this detector's cost on ssl.log).
     */
    nameable(p) {
        return p !== NIL && this.pairs.names[p] === '' && this.pairs.out[p] >= this.nameFloor;
    }
    tls(view, i) {
        const p = this.pairOf();
        if (!this.nameable(p))
            return;
        if (!this.tlsReader.read(view, i))
            return;
        const name = this.tlsReader.text(0);
        if (name !== undefined && name !== '')
            this.pairs.names[p] = name.slice(0, 255);
    }
    httpRecord(view, i, ts, outbound, localOrig) {
        const c = this.c;
        const r = this.httpReader;
        if (!r.read(view, i))
            return;
        const host = r.text(1);
        if (outbound && host !== undefined && host !== '') {
            const p = this.pairOf();
            if (this.nameable(p))
                this.pairs.names[p] = host.slice(0, 255);
        }
        if (!c.enableHttpPost || !localOrig || (c.httpExternalOnly && !outbound))
            return;
        const method = r.text(0);
        if (method !== 'POST' && method !== 'PUT')
            return;
        const body = finite(r.number(2));
        const name = host === undefined || host === '' ? formatWords(this.dst) : host.slice(0, 255);
        const key = `${wordsKey(this.src)}\u0000${name}`;
        const window = Math.floor(ts / c.httpPostWindowSeconds);
        let acc = this.http.get(key);
        if (acc !== undefined && acc.window !== window) {
            this.http.delete(key);
            this.decideHttp(acc);
            acc = undefined;
        }
        if (acc === undefined) {
            if (this.http.size >= c.maxHttpPairs) {
                const [k0, a0] = this.http.entries().next().value;
                this.http.delete(k0);
                this.decideHttp(a0);
                this.evicted.maxHttpPairs++;
            }
            acc = {
                src: [...this.src],
                host: name,
                window,
                bytes: 0,
                requests: 0,
                firstTs: ts,
                lastTs: ts,
                uids: [],
                paths: [],
            };
            this.http.set(key, acc);
        }
        acc.bytes += body;
        acc.requests++;
        if (ts < acc.firstTs)
            acc.firstTs = ts;
        if (ts > acc.lastTs)
            acc.lastTs = ts;
        const uid = view.str(i, Str.Uid);
        if (uid !== '' && acc.uids.length < c.sampleSize && !acc.uids.includes(uid))
            acc.uids.push(uid);
        const uri = r.text(3);
        if (uri !== undefined && acc.paths.length < c.sampleSize) {
            // The path only: query strings may carry tokens.
            const path = (uri.split('?')[0] ?? '').slice(0, 200);
            if (!acc.paths.includes(path))
                acc.paths.push(path);
        }
    }
    decideHttp(acc) {
        const c = this.c;
        if (acc.bytes < c.httpPostMinBytes)
            return;
        const src = formatWords(acc.src);
        this.findings.push(makeFinding({
            detector: 'exfil.http-post',
            attack: 'T1567',
            severity: acc.bytes >= 10 * c.httpPostMinBytes ? 'high' : 'medium',
            confidence: 0.7,
            firstTs: acc.firstTs,
            lastTs: acc.lastTs,
            entities: { src, host: acc.host },
            evidence: {
                postBytes: acc.bytes,
                requests: acc.requests,
                window: [acc.window * c.httpPostWindowSeconds, (acc.window + 1) * c.httpPostWindowSeconds],
                windowSeconds: c.httpPostWindowSeconds,
                thresholdBytes: c.httpPostMinBytes,
                samplePaths: [...acc.paths].sort(),
                sampleUids: [...acc.uids].sort(),
            },
            summary: `${src} uploaded ${human(acc.bytes)} to ${acc.host} in ${acc.requests} POST/PUT request${acc.requests === 1 ? '' : 's'} within ${c.httpPostWindowSeconds} s`,
        }));
    }
    // ── end of input ──
    /** Decides everything open of a host and keeps its rare-destination candidates. */
    retire(host) {
        const c = this.c;
        for (const [k, b] of host.bursts)
            this.decideBurst(host, k, b);
        host.bursts.clear();
        const open = [...host.buckets.values()].sort((a, b) => a.bucket - b.bucket);
        for (const b of open)
            this.decideBucket(host, b);
        host.buckets.clear();
        if (host.streak !== undefined)
            this.reportStreak(host, host.streak);
        host.streak = undefined;
        const src = formatWords(host.src);
        const pairs = this.pairs;
        for (const u of host.uploads) {
            const p = pairs.find(host.id, u.key);
            this.reportUpload(src, u, p === NIL ? '' : pairs.names[p]);
        }
        host.uploads = [];
        if (c.enableRareDestination) {
            for (let p = host.head; p !== NIL; p = pairs.next[p]) {
                if (pairs.out[p] < c.rareMinBytes)
                    continue;
                this.candidates.push({
                    src,
                    dst: formatAddress(pairs.dst, 4 * p),
                    name: pairs.names[p],
                    out: pairs.out[p],
                    in: pairs.in[p],
                    conns: pairs.conns[p],
                    firstTs: pairs.firstTs[p],
                    lastTs: pairs.lastTs[p],
                    uids: [...pairs.uids[p]].sort(),
                });
            }
        }
        this.pairCount -= host.pairs;
        pairs.releaseAll(host);
    }
    reportUpload(src, u, name) {
        const c = this.c;
        const dst = formatWords(u.dst);
        const ratio = ratioOf(u.out, u.in);
        this.findings.push(makeFinding({
            detector: 'exfil.upload',
            attack: 'T1048',
            severity: u.out >= 10 * c.uploadMinBytes ? 'high' : 'medium',
            confidence: 0.7,
            firstTs: u.firstTs,
            lastTs: u.lastTs,
            entities: name === '' ? { src, dst } : { src, dst, server: name },
            evidence: {
                outBytes: u.out,
                inBytes: u.in,
                ratio,
                connections: u.conns,
                window: [u.firstTs, u.firstTs + c.uploadBurstSeconds],
                burstSeconds: c.uploadBurstSeconds,
                thresholdBytes: c.uploadMinBytes,
                thresholdRatio: c.uploadMinRatio,
                sampleUids: [...u.uids].sort(),
            },
            summary: `${src} uploaded ${human(u.out)} (received ${human(u.in)}) to ${name === '' ? dst : `${name} (${dst})`}, ` +
                `first contacted at ${u.firstTs}`,
        }));
    }
    finish() {
        const c = this.c;
        for (const host of this.hosts.values())
            this.retire(host);
        this.hosts.clear();
        this.lastHost = undefined;
        for (const acc of this.http.values())
            this.decideHttp(acc);
        this.http.clear();
        const findings = [...this.findings].sort(compareFindings);
        const candidates = sortCandidates(this.candidates);
        if (candidates.length > c.maxCandidates) {
            this.evicted.maxCandidates += candidates.length - c.maxCandidates;
            candidates.length = c.maxCandidates;
        }
        const entries = (map) => [...map.values()]
            .map((p) => [p.text, sourcesText(p.sources), p.saturated])
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const partial = c.enableRareDestination && this.hostsSeen > 0
            ? {
                version: PARTIAL_VERSION,
                hosts: this.hostsSeen,
                destinations: entries(this.destinations),
                subnets: entries(this.subnets),
                candidates,
                cap: c.maxSourcesPerDestination,
                samples: c.sampleSize,
            }
            : undefined;
        return { findings, partial, evictions: { ...this.evicted } };
    }
    snapshot() {
        const prev = (map) => [...map].map(([k, p]) => [k, [...p.sources], p.saturated, p.text]);
        return {
            version: SNAPSHOT_VERSION,
            vshard: this.vshard,
            evictions: { ...this.evicted },
            findings: [...this.findings],
            candidates: [...this.candidates],
            pairCount: this.pairCount,
            hostsSeen: this.hostsSeen,
            destinations: prev(this.destinations),
            subnets: prev(this.subnets),
            http: [...this.http].map(([k, a]) => [k, { ...a, uids: [...a.uids], paths: [...a.paths] }]),
            hosts: [...this.hosts].map(([k, h]) => [
                k,
                {
                    src: h.src,
                    text: h.text,
                    firstTs: h.firstTs,
                    maxTs: h.maxTs,
                    seen: h.seen.keys(),
                    bursts: [...h.bursts],
                    pairs: snapshotPairs(this.pairs, h),
                    buckets: [...h.buckets.values()],
                    closed: Number.isFinite(h.closed) ? h.closed : null,
                    history: [...h.history],
                    streak: h.streak ?? null,
                    uploads: h.uploads,
                },
            ]),
        };
    }
    static restore(vshard, config, snapshot) {
        const s = structuredClone(checkSnapshot('exfil', snapshot, SNAPSHOT_VERSION, vshard));
        const shard = new ExfilShard(vshard, config);
        for (const name of EXFIL_EVICTION_NAMES)
            shard.evicted[name] = s.evictions[name] ?? 0;
        shard.findings.push(...s.findings);
        shard.candidates.push(...s.candidates);
        shard.pairCount = s.pairCount;
        shard.hostsSeen = s.hostsSeen;
        for (const [k, sources, saturated, text] of s.destinations)
            shard.destinations.set(k, { sources: new Set(sources), saturated, text });
        for (const [k, sources, saturated, text] of s.subnets)
            shard.subnets.set(k, { sources: new Set(sources), saturated, text });
        for (const [k, a] of s.http)
            shard.http.set(k, a);
        for (const [k, h] of s.hosts) {
            const host = {
                id: shard.nextHostId++,
                src: h.src,
                text: h.text,
                firstTs: h.firstTs,
                maxTs: h.maxTs,
                seen: seenOf(h.seen),
                bursts: new Map(h.bursts),
                head: NIL,
                tail: NIL,
                pairs: 0,
                buckets: new Map(h.buckets.map((b) => [b.bucket, b])),
                closed: h.closed ?? Number.NEGATIVE_INFINITY,
                history: h.history,
                streak: h.streak ?? undefined,
                uploads: h.uploads,
                cur: undefined,
                seenLossy: true,
            };
            shard.hosts.set(k, host);
            restorePairs(shard.pairs, host, h.pairs);
        }
        return shard;
    }
}
const PAIR_NUMBERS = 5;
function snapshotPairs(pairs, host) {
    const n = host.pairs;
    const keys = new Float64Array(n);
    const dst = new Uint32Array(4 * n);
    const numbers = new Float64Array(PAIR_NUMBERS * n);
    const uids = [];
    const names = [];
    let k = 0;
    for (let p = host.head; p !== NIL; p = pairs.next[p]) {
        keys[k] = pairs.key[p];
        dst.set(pairs.dst.subarray(4 * p, 4 * p + 4), 4 * k);
        const at = PAIR_NUMBERS * k;
        numbers[at] = pairs.out[p];
        numbers[at + 1] = pairs.in[p];
        numbers[at + 2] = pairs.conns[p];
        numbers[at + 3] = pairs.firstTs[p];
        numbers[at + 4] = pairs.lastTs[p];
        uids.push([...pairs.uids[p]]);
        names.push(pairs.names[p]);
        k++;
    }
    return { keys, dst, numbers, uids, names };
}
/** Adds the pairs of a PairsSnapshot to `host`, in their order (the list order is state here). */
function restorePairs(pairs, host, s) {
    for (let k = 0; k < s.keys.length; k++) {
        const at = PAIR_NUMBERS * k;
        const w = 4 * k;
        const p = pairs.add(host, s.keys[k], s.dst[w], s.dst[w + 1], s.dst[w + 2], s.dst[w + 3], 0);
        pairs.out[p] = s.numbers[at];
        pairs.in[p] = s.numbers[at + 1];
        pairs.conns[p] = s.numbers[at + 2];
        pairs.firstTs[p] = s.numbers[at + 3];
        pairs.lastTs[p] = s.numbers[at + 4];
        if (s.uids[k].length > 0)
            pairs.uids[p] = [...s.uids[k]];
        pairs.names[p] = s.names[k];
    }
}
function seenOf(keys) {
    const set = new FifoKeySet();
    // A snapshot from the Set this replaced holds no repeats; skip any all the same.
    for (const k of keys)
        if (!set.has(k))
            set.add(k);
    return set;
}
function sourcesText(sources) {
    return [...sources].sort();
}
function compareCandidates(a, b) {
    if (a.out !== b.out)
        return b.out - a.out;
    if (a.src !== b.src)
        return a.src < b.src ? -1 : 1;
    if (a.dst !== b.dst)
        return a.dst < b.dst ? -1 : 1;
    return 0;
}
function sortCandidates(list) {
    return [...list].sort(compareCandidates);
}
// ─── cross-shard merge and conclusion ────────────────────────────────────────────────────────
function isPartial(p) {
    return (p !== null &&
        typeof p === 'object' &&
        p.version === PARTIAL_VERSION &&
        Array.isArray(p.destinations) &&
        Array.isArray(p.subnets) &&
        Array.isArray(p.candidates));
}
/** Union of prevalence entries: sources sorted and cut at `cap` (then saturated). */
function mergeEntries(lists, cap) {
    const byKey = new Map();
    for (const list of lists) {
        for (const [key, sources, saturated] of list) {
            let e = byKey.get(key);
            if (e === undefined) {
                e = { sources: new Set(), saturated: false };
                byKey.set(key, e);
            }
            for (const s of sources)
                e.sources.add(s);
            if (saturated)
                e.saturated = true;
        }
    }
    const out = [];
    for (const [key, e] of byKey) {
        const sorted = [...e.sources].sort();
        const saturated = e.saturated || sorted.length > cap;
        out.push([key, sorted.slice(0, cap), saturated]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
/** Sums the candidates of the same (source, destination): totals, union of samples. */
function mergeCandidates(lists, sampleCap) {
    const byKey = new Map();
    for (const list of lists) {
        for (const c of list) {
            const key = `${c.src}|${c.dst}`;
            const e = byKey.get(key);
            if (e === undefined) {
                byKey.set(key, { ...c, uids: [...c.uids].sort().slice(0, sampleCap) });
                continue;
            }
            byKey.set(key, {
                src: c.src,
                dst: c.dst,
                name: e.name === '' || (c.name !== '' && c.name < e.name) ? c.name : e.name,
                out: e.out + c.out,
                in: e.in + c.in,
                conns: e.conns + c.conns,
                firstTs: Math.min(e.firstTs, c.firstTs),
                lastTs: Math.max(e.lastTs, c.lastTs),
                uids: [...new Set([...e.uids, ...c.uids])].sort().slice(0, sampleCap),
            });
        }
    }
    return sortCandidates([...byKey.values()]);
}
/**
 * N-ary merge of partials: order-independent and associative (unions of sorted, cut sets; sums),
 * so it accepts its own output again.
 */
export function mergeExfilPartials(parts) {
    const list = parts.filter(isPartial);
    if (list.length === 0)
        return undefined;
    const cap = Math.min(...list.map((p) => p.cap));
    const samples = Math.min(...list.map((p) => p.samples));
    return {
        version: PARTIAL_VERSION,
        hosts: list.reduce((n, p) => n + p.hosts, 0),
        destinations: mergeEntries(list.map((p) => p.destinations), cap),
        subnets: mergeEntries(list.map((p) => p.subnets), cap),
        candidates: mergeCandidates(list.map((p) => p.candidates), samples),
        cap,
        samples,
    };
}
function rareSeverity(bytes, c) {
    if (bytes >= 100 * c.rareMinBytes)
        return 'critical';
    if (bytes >= 10 * c.rareMinBytes)
        return 'high';
    return 'medium';
}
/** Rare-destination findings from the merge of every shard's partial (pure). */
export function concludeExfil(merged, c) {
    if (!c.enableRareDestination || !isPartial(merged))
        return [];
    const find = (entries, key) => {
        let lo = 0;
        let hi = entries.length - 1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const k = entries[mid][0];
            if (k === key)
                return entries[mid];
            if (k < key)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return undefined;
    };
    const limit = Math.max(c.rareMaxHosts, Math.floor(c.rareMaxHostsFraction * merged.hosts));
    const findings = [];
    for (const cand of merged.candidates) {
        if (cand.out < c.rareMinBytes)
            continue;
        const d = find(merged.destinations, cand.dst);
        const hosts = d === undefined ? 1 : d[2] ? merged.cap + 1 : Math.max(1, d[1].length);
        if (hosts > limit)
            continue;
        const words = parseAddress(cand.dst);
        const subnet = words === undefined ? cand.dst : subnetText([...words]);
        const sn = find(merged.subnets, subnet);
        const subnetHosts = sn === undefined ? hosts : sn[2] ? merged.cap + 1 : Math.max(hosts, sn[1].length);
        const subnetRare = subnetHosts <= limit;
        if (c.rareRequireRareSubnet && !subnetRare)
            continue;
        const others = (d?.[1] ?? []).filter((s) => s !== cand.src);
        const target = cand.name === '' ? cand.dst : `${cand.name} (${cand.dst})`;
        findings.push(makeFinding({
            detector: 'exfil.rare-destination',
            attack: 'T1048',
            severity: rareSeverity(cand.out, c),
            confidence: subnetRare ? 0.9 : 0.75,
            firstTs: cand.firstTs,
            lastTs: cand.lastTs,
            entities: cand.name === ''
                ? { src: cand.src, dst: cand.dst }
                : { src: cand.src, dst: cand.dst, server: cand.name },
            evidence: {
                outBytes: cand.out,
                inBytes: cand.in,
                ratio: ratioOf(cand.out, cand.in),
                connections: cand.conns,
                prevalence: hosts,
                otherSources: others,
                subnet,
                subnetPrevalence: subnetHosts,
                internalHosts: merged.hosts,
                window: [cand.firstTs, cand.lastTs],
                thresholdBytes: c.rareMinBytes,
                maxHosts: limit,
                sampleUids: [...cand.uids],
            },
            summary: `${cand.src} sent ${human(cand.out)} (received ${human(cand.in)}) to ${target}, ` +
                `a destination ${hosts === 1 ? 'no other internal host uses' : `used by ${hosts} internal hosts`}`,
        }));
    }
    return findings.sort(compareFindings);
}
export const exfilAnalyzer = {
    name: 'exfil',
    create(vshard, config) {
        return new ExfilShard(vshard, config);
    },
    restore(vshard, config, snapshot) {
        return ExfilShard.restore(vshard, config, snapshot);
    },
    merge(parts) {
        return mergeExfilPartials(parts);
    },
    conclude(merged, config) {
        return concludeExfil(merged, config);
    },
};
//# sourceMappingURL=exfil.js.map