/**
 * ICMP tunnelling (detect/icmp-tunnel.ts finds it).
 *
 * `exfil.icmp`: an internal client runs a ptunnel-like tool to an internet relay: for 30–90
 * minutes it pushes megabytes out in echo requests of about a kilobyte each, and the relay
 * answers every request with a short echo reply (an acknowledgement), in sessions of 1–8
 * minutes separated by pauses longer than Zeek's one-minute ICMP inactivity timeout — so each
 * session is one conn line (proto icmp, orig_p 8, resp_p 0, conn_state OTH). Nothing but the
 * sizes betrays it in conn.log: ordinary pings carry 32–56 bytes each way, equal in both
 * directions.
 */
import type { GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import { type Host } from './network.js';
import { OutboundScenario } from './scenario-base.js';
export declare class IcmpTunnel extends OutboundScenario {
    private readonly relay;
    private readonly endUs;
    private bytesOut;
    private bytesIn;
    private sessions;
    constructor(ctx: GenContext, host: Host);
    expectedConnections(): number;
    protected fire(t: number): void;
    label(): ScenarioLabel;
}
