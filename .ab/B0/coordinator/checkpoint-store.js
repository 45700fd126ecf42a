/**
 * The last complete checkpoint of a sharded run (one packed state per actor), kept on disk.
 *
 * Why: held in memory, the coordinator kept a copy of every actor's state from the first
 * checkpoint to the end of the run — ≈ 130 MB on the 10 M-line conn + dns day with every
 * detector — for the rare run that needs it (an actor crashed). Here a complete set is written
 * to one file in the background and the buffers are dropped; a recovery reads it back.
 *
 * Order: sets are written one after another; the previous file stays in force until the next
 * one is complete, so a crash during a write resumes from the set before. A set that cannot be
 * written (disk full, no such directory) is kept in memory instead: recovery still works, only
 * the memory saving is lost.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { framingHeader, unframe } from '../shared/pack.js';
export class CheckpointStore {
    pathFor;
    /** The highest chunk of a set handed to `save` (written or not yet). */
    latestSeq = 0;
    seq = 0;
    file;
    inMemory = null;
    writes = Promise.resolve();
    /** `pathFor(name)`: where to put a file of that name (the run's spool directory). */
    constructor(pathFor) {
        this.pathFor = pathFor;
    }
    /** Takes a complete set; it is in force once written (see `load`). */
    save(seq, states) {
        this.latestSeq = seq;
        this.writes = this.writes.then(() => this.write(seq, states));
    }
    /** The last set in force, after any write under way has finished. */
    async load() {
        await this.writes;
        if (this.inMemory !== null)
            return { seq: this.seq, states: this.inMemory };
        if (this.file === undefined)
            return { seq: 0, states: null };
        return { seq: this.seq, states: splitStates(await readFile(this.file)) };
    }
    /** Removes the file (after the run, whatever its outcome). */
    async close() {
        await this.writes;
        await this.drop();
    }
    async write(seq, states) {
        let path;
        try {
            path = this.pathFor(`checkpoint-${seq}.bin`);
            const file = await open(path, 'w');
            try {
                await file.writev([framingHeader(states), ...states]);
            }
            finally {
                await file.close();
            }
        }
        catch {
            if (path !== undefined)
                await rm(path, { force: true }).catch(() => { });
            await this.drop();
            this.inMemory = states;
            this.seq = seq;
            return;
        }
        await this.drop();
        this.file = path;
        this.seq = seq;
    }
    async drop() {
        const old = this.file;
        this.file = undefined;
        this.inMemory = null;
        if (old !== undefined)
            await rm(old, { force: true });
    }
}
/**
 * The states of a checkpoint file, each copied to its own buffer: a view sent to a worker would
 * carry the whole file's buffer with it.
 */
function splitStates(bytes) {
    return unframe(bytes).map((view) => {
        const state = new Uint8Array(view.byteLength);
        state.set(view);
        return state;
    });
}
//# sourceMappingURL=checkpoint-store.js.map