/**
 * Security events from parsed syslog records: pure, table-driven. Each rule is a literal
 * prefix or substring (a cheap test) plus one anchored regular expression; the first rule of
 * the program's table that matches builds the event. A message no rule knows is a `generic`
 * event carrying its header, so nothing is lost.
 *
 * Programs (by APP-NAME/TAG, `name(pam_unix)` and `sshd-session` folded to the name):
 * - sshd: Accepted/Failed <method> for [invalid user] U from A port P ssh2; Invalid user;
 *   pam_unix authentication failures (also `PAM n more authentication failures`); "message
 *   repeated n times: [ … ]"; Disconnected from / Connection closed by [authenticating|invalid]
 *   user; Received disconnect; POSSIBLE BREAK-IN ATTEMPT; Too many authentication failures;
 *   session opened/closed; Did not receive identification string.
 * - sudo: `U : [reason ; ]TTY=… ; PWD=… ; USER=… ; COMMAND=…` and pam_unix auth failures.
 * - su: `(to T) U on TTY`, `FAILED su for T by U`, `Successful su for T by U`, `+|- TTY U:T`,
 *   pam_unix lines.
 * - firewall: netfilter kernel logs (iptables LOG / nftables log: `PREFIX IN= OUT= … SRC= DST=
 *   … PROTO= SPT= DPT=`), recognised by content in any program's message; OpenBSD pf as
 *   tcpdump prints pflog (`rule N/M(match): block in on em0: A.p > B.q: …`).
 * - dhcp: dnsmasq (`DHCPACK(eth0) ip mac host`) and ISC dhcpd (`DHCPACK on ip to mac (host) via
 *   eth0`, `DHCPREQUEST for ip (server) from mac …`, `DHCPDISCOVER from mac …`, …).
 */
import type { SyslogRecord } from './types.js';

export type AuthOutcome = 'success' | 'failure' | 'info';

export type AuthAction =
  /** A password/publickey/keyboard-interactive/none/… attempt: success or failure. */
  | 'login'
  /** sshd `Invalid user U from A` (also input_userauth_request: invalid user). */
  | 'invalid_user'
  /** pam_unix `authentication failure; … rhost= user=`; `PAM n more authentication failures`. */
  | 'auth_failure'
  /** sshd Disconnected from / Connection closed by / Received disconnect. */
  | 'disconnect'
  /** sshd `reverse mapping checking getaddrinfo … POSSIBLE BREAK-IN ATTEMPT!`. */
  | 'break_in_attempt'
  /** sshd `Disconnecting: Too many authentication failures` / `maximum authentication attempts exceeded`. */
  | 'max_attempts'
  /** sshd `Did not receive identification string from A`: a scanner's probe. */
  | 'no_identification'
  | 'session_open'
  | 'session_close'
  /** sudo command run (success) or refused (failure); su switch. */
  | 'sudo'
  | 'su';

export interface AuthEvent {
  readonly kind: 'auth';
  /** sshd, sudo, su (the program, normalised), or the pam service (`login`, `gdm`, …). */
  readonly service: string;
  readonly action: AuthAction;
  readonly outcome: AuthOutcome;
  /** The user authenticating (sshd/su: the login name tried; sudo: the invoking user). */
  readonly user: string | null;
  /** sshd: the name was not a valid account ("invalid user", "illegal user"). */
  readonly invalidUser: boolean;
  /** The remote address (an IP literal) when given. */
  readonly sourceAddr: string | null;
  /** The remote host when given as a name (pam `rhost=`, reverse-mapping lines). */
  readonly sourceHost: string | null;
  readonly sourcePort: number | null;
  /** password, publickey, keyboard-interactive, none, hostbased, gssapi-with-mic, … */
  readonly method: string | null;
  /** sudo `USER=`, su's target account. */
  readonly targetUser: string | null;
  readonly tty: string | null;
  readonly pwd: string | null;
  readonly command: string | null;
  /** The reason text of a failure or disconnect, when the line gives one. */
  readonly reason: string | null;
  /** Attempts this line stands for (`message repeated n times`, `PAM n more …`); 1 otherwise. */
  readonly count: number;
  readonly header: SyslogRecord;
}

export type FirewallAction = 'allow' | 'block' | 'reject' | 'unknown';

export interface FirewallEvent {
  readonly kind: 'firewall';
  readonly engine: 'netfilter' | 'pf';
  /** From the log prefix (netfilter) or the pf action; `unknown` when the prefix says nothing. */
  readonly action: FirewallAction;
  /** The netfilter log prefix (`[UFW BLOCK]`, `DROP-IN:`), or pf's `rule 1/0(match)`. */
  readonly rule: string | null;
  /** Direction: netfilter by which of IN=/OUT= is set; pf as it prints it. */
  readonly direction: 'in' | 'out' | 'forward' | null;
  readonly inInterface: string | null;
  readonly outInterface: string | null;
  readonly src: string;
  readonly dst: string;
  /** tcp, udp, icmp, icmpv6, or the protocol as logged (lower case). */
  readonly proto: string;
  /** Ports; for ICMP the type and code, as Zeek writes them. null when not logged. */
  readonly srcPort: number | null;
  readonly dstPort: number | null;
  /** IP length (netfilter LEN=). */
  readonly length: number | null;
  readonly header: SyslogRecord;
}

export interface DhcpEvent {
  readonly kind: 'dhcp';
  readonly server: 'dnsmasq' | 'dhcpd';
  /** DISCOVER, OFFER, REQUEST, ACK, NAK, RELEASE, INFORM, DECLINE, … */
  readonly messageType: string;
  readonly ip: string | null;
  readonly mac: string | null;
  readonly hostname: string | null;
  readonly interface: string | null;
  /** dhcpd REQUEST: the server id in parentheses; NAK reasons etc. */
  readonly detail: string | null;
  readonly header: SyslogRecord;
}

export interface GenericEvent {
  readonly kind: 'generic';
  readonly header: SyslogRecord;
}

export type SecurityEvent = AuthEvent | FirewallEvent | DhcpEvent | GenericEvent;

type Partial_<T> = { -readonly [K in keyof T]?: T[K] };

/**
 * The fields a rule fills, all present from the start: one object shape, so building events
 * stays monomorphic (a literal per rule made the event copy the hot spot).
 */
class AuthDraft {
  user: string | null = null;
  invalidUser = false;
  sourceAddr: string | null = null;
  sourceHost: string | null = null;
  sourcePort: number | null = null;
  method: string | null = null;
  targetUser: string | null = null;
  tty: string | null = null;
  pwd: string | null = null;
  command: string | null = null;
  reason: string | null = null;
  count = 1;
}

interface AuthRule {
  /** Cheap test: the message starts with it (after `error: ` is stripped), or includes it. */
  readonly prefix?: string;
  readonly includes?: string;
  /**
   * The first four characters of the messages the rule can match, for the table's index;
   * default the prefix's. A rule with neither is tried on every message.
   */
  readonly keys?: readonly string[];
  readonly re: RegExp;
  readonly action: AuthAction;
  readonly outcome: AuthOutcome | ((m: RegExpExecArray) => AuthOutcome);
  /** Fills the draft's fields from the match. */
  readonly build: (m: RegExpExecArray, d: AuthDraft) => void;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** An IP literal (v4 dotted quad, or v6 with a colon and only hex/colons/dots/zone). */
function isIp(v: string): boolean {
  if (IPV4.test(v)) return true;
  return v.includes(':') && /^[0-9A-Fa-f:.]+(?:%[\w.-]+)?$/.test(v);
}

function port(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}

/** Address-or-name into the draft's two fields. */
function remote(d: AuthDraft, v: string | undefined): void {
  if (v === undefined || v === '') return;
  if (isIp(v)) d.sourceAddr = v;
  else d.sourceHost = v;
}

/** pam_unix `authentication failure; logname= uid= euid= tty= ruser= rhost= [user=]`. */
const PAM_AUTH_FAIL =
  /authentication failure; logname=(\S*) uid=\d* euid=\d* tty=(\S*) ruser=(\S*) rhost=(\S*)(?:\s+user=(\S+))?/;

/** `Accepted|Failed <method> for [invalid user] U from A port P`: groups 1–5. */
const sshdLogin: AuthRule['build'] = (m, d) => {
  d.method = m[1]!;
  d.invalidUser = !!m[2];
  d.user = m[3]!;
  remote(d, m[4]);
  d.sourcePort = port(m[5]);
};

const SSHD_RULES: readonly AuthRule[] = [
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
      d.method = m[2]!;
      d.invalidUser = !!m[3];
      d.user = m[4]!;
      remote(d, m[5]);
      d.sourcePort = port(m[6]);
    },
  },
  // Older OpenSSH says "Illegal user"; the same rule under both prefixes of the index.
  ...(['Invalid', 'Illegal'] as const).map((word) => ({
    prefix: `${word} user `,
    re: new RegExp(`^${word} user (.*?) from (\\S+)(?: port (\\d+))?`),
    action: 'invalid_user' as const,
    outcome: 'failure' as const,
    build: (m: RegExpExecArray, d: AuthDraft) => {
      d.invalidUser = true;
      d.user = m[1]!;
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
      d.user = m[1]!;
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
      d.sourceHost = m[1] ?? m[4]!;
      d.sourceAddr = m[2] ?? m[3]!;
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
  ...(['closed', 'reset'] as const).map((how) => ({
    prefix: `Connection ${how} by `,
    re: new RegExp(`^Connection ${how} by (?:(authenticating|invalid) user (.*?) )?(\\S+)(?: port (\\d+))?`),
    action: 'disconnect' as const,
    outcome: 'info' as const,
    build: (m: RegExpExecArray, d: AuthDraft) => {
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
      d.user = m[2]!;
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
function sessionRules(): AuthRule[] {
  return [
    {
      prefix: 'session opened for user ',
      re: /session opened for user (\S+?)(?:\(uid=\d+\))? by (\S*?)(?:\(uid=\d+\))?$/,
      action: 'session_open',
      outcome: 'success',
      build: (m, d) => {
        d.targetUser = m[1]!;
        d.user = m[2] || null;
      },
    },
    {
      prefix: 'session closed for user ',
      re: /session closed for user (\S+)/,
      action: 'session_close',
      outcome: 'info',
      build: (m, d) => {
        d.targetUser = m[1]!;
      },
    },
  ];
}

/** `U : [reason ; ]KEY=value ; …` — sudo's one-line log. */
const SUDO_LINE = /^\s*(\S+) : (.*)$/;

function sudoEvent(msg: string, header: SyslogRecord): AuthEvent | undefined {
  const m = SUDO_LINE.exec(msg);
  if (m === null) return undefined;
  const f = new AuthDraft();
  f.user = m[1]!;
  let reason: string | null = null;
  for (const part of m[2]!.split(' ; ')) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : '';
    if (key === 'TTY') f.tty = part.slice(eq + 1);
    else if (key === 'PWD') f.pwd = part.slice(eq + 1);
    else if (key === 'USER') f.targetUser = part.slice(eq + 1);
    else if (key === 'COMMAND') f.command = part.slice(eq + 1);
    else if (/^[A-Z]+$/.test(key)) {
      // GROUP=, ENV=, TSID=: not kept
    } else if (reason === null) reason = part.trim();
  }
  if (f.command === null && reason === null) return undefined;
  const count = reason !== null ? /^(\d+) incorrect password attempts?/.exec(reason) : null;
  f.reason = reason;
  if (count) f.count = Number(count[1]);
  return auth('sudo', 'sudo', reason === null ? 'success' : 'failure', header, f);
}

const SU_RULES: readonly AuthRule[] = [
  {
    prefix: '(to ',
    re: /^\(to (\S+)\) (\S+) on (\S+)/,
    action: 'su',
    outcome: 'success',
    build: (m, d) => {
      d.targetUser = m[1]!;
      d.user = m[2]!;
      d.tty = m[3]!;
    },
  },
  {
    prefix: 'FAILED su for ',
    re: /^FAILED su for (\S+) by (\S+)/,
    action: 'su',
    outcome: 'failure',
    build: (m, d) => {
      d.targetUser = m[1]!;
      d.user = m[2]!;
    },
  },
  {
    prefix: 'Successful su for ',
    re: /^Successful su for (\S+) by (\S+)/,
    action: 'su',
    outcome: 'success',
    build: (m, d) => {
      d.targetUser = m[1]!;
      d.user = m[2]!;
    },
  },
  {
    re: /^([+-]) (\S+) (\S+):(\S+)$/,
    action: 'su',
    outcome: (m) => (m[1] === '+' ? 'success' : 'failure'),
    build: (m, d) => {
      d.tty = m[2]!;
      d.user = m[3]!;
      d.targetUser = m[4]!;
    },
  },
  ...pamRules(),
];

/** Auth lines of any pam-using program (login, gdm, su, sudo, …). */
function pamRules(): AuthRule[] {
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

function auth(
  service: string,
  action: AuthAction,
  outcome: AuthOutcome,
  header: SyslogRecord,
  f: AuthDraft,
): AuthEvent {
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

/** A rule table indexed by the first four characters of the messages each rule can match. */
interface RuleIndex {
  readonly byKey: ReadonlyMap<string, readonly AuthRule[]>;
  readonly always: readonly AuthRule[];
}

function indexRules(rules: readonly AuthRule[]): RuleIndex {
  const byKey = new Map<string, AuthRule[]>();
  const always: AuthRule[] = [];
  for (const r of rules) {
    const keys =
      r.keys ?? (r.prefix !== undefined && r.prefix.length >= 4 ? [r.prefix.slice(0, 4)] : undefined);
    if (keys === undefined) always.push(r);
    else {
      for (const k of keys) {
        const list = byKey.get(k);
        if (list) list.push(r);
        else byKey.set(k, [r]);
      }
    }
  }
  return { byKey, always };
}

function runRules(
  index: RuleIndex,
  msg: string,
  service: string,
  header: SyslogRecord,
): AuthEvent | undefined {
  return (
    tryRules(index.byKey.get(msg.slice(0, 4)), msg, service, header) ??
    tryRules(index.always, msg, service, header)
  );
}

function tryRules(
  rules: readonly AuthRule[] | undefined,
  msg: string,
  service: string,
  header: SyslogRecord,
): AuthEvent | undefined {
  if (rules === undefined) return undefined;
  for (const r of rules) {
    if (r.prefix !== undefined && !msg.startsWith(r.prefix)) continue;
    if (r.includes !== undefined && !msg.includes(r.includes)) continue;
    const m = r.re.exec(msg);
    if (m === null) continue;
    const outcome = typeof r.outcome === 'function' ? r.outcome(m) : r.outcome;
    const d = new AuthDraft();
    r.build(m, d);
    return auth(service, r.action, outcome, header, d);
  }
  return undefined;
}

/** sshd's text after the optional `error: `/`fatal: ` level word and pam_unix(sshd:…) prefix. */
function sshdBody(msg: string): string {
  if (msg.startsWith('error: ')) return msg.slice(7);
  if (msg.startsWith('fatal: ')) return msg.slice(7);
  return msg;
}

// --- firewall -------------------------------------------------------------------------------

/** Netfilter's `KEY=value` pairs (and bare flags, ignored) after the prefix. */
const NF_START = /(?:^|\s)IN=(\S*) OUT=(\S*)/;

function firewallAction(text: string): FirewallAction {
  const t = text.toUpperCase();
  if (/REJECT/.test(t)) return 'reject';
  if (/DROP|DENY|BLOCK|DENIED|DROPPED|BLOCKED/.test(t)) return 'block';
  if (/ACCEPT|ALLOW|PASS|PERMIT/.test(t)) return 'allow';
  return 'unknown';
}

function netfilterEvent(msg: string, header: SyslogRecord): FirewallEvent | undefined {
  const m = NF_START.exec(msg);
  if (m === null) return undefined;
  // Prefix: what precedes IN=, minus the kernel's `[uptime]` stamp.
  let prefix = msg.slice(0, m.index).trim();
  prefix = prefix.replace(/^\[\s*\d+\.\d+\]\s*/, '');
  const kv = new Map<string, string>();
  const rest = msg.slice(m.index + m[0].length);
  for (const tok of rest.split(' ')) {
    const eq = tok.indexOf('=');
    if (eq > 0) {
      const k = tok.slice(0, eq);
      if (!kv.has(k)) kv.set(k, tok.slice(eq + 1));
    }
  }
  const src = kv.get('SRC');
  const dst = kv.get('DST');
  if (src === undefined || dst === undefined) return undefined;
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
const PF_LINE =
  /(?:^|\s)(rule \S+?\(\w+\)):? (pass|block|match|nat|binat|rdr|scrub) (in|out) on (\S+?): (?:\[[^\]]*\] )?(\S+) > (\S+?):(?: (.*))?$/;

/** `1.2.3.4.5555` → [1.2.3.4, 5555]; `2001:db8::1.22` → [2001:db8::1, 22]; no port → null. */
function splitAddrPort(v: string): [string, number | null] {
  const dot = v.lastIndexOf('.');
  if (v.includes(':')) {
    if (dot < 0) return [v, null];
    return [v.slice(0, dot), port(v.slice(dot + 1))];
  }
  const dots = v.split('.').length - 1;
  if (dots === 4) return [v.slice(0, dot), port(v.slice(dot + 1))];
  return [v, null];
}

function pfEvent(msg: string, header: SyslogRecord): FirewallEvent | undefined {
  const m = PF_LINE.exec(msg);
  if (m === null) return undefined;
  const [src, sp] = splitAddrPort(m[5]!);
  const [dst, dp] = splitAddrPort(m[6]!);
  const rest = m[7] ?? '';
  let proto = 'unknown';
  if (/^(?:udp|UDP)\b/.test(rest) || /\bUDP\b|\budp \d+/.test(rest)) proto = 'udp';
  else if (/^icmp6?\b|^ICMP6?\b/i.test(rest)) proto = /^icmp6/i.test(rest) ? 'icmpv6' : 'icmp';
  else if (/^(?:Flags )?\[?[SFRPUEW.]+\]?(?:,| |$)|^tcp\b/.test(rest)) proto = 'tcp';
  else if (sp !== null) proto = 'unknown';
  const action = m[2] === 'block' ? 'block' : m[2] === 'pass' ? 'allow' : 'unknown';
  const dir = m[3] as 'in' | 'out';
  return {
    kind: 'firewall',
    engine: 'pf',
    action,
    rule: m[1]!,
    direction: dir,
    inInterface: dir === 'in' ? m[4]! : null,
    outInterface: dir === 'out' ? m[4]! : null,
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
const DHCPD_RULES: ReadonlyArray<[RegExp, (m: RegExpExecArray) => Partial_<DhcpEvent>]> = [
  [
    // DHCPOFFER/ACK/NAK on IP to MAC [(host)] via IF; DHCPRELEASE/DECLINE of IP from MAC …
    new RegExp(
      `^DHCP([A-Z]+) (?:on|of) (\\S+) (?:to|from) (${MAC})(?: \\(([^)]*)\\))? via (\\S+)(?: (.*))?$`,
    ),
    (m) => ({
      messageType: m[1]!,
      ip: m[2]!,
      mac: m[3]!,
      hostname: m[4] || null,
      interface: m[5]!,
      detail: m[6] ?? null,
    }),
  ],
  [
    // DHCPREQUEST for IP [(SERVER)] from MAC [(host)] via IF[: reason]
    new RegExp(
      `^DHCP([A-Z]+) for (\\S+)(?: \\(([^)]*)\\))? from (${MAC})(?: \\(([^)]*)\\))? via (\\S+?):?(?: (.*))?$`,
    ),
    (m) => ({
      messageType: m[1]!,
      ip: m[2]!,
      mac: m[4]!,
      hostname: m[5] || null,
      interface: m[6]!,
      detail: m[3] ?? m[7] ?? null,
    }),
  ],
  [
    // DHCPDISCOVER from MAC [(host)] via IF[: reason]
    new RegExp(`^DHCP([A-Z]+) from (${MAC})(?: \\(([^)]*)\\))? via (\\S+?):?(?: (.*))?$`),
    (m) => ({
      messageType: m[1]!,
      mac: m[2]!,
      hostname: m[3] || null,
      interface: m[4]!,
      detail: m[5] ?? null,
    }),
  ],
  [
    // DHCPINFORM from IP via IF
    /^DHCP([A-Z]+) from (\S+) via (\S+)/,
    (m) => ({ messageType: m[1]!, ip: m[2]!, interface: m[3]! }),
  ],
];

function dhcp(server: DhcpEvent['server'], header: SyslogRecord, f: Partial_<DhcpEvent>): DhcpEvent {
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
function dnsmasqEvent(msg: string, header: SyslogRecord): DhcpEvent | undefined {
  const m = DNSMASQ.exec(msg);
  if (m === null) return undefined;
  const type = m[1]!;
  const toks = m[3] === undefined ? [] : m[3].split(' ');
  let k = 0;
  let ip: string | null = null;
  let mac: string | null = null;
  if (k < toks.length && !MAC_RE.test(toks[k]!) && IP_TOKEN.test(toks[k]!)) ip = toks[k++]!;
  if (k < toks.length && MAC_RE.test(toks[k]!)) mac = toks[k++]!;
  const rest = k < toks.length ? toks.slice(k).join(' ') : null;
  // ACK/OFFER/REQUEST/INFORM: a single word after the MAC is the client's hostname; else a reason.
  const isHost =
    rest !== null && mac !== null && /^(?:ACK|OFFER|REQUEST|INFORM)$/.test(type) && !rest.includes(' ');
  return dhcp('dnsmasq', header, {
    messageType: type,
    interface: m[2] || null,
    ip,
    mac,
    hostname: isHost ? rest : null,
    detail: isHost ? null : rest,
  });
}

function dhcpdEvent(msg: string, header: SyslogRecord): DhcpEvent | undefined {
  for (const [re, build] of DHCPD_RULES) {
    const m = re.exec(msg);
    if (m !== null) return dhcp('dhcpd', header, build(m));
  }
  return undefined;
}

// --- dispatch -------------------------------------------------------------------------------

/** `sshd(pam_unix)` → `sshd`, `sshd-session` → `sshd`, `/usr/sbin/sshd` → `sshd`. */
export function programName(app: string | null): string {
  if (app === null) return '';
  let a = app;
  const paren = a.indexOf('(');
  if (paren > 0) a = a.slice(0, paren);
  const slash = a.lastIndexOf('/');
  if (slash >= 0) a = a.slice(slash + 1);
  if (a === 'sshd-session' || a === 'sshd-auth') return 'sshd';
  return a;
}

/** The service a `pam_unix(svc:…)` line names, or undefined. */
function pamService(msg: string): string | undefined {
  if (!msg.startsWith('pam_unix(')) return undefined;
  const colon = msg.indexOf(':', 9);
  return colon > 9 ? msg.slice(9, colon) : undefined;
}

/** Strips `pam_unix(svc:type): ` so the pam rules see the text alone. */
function afterPam(msg: string): string {
  if (!msg.startsWith('pam_unix(')) return msg;
  const close = msg.indexOf('): ');
  return close > 0 ? msg.slice(close + 3) : msg;
}

/**
 * Classifies one record. Total: any record gives an event, `generic` when nothing matched.
 */
export function extractSecurityEvent(record: SyslogRecord): SecurityEvent {
  const msg = record.message;
  const prog = programName(record.app);
  let ev: SecurityEvent | undefined;
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
      if (msg.startsWith('DHCP') || /^\d+ DHCP/.test(msg)) ev = dnsmasqEvent(msg, record);
      break;
    case 'dhcpd':
      if (msg.startsWith('DHCP')) ev = dhcpdEvent(msg, record);
      break;
    default: {
      const svc = pamService(msg);
      if (svc !== undefined) ev = runRules(PAM_INDEX, afterPam(msg), svc, record);
      else if (record.app?.includes('(pam_unix)')) {
        ev = runRules(PAM_INDEX, msg, prog, record);
      }
    }
  }
  if (ev === undefined) {
    // By content, whatever the program (kernel, a relay, a plain file without tags).
    if (msg.includes('IN=') && msg.includes(' SRC=')) ev = netfilterEvent(msg, record);
    else if (msg.includes('(match)')) ev = pfEvent(msg, record);
    else if (prog === '' && msg.startsWith('DHCP')) ev = dnsmasqEvent(msg, record) ?? dhcpdEvent(msg, record);
  }
  return ev ?? { kind: 'generic', header: record };
}
