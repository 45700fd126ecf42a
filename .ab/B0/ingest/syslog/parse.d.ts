/**
 * One syslog line → one record: RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`),
 * RFC 3164 (`<PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG`) and the variants seen in practice:
 * ISO 8601 timestamps in BSD framing (rsyslog's file format), no hostname, no PRI (plain log
 * files). Pure and total: any input gives a record; problems are events.
 */
import { type SyslogContext, type SyslogParseResult } from './types.js';
/**
 * Parses one syslog message or log-file line (without or with its trailing CR/LF/NUL).
 * Never throws: malformed parts are reported as events and left unset.
 */
export declare function parseSyslog(line: Uint8Array | string, context: SyslogContext): SyslogParseResult;
