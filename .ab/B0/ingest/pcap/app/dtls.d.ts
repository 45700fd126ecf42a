/**
 * DTLS 1.0 / 1.2 (RFC 4347, RFC 6347) over UDP: records and handshake fragments, read into the
 * TLS parser of `tls.ts` so ssl.log comes out as Zeek writes it for DTLS (version `DTLSv10`,
 * `DTLSv12`, cipher, curve, history, certificates, established).
 *
 * A datagram holds one or more records (13-byte header: type, version, epoch, sequence number
 * (48 bits), length). Plaintext handshake records (epoch 0) carry messages with a 12-byte header
 * (type, length, message_seq, fragment_offset, fragment_length); fragments are reassembled per
 * message_seq and each complete message is handed to the TLS parser with the 4-byte TLS header.
 * Retransmitted messages (a message_seq already delivered) are dropped. Records of a later epoch
 * are ciphertext. DTLS 1.3 (unified header) records are not read.
 *
 * Detection by content, like Zeek's DTLS signature: a handshake record of epoch 0 and a DTLS
 * version whose first message is a ClientHello.
 *
 * Cost: per direction at most `MAX_PENDING` messages of at most `DTLS_MAX_MESSAGE` bytes each
 * in reassembly. Nothing throws on bad input; malformed records are reported as events.
 */
import type { EventSink } from '../packet.js';
import { type TlsStreamParser } from './tls.js';
/** Largest handshake message reassembled from fragments. */
export declare const DTLS_MAX_MESSAGE: number;
export type DtlsEventName = 'dtls_malformed_record' | 'dtls_malformed_handshake' | 'dtls_message_too_long';
/** Whether a datagram starts with a DTLS ClientHello record (epoch 0). */
export declare function looksLikeDtls(b: Uint8Array): boolean;
/** The DTLS reader of one UDP connection. */
export declare class DtlsConn {
    private readonly sink?;
    readonly tls: {
        orig: TlsStreamParser;
        resp: TlsStreamParser;
    };
    private readonly dirs;
    private events;
    private ts;
    constructor(sink?: EventSink | undefined);
    private event;
    /** One UDP payload of the connection. */
    datagram(isOrig: boolean, b: Uint8Array, ts: number): void;
    private handshake;
    private deliver;
}
