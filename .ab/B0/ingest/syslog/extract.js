/**
 * The fields a rule fills, all present from the start: one object shape, so building events
 * stays monomorphic (a literal per rule made the event copy the hot spot).
 */
class AuthDraft {
    user = null;
    invalidUser = false;
    sourceAddr = null;
    sourceHost = null;
    sourcePort = null;
    method = null;
    targetUser = null;
    tty = null;
    pwd = null;
    command = null;
    reason = null;
    count = 1;
}
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** An IP literal (v4 dotted quad, or v6 with a colon and only hex/colons/dots/zone). */
function isIp(v) {
    if (IPV4.test(v))
        return true;
    return v.includes(':') && /^[0-9A-Fa-f:.]+(?:%[\w.-]+)?$/.test(v);
}
function port(v) {
    if (v === undefined)
        return null;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}
/** Address-or-name into the draft's two fields. */
function remote(d, v) {
    if (v === undefined || v === '')
        return;
    if (isIp(v))
        d.sourceAddr = v;
    else
        d.sourceHost = v;
}
/** pam_unix `authentication failure; logname= uid= euid= tty= ruser= rhost= [user=]`. */
const PAM_AUTH_FAIL = /authentication failure; logname=(\S*) uid=\d* euid=\d* tty=(\S*) ruser=(\S*) rhost=(\S*)(?:\s+user=(\S+))?/;
/** `Accepted|Failed <method> for [invalid user] U from A port P`: groups 1–5. */
const sshdLogin = (m, d) => {
    d.method = m[1];
    d.invalidUser = !!m[2];
    d.user = m[3];
    remote(d, m[4]);
    d.sourcePort = port(m[5]);
};
const SSHD_RULES = [
    {
        prefix: 'Accepted ',
        re: /^Accepted (\S+) for (?:(invalid|illegal) user )?(.*?) from (\S+) port (\d+)/,
        action: 'login',
        outcome: 'success',
        build: sshdLogin,
    },
    {
        prefix: 'Failed ',
        re: /^Failed (\S+) for (?:(invalid|illegal) user )?(.*?) from (\S+) port (\d+)/,
        action: 'login',
        outcome: 'failure',
        build: sshdLogin,
    },
    {
        prefix: 'message repeated ',
        re: /^message repeated (\d+) times: \[ Failed (\S+) for (?:(invalid|illegal) user )?(.*?) from (\S+) port (\d+)/,
        action: 'login',
        outcome: 'failure',
        build: (m, d) => {
            d.count = Number(m[1]);
            d.method = m[2];
            d.invalidUser = !!m[3];
            d.user = m[4];
            remote(d, m[5]);
            d.sourcePort = port(m[6]);
        },
    },
    // Older OpenSSH says "Illegal user"; the same rule under both prefixes of the index.
    ...['Invalid', 'Illegal'].map((word) => ({
        prefix: `${word} user `,
        re: new RegExp(`^${word} user (.*?) from (\\S+)(?: port (\\d+))?`),
        action: 'invalid_user',
        outcome: 'failure',
        build: (m, d) => {
            d.invalidUser = true;
            d.user = m[1];
            remote(d, m[2]);
            d.sourcePort = port(m[3]);
        },
    })),
    {
        prefix: 'input_userauth_request: ',
        re: /^input_userauth_request: (?:invalid|illegal) user (.*?)(?: \[preauth\])?$/,
        action: 'invalid_user',
        outcome: 'failure',
        build: (m, d) => {
            d.invalidUser = true;
            d.user = m[1];
        },
    },
    {
        includes: 'authentication failure;',
        keys: ['auth'],
        re: PAM_AUTH_FAIL,
        action: 'auth_failure',
        outcome: 'failure',
        build: (m, d) => {
            remote(d, m[4]);
            d.user = m[5] ?? null;
            d.tty = m[2] || null;
        },
    },
    {
        prefix: 'PAM ',
        re: /^PAM (\d+) more authentication failures?; logname=\S* uid=\d* euid=\d* tty=(\S*) ruser=\S* rhost=(\S*)(?:\s+user=(\S+))?/,
        action: 'auth_failure',
        outcome: 'failure',
        build: (m, d) => {
            d.count = Number(m[1]);
            remote(d, m[3]);
            d.user = m[4] ?? null;
            d.tty = m[2] || null;
        },
    },
    {
        includes: 'POSSIBLE BREAK-IN ATTEMPT',
        keys: ['reve', 'Addr'],
        re: /^(?:reverse mapping checking getaddrinfo for (\S+) \[(\S+)\] failed|Address (\S+) maps to (\S+), but this does not map back to the address)/,
        action: 'break_in_attempt',
        outcome: 'info',
        build: (m, d) => {
            d.sourceHost = m[1] ?? m[4];
            d.sourceAddr = m[2] ?? m[3];
        },
    },
    {
        prefix: 'Received disconnect from ',
        re: /^Received disconnect from (\S+?)(?: port (\d+))?: ?(?:\d+: )?(.*?)(?: \[preauth\])?$/,
        action: 'disconnect',
        outcome: 'info',
        build: (m, d) => {
            remote(d, m[1]);
            d.sourcePort = port(m[2]);
            d.reason = m[3] || null;
        },
    },
    {
        prefix: 'Disconnected from ',
        re: /^Disconnected from (?:(authenticating|invalid) user (.*?) |user (.*?) )?(\S+) port (\d+)/,
        action: 'disconnect',
        outcome: 'info',
        build: (m, d) => {
            d.user = m[2] ?? m[3] ?? null;
            d.invalidUser = m[1] === 'invalid';
            remote(d, m[4]);
            d.sourcePort = port(m[5]);
        },
    },
    ...['closed', 'reset'].map((how) => ({
        prefix: `Connection ${how} by `,
        re: new RegExp(`^Connection ${how} by (?:(authenticating|invalid) user (.*?) )?(\\S+)(?: port (\\d+))?`),
        action: 'disconnect',
        outcome: 'info',
        build: (m, d) => {
            d.user = m[2] ?? null;
            d.invalidUser = m[1] === 'invalid';
            remote(d, m[3]);
            d.sourcePort = port(m[4]);
        },
    })),
    {
        prefix: 'Disconnecting',
        re: /^Disconnecting(?: (?:authenticating|invalid) user (\S+) (\S+) port (\d+))?: Too many authentication failures(?: for (?:invalid user )?(\S+))?/,
        action: 'max_attempts',
        outcome: 'failure',
        build: (m, d) => {
            d.user = m[1] ?? m[4] ?? null;
            remote(d, m[2]);
            d.sourcePort = port(m[3]);
        },
    },
    {
        prefix: 'maximum authentication attempts exceeded for ',
        re: /^maximum authentication attempts exceeded for (?:(invalid) user )?(.*?) from (\S+) port (\d+)/,
        action: 'max_attempts',
        outcome: 'failure',
        build: (m, d) => {
            d.invalidUser = !!m[1];
            d.user = m[2];
            remote(d, m[3]);
            d.sourcePort = port(m[4]);
        },
    },
    {
        prefix: 'Did not receive identification string from ',
        re: /^Did not receive identification string from (\S+)(?: port (\d+))?/,
        action: 'no_identification',
        outcome: 'info',
        build: (m, d) => {
            remote(d, m[1]);
            d.sourcePort = port(m[2]);
        },
    },
    ...sessionRules(),
];
/** pam_unix(svc:session) lines; the service comes from the parenthesis or the program. */
function sessionRules() {
    return [
        {
            prefix: 'session opened for user ',
            re: /session opened for user (\S+?)(?:\(uid=\d+\))? by (\S*?)(?:\(uid=\d+\))?$/,
            action: 'session_open',
            outcome: 'success',
            build: (m, d) => {
                d.targetUser = m[1];
                d.user = m[2] || null;
            },
        },
        {
            prefix: 'session closed for user ',
            re: /session closed for user (\S+)/,
            action: 'session_close',
            outcome: 'info',
            build: (m, d) => {
                d.targetUser = m[1];
            },
        },
    ];
}
/** `U : [reason ; ]KEY=value ; …` — sudo's one-line log. */
const SUDO_LINE = /^\s*(\S+) : (.*)$/;
function sudoEvent(msg, header) {
    const m = SUDO_LINE.exec(msg);
    if (m === null)
        return undefined;
    const f = new AuthDraft();
    f.user = m[1];
    let reason = null;
    for (const part of m[2].split(' ; ')) {
        const eq = part.indexOf('=');
        const key = eq > 0 ? part.slice(0, eq) : '';
        if (key === 'TTY')
            f.tty = part.slice(eq + 1);
        else if (key === 'PWD')
            f.pwd = part.slice(eq + 1);
        else if (key === 'USER')
            f.targetUser = part.slice(eq + 1);
        else if (key === 'COMMAND')
            f.command = part.slice(eq + 1);
        else if (/^[A-Z]+$/.test(key)) {
            // GROUP=, ENV=, TSID=: not kept
        }
        else if (reason === null)
            reason = part.trim();
    }
    if (f.command === null && reason === null)
        return undefined;
    const count = reason !== null ? /^(\d+) incorrect password attempts?/.exec(reason) : null;
    f.reason = reason;
    if (count)
        f.count = Number(count[1]);
    return auth('sudo', 'sudo', reason === null ? 'success' : 'failure', header, f);
}
const SU_RULES = [
    {
        prefix: '(to ',
        re: /^\(to (\S+)\) (\S+) on (\S+)/,
        action: 'su',
        outcome: 'success',
        build: (m, d) => {
            d.targetUser = m[1];
            d.user = m[2];
            d.tty = m[3];
        },
    },
    {
        prefix: 'FAILED su for ',
        re: /^FAILED su for (\S+) by (\S+)/,
        action: 'su',
        outcome: 'failure',
        build: (m, d) => {
            d.targetUser = m[1];
            d.user = m[2];
        },
    },
    {
        prefix: 'Successful su for ',
        re: /^Successful su for (\S+) by (\S+)/,
        action: 'su',
        outcome: 'success',
        build: (m, d) => {
            d.targetUser = m[1];
            d.user = m[2];
        },
    },
    {
        re: /^([+-]) (\S+) (\S+):(\S+)$/,
        action: 'su',
        outcome: (m) => (m[1] === '+' ? 'success' : 'failure'),
        build: (m, d) => {
            d.tty = m[2];
            d.user = m[3];
            d.targetUser = m[4];
        },
    },
    ...pamRules(),
];
/** Auth lines of any pam-using program (login, gdm, su, sudo, …). */
function pamRules() {
    return [
        {
            includes: 'authentication failure;',
            keys: ['auth'],
            re: PAM_AUTH_FAIL,
            action: 'auth_failure',
            outcome: 'failure',
            build: (m, d) => {
                remote(d, m[4]);
                d.targetUser = m[5] ?? null;
                d.user = m[1] || m[3] || null;
                d.tty = m[2] || null;
            },
        },
        ...sessionRules(),
    ];
}
const PAM_INDEX = indexRules(pamRules());
const SSHD_INDEX = indexRules(SSHD_RULES);
const SU_INDEX = indexRules(SU_RULES);
function auth(service, action, outcome, header, f) {
    return {
        kind: 'auth',
        service,
        action,
        outcome,
        user: f.user,
        invalidUser: f.invalidUser,
        sourceAddr: f.sourceAddr,
        sourceHost: f.sourceHost,
        sourcePort: f.sourcePort,
        method: f.method,
        targetUser: f.targetUser,
        tty: f.tty,
        pwd: f.pwd,
        command: f.command,
        reason: f.reason,
        count: f.count,
        header,
    };
}
function indexRules(rules) {
    const byKey = new Map();
    const always = [];
    for (const r of rules) {
        const keys = r.keys ?? (r.prefix !== undefined && r.prefix.length >= 4 ? [r.prefix.slice(0, 4)] : undefined);
        if (keys === undefined)
            always.push(r);
        else {
            for (const k of keys) {
                const list = byKey.get(k);
                if (list)
                    list.push(r);
                else
                    byKey.set(k, [r]);
            }
        }
    }
    return { byKey, always };
}
function runRules(index, msg, service, header) {
    return (tryRules(index.byKey.get(msg.slice(0, 4)), msg, service, header) ??
        tryRules(index.always, msg, service, header));
}
function tryRules(rules, msg, service, header) {
    if (rules === undefined)
        return undefined;
    for (const r of rules) {
        if (r.prefix !== undefined && !msg.startsWith(r.prefix))
            continue;
        if (r.includes !== undefined && !msg.includes(r.includes))
            continue;
        const m = r.re.exec(msg);
        if (m === null)
            continue;
        const outcome = typeof r.outcome === 'function' ? r.outcome(m) : r.outcome;
        const d = new AuthDraft();
        r.build(m, d);
        return auth(service, r.action, outcome, header, d);
    }
    return undefined;
}
/** sshd's text after the optional `error: `/`fatal: ` level word and pam_unix(sshd:…) prefix. */
function sshdBody(msg) {
    if (msg.startsWith('error: '))
        return msg.slice(7);
    if (msg.startsWith('fatal: '))
        return msg.slice(7);
    return msg;
}
// --- firewall -------------------------------------------------------------------------------
/** Netfilter's `KEY=value` pairs (and bare flags, ignored) after the prefix. */
const NF_START = /(?:^|\s)IN=(\S*) OUT=(\S*)/;
function firewallAction(text) {
    const t = text.toUpperCase();
    if (/REJECT/.test(t))
        return 'reject';
    if (/DROP|DENY|BLOCK|DENIED|DROPPED|BLOCKED/.test(t))
        return 'block';
    if (/ACCEPT|ALLOW|PASS|PERMIT/.test(t))
        return 'allow';
    return 'unknown';
}
function netfilterEvent(msg, header) {
    const m = NF_START.exec(msg);
    if (m === null)
        return undefined;
    // Prefix: what precedes IN=, minus the kernel's `[uptime]` stamp.
    let prefix = msg.slice(0, m.index).trim();
    prefix = prefix.replace(/^\[\s*\d+\.\d+\]\s*/, '');
    const kv = new Map();
    const rest = msg.slice(m.index + m[0].length);
    for (const tok of rest.split(' ')) {
        const eq = tok.indexOf('=');
        if (eq > 0) {
            const k = tok.slice(0, eq);
            if (!kv.has(k))
                kv.set(k, tok.slice(eq + 1));
        }
    }
    const src = kv.get('SRC');
    const dst = kv.get('DST');
    if (src === undefined || dst === undefined)
        return undefined;
    const proto = (kv.get('PROTO') ?? 'unknown').toLowerCase();
    const icmp = proto === 'icmp' || proto === 'icmpv6' || proto === 'icmp6';
    const inIf = m[1] || null;
    const outIf = m[2] || null;
    const len = kv.get('LEN');
    return {
        kind: 'firewall',
        engine: 'netfilter',
        action: firewallAction(prefix),
        rule: prefix || null,
        direction: inIf && outIf ? 'forward' : inIf ? 'in' : outIf ? 'out' : null,
        inInterface: inIf,
        outInterface: outIf,
        src,
        dst,
        proto: proto === 'icmp6' ? 'icmpv6' : proto,
        srcPort: port(icmp ? kv.get('TYPE') : kv.get('SPT')),
        dstPort: port(icmp ? kv.get('CODE') : kv.get('DPT')),
        length: len !== undefined && /^\d+$/.test(len) ? Number(len) : null,
        header,
    };
}
/** tcpdump's pflog line: `rule R(reason): action dir on if: src > dst: rest`. */
const PF_LINE = /(?:^|\s)(rule \S+?\(\w+\)):? (pass|block|match|nat|binat|rdr|scrub) (in|out) on (\S+?): (?:\[[^\]]*\] )?(\S+) > (\S+?):(?: (.*))?$/;
/** `1.2.3.4.5555` → [1.2.3.4, 5555]; `2001:db8::1.22` → [2001:db8::1, 22]; no port → null. */
function splitAddrPort(v) {
    const dot = v.lastIndexOf('.');
    if (v.includes(':')) {
        if (dot < 0)
            return [v, null];
        return [v.slice(0, dot), port(v.slice(dot + 1))];
    }
    const dots = v.split('.').length - 1;
    if (dots === 4)
        return [v.slice(0, dot), port(v.slice(dot + 1))];
    return [v, null];
}
function pfEvent(msg, header) {
    const m = PF_LINE.exec(msg);
    if (m === null)
        return undefined;
    const [src, sp] = splitAddrPort(m[5]);
    const [dst, dp] = splitAddrPort(m[6]);
    const rest = m[7] ?? '';
    let proto = 'unknown';
    if (/^(?:udp|UDP)\b/.test(rest) || /\bUDP\b|\budp \d+/.test(rest))
        proto = 'udp';
    else if (/^icmp6?\b|^ICMP6?\b/i.test(rest))
        proto = /^icmp6/i.test(rest) ? 'icmpv6' : 'icmp';
    else if (/^(?:Flags )?\[?[SFRPUEW.]+\]?(?:,| |$)|^tcp\b/.test(rest))
        proto = 'tcp';
    else if (sp !== null)
        proto = 'unknown';
    const action = m[2] === 'block' ? 'block' : m[2] === 'pass' ? 'allow' : 'unknown';
    const dir = m[3];
    return {
        kind: 'firewall',
        engine: 'pf',
        action,
        rule: m[1],
        direction: dir,
        inInterface: dir === 'in' ? m[4] : null,
        outInterface: dir === 'out' ? m[4] : null,
        src,
        dst,
        proto,
        srcPort: sp,
        dstPort: dp,
        length: null,
        header,
    };
}
// --- dhcp -----------------------------------------------------------------------------------
const MAC = '[0-9A-Fa-f]{1,2}(?:[:-][0-9A-Fa-f]{1,2}){5,19}';
const DNSMASQ = /^(?:\d+ )?DHCP([A-Z]+)\(([^)]*)\)(?: (.*))?$/;
const MAC_RE = new RegExp(`^${MAC}$`);
const IP_TOKEN = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/;
const DHCPD_RULES = [
    [
        // DHCPOFFER/ACK/NAK on IP to MAC [(host)] via IF; DHCPRELEASE/DECLINE of IP from MAC …
        new RegExp(`^DHCP([A-Z]+) (?:on|of) (\\S+) (?:to|from) (${MAC})(?: \\(([^)]*)\\))? via (\\S+)(?: (.*))?$`),
        (m) => ({
            messageType: m[1],
            ip: m[2],
            mac: m[3],
            hostname: m[4] || null,
            interface: m[5],
            detail: m[6] ?? null,
        }),
    ],
    [
        // DHCPREQUEST for IP [(SERVER)] from MAC [(host)] via IF[: reason]
        new RegExp(`^DHCP([A-Z]+) for (\\S+)(?: \\(([^)]*)\\))? from (${MAC})(?: \\(([^)]*)\\))? via (\\S+?):?(?: (.*))?$`),
        (m) => ({
            messageType: m[1],
            ip: m[2],
            mac: m[4],
            hostname: m[5] || null,
            interface: m[6],
            detail: m[3] ?? m[7] ?? null,
        }),
    ],
    [
        // DHCPDISCOVER from MAC [(host)] via IF[: reason]
        new RegExp(`^DHCP([A-Z]+) from (${MAC})(?: \\(([^)]*)\\))? via (\\S+?):?(?: (.*))?$`),
        (m) => ({
            messageType: m[1],
            mac: m[2],
            hostname: m[3] || null,
            interface: m[4],
            detail: m[5] ?? null,
        }),
    ],
    [
        // DHCPINFORM from IP via IF
        /^DHCP([A-Z]+) from (\S+) via (\S+)/,
        (m) => ({ messageType: m[1], ip: m[2], interface: m[3] }),
    ],
];
function dhcp(server, header, f) {
    return {
        kind: 'dhcp',
        server,
        messageType: f.messageType ?? 'UNKNOWN',
        ip: f.ip ?? null,
        mac: f.mac ? f.mac.toLowerCase() : null,
        hostname: f.hostname ?? null,
        interface: f.interface ?? null,
        detail: f.detail ?? null,
        header,
    };
}
/** `[xid ]DHCPTYPE(iface)[ ip][ mac][ rest]`: the tokens after the interface, by shape. */
function dnsmasqEvent(msg, header) {
    const m = DNSMASQ.exec(msg);
    if (m === null)
        return undefined;
    const type = m[1];
    const toks = m[3] === undefined ? [] : m[3].split(' ');
    let k = 0;
    let ip = null;
    let mac = null;
    if (k < toks.length && !MAC_RE.test(toks[k]) && IP_TOKEN.test(toks[k]))
        ip = toks[k++];
    if (k < toks.length && MAC_RE.test(toks[k]))
        mac = toks[k++];
    const rest = k < toks.length ? toks.slice(k).join(' ') : null;
    // ACK/OFFER/REQUEST/INFORM: a single word after the MAC is the client's hostname; else a reason.
    const isHost = rest !== null && mac !== null && /^(?:ACK|OFFER|REQUEST|INFORM)$/.test(type) && !rest.includes(' ');
    return dhcp('dnsmasq', header, {
        messageType: type,
        interface: m[2] || null,
        ip,
        mac,
        hostname: isHost ? rest : null,
        detail: isHost ? null : rest,
    });
}
function dhcpdEvent(msg, header) {
    for (const [re, build] of DHCPD_RULES) {
        const m = re.exec(msg);
        if (m !== null)
            return dhcp('dhcpd', header, build(m));
    }
    return undefined;
}
// --- dispatch -------------------------------------------------------------------------------
/** `sshd(pam_unix)` → `sshd`, `sshd-session` → `sshd`, `/usr/sbin/sshd` → `sshd`. */
export function programName(app) {
    if (app === null)
        return '';
    let a = app;
    const paren = a.indexOf('(');
    if (paren > 0)
        a = a.slice(0, paren);
    const slash = a.lastIndexOf('/');
    if (slash >= 0)
        a = a.slice(slash + 1);
    if (a === 'sshd-session' || a === 'sshd-auth')
        return 'sshd';
    return a;
}
/** The service a `pam_unix(svc:…)` line names, or undefined. */
function pamService(msg) {
    if (!msg.startsWith('pam_unix('))
        return undefined;
    const colon = msg.indexOf(':', 9);
    return colon > 9 ? msg.slice(9, colon) : undefined;
}
/** Strips `pam_unix(svc:type): ` so the pam rules see the text alone. */
function afterPam(msg) {
    if (!msg.startsWith('pam_unix('))
        return msg;
    const close = msg.indexOf('): ');
    return close > 0 ? msg.slice(close + 3) : msg;
}
/**
 * Classifies one record. Total: any record gives an event, `generic` when nothing matched.
 */
export function extractSecurityEvent(record) {
    const msg = record.message;
    const prog = programName(record.app);
    let ev;
    switch (prog) {
        case 'sshd':
            ev = runRules(SSHD_INDEX, afterPam(sshdBody(msg)), 'sshd', record);
            break;
        case 'sudo':
            ev = sudoEvent(msg, record) ?? runRules(PAM_INDEX, afterPam(msg), 'sudo', record);
            break;
        case 'su':
            ev = runRules(SU_INDEX, afterPam(msg), 'su', record);
            break;
        case 'dnsmasq':
        case 'dnsmasq-dhcp':
            if (msg.startsWith('DHCP') || /^\d+ DHCP/.test(msg))
                ev = dnsmasqEvent(msg, record);
            break;
        case 'dhcpd':
            if (msg.startsWith('DHCP'))
                ev = dhcpdEvent(msg, record);
            break;
        default: {
            const svc = pamService(msg);
            if (svc !== undefined)
                ev = runRules(PAM_INDEX, afterPam(msg), svc, record);
            else if (record.app?.includes('(pam_unix)')) {
                ev = runRules(PAM_INDEX, msg, prog, record);
            }
        }
    }
    if (ev === undefined) {
        // By content, whatever the program (kernel, a relay, a plain file without tags).
        if (msg.includes('IN=') && msg.includes(' SRC='))
            ev = netfilterEvent(msg, record);
        else if (msg.includes('(match)'))
            ev = pfEvent(msg, record);
        else if (prog === '' && msg.startsWith('DHCP'))
            ev = dnsmasqEvent(msg, record) ?? dhcpdEvent(msg, record);
    }
    return ev ?? { kind: 'generic', header: record };
}
//# sourceMappingURL=extract.js.map