import { Rng } from './prng.js';
export interface Addr {
    readonly text: string;
    readonly bytes: Buffer;
    readonly v6: boolean;
    /** Inside the site's local networks (10/8, fd00::/8). */
    readonly local: boolean;
}
/** Addresses are built once and compared by identity on the hot path. */
export declare function makeAddr(text: string): Addr;
export declare function v4Text(value: number): string;
export declare function v4Value(text: string): number;
/** A question and the answer the resolver gives to it (shared by every client that asks). */
export interface DnsQuestion {
    readonly query: string;
    readonly qtype: number;
    readonly qtypeName: string;
    readonly rcode: number;
    readonly rcodeName: string;
    readonly authoritative: boolean;
    /** dns.log `answers` and `TTLs` text ('-' when none). */
    readonly answers: string;
    readonly ttls: string;
}
export type Os = 'windows' | 'macos' | 'linux';
export interface Host {
    readonly index: number;
    readonly name: string;
    readonly mac: string;
    readonly os: Os;
    readonly subnet: number;
    readonly addr: Addr;
    readonly v6: Addr | undefined;
    /** Left on overnight (and at weekends): low background traffic outside office hours. */
    readonly alwaysOn: boolean;
    /** Uses the SSH bastion. */
    readonly admin: boolean;
    /** Sites this user keeps going back to (indices into `World.sites`). */
    readonly favourites: Uint16Array;
    readonly userAgent: string;
    /** First ephemeral port of the OS. */
    readonly ephemeralBase: number;
    readonly ephemeralSpan: number;
    /** TCP ports that answer a SYN (scans), others reset or are filtered per `firewalled`. */
    readonly openPorts: readonly number[];
    readonly firewalled: boolean;
}
export interface Server {
    readonly name: string;
    readonly fqdn: string;
    readonly addr: Addr;
    readonly mac: string;
    readonly openPorts: readonly number[];
}
export interface Site {
    readonly index: number;
    readonly domain: string;
    readonly v4: readonly Addr[];
    readonly v6: readonly Addr[];
    /** TTL (seconds) of the address records; a client re-resolves after it. */
    readonly ttl: number;
    /** The A and AAAA questions for the domain with the resolver's answers, precomputed. */
    readonly a: DnsQuestion;
    readonly aaaa: DnsQuestion;
    /** Plain HTTP (port 80): OCSP/CRL, update mirrors, captive-portal checks, a few old sites. */
    readonly http: boolean;
    readonly tls13: boolean;
    readonly certFp: string;
    /** Contacted by idle machines: updates, telemetry, sync. */
    readonly background: boolean;
}
export interface World {
    readonly domain: string;
    readonly serverSubnet: string;
    readonly clientSubnets: readonly string[];
    readonly ulaPrefix: string;
    readonly dns: Server;
    readonly dhcp: Server;
    readonly dc: Server;
    readonly files: Server;
    readonly intranet: Server;
    readonly bastion: Server;
    readonly servers: readonly Server[];
    readonly gateways: readonly Addr[];
    readonly hosts: readonly Host[];
    readonly sites: readonly Site[];
    /** Cumulative Zipf weights over `sites`. */
    readonly siteWeights: Float64Array;
    readonly httpSites: readonly number[];
    readonly backgroundSites: readonly number[];
    /** Every live internal IPv4 address (clients and servers) → what answers there. */
    readonly live: ReadonlyMap<string, {
        readonly openPorts: readonly number[];
        readonly firewalled: boolean;
    }>;
    /** IPv4 addresses (as numbers) no benign entity uses: free for re-addressing. */
    readonly takenV4: Set<number>;
}
export declare const CLIENT_POOL_FIRST = 20;
export declare const CLIENT_POOL_LAST = 249;
export declare function randomWord(rng: Rng, syllables: number): string;
export declare function clientSubnetBase(k: number): number;
export declare function buildWorld(seed: number, hostCount: number): World;
/** A free client address in a subnet other than `avoidSubnet` (for re-addressing). */
export declare function freeClientAddress(world: World, rng: Rng, avoidSubnet: number): {
    addr: Addr;
    subnet: number;
};
