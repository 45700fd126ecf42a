/**
 * Labelled attack scenarios planted into the benign traffic. Each is an actor with its own
 * random stream (so its timing follows from the seed and never disturbs a benign host's
 * stream) and produces its label from what it actually emitted: first/last record time and
 * connection count.
 *
 * Attacker infrastructure lives in .200–.254 of the documentation ranges, which benign sites
 * never use: scanner 198.51.100.x, C2 203.0.113.x, exfiltration endpoint 192.0.2.x.
 */
import type { Actor, GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import { type Addr } from './network.js';
import type { ScenarioType } from './options.js';
export interface HostOverride {
    readonly alwaysOn: boolean;
    readonly readdress?: {
        readonly atUs: number;
        readonly addr: Addr;
        readonly subnet: number;
    };
}
export interface ScenarioPlan {
    readonly actors: readonly Actor[];
    /** Scenario hosts stay on all day; the re-addressed one also moves. */
    readonly hostOverrides: ReadonlyMap<number, HostOverride>;
    /** Labels from what the scenarios emitted; call after the run. */
    labels(): ScenarioLabel[];
    /** Connections the scenarios are expected to add (an estimate made before the run). */
    readonly expectedConnections: number;
}
export declare function planScenarios(ctx: GenContext, types: readonly ScenarioType[]): ScenarioPlan;
