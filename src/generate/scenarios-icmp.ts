/**
 * ICMP tunnelling (detect/icmp-tunnel.ts finds it).
 *
 * `exfil.icmp`: an internal client runs a ptunnel-like tool to an internet relay: for 30–90
 * minutes it pushes megabytes out in echo requests of about a kilobyte each, and the relay
 * answers every request with a short echo reply (an acknowledgement), in sessions of 1–8
 * minutes separated by pauses longer than Zeek's one-minute ICMP inactivity timeout — so each
 * session is one conn line (proto icmp, orig_p 8, resp_p 0, conn_state OTH). Nothing but the
 * sizes betrays it in conn.log: ordinary pings carry 32–56 bytes each way, equal in both
 * directions.
 */
import type { GenContext } from './actor.js';
import { US } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import { type Addr, type Host, makeAddr } from './network.js';
import { clamp, OutboundScenario } from './scenario-base.js';

export class IcmpTunnel extends OutboundScenario {
  private readonly relay: Addr;
  private readonly endUs: number;
  private bytesOut = 0;
  private bytesIn = 0;
  private sessions = 0;

  constructor(ctx: GenContext, host: Host) {
    super(ctx, 'exfil.icmp', host);
    const rng = this.rng;
    this.relay = makeAddr(`192.0.2.${200 + rng.int(55)}`);
    const run = this.runUs();
    const length = Math.round(clamp(rng.uniform(30, 90) * 60 * US, Math.min(900 * US, 0.5 * run), 0.5 * run));
    this.nextUs = this.place(length, 0.1, 0.9);
    this.endUs = this.nextUs + length;
  }

  expectedConnections(): number {
    // A session (≈ 4.5 min) and a pause (≈ 4 min).
    return (this.endUs - this.nextUs) / (510 * US);
  }

  protected fire(t: number): void {
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

  label(): ScenarioLabel {
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
