/**
 * What clear-text fields give away (content-patterns.ts holds the pure matchers):
 *
 * - `content.sensitive-data` (ATT&CK T1552 Unsecured Credentials for keys, tokens and private
 *   keys; T1048 Exfiltration Over Alternative Protocol for card numbers, SSNs and blobs): card
 *   numbers (Luhn, plausible IIN), US SSNs, AWS/GitHub/Slack/Google/Stripe keys, JWTs, private
 *   key headers and long high-entropy base64/hex blobs in HTTP URIs, Host, Referer and
 *   User-Agent, DNS query names, TLS SNI, FTP arguments and SMTP subjects (percent-escapes
 *   undone first). Values are masked before they are stored: nothing but the last four
 *   characters of a value ever reaches the state, a snapshot or a finding.
 * - `content.suspicious-destination` (T1572 Protocol Tunneling for tunnel services, T1567
 *   Exfiltration Over Web Service for paste and file-drop sites, T1102 Web Service for chat
 *   webhooks, T1583.001 Domains for free TLDs): DNS query names, TLS SNI and HTTP Host (+ URI
 *   for entries with a path) against a replaceable list (suspicious-destinations.ts), by suffix
 *   on label boundaries.
 * - `content.command` (by the command's family: T1059 Command and Scripting Interpreter for
 *   reverse shells, T1105 Ingress Tool Transfer for download-and-run, T1059.001 PowerShell for
 *   encoded commands): reverse-shell and download-and-run command lines in HTTP URIs, Referer
 *   and User-Agent, FTP arguments and SMTP subjects.
 * - From payload.log records (a capture's clear-text payload, matched in the capture path:
 *   ingest/pcap/app/payload.ts; already masked there, masked again here): sensitive values go to
 *   `content.sensitive-data`, command lines to `content.command`, in the field `payload`, with
 *   the directions (`orig`, `resp`) they were seen in. A record's `pattern` is its kind; blobs
 *   follow `enableBlobs` and `minBlobLength`.
 *
 * Matches are aggregated per (source, destination address, kind) — per (source, list entry) for
 * destinations — per window of `windowSeconds` aligned on the epoch: one finding each, with the
 * count, the fields, bounded masked samples and uids. Records are counted once, on their
 * originator-keyed delivery (`isOriginatorDelivery`), so a source's matches all meet in one
 * virtual shard.
 *
 * Memory: at most `maxGroups` open groups per virtual shard; when full, the group opened first is
 * reported at once and dropped (counted under `maxGroups`: a later match of the same key in the
 * same window starts a second finding). Fields longer than `maxFieldLength` are cut before
 * matching (counted under `maxFieldLength`). Every decision follows the shard's input order and
 * event time, so findings do not depend on the number of actors or batch boundaries.
 */
import { readFileSync } from 'node:fs';
import { formatAddress } from '../shared/addr.js';
import { Flag, isOriginatorDelivery, RecordKind, Str } from '../shared/record.js';
import { COMMAND_FAMILY, findCommands, findSensitive, isCredentialKind, mask, maskSensitive, percentDecode, SENSITIVE_KINDS, } from '../shared/sensitive-patterns.js';
import { checkSnapshot } from './analyzer.js';
import { DestinationMatcher, parseDestinationList } from './content-patterns.js';
import { FieldReader } from './fields.js';
import { compareFindings, makeFinding } from './finding.js';
import { checkOptions, optionError } from './options.js';
import { BUILTIN_DESTINATIONS } from './suspicious-destinations.js';
export const DEFAULT_CONTENT_NUMBERS = Object.freeze({
    windowSeconds: 3_600,
    enableSensitiveData: true,
    enableBlobs: true,
    minBlobLength: 128,
    minBase64Entropy: 4.8,
    minHexEntropy: 3.5,
    enableDestinations: true,
    enableCommands: true,
    maxFieldLength: 8_192,
    maxGroups: 4_096,
    sampleSize: 5,
    replaceDestinations: false,
});
const RULES = {
    windowSeconds: { type: 'integer', min: 60, max: 7 * 86_400 },
    enableSensitiveData: { type: 'boolean' },
    enableBlobs: { type: 'boolean' },
    minBlobLength: { type: 'integer', min: 32, max: 65_536 },
    minBase64Entropy: { type: 'number', min: 0, max: 6 },
    minHexEntropy: { type: 'number', min: 0, max: 4 },
    enableDestinations: { type: 'boolean' },
    enableCommands: { type: 'boolean' },
    maxFieldLength: { type: 'integer', min: 256, max: 1 << 20 },
    maxGroups: { type: 'integer', min: 1, max: 1 << 20 },
    sampleSize: { type: 'integer', min: 1, max: 100 },
    replaceDestinations: { type: 'boolean' },
};
/** A destination list file larger than this is refused (it is read whole, once). */
export const MAX_DESTINATIONS_FILE_BYTES = 4 << 20;
/**
 * Fills defaults, checks every key once (unknown keys refused) and resolves the destination
 * list: the built-in list, extended by (or, with `replaceDestinations`, replaced by) the entries
 * of `destinationsFile` (read here, synchronously) and `destinations`. Throws InvalidOption.
 */
export function validateContentConfig(partial = {}) {
    if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
        throw optionError('content', '(config)', 'must be an object', partial);
    }
    const { destinations, destinationsFile, ...rest } = partial;
    const c = checkOptions('content', RULES, DEFAULT_CONTENT_NUMBERS, rest);
    const extra = [];
    if (destinationsFile !== undefined) {
        if (typeof destinationsFile !== 'string' || destinationsFile === '') {
            throw optionError('content', 'destinationsFile', 'must be a file path', destinationsFile);
        }
        let text;
        try {
            const bytes = readFileSync(destinationsFile);
            if (bytes.length > MAX_DESTINATIONS_FILE_BYTES)
                throw new Error(`larger than ${MAX_DESTINATIONS_FILE_BYTES} bytes`);
            text = bytes.toString('utf8');
        }
        catch (e) {
            throw optionError('content', 'destinationsFile', `cannot be read (${e.message})`, destinationsFile);
        }
        extra.push(...parseList(text, destinationsFile, 'destinationsFile'));
    }
    if (destinations !== undefined) {
        if (typeof destinations !== 'string') {
            throw optionError('content', 'destinations', 'must be the text of a destination list', destinations);
        }
        extra.push(...parseList(destinations, 'destinations', 'destinations'));
    }
    if (c.replaceDestinations && destinations === undefined && destinationsFile === undefined) {
        throw optionError('content', 'replaceDestinations', 'needs destinations or destinationsFile', true);
    }
    const list = c.replaceDestinations ? extra : [...BUILTIN_DESTINATIONS, ...extra];
    return Object.freeze({ ...c, destinationList: Object.freeze(list.map((e) => Object.freeze({ ...e }))) });
}
function parseList(text, source, key) {
    try {
        return parseDestinationList(text, source);
    }
    catch (e) {
        throw optionError('content', key, e.message, source);
    }
}
// ─── findings' vocabulary ───────────────────────────────────────────────────────────────────
const SENSITIVE_SEVERITY = {
    card: ['high', 0.8],
    ssn: ['medium', 0.5],
    'aws-access-key': ['high', 0.9],
    'github-token': ['high', 0.9],
    'slack-token': ['high', 0.9],
    'google-api-key': ['low', 0.5],
    'stripe-key': ['high', 0.9],
    jwt: ['medium', 0.7],
    'private-key': ['critical', 0.9],
    'base64-blob': ['low', 0.4],
    'hex-blob': ['low', 0.4],
};
const COMMAND_ATTACK = {
    'reverse-shell': 'T1059',
    'download-exec': 'T1105',
    'encoded-command': 'T1059.001',
};
const CATEGORY_ATTACK = {
    tunnel: 'T1572',
    paste: 'T1567',
    'file-sharing': 'T1567',
    webhook: 'T1102',
    'free-tld': 'T1583.001',
};
const CATEGORY_SEVERITY = {
    tunnel: ['medium', 0.7],
    paste: ['medium', 0.6],
    'file-sharing': ['medium', 0.6],
    webhook: ['medium', 0.7],
    'free-tld': ['low', 0.4],
};
const DETECTOR = {
    sensitive: 'content.sensitive-data',
    destination: 'content.suspicious-destination',
    command: 'content.command',
};
// ─── per-shard state ────────────────────────────────────────────────────────────────────────
export const CONTENT_EVICTION_NAMES = ['maxGroups', 'maxFieldLength'];
const SNAPSHOT_VERSION = 1;
/** Distinct masked values / names / addresses counted per group. */
const DISTINCT_MAX = 64;
function addDistinct(list, value) {
    if (list.length < DISTINCT_MAX && !list.includes(value))
        list.push(value);
}
const DNS_FIELDS = ['query'];
const HTTP_FIELDS = ['host', 'uri', 'referrer', 'user_agent'];
const TLS_FIELDS = ['server_name'];
/** payload.log (ingest/pcap/app/payload.ts). */
const PAYLOAD_FIELDS = ['is_orig', 'pattern', 'value', 'length'];
const SENSITIVE_KIND_SET = new Set(SENSITIVE_KINDS);
/** Other logs' free-text fields worth a look, by Zeek path. */
const GENERIC_FIELDS = { ftp: 'arg', smtp: 'subject' };
class ContentShard {
    vshard;
    c;
    groups = new Map();
    findings = [];
    evicted = { maxGroups: 0, maxFieldLength: 0 };
    sensitiveRules;
    matcher;
    dns = new FieldReader(DNS_FIELDS);
    http = new FieldReader(HTTP_FIELDS);
    tls = new FieldReader(TLS_FIELDS);
    payload = new FieldReader(PAYLOAD_FIELDS);
    generic = new Map();
    // The record being looked at (set by observe; addresses and uid decoded on the first match).
    view;
    row = 0;
    ts = 0;
    srcText;
    dstText;
    uidText;
    constructor(vshard, c) {
        this.vshard = vshard;
        this.c = c;
        const blobs = c.enableBlobs
            ? { minLength: c.minBlobLength, minBase64Entropy: c.minBase64Entropy, minHexEntropy: c.minHexEntropy }
            : undefined;
        this.sensitiveRules = { blobs };
        this.matcher = new DestinationMatcher(c.destinationList);
        for (const [path, field] of Object.entries(GENERIC_FIELDS))
            this.generic.set(path, new FieldReader([field]));
    }
    observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++)
            this.observe(view, rows[k]);
    }
    observe(view, i) {
        const kind = view.kind[i];
        if (kind !== RecordKind.Dns &&
            kind !== RecordKind.Http &&
            kind !== RecordKind.Tls &&
            kind !== RecordKind.Generic) {
            return;
        }
        const flags = view.flags[i];
        if ((flags & Flag.OrigSet) === 0 || !isOriginatorDelivery(flags))
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts))
            return;
        this.view = view;
        this.row = i;
        this.ts = ts;
        this.srcText = undefined;
        this.dstText = undefined;
        this.uidText = undefined;
        const c = this.c;
        if (kind === RecordKind.Dns) {
            if (!this.dns.read(view, i))
                return;
            const query = this.cut(this.dns.text(0));
            if (query === undefined)
                return;
            if (c.enableSensitiveData)
                this.sensitive('query', query);
            if (c.enableDestinations)
                this.destination('query', query, this.matcher.matchName(query));
        }
        else if (kind === RecordKind.Http) {
            const r = this.http;
            if (!r.read(view, i))
                return;
            const host = this.cut(r.text(0));
            const uri = this.cut(r.text(1));
            for (let k = 0; k < HTTP_FIELDS.length; k++) {
                const raw = k === 0 ? host : k === 1 ? uri : this.cut(r.text(k));
                if (raw === undefined || raw === '')
                    continue;
                const text = percentDecode(raw);
                if (c.enableSensitiveData)
                    this.sensitive(HTTP_FIELDS[k], text, host);
                if (c.enableCommands && k > 0)
                    this.command(HTTP_FIELDS[k], text, host);
            }
            if (c.enableDestinations && host !== undefined && host !== '') {
                this.destination('host', host, this.matcher.matchUrl(host, uri ?? ''));
            }
        }
        else if (kind === RecordKind.Tls) {
            if (!this.tls.read(view, i))
                return;
            const sni = this.cut(this.tls.text(0));
            if (sni === undefined || sni === '')
                return;
            if (c.enableSensitiveData)
                this.sensitive('server_name', sni);
            if (c.enableDestinations)
                this.destination('server_name', sni, this.matcher.matchName(sni));
        }
        else {
            const path = view.schemaOf(i)?.path;
            if (path === 'payload') {
                this.payloadRecord(view, i);
                return;
            }
            const reader = path === undefined ? undefined : this.generic.get(path);
            if (reader === undefined || !reader.read(view, i))
                return;
            const raw = this.cut(reader.text(0));
            if (raw === undefined || raw === '')
                return;
            const text = percentDecode(raw);
            if (c.enableSensitiveData)
                this.sensitive(reader.names[0], text);
            if (c.enableCommands)
                this.command(reader.names[0], text);
        }
    }
    /** A payload.log record: a masked sensitive value or a command line seen in a payload. */
    payloadRecord(view, i) {
        const r = this.payload;
        if (!r.read(view, i))
            return;
        const pattern = r.text(1);
        const raw = this.cut(r.text(2));
        if (pattern === undefined || raw === undefined || raw === '')
            return;
        const dir = r.bool(0) === false ? 'resp' : 'orig';
        const c = this.c;
        let g;
        let value;
        if (SENSITIVE_KIND_SET.has(pattern)) {
            if (!c.enableSensitiveData)
                return;
            if (pattern === 'base64-blob' || pattern === 'hex-blob') {
                const length = r.number(3);
                if (!c.enableBlobs || !(length >= c.minBlobLength))
                    return;
            }
            g = this.group(DETECTOR.sensitive, this.dst(), pattern, '');
            value = mask(raw);
        }
        else if (Object.hasOwn(COMMAND_FAMILY, pattern)) {
            if (!c.enableCommands)
                return;
            g = this.group(DETECTOR.command, this.dst(), pattern, '');
            value = maskSensitive(raw);
        }
        else
            return;
        this.add(g, 'payload', value);
        addDistinct(g.dirs, dir);
    }
    /** The field cut to `maxFieldLength` (counted). */
    cut(text) {
        if (text === undefined || text.length <= this.c.maxFieldLength)
            return text;
        this.evicted.maxFieldLength++;
        return text.slice(0, this.c.maxFieldLength);
    }
    sensitive(field, text, host) {
        for (const m of findSensitive(text, this.sensitiveRules)) {
            const g = this.group(DETECTOR.sensitive, this.dst(), m.kind, '');
            this.add(g, field, m.masked);
            if (host !== undefined && host !== '')
                addDistinct(g.dsts, host);
        }
    }
    command(field, text, host) {
        for (const m of findCommands(text)) {
            const g = this.group(DETECTOR.command, this.dst(), m.kind, '');
            this.add(g, field, m.snippet);
            if (host !== undefined && host !== '')
                addDistinct(g.dsts, host);
        }
    }
    destination(field, name, entry) {
        if (entry === undefined)
            return;
        const g = this.group(DETECTOR.destination, '', entry.entry, entry.category);
        this.add(g, field, name.toLowerCase());
        addDistinct(g.dsts, this.dst());
    }
    add(g, field, value) {
        g.count++;
        if (this.ts < g.firstTs)
            g.firstTs = this.ts;
        if (this.ts > g.lastTs)
            g.lastTs = this.ts;
        addDistinct(g.fields, field);
        addDistinct(g.values, value);
        if (g.samples.length < this.c.sampleSize)
            g.samples.push({ field, value, uid: this.uid() });
    }
    group(detector, dst, label, category) {
        const src = this.src();
        const window = Math.floor(this.ts / this.c.windowSeconds);
        const key = `${detector}|${src}|${dst}|${label}|${window}`;
        let g = this.groups.get(key);
        if (g === undefined) {
            if (this.groups.size >= this.c.maxGroups)
                this.evictOldest();
            g = {
                detector,
                src,
                dst,
                label,
                category,
                window,
                count: 0,
                firstTs: this.ts,
                lastTs: this.ts,
                fields: [],
                values: [],
                dsts: [],
                samples: [],
                dirs: [],
            };
            this.groups.set(key, g);
        }
        return g;
    }
    src() {
        if (this.srcText === undefined)
            this.srcText = this.address(0);
        return this.srcText;
    }
    dst() {
        if (this.dstText === undefined) {
            this.dstText = (this.view.flags[this.row] & Flag.RespSet) === 0 ? '-' : this.address(4);
        }
        return this.dstText;
    }
    uid() {
        if (this.uidText === undefined)
            this.uidText = this.view.str(this.row, Str.Uid);
        return this.uidText;
    }
    address(first) {
        const v = this.view;
        const n = v.count;
        const a = v.addr;
        const i = this.row;
        return formatAddress(Uint32Array.of(a[first * n + i], a[(first + 1) * n + i], a[(first + 2) * n + i], a[(first + 3) * n + i]));
    }
    evictOldest() {
        const first = this.groups.entries().next();
        if (first.done === true)
            return;
        this.groups.delete(first.value[0]);
        this.evicted.maxGroups++;
        this.report(first.value[1]);
    }
    report(g) {
        const c = this.c;
        const windowStart = g.window * c.windowSeconds;
        const directions = g.dirs.length > 0 ? { directions: [...g.dirs] } : {};
        const common = {
            count: g.count,
            windowStart,
            windowSeconds: c.windowSeconds,
            fields: [...g.fields],
            samples: g.samples.map((s) => ({ ...s })),
        };
        if (g.detector === DETECTOR.sensitive) {
            const kind = g.label;
            const [severity, confidence] = SENSITIVE_SEVERITY[kind];
            const hosts = g.dsts.length > 0 ? { hosts: [...g.dsts] } : {};
            const plural = g.count === 1 ? '' : 's';
            const where = g.dsts.length > 0 ? ` (${g.dsts[0]})` : '';
            this.findings.push(makeFinding({
                detector: g.detector,
                attack: isCredentialKind(kind) ? 'T1552' : 'T1048',
                severity,
                confidence,
                firstTs: g.firstTs,
                lastTs: g.lastTs,
                entities: { src: g.src, dst: g.dst },
                evidence: {
                    kind,
                    ...common,
                    distinctValues: g.values.length,
                    values: g.values.slice(0, c.sampleSize),
                    ...hosts,
                    ...directions,
                },
                summary: g.dirs.length === 1 && g.dirs[0] === 'resp'
                    ? `${g.src} received ${g.count} ${kind} value${plural} in clear text from ${g.dst}${where} ` +
                        `in ${g.fields.join(', ')} (e.g. ${g.values[0]})`
                    : `${g.src} sent ${g.count} ${kind} value${plural} in clear text to ${g.dst}${where} ` +
                        `in ${g.fields.join(', ')} (e.g. ${g.values[0]})`,
            }));
            return;
        }
        if (g.detector === DETECTOR.command) {
            const hosts = g.dsts.length > 0 ? { hosts: [...g.dsts] } : {};
            const kind = g.label;
            const family = COMMAND_FAMILY[kind] ?? 'reverse-shell';
            const received = g.dirs.length === 1 && g.dirs[0] === 'resp';
            this.findings.push(makeFinding({
                detector: g.detector,
                attack: COMMAND_ATTACK[family],
                severity: 'high',
                confidence: 0.8,
                firstTs: g.firstTs,
                lastTs: g.lastTs,
                entities: { src: g.src, dst: g.dst },
                evidence: {
                    kind,
                    family,
                    ...common,
                    commands: g.values.slice(0, c.sampleSize),
                    ...hosts,
                    ...directions,
                },
                summary: received
                    ? `${g.src} received a ${g.label} command line (${family}) from ${g.dst} in ${g.fields.join(', ')}: ${g.values[0]}`
                    : `${g.src} sent a ${g.label} command line (${family}) to ${g.dst} in ${g.fields.join(', ')}: ${g.values[0]}`,
            }));
            return;
        }
        const [severity, confidence] = CATEGORY_SEVERITY[g.category] ?? ['medium', 0.6];
        this.findings.push(makeFinding({
            detector: g.detector,
            attack: CATEGORY_ATTACK[g.category] ?? 'T1102',
            severity,
            confidence,
            firstTs: g.firstTs,
            lastTs: g.lastTs,
            entities: { src: g.src, dst: [...g.dsts], entry: g.label },
            evidence: {
                entry: g.label,
                category: g.category,
                ...common,
                names: g.values.slice(0, c.sampleSize),
                distinctNames: g.values.length,
            },
            summary: `${g.src} contacted ${g.values[0]} (${g.category}: ${g.label}) ${g.count} time${g.count === 1 ? '' : 's'} via ${g.fields.join(', ')}`,
        }));
    }
    finish() {
        for (const g of this.groups.values())
            this.report(g);
        this.groups.clear();
        const findings = [...this.findings].sort(compareFindings);
        return { findings, partial: undefined, evictions: { ...this.evicted } };
    }
    snapshot() {
        return {
            version: SNAPSHOT_VERSION,
            vshard: this.vshard,
            evictions: { ...this.evicted },
            findings: [...this.findings],
            groups: [...this.groups.values()].map(copyGroup),
        };
    }
    static restore(vshard, config, snapshot) {
        const full = checkSnapshot('content', snapshot, SNAPSHOT_VERSION, vshard);
        const shard = new ContentShard(vshard, config);
        for (const name of CONTENT_EVICTION_NAMES)
            shard.evicted[name] = full.evictions[name] ?? 0;
        for (const f of full.findings)
            shard.findings.push(f);
        for (const g of full.groups) {
            shard.groups.set(`${g.detector}|${g.src}|${g.dst}|${g.label}|${g.window}`, copyGroup(g));
        }
        return shard;
    }
}
function copyGroup(g) {
    return {
        ...g,
        fields: [...g.fields],
        values: [...g.values],
        dsts: [...g.dsts],
        samples: g.samples.map((s) => ({ ...s })),
        // A snapshot of an earlier version has no directions.
        dirs: [...(g.dirs ?? [])],
    };
}
export const contentAnalyzer = {
    name: 'content',
    create(vshard, config) {
        return new ContentShard(vshard, config);
    },
    restore(vshard, config, snapshot) {
        return ContentShard.restore(vshard, config, snapshot);
    },
    // No cross-shard aggregate: every source's records meet in its own virtual shard.
    merge(parts) {
        return parts.find((p) => p !== undefined);
    },
};
//# sourceMappingURL=content.js.map