/**
 * Ground truth written next to the generated logs (`labels.json`) and its validating loader.
 *
 * Times are epoch seconds (the first and last record a scenario produced, microsecond
 * precision). `src` is the acting address; `aliases` lists other addresses the same actor used
 * (a re-addressed host), and scoring accepts either.
 */
import { readFile } from 'node:fs/promises';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { SCENARIO_TYPES } from './options.js';
export const LABELS_VERSION = 1;
class Checker {
    source;
    constructor(source) {
        this.source = source;
    }
    fail(path, expected) {
        throw new NetscryError(ErrorCode.UnreadableInput, `${this.source}: ${path} must be ${expected}`, {
            source: this.source,
            path,
        });
    }
    object(v, path) {
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            this.fail(path, 'an object');
        return v;
    }
    array(v, path) {
        if (!Array.isArray(v))
            this.fail(path, 'an array');
        return v;
    }
    string(v, path) {
        if (typeof v !== 'string' || v.length === 0)
            this.fail(path, 'a non-empty string');
        return v;
    }
    number(v, path) {
        if (typeof v !== 'number' || !Number.isFinite(v))
            this.fail(path, 'a finite number');
        return v;
    }
    count(v, path) {
        const n = this.number(v, path);
        if (!Number.isInteger(n) || n < 0)
            this.fail(path, 'a non-negative integer');
        return n;
    }
    strings(v, path) {
        return this.array(v, path).map((x, i) => this.string(x, `${path}[${i}]`));
    }
}
/** Validates parsed JSON as labels; throws NETSCRY_E_UNREADABLE_INPUT naming the bad field. */
export function parseLabels(value, source = 'labels') {
    const c = new Checker(source);
    const root = c.object(value, '$');
    if (root.version !== LABELS_VERSION)
        c.fail('$.version', String(LABELS_VERSION));
    const networks = c.object(root.networks, '$.networks');
    const counts = c.object(root.counts, '$.counts');
    const known = new Set(SCENARIO_TYPES);
    const ids = new Set();
    const scenarios = c.array(root.scenarios, '$.scenarios').map((raw, i) => {
        const p = `$.scenarios[${i}]`;
        const s = c.object(raw, p);
        const id = c.string(s.id, `${p}.id`);
        if (ids.has(id))
            c.fail(`${p}.id`, 'unique');
        ids.add(id);
        const type = c.string(s.type, `${p}.type`);
        if (!known.has(type))
            c.fail(`${p}.type`, `one of ${SCENARIO_TYPES.join(', ')}`);
        const start = c.number(s.start, `${p}.start`);
        const end = c.number(s.end, `${p}.end`);
        if (end < start)
            c.fail(`${p}.end`, '>= start');
        const label = {
            id,
            type: type,
            src: c.string(s.src, `${p}.src`),
            start,
            end,
            connections: c.count(s.connections, `${p}.connections`),
            description: c.string(s.description, `${p}.description`),
        };
        if (s.aliases !== undefined)
            label.aliases = c.strings(s.aliases, `${p}.aliases`);
        if (s.targets !== undefined)
            label.targets = c.strings(s.targets, `${p}.targets`);
        if (s.ports !== undefined) {
            label.ports = c.array(s.ports, `${p}.ports`).map((x, k) => {
                const port = c.count(x, `${p}.ports[${k}]`);
                if (port > 65535)
                    c.fail(`${p}.ports[${k}]`, 'a port number');
                return port;
            });
        }
        if (s.domain !== undefined)
            label.domain = c.string(s.domain, `${p}.domain`);
        if (s.mac !== undefined)
            label.mac = c.string(s.mac, `${p}.mac`);
        if (s.hostName !== undefined)
            label.hostName = c.string(s.hostName, `${p}.hostName`);
        if (s.params !== undefined) {
            const params = c.object(s.params, `${p}.params`);
            const out = {};
            for (const [k, v] of Object.entries(params)) {
                if (typeof v !== 'number' && typeof v !== 'string')
                    c.fail(`${p}.params.${k}`, 'a number or string');
                out[k] = v;
            }
            label.params = out;
        }
        return label;
    });
    const inventory = c.array(root.inventory ?? [], '$.inventory').map((raw, i) => {
        const p = `$.inventory[${i}]`;
        const e = c.object(raw, p);
        const kind = e.kind;
        if (kind !== 'client' && kind !== 'server')
            c.fail(`${p}.kind`, "'client' or 'server'");
        const entry = {
            name: c.string(e.name, `${p}.name`),
            mac: c.string(e.mac, `${p}.mac`),
            kind,
            addresses: c.strings(e.addresses, `${p}.addresses`),
        };
        return e.os === undefined ? entry : { ...entry, os: c.string(e.os, `${p}.os`) };
    });
    return {
        version: LABELS_VERSION,
        generator: c.string(root.generator, '$.generator'),
        seed: c.number(root.seed, '$.seed'),
        start: c.number(root.start, '$.start'),
        end: c.number(root.end, '$.end'),
        hosts: c.count(root.hosts, '$.hosts'),
        networks: {
            internal: c.strings(networks.internal, '$.networks.internal'),
            servers: c.string(networks.servers, '$.networks.servers'),
            clients: c.strings(networks.clients, '$.networks.clients'),
            ula: c.string(networks.ula, '$.networks.ula'),
        },
        counts: {
            conn: c.count(counts.conn, '$.counts.conn'),
            dns: c.count(counts.dns, '$.counts.dns'),
            http: c.count(counts.http, '$.counts.http'),
            ssl: c.count(counts.ssl, '$.counts.ssl'),
            dhcp: c.count(counts.dhcp, '$.counts.dhcp'),
            weird: counts.weird === undefined ? 0 : c.count(counts.weird, '$.counts.weird'),
        },
        scenarios,
        inventory,
    };
}
/** Reads and validates a labels.json file. */
export async function loadLabels(path) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new NetscryError(ErrorCode.UnreadableInput, `cannot read labels ${path}: ${message}`, { path });
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new NetscryError(ErrorCode.UnreadableInput, `labels ${path} is not JSON: ${message}`, { path });
    }
    return parseLabels(json, path);
}
//# sourceMappingURL=labels.js.map