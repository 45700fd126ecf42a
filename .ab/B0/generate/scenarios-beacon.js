import { US } from './actor.js';
import { makeAddr, randomWord, v4Text, v4Value } from './network.js';
import { OutboundScenario } from './scenario-base.js';
/** Check-ins an edge address gets at most (the pool is sized from the expected beats). */
const BEATS_PER_EDGE = 15;
const MIN_EDGES = 8;
const MAX_EDGES = 256;
function hex(rng, chars) {
    let s = '';
    while (s.length < chars)
        s += rng.u32().toString(16).padStart(8, '0');
    return s.slice(0, chars);
}
/** TLS check-ins to one SNI whose address rotates over a CDN's edge pool. */
export class CdnBeacon extends OutboundScenario {
    domain;
    edges = [];
    order = [];
    used = new Set();
    intervalUs;
    jitter;
    /** DNS TTL of the answers, shorter than the least gap between check-ins. */
    ttl;
    endUs;
    certFp;
    cursor = 0;
    beats = 0;
    missed = 0;
    constructor(ctx, host) {
        super(ctx, 'beacon.cdn', host);
        const rng = this.rng;
        this.domain = rng.pick([
            `d${hex(rng, 13)}.cloudfront.net`,
            `${randomWord(rng, 2)}-${randomWord(rng, 2)}.azureedge.net`,
            `${randomWord(rng, 3)}.global.ssl.fastly.net`,
        ]);
        const run = this.runUs();
        const length = Math.round(run * rng.uniform(0.6, 0.8));
        const fitting = [60, 120, 300].filter((s) => length / (s * US) >= 40);
        const interval = fitting.length > 0 ? rng.pick(fitting) : Math.max(5, Math.floor(length / (40 * US)));
        this.intervalUs = interval * US;
        this.jitter = rng.pick([0.05, 0.1, 0.2]);
        this.ttl = Math.max(1, Math.min(30, Math.floor(interval * 0.75)));
        this.nextUs = ctx.startUs + Math.round(run * rng.uniform(0.02, 0.15));
        this.endUs = Math.min(ctx.endUs - 60 * US, this.nextUs + length);
        const beats = (this.endUs - this.nextUs) / this.intervalUs;
        const pool = Math.min(MAX_EDGES, Math.max(MIN_EDGES, Math.ceil(beats / BEATS_PER_EDGE)));
        const blocks = new Set();
        while (blocks.size < pool)
            blocks.add(rng.int(8192));
        for (const block of blocks)
            this.edges.push(makeAddr(v4Text(v4Value('198.18.0.0') + block * 16 + 13)));
        this.certFp = hex(rng, 64);
    }
    expectedConnections() {
        return (this.endUs - this.nextUs) / this.intervalUs;
    }
    /** The next edge of the shuffled cycle (a new shuffle each round). */
    nextEdge() {
        if (this.cursor >= this.order.length) {
            this.order.length = 0;
            for (let k = 0; k < this.edges.length; k++)
                this.order.push(k);
            this.rng.shuffle(this.order);
            this.cursor = 0;
        }
        return this.order[this.cursor++];
    }
    fire(t) {
        const rng = this.rng;
        if (rng.chance(0.03)) {
            this.missed++;
        }
        else {
            this.beats++;
            const k = this.nextEdge();
            this.used.add(k);
            const edge = this.edges[k];
            // A CDN answers with a short TTL: every check-in (≥ 0.8 × interval apart) looks it up again.
            const ts = this.resolve(t, this.domain, edge, this.ttl);
            this.tlsSession(ts, {
                resp: edge,
                domain: this.domain,
                durationUs: rng.range(180_000, 650_000),
                origBytes: 420 + rng.range(-8, 8),
                respBytes: rng.chance(0.02) ? rng.range(2_000, 20_000) : 230 + rng.range(-4, 4),
                certFp: this.certFp,
            });
        }
        const next = t + Math.round(this.intervalUs * (1 + rng.uniform(-this.jitter, this.jitter)));
        this.nextUs = next <= this.endUs ? next : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        const interval = this.intervalUs / US;
        const targets = [...this.used].sort((a, b) => a - b).map((k) => this.edges[k].text);
        return {
            id: 'beacon.cdn-1',
            type: 'beacon.cdn',
            src: this.host.addr.text,
            targets,
            ports: [443],
            domain: this.domain,
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) beacons over TLS to ${this.domain} every ${interval} s ±${Math.round(this.jitter * 100)} % through ${targets.length} CDN edge addresses (≤ ${BEATS_PER_EDGE} check-ins each; ${this.beats} check-ins, ${this.missed} missed)`,
            params: {
                intervalSeconds: interval,
                jitter: this.jitter,
                beats: this.beats,
                missed: this.missed,
                edges: targets.length,
            },
        };
    }
}
//# sourceMappingURL=scenarios-beacon.js.map