/**
 * Authentication abuse: password guessing and spraying (ATT&CK T1110, T1110.003) from
 * connection patterns and from authentication logs (analyzer `auth`), and administrative
 * fan-out of one internal host to many internal hosts new to it (T1021, analyzer `lateral`).
 * Both work per virtual shard on the records of their sources.
 *
 * Findings:
 *
 * - `auth.bruteforce` — one source, one service: at least `threshold` failed logins (default
 *   30, Zeek's `SSH::password_guesses_limit`) within `windowSeconds` (default 30 min, Zeek's
 *   `SSH::guessing_timeout`), counted against any number of targets of that service.
 * - `auth.spray` — the same, when the failures of the episode went to at least
 *   `sprayMinTargets` distinct targets, or named at least `sprayMinUsers` distinct accounts
 *   with at most `sprayMaxAttemptsPerUser` failures per account on average (T1110.003: few
 *   passwords against many accounts; a dictionary run against ten accounts is guessing).
 * - `lateral.admin-fanout` — an internal source that opened sessions (answered, with responder
 *   payload) on admin ports (SMB 445, RDP 3389, WinRM 5985/5986, SSH 22, RPC 135) to at least
 *   `minTargets` internal hosts it had not reached on those ports before, within
 *   `windowSeconds`, after the shard's warm-up (see below).
 *
 * Failed logins come from two kinds of records (a key per source, service and record kind, so
 * the two never add up):
 *
 * - conn records (`basis: conn`), Zeek's pre-2.4 SSH heuristic generalised: a TCP session to a
 *   login service — the responder port is the service's standard port (ssh 22, rdp 3389, smb
 *   445, kerberos 88, winrm 5985/5986, telnet 23, ftp 21) or the conn `service` field names it
 *   (ssh on 2222 with service `ssh`) — *looks failed* when the handshake completed
 *   (outcome.ts: SF, S1, S2, S3, RSTO, RSTR, or OTH with a reply), the responder sent payload
 *   (a banner: 0 bytes is a port probe, not a login), it lasted at most `maxDurationSeconds`,
 *   and the responder sent at most `maxRespBytes` (Zeek's `SSH::authentication_data_size`,
 *   5 500: a server that sends more has let the client in; kerberos: `maxKerberosRespBytes`,
 *   since a ticket reply is > 1 KB and a KRB-ERROR a few hundred bytes). A window of such
 *   sessions also needs *similar* sizes: the MAD over the median of their responder bytes at
 *   most `maxBytesDispersion` (a guessing tool repeats the same exchange; users do not). A
 *   session of the same service that does not look failed (bigger or longer) from a source
 *   with an open episode is counted as a likely success and raises the severity.
 * - auth records (RecordKind.Auth), told apart by their schema path: Zeek `ssh.log`
 *   (auth_success F, weighing auth_attempts), `kerberos.log` (error_msg KDC_ERR_PREAUTH_FAILED,
 *   KDC_ERR_C_PRINCIPAL_UNKNOWN, KDC_ERR_CLIENT_REVOKED, KRB_AP_ERR_BAD_INTEGRITY, or success F
 *   without an error message; KDC_ERR_PREAUTH_REQUIRED is every client's first AS exchange and
 *   is not a failure), `ntlm.log` (success F, or status other than SUCCESS), `radius.log`
 *   (result failed) and netscry's syslog `auth` records (sshd `login` failures weighing their
 *   `count`, pam `auth_failure` of other services, `su` failures; sshd's "Invalid user",
 *   pam and max-attempts lines repeat a `Failed …` line and are not counted again). Records of
 *   success (auth_success T, success T, `Accepted`) during an open episode count as likely
 *   successes. When a conn episode and an auth-record episode of the same source and service
 *   overlap in time, only the auth-record one is reported.
 *
 * Episodes: a key keeps its last `threshold` failures (a ring); when their weights reach
 * `threshold` within `windowSeconds` (and, for conn records, their sizes are similar) an episode
 * opens; later failures extend it; a failure more than `windowSeconds` after the episode's last
 * one closes it (one finding) and starts over. Open episodes are reported at the end of the input
 * or when their key is evicted.
 *
 * "Before" for lateral fan-out is in-run: per source, the set of internal hosts it reached on
 * admin ports. Contacts before the shard's warm-up ends (`warmupSeconds` after the first conn
 * record of the virtual shard) only fill that set. After it, a first contact with a host not in
 * the set is *new*; `minTargets` new hosts within `windowSeconds` open an episode. Workstations
 * reach a few servers (DC, file server, bastion), and those are known after the first contact;
 * an admin or backup server that touched its fleet during the warm-up is known too. A source
 * that reached `maxKnownTargets` distinct hosts is an established fan-out host: its open
 * episode is dropped and it is never reported.
 *
 * Memory: at most `maxKeys` failure keys and `maxSources` lateral sources per virtual shard
 * (least recently touched evicted, open episodes reported, counted under the cap's name), rings
 * of at most `threshold` entries, bounded target/user/uid samples per episode. Event time only;
 * every decision follows the shard's input order, so results do not depend on the number of
 * actors or the batch split.
 */
import { Counter, Flag, isOriginatorDelivery, isPrimaryDelivery, Proto, RecordKind, Str, } from '../shared/record.js';
import { checkSnapshot } from './analyzer.js';
import { dispersion } from './beacon.js';
import { FieldReader } from './fields.js';
import { compareFindings, makeFinding, round } from './finding.js';
import { checkOptions, optionError } from './options.js';
import { attemptOutcome, Outcome } from './outcome.js';
export const DEFAULT_AUTH_CONFIG = Object.freeze({
    enableConnHeuristic: true,
    enableAuthRecords: true,
    threshold: 30,
    windowSeconds: 1_800,
    maxDurationSeconds: 30,
    maxRespBytes: 5_500,
    maxKerberosRespBytes: 400,
    maxBytesDispersion: 0.5,
    sprayMinTargets: 5,
    sprayMinUsers: 10,
    sprayMaxAttemptsPerUser: 3,
    maxKeys: 4_096,
    sampleSize: 10,
});
const RULES = {
    enableConnHeuristic: { type: 'boolean' },
    enableAuthRecords: { type: 'boolean' },
    threshold: { type: 'integer', min: 2, max: 100_000 },
    windowSeconds: { type: 'number', min: 1, max: 30 * 86_400 },
    maxDurationSeconds: { type: 'number', min: 0, max: 86_400 },
    maxRespBytes: { type: 'integer', min: 1, max: 1 << 30 },
    maxKerberosRespBytes: { type: 'integer', min: 1, max: 1 << 30 },
    maxBytesDispersion: { type: 'number', min: 0, max: 100 },
    sprayMinTargets: { type: 'integer', min: 2, max: 1 << 20 },
    sprayMinUsers: { type: 'integer', min: 2, max: 1 << 20 },
    sprayMaxAttemptsPerUser: { type: 'number', min: 1, max: 1 << 20 },
    maxKeys: { type: 'integer', min: 1, max: 1 << 24 },
    sampleSize: { type: 'integer', min: 1, max: 1000 },
};
/** Fills defaults and checks every key once, at the edge. Throws InvalidOption. */
export function validateAuthConfig(partial = {}) {
    return Object.freeze(checkOptions('auth', RULES, DEFAULT_AUTH_CONFIG, partial));
}
export const DEFAULT_LATERAL_CONFIG = Object.freeze({
    minTargets: 8,
    windowSeconds: 600,
    warmupSeconds: 1_800,
    maxSources: 4_096,
    maxKnownTargets: 256,
    sampleSize: 10,
});
const LATERAL_RULES = {
    minTargets: { type: 'integer', min: 2, max: 1 << 16 },
    windowSeconds: { type: 'number', min: 1, max: 30 * 86_400 },
    warmupSeconds: { type: 'number', min: 0, max: 365 * 86_400 },
    maxSources: { type: 'integer', min: 1, max: 1 << 24 },
    maxKnownTargets: { type: 'integer', min: 2, max: 1 << 20 },
    sampleSize: { type: 'integer', min: 1, max: 1000 },
};
/** Fills defaults and checks every key once, at the edge. Throws InvalidOption. */
export function validateLateralConfig(partial = {}) {
    const c = checkOptions('lateral', LATERAL_RULES, DEFAULT_LATERAL_CONFIG, partial);
    if (c.minTargets > c.maxKnownTargets) {
        throw optionError('lateral', 'minTargets', 'must not be above maxKnownTargets', c.minTargets);
    }
    return Object.freeze(c);
}
// ─── services ───────────────────────────────────────────────────────────────────────────────
/** Standard port → login service. */
export const LOGIN_PORTS = new Map([
    [21, 'ftp'],
    [22, 'ssh'],
    [23, 'telnet'],
    [88, 'kerberos'],
    [445, 'smb'],
    [3389, 'rdp'],
    [5985, 'winrm'],
    [5986, 'winrm'],
]);
/** Zeek conn `service` tokens → login service (any port). */
const SERVICE_TOKENS = new Map([
    ['ssh', 'ssh'],
    ['rdp', 'rdp'],
    ['smb', 'smb'],
    ['krb', 'kerberos'],
    ['krb_tcp', 'kerberos'],
    ['ftp', 'ftp'],
    ['telnet', 'telnet'],
]);
/** Admin ports of lateral movement. */
export const ADMIN_PORTS = new Set([22, 135, 445, 3389, 5985, 5986]);
/** Kerberos errors that mean a wrong password, an unknown or a locked account. */
const KERBEROS_FAILURES = new Set([
    'KDC_ERR_PREAUTH_FAILED',
    'KDC_ERR_C_PRINCIPAL_UNKNOWN',
    'KDC_ERR_CLIENT_REVOKED',
    'KRB_AP_ERR_BAD_INTEGRITY',
]);
/** The login service of a conn record's `service` field, or undefined. */
export function serviceOfField(field) {
    if (field === '')
        return undefined;
    for (const token of field.split(',')) {
        const s = SERVICE_TOKENS.get(token.trim().toLowerCase());
        if (s !== undefined)
            return s;
    }
    return undefined;
}
/** SERVICE_TOKENS as bytes, for serviceOfBytes. */
const SERVICE_TOKEN_BYTES = Array.from(SERVICE_TOKENS, ([t, s]) => [new TextEncoder().encode(t), s]);
/**
 * The same from the field's bytes b[at, at + length) without decoding them: this runs for every
 * answered TCP connection on a port that is not a login port (nearly all of them name ssl,
 * http, dns), so it compares bytes in place — no subarray, no token strings per record.
 */
function serviceOfBytes(b, at, length) {
    if (length === 0 || length > 64)
        return undefined;
    let start = 0;
    for (let k = 0; k <= length; k++) {
        if (k < length && b[at + k] !== 0x2c)
            continue;
        if (k - start <= 8) {
            const s = tokenService(b, at + start, k - start);
            if (s !== undefined)
                return s;
        }
        start = k + 1;
    }
    return undefined;
}
/** The service of the token b[s, s + n), ASCII letters compared case-insensitively. */
function tokenService(b, s, n) {
    for (const [token, service] of SERVICE_TOKEN_BYTES) {
        if (token.length !== n)
            continue;
        let j = 0;
        while (j < n) {
            const c = b[s + j];
            if ((c >= 0x41 && c <= 0x5a ? c | 0x20 : c) !== token[j])
                break;
            j++;
        }
        if (j === n)
            return service;
    }
    return undefined;
}
/** A user name as reported: its first two characters, the rest starred (at most 16). */
export function maskUser(user) {
    if (user.length <= 2)
        return '*'.repeat(user.length);
    return `${user.slice(0, 2)}${'*'.repeat(Math.min(14, user.length - 2))}`;
}
// ─── per-shard state ────────────────────────────────────────────────────────────────────────
export const AUTH_EVICTION_NAMES = ['maxKeys'];
export const LATERAL_EVICTION_NAMES = ['maxSources', 'maxKnownTargets'];
const SNAPSHOT_VERSION = 1;
const TARGET_CAP = 64;
const USER_CAP = 256;
const PORT_CAP = 16;
const AUTH_FIELDS = [
    'success',
    'error_msg',
    'client',
    'username',
    'auth_success',
    'auth_attempts',
    'result',
    'service',
    'action',
    'user',
    'count',
    'host',
    'status',
];
const F = Object.fromEntries(AUTH_FIELDS.map((n, k) => [n, k]));
const copyEpisode = (e) => ({
    ...e,
    targets: { ...e.targets },
    ports: [...e.ports],
    users: [...e.users],
    uids: [...e.uids],
    successUids: [...e.successUids],
});
class AuthShard {
    vshard;
    c;
    keys = new Map();
    /** Episodes closed so far (findings are built at finish, after the conn/auth overlap check). */
    closed = [];
    evicted = { maxKeys: 0 };
    reader = new FieldReader(AUTH_FIELDS);
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
        if (kind === RecordKind.Conn)
            this.observeConn(view, i);
        else if (kind === RecordKind.Auth && this.c.enableAuthRecords)
            this.observeAuth(view, i);
    }
    // ─── conn records ─────────────────────────────────────────────────────────────────────────
    observeConn(view, i) {
        if (!this.c.enableConnHeuristic)
            return;
        const flags = view.flags[i];
        if ((flags & (Flag.OrigSet | Flag.RespSet)) !== (Flag.OrigSet | Flag.RespSet))
            return;
        if (!isOriginatorDelivery(flags))
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts) || view.proto[i] !== Proto.Tcp)
            return;
        if (attemptOutcome(view, i) !== Outcome.Answered)
            return;
        const respBytes = view.counter(i, Counter.RespBytes);
        if (!(respBytes > 0))
            return;
        const port = view.respPort[i];
        const service = LOGIN_PORTS.get(port) ??
            serviceOfBytes(view.heap, view.strOffset(i, Str.Service), view.strLength(i, Str.Service));
        if (service === undefined)
            return;
        const duration = view.duration[i];
        const maxBytes = service === 'kerberos' ? this.c.maxKerberosRespBytes : this.c.maxRespBytes;
        const failed = !(duration > this.c.maxDurationSeconds) && respBytes <= maxBytes;
        const src = view.addrText(i, 0);
        const key = `conn|${src}|${service}`;
        if (!failed) {
            this.success(key, view, i);
            return;
        }
        this.failure(key, src, service, 'conn', {
            ts,
            weight: 1,
            bytes: respBytes,
            target: view.addrText(i, 1),
            port,
            user: '',
            uid: view.str(i, Str.Uid),
        });
    }
    // ─── auth records ─────────────────────────────────────────────────────────────────────────
    observeAuth(view, i) {
        const flags = view.flags[i];
        const hasOrig = (flags & Flag.OrigSet) !== 0;
        const hasResp = (flags & Flag.RespSet) !== 0;
        if (!hasOrig && !hasResp)
            return;
        // Counted once: where the source's records meet (originator delivery), or for a record
        // without a source (local sudo/su from a live sender) where its only address lives.
        if (hasOrig ? !isOriginatorDelivery(flags) : !isPrimaryDelivery(flags))
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts))
            return;
        const path = view.schemaOf(i)?.path;
        if (path === undefined || !this.reader.read(view, i))
            return;
        const ev = this.authEvent(path);
        if (ev === undefined || (!ev.failure && !ev.success))
            return;
        const src = view.addrText(i, hasOrig ? 0 : 1);
        const target = hasOrig && hasResp ? view.addrText(i, 1) : ev.target;
        const key = `${path}|${src}|${ev.service}`;
        if (ev.success) {
            this.success(key, view, i);
            return;
        }
        const uid = view.str(i, Str.Uid);
        this.failure(key, src, ev.service, path, {
            ts,
            weight: ev.weight,
            bytes: 0,
            target,
            port: hasResp ? view.respPort[i] : 0,
            user: ev.user,
            uid,
        });
    }
    authEvent(path) {
        const r = this.reader;
        const none = (service, failure, success, weight, user = '') => ({
            service,
            failure,
            success,
            weight,
            user,
            target: '',
        });
        switch (path) {
            case 'ssh': {
                const ok = r.bool(F.auth_success);
                if (ok === undefined)
                    return undefined;
                const attempts = r.number(F.auth_attempts);
                return none('ssh', !ok, ok, attempts >= 1 ? Math.min(attempts, 1000) : 1);
            }
            case 'kerberos': {
                const error = r.text(F.error_msg) ?? '';
                const ok = r.bool(F.success);
                const user = r.text(F.client) ?? '';
                const failure = KERBEROS_FAILURES.has(error) || (ok === false && error === '');
                return none('kerberos', failure, ok === true, 1, user);
            }
            case 'ntlm': {
                let ok = r.bool(F.success);
                const status = r.text(F.status);
                if (ok === undefined && status !== undefined)
                    ok = status === 'SUCCESS';
                if (ok === undefined)
                    return undefined;
                return none('ntlm', !ok, ok, 1, r.text(F.username) ?? '');
            }
            case 'radius': {
                const result = r.text(F.result);
                if (result === undefined)
                    return undefined;
                return none('radius', result === 'failed', result === 'success', 1, r.text(F.username) ?? '');
            }
            case 'auth': {
                const raw = r.text(F.service) ?? '';
                const service = raw === 'sshd' ? 'ssh' : raw;
                const action = r.text(F.action) ?? '';
                const ok = r.bool(F.success);
                if (ok === undefined)
                    return undefined;
                const counted = action === 'login' || action === 'su' || (action === 'auth_failure' && raw !== 'sshd');
                const count = r.number(F.count);
                const weight = count >= 1 ? Math.min(count, 1000) : 1;
                return {
                    service,
                    failure: !ok && counted,
                    success: ok && (action === 'login' || action === 'su'),
                    weight,
                    user: r.text(F.user) ?? '',
                    target: r.text(F.host) ?? '',
                };
            }
            default:
                return undefined;
        }
    }
    // ─── failure keys ─────────────────────────────────────────────────────────────────────────
    /** A success of `key` (record i of view): counted when a run of failures is open. */
    success(key, view, i) {
        const k = this.keys.get(key);
        if (k?.episode === undefined)
            return;
        k.episode.successes++;
        if (k.episode.successUids.length >= this.c.sampleSize)
            return;
        // Decoded only here: most successes have no open episode.
        const uid = view.str(i, Str.Uid);
        if (uid !== '')
            k.episode.successUids.push(uid);
    }
    failure(key, src, service, basis, a) {
        const c = this.c;
        let k = this.keys.get(key);
        if (k === undefined) {
            if (this.keys.size >= c.maxKeys) {
                const oldest = this.keys.values().next().value;
                this.keys.delete(oldest.key);
                this.evicted.maxKeys++;
                if (oldest.episode !== undefined)
                    this.closed.push(oldest.episode);
            }
            k = { key, src, service, basis, ring: [], maxTs: a.ts, episode: undefined };
            this.keys.set(key, k);
        }
        else {
            // Most recently touched last (Map order), for eviction.
            this.keys.delete(key);
            this.keys.set(key, k);
        }
        const ep = k.episode;
        if (ep !== undefined) {
            if (a.ts <= ep.lastTs + c.windowSeconds) {
                this.extend(ep, a);
                if (a.ts > k.maxTs)
                    k.maxTs = a.ts;
                return;
            }
            this.closed.push(ep);
            k.episode = undefined;
            k.ring = [];
        }
        if (a.ts > k.maxTs)
            k.maxTs = a.ts;
        const ring = k.ring;
        ring.push(a);
        if (ring.length > c.threshold)
            ring.shift();
        while (ring.length > 0 && ring[0].ts < k.maxTs - c.windowSeconds)
            ring.shift();
        let weight = 0;
        for (const e of ring)
            weight += e.weight;
        if (weight < c.threshold)
            return;
        let bytesMedian = 0;
        let bytesDispersion = 0;
        if (basis === 'conn') {
            const d = dispersion(ring.map((e) => e.bytes));
            if (d.madm > c.maxBytesDispersion)
                return;
            bytesMedian = d.median;
            bytesDispersion = d.madm;
        }
        const opened = {
            src,
            service,
            basis,
            firstTs: Number.POSITIVE_INFINITY,
            lastTs: Number.NEGATIVE_INFINITY,
            attempts: 0,
            targets: {},
            targetsOverflow: 0,
            ports: [],
            users: [],
            usersOverflow: false,
            uids: [],
            successes: 0,
            successUids: [],
            medianRespBytes: round(bytesMedian, 1),
            bytesDispersion: round(bytesDispersion, 3),
        };
        for (const e of ring)
            this.extend(opened, e);
        k.episode = opened;
        k.ring = [];
    }
    extend(ep, a) {
        ep.attempts += a.weight;
        if (a.ts < ep.firstTs)
            ep.firstTs = a.ts;
        if (a.ts > ep.lastTs)
            ep.lastTs = a.ts;
        if (a.target !== '') {
            if (Object.hasOwn(ep.targets, a.target))
                ep.targets[a.target] += a.weight;
            else if (Object.keys(ep.targets).length < TARGET_CAP)
                ep.targets[a.target] = a.weight;
            else
                ep.targetsOverflow++;
        }
        if (a.port !== 0 && !ep.ports.includes(a.port) && ep.ports.length < PORT_CAP)
            ep.ports.push(a.port);
        if (a.user !== '' && !ep.users.includes(a.user)) {
            if (ep.users.length < USER_CAP)
                ep.users.push(a.user);
            else
                ep.usersOverflow = true;
        }
        if (a.uid !== '' && ep.uids.length < this.c.sampleSize)
            ep.uids.push(a.uid);
    }
    // ─── reporting ────────────────────────────────────────────────────────────────────────────
    episodeFinding(ep) {
        const c = this.c;
        const targets = Object.keys(ep.targets).sort();
        const distinctTargets = targets.length + ep.targetsOverflow;
        const distinctUsers = ep.users.length;
        const userSpray = distinctUsers >= c.sprayMinUsers && ep.attempts <= c.sprayMaxAttemptsPerUser * distinctUsers;
        const spray = distinctTargets >= c.sprayMinTargets || userSpray;
        const pattern = userSpray ? 'users' : distinctTargets >= c.sprayMinTargets ? 'hosts' : 'single';
        const topTargets = [...targets]
            .sort((a, b) => ep.targets[b] - ep.targets[a] || (a < b ? -1 : 1))
            .slice(0, c.sampleSize);
        const minutes = Math.max(1, Math.round((ep.lastTs - ep.firstTs) / 60));
        const what = ep.basis === 'conn' ? 'failed-looking sessions' : 'failed logins';
        const toWhom = distinctTargets === 1
            ? `${targets[0]}`
            : distinctTargets === 0
                ? 'an unnamed host'
                : `${distinctTargets} hosts`;
        const users = distinctUsers > 0 ? `, ${distinctUsers}${ep.usersOverflow ? '+' : ''} accounts` : '';
        const success = ep.successes > 0 ? `; ${ep.successes} likely successful afterwards` : '';
        const entities = {
            src: ep.src,
            service: ep.service,
            targets: targets.slice(0, c.sampleSize),
        };
        if (distinctTargets === 1)
            entities.dst = targets[0];
        const evidence = {
            basis: ep.basis,
            pattern,
            attempts: ep.attempts,
            threshold: c.threshold,
            windowSeconds: c.windowSeconds,
            distinctTargets,
            topTargets: Object.fromEntries(topTargets.map((t) => [t, ep.targets[t]])),
            ports: [...ep.ports].sort((a, b) => a - b),
            distinctUsers,
            sampleUsers: [...ep.users].slice(0, c.sampleSize).map(maskUser).sort(),
            likelySuccesses: ep.successes,
            successUids: [...ep.successUids].sort(),
            sampleUids: [...ep.uids].sort(),
        };
        if (ep.basis === 'conn') {
            evidence.medianRespBytes = ep.medianRespBytes;
            evidence.bytesDispersion = ep.bytesDispersion;
            evidence.rule = {
                maxDurationSeconds: c.maxDurationSeconds,
                maxRespBytes: ep.service === 'kerberos' ? c.maxKerberosRespBytes : c.maxRespBytes,
                maxBytesDispersion: c.maxBytesDispersion,
            };
        }
        const severity = ep.successes > 0 ? 'high' : 'medium';
        return makeFinding({
            detector: spray ? 'auth.spray' : 'auth.bruteforce',
            attack: spray ? 'T1110.003' : 'T1110',
            severity,
            confidence: ep.basis === 'conn' ? (ep.attempts >= 3 * c.threshold ? 0.8 : 0.7) : 0.9,
            firstTs: ep.firstTs,
            lastTs: ep.lastTs,
            entities,
            evidence,
            summary: `${ep.src} made ${ep.attempts} ${what} (${ep.service}) to ${toWhom} within ${minutes} min${users}${success}`,
        });
    }
    finish() {
        for (const k of this.keys.values())
            if (k.episode !== undefined)
                this.closed.push(k.episode);
        this.keys.clear();
        // A conn episode that an auth-record episode of the same source and service covers is the
        // same activity seen twice: keep the one with the accounts and the real outcome.
        const fromRecords = this.closed.filter((e) => e.basis !== 'conn');
        const kept = this.closed.filter((e) => e.basis !== 'conn' ||
            !fromRecords.some((r) => r.src === e.src && r.service === e.service && r.firstTs <= e.lastTs && e.firstTs <= r.lastTs));
        const findings = kept.map((e) => this.episodeFinding(e)).sort(compareFindings);
        this.closed.length = 0;
        return { findings, partial: undefined, evictions: { ...this.evicted } };
    }
    snapshot() {
        return {
            version: SNAPSHOT_VERSION,
            vshard: this.vshard,
            evictions: { ...this.evicted },
            closed: this.closed.map(copyEpisode),
            keys: [...this.keys.values()].map((k) => ({
                ...k,
                ring: k.ring.map((a) => ({ ...a })),
                episode: k.episode === undefined ? undefined : copyEpisode(k.episode),
            })),
        };
    }
    static restore(vshard, config, snapshot) {
        checkSnapshot('auth', snapshot, SNAPSHOT_VERSION, vshard);
        const full = snapshot;
        const shard = new AuthShard(vshard, config);
        shard.evicted.maxKeys = full.evictions.maxKeys ?? 0;
        for (const e of full.closed)
            shard.closed.push(copyEpisode(e));
        // msgpackr drops undefined properties; they come back as undefined.
        for (const k of full.keys) {
            shard.keys.set(k.key, {
                ...k,
                ring: k.ring.map((a) => ({ ...a })),
                episode: k.episode ? copyEpisode(k.episode) : undefined,
            });
        }
        return shard;
    }
}
const copyEpisodeL = (e) => ({
    ...e,
    targets: [...e.targets],
    ports: { ...e.ports },
    uids: [...e.uids],
});
const copySource = (s) => ({
    ...s,
    known: [...s.known],
    recent: s.recent.map((r) => ({ ...r })),
    episode: s.episode ? copyEpisodeL(s.episode) : undefined,
});
class LateralShard {
    vshard;
    c;
    sources = new Map();
    findings = [];
    evicted = { maxSources: 0, maxKnownTargets: 0 };
    minTs = Number.POSITIVE_INFINITY;
    constructor(vshard, c) {
        this.vshard = vshard;
        this.c = c;
    }
    observeRows(view, rows, from, to) {
        for (let k = from; k < to; k++)
            this.observe(view, rows[k]);
    }
    observe(view, i) {
        if (view.kind[i] !== RecordKind.Conn)
            return;
        const flags = view.flags[i];
        if ((flags & (Flag.OrigSet | Flag.RespSet)) !== (Flag.OrigSet | Flag.RespSet))
            return;
        if (!isOriginatorDelivery(flags))
            return;
        const ts = view.ts[i];
        if (!Number.isFinite(ts))
            return;
        if (ts < this.minTs)
            this.minTs = ts;
        if ((flags & Flag.LocalOrig) === 0 || (flags & Flag.LocalResp) === 0)
            return;
        const port = view.respPort[i];
        if (view.proto[i] !== Proto.Tcp || !ADMIN_PORTS.has(port))
            return;
        // An admin session: answered, and the host said something (a port probe is not a session).
        if (attemptOutcome(view, i) !== Outcome.Answered || !(view.counter(i, Counter.RespBytes) > 0))
            return;
        this.lateral(view, i, ts, port);
    }
    // ─── lateral fan-out ──────────────────────────────────────────────────────────────────────
    lateral(view, i, ts, port) {
        const c = this.c;
        const src = view.addrText(i, 0);
        let s = this.sources.get(src);
        if (s === undefined) {
            if (this.sources.size >= c.maxSources) {
                const oldest = this.sources.values().next().value;
                this.sources.delete(oldest.src);
                this.evicted.maxSources++;
                this.closeLateral(oldest);
            }
            s = { src, known: [], saturated: false, recent: [], maxTs: ts, episode: undefined };
            this.sources.set(src, s);
        }
        else {
            this.sources.delete(src);
            this.sources.set(src, s);
        }
        if (s.saturated)
            return;
        const target = view.addrText(i, 1);
        if (s.known.includes(target))
            return;
        if (s.known.length >= c.maxKnownTargets) {
            s.saturated = true;
            s.recent = [];
            s.episode = undefined;
            this.evicted.maxKnownTargets++;
            return;
        }
        const knownBefore = s.known.length;
        s.known.push(target);
        if (ts < this.minTs + c.warmupSeconds)
            return;
        if (ts > s.maxTs)
            s.maxTs = ts;
        const uid = view.str(i, Str.Uid);
        const ep = s.episode;
        if (ep !== undefined) {
            if (ts <= ep.lastTs + c.windowSeconds) {
                this.extendLateral(ep, ts, target, port, uid);
                return;
            }
            this.closeLateral(s);
        }
        s.recent.push({ ts, target, port, uid });
        while (s.recent.length > 0 && s.recent[0].ts < s.maxTs - c.windowSeconds)
            s.recent.shift();
        if (s.recent.length < c.minTargets)
            return;
        const opened = {
            firstTs: Number.POSITIVE_INFINITY,
            lastTs: Number.NEGATIVE_INFINITY,
            targets: [],
            ports: {},
            uids: [],
            knownBefore: knownBefore + 1 - s.recent.length,
        };
        for (const r of s.recent)
            this.extendLateral(opened, r.ts, r.target, r.port, r.uid);
        s.episode = opened;
        s.recent = [];
    }
    extendLateral(ep, ts, target, port, uid) {
        if (ts < ep.firstTs)
            ep.firstTs = ts;
        if (ts > ep.lastTs)
            ep.lastTs = ts;
        ep.targets.push(target);
        const p = String(port);
        ep.ports[p] = (ep.ports[p] ?? 0) + 1;
        if (uid !== '' && ep.uids.length < this.c.sampleSize)
            ep.uids.push(uid);
    }
    closeLateral(s) {
        const ep = s.episode;
        s.episode = undefined;
        if (ep === undefined)
            return;
        const c = this.c;
        const n = ep.targets.length;
        const ports = Object.keys(ep.ports)
            .map(Number)
            .sort((a, b) => a - b);
        this.findings.push(makeFinding({
            detector: 'lateral.admin-fanout',
            attack: 'T1021',
            severity: n >= 2 * c.minTargets || ports.length >= 2 ? 'high' : 'medium',
            confidence: round(Math.min(0.9, 0.6 + 0.02 * (n - c.minTargets) + 0.05 * (ports.length - 1)), 2),
            firstTs: ep.firstTs,
            lastTs: ep.lastTs,
            entities: { src: s.src, targets: [...ep.targets].sort().slice(0, c.sampleSize) },
            evidence: {
                newTargets: n,
                threshold: c.minTargets,
                windowSeconds: c.windowSeconds,
                warmupSeconds: c.warmupSeconds,
                knownTargetsBefore: ep.knownBefore,
                ports: Object.fromEntries(ports.map((p) => [String(p), ep.ports[String(p)]])),
                sampleUids: [...ep.uids].sort(),
            },
            summary: `${s.src} opened admin sessions (${ports.join('/')}/tcp) to ${n} internal hosts it had not contacted before within ${Math.max(1, Math.round((ep.lastTs - ep.firstTs) / 60))} min`,
        }));
    }
    finish() {
        for (const s of this.sources.values())
            this.closeLateral(s);
        this.sources.clear();
        const findings = [...this.findings].sort(compareFindings);
        return { findings, partial: undefined, evictions: { ...this.evicted } };
    }
    snapshot() {
        return {
            version: SNAPSHOT_VERSION,
            vshard: this.vshard,
            minTs: Number.isFinite(this.minTs) ? this.minTs : null,
            evictions: { ...this.evicted },
            findings: [...this.findings],
            sources: [...this.sources.values()].map(copySource),
        };
    }
    static restore(vshard, config, snapshot) {
        checkSnapshot('lateral', snapshot, SNAPSHOT_VERSION, vshard);
        const full = snapshot;
        const shard = new LateralShard(vshard, config);
        shard.minTs = full.minTs ?? Number.POSITIVE_INFINITY;
        for (const name of LATERAL_EVICTION_NAMES)
            shard.evicted[name] = full.evictions[name] ?? 0;
        for (const f of full.findings)
            shard.findings.push(f);
        for (const s of full.sources)
            shard.sources.set(s.src, copySource(s));
        return shard;
    }
}
export const authAnalyzer = {
    name: 'auth',
    create(vshard, config) {
        return new AuthShard(vshard, config);
    },
    restore(vshard, config, snapshot) {
        return AuthShard.restore(vshard, config, snapshot);
    },
    // No cross-shard aggregate: a source's records all meet in its own shard.
    merge(parts) {
        return parts.find((p) => p !== undefined);
    },
};
export const lateralAnalyzer = {
    name: 'lateral',
    create(vshard, config) {
        return new LateralShard(vshard, config);
    },
    restore(vshard, config, snapshot) {
        return LateralShard.restore(vshard, config, snapshot);
    },
    merge(parts) {
        return parts.find((p) => p !== undefined);
    },
};
//# sourceMappingURL=auth.js.map