/**
 * An actor is anything that produces traffic on its own clock: a client host, a scenario.
 * The generator advances every actor to the end of a time slice, in a fixed order, before it
 * sorts and writes the slice; actors never read each other's state, so the output depends only
 * on the options.
 */
import type { Emitter } from './emit.js';
import type { World } from './network.js';

export interface Actor {
  /** Event time (integer µs) of the next step; Infinity when the actor is done. */
  readonly nextUs: number;
  /** Emits what happens at `nextUs` and moves `nextUs` forward (strictly, or to Infinity). */
  step(): void;
}

export interface GenContext {
  readonly world: World;
  readonly em: Emitter;
  readonly seed: number;
  readonly startUs: number;
  readonly endUs: number;
  /** Benign session-rate multiplier (1, or steered towards `targetConnections` between slices). */
  multiplier: number;
  /** Connections emitted by benign sessions (the part that scales with `multiplier`). */
  sessionConnections: number;
  /** Connections emitted by scenarios (bursty: kept out of the steering's extrapolation). */
  scenarioConnections: number;
}

export const US = 1_000_000;

/**
 * The actors as a binary min-heap on (nextUs, actor index): stepping them in time order keeps
 * emission close to time order (cheap sorting, short carries, cache-warm copies) and costs
 * O(log actors) per step instead of a scan of every actor per slice.
 */
export class ActorQueue {
  private readonly heap: Int32Array;
  private readonly keys: Float64Array;

  constructor(private readonly actors: readonly Actor[]) {
    const n = actors.length;
    this.heap = new Int32Array(n);
    this.keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.heap[i] = i;
      this.keys[i] = actors[i]!.nextUs;
    }
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** Steps every actor whose next event is before `endUs`, earliest first. */
  runUntil(endUs: number): void {
    const heap = this.heap;
    if (heap.length === 0) return;
    for (;;) {
      const id = heap[0]!;
      if (!(this.keys[id]! < endUs)) return;
      const actor = this.actors[id]!;
      actor.step();
      this.keys[id] = actor.nextUs;
      this.siftDown(0);
    }
  }

  private before(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.before(heap[r]!, heap[l]!) ? r : l;
      if (!this.before(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}
