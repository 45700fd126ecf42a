/**
 * Traffic-anomaly scenarios (detect/baseline.ts finds them).
 *
 * `anomaly.burst`: an ordinary internal client (its usual benign day goes on around it) that
 * suddenly, for 20–50 minutes, pulls gigabytes over TLS from a couple of hundred internet
 * addresses (four names of one CDN-like service) — a sync or peer-to-peer client gone wild, or staging. Every
 * connection completes (no failed probes: not a scan) and they follow no rhythm (not a beacon);
 * each of its four names is looked up when its cached answer (TTL 300 s) has expired (an answer
 * listing its share of the addresses).
 */
import type { GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import { type Host } from './network.js';
import { OutboundScenario } from './scenario-base.js';
export declare class AnomalyBurst extends OutboundScenario {
    private readonly endUs;
    private readonly startUs;
    private readonly peers;
    private readonly domains;
    private readonly used;
    /** Name index → when its answer was received (µs); looked up again after the TTL. */
    private readonly lookedAt;
    private bytesIn;
    private bytesOut;
    private transfers;
    private readonly certFps;
    constructor(ctx: GenContext, host: Host);
    expectedConnections(): number;
    protected fire(t: number): void;
    /** A name without a live cached answer is looked up: one answer listing all of its addresses (a CDN). */
    private lookup;
    label(): ScenarioLabel;
}
