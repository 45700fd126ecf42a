/**
 * Integrity and protocol events: bad input is data, reported with where it was found, never an
 * exception. Codes are stable (documented in docs/formats.md); the run goes on.
 */
export const IntegrityCode = {
    /** File ended without `#close`: cut short or still being written. */
    MissingClose: 'missing_close',
    /** A data line before any `#fields` header in a TSV log. */
    MissingHeader: 'missing_header',
    /** A data line whose field count differs from `#fields`. */
    FieldCount: 'field_count',
    /** A value that does not parse as its declared type (time, addr, port, count, …). */
    UnparsableValue: 'unparsable_value',
    /** The header (fields/types/path) changed mid-file. */
    HeaderChange: 'header_change',
    /** A record's time runs backwards beyond the tolerance. */
    TsBackwards: 'ts_backwards',
    /** A conn `uid` seen before in the same run. */
    DuplicateUid: 'duplicate_uid',
    /** NUL bytes, invalid UTF-8 or control bytes in a text log line. */
    BinaryGarbage: 'binary_garbage',
    /** A JSON log line that is not a JSON object. */
    BadJson: 'bad_json',
    /** A line longer than the configured maximum: skipped. */
    LineTooLong: 'line_too_long',
    /** A gzip stream that ends early or is corrupt. */
    TruncatedGzip: 'truncated_gzip',
    /** `<file>.sha256` disagrees with the file's content. */
    ChecksumMismatch: 'checksum_mismatch',
    /** `<file>.sha256` exists but cannot be read or holds no digest. */
    ChecksumUnreadable: 'checksum_unreadable',
    /** An unknown `#` directive. */
    UnknownDirective: 'unknown_directive',
};
//# sourceMappingURL=events.js.map