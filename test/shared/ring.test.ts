import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import {
  createRing,
  RING_CONTROL_BYTES,
  RING_FRAME_BYTES,
  RingReader,
  RingSlot,
  RingWriter,
  ringFootprint,
} from '../../src/shared/ring.js';
import {
  consume,
  MESSAGE_HEADER_BYTES,
  messageSize,
  produce,
  type TrafficOptions,
  type TrafficResult,
  verifyMessage,
  writeMessage,
} from './ring-traffic.mjs';

const TWO_32 = 2 ** 32;

function expectCode(fn: () => unknown, code: ErrorCode): NetscryError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(NetscryError);
  expect((caught as NetscryError).code).toBe(code);
  return caught as NetscryError;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/** Distinct, seq-dependent content, so a stale or misplaced payload never matches. */
function pattern(seq: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (seq * 131 + i * 7 + 1) & 255;
  return out;
}

interface Expected {
  readonly content: Uint8Array;
  /** Byte offset of the payload in the SharedArrayBuffer. */
  readonly offset: number;
  /** Bytes the message advances the positions by (skip included). */
  readonly advance: number;
}

/**
 * A ring plus a reference model of the documented placement rule: a message takes
 * 8 + align8(size) contiguous bytes; if they do not fit before the end of the data region, the
 * tail is skipped (a Skip header at its start) and the message goes to offset 0. After every
 * operation every byte of the SharedArrayBuffer is compared with a shadow copy: a byte may
 * change only inside what that operation may touch (canaries fill the rest of the data region).
 */
class Harness {
  readonly writer: RingWriter;
  readonly reader: RingReader;
  readonly capacity: number;
  private readonly bytes: Uint8Array;
  private readonly shadow: Uint8Array;
  private w: number;
  private r: number;
  private readonly queue: Expected[] = [];
  private written = 0;
  private read = 0;
  private seq = 0;

  constructor(capacity: number, initialPosition: number, canarySeed: number) {
    const sab = createRing(capacity, { initialPosition });
    this.bytes = new Uint8Array(sab);
    let s = canarySeed | 1;
    for (let i = RING_CONTROL_BYTES; i < this.bytes.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      this.bytes[i] = s & 255;
    }
    this.writer = new RingWriter(sab);
    this.reader = new RingReader(sab);
    this.capacity = this.writer.capacity;
    this.shadow = this.bytes.slice();
    this.w = initialPosition;
    this.r = initialPosition;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Total bytes the write position has advanced by (not wrapped). */
  get advanced(): number {
    return this.w;
  }

  write(size: number): boolean {
    const cap = this.capacity;
    const total = RING_FRAME_BYTES + Math.ceil(size / 8) * 8;
    const off = this.w % cap;
    const tail = cap - off;
    const skip = tail < total;
    const advance = skip ? tail + total : total;
    const fits = advance <= cap - (this.w - this.r);
    const start = skip ? 0 : off;
    const content = pattern(this.seq, size);
    let filled = false;
    const ok = this.writer.tryWrite(size, (dst) => {
      filled = true;
      expect(dst.length).toBe(size);
      expect(dst.byteOffset).toBe(RING_CONTROL_BYTES + start + RING_FRAME_BYTES);
      dst.set(content);
    });
    expect(ok).toBe(fits);
    expect(filled).toBe(ok);
    if (ok) {
      const allowed: Array<[number, number]> = [[start, start + RING_FRAME_BYTES + size]];
      if (skip) allowed.push([off, off + RING_FRAME_BYTES]);
      this.checkCanaries(allowed, [RingSlot.WritePos, RingSlot.Written]);
      this.queue.push({ content, offset: RING_CONTROL_BYTES + start + RING_FRAME_BYTES, advance });
      this.w += advance;
      this.written++;
      this.seq++;
    } else {
      // A refusal only ever happens with something to release.
      expect(this.queue.length).toBeGreaterThan(0);
      this.checkCanaries([], []);
    }
    this.checkStats();
    return ok;
  }

  readOne(): boolean {
    const msg = this.reader.peek();
    const expected = this.queue.shift();
    if (expected === undefined) {
      expect(msg).toBeUndefined();
      expect(this.reader.hasData()).toBe(false);
      this.checkCanaries([], []);
      return false;
    }
    expect(msg).toBeDefined();
    const view = msg!;
    expect(view.byteOffset % 8).toBe(0);
    expect(view.byteOffset).toBe(expected.offset);
    expect(view.length).toBe(expected.content.length);
    expect(sameBytes(view, expected.content)).toBe(true);
    expect(this.reader.peek()).toBe(view);
    this.checkCanaries([], []);
    this.reader.release();
    this.r += expected.advance;
    this.read++;
    this.checkCanaries([], [RingSlot.ReadPos, RingSlot.Read]);
    this.checkStats();
    return true;
  }

  oversize(size: number): void {
    let called = false;
    const err = expectCode(
      () =>
        this.writer.tryWrite(size, () => {
          called = true;
        }),
      ErrorCode.RingMessageTooLarge,
    );
    expect(err.detail).toEqual({ size, maxMessageBytes: this.writer.maxMessageBytes });
    expect(called).toBe(false);
    expect(this.writer.fits(this.writer.maxMessageBytes) || this.queue.length > 0).toBe(true);
    this.checkCanaries([], []);
    this.checkStats();
  }

  drain(): void {
    while (this.readOne());
    expect(this.writer.bytesUsed).toBe(0);
    expect(this.writer.fits(this.writer.maxMessageBytes)).toBe(true);
  }

  private checkStats(): void {
    expect(this.writer.bytesUsed).toBe(this.w - this.r);
    expect(this.reader.bytesUsed).toBe(this.w - this.r);
    expect(this.reader.messagesWritten).toBe(this.written);
    expect(this.writer.messagesRead).toBe(this.read);
  }

  /** Data ranges are offsets inside the data region; slots are control Int32 indexes. */
  private checkCanaries(allowed: Array<[number, number]>, slots: number[]): void {
    const bytes = this.bytes;
    const shadow = this.shadow;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === shadow[i]) continue;
      if (i < RING_CONTROL_BYTES) {
        if (!slots.includes(i >> 2))
          throw new Error(`control byte ${i} (slot ${i >> 2}) changed unexpectedly`);
      } else {
        const d = i - RING_CONTROL_BYTES;
        if (!allowed.some(([a, b]) => d >= a && d < b)) {
          throw new Error(`data byte ${d} changed outside ${JSON.stringify(allowed)}`);
        }
      }
    }
    shadow.set(bytes);
  }
}

type Op = { kind: 'write'; size: number } | { kind: 'read' } | { kind: 'oversize'; size: number };

const scenario = fc.constantFrom(64, 128, 256, 1024).chain((capacity) => {
  const max = capacity / 2 - RING_FRAME_BYTES;
  const size = fc.oneof(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max }), fc.constant(max));
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: size.map((s) => ({ kind: 'write' as const, size: s })) },
    { weight: 4, arbitrary: fc.constant({ kind: 'read' as const }) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 1 << 20 })
        .map((e) => ({ kind: 'oversize' as const, size: max + e })),
    },
  );
  return fc.record({
    capacity: fc.constant(capacity),
    start: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 2 ** 29 - 1 }).map((x) => x * 8),
      fc.integer({ min: 1, max: 4096 }).map((k) => TWO_32 - k * 8),
    ),
    canarySeed: fc.integer(),
    ops: fc.array(op, { maxLength: 300 }),
  });
});

describe('ring: single thread', () => {
  it('matches the reference model: FIFO, exact bytes, alignment, placement, canaries, stats', () => {
    fc.assert(
      fc.property(scenario, ({ capacity, start, canarySeed, ops }) => {
        const h = new Harness(capacity, start, canarySeed);
        for (const op of ops) {
          if (op.kind === 'write') h.write(op.size);
          else if (op.kind === 'read') h.readOne();
          else h.oversize(op.size);
        }
        h.drain();
      }),
      { numRuns: 300 },
    );
  });

  it('accepts any message up to maxMessageBytes into an empty ring at every offset', () => {
    for (const capacity of [64, 256]) {
      for (let start = 0; start < capacity; start += RING_FRAME_BYTES) {
        const h = new Harness(capacity, TWO_32 - capacity + start, start);
        expect(h.write(h.writer.maxMessageBytes)).toBe(true);
        h.drain();
        expect(h.write(h.writer.maxMessageBytes)).toBe(true);
        h.drain();
      }
    }
  });

  it('refuses when full and accepts after a release, skipping the short tail', () => {
    const sab = createRing(256);
    const writer = new RingWriter(sab);
    const reader = new RingReader(sab);
    const msg = new Uint8Array(64).fill(9);
    expect(ringFootprint(64)).toBe(72);
    for (let i = 0; i < 3; i++) expect(writer.tryWriteBytes(msg)).toBe(true);
    expect(writer.bytesUsed).toBe(216);
    expect(writer.fits(64)).toBe(false);
    expect(writer.tryWriteBytes(msg)).toBe(false);
    expect(writer.messagesWritten).toBe(3);
    expect(reader.peek()!.byteOffset).toBe(RING_CONTROL_BYTES + 8);
    reader.release();
    // 40 bytes left before the end: skipped, and the message lands at offset 0.
    expect(writer.tryWriteBytes(msg)).toBe(true);
    expect(writer.bytesUsed).toBe(216 - 72 + 40 + 72);
    for (const offset of [80, 152, 8]) {
      expect(reader.peek()!.byteOffset).toBe(RING_CONTROL_BYTES + offset);
      reader.release();
    }
    expect(reader.peek()).toBeUndefined();
    expect(writer.bytesUsed).toBe(0);
    expect(reader.messagesRead).toBe(4);
  });

  it('crosses the 2^32 wrap of the position counters', () => {
    const h = new Harness(256, TWO_32 - 40, 1);
    expect(h.write(24)).toBe(true); // 2^32 - 40 → 2^32 - 8
    expect(h.write(24)).toBe(true); // skips the last 8 bytes, counter wraps to 32
    expect(h.writer.bytesUsed).toBe(72);
    expect(h.advanced).toBeGreaterThan(TWO_32);
    expect(h.readOne()).toBe(true);
    expect(h.writer.bytesUsed).toBe(40);
    for (let i = 0; i < 2000; i++) {
      h.write((i * 37) % 120);
      if (i % 3 !== 0) h.readOne();
    }
    h.drain();
    expect(h.advanced).toBeGreaterThan(TWO_32 + 50_000);
  });

  it('round-trips zero-length messages, aligned', () => {
    const h = new Harness(64, 0, 3);
    for (let i = 0; i < 50; i++) {
      expect(h.write(0)).toBe(true);
      expect(h.readOne()).toBe(true);
    }
    h.drain();
  });

  it('throws the typed error for an oversize message and keeps working', () => {
    const h = new Harness(128, 0, 4);
    h.write(10);
    h.oversize(h.writer.maxMessageBytes + 1);
    h.oversize(1 << 30);
    expect(h.write(h.writer.maxMessageBytes - 10)).toBe(true);
    h.drain();
  });

  it('rejects negative, fractional and NaN sizes as a programming error', () => {
    const writer = new RingWriter(createRing(128));
    for (const size of [-1, 1.5, Number.NaN]) {
      expectCode(() => writer.tryWrite(size, () => {}), ErrorCode.Internal);
    }
    expect(writer.bytesUsed).toBe(0);
  });

  it('publishes nothing when fill throws', () => {
    const sab = createRing(128);
    const writer = new RingWriter(sab);
    const reader = new RingReader(sab);
    expect(() =>
      writer.tryWrite(16, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(writer.bytesUsed).toBe(0);
    expect(writer.messagesWritten).toBe(0);
    expect(reader.peek()).toBeUndefined();
    expect(writer.tryWriteBytes(Uint8Array.of(1, 2, 3))).toBe(true);
    expect([...reader.peek()!]).toEqual([1, 2, 3]);
  });

  it('release() without a peeked message is an error', () => {
    const sab = createRing(64);
    const reader = new RingReader(sab);
    expectCode(() => reader.release(), ErrorCode.Internal);
    new RingWriter(sab).tryWriteBytes(Uint8Array.of(5));
    expect(reader.peek()).toBeDefined();
    reader.release();
    expectCode(() => reader.release(), ErrorCode.Internal);
  });

  it('lets a restarted end continue where the previous one stopped', () => {
    const sab = createRing(256, { initialPosition: TWO_32 - 64 });
    const first = new RingWriter(sab);
    for (let i = 0; i < 3; i++) first.tryWriteBytes(Uint8Array.of(i, i));
    const oldReader = new RingReader(sab);
    oldReader.peek();
    oldReader.release();
    const writer = new RingWriter(sab);
    const reader = new RingReader(sab);
    writer.tryWriteBytes(Uint8Array.of(3, 3));
    const got: number[] = [];
    for (let msg = reader.peek(); msg !== undefined; msg = reader.peek()) {
      got.push(msg[0]!);
      reader.release();
    }
    expect(got).toEqual([1, 2, 3]);
    expect(reader.messagesRead).toBe(4);
    expect(reader.messagesWritten).toBe(4);
  });

  it('validates capacity, initialPosition and the buffer at the edge', () => {
    expect(new RingWriter(createRing(1)).capacity).toBe(64);
    expect(new RingWriter(createRing(100)).capacity).toBe(128);
    expect(new RingWriter(createRing(4096)).capacity).toBe(4096);
    expect(new RingWriter(createRing(4096)).maxMessageBytes).toBe(2040);
    expect(createRing(4096).byteLength).toBe(RING_CONTROL_BYTES + 4096);
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 30 + 1])
      expectCode(() => createRing(bad), ErrorCode.InvalidOption);
    for (const bad of [4, -8, TWO_32, 1.5, Number.NaN]) {
      expectCode(() => createRing(64, { initialPosition: bad }), ErrorCode.InvalidOption);
    }
    expectCode(() => new RingReader(new SharedArrayBuffer(RING_CONTROL_BYTES + 64)), ErrorCode.InvalidOption);
    expectCode(() => new RingWriter(new SharedArrayBuffer(8)), ErrorCode.InvalidOption);
    expectCode(
      () => new RingReader(new ArrayBuffer(RING_CONTROL_BYTES + 64) as unknown as SharedArrayBuffer),
      ErrorCode.InvalidOption,
    );
    const truncated = new SharedArrayBuffer(RING_CONTROL_BYTES + 64);
    new Uint8Array(truncated).set(new Uint8Array(createRing(128), 0, RING_CONTROL_BYTES));
    expectCode(() => new RingReader(truncated), ErrorCode.InvalidOption);
  });
});

describe('ring: waiting on one thread', () => {
  it('waitForData times out on an empty ring and wakes when a message arrives', async () => {
    const sab = createRing(256);
    const reader = new RingReader(sab);
    const writer = new RingWriter(sab);
    let t0 = performance.now();
    expect(await reader.waitForData(30)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    t0 = performance.now();
    setTimeout(() => writer.tryWriteBytes(Uint8Array.of(7)), 20);
    expect(await reader.waitForData(10_000)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect([...reader.peek()!]).toEqual([7]);
    expect(await reader.waitForData(0)).toBe(true);
    reader.release();
    for (const timeout of [0, -1, Number.NaN]) expect(await reader.waitForData(timeout)).toBe(false);
  });

  it('waitForSpace times out on a full ring and wakes on release', async () => {
    const sab = createRing(64);
    const reader = new RingReader(sab);
    const writer = new RingWriter(sab);
    expect(writer.tryWriteBytes(new Uint8Array(24))).toBe(true);
    expect(writer.tryWriteBytes(new Uint8Array(24))).toBe(true);
    expect(writer.fits(1)).toBe(false);
    expect(await writer.waitForSpace(24, 30)).toBe(false);
    setTimeout(() => {
      reader.peek();
      reader.release();
    }, 20);
    const t0 = performance.now();
    expect(await writer.waitForSpace(24, 10_000)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(writer.tryWriteBytes(new Uint8Array(24))).toBe(true);
    await expect(writer.waitForSpace(writer.maxMessageBytes + 1, 10)).rejects.toMatchObject({
      code: ErrorCode.RingMessageTooLarge,
    });
  });

  it('reports a waiting mark once, to the other end, and only after it was set', () => {
    const sab = createRing(1024);
    const writer = new RingWriter(sab);
    const reader = new RingReader(sab);
    expect(writer.takeReaderWaiting()).toBe(false);
    reader.expectData();
    expect(reader.peek()).toBeUndefined();
    expect(writer.tryWriteBytes(Uint8Array.of(1, 2, 3))).toBe(true);
    expect(writer.takeReaderWaiting()).toBe(true);
    expect(writer.takeReaderWaiting()).toBe(false);
    expect(reader.takeWriterWaiting()).toBe(false);
    writer.expectSpace();
    expect(reader.peek()).toEqual(Uint8Array.of(1, 2, 3));
    reader.release();
    expect(reader.takeWriterWaiting()).toBe(true);
    expect(reader.takeWriterWaiting()).toBe(false);
    // The marks live in their own slots and leave the parked protocol alone.
    const control = new Int32Array(sab, 0, RING_CONTROL_BYTES / 4);
    expect([control[RingSlot.ReaderParked], control[RingSlot.WriterParked]]).toEqual([0, 0]);
  });

  it('refuses to block the main thread with Atomics.wait', () => {
    const sab = createRing(64);
    const reader = new RingReader(sab);
    const writer = new RingWriter(sab);
    expectCode(() => reader.waitForDataSync(10), ErrorCode.Internal);
    writer.tryWriteBytes(new Uint8Array(24));
    writer.tryWriteBytes(new Uint8Array(24));
    expectCode(() => writer.waitForSpaceSync(24, 10), ErrorCode.Internal);
    // Already satisfied: no wait, so no refusal.
    expect(reader.waitForDataSync(10)).toBe(true);
  });
});

describe('ring traffic verifier', () => {
  // The cross-thread tests are only as good as this check, so it must catch each failure mode.
  const seed = 99;
  const maxSize = 500;
  const message = (seq: number): Uint8Array => {
    const buf = new Uint8Array(messageSize(seed, seq, maxSize));
    writeMessage(buf, seed, seq);
    return buf;
  };

  it('accepts the right message and names every kind of wrong one', () => {
    expect(verifyMessage(message(5), seed, 5, maxSize)).toBeUndefined();
    expect(verifyMessage(message(6), seed, 5, maxSize)).toMatch(/^gap/);
    expect(verifyMessage(message(4), seed, 5, maxSize)).toMatch(/^duplicate/);
    const torn = message(5);
    torn[torn.length - 1]! ^= 1;
    expect(verifyMessage(torn, seed, 5, maxSize)).toMatch(/checksum/);
    const short = message(5).subarray(0, MESSAGE_HEADER_BYTES + 1);
    expect(verifyMessage(short, seed, 5, maxSize)).toMatch(/length/);
    const unaligned = new Uint8Array(message(5).length + 4);
    unaligned.set(message(5), 4);
    expect(verifyMessage(unaligned.subarray(4), seed, 5, maxSize)).toMatch(/aligned/);
  });

  it('spreads sizes over the whole range', () => {
    const sizes = Array.from({ length: 4000 }, (_, seq) => messageSize(seed, seq, maxSize));
    expect(Math.min(...sizes)).toBe(MESSAGE_HEADER_BYTES);
    expect(Math.max(...sizes)).toBeGreaterThan(maxSize - 20);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(maxSize);
  });
});

const WORKER_URL = new URL('./ring-worker.mjs', import.meta.url);
const DIST_RING_URL = new URL('../../dist/shared/ring.js', import.meta.url);
/** A stalled side gives up after this long; the test limit is above it so the cause is reported. */
const WAIT_TIMEOUT_MS = 10_000;
const TEST_LIMIT_MS = 45_000;

interface Spawned {
  readonly result: Promise<TrafficResult>;
  stop(): Promise<unknown>;
}

function spawn(sab: SharedArrayBuffer, role: 'producer' | 'consumer', options: TrafficOptions): Spawned {
  const worker = new Worker(WORKER_URL, { workerData: { sab, role, options } });
  const result = new Promise<TrafficResult>((resolve, reject) => {
    worker.once('message', (r: TrafficResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`${role} worker exited with code ${code} before reporting`)),
    );
  });
  return { result, stop: () => worker.terminate() };
}

describe('ring: across threads', () => {
  beforeAll(() => {
    const src = statSync(fileURLToPath(new URL('../../src/shared/ring.ts', import.meta.url))).mtimeMs;
    const dist = statSync(fileURLToPath(DIST_RING_URL)).mtimeMs;
    if (dist < src)
      throw new Error('dist/shared/ring.js is older than src/shared/ring.ts: run `npm run build`');
  });

  const COUNT = 200_000;
  // 4 KiB ring, messages up to 2040 bytes: it wraps every few messages.
  const CAPACITY = 4096;
  const MAX_SIZE = CAPACITY / 2 - RING_FRAME_BYTES;
  // The counters cross 2^32 after the first MiB.
  const START = TWO_32 - (1 << 20);

  it(
    'main thread producer (async waits) → worker consumer (Atomics.wait), slow consumer',
    async () => {
      const sab = createRing(CAPACITY, { initialPosition: START });
      const base = { seed: 0x5eed1, count: COUNT, maxSize: MAX_SIZE, waitTimeoutMs: WAIT_TIMEOUT_MS };
      const consumer = spawn(sab, 'consumer', { ...base, mode: 'sync', pause: { every: 20_000, ms: 5 } });
      try {
        const [sent, received] = await Promise.all([
          produce(new RingWriter(sab), { ...base, mode: 'async' }),
          consumer.result,
        ]);
        expect(received).toMatchObject({ messages: COUNT, bytes: sent.bytes });
        expect(sent.waits).toBeGreaterThan(0);
        expect(sent.bytes).toBeGreaterThan(20 * CAPACITY);
        const reader = new RingReader(sab);
        expect(reader.messagesRead).toBe(COUNT);
        expect(reader.bytesUsed).toBe(0);
      } finally {
        await consumer.stop();
      }
    },
    TEST_LIMIT_MS,
  );

  it(
    'worker producer (Atomics.wait) → main thread consumer (async waits), slow producer',
    async () => {
      const sab = createRing(CAPACITY, { initialPosition: START });
      const base = { seed: 0x5eed2, count: COUNT, maxSize: MAX_SIZE, waitTimeoutMs: WAIT_TIMEOUT_MS };
      const producer = spawn(sab, 'producer', {
        ...base,
        mode: 'sync',
        pause: { every: 20_000, offset: 7, ms: 5 },
      });
      try {
        const [received, sent] = await Promise.all([
          consume(new RingReader(sab), { ...base, mode: 'async' }),
          producer.result,
        ]);
        expect(received).toMatchObject({ messages: COUNT, bytes: sent.bytes });
        expect(received.waits).toBeGreaterThan(0);
      } finally {
        await producer.stop();
      }
    },
    TEST_LIMIT_MS,
  );

  it(
    'two workers at full speed (async producer, blocking consumer), with both kinds of pause',
    async () => {
      const sab = createRing(CAPACITY, { initialPosition: START });
      const base = { seed: 0x5eed3, count: COUNT, maxSize: MAX_SIZE, waitTimeoutMs: WAIT_TIMEOUT_MS };
      const producer = spawn(sab, 'producer', { ...base, mode: 'async', pause: { every: 50_000, ms: 5 } });
      const consumer = spawn(sab, 'consumer', {
        ...base,
        mode: 'sync',
        pause: { every: 50_000, offset: 25_000, ms: 5 },
      });
      try {
        const [sent, received] = await Promise.all([producer.result, consumer.result]);
        expect(received).toMatchObject({ messages: COUNT, bytes: sent.bytes });
        expect(sent.waits).toBeGreaterThan(0);
        expect(received.waits).toBeGreaterThan(0);
      } finally {
        await Promise.all([producer.stop(), consumer.stop()]);
      }
    },
    TEST_LIMIT_MS,
  );

  it('keeps the event loop alive while waitForData is parked (Node 20 waitAsync does not)', async () => {
    // A child process whose only pending work is the wait: an unref'd worker writes message 0,
    // then message 1 after 200 ms, while the main thread is parked in waitForData.
    const script = `
      import { Worker } from 'node:worker_threads';
      const { createRing, RingReader } = await import(${JSON.stringify(DIST_RING_URL.href)});
      const { consume } = await import(${JSON.stringify(new URL('./ring-traffic.mjs', import.meta.url).href)});
      const sab = createRing(256);
      const options = { seed: 1, count: 2, maxSize: 64, mode: 'sync', waitTimeoutMs: 10000, pause: { every: 1, ms: 200 } };
      new Worker(new URL(${JSON.stringify(WORKER_URL.href)}), { execArgv: [], workerData: { sab, role: 'producer', options } }).unref();
      const result = await consume(new RingReader(sab), { ...options, mode: 'async' });
      process.stdout.write(JSON.stringify(result));
    `;
    const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { timeout: 20_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: unknown }).code ?? -1) : 0, stdout, stderr }),
      );
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as TrafficResult;
    expect(result.messages).toBe(2);
    expect(result.waits).toBeGreaterThan(0);
  });
});
