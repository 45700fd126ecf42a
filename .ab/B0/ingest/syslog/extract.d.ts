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
'login'
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
 | 'no_identification' | 'session_open' | 'session_close'
/** sudo command run (success) or refused (failure); su switch. */
 | 'sudo' | 'su';
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
/** `sshd(pam_unix)` → `sshd`, `sshd-session` → `sshd`, `/usr/sbin/sshd` → `sshd`. */
export declare function programName(app: string | null): string;
/**
 * Classifies one record. Total: any record gives an event, `generic` when nothing matched.
 */
export declare function extractSecurityEvent(record: SyslogRecord): SecurityEvent;
