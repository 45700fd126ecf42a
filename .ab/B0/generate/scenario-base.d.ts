/**
 * The base classes of the labelled scenarios (scenarios.ts and its siblings): an actor with its
 * own random stream, its emitted window and connection count, and — for scenarios run by an
 * internal host — ephemeral ports, cached DNS lookups and TLS sessions as a client would make.
 */
import type { Actor, GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import type { Addr, Host } from './network.js';
import type { ScenarioType } from './options.js';
import { Rng } from './prng.js';
export declare abstract class Scenario implements Actor {
    protected readonly ctx: GenContext;
    readonly type: ScenarioType;
    nextUs: number;
    protected firstUs: number;
    protected lastUs: number;
    protected connections: number;
    protected readonly rng: Rng;
    constructor(ctx: GenContext, type: ScenarioType);
    step(): void;
    /** Emits the event at `t` and sets `nextUs`. */
    protected abstract fire(t: number): void;
    abstract label(): ScenarioLabel;
    /** Connections the plan will produce, roughly: lets the steering leave room for them. */
    abstract expectedConnections(): number;
    protected seen(tsUs: number): void;
    protected window(): {
        start: number;
        end: number;
    };
    /** A window of `durationUs` placed uniformly within [lo, hi] fractions of the run. */
    protected place(durationUs: number, lo: number, hi: number): number;
    protected runUs(): number;
}
export declare function clamp(x: number, lo: number, hi: number): number;
export declare function minutes(us: number): string;
export declare abstract class OutboundScenario extends Scenario {
    protected readonly host: Host;
    private port;
    private cacheUntilUs;
    constructor(ctx: GenContext, type: ScenarioType, host: Host);
    protected nextPort(): number;
    /** Looks `domain` up unless cached; returns when the answer is in hand. */
    protected resolve(t: number, domain: string, addr: Addr, ttl: number): number;
    protected tlsSession(ts: number, spec: {
        resp: Addr;
        domain: string;
        durationUs: number;
        origBytes: number;
        respBytes: number;
        certFp: string;
    }): void;
}
