import { US } from './actor.js';
import { makeAddr, randomWord } from './network.js';
import { clamp, minutes, OutboundScenario } from './scenario-base.js';
/** Peers of the burst: addresses in the RFC 2544 space of the benign sites (CDN-like, may be shared). */
function peerAddress(k) {
    return makeAddr(`198.19.${(k * 37 + 11) % 250}.${1 + ((k * 101) % 250)}`);
}
export class AnomalyBurst extends OutboundScenario {
    endUs;
    startUs;
    peers;
    domains;
    used = new Set();
    /** Name index → when its answer was received (µs); looked up again after the TTL. */
    lookedAt = new Map();
    bytesIn = 0;
    bytesOut = 0;
    transfers = 0;
    certFps;
    constructor(ctx, host) {
        super(ctx, 'anomaly.burst', host);
        const rng = this.rng;
        const run = this.runUs();
        const length = Math.round(clamp(rng.uniform(20, 50) * 60 * US, Math.min(600 * US, 0.5 * run), 0.5 * run));
        this.nextUs = this.place(length, 0.45, 0.85);
        this.startUs = this.nextUs;
        this.endUs = this.nextUs + length;
        const count = rng.range(150, 300);
        const offset = rng.int(10_000);
        this.peers = Array.from({ length: count }, (_, k) => peerAddress(offset + k));
        const word = randomWord(rng, 2);
        this.domains = Array.from({ length: 4 }, (_, k) => `node${k + 1}.${word}sync.net`);
        this.certFps = this.domains.map(() => hexString(rng, 64));
    }
    expectedConnections() {
        return (this.endUs - this.startUs) / (6 * US) + this.domains.length;
    }
    fire(t) {
        const rng = this.rng;
        const k = rng.int(this.peers.length);
        const peer = this.peers[k];
        const d = k % this.domains.length;
        const ts = this.lookup(t, d);
        const respBytes = Math.round(clamp(rng.logNormal(25e6, 0.6), 2e6, 150e6));
        const origBytes = rng.range(20_000, 200_000);
        const durationUs = Math.round((respBytes / rng.uniform(8e6, 30e6)) * US);
        this.tlsSession(ts, {
            resp: peer,
            domain: this.domains[d],
            durationUs,
            origBytes,
            respBytes,
            certFp: this.certFps[d],
        });
        this.used.add(k);
        this.bytesIn += respBytes;
        this.bytesOut += origBytes;
        this.transfers++;
        // Several transfers overlap: the next one starts well before this one ends.
        const next = ts + Math.max(50_000, Math.round(rng.exp(6 * US)));
        this.nextUs = next <= this.endUs ? next : Number.POSITIVE_INFINITY;
    }
    /** A name without a live cached answer is looked up: one answer listing all of its addresses (a CDN). */
    lookup(t, d) {
        const at = this.lookedAt.get(d);
        if (at !== undefined && t - at < ANSWER_TTL_S * US)
            return t;
        const rng = this.rng;
        const addrs = this.peers.filter((_, k) => k % this.domains.length === d).map((a) => a.text);
        const rtt = rng.range(15_000, 90_000);
        this.ctx.em.dnsExchange({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.nextPort(),
            resp: this.ctx.world.dns.addr,
            transId: rng.int(65_536),
            rttUs: rtt,
            q: {
                query: this.domains[d],
                qtype: 1,
                qtypeName: 'A',
                rcode: 0,
                rcodeName: 'NOERROR',
                authoritative: false,
                answers: addrs.join(','),
                ttls: addrs.map(() => `${ANSWER_TTL_S}.000000`).join(','),
            },
        });
        this.seen(t);
        this.lookedAt.set(d, t);
        return t + rtt + rng.range(300, 3_000);
    }
    label() {
        const { start, end } = this.window();
        const targets = [...this.used]
            .sort((a, b) => a - b)
            .slice(0, 20)
            .map((k) => this.peers[k].text);
        return {
            id: 'anomaly.burst-1',
            type: 'anomaly.burst',
            src: this.host.addr.text,
            targets,
            ports: [443],
            domain: this.domains[0],
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) downloads ${(this.bytesIn / 1e9).toFixed(2)} GB in ${this.transfers} TLS transfers from ${this.used.size} addresses under ${this.domains[0].replace(/^node1\./, '')} within ${minutes(this.endUs - this.startUs)}, far above its usual traffic`,
            params: {
                bytesIn: this.bytesIn,
                bytesOut: this.bytesOut,
                transfers: this.transfers,
                peers: this.used.size,
            },
        };
    }
}
const ANSWER_TTL_S = 300;
function hexString(rng, length) {
    let s = '';
    for (let i = 0; i < length; i++)
        s += '0123456789abcdef'[rng.int(16)];
    return s;
}
//# sourceMappingURL=scenarios-anomaly.js.map