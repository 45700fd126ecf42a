/**
 * SSH for one TCP stream direction, incremental and bounded: the identification line
 * (`SSH-2.0-OpenSSH_8.9p1 Ubuntu-3`, RFC 4253 §4.2), the lines a server may send before it, and
 * the cleartext binary packets up to NEWKEYS, of which the KEXINIT name-lists are kept. Two
 * directions together give Zeek's ssh.log fields `version`, `client`, `server`, `cipher_alg`,
 * `mac_alg`, `compression_alg`, `kex_alg` and `host_key_alg`, negotiated the way
 * base/protocols/ssh/main.zeek does (first client algorithm the server also offers).
 *
 * `auth_success` and `auth_attempts` are Zeek's guess from the sizes of the encrypted packets
 * that follow NEWKEYS (SshAuthGuess). Not done: `host_key` (needs each key exchange's reply
 * format) and `direction` (needs local networks).
 *
 * Bounds, and what they cost: a line is at most 1024 bytes (RFC 4253 allows 255 for the
 * identification; longer is an event and the end of parsing), at most 64 lines or 16 KiB may
 * precede the identification, a cleartext packet is buffered up to 256 KiB (RFC 4253 requires
 * 35000; KEXINITs in the wild, and Zeek's stress trace, run to ~40 KB), each name-list keeps at
 * most `maxAlgorithms` names. After NEWKEYS a direction only counts the encrypted bytes of each
 * delivery (`push` returns them) until `stop()`; SSH-1 is not read.
 * Input faults are `ProtocolEvent`s, never exceptions.
 */
import type { EventSink } from '../packet.js';
export declare const SSH_MAX_PACKET: number;
export interface SshBanner {
    /** The identification line without CR LF: Zeek's `client` / `server`. */
    readonly raw: string;
    /** protoversion: `2.0`, `1.99`, `1.5`. */
    readonly protoVersion: string;
    /** softwareversion: `OpenSSH_8.9p1`. */
    readonly software: string;
    /** What follows the first space: `Ubuntu-3`. */
    readonly comments: string | undefined;
}
/** An `SSH-protoversion-softwareversion [comments]` line, or undefined when it is not one. */
export declare function parseSshBanner(line: string): SshBanner | undefined;
/**
 * True when a stream starts like an SSH identification line: `SSH-`, a digit, '.'. A server may
 * send other lines first (RFC 4253 §4.2); the client side decides the protocol in that case.
 * Needs 6 bytes.
 */
export declare function looksLikeSsh(firstBytes: Uint8Array): boolean;
export interface SshKexInit {
    readonly cookie: string;
    readonly kexAlgorithms: readonly string[];
    readonly serverHostKeyAlgorithms: readonly string[];
    readonly encryptionClientToServer: readonly string[];
    readonly encryptionServerToClient: readonly string[];
    readonly macClientToServer: readonly string[];
    readonly macServerToClient: readonly string[];
    readonly compressionClientToServer: readonly string[];
    readonly compressionServerToClient: readonly string[];
    readonly languagesClientToServer: readonly string[];
    readonly languagesServerToClient: readonly string[];
    readonly firstKexPacketFollows: boolean;
}
/** Zeek's weird-name stems for the categories of a KEXINIT, in wire order of their lists. */
declare const KEX_CATEGORIES: readonly ['kex_algorithms', 'hostkey_algorithms', 'encryption_algorithms', 'encryption_algorithms', 'mac_algorithms', 'mac_algorithms', 'compression_algorithms', 'compression_algorithms', 'languages', 'languages'];
export interface SshParserOptions {
    /** This parser reads the originator's (client's) direction (default true). */
    readonly isOrig?: boolean;
    readonly sink?: EventSink;
    /**
     * Names kept per name-list of a category; a longer list is an
     * `SSH_max_kexinit_<category>_exceeded` event (Zeek's weird, with Zeek's "count > limit").
     */
    readonly maxAlgorithms?: Partial<Record<(typeof KEX_CATEGORIES)[number], number>>;
}
/** One direction of an SSH stream. */
export declare class SshStreamParser {
    readonly isOrig: boolean;
    private readonly sink;
    private readonly limits;
    private events;
    private ts;
    private fileOffset;
    streamOffset: number;
    banner: SshBanner | undefined;
    /** Lines before the identification (server banners, MOTD-like art). */
    preBannerLines: number;
    private preBannerBytes;
    kexInit: SshKexInit | undefined;
    /** Cleartext binary packets seen, by message type (bounded: 256 types). */
    readonly messages: Map<number, number>;
    /** True after NEWKEYS: the rest of this direction is encrypted. */
    newKeys: boolean;
    private state;
    private line;
    private lineLen;
    private readonly head;
    private headLen;
    private packet;
    private packetFill;
    constructor(options?: SshParserOptions);
    get done(): boolean;
    private event;
    /** A hole in the stream: stop reading this direction. */
    gap(): void;
    /** Stops counting encrypted bytes (the authentication guess is over). */
    stop(): void;
    /** Reads a delivery; returns how many of its bytes came after NEWKEYS (encrypted). */
    push(bytes: Uint8Array, ts: number, fileOffset?: number): number;
    private pushLine;
    private onLine;
    private pushPacket;
    private onPacket;
    private parseKexInit;
}
/**
 * Zeek's guess whether an SSH-2 client authenticated, from the sizes of the encrypted
 * deliveries after NEWKEYS (the SSH analyzer's ProcessEncrypted): once the client has sent
 * encrypted data, the server's first encrypted delivery is SERVICE_ACCEPT and sets the
 * reference size; a delivery 16 bytes smaller is USERAUTH_SUCCESS (before any failure: the
 * "none" method succeeded); otherwise the next one is the first USERAUTH_FAILURE (the reply to
 * the client's "none" probe, not counted; a delivery more than 256 bytes bigger is taken once
 * for a pre-auth banner and skipped), each later delivery of that same size is one more failed
 * attempt, and one 16 bytes smaller than SERVICE_ACCEPT a success, which ends the guess. A
 * gap ends it too (Zeek stops after one). Bounded: `MAX_AUTH_DELIVERIES` server deliveries
 * without a decision end it as well (Zeek has no bound; a session whose sizes never match
 * would otherwise be watched to its end).
 */
export declare class SshAuthGuess {
    /** ssh.log `auth_attempts`: failed attempts plus the successful one. */
    attempts: number;
    /** ssh.log `auth_success`: the last attempt's result; undefined before any. */
    success: boolean | undefined;
    private ended;
    private sawClientData;
    private serviceAcceptSize;
    private failureSize;
    private skippedBanner;
    private serverDeliveries;
    /** True once nothing more can change the guess. */
    get done(): boolean;
    /** Ends the guess as it stands (a gap, or a protocol the guess does not apply to). */
    end(): void;
    /** `len` encrypted bytes delivered in one direction. */
    delivery(isOrig: boolean, len: number): void;
    private attempt;
}
/** Server deliveries an undecided authentication guess watches (SshAuthGuess). */
export declare const MAX_AUTH_DELIVERIES = 1024;
/** Zeek ssh.log fields this module can fill; unset fields are absent. */
export interface SshLogRecord {
    version?: number;
    auth_success?: boolean;
    auth_attempts?: number;
    client?: string;
    server?: string;
    cipher_alg?: string;
    mac_alg?: string;
    compression_alg?: string;
    kex_alg?: string;
    host_key_alg?: string;
}
/**
 * Zeek's ssh.log `version`: the major version both sides speak, from the characters of the two
 * identification strings as main.zeek reads them ("1.99" counts as 2 against a 2.0 peer).
 */
export declare function sshVersion(client: string, server: string): number | undefined;
/**
 * The ssh.log record from the client's (originator's) and the server's direction, and the
 * authentication guess when one was made (`auth_attempts` 0 and no `auth_success` without it).
 */
export declare function sshLogRecord(client: SshStreamParser, server: SshStreamParser, auth?: SshAuthGuess): SshLogRecord;
export {};
