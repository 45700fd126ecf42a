import { US } from './actor.js';
import { TLS12 } from './emit.js';
import { SCENARIO_TYPES } from './options.js';
import { Rng, Stream } from './prng.js';
export class Scenario {
    ctx;
    type;
    nextUs = Number.POSITIVE_INFINITY;
    firstUs = Number.POSITIVE_INFINITY;
    lastUs = Number.NEGATIVE_INFINITY;
    connections = 0;
    rng;
    constructor(ctx, type) {
        this.ctx = ctx;
        this.type = type;
        this.rng = new Rng(ctx.seed, Stream.Scenario, SCENARIO_TYPES.indexOf(type));
    }
    step() {
        const before = this.ctx.em.connections;
        const t = this.nextUs;
        this.fire(t);
        const emitted = this.ctx.em.connections - before;
        this.connections += emitted;
        this.ctx.scenarioConnections += emitted;
        if (this.nextUs >= this.ctx.endUs)
            this.nextUs = Number.POSITIVE_INFINITY;
    }
    seen(tsUs) {
        if (tsUs < this.firstUs)
            this.firstUs = tsUs;
        if (tsUs > this.lastUs)
            this.lastUs = tsUs;
    }
    window() {
        if (!Number.isFinite(this.firstUs))
            return { start: this.ctx.startUs / US, end: this.ctx.startUs / US };
        return { start: this.firstUs / US, end: this.lastUs / US };
    }
    /** A window of `durationUs` placed uniformly within [lo, hi] fractions of the run. */
    place(durationUs, lo, hi) {
        const span = this.ctx.endUs - this.ctx.startUs;
        const room = Math.max(0, span - durationUs);
        return this.ctx.startUs + Math.round(room * this.rng.uniform(lo, hi));
    }
    runUs() {
        return this.ctx.endUs - this.ctx.startUs;
    }
}
export function clamp(x, lo, hi) {
    return Math.min(hi, Math.max(lo, x));
}
export function minutes(us) {
    return `${Math.max(1, Math.round(us / (60 * US)))} min`;
}
export class OutboundScenario extends Scenario {
    host;
    port;
    cacheUntilUs = Number.NEGATIVE_INFINITY;
    constructor(ctx, type, host) {
        super(ctx, type);
        this.host = host;
        this.port = host.ephemeralBase + this.rng.int(host.ephemeralSpan);
    }
    nextPort() {
        this.port++;
        if (this.port >= this.host.ephemeralBase + this.host.ephemeralSpan)
            this.port = this.host.ephemeralBase;
        return this.port;
    }
    /** Looks `domain` up unless cached; returns when the answer is in hand. */
    resolve(t, domain, addr, ttl) {
        if (t < this.cacheUntilUs)
            return t;
        const rtt = this.rng.range(15_000, 90_000);
        this.ctx.em.dnsExchange({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.nextPort(),
            resp: this.ctx.world.dns.addr,
            transId: this.rng.int(65_536),
            rttUs: rtt,
            q: {
                query: domain,
                qtype: 1,
                qtypeName: 'A',
                rcode: 0,
                rcodeName: 'NOERROR',
                authoritative: false,
                answers: addr.text,
                ttls: `${ttl}.000000`,
            },
        });
        this.seen(t);
        this.cacheUntilUs = t + ttl * US;
        return t + rtt + this.rng.range(300, 3_000);
    }
    tlsSession(ts, spec) {
        const port = this.nextPort();
        const em = this.ctx.em;
        em.tcp({
            tsUs: ts,
            orig: this.host.addr,
            origPort: port,
            resp: spec.resp,
            respPort: 443,
            service: 'ssl',
            outcome: 'SF',
            durationUs: spec.durationUs,
            origBytes: spec.origBytes,
            respBytes: spec.respBytes,
        });
        em.ssl({
            tsUs: ts + this.rng.range(20_000, 90_000),
            orig: this.host.addr,
            origPort: port,
            resp: spec.resp,
            respPort: 443,
            profile: TLS12[0],
            serverName: spec.domain,
            resumed: false,
            nextProtocol: undefined,
            certFp: spec.certFp,
        });
        this.seen(ts);
    }
}
//# sourceMappingURL=scenario-base.js.map