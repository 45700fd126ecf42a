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
import { LocalNetworks } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { packState } from '../shared/pack.js';
function aggregatorFor(setup) {
    const local = LocalNetworks.parse(setup.localNetworks);
    if (!(local instanceof LocalNetworks)) {
        throw new NetscryError(ErrorCode.InvalidOption, `not a network: ${local.invalid}`);
    }
    return new DirectAggregator(setup.heatmap, setup.parse, local);
}
function packed(aggregator) {
    const bytes = packState(aggregator.finish());
    return Comlink.transfer(bytes, [bytes.buffer]);
}
let framed;
const control = {
    run(job) {
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
    start(setup) {
        framed = aggregatorFor(setup);
    },
    /** Parses one framed chunk; `stopped` once the cell budget is exceeded (the run falls back). */
    chunk(chunk) {
        const result = framed.chunk(chunk);
        return { result, stopped: framed.stopped !== undefined };
    },
    finish() {
        const aggregator = framed;
        framed = undefined;
        return packed(aggregator);
    },
};
Comlink.expose(control, nodeEndpoint(parentPort));
//# sourceMappingURL=direct-actor.js.map