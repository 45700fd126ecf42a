import { US } from './actor.js';
import { clientSubnetBase, freeClientAddress, makeAddr, randomWord, v4Text, v4Value, } from './network.js';
import { INTERNAL_SCENARIOS, SCENARIO_TYPES } from './options.js';
import { Rng, Stream } from './prng.js';
import { clamp, minutes, OutboundScenario, Scenario } from './scenario-base.js';
import { AnomalyBurst } from './scenarios-anomaly.js';
import { BruteforceSsh, LateralAdmin } from './scenarios-auth.js';
import { CdnBeacon } from './scenarios-beacon.js';
import { ContentLeak } from './scenarios-content.js';
import { IcmpTunnel } from './scenarios-icmp.js';
import { HttpSmuggling, ProtocolDeviation } from './scenarios-protocol.js';
/** Probes one port across whole /24s, in address order, like a worm or `nmap -sT -p445 net/24`. */
class HorizontalScan extends Scenario {
    host;
    port;
    targets = [];
    gapUs;
    subnets = [];
    index = 0;
    srcPort;
    successes = 0;
    constructor(ctx, host) {
        super(ctx, 'scan.horizontal');
        this.host = host;
        const rng = this.rng;
        const w = ctx.world;
        this.port = host.os === 'linux' ? 22 : rng.pick([445, 445, 22]);
        const bases = [v4Value('10.10.0.0'), clientSubnetBase((host.subnet + 1) % w.clientSubnets.length)];
        const third = (host.subnet + 2) % w.clientSubnets.length;
        if (third !== host.subnet && rng.chance(0.5))
            bases.push(clientSubnetBase(third));
        for (const base of bases) {
            this.subnets.push(`${v4Text(base)}/24`);
            for (let o = 1; o <= 254; o++)
                this.targets.push(makeAddr(v4Text(base + o)));
        }
        const duration = Math.round(clamp(rng.uniform(120, 300) * US, 30 * US, 0.4 * this.runUs()));
        this.gapUs = Math.max(1_000, Math.floor(duration / this.targets.length));
        this.nextUs = this.place(duration, 0.1, 0.85);
        this.srcPort = host.ephemeralBase + rng.int(host.ephemeralSpan - 2_000);
    }
    expectedConnections() {
        return this.targets.length;
    }
    fire(t) {
        const target = this.targets[this.index];
        const live = this.ctx.world.live.get(target.text);
        let outcome;
        if (live === undefined)
            outcome = this.rng.chance(0.9) ? 'S0' : 'REJ';
        else if (live.openPorts.includes(this.port))
            outcome = 'CONNECT_OPEN';
        else
            outcome = live.firewalled ? 'S0' : 'REJ';
        if (outcome === 'CONNECT_OPEN')
            this.successes++;
        this.ctx.em.tcp({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.srcPort++,
            resp: target,
            respPort: this.port,
            outcome,
            synCount: 1 + this.rng.int(2),
        });
        this.seen(t);
        this.index++;
        this.nextUs =
            this.index < this.targets.length
                ? t + Math.round(this.gapUs * this.rng.uniform(0.7, 1.3))
                : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        return {
            id: 'scan.horizontal-1',
            type: 'scan.horizontal',
            src: this.host.addr.text,
            targets: this.targets.slice(0, this.index).map((a) => a.text),
            ports: [this.port],
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) probes ${this.port}/tcp on ${this.index} addresses of ${this.subnets.join(', ')} within ${minutes((end - start) * US)}; ${this.successes} answer`,
            params: { probes: this.index, successes: this.successes },
        };
    }
}
const EXTRA_PORTS = [
    1433, 1521, 2049, 3306, 3389, 5432, 5900, 5985, 5986, 6379, 8000, 8080, 8443, 9200, 27017,
];
/** A SYN scan (`nmap -sS`) of hundreds of ports on one internal target from one source port. */
class VerticalScan extends Scenario {
    host;
    target;
    targetName;
    ports;
    open;
    firewalled;
    gapUs;
    srcPort;
    index = 0;
    constructor(ctx, host) {
        super(ctx, 'scan.vertical');
        this.host = host;
        const rng = this.rng;
        const w = ctx.world;
        const choice = rng.int(3);
        if (choice < 2) {
            const server = choice === 0 ? w.files : w.dc;
            this.target = server.addr;
            this.targetName = server.fqdn;
            this.open = server.openPorts;
            this.firewalled = false;
        }
        else {
            // A client: a firewalled one drops (S0) what a plain one resets (REJ).
            let victim = w.hosts[rng.int(w.hosts.length)];
            if (victim.index === host.index)
                victim = w.hosts[(host.index + 1) % w.hosts.length];
            this.target = victim.addr;
            this.targetName = victim.name;
            this.open = victim.openPorts;
            this.firewalled = victim.firewalled;
        }
        const pool = [];
        for (let p = 1; p <= 1024; p++)
            pool.push(p);
        pool.push(...EXTRA_PORTS);
        rng.shuffle(pool);
        const count = rng.range(300, 1_000);
        this.ports = pool.slice(0, count);
        // Keep the interesting ports in, as nmap's top-ports list would.
        for (const p of this.open)
            if (!this.ports.includes(p))
                this.ports[rng.int(this.ports.length)] = p;
        const duration = Math.round(clamp(rng.uniform(40, 150) * US, 20 * US, 0.3 * this.runUs()));
        this.gapUs = Math.max(500, Math.floor(duration / this.ports.length));
        this.nextUs = this.place(duration, 0.1, 0.9);
        this.srcPort = rng.range(33_000, 60_000);
    }
    expectedConnections() {
        return this.ports.length;
    }
    fire(t) {
        const port = this.ports[this.index];
        let outcome;
        if (this.open.includes(port))
            outcome = 'SYN_OPEN';
        else if (this.firewalled)
            outcome = 'S0';
        else
            outcome = this.rng.chance(0.88) ? 'REJ' : 'S0';
        this.ctx.em.tcp({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.srcPort,
            resp: this.target,
            respPort: port,
            outcome,
        });
        this.seen(t);
        this.index++;
        this.nextUs =
            this.index < this.ports.length
                ? t + Math.round(this.gapUs * this.rng.uniform(0.5, 1.5))
                : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        const probed = this.ports.slice(0, this.index).sort((a, b) => a - b);
        return {
            id: 'scan.vertical-1',
            type: 'scan.vertical',
            src: this.host.addr.text,
            targets: [this.target.text],
            ports: probed,
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) SYN-scans ${probed.length} TCP ports of ${this.targetName} (${this.target.text}) within ${minutes((end - start) * US)}`,
            params: { ports: probed.length, open: this.open.filter((p) => probed.includes(p)).length },
        };
    }
}
/** An internet scanner sweeping client subnets on one port in random order (masscan-like). */
class InboundScan extends Scenario {
    src;
    port;
    targets = [];
    subnets = [];
    gapUs;
    srcPort;
    index = 0;
    constructor(ctx) {
        super(ctx, 'scan.inbound');
        const rng = this.rng;
        const w = ctx.world;
        this.src = makeAddr(`198.51.100.${200 + rng.int(55)}`);
        this.port = rng.pick([3389, 22, 23, 445, 5900]);
        const n = w.clientSubnets.length;
        const first = rng.int(n);
        for (const k of [first, (first + 1) % n]) {
            const base = clientSubnetBase(k);
            this.subnets.push(`${v4Text(base)}/24`);
            for (let o = 1; o <= 254; o++)
                this.targets.push(makeAddr(v4Text(base + o)));
        }
        rng.shuffle(this.targets);
        const duration = Math.round(clamp(rng.uniform(300, 900) * US, 30 * US, 0.4 * this.runUs()));
        this.gapUs = Math.max(1_000, Math.floor(duration / this.targets.length));
        this.nextUs = this.place(duration, 0.05, 0.95);
        this.srcPort = rng.range(40_000, 65_000);
    }
    expectedConnections() {
        return this.targets.length;
    }
    fire(t) {
        const target = this.targets[this.index];
        const live = this.ctx.world.live.get(target.text);
        let outcome = 'S0';
        if (live !== undefined && !live.firewalled)
            outcome = live.openPorts.includes(this.port) ? 'SYN_OPEN' : 'REJ';
        this.ctx.em.tcp({
            tsUs: t,
            orig: this.src,
            origPort: this.srcPort,
            resp: target,
            respPort: this.port,
            outcome,
        });
        this.seen(t);
        this.index++;
        this.nextUs =
            this.index < this.targets.length
                ? t + Math.round(this.gapUs * this.rng.uniform(0.5, 1.5))
                : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        return {
            id: 'scan.inbound-1',
            type: 'scan.inbound',
            src: this.src.text,
            targets: this.targets.slice(0, this.index).map((a) => a.text),
            ports: [this.port],
            start,
            end,
            connections: this.connections,
            description: `internet scanner ${this.src.text} sweeps ${this.port}/tcp across ${this.index} addresses of ${this.subnets.join(', ')} within ${minutes((end - start) * US)}`,
            params: { probes: this.index },
        };
    }
}
/** Shared by the outbound scenarios: resolve a name through the site resolver, then connect. */
function hexString(rng, chars) {
    let s = '';
    while (s.length < chars)
        s += rng.u32().toString(16).padStart(8, '0');
    return s.slice(0, chars);
}
/** C2 check-ins every N s ± jitter over TLS with small, nearly constant sizes, a few beats missed. */
class Beacon extends OutboundScenario {
    c2;
    domain;
    intervalUs;
    jitter;
    endUs;
    certFp;
    beats = 0;
    missed = 0;
    constructor(ctx, host) {
        super(ctx, 'beacon', host);
        const rng = this.rng;
        this.c2 = makeAddr(`203.0.113.${200 + rng.int(55)}`);
        this.domain = `${rng.pick(['cdn', 'api', 'update', 'static'])}.${randomWord(rng, 2)}-${randomWord(rng, 2)}.${rng.pick(['com', 'net', 'io'])}`;
        const run = this.runUs();
        const length = Math.round(run * rng.uniform(0.6, 0.8));
        const fitting = [60, 120, 300, 600].filter((s) => length / (s * US) >= 30);
        const interval = fitting.length > 0 ? rng.pick(fitting) : Math.max(5, Math.floor(length / (30 * US)));
        this.intervalUs = interval * US;
        this.jitter = rng.pick([0.05, 0.1, 0.2]);
        this.nextUs = ctx.startUs + Math.round(run * rng.uniform(0.02, 0.15));
        this.endUs = Math.min(ctx.endUs - 60 * US, this.nextUs + length);
        this.certFp = hexString(rng, 64);
    }
    expectedConnections() {
        const length = this.endUs - this.nextUs;
        return length / this.intervalUs + length / (300 * US);
    }
    fire(t) {
        const rng = this.rng;
        if (rng.chance(0.03)) {
            this.missed++;
        }
        else {
            this.beats++;
            const ts = this.resolve(t, this.domain, this.c2, 300);
            const tasked = rng.chance(0.02);
            this.tlsSession(ts, {
                resp: this.c2,
                domain: this.domain,
                durationUs: rng.range(180_000, 650_000),
                origBytes: 396 + rng.range(-6, 6),
                respBytes: tasked ? rng.range(2_000, 20_000) : 211 + rng.range(-4, 4),
                certFp: this.certFp,
            });
        }
        const next = t + Math.round(this.intervalUs * (1 + rng.uniform(-this.jitter, this.jitter)));
        this.nextUs = next <= this.endUs ? next : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        const interval = this.intervalUs / US;
        return {
            id: 'beacon-1',
            type: 'beacon',
            src: this.host.addr.text,
            targets: [this.c2.text],
            ports: [443],
            domain: this.domain,
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) beacons to ${this.domain} (${this.c2.text}:443) every ${interval} s ±${Math.round(this.jitter * 100)} % (${this.beats} check-ins, ${this.missed} missed)`,
            params: { intervalSeconds: interval, jitter: this.jitter, beats: this.beats, missed: this.missed },
        };
    }
}
/** Hours of large TLS uploads to an endpoint nobody else in the company talks to. */
class ExfilHttps extends OutboundScenario {
    dest;
    domain;
    endUs;
    certFp;
    bytesOut = 0;
    bytesIn = 0;
    uploads = 0;
    constructor(ctx, host) {
        super(ctx, 'exfil.https', host);
        const rng = this.rng;
        this.dest = makeAddr(`192.0.2.${200 + rng.int(55)}`);
        this.domain = `${rng.pick(['upload', 'files', 'sync'])}.${randomWord(rng, 2)}${rng.pick(['share', 'drop', 'box'])}.${rng.pick(['io', 'net', 'co'])}`;
        const run = this.runUs();
        const length = Math.round(clamp(0.35 * run, Math.min(1_800 * US, 0.8 * run), Math.min(4 * 3_600 * US, 0.8 * run)));
        this.nextUs = this.place(length, 0.05, 0.95);
        this.endUs = this.nextUs + length;
        this.certFp = hexString(rng, 64);
    }
    expectedConnections() {
        // An upload (≈ 8 s) and a pause (≈ 165 s), each with its lookup.
        return (2 * (this.endUs - this.nextUs)) / (173 * US);
    }
    fire(t) {
        const rng = this.rng;
        const ts = this.resolve(t, this.domain, this.dest, 60);
        const origBytes = Math.round(clamp(rng.logNormal(40e6, 0.5), 5e6, 200e6));
        const respBytes = rng.range(3_000, 12_000);
        const durationUs = Math.round((origBytes / rng.uniform(2e6, 8e6)) * US);
        this.tlsSession(ts, {
            resp: this.dest,
            domain: this.domain,
            durationUs,
            origBytes,
            respBytes,
            certFp: this.certFp,
        });
        this.bytesOut += origBytes;
        this.bytesIn += respBytes;
        this.uploads++;
        const next = ts + durationUs + rng.range(30 * US, 300 * US);
        this.nextUs = next <= this.endUs ? next : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        return {
            id: 'exfil.https-1',
            type: 'exfil.https',
            src: this.host.addr.text,
            targets: [this.dest.text],
            ports: [443],
            domain: this.domain,
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) uploads ${(this.bytesOut / 1e9).toFixed(2)} GB in ${this.uploads} TLS sessions to ${this.domain} (${this.dest.text}), a destination no other host contacts`,
            params: { bytesOut: this.bytesOut, bytesIn: this.bytesIn, uploads: this.uploads },
        };
    }
}
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** DNS tunnelling (iodine/dnscat-like): unique high-entropy labels under one apex, TXT/NULL. */
class ExfilDns extends OutboundScenario {
    apex;
    endUs;
    queries = 0;
    constructor(ctx, host) {
        super(ctx, 'exfil.dns', host);
        const rng = this.rng;
        this.apex = `${rng.pick(['t', 'ns', 'd'])}.${randomWord(rng, 2)}.${rng.pick(['net', 'info', 'xyz'])}`;
        const run = this.runUs();
        const length = Math.round(clamp(0.1 * run, Math.min(600 * US, 0.5 * run), Math.min(2_400 * US, 0.5 * run)));
        this.nextUs = this.place(length, 0.05, 0.95);
        this.endUs = this.nextUs + length;
    }
    b32(chars) {
        let s = '';
        for (let i = 0; i < chars; i++)
            s += BASE32[this.rng.int(32)];
        return s;
    }
    expectedConnections() {
        return (this.endUs - this.nextUs) / (0.78 * US);
    }
    fire(t) {
        const rng = this.rng;
        // The first label starts with the sequence number, so every name is unique by construction.
        const seq = this.queries.toString(32).padStart(6, '0');
        const query = `${seq}${this.b32(50)}.${this.b32(rng.range(20, 40))}.${this.apex}`;
        const txt = rng.chance(0.7);
        const payload = txt ? this.b32(rng.range(40, 120)) : '';
        this.ctx.em.dnsExchange({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.nextPort(),
            resp: this.ctx.world.dns.addr,
            transId: rng.int(65_536),
            rttUs: rng.range(20_000, 150_000),
            q: {
                query,
                qtype: txt ? 16 : 10,
                qtypeName: txt ? 'TXT' : 'NULL',
                rcode: 0,
                rcodeName: 'NOERROR',
                authoritative: false,
                answers: txt ? `TXT ${payload.length} ${payload}` : '-',
                ttls: txt ? '0.000000' : '-',
            },
        });
        this.seen(t);
        this.queries++;
        const pause = rng.chance(0.03) ? rng.range(2 * US, 20 * US) : 0;
        const next = t + Math.max(1_000, Math.round(rng.exp(0.45 * US))) + pause;
        this.nextUs = next <= this.endUs ? next : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        return {
            id: 'exfil.dns-1',
            type: 'exfil.dns',
            src: this.host.addr.text,
            targets: [this.ctx.world.dns.addr.text],
            ports: [53],
            domain: this.apex,
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) tunnels data through ${this.queries} TXT/NULL queries for unique high-entropy names under ${this.apex} via ${this.ctx.world.dns.addr.text}`,
            params: { queries: this.queries },
        };
    }
}
export function planScenarios(ctx, types) {
    const w = ctx.world;
    const rng = new Rng(ctx.seed, Stream.ScenarioPlan);
    const order = rng.shuffle(w.hosts.map((h) => h.index));
    const hostFor = new Map();
    let next = 0;
    for (const type of INTERNAL_SCENARIOS) {
        if (types.includes(type))
            hostFor.set(type, w.hosts[order[next++]]);
    }
    const overrides = new Map();
    for (const host of hostFor.values())
        overrides.set(host.index, { alwaysOn: true });
    const scenarios = [];
    let readdressLabel;
    for (const type of types) {
        const host = hostFor.get(type);
        switch (type) {
            case 'scan.horizontal':
                scenarios.push(new HorizontalScan(ctx, host));
                break;
            case 'scan.vertical':
                scenarios.push(new VerticalScan(ctx, host));
                break;
            case 'scan.inbound':
                scenarios.push(new InboundScan(ctx));
                break;
            case 'beacon':
                scenarios.push(new Beacon(ctx, host));
                break;
            case 'exfil.https':
                scenarios.push(new ExfilHttps(ctx, host));
                break;
            case 'exfil.dns':
                scenarios.push(new ExfilDns(ctx, host));
                break;
            case 'content.leak':
                scenarios.push(new ContentLeak(ctx, host));
                break;
            case 'bruteforce.ssh':
                scenarios.push(new BruteforceSsh(ctx, host));
                break;
            case 'lateral.admin':
                scenarios.push(new LateralAdmin(ctx, host));
                break;
            case 'deviation.protocol':
                scenarios.push(new ProtocolDeviation(ctx, host));
                break;
            case 'deviation.smuggling':
                scenarios.push(new HttpSmuggling(ctx));
                break;
            case 'anomaly.burst':
                scenarios.push(new AnomalyBurst(ctx, host));
                break;
            case 'beacon.cdn':
                scenarios.push(new CdnBeacon(ctx, host));
                break;
            case 'exfil.icmp':
                scenarios.push(new IcmpTunnel(ctx, host));
                break;
            case 'host.readdress': {
                const h = host;
                const r = new Rng(ctx.seed, Stream.Scenario, SCENARIO_TYPES.indexOf(type));
                const atUs = ctx.startUs + Math.round((ctx.endUs - ctx.startUs) * r.uniform(0.3, 0.7));
                const moved = freeClientAddress(w, r, h.subnet);
                overrides.set(h.index, {
                    alwaysOn: true,
                    readdress: { atUs, addr: moved.addr, subnet: moved.subnet },
                });
                readdressLabel = {
                    id: 'host.readdress-1',
                    type,
                    src: h.addr.text,
                    aliases: [moved.addr.text],
                    mac: h.mac,
                    hostName: h.name,
                    start: atUs / US,
                    end: Math.min(ctx.endUs, atUs + 600 * US) / US,
                    connections: 1,
                    description: `${h.name} (${h.mac}) leaves ${h.addr.text} for ${moved.addr.text} in ${w.clientSubnets[moved.subnet]} (DHCP NAK, then a new lease)`,
                };
                break;
            }
        }
    }
    return {
        actors: scenarios,
        hostOverrides: overrides,
        expectedConnections: scenarios.reduce((sum, sc) => sum + sc.expectedConnections(), readdressLabel ? 1 : 0),
        labels() {
            const labels = scenarios.map((s) => s.label());
            if (readdressLabel !== undefined)
                labels.push(readdressLabel);
            const rank = (l) => SCENARIO_TYPES.indexOf(l.type);
            return labels.sort((a, b) => rank(a) - rank(b));
        },
    };
}
//# sourceMappingURL=scenarios.js.map