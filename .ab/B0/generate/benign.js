/**
 * Benign client hosts: a user arrives in the morning (DHCP lease), browses, talks to the domain
 * controller and file server, resolves names before connecting, polls NTP, and leaves; some
 * machines stay on overnight with a trickle of update/telemetry traffic.
 *
 * Sessions follow a piecewise-constant Poisson process: the rate changes only at hour
 * boundaries and at arrival/departure, and the inter-arrival time is redrawn at each boundary
 * (exact for a memoryless process, no thinning loop).
 *
 * Scan-shaped behaviour is ruled out by construction, because detectors downstream are scored
 * on this traffic: per port, a host uses at most DEST_CAP distinct destinations in any
 * RECENT_WINDOW (the scan thresholds are 25 hosts / 15 ports per 5 min); internal services sit
 * on ≤ 6 ports of 2 servers; failed attempts (S0/REJ) are ≈ 1 in 600 TLS connections.
 */
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { US } from './actor.js';
import { TLS12, TLS13 } from './emit.js';
import { Rng, Stream } from './prng.js';
/** Sessions per second while the user is at the desk (≈ 3 000 connections per office day). */
export const BASE_SESSION_RATE = 1 / 25;
/** Idle always-on machines, relative to the desk rate. */
const BACKGROUND_FACTOR = 0.04;
/** UTC hour of day → activity while present (lunch dip, slow evening). */
const HOUR_FACTOR = [
    0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 0.9, 1.2, 1.1, 1.0, 0.95, 0.55, 0.9, 1.0, 1.0, 0.9, 0.75, 0.6, 0.6, 0.6,
    0.6, 0.6, 0.6,
];
const DAY_US = 86_400 * US;
const HOUR_US = 3_600 * US;
const LEASE_SECONDS = 86_400;
const RENEW_US = 43_200 * US;
const NTP_POLL_US = 1_024 * US;
/**
 * At most DEST_CAP distinct destinations per port within RECENT_WINDOW: the window exceeds the
 * 5-minute scan window by more than a session's spread, so connection times (not only session
 * starts) stay under the threshold of 25.
 */
const DEST_CAP = 18;
const RECENT_WINDOW_US = 360 * US;
/** Cache size that triggers a sweep of expired answers (the threshold then follows the size). */
const DNS_CACHE_PRUNE = 256;
/**
 * A cached answer is reused only if it outlives the session that needs it (a session's
 * connections spread over ≤ 10 s), so every connection falls within its answer's TTL.
 */
const CACHE_MARGIN_US = 15 * US;
const NEVER = { fromUs: Number.POSITIVE_INFINITY, untilUs: Number.POSITIVE_INFINITY };
/** When the user of host `hostIndex` is at the desk on UTC day `day` (random access, no state). */
function presenceOnDay(seed, hostIndex, day) {
    const rng = new Rng(seed, Stream.HostDay, hostIndex, day);
    const dayUs = day * DAY_US;
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday === 0 || weekday === 6) {
        if (!rng.chance(0.08))
            return undefined;
        const from = 10 * 3600 + rng.normal() * 1800;
        return {
            fromUs: dayUs + Math.round(from * US),
            untilUs: dayUs + Math.round((from + 3 * 3600 + rng.float() * 7200) * US),
        };
    }
    if (rng.chance(0.04))
        return undefined;
    const arrive = Math.min(10.5 * 3600, Math.max(6.5 * 3600, 8 * 3600 + rng.normal() * 2100));
    const stay = Math.min(11 * 3600, Math.max(4 * 3600, 8.5 * 3600 + rng.normal() * 2700));
    return { fromUs: dayUs + Math.round(arrive * US), untilUs: dayUs + Math.round((arrive + stay) * US) };
}
/** The first presence that has not ended at `tUs` (it may already have begun). */
function presenceAfter(seed, hostIndex, tUs) {
    const first = Math.floor(tUs / DAY_US) - 1;
    for (let day = first; day < first + 30; day++) {
        const p = presenceOnDay(seed, hostIndex, day);
        if (p !== undefined && p.untilUs > tUs)
            return p;
    }
    return NEVER;
}
function hourFactor(tUs) {
    return HOUR_FACTOR[Math.floor((tUs % DAY_US) / HOUR_US)];
}
/**
 * Expected benign sessions per bin at multiplier 1, from the same presence schedule the hosts
 * follow: what `targetConnections` steers against. O(hosts × days + bins).
 */
export function benignLoad(seed, hosts, startUs, endUs, binUs) {
    const bins = Math.ceil((endUs - startUs) / binUs);
    const present = new Float64Array(bins + 1);
    const presentAlwaysOn = new Float64Array(bins + 1);
    let alwaysOn = 0;
    const firstDay = Math.floor(startUs / DAY_US) - 1;
    const lastDay = Math.floor(endUs / DAY_US);
    for (const h of hosts) {
        if (h.alwaysOn)
            alwaysOn++;
        for (let day = firstDay; day <= lastDay; day++) {
            const p = presenceOnDay(seed, h.index, day);
            if (p === undefined || p.untilUs <= startUs || p.fromUs >= endUs)
                continue;
            const a = Math.max(0, Math.floor((p.fromUs - startUs) / binUs));
            const b = Math.min(bins, Math.floor((p.untilUs - startUs) / binUs));
            present[a] += 1;
            present[b] -= 1;
            if (h.alwaysOn) {
                presentAlwaysOn[a] += 1;
                presentAlwaysOn[b] -= 1;
            }
        }
    }
    const load = new Float64Array(bins);
    let p = 0;
    let pa = 0;
    const perBin = (BASE_SESSION_RATE * binUs) / US;
    for (let i = 0; i < bins; i++) {
        p += present[i];
        pa += presentAlwaysOn[i];
        const mid = startUs + (i + 0.5) * binUs;
        load[i] = perBin * (p * hourFactor(mid) + (alwaysOn - pa) * BACKGROUND_FACTOR);
    }
    return load;
}
/** Distinct destinations (per port) a host used recently, capped below scan thresholds. */
class RecentDestinations {
    addrs = [];
    sites = [];
    lastUs = [];
    /** Records a use of `addr` at `t`; false when it would be one destination too many. */
    admit(t, addr, site) {
        const horizon = t - RECENT_WINDOW_US;
        let found = -1;
        for (let i = this.addrs.length - 1; i >= 0; i--) {
            if (this.lastUs[i] < horizon) {
                this.removeAt(i);
                continue;
            }
            if (this.addrs[i] === addr)
                found = i;
        }
        if (found >= 0) {
            this.lastUs[found] = t;
            return true;
        }
        if (this.addrs.length >= DEST_CAP)
            return false;
        this.addrs.push(addr);
        this.sites.push(site);
        this.lastUs.push(t);
        return true;
    }
    /**
     * A site already in the set (touching it), for when a new one is not admitted. Only called
     * on a full set, which holds at most one siteless (intranet) entry, so a site is found.
     */
    reuse(t, rng) {
        const n = this.addrs.length;
        const first = rng.int(n);
        for (let k = 0; k < n; k++) {
            const i = (first + k) % n;
            const site = this.sites[i];
            if (site !== undefined) {
                this.lastUs[i] = t;
                return { addr: this.addrs[i], site };
            }
        }
        throw new NetscryError(ErrorCode.Internal, 'recent-destination set holds no site');
    }
    removeAt(i) {
        const last = this.addrs.length - 1;
        this.addrs[i] = this.addrs[last];
        this.sites[i] = this.sites[last];
        this.lastUs[i] = this.lastUs[last];
        this.addrs.pop();
        this.sites.pop();
        this.lastUs.pop();
    }
}
const INTERNAL_TTL = 1200;
function internalNames(w) {
    const ttls = `${INTERNAL_TTL}.000000`;
    const a = (key, query, answers) => ({
        key,
        query,
        qtype: 1,
        qtypeName: 'A',
        rcode: 0,
        rcodeName: 'NOERROR',
        answers,
        ttls,
        authoritative: true,
    });
    return {
        srv: { ...a(-1, `_ldap._tcp.dc._msdcs.${w.domain}`, w.dc.fqdn), qtype: 33, qtypeName: 'SRV' },
        dc: a(-2, w.dc.fqdn, w.dc.addr.text),
        files: a(-3, w.files.fqdn, w.files.addr.text),
        intranet: a(-4, w.intranet.fqdn, w.intranet.addr.text),
        bastion: a(-5, w.bastion.fqdn, w.bastion.addr.text),
    };
}
const GENERIC_PATHS = [
    ['/', 'text/html', 24_000],
    ['/index.html', 'text/html', 18_000],
    ['/css/site.css', 'text/css', 9_000],
    ['/js/main.js', 'application/javascript', 60_000],
    ['/img/logo.png', 'image/png', 14_000],
    ['/favicon.ico', 'image/x-icon', 4_000],
    ['/news/', 'text/html', 40_000],
];
export class HostActor {
    ctx;
    opts;
    nextUs = Number.POSITIVE_INFINITY;
    addr;
    subnet;
    host;
    world;
    alwaysOn;
    rng;
    presence;
    sessUs = Number.POSITIVE_INFINITY;
    sessRedraw = true;
    ntpUs = Number.POSITIVE_INFINITY;
    leaseUs = Number.POSITIVE_INFINITY;
    readdressUs;
    readdressDone = false;
    port;
    /** Cache key (site index, or a negative internal-name key) → answer expiry (µs). */
    dnsCache = new Map();
    pruneAt = DNS_CACHE_PRUNE;
    recent443 = new RecentDestinations();
    recent80 = new RecentDestinations();
    fqdn;
    names;
    constructor(ctx, opts) {
        this.ctx = ctx;
        this.opts = opts;
        const host = opts.host;
        this.host = host;
        this.world = ctx.world;
        this.alwaysOn = opts.alwaysOn;
        this.addr = host.addr;
        this.subnet = host.subnet;
        this.rng = new Rng(ctx.seed, Stream.Host, host.index);
        this.port = host.ephemeralBase + this.rng.int(host.ephemeralSpan);
        this.readdressUs = opts.readdress?.atUs ?? Number.POSITIVE_INFINITY;
        this.fqdn = host.os === 'windows' ? `${host.name}.${ctx.world.domain}` : undefined;
        this.names = internalNames(ctx.world);
        this.presence = presenceAfter(ctx.seed, host.index, ctx.startUs);
        this.wake(this.alwaysOn ? ctx.startUs : Math.max(ctx.startUs, this.presence.fromUs));
        this.updateNext();
    }
    step() {
        const t = this.nextUs;
        if (t === this.readdressUs && !this.readdressDone) {
            this.readdressDone = true;
            this.moveToNewAddress(t);
        }
        else if (t === this.leaseUs) {
            this.lease(t);
            this.leaseUs = this.alwaysOn
                ? t + RENEW_US + this.rng.range(-60 * US, 60 * US)
                : Number.POSITIVE_INFINITY;
        }
        else if (t === this.ntpUs) {
            this.ntp(t);
            this.ntpUs = t + Math.round(NTP_POLL_US * this.rng.uniform(0.98, 1.02));
            if (!this.alwaysOn && this.ntpUs >= this.presence.untilUs)
                this.ntpUs = Number.POSITIVE_INFINITY;
        }
        else {
            if (!this.sessRedraw) {
                const before = this.ctx.em.connections;
                this.session(t);
                this.ctx.sessionConnections += this.ctx.em.connections - before;
            }
            this.scheduleSession(t);
        }
        this.updateNext();
    }
    updateNext() {
        const r = this.readdressDone ? Number.POSITIVE_INFINITY : this.readdressUs;
        this.nextUs = Math.min(r, this.leaseUs, this.ntpUs, this.sessUs);
    }
    /** The machine comes up at `t`: a lease first, then NTP and sessions. */
    wake(t) {
        if (!Number.isFinite(t)) {
            this.leaseUs = this.ntpUs = this.sessUs = Number.POSITIVE_INFINITY;
            return;
        }
        this.leaseUs = t + this.rng.range(0, 20 * US);
        this.ntpUs = this.leaseUs + this.rng.range(2 * US, 60 * US);
        this.sessUs = this.leaseUs + this.rng.range(US, 20 * US);
        this.sessRedraw = true;
    }
    scheduleSession(t) {
        if (t >= this.presence.untilUs)
            this.presence = presenceAfter(this.ctx.seed, this.host.index, t);
        const p = this.presence;
        const present = t >= p.fromUs;
        if (!present && !this.alwaysOn) {
            this.wake(p.fromUs);
            return;
        }
        const rate = BASE_SESSION_RATE * this.ctx.multiplier * (present ? hourFactor(t) : BACKGROUND_FACTOR);
        const boundary = Math.min((Math.floor(t / HOUR_US) + 1) * HOUR_US, present ? p.untilUs : p.fromUs);
        const dt = Math.max(1, Math.round(this.rng.exp(US / rate)));
        if (t + dt >= boundary) {
            this.sessUs = boundary;
            this.sessRedraw = true;
        }
        else {
            this.sessUs = t + dt;
            this.sessRedraw = false;
        }
    }
    nextPort() {
        const h = this.host;
        this.port += this.rng.chance(0.1) ? 1 + this.rng.int(4) : 1;
        if (this.port >= h.ephemeralBase + h.ephemeralSpan)
            this.port -= h.ephemeralSpan;
        return this.port;
    }
    // ---- sessions ------------------------------------------------------------------------------
    session(t) {
        const present = t >= this.presence.fromUs && t < this.presence.untilUs;
        const r = this.rng.float();
        if (!present) {
            if (r < 0.7)
                this.web(t, 'background');
            else if (r < 0.85)
                this.http(t);
            else
                this.directory(t);
            return;
        }
        if (r < 0.62)
            this.web(t, 'user');
        else if (r < 0.68)
            this.http(t);
        else if (r < 0.8)
            this.directory(t);
        else if (r < 0.86)
            this.fileShare(t);
        else if (r < 0.9)
            this.intranetVisit(t);
        else if (r < 0.97)
            this.dnsOnly(t);
        else if (this.host.admin)
            this.ssh(t);
        else
            this.web(t, 'user');
    }
    pickSite(pool) {
        const w = this.world;
        if (pool === 'http')
            return w.sites[this.rng.pick(w.httpSites)];
        if (pool === 'background')
            return w.sites[this.rng.pick(w.backgroundSites)];
        if (this.rng.chance(0.65))
            return w.sites[this.host.favourites[this.rng.int(this.host.favourites.length)]];
        return w.sites[this.rng.weighted(w.siteWeights)];
    }
    pickAddr(site) {
        if (this.host.v6 !== undefined && site.v6.length > 0 && this.rng.chance(0.6))
            return this.rng.pick(site.v6);
        return this.rng.pick(site.v4);
    }
    /** A site and address for a new session on `port`, within the distinct-destination cap. */
    destination(t, recent, pool) {
        for (let attempt = 0; attempt < 3; attempt++) {
            const site = this.pickSite(pool);
            const addr = this.pickAddr(site);
            if (recent.admit(t, addr, site))
                return { site, addr };
        }
        return recent.reuse(t, this.rng);
    }
    source(resp) {
        return resp.v6 ? this.host.v6 : this.addr;
    }
    web(t, pool) {
        const { site, addr } = this.destination(t, this.recent443, pool);
        let ts = this.resolveSite(t, site) + this.rng.range(200, 3_000);
        const conns = 1 + Math.min(5, Math.floor(this.rng.exp(1.2)));
        for (let k = 0; k < conns; k++) {
            this.tls(ts, addr, site.domain, site, k > 0);
            ts += this.rng.range(10_000, 1_500_000);
        }
    }
    benignOutcome() {
        const r = this.rng.float();
        if (r < 0.0012)
            return 'S0';
        if (r < 0.0016)
            return 'REJ';
        if (r < 0.0076)
            return 'RSTO';
        if (r < 0.0196)
            return 'RSTR';
        return 'SF';
    }
    tls(ts, resp, serverName, site, followUp) {
        const rng = this.rng;
        const orig = this.source(resp);
        const origPort = this.nextPort();
        const outcome = this.benignOutcome();
        const failed = outcome === 'S0' || outcome === 'REJ';
        const origBytes = Math.min(2_000_000, Math.round(600 + rng.logNormal(900, 1.0)));
        const respBytes = Math.min(80_000_000, Math.round(3_000 + rng.logNormal(9_000, 1.6)));
        this.ctx.em.tcp({
            tsUs: ts,
            orig,
            origPort,
            resp,
            respPort: 443,
            service: failed ? undefined : 'ssl',
            outcome,
            durationUs: Math.min(900 * US, Math.max(30_000, Math.round(rng.logNormal(2.5 * US, 1.3)))),
            origBytes,
            respBytes,
            synCount: 1 + rng.int(3),
        });
        if (failed)
            return;
        const tls13 = site === undefined ? false : site.tls13;
        const np = rng.float();
        this.ctx.em.ssl({
            tsUs: ts + rng.range(1_000, 40_000),
            orig,
            origPort,
            resp,
            respPort: 443,
            profile: tls13 ? rng.pick(TLS13) : rng.pick(TLS12),
            serverName,
            resumed: followUp ? rng.chance(0.5) : rng.chance(0.1),
            nextProtocol: np < 0.7 ? 'h2' : np < 0.9 ? 'http/1.1' : undefined,
            certFp: site?.certFp ?? INTRANET_CERT,
            validation: site === undefined ? 'unable to get local issuer certificate' : undefined,
        });
    }
    http(t) {
        const { site, addr } = this.destination(t, this.recent80, 'http');
        let ts = this.resolveSite(t, site) + this.rng.range(200, 3_000);
        const conns = this.rng.chance(0.25) ? 2 : 1;
        for (let k = 0; k < conns; k++) {
            this.httpConn(ts, addr, site.domain);
            ts += this.rng.range(50_000, 3_000_000);
        }
    }
    httpConn(ts, resp, host) {
        const rng = this.rng;
        const orig = this.source(resp);
        const origPort = this.nextPort();
        const requests = 1 + Math.min(3, Math.floor(rng.exp(0.6)));
        const plans = [];
        let origBytes = 0;
        let respBytes = 0;
        for (let i = 0; i < requests; i++) {
            const plan = httpPlan(rng, host);
            plans.push(plan);
            origBytes += 300 + host.length + plan.uri.length + this.host.userAgent.length + plan.requestBodyLen;
            respBytes += 220 + plan.responseBodyLen;
        }
        const outcome = this.benignOutcome();
        const failed = outcome === 'S0' || outcome === 'REJ';
        const gap = rng.range(15_000, 250_000);
        this.ctx.em.tcp({
            tsUs: ts,
            orig,
            origPort,
            resp,
            respPort: 80,
            service: failed ? undefined : 'http',
            outcome,
            durationUs: requests * gap + rng.range(1_000, 60_000),
            origBytes,
            respBytes,
            synCount: 1 + rng.int(3),
        });
        if (failed)
            return;
        for (let i = 0; i < plans.length; i++) {
            const p = plans[i];
            this.ctx.em.http({
                tsUs: ts + 1_000 + i * gap,
                orig,
                origPort,
                resp,
                respPort: 80,
                depth: i + 1,
                method: p.method,
                host,
                uri: p.uri,
                referrer: p.referrer,
                userAgent: this.host.userAgent,
                requestBodyLen: p.requestBodyLen,
                responseBodyLen: p.responseBodyLen,
                status: p.status,
                statusMsg: p.statusMsg,
                requestMime: p.requestMime,
                responseMime: p.responseMime,
            });
        }
    }
    directory(t) {
        const w = this.world;
        const em = this.ctx.em;
        const rng = this.rng;
        let ts = this.resolveInternal(t, this.names.srv);
        ts = this.resolveInternal(ts, this.names.dc) + rng.range(200, 2_000);
        em.tcp({
            tsUs: ts,
            orig: this.addr,
            origPort: this.nextPort(),
            resp: w.dc.addr,
            respPort: 88,
            service: 'krb_tcp',
            outcome: 'SF',
            durationUs: rng.range(3_000, 30_000),
            origBytes: rng.range(1_400, 1_800),
            respBytes: rng.range(1_300, 1_700),
        });
        if (rng.chance(0.5)) {
            ts += rng.range(20_000, 400_000);
            em.tcp({
                tsUs: ts,
                orig: this.addr,
                origPort: this.nextPort(),
                resp: w.dc.addr,
                respPort: 389,
                service: 'ldap_tcp',
                outcome: 'SF',
                durationUs: rng.range(5_000, 2 * US),
                origBytes: rng.range(300, 3_000),
                respBytes: Math.round(rng.logNormal(4_000, 1.0)),
            });
        }
        if (rng.chance(0.3)) {
            ts += rng.range(20_000, 400_000);
            em.tcp({
                tsUs: ts,
                orig: this.addr,
                origPort: this.nextPort(),
                resp: w.dc.addr,
                respPort: 445,
                service: 'gssapi,smb',
                outcome: 'SF',
                durationUs: rng.range(50_000, 5 * US),
                origBytes: rng.range(2_000, 20_000),
                respBytes: Math.round(rng.logNormal(30_000, 1.0)),
            });
        }
    }
    fileShare(t) {
        const w = this.world;
        const rng = this.rng;
        const ts = this.resolveInternal(t, this.names.files) + rng.range(200, 2_000);
        this.ctx.em.tcp({
            tsUs: ts,
            orig: this.addr,
            origPort: this.nextPort(),
            resp: w.files.addr,
            respPort: 445,
            service: 'gssapi,smb',
            outcome: this.rng.chance(0.003) ? 'RSTO' : 'SF',
            durationUs: Math.min(3_600 * US, Math.round(rng.logNormal(5 * US, 1.5))),
            origBytes: Math.min(500_000_000, Math.round(rng.logNormal(20_000, 1.5))),
            respBytes: Math.min(500_000_000, Math.round(rng.logNormal(200_000, 2.0))),
        });
    }
    intranetVisit(t) {
        const w = this.world;
        if (!this.recent443.admit(t, w.intranet.addr, undefined))
            return;
        let ts = this.resolveInternal(t, this.names.intranet);
        const conns = 1 + this.rng.int(3);
        for (let k = 0; k < conns; k++) {
            ts += this.rng.range(500, 800_000);
            this.tls(ts, w.intranet.addr, w.intranet.fqdn, undefined, k > 0);
        }
    }
    ssh(t) {
        const w = this.world;
        const rng = this.rng;
        const ts = this.resolveInternal(t, this.names.bastion) + rng.range(200, 2_000);
        this.ctx.em.tcp({
            tsUs: ts,
            orig: this.addr,
            origPort: this.nextPort(),
            resp: w.bastion.addr,
            respPort: 22,
            service: 'ssh',
            outcome: 'SF',
            durationUs: Math.min(4 * 3_600 * US, Math.round(rng.logNormal(600 * US, 1.0))),
            origBytes: Math.round(rng.logNormal(40_000, 1.2)),
            respBytes: Math.round(rng.logNormal(150_000, 1.5)),
        });
    }
    dnsOnly(t) {
        const w = this.world;
        const r = this.rng.float();
        if (r < 0.35) {
            const name = this.rng.pick(['wpad', 'isatap', 'printer01', 'old-share']);
            const query = `${name}.${w.domain}`;
            this.query(t, this.internalRtt(), {
                query,
                qtype: 1,
                qtypeName: 'A',
                answers: '-',
                ttls: '-',
                authoritative: true,
                rcode: 3,
                rcodeName: 'NXDOMAIN',
            });
        }
        else if (r < 0.65) {
            const server = this.rng.pick(w.servers);
            const o = server.addr.text.split('.');
            this.query(t, this.internalRtt(), {
                query: `${o[3]}.${o[2]}.${o[1]}.${o[0]}.in-addr.arpa`,
                qtype: 12,
                qtypeName: 'PTR',
                rcode: 0,
                rcodeName: 'NOERROR',
                answers: server.fqdn,
                ttls: `${INTERNAL_TTL}.000000`,
                authoritative: true,
            });
        }
        else {
            this.resolveSite(t, this.pickSite('user'));
        }
    }
    // ---- name resolution ----------------------------------------------------------------------
    internalRtt() {
        return this.rng.range(250, 2_000);
    }
    externalRtt() {
        return this.rng.chance(0.7) ? this.rng.range(400, 3_000) : this.rng.range(12_000, 120_000);
    }
    /** Resolves a site unless its answer is still cached; returns when the answer is in hand. */
    resolveSite(t, site) {
        const expiry = this.dnsCache.get(site.index);
        if (expiry !== undefined && expiry > t + CACHE_MARGIN_US)
            return t;
        let ready = this.query(t, this.externalRtt(), site.a);
        if (this.host.v6 !== undefined) {
            ready = Math.max(ready, this.query(t + this.rng.range(50, 400), this.externalRtt(), site.aaaa));
        }
        this.remember(site.index, t, t + site.ttl * US);
        return ready;
    }
    resolveInternal(t, name) {
        const expiry = this.dnsCache.get(name.key);
        if (expiry !== undefined && expiry > t + CACHE_MARGIN_US)
            return t;
        const ready = this.query(t, this.internalRtt(), name);
        this.remember(name.key, t, t + INTERNAL_TTL * US);
        return ready;
    }
    remember(key, t, expiry) {
        const cache = this.dnsCache;
        if (cache.size >= this.pruneAt) {
            for (const [k, e] of cache)
                if (e <= t)
                    cache.delete(k);
            this.pruneAt = Math.max(DNS_CACHE_PRUNE, 2 * cache.size);
        }
        cache.set(key, expiry);
    }
    /** One query to the site resolver (retried once after a second if the answer is lost). */
    query(t, rttUs, q) {
        const em = this.ctx.em;
        const resp = this.world.dns.addr;
        let ts = t;
        if (this.rng.chance(0.0005)) {
            em.dnsExchange({
                tsUs: ts,
                orig: this.addr,
                origPort: this.nextPort(),
                resp,
                transId: this.rng.int(65_536),
                rttUs: undefined,
                q,
            });
            ts += US + this.rng.range(0, 20_000);
        }
        em.dnsExchange({
            tsUs: ts,
            orig: this.addr,
            origPort: this.nextPort(),
            resp,
            transId: this.rng.int(65_536),
            rttUs,
            q,
        });
        return ts + rttUs;
    }
    // ---- housekeeping ----------------------------------------------------------------------------
    ntp(t) {
        const w = this.world;
        this.ctx.em.udp({
            tsUs: t,
            orig: this.addr,
            origPort: this.host.os === 'windows' ? 123 : this.nextPort(),
            resp: w.dc.addr,
            respPort: 123,
            service: 'ntp',
            durationUs: this.rng.range(250, 3_000),
            origBytes: 48,
            respBytes: 48,
        });
    }
    /** DORA through the subnet's relay for a machine arriving, REQUEST/ACK renewal otherwise. */
    lease(t) {
        const w = this.world;
        const em = this.ctx.em;
        const h = this.host;
        const durationUs = this.rng.range(2_000, 1_500_000);
        const dora = !this.alwaysOn;
        if (dora) {
            em.udp({
                tsUs: t,
                orig: w.gateways[this.subnet],
                origPort: 67,
                resp: w.dhcp.addr,
                respPort: 67,
                service: 'dhcp',
                durationUs,
                origBytes: 2 * 332,
                respBytes: 2 * 332,
                origPkts: 2,
                respPkts: 2,
            });
        }
        else {
            em.udp({
                tsUs: t,
                orig: this.addr,
                origPort: 68,
                resp: w.dhcp.addr,
                respPort: 67,
                service: 'dhcp',
                durationUs,
                origBytes: 332,
                respBytes: 332,
            });
        }
        em.dhcp({
            tsUs: t,
            uids: em.uidText(),
            clientAddr: dora ? undefined : this.addr,
            serverAddr: w.dhcp.addr,
            mac: h.mac,
            hostName: h.name,
            clientFqdn: this.fqdn,
            domain: w.domain,
            requestedAddr: dora ? this.addr : undefined,
            assignedAddr: this.addr,
            leaseSeconds: LEASE_SECONDS,
            serverMessage: undefined,
            msgTypes: dora ? 'DISCOVER,OFFER,REQUEST,ACK' : 'REQUEST,ACK',
            durationUs,
        });
    }
    /** Roaming to another VLAN: the old address is refused, a new one is leased (same MAC, name). */
    moveToNewAddress(t) {
        const move = this.opts.readdress;
        if (move === undefined)
            return;
        const w = this.world;
        const em = this.ctx.em;
        const durationUs = this.rng.range(5_000, 2_000_000);
        em.udp({
            tsUs: t,
            orig: w.gateways[move.subnet],
            origPort: 67,
            resp: w.dhcp.addr,
            respPort: 67,
            service: 'dhcp',
            durationUs,
            origBytes: 3 * 332,
            respBytes: 3 * 332,
            origPkts: 3,
            respPkts: 3,
        });
        em.dhcp({
            tsUs: t,
            uids: em.uidText(),
            clientAddr: undefined,
            serverAddr: w.dhcp.addr,
            mac: this.host.mac,
            hostName: this.host.name,
            clientFqdn: this.fqdn,
            domain: w.domain,
            requestedAddr: move.addr,
            assignedAddr: move.addr,
            leaseSeconds: LEASE_SECONDS,
            serverMessage: 'wrong network',
            msgTypes: 'REQUEST,NAK,DISCOVER,OFFER,REQUEST,ACK',
            durationUs,
        });
        this.addr = move.addr;
        this.subnet = move.subnet;
    }
}
/** The intranet's certificate (issued by the company CA, which the sensor does not trust). */
const INTRANET_CERT = '5d0c2f6e0a7b4e3f9a1c8d2e4b6f8a0c1e3d5f7a9b0c2d4e6f8a1b3c5d7e9f0a';
function httpPlan(rng, host) {
    const plain = (uri, mime, size) => {
        const notModified = rng.chance(0.1);
        const missing = !notModified && rng.chance(0.04);
        return {
            method: 'GET',
            uri,
            referrer: uri === '/' ? undefined : `http://${host}/`,
            requestBodyLen: 0,
            responseBodyLen: notModified ? 0 : missing ? 196 : Math.round(size * rng.uniform(0.5, 1.5)),
            status: notModified ? 304 : missing ? 404 : 200,
            statusMsg: notModified ? 'Not Modified' : missing ? 'Not Found' : 'OK',
            requestMime: undefined,
            responseMime: notModified ? undefined : missing ? 'text/html' : mime,
        };
    };
    if (host.startsWith('ocsp.') || host.endsWith('.lencr.org')) {
        return {
            method: 'POST',
            uri: '/',
            referrer: undefined,
            requestBodyLen: 83,
            responseBodyLen: rng.range(471, 1_500),
            status: 200,
            statusMsg: 'OK',
            requestMime: 'application/ocsp-request',
            responseMime: 'application/ocsp-response',
        };
    }
    if (host.startsWith('crl'))
        return plain('/DigiCertGlobalRootG2.crl', 'application/pkix-crl', 1_200);
    if (host.endsWith('windowsupdate.com')) {
        return plain(`/msdownload/update/v3/static/trustedr/en/authrootstl.cab?${rng.u32().toString(16)}${rng.u32().toString(16)}`, 'application/vnd.ms-cab-compressed', 40_000);
    }
    if (host === 'www.msftconnecttest.com')
        return plain('/connecttest.txt', 'text/plain', 22);
    if (host === 'detectportal.firefox.com')
        return plain('/success.txt?ipv4', 'text/plain', 8);
    if (host.endsWith('ubuntu.com'))
        return plain('/ubuntu/dists/jammy-updates/InRelease', 'text/plain', 128_000);
    const [uri, mime, size] = rng.pick(GENERIC_PATHS);
    return plain(uri, mime, size);
}
//# sourceMappingURL=benign.js.map