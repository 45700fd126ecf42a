/**
 * SPSC ring (src/shared/ring.ts): one thread writing and reading in turn (the ring's own cost),
 * then a main-thread producer feeding a worker consumer (wake-ups and cache-line traffic).
 * Batch-sized messages are 64 KiB filled with a copy, as BatchBuilder.encodeInto would.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { createRing, RingReader, RingWriter } from '../../src/shared/ring.js';
import { type BenchReport, medianMs, newBench, perSecond } from '../harness.js';

const BATCH_BYTES = 64 * 1024;
const SMALL_BYTES = 64;
/** Messages per measured operation, so the timer's resolution does not dominate. */
const BATCHES_PER_OP = 16;
const SMALL_PER_OP = 2_000;
const CROSS_BATCHES_PER_OP = 256;
const CROSS_SMALL_PER_OP = 50_000;
const RING_BYTES = 1 << 20;
const WAIT_MS = 5_000;

let sink = 0;

function oneThread(size: number, perOp: number): () => void {
  const sab = createRing(RING_BYTES);
  const writer = new RingWriter(sab);
  const reader = new RingReader(sab);
  const src = new Uint8Array(size).fill(7);
  const fill = (dst: Uint8Array): void => dst.set(src);
  return () => {
    for (let i = 0; i < perOp; i++) {
      if (!writer.tryWrite(size, fill)) throw new Error('ring unexpectedly full');
      sink ^= reader.peek()![0]!;
      reader.release();
    }
  };
}

interface CrossThread {
  readonly op: () => Promise<void>;
  close(): Promise<void>;
}

function crossThread(size: number, perOp: number): CrossThread {
  const sab = createRing(RING_BYTES);
  const writer = new RingWriter(sab);
  const worker = new Worker(new URL('./ring.worker.js', import.meta.url), {
    workerData: { sab, ackEvery: perOp },
  });
  const src = new Uint8Array(size).fill(7);
  const fill = (dst: Uint8Array): void => dst.set(src);
  const op = async (): Promise<void> => {
    const acked = once(worker, 'message');
    for (let i = 0; i < perOp; i++) {
      while (!writer.tryWrite(size, fill)) {
        if (!(await writer.waitForSpace(size, WAIT_MS))) throw new Error('consumer worker stalled');
      }
    }
    await acked;
  };
  const close = async (): Promise<void> => {
    while (!writer.tryWrite(0, () => {})) await writer.waitForSpace(0, WAIT_MS);
    await once(worker, 'exit');
  };
  return { op, close };
}

export async function run(): Promise<BenchReport[]> {
  const bench = newBench();
  const crossBatch = crossThread(BATCH_BYTES, CROSS_BATCHES_PER_OP);
  const crossSmall = crossThread(SMALL_BYTES, CROSS_SMALL_PER_OP);
  const tasks = [
    {
      name: `ring 64 KiB write+read, 1 thread ×${BATCHES_PER_OP}`,
      fn: oneThread(BATCH_BYTES, BATCHES_PER_OP),
      n: BATCHES_PER_OP,
      size: BATCH_BYTES,
    },
    {
      name: `ring 64 B write+read, 1 thread ×${SMALL_PER_OP}`,
      fn: oneThread(SMALL_BYTES, SMALL_PER_OP),
      n: SMALL_PER_OP,
      size: SMALL_BYTES,
    },
    {
      name: `ring 64 KiB main → worker ×${CROSS_BATCHES_PER_OP}`,
      fn: crossBatch.op,
      n: CROSS_BATCHES_PER_OP,
      size: BATCH_BYTES,
    },
    {
      name: `ring 64 B main → worker ×${CROSS_SMALL_PER_OP}`,
      fn: crossSmall.op,
      n: CROSS_SMALL_PER_OP,
      size: SMALL_BYTES,
    },
  ];
  try {
    for (const t of tasks) bench.add(t.name, t.fn);
    await bench.run();
  } finally {
    await Promise.all([crossBatch.close(), crossSmall.close()]);
  }
  const reports: BenchReport[] = [];
  for (const t of tasks) {
    const { median, samples } = medianMs(bench, t.name);
    const msgs =
      t.size >= BATCH_BYTES ? perSecond(t.n, median, ' msgs', 1e3, 'k') : perSecond(t.n, median, ' msgs');
    reports.push({
      name: t.name,
      medianMs: median,
      throughput: `${msgs}, ${perSecond(t.n * t.size, median, 'B')}`,
      samples,
    });
  }
  if (sink === -1) console.log(sink);
  return reports;
}
