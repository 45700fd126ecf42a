/**
 * Thread entry point of a direct-aggregation actor (engine/direct.ts). Two ways to feed it,
 * both over comlink: `run` reads its byte ranges of the logs itself and answers with the packed
 * result (bytes read so far go to a shared counter the coordinator polls for progress);
 * `start`, `chunk` per framed chunk (transferred), then `finish`.
 */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { DirectAggregator, readRanges } from '../engine/direct.js';
import type { ChunkParseResult, ZeekChunk } from '../ingest/zeek/types.js';
import { LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import type { DirectJob, DirectSetup } from '../shared/messages.js';
import { packState } from '../shared/pack.js';

function aggregatorFor(setup: DirectSetup): DirectAggregator {
  const local = LocalNetworks.parse(setup.localNetworks);
  if (!(local instanceof LocalNetworks)) {
    throw new NetscryError(ErrorCode.InvalidOption, `not a network: ${local.invalid}`);
  }
  return new DirectAggregator(setup.heatmap, setup.parse, local);
}

function packed(aggregator: DirectAggregator): Uint8Array {
  const bytes = packState(aggregator.finish());
  return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
}

let framed: DirectAggregator | undefined;

const control = {
  run(job: DirectJob): Uint8Array {
    const progress = new Int32Array(job.progress);
    const aggregator = aggregatorFor(job);
    readRanges(job.segments, aggregator, {
      pieceBytes: job.pieceBytes,
      maxLineBytes: job.parse.maxLineBytes,
      // KiB, so a 32-bit counter covers 2 TiB.
      onPiece: (bytes) => Atomics.add(progress, job.actorId, bytes >>> 10),
    });
    return packed(aggregator);
  },
  start(setup: DirectSetup): void {
    framed = aggregatorFor(setup);
  },
  /** Parses one framed chunk; `stopped` once the cell budget is exceeded (the run falls back). */
  chunk(chunk: ZeekChunk): { result: ChunkParseResult; stopped: boolean } {
    const result = framed!.chunk(chunk);
    return { result, stopped: framed!.stopped !== undefined };
  },
  finish(): Uint8Array {
    const aggregator = framed!;
    framed = undefined;
    return packed(aggregator);
  },
};

export type DirectControl = typeof control;

Comlink.expose(control, nodeEndpoint(parentPort!));
