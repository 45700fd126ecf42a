import { type AnalyzerFactory } from './analyzer.js';
import { type Finding } from './finding.js';
export interface ProtocolConfig {
    /** Aggregation window of port, probe, http and tls findings (seconds, aligned on the epoch). */
    readonly windowSeconds: number;
    readonly enablePortMismatch: boolean;
    readonly enableTcpProbe: boolean;
    readonly enableRstStorm: boolean;
    readonly enableHttp: boolean;
    readonly enableTls: boolean;
    /** HTTP message-framing faults from weird records (request smuggling signals). */
    readonly enableHttpSmuggling: boolean;
    /** Weak framing faults (bad chunk sizes) a pair needs in a window. */
    readonly smugglingMinWeakSignals: number;
    /** Payload-statistics deviations (captures only). */
    readonly enablePayload: boolean;
    /** Sampled payload bytes a direction needs to be judged random (at most 256). */
    readonly payloadMinSampleBytes: number;
    /** Bits below the entropy of random data over the same sample size that still look random. */
    readonly randomEntropyMargin: number;
    /** Sampled payload bytes a direction needs to be judged text (at most 256). */
    readonly textMinSampleBytes: number;
    /** Printable share every judged direction needs on an encrypted port. */
    readonly textMinPrintable: number;
    /** Printable share on port 22 (SSH's banner and KEXINIT name lists are mostly text). */
    readonly sshTextMinPrintable: number;
    /** Connections a (server, port, kind) payload deviation needs in a window. */
    readonly payloadMinConnections: number;
    /** Connections a (server, port, service) needs in a window to be reported. */
    readonly portMinConnections: number;
    /** Null, SYN+FIN/RST and SYN-with-payload probes a source needs in a window. */
    readonly probeMinConnections: number;
    /** Distinct (host, port) targets of FIN-style probes a source needs in a window. */
    readonly finProbeMinTargets: number;
    /** Payload bytes per SYN (IP bytes per packet beyond the largest IP + TCP header) to count. */
    readonly synPayloadMinBytes: number;
    readonly rstWindowSeconds: number;
    /** RST-terminated connections per host and RST window. */
    readonly rstMinConnections: number;
    /** Share of an originator's TCP connections in the window that ended in a reset. */
    readonly rstMinShare: number;
    /** Distinct originators a responder's reset connections need. */
    readonly rstMinPeers: number;
    /** How far connection end times may step back and still enter an RST window. */
    readonly latenessSeconds: number;
    /** HTTP and TLS: only clients inside the local networks. */
    readonly internalClientsOnly: boolean;
    /** A User-Agent shorter than this is "very short". */
    readonly minUserAgentLength: number;
    /** Accept WebDAV methods (PROPFIND, MKCOL, …) as ordinary. */
    readonly allowWebDavMethods: boolean;
    /** Lower-case substrings that mark a scripting tool's User-Agent. */
    readonly scriptingUserAgents: readonly string[];
    /** A User-Agent / JA3 / JA4 used by at most this many internal hosts is rare. */
    readonly rareMaxHosts: number;
    /** Internal hosts with the field needed before rarity is judged. */
    readonly rareMinPopulation: number;
    /** Also check certificates and versions of internal servers. */
    readonly tlsInternalServers: boolean;
    readonly maxPortKeys: number;
    readonly maxSources: number;
    readonly maxValues: number;
    readonly maxProbeKeys: number;
    readonly maxRstKeys: number;
    readonly maxSmugglingKeys: number;
    readonly sampleSize: number;
}
export declare const DEFAULT_SCRIPTING_USER_AGENTS: readonly string[];
export declare const DEFAULT_PROTOCOL_CONFIG: ProtocolConfig;
/** Fills defaults and checks every key once, at the edge; throws InvalidOption naming the key. */
export declare function validateProtocolConfig(partial?: unknown): ProtocolConfig;
/** Well-known ports and the services that belong on them (any transport). */
export declare const PORT_SERVICES: ReadonlyMap<number, ReadonlySet<string>>;
/** Services that are suspicious anywhere but on their own ports. */
export declare const SERVICE_PORTS: ReadonlyMap<string, ReadonlySet<number>>;
export interface PortVerdict {
    /** The offending service. */
    readonly service: string;
    /** `port`: the port belongs to other services; `service`: the service belongs on other ports. */
    readonly reason: 'port' | 'service';
    /** What was expected: the port's services or the service's ports. */
    readonly expected: readonly string[];
}
/**
 * The port-mismatch verdict for a conn `service` list on responder port `port`, or undefined
 * when nothing deviates (or there is no evidence: empty, `-`, or only removed analyzers).
 */
export declare function portVerdict(serviceField: string, port: number): PortVerdict | undefined;
/** Services whose first bytes are text (a plaintext protocol, or its clear-text start). */
export declare const PLAINTEXT_SERVICES: ReadonlySet<string>;
/**
 * Ports whose traffic starts in clear text when no service was identified: TCP ftp, telnet,
 * smtp, http, pop3, nntp, imap, submission, irc, http-alt; TCP and UDP 53 (non-DNS traffic
 * there — a VPN on the port firewalls leave open — is not parsed as DNS, so no service).
 */
export declare const PLAINTEXT_PORTS: ReadonlySet<number>;
/** Ports that should carry encryption (TLS, SSH, DTLS, QUIC) from the first byte. */
export declare const ENCRYPTED_PORTS: ReadonlySet<number>;
/** Services that mean the payload is (or turns) encrypted. */
export declare const ENCRYPTED_SERVICES: ReadonlySet<string>;
export declare const PayloadKind: {
    readonly None: 0;
    readonly Random: 1;
    readonly Text: 2;
};
export type PayloadKind = (typeof PayloadKind)[keyof typeof PayloadKind];
export declare const PAYLOAD_DETECTORS: readonly ['', 'protocol.encrypted-on-plaintext-port', 'protocol.plaintext-on-encrypted-port'];
/**
 * What a connection's payload statistics are judged against, from its conn `service` field and
 * responder port: `Random` (a plaintext service, or no service on a plaintext port: random
 * payload deviates), `Text` (an encrypted port without an encrypted service: text deviates) or
 * `None` — also when `portVerdict` already flags the service on that port, and for DNS (its
 * binary records carry keys and signatures that look random; DNS tunnels are dns.ts's).
 */
export declare function payloadClass(serviceField: string, port: number): PayloadKind;
export declare const Probe: {
    readonly None: 0;
    readonly Null: 1;
    readonly MultiFlag: 2;
    readonly SynPayload: 3;
    readonly Fin: 4;
};
export type Probe = (typeof Probe)[keyof typeof Probe];
export declare const PROBE_NAMES: readonly ['none', 'null', 'syn-fin-rst', 'syn-payload', 'fin'];
/**
 * Classifies one TCP connection's history (Zeek letters: upper case = originator, lower case =
 * responder; S SYN, H SYN+ACK, A pure ACK, D payload, F FIN, R RST, Q SYN+FIN or SYN+RST in one
 * packet, I FIN+RST in one packet; C bad checksum, G content gap, T retransmission, W zero
 * window, which are ignored here; `^` the roles were flipped, which makes it unclassified).
 * Zeek records a letter per direction on its first occurrence (S, F, R again for a new sequence
 * number), and a packet with none of SYN, FIN, RST, ACK and no payload — a null probe — leaves
 * no letter at all. FIN, Xmas (FIN+PSH+URG) and Maimon (FIN+ACK) probes all record `F`.
 *
 * - `null`: the originator sent ≥ 1 packet but no letter of its own, the responder at most a
 *   RST (`r`; a closed port's answer — an open port's silence leaves an empty history, which is
 *   not told apart from a missing one, so only answered null probes count).
 * - `syn-fin-rst`: the originator sent a SYN+FIN or SYN+RST packet (`Q`).
 * - `syn-payload`: the originator sent only SYNs, the responder at most SYN+ACK / RST, and the
 *   IP bytes per originator packet exceed the IP header plus the largest TCP header (60 bytes)
 *   by `synPayloadMinBytes` (Zeek logs no `D` for payload on a SYN). TCP Fast Open completes its
 *   handshake and is never classified.
 * - `fin`: the originator sent FIN-flagged packets only (`F`, no SYN, ACK, payload or RST), the
 *   responder at most a RST: FIN, Xmas and Maimon probes. A FIN arriving after Zeek dropped an
 *   idle connection looks alike, hence a distinct-target threshold for this pattern.
 */
export declare function classifyProbe(history: Uint8Array, origPkts: number, origIpBytes: number, v6: boolean, synPayloadMinBytes: number, from?: number, to?: number): Probe;
/**
 * An RST-terminated connection for storm counting: reset (RSTO/RSTR/RSTOS0/RSTRH) after payload
 * in either direction (`D`/`d`), or a history of resets only (`R`/`r` with nothing else: a reset
 * without a connection). Handshake-only resets (`ShR`, `ShAR`: half-open and connect() probes)
 * are scans and are left to the scan detector.
 */
export declare function isRstTerminated(state: number, history: Uint8Array, from?: number, to?: number): boolean;
/** Whether a TCP history shows the originator's SYN and no role flip (the sample starts at the
 * stream's start, not somewhere in its middle). */
export declare function sawOriginatorSyn(history: Uint8Array, from?: number, to?: number): boolean;
/** One (server, port, proto, service, window). */
export interface PortAgg {
    readonly key: string;
    readonly server: string;
    readonly port: number;
    readonly proto: string;
    readonly service: string;
    readonly reason: 'port' | 'service';
    readonly expected: readonly string[];
    readonly bucket: number;
    count: number;
    firstTs: number;
    lastTs: number;
    origBytes: number;
    respBytes: number;
    clients: string[];
    uids: string[];
}
/** One (server, port, proto, kind, window) of payload-statistics deviations. */
export interface PayloadAgg {
    readonly key: string;
    readonly server: string;
    readonly port: number;
    readonly proto: string;
    readonly kind: 'random' | 'text';
    readonly bucket: number;
    count: number;
    firstTs: number;
    lastTs: number;
    /** Directions judged and the bytes their samples held, summed. */
    directions: number;
    sampledBytes: number;
    /** Range of the judged directions' entropies and printable shares. */
    entropyMin: number;
    entropyMax: number;
    printableMin: number;
    printableMax: number;
    services: string[];
    clients: string[];
    uids: string[];
}
/** One (client, window) of http or tls deviations. */
export interface SourceAgg {
    readonly key: string;
    readonly src: string;
    readonly bucket: number;
    firstTs: number;
    lastTs: number;
    reasons: Record<string, number>;
    /** `reason=value` samples (methods, user agents, versions, statuses, fingerprints). */
    values: string[];
    servers: string[];
    uids: string[];
}
/** One host's use of a value in one window (for rare-value findings). */
export interface UseAgg {
    readonly addr: string;
    readonly bucket: number;
    count: number;
    firstTs: number;
    lastTs: number;
    servers: string[];
    uids: string[];
}
/** How many internal hosts use a value (exact up to rareMaxHosts + 1, then saturated). */
export interface ValueAgg {
    readonly key: string;
    readonly table: 'ua' | 'ja3' | 'ja4';
    readonly value: string;
    saturated: boolean;
    hosts: string[];
    uses: UseAgg[];
}
export interface ProtocolPartial {
    readonly version: number;
    readonly ports: readonly PortAgg[];
    /** Payload-statistics deviations (absent in partials of older versions: none). */
    readonly payloads?: readonly PayloadAgg[];
    readonly sources: readonly (SourceAgg & {
        readonly kind: 'http' | 'tls';
    })[];
    readonly values: readonly ValueAgg[];
    /** Internal hosts seen with a User-Agent / a JA3 / a JA4 (host sets are disjoint by shard). */
    readonly population: {
        readonly ua: number;
        readonly ja3: number;
        readonly ja4: number;
    };
}
/**
 * Merges partials (any order, any grouping). Bounds come from the partials' own sizes, which
 * all follow one config: `limit` (rareMaxHosts + 1) is carried in each partial.
 */
export declare function mergeProtocolPartials(parts: readonly unknown[]): ProtocolPartial | undefined;
/** Findings of the merged partial: port mismatches, and http/tls deviations with rare values. */
export declare function concludeProtocol(merged: unknown, c: ProtocolConfig): Finding[];
export declare const PROTOCOL_EVICTION_NAMES: readonly ['maxPortKeys', 'maxPayloadKeys', 'maxSources', 'maxValues', 'maxProbeKeys', 'maxRstKeys', 'maxSmugglingKeys', 'lateRecords'];
export declare const protocolAnalyzer: AnalyzerFactory<ProtocolConfig>;
