/**
 * RFC 6587 framing of a syslog byte stream (one instance per TCP connection or file):
 * octet-counting (`MSG-LEN SP SYSLOG-MSG`, §3.4.1) or non-transparent (a trailer after each
 * message, §3.4.2: LF, NUL, or CRLF). The method is detected from the connection's first
 * byte, as rsyslog does: a digit 1–9 is octet-counting, anything else non-transparent (a
 * 5424/3164 message starts with `<`, a plain log line with a letter). Frames are bounded:
 * an oversized one is reported and skipped without buffering it, then framing resumes.
 */
import { type SyslogEvent } from './types.js';
export interface SyslogFrame {
    /** The message bytes, without length prefix or trailer (a copy; owned by the caller). */
    readonly bytes: Uint8Array;
    /** Byte offset of the message in the stream. */
    readonly offset: number;
}
export interface SyslogFramerOptions {
    /** Names the stream in events. */
    readonly source: string;
    /** Largest message kept; default 64 KiB. RFC 5424 receivers must take 480, should 2048. */
    readonly maxFrameBytes?: number;
}
export interface FramerOutput {
    readonly messages: SyslogFrame[];
    readonly events: SyslogEvent[];
}
export type FramingMethod = 'octet-counting' | 'non-transparent';
export declare class SyslogFramer {
    readonly source: string;
    readonly maxFrameBytes: number;
    /** Detected from the first byte; undefined until then. */
    method: FramingMethod | undefined;
    /** Unconsumed bytes of the current frame (octet-counting: header included). */
    private pending;
    /** Stream offset of pending[0]. */
    private pendingOffset;
    /** Bytes of an oversized octet-counted frame still to skip. */
    private skipBytes;
    /** Non-transparent: skipping up to the next trailer (oversized frame or bad length). */
    private skipToTrailer;
    /** Total bytes pushed. */
    private streamOffset;
    constructor(options: SyslogFramerOptions);
    /** Feeds bytes; returns the messages completed by them. The input is not retained. */
    push(bytes: Uint8Array): FramerOutput;
    /**
     * End of stream: a last unterminated non-transparent message is delivered, and the framer is
     * reset for a new stream (the method is detected again).
     */
    end(): FramerOutput;
    private keep;
    private event;
    /** One octet-counted frame at i: the index after it, or -1 when more bytes are needed. */
    private octet;
    /** One non-transparent frame at i: the index after its trailer, or -1 when incomplete. */
    private nonTransparent;
}
