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
import { isMainThread } from 'node:worker_threads';
import { ErrorCode, NetscryError } from './errors.js';
/** Int32 slots per 64-byte cache line. */
const LINE_SLOTS = 16;
/** Int32 index of every control slot (exported for tests and for inspecting a live ring). */
export const RingSlot = {
    Magic: 0,
    Version: 1,
    Capacity: 2,
    WritePos: LINE_SLOTS,
    Written: LINE_SLOTS + 1,
    ReadPos: 2 * LINE_SLOTS,
    Read: 2 * LINE_SLOTS + 1,
    DataGen: 3 * LINE_SLOTS,
    ReaderParked: 3 * LINE_SLOTS + 1,
    ReaderWaiting: 3 * LINE_SLOTS + 2,
    SpaceGen: 4 * LINE_SLOTS,
    WriterParked: 4 * LINE_SLOTS + 1,
    WriterWaiting: 4 * LINE_SLOTS + 2,
};
const CONTROL_LINES = 5;
/** Bytes before the data region; a multiple of 8 so frame offsets keep payloads aligned. */
export const RING_CONTROL_BYTES = CONTROL_LINES * LINE_SLOTS * Int32Array.BYTES_PER_ELEMENT;
const MAGIC = 0x4e535247; // 'NSRG'
const LAYOUT_VERSION = 1;
/** Int32 words of a frame header, at the frame's offset in the data region. */
const Frame = { Length: 0, Kind: 1 };
/** Non-zero so a zeroed or stale region never reads as a valid frame. */
const FrameKind = { Message: 0x4d, Skip: 0x53 };
/** Frame header bytes; also the payload alignment. */
export const RING_FRAME_BYTES = 8;
const ALIGN_MASK = RING_FRAME_BYTES - 1;
export const RING_MIN_CAPACITY = 64;
/** Keeps `(w - r) >>> 0` far from 2^32 and every offset a small integer. */
export const RING_MAX_CAPACITY = 2 ** 30;
const COUNTER_SPAN = 2 ** 32;
/** setInterval's longest delay; the keep-alive timer only has to exist, never to fire. */
const KEEP_ALIVE_MS = 2 ** 31 - 1;
/** Poll period where Atomics.waitAsync is missing. */
const POLL_MS = 1;
/** Bytes a message of `size` payload bytes occupies in the data region (skip excluded). */
export function ringFootprint(size) {
    return RING_FRAME_BYTES + ((size + ALIGN_MASK) & ~ALIGN_MASK);
}
/**
 * Allocates a ring whose data region holds `capacityBytes` rounded up to a power of two
 * (64 B … 1 GiB); the buffer is `RING_CONTROL_BYTES` larger. The largest message is half the
 * data region minus a frame header (see `maxMessageBytes`): size rings at ≥ 2× the largest batch.
 */
export function createRing(capacityBytes, options = {}) {
    if (!Number.isInteger(capacityBytes) || capacityBytes < 1 || capacityBytes > RING_MAX_CAPACITY) {
        const message = `ring capacity must be an integer in 1..${RING_MAX_CAPACITY}`;
        throw new NetscryError(ErrorCode.InvalidOption, message, { capacityBytes });
    }
    const start = options.initialPosition ?? 0;
    if (!Number.isInteger(start) || start < 0 || start >= COUNTER_SPAN || start % RING_FRAME_BYTES !== 0) {
        const message = 'ring initialPosition must be a multiple of 8 below 2^32';
        throw new NetscryError(ErrorCode.InvalidOption, message, { initialPosition: start });
    }
    let capacity = RING_MIN_CAPACITY;
    while (capacity < capacityBytes)
        capacity *= 2;
    const sab = new SharedArrayBuffer(RING_CONTROL_BYTES + capacity);
    const control = new Int32Array(sab, 0, RING_CONTROL_BYTES / Int32Array.BYTES_PER_ELEMENT);
    control[RingSlot.Magic] = MAGIC;
    control[RingSlot.Version] = LAYOUT_VERSION;
    control[RingSlot.Capacity] = capacity;
    control[RingSlot.WritePos] = start;
    control[RingSlot.ReadPos] = start;
    return sab;
}
/** ES2024; present on Node ≥ 16, typed here because the project's lib is ES2023. */
const atomicsWaitAsync = Atomics.waitAsync;
const waitAsync = atomicsWaitAsync?.bind(Atomics);
const noop = () => { };
/** NaN and negative timeouts mean "do not wait" (a NaN deadline would never pass). */
function deadlineOf(timeoutMs) {
    // biome-ignore lint/complexity/useMathMinMax: Math.max(NaN, 0) is NaN, the case this guards.
    return performance.now() + (timeoutMs > 0 ? timeoutMs : 0);
}
/** What both ends share: validation of the buffer, views and statistics. */
class RingEnd {
    /** Data region bytes (a power of two). */
    capacity;
    /** Largest payload `tryWrite` accepts: capacity / 2 − 8, so any message fits an empty ring. */
    maxMessageBytes;
    control;
    sab;
    frames;
    mask;
    constructor(sab) {
        if (!(sab instanceof SharedArrayBuffer) || sab.byteLength < RING_CONTROL_BYTES + RING_MIN_CAPACITY) {
            throw new NetscryError(ErrorCode.InvalidOption, 'not a netscry ring buffer');
        }
        const control = new Int32Array(sab, 0, RING_CONTROL_BYTES / Int32Array.BYTES_PER_ELEMENT);
        const capacity = Atomics.load(control, RingSlot.Capacity);
        if (Atomics.load(control, RingSlot.Magic) !== MAGIC ||
            Atomics.load(control, RingSlot.Version) !== LAYOUT_VERSION ||
            sab.byteLength !== RING_CONTROL_BYTES + capacity ||
            (capacity & (capacity - 1)) !== 0) {
            throw new NetscryError(ErrorCode.InvalidOption, 'not a netscry ring buffer (magic, version or size)');
        }
        this.capacity = capacity;
        this.maxMessageBytes = capacity / 2 - RING_FRAME_BYTES;
        this.mask = capacity - 1;
        this.control = control;
        this.sab = sab;
        this.frames = new Int32Array(sab, RING_CONTROL_BYTES, capacity / Int32Array.BYTES_PER_ELEMENT);
    }
    /** Bytes committed and not yet released, frame headers and skips included. */
    get bytesUsed() {
        return ((Atomics.load(this.control, RingSlot.WritePos) - Atomics.load(this.control, RingSlot.ReadPos)) >>> 0);
    }
    /** Messages committed since creation, mod 2^32. */
    get messagesWritten() {
        return Atomics.load(this.control, RingSlot.Written) >>> 0;
    }
    /** Messages released since creation, mod 2^32. */
    get messagesRead() {
        return Atomics.load(this.control, RingSlot.Read) >>> 0;
    }
    /** Wakes the other side if it is parked on `gen`; one Atomics.load when it is not. */
    wake(parked, gen) {
        if (Atomics.load(this.control, parked) !== 0) {
            Atomics.add(this.control, gen, 1);
            Atomics.notify(this.control, gen);
        }
    }
    /** Blocks this thread until `ready()` or the timeout. Workers only. */
    parkSync(parked, gen, ready, timeoutMs) {
        if (ready())
            return true;
        if (isMainThread) {
            throw new NetscryError(ErrorCode.Internal, 'Atomics.wait would block the main thread event loop; use the async wait instead');
        }
        const control = this.control;
        const deadline = deadlineOf(timeoutMs);
        for (;;) {
            const generation = Atomics.load(control, gen);
            Atomics.add(control, parked, 1);
            let ok = ready();
            if (!ok) {
                const left = deadline - performance.now();
                if (left > 0)
                    Atomics.wait(control, gen, generation, left);
                ok = ready();
            }
            Atomics.sub(control, parked, 1);
            if (ok)
                return true;
            if (performance.now() >= deadline)
                return false;
        }
    }
    /**
     * Waits without blocking the event loop. Atomics.waitAsync does not keep Node 20's loop alive,
     * so an interval timer is held while parked (about a microsecond to create, only when parking).
     */
    async parkAsync(parked, gen, ready, timeoutMs) {
        if (ready())
            return true;
        const control = this.control;
        const deadline = deadlineOf(timeoutMs);
        const keepAlive = setInterval(noop, KEEP_ALIVE_MS);
        try {
            for (;;) {
                const generation = Atomics.load(control, gen);
                Atomics.add(control, parked, 1);
                try {
                    if (ready())
                        return true;
                    const left = deadline - performance.now();
                    if (left <= 0)
                        return false;
                    if (waitAsync === undefined) {
                        await new Promise((resolve) => setTimeout(resolve, Math.min(left, POLL_MS)));
                    }
                    else {
                        const result = waitAsync(control, gen, generation, left);
                        if (result.async)
                            await result.value;
                    }
                }
                finally {
                    Atomics.sub(control, parked, 1);
                }
            }
        }
        finally {
            clearInterval(keepAlive);
        }
    }
}
/** The producing end. One per ring, used from one thread. */
export class RingWriter extends RingEnd {
    /** Own counter, mod 2^32; published to WritePos on commit. */
    position;
    /** Last ReadPos seen; refreshed only when the cached free space is too small. */
    readSeen;
    written;
    constructor(sab) {
        super(sab);
        this.position = Atomics.load(this.control, RingSlot.WritePos) >>> 0;
        this.readSeen = Atomics.load(this.control, RingSlot.ReadPos) >>> 0;
        this.written = Atomics.load(this.control, RingSlot.Written) >>> 0;
    }
    /**
     * Reserves `size` contiguous, 8-byte aligned bytes, calls `fill` with a view of exactly those
     * bytes, then publishes the message and wakes a parked reader. Returns false, writing nothing,
     * when the ring has no room now. If `fill` throws, nothing is published.
     * @throws NetscryError RingMessageTooLarge when size > maxMessageBytes.
     */
    tryWrite(size, fill) {
        const need = this.bytesNeeded(size);
        if (need < 0)
            return false;
        const total = ringFootprint(size);
        let offset = this.position & this.mask;
        if (need !== total) {
            // Skip frame: the rest of the region is padding, the message starts at offset 0.
            this.frames[(offset >> 2) + Frame.Length] = need - total - RING_FRAME_BYTES;
            this.frames[(offset >> 2) + Frame.Kind] = FrameKind.Skip;
            offset = 0;
        }
        this.frames[(offset >> 2) + Frame.Length] = size;
        this.frames[(offset >> 2) + Frame.Kind] = FrameKind.Message;
        const start = offset + RING_FRAME_BYTES;
        // A fresh view costs ~25 ns; subarray() costs ~40.
        fill(new Uint8Array(this.sab, RING_CONTROL_BYTES + start, size));
        this.position = (this.position + need) >>> 0;
        this.written = (this.written + 1) >>> 0;
        const control = this.control;
        // Stats: a plain store (~1 ns, an atomic one ~8), published by the WritePos store below.
        control[RingSlot.Written] = this.written;
        Atomics.store(control, RingSlot.WritePos, this.position);
        this.wake(RingSlot.ReaderParked, RingSlot.DataGen);
        return true;
    }
    /**
     * Marks that this writer is about to wait elsewhere for space: call it, then re-check with
     * `tryWrite`/`fits` before waiting. The reader's next `takeWriterWaiting` reports it.
     */
    expectSpace() {
        Atomics.store(this.control, RingSlot.WriterWaiting, 1);
    }
    /** Whether the reader marked that it waits for data (`expectData`); clears the mark. */
    takeReaderWaiting() {
        return (Atomics.load(this.control, RingSlot.ReaderWaiting) !== 0 &&
            Atomics.exchange(this.control, RingSlot.ReaderWaiting, 0) !== 0);
    }
    /** `tryWrite` with a copy of `bytes`. */
    tryWriteBytes(bytes) {
        return this.tryWrite(bytes.length, (dst) => dst.set(bytes));
    }
    /** Whether a message of `size` bytes fits now. */
    fits(size) {
        return this.bytesNeeded(size) >= 0;
    }
    /**
     * Resolves true once a message of `size` bytes fits, false after `timeoutMs` (Infinity allowed).
     * Never blocks the event loop; safe on the main thread.
     */
    async waitForSpace(size, timeoutMs) {
        this.checkSize(size);
        return this.parkAsync(RingSlot.WriterParked, RingSlot.SpaceGen, () => this.fits(size), timeoutMs);
    }
    /** Blocking `waitForSpace` for worker threads; throws on the main thread. */
    waitForSpaceSync(size, timeoutMs) {
        this.checkSize(size);
        return this.parkSync(RingSlot.WriterParked, RingSlot.SpaceGen, () => this.fits(size), timeoutMs);
    }
    /** Bytes the message advances WritePos by (its footprint plus any skip), or −1 if no room. */
    bytesNeeded(size) {
        this.checkSize(size);
        const total = ringFootprint(size);
        const tail = this.capacity - (this.position & this.mask);
        const need = tail < total ? tail + total : total;
        if (need <= this.capacity - ((this.position - this.readSeen) >>> 0))
            return need;
        this.readSeen = Atomics.load(this.control, RingSlot.ReadPos) >>> 0;
        return need <= this.capacity - ((this.position - this.readSeen) >>> 0) ? need : -1;
    }
    checkSize(size) {
        if (size > this.maxMessageBytes) {
            throw new NetscryError(ErrorCode.RingMessageTooLarge, 'message is larger than the ring accepts', {
                size,
                maxMessageBytes: this.maxMessageBytes,
            });
        }
        if (!Number.isInteger(size) || size < 0) {
            throw new NetscryError(ErrorCode.Internal, 'ring message size must be a non-negative integer', {
                size,
            });
        }
    }
}
/** The consuming end. One per ring, used from one thread. */
export class RingReader extends RingEnd {
    /** Own counter, mod 2^32; published to ReadPos on release. */
    position;
    /** Last WritePos seen; refreshed only when the cached data runs out. */
    writeSeen;
    read;
    current = undefined;
    /** Bytes the current message releases (skip + frame + payload + pad). */
    currentBytes = 0;
    constructor(sab) {
        super(sab);
        this.position = Atomics.load(this.control, RingSlot.ReadPos) >>> 0;
        this.writeSeen = Atomics.load(this.control, RingSlot.WritePos) >>> 0;
        this.read = Atomics.load(this.control, RingSlot.Read) >>> 0;
    }
    /**
     * The next message's payload, in place, or undefined when the ring is empty. Repeated calls
     * return the same view until `release()`. The view must not be used after `release()`.
     * @throws NetscryError Internal when a frame header is inconsistent (a broken contract).
     */
    peek() {
        if (this.current !== undefined)
            return this.current;
        const available = this.available();
        if (available === 0)
            return undefined;
        const frames = this.frames;
        let offset = this.position & this.mask;
        let skipped = 0;
        if (frames[(offset >> 2) + Frame.Kind] === FrameKind.Skip) {
            skipped = this.capacity - offset;
            offset = 0;
        }
        const size = frames[(offset >> 2) + Frame.Length];
        const bytes = skipped + ringFootprint(size);
        if (frames[(offset >> 2) + Frame.Kind] !== FrameKind.Message || size < 0 || bytes > available) {
            throw new NetscryError(ErrorCode.Internal, 'ring frame is corrupt', { offset, size, available });
        }
        const start = offset + RING_FRAME_BYTES;
        this.current = new Uint8Array(this.sab, RING_CONTROL_BYTES + start, size);
        this.currentBytes = bytes;
        return this.current;
    }
    /** Hands the peeked message's bytes back to the writer and wakes it if it is parked. */
    release() {
        if (this.current === undefined) {
            throw new NetscryError(ErrorCode.Internal, 'release() without a peeked message');
        }
        this.current = undefined;
        this.position = (this.position + this.currentBytes) >>> 0;
        this.read = (this.read + 1) >>> 0;
        const control = this.control;
        control[RingSlot.Read] = this.read;
        Atomics.store(control, RingSlot.ReadPos, this.position);
        this.wake(RingSlot.WriterParked, RingSlot.SpaceGen);
    }
    /**
     * Marks that this reader is about to wait elsewhere for data: call it, then re-check with
     * `peek`/`hasData` before waiting. The writer's next `takeReaderWaiting` reports it.
     */
    expectData() {
        Atomics.store(this.control, RingSlot.ReaderWaiting, 1);
    }
    /** Whether the writer marked that it waits for space (`expectSpace`); clears the mark. */
    takeWriterWaiting() {
        return (Atomics.load(this.control, RingSlot.WriterWaiting) !== 0 &&
            Atomics.exchange(this.control, RingSlot.WriterWaiting, 0) !== 0);
    }
    /** Whether a message is ready to peek. */
    hasData() {
        return this.current !== undefined || this.available() !== 0;
    }
    /**
     * Resolves true once a message is ready, false after `timeoutMs` (Infinity allowed).
     * Never blocks the event loop; safe on the main thread.
     */
    waitForData(timeoutMs) {
        return this.parkAsync(RingSlot.ReaderParked, RingSlot.DataGen, () => this.hasData(), timeoutMs);
    }
    /** Blocking `waitForData` for worker threads; throws on the main thread. */
    waitForDataSync(timeoutMs) {
        return this.parkSync(RingSlot.ReaderParked, RingSlot.DataGen, () => this.hasData(), timeoutMs);
    }
    available() {
        let available = (this.writeSeen - this.position) >>> 0;
        if (available === 0) {
            this.writeSeen = Atomics.load(this.control, RingSlot.WritePos) >>> 0;
            available = (this.writeSeen - this.position) >>> 0;
        }
        return available;
    }
}
//# sourceMappingURL=ring.js.map