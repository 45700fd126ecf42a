/**
 * Single-producer, single-consumer ring of variable-length messages over a SharedArrayBuffer.
 *
 * Contract: one `RingWriter` on one thread and one `RingReader` on one thread per buffer, and
 * the roles never swap. Every payload is contiguous and starts 8-byte aligned inside the buffer,
 * so the consumer lays typed-array views over it in place (`BatchView`). A payload returned by
 * `peek()` stays valid until `release()`; after that the writer may overwrite it.
 *
 * Layout of the SharedArrayBuffer (Int32 slots; each line is one 64-byte cache line so the
 * writer's and the reader's hot counters never share a line — 320 bytes of control per ring):
 *
 *   line 0  Magic | Version | Capacity                    set once by createRing
 *   line 1  WritePos | Written                            writer: bytes and messages committed
 *   line 2  ReadPos  | Read                               reader: bytes and messages released
 *   line 3  DataGen  | ReaderParked | ReaderWaiting       reader parks on DataGen; writer bumps it
 *   line 4  SpaceGen | WriterParked | WriterWaiting       writer parks on SpaceGen; reader bumps it
 *   data    Capacity bytes (a power of two) of frames:
 *
 *           ┌ Length i32 ┬ Kind i32 ┬ payload (Length bytes) ┬ pad to 8 ┐ ┌ next frame …
 *
 *           A frame never wraps. When the next frame does not fit before the end of the data
 *           region, the writer puts a Skip frame header there and continues at offset 0; the
 *           skip and the message are published together.
 *
 * Positions are byte counters that only ever increase, stored mod 2^32 in Int32 slots. The
 * used byte count is `(WritePos - ReadPos) >>> 0`; since Capacity ≤ 2^30 and divides 2^32,
 * that difference and `counter & (Capacity - 1)` stay right across the 32-bit wrap. Nothing
 * compares a counter with `===` against an old snapshot (thread-stream #245/#250 hung so).
 *
 * Wake-ups: a side that must wait counts itself in its Parked slot, re-checks, then waits on
 * its generation slot. The other side notifies only when Parked is non-zero, so the common,
 * unparked path costs one Atomics.load instead of an Atomics.notify per message.
 *
 * A side that waits elsewhere (an actor sleeps on one doorbell for all its rings) uses the
 * Waiting slots instead: it sets its slot (`expectData` / `expectSpace`), then re-checks the
 * ring; the other side, after publishing, takes the mark (`takeReaderWaiting` /
 * `takeWriterWaiting`, an atomic exchange) and rings that doorbell only when it was set. Each
 * side stores before it loads the other's counter, so one of them always sees the other.
 */
/** Int32 index of every control slot (exported for tests and for inspecting a live ring). */
export declare const RingSlot: {
    readonly Magic: 0;
    readonly Version: 1;
    readonly Capacity: 2;
    readonly WritePos: 16;
    readonly Written: number;
    readonly ReadPos: number;
    readonly Read: number;
    readonly DataGen: number;
    readonly ReaderParked: number;
    readonly ReaderWaiting: number;
    readonly SpaceGen: number;
    readonly WriterParked: number;
    readonly WriterWaiting: number;
};
type RingSlot = (typeof RingSlot)[keyof typeof RingSlot];
/** Bytes before the data region; a multiple of 8 so frame offsets keep payloads aligned. */
export declare const RING_CONTROL_BYTES: number;
/** Frame header bytes; also the payload alignment. */
export declare const RING_FRAME_BYTES = 8;
export declare const RING_MIN_CAPACITY = 64;
/** Keeps `(w - r) >>> 0` far from 2^32 and every offset a small integer. */
export declare const RING_MAX_CAPACITY: number;
/** Bytes a message of `size` payload bytes occupies in the data region (skip excluded). */
export declare function ringFootprint(size: number): number;
export interface RingOptions {
    /**
     * Start value of both position counters, a multiple of 8 below 2^32. Exists so tests can
     * start just below 2^32 and cross the counter wrap; production rings start at 0.
     */
    readonly initialPosition?: number;
}
/**
 * Allocates a ring whose data region holds `capacityBytes` rounded up to a power of two
 * (64 B … 1 GiB); the buffer is `RING_CONTROL_BYTES` larger. The largest message is half the
 * data region minus a frame header (see `maxMessageBytes`): size rings at ≥ 2× the largest batch.
 */
export declare function createRing(capacityBytes: number, options?: RingOptions): SharedArrayBuffer;
/** What both ends share: validation of the buffer, views and statistics. */
declare abstract class RingEnd {
    /** Data region bytes (a power of two). */
    readonly capacity: number;
    /** Largest payload `tryWrite` accepts: capacity / 2 − 8, so any message fits an empty ring. */
    readonly maxMessageBytes: number;
    protected readonly control: Int32Array;
    protected readonly sab: SharedArrayBuffer;
    protected readonly frames: Int32Array;
    protected readonly mask: number;
    constructor(sab: SharedArrayBuffer);
    /** Bytes committed and not yet released, frame headers and skips included. */
    get bytesUsed(): number;
    /** Messages committed since creation, mod 2^32. */
    get messagesWritten(): number;
    /** Messages released since creation, mod 2^32. */
    get messagesRead(): number;
    /** Wakes the other side if it is parked on `gen`; one Atomics.load when it is not. */
    protected wake(parked: RingSlot, gen: RingSlot): void;
    /** Blocks this thread until `ready()` or the timeout. Workers only. */
    protected parkSync(parked: RingSlot, gen: RingSlot, ready: () => boolean, timeoutMs: number): boolean;
    /**
     * Waits without blocking the event loop. Atomics.waitAsync does not keep Node 20's loop alive,
     * so an interval timer is held while parked (about a microsecond to create, only when parking).
     */
    protected parkAsync(parked: RingSlot, gen: RingSlot, ready: () => boolean, timeoutMs: number): Promise<boolean>;
}
/** The producing end. One per ring, used from one thread. */
export declare class RingWriter extends RingEnd {
    /** Own counter, mod 2^32; published to WritePos on commit. */
    private position;
    /** Last ReadPos seen; refreshed only when the cached free space is too small. */
    private readSeen;
    private written;
    constructor(sab: SharedArrayBuffer);
    /**
     * Reserves `size` contiguous, 8-byte aligned bytes, calls `fill` with a view of exactly those
     * bytes, then publishes the message and wakes a parked reader. Returns false, writing nothing,
     * when the ring has no room now. If `fill` throws, nothing is published.
     * @throws NetscryError RingMessageTooLarge when size > maxMessageBytes.
     */
    tryWrite(size: number, fill: (dst: Uint8Array) => void): boolean;
    /**
     * Marks that this writer is about to wait elsewhere for space: call it, then re-check with
     * `tryWrite`/`fits` before waiting. The reader's next `takeWriterWaiting` reports it.
     */
    expectSpace(): void;
    /** Whether the reader marked that it waits for data (`expectData`); clears the mark. */
    takeReaderWaiting(): boolean;
    /** `tryWrite` with a copy of `bytes`. */
    tryWriteBytes(bytes: Uint8Array): boolean;
    /** Whether a message of `size` bytes fits now. */
    fits(size: number): boolean;
    /**
     * Resolves true once a message of `size` bytes fits, false after `timeoutMs` (Infinity allowed).
     * Never blocks the event loop; safe on the main thread.
     */
    waitForSpace(size: number, timeoutMs: number): Promise<boolean>;
    /** Blocking `waitForSpace` for worker threads; throws on the main thread. */
    waitForSpaceSync(size: number, timeoutMs: number): boolean;
    /** Bytes the message advances WritePos by (its footprint plus any skip), or −1 if no room. */
    private bytesNeeded;
    private checkSize;
}
/** The consuming end. One per ring, used from one thread. */
export declare class RingReader extends RingEnd {
    /** Own counter, mod 2^32; published to ReadPos on release. */
    private position;
    /** Last WritePos seen; refreshed only when the cached data runs out. */
    private writeSeen;
    private read;
    private current;
    /** Bytes the current message releases (skip + frame + payload + pad). */
    private currentBytes;
    constructor(sab: SharedArrayBuffer);
    /**
     * The next message's payload, in place, or undefined when the ring is empty. Repeated calls
     * return the same view until `release()`. The view must not be used after `release()`.
     * @throws NetscryError Internal when a frame header is inconsistent (a broken contract).
     */
    peek(): Uint8Array | undefined;
    /** Hands the peeked message's bytes back to the writer and wakes it if it is parked. */
    release(): void;
    /**
     * Marks that this reader is about to wait elsewhere for data: call it, then re-check with
     * `peek`/`hasData` before waiting. The writer's next `takeReaderWaiting` reports it.
     */
    expectData(): void;
    /** Whether the writer marked that it waits for space (`expectSpace`); clears the mark. */
    takeWriterWaiting(): boolean;
    /** Whether a message is ready to peek. */
    hasData(): boolean;
    /**
     * Resolves true once a message is ready, false after `timeoutMs` (Infinity allowed).
     * Never blocks the event loop; safe on the main thread.
     */
    waitForData(timeoutMs: number): Promise<boolean>;
    /** Blocking `waitForData` for worker threads; throws on the main thread. */
    waitForDataSync(timeoutMs: number): boolean;
    private available;
}
export {};
