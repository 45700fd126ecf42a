/**
 * Thread entry point of an actor: hosts an ActorCore on a worker thread, wires its rings and
 * doorbell, and runs the event-driven loop. Domain logic lives in engine/; this file only
 * connects it to the thread.
 *
 * Waiting: the loop sleeps in `Atomics.waitAsync` on its own doorbell (bumped by every ring
 * write or release addressed to it) raced with the arrival of a port message; it never blocks
 * the event loop, so comlink calls and chunks keep flowing. A 100 ms timeout is a safety net.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ActorCore } from '../engine/actor-core.js';
import { buildRuntime } from '../engine/config.js';
import { ShardHost } from '../engine/shard-host.js';
import { packPieces, packState, unpackPieces } from '../shared/pack.js';
import { RingReader, RingWriter } from '../shared/ring.js';
const init = workerData;
const port = parentPort;
const runtime = buildRuntime(init.config);
const doorbells = new Int32Array(init.doorbells);
const { actorId, actors } = init;
const outbound = [];
const inbound = [];
for (let other = 0; other < actors; other++) {
    const out = init.rings[actorId * actors + other];
    const inn = init.rings[other * actors + actorId];
    outbound.push(out ? new RingWriter(out) : undefined);
    inbound.push(inn ? new RingReader(inn) : undefined);
}
const core = new ActorCore({
    actorId,
    actors,
    runtime,
    outbound,
    inbound,
    notify: (actor) => {
        Atomics.add(doorbells, actor, 1);
        Atomics.notify(doorbells, actor);
    },
    ...(init.restore ? { host: ShardHost.restorePieces(runtime, unpackPieces(init.restore)) } : {}),
    nextSeq: init.nextSeq,
});
const chunks = [];
let totalChunks;
let wakeOnMessage;
let finished;
port.on('message', (message) => {
    if (message.type === 'chunk')
        chunks.push(message.chunk);
    wakeOnMessage?.();
});
function post(event, transfer = []) {
    port.postMessage(event, transfer);
}
function onChunkDone(nextSeq, checkpoint) {
    if (!checkpoint)
        return;
    const state = packPieces(core.host.snapshotPieces());
    post({ type: 'checkpoint', generation: init.generation, nextSeq, state }, [state.buffer]);
}
async function sleep(observed) {
    const waited = Atomics.waitAsync(doorbells, actorId, observed, 100);
    if (!waited.async)
        return;
    const message = new Promise((resolve) => {
        wakeOnMessage = resolve;
    });
    await Promise.race([waited.value, message]);
    wakeOnMessage = undefined;
}
async function run() {
    let parsed = 0;
    for (;;) {
        const observed = Atomics.load(doorbells, actorId);
        let progress = core.pump(onChunkDone);
        if (!core.hasPending && chunks.length > 0) {
            const chunk = chunks.shift();
            const { result, reframe } = core.parseChunk(chunk);
            post({
                type: 'parsed',
                generation: init.generation,
                seq: chunk.seq,
                result,
                ...(reframe === undefined ? {} : { reframe }),
            });
            parsed++;
            if (init.crashAfterChunks !== null && parsed >= init.crashAfterChunks)
                process.exit(70);
            progress = true;
        }
        if (totalChunks !== undefined && core.nextSeq >= totalChunks && !core.hasPending && chunks.length === 0)
            break;
        if (!progress)
            await sleep(observed);
    }
    finished?.(packState(core.host.finish()));
}
const control = {
    end(total) {
        totalChunks = total;
        wakeOnMessage?.();
        return new Promise((resolve) => {
            finished = (packed) => resolve(Comlink.transfer(packed, [packed.buffer]));
        });
    },
    stats() {
        return core.stats();
    },
};
Comlink.expose(control, nodeEndpoint(init.control));
run().catch((err) => {
    // An actor that cannot continue dies loudly; the coordinator restarts it from a checkpoint.
    setImmediate(() => {
        throw err;
    });
});
//# sourceMappingURL=actor.js.map