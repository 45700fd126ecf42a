/**
 * Protocol deviations: traffic that does not look like what it claims to be, from conn.log
 * metadata, http.log, ssl.log and weird.log fields and, when the source is a capture, the
 * payload statistics of its conn rows. Encrypted traffic is judged by its metadata only — ports,
 * handshake fields, certificate validation, and the entropy and printable share of a
 * direction's first 256 payload bytes (statistics of the bytes, never their content).
 *
 * - `protocol.port-mismatch` (ATT&CK T1571 Non-Standard Port): the conn `service` (Zeek's
 *   content-detected analyzers; for captures netscry's own detection) against the responder
 *   port, both ways. Port-centric: a port of the `PORT_SERVICES` table (22, 53, 80, 443, …)
 *   carrying an identified service it is not known for (HTTP or SSH on 443, TLS on 80, HTTP on
 *   53). Service-centric: a service of the `SERVICE_PORTS` table (ssh, dns, rdp, smb, ftp, smtp,
 *   socks, irc, telnet) on a port outside its list (DNS not on 53/137/5353/5355, SSH not on
 *   22/2222). HTTP and TLS on other ports are not flagged service-centrically (alternate web
 *   ports are everyday traffic). An empty or unknown (`-`) service is no evidence; services
 *   prefixed with `-` (analyzers removed after a violation) are ignored. Aggregated per (server
 *   address, port, proto, service, window) across every shard (`conclude`).
 * - `protocol.tcp-probe` (T1046): stealth probes as far as Zeek's `history` shows them, per
 *   (source, window) — see `classifyProbe` for the exact patterns. Plain SYN scans are the scan
 *   detector's and are not flagged here.
 * - `protocol.rst-storm` (T1499 Endpoint Denial of Service): many RST-terminated connections
 *   from one originator (with a minimum share of its connections) or to one responder (from a
 *   minimum of distinct originators) within `rstWindowSeconds`, by connection end time.
 * - `protocol.http` (T1071.001 Web Protocols): per (local client, window): HTTP/1.1 without a
 *   Host header, methods outside the standard (and, unless disabled, WebDAV) set, empty, very
 *   short or scripting-tool User-Agents (a configurable list of substrings), and User-Agents
 *   used by at most `rareMaxHosts` internal hosts of a population of at least
 *   `rareMinPopulation` (cross-shard prevalence in `conclude`).
 * - `protocol.tls` (T1573 Encrypted Channel): per (local client, window): no SNI to an external
 *   server, self-signed / expired / not-yet-valid certificates of external servers
 *   (`validation_status`, set when Zeek's validate-certs policy runs), old versions (SSLv2,
 *   SSLv3, TLSv10, TLSv11) to external servers, and JA3 / JA4 fingerprints (when ssl.log has the
 *   fields) rare in the host population.
 * - `protocol.http-smuggling` (T1190 Exploit Public-Facing Application): HTTP messages whose
 *   body length two hops can read differently — Content-Length beside chunked, a coding list
 *   not ending in one chunked, differing Content-Lengths, a folded or space-padded framing
 *   header — from weird records (Zeek's weird.log; for captures the events netscry's HTTP
 *   parser reports on the connection), per (client, server, port, window). Any client.
 * - `protocol.encrypted-on-plaintext-port` (T1573) and `protocol.plaintext-on-encrypted-port`
 *   (T1571), captures only (conn-stats.ts; rows without statistics are skipped): every
 *   direction with a sample of at least `payloadMinSampleBytes` looks random (entropy within
 *   `randomEntropyMargin` of what random bytes give over that many bytes) on a plaintext
 *   service or, without an identified service, a plaintext port (`PLAINTEXT_PORTS`); or every
 *   direction with at least `textMinSampleBytes` is mostly printable (`textMinPrintable`) on a
 *   port that should carry encryption (`ENCRYPTED_PORTS`) without an encrypted service (ssl,
 *   ssh, quic, dtls). A connection the port-mismatch rule already flags (an identified service
 *   on a port not its own) is left to it; TCP needs the originator's SYN in its history (a
 *   capture that starts mid-stream samples some middle of it). Aggregated per (server, port,
 *   proto, kind, window) across shards like port mismatches.
 *
 * Every record is counted once: conn-, http-, ssl- and weird-based aggregates on the primary
 * delivery, probe counts on the originator-keyed delivery. Findings are aggregates, never one
 * per record. The port, http and tls aggregates and the prevalence tables are the partial:
 * merged n-ary (sums, minima, maxima, bounded sorted unions — order-independent and
 * associative) and turned into findings by `conclude` on the coordinator. Probes, smuggling pairs and RST storms are
 * decided per virtual shard (a source's originator deliveries, and a connection's primary
 * ones, all meet in one). Event time only; every table is capped per virtual shard, new keys
 * beyond a cap are dropped and counted.
 */
import { ConnState, Counter, Flag, isOriginatorDelivery, isPrimaryDelivery, PROTO_NAMES, Proto, RecordKind, Str, } from '../shared/record.js';
import { checkSnapshot } from './analyzer.js';
import { ConnStatsReader, looksRandom, mayCarryStats, SAMPLE_BYTES, } from './conn-stats.js';
import { FieldReader } from './fields.js';
import { addSmallest, compareFindings, makeFinding, round } from './finding.js';
import { checkOptions, optionError } from './options.js';
export const DEFAULT_SCRIPTING_USER_AGENTS = Object.freeze([
    'curl/',
    'wget/',
    'python-requests',
    'python-urllib',
    'python-httpx',
    'aiohttp',
    'go-http-client',
    'powershell',
    'libwww-perl',
    'lwp::simple',
    'java/',
    'ruby',
    'php/',
    'nim httpclient',
    'certutil',
    'bitsadmin',
    'httpie',
    'axios/',
    'node-fetch',
    'masscan',
    'zgrab',
    'nmap',
    'nikto',
    'sqlmap',
]);
export const DEFAULT_PROTOCOL_CONFIG = Object.freeze({
    windowSeconds: 86_400,
    enablePortMismatch: true,
    enableTcpProbe: true,
    enableRstStorm: true,
    enableHttp: true,
    enableTls: true,
    enableHttpSmuggling: true,
    smugglingMinWeakSignals: 3,
    enablePayload: true,
    payloadMinSampleBytes: 128,
    randomEntropyMargin: 0.5,
    textMinSampleBytes: 64,
    textMinPrintable: 0.95,
    sshTextMinPrintable: 0.995,
    payloadMinConnections: 1,
    portMinConnections: 1,
    probeMinConnections: 3,
    finProbeMinTargets: 10,
    synPayloadMinBytes: 1,
    rstWindowSeconds: 300,
    rstMinConnections: 100,
    rstMinShare: 0.5,
    rstMinPeers: 5,
    latenessSeconds: 120,
    internalClientsOnly: true,
    minUserAgentLength: 8,
    allowWebDavMethods: true,
    scriptingUserAgents: DEFAULT_SCRIPTING_USER_AGENTS,
    rareMaxHosts: 1,
    rareMinPopulation: 20,
    tlsInternalServers: false,
    maxPortKeys: 4_096,
    maxSources: 4_096,
    maxValues: 4_096,
    maxProbeKeys: 4_096,
    maxRstKeys: 8_192,
    maxSmugglingKeys: 4_096,
    sampleSize: 10,
});
const RULES = {
    windowSeconds: { type: 'integer', min: 60, max: 366 * 86_400 },
    enablePortMismatch: { type: 'boolean' },
    enableTcpProbe: { type: 'boolean' },
    enableRstStorm: { type: 'boolean' },
    enableHttp: { type: 'boolean' },
    enableTls: { type: 'boolean' },
    enableHttpSmuggling: { type: 'boolean' },
    smugglingMinWeakSignals: { type: 'integer', min: 1, max: 1 << 20 },
    enablePayload: { type: 'boolean' },
    payloadMinSampleBytes: { type: 'integer', min: 16, max: SAMPLE_BYTES },
    randomEntropyMargin: { type: 'number', min: 0, max: 8 },
    textMinSampleBytes: { type: 'integer', min: 1, max: SAMPLE_BYTES },
    textMinPrintable: { type: 'number', min: 0, max: 1 },
    sshTextMinPrintable: { type: 'number', min: 0, max: 1 },
    payloadMinConnections: { type: 'integer', min: 1, max: 1 << 30 },
    portMinConnections: { type: 'integer', min: 1, max: 1 << 30 },
    probeMinConnections: { type: 'integer', min: 1, max: 1 << 30 },
    finProbeMinTargets: { type: 'integer', min: 1, max: 1 << 16 },
    synPayloadMinBytes: { type: 'integer', min: 1, max: 65_535 },
    rstWindowSeconds: { type: 'integer', min: 1, max: 86_400 },
    rstMinConnections: { type: 'integer', min: 2, max: 1 << 30 },
    rstMinShare: { type: 'number', min: 0, max: 1 },
    rstMinPeers: { type: 'integer', min: 1, max: 1 << 16 },
    latenessSeconds: { type: 'number', min: 0, max: 86_400 },
    internalClientsOnly: { type: 'boolean' },
    minUserAgentLength: { type: 'integer', min: 0, max: 1_000 },
    allowWebDavMethods: { type: 'boolean' },
    rareMaxHosts: { type: 'integer', min: 1, max: 1_000 },
    rareMinPopulation: { type: 'integer', min: 2, max: 1 << 24 },
    tlsInternalServers: { type: 'boolean' },
    maxPortKeys: { type: 'integer', min: 1, max: 1 << 24 },
    maxSources: { type: 'integer', min: 1, max: 1 << 24 },
    maxValues: { type: 'integer', min: 1, max: 1 << 24 },
    maxProbeKeys: { type: 'integer', min: 1, max: 1 << 24 },
    maxRstKeys: { type: 'integer', min: 1, max: 1 << 24 },
    maxSmugglingKeys: { type: 'integer', min: 1, max: 1 << 24 },
    sampleSize: { type: 'integer', min: 1, max: 1_000 },
};
/** Fills defaults and checks every key once, at the edge; throws InvalidOption naming the key. */
export function validateProtocolConfig(partial = {}) {
    if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
        throw optionError('protocol', '(config)', 'must be an object', partial);
    }
    const { scriptingUserAgents, ...rest } = partial;
    const { scriptingUserAgents: _default, ...defaults } = DEFAULT_PROTOCOL_CONFIG;
    const c = checkOptions('protocol', RULES, defaults, rest);
    let agents = DEFAULT_PROTOCOL_CONFIG.scriptingUserAgents;
    if (scriptingUserAgents !== undefined) {
        if (!Array.isArray(scriptingUserAgents) ||
            scriptingUserAgents.some((s) => typeof s !== 'string' || s.trim() === '')) {
            throw optionError('protocol', 'scriptingUserAgents', 'must be a list of non-empty strings', scriptingUserAgents);
        }
        agents = Object.freeze([
            ...new Set(scriptingUserAgents.map((s) => s.trim().toLowerCase())),
        ]);
    }
    return Object.freeze({ ...c, scriptingUserAgents: agents });
}
// ─── port and service tables ────────────────────────────────────────────────────────────────
const AUTH = ['gssapi', 'krb', 'krb_tcp', 'ntlm'];
/** Well-known ports and the services that belong on them (any transport). */
export const PORT_SERVICES = new Map([
    [21, ['ftp', 'ssl']],
    [22, ['ssh']],
    [25, ['smtp', 'ssl']],
    [53, ['dns']],
    [67, ['dhcp']],
    [68, ['dhcp']],
    [80, ['http', 'websocket']],
    [88, ['krb', 'krb_tcp']],
    [110, ['pop3', 'ssl']],
    [123, ['ntp']],
    [143, ['imap', 'ssl']],
    [389, ['ldap', 'ldap_tcp', 'ldap_udp', 'cldap', ...AUTH]],
    [443, ['ssl', 'quic', 'dtls']],
    [445, ['smb', 'dce_rpc', ...AUTH]],
    [465, ['smtp', 'ssl']],
    [587, ['smtp', 'ssl']],
    [636, ['ssl', 'ldap', 'ldap_tcp']],
    [853, ['ssl', 'dns']],
    [993, ['imap', 'ssl']],
    [995, ['pop3', 'ssl']],
    [3389, ['rdp', 'rdpeudp', 'ssl', ...AUTH]],
].map(([port, services]) => [port, new Set(services)]));
/** Services that are suspicious anywhere but on their own ports. */
export const SERVICE_PORTS = new Map([
    ['ssh', [22, 2222]],
    ['dns', [53, 137, 5353, 5355]],
    ['rdp', [3389]],
    ['smb', [139, 445]],
    ['ftp', [21, 2121]],
    ['smtp', [25, 465, 587, 2525]],
    ['socks', [1080]],
    ['irc', [6660, 6661, 6662, 6663, 6664, 6665, 6666, 6667, 6668, 6669, 6697, 7000]],
    ['telnet', [23]],
].map(([service, ports]) => [service, new Set(ports)]));
/**
 * The port-mismatch verdict for a conn `service` list on responder port `port`, or undefined
 * when nothing deviates (or there is no evidence: empty, `-`, or only removed analyzers).
 */
export function portVerdict(serviceField, port) {
    const services = [];
    for (const raw of serviceField.toLowerCase().split(',')) {
        const s = raw.trim();
        if (s !== '' && s !== '-' && !s.startsWith('-'))
            services.push(s);
    }
    if (services.length === 0)
        return undefined;
    const allowed = PORT_SERVICES.get(port);
    if (allowed !== undefined) {
        if (services.some((s) => allowed.has(s)))
            return undefined;
        return { service: services.join(','), reason: 'port', expected: [...allowed].sort() };
    }
    for (const s of services) {
        const ports = SERVICE_PORTS.get(s);
        if (ports !== undefined && !ports.has(port)) {
            return { service: s, reason: 'service', expected: [...ports].map(String) };
        }
    }
    return undefined;
}
// ─── payload statistics ─────────────────────────────────────────────────────────────────────
/** Services whose first bytes are text (a plaintext protocol, or its clear-text start). */
export const PLAINTEXT_SERVICES = new Set([
    'http',
    'ftp',
    'smtp',
    'pop3',
    'imap',
    'telnet',
    'irc',
    'websocket',
    'sip',
    'nntp',
]);
/**
 * Ports whose traffic starts in clear text when no service was identified: TCP ftp, telnet,
 * smtp, http, pop3, nntp, imap, submission, irc, http-alt; TCP and UDP 53 (non-DNS traffic
 * there — a VPN on the port firewalls leave open — is not parsed as DNS, so no service).
 */
export const PLAINTEXT_PORTS = new Set([
    21, 23, 25, 53, 80, 110, 119, 143, 587, 6667, 8080,
]);
/** Ports that should carry encryption (TLS, SSH, DTLS, QUIC) from the first byte. */
export const ENCRYPTED_PORTS = new Set([
    22, 443, 465, 563, 636, 853, 989, 990, 992, 993, 995, 5061, 8443,
]);
/** Services that mean the payload is (or turns) encrypted. */
export const ENCRYPTED_SERVICES = new Set([
    'ssl',
    'ssh',
    'quic',
    'dtls',
    'rdp',
    'rdpeudp',
]);
export const PayloadKind = { None: 0, Random: 1, Text: 2 };
export const PAYLOAD_DETECTORS = [
    '',
    'protocol.encrypted-on-plaintext-port',
    'protocol.plaintext-on-encrypted-port',
];
/**
 * What a connection's payload statistics are judged against, from its conn `service` field and
 * responder port: `Random` (a plaintext service, or no service on a plaintext port: random
 * payload deviates), `Text` (an encrypted port without an encrypted service: text deviates) or
 * `None` — also when `portVerdict` already flags the service on that port, and for DNS (its
 * binary records carry keys and signatures that look random; DNS tunnels are dns.ts's).
 */
export function payloadClass(serviceField, port) {
    const services = [];
    for (const raw of serviceField.toLowerCase().split(',')) {
        const s = raw.trim();
        if (s !== '' && s !== '-' && !s.startsWith('-'))
            services.push(s);
    }
    if (services.some((s) => ENCRYPTED_SERVICES.has(s)))
        return PayloadKind.None;
    if (services.length > 0 && portVerdict(serviceField, port) !== undefined)
        return PayloadKind.None;
    if (ENCRYPTED_PORTS.has(port))
        return PayloadKind.Text;
    if (services.length === 0)
        return PLAINTEXT_PORTS.has(port) ? PayloadKind.Random : PayloadKind.None;
    return services.every((s) => PLAINTEXT_SERVICES.has(s)) ? PayloadKind.Random : PayloadKind.None;
}
// ─── TCP history ────────────────────────────────────────────────────────────────────────────
export const Probe = { None: 0, Null: 1, MultiFlag: 2, SynPayload: 3, Fin: 4 };
export const PROBE_NAMES = ['none', 'null', 'syn-fin-rst', 'syn-payload', 'fin'];
/** Bits of the letters that matter here, per side. */
const L = { S: 1, H: 2, A: 4, D: 8, F: 16, R: 32, Q: 64, I: 128 };
const LETTER_BIT = new Uint8Array(128);
for (const [ch, bit] of Object.entries(L)) {
    LETTER_BIT[ch.charCodeAt(0)] = bit;
    LETTER_BIT[ch.toLowerCase().charCodeAt(0)] = bit;
}
const CARET = 0x5e;
/**
 * Classifies one TCP connection's history (Zeek letters: upper case = originator, lower case =
 * responder; S SYN, H SYN+ACK, A pure ACK, D payload, F FIN, R RST, Q SYN+FIN or SYN+RST in one
 * packet, I FIN+RST in one packet; C bad checksum, G content gap, T retransmission, W zero
 * window, which are ignored here; `^` the roles were flipped, which makes it unclassified).
 * Zeek records a letter per direction on its first occurrence (S, F, R again for a new sequence
 * number), and a packet with none of SYN, FIN, RST, ACK and no payload — a null probe — leaves
 * no letter at all. FIN, Xmas (FIN+PSH+URG) and Maimon (FIN+ACK) probes all record `F`.
 *
 * - `null`: the originator sent ≥ 1 packet but no letter of its own, the responder at most a
 *   RST (`r`; a closed port's answer — an open port's silence leaves an empty history, which is
 *   not told apart from a missing one, so only answered null probes count).
 * - `syn-fin-rst`: the originator sent a SYN+FIN or SYN+RST packet (`Q`).
 * - `syn-payload`: the originator sent only SYNs, the responder at most SYN+ACK / RST, and the
 *   IP bytes per originator packet exceed the IP header plus the largest TCP header (60 bytes)
 *   by `synPayloadMinBytes` (Zeek logs no `D` for payload on a SYN). TCP Fast Open completes its
 *   handshake and is never classified.
 * - `fin`: the originator sent FIN-flagged packets only (`F`, no SYN, ACK, payload or RST), the
 *   responder at most a RST: FIN, Xmas and Maimon probes. A FIN arriving after Zeek dropped an
 *   idle connection looks alike, hence a distinct-target threshold for this pattern.
 */
export function classifyProbe(history, origPkts, origIpBytes, v6, synPayloadMinBytes, from = 0, to = history.length) {
    let orig = 0;
    let resp = 0;
    for (let k = from; k < to; k++) {
        const c = history[k];
        if (c === CARET)
            return Probe.None;
        const bit = c < 128 ? LETTER_BIT[c] : 0;
        if (bit === 0)
            continue;
        if (c >= 0x61)
            resp |= bit;
        else
            orig |= bit;
    }
    if ((orig & L.Q) !== 0)
        return Probe.MultiFlag;
    if ((resp & ~L.R) === 0 && orig === 0 && to > from && origPkts >= 1)
        return Probe.Null;
    if (orig === L.F && (resp & ~L.R) === 0)
        return Probe.Fin;
    if (orig === L.S && (resp & ~(L.H | L.R)) === 0 && origPkts >= 1 && Number.isFinite(origIpBytes)) {
        const payload = origIpBytes / origPkts - (v6 ? 40 : 20) - 60;
        if (payload >= synPayloadMinBytes)
            return Probe.SynPayload;
    }
    return Probe.None;
}
const RST_STATES = new Set([ConnState.RSTO, ConnState.RSTR, ConnState.RSTOS0, ConnState.RSTRH]);
/**
 * An RST-terminated connection for storm counting: reset (RSTO/RSTR/RSTOS0/RSTRH) after payload
 * in either direction (`D`/`d`), or a history of resets only (`R`/`r` with nothing else: a reset
 * without a connection). Handshake-only resets (`ShR`, `ShAR`: half-open and connect() probes)
 * are scans and are left to the scan detector.
 */
export function isRstTerminated(state, history, from = 0, to = history.length) {
    let all = 0;
    for (let k = from; k < to; k++) {
        const c = history[k];
        all |= c < 128 ? LETTER_BIT[c] : 0;
    }
    if (all === L.R)
        return true;
    return RST_STATES.has(state) && (all & L.D) !== 0;
}
/** Whether a TCP history shows the originator's SYN and no role flip (the sample starts at the
 * stream's start, not somewhere in its middle). */
export function sawOriginatorSyn(history, from = 0, to = history.length) {
    let syn = false;
    for (let k = from; k < to; k++) {
        const c = history[k];
        if (c === CARET)
            return false;
        if (c === 0x53)
            syn = true;
    }
    return syn;
}
// ─── aggregates (the partial) ───────────────────────────────────────────────────────────────
/** Sorted union of two sorted, duplicate-free lists, cut to the `n` smallest. */
function unionSmallest(a, b, n) {
    const out = [];
    let i = 0;
    let j = 0;
    while (out.length < n && (i < a.length || j < b.length)) {
        const x = a[i];
        const y = b[j];
        if (y === undefined || (x !== undefined && x < y)) {
            out.push(x);
            i++;
        }
        else if (x === undefined || y < x) {
            out.push(y);
            j++;
        }
        else {
            out.push(x);
            i++;
            j++;
        }
    }
    return out;
}
const PARTIAL_VERSION = 1;
const USES_PER_VALUE = 16;
const SOURCE_SAMPLES = 5;
function mergePort(into, p, n) {
    into.count += p.count;
    into.firstTs = Math.min(into.firstTs, p.firstTs);
    into.lastTs = Math.max(into.lastTs, p.lastTs);
    into.origBytes += p.origBytes;
    into.respBytes += p.respBytes;
    into.clients = unionSmallest(into.clients, p.clients, n);
    into.uids = unionSmallest(into.uids, p.uids, n);
}
function mergePayload(into, p, n) {
    into.count += p.count;
    into.firstTs = Math.min(into.firstTs, p.firstTs);
    into.lastTs = Math.max(into.lastTs, p.lastTs);
    into.directions += p.directions;
    into.sampledBytes += p.sampledBytes;
    into.entropyMin = Math.min(into.entropyMin, p.entropyMin);
    into.entropyMax = Math.max(into.entropyMax, p.entropyMax);
    into.printableMin = Math.min(into.printableMin, p.printableMin);
    into.printableMax = Math.max(into.printableMax, p.printableMax);
    into.services = unionSmallest(into.services, p.services, SOURCE_SAMPLES);
    into.clients = unionSmallest(into.clients, p.clients, n);
    into.uids = unionSmallest(into.uids, p.uids, n);
}
function mergeSource(into, s, n) {
    into.firstTs = Math.min(into.firstTs, s.firstTs);
    into.lastTs = Math.max(into.lastTs, s.lastTs);
    for (const [r, c] of Object.entries(s.reasons))
        into.reasons[r] = (into.reasons[r] ?? 0) + c;
    into.values = unionSmallest(into.values, s.values, 2 * SOURCE_SAMPLES);
    into.servers = unionSmallest(into.servers, s.servers, SOURCE_SAMPLES);
    into.uids = unionSmallest(into.uids, s.uids, n);
}
function mergeUse(into, u, n) {
    into.count += u.count;
    into.firstTs = Math.min(into.firstTs, u.firstTs);
    into.lastTs = Math.max(into.lastTs, u.lastTs);
    into.servers = unionSmallest(into.servers, u.servers, SOURCE_SAMPLES);
    into.uids = unionSmallest(into.uids, u.uids, n);
}
const useKey = (u) => `${u.addr}|${String(u.bucket).padStart(12, '0')}`;
/**
 * A value's hosts and uses merged; `limit` is rareMaxHosts + 1 (a value with more hosts is
 * saturated and keeps no details). Uses are kept for the USES_PER_VALUE smallest keys.
 */
function mergeValue(into, v, limit, n) {
    if (into.saturated || v.saturated) {
        into.saturated = true;
        into.hosts = [];
        into.uses = [];
        return;
    }
    const hosts = unionSmallest(into.hosts, v.hosts, limit + 1);
    if (hosts.length > limit) {
        into.saturated = true;
        into.hosts = [];
        into.uses = [];
        return;
    }
    into.hosts = hosts;
    const byKey = new Map();
    for (const u of into.uses)
        byKey.set(useKey(u), u);
    for (const u of v.uses) {
        const k = useKey(u);
        const have = byKey.get(k);
        if (have === undefined)
            byKey.set(k, cloneUse(u));
        else
            mergeUse(have, u, n);
    }
    into.uses = [...byKey.keys()]
        .sort()
        .slice(0, USES_PER_VALUE)
        .map((k) => byKey.get(k));
}
const cloneSmuggling = (a) => ({
    ...a,
    signals: { ...a.signals },
    details: [...a.details],
    uids: [...a.uids],
});
const clonePort = (p) => ({
    ...p,
    expected: [...p.expected],
    clients: [...p.clients],
    uids: [...p.uids],
});
const clonePayload = (p) => ({
    ...p,
    services: [...p.services],
    clients: [...p.clients],
    uids: [...p.uids],
});
const cloneSource = (s) => ({
    ...s,
    reasons: { ...s.reasons },
    values: [...s.values],
    servers: [...s.servers],
    uids: [...s.uids],
});
const cloneUse = (u) => ({ ...u, servers: [...u.servers], uids: [...u.uids] });
const cloneValue = (v) => ({
    ...v,
    hosts: [...v.hosts],
    uses: v.uses.map(cloneUse),
});
/**
 * Merges partials (any order, any grouping). Bounds come from the partials' own sizes, which
 * all follow one config: `limit` (rareMaxHosts + 1) is carried in each partial.
 */
export function mergeProtocolPartials(parts) {
    const list = parts.filter((p) => p !== undefined && p !== null && p.version === PARTIAL_VERSION);
    if (list.length === 0)
        return undefined;
    const limit = Math.max(...list.map((p) => p.limit));
    const n = Math.max(...list.map((p) => p.sample));
    const ports = new Map();
    const payloads = new Map();
    const sources = new Map();
    const values = new Map();
    const population = { ua: 0, ja3: 0, ja4: 0 };
    for (const part of list) {
        for (const p of part.ports) {
            const have = ports.get(p.key);
            if (have === undefined)
                ports.set(p.key, clonePort(p));
            else
                mergePort(have, p, n);
        }
        for (const p of part.payloads ?? []) {
            const have = payloads.get(p.key);
            if (have === undefined)
                payloads.set(p.key, clonePayload(p));
            else
                mergePayload(have, p, n);
        }
        for (const s of part.sources) {
            const k = `${s.kind}|${s.key}`;
            const have = sources.get(k);
            if (have === undefined)
                sources.set(k, cloneSource(s));
            else
                mergeSource(have, s, n);
        }
        for (const v of part.values) {
            const have = values.get(v.key);
            if (have === undefined)
                values.set(v.key, cloneValue(v));
            else
                mergeValue(have, v, limit, n);
        }
        population.ua += part.population.ua;
        population.ja3 += part.population.ja3;
        population.ja4 += part.population.ja4;
    }
    const sorted = (m) => [...m.keys()].sort().map((k) => m.get(k));
    return {
        version: PARTIAL_VERSION,
        limit,
        sample: n,
        ports: sorted(ports),
        payloads: sorted(payloads),
        sources: sorted(sources),
        values: sorted(values),
        population,
    };
}
// ─── findings from the merged partial ───────────────────────────────────────────────────────
const REASON_TEXT = {
    'missing-host': 'HTTP/1.1 without Host',
    'odd-method': 'unusual methods',
    'empty-user-agent': 'no User-Agent',
    'short-user-agent': 'very short User-Agents',
    'scripting-user-agent': 'scripting-tool User-Agents',
    'rare-user-agent': 'User-Agents rare among internal hosts',
    'no-sni': 'no SNI to external servers',
    'self-signed-cert': 'self-signed certificates',
    'expired-cert': 'expired or not yet valid certificates',
    'old-version': 'old TLS/SSL versions',
    'rare-ja3': 'JA3 fingerprints rare among internal hosts',
    'rare-ja4': 'JA4 fingerprints rare among internal hosts',
};
/** Reasons that only describe the others (a Host that is an IP literal): never counted. */
const CONTEXT_REASONS = new Set(['ip-host']);
/** Reasons that are strong alone (medium); the rest are low unless two or more combine. */
const STRONG_REASONS = new Set(['scripting-user-agent', 'self-signed-cert', 'odd-method']);
function portFinding(p, c) {
    const sensitive = ['ssh', 'dns', 'rdp', 'smb', 'socks', 'irc', 'telnet'].some((s) => p.service.split(',').includes(s));
    const severity = sensitive || p.port === 443 || p.port === 53 ? 'medium' : 'low';
    const what = p.reason === 'port'
        ? `port ${p.port} expects ${p.expected.join('/')}`
        : `${p.service} expects port ${p.expected.join('/')}`;
    return makeFinding({
        detector: 'protocol.port-mismatch',
        attack: 'T1571',
        severity,
        confidence: round(Math.min(0.95, 0.6 + 0.05 * Math.min(6, p.count)), 2),
        firstTs: p.firstTs,
        lastTs: p.lastTs,
        entities: { src: p.clients, dst: p.server, port: String(p.port), proto: p.proto, service: p.service },
        evidence: {
            connections: p.count,
            minConnections: c.portMinConnections,
            reason: p.reason,
            expected: p.expected,
            origBytes: p.origBytes,
            respBytes: p.respBytes,
            sampleClients: p.clients,
            sampleUids: p.uids,
        },
        summary: `${p.service} to ${p.server}:${p.port}/${p.proto} (${what}): ${p.count} connection(s) from ${p.clients.join(', ')}`,
    });
}
function payloadFinding(p, c) {
    const random = p.kind === 'random';
    const service = p.services.length > 0 ? p.services.join(',') : undefined;
    const severity = p.count >= 3 || p.clients.length >= 2 ? 'medium' : 'low';
    const figures = random
        ? `entropy ${round(p.entropyMin, 2)}–${round(p.entropyMax, 2)} bits/byte`
        : `${round(100 * p.printableMin, 1)}–${round(100 * p.printableMax, 1)} % printable`;
    return makeFinding({
        detector: random ? PAYLOAD_DETECTORS[PayloadKind.Random] : PAYLOAD_DETECTORS[PayloadKind.Text],
        attack: random ? 'T1573' : 'T1571',
        severity,
        confidence: round(Math.min(0.85, 0.5 + 0.05 * Math.min(7, p.count)), 2),
        firstTs: p.firstTs,
        lastTs: p.lastTs,
        entities: {
            src: p.clients,
            dst: p.server,
            port: String(p.port),
            proto: p.proto,
            ...(service === undefined ? {} : { service }),
        },
        evidence: {
            connections: p.count,
            minConnections: c.payloadMinConnections,
            directions: p.directions,
            sampledBytes: p.sampledBytes,
            ...(random
                ? {
                    entropyMin: round(p.entropyMin, 3),
                    entropyMax: round(p.entropyMax, 3),
                    minSampleBytes: c.payloadMinSampleBytes,
                    randomEntropyMargin: c.randomEntropyMargin,
                }
                : {
                    printableMin: round(p.printableMin, 3),
                    printableMax: round(p.printableMax, 3),
                    minSampleBytes: c.textMinSampleBytes,
                    minPrintable: p.port === 22 ? c.sshTextMinPrintable : c.textMinPrintable,
                }),
            windowSeconds: c.windowSeconds,
            sampleClients: p.clients,
            sampleUids: p.uids,
        },
        summary: random
            ? `random-looking payload (${figures}) to ${p.server}:${p.port}/${p.proto}, a ${service ?? 'plaintext port'} without encryption: ${p.count} connection(s) from ${p.clients.join(', ')}`
            : `mostly printable payload (${figures}) to ${p.server}:${p.port}/${p.proto}, a port that should carry encryption${service === undefined ? '' : ` (service ${service})`}: ${p.count} connection(s) from ${p.clients.join(', ')}`,
    });
}
function sourceFinding(kind, s, c) {
    const all = Object.keys(s.reasons).sort();
    const reasons = all.filter((r) => !CONTEXT_REASONS.has(r));
    const strong = reasons.some((r) => STRONG_REASONS.has(r));
    const severity = strong && reasons.length >= 2 ? 'high' : strong || reasons.length >= 2 ? 'medium' : 'low';
    const records = Object.values(s.reasons).reduce((a, b) => Math.max(a, b), 0);
    return makeFinding({
        detector: `protocol.${kind}`,
        attack: kind === 'http' ? 'T1071.001' : 'T1573',
        severity,
        confidence: round(Math.min(0.9, 0.45 + 0.15 * reasons.length), 2),
        firstTs: s.firstTs,
        lastTs: s.lastTs,
        entities: { src: s.src, dst: s.servers },
        evidence: {
            reasons: Object.fromEntries(all.map((r) => [r, s.reasons[r]])),
            sampleValues: s.values,
            sampleServers: s.servers,
            sampleUids: s.uids,
            windowSeconds: c.windowSeconds,
            ...(reasons.some((r) => r.startsWith('rare-'))
                ? { rareMaxHosts: c.rareMaxHosts, rareMinPopulation: c.rareMinPopulation }
                : {}),
        },
        summary: `${s.src} ${kind === 'http' ? 'HTTP' : 'TLS'} deviations: ${reasons
            .map((r) => `${REASON_TEXT[r] ?? r} (${s.reasons[r]})`)
            .join(', ')}; up to ${records} record(s)`,
    });
}
const RARE_REASON = {
    ua: { kind: 'http', reason: 'rare-user-agent' },
    ja3: { kind: 'tls', reason: 'rare-ja3' },
    ja4: { kind: 'tls', reason: 'rare-ja4' },
};
/** Findings of the merged partial: port mismatches, and http/tls deviations with rare values. */
export function concludeProtocol(merged, c) {
    const m = merged;
    if (m === undefined || m === null || m.version !== PARTIAL_VERSION)
        return [];
    const out = [];
    for (const p of m.ports)
        if (p.count >= c.portMinConnections)
            out.push(portFinding(p, c));
    for (const p of m.payloads ?? [])
        if (p.count >= c.payloadMinConnections)
            out.push(payloadFinding(p, c));
    const sources = new Map();
    for (const s of m.sources)
        sources.set(`${s.kind}|${s.key}`, cloneSource(s));
    for (const v of m.values) {
        if (v.saturated || v.hosts.length === 0 || v.hosts.length > c.rareMaxHosts)
            continue;
        if (m.population[v.table] < c.rareMinPopulation)
            continue;
        const { kind, reason } = RARE_REASON[v.table];
        for (const u of v.uses) {
            const key = `${u.addr}|${u.bucket}`;
            let s = sources.get(`${kind}|${key}`);
            if (s === undefined) {
                s = {
                    kind,
                    key,
                    src: u.addr,
                    bucket: u.bucket,
                    firstTs: u.firstTs,
                    lastTs: u.lastTs,
                    reasons: {},
                    values: [],
                    servers: [],
                    uids: [],
                };
                sources.set(`${kind}|${key}`, s);
            }
            s.firstTs = Math.min(s.firstTs, u.firstTs);
            s.lastTs = Math.max(s.lastTs, u.lastTs);
            s.reasons[reason] = (s.reasons[reason] ?? 0) + u.count;
            s.values = unionSmallest(s.values, [`${reason}=${v.value}`], 2 * SOURCE_SAMPLES);
            s.servers = unionSmallest(s.servers, u.servers, SOURCE_SAMPLES);
            s.uids = unionSmallest(s.uids, u.uids, c.sampleSize);
        }
    }
    for (const s of sources.values()) {
        if (Object.keys(s.reasons).some((r) => !CONTEXT_REASONS.has(r)))
            out.push(sourceFinding(s.kind, s, c));
    }
    return out.sort(compareFindings);
}
// ─── per-shard state ────────────────────────────────────────────────────────────────────────
export const PROTOCOL_EVICTION_NAMES = [
    'maxPortKeys',
    'maxPayloadKeys',
    'maxSources',
    'maxValues',
    'maxProbeKeys',
    'maxRstKeys',
    'maxSmugglingKeys',
    'lateRecords',
];
/**
 * Weird names (Zeek's; netscry's HTTP parser reports the same for captures, plus its own marked
 * "ours" there) of HTTP message-framing faults: a message whose body length two hops can read
 * differently — the lever of request smuggling (RFC 9112 §6.3 and §11.2). A conforming client
 * never sends the strong ones; the weak one also comes from packet loss inside a chunked body
 * and counts only in numbers (`smugglingMinWeakSignals`).
 */
const SMUGGLING_STRONG = new Set([
    'HTTP_content_length_and_chunked',
    'HTTP_chunked_multi',
    'HTTP_multiple_content_length',
    'HTTP_bad_content_length',
    'HTTP_bad_transfer_encoding',
]);
/** Strong when the header they name (`addl`) frames the body; nothing otherwise. */
const SMUGGLING_BY_HEADER = new Set(['HTTP_obsolete_line_folding', 'HTTP_whitespace_before_colon']);
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding']);
/** Packet loss inside a chunked body gives a bad chunk size too. */
const SMUGGLING_WEAK = new Set(['HTTP_bad_chunk_size']);
const WEIRD_FIELDS = ['name', 'addl'];
const SNAPSHOT_VERSION = 1;
const BOTH = Flag.OrigSet | Flag.RespSet;
const OLD_VERSIONS = new Set(['sslv2', 'sslv3', 'tlsv10', 'tlsv11', 'tls1.0', 'tls1.1', 'sslv20', 'sslv30']);
const STANDARD_METHODS = new Set(['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT']);
const WEBDAV_METHODS = new Set([
    'PROPFIND',
    'PROPPATCH',
    'MKCOL',
    'COPY',
    'MOVE',
    'LOCK',
    'UNLOCK',
    'REPORT',
    'SEARCH',
    'MKCALENDAR',
    'SUBSCRIBE',
    'UNSUBSCRIBE',
    'NOTIFY',
    'RPC_IN_DATA',
    'RPC_OUT_DATA',
    'BPROPFIND',
    'BPROPPATCH',
    'POLL',
    'X-MS-ENUMATTS',
]);
const HTTP_FIELDS = ['method', 'host', 'user_agent', 'version'];
const TLS_FIELDS = ['server_name', 'version', 'validation_status', 'ja3', 'ja4', 'established'];
/** Values longer than this are cut in samples. */
const MAX_SAMPLE_CHARS = 120;
const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/;
function sample(value) {
    return value.length > MAX_SAMPLE_CHARS ? `${value.slice(0, MAX_SAMPLE_CHARS)}…` : value;
}
function latin1(bytes, from, to) {
    let s = '';
    for (let k = from; k < to; k++)
        s += String.fromCharCode(bytes[k]);
    return s;
}
/**
 * Answers per (service, responder port) — the port verdict, the payload class — cached without
 * decoding the service for every record: keyed by an FNV-1a hash of the service bytes and the
 * port, the service text kept beside the answer to confirm a hit (a collision is a miss). At
 * most `max` entries; past that, misses are computed and not kept.
 */
class ServicePortCache {
    compute;
    max;
    entries = new Map();
    constructor(compute, max = 4_096) {
        this.compute = compute;
        this.max = max;
    }
    get(bytes, from, to, port) {
        let h = 0x811c9dc5;
        for (let k = from; k < to; k++)
            h = Math.imul(h ^ bytes[k], 0x01000193);
        const key = (h >>> 0) * 65_536 + port;
        const hit = this.entries.get(key);
        if (hit !== undefined && hit.service.length === to - from) {
            let same = true;
            for (let k = from; k < to && same; k++)
                same = hit.service.charCodeAt(k - from) === bytes[k];
            if (same)
                return hit;
        }
        const service = latin1(bytes, from, to);
        const entry = { service, value: this.compute(service, port) };
        if (hit === undefined && this.entries.size < this.max)
            this.entries.set(key, entry);
        return entry;
    }
}
class ProtocolShard {
    vshard;
    c;
    ports = new Map();
    payloads = new Map();
    sources = new Map();
    values = new Map();
    population = { ua: new Set(), ja3: new Set(), ja4: new Set() };
    probes = new Map();
    smuggling = new Map();
    /**
     * Open RST windows by window × role (bucket · 2 + side), then by address (the last word of an
     * IPv4 address, else its words as text): found without building a key string per record, and
     * closed a whole window at a time. `rstCount` windows in all (`maxRstKeys`).
     */
    rsts = new Map();
    rstCount = 0;
    findings = [];
    evicted = {
        maxPortKeys: 0,
        maxPayloadKeys: 0,
        maxSources: 0,
        maxValues: 0,
        maxProbeKeys: 0,
        maxRstKeys: 0,
        maxSmugglingKeys: 0,
        lateRecords: 0,
    };
    /** RST windows below this index are closed (reported or dropped). */
    rstClosed = Number.NEGATIVE_INFINITY;
    rstMaxEnd = Number.NEGATIVE_INFINITY;
    http = new FieldReader(HTTP_FIELDS);
    tls = new FieldReader(TLS_FIELDS);
    weird = new FieldReader(WEIRD_FIELDS);
    verdicts = new ServicePortCache((service, port) => portVerdict(service, port) ?? null);
    payloadClasses = new ServicePortCache(payloadClass);
    stats = new ConnStatsReader();
    constructor(vshard, c) {
        this.vshard = vshard;
        this.c = c;
    }
    observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++)
            this.observe(view, rows[k]);
    }
    observe(view, i) {
        const kind = view.kind[i];
        const flags = view.flags[i];
        if ((flags & BOTH) !== BOTH)
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts))
            return;
        if (kind === RecordKind.Conn) {
            if (isPrimaryDelivery(flags)) {
                if (this.c.enablePortMismatch)
                    this.portMismatch(view, i, ts);
                if (this.c.enablePayload)
                    this.payload(view, i, ts);
            }
            if (view.proto[i] !== Proto.Tcp)
                return;
            if (isOriginatorDelivery(flags) && this.c.enableTcpProbe)
                this.probe(view, i, ts);
            if (this.c.enableRstStorm)
                this.rst(view, i, ts, flags);
        }
        else if (kind === RecordKind.Http) {
            if (this.c.enableHttp && this.clientOk(flags))
                this.httpRecord(view, i, ts);
        }
        else if (kind === RecordKind.Tls) {
            if (this.c.enableTls && this.clientOk(flags))
                this.tlsRecord(view, i, ts, flags);
        }
        else if (kind === RecordKind.Weird) {
            if (this.c.enableHttpSmuggling && isPrimaryDelivery(flags))
                this.weirdRecord(view, i, ts);
        }
    }
    /** HTTP/TLS records: once each (primary delivery), from a local client unless configured. */
    clientOk(flags) {
        if (!isPrimaryDelivery(flags))
            return false;
        return !this.c.internalClientsOnly || (flags & Flag.LocalOrig) !== 0;
    }
    bucket(ts) {
        return Math.floor(ts / this.c.windowSeconds);
    }
    // ── port mismatch ──
    portMismatch(view, i, ts) {
        const length = view.strLength(i, Str.Service);
        if (length === 0)
            return;
        const port = view.respPort[i];
        const from = view.strOffset(i, Str.Service);
        const { value: verdict } = this.verdicts.get(view.heap, from, from + length, port);
        if (verdict === null)
            return;
        const server = view.addrText(i, 1);
        const proto = PROTO_NAMES[view.proto[i]] ?? 'unknown_transport';
        const bucket = this.bucket(ts);
        const key = `${server}|${port}|${proto}|${verdict.service}|${bucket}`;
        let agg = this.ports.get(key);
        if (agg === undefined) {
            if (this.ports.size >= this.c.maxPortKeys) {
                this.evicted.maxPortKeys++;
                return;
            }
            agg = {
                key,
                server,
                port,
                proto,
                service: verdict.service,
                reason: verdict.reason,
                expected: verdict.expected,
                bucket,
                count: 0,
                firstTs: ts,
                lastTs: ts,
                origBytes: 0,
                respBytes: 0,
                clients: [],
                uids: [],
            };
            this.ports.set(key, agg);
        }
        agg.count++;
        agg.firstTs = Math.min(agg.firstTs, ts);
        agg.lastTs = Math.max(agg.lastTs, ts);
        const ob = view.counter(i, Counter.OrigBytes);
        const rb = view.counter(i, Counter.RespBytes);
        if (ob > 0)
            agg.origBytes += ob;
        if (rb > 0)
            agg.respBytes += rb;
        addSmallest(agg.clients, view.addrText(i, 0), this.c.sampleSize);
        addSmallest(agg.uids, view.str(i, Str.Uid), this.c.sampleSize);
    }
    // ── payload statistics ──
    payload(view, i, ts) {
        const proto = view.proto[i];
        if ((proto !== Proto.Tcp && proto !== Proto.Udp) || !mayCarryStats(view, i))
            return;
        const port = view.respPort[i];
        const from = view.strOffset(i, Str.Service);
        const { service, value: kind } = this.payloadClasses.get(view.heap, from, from + view.strLength(i, Str.Service), port);
        if (kind === PayloadKind.None)
            return;
        if (proto === Proto.Tcp) {
            const from = view.strOffset(i, Str.History);
            if (!sawOriginatorSyn(view.heap, from, from + view.strLength(i, Str.History)))
                return;
        }
        const st = this.stats;
        if (!st.read(view, i))
            return;
        const c = this.c;
        let judged = 0;
        let sampled = 0;
        for (const d of [st.orig, st.resp]) {
            if (kind === PayloadKind.Random) {
                if (d.bytes < c.payloadMinSampleBytes)
                    continue;
                if (!looksRandom(d.entropy, d.bytes, c.randomEntropyMargin))
                    return;
            }
            else {
                if (d.bytes < c.textMinSampleBytes || !Number.isFinite(d.printable))
                    continue;
                if (d.printable < (port === 22 ? c.sshTextMinPrintable : c.textMinPrintable))
                    return;
            }
            judged++;
            sampled += d.bytes;
        }
        if (judged === 0)
            return;
        this.countPayload(view, i, ts, kind, service, judged, sampled);
    }
    countPayload(view, i, ts, kind, service, judged, sampled) {
        const server = view.addrText(i, 1);
        const port = view.respPort[i];
        const proto = PROTO_NAMES[view.proto[i]] ?? 'unknown_transport';
        const bucket = this.bucket(ts);
        const name = kind === PayloadKind.Random ? 'random' : 'text';
        const key = `${server}|${port}|${proto}|${name}|${bucket}`;
        let agg = this.payloads.get(key);
        if (agg === undefined) {
            if (this.payloads.size >= this.c.maxPortKeys) {
                this.evicted.maxPayloadKeys++;
                return;
            }
            agg = {
                key,
                server,
                port,
                proto,
                kind: name,
                bucket,
                count: 0,
                firstTs: ts,
                lastTs: ts,
                directions: 0,
                sampledBytes: 0,
                entropyMin: Number.POSITIVE_INFINITY,
                entropyMax: Number.NEGATIVE_INFINITY,
                printableMin: Number.POSITIVE_INFINITY,
                printableMax: Number.NEGATIVE_INFINITY,
                services: [],
                clients: [],
                uids: [],
            };
            this.payloads.set(key, agg);
        }
        agg.count++;
        agg.firstTs = Math.min(agg.firstTs, ts);
        agg.lastTs = Math.max(agg.lastTs, ts);
        agg.directions += judged;
        agg.sampledBytes += sampled;
        const min = kind === PayloadKind.Random ? this.c.payloadMinSampleBytes : this.c.textMinSampleBytes;
        for (const d of [this.stats.orig, this.stats.resp]) {
            if (d.bytes < min)
                continue;
            if (Number.isFinite(d.entropy)) {
                agg.entropyMin = Math.min(agg.entropyMin, d.entropy);
                agg.entropyMax = Math.max(agg.entropyMax, d.entropy);
            }
            if (Number.isFinite(d.printable)) {
                agg.printableMin = Math.min(agg.printableMin, d.printable);
                agg.printableMax = Math.max(agg.printableMax, d.printable);
            }
        }
        addSmallest(agg.services, service, SOURCE_SAMPLES);
        addSmallest(agg.clients, view.addrText(i, 0), this.c.sampleSize);
        addSmallest(agg.uids, view.str(i, Str.Uid), this.c.sampleSize);
    }
    // ── TCP probes ──
    probe(view, i, ts) {
        const length = view.strLength(i, Str.History);
        if (length === 0)
            return;
        const from = view.strOffset(i, Str.History);
        const pattern = classifyProbe(view.heap, view.counter(i, Counter.OrigPkts), view.counter(i, Counter.OrigIpBytes), !view.isV4(i, 0), this.c.synPayloadMinBytes, from, from + length);
        if (pattern === Probe.None)
            return;
        const src = view.addrText(i, 0);
        const bucket = this.bucket(ts);
        const key = `${src}|${bucket}`;
        let agg = this.probes.get(key);
        if (agg === undefined) {
            if (this.probes.size >= this.c.maxProbeKeys) {
                this.evicted.maxProbeKeys++;
                return;
            }
            agg = {
                key,
                src,
                bucket,
                firstTs: ts,
                lastTs: ts,
                counts: [0, 0, 0, 0, 0],
                finTargets: [],
                targets: [],
                uids: [],
            };
            this.probes.set(key, agg);
        }
        agg.counts[pattern]++;
        agg.firstTs = Math.min(agg.firstTs, ts);
        agg.lastTs = Math.max(agg.lastTs, ts);
        const target = `${view.addrText(i, 1)}:${view.respPort[i]}`;
        if (pattern === Probe.Fin)
            addSmallest(agg.finTargets, target, this.c.finProbeMinTargets);
        addSmallest(agg.targets, target, this.c.sampleSize);
        addSmallest(agg.uids, view.str(i, Str.Uid), this.c.sampleSize);
    }
    probeFinding(p) {
        const strong = p.counts[Probe.Null] + p.counts[Probe.MultiFlag] + p.counts[Probe.SynPayload];
        const fin = p.finTargets.length;
        if (strong < this.c.probeMinConnections && fin < this.c.finProbeMinTargets)
            return;
        const patterns = {};
        for (let k = 1; k < PROBE_NAMES.length; k++)
            if (p.counts[k] > 0)
                patterns[PROBE_NAMES[k]] = p.counts[k];
        const total = p.counts.reduce((a, b) => a + b, 0);
        this.findings.push(makeFinding({
            detector: 'protocol.tcp-probe',
            attack: p.counts[Probe.SynPayload] > 0 && strong === p.counts[Probe.SynPayload] && fin === 0
                ? 'T1205'
                : 'T1046',
            severity: strong >= this.c.probeMinConnections && fin >= this.c.finProbeMinTargets ? 'high' : 'medium',
            confidence: strong >= this.c.probeMinConnections ? 0.85 : 0.7,
            firstTs: p.firstTs,
            lastTs: p.lastTs,
            entities: { src: p.src, dst: p.targets },
            evidence: {
                probes: total,
                patterns,
                finTargets: fin,
                probeMinConnections: this.c.probeMinConnections,
                finProbeMinTargets: this.c.finProbeMinTargets,
                sampleTargets: p.targets,
                sampleUids: p.uids,
            },
            summary: `${p.src} sent ${total} stealth TCP probe(s) (${Object.entries(patterns)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}) to ${p.targets.length === 1 ? p.targets[0] : `${p.targets.length}+ targets`}`,
        }));
    }
    // ── HTTP request smuggling ──
    weirdRecord(view, i, ts) {
        const f = this.weird;
        if (!f.read(view, i))
            return;
        const name = f.text(0) ?? '';
        const addl = f.text(1) ?? '';
        const strong = SMUGGLING_STRONG.has(name) ||
            (SMUGGLING_BY_HEADER.has(name) && FRAMING_HEADERS.has(addl.trim().toLowerCase()));
        if (!strong && !SMUGGLING_WEAK.has(name))
            return;
        const src = view.addrText(i, 0);
        const dst = view.addrText(i, 1);
        const port = view.respPort[i];
        const bucket = this.bucket(ts);
        const key = `${src}|${dst}|${port}|${bucket}`;
        let agg = this.smuggling.get(key);
        if (agg === undefined) {
            if (this.smuggling.size >= this.c.maxSmugglingKeys) {
                this.evicted.maxSmugglingKeys++;
                return;
            }
            agg = {
                key,
                src,
                dst,
                port,
                bucket,
                firstTs: ts,
                lastTs: ts,
                signals: {},
                details: [],
                uids: [],
            };
            this.smuggling.set(key, agg);
        }
        agg.signals[name] = (agg.signals[name] ?? 0) + 1;
        agg.firstTs = Math.min(agg.firstTs, ts);
        agg.lastTs = Math.max(agg.lastTs, ts);
        addSmallest(agg.details, sample(addl === '' ? name : `${name}: ${addl}`), this.c.sampleSize);
        addSmallest(agg.uids, view.str(i, Str.Uid), this.c.sampleSize);
    }
    smugglingFinding(a) {
        const names = Object.keys(a.signals).sort();
        const signals = {};
        let strong = 0;
        let weak = 0;
        for (const n of names) {
            signals[n] = a.signals[n];
            if (SMUGGLING_WEAK.has(n))
                weak += signals[n];
            else
                strong += signals[n];
        }
        if (strong === 0 && weak < this.c.smugglingMinWeakSignals)
            return;
        this.findings.push(makeFinding({
            detector: 'protocol.http-smuggling',
            attack: 'T1190',
            severity: strong > 0 ? 'high' : 'medium',
            confidence: strong > 0 ? round(Math.min(0.95, 0.75 + 0.05 * strong), 2) : 0.6,
            firstTs: a.firstTs,
            lastTs: a.lastTs,
            entities: { src: a.src, dst: a.dst, port: String(a.port) },
            evidence: {
                signals,
                strongSignals: strong,
                weakSignals: weak,
                smugglingMinWeakSignals: this.c.smugglingMinWeakSignals,
                sampleDetails: a.details,
                sampleUids: a.uids,
            },
            summary: `HTTP from ${a.src} to ${a.dst}:${a.port} with ambiguous message framing (${names
                .map((n) => `${n} ${signals[n]}`)
                .join(', ')}): possible request smuggling`,
        }));
    }
    // ── RST storms ──
    rst(view, i, ts, flags) {
        const orig = isOriginatorDelivery(flags);
        const primary = isPrimaryDelivery(flags);
        const duration = view.duration[i];
        const end = ts + (Number.isFinite(duration) && duration > 0 ? duration : 0);
        const W = this.c.rstWindowSeconds;
        const bucket = Math.floor(end / W);
        if (end > this.rstMaxEnd) {
            this.rstMaxEnd = end;
            const closable = Math.floor((end - this.c.latenessSeconds) / W);
            if (closable > this.rstClosed)
                this.closeRst(closable);
        }
        if (bucket < this.rstClosed) {
            this.evicted.lateRecords++;
            return;
        }
        const from = view.strOffset(i, Str.History);
        const reset = isRstTerminated(view.connState[i], view.heap, from, from + view.strLength(i, Str.History));
        // Every TCP connection of an originator counts towards its share; responders get an entry
        // only from a reset connection.
        if (orig) {
            const agg = this.rstAgg(view, i, 0, 'orig', bucket);
            if (agg !== undefined) {
                agg.total++;
                if (reset)
                    this.countRst(agg, view, i, end, 1);
            }
        }
        if (primary && reset) {
            const agg = this.rstAgg(view, i, 1, 'resp', bucket);
            if (agg !== undefined)
                this.countRst(agg, view, i, end, 0);
        }
    }
    /** A cheap key of record i's address on `side`: the last word of an IPv4 address, else text. */
    addrKey(view, i, side) {
        const n = view.count;
        const a = view.addr;
        const b = side * 4 * n + i;
        if (view.isV4(i, side))
            return a[b + 3 * n];
        return `${a[b]}:${a[b + n]}:${a[b + 2 * n]}:${a[b + 3 * n]}`;
    }
    rstAgg(view, i, side, role, bucket) {
        const windowKey = bucket * 2 + side;
        const address = this.addrKey(view, i, side);
        let agg = this.rsts.get(windowKey)?.get(address);
        if (agg === undefined) {
            if (this.rstCount >= this.c.maxRstKeys) {
                this.evicted.maxRstKeys++;
                return undefined;
            }
            const key = `${role}|${bucket}|${address}`;
            agg = {
                key,
                addr: view.addrText(i, side),
                role,
                bucket,
                firstTs: Number.POSITIVE_INFINITY,
                lastTs: Number.NEGATIVE_INFINITY,
                rst: 0,
                total: 0,
                peers: [],
                uids: [],
            };
            this.indexRst(agg, address);
        }
        return agg;
    }
    indexRst(agg, address) {
        const windowKey = agg.bucket * 2 + (agg.role === 'orig' ? 0 : 1);
        let byAddress = this.rsts.get(windowKey);
        if (byAddress === undefined) {
            byAddress = new Map();
            this.rsts.set(windowKey, byAddress);
        }
        byAddress.set(address, agg);
        this.rstCount++;
    }
    /** Removes and returns the open RST windows below bucket `closable`, in key order. */
    takeRsts(closable) {
        const taken = [];
        for (const [windowKey, byAddress] of this.rsts) {
            if (Math.floor(windowKey / 2) >= closable)
                continue;
            for (const agg of byAddress.values())
                taken.push(agg);
            this.rstCount -= byAddress.size;
            this.rsts.delete(windowKey);
        }
        return taken.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    countRst(agg, view, i, end, peerSide) {
        agg.rst++;
        agg.firstTs = Math.min(agg.firstTs, end);
        agg.lastTs = Math.max(agg.lastTs, end);
        addSmallest(agg.peers, view.addrText(i, peerSide), Math.max(this.c.rstMinPeers, this.c.sampleSize));
        addSmallest(agg.uids, view.str(i, Str.Uid), this.c.sampleSize);
    }
    /** Reports and drops every RST window below `closable`, in key order. */
    closeRst(closable) {
        this.rstClosed = closable;
        for (const agg of this.takeRsts(closable))
            this.rstFinding(agg);
    }
    rstFinding(r) {
        const c = this.c;
        if (r.rst < c.rstMinConnections)
            return;
        const share = r.total > 0 ? r.rst / r.total : 1;
        if (r.role === 'orig' && share < c.rstMinShare)
            return;
        if (r.role === 'resp' && r.peers.length < c.rstMinPeers)
            return;
        const peers = r.peers.slice(0, c.sampleSize);
        const windowStart = r.bucket * c.rstWindowSeconds;
        this.findings.push(makeFinding({
            detector: 'protocol.rst-storm',
            attack: 'T1499',
            severity: r.rst >= 10 * c.rstMinConnections ? 'high' : 'medium',
            confidence: round(Math.min(0.9, 0.5 + 0.1 * Math.log10(r.rst / c.rstMinConnections + 1) * 4), 2),
            firstTs: r.firstTs,
            lastTs: r.lastTs,
            entities: r.role === 'orig' ? { src: r.addr, dst: peers } : { src: peers, dst: r.addr },
            evidence: {
                role: r.role,
                resetConnections: r.rst,
                ...(r.role === 'orig'
                    ? { connections: r.total, share: round(share, 3), minShare: c.rstMinShare }
                    : {}),
                distinctPeers: r.peers.length,
                minConnections: c.rstMinConnections,
                ...(r.role === 'resp' ? { minPeers: c.rstMinPeers } : {}),
                windowStart,
                windowSeconds: c.rstWindowSeconds,
                samplePeers: peers,
                sampleUids: r.uids,
            },
            summary: r.role === 'orig'
                ? `${r.addr} had ${r.rst} of ${r.total} TCP connections end in a reset within ${c.rstWindowSeconds} s`
                : `${r.addr} had ${r.rst} reset connections from ${r.peers.length}+ hosts within ${c.rstWindowSeconds} s`,
        }));
    }
    // ── HTTP ──
    source(kind, src, ts) {
        const bucket = this.bucket(ts);
        const key = `${src}|${bucket}`;
        const mapKey = `${kind}|${key}`;
        let agg = this.sources.get(mapKey);
        if (agg === undefined) {
            if (this.sources.size >= this.c.maxSources) {
                this.evicted.maxSources++;
                return undefined;
            }
            agg = {
                kind,
                key,
                src,
                bucket,
                firstTs: ts,
                lastTs: ts,
                reasons: {},
                values: [],
                servers: [],
                uids: [],
            };
            this.sources.set(mapKey, agg);
        }
        agg.firstTs = Math.min(agg.firstTs, ts);
        agg.lastTs = Math.max(agg.lastTs, ts);
        return agg;
    }
    flag(agg, reasons, server, uid) {
        if (agg === undefined)
            return;
        for (const [reason, value] of reasons) {
            agg.reasons[reason] = (agg.reasons[reason] ?? 0) + 1;
            addSmallest(agg.values, `${reason}=${sample(value)}`, 2 * SOURCE_SAMPLES);
        }
        addSmallest(agg.servers, server, SOURCE_SAMPLES);
        addSmallest(agg.uids, uid, this.c.sampleSize);
    }
    httpRecord(view, i, ts) {
        const f = this.http;
        if (!f.read(view, i))
            return;
        const method = f.text(0);
        const host = f.text(1);
        const ua = f.text(2);
        const version = f.text(3);
        const reasons = [];
        if (version === '1.1' && (host === undefined || host.trim() === ''))
            reasons.push(['missing-host', '']);
        if (method !== undefined && method !== '') {
            const m = method.toUpperCase();
            if (!STANDARD_METHODS.has(m) && !(this.c.allowWebDavMethods && WEBDAV_METHODS.has(m))) {
                reasons.push(['odd-method', method]);
            }
        }
        // A request line without headers (no method logged) says nothing about its User-Agent.
        if (method !== undefined) {
            if (ua === undefined || ua.trim() === '')
                reasons.push(['empty-user-agent', '']);
            else {
                const lower = ua.toLowerCase();
                if (this.c.scriptingUserAgents.some((s) => lower.includes(s)))
                    reasons.push(['scripting-user-agent', ua]);
                else if (ua.trim().length < this.c.minUserAgentLength)
                    reasons.push(['short-user-agent', ua]);
            }
        }
        const src = view.addrText(i, 0);
        const server = host !== undefined && host !== '' ? sample(host) : view.addrText(i, 1);
        const uid = view.str(i, Str.Uid);
        if (reasons.length > 0) {
            if (host !== undefined && IPV4_LITERAL.test(host))
                reasons.push(['ip-host', host]);
            this.flag(this.source('http', src, ts), reasons, server, uid);
        }
        if (ua !== undefined && ua.trim() !== '')
            this.use('ua', ua, src, ts, server, uid);
    }
    // ── TLS ──
    tlsRecord(view, i, ts, flags) {
        const f = this.tls;
        if (!f.read(view, i))
            return;
        const sni = f.text(0);
        const version = f.text(1);
        const status = f.text(2);
        const ja3 = f.text(3);
        const ja4 = f.text(4);
        const external = (flags & Flag.LocalResp) === 0;
        const checkServer = external || this.c.tlsInternalServers;
        const reasons = [];
        // DTLS is mostly WebRTC: peers addressed by IP (no SNI) with certificates self-signed by
        // design (RFC 8827: the fingerprint is checked over the signalling channel), so neither is
        // a deviation there.
        const dtls = version?.startsWith('DTLS') === true;
        if (external && !dtls && (sni === undefined || sni.trim() === ''))
            reasons.push(['no-sni', '']);
        if (checkServer && status !== undefined && status !== '' && status !== 'ok') {
            const s = status.toLowerCase();
            if (s.includes('self signed') || s.includes('self-signed')) {
                if (!dtls)
                    reasons.push(['self-signed-cert', status]);
            }
            else if (s.includes('expired') || s.includes('not yet valid'))
                reasons.push(['expired-cert', status]);
        }
        if (checkServer && version !== undefined && OLD_VERSIONS.has(version.toLowerCase())) {
            reasons.push(['old-version', version]);
        }
        const src = view.addrText(i, 0);
        const server = sni !== undefined && sni !== '' ? sample(sni) : view.addrText(i, 1);
        const uid = view.str(i, Str.Uid);
        if (reasons.length > 0)
            this.flag(this.source('tls', src, ts), reasons, server, uid);
        if (ja3 !== undefined && ja3 !== '')
            this.use('ja3', ja3, src, ts, server, uid);
        if (ja4 !== undefined && ja4 !== '')
            this.use('ja4', ja4, src, ts, server, uid);
    }
    // ── prevalence ──
    use(table, raw, addr, ts, server, uid) {
        const value = sample(raw);
        const population = this.population[table];
        if (!population.has(addr)) {
            if (population.size < this.c.maxValues)
                population.add(addr);
            else
                this.evicted.maxValues++;
        }
        const key = `${table}|${value}`;
        let v = this.values.get(key);
        if (v === undefined) {
            if (this.values.size >= this.c.maxValues) {
                this.evicted.maxValues++;
                return;
            }
            v = { key, table, value, saturated: false, hosts: [], uses: [] };
            this.values.set(key, v);
        }
        if (v.saturated)
            return;
        const limit = this.c.rareMaxHosts;
        addSmallest(v.hosts, addr, limit + 1);
        if (v.hosts.length > limit) {
            v.saturated = true;
            v.hosts = [];
            v.uses = [];
            return;
        }
        const bucket = this.bucket(ts);
        let u = v.uses.find((x) => x.addr === addr && x.bucket === bucket);
        if (u === undefined) {
            if (v.uses.length >= USES_PER_VALUE)
                return;
            u = { addr, bucket, count: 0, firstTs: ts, lastTs: ts, servers: [], uids: [] };
            v.uses.push(u);
        }
        u.count++;
        u.firstTs = Math.min(u.firstTs, ts);
        u.lastTs = Math.max(u.lastTs, ts);
        addSmallest(u.servers, server, SOURCE_SAMPLES);
        addSmallest(u.uids, uid, this.c.sampleSize);
    }
    // ── output ──
    partial() {
        const sorted = (m) => [...m.keys()].sort().map((k) => m.get(k));
        return {
            version: PARTIAL_VERSION,
            limit: this.c.rareMaxHosts,
            sample: this.c.sampleSize,
            ports: sorted(this.ports).map(clonePort),
            payloads: sorted(this.payloads).map(clonePayload),
            sources: sorted(this.sources).map(cloneSource),
            values: sorted(this.values).map((v) => {
                const c = cloneValue(v);
                c.uses.sort((a, b) => (useKey(a) < useKey(b) ? -1 : 1));
                return c;
            }),
            population: {
                ua: this.population.ua.size,
                ja3: this.population.ja3.size,
                ja4: this.population.ja4.size,
            },
        };
    }
    finish() {
        for (const p of [...this.probes.keys()].sort())
            this.probeFinding(this.probes.get(p));
        this.probes.clear();
        for (const k of [...this.smuggling.keys()].sort())
            this.smugglingFinding(this.smuggling.get(k));
        this.smuggling.clear();
        for (const agg of this.takeRsts(Number.POSITIVE_INFINITY))
            this.rstFinding(agg);
        const findings = [...this.findings].sort(compareFindings);
        return { findings, partial: this.partial(), evictions: { ...this.evicted } };
    }
    snapshot() {
        return {
            version: SNAPSHOT_VERSION,
            vshard: this.vshard,
            rstClosed: Number.isFinite(this.rstClosed) ? this.rstClosed : Number.MIN_SAFE_INTEGER,
            rstMaxEnd: Number.isFinite(this.rstMaxEnd) ? this.rstMaxEnd : null,
            evictions: { ...this.evicted },
            findings: [...this.findings],
            ports: [...this.ports.values()].map(clonePort),
            payloads: [...this.payloads.values()].map(clonePayload),
            sources: [...this.sources.values()].map(cloneSource),
            values: [...this.values.values()].map(cloneValue),
            population: {
                ua: [...this.population.ua],
                ja3: [...this.population.ja3],
                ja4: [...this.population.ja4],
            },
            probes: [...this.probes.values()].map((p) => ({
                ...p,
                counts: [...p.counts],
                finTargets: [...p.finTargets],
                targets: [...p.targets],
                uids: [...p.uids],
            })),
            smuggling: [...this.smuggling.values()].map(cloneSmuggling),
            rsts: [...this.rsts.values()].flatMap((byAddress) => [...byAddress.values()].map((r) => ({ ...r, peers: [...r.peers], uids: [...r.uids] }))),
        };
    }
    static restore(vshard, config, snapshot) {
        const s = checkSnapshot('protocol', snapshot, SNAPSHOT_VERSION, vshard);
        const shard = new ProtocolShard(vshard, config);
        shard.rstClosed = s.rstClosed === Number.MIN_SAFE_INTEGER ? Number.NEGATIVE_INFINITY : s.rstClosed;
        shard.rstMaxEnd = s.rstMaxEnd ?? Number.NEGATIVE_INFINITY;
        for (const name of PROTOCOL_EVICTION_NAMES)
            shard.evicted[name] = s.evictions[name] ?? 0;
        shard.findings.push(...s.findings);
        for (const p of s.ports)
            shard.ports.set(p.key, clonePort(p));
        for (const p of s.payloads ?? [])
            shard.payloads.set(p.key, clonePayload(p));
        for (const x of s.sources)
            shard.sources.set(`${x.kind}|${x.key}`, cloneSource(x));
        for (const v of s.values)
            shard.values.set(v.key, cloneValue(v));
        for (const t of ['ua', 'ja3', 'ja4'])
            for (const a of s.population[t])
                shard.population[t].add(a);
        for (const p of s.probes) {
            shard.probes.set(p.key, {
                ...p,
                counts: [...p.counts],
                finTargets: [...p.finTargets],
                targets: [...p.targets],
                uids: [...p.uids],
            });
        }
        for (const a of s.smuggling ?? [])
            shard.smuggling.set(a.key, cloneSmuggling(a));
        for (const r of s.rsts) {
            // The key ends with the address key (role|bucket|address), a number for IPv4.
            const text = r.key.slice(r.key.indexOf('|', r.key.indexOf('|') + 1) + 1);
            shard.indexRst({ ...r, peers: [...r.peers], uids: [...r.uids] }, text.includes(':') ? text : Number(text));
        }
        return shard;
    }
}
export const protocolAnalyzer = {
    name: 'protocol',
    create(vshard, config) {
        return new ProtocolShard(vshard, config);
    },
    restore(vshard, config, snapshot) {
        return ProtocolShard.restore(vshard, config, snapshot);
    },
    merge(parts) {
        return mergeProtocolPartials(parts);
    },
    conclude(merged, config) {
        return concludeProtocol(merged, config);
    },
};
//# sourceMappingURL=protocol.js.map