/**
 * TCP stream reassembly for one direction, with Zeek's content-gap semantics (its
 * TCP_Reassembler and Reassembler): sequence numbers are relative to the direction's start (the
 * first data byte is 1), bytes are delivered in order, overlapping data is first-wins, and a
 * *content gap* is declared only when the peer acknowledges bytes that were never seen — never
 * for a hole that is merely waiting. The connection tracker turns gaps into Zeek's `G`/`g`
 * history letters and `missed_bytes` (only while both endpoints are established or closing
 * cleanly, as Zeek does).
 *
 * Cost and memory: a direction nobody reads (`keepData` false) stores no bytes at all, only the
 * ranges of out-of-order segments (needed for Zeek's gap accounting). A direction an app parser
 * reads holds copies of out-of-order segments, up to `maxHeldPerDirection` bytes and the shared
 * `ReassemblyBudget`; beyond either bound a segment is kept as a range without bytes, and its
 * bytes reach the parser as a gap (counted in the budget, not a Zeek content gap). Delivered
 * bytes not yet acknowledged are kept (up to `maxRetainedPerDirection`) only to compare
 * retransmissions: differing overlapping data is the `rexmit_inconsistency` event (Zeek's event
 * name). Zeek's own bounds are applied with its weird names: 16 KiB above a hole while nothing
 * was acknowledged (`above_hole_data_without_any_acks`) and 10 MiB buffered without further acks
 * (`excessive_data_without_further_acks`) end reassembly of the direction. At most
 * `maxPendingSegments` out-of-order ranges are held; a segment beyond that is dropped (counted),
 * so its bytes become a gap once acknowledged.
 */
export const DEFAULT_REASSEMBLY_LIMITS = Object.freeze({
    maxHeldPerDirection: 256 * 1024,
    maxRetainedPerDirection: 16 * 1024,
    maxPendingSegments: 1024,
    maxAboveHoleWithoutAcks: 16384,
    maxDataWithoutAcks: 10 * 1024 * 1024,
    maxInitialWindow: 16384,
    maxEventsPerDirection: 4,
});
/** Bytes held by every reassembler of a tracker, against one cap; with counters for the summary. */
export class ReassemblyBudget {
    max;
    held = 0;
    peakHeld = 0;
    /** Bytes that reached a parser as a gap because a bound was hit (not Zeek content gaps). */
    droppedBytes = 0;
    /** Out-of-order segments dropped because `maxPendingSegments` was reached. */
    droppedSegments = 0;
    /** rexmit_inconsistency occurrences (events are capped, the count is not). */
    inconsistencies = 0;
    /**
     * Retained-bytes stores that reassemblers gave back, by size class (2 KiB · 2^k): a direction
     * whose bytes are acknowledged packet by packet empties its store as often as it fills it, and
     * a fresh zeroed buffer costs as much as the `slice()` the store replaced. At most
     * MAX_SPARE_STORES per class are kept (~4 MiB in all).
     */
    spareStores = [];
    constructor(max = 64 * 1024 * 1024) {
        this.max = max;
    }
    take(n) {
        if (this.held + n > this.max)
            return false;
        this.held += n;
        if (this.held > this.peakHeld)
            this.peakHeld = this.held;
        return true;
    }
    give(n) {
        this.held -= n;
    }
    /** A store of `capacity` bytes (MIN_STORE · 2^k), reused if one was given back. */
    takeStore(capacity) {
        return this.spareStores[storeClass(capacity)]?.pop() ?? new Uint8Array(capacity);
    }
    giveStore(store) {
        const k = storeClass(store.length);
        const spare = this.spareStores[k] ?? [];
        this.spareStores[k] = spare;
        if (spare.length < MAX_SPARE_STORES)
            spare.push(store);
    }
}
/** Smallest retained-bytes store (a one-segment exchange needs no more); others are 2^k times it. */
const MIN_STORE = 2048;
const MAX_SPARE_STORES = 64;
function storeClass(capacity) {
    return Math.clz32(MIN_STORE) - Math.clz32(capacity);
}
export class TcpReassembler {
    host;
    budget;
    limits;
    /** Zeek's last_reassem_seq: everything below was delivered or declared a gap. */
    last = 1;
    /** Zeek's trim_seq: acknowledged and forgotten. */
    trim = 1;
    /** Zeek's skip_deliveries: reassembly given up for this direction. */
    skip = false;
    /** Whether the bytes are wanted (an app parser reads this direction). */
    keepData = false;
    /** Bytes of the direction delivered to the host so far. */
    delivered = 0;
    pending = [];
    pendingRange = 0;
    pendingHeld = 0;
    retained = [];
    retainedHeld = 0;
    /**
     * The retained segments' bytes, back to back in delivery order (the oldest first, at
     * `retained[0].at`); position p is `store[p - storeBase]`, and `storeEnd` follows the last
     * byte. Copying into it replaces a `slice()` per delivered segment: a new ArrayBuffer each,
     * ~0.5 µs apiece, 6 % of `extract`. Taken on the first segment kept and given back to the
     * budget's spares once acknowledgements empty it, so an idle direction holds nothing; while it
     * holds bytes it is at most twice `maxRetainedPerDirection` (rounded up to a power of two)
     * and, on each reallocation, at most eight times the bytes it keeps.
     */
    store = undefined;
    storeBase = 0;
    storeEnd = 0;
    events = 0;
    ts = 0;
    constructor(host, budget, limits = DEFAULT_REASSEMBLY_LIMITS) {
        this.host = host;
        this.budget = budget;
        this.limits = limits;
    }
    /** Bytes this direction holds (copies), for the memory accounting. */
    get heldBytes() {
        return this.pendingHeld + this.retainedHeld;
    }
    get pendingSegments() {
        return this.pending.length;
    }
    /** Stops keeping bytes (the reader is done); ranges stay for the gap accounting. */
    dropData() {
        this.keepData = false;
        this.retained.length = 0;
        this.freeStore();
        this.release(this.retainedHeld);
        this.retainedHeld = 0;
        for (const s of this.pending)
            s.data = undefined;
        this.release(this.pendingHeld);
        this.pendingHeld = 0;
    }
    /**
     * Zeek's TCP_Reassembler::DataSent: a segment's payload at relative sequence `seq`. `acked` is
     * the relative sequence the peer has acknowledged of this direction; `noDataAcked` and `size`
     * (payload bytes by sequence numbers) feed Zeek's bounds.
     */
    dataSent(ts, seq, data, acked, noDataAcked, size) {
        if (this.skip)
            return;
        this.ts = ts;
        let s = seq;
        let bytes = data;
        const upper = s + bytes.length;
        if (s < acked) {
            if (upper <= acked)
                return;
            bytes = bytes.subarray(acked - s);
            s = acked;
        }
        if (bytes.length === 0)
            return;
        this.checkRetainedOverlap(s, bytes);
        if (upper <= this.trim)
            return;
        this.checkOverlap(this.pending, s, bytes);
        if (s < this.trim) {
            bytes = bytes.subarray(this.trim - s);
            s = this.trim;
        }
        // Below `last` everything was delivered (or declared a gap): only the rest is new.
        if (s < this.last) {
            if (upper <= this.last)
                return;
            bytes = bytes.subarray(this.last - s);
            s = this.last;
        }
        if (this.pending.length === 0 && s === this.last) {
            // In order with nothing waiting: no copy, no bookkeeping beyond the sequence number.
            this.last = upper;
            if (this.keepData) {
                this.delivered += bytes.length;
                this.host.deliver(this, bytes, ts);
                if (this.keepData)
                    this.retain(s, upper, bytes);
            }
        }
        else {
            this.insert(s, upper, bytes);
            this.deliverReady();
        }
        if (noDataAcked && size > this.limits.maxInitialWindow) {
            // Zeek: data sent, none acknowledged: stop holding what was delivered.
            this.trimRetained(this.last);
            if (this.last > this.trim)
                this.trim = this.last;
        }
        this.adoptBorrowed();
        const undelivered = this.pending.length > 0 ? this.pending[this.pending.length - 1].upper - this.last : 0;
        if (noDataAcked && undelivered > this.limits.maxAboveHoleWithoutAcks) {
            this.host.event('above_hole_data_without_any_acks', `${undelivered} bytes above a hole, nothing acknowledged`);
            this.giveUp();
        }
        else if (this.last - this.trim + this.pendingRange > this.limits.maxDataWithoutAcks) {
            this.host.event('excessive_data_without_further_acks', `${this.last - this.trim + this.pendingRange} bytes`);
            this.giveUp();
        }
    }
    /**
     * Zeek's TCP_Reassembler::AckReceived: the peer acknowledged up to relative `seq`. Bytes below
     * it that were never seen are a content gap (delivered to the host as such).
     */
    ackReceived(ts, ackSeq, finCount, finSeq, isPartial) {
        let seq = ackSeq;
        if (finCount > 0 && seq >= finSeq)
            seq = finSeq - 1;
        if (seq <= this.trim)
            return;
        this.ts = ts;
        if (seq > this.last)
            this.undelivered(seq, isPartial);
        this.trimRetained(seq);
        while (this.pending.length > 0 && this.pending[0].upper <= seq)
            this.removeFirstPending();
        if (this.pending.length > 0 && this.pending[0].seq === this.last) {
            this.deliverReady();
            this.adoptBorrowed();
        }
        this.trim = seq;
    }
    undelivered(upTo, isPartial) {
        // A partial connection's faked-up start: an ack of 1 or 2 is not a gap (Zeek leaves
        // last_reassem_seq where it is in that case).
        if (upTo <= 2 && isPartial)
            return;
        if (!this.skip) {
            while (this.pending.length > 0 && this.pending[0].seq < upTo) {
                const first = this.pending[0];
                if (first.seq >= this.last) {
                    this.host.gap(this, this.last, first.seq - this.last);
                    this.last = first.seq;
                }
                this.deliverReady();
                if (this.pending.length > 0 && this.pending[0] === first)
                    this.removeFirstPending();
            }
            if (upTo > this.last)
                this.host.gap(this, this.last, upTo - this.last);
        }
        if (upTo > this.last)
            this.last = upTo;
    }
    /** Inserts [s, upper) around the pending segments (first wins). */
    insert(s, upper, bytes) {
        const p = this.pending;
        let i = 0;
        while (i < p.length && p[i].upper <= s)
            i++;
        let pos = s;
        while (pos < upper) {
            const next = p[i];
            if (next !== undefined && next.seq <= pos) {
                pos = Math.max(pos, next.upper);
                i++;
                continue;
            }
            const end = next === undefined ? upper : Math.min(upper, next.seq);
            if (p.length >= this.limits.maxPendingSegments && pos > this.last) {
                this.budget.droppedSegments++;
                return;
            }
            p.splice(i, 0, {
                seq: pos,
                upper: end,
                data: this.keepData ? bytes.subarray(pos - s, end - s) : undefined,
                borrowed: this.keepData,
            });
            this.pendingRange += end - pos;
            i++;
            pos = end;
        }
    }
    deliverReady() {
        const p = this.pending;
        while (p.length > 0 && p[0].seq === this.last) {
            const seg = p.shift();
            this.pendingRange -= seg.upper - seg.seq;
            const len = seg.upper - seg.seq;
            if (!seg.borrowed && seg.data !== undefined) {
                this.pendingHeld -= len;
                this.release(len);
            }
            this.last = seg.upper;
            if (seg.data !== undefined) {
                this.delivered += len;
                this.host.deliver(this, seg.data, this.ts);
                if (this.keepData)
                    this.retain(seg.seq, seg.upper, seg.data);
            }
            else if (this.keepData) {
                this.budget.droppedBytes += len;
                this.host.lost(this, len);
            }
        }
    }
    /** Copies what is still pending out of the caller's packet (or keeps only the range). */
    adoptBorrowed() {
        for (const seg of this.pending) {
            if (!seg.borrowed)
                continue;
            seg.borrowed = false;
            const len = seg.upper - seg.seq;
            if (seg.data !== undefined &&
                this.pendingHeld + len <= this.limits.maxHeldPerDirection &&
                this.budget.take(len)) {
                seg.data = seg.data.slice();
                this.pendingHeld += len;
            }
            else {
                seg.data = undefined;
            }
        }
    }
    /** Keeps a copy of delivered bytes [seq, upper) until they are acknowledged. */
    retain(seq, upper, data) {
        const len = upper - seq;
        if (len > this.limits.maxRetainedPerDirection)
            return;
        while (this.retained.length > 0 && this.retainedHeld + len > this.limits.maxRetainedPerDirection) {
            this.dropOldestRetained();
        }
        if (!this.budget.take(len)) {
            if (this.retained.length === 0)
                this.freeStore();
            return;
        }
        this.retained.push({ seq, upper, at: this.append(data) });
        this.retainedHeld += len;
    }
    trimRetained(seq) {
        while (this.retained.length > 0 && this.retained[0].upper <= seq)
            this.dropOldestRetained();
        if (this.retained.length === 0)
            this.freeStore();
    }
    dropOldestRetained() {
        const old = this.retained.shift();
        const n = old.upper - old.seq;
        this.retainedHeld -= n;
        this.release(n);
    }
    /** Copies bytes to the end of the store; returns their position. */
    append(bytes) {
        const len = bytes.length;
        let store = this.store;
        if (store === undefined || this.storeEnd - this.storeBase + len > store.length) {
            // Out of room at the end: move the live bytes (the retained segments') to the front —
            // into a buffer of twice what is needed unless the current one is that big but not
            // eight times too big — so each byte is moved O(1) times on average.
            const head = this.retained.length > 0 ? this.retained[0].at : this.storeEnd;
            const live = this.storeEnd - head;
            const need = live + len;
            if (store !== undefined && need * 2 <= store.length && need * 8 > store.length) {
                store.copyWithin(0, head - this.storeBase, this.storeEnd - this.storeBase);
            }
            else {
                let capacity = MIN_STORE;
                while (capacity < need * 2)
                    capacity *= 2;
                const grown = this.budget.takeStore(capacity);
                if (store !== undefined) {
                    if (live > 0)
                        grown.set(store.subarray(head - this.storeBase, this.storeEnd - this.storeBase));
                    this.budget.giveStore(store);
                }
                store = grown;
                this.store = grown;
            }
            this.storeBase = head;
        }
        store.set(bytes, this.storeEnd - this.storeBase);
        const at = this.storeEnd;
        this.storeEnd += len;
        return at;
    }
    freeStore() {
        if (this.store !== undefined)
            this.budget.giveStore(this.store);
        this.store = undefined;
        this.storeBase = this.storeEnd;
    }
    removeFirstPending() {
        const seg = this.pending.shift();
        const len = seg.upper - seg.seq;
        this.pendingRange -= len;
        if (seg.data !== undefined && !seg.borrowed) {
            this.pendingHeld -= len;
            this.release(len);
        }
    }
    giveUp() {
        while (this.pending.length > 0)
            this.removeFirstPending();
        this.trimRetained(Number.POSITIVE_INFINITY);
        this.skip = true;
        if (this.keepData)
            this.host.lost(this, 0);
    }
    release(n) {
        if (n > 0)
            this.budget.give(n);
    }
    /** `checkOverlap` against the retained (delivered, unacknowledged) segments. */
    checkRetainedOverlap(seq, bytes) {
        const list = this.retained;
        if (list.length === 0)
            return;
        const upper = seq + bytes.length;
        if (seq === list[list.length - 1].upper)
            return;
        for (const b of list) {
            if (upper <= b.seq)
                break;
            if (seq >= b.upper)
                continue;
            const from = Math.max(seq, b.seq);
            const to = Math.min(upper, b.upper);
            if (to - from <= 0)
                continue;
            const at = b.at - this.storeBase - b.seq;
            this.compareOverlap(this.store.subarray(at + from, at + to), bytes.subarray(from - seq, to - seq), from);
        }
    }
    /** Zeek's CheckOverlap/Overlap: compares overlapping bytes where both sides have them. */
    checkOverlap(list, seq, bytes) {
        if (list.length === 0)
            return;
        const upper = seq + bytes.length;
        if (seq === list[list.length - 1].upper)
            return;
        for (const b of list) {
            if (upper <= b.seq)
                break;
            if (seq >= b.upper || b.data === undefined)
                continue;
            const from = Math.max(seq, b.seq);
            const to = Math.min(upper, b.upper);
            if (to - from <= 0)
                continue;
            this.compareOverlap(b.data.subarray(from - b.seq, to - b.seq), bytes.subarray(from - seq, to - seq), from);
        }
    }
    /** Reports `rexmit_inconsistency` when the first copy of bytes at `from` differs from a later one. */
    compareOverlap(ours, theirs, from) {
        const n = ours.length;
        let differs = false;
        for (let k = 0; k < n; k++) {
            if (ours[k] !== theirs[k]) {
                differs = true;
                break;
            }
        }
        if (differs && (n > 1 || this.host.peerActive(this))) {
            this.budget.inconsistencies++;
            if (this.events < this.limits.maxEventsPerDirection) {
                this.events++;
                this.host.event('rexmit_inconsistency', `${n} bytes at relative seq ${from} differ from the first copy (first wins)`);
            }
        }
    }
}
//# sourceMappingURL=reassembly.js.map