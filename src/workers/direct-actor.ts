/**
 * Thread entry point of a direct-aggregation actor (engine/direct.ts): reads its byte ranges
 * of the logs, parses and aggregates them, and answers one comlink call with the packed
 * result. Bytes read so far go to a shared counter the coordinator polls for progress.
 */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { DirectAggregator, readRanges } from '../engine/direct.js';
import { LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import type { DirectJob } from '../shared/messages.js';
import { packState } from '../shared/pack.js';

const control = {
  run(job: DirectJob): Uint8Array {
    const local = LocalNetworks.parse(job.localNetworks);
    if (!(local instanceof LocalNetworks)) {
      throw new NetscryError(ErrorCode.InvalidOption, `not a network: ${local.invalid}`);
    }
    const progress = new Int32Array(job.progress);
    const aggregator = new DirectAggregator(job.heatmap, job.parse, local);
    readRanges(job.segments, aggregator, {
      pieceBytes: job.pieceBytes,
      maxLineBytes: job.parse.maxLineBytes,
      // KiB, so a 32-bit counter covers 2 TiB.
      onPiece: (bytes) => Atomics.add(progress, job.actorId, bytes >>> 10),
    });
    const packed = packState(aggregator.finish());
    return Comlink.transfer(packed, [packed.buffer as ArrayBuffer]);
  },
};

export type DirectControl = typeof control;

Comlink.expose(control, nodeEndpoint(parentPort!));
