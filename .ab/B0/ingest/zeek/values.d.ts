export declare const MAX_EXACT = 9007199254740992;
export declare const POW10: Float64Array<ArrayBuffer>;
/** Validation classes of Zeek `#types`. */
export declare const VType: {
    readonly Any: 0;
    readonly Time: 1;
    readonly Double: 2;
    readonly Count: 3;
    readonly Int: 4;
    readonly Port: 5;
    readonly Addr: 6;
    readonly Subnet: 7;
    readonly Bool: 8;
};
export type VType = (typeof VType)[keyof typeof VType];
/** Zeek type name → validation class; containers give their element's class. */
export declare function classifyType(type: string): {
    vtype: VType;
    container: boolean;
};
/** The bytes as a latin1 string; only for short ASCII-ish slow paths. */
export declare function asciiText(b: Uint8Array, s: number, e: number): string;
/**
 * Decimal number: [-]digits[.digits][(e|E)[+-]digits] (digits may be omitted on one side of
 * the dot). Returns NaN when `b[s,e)` is not one or overflows a double. Negative values are allowed for every type,
 * time included: Zeek writes NTP era timestamps before 1970 as negative times (WRCCDC ntp.log).
 */
export declare function parseDecimal(b: Uint8Array, s: number, e: number): number;
/**
 * Whether b[s,e) is a valid decimal (see parseDecimal); with `special` also the forms C's
 * printf writes for doubles that are not finite: inf, -inf, nan, -nan, infinity.
 */
export declare function isDecimal(b: Uint8Array, s: number, e: number, special: boolean): boolean;
/** Unsigned integer (at most 20 digits: Zeek's count is 64-bit); NaN when invalid. */
export declare function parseCount(b: Uint8Array, s: number, e: number): number;
/** Signed integer (Zeek's int is 64-bit); validity only. */
export declare function isInt(b: Uint8Array, s: number, e: number): boolean;
/** Port number 0–65535; -1 when invalid. */
export declare function parsePort(b: Uint8Array, s: number, e: number): number;
export declare function isBool(b: Uint8Array, s: number, e: number): boolean;
export declare function isAddr(b: Uint8Array, s: number, e: number): boolean;
/** `addr/len`, len ≤ 32 for IPv4 and ≤ 128 for IPv6. */
export declare function isSubnet(b: Uint8Array, s: number, e: number): boolean;
/** Validates one scalar value of class `vt` (markers are handled by the caller). */
export declare function isValid(vt: VType, b: Uint8Array, s: number, e: number): boolean;
/** Whether b[s,e) holds exactly the bytes of `marker` (an unset or empty field marker, a key, a path). */
export declare function isMarker(b: Uint8Array, s: number, e: number, marker: Uint8Array): boolean;
/**
 * Length of the valid UTF-8 sequence of 2–4 bytes at b[i], or 0 when it is not one (overlong
 * forms, surrogates and code points above U+10FFFF are invalid, as in the WHATWG decoder).
 * Reads at most b[i + 3] and stops at the first byte that is not a continuation, so a
 * terminator ('\n', '"') is never read past.
 */
export declare function utf8SequenceLength(b: Uint8Array, i: number, end: number): number;
/**
 * ISO 8601 / RFC 3339 timestamp `YYYY-MM-DDTHH:MM:SS[.frac][Z|±HH:MM|±HHMM]` (a space may
 * replace the 'T'; no zone means UTC, as Zeek's `JSON::TS_ISO8601` always writes 'Z') → epoch
 * seconds; NaN when invalid.
 */
export declare function parseIsoTime(b: Uint8Array, s: number, e: number): number;
/** A short, printable rendering of b[s,e) for event messages (non-printables as \xHH). */
export declare function describeBytes(b: Uint8Array, s: number, e: number, max?: number): string;
/**
 * One-pass IPv6 parser for the plain forms Zeek writes (1–4 hex digits per group, at most one
 * '::'), writing the same four words as `parseAddressBytes`. Reads from `s` while the bytes
 * look like such an address and returns the index of the first byte after it, or -1 when the
 * text is not one. The caller checks that the returned index holds its terminator; any other
 * byte there ('.' of an embedded IPv4, '%' of a zone, garbage) means: ask parseAddressBytes.
 * Never reads past the first byte that is neither a hex digit nor ':'.
 */
export declare function parseIPv6At(b: Uint8Array, s: number, out: Uint32Array, at: number): number;
