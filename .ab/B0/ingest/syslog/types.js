/**
 * Syslog records and events (RFC 5424, RFC 3164 and plain log-file lines). Pure data: the
 * parser fills these, the extractors read them; nothing here does I/O.
 */
/** Problems found in syslog input. Codes are stable; each is data, never an exception. */
export const SyslogEventCode = {
    /** `<…>` at the start that is not a valid PRI (1–3 digits, ≤ 191, no leading zero): kept as text. */
    BadPri: 'syslog_bad_pri',
    /** A timestamp that does not parse (RFC 3339 in 5424, `Mmm dd hh:mm:ss` in 3164): ts is NaN. */
    BadTimestamp: 'syslog_bad_timestamp',
    /** RFC 5424 header field missing, too long or with forbidden characters. */
    BadHeader: 'syslog_bad_header',
    /** Malformed STRUCTURED-DATA: the elements before it are kept, the rest becomes the message. */
    BadStructuredData: 'syslog_bad_structured_data',
    /** More SD elements or parameters than the limits: the extra ones are dropped. */
    StructuredDataLimit: 'syslog_sd_limit',
    /** A message over `maxMessageBytes`: cut there, `truncated` set. */
    MessageTooLong: 'syslog_message_too_long',
    /** Invalid UTF-8 bytes: each replaced by U+FFFD. */
    InvalidUtf8: 'syslog_invalid_utf8',
    /** Framer: an octet-counting frame whose length field is malformed; resynchronised at the next LF. */
    BadFrameLength: 'syslog_bad_frame_length',
    /** Framer: a frame over `maxFrameBytes`; skipped without buffering it. */
    FrameTooLong: 'syslog_frame_too_long',
    /** Framer: the stream ended inside an octet-counted frame; the partial frame is dropped. */
    TruncatedFrame: 'syslog_truncated_frame',
};
export const DEFAULT_SYSLOG_LIMITS = {
    maxMessageBytes: 64 * 1024,
    maxSdElements: 32,
    maxSdParams: 256,
};
//# sourceMappingURL=types.js.map