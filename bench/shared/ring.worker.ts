/**
 * Consumer end for the cross-thread ring benchmark: blocks in Atomics.wait (a worker may),
 * touches each payload's first byte as a BatchView would, acknowledges every `ackEvery`
 * messages, and stops at a zero-length message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RingReader } from '../../src/shared/ring.js';

const { sab, ackEvery } = workerData as { sab: SharedArrayBuffer; ackEvery: number };
const reader = new RingReader(sab);
let count = 0;
let sink = 0;
for (;;) {
  const msg = reader.peek();
  if (msg === undefined) {
    reader.waitForDataSync(Number.POSITIVE_INFINITY);
    continue;
  }
  const stop = msg.length === 0;
  if (!stop) sink ^= msg[0]!;
  reader.release();
  if (stop) break;
  if (++count % ackEvery === 0) parentPort!.postMessage(sink);
}
