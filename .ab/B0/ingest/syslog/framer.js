/**
 * RFC 6587 framing of a syslog byte stream (one instance per TCP connection or file):
 * octet-counting (`MSG-LEN SP SYSLOG-MSG`, §3.4.1) or non-transparent (a trailer after each
 * message, §3.4.2: LF, NUL, or CRLF). The method is detected from the connection's first
 * byte, as rsyslog does: a digit 1–9 is octet-counting, anything else non-transparent (a
 * 5424/3164 message starts with `<`, a plain log line with a letter). Frames are bounded:
 * an oversized one is reported and skipped without buffering it, then framing resumes.
 */
import { SyslogEventCode } from './types.js';
/** Up to 9 digits of MSG-LEN are read (< 1 GB); more is a malformed length. */
const MAX_LEN_DIGITS = 9;
export class SyslogFramer {
    source;
    maxFrameBytes;
    /** Detected from the first byte; undefined until then. */
    method;
    /** Unconsumed bytes of the current frame (octet-counting: header included). */
    pending = new Uint8Array(0);
    /** Stream offset of pending[0]. */
    pendingOffset = 0;
    /** Bytes of an oversized octet-counted frame still to skip. */
    skipBytes = 0;
    /** Non-transparent: skipping up to the next trailer (oversized frame or bad length). */
    skipToTrailer = false;
    /** Total bytes pushed. */
    streamOffset = 0;
    constructor(options) {
        this.source = options.source;
        this.maxFrameBytes = options.maxFrameBytes ?? 64 * 1024;
    }
    /** Feeds bytes; returns the messages completed by them. The input is not retained. */
    push(bytes) {
        const out = { messages: [], events: [] };
        let buf;
        let base;
        if (this.pending.length > 0) {
            buf = new Uint8Array(this.pending.length + bytes.length);
            buf.set(this.pending, 0);
            buf.set(bytes, this.pending.length);
            base = this.pendingOffset;
        }
        else {
            buf = bytes;
            base = this.streamOffset;
        }
        this.streamOffset += bytes.length;
        let i = 0;
        while (i < buf.length) {
            if (this.skipBytes > 0) {
                const n = Math.min(this.skipBytes, buf.length - i);
                this.skipBytes -= n;
                i += n;
                continue;
            }
            if (this.skipToTrailer) {
                const t = nextTrailer(buf, i);
                if (t < 0) {
                    i = buf.length;
                    break;
                }
                this.skipToTrailer = false;
                i = t + 1;
                continue;
            }
            if (this.method === undefined) {
                const c = buf[i];
                this.method = c >= 49 && c <= 57 ? 'octet-counting' : 'non-transparent';
            }
            const consumed = this.method === 'octet-counting'
                ? this.octet(buf, i, base, out)
                : this.nonTransparent(buf, i, base, out);
            if (consumed < 0)
                break; // incomplete: keep from i
            i = consumed;
        }
        this.keep(buf, i, base);
        return out;
    }
    /**
     * End of stream: a last unterminated non-transparent message is delivered, and the framer is
     * reset for a new stream (the method is detected again).
     */
    end() {
        const out = { messages: [], events: [] };
        const buf = this.pending;
        if (buf.length > 0 && !this.skipToTrailer && this.skipBytes === 0) {
            if (this.method === 'octet-counting') {
                out.events.push({
                    code: SyslogEventCode.TruncatedFrame,
                    source: this.source,
                    offset: this.pendingOffset,
                    message: `stream ended inside an octet-counted frame (${buf.length} bytes dropped)`,
                });
            }
            else {
                let end = buf.length;
                if (end > 0 && buf[end - 1] === 13)
                    end--;
                if (end > 0)
                    out.messages.push({ bytes: buf.slice(0, end), offset: this.pendingOffset });
            }
        }
        else if (this.skipBytes > 0) {
            out.events.push({
                code: SyslogEventCode.TruncatedFrame,
                source: this.source,
                offset: this.streamOffset,
                message: 'stream ended inside a skipped oversized frame',
            });
        }
        this.pending = new Uint8Array(0);
        this.pendingOffset = this.streamOffset;
        this.skipBytes = 0;
        this.skipToTrailer = false;
        this.method = undefined;
        return out;
    }
    keep(buf, i, base) {
        this.pending = i < buf.length ? buf.slice(i) : new Uint8Array(0);
        this.pendingOffset = base + i;
    }
    event(out, code, offset, message) {
        out.events.push({ code, source: this.source, offset, message });
    }
    /** One octet-counted frame at i: the index after it, or -1 when more bytes are needed. */
    octet(buf, i, base, out) {
        let j = i;
        let len = 0;
        while (j < buf.length && j - i < MAX_LEN_DIGITS) {
            const c = buf[j];
            if (c < 48 || c > 57)
                break;
            len = len * 10 + c - 48;
            j++;
        }
        if (j === buf.length && j - i < MAX_LEN_DIGITS)
            return -1; // length still arriving
        const first = buf[i];
        if (j === i || buf[j] !== 32 || first === 48) {
            // Not `NONZERO-DIGIT *DIGIT SP`: resynchronise at the next LF, where senders that mix
            // methods (or a corrupt stream) are most likely to start a new frame.
            this.event(out, SyslogEventCode.BadFrameLength, base + i, 'malformed octet-counting MSG-LEN');
            const t = nextTrailer(buf, i);
            if (t < 0) {
                this.skipToTrailer = true;
                return buf.length;
            }
            return t + 1;
        }
        const start = j + 1;
        if (len > this.maxFrameBytes) {
            this.event(out, SyslogEventCode.FrameTooLong, base + i, `frame of ${len} bytes over ${this.maxFrameBytes}: skipped`);
            this.skipBytes = len;
            return start;
        }
        if (buf.length - start < len)
            return -1;
        out.messages.push({ bytes: buf.slice(start, start + len), offset: base + start });
        return start + len;
    }
    /** One non-transparent frame at i: the index after its trailer, or -1 when incomplete. */
    nonTransparent(buf, i, base, out) {
        const t = nextTrailer(buf, i);
        if (t < 0) {
            if (buf.length - i > this.maxFrameBytes) {
                this.event(out, SyslogEventCode.FrameTooLong, base + i, `frame over ${this.maxFrameBytes} bytes: skipped`);
                this.skipToTrailer = true;
                return buf.length;
            }
            return -1;
        }
        let end = t;
        if (buf[t] === 10 && end > i && buf[end - 1] === 13)
            end--;
        if (end - i > this.maxFrameBytes) {
            this.event(out, SyslogEventCode.FrameTooLong, base + i, `frame of ${end - i} bytes over ${this.maxFrameBytes}: skipped`);
            return t + 1;
        }
        if (end > i)
            out.messages.push({ bytes: buf.slice(i, end), offset: base + i });
        return t + 1;
    }
}
/** Index of the next LF or NUL at or after i, or -1. */
function nextTrailer(buf, i) {
    for (; i < buf.length; i++) {
        const c = buf[i];
        if (c === 10 || c === 0)
            return i;
    }
    return -1;
}
//# sourceMappingURL=framer.js.map