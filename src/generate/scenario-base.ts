/**
 * The base classes of the labelled scenarios (scenarios.ts and its siblings): an actor with its
 * own random stream, its emitted window and connection count, and — for scenarios run by an
 * internal host — ephemeral ports, cached DNS lookups and TLS sessions as a client would make.
 */
import type { Actor, GenContext } from './actor.js';
import { US } from './actor.js';
import { TLS12 } from './emit.js';
import type { ScenarioLabel } from './labels.js';
import type { Addr, Host } from './network.js';
import type { ScenarioType } from './options.js';
import { SCENARIO_TYPES } from './options.js';
import { Rng, Stream } from './prng.js';

export abstract class Scenario implements Actor {
  nextUs = Number.POSITIVE_INFINITY;
  protected firstUs = Number.POSITIVE_INFINITY;
  protected lastUs = Number.NEGATIVE_INFINITY;
  protected connections = 0;
  protected readonly rng: Rng;

  constructor(
    protected readonly ctx: GenContext,
    readonly type: ScenarioType,
  ) {
    this.rng = new Rng(ctx.seed, Stream.Scenario, SCENARIO_TYPES.indexOf(type));
  }

  step(): void {
    const before = this.ctx.em.connections;
    const t = this.nextUs;
    this.fire(t);
    const emitted = this.ctx.em.connections - before;
    this.connections += emitted;
    this.ctx.scenarioConnections += emitted;
    if (this.nextUs >= this.ctx.endUs) this.nextUs = Number.POSITIVE_INFINITY;
  }

  /** Emits the event at `t` and sets `nextUs`. */
  protected abstract fire(t: number): void;

  abstract label(): ScenarioLabel;

  /** Connections the plan will produce, roughly: lets the steering leave room for them. */
  abstract expectedConnections(): number;

  protected seen(tsUs: number): void {
    if (tsUs < this.firstUs) this.firstUs = tsUs;
    if (tsUs > this.lastUs) this.lastUs = tsUs;
  }

  protected window(): { start: number; end: number } {
    if (!Number.isFinite(this.firstUs)) return { start: this.ctx.startUs / US, end: this.ctx.startUs / US };
    return { start: this.firstUs / US, end: this.lastUs / US };
  }

  /** A window of `durationUs` placed uniformly within [lo, hi] fractions of the run. */
  protected place(durationUs: number, lo: number, hi: number): number {
    const span = this.ctx.endUs - this.ctx.startUs;
    const room = Math.max(0, span - durationUs);
    return this.ctx.startUs + Math.round(room * this.rng.uniform(lo, hi));
  }

  protected runUs(): number {
    return this.ctx.endUs - this.ctx.startUs;
  }
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function minutes(us: number): string {
  return `${Math.max(1, Math.round(us / (60 * US)))} min`;
}

export abstract class OutboundScenario extends Scenario {
  private port: number;
  private cacheUntilUs = Number.NEGATIVE_INFINITY;

  constructor(
    ctx: GenContext,
    type: ScenarioType,
    protected readonly host: Host,
  ) {
    super(ctx, type);
    this.port = host.ephemeralBase + this.rng.int(host.ephemeralSpan);
  }

  protected nextPort(): number {
    this.port++;
    if (this.port >= this.host.ephemeralBase + this.host.ephemeralSpan) this.port = this.host.ephemeralBase;
    return this.port;
  }

  /** Looks `domain` up unless cached; returns when the answer is in hand. */
  protected resolve(t: number, domain: string, addr: Addr, ttl: number): number {
    if (t < this.cacheUntilUs) return t;
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

  protected tlsSession(
    ts: number,
    spec: {
      resp: Addr;
      domain: string;
      durationUs: number;
      origBytes: number;
      respBytes: number;
      certFp: string;
    },
  ): void {
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
      profile: TLS12[0]!,
      serverName: spec.domain,
      resumed: false,
      nextProtocol: undefined,
      certFp: spec.certFp,
    });
    this.seen(ts);
  }
}
