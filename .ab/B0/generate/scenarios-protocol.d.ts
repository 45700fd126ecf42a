/**
 * Protocol-deviation scenarios (found by the `protocol` detector): `deviation.protocol` below,
 * `deviation.smuggling` at the end of the file.
 *
 * `deviation.protocol`: an internal host, within about an hour,
 * - holds a few SSH sessions to an external server on 443/tcp (Zeek's content detection names
 *   the service `ssh`: a tunnel dressed as HTTPS, T1571),
 * - fetches a few URLs over plain HTTP from a raw IP address (the Host header is the address)
 *   with a scripting tool's User-Agent (python-requests, curl, Go, PowerShell), and
 * - opens TLS sessions without SNI to another raw IP whose certificate is self-signed.
 * Every address it talks to is in 203.0.113.200–.254 (attacker infrastructure in the
 * generator's plan); no name is looked up. Each activity stays well below 20 connections to
 * one destination and sends little, so beaconing and exfiltration detectors have nothing to see.
 */
import type { GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import { type Host } from './network.js';
import { OutboundScenario, Scenario } from './scenario-base.js';
export declare class ProtocolDeviation extends OutboundScenario {
    private readonly sshServer;
    private readonly webServer;
    private readonly tlsServer;
    private readonly agent;
    private readonly certFp;
    private readonly steps;
    private readonly counts;
    constructor(ctx: GenContext, host: Host);
    expectedConnections(): number;
    protected fire(t: number): void;
    private ssh;
    private http;
    private tls;
    label(): ScenarioLabel;
}
/**
 * `deviation.smuggling` (found by the `protocol` detector's `protocol.http-smuggling`): an
 * external client probes the published intranet web server for HTTP request smuggling, as
 * smuggler-style scanners do — within a quarter of an hour, 24–60 requests, each on its own
 * connection, each with a framing permutation (Content-Length beside `Transfer-Encoding:
 * chunked`, chunked followed by another coding, a folded Transfer-Encoding header, a signed
 * Content-Length, or an obfuscated coding Zeek reads past). conn.log and http.log get a row per
 * request (the server answers 400 or 200), weird.log a row per probe Zeek notices, under Zeek's
 * names. Few connections, no volume: nothing for the scan, exfiltration or baseline detectors.
 */
export declare class HttpSmuggling extends Scenario {
    private readonly src;
    private readonly server;
    private readonly probes;
    private port;
    private weirds;
    constructor(ctx: GenContext);
    expectedConnections(): number;
    protected fire(t: number): void;
    label(): ScenarioLabel;
}
