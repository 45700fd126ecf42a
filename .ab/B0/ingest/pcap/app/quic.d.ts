import type { EventSink } from '../packet.js';
import { type TlsStreamParser } from './tls.js';
/** CRYPTO stream bytes held per direction (the TLS handshake of the Initial level). */
export declare const MAX_CRYPTO: number;
export type QuicEventName = 'quic_malformed_packet' | 'quic_decrypt_failed' | 'quic_malformed_frame' | 'quic_unknown_frame' | 'quic_crypto_overflow' | 'quic_unknown_version';
export interface QuicVersion {
    readonly version: number;
    readonly name: string;
    readonly salt: Uint8Array;
    /** Label prefix: `quic` (v1, drafts) or `quicv2`. */
    readonly label: string;
    /** Long-header type bits of an Initial packet (v1 0, v2 1). */
    readonly initialType: number;
}
/** The version's parameters, or undefined for a version whose Initial keys are not known. */
export declare function quicVersion(v: number): QuicVersion | undefined;
/** HKDF-Expand-Label with an empty context, for lengths up to 32 (one SHA-256 block). */
export declare function hkdfExpandLabel(secret: Uint8Array, label: string, length: number): Uint8Array;
export interface QuicKeys {
    readonly key: Uint8Array;
    readonly iv: Uint8Array;
    readonly hp: Uint8Array;
}
/** The Initial keys of both directions for a client Destination Connection ID. */
export declare function initialKeys(dcid: Uint8Array, v: QuicVersion): {
    client: QuicKeys;
    server: QuicKeys;
};
/** A long-header packet's fields, before header protection is removed. */
export interface LongHeader {
    readonly first: number;
    readonly version: number;
    readonly dcid: Uint8Array;
    readonly scid: Uint8Array;
    /** Long packet type bits (version-specific meaning). */
    readonly type: number;
    /** Initial only: offset of the (protected) packet number. */
    readonly pnOffset: number;
    /** End of this packet in the datagram (the next coalesced packet starts here). */
    readonly end: number;
    readonly isInitial: boolean;
    readonly known: QuicVersion | undefined;
}
/**
 * The long header at b[p]. Returns undefined for a short header or a truncated one, and
 * `end = b.length` for packets without a Length field (Retry, Version Negotiation, unknown).
 */
export declare function parseLongHeader(b: Uint8Array, p: number): LongHeader | undefined;
export interface OpenedPacket {
    readonly packetNumber: number;
    /** The decrypted frames. */
    readonly payload: Uint8Array;
    /** The header with protection removed (the AEAD's associated data). */
    readonly header: Uint8Array;
}
/**
 * Removes header protection and decrypts one Initial (or any long-header) packet with `keys`;
 * undefined when the packet is too short or the tag does not verify. `largest`: the largest
 * packet number seen in this space so far (-1 for none).
 */
export declare function openPacket(b: Uint8Array, p: number, h: LongHeader, keys: QuicKeys, largest?: number): OpenedPacket | undefined;
/** A CRYPTO frame's data. */
export interface CryptoChunk {
    readonly offset: number;
    readonly data: Uint8Array;
}
/**
 * The CRYPTO frames of a decrypted Initial payload. Stops at the first frame that is malformed
 * or not allowed in an Initial packet; `error` tells which.
 */
export declare function readFrames(payload: Uint8Array): {
    crypto: CryptoChunk[];
    error?: QuicEventName;
    detail?: string;
};
/** In-order delivery of a CRYPTO stream from chunks at offsets, holding at most `MAX_CRYPTO`. */
export declare class CryptoReassembler {
    /** Next offset to deliver. */
    next: number;
    private pending;
    private held;
    /** Adds a chunk; returns false when it had to be dropped (beyond the bound). */
    add(c: CryptoChunk, deliver: (data: Uint8Array) => void): boolean;
}
/** Whether a datagram starts with a QUIC Initial packet that decrypts with its own DCID's keys. */
export declare function looksLikeQuicInitial(b: Uint8Array): boolean;
/** The QUIC reader of one UDP connection: Initial packets of both directions into TLS. */
export declare class QuicConn {
    private readonly sink?;
    readonly tls: {
        orig: TlsStreamParser;
        resp: TlsStreamParser;
    };
    /** Version of the first client Initial (quic.log's), undefined before one decrypted. */
    version: QuicVersion | undefined;
    /** Initials decrypted per role (client, server). */
    readonly opened: number[];
    /** Which direction is the client's: set by its first Initial that decrypted. */
    clientIsOrig: boolean | undefined;
    private dcid;
    private keys;
    private keyAttempts;
    private readonly largest;
    private readonly attempts;
    private readonly crypto;
    private events;
    private ts;
    constructor(sink?: EventSink | undefined);
    /** True once nothing more is read (both hellos seen, or the TLS reader stopped). */
    get done(): boolean;
    private event;
    private keysFor;
    /** One UDP payload of the connection. */
    datagram(isOrig: boolean, b: Uint8Array, ts: number): void;
    private initial;
}
