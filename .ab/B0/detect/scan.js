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
import { Flag, isOriginatorDelivery, PROTO_NAMES, Proto, RecordKind, Str, } from '../shared/record.js';
import { checkSnapshot } from './analyzer.js';
import { compareFindings, makeFinding, round } from './finding.js';
import { checkOptions, optionError } from './options.js';
import { attemptOutcome, Outcome } from './outcome.js';
export const DEFAULT_SCAN_CONFIG = Object.freeze({
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
const DAY = 86_400;
const RULES = {
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
/**
 * Fills defaults and checks every key once, at the edge. Throws InvalidOption naming the first
 * bad key (unknown keys included, so a typo is not silently ignored).
 */
export function validateScanConfig(partial = {}) {
    const bad = (key, why, value) => {
        throw optionError('scan', key, why, value);
    };
    const c = checkOptions('scan', RULES, DEFAULT_SCAN_CONFIG, partial);
    if (c.trwTheta1 >= c.trwTheta0)
        bad('trwTheta1', 'must be below trwTheta0', c.trwTheta1);
    if (c.trwAlpha + c.trwBeta >= 1)
        bad('trwBeta', 'plus trwAlpha must be below 1', c.trwBeta);
    if (c.maxTargetsPerKey < Math.max(c.horizontalThreshold, c.verticalThreshold)) {
        bad('maxTargetsPerKey', 'must be at least the horizontal and vertical thresholds', c.maxTargetsPerKey);
    }
    if (c.maxTargets < c.maxTargetsPerKey)
        bad('maxTargets', 'must be at least maxTargetsPerKey', c.maxTargets);
    return Object.freeze(c);
}
const V4_MAPPED = 0xffff;
function hex8(w) {
    return (w >>> 0).toString(16).padStart(8, '0');
}
function addrKeyOf(w0, w1, w2, w3) {
    if (w0 === 0 && w1 === 0 && w2 === V4_MAPPED)
        return w3 | 0;
    return hex8(w0) + hex8(w1) + hex8(w2) + hex8(w3);
}
function addrKeyIn(words, at) {
    return addrKeyOf(words[at], words[at + 1], words[at + 2], words[at + 3]);
}
/** The four words of an AddrKey, as int32. */
function wordsOfKey(key) {
    if (typeof key === 'number')
        return [0, 0, V4_MAPPED, key | 0];
    const w = (k) => Number.parseInt(key.slice(k * 8, k * 8 + 8), 16) | 0;
    return [w(0), w(1), w(2), w(3)];
}
function formatWords(w0, w1, w2, w3) {
    return formatAddress(Uint32Array.of(w0, w1, w2, w3));
}
function formatKey(key) {
    return formatWords(...wordsOfKey(key));
}
/** IPv4 before IPv6, each in address order; also orders ports (numbers). */
function compareKeys(a, b) {
    if (typeof a === 'number')
        return typeof b === 'number' ? (a >>> 0) - (b >>> 0) : -1;
    if (typeof b === 'number')
        return 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
// ─── hashing ────────────────────────────────────────────────────────────────────────────────
// Multiply–add over the words, then a xor-shift-multiply finaliser (Wellons' lowbias32). The
// multiplications are independent of each other, so a record hashes its two addresses in a
// few cycles; each table mixes in its owner (and a tuple its port) with one more.
const P0 = 0x9e3779b1 | 0;
const P1 = 0x85ebca77 | 0;
const P2 = 0xc2b2ae3d | 0;
const P3 = 0x27d4eb2f;
const P_OWNER = 0x165667b1;
const P_PORT = 0x61c88647;
/**
 * Hashes are kept to 30 bits: with pointer compression V8's small integers are 31-bit, and a
 * larger int32 crossing a call that is not inlined is boxed into a fresh heap number.
 */
const SMI_BITS = 0x3fffffff;
function hashWords(w0, w1, w2, w3) {
    return (Math.imul(w0, P0) + Math.imul(w1, P1) + Math.imul(w2, P2) + Math.imul(w3, P3)) & SMI_BITS;
}
function hashAt(key, at) {
    return hashWords(key[at], key[at + 1], key[at + 2], key[at + 3]);
}
function fin(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x846ca68b);
    return h ^ (h >>> 16);
}
/** The hash of entry key (owner, words) given hashWords(words). */
function keyHash(words, owner) {
    return fin((words + Math.imul(owner, P_OWNER)) | 0) & SMI_BITS;
}
/** The hash of tuple key (owner, words, port) given hashWords(words). */
function tupleHash(words, owner, port) {
    return fin((words + Math.imul(owner, P_OWNER) + Math.imul(port, P_PORT)) | 0) & SMI_BITS;
}
// ─── tables ─────────────────────────────────────────────────────────────────────────────────
/**
 * Every table entry is one 64-byte row of one ArrayBuffer (a cache line's worth), seen as 12 int32
 * fields followed by 2 float64 fields:
 *
 *   i32  0 OWNER (−1: free row)   1..4 W0..W3 (an address, or 0, 0, 0, port)   5..11 per table
 *   f64  6, 7 per table (creation order; a tuple's two target times; a contact's time)
 *
 * The key of an entry is (OWNER, W0..W3), and for a tuple also its port (field 5); rows never
 * move, so an owner is a row number:
 *
 *   source   (0, address)
 *   key      (source << 3 | kind << 2 | proto, 0 0 0 port) horizontal, (…, host) vertical
 *   tuple    (source << 2 | proto, host, port): the target of a horizontal key (a host) and of
 *            a vertical key (a port) at once, one entry for both (see ScanShard)
 *   contact  (source, host): a host a walking source has contacted
 */
const STRIDE = 16;
const F_STRIDE = 8;
const OWNER = 0;
const W0 = 1;
const W1 = 2;
const W2 = 3;
const W3 = 4;
const NONE = -1;
/** Next free row, in a free row. */
const FREE_NEXT = 5;
// Sources and keys: last seen in Table.last, f64 SEQ (creation order, one counter for both).
const SEQ = 7;
// Sources: TRW state | contact count << 2, first window key and first TRW contact (doubly
// linked lists), and the keys and tuple of the source's previous record — a cache: 35–70 % of
// records repeat their source's previous port, host or both and skip those lookups; always
// checked by content, so a stale entry only costs the lookup.
const S_TRW = 5;
const S_KEYS = 6;
const S_CONTACTS = 7;
const S_HKEY = 8;
const S_VKEY = 9;
const S_TUPLE = 10;
// Window keys: their targets newest to oldest by ts, counts, prune point, source list.
const K_NEWEST = 5;
const K_OLDEST = 6;
const K_COUNT = 7;
const K_FAILED = 8;
/** pruneAt << 1 | (1 if an episode is open; the Episode is the entry's JS reference). */
const K_PRUNE_EP = 9;
const K_PREV = 10;
const K_NEXT = 11;
// Tuples: port, role flags, and per role (0 horizontal, 1 vertical: the key kind) the
// neighbours in that key's list (NEWER + 2·role, OLDER + 2·role) and the latest contact,
// f64 TS + role; the side array holds FIRST (first contact within the window) and PLACED (ts
// when filed in the key's list, see ScanShard.place) of each role.
const U_PORT = 5;
const U_FLAGS = 6;
const U_NEWER = 7;
const U_OLDER = 8;
const U_TS = 6;
/** Side array per tuple: FIRST of each role, then PLACED of each role (see place). */
const SIDE = 4;
const SIDE_FIRST = 0;
const SIDE_PLACED = 2;
/** Flag bits of role r: shifted left by 3·r. */
const R_PRESENT = 1;
const R_FAILED = 2;
const R_HAS_UID = 4;
/** Both roles present (flag bits of role 0 and role 1). */
const BOTH_ROLES = R_PRESENT | (R_PRESENT << 3);
// TRW contacts: neighbours in their source's list; f64 C_TS, the latest contact.
const C_PREV = 5;
const C_NEXT = 6;
const C_TS = 6;
/** S_TRW low bits: no walk yet, walking, decided (walking + TrwState); contacts above. */
const TRW_NONE = 0;
const TRW_WALKING = 1;
const TRW_MASK = 3;
const CONTACT_ONE = 4;
const KIND_SHIFT = 2;
const SOURCE_SHIFT = 3;
const TUPLE_SOURCE_SHIFT = 2;
/** ScanShard.rec: source address, destination address, and 0, 0, 0, responder port. */
const REC_SRC = 0;
const REC_DST = 4;
const REC_PORT = 8;
/**
 * A hash table of fixed 64-byte rows that never move, found through a separate index, plus JS
 * references per row for the rare values that are not numbers (an open episode, sampled uids, a
 * TRW walk), float64 side fields written once and rarely read (a target's first contact), and
 * optionally a last-seen column (see `last`).
 *
 * The index is open addressing with linear probing over (hash, row + 1) pairs at a load of at
 * most ½ (16 bytes a row); deletion shifts the probe run back, so there are no tombstones.
 * Rows are recycled through a free list and stay where they are, so the other tables link to
 * them by number; memory is that of the peak size. Keeping the rows dense (rather than probing
 * over the rows themselves) costs a second memory access per lookup but keeps the working set
 * small, which won on every workload measured once tables outgrow the cache. A table starts
 * at 16 rows (a virtual shard that sees little costs little) and doubles. Nothing allocates
 * per lookup.
 *
 * The arrays are replaced when the table grows: callers re-read `i32`/`f64`/`side`/`last` after
 * `add`. Row numbers stay valid.
 */
class Table {
    i32;
    f64;
    side;
    refs;
    /**
     * Last-seen time per row (sources, keys; +∞ for a free row), apart from the rows: the sweep
     * reads only this (8 bytes a row instead of 64).
     */
    last;
    /** One past the highest row ever used: iteration bound. */
    top = 0;
    live = 0;
    capacity = MIN_ROWS;
    /** Tuples: the port (field 5) is part of the key. */
    wide;
    refsPerRow;
    sidePerRow;
    hasLast;
    index;
    mask;
    free = NONE;
    constructor(options = {}) {
        this.wide = options.wide ?? false;
        this.refsPerRow = options.refsPerRow ?? 1;
        this.sidePerRow = options.sidePerRow ?? 0;
        this.hasLast = options.last ?? false;
        const buffer = new ArrayBuffer(MIN_ROWS * STRIDE * 4);
        this.i32 = new Int32Array(buffer);
        this.f64 = new Float64Array(buffer);
        this.side = new Float64Array(MIN_ROWS * this.sidePerRow);
        this.refs = new Array(MIN_ROWS * this.refsPerRow).fill(undefined);
        this.last = new Float64Array(this.hasLast ? MIN_ROWS : 0).fill(Number.POSITIVE_INFINITY);
        this.index = new Int32Array(MIN_ROWS * 4);
        this.mask = MIN_ROWS * 2 - 1;
    }
    /** The row of key (owner, key[at..at+3]), or NONE. Words come in an array, not as arguments. */
    find(hash, owner, key, at) {
        const index = this.index;
        const i32 = this.i32;
        const mask = this.mask;
        const w0 = key[at];
        const w1 = key[at + 1];
        const w2 = key[at + 2];
        const w3 = key[at + 3];
        for (let p = hash & mask;; p = (p + 1) & mask) {
            const slot = index[2 * p + 1];
            if (slot === 0)
                return NONE;
            if (index[2 * p] === hash) {
                const b = (slot - 1) * STRIDE;
                if (i32[b + W3] === w3 &&
                    i32[b + OWNER] === owner &&
                    i32[b + W0] === w0 &&
                    i32[b + W1] === w1 &&
                    i32[b + W2] === w2) {
                    return slot - 1;
                }
            }
        }
    }
    /** find() for a wide table: the port is compared too. */
    findWide(hash, owner, key, at, port) {
        const index = this.index;
        const i32 = this.i32;
        const mask = this.mask;
        const w0 = key[at];
        const w1 = key[at + 1];
        const w2 = key[at + 2];
        const w3 = key[at + 3];
        for (let p = hash & mask;; p = (p + 1) & mask) {
            const slot = index[2 * p + 1];
            if (slot === 0)
                return NONE;
            if (index[2 * p] === hash) {
                const b = (slot - 1) * STRIDE;
                if (i32[b + W3] === w3 &&
                    i32[b + U_PORT] === port &&
                    i32[b + OWNER] === owner &&
                    i32[b + W0] === w0 &&
                    i32[b + W1] === w1 &&
                    i32[b + W2] === w2) {
                    return slot - 1;
                }
            }
        }
    }
    /**
     * A new row for a key that is not present; the caller sets every per-table field (for a
     * wide table the port first: it is part of the key).
     */
    add(hash, owner, key, at) {
        let e = this.free;
        if (e !== NONE) {
            this.free = this.i32[e * STRIDE + FREE_NEXT];
        }
        else {
            if (this.top === this.capacity)
                this.grow();
            e = this.top++;
        }
        const i32 = this.i32;
        const b = e * STRIDE;
        i32[b + OWNER] = owner;
        i32[b + W0] = key[at];
        i32[b + W1] = key[at + 1];
        i32[b + W2] = key[at + 2];
        i32[b + W3] = key[at + 3];
        this.insert(hash, e);
        this.live++;
        return e;
    }
    /** Frees the row; its JS references are the caller's to clear. */
    remove(e) {
        const index = this.index;
        const mask = this.mask;
        let i = this.hashOf(e) & mask;
        while (index[2 * i + 1] !== e + 1)
            i = (i + 1) & mask;
        // Backward shift: pull later members of the probe run into the hole when the hole lies on
        // their path from home, so lookups never need tombstones.
        for (let j = (i + 1) & mask;; j = (j + 1) & mask) {
            const slot = index[2 * j + 1];
            if (slot === 0)
                break;
            const home = index[2 * j] & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                index[2 * i] = index[2 * j];
                index[2 * i + 1] = slot;
                i = j;
            }
        }
        index[2 * i] = 0;
        index[2 * i + 1] = 0;
        const b = e * STRIDE;
        this.i32[b + OWNER] = NONE;
        this.i32[b + FREE_NEXT] = this.free;
        if (this.hasLast)
            this.last[e] = Number.POSITIVE_INFINITY;
        this.free = e;
        this.live--;
    }
    isLive(e) {
        return this.i32[e * STRIDE + OWNER] >= 0;
    }
    hashOf(e) {
        const i32 = this.i32;
        const b = e * STRIDE;
        const words = hashAt(i32, b + W0);
        return this.wide ? tupleHash(words, i32[b + OWNER], i32[b + U_PORT]) : keyHash(words, i32[b + OWNER]);
    }
    insert(hash, e) {
        const index = this.index;
        const mask = this.mask;
        let p = hash & mask;
        while (index[2 * p + 1] !== 0)
            p = (p + 1) & mask;
        index[2 * p] = hash;
        index[2 * p + 1] = e + 1;
    }
    grow() {
        const capacity = this.capacity * 2;
        const buffer = new ArrayBuffer(capacity * STRIDE * 4);
        const i32 = new Int32Array(buffer);
        i32.set(this.i32);
        const side = new Float64Array(capacity * this.sidePerRow);
        side.set(this.side);
        for (let r = this.refs.length; r < capacity * this.refsPerRow; r++)
            this.refs.push(undefined);
        const last = new Float64Array(this.hasLast ? capacity : 0).fill(Number.POSITIVE_INFINITY);
        last.set(this.last);
        this.capacity = capacity;
        this.i32 = i32;
        this.f64 = new Float64Array(buffer);
        this.side = side;
        this.last = last;
        this.index = new Int32Array(capacity * 4);
        this.mask = capacity * 2 - 1;
        for (let e = 0; e < this.top; e++)
            if (i32[e * STRIDE + OWNER] >= 0)
                this.insert(this.hashOf(e), e);
    }
}
const MIN_ROWS = 16;
function olderThan(ts, seq, otherTs, otherSeq) {
    return ts < otherTs || (ts === otherTs && seq < otherSeq);
}
/**
 * The recency order of the members of one capped table (all sources, or the window keys of one
 * kind): finds the least recently seen (by event time, ties by creation order) exactly.
 *
 * Nothing is kept until a cap is first hit; then every member is queued with the (time,
 * creation number) it has at that moment, sorted. Times only grow, so a queued time is never
 * later than the member's own: when the first queued entry's time is current it is the true
 * minimum, and when it is not, the member is queued again at its current time. Touching a
 * member costs nothing. Event time mostly runs forward, so a queued entry is mostly the newest:
 * those go to the back of a sorted ring (O(1) both ways), and only the ones that arrive out of
 * order go to a binary heap; the minimum is at the front of one of the two. A heap alone cost
 * an O(log n) sift on every eviction, which dominated when a cap is hit on every record.
 * Entries of removed members (row freed, or reused: creation numbers differ) are skipped
 * when they surface and compacted away once they outnumber the live ones.
 */
class RecencyQueue {
    size = 0;
    table;
    /** Window-key kind of the members, or −1 for every entry of the table. */
    kind;
    active = false;
    // The sorted ring: entries at (ringHead + i) & (capacity − 1) for i < ringLength.
    ringSlots = new Int32Array(0);
    ringTimes = new Float64Array(0);
    ringSeqs = new Float64Array(0);
    ringHead = 0;
    ringLength = 0;
    // The heap of out-of-order entries.
    heapSlots = new Int32Array(0);
    heapTimes = new Float64Array(0);
    heapSeqs = new Float64Array(0);
    heapLength = 0;
    constructor(table, kind) {
        this.table = table;
        this.kind = kind;
    }
    add(e) {
        this.size++;
        if (this.active)
            this.enqueue(e);
    }
    /** After the member's table row was removed. */
    remove() {
        this.size--;
        if (this.active && this.ringLength + this.heapLength > 2 * this.size + 64)
            this.compact();
    }
    /** The least recently seen member, left in place (the caller may remove it); NONE if empty. */
    oldest() {
        if (!this.active)
            this.activate();
        const f64 = this.table.f64;
        const last = this.table.last;
        for (;;) {
            let fromRing;
            if (this.ringLength > 0) {
                const r = this.ringHead;
                fromRing =
                    this.heapLength === 0 ||
                        !olderThan(this.heapTimes[0], this.heapSeqs[0], this.ringTimes[r], this.ringSeqs[r]);
            }
            else if (this.heapLength > 0) {
                fromRing = false;
            }
            else {
                return NONE;
            }
            const at = fromRing ? this.ringHead : 0;
            const e = fromRing ? this.ringSlots[at] : this.heapSlots[0];
            const seq = fromRing ? this.ringSeqs[at] : this.heapSeqs[0];
            const ts = fromRing ? this.ringTimes[at] : this.heapTimes[0];
            const alive = this.table.isLive(e) && f64[e * F_STRIDE + SEQ] === seq;
            if (alive && last[e] === ts)
                return e;
            if (fromRing) {
                this.ringHead = (this.ringHead + 1) & (this.ringSlots.length - 1);
                this.ringLength--;
            }
            else {
                this.heapPop();
            }
            if (alive)
                this.enqueue(e);
        }
    }
    isMember(owner) {
        return owner >= 0 && (this.kind < 0 || ((owner >> KIND_SHIFT) & 1) === this.kind);
    }
    /** Queues every member, sorted (the one O(n log n) step, when a cap is first hit). */
    activate() {
        const t = this.table;
        const members = [];
        for (let e = 0; e < t.top; e++)
            if (this.isMember(t.i32[e * STRIDE + OWNER]))
                members.push(e);
        const f64 = t.f64;
        const last = t.last;
        members.sort((a, b) => {
            const ta = last[a];
            const tb = last[b];
            return ta !== tb ? ta - tb : f64[a * F_STRIDE + SEQ] - f64[b * F_STRIDE + SEQ];
        });
        this.ringHead = 0;
        this.ringLength = 0;
        this.heapLength = 0;
        this.reserveRing(members.length);
        for (const e of members)
            this.ringPush(e, last[e], f64[e * F_STRIDE + SEQ]);
        this.active = true;
    }
    enqueue(e) {
        const f64 = this.table.f64;
        const last = this.table.last;
        const ts = last[e];
        const seq = f64[e * F_STRIDE + SEQ];
        if (this.ringLength === 0) {
            this.ringPush(e, ts, seq);
            return;
        }
        const back = (this.ringHead + this.ringLength - 1) & (this.ringSlots.length - 1);
        if (olderThan(ts, seq, this.ringTimes[back], this.ringSeqs[back]))
            this.heapPush(e, ts, seq);
        else
            this.ringPush(e, ts, seq);
    }
    /**
     * Drops the entries of removed members, keeping both orders: the ring by filtering in place,
     * the heap by re-heapifying.
     */
    compact() {
        const f64 = this.table.f64;
        const keep = (e, seq) => this.table.isLive(e) && f64[e * F_STRIDE + SEQ] === seq ? e : NONE;
        const mask = this.ringSlots.length - 1;
        let n = 0;
        for (let i = 0; i < this.ringLength; i++) {
            const from = (this.ringHead + i) & mask;
            const to = keep(this.ringSlots[from], this.ringSeqs[from]);
            if (to === NONE)
                continue;
            const at = (this.ringHead + n++) & mask;
            this.ringSlots[at] = to;
            this.ringTimes[at] = this.ringTimes[from];
            this.ringSeqs[at] = this.ringSeqs[from];
        }
        this.ringLength = n;
        n = 0;
        for (let i = 0; i < this.heapLength; i++) {
            const to = keep(this.heapSlots[i], this.heapSeqs[i]);
            if (to === NONE)
                continue;
            this.heapSlots[n] = to;
            this.heapTimes[n] = this.heapTimes[i];
            this.heapSeqs[n] = this.heapSeqs[i];
            n++;
        }
        this.heapLength = n;
        for (let i = (n >>> 1) - 1; i >= 0; i--)
            this.siftDown(i);
    }
    reserveRing(n) {
        const capacity = this.ringSlots.length;
        if (n <= capacity)
            return;
        let grown = Math.max(64, capacity);
        while (grown < n)
            grown *= 2;
        const slots = new Int32Array(grown);
        const times = new Float64Array(grown);
        const seqs = new Float64Array(grown);
        for (let i = 0; i < this.ringLength; i++) {
            const from = (this.ringHead + i) & (capacity - 1);
            slots[i] = this.ringSlots[from];
            times[i] = this.ringTimes[from];
            seqs[i] = this.ringSeqs[from];
        }
        this.ringSlots = slots;
        this.ringTimes = times;
        this.ringSeqs = seqs;
        this.ringHead = 0;
    }
    ringPush(e, ts, seq) {
        this.reserveRing(this.ringLength + 1);
        const at = (this.ringHead + this.ringLength++) & (this.ringSlots.length - 1);
        this.ringSlots[at] = e;
        this.ringTimes[at] = ts;
        this.ringSeqs[at] = seq;
    }
    less(i, j) {
        return olderThan(this.heapTimes[i], this.heapSeqs[i], this.heapTimes[j], this.heapSeqs[j]);
    }
    swap(i, j) {
        const e = this.heapSlots[i];
        const ts = this.heapTimes[i];
        const seq = this.heapSeqs[i];
        this.heapSlots[i] = this.heapSlots[j];
        this.heapTimes[i] = this.heapTimes[j];
        this.heapSeqs[i] = this.heapSeqs[j];
        this.heapSlots[j] = e;
        this.heapTimes[j] = ts;
        this.heapSeqs[j] = seq;
    }
    heapPush(e, ts, seq) {
        if (this.heapLength === this.heapSlots.length) {
            const grown = Math.max(64, 2 * this.heapLength);
            const slots = new Int32Array(grown);
            slots.set(this.heapSlots);
            const times = new Float64Array(grown);
            times.set(this.heapTimes);
            const seqs = new Float64Array(grown);
            seqs.set(this.heapSeqs);
            this.heapSlots = slots;
            this.heapTimes = times;
            this.heapSeqs = seqs;
        }
        let i = this.heapLength++;
        this.heapSlots[i] = e;
        this.heapTimes[i] = ts;
        this.heapSeqs[i] = seq;
        while (i > 0) {
            const parent = (i - 1) >>> 1;
            if (!this.less(i, parent))
                break;
            this.swap(i, parent);
            i = parent;
        }
    }
    heapPop() {
        this.heapLength--;
        this.swap(0, this.heapLength);
        this.siftDown(0);
    }
    siftDown(i) {
        const n = this.heapLength;
        for (;;) {
            const l = 2 * i + 1;
            if (l >= n)
                return;
            const r = l + 1;
            const c = r < n && this.less(r, l) ? r : l;
            if (!this.less(c, i))
                return;
            this.swap(i, c);
            i = c;
        }
    }
}
/** Orders two entries' addresses like compareKeys orders their AddrKeys (IPv4 first). */
function compareAddresses(i32, a, b) {
    const x = a * STRIDE;
    const y = b * STRIDE;
    const av4 = i32[x + W0] === 0 && i32[x + W1] === 0 && i32[x + W2] === V4_MAPPED;
    const bv4 = i32[y + W0] === 0 && i32[y + W1] === 0 && i32[y + W2] === V4_MAPPED;
    if (av4 !== bv4)
        return av4 ? -1 : 1;
    for (let w = W0; w <= W3; w++) {
        const p = i32[x + w] >>> 0;
        const q = i32[y + w] >>> 0;
        if (p !== q)
            return p < q ? -1 : 1;
    }
    return 0;
}
/** Orders two tuples as targets of a key of `kind`: by host (horizontal) or port (vertical). */
function compareTargets(i32, kind, a, b) {
    if (kind === KeyKind.Horizontal)
        return compareAddresses(i32, a, b);
    return i32[a * STRIDE + U_PORT] - i32[b * STRIDE + U_PORT];
}
/** Hosts a horizontal episode remembers to count each once (`Episode.hosts`). */
export const MAX_EPISODE_HOSTS = 16_384;
/** Open vertical episodes of a shard with a port set (8 KiB each: 8 MiB); later ones count. */
export const MAX_EPISODE_PORT_SETS = 1_024;
/** Adds `port` to the set; false when it was there already. */
function addPort(set, port) {
    const word = port >>> 5;
    const bit = 1 << (port & 31);
    if ((set[word] & bit) !== 0)
        return false;
    set[word] = set[word] | bit;
    return true;
}
/** A new port set holding `ports`. */
function portSet(ports = []) {
    const set = new Uint32Array(65_536 / 32);
    for (const p of ports)
        addPort(set, p);
    return set;
}
/** The ports of a set, ascending. */
function portList(set) {
    const out = [];
    for (let w = 0; w < set.length; w++) {
        for (let bits = set[w]; bits !== 0; bits &= bits - 1)
            out.push(w * 32 + (31 - Math.clz32(bits & -bits)));
    }
    return out;
}
function episodeSnap(ep) {
    const { ports, hosts, sample, uids, ...counts } = ep;
    return {
        ...counts,
        sample: [...sample],
        uids: [...uids],
        ...(ports === undefined ? {} : { ports: portList(ports) }),
        ...(hosts === undefined ? {} : { hosts: [...hosts] }),
    };
}
const KeyKind = { Horizontal: 0, Vertical: 1 };
/** Targets a key may hold before stale ones are first pruned (see K_PRUNE_EP). */
const PRUNE_FLOOR = 8;
const TrwState = { Walking: 0, Scanner: 1, Benign: 2 };
/** Names under which `ShardOutput.evictions` counts; the caps are named after their option. */
export const SCAN_EVICTION_NAMES = [
    'maxSources',
    'maxHorizontalKeys',
    'maxVerticalKeys',
    'maxTargetsPerKey',
    'maxTargets',
    'maxTrwContactsPerSource',
    'lateRecords',
];
const BOTH_ADDRESSES = Flag.OrigSet | Flag.RespSet;
/**
 * Severity by how far past the threshold an episode went (< 2×: low, < 4×: medium, else high).
 * Confidence 0.5, + up to 0.25 by the share of failed targets (refused or unanswered probing is
 * what distinguishes a scan from a busy client), + up to 0.2 as the count reaches 4× the
 * threshold; capped at 0.95 and rounded so the finding id is stable.
 */
function windowSeverity(distinct, threshold) {
    if (distinct >= 4 * threshold)
        return 'high';
    if (distinct >= 2 * threshold)
        return 'medium';
    return 'low';
}
function windowConfidence(distinct, threshold, failedRatio) {
    const excess = Math.min(1, (distinct - threshold) / (3 * threshold));
    return round(Math.min(0.95, 0.5 + 0.25 * failedRatio + 0.2 * excess), 2);
}
/**
 * The record's uid, decoded straight from the batch heap: uids are ASCII, and a short loop
 * beats a subarray plus TextDecoder; anything else takes the exact UTF-8 path.
 */
function uidAt(view, i) {
    const length = view.strLength(i, Str.Uid);
    const at = view.strOffset(i, Str.Uid);
    const heap = view.heap;
    let s = '';
    for (let k = 0; k < length; k++) {
        const c = heap[at + k];
        if (c >= 0x80)
            return view.str(i, Str.Uid);
        s += String.fromCharCode(c);
    }
    return s;
}
// ─── snapshot shapes (plain data for msgpackr) ──────────────────────────────────────────────
const SNAPSHOT_VERSION = 1;
// ─── the analyzer ───────────────────────────────────────────────────────────────────────────
/**
 * Per record: the source, its horizontal key (source, port, proto), its vertical key (source,
 * host, proto) and the tuple (source, proto, host, port), each found through a hash lookup in
 * a typed-array table — or, for the ~35–70 % of records that repeat their source's previous
 * port, host or both, through the source's cache — and nothing allocated.
 *
 * A horizontal key's target (a host) and a vertical key's target (a port) of the same record
 * are the same tuple, so one entry holds both targets (its two roles, each with its own times,
 * outcome and list position, present or not independently): one lookup and one entry per new
 * (host, port) instead of two. Each key lists its targets by the time each was filed, and a
 * repeat contact does not re-file it (see place): pruning a window pops stale targets off the
 * old end instead of scanning the key, and the per-key cap evicts from it directly. A record
 * that only repeats a live contact — half the TCP records of ordinary traffic — takes one
 * function that moves four times forward (touch). Objects exist only for what is rare: a TRW
 * walk per source, an open episode, a sampled uid.
 *
 * Exactness: every change here keeps the results of the Map-based implementation it replaced,
 * down to eviction counts and the prune schedule that decides the maxTargets budget; the
 * snapshot format is unchanged (plus each key's prune point, which it used to reset).
 */
class ScanShard {
    c;
    vshard;
    successFactor;
    failureFactor;
    eta0;
    eta1;
    horizontalTtl;
    verticalTtl;
    sourceTtl;
    sweepEvery;
    // Options read per record, as fields of this object rather than of the frozen config.
    lateness;
    maxTargets;
    maxTargetsPerKey;
    trw;
    horizontal;
    vertical;
    udp;
    sources = new Table({ last: true });
    keys = new Table({ last: true });
    tuples = new Table({ wide: true, refsPerRow: 2, sidePerRow: SIDE });
    contacts = new Table();
    /** Targets of all keys (tuple roles present): the `maxTargets` budget. */
    targets = 0;
    sourcePool = new RecencyQueue(this.sources, -1);
    horizontalPool = new RecencyQueue(this.keys, KeyKind.Horizontal);
    verticalPool = new RecencyQueue(this.keys, KeyKind.Vertical);
    /** Keys with an open episode (row, creation number): the sweep closes the quiet ones. */
    episodeKeys = [];
    findings = [];
    /**
     * Hosts held by all open horizontal episodes' sets (`Episode.hosts`), kept within
     * `maxTargets`: past it, episodes count new hosts without remembering them.
     */
    episodeHosts = 0;
    /** Open vertical episodes holding a port set (`MAX_EPISODE_PORT_SETS`). */
    episodePortSets = 0;
    evicted = {
        maxSources: 0,
        maxHorizontalKeys: 0,
        maxVerticalKeys: 0,
        maxTargetsPerKey: 0,
        maxTargets: 0,
        maxTrwContactsPerSource: 0,
        lateRecords: 0,
    };
    maxTs = Number.NEGATIVE_INFINITY;
    nextSweepAt = Number.NEGATIVE_INFINITY;
    seq = 0;
    /**
     * The record being observed: its addresses and port (REC_*) and its ts. Values reach the
     * record path's helpers through these rather than as arguments: a double, or an int32 beyond
     * 30 bits, passed to a function that is not inlined is boxed into a fresh heap number.
     */
    rec = new Int32Array(12);
    recTs = 0;
    /** The record's tuple is known not to exist (touch looked and nothing created it since). */
    tupleAbsent = false;
    /** The key horizontalKey or verticalKey just returned was created for this record. */
    keyIsNew = false;
    /** The record being observed, for decoding its uid at most once and only when needed. */
    view;
    index = 0;
    uid;
    constructor(vshard, config) {
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
        this.lateness = config.latenessSeconds;
        this.maxTargets = config.maxTargets;
        this.maxTargetsPerKey = config.maxTargetsPerKey;
        this.trw = config.enableTrw;
        this.horizontal = config.enableHorizontal;
        this.vertical = config.enableVertical;
        this.udp = config.includeUdp;
    }
    observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++)
            this.observe(view, rows[k]);
    }
    observe(view, i) {
        if (view.kind[i] !== RecordKind.Conn)
            return;
        const flags = view.flags[i];
        if ((flags & BOTH_ADDRESSES) !== BOTH_ADDRESSES || !isOriginatorDelivery(flags))
            return;
        const proto = view.proto[i];
        if (proto !== Proto.Tcp && (proto !== Proto.Udp || !this.udp))
            return;
        const ts = view.ts[i];
        // A conn record without a start time cannot be placed in any window.
        if (!Number.isFinite(ts))
            return;
        let late = false;
        if (ts > this.maxTs) {
            this.maxTs = ts;
            if (ts >= this.nextSweepAt)
                this.sweep();
        }
        else if (ts < this.maxTs - this.lateness) {
            late = true;
            this.evicted.lateRecords++;
        }
        // A record adds at most two targets, so the budget is held to within two of its cap.
        if (this.targets >= this.maxTargets)
            this.shedTargets();
        const outcome = attemptOutcome(view, i);
        const n = view.count;
        const a = view.addr;
        const rec = this.rec;
        rec[REC_SRC] = a[i];
        rec[REC_SRC + 1] = a[n + i];
        rec[REC_SRC + 2] = a[2 * n + i];
        rec[REC_SRC + 3] = a[3 * n + i];
        rec[REC_DST] = a[4 * n + i];
        rec[REC_DST + 1] = a[5 * n + i];
        rec[REC_DST + 2] = a[6 * n + i];
        rec[REC_DST + 3] = a[7 * n + i];
        const port = view.respPort[i];
        rec[REC_PORT + 3] = port;
        this.recTs = ts;
        this.view = view;
        this.index = i;
        this.uid = undefined;
        this.tupleAbsent = false;
        const source = this.sourceFor(hashAt(rec, REC_SRC));
        const hd = hashAt(rec, REC_DST);
        if (this.trw &&
            outcome !== Outcome.Unknown &&
            (this.sources.i32[source * STRIDE + S_TRW] & TRW_MASK) <= TRW_WALKING) {
            this.walk(source, hd, outcome === Outcome.Failed);
        }
        if (!late && !(this.horizontal && this.vertical && this.touch(source, proto, hd, port))) {
            const failed = outcome === Outcome.Failed;
            const owner = (source << TUPLE_SOURCE_SHIFT) | proto;
            if (this.horizontal) {
                const k = this.horizontalKey(source, proto, port);
                if (this.keyIsNew)
                    this.firstTarget(k, KeyKind.Horizontal, source, owner, hd, port, failed);
                else
                    this.windowObserve(k, KeyKind.Horizontal, source, owner, hd, port, failed);
            }
            if (this.vertical) {
                const k = this.verticalKey(source, proto, hd);
                if (this.keyIsNew)
                    this.firstTarget(k, KeyKind.Vertical, source, owner, hd, port, failed);
                else
                    this.windowObserve(k, KeyKind.Vertical, source, owner, hd, port, failed);
            }
        }
        this.view = undefined;
    }
    finish() {
        const keys = this.keys;
        for (let k = 0; k < keys.top; k++) {
            if (keys.isLive(k) && (keys.i32[k * STRIDE + K_PRUNE_EP] & 1) !== 0)
                this.closeEpisode(k);
        }
        const findings = [...this.findings].sort(compareFindings);
        return { findings, partial: undefined, evictions: { ...this.evicted } };
    }
    snapshot() {
        const S = this.sources;
        const K = this.keys;
        const U = this.tuples;
        const C = this.contacts;
        const keySnap = (k) => {
            const b = k * STRIDE;
            const kind = (K.i32[b + OWNER] >> KIND_SHIFT) & 1;
            const horizontal = kind === KeyKind.Horizontal;
            const shift = 3 * kind;
            const targets = [];
            for (let u = K.i32[b + K_NEWEST]; u !== NONE; u = U.i32[u * STRIDE + U_OLDER + 2 * kind]) {
                const flags = U.i32[u * STRIDE + U_FLAGS] >> shift;
                targets.push([
                    horizontal ? addrKeyAt(U, u) : U.i32[u * STRIDE + U_PORT],
                    U.side[u * SIDE + SIDE_FIRST + kind],
                    U.f64[u * F_STRIDE + U_TS + kind],
                    (flags & R_FAILED) !== 0 ? 1 : 0,
                    (flags & R_HAS_UID) !== 0 ? U.refs[2 * u + kind] : null,
                ]);
            }
            const ep = (K.i32[b + K_PRUNE_EP] & 1) !== 0 ? K.refs[k] : undefined;
            return {
                seq: K.f64[k * F_STRIDE + SEQ],
                lastTs: K.last[k],
                port: horizontal ? K.i32[b + W3] : -1,
                proto: K.i32[b + OWNER] & 3,
                dst: horizontal ? null : addrKeyAt(K, k),
                targets,
                episode: ep === undefined ? null : episodeSnap(ep),
                pruneAt: K.i32[b + K_PRUNE_EP] >> 1,
            };
        };
        const sources = [];
        for (let s = 0; s < S.top; s++) {
            if (!S.isLive(s))
                continue;
            const b = s * STRIDE;
            const trw = S.i32[b + S_TRW] & TRW_MASK;
            const t = trw === TRW_NONE ? undefined : S.refs[s];
            let contacts = null;
            if (trw === TRW_WALKING) {
                contacts = [];
                for (let e = S.i32[b + S_CONTACTS]; e !== NONE; e = C.i32[e * STRIDE + C_NEXT]) {
                    contacts.push([addrKeyAt(C, e), C.f64[e * F_STRIDE + C_TS]]);
                }
            }
            const horizontal = [];
            const vertical = [];
            for (let k = S.i32[b + S_KEYS]; k !== NONE; k = K.i32[k * STRIDE + K_NEXT]) {
                const kind = (K.i32[k * STRIDE + OWNER] >> KIND_SHIFT) & 1;
                (kind === KeyKind.Horizontal ? horizontal : vertical).push(keySnap(k));
            }
            sources.push({
                key: addrKeyAt(S, s),
                seq: S.f64[s * F_STRIDE + SEQ],
                lastTs: S.last[s],
                trw: t === undefined ? null : { ...t, contacts, failedSample: [...t.failedSample], uids: [...t.uids] },
                horizontal,
                vertical,
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
    static restore(vshard, config, snapshot) {
        const full = checkSnapshot('scan', snapshot, SNAPSHOT_VERSION, vshard);
        const shard = new ScanShard(vshard, config);
        shard.maxTs = full.maxTs ?? Number.NEGATIVE_INFINITY;
        shard.nextSweepAt = full.nextSweepAt ?? Number.NEGATIVE_INFINITY;
        shard.seq = full.seq;
        for (const name of SCAN_EVICTION_NAMES)
            shard.evicted[name] = full.evictions[name] ?? 0;
        for (const f of full.findings)
            shard.findings.push(f);
        for (const s of full.sources)
            shard.restoreSource(s);
        return shard;
    }
    /** Puts an address into rec at `at` (restore replays state through the record path). */
    setRecAddress(at, key) {
        const words = wordsOfKey(key);
        for (let w = 0; w < 4; w++)
            this.rec[at + w] = words[w];
    }
    restoreSource(s) {
        const S = this.sources;
        const rec = this.rec;
        this.setRecAddress(REC_SRC, s.key);
        const source = this.addSource(keyHash(hashAt(rec, REC_SRC), 0), s.lastTs, s.seq);
        const t = s.trw;
        if (t !== null) {
            const { contacts, ...walk } = t;
            S.refs[source] = {
                ...walk,
                state: t.state,
                failedSample: [...t.failedSample],
                uids: [...t.uids],
            };
            S.i32[source * STRIDE + S_TRW] = TRW_WALKING + t.state;
            for (const [host, ts] of contacts ?? []) {
                this.setRecAddress(REC_DST, host);
                this.addContact(source, keyHash(hashAt(rec, REC_DST), source), ts);
            }
        }
        for (const k of s.horizontal)
            this.restoreKey(source, KeyKind.Horizontal, k);
        for (const k of s.vertical)
            this.restoreKey(source, KeyKind.Vertical, k);
    }
    restoreKey(source, kind, k) {
        const horizontal = kind === KeyKind.Horizontal;
        const rec = this.rec;
        const owner = (source << SOURCE_SHIFT) | (kind << KIND_SHIFT) | k.proto;
        const at = horizontal ? REC_PORT : REC_DST;
        rec[REC_PORT + 3] = k.port;
        if (!horizontal)
            this.setRecAddress(REC_DST, k.dst);
        this.recTs = k.lastTs;
        const key = this.addKey(owner, keyHash(hashAt(rec, at), owner), at, k.seq);
        const tupleOwner = (source << TUPLE_SOURCE_SHIFT) | k.proto;
        for (const [target, first, ts, failed, uid] of k.targets) {
            if (horizontal)
                this.setRecAddress(REC_DST, target);
            const port = horizontal ? k.port : target;
            const hd = hashAt(rec, REC_DST);
            const u = this.tuples.findWide(tupleHash(hd, tupleOwner, port), tupleOwner, rec, REC_DST, port);
            this.recTs = ts;
            const t = this.addTarget(key, kind, u, source, tupleOwner, hd, port, failed === 1, uid ?? undefined);
            this.tuples.side[t * SIDE + SIDE_FIRST + kind] = first;
        }
        const K = this.keys;
        K.i32[key * STRIDE + K_PRUNE_EP] = (k.pruneAt ?? PRUNE_FLOOR) << 1;
        if (k.episode !== null) {
            const { ports, hosts, sample, uids, ...counts } = k.episode;
            K.refs[key] = {
                ...counts,
                sample: [...sample],
                uids: [...uids],
                ...(ports === undefined ? {} : this.portSetIfRoom(ports)),
                ...(hosts === undefined ? {} : { hosts: this.hostSet(hosts) }),
            };
            K.i32[key * STRIDE + K_PRUNE_EP] |= 1;
            this.episodeKeys.push([key, K.f64[key * F_STRIDE + SEQ]]);
        }
    }
    // ── record path ──
    currentUid() {
        if (this.uid === undefined)
            this.uid = uidAt(this.view, this.index);
        return this.uid;
    }
    /** The record's source (address at rec[REC_SRC]), created or expired as needed. */
    sourceFor(h) {
        const S = this.sources;
        const hash = keyHash(h, 0);
        const s = S.find(hash, 0, this.rec, REC_SRC);
        const ts = this.recTs;
        if (s !== NONE) {
            const last = S.last[s];
            if (last >= this.maxTs - this.sourceTtl) {
                if (ts > last)
                    S.last[s] = ts;
                return s;
            }
            this.dropSource(s);
        }
        while (S.live >= this.c.maxSources) {
            const victim = this.sourcePool.oldest();
            if (S.last[victim] >= this.maxTs - this.sourceTtl)
                this.evicted.maxSources++;
            this.dropSource(victim);
        }
        return this.addSource(hash, ts, this.seq++);
    }
    /** A new source for the address at rec[REC_SRC]. */
    addSource(hash, lastTs, seq) {
        const S = this.sources;
        const s = S.add(hash, 0, this.rec, REC_SRC);
        const b = s * STRIDE;
        S.i32[b + S_TRW] = TRW_NONE;
        S.i32[b + S_KEYS] = NONE;
        S.i32[b + S_CONTACTS] = NONE;
        S.i32[b + S_HKEY] = NONE;
        S.i32[b + S_VKEY] = NONE;
        S.i32[b + S_TUPLE] = NONE;
        S.last[s] = lastTs;
        S.f64[s * F_STRIDE + SEQ] = seq;
        this.sourcePool.add(s);
        return s;
    }
    /** One TRW step for the record's first contact with rec[REC_DST], if it is one. */
    walk(source, hd, failed) {
        const S = this.sources;
        const ts = this.recTs;
        const sb = source * STRIDE;
        let t = S.refs[source];
        if ((S.i32[sb + S_TRW] & TRW_MASK) === TRW_NONE) {
            t = {
                state: TrwState.Walking,
                lambda: 1,
                firstContacts: 0,
                successes: 0,
                failures: 0,
                firstTs: ts,
                lastTs: ts,
                failedSample: [],
                uids: [],
            };
            S.refs[source] = t;
            S.i32[sb + S_TRW] = TRW_WALKING;
        }
        const C = this.contacts;
        const hash = keyHash(hd, source);
        const seen = C.find(hash, source, this.rec, REC_DST);
        if (seen !== NONE) {
            if (ts > C.f64[seen * F_STRIDE + C_TS])
                C.f64[seen * F_STRIDE + C_TS] = ts;
            return;
        }
        if (S.i32[sb + S_TRW] >> 2 >= this.c.maxTrwContactsPerSource) {
            this.dropOldestContact(source);
            this.evicted.maxTrwContactsPerSource++;
        }
        this.addContact(source, hash, ts);
        const walk = t;
        if (walk.firstContacts === 0 || ts < walk.firstTs)
            walk.firstTs = ts;
        if (ts > walk.lastTs)
            walk.lastTs = ts;
        walk.firstContacts++;
        if (failed) {
            walk.failures++;
            walk.lambda *= this.failureFactor;
            if (walk.failedSample.length < this.c.sampleSize)
                walk.failedSample.push(addrKeyIn(this.rec, REC_DST));
        }
        else {
            walk.successes++;
            walk.lambda *= this.successFactor;
        }
        walk.uids.push(this.currentUid());
        if (walk.uids.length > this.c.sampleSize)
            walk.uids.shift();
        if (walk.lambda >= this.eta1) {
            walk.state = TrwState.Scanner;
            this.clearContacts(source);
            S.i32[sb + S_TRW] = TRW_WALKING + TrwState.Scanner;
            this.findings.push(this.trwFinding(source, walk));
        }
        else if (walk.lambda <= this.eta0) {
            walk.state = TrwState.Benign;
            this.clearContacts(source);
            S.i32[sb + S_TRW] = TRW_WALKING + TrwState.Benign;
        }
    }
    /** Remembers rec[REC_DST] as contacted by the source at ts. */
    addContact(source, hash, ts) {
        const C = this.contacts;
        const e = C.add(hash, source, this.rec, REC_DST);
        C.f64[e * F_STRIDE + C_TS] = ts;
        const S = this.sources.i32;
        const sb = source * STRIDE;
        const head = S[sb + S_CONTACTS];
        C.i32[e * STRIDE + C_PREV] = NONE;
        C.i32[e * STRIDE + C_NEXT] = head;
        if (head !== NONE)
            C.i32[head * STRIDE + C_PREV] = e;
        S[sb + S_CONTACTS] = e;
        S[sb + S_TRW] += CONTACT_ONE;
    }
    /** Forgets every contact of the source (its walk ended, or it is dropped). */
    clearContacts(source) {
        const C = this.contacts;
        const S = this.sources.i32;
        const sb = source * STRIDE;
        for (let e = S[sb + S_CONTACTS]; e !== NONE;) {
            const next = C.i32[e * STRIDE + C_NEXT];
            C.remove(e);
            e = next;
        }
        S[sb + S_CONTACTS] = NONE;
        S[sb + S_TRW] &= TRW_MASK;
    }
    /** At the cap: forget the host contacted least recently (ties: lowest address). */
    dropOldestContact(source) {
        const C = this.contacts;
        const S = this.sources.i32;
        const sb = source * STRIDE;
        let victim = NONE;
        let victimTs = Number.POSITIVE_INFINITY;
        for (let e = S[sb + S_CONTACTS]; e !== NONE; e = C.i32[e * STRIDE + C_NEXT]) {
            const ts = C.f64[e * F_STRIDE + C_TS];
            if (ts < victimTs || (ts === victimTs && compareAddresses(C.i32, e, victim) < 0)) {
                victim = e;
                victimTs = ts;
            }
        }
        const prev = C.i32[victim * STRIDE + C_PREV];
        const next = C.i32[victim * STRIDE + C_NEXT];
        if (prev === NONE)
            S[sb + S_CONTACTS] = next;
        else
            C.i32[prev * STRIDE + C_NEXT] = next;
        if (next !== NONE)
            C.i32[next * STRIDE + C_PREV] = prev;
        S[sb + S_TRW] -= CONTACT_ONE;
        C.remove(victim);
    }
    /**
     * The common record, in one function: its tuple is already a target of both its (source,
     * port) and (source, host) keys — so both keys exist — the keys are live with no open
     * episode, and the record and both targets are inside the windows; then it only moves four
     * times forward. Exactly what the general path (horizontalKey, verticalKey, windowObserve)
     * does in that case; otherwise it returns false before changing anything (lookups it did
     * stay in the source's cache). Half the TCP records of ordinary traffic take this path; the
     * tuple is looked up first so that the other half (a new host or port) gives up at once.
     */
    touch(source, proto, hd, port) {
        const S = this.sources.i32;
        const sb = source * STRIDE;
        const rec = this.rec;
        const d0 = rec[REC_DST];
        const d1 = rec[REC_DST + 1];
        const d2 = rec[REC_DST + 2];
        const d3 = rec[REC_DST + 3];
        const U = this.tuples;
        const ui = U.i32;
        const tOwner = (source << TUPLE_SOURCE_SHIFT) | proto;
        let u = S[sb + S_TUPLE];
        if (u === NONE ||
            ui[u * STRIDE + OWNER] !== tOwner ||
            ui[u * STRIDE + U_PORT] !== port ||
            ui[u * STRIDE + W3] !== d3 ||
            ui[u * STRIDE + W0] !== d0 ||
            ui[u * STRIDE + W1] !== d1 ||
            ui[u * STRIDE + W2] !== d2) {
            u = U.findWide(tupleHash(hd, tOwner, port), tOwner, rec, REC_DST, port);
            if (u === NONE) {
                this.tupleAbsent = true;
                return false;
            }
            S[sb + S_TUPLE] = u;
        }
        if ((ui[u * STRIDE + U_FLAGS] & BOTH_ROLES) !== BOTH_ROLES)
            return false;
        const K = this.keys;
        const ki = K.i32;
        const hOwner = (source << SOURCE_SHIFT) | proto;
        let hk = S[sb + S_HKEY];
        if (hk === NONE || ki[hk * STRIDE + OWNER] !== hOwner || ki[hk * STRIDE + W3] !== port) {
            hk = K.find(keyHash(hashAt(rec, REC_PORT), hOwner), hOwner, rec, REC_PORT);
            S[sb + S_HKEY] = hk;
        }
        const vOwner = hOwner | (KeyKind.Vertical << KIND_SHIFT);
        let vk = S[sb + S_VKEY];
        if (vk === NONE ||
            ki[vk * STRIDE + OWNER] !== vOwner ||
            ki[vk * STRIDE + W3] !== d3 ||
            ki[vk * STRIDE + W0] !== d0 ||
            ki[vk * STRIDE + W1] !== d1 ||
            ki[vk * STRIDE + W2] !== d2) {
            vk = K.find(keyHash(hd, vOwner), vOwner, rec, REC_DST);
            S[sb + S_VKEY] = vk;
        }
        if (((ki[hk * STRIDE + K_PRUNE_EP] | ki[vk * STRIDE + K_PRUNE_EP]) & 1) !== 0)
            return false;
        const kl = K.last;
        const ts = this.recTs;
        const hLast = kl[hk];
        const vLast = kl[vk];
        if (hLast < this.maxTs - this.horizontalTtl || vLast < this.maxTs - this.verticalTtl)
            return false;
        const hNew = Math.max(ts, hLast);
        const vNew = Math.max(ts, vLast);
        const hCut = hNew - this.c.horizontalWindowSeconds;
        const vCut = vNew - this.c.verticalWindowSeconds;
        if (ts < hCut || ts < vCut)
            return false;
        const uf = U.f64;
        const hTs = uf[u * F_STRIDE + U_TS + KeyKind.Horizontal];
        const vTs = uf[u * F_STRIDE + U_TS + KeyKind.Vertical];
        if (hTs < hCut || vTs < vCut)
            return false;
        kl[hk] = hNew;
        kl[vk] = vNew;
        if (ts > hTs)
            uf[u * F_STRIDE + U_TS + KeyKind.Horizontal] = ts;
        if (ts > vTs)
            uf[u * F_STRIDE + U_TS + KeyKind.Vertical] = ts;
        return true;
    }
    /** The source's key for the record's port: its previous record's if that matches, else a lookup. */
    horizontalKey(source, proto, port) {
        const owner = (source << SOURCE_SHIFT) | proto;
        const K = this.keys;
        let k = this.sources.i32[source * STRIDE + S_HKEY];
        if (k === NONE || K.i32[k * STRIDE + OWNER] !== owner || K.i32[k * STRIDE + W3] !== port) {
            k = K.find(keyHash(hashAt(this.rec, REC_PORT), owner), owner, this.rec, REC_PORT);
        }
        if (k !== NONE) {
            if (K.last[k] >= this.maxTs - this.horizontalTtl) {
                this.sources.i32[source * STRIDE + S_HKEY] = k;
                this.keyIsNew = false;
                return k;
            }
            this.dropKey(k);
        }
        this.makeRoom(KeyKind.Horizontal);
        k = this.addKey(owner, keyHash(hashAt(this.rec, REC_PORT), owner), REC_PORT, this.seq++);
        this.sources.i32[source * STRIDE + S_HKEY] = k;
        this.keyIsNew = true;
        return k;
    }
    /** The source's key for the record's host: its previous record's if that matches, else a lookup. */
    verticalKey(source, proto, hd) {
        const owner = (source << SOURCE_SHIFT) | (KeyKind.Vertical << KIND_SHIFT) | proto;
        const K = this.keys;
        const rec = this.rec;
        let k = this.sources.i32[source * STRIDE + S_VKEY];
        if (k !== NONE) {
            const b = k * STRIDE;
            const i32 = K.i32;
            if (i32[b + OWNER] !== owner ||
                i32[b + W3] !== rec[REC_DST + 3] ||
                i32[b + W0] !== rec[REC_DST] ||
                i32[b + W1] !== rec[REC_DST + 1] ||
                i32[b + W2] !== rec[REC_DST + 2]) {
                k = K.find(keyHash(hd, owner), owner, rec, REC_DST);
            }
        }
        else {
            k = K.find(keyHash(hd, owner), owner, rec, REC_DST);
        }
        if (k !== NONE) {
            if (K.last[k] >= this.maxTs - this.verticalTtl) {
                this.sources.i32[source * STRIDE + S_VKEY] = k;
                this.keyIsNew = false;
                return k;
            }
            this.dropKey(k);
        }
        this.makeRoom(KeyKind.Vertical);
        k = this.addKey(owner, keyHash(hd, owner), REC_DST, this.seq++);
        this.sources.i32[source * STRIDE + S_VKEY] = k;
        this.keyIsNew = true;
        return k;
    }
    /** A new key (owner, rec[at..at+3]) last seen at recTs. */
    addKey(owner, hash, at, seq) {
        const K = this.keys;
        const k = K.add(hash, owner, this.rec, at);
        const b = k * STRIDE;
        K.last[k] = this.recTs;
        K.f64[k * F_STRIDE + SEQ] = seq;
        K.i32[b + K_NEWEST] = NONE;
        K.i32[b + K_OLDEST] = NONE;
        K.i32[b + K_COUNT] = 0;
        K.i32[b + K_FAILED] = 0;
        K.i32[b + K_PRUNE_EP] = PRUNE_FLOOR << 1;
        const S = this.sources;
        const source = owner >> SOURCE_SHIFT;
        const head = S.i32[source * STRIDE + S_KEYS];
        K.i32[b + K_PREV] = NONE;
        K.i32[b + K_NEXT] = head;
        if (head !== NONE)
            K.i32[head * STRIDE + K_PREV] = k;
        S.i32[source * STRIDE + S_KEYS] = k;
        if (((owner >> KIND_SHIFT) & 1) === KeyKind.Horizontal)
            this.horizontalPool.add(k);
        else
            this.verticalPool.add(k);
        return k;
    }
    /** Evicts whole keys, least recently seen first across both kinds, until under maxTargets. */
    shedTargets() {
        const K = this.keys;
        while (this.targets >= this.maxTargets) {
            const h = this.horizontalPool.oldest();
            const v = this.verticalPool.oldest();
            const victim = h === NONE ||
                (v !== NONE &&
                    olderThan(K.last[v], K.f64[v * F_STRIDE + SEQ], K.last[h], K.f64[h * F_STRIDE + SEQ]))
                ? v
                : h;
            const ttl = victim === h ? this.horizontalTtl : this.verticalTtl;
            if (K.last[victim] >= this.maxTs - ttl)
                this.evicted.maxTargets++;
            this.dropKey(victim);
        }
    }
    /** Before a new key of `kind`: evicts the least recently seen ones down to below the cap. */
    makeRoom(kind) {
        const horizontal = kind === KeyKind.Horizontal;
        const pool = horizontal ? this.horizontalPool : this.verticalPool;
        const cap = horizontal ? this.c.maxHorizontalKeys : this.c.maxVerticalKeys;
        const ttl = horizontal ? this.horizontalTtl : this.verticalTtl;
        while (pool.size >= cap) {
            const victim = pool.oldest();
            // An expired victim is what a sweep would have removed anyway: not a cap eviction.
            if (this.keys.last[victim] >= this.maxTs - ttl) {
                this.evicted[horizontal ? 'maxHorizontalKeys' : 'maxVerticalKeys']++;
            }
            this.dropKey(victim);
        }
    }
    /** The record's tuple: the source's previous record's if it is the same, else a lookup. */
    tupleOf(source, owner, hd, port) {
        const U = this.tuples;
        const S = this.sources.i32;
        const rec = this.rec;
        let u = S[source * STRIDE + S_TUPLE];
        if (u !== NONE) {
            const b = u * STRIDE;
            const i32 = U.i32;
            if (i32[b + OWNER] === owner &&
                i32[b + U_PORT] === port &&
                i32[b + W3] === rec[REC_DST + 3] &&
                i32[b + W0] === rec[REC_DST] &&
                i32[b + W1] === rec[REC_DST + 1] &&
                i32[b + W2] === rec[REC_DST + 2]) {
                return u;
            }
        }
        if (this.tupleAbsent)
            return NONE;
        u = U.findWide(tupleHash(hd, owner, port), owner, rec, REC_DST, port);
        if (u !== NONE)
            S[source * STRIDE + S_TUPLE] = u;
        return u;
    }
    /**
     * windowObserve for a key created by this very record: no episode, no targets, the record
     * inside its window, the tuple not yet its target; one target is below any threshold (≥ 2)
     * and any per-key cap (≥ 2). About a third of ordinary records create a (source, host) key.
     */
    firstTarget(k, kind, source, owner, hd, port, failed) {
        const c = this.c;
        const threshold = kind === KeyKind.Horizontal ? c.horizontalThreshold : c.verticalThreshold;
        const uid = failed && 1 > threshold - c.sampleSize ? this.currentUid() : undefined;
        this.addTarget(k, kind, this.tupleOf(source, owner, hd, port), source, owner, hd, port, failed, uid);
    }
    /**
     * The record as a contact of key k (its target: the host for a horizontal key, the port for
     * a vertical one): expires a quiet episode, extends the key's window, refreshes a target still
     * in it or adds a first contact — pruning, the per-key cap, uid sampling, the threshold and
     * the failed share exactly as the Map-based version did, in the same order.
     */
    windowObserve(k, kind, source, owner, hd, port, failed) {
        const K = this.keys;
        const kb = k * STRIDE;
        const ts = this.recTs;
        const horizontal = kind === KeyKind.Horizontal;
        const c = this.c;
        const window = horizontal ? c.horizontalWindowSeconds : c.verticalWindowSeconds;
        if ((K.i32[kb + K_PRUNE_EP] & 1) !== 0 && K.refs[k].lastNewTs < this.maxTs - window - this.lateness) {
            this.closeEpisode(k);
        }
        let last = K.last[k];
        if (ts > last) {
            K.last[k] = ts;
            last = ts;
        }
        const cutoff = last - window;
        if (ts < cutoff)
            return;
        let u = this.tupleOf(source, owner, hd, port);
        if (u !== NONE && ((this.tuples.i32[u * STRIDE + U_FLAGS] >> (3 * kind)) & R_PRESENT) !== 0) {
            const U = this.tuples;
            const at = u * F_STRIDE + U_TS + kind;
            const knownTs = U.f64[at];
            if (knownTs >= cutoff) {
                // The list order is repaired lazily (see place).
                if (ts > knownTs)
                    U.f64[at] = ts;
                if ((K.i32[kb + K_PRUNE_EP] & 1) !== 0) {
                    const ep = K.refs[k];
                    if (ts > ep.lastTs)
                        ep.lastTs = ts;
                }
                return;
            }
            // Left the window before this contact: a first contact again.
            this.removeTarget(k, kind, u);
            if (!U.isLive(u))
                u = NONE;
        }
        let count = K.i32[kb + K_COUNT];
        const perKey = this.maxTargetsPerKey;
        // Pruning and the per-key cap only touch other targets of this key: u stays as it is.
        if (count >= K.i32[kb + K_PRUNE_EP] >> 1 || count >= perKey) {
            count = this.prune(k, kind);
            if (count >= perKey) {
                this.dropOldestTarget(k, kind);
                this.evicted.maxTargetsPerKey++;
                count--;
            }
        }
        const threshold = horizontal ? c.horizontalThreshold : c.verticalThreshold;
        const sampleSize = c.sampleSize;
        const open = (K.i32[kb + K_PRUNE_EP] & 1) !== 0 ? K.refs[k] : undefined;
        const size = count + 1;
        // A uid costs a decode. Before an episode only failed contacts near the threshold keep
        // theirs: they are the evidence, and most keys never get that far.
        const wantUid = open !== undefined ? open.uids.length < sampleSize : failed && size > threshold - sampleSize;
        const uid = wantUid ? this.currentUid() : undefined;
        this.addTarget(k, kind, u, source, owner, hd, port, failed, uid);
        if (open !== undefined) {
            if (open.ports !== undefined && !addPort(open.ports, port)) {
                // A port this episode counted already: not a new target.
                if (ts > open.lastTs)
                    open.lastTs = ts;
                return;
            }
            const hosts = open.hosts;
            if (hosts !== undefined) {
                const host = addrKeyIn(this.rec, REC_DST);
                if (hosts.has(host)) {
                    // A host this episode counted already.
                    if (ts > open.lastTs)
                        open.lastTs = ts;
                    return;
                }
                if (hosts.size < MAX_EPISODE_HOSTS && this.episodeHosts < this.c.maxTargets) {
                    hosts.add(host);
                    this.episodeHosts++;
                }
            }
            open.distinct++;
            if (failed)
                open.failed++;
            if (ts > open.lastNewTs)
                open.lastNewTs = ts;
            if (ts < open.firstTs)
                open.firstTs = ts;
            if (ts > open.lastTs)
                open.lastTs = ts;
            if (open.sample.length < sampleSize)
                open.sample.push(horizontal ? addrKeyIn(this.rec, REC_DST) : port);
            if (wantUid)
                open.uids.push(this.currentUid());
            return;
        }
        if (size < threshold)
            return;
        count = this.prune(k, kind);
        const minRatio = horizontal ? c.horizontalMinFailedRatio : c.verticalMinFailedRatio;
        if (count < threshold || K.i32[kb + K_FAILED] / count < minRatio)
            return;
        K.refs[k] = this.openEpisode(k, kind, sampleSize);
        K.i32[kb + K_PRUNE_EP] |= 1;
        this.episodeKeys.push([k, K.f64[k * F_STRIDE + SEQ]]);
    }
    // ── targets: tuple roles, per key a list newest → oldest by ts ──
    /**
     * Makes tuple u — (owner, rec[REC_DST], port), created when NONE — a target of key k (its
     * role `kind`) first contacted at recTs, and files it in k's ts order. Returns the tuple.
     */
    addTarget(k, kind, u, source, owner, hd, port, failed, uid) {
        const U = this.tuples;
        if (u === NONE) {
            u = U.add(tupleHash(hd, owner, port), owner, this.rec, REC_DST);
            U.i32[u * STRIDE + U_PORT] = port;
            U.i32[u * STRIDE + U_FLAGS] = 0;
            this.sources.i32[source * STRIDE + S_TUPLE] = u;
        }
        const ts = this.recTs;
        U.f64[u * F_STRIDE + U_TS + kind] = ts;
        U.side[u * SIDE + SIDE_FIRST + kind] = ts;
        let flags = failed ? R_PRESENT | R_FAILED : R_PRESENT;
        if (uid !== undefined) {
            U.refs[2 * u + kind] = uid;
            flags |= R_HAS_UID;
        }
        U.i32[u * STRIDE + U_FLAGS] |= flags << (3 * kind);
        this.place(k, kind, u);
        const K = this.keys.i32;
        K[k * STRIDE + K_COUNT]++;
        if (failed)
            K[k * STRIDE + K_FAILED]++;
        this.targets++;
        return u;
    }
    /** Takes tuple u out of key k; frees it when it is no longer any key's target. */
    removeTarget(k, kind, u) {
        this.unlink(k, kind, u);
        this.dropTarget(k, kind, u);
    }
    /** removeTarget for a tuple already unlinked from k's list. */
    dropTarget(k, kind, u) {
        const K = this.keys.i32;
        const failed = this.dropRole(kind, u);
        K[k * STRIDE + K_COUNT]--;
        if (failed)
            K[k * STRIDE + K_FAILED]--;
    }
    /** Clears role `kind` of tuple u (freeing u if it has no other); returns whether it failed. */
    dropRole(kind, u) {
        const U = this.tuples;
        const shift = 3 * kind;
        const flags = U.i32[u * STRIDE + U_FLAGS];
        if (((flags >> shift) & R_HAS_UID) !== 0)
            U.refs[2 * u + kind] = undefined;
        const rest = flags & ~(7 << shift);
        if (rest === 0)
            U.remove(u);
        else
            U.i32[u * STRIDE + U_FLAGS] = rest;
        this.targets--;
        return ((flags >> shift) & R_FAILED) !== 0;
    }
    clearTargets(k) {
        const K = this.keys.i32;
        const U = this.tuples;
        const kb = k * STRIDE;
        const kind = ((K[kb + OWNER] >> KIND_SHIFT) & 1);
        const older = U_OLDER + 2 * kind;
        for (let u = K[kb + K_NEWEST]; u !== NONE;) {
            const next = U.i32[u * STRIDE + older];
            this.dropRole(kind, u);
            u = next;
        }
        K[kb + K_NEWEST] = NONE;
        K[kb + K_OLDEST] = NONE;
        K[kb + K_COUNT] = 0;
        K[kb + K_FAILED] = 0;
        K[kb + K_PRUNE_EP] = (PRUNE_FLOOR << 1) | (K[kb + K_PRUNE_EP] & 1);
    }
    /**
     * Files tuple u (its role `kind`; ts already set) in k's list, which is ordered by the time
     * each target had when it was filed (PLACED, side array), newest first. A later contact only
     * raises the target's ts and leaves it where it is — the list is re-sorted lazily, when a
     * target reaches the old end (see prune) — so a repeat contact costs one store instead of
     * relinking three rows. Records mostly arrive in time order, so filing is at the newest end;
     * an older one is placed walking from the end nearer in time (at most the key's targets).
     */
    place(k, kind, u) {
        const K = this.keys.i32;
        const U = this.tuples;
        const T = U.i32;
        const side = U.side;
        const NEWER = U_NEWER + 2 * kind;
        const OLDER = U_OLDER + 2 * kind;
        const PLACED = SIDE_PLACED + kind;
        const ts = U.f64[u * F_STRIDE + U_TS + kind];
        side[u * SIDE + PLACED] = ts;
        const kb = k * STRIDE;
        const ub = u * STRIDE;
        const newest = K[kb + K_NEWEST];
        if (newest === NONE) {
            T[ub + NEWER] = NONE;
            T[ub + OLDER] = NONE;
            K[kb + K_NEWEST] = u;
            K[kb + K_OLDEST] = u;
            return;
        }
        const newestTs = side[newest * SIDE + PLACED];
        if (ts >= newestTs) {
            T[ub + NEWER] = NONE;
            T[ub + OLDER] = newest;
            T[newest * STRIDE + NEWER] = u;
            K[kb + K_NEWEST] = u;
            return;
        }
        const oldest = K[kb + K_OLDEST];
        const oldestTs = side[oldest * SIDE + PLACED];
        if (ts <= oldestTs) {
            T[ub + NEWER] = oldest;
            T[ub + OLDER] = NONE;
            T[oldest * STRIDE + OLDER] = u;
            K[kb + K_OLDEST] = u;
            return;
        }
        // Strictly between the two ends: find the neighbours newer (≥ ts) and older (< ts).
        let newer;
        let older;
        if (newestTs - ts <= ts - oldestTs) {
            newer = newest;
            older = T[newer * STRIDE + OLDER];
            while (side[older * SIDE + PLACED] >= ts) {
                newer = older;
                older = T[newer * STRIDE + OLDER];
            }
        }
        else {
            older = oldest;
            newer = T[older * STRIDE + NEWER];
            while (side[newer * SIDE + PLACED] < ts) {
                older = newer;
                newer = T[older * STRIDE + NEWER];
            }
        }
        T[ub + NEWER] = newer;
        T[ub + OLDER] = older;
        T[newer * STRIDE + OLDER] = u;
        T[older * STRIDE + NEWER] = u;
    }
    unlink(k, kind, u) {
        const K = this.keys.i32;
        const T = this.tuples.i32;
        const NEWER = U_NEWER + 2 * kind;
        const OLDER = U_OLDER + 2 * kind;
        const newer = T[u * STRIDE + NEWER];
        const older = T[u * STRIDE + OLDER];
        if (newer === NONE)
            K[k * STRIDE + K_NEWEST] = older;
        else
            T[newer * STRIDE + OLDER] = older;
        if (older === NONE)
            K[k * STRIDE + K_OLDEST] = newer;
        else
            T[older * STRIDE + NEWER] = newer;
    }
    /**
     * Removes every target that left the window and sets the next prune point; returns the live
     * count. Every ts is at least its PLACED time, so walking from the old end: a target placed
     * at or after the cutoff ends the walk (all newer ones are live too), one whose ts is before
     * the cutoff goes, and one contacted since it was filed is re-filed at its ts. That costs
     * O(removed + re-filed), each re-filing paid for by the contact that made it necessary.
     *
     * The next prune point is twice the live count, so stale targets never hold more than the
     * live ones for long, at O(1) amortised cost. The schedule decides when memory is reclaimed
     * (and so the budget), never a window decision: decisions prune first.
     */
    prune(k, kind) {
        const U = this.tuples;
        const K = this.keys.i32;
        const kb = k * STRIDE;
        const TS = U_TS + kind;
        const PLACED = SIDE_PLACED + kind;
        const window = kind === KeyKind.Horizontal ? this.c.horizontalWindowSeconds : this.c.verticalWindowSeconds;
        const cutoff = this.keys.last[k] - window;
        for (let u = K[kb + K_OLDEST]; u !== NONE && U.side[u * SIDE + PLACED] < cutoff; u = K[kb + K_OLDEST]) {
            this.unlink(k, kind, u);
            if (U.f64[u * F_STRIDE + TS] < cutoff)
                this.dropTarget(k, kind, u);
            else
                this.place(k, kind, u);
        }
        const count = K[kb + K_COUNT];
        K[kb + K_PRUNE_EP] = (Math.max(PRUNE_FLOOR, 2 * count) << 1) | (K[kb + K_PRUNE_EP] & 1);
        return count;
    }
    /**
     * At the per-key cap with every target live: drops the least recently seen (ties: lowest).
     * Re-files contacted targets off the old end until the oldest was not contacted since it was
     * filed: its ts is then the minimum, and only targets placed at that same time can tie.
     */
    dropOldestTarget(k, kind) {
        const U = this.tuples;
        const K = this.keys.i32;
        const kb = k * STRIDE;
        const NEWER = U_NEWER + 2 * kind;
        const TS = U_TS + kind;
        const PLACED = SIDE_PLACED + kind;
        for (;;) {
            const u = K[kb + K_OLDEST];
            if (U.f64[u * F_STRIDE + TS] === U.side[u * SIDE + PLACED])
                break;
            this.unlink(k, kind, u);
            this.place(k, kind, u);
        }
        let victim = K[kb + K_OLDEST];
        const ts = U.f64[victim * F_STRIDE + TS];
        for (let u = U.i32[victim * STRIDE + NEWER]; u !== NONE && U.side[u * SIDE + PLACED] === ts;) {
            if (U.f64[u * F_STRIDE + TS] === ts && compareTargets(U.i32, kind, u, victim) < 0)
                victim = u;
            u = U.i32[u * STRIDE + NEWER];
        }
        this.removeTarget(k, kind, victim);
    }
    /** The window at the crossing becomes the episode's first targets (already pruned). */
    openEpisode(k, kind, sampleSize) {
        const U = this.tuples;
        const K = this.keys;
        const OLDER = U_OLDER + 2 * kind;
        const shift = 3 * kind;
        const entries = [];
        for (let u = K.i32[k * STRIDE + K_NEWEST]; u !== NONE; u = U.i32[u * STRIDE + OLDER])
            entries.push(u);
        entries.sort((a, b) => compareTargets(U.i32, kind, a, b));
        let firstTs = Number.POSITIVE_INFINITY;
        let lastTs = Number.NEGATIVE_INFINITY;
        let lastNewTs = Number.NEGATIVE_INFINITY;
        const uids = [];
        for (const u of entries) {
            const first = U.side[u * SIDE + SIDE_FIRST + kind];
            const ts = U.f64[u * F_STRIDE + U_TS + kind];
            if (first < firstTs)
                firstTs = first;
            if (ts > lastTs)
                lastTs = ts;
            if (first > lastNewTs)
                lastNewTs = first;
            const hasUid = ((U.i32[u * STRIDE + U_FLAGS] >> shift) & R_HAS_UID) !== 0;
            if (hasUid && uids.length < sampleSize)
                uids.push(U.refs[2 * u + kind]);
        }
        const targets = kind === KeyKind.Vertical
            ? this.portSetIfRoom(entries.map((u) => U.i32[u * STRIDE + U_PORT]))
            : { hosts: this.hostSet(entries.map((u) => addrKeyAt(U, u))) };
        return {
            ...targets,
            firstTs,
            lastTs,
            lastNewTs,
            distinct: entries.length,
            failed: K.i32[k * STRIDE + K_FAILED],
            sample: entries
                .slice(0, sampleSize)
                .map((u) => (kind === KeyKind.Horizontal ? addrKeyAt(U, u) : U.i32[u * STRIDE + U_PORT])),
            uids,
        };
    }
    // ── expiry and eviction ──
    sweep() {
        this.nextSweepAt = this.maxTs + this.sweepEvery;
        const sourceCut = this.maxTs - this.sourceTtl;
        const horizontalCut = this.maxTs - this.horizontalTtl;
        const verticalCut = this.maxTs - this.verticalTtl;
        const S = this.sources;
        const K = this.keys;
        // Idle sources go with all their keys; then one pass over the key table in slot order
        // (sequential memory, where following each source's key list would jump for every key).
        for (let s = 0; s < S.top; s++)
            if (S.last[s] < sourceCut)
                this.dropSource(s);
        const anyCut = Math.max(horizontalCut, verticalCut);
        const last = K.last;
        for (let k = 0; k < K.top; k++) {
            if (last[k] >= anyCut)
                continue;
            const cut = ((K.i32[k * STRIDE + OWNER] >> KIND_SHIFT) & 1) === KeyKind.Horizontal ? horizontalCut : verticalCut;
            if (last[k] < cut)
                this.dropKey(k);
        }
        // Quiet episodes of keys that live on close; their keys are listed apart (few).
        const open = [];
        const seen = new Set();
        for (const entry of this.episodeKeys) {
            const [k, seq] = entry;
            if (k === NONE || seen.has(k) || !K.isLive(k) || K.f64[k * F_STRIDE + SEQ] !== seq)
                continue;
            if ((K.i32[k * STRIDE + K_PRUNE_EP] & 1) === 0)
                continue;
            seen.add(k);
            const horizontal = ((K.i32[k * STRIDE + OWNER] >> KIND_SHIFT) & 1) === KeyKind.Horizontal;
            if (K.refs[k].lastNewTs < (horizontal ? horizontalCut : verticalCut))
                this.closeEpisode(k);
            else
                open.push(entry);
        }
        this.episodeKeys = open;
    }
    dropSource(s) {
        const S = this.sources;
        const K = this.keys;
        for (let k = S.i32[s * STRIDE + S_KEYS]; k !== NONE;) {
            const next = K.i32[k * STRIDE + K_NEXT];
            this.dropKey(k);
            k = next;
        }
        this.clearContacts(s);
        S.refs[s] = undefined;
        S.remove(s);
        this.sourcePool.remove();
    }
    /** Removes a key; an open episode is a scan that happened, so it is emitted, not lost. */
    dropKey(k) {
        this.closeEpisode(k);
        this.clearTargets(k);
        const K = this.keys;
        const b = k * STRIDE;
        const owner = K.i32[b + OWNER];
        const prev = K.i32[b + K_PREV];
        const next = K.i32[b + K_NEXT];
        if (prev === NONE)
            this.sources.i32[(owner >> SOURCE_SHIFT) * STRIDE + S_KEYS] = next;
        else
            K.i32[prev * STRIDE + K_NEXT] = next;
        if (next !== NONE)
            K.i32[next * STRIDE + K_PREV] = prev;
        K.remove(k);
        if (((owner >> KIND_SHIFT) & 1) === KeyKind.Horizontal)
            this.horizontalPool.remove();
        else
            this.verticalPool.remove();
    }
    /** A vertical episode's port set while fewer than `MAX_EPISODE_PORT_SETS` are open. */
    portSetIfRoom(ports) {
        if (this.episodePortSets >= MAX_EPISODE_PORT_SETS)
            return {};
        this.episodePortSets++;
        return { ports: portSet(ports) };
    }
    /** A horizontal episode's host set holding what the budget allows of `hosts`. */
    hostSet(hosts) {
        const room = Math.max(0, Math.min(MAX_EPISODE_HOSTS, this.c.maxTargets - this.episodeHosts));
        const set = new Set(hosts.slice(0, room));
        this.episodeHosts += set.size;
        return set;
    }
    /** Emits an open episode and starts the key afresh, so a later scan needs a full threshold. */
    closeEpisode(k) {
        const K = this.keys;
        if ((K.i32[k * STRIDE + K_PRUNE_EP] & 1) === 0)
            return;
        const episode = K.refs[k];
        this.episodeHosts -= episode.hosts?.size ?? 0;
        if (episode.ports !== undefined)
            this.episodePortSets--;
        this.findings.push(this.windowFinding(k, episode));
        K.i32[k * STRIDE + K_PRUNE_EP] &= ~1;
        K.refs[k] = undefined;
        this.clearTargets(k);
    }
    // ── findings (strings are built here only) ──
    windowFinding(k, ep) {
        const K = this.keys;
        const owner = K.i32[k * STRIDE + OWNER];
        const horizontal = ((owner >> KIND_SHIFT) & 1) === KeyKind.Horizontal;
        const c = this.c;
        const threshold = horizontal ? c.horizontalThreshold : c.verticalThreshold;
        const window = horizontal ? c.horizontalWindowSeconds : c.verticalWindowSeconds;
        const src = formatAt(this.sources, owner >> SOURCE_SHIFT);
        const proto = PROTO_NAMES[owner & 3] ?? 'unknown_transport';
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
            const port = String(K.i32[k * STRIDE + W3]);
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
        const dst = formatAt(K, k);
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
    trwFinding(source, t) {
        const c = this.c;
        const src = formatAt(this.sources, source);
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
            summary: `${src} failed ${t.failures} of ${t.firstContacts} first contacts with distinct hosts ` +
                `(TRW Λ ${Number(lambda.toPrecision(4))} ≥ η1 ${Number(eta1.toPrecision(4))})`,
        });
    }
}
function addrKeyAt(table, e) {
    const i32 = table.i32;
    const b = e * STRIDE;
    return addrKeyOf(i32[b + W0], i32[b + W1], i32[b + W2], i32[b + W3]);
}
function formatAt(table, e) {
    const i32 = table.i32;
    const b = e * STRIDE;
    return formatWords(i32[b + W0], i32[b + W1], i32[b + W2], i32[b + W3]);
}
export const scanAnalyzer = {
    name: 'scan',
    create(vshard, config) {
        return new ScanShard(vshard, config);
    },
    restore(vshard, config, snapshot) {
        return ScanShard.restore(vshard, config, snapshot);
    },
    // No cross-shard aggregate: every scan is decided where its source's records meet.
    merge(parts) {
        return parts.find((p) => p !== undefined);
    },
};
//# sourceMappingURL=scan.js.map