/**
 * The generator's driver: builds the world, plants the scenarios, and advances every actor
 * through fixed time slices. After each slice the lines are sorted by time and handed to the
 * log files, whose writes overlap the next slice's generation. The time is `ts` except in
 * conn.log, which Zeek writes as connections end: there it is ts + duration, and connections
 * open longer than a slice or two wait in a heap (`HeldLines`) until their end comes up.
 * Everything random comes from seeded streams and everything is ordered by (time, emission
 * order), so the same options give byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { ActorQueue, US } from './actor.js';
import { BASE_SESSION_RATE, benignLoad, HostActor } from './benign.js';
import { Emitter } from './emit.js';
import { LABELS_VERSION } from './labels.js';
import { buildWorld } from './network.js';
import { resolveGenerateOptions } from './options.js';
import { planScenarios } from './scenarios.js';
import { HeldLines, LogFile, SliceLines } from './writer.js';
import { ZEEK_SCHEMAS } from './zeek-schema.js';
/**
 * Connections per slice at the busiest hour: small enough that a slice's lines stay in cache
 * while they are sorted and copied out (≈ 1 MB over all logs), large enough that per-slice work
 * is noise.
 */
const SLICE_TARGET_CONNS = 4_000;
const MAX_SLICE_US = 300 * US;
const MIN_SLICE_US = 1 * US;
/** Bytes a log accumulates before its write is started. */
const FLUSH_BYTES = 4 << 20;
/** Connections per benign session, for the first guess only; steering measures the real one. */
const CONNS_PER_SESSION_GUESS = 2.6;
const LOAD_BIN_US = 60 * US;
const STEER_EVERY_US = 600 * US;
const STEER_STEP = 1.15;
/** Share of the expected load left when steering stops: late corrections would bend the diurnal curve. */
const STEER_FREEZE = 0.15;
function newSliceSet() {
    return {
        conn: new SliceLines(),
        dns: new SliceLines(),
        http: new SliceLines(),
        ssl: new SliceLines(),
        dhcp: new SliceLines(),
        weird: new SliceLines(),
    };
}
function resetSlices(set, baseUs) {
    set.conn.reset(baseUs);
    set.dns.reset(baseUs);
    set.http.reset(baseUs);
    set.ssl.reset(baseUs);
    set.dhcp.reset(baseUs);
    set.weird.reset(baseUs);
}
/**
 * Steers the benign multiplier so that conn.log ends near `target`. Connections split into
 * session connections, which scale with the multiplier (not quite linearly: DNS answers are
 * cached), and fixed ones (NTP, DHCP, scenarios). Every STEER_EVERY_US the steering measures
 * session connections per unit of multiplier-weighted expected load, extrapolates the fixed
 * ones, and spreads what is left over the load still to come, changing the multiplier by at
 * most STEER_STEP so the diurnal shape survives. Deterministic: it only reads counts the
 * generator itself produced.
 */
class Steering {
    target;
    startUs;
    endUs;
    cumulative;
    weightedDone = 0;
    lastUpdateUs;
    constructor(target, load, startUs, endUs) {
        this.target = target;
        this.startUs = startUs;
        this.endUs = endUs;
        this.cumulative = new Float64Array(load.length + 1);
        for (let i = 0; i < load.length; i++)
            this.cumulative[i + 1] = this.cumulative[i] + load[i];
        this.lastUpdateUs = startUs;
    }
    /** Expected sessions at multiplier 1 between two times. */
    loadBetween(aUs, bUs) {
        return this.at(bUs) - this.at(aUs);
    }
    at(tUs) {
        const x = Math.max(0, (tUs - this.startUs) / LOAD_BIN_US);
        const n = this.cumulative.length - 1;
        if (x >= n)
            return this.cumulative[n];
        const i = Math.floor(x);
        return this.cumulative[i] + (this.cumulative[i + 1] - this.cumulative[i]) * (x - i);
    }
    initial() {
        const total = this.loadBetween(this.startUs, this.endUs);
        return total > 0 ? this.target / (total * CONNS_PER_SESSION_GUESS) : 1;
    }
    /**
     * After the slice [sUs, eUs) ran at `multiplier`: the multiplier for what follows.
     * `produced` excludes scenario connections (the target already left room for them).
     */
    update(multiplier, sUs, eUs, produced, sessionConns) {
        this.weightedDone += multiplier * this.loadBetween(sUs, eUs);
        if (eUs - this.lastUpdateUs < STEER_EVERY_US)
            return multiplier;
        this.lastUpdateUs = eUs;
        const remainingLoad = this.loadBetween(eUs, this.endUs);
        const total = this.loadBetween(this.startUs, this.endUs);
        // Near the end the remaining load is too small to correct anything without distortion.
        if (remainingLoad < STEER_FREEZE * total || this.weightedDone <= 0 || sessionConns <= 0)
            return multiplier;
        const perLoad = sessionConns / this.weightedDone;
        const fixed = produced - sessionConns;
        const fixedRemaining = (fixed / (eUs - this.startUs)) * (this.endUs - eUs);
        const wanted = Math.max(0, this.target - produced - fixedRemaining) / (perLoad * remainingLoad);
        return Math.min(multiplier * STEER_STEP, Math.max(multiplier / STEER_STEP, wanted, 1e-4));
    }
}
export async function generate(options) {
    const o = resolveGenerateOptions(options);
    const startUs = o.start * US;
    const endUs = startUs + Math.round(o.hours * 3_600 * US);
    const world = buildWorld(o.seed, o.hosts);
    let current = newSliceSet();
    let spare = newSliceSet();
    resetSlices(current, startUs);
    const held = new HeldLines();
    const em = new Emitter(current, o.seed, held, endUs);
    const ctx = {
        world,
        em,
        seed: o.seed,
        startUs,
        endUs,
        multiplier: 1,
        sessionConnections: 0,
        scenarioConnections: 0,
    };
    const plan = planScenarios(ctx, o.scenarios);
    const hostActors = world.hosts.map((host) => {
        const override = plan.hostOverrides.get(host.index);
        const alwaysOn = override?.alwaysOn ?? host.alwaysOn;
        return new HostActor(ctx, override?.readdress ? { host, alwaysOn, readdress: override.readdress } : { host, alwaysOn });
    });
    const actors = [...hostActors, ...plan.actors];
    const queue = new ActorQueue(actors);
    let steering;
    if (o.targetConnections !== undefined) {
        const load = benignLoad(o.seed, world.hosts.map((h) => ({
            index: h.index,
            alwaysOn: plan.hostOverrides.get(h.index)?.alwaysOn ?? h.alwaysOn,
        })), startUs, endUs, LOAD_BIN_US);
        steering = new Steering(Math.max(1, o.targetConnections - plan.expectedConnections), load, startUs, endUs);
        ctx.multiplier = steering.initial();
    }
    const sliceUs = sliceLength(o, ctx.multiplier);
    try {
        await mkdir(o.out, { recursive: true });
    }
    catch (err) {
        throw new NetscryError(ErrorCode.OutputFailed, `cannot create ${o.out}: ${String(err)}`, { path: o.out });
    }
    const files = [];
    try {
        for (const schema of ZEEK_SCHEMAS)
            files.push(await LogFile.create(join(o.out, `${schema.path}.log`), schema, o.start));
        const [connFile, dnsFile, httpFile, sslFile, dhcpFile, weirdFile] = files;
        for (let s = startUs; s < endUs; s += sliceUs) {
            const e = Math.min(endUs, s + sliceUs);
            // Conn lines due within the next slice stay in the slice (keys within 2 slices of its
            // base); later ones are held and come back when the slice they end in is next.
            const horizon = e + sliceUs;
            em.horizonUs = horizon;
            queue.runUntil(e);
            resetSlices(spare, e);
            // Held lines were emitted before anything carried now: released first, they keep
            // emission order among lines that end in the same microsecond.
            held.release(horizon, spare.conn);
            current.conn.drain(e, connFile, spare.conn);
            current.dns.drain(e, dnsFile, spare.dns);
            current.http.drain(e, httpFile, spare.http);
            current.ssl.drain(e, sslFile, spare.ssl);
            current.dhcp.drain(e, dhcpFile, spare.dhcp);
            current.weird.drain(e, weirdFile, spare.weird);
            [current, spare] = [spare, current];
            em.logs = current;
            if (files.some((f) => f.buffered >= FLUSH_BYTES))
                await Promise.all(files.map((f) => f.flush()));
            if (steering !== undefined)
                ctx.multiplier = steering.update(ctx.multiplier, s, e, em.connections - ctx.scenarioConnections, ctx.sessionConnections);
        }
        // Connections still open at the end are written, as Zeek flushes its connection state at
        // shutdown: the carried ones first (all due before the next horizon), then the held ones,
        // both in end-time order. The other logs' carried rows start at or after the end of the
        // capture: dropped, like a sensor stopped at that instant (the emitter never wrote the conn
        // lines of connections starting then).
        current.conn.drain(Number.POSITIVE_INFINITY, connFile, spare.conn);
        held.flush(connFile);
        for (const f of files)
            await f.close(endUs / US);
    }
    catch (err) {
        await Promise.all(files.map((f) => f.abort().catch(() => undefined)));
        throw err;
    }
    const [conn, dns, http, ssl, dhcp, weird] = files.map((f) => f.lines);
    const counts = { conn, dns, http, ssl, dhcp, weird };
    const labels = buildLabels(o, world, plan, counts, endUs);
    const labelsPath = join(o.out, 'labels.json');
    const labelsText = `${JSON.stringify(labels, null, 2)}\n`;
    try {
        await writeFile(labelsPath, labelsText);
    }
    catch (err) {
        throw new NetscryError(ErrorCode.OutputFailed, `cannot write ${labelsPath}: ${String(err)}`, {
            path: labelsPath,
        });
    }
    const generated = files.map((f, i) => ({
        name: `${ZEEK_SCHEMAS[i].path}.log`,
        path: f.path,
        lines: f.lines,
        bytes: f.bytes,
    }));
    generated.push({ name: 'labels.json', path: labelsPath, lines: 0, bytes: Buffer.byteLength(labelsText) });
    return {
        out: o.out,
        start: o.start,
        end: endUs / US,
        files: generated,
        counts,
        labels,
        multiplier: ctx.multiplier,
    };
}
/** Slices short enough that one holds ~SLICE_TARGET_CONNS connections at the busiest hour. */
function sliceLength(o, multiplier) {
    const peakPerSecond = o.hosts * BASE_SESSION_RATE * multiplier * 1.3 * CONNS_PER_SESSION_GUESS;
    const us = Math.round((SLICE_TARGET_CONNS / Math.max(peakPerSecond, 1e-9)) * US);
    return Math.min(MAX_SLICE_US, Math.max(MIN_SLICE_US, us));
}
function buildLabels(o, world, plan, counts, endUs) {
    const moved = new Map();
    for (const [index, override] of plan.hostOverrides) {
        if (override.readdress)
            moved.set(index, override.readdress.addr.text);
    }
    const inventory = world.servers.map((s) => ({
        name: s.fqdn,
        mac: s.mac,
        kind: 'server',
        addresses: [s.addr.text],
    }));
    for (const h of world.hosts) {
        const addresses = [h.addr.text];
        const next = moved.get(h.index);
        if (next !== undefined)
            addresses.push(next);
        if (h.v6 !== undefined)
            addresses.push(h.v6.text);
        inventory.push({ name: h.name, mac: h.mac, kind: 'client', os: h.os, addresses });
    }
    return {
        version: LABELS_VERSION,
        generator: 'netscry-generate',
        seed: o.seed,
        start: o.start,
        end: endUs / US,
        hosts: o.hosts,
        networks: {
            internal: [world.serverSubnet, ...world.clientSubnets, world.ulaPrefix],
            servers: world.serverSubnet,
            clients: world.clientSubnets,
            ula: world.ulaPrefix,
        },
        counts,
        scenarios: plan.labels(),
        inventory,
    };
}
//# sourceMappingURL=generate.js.map