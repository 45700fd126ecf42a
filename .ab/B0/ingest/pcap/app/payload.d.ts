/**
 * Clear-text payload inspection: the first bytes of each direction of a connection whose content
 * is not encrypted, matched against the sensitive-data and command-line patterns of
 * shared/sensitive-patterns.ts (card numbers, SSNs, API keys, JWTs, private-key headers, long
 * base64/hex blobs; reverse shells, download-and-run, encoded PowerShell). Each match is one
 * payload.log record (`PayloadLogRecord`).
 *
 * - TCP: the in-order stream bytes of a direction (after reassembly) are collected up to
 *   `budget` bytes and matched once, as one text — so a pattern split across segments is found
 *   — when the budget is full, the direction has a gap, the connection turns out encrypted (TLS
 *   or SSH detected: what came before, e.g. an SMTP dialogue before STARTTLS, is matched, nothing
 *   after), or the connection ends. At most `budget` bytes per direction are held, only while the
 *   prefix is being collected; a connection found encrypted at its first bytes holds nothing.
 * - UDP: each datagram's payload is matched on its own as it comes (no buffering), until the
 *   direction's budget is spent (the datagram crossing it is cut).
 *
 * Bytes are read as Latin-1 (one character per byte, so offsets are byte offsets). A second pass
 * matches the text with its percent-escapes undone and `+` read as a space (form bodies, query
 * strings) when it has an escape; its matches are reported at the stream offset of their first
 * raw byte, and a value both passes find is reported once.
 *
 * Values are masked inside the matchers (`mask`: at most the last four characters): no
 * unmasked sensitive byte leaves this module. At most `MAX_PAYLOAD_RECORDS` records per
 * connection; the rest are counted in one `payload_match_limit` protocol event.
 */
import { type SensitiveRules } from '../../../shared/sensitive-patterns.js';
import type { EventSink } from '../packet.js';
/** One payload.log row (its connection and ts travel in the ConnLogRecord around it). */
export interface PayloadLogRecord {
    /** Whether the match is in the originator's bytes. */
    readonly isOrig: boolean;
    /** card, ssn, api-key:<provider>, jwt, private-key, blob, reverse-shell, download-exec, encoded-command. */
    readonly kind: string;
    /** The pattern that matched: a SensitiveKind or a CommandKind (shared/sensitive-patterns.ts). */
    readonly pattern: string;
    /** The masked value, or the command line with any sensitive value in it masked. */
    readonly value: string;
    /** Characters of the value as it was matched (a command: of the snippet). */
    readonly length: number;
    /** Offset of the match's first byte in the direction's payload (TCP stream or UDP datagrams). */
    readonly offset: number;
}
/** Bytes of each direction inspected by default. */
export declare const DEFAULT_PAYLOAD_BYTES = 4096;
/** Largest accepted budget. */
export declare const MAX_PAYLOAD_BYTES: number;
/** Records per connection (both directions). */
export declare const MAX_PAYLOAD_RECORDS = 16;
/** Payload matching with blobs (the content detector's default blob rules). */
export declare const PAYLOAD_RULES_BLOBS: SensitiveRules;
/**
 * Payload matching without blobs, the default: certificates (GSI/GridFTP, LDAP), SASL and NTLM
 * exchanges, cookies and page assets carry long base64 in clear-text payloads routinely (47 of
 * the corpus's 52 payload matches with blobs on, all benign: docs/detectors.md).
 */
export declare const PAYLOAD_RULES: SensitiveRules;
/** A match as the inspector reports it, with the time of the segment that completed it. */
export type PayloadSink = (ts: number, rec: PayloadLogRecord) => void;
/**
 * `text` with `%XX` escapes undone (one character per byte) and `+` read as a space, and for
 * each character of the result the index of its first character in `text` (`map[length]` is
 * `text.length`).
 */
export declare function decodeMapped(text: string): {
    readonly text: string;
    readonly map: Int32Array;
};
/** A match of a text: its record fields and its span in the text's bytes. */
interface Found {
    readonly start: number;
    readonly end: number;
    readonly kind: string;
    readonly pattern: string;
    readonly value: string;
    readonly length: number;
}
/**
 * Every sensitive value and command line in `bytes` (Latin-1), masked, in order of their first
 * byte (ties: sensitive values first, then commands in pattern order). Pure; never throws.
 */
export declare function matchPayload(bytes: Uint8Array, rules?: SensitiveRules): Found[];
/** Inspects one connection's payload (created by the app layer for a connection it reads). */
export declare class PayloadInspector {
    private readonly budget;
    private readonly emit;
    private readonly onEvent;
    private readonly uid;
    private readonly rules;
    private readonly dirs;
    private records;
    private dropped;
    constructor(budget: number, emit: PayloadSink, onEvent: EventSink, uid: string, rules?: SensitiveRules);
    /** Whether stream bytes of the direction are still wanted. */
    wants(isOrig: boolean): boolean;
    /** In-order TCP stream bytes (a view valid during the call). */
    push(isOrig: boolean, bytes: Uint8Array, ts: number): void;
    /** The direction's stream has a hole: what came before it is matched, nothing after. */
    gap(isOrig: boolean): void;
    /** The content is encrypted from here on: what was collected is matched, nothing after. */
    stop(): void;
    /** The connection ended. */
    close(ts: number): void;
    /** One UDP payload: matched at once, within the direction's budget. */
    datagram(isOrig: boolean, bytes: Uint8Array, ts: number): void;
    private end;
    private report;
}
export {};
