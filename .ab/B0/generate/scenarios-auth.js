import { US } from './actor.js';
import { clamp, minutes, OutboundScenario } from './scenario-base.js';
/** Two rounds of SSH password guessing: the bastion on 22, then a workstation on 2222. */
export class BruteforceSsh extends OutboundScenario {
    phases = [];
    phase = 0;
    index = 0;
    emitted = [0, 0];
    /** Server reply size of this sshd build: the same every time, give or take padding. */
    respBase = [];
    constructor(ctx, host) {
        super(ctx, 'bruteforce.ssh', host);
        const rng = this.rng;
        const w = ctx.world;
        const run = this.runUs();
        const first = rng.range(60, 120);
        const firstUs = Math.round(clamp(rng.uniform(15, 25) * 60 * US, 60 * US, 0.2 * run));
        const pauseUs = Math.round(clamp(rng.uniform(35, 60) * 60 * US, 60 * US, 0.2 * run));
        const second = rng.range(40, 60);
        const secondUs = Math.round(clamp(rng.uniform(10, 20) * 60 * US, 60 * US, 0.2 * run));
        const startUs = this.place(firstUs + pauseUs + secondUs, 0.1, 0.85);
        const linux = w.hosts.filter((h) => h.os === 'linux' && h.index !== host.index);
        const pool = linux.length > 0 ? linux : w.hosts.filter((h) => h.index !== host.index);
        const victim = pool.length > 0 ? rng.pick(pool) : undefined;
        this.phases.push({
            target: w.bastion.addr,
            targetName: w.bastion.fqdn,
            port: 22,
            sessions: first,
            startUs,
            gapUs: Math.floor(firstUs / first),
        });
        if (victim !== undefined) {
            this.phases.push({
                target: victim.addr,
                targetName: victim.name,
                port: 2222,
                sessions: second,
                startUs: startUs + firstUs + pauseUs,
                gapUs: Math.floor(secondUs / second),
            });
        }
        this.respBase = [rng.range(1_900, 2_400), rng.range(1_900, 2_400)];
        this.nextUs = startUs;
    }
    expectedConnections() {
        return this.phases.reduce((n, p) => n + p.sessions, 0);
    }
    fire(t) {
        const rng = this.rng;
        const p = this.phases[this.phase];
        this.ctx.em.tcp({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.nextPort(),
            resp: p.target,
            respPort: p.port,
            service: 'ssh',
            outcome: rng.chance(0.9) ? 'SF' : 'RSTO',
            durationUs: rng.range(1_200_000, 4_500_000),
            origBytes: rng.range(1_350, 1_650),
            respBytes: this.respBase[this.phase] + rng.range(-40, 40),
        });
        this.seen(t);
        this.emitted[this.phase]++;
        this.index++;
        if (this.index >= p.sessions) {
            this.phase++;
            this.index = 0;
            const next = this.phases[this.phase];
            this.nextUs = next === undefined ? Number.POSITIVE_INFINITY : next.startUs;
            return;
        }
        this.nextUs = t + Math.max(1_000, Math.round(p.gapUs * rng.uniform(0.6, 1.4)));
    }
    label() {
        const { start, end } = this.window();
        const parts = this.phases
            .map((p, k) => ({ p, n: this.emitted[k] }))
            .filter((x) => x.n > 0)
            .map(({ p, n }) => `${n} failed SSH logins to ${p.targetName} (${p.target.text}:${p.port}${p.port === 22 ? '' : ', sshd on a non-standard port'}) within ${minutes(p.gapUs * p.sessions)}`);
        return {
            id: 'bruteforce.ssh-1',
            type: 'bruteforce.ssh',
            src: this.host.addr.text,
            targets: this.phases.map((p) => p.target.text),
            ports: this.phases.map((p) => p.port),
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) guesses SSH passwords: ${parts.join('; then ')}`,
            params: { sessions: this.emitted[0], sessionsNonStandardPort: this.emitted[1] },
        };
    }
}
const ADMIN_SERVICES = { 445: 'gssapi,smb', 3389: 'ssl,rdp', 5985: 'http' };
/** SMB, RDP and WinRM sessions to 8–15 internal hosts within a few minutes. */
export class LateralAdmin extends OutboundScenario {
    sessions = [];
    index = 0;
    spanUs;
    constructor(ctx, host) {
        super(ctx, 'lateral.admin', host);
        const rng = this.rng;
        const w = ctx.world;
        const others = w.hosts.filter((h) => h.index !== host.index);
        const windows = rng.shuffle(others.filter((h) => h.os === 'windows'));
        const rest = rng.shuffle(others.filter((h) => h.os !== 'windows'));
        const count = Math.min(others.length, rng.range(8, 15));
        const targets = [...windows, ...rest].slice(0, count);
        this.spanUs = Math.round(clamp(rng.uniform(2, 6) * 60 * US, 30 * US, 0.2 * this.runUs()));
        const startUs = this.place(this.spanUs, 0.15, 0.9);
        const step = this.spanUs / Math.max(1, targets.length);
        targets.forEach((target, k) => {
            const at = startUs + Math.round(step * (k + rng.uniform(0, 0.8)));
            const port = rng.pick([445, 445, 3389, 5985]);
            this.sessions.push({ atUs: at, target, port });
            // psexec and WinRM usually come back for the output a little later.
            if (port !== 3389 && rng.chance(0.6)) {
                this.sessions.push({ atUs: at + rng.range(2 * US, 15 * US), target, port });
            }
        });
        this.sessions.sort((a, b) => a.atUs - b.atUs);
        this.nextUs = this.sessions[0]?.atUs ?? Number.POSITIVE_INFINITY;
    }
    expectedConnections() {
        return this.sessions.length;
    }
    fire(t) {
        const rng = this.rng;
        const s = this.sessions[this.index];
        const rdp = s.port === 3389;
        const smb = s.port === 445;
        this.ctx.em.tcp({
            tsUs: t,
            orig: this.host.addr,
            origPort: this.nextPort(),
            resp: s.target.addr,
            respPort: s.port,
            service: ADMIN_SERVICES[s.port],
            outcome: 'SF',
            durationUs: rdp ? rng.range(60 * US, 900 * US) : rng.range(400_000, 25 * US),
            origBytes: rdp
                ? rng.range(80_000, 2_000_000)
                : smb
                    ? rng.range(8_000, 600_000)
                    : rng.range(3_000, 40_000),
            respBytes: rdp ? rng.range(600_000, 30_000_000) : rng.range(4_000, 60_000),
        });
        this.seen(t);
        this.index++;
        this.nextUs = this.sessions[this.index]?.atUs ?? Number.POSITIVE_INFINITY;
    }
    label() {
        const { start, end } = this.window();
        const done = this.sessions.slice(0, this.index);
        const targets = [...new Set(done.map((s) => s.target.addr.text))];
        const ports = [...new Set(done.map((s) => s.port))].sort((a, b) => a - b);
        return {
            id: 'lateral.admin-1',
            type: 'lateral.admin',
            src: this.host.addr.text,
            targets,
            ports,
            hostName: this.host.name,
            start,
            end,
            connections: this.connections,
            description: `${this.host.name} (${this.host.addr.text}) opens admin sessions (${ports.join('/')}/tcp: SMB, RDP, WinRM) to ${targets.length} internal hosts it never contacted before within ${minutes((end - start) * US)}`,
            params: { hosts: targets.length, sessions: done.length },
        };
    }
}
//# sourceMappingURL=scenarios-auth.js.map