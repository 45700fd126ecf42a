import type { Actor, GenContext } from './actor.js';
import type { Addr, Host } from './network.js';
/** Sessions per second while the user is at the desk (≈ 3 000 connections per office day). */
export declare const BASE_SESSION_RATE: number;
/**
 * Expected benign sessions per bin at multiplier 1, from the same presence schedule the hosts
 * follow: what `targetConnections` steers against. O(hosts × days + bins).
 */
export declare function benignLoad(seed: number, hosts: readonly {
    readonly index: number;
    readonly alwaysOn: boolean;
}[], startUs: number, endUs: number, binUs: number): Float64Array;
export interface HostActorOptions {
    readonly host: Host;
    readonly alwaysOn: boolean;
    /** Move the host to `addr` (a DHCP lease in another subnet) at `atUs`. */
    readonly readdress?: {
        readonly atUs: number;
        readonly addr: Addr;
        readonly subnet: number;
    };
}
export declare class HostActor implements Actor {
    private readonly ctx;
    private readonly opts;
    nextUs: number;
    private addr;
    private subnet;
    private readonly host;
    private readonly world;
    private readonly alwaysOn;
    private readonly rng;
    private presence;
    private sessUs;
    private sessRedraw;
    private ntpUs;
    private leaseUs;
    private readonly readdressUs;
    private readdressDone;
    private port;
    /** Cache key (site index, or a negative internal-name key) → answer expiry (µs). */
    private readonly dnsCache;
    private pruneAt;
    private readonly recent443;
    private readonly recent80;
    private readonly fqdn;
    private readonly names;
    constructor(ctx: GenContext, opts: HostActorOptions);
    step(): void;
    private updateNext;
    /** The machine comes up at `t`: a lease first, then NTP and sessions. */
    private wake;
    private scheduleSession;
    private nextPort;
    private session;
    private pickSite;
    private pickAddr;
    /** A site and address for a new session on `port`, within the distinct-destination cap. */
    private destination;
    private source;
    private web;
    private benignOutcome;
    private tls;
    private http;
    private httpConn;
    private directory;
    private fileShare;
    private intranetVisit;
    private ssh;
    private dnsOnly;
    private internalRtt;
    private externalRtt;
    /** Resolves a site unless its answer is still cached; returns when the answer is in hand. */
    private resolveSite;
    private resolveInternal;
    private remember;
    /** One query to the site resolver (retried once after a second if the answer is lost). */
    private query;
    private ntp;
    /** DORA through the subnet's relay for a machine arriving, REQUEST/ACK renewal otherwise. */
    private lease;
    /** Roaming to another VLAN: the old address is refused, a new one is leased (same MAC, name). */
    private moveToNewAddress;
}
