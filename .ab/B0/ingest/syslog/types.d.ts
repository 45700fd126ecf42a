/**
 * Syslog records and events (RFC 5424, RFC 3164 and plain log-file lines). Pure data: the
 * parser fills these, the extractors read them; nothing here does I/O.
 */
/** Problems found in syslog input. Codes are stable; each is data, never an exception. */
export declare const SyslogEventCode: {
    /** `<…>` at the start that is not a valid PRI (1–3 digits, ≤ 191, no leading zero): kept as text. */
    readonly BadPri: 'syslog_bad_pri';
    /** A timestamp that does not parse (RFC 3339 in 5424, `Mmm dd hh:mm:ss` in 3164): ts is NaN. */
    readonly BadTimestamp: 'syslog_bad_timestamp';
    /** RFC 5424 header field missing, too long or with forbidden characters. */
    readonly BadHeader: 'syslog_bad_header';
    /** Malformed STRUCTURED-DATA: the elements before it are kept, the rest becomes the message. */
    readonly BadStructuredData: 'syslog_bad_structured_data';
    /** More SD elements or parameters than the limits: the extra ones are dropped. */
    readonly StructuredDataLimit: 'syslog_sd_limit';
    /** A message over `maxMessageBytes`: cut there, `truncated` set. */
    readonly MessageTooLong: 'syslog_message_too_long';
    /** Invalid UTF-8 bytes: each replaced by U+FFFD. */
    readonly InvalidUtf8: 'syslog_invalid_utf8';
    /** Framer: an octet-counting frame whose length field is malformed; resynchronised at the next LF. */
    readonly BadFrameLength: 'syslog_bad_frame_length';
    /** Framer: a frame over `maxFrameBytes`; skipped without buffering it. */
    readonly FrameTooLong: 'syslog_frame_too_long';
    /** Framer: the stream ended inside an octet-counted frame; the partial frame is dropped. */
    readonly TruncatedFrame: 'syslog_truncated_frame';
};
export type SyslogEventCode = (typeof SyslogEventCode)[keyof typeof SyslogEventCode];
export interface SyslogEvent {
    readonly code: SyslogEventCode;
    /** Where the input came from (file name, `udp:1.2.3.4:514`, …), from the context. */
    readonly source: string;
    /**
     * Offset of the problem: the line's or frame's byte offset in its stream (from the context /
     * the framer) plus, for parser events, the character index in the decoded line.
     */
    readonly offset: number;
    readonly message: string;
}
export interface SdParam {
    readonly name: string;
    /** Unescaped (`\"`, `\\`, `\]` undone; any other backslash kept, as RFC 5424 §6.3.3 says). */
    readonly value: string;
}
export interface SdElement {
    readonly id: string;
    /** In order, duplicates kept (RFC 5424 allows a PARAM-NAME to repeat). */
    readonly params: readonly SdParam[];
}
export type SyslogFormat = '5424' | '3164' | 'plain';
export interface SyslogRecord {
    /**
     * '5424': `<PRI>VERSION …`; '3164': `<PRI>` then BSD framing (or anything else: then the
     * whole rest is the message); 'plain': no PRI, as in log files (`Mmm dd hh:mm:ss host tag:`).
     */
    readonly format: SyslogFormat;
    /** Epoch seconds (fractions kept); NaN for NILVALUE, a missing or an unparsable timestamp. */
    readonly ts: number;
    /** 0–23 from PRI; null without PRI. */
    readonly facility: number | null;
    /** 0–7 from PRI; null without PRI. */
    readonly severity: number | null;
    /** null for NILVALUE or when absent. */
    readonly hostname: string | null;
    /** APP-NAME (5424) or the TAG (3164), e.g. `sshd`, `sshd(pam_unix)`, `kernel`. */
    readonly app: string | null;
    /** PROCID (5424) or the `[pid]` of the TAG (3164). */
    readonly procid: string | null;
    /** MSGID (5424 only). */
    readonly msgid: string | null;
    readonly structuredData: readonly SdElement[];
    /** MSG without a leading BOM (5424) and without the trailing CR/LF/NUL. */
    readonly message: string;
    /** True when the MSG started with the UTF-8 BOM (RFC 5424: MSG-UTF8). */
    readonly bom: boolean;
    /** True when the input was cut at `maxMessageBytes`. */
    readonly truncated: boolean;
}
export interface SyslogLimits {
    /** Maximum bytes (or UTF-16 units for string input) of a line; longer ones are cut. */
    readonly maxMessageBytes: number;
    /** Maximum SD elements kept per message. */
    readonly maxSdElements: number;
    /** Maximum SD parameters kept per message (over all elements). */
    readonly maxSdParams: number;
}
export declare const DEFAULT_SYSLOG_LIMITS: SyslogLimits;
export interface SyslogContext {
    /** Names the input in events. */
    readonly source: string;
    /** Byte offset of this line in its stream; events add to it. Default 0. */
    readonly offset?: number;
    /**
     * Year for timestamps without one (RFC 3164 `Mmm dd hh:mm:ss`). When absent the year of
     * `referenceTs` is used; when both are absent, 1970.
     */
    readonly year?: number;
    /**
     * Epoch seconds of "now" for the input (e.g. the time a datagram was received or a file's
     * mtime). With no explicit `year`, a yearless timestamp more than 7 days after it is put in
     * the previous year (December lines read in January).
     */
    readonly referenceTs?: number;
    /** Offset from UTC, in minutes, of timestamps without a zone (RFC 3164). Default 0 (UTC). */
    readonly utcOffsetMinutes?: number;
    readonly limits?: SyslogLimits;
}
export interface SyslogParseResult {
    readonly record: SyslogRecord;
    /** Empty (a shared frozen array) when the line had no problems. */
    readonly events: readonly SyslogEvent[];
}
