import { DETECTORS } from '../detect/registry.js';
import { formatAddress, inNetwork, parseCidr } from '../shared/addr.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
export const SUPPRESS_TRACKS = ['src', 'dst', 'either', 'name'];
/** Finding families: the first segment of what each detector produces (`anomaly`, `scan`, …). */
const FAMILIES = new Set(DETECTORS.flatMap((d) => d.produces.map((p) => p.split('.')[0])));
function invalid(input, why) {
    const where = input.source === undefined ? '' : `${input.source}: `;
    throw new NetscryError(ErrorCode.InvalidOption, `${where}suppress rule: ${why}`, {
        option: 'suppress',
        ...(input.source === undefined ? {} : { source: input.source }),
    });
}
function detectorsOf(input) {
    const kinds = [];
    const prefixes = [];
    let anyDetector = false;
    for (const raw of input.detector.split(',')) {
        const p = raw.trim();
        const entry = DETECTORS.find((d) => d.name === p);
        if (p === '*')
            anyDetector = true;
        else if (entry !== undefined)
            prefixes.push(...entry.produces);
        else if (/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(p) && FAMILIES.has(p.split('.')[0])) {
            // A family or a kind: the name itself, and the kinds under it.
            kinds.push(p);
            prefixes.push(`${p}.`);
        }
        else {
            invalid(input, `unknown detector '${p}' (use *, a detector — ${DETECTORS.map((d) => d.name).join(', ')} — or a finding family or kind such as anomaly or scan.horizontal)`);
        }
    }
    return { anyDetector, kinds, prefixes };
}
const NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
/** Checks and compiles rules; throws InvalidOption (naming the rule's source) on the first bad one. */
export function compileSuppressRules(inputs) {
    return inputs.map((input) => {
        if (input === null || typeof input !== 'object')
            invalid({ detector: '', track: 'src', value: '' }, 'not an object');
        if (typeof input.detector !== 'string' || typeof input.value !== 'string')
            invalid(input, 'detector and value must be strings');
        if (!SUPPRESS_TRACKS.includes(input.track))
            invalid(input, `unknown track '${String(input.track)}' (one of ${SUPPRESS_TRACKS.join(', ')})`);
        const detectors = detectorsOf(input);
        const value = input.value.trim();
        const detector = input.detector.trim();
        if (input.track === 'name') {
            const lower = value.toLowerCase().replace(/\.$/, '');
            const subdomains = lower.startsWith('*.');
            const name = subdomains ? lower.slice(2) : lower;
            if (!NAME.test(name) || name.length > 253)
                invalid(input, `'${value}' is not a host name or *.domain pattern`);
            return {
                text: `${detector} name ${subdomains ? '*.' : ''}${name}`,
                source: input.source,
                ...detectors,
                track: input.track,
                network: undefined,
                name,
                subdomains,
            };
        }
        const network = parseCidr(value);
        if (network === undefined)
            invalid(input, `'${value}' is not an address or a network in CIDR notation`);
        return {
            // A host as its address, a network in CIDR notation.
            text: `${detector} ${input.track} ${network.bits === 128 ? formatAddress(network.words) : network.text}`,
            source: input.source,
            ...detectors,
            track: input.track,
            network,
            name: '',
            subdomains: false,
        };
    });
}
/**
 * The rules of a suppress file: one per line, `<detector> <track> <value>`, whitespace between
 * them; `#` starts a comment, blank lines are skipped. Throws InvalidOption naming `file:line`.
 */
export function parseSuppressFile(text, file) {
    const rules = [];
    const lines = text.split(/\r?\n/);
    for (let k = 0; k < lines.length; k++) {
        const hash = lines[k].indexOf('#');
        const line = (hash < 0 ? lines[k] : lines[k].slice(0, hash)).trim();
        if (line === '')
            continue;
        const source = `${file}:${k + 1}`;
        const fields = line.split(/\s+/);
        if (fields.length !== 3) {
            invalid({ detector: '', track: 'src', value: '', source }, `expected '<detector> <track> <value>', got ${fields.length} field(s)`);
        }
        const [detector, track, value] = fields;
        const rule = { detector, track: track, value, source };
        compileSuppressRules([rule]);
        rules.push(rule);
    }
    return rules;
}
/** An entity's values (a string or a list of them). */
function values(f, key) {
    const v = f.entities[key];
    if (v === undefined)
        return [];
    return typeof v === 'string' ? [v] : [...v];
}
function tracked(f) {
    const dst = values(f, 'dst').map((v) => ({ v, n: parseCidr(v) }));
    return {
        src: values(f, 'src').map(parseCidr),
        dst: [...dst.filter((x) => x.n !== undefined).map((x) => x.n), ...values(f, 'targets').map(parseCidr)],
        names: [
            ...values(f, 'domain'),
            ...values(f, 'server'),
            ...dst.filter((x) => x.n === undefined).map((x) => x.v),
        ].map((v) => v.toLowerCase().replace(/\.$/, '')),
    };
}
function covers(rule, list) {
    return (list.length > 0 &&
        list.every((n) => n !== undefined && rule.bits <= n.bits && inNetwork(n.words, 0, rule)));
}
function detectorMatches(rule, d) {
    return rule.anyDetector || rule.kinds.includes(d) || rule.prefixes.some((p) => d.startsWith(p));
}
function matches(rule, t) {
    if (rule.track === 'name') {
        const { name, subdomains } = rule;
        return t.names.length > 0 && t.names.every((n) => n === name || (subdomains && n.endsWith(`.${name}`)));
    }
    const net = rule.network;
    const src = rule.track !== 'dst' && covers(net, t.src);
    if (src || rule.track === 'src')
        return src;
    return covers(net, t.dst);
}
/** `net`'s words masked to `bits` (of the 128-bit space), as an index key. */
function netKey(words, bits) {
    let key = `${bits}`;
    for (let w = 0; w < 4; w++) {
        const keep = bits - 32 * w;
        const v = words[w];
        key += `:${keep >= 32 ? v : keep <= 0 ? 0 : (v & (~0 << (32 - keep))) >>> 0}`;
    }
    return key;
}
/**
 * The rules indexed by what a finding's first value must hit: networks by prefix length and
 * masked address, names by the name (`*.domain` rules under `*.` + domain). A rule can match a
 * finding only if it covers the finding's first source, destination or name, so a finding
 * looks up its candidates (a map probe per prefix length in use and per label of its name)
 * instead of trying every rule: 5 000 network rules over 5 000 findings took ≈ 2 s rule by rule.
 */
class RuleIndex {
    nets = new Map();
    lengths;
    names = new Map();
    constructor(rules) {
        const lengths = new Set();
        rules.forEach((r, k) => {
            const key = r.network
                ? netKey(r.network.words, r.network.bits)
                : `${r.subdomains ? '*.' : ''}${r.name}`;
            const map = r.network ? this.nets : this.names;
            if (r.network)
                lengths.add(r.network.bits);
            const list = map.get(key);
            if (list === undefined)
                map.set(key, [k]);
            else
                list.push(k);
        });
        this.lengths = [...lengths];
    }
    /** Rule indexes (ascending, maybe repeated) whose network or name covers the finding's first values. */
    candidates(t) {
        const out = [];
        for (const n of [t.src[0], t.dst[0]]) {
            if (n === undefined)
                continue;
            for (const bits of this.lengths)
                if (bits <= n.bits)
                    out.push(...(this.nets.get(netKey(n.words, bits)) ?? []));
        }
        const name = t.names[0];
        if (name !== undefined) {
            out.push(...(this.names.get(name) ?? []));
            // `*.` rules of the name itself and of each domain above it.
            for (let at = 0;;) {
                out.push(...(this.names.get(`*.${name.slice(at)}`) ?? []));
                const dot = name.indexOf('.', at);
                if (dot < 0)
                    break;
                at = dot + 1;
            }
        }
        return out.sort((a, b) => a - b);
    }
}
/**
 * Drops the findings a rule matches (order kept) and reports per rule how many it took. With
 * no rules the findings come back as they are and the report is undefined.
 */
export function applySuppression(findings, rules) {
    if (rules.length === 0)
        return { findings: [...findings], report: undefined };
    const index = new RuleIndex(rules);
    const counts = new Array(rules.length).fill(0);
    const kept = findings.filter((f) => {
        const t = tracked(f);
        const k = index
            .candidates(t)
            .find((k) => detectorMatches(rules[k], f.detector) && matches(rules[k], t));
        if (k === undefined)
            return true;
        counts[k]++;
        return false;
    });
    return {
        findings: kept,
        report: {
            total: findings.length - kept.length,
            rules: rules.map((r, k) => ({
                rule: r.text,
                ...(r.source === undefined ? {} : { source: r.source }),
                findings: counts[k],
            })),
        },
    };
}
//# sourceMappingURL=suppress.js.map