/**
 * Beacon scenarios beyond the single-address `beacon` (scenarios.ts), found by the `beacon`
 * detector's (source, domain) pairs.
 *
 * `beacon.cdn`: C2 fronted by a CDN. An implant checks in over TLS every N s ± jitter with one
 * SNI (a CDN-style host name), but every lookup of that name answers with another edge address
 * of a large pool, taken in a shuffled cycle, so each (source, edge address) pair sees at most
 * ~15 check-ins — below the address-pair detector's 20 — while the (source, SNI) pair keeps the
 * whole regular series. Edge addresses are the .13 of /28 blocks of 198.18.0.0/15: benign sites
 * hold only .1/.4/.7/.10 of their block, so no benign host ever talks to one.
 */
import type { GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import { type Host } from './network.js';
import { OutboundScenario } from './scenario-base.js';
/** TLS check-ins to one SNI whose address rotates over a CDN's edge pool. */
export declare class CdnBeacon extends OutboundScenario {
    private readonly domain;
    private readonly edges;
    private readonly order;
    private readonly used;
    private readonly intervalUs;
    private readonly jitter;
    /** DNS TTL of the answers, shorter than the least gap between check-ins. */
    private readonly ttl;
    private readonly endUs;
    private readonly certFp;
    private cursor;
    private beats;
    private missed;
    constructor(ctx: GenContext, host: Host);
    expectedConnections(): number;
    /** The next edge of the shuffled cycle (a new shuffle each round). */
    private nextEdge;
    protected fire(t: number): void;
    label(): ScenarioLabel;
}
