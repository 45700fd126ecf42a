/**
 * The threaded actors of one generation: spawns N workers with their rings and doorbells,
 * deals chunks, relays their events, and reports a death. Supervision policy (what to do on a
 * death) lives in the pipeline; a pool never outlives its generation.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { createRing } from '../shared/ring.js';
import { actorOfChunk } from '../shared/sharding.js';
/**
 * A worker script of src/workers (`actor.js`, `direct-actor.js`). Workers need JavaScript: when
 * this module runs from TypeScript sources (vitest), use the compiled one in dist/ that
 * `npm run build` produces.
 */
export function workerScript(name) {
    const sibling = new URL(`../workers/${name}`, import.meta.url);
    if (existsSync(fileURLToPath(sibling)))
        return sibling;
    const built = new URL(`../../dist/workers/${name}`, import.meta.url);
    if (existsSync(fileURLToPath(built)))
        return built;
    throw new NetscryError(ErrorCode.Internal, `the worker script ${name} is missing: run \`npm run build\` first`);
}
/**
 * Chunks dealt to one actor and not yet parsed (sharded and framed direct runs): bounds the
 * memory held in flight while keeping the next chunk ready when one is parsed.
 */
export const MAX_INFLIGHT_PER_ACTOR = 2;
export class ActorPool {
    generation;
    workers = [];
    controls = [];
    ports = [];
    stopping = false;
    failed = false;
    constructor(options) {
        this.generation = options.generation;
        const n = options.actors;
        const rings = [];
        for (let from = 0; from < n; from++) {
            for (let to = 0; to < n; to++)
                rings.push(from === to ? null : createRing(options.ringBytes));
        }
        const doorbells = new SharedArrayBuffer(4 * n);
        const script = workerScript('actor.js');
        for (let actorId = 0; actorId < n; actorId++) {
            const { port1, port2 } = new MessageChannel();
            const init = {
                actorId,
                actors: n,
                generation: options.generation,
                config: options.config,
                rings,
                doorbells,
                restore: options.restore ? options.restore[actorId] : null,
                nextSeq: options.nextSeq,
                crashAfterChunks: options.crash && options.crash.actor === actorId ? options.crash.afterChunks : null,
                control: port2,
            };
            const worker = new Worker(script, { workerData: init, transferList: [port2] });
            worker.on('message', (event) => {
                if (event.generation === this.generation)
                    options.onEvent(actorId, event);
            });
            const fail = (error) => {
                if (this.stopping || this.failed)
                    return;
                this.failed = true;
                options.onFailure(actorId, error);
            };
            worker.on('error', (err) => fail(err));
            worker.on('exit', (code) => fail(new Error(`actor ${actorId} exited with code ${code}`)));
            this.workers.push(worker);
            this.ports.push(port1);
            this.controls.push(Comlink.wrap(nodeEndpoint(port1)));
        }
    }
    dispatch(chunk) {
        const actor = actorOfChunk(chunk.seq, this.workers.length);
        if (chunk.rangeLength !== undefined) {
            // A range: the actor reads the bytes itself.
            this.workers[actor].postMessage({ type: 'chunk', chunk });
            return;
        }
        // Transfer only a buffer the chunk owns outright: transferring a view's shared backing
        // buffer would detach the rest of it (and clone cost grows with the buffer, not the view).
        let bytes = chunk.bytes;
        if (bytes.byteOffset !== 0 ||
            bytes.byteLength !== bytes.buffer.byteLength ||
            !(bytes.buffer instanceof ArrayBuffer)) {
            bytes = bytes.slice();
        }
        const command = { type: 'chunk', chunk: { ...chunk, bytes } };
        this.workers[actor].postMessage(command, [bytes.buffer]);
    }
    end(totalChunks) {
        return Promise.all(this.controls.map((c) => c.end(totalChunks)));
    }
    stats() {
        return Promise.all(this.controls.map((c) => c.stats()));
    }
    async terminate() {
        this.stopping = true;
        for (const c of this.controls)
            c[Comlink.releaseProxy]();
        for (const p of this.ports)
            p.close();
        await Promise.all(this.workers.map((w) => w.terminate()));
    }
}
//# sourceMappingURL=actor-pool.js.map