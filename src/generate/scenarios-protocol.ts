/**
 * Protocol-deviation scenarios (found by the `protocol` detector).
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
import { US } from './actor.js';
import { TLS12 } from './emit.js';
import type { ScenarioLabel } from './labels.js';
import { type Addr, type Host, makeAddr } from './network.js';
import { minutes, OutboundScenario } from './scenario-base.js';

const SCRIPT_AGENTS = [
  'python-requests/2.31.0',
  'curl/8.4.0',
  'Go-http-client/1.1',
  'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.3803',
] as const;

const URIS = ['/stage2.bin', '/api/v1/tasks', '/update/check', '/c/config.json', '/dl/tool.ps1', '/x'];

type Step = 'ssh' | 'http' | 'tls';

export class ProtocolDeviation extends OutboundScenario {
  private readonly sshServer: Addr;
  private readonly webServer: Addr;
  private readonly tlsServer: Addr;
  private readonly agent: string;
  private readonly certFp: string;
  private readonly steps: Step[] = [];
  private readonly counts: Record<Step, number> = { ssh: 0, http: 0, tls: 0 };

  constructor(ctx: GenContext, host: Host) {
    super(ctx, 'deviation.protocol', host);
    const rng = this.rng;
    const offsets = rng.shuffle(Array.from({ length: 55 }, (_, k) => k));
    this.sshServer = makeAddr(`203.0.113.${200 + offsets[0]!}`);
    this.webServer = makeAddr(`203.0.113.${200 + offsets[1]!}`);
    this.tlsServer = makeAddr(`203.0.113.${200 + offsets[2]!}`);
    this.agent = rng.pick(SCRIPT_AGENTS);
    let fp = '';
    while (fp.length < 64) fp += rng.u32().toString(16).padStart(8, '0');
    this.certFp = fp.slice(0, 64);
    for (let k = 0; k < 3 + rng.int(4); k++) this.steps.push('ssh');
    for (let k = 0; k < 4 + rng.int(6); k++) this.steps.push('http');
    for (let k = 0; k < 3 + rng.int(4); k++) this.steps.push('tls');
    const order = rng.shuffle(this.steps.map((_, k) => k));
    this.steps.splice(0, this.steps.length, ...order.map((k) => this.steps[k]!));
    // A step every 1–6 minutes.
    this.nextUs = this.place(this.steps.length * 4 * 60 * US, 0.1, 0.85);
  }

  expectedConnections(): number {
    return this.steps.length;
  }

  protected fire(t: number): void {
    const step = this.steps.shift();
    if (step === 'ssh') this.ssh(t);
    else if (step === 'http') this.http(t);
    else if (step === 'tls') this.tls(t);
    if (step !== undefined) this.counts[step]++;
    this.nextUs = this.steps.length > 0 ? t + this.rng.range(60 * US, 6 * 60 * US) : Number.POSITIVE_INFINITY;
  }

  private ssh(t: number): void {
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

  private http(t: number): void {
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

  private tls(t: number): void {
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
      profile: TLS12[0]!,
      serverName: undefined,
      resumed: false,
      nextProtocol: undefined,
      certFp: this.certFp,
      validation: 'self signed certificate',
    });
    this.seen(t);
  }

  label(): ScenarioLabel {
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
      description:
        `${this.host.name} (${this.host.addr.text}) runs ${c.ssh} SSH sessions to ${this.sshServer.text} on 443/tcp, ` +
        `${c.http} plain-HTTP requests to the raw address ${this.webServer.text} with User-Agent "${this.agent}" ` +
        `and ${c.tls} TLS sessions without SNI to ${this.tlsServer.text} (self-signed certificate) within ${minutes((end - start) * US)}`,
      params: { ssh: c.ssh, http: c.http, tls: c.tls, userAgent: this.agent },
    };
  }
}
