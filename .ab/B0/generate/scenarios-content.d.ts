/**
 * Content scenarios: what a clear-text field gives away (found by the `content` detector).
 *
 * `content.leak`: a script on an internal host posts payment-card numbers and a cloud access key
 * in the query strings of plain-HTTP requests to an external site, and uploads through a paste
 * site and an ngrok tunnel (DNS lookups and TLS sessions whose SNI names them). Every address
 * it talks to is in 198.51.100.200–.254 (attacker infrastructure in the generator's plan).
 */
import type { GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import { type Host } from './network.js';
import type { Rng } from './prng.js';
import { OutboundScenario } from './scenario-base.js';
/** A 16-digit Visa-range number with a valid Luhn check digit. */
export declare function syntheticCard(rng: Rng): string;
/** Card numbers and an access key in HTTP query strings; uploads to a paste site and a tunnel. */
export declare class ContentLeak extends OutboundScenario {
    private readonly shop;
    private readonly shopDomain;
    private readonly paste;
    private readonly pasteDomain;
    private readonly tunnel;
    private readonly tunnelDomain;
    private readonly accessKey;
    private readonly cards;
    private readonly steps;
    private readonly resolvedUntil;
    private cardRequests;
    private keyRequests;
    private pasteSessions;
    private tunnelSessions;
    private readonly certFps;
    constructor(ctx: GenContext, host: Host);
    expectedConnections(): number;
    /** A DNS lookup unless the answer is still cached; returns when the answer is in hand. */
    private lookup;
    private httpGet;
    protected fire(t: number): void;
    label(): ScenarioLabel;
}
