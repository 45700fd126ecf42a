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
export declare const US = 1000000;
/**
 * The actors as a binary min-heap on (nextUs, actor index): stepping them in time order keeps
 * emission close to time order (cheap sorting, short carries, cache-warm copies) and costs
 * O(log actors) per step instead of a scan of every actor per slice.
 */
export declare class ActorQueue {
    private readonly actors;
    private readonly heap;
    private readonly keys;
    constructor(actors: readonly Actor[]);
    /** Steps every actor whose next event is before `endUs`, earliest first. */
    runUntil(endUs: number): void;
    private before;
    private siftDown;
}
