/**
 * Pure matchers of sensitive values and command lines in clear text, shared by the capture
 * path's payload inspector (ingest/pcap/app/payload.ts: the first bytes of each clear-text
 * stream) and the `content` detector (detect/content.ts: HTTP URIs and headers, DNS names, TLS
 * SNI, FTP arguments, SMTP subjects): ONE implementation of each pattern. It lives here because
 * ingest must not import from detect (folders follow the pipeline, DESIGN.md).
 *
 * Nothing here keeps a raw value: every sensitive match comes back masked (`mask`: the last
 * four characters at most, the rest `*`), with its kind, length and position; a command line's
 * snippet has every sensitive value inside it masked the same way. Matching is bounded by the
 * caller (content.ts truncates fields, the inspector reads a bounded prefix) and every regular
 * expression is linear-time in practice (no nested unbounded quantifiers).
 */
/** At most this many `*` in a masked value (the length is reported separately). */
export declare const MASK_STARS_MAX = 16;
/**
 * `value` with all but its last four characters replaced by `*` (at most `MASK_STARS_MAX`
 * stars). A value of eight characters or fewer keeps none: its last four would be half of it.
 */
export declare function mask(value: string): string;
/**
 * Percent-escapes undone (twice when the first pass leaves escapes: double encoding); never
 * throws. `+` is left alone (base64 uses it); command matching also tries it as a space.
 */
export declare function percentDecode(text: string): string;
/** Shannon entropy of the characters of `s`, bits per character (0 for ''). */
export declare function shannonEntropy(s: string): number;
/** Luhn (mod 10) check of a string of digits; false for anything else or ''. */
export declare function luhnValid(digits: string): boolean;
/**
 * Whether the issuer prefix (IIN) and length fit a payment-card brand: Visa, Mastercard, Amex,
 * Discover, JCB, Diners, UnionPay, Maestro, Mir.
 */
export declare function plausibleIin(digits: string): boolean;
/** Digits of a card number if `candidate` is one (plausible IIN and Luhn), else undefined. */
export declare function cardDigits(candidate: string): string | undefined;
/** Whether area-group-serial is a possible US SSN: area not 000, 666 or 9xx; group, serial not 0. */
export declare function validSsn(area: string, group: string, serial: string): boolean;
export type SensitiveKind = 'card' | 'ssn' | 'aws-access-key' | 'github-token' | 'slack-token' | 'google-api-key' | 'stripe-key' | 'jwt' | 'private-key' | 'base64-blob' | 'hex-blob';
export declare const SENSITIVE_KINDS: readonly SensitiveKind[];
/** Credentials (ATT&CK T1552) as opposed to data (T1048). */
export declare function isCredentialKind(kind: SensitiveKind): boolean;
/** Whether the first part of a JWT decodes (base64url) to a JSON object with a string `alg`. */
export declare function jwtHeaderOk(token: string): boolean;
export interface BlobRules {
    /** Characters a base64 or hex run needs. */
    readonly minLength: number;
    /** Bits per character a base64 run needs (random base64: ≈ 5.5 at 128 characters). */
    readonly minBase64Entropy: number;
    /** Bits per character a hex run needs (random hex: ≈ 3.9 at 128 characters). */
    readonly minHexEntropy: number;
}
/**
 * Classifies a run of base64/base64url characters: a hex blob (only hex digits, entropy ≥
 * minHexEntropy), a base64 blob (upper and lower case letters and digits, entropy ≥
 * minBase64Entropy) or nothing (long words, paths, numbers).
 */
export declare function blobKind(run: string, rules: BlobRules): SensitiveKind | undefined;
export interface SensitiveMatch {
    readonly kind: SensitiveKind;
    /** `mask(value)`; card numbers and SSNs are masked as their digits. */
    readonly masked: string;
    /** Characters of the (normalised) value. */
    readonly length: number;
    /** Where the match starts and ends in the text (end exclusive). */
    readonly start: number;
    readonly end: number;
}
export interface SensitiveRules {
    /** Blob rules; undefined turns blob matching off. */
    readonly blobs: BlobRules | undefined;
}
/**
 * Every sensitive value in `text` (already decoded), in text order per kind, masked. Specific
 * kinds take precedence: a blob overlapping a token, key or card is not reported again.
 */
export declare function findSensitive(text: string, rules: SensitiveRules): SensitiveMatch[];
/** The `kind` a payload.log record gives a sensitive value (its `pattern` is the SensitiveKind). */
export declare const SENSITIVE_FAMILY: Readonly<Record<SensitiveKind, string>>;
export type CommandKind = 'dev-tcp' | 'netcat-exec' | 'mkfifo-shell' | 'socat-exec' | 'script-reverse-shell' | 'powershell-encoded' | 'powershell-cradle' | 'download-pipe-shell' | 'download-chmod' | 'certutil-download' | 'bitsadmin-transfer' | 'mshta-remote' | 'regsvr32-remote';
/**
 * What a command line does: open an interactive shell to a remote peer (`reverse-shell`, ATT&CK
 * T1059), fetch a program and run it (`download-exec`, T1105 Ingress Tool Transfer), or run an
 * encoded PowerShell command (`encoded-command`, T1059.001).
 */
export type CommandFamily = 'reverse-shell' | 'download-exec' | 'encoded-command';
export declare const COMMAND_FAMILY: Readonly<Record<CommandKind, CommandFamily>>;
export declare const COMMAND_PATTERNS: readonly (readonly [CommandKind, RegExp])[];
export interface CommandMatch {
    readonly kind: CommandKind;
    /**
     * The matched text, at most `COMMAND_SNIPPET_MAX` characters, every sensitive value inside it
     * masked (`maskSensitive`).
     */
    readonly snippet: string;
    /** Where the match starts in the text. */
    readonly start: number;
}
export declare const COMMAND_SNIPPET_MAX = 120;
/** `text` with every sensitive value `findSensitive` finds in it masked. */
export declare function maskSensitive(text: string): string;
/**
 * Reverse-shell and download-and-run command lines in `text` (already percent-decoded; `+` is
 * also tried as a space, as in query strings). At most one match per kind.
 */
export declare function findCommands(text: string): CommandMatch[];
