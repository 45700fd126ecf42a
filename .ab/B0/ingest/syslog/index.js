/**
 * Syslog ingest: RFC 6587 framing, RFC 5424 / RFC 3164 / plain-line parsing, and security
 * events (sshd, sudo, su, netfilter, pf, dnsmasq, dhcpd) from the parsed records. Pure.
 */
export * from './extract.js';
export * from './framer.js';
export { parseSyslog } from './parse.js';
export * from './records.js';
export * from './types.js';
//# sourceMappingURL=index.js.map