/**
 * Worker entry for the ring tests: plays one end of a ring with the compiled module
 * (dist/, from `npm run build`) and posts its TrafficResult. Any failure throws, which the
 * parent sees as the worker's 'error' event.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { consume, produce } from './ring-traffic.mjs';

const { RingReader, RingWriter } = await import(new URL('../../dist/shared/ring.js', import.meta.url).href);
const { sab, role, options } = workerData;
const result =
  role === 'producer'
    ? await produce(new RingWriter(sab), options)
    : await consume(new RingReader(sab), options);
parentPort.postMessage(result);
