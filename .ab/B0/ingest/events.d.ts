/**
 * Integrity and protocol events: bad input is data, reported with where it was found, never an
 * exception. Codes are stable (documented in docs/formats.md); the run goes on.
 */
export declare const IntegrityCode: {
    /** File ended without `#close`: cut short or still being written. */
    readonly MissingClose: 'missing_close';
    /** A data line before any `#fields` header in a TSV log. */
    readonly MissingHeader: 'missing_header';
    /** A data line whose field count differs from `#fields`. */
    readonly FieldCount: 'field_count';
    /** A value that does not parse as its declared type (time, addr, port, count, …). */
    readonly UnparsableValue: 'unparsable_value';
    /** The header (fields/types/path) changed mid-file. */
    readonly HeaderChange: 'header_change';
    /** A record's time runs backwards beyond the tolerance. */
    readonly TsBackwards: 'ts_backwards';
    /** A conn `uid` seen before in the same run. */
    readonly DuplicateUid: 'duplicate_uid';
    /** NUL bytes, invalid UTF-8 or control bytes in a text log line. */
    readonly BinaryGarbage: 'binary_garbage';
    /** A JSON log line that is not a JSON object. */
    readonly BadJson: 'bad_json';
    /** A line longer than the configured maximum: skipped. */
    readonly LineTooLong: 'line_too_long';
    /** A gzip stream that ends early or is corrupt. */
    readonly TruncatedGzip: 'truncated_gzip';
    /** `<file>.sha256` disagrees with the file's content. */
    readonly ChecksumMismatch: 'checksum_mismatch';
    /** `<file>.sha256` exists but cannot be read or holds no digest. */
    readonly ChecksumUnreadable: 'checksum_unreadable';
    /** An unknown `#` directive. */
    readonly UnknownDirective: 'unknown_directive';
};
export type IntegrityCode = (typeof IntegrityCode)[keyof typeof IntegrityCode];
export interface IntegrityEvent {
    readonly code: IntegrityCode;
    readonly file: string;
    /** 1-based line number in the (decompressed) file; 0 when the event concerns the whole file. */
    readonly line: number;
    /** Byte offset in the (decompressed) file. */
    readonly offset: number;
    readonly message: string;
}
