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

export interface Checkpoint {
  /** The chunk a recovery resumes at (0: no checkpoint, start over). */
  readonly seq: number;
  /** One packed ShardHost per actor; null with seq 0. */
  readonly states: Uint8Array[] | null;
}

export class CheckpointStore {
  /** The highest chunk of a set handed to `save` (written or not yet). */
  latestSeq = 0;
  private seq = 0;
  private file: string | undefined;
  private inMemory: Uint8Array[] | null = null;
  private writes: Promise<void> = Promise.resolve();

  /** `pathFor(name)`: where to put a file of that name (the run's spool directory). */
  constructor(private readonly pathFor: (name: string) => string) {}

  /** Takes a complete set; it is in force once written (see `load`). */
  save(seq: number, states: Uint8Array[]): void {
    this.latestSeq = seq;
    this.writes = this.writes.then(() => this.write(seq, states));
  }

  /** The last set in force, after any write under way has finished. */
  async load(): Promise<Checkpoint> {
    await this.writes;
    if (this.inMemory !== null) return { seq: this.seq, states: this.inMemory };
    if (this.file === undefined) return { seq: 0, states: null };
    return { seq: this.seq, states: splitStates(await readFile(this.file)) };
  }

  /** Removes the file (after the run, whatever its outcome). */
  async close(): Promise<void> {
    await this.writes;
    await this.drop();
  }

  private async write(seq: number, states: Uint8Array[]): Promise<void> {
    let path: string | undefined;
    try {
      path = this.pathFor(`checkpoint-${seq}.bin`);
      const file = await open(path, 'w');
      try {
        await file.writev([framingHeader(states), ...states]);
      } finally {
        await file.close();
      }
    } catch {
      if (path !== undefined) await rm(path, { force: true }).catch(() => {});
      await this.drop();
      this.inMemory = states;
      this.seq = seq;
      return;
    }
    await this.drop();
    this.file = path;
    this.seq = seq;
  }

  private async drop(): Promise<void> {
    const old = this.file;
    this.file = undefined;
    this.inMemory = null;
    if (old !== undefined) await rm(old, { force: true });
  }
}

/**
 * The states of a checkpoint file, each copied to its own buffer: a view sent to a worker would
 * carry the whole file's buffer with it.
 */
function splitStates(bytes: Uint8Array): Uint8Array[] {
  return unframe(bytes).map((view) => {
    const state = new Uint8Array(view.byteLength);
    state.set(view);
    return state;
  });
}
