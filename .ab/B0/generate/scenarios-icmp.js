import { US } from './actor.js';
import { makeAddr } from './network.js';
import { clamp, OutboundScenario } from './scenario-base.js';
export class IcmpTunnel extends OutboundScenario {
    relay;
    endUs;
    bytesOut = 0;
    bytesIn = 0;
    sessions = 0;
    constructor(ctx, host) {
        super(ctx, 'exfil.icmp', host);
        const rng = this.rng;
        this.relay = makeAddr(`192.0.2.${200 + rng.int(55)}`);
        const run = this.runUs();
        const length = Math.round(clamp(rng.uniform(30, 90) * 60 * US, Math.min(900 * US, 0.5 * run), 0.5 * run));
        this.nextUs = this.place(length, 0.1, 0.9);
        this.endUs = this.nextUs + length;
    }
    expectedConnections() {
        // A session (≈ 4.5 min) and a pause (≈ 4 min).
        return (this.endUs - this.nextUs) / (510 * US);
    }
    fire(t) {
        const rng = this.rng;
        const durationUs = rng.range(60 * US, 480 * US);
        const requests = Math.round((durationUs / US) * rng.uniform(2, 12));
        // ptunnel's default packet: 1024 data bytes plus its own 28-byte header.
        const origBytes = requests * rng.range(900, 1052);
        const respBytes = requests * rng.range(28, 60);
        this.ctx.em.icmpEcho({
            tsUs: t,
            orig: this.host.addr,
            resp: this.relay,
            durationUs,
            origBytes,
            respBytes,
            origPkts: requests,
            respPkts: requests,
        });
        this.seen(t);
        this.seen(t + durationUs);
        this.bytesOut += origBytes;
        this.bytesIn += respBytes;
        this.sessions++;
        const next = t + durationUs + rng.range(90 * US, 420 * US);
        this.nextUs = next <= this.endUs ? next : Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        return {
            id: 'exfil.icmp-1',
            type: 'exfil.icmp',
            src: this.host.addr.text,
            targets: [this.relay.text],
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) tunnels ${(this.bytesOut / 1e6).toFixed(1)} MB out to ${this.relay.text} in ICMP echo requests of about 1 KB (${this.sessions} sessions; the replies are short acknowledgements)`,
            params: { bytesOut: this.bytesOut, bytesIn: this.bytesIn, sessions: this.sessions },
        };
    }
}
//# sourceMappingURL=scenarios-icmp.js.map