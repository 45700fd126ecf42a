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
export declare const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits;
/** Bytes held by every reassembler of a tracker, against one cap; with counters for the summary. */
export declare class ReassemblyBudget {
    readonly max: number;
    held: number;
    peakHeld: number;
    /** Bytes that reached a parser as a gap because a bound was hit (not Zeek content gaps). */
    droppedBytes: number;
    /** Out-of-order segments dropped because `maxPendingSegments` was reached. */
    droppedSegments: number;
    /** rexmit_inconsistency occurrences (events are capped, the count is not). */
    inconsistencies: number;
    /**
     * Retained-bytes stores that reassemblers gave back, by size class (2 KiB · 2^k): a direction
     * whose bytes are acknowledged packet by packet empties its store as often as it fills it, and
     * a fresh zeroed buffer costs as much as the `slice()` the store replaced. At most
     * MAX_SPARE_STORES per class are kept (~4 MiB in all).
     */
    private readonly spareStores;
    constructor(max?: number);
    take(n: number): boolean;
    give(n: number): void;
    /** A store of `capacity` bytes (MIN_STORE · 2^k), reused if one was given back. */
    takeStore(capacity: number): Uint8Array;
    giveStore(store: Uint8Array): void;
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
export declare class TcpReassembler {
    private readonly host;
    private readonly budget;
    private readonly limits;
    /** Zeek's last_reassem_seq: everything below was delivered or declared a gap. */
    last: number;
    /** Zeek's trim_seq: acknowledged and forgotten. */
    trim: number;
    /** Zeek's skip_deliveries: reassembly given up for this direction. */
    skip: boolean;
    /** Whether the bytes are wanted (an app parser reads this direction). */
    keepData: boolean;
    /** Bytes of the direction delivered to the host so far. */
    delivered: number;
    private pending;
    private pendingRange;
    private pendingHeld;
    private retained;
    private retainedHeld;
    /**
     * The retained segments' bytes, back to back in delivery order (the oldest first, at
     * `retained[0].at`); position p is `store[p - storeBase]`, and `storeEnd` follows the last
     * byte. Copying into it replaces a `slice()` per delivered segment: a new ArrayBuffer each,
     * ~0.5 µs apiece, 6 % of `extract`. Taken on the first segment kept and given back to the
     * budget's spares once acknowledgements empty it, so an idle direction holds nothing; while it
     * holds bytes it is at most twice `maxRetainedPerDirection` (rounded up to a power of two)
     * and, on each reallocation, at most eight times the bytes it keeps.
     */
    private store;
    private storeBase;
    private storeEnd;
    private events;
    private ts;
    constructor(host: ReassemblyHost, budget: ReassemblyBudget, limits?: ReassemblyLimits);
    /** Bytes this direction holds (copies), for the memory accounting. */
    get heldBytes(): number;
    get pendingSegments(): number;
    /** Stops keeping bytes (the reader is done); ranges stay for the gap accounting. */
    dropData(): void;
    /**
     * Zeek's TCP_Reassembler::DataSent: a segment's payload at relative sequence `seq`. `acked` is
     * the relative sequence the peer has acknowledged of this direction; `noDataAcked` and `size`
     * (payload bytes by sequence numbers) feed Zeek's bounds.
     */
    dataSent(ts: number, seq: number, data: Uint8Array, acked: number, noDataAcked: boolean, size: number): void;
    /**
     * Zeek's TCP_Reassembler::AckReceived: the peer acknowledged up to relative `seq`. Bytes below
     * it that were never seen are a content gap (delivered to the host as such).
     */
    ackReceived(ts: number, ackSeq: number, finCount: number, finSeq: number, isPartial: boolean): void;
    private undelivered;
    /** Inserts [s, upper) around the pending segments (first wins). */
    private insert;
    private deliverReady;
    /** Copies what is still pending out of the caller's packet (or keeps only the range). */
    private adoptBorrowed;
    /** Keeps a copy of delivered bytes [seq, upper) until they are acknowledged. */
    private retain;
    private trimRetained;
    private dropOldestRetained;
    /** Copies bytes to the end of the store; returns their position. */
    private append;
    private freeStore;
    private removeFirstPending;
    private giveUp;
    private release;
    /** `checkOverlap` against the retained (delivered, unacknowledged) segments. */
    private checkRetainedOverlap;
    /** Zeek's CheckOverlap/Overlap: compares overlapping bytes where both sides have them. */
    private checkOverlap;
    /** Reports `rexmit_inconsistency` when the first copy of bytes at `from` differs from a later one. */
    private compareOverlap;
}
