import { US } from './actor.js';
import { TLS12 } from './emit.js';
import { makeAddr } from './network.js';
import { minutes, OutboundScenario, Scenario } from './scenario-base.js';
const SCRIPT_AGENTS = [
    'python-requests/2.31.0',
    'curl/8.4.0',
    'Go-http-client/1.1',
    'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.3803',
];
const URIS = ['/stage2.bin', '/api/v1/tasks', '/update/check', '/c/config.json', '/dl/tool.ps1', '/x'];
export class ProtocolDeviation extends OutboundScenario {
    sshServer;
    webServer;
    tlsServer;
    agent;
    certFp;
    steps = [];
    counts = { ssh: 0, http: 0, tls: 0 };
    constructor(ctx, host) {
        super(ctx, 'deviation.protocol', host);
        const rng = this.rng;
        const offsets = rng.shuffle(Array.from({ length: 55 }, (_, k) => k));
        this.sshServer = makeAddr(`203.0.113.${200 + offsets[0]}`);
        this.webServer = makeAddr(`203.0.113.${200 + offsets[1]}`);
        this.tlsServer = makeAddr(`203.0.113.${200 + offsets[2]}`);
        this.agent = rng.pick(SCRIPT_AGENTS);
        let fp = '';
        while (fp.length < 64)
            fp += rng.u32().toString(16).padStart(8, '0');
        this.certFp = fp.slice(0, 64);
        for (let k = 0; k < 3 + rng.int(4); k++)
            this.steps.push('ssh');
        for (let k = 0; k < 4 + rng.int(6); k++)
            this.steps.push('http');
        for (let k = 0; k < 3 + rng.int(4); k++)
            this.steps.push('tls');
        const order = rng.shuffle(this.steps.map((_, k) => k));
        this.steps.splice(0, this.steps.length, ...order.map((k) => this.steps[k]));
        // A step every 1–6 minutes.
        this.nextUs = this.place(this.steps.length * 4 * 60 * US, 0.1, 0.85);
    }
    expectedConnections() {
        return this.steps.length;
    }
    fire(t) {
        const step = this.steps.shift();
        if (step === 'ssh')
            this.ssh(t);
        else if (step === 'http')
            this.http(t);
        else if (step === 'tls')
            this.tls(t);
        if (step !== undefined)
            this.counts[step]++;
        this.nextUs = this.steps.length > 0 ? t + this.rng.range(60 * US, 6 * 60 * US) : Number.POSITIVE_INFINITY;
    }
    ssh(t) {
        const rng = this.rng;
        this.ctx.em.tcp({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.nextPort(),
            resp: this.sshServer,
            respPort: 443,
            service: 'ssh',
            outcome: 'SF',
            durationUs: rng.range(20 * US, 600 * US),
            origBytes: rng.range(3_000, 40_000),
            respBytes: rng.range(4_000, 60_000),
        });
        this.seen(t);
    }
    http(t) {
        const rng = this.rng;
        const em = this.ctx.em;
        const port = this.nextPort();
        const uri = rng.pick(URIS);
        const responseBodyLen = rng.range(200, 30_000);
        em.tcp({
            tsUs: t,
            orig: this.host.addr,
            origPort: port,
            resp: this.webServer,
            respPort: 80,
            service: 'http',
            outcome: 'SF',
            durationUs: rng.range(40_000, 900_000),
            origBytes: 120 + uri.length + this.agent.length,
            respBytes: 200 + responseBodyLen,
        });
        em.http({
            tsUs: t + rng.range(1_000, 20_000),
            orig: this.host.addr,
            origPort: port,
            resp: this.webServer,
            respPort: 80,
            depth: 1,
            method: 'GET',
            host: this.webServer.text,
            uri,
            referrer: undefined,
            userAgent: this.agent,
            requestBodyLen: 0,
            responseBodyLen,
            status: 200,
            statusMsg: 'OK',
            requestMime: undefined,
            responseMime: 'application/octet-stream',
        });
        this.seen(t);
    }
    tls(t) {
        const rng = this.rng;
        const em = this.ctx.em;
        const port = this.nextPort();
        em.tcp({
            tsUs: t,
            orig: this.host.addr,
            origPort: port,
            resp: this.tlsServer,
            respPort: 443,
            service: 'ssl',
            outcome: 'SF',
            durationUs: rng.range(200_000, 30 * US),
            origBytes: rng.range(600, 6_000),
            respBytes: rng.range(2_000, 40_000),
        });
        em.ssl({
            tsUs: t + rng.range(20_000, 90_000),
            orig: this.host.addr,
            origPort: port,
            resp: this.tlsServer,
            respPort: 443,
            profile: TLS12[0],
            serverName: undefined,
            resumed: false,
            nextProtocol: undefined,
            certFp: this.certFp,
            validation: 'self signed certificate',
        });
        this.seen(t);
    }
    label() {
        const { start, end } = this.window();
        const c = this.counts;
        return {
            id: 'deviation.protocol-1',
            type: 'deviation.protocol',
            src: this.host.addr.text,
            targets: [this.sshServer.text, this.webServer.text, this.tlsServer.text],
            ports: [80, 443],
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) runs ${c.ssh} SSH sessions to ${this.sshServer.text} on 443/tcp, ` +
                `${c.http} plain-HTTP requests to the raw address ${this.webServer.text} with User-Agent "${this.agent}" ` +
                `and ${c.tls} TLS sessions without SNI to ${this.tlsServer.text} (self-signed certificate) within ${minutes((end - start) * US)}`,
            params: { ssh: c.ssh, http: c.http, tls: c.tls, userAgent: this.agent },
        };
    }
}
/** Permutations in the spirit of smuggler-style scanners: CL.TE and TE.CL with TE variants. */
const SMUGGLING_PROBES = [
    { method: 'POST', weird: 'HTTP_content_length_and_chunked' },
    { method: 'POST', weird: 'HTTP_content_length_and_chunked' },
    { method: 'GET', weird: 'HTTP_content_length_and_chunked' },
    { method: 'POST', weird: 'HTTP_chunked_multi', addl: ', identity' },
    { method: 'POST', weird: 'HTTP_chunked_multi', addl: ', cow' },
    { method: 'POST', weird: 'HTTP_obsolete_line_folding', addl: 'Transfer-Encoding' },
    { method: 'POST', weird: 'HTTP_bad_content_length', addl: '+6' },
    { method: 'POST' },
    { method: 'POST' },
];
const BROWSER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36';
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
export class HttpSmuggling extends Scenario {
    src;
    server;
    probes = [];
    port;
    weirds = 0;
    constructor(ctx) {
        super(ctx, 'deviation.smuggling');
        const rng = this.rng;
        this.src = makeAddr(`203.0.113.${200 + rng.int(55)}`);
        this.server = ctx.world.intranet.addr;
        const n = 24 + rng.int(37);
        for (let k = 0; k < n; k++)
            this.probes.push(SMUGGLING_PROBES[k % SMUGGLING_PROBES.length]);
        rng.shuffle(this.probes);
        this.port = rng.range(40_000, 60_000);
        this.nextUs = this.place(15 * 60 * US, 0.1, 0.9);
    }
    expectedConnections() {
        return this.probes.length;
    }
    fire(t) {
        const probe = this.probes.shift();
        if (probe === undefined)
            return;
        const rng = this.rng;
        const em = this.ctx.em;
        const origPort = this.port++;
        const rejected = probe.weird !== undefined && rng.chance(0.8);
        const responseBodyLen = rejected ? rng.range(150, 400) : rng.range(2_000, 12_000);
        em.tcp({
            tsUs: t,
            orig: this.src,
            origPort,
            resp: this.server,
            respPort: 80,
            service: 'http',
            outcome: 'SF',
            durationUs: rng.range(20_000, 400_000),
            origBytes: rng.range(180, 420),
            respBytes: 180 + responseBodyLen,
        });
        const reqTs = t + rng.range(1_000, 15_000);
        em.http({
            tsUs: reqTs,
            orig: this.src,
            origPort,
            resp: this.server,
            respPort: 80,
            depth: 1,
            method: probe.method,
            host: this.ctx.world.intranet.fqdn,
            uri: '/',
            referrer: undefined,
            userAgent: BROWSER_AGENT,
            requestBodyLen: rng.range(1, 12),
            responseBodyLen,
            status: rejected ? 400 : 200,
            statusMsg: rejected ? 'Bad Request' : 'OK',
            requestMime: undefined,
            responseMime: 'text/html',
        });
        if (probe.weird !== undefined) {
            em.weird({
                tsUs: reqTs,
                orig: this.src,
                origPort,
                resp: this.server,
                respPort: 80,
                name: probe.weird,
                addl: probe.addl,
            });
            this.weirds++;
        }
        this.seen(t);
        this.nextUs = this.probes.length > 0 ? t + rng.range(2 * US, 30 * US) : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        return {
            id: 'deviation.smuggling-1',
            type: 'deviation.smuggling',
            src: this.src.text,
            targets: [this.server.text],
            ports: [80],
            start,
            end,
            connections: this.connections,
            description: `${this.src.text} sends ${this.connections} HTTP requests with ambiguous message framing to ` +
                `${this.server.text}:80 (${this.weirds} of them noticed in weird.log) within ${minutes((end - start) * US)}`,
            params: { requests: this.connections, weirds: this.weirds },
        };
    }
}
//# sourceMappingURL=scenarios-protocol.js.map