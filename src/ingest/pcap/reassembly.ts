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

export interface ReassemblyLimits {
  /** Out-of-order bytes held per direction (copies) before newer segments keep only their range. */
  readonly maxHeldPerDirection: number;
  /** Delivered, unacknowledged bytes kept per direction to check retransmissions against. */
  readonly maxRetainedPerDirection: number;
  /** Out-of-order ranges per direction. */
  readonly maxPendingSegments: number;
  /** Zeek's tcp_max_above_hole_without_any_acks. */
  readonly maxAboveHoleWithoutAcks: number;
  /** Zeek's tcp_excessive_data_without_further_acks. */
  readonly maxDataWithoutAcks: number;
  /** Zeek's tcp_max_initial_window. */
  readonly maxInitialWindow: number;
  /** Inconsistent-retransmission events reported per direction (they are counted beyond). */
  readonly maxEventsPerDirection: number;
}

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = Object.freeze({
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
  private readonly spareStores: Uint8Array[][] = [];

  constructor(readonly max: number = 64 * 1024 * 1024) {}

  take(n: number): boolean {
    if (this.held + n > this.max) return false;
    this.held += n;
    if (this.held > this.peakHeld) this.peakHeld = this.held;
    return true;
  }

  give(n: number): void {
    this.held -= n;
  }

  /** A store of `capacity` bytes (MIN_STORE · 2^k), reused if one was given back. */
  takeStore(capacity: number): Uint8Array {
    return this.spareStores[storeClass(capacity)]?.pop() ?? new Uint8Array(capacity);
  }

  giveStore(store: Uint8Array): void {
    const k = storeClass(store.length);
    const spare = this.spareStores[k] ?? [];
    this.spareStores[k] = spare;
    if (spare.length < MAX_SPARE_STORES) spare.push(store);
  }
}

/** Smallest retained-bytes store (a one-segment exchange needs no more); others are 2^k times it. */
const MIN_STORE = 2048;
const MAX_SPARE_STORES = 64;

function storeClass(capacity: number): number {
  return Math.clz32(MIN_STORE) - Math.clz32(capacity);
}

/** What a reassembler reports to its connection. */
export interface ReassemblyHost {
  /** In-order bytes (a view valid during the call). */
  deliver(r: TcpReassembler, bytes: Uint8Array, ts: number): void;
  /** Zeek's TCP_Reassembler::Gap: bytes acknowledged but never seen. */
  gap(r: TcpReassembler, seq: number, len: number): void;
  /** Bytes that were seen but not kept (a bound was hit): the parser sees a gap. */
  lost(r: TcpReassembler, len: number): void;
  event(name: string, detail: string): void;
  /** The peer has sent something (Zeek's HasDoneSomething, for one-byte keep-alive overlaps). */
  peerActive(r: TcpReassembler): boolean;
}

interface Segment {
  seq: number;
  upper: number;
  /** Absent: only the range is known (nobody reads this direction, or a bound was hit). */
  data: Uint8Array | undefined;
  /** `data` is a view into the caller's packet, to be copied before the call returns. */
  borrowed: boolean;
}

/** A delivered segment kept for retransmission checks: its bytes are in the direction's store. */
interface RetainedSegment {
  readonly seq: number;
  readonly upper: number;
  /** Where its bytes start, as a position in the stream of bytes appended to the store. */
  readonly at: number;
}

export class TcpReassembler {
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
  private pending: Segment[] = [];
  private pendingRange = 0;
  private pendingHeld = 0;
  private retained: RetainedSegment[] = [];
  private retainedHeld = 0;
  /**
   * The retained segments' bytes, back to back in delivery order (the oldest first, at
   * `retained[0].at`); position p is `store[p - storeBase]`, and `storeEnd` follows the last
   * byte. Copying into it replaces a `slice()` per delivered segment: a new ArrayBuffer each,
   * ~0.5 µs apiece, 6 % of `extract`. Taken on the first segment kept and given back to the
   * budget's spares once acknowledgements empty it, so an idle direction holds nothing; while it
   * holds bytes it is at most twice `maxRetainedPerDirection` (rounded up to a power of two)
   * and, on each reallocation, at most eight times the bytes it keeps.
   */
  private store: Uint8Array | undefined = undefined;
  private storeBase = 0;
  private storeEnd = 0;
  private events = 0;
  private ts = 0;

  constructor(
    private readonly host: ReassemblyHost,
    private readonly budget: ReassemblyBudget,
    private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS,
  ) {}

  /** Bytes this direction holds (copies), for the memory accounting. */
  get heldBytes(): number {
    return this.pendingHeld + this.retainedHeld;
  }

  get pendingSegments(): number {
    return this.pending.length;
  }

  /** Stops keeping bytes (the reader is done); ranges stay for the gap accounting. */
  dropData(): void {
    this.keepData = false;
    this.retained.length = 0;
    this.freeStore();
    this.release(this.retainedHeld);
    this.retainedHeld = 0;
    for (const s of this.pending) s.data = undefined;
    this.release(this.pendingHeld);
    this.pendingHeld = 0;
  }

  /**
   * Zeek's TCP_Reassembler::DataSent: a segment's payload at relative sequence `seq`. `acked` is
   * the relative sequence the peer has acknowledged of this direction; `noDataAcked` and `size`
   * (payload bytes by sequence numbers) feed Zeek's bounds.
   */
  dataSent(
    ts: number,
    seq: number,
    data: Uint8Array,
    acked: number,
    noDataAcked: boolean,
    size: number,
  ): void {
    if (this.skip) return;
    this.ts = ts;
    let s = seq;
    let bytes = data;
    const upper = s + bytes.length;
    if (s < acked) {
      if (upper <= acked) return;
      bytes = bytes.subarray(acked - s);
      s = acked;
    }
    if (bytes.length === 0) return;
    this.checkRetainedOverlap(s, bytes);
    if (upper <= this.trim) return;
    this.checkOverlap(this.pending, s, bytes);
    if (s < this.trim) {
      bytes = bytes.subarray(this.trim - s);
      s = this.trim;
    }
    // Below `last` everything was delivered (or declared a gap): only the rest is new.
    if (s < this.last) {
      if (upper <= this.last) return;
      bytes = bytes.subarray(this.last - s);
      s = this.last;
    }
    if (this.pending.length === 0 && s === this.last) {
      // In order with nothing waiting: no copy, no bookkeeping beyond the sequence number.
      this.last = upper;
      if (this.keepData) {
        this.delivered += bytes.length;
        this.host.deliver(this, bytes, ts);
        if (this.keepData) this.retain(s, upper, bytes);
      }
    } else {
      this.insert(s, upper, bytes);
      this.deliverReady();
    }
    if (noDataAcked && size > this.limits.maxInitialWindow) {
      // Zeek: data sent, none acknowledged: stop holding what was delivered.
      this.trimRetained(this.last);
      if (this.last > this.trim) this.trim = this.last;
    }
    this.adoptBorrowed();
    const undelivered =
      this.pending.length > 0 ? this.pending[this.pending.length - 1]!.upper - this.last : 0;
    if (noDataAcked && undelivered > this.limits.maxAboveHoleWithoutAcks) {
      this.host.event(
        'above_hole_data_without_any_acks',
        `${undelivered} bytes above a hole, nothing acknowledged`,
      );
      this.giveUp();
    } else if (this.last - this.trim + this.pendingRange > this.limits.maxDataWithoutAcks) {
      this.host.event(
        'excessive_data_without_further_acks',
        `${this.last - this.trim + this.pendingRange} bytes`,
      );
      this.giveUp();
    }
  }

  /**
   * Zeek's TCP_Reassembler::AckReceived: the peer acknowledged up to relative `seq`. Bytes below
   * it that were never seen are a content gap (delivered to the host as such).
   */
  ackReceived(ts: number, ackSeq: number, finCount: number, finSeq: number, isPartial: boolean): void {
    let seq = ackSeq;
    if (finCount > 0 && seq >= finSeq) seq = finSeq - 1;
    if (seq <= this.trim) return;
    this.ts = ts;
    if (seq > this.last) this.undelivered(seq, isPartial);
    this.trimRetained(seq);
    while (this.pending.length > 0 && this.pending[0]!.upper <= seq) this.removeFirstPending();
    if (this.pending.length > 0 && this.pending[0]!.seq === this.last) {
      this.deliverReady();
      this.adoptBorrowed();
    }
    this.trim = seq;
  }

  private undelivered(upTo: number, isPartial: boolean): void {
    // A partial connection's faked-up start: an ack of 1 or 2 is not a gap (Zeek leaves
    // last_reassem_seq where it is in that case).
    if (upTo <= 2 && isPartial) return;
    if (!this.skip) {
      while (this.pending.length > 0 && this.pending[0]!.seq < upTo) {
        const first = this.pending[0]!;
        if (first.seq >= this.last) {
          this.host.gap(this, this.last, first.seq - this.last);
          this.last = first.seq;
        }
        this.deliverReady();
        if (this.pending.length > 0 && this.pending[0] === first) this.removeFirstPending();
      }
      if (upTo > this.last) this.host.gap(this, this.last, upTo - this.last);
    }
    if (upTo > this.last) this.last = upTo;
  }

  /** Inserts [s, upper) around the pending segments (first wins). */
  private insert(s: number, upper: number, bytes: Uint8Array): void {
    const p = this.pending;
    let i = 0;
    while (i < p.length && p[i]!.upper <= s) i++;
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

  private deliverReady(): void {
    const p = this.pending;
    while (p.length > 0 && p[0]!.seq === this.last) {
      const seg = p.shift()!;
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
        if (this.keepData) this.retain(seg.seq, seg.upper, seg.data);
      } else if (this.keepData) {
        this.budget.droppedBytes += len;
        this.host.lost(this, len);
      }
    }
  }

  /** Copies what is still pending out of the caller's packet (or keeps only the range). */
  private adoptBorrowed(): void {
    for (const seg of this.pending) {
      if (!seg.borrowed) continue;
      seg.borrowed = false;
      const len = seg.upper - seg.seq;
      if (
        seg.data !== undefined &&
        this.pendingHeld + len <= this.limits.maxHeldPerDirection &&
        this.budget.take(len)
      ) {
        seg.data = seg.data.slice();
        this.pendingHeld += len;
      } else {
        seg.data = undefined;
      }
    }
  }

  /** Keeps a copy of delivered bytes [seq, upper) until they are acknowledged. */
  private retain(seq: number, upper: number, data: Uint8Array): void {
    const len = upper - seq;
    if (len > this.limits.maxRetainedPerDirection) return;
    while (this.retained.length > 0 && this.retainedHeld + len > this.limits.maxRetainedPerDirection) {
      this.dropOldestRetained();
    }
    if (!this.budget.take(len)) {
      if (this.retained.length === 0) this.freeStore();
      return;
    }
    this.retained.push({ seq, upper, at: this.append(data) });
    this.retainedHeld += len;
  }

  private trimRetained(seq: number): void {
    while (this.retained.length > 0 && this.retained[0]!.upper <= seq) this.dropOldestRetained();
    if (this.retained.length === 0) this.freeStore();
  }

  private dropOldestRetained(): void {
    const old = this.retained.shift()!;
    const n = old.upper - old.seq;
    this.retainedHeld -= n;
    this.release(n);
  }

  /** Copies bytes to the end of the store; returns their position. */
  private append(bytes: Uint8Array): number {
    const len = bytes.length;
    let store = this.store;
    if (store === undefined || this.storeEnd - this.storeBase + len > store.length) {
      // Out of room at the end: move the live bytes (the retained segments') to the front —
      // into a buffer of twice what is needed unless the current one is that big but not
      // eight times too big — so each byte is moved O(1) times on average.
      const head = this.retained.length > 0 ? this.retained[0]!.at : this.storeEnd;
      const live = this.storeEnd - head;
      const need = live + len;
      if (store !== undefined && need * 2 <= store.length && need * 8 > store.length) {
        store.copyWithin(0, head - this.storeBase, this.storeEnd - this.storeBase);
      } else {
        let capacity = MIN_STORE;
        while (capacity < need * 2) capacity *= 2;
        const grown = this.budget.takeStore(capacity);
        if (store !== undefined) {
          if (live > 0) grown.set(store.subarray(head - this.storeBase, this.storeEnd - this.storeBase));
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

  private freeStore(): void {
    if (this.store !== undefined) this.budget.giveStore(this.store);
    this.store = undefined;
    this.storeBase = this.storeEnd;
  }

  private removeFirstPending(): void {
    const seg = this.pending.shift()!;
    const len = seg.upper - seg.seq;
    this.pendingRange -= len;
    if (seg.data !== undefined && !seg.borrowed) {
      this.pendingHeld -= len;
      this.release(len);
    }
  }

  private giveUp(): void {
    while (this.pending.length > 0) this.removeFirstPending();
    this.trimRetained(Number.POSITIVE_INFINITY);
    this.skip = true;
    if (this.keepData) this.host.lost(this, 0);
  }

  private release(n: number): void {
    if (n > 0) this.budget.give(n);
  }

  /** `checkOverlap` against the retained (delivered, unacknowledged) segments. */
  private checkRetainedOverlap(seq: number, bytes: Uint8Array): void {
    const list = this.retained;
    if (list.length === 0) return;
    const upper = seq + bytes.length;
    if (seq === list[list.length - 1]!.upper) return;
    for (const b of list) {
      if (upper <= b.seq) break;
      if (seq >= b.upper) continue;
      const from = Math.max(seq, b.seq);
      const to = Math.min(upper, b.upper);
      if (to - from <= 0) continue;
      const at = b.at - this.storeBase - b.seq;
      this.compareOverlap(
        this.store!.subarray(at + from, at + to),
        bytes.subarray(from - seq, to - seq),
        from,
      );
    }
  }

  /** Zeek's CheckOverlap/Overlap: compares overlapping bytes where both sides have them. */
  private checkOverlap(list: readonly Segment[], seq: number, bytes: Uint8Array): void {
    if (list.length === 0) return;
    const upper = seq + bytes.length;
    if (seq === list[list.length - 1]!.upper) return;
    for (const b of list) {
      if (upper <= b.seq) break;
      if (seq >= b.upper || b.data === undefined) continue;
      const from = Math.max(seq, b.seq);
      const to = Math.min(upper, b.upper);
      if (to - from <= 0) continue;
      this.compareOverlap(
        b.data.subarray(from - b.seq, to - b.seq),
        bytes.subarray(from - seq, to - seq),
        from,
      );
    }
  }

  /** Reports `rexmit_inconsistency` when the first copy of bytes at `from` differs from a later one. */
  private compareOverlap(ours: Uint8Array, theirs: Uint8Array, from: number): void {
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
        this.host.event(
          'rexmit_inconsistency',
          `${n} bytes at relative seq ${from} differ from the first copy (first wins)`,
        );
      }
    }
  }
}
