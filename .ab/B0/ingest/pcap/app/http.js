/**
 * HTTP/1.x for one TCP connection, incremental and bounded, producing Zeek `http.log` records.
 *
 * API (everything else in this file is internal):
 * - `looksLikeHttp(firstBytes, isOrig)`: content-based detection (a request line with a token
 *   method, or a status line from the responder), so HTTP on any port is known.
 * - `new HttpConnParser({ sink, conn, emit })`, then in capture order
 *   `deliver(isOrig, bytes, ts)` for in-order payload (views may be reused afterwards: nothing
 *   is kept), `gap(isOrig, length, ts)` for bytes the reassembler lost, optionally
 *   `eof(isOrig, ts)` when a side sends FIN, and `finish(ts)` at connection end. Rows come out
 *   through `emit` (or collect in `records`). `upgrade` ('websocket', …) and `tunnel` (a CONNECT
 *   answered with 200) tell the caller to add a service; `done` says parsing has stopped.
 * - `HTTP_COLUMNS`: the http.log column declaration (Zeek 7's field order) for report/zeek-log.
 *
 * What it replicates: Zeek's HTTP analyzer (analyzer/protocol/http/HTTP.cc) and the logging of
 * base/protocols/http/main.zeek: request/reply line parsing with Zeek's tolerances (missing URI,
 * HTTP/0.9 requests and header-less replies, crud after the version), MIME-style headers with
 * folding, body lengths by Content-Length, chunked coding (HTTP/1.1 only, as Zeek), until close,
 * or line by line (Zeek counts each line end as 2 bytes there), gzip/deflate bodies counted
 * decompressed, 1xx informational replies (info_code/info_msg), HEAD/1xx/204/304 without body,
 * pipelining paired in order with Zeek's pending table and `trans_depth`, CONNECT (parsing stops
 * after a 200) and 101 upgrades (stops; `upgrade` holds the protocol), content gaps inside a
 * known-length body skipped (elsewhere they end that side, as in Zeek), and the `weird` names
 * Zeek gives to the same faults (see EVENT NAMES below). Events are deduplicated by name per
 * connection, as Zeek's weird sampling does.
 *
 * Not replicated: file analysis (`orig_fuids`/`resp_fuids` and the `*_mime_types`, which come
 * from libmagic sniffing, stay unset; the Content-Type header is kept in `orig_content_type` /
 * `resp_content_type`, non-Zeek fields not in the columns), MIME parsing of multipart bodies
 * (a multipart body is counted as Zeek's line reader counts it, its parts are not read), `password` (Zeek does not log it by default;
 * `username` comes from Basic authorization, `proxied` from the proxy headers), DPD (a protocol violation stops the
 * affected side — both sides once the analyzer was confirmed by a request — instead of Zeek's
 * analyzer removal policy), and Zeek's partial-connection rule (Zeek ignores connections whose
 * SYN it did not see: the caller decides).
 *
 * Bounds, and what they cost: a line (request, status, header, chunk size) is buffered up to
 * 16 KiB (longer: `contentline_size_exceeded`, the line is cut and the rest of it skipped);
 * at most 256 headers per message are read (more: `HTTP_too_many_headers`, ignored); at most
 * 100 transactions pending a reply (more: `HTTP_excessive_pipelining`, logged out, as Zeek); a
 * compressed body is buffered up to 1 MiB and inflated to at most 64 MiB once it ends (larger:
 * the compressed length is logged); strings in a record are at most 16 KiB; events at most 32
 * per connection. Bodies are never kept. Cost is one pass over the bytes (body bytes counted,
 * not copied, except compressed ones). Nothing here throws on input.
 *
 * Strings in a record hold one character per input byte (latin1), as Zeek's byte strings;
 * `HTTP_COLUMNS` turns valid UTF-8 back into text.
 *
 * EVENT NAMES (Zeek's weird names unless marked "ours"): bad_HTTP_request,
 * bad_HTTP_request_with_version, missing_HTTP_uri, lowercase_HTTP_keyword, HTTP_version_mismatch,
 * unknown_HTTP_method, invalid_http_09_request_method, http_09_reply_before_request,
 * HTTP_response_before_request, HTTP_excessive_pipelining, unexpected_multiple_HTTP_requests,
 * empty_http_request, bad_HTTP_reply (ours; Zeek: an http_event), HTTP_reply_code_missing (ours,
 * likewise), HTTP_bad_content_length, HTTP_content_length_leading_zeros,
 * HTTP_content_length_and_chunked, HTTP_multiple_content_length (ours: differing values),
 * HTTP_chunked_multi, HTTP_bad_chunk_size, HTTP_content_length_0_and_expect_100_cont,
 * HTTP_expect_not_100_continue, HTTP_obsolete_line_folding, HTTP_overlapping_messages,
 * HTTP_chunked_transfer_for_multipart_message, HTTP_range_not_matching_len, HTTP_content_range_cannot_parse, HTTP_non_positive_content_range,
 * illegal_%_at_end_of_URI, partial_escape_at_end_of_URI, double_%_in_URI, illegal_%_in_URI (ours),
 * contentline_size_exceeded, HTTP_too_many_headers (ours), HTTP_content_gap (ours),
 * HTTP_bad_transfer_encoding (ours: a request's codings not ending in one `chunked`, or in a
 * request that is not HTTP/1.1), HTTP_whitespace_before_colon (ours: `Name : value`),
 * HTTP_protocol_violation (ours: Zeek's analyzer violation), protocol_data_with_HTTP_upgrade_reply.
 */
import { gunzipSync, inflateRawSync, inflateSync, constants as zlibConstants } from 'node:zlib';
/** Longest line buffered (request, status, header, chunk size). */
export const HTTP_MAX_LINE = 16 * 1024;
/** Headers read per message. */
export const HTTP_MAX_HEADERS = 256;
/** Zeek's HTTP::max_pending_requests. */
const MAX_PENDING = 100;
const MAX_EVENTS = 32;
const MAX_ZIP_INPUT = 1 << 20;
const MAX_ZIP_OUTPUT = 64 << 20;
const CR = 0x0d;
const LF = 0x0a;
/** Zeek's HTTP::http_methods (base/protocols/http/main.zeek), plus RFC 9110/WebDAV additions. */
const KNOWN_METHODS = new Set([
    'GET',
    'POST',
    'HEAD',
    'OPTIONS',
    'PUT',
    'DELETE',
    'TRACE',
    'CONNECT',
    'PROPFIND',
    'PROPPATCH',
    'MKCOL',
    'COPY',
    'MOVE',
    'LOCK',
    'UNLOCK',
    'POLL',
    'REPORT',
    'SUBSCRIBE',
    'BMOVE',
    'SEARCH',
    'QUERY',
    'PATCH',
]);
/** Zeek's HTTP::proxy_headers. */
const PROXY_HEADERS = new Set([
    'FORWARDED',
    'X-FORWARDED-FOR',
    'X-FORWARDED-FROM',
    'CLIENT-IP',
    'VIA',
    'XROXY-CONNECTION',
    'PROXY-CONNECTION',
]);
function isTokenChar(c) {
    // RFC 2616 token: no CTLs, no separators (HTTP.cc is_HTTP_token_char).
    if (c <= 31 || c >= 127)
        return false;
    switch (c) {
        case 0x20: // ' '
        case 0x09:
        case 0x28: // (
        case 0x29: // )
        case 0x3c: // <
        case 0x3e: // >
        case 0x40: // @
        case 0x2c: // ,
        case 0x3b: // ;
        case 0x3a: // :
        case 0x5c: // \
        case 0x22: // "
        case 0x2f: // /
        case 0x5b: // [
        case 0x5d: // ]
        case 0x3f: // ?
        case 0x3d: // =
        case 0x7b: // {
        case 0x7d: // }
            return false;
        default:
            return true;
    }
}
/** RFC 3986 reserved or unreserved, or '%' (what HTTP.cc accepts inside a URI). */
function isUriChar(c) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))
        return true;
    return ":/?#[]@!$&'()*+,;=-_.~%".includes(String.fromCharCode(c));
}
const isWs = (c) => c === 0x20 || c === 0x09;
/** RFC 9110 §5.6.2 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/i;
const isDigit = (c) => c !== undefined && c >= 0x30 && c <= 0x39;
function hexVal(c) {
    if (c === undefined)
        return -1;
    if (c >= 0x30 && c <= 0x39)
        return c - 0x30;
    if (c >= 0x41 && c <= 0x46)
        return c - 0x41 + 10;
    if (c >= 0x61 && c <= 0x66)
        return c - 0x61 + 10;
    return -1;
}
/** One character per byte (ISO-8859-1, as Node's 'latin1'; WHATWG's TextDecoder would map 0x80–0x9F as windows-1252). */
function latin1(b, start = 0, end = b.length) {
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', start, end);
}
function prefixAt(b, at, end, prefix, ignoreCase) {
    if (end - at < prefix.length)
        return false;
    for (let k = 0; k < prefix.length; k++) {
        let c = b[at + k];
        let p = prefix.charCodeAt(k);
        if (ignoreCase) {
            if (c >= 0x61 && c <= 0x7a)
                c -= 32;
            if (p >= 0x61 && p <= 0x7a)
                p -= 32;
        }
        if (c !== p)
            return false;
    }
    return true;
}
/**
 * Zeek's util::atoi_n: optional '-', then digits of the base; stops at the first non-digit
 * after at least one; undefined when the first character is not a digit or on overflow of a
 * signed 64-bit value (so 2^64 and uint64 max are errors, as in Zeek 7's checked version).
 */
export function zeekAtoi(text, base) {
    let i = 0;
    let neg = false;
    if (text[0] === '-') {
        neg = true;
        i = 1;
    }
    let n = 0n;
    const b = BigInt(base);
    const start = i;
    for (; i < text.length; i++) {
        const d = base === 16 ? hexVal(text.charCodeAt(i)) : isDigit(text.charCodeAt(i)) ? text.charCodeAt(i) - 0x30 : -1;
        if (d < 0) {
            if (i > start)
                break;
            return undefined;
        }
        n = n * b + BigInt(d);
        if (n > 0x7fffffffffffffffn)
            return undefined;
    }
    if (i === start)
        return undefined;
    return neg ? -n : n;
}
/** Zeek's unescape_URI: %XX and %uXXXX decoded, with Zeek's weirds for broken escapes. */
function unescapeUri(b, start, end, weird) {
    let out = '';
    let i = start;
    while (i < end) {
        const c = b[i];
        if (c !== 0x25) {
            out += String.fromCharCode(c);
            i++;
            continue;
        }
        i++;
        if (i === end) {
            out += '%';
            weird('illegal_%_at_end_of_URI');
            break;
        }
        if (i + 1 === end) {
            out += `%${String.fromCharCode(b[i])}`;
            weird('partial_escape_at_end_of_URI');
            break;
        }
        if (b[i] === 0x25) {
            // "%%": the first '%' is dropped (Nimda-style evasion).
            weird('double_%_in_URI');
            continue;
        }
        const h1 = hexVal(b[i]);
        const h2 = hexVal(b[i + 1]);
        if (h1 >= 0 && h2 >= 0) {
            out += String.fromCharCode(h1 * 16 + h2);
            i += 2;
            continue;
        }
        if (end - i >= 5 &&
            (b[i] === 0x75 || b[i] === 0x55) &&
            hexVal(b[i + 1]) >= 0 &&
            hexVal(b[i + 2]) >= 0 &&
            hexVal(b[i + 3]) >= 0 &&
            hexVal(b[i + 4]) >= 0) {
            const hi = hexVal(b[i + 1]) * 16 + hexVal(b[i + 2]);
            const lo = hexVal(b[i + 3]) * 16 + hexVal(b[i + 4]);
            // A zero high byte is eaten: ASCII in %u form.
            if (hi !== 0)
                out += String.fromCharCode(hi);
            out += String.fromCharCode(lo);
            i += 5;
            continue;
        }
        weird('illegal_%_in_URI');
        out += '%';
    }
    return out;
}
/**
 * True when a stream starts like HTTP/1.x: from the originator, a token method of 3–20
 * characters and a space, and either a known method or " HTTP/" later in the bytes given; from
 * the responder, "HTTP/d.d ddd". Needs about 12 bytes; fewer give false.
 */
export function looksLikeHttp(firstBytes, isOrig) {
    const b = firstBytes;
    if (!isOrig) {
        return (b.length >= 12 &&
            prefixAt(b, 0, b.length, 'HTTP/', false) &&
            isDigit(b[5]) &&
            b[6] === 0x2e &&
            isDigit(b[7]) &&
            b[8] === 0x20 &&
            isDigit(b[9]) &&
            isDigit(b[10]) &&
            isDigit(b[11]));
    }
    let m = 0;
    while (m < b.length && m <= 20 && isTokenChar(b[m]))
        m++;
    if (m < 3 || m > 20 || b[m] !== 0x20)
        return false;
    const method = latin1(b, 0, m);
    if (KNOWN_METHODS.has(method))
        return true;
    // An unknown method counts when the line carries a version.
    const lineEnd = Math.min(b.length, HTTP_MAX_LINE);
    for (let i = m + 1; i + 6 <= lineEnd; i++) {
        if (b[i] === LF)
            return false;
        if (b[i] === 0x20 && prefixAt(b, i + 1, lineEnd, 'HTTP/', false))
            return true;
    }
    return false;
}
// ---------------------------------------------------------------------------------------------
// The analyzer: one message (request or reply) at a time per side.
var Body;
(function (Body) {
    Body[Body["Maybe"] = 0] = "Maybe";
    Body[Body["Expected"] = 1] = "Expected";
    Body[Body["NotExpected"] = 2] = "NotExpected";
})(Body || (Body = {}));
var Chunk;
(function (Chunk) {
    Chunk[Chunk["None"] = 0] = "None";
    Chunk[Chunk["Before"] = 1] = "Before";
    Chunk[Chunk["Size"] = 2] = "Size";
    Chunk[Chunk["Data"] = 3] = "Data";
    Chunk[Chunk["DataCrlf"] = 4] = "DataCrlf";
    Chunk[Chunk["Trailer"] = 5] = "Trailer";
    Chunk[Chunk["Nothing"] = 6] = "Nothing";
})(Chunk || (Chunk = {}));
var Encoding;
(function (Encoding) {
    Encoding[Encoding["Identity"] = 0] = "Identity";
    Encoding[Encoding["Gzip"] = 1] = "Gzip";
    Encoding[Encoding["Deflate"] = 2] = "Deflate";
})(Encoding || (Encoding = {}));
class Message {
    isOrig;
    expectBody;
    inHeader = true;
    endOfData = false;
    finished = false;
    contentLength = -1;
    /** -1 unset; the Content-Range length of a 206. */
    rangeLength = -1;
    isPartial = false;
    chunk = Chunk.None;
    expectData = 0;
    bodyLength = 0;
    encoding = Encoding.Identity;
    multipart = false;
    expect100 = false;
    headerCount = 0;
    /** The header being assembled (folded lines join it). */
    pendingName;
    pendingValue = '';
    pendingFolds = 0;
    zip;
    zipBytes = 0;
    zipOverflow = false;
    filename;
    contentType;
    /**
     * Every Transfer-Encoding value of the message joined as one list, checked at the end of the
     * headers; at most HTTP_MAX_LINE characters (a longer list is cut, and then flagged).
     */
    transferEncoding;
    /** Last two body bytes (multipart: a body not ending in CR LF counts 2 more, as in Zeek). */
    tail = 0;
    constructor(isOrig, expectBody) {
        this.isOrig = isOrig;
        this.expectBody = expectBody;
    }
}
var ReqState;
(function (ReqState) {
    ReqState[ReqState["Line"] = 0] = "Line";
    ReqState[ReqState["Message"] = 1] = "Message";
    ReqState[ReqState["Nothing"] = 2] = "Nothing";
})(ReqState || (ReqState = {}));
var RepState;
(function (RepState) {
    RepState[RepState["Line"] = 0] = "Line";
    RepState[RepState["Message"] = 1] = "Message";
    RepState[RepState["Nothing"] = 2] = "Nothing";
    RepState[RepState["Http09"] = 3] = "Http09";
})(RepState || (RepState = {}));
/** Line assembly and delivery mode of one direction (Zeek's ContentLine_Analyzer). */
class Side {
    isOrig;
    line = new Uint8Array(256);
    lineLen = 0;
    /** Skipping the rest of an over-long line. */
    overflow = false;
    /** A CR ended the last line: a LF right after it belongs to it. */
    swallowLf = false;
    /** Bytes to pass through raw (Infinity: until the end). */
    plain = 0;
    /** Reply body without length, counted line by line (Zeek adds 2 per line end). */
    lineBody = false;
    /** lineBody: bytes since the last line end (a partial line at EOF counts 2 more). */
    partial = 0;
    /** After a gap Zeek cannot skip, or an upgrade: this side is ignored. */
    skip = false;
    eof = false;
    constructor(isOrig) {
        this.isOrig = isOrig;
    }
}
const NO_VERSION = { major: 0, minor: 0 };
const sameVersion = (a, b) => a.major === b.major && a.minor === b.minor;
/**
 * One HTTP connection: feed both directions in capture order. See the file header for the
 * contract; all methods are safe on any input and after `done`.
 */
export class HttpConnParser {
    /** Rows emitted so far when no `emit` callback was given. */
    records = [];
    /** The protocol a 101 reply switched to (lower case, e.g. 'websocket'). */
    upgrade;
    /** True once a CONNECT was answered with 200: the rest is tunnelled. */
    tunnel = false;
    /** Bytes reported lost through `gap`, per direction. */
    gapBytes = [0, 0];
    sink;
    conn;
    emitRecord;
    reported = new Set();
    ts = 0;
    stopped = false;
    orig = new Side(true);
    resp = new Side(false);
    requestState = ReqState.Line;
    replyState = RepState.Line;
    requestMessage;
    replyMessage;
    requestOngoing = false;
    replyOngoing = false;
    requestVersion = NO_VERSION;
    replyVersion = NO_VERSION;
    replyCode = 0;
    replyReason;
    numRequests = 0;
    keepAlive = false;
    connectionClose = false;
    connectRequest = false;
    upgradeConnection = false;
    upgradeProtocol = '';
    confirmed = false;
    unanswered = [];
    // main.zeek
    pending = new Map();
    currentRequest = 0;
    currentResponse = 0;
    transDepth = 0;
    constructor(options = {}) {
        this.sink = options.sink;
        this.conn = options.conn ?? {};
        this.emitRecord = options.emit ?? ((r) => this.records.push(r));
    }
    /** True when nothing more will be parsed (tunnel, upgrade, both sides stopped, finished). */
    get done() {
        return this.stopped || (this.requestState === ReqState.Nothing && this.replyState === RepState.Nothing);
    }
    // -------------------------------------------------------------------------------------------
    // Input
    deliver(isOrig, bytes, ts) {
        this.ts = ts;
        const side = isOrig ? this.orig : this.resp;
        let i = 0;
        const n = bytes.length;
        while (i < n) {
            if (this.stopped || side.skip || side.eof)
                return;
            if (side.swallowLf) {
                side.swallowLf = false;
                if (bytes[i] === LF) {
                    i++;
                    continue;
                }
            }
            if (!isOrig && this.replyState === RepState.Http09) {
                this.deliverHttp09(bytes.subarray(i));
                return;
            }
            if (side.plain > 0) {
                const take = Math.min(side.plain, n - i);
                if (side.plain !== Number.POSITIVE_INFINITY)
                    side.plain -= take;
                this.deliverPlain(side, bytes.subarray(i, i + take));
                i += take;
                continue;
            }
            if (side.lineBody) {
                i = this.countLineBody(side, bytes, i);
                continue;
            }
            i = this.assembleLine(side, bytes, i);
        }
    }
    /**
     * `length` bytes of this direction were lost. Inside a body of known remaining length the
     * parser skips them and goes on; anywhere else that side stops (the originator's stop ends
     * the replies too, since a reply's body depends on its request), as in Zeek.
     */
    gap(isOrig, length, ts) {
        if (ts !== undefined)
            this.ts = ts;
        if (!(length > 0))
            return;
        this.gapBytes[isOrig ? 0 : 1] += length;
        if (this.stopped)
            return;
        const side = isOrig ? this.orig : this.resp;
        if (side.skip || side.eof)
            return;
        this.event('HTTP_content_gap', `${isOrig ? 'orig' : 'resp'}: ${length} bytes`);
        const msg = isOrig ? this.requestMessage : this.replyMessage;
        if (msg && !msg.finished && this.skipGap(side, msg, length))
            return;
        if (isOrig) {
            this.requestMade(true);
            this.replyMade(true);
        }
        else
            this.replyMade(true);
        side.skip = true;
    }
    /** One side closed (FIN): its partial line is delivered and its message ends. */
    eof(isOrig, ts) {
        if (ts !== undefined)
            this.ts = ts;
        const side = isOrig ? this.orig : this.resp;
        if (side.eof)
            return;
        if (!this.stopped && !side.skip) {
            if (side.lineBody) {
                if (side.partial > 0 && this.replyMessage)
                    this.bodyBytes(this.replyMessage, 0, 2);
                side.partial = 0;
            }
            else if ((side.lineLen > 0 || side.overflow) && side.plain === 0) {
                this.flushLine(side);
            }
        }
        side.eof = true;
        if (this.stopped)
            return;
        if (isOrig)
            this.requestMade(false);
        else
            this.replyMade(false);
    }
    /**
     * Connection end: the responder's side ends first (then the originator's), messages still
     * open end as interrupted, and every transaction still pending is logged.
     */
    finish(ts) {
        if (ts !== undefined)
            this.ts = ts;
        this.eof(false);
        this.eof(true);
        this.requestMade(true);
        this.replyMade(true);
        this.stopped = true;
        const keys = [...this.pending.keys()].sort((a, b) => a - b);
        for (const k of keys) {
            if (k !== 0)
                this.emitRecord(this.pending.get(k).rec);
        }
        this.pending.clear();
    }
    // -------------------------------------------------------------------------------------------
    // Events
    event(name, detail) {
        if (!this.sink || this.reported.has(name) || this.reported.size >= MAX_EVENTS)
            return;
        this.reported.add(name);
        this.sink({ name, ts: this.ts, fileOffset: -1, detail: detail.slice(0, 256) });
    }
    /** Zeek's analyzer violation: that side stops, and once confirmed, the whole connection. */
    violation(isOrig, detail) {
        this.event('HTTP_protocol_violation', detail);
        if (isOrig)
            this.requestState = ReqState.Nothing;
        else
            this.replyState = RepState.Nothing;
        if (this.confirmed) {
            this.requestMade(true);
            this.replyMade(true);
            this.orig.skip = true;
            this.resp.skip = true;
        }
    }
    // -------------------------------------------------------------------------------------------
    // Lines
    /** Appends bytes up to a line end; returns the index after what was consumed. */
    assembleLine(side, b, i) {
        const n = b.length;
        let j = i;
        while (j < n && b[j] !== LF && b[j] !== CR)
            j++;
        const take = j - i;
        if (!side.overflow) {
            if (side.lineLen + take > HTTP_MAX_LINE) {
                this.appendLine(side, b.subarray(i, i + (HTTP_MAX_LINE - side.lineLen)));
                this.event('contentline_size_exceeded', `line over ${HTTP_MAX_LINE} bytes`);
                side.overflow = true;
            }
            else
                this.appendLine(side, b.subarray(i, j));
        }
        if (j === n)
            return n;
        // A line end: CR LF, lone LF, or lone CR (Zeek's CR_as_EOL | LF_as_EOL).
        if (b[j] === CR) {
            if (j + 1 < n) {
                if (b[j + 1] === LF)
                    j++;
            }
            else
                side.swallowLf = true;
        }
        this.flushLine(side);
        return j + 1;
    }
    appendLine(side, part) {
        if (part.length === 0)
            return;
        const need = side.lineLen + part.length;
        if (need > side.line.length) {
            const grown = new Uint8Array(Math.min(HTTP_MAX_LINE, Math.max(side.line.length * 2, need)));
            grown.set(side.line.subarray(0, side.lineLen));
            side.line = grown;
        }
        side.line.set(part, side.lineLen);
        side.lineLen = need;
    }
    flushLine(side) {
        const line = side.line.subarray(0, side.lineLen);
        side.lineLen = 0;
        side.overflow = false;
        this.onLine(side, line);
    }
    onLine(side, line) {
        if (side.isOrig) {
            switch (this.requestState) {
                case ReqState.Line:
                    this.requestLine(line);
                    break;
                case ReqState.Message:
                    if (this.requestMessage)
                        this.deliverLine(side, this.requestMessage, line);
                    break;
                case ReqState.Nothing:
                    break;
            }
            return;
        }
        switch (this.replyState) {
            case RepState.Line:
                if (this.replyLine(line)) {
                    this.confirmed ||= this.unanswered.length > 0;
                    this.replyState = RepState.Message;
                    this.replyOngoing = true;
                    this.httpReply();
                    if (this.connectRequest && this.replyCode !== 200)
                        this.connectRequest = false;
                    this.replyMessage = this.initMessage(this.replyMessage, false, this.expectReplyBody());
                }
                else if (line.length > 0) {
                    this.event('bad_HTTP_reply', latin1(line, 0, Math.min(line.length, 64)));
                    this.violation(false, 'not a http reply line');
                }
                break;
            case RepState.Message:
                if (this.replyMessage)
                    this.deliverLine(side, this.replyMessage, line);
                if (this.connectRequest && line.length === 0 && !this.stopped) {
                    // End of the CONNECT reply's headers: the rest is the tunnelled protocol.
                    this.tunnel = true;
                    this.stopParsing();
                }
                break;
            default:
                break;
        }
    }
    /** Stops both directions where they are (CONNECT tunnel, upgrade). */
    stopParsing() {
        this.orig.skip = true;
        this.resp.skip = true;
    }
    // -------------------------------------------------------------------------------------------
    // Request and reply lines
    requestLine(line) {
        const end = line.length;
        let m = 0;
        while (m < end && isTokenChar(line[m]))
            m++;
        let ok = false;
        let uri = [0, 0];
        if (m === 0) {
            if (end >= 9 && prefixAt(line, end - 9, end, ' HTTP/', true)) {
                this.event('bad_HTTP_request_with_version', latin1(line, 0, Math.min(end, 64)));
                this.requestLineFailed(line);
                return;
            }
        }
        else {
            let rest = m;
            while (rest < end && isWs(line[rest]))
                rest++;
            if (rest !== m) {
                uri = this.parseRequest(line, rest);
                ok = !(sameVersion(this.requestVersion, { major: 0, minor: 9 }) && (m < 3 || uri[1] === uri[0]));
            }
        }
        if (!ok) {
            this.event('bad_HTTP_request', latin1(line, 0, Math.min(end, 64)));
            this.requestLineFailed(line);
            return;
        }
        const method = latin1(line, 0, m);
        const unescaped = unescapeUri(line, uri[0], uri[1], (w) => this.event(w, latin1(line, uri[0], uri[1])));
        this.numRequests++;
        if (!this.keepAlive && this.numRequests > 1)
            this.event('unexpected_multiple_HTTP_requests', method);
        this.requestState = ReqState.Message;
        this.requestOngoing = true;
        this.unanswered.push(method);
        if (this.unanswered.length > MAX_PENDING * 4)
            this.unanswered.shift();
        this.confirmed = true;
        if (method.length <= 7 && 'CONNECT'.startsWith(method.toUpperCase()))
            this.connectRequest = true;
        this.scriptRequest(method, unescaped);
        this.requestMessage = this.initMessage(this.requestMessage, true, Body.Maybe);
        if (sameVersion(this.requestVersion, { major: 0, minor: 9 })) {
            if (method !== 'GET')
                this.event('invalid_http_09_request_method', method);
            if (this.replyMessage) {
                this.event('http_09_reply_before_request', method);
                this.messageDone(this.replyMessage, false);
            }
            this.replyMessage = undefined;
            this.replyState = RepState.Http09;
            this.resp.lineLen = 0;
            this.resp.overflow = false;
            this.resp.plain = 0;
            this.resp.lineBody = false;
            this.resp.swallowLf = false;
        }
    }
    requestLineFailed(line) {
        if (!(this.numRequests === 0 || this.keepAlive))
            return; // crud after a request: ignored
        if (line.length === 0)
            this.event('empty_http_request', '');
        else
            this.violation(true, 'not a http request line');
    }
    /** HTTP.cc ParseRequest: returns the URI's bounds and sets the request version. */
    parseRequest(line, start) {
        const end = line.length;
        let eou = start;
        while (eou < end && isUriChar(line[eou]))
            eou++;
        let match = prefixAt(line, start, end, 'HTTP/', false);
        if (!match && prefixAt(line, start, end, 'HTTP/', true)) {
            match = true;
            this.event('lowercase_HTTP_keyword', '');
        }
        if (eou >= end && match) {
            this.event('missing_HTTP_uri', latin1(line, 0, Math.min(end, 64)));
            eou = start;
        }
        let vs = eou;
        for (; vs < end; vs++) {
            eou = vs;
            while (vs < end && isWs(line[vs]))
                vs++;
            if (prefixAt(line, vs, end, 'HTTP/', false))
                break;
            if (prefixAt(line, vs, end, 'HTTP/', true)) {
                this.event('lowercase_HTTP_keyword', '');
                break;
            }
        }
        if (vs >= end)
            this.setVersion(true, { major: 0, minor: 9 });
        else if (vs + 8 <= end)
            this.setVersion(true, this.parseVersion(line, vs + 5));
        // else: Zeek's http_event "bad_HTTP_version"; the version stays as it was.
        return [start, eou];
    }
    parseVersion(b, at) {
        if (isDigit(b[at]) && b[at + 1] === 0x2e && isDigit(b[at + 2])) {
            return { major: b[at] - 0x30, minor: b[at + 2] - 0x30 };
        }
        return NO_VERSION;
    }
    setVersion(isRequest, v) {
        const cur = isRequest ? this.requestVersion : this.replyVersion;
        if (!sameVersion(cur, NO_VERSION) && !sameVersion(cur, v))
            this.event('HTTP_version_mismatch', '');
        if (isRequest)
            this.requestVersion = v;
        else
            this.replyVersion = v;
        if (v.major > 1 || (v.major === 1 && v.minor > 0))
            this.keepAlive = true;
    }
    /** HTTP.cc HTTP_ReplyLine. */
    replyLine(line) {
        const end = line.length;
        if (!prefixAt(line, 0, end, 'HTTP/', false))
            return false;
        this.setVersion(false, this.parseVersion(line, 5));
        let rest = 5;
        while (rest < end && !isWs(line[rest]))
            rest++;
        if (rest >= end) {
            this.event('HTTP_reply_code_missing', latin1(line, 0, Math.min(end, 64)));
            return false;
        }
        while (rest < end && isWs(line[rest]))
            rest++;
        if (rest + 3 > end) {
            this.event('HTTP_reply_code_missing', latin1(line, 0, Math.min(end, 64)));
            return false;
        }
        const c0 = line[rest];
        const c1 = line[rest + 1];
        const c2 = line[rest + 2];
        this.replyCode =
            isDigit(c0) && isDigit(c1) && isDigit(c2) ? (c0 - 48) * 100 + (c1 - 48) * 10 + (c2 - 48) : 0;
        rest += 3;
        while (rest < end && !isWs(line[rest]))
            rest++;
        this.replyReason = undefined;
        if (rest >= end)
            return true; // no reason phrase: tolerated
        while (rest < end && isWs(line[rest]))
            rest++;
        this.replyReason = latin1(line, rest, end);
        return true;
    }
    versionText(v) {
        return (v.major + v.minor / 10).toFixed(1);
    }
    httpReply() {
        this.scriptReply(this.versionText(this.replyVersion), this.replyCode, this.replyReason ?? '<empty>');
    }
    /** HTTP.cc ExpectReplyMessageBody. */
    expectReplyBody() {
        const method = this.unanswered[0];
        if (method !== undefined && method.length <= 4 && 'HEAD'.startsWith(method.toUpperCase()))
            return Body.NotExpected;
        const c = this.replyCode;
        if ((c >= 100 && c < 200) || c === 204 || c === 304)
            return Body.NotExpected;
        return Body.Expected;
    }
    initMessage(old, isOrig, expect) {
        if (old && !old.finished)
            this.event('HTTP_overlapping_messages', isOrig ? 'request' : 'reply');
        const side = isOrig ? this.orig : this.resp;
        side.plain = 0;
        side.lineBody = false;
        side.partial = 0;
        return new Message(isOrig, expect);
    }
    // -------------------------------------------------------------------------------------------
    // Messages (HTTP_Entity)
    deliverLine(side, msg, line) {
        if (msg.endOfData || msg.finished)
            return;
        if (msg.inHeader) {
            this.headerLine(side, msg, line);
            return;
        }
        switch (msg.chunk) {
            case Chunk.Size: {
                const text = latin1(line, 0, Math.min(line.length, 64));
                let size = zeekAtoi(text, 16);
                if (size === undefined || size < 0n) {
                    this.event('HTTP_bad_chunk_size', text);
                    size = 0n;
                }
                if (size > 0n) {
                    msg.chunk = Chunk.Data;
                    msg.expectData = Number(size);
                    side.plain = msg.expectData;
                }
                else {
                    msg.inHeader = true;
                    msg.chunk = Chunk.Trailer;
                }
                return;
            }
            case Chunk.DataCrlf:
                msg.chunk = Chunk.Size;
                return;
            case Chunk.None:
                // A body read line by line (multipart without length): each line end counts 2.
                this.bodyBytes(msg, line.length, 2);
                return;
            default:
                return;
        }
    }
    headerLine(side, msg, line) {
        if (line.length > 0 && isWs(line[0])) {
            // Continuation of the previous header (obsolete line folding).
            if (msg.pendingName !== undefined && msg.pendingValue.length < HTTP_MAX_LINE) {
                msg.pendingValue += latin1(line, 0, Math.min(line.length, HTTP_MAX_LINE - msg.pendingValue.length));
                msg.pendingFolds++;
            }
            return;
        }
        this.submitPendingHeader(msg);
        if (line.length === 0) {
            msg.inHeader = false;
            this.allHeaders(side, msg);
            return;
        }
        const colon = line.indexOf(0x3a);
        if (colon <= 0)
            return; // not a header: Zeek's MIME parser ignores it
        if (msg.headerCount >= HTTP_MAX_HEADERS) {
            this.event('HTTP_too_many_headers', `more than ${HTTP_MAX_HEADERS}`);
            return;
        }
        msg.headerCount++;
        msg.pendingName = latin1(line, 0, colon).trim();
        // RFC 9112 §5.1: a server must reject this; a lenient hop accepts it, a strict one does not.
        if (isWs(line[colon - 1]))
            this.event('HTTP_whitespace_before_colon', msg.pendingName);
        msg.pendingValue = latin1(line, colon + 1);
        msg.pendingFolds = 0;
    }
    submitPendingHeader(msg) {
        const name = msg.pendingName;
        if (name === undefined)
            return;
        msg.pendingName = undefined;
        const value = msg.pendingValue.replace(/^[ \t]+|[ \t]+$/g, '');
        msg.pendingValue = '';
        if (msg.chunk === Chunk.Trailer)
            return; // trailers: not interpreted
        if (msg.pendingFolds > 0)
            this.event('HTTP_obsolete_line_folding', name);
        this.entityHeader(msg, name.toUpperCase(), value);
        this.analyzerHeader(msg.isOrig, name.toUpperCase(), value);
    }
    /** HTTP_Entity::SubmitHeader: the headers that decide the body. */
    entityHeader(msg, name, value) {
        const token = mimeToken(value);
        switch (name) {
            case 'CONTENT-LENGTH': {
                if (msg.chunk !== Chunk.None)
                    this.event('HTTP_content_length_and_chunked', value);
                if (token.length === 0)
                    return;
                const n = zeekAtoi(token, 10);
                if (n === undefined || n < 0n) {
                    this.event('HTTP_bad_content_length', token);
                    msg.contentLength = 0;
                    return;
                }
                if (n > 0n && token[0] === '0')
                    this.event('HTTP_content_length_leading_zeros', token);
                const len = Number(n);
                if (msg.contentLength >= 0 && msg.contentLength !== len && !msg.isPartial)
                    this.event('HTTP_multiple_content_length', `${msg.contentLength} then ${len}`);
                msg.contentLength = len;
                if (msg.isPartial && msg.rangeLength !== msg.contentLength) {
                    this.event('HTTP_range_not_matching_len', `${msg.rangeLength} != ${msg.contentLength}`);
                    if (msg.rangeLength > msg.contentLength)
                        msg.contentLength = msg.rangeLength;
                }
                if (msg.contentLength === 0 && msg.expect100)
                    this.event('HTTP_content_length_0_and_expect_100_cont', '');
                return;
            }
            case 'CONTENT-RANGE':
                if (!msg.isOrig && this.replyCode === 206)
                    this.contentRange(msg, value);
                return;
            case 'TRANSFER-ENCODING': {
                const codings = msg.transferEncoding === undefined ? value : `${msg.transferEncoding}, ${value}`;
                msg.transferEncoding = codings.slice(0, HTTP_MAX_LINE);
                const v = msg.isOrig ? this.requestVersion : this.replyVersion;
                if (token.toLowerCase() === 'chunked' && v.major === 1 && v.minor === 1) {
                    msg.chunk = Chunk.Before;
                    const after = value.slice(value.toLowerCase().indexOf('chunked') + 7).trim();
                    if (after.length > 0)
                        this.event('HTTP_chunked_multi', after);
                    if (msg.contentLength >= 0)
                        this.event('HTTP_content_length_and_chunked', value);
                }
                return;
            }
            case 'CONTENT-ENCODING': {
                const t = token.toLowerCase();
                if (t === 'gzip' || t === 'x-gzip')
                    msg.encoding = Encoding.Gzip;
                if (t === 'deflate')
                    msg.encoding = Encoding.Deflate;
                return;
            }
            case 'EXPECT':
                if (token.toLowerCase() !== '100-continue')
                    this.event('HTTP_expect_not_100_continue', token);
                msg.expect100 = true;
                if (msg.contentLength === 0)
                    this.event('HTTP_content_length_0_and_expect_100_cont', '');
                return;
            case 'CONTENT-TYPE':
                msg.contentType = value.slice(0, 256);
                msg.multipart = /^\s*(multipart|message)\//i.test(value);
                return;
            case 'CONTENT-DISPOSITION': {
                const f = /filename\s*=\s*"?([^";]*)"?/i.exec(value);
                if (f?.[1])
                    msg.filename = f[1].slice(0, 256);
                return;
            }
            default:
                return;
        }
    }
    contentRange(msg, value) {
        const token = mimeToken(value);
        if (token !== 'bytes')
            return;
        const spec = value.slice(value.indexOf(token) + token.length).replace(/ /g, '');
        const slash = spec.indexOf('/');
        const dash = slash < 0 ? -1 : spec.slice(0, slash).indexOf('-');
        if (slash < 0 || dash < 0) {
            this.event('HTTP_content_range_cannot_parse', spec);
            return;
        }
        const f = zeekAtoi(spec.slice(0, dash), 10);
        const l = zeekAtoi(spec.slice(dash + 1, slash), 10);
        if (f === undefined || l === undefined) {
            this.event('HTTP_content_range_cannot_parse', spec);
            return;
        }
        if (f < 0n || l < f) {
            this.event('HTTP_non_positive_content_range', spec);
            return;
        }
        const len = Number(l - f + 1n);
        msg.isPartial = true;
        msg.rangeLength = len;
        if (msg.contentLength > 0) {
            if (msg.contentLength !== len) {
                this.event('HTTP_range_not_matching_len', `${len} != ${msg.contentLength}`);
                if (len > msg.contentLength)
                    msg.contentLength = len;
            }
        }
        else
            msg.contentLength = len;
    }
    /** HTTP_Analyzer::HTTP_Header plus the script's http_header handler. */
    analyzerHeader(isOrig, name, value) {
        const token = mimeToken(value).toLowerCase();
        if (isOrig && name === 'CONNECTION' && token === 'keep-alive')
            this.keepAlive = true;
        if (!isOrig && name === 'CONNECTION') {
            if (token === 'close')
                this.connectionClose = true;
            else if (token === 'upgrade')
                this.upgradeConnection = true;
        }
        if (!isOrig && name === 'UPGRADE')
            this.upgradeProtocol = mimeToken(value).slice(0, 64);
        this.scriptHeader(isOrig, name, value);
    }
    /** HTTP_Entity::SubmitAllHeaders: the end of the headers decides how the body is read. */
    allHeaders(side, msg) {
        if (msg.chunk === Chunk.Trailer) {
            msg.chunk = Chunk.Nothing;
            this.endOfData(msg);
            return;
        }
        if (msg.isOrig && msg.transferEncoding !== undefined)
            this.requestCodings(msg.transferEncoding);
        if (msg.expectBody === Body.NotExpected) {
            this.endOfData(msg);
            return;
        }
        if (msg.multipart && msg.chunk !== Chunk.None) {
            this.event('HTTP_chunked_transfer_for_multipart_message', '');
            msg.chunk = Chunk.None;
        }
        if (msg.chunk !== Chunk.None)
            msg.chunk = Chunk.Size;
        else if (msg.contentLength >= 0) {
            if (msg.contentLength > 0) {
                msg.expectData = msg.contentLength;
                side.plain = msg.contentLength;
            }
            else
                this.endOfData(msg);
        }
        else if (this.connectionClose || msg.encoding !== Encoding.Identity) {
            side.plain = Number.POSITIVE_INFINITY;
        }
        else if (msg.expectBody !== Body.Expected) {
            this.endOfData(msg);
        }
        else {
            side.lineBody = true;
            side.partial = 0;
        }
    }
    /**
     * RFC 9112 §6.1 and §6.3: a request's transfer codings are a list of tokens that ends in one
     * `chunked`, in HTTP/1.1; anything else leaves its body length to each hop's guess (a 1.0
     * request, `xchunked`, `chunked, identity`, `chunked` twice), the lever of request smuggling.
     */
    requestCodings(value) {
        const v = this.requestVersion;
        if (!sameVersion(v, { major: 1, minor: 1 })) {
            this.event('HTTP_bad_transfer_encoding', `HTTP/${v.major}.${v.minor}: ${value}`);
            return;
        }
        const names = [];
        for (const element of value.split(',')) {
            const coding = element.split(';')[0].replace(/^[ \t]+|[ \t]+$/g, '');
            // Empty list elements are allowed (RFC 9110 §5.6.1); a coding with parameters keeps its name.
            if (coding === '' && !element.includes(';'))
                continue;
            names.push(coding.toLowerCase());
        }
        const chunked = names.filter((n) => n === 'chunked').length;
        if (names.length === 0 || names.some((n) => !TOKEN.test(n)) || names.at(-1) !== 'chunked' || chunked > 1)
            this.event('HTTP_bad_transfer_encoding', value);
    }
    /** Plain (raw) delivery into the current message of a side. */
    deliverPlain(side, data) {
        const msg = side.isOrig ? this.requestMessage : this.replyMessage;
        if (!msg || msg.endOfData || msg.finished)
            return;
        const len = data.length;
        if (msg.chunk === Chunk.Data) {
            msg.expectData -= len;
            if (msg.expectData <= 0) {
                side.plain = 0;
                msg.chunk = Chunk.DataCrlf;
            }
            this.deliverBody(msg, data);
        }
        else if (msg.contentLength >= 0 && side.plain !== Number.POSITIVE_INFINITY) {
            this.deliverBody(msg, data);
            msg.expectData -= len;
            if (msg.multipart) {
                for (const c of len > 2 ? data.subarray(len - 2) : data)
                    msg.tail = ((msg.tail << 8) | c) & 0xffff;
            }
            if (msg.expectData <= 0) {
                side.plain = 0;
                // Zeek reads a multipart body as lines (CR LF ends one) cut at Content-Length, and
                // counts a line end for the cut last line too.
                if (msg.multipart && msg.tail !== 0x0d0a)
                    msg.bodyLength += 2;
                this.endOfData(msg);
            }
        }
        else
            this.deliverBody(msg, data);
    }
    deliverBody(msg, data) {
        if (msg.encoding === Encoding.Identity) {
            msg.bodyLength += data.length;
            return;
        }
        if (msg.zipOverflow || msg.zipBytes + data.length > MAX_ZIP_INPUT) {
            if (!msg.zipOverflow) {
                // Too big to inflate here: count the compressed bytes instead.
                msg.zipOverflow = true;
                msg.bodyLength += msg.zipBytes;
                msg.zip = undefined;
            }
            msg.bodyLength += data.length;
            return;
        }
        msg.zip ??= [];
        msg.zip.push(data.slice());
        msg.zipBytes += data.length;
    }
    /** Line-by-line body counting (Zeek delivers lines and adds 2 for each line end). */
    countLineBody(side, b, i) {
        const msg = this.replyMessage;
        const n = b.length;
        let count = 0;
        let partial = side.partial;
        for (; i < n; i++) {
            const c = b[i];
            if (c === CR) {
                count += 2;
                partial = 0;
                if (i + 1 < n) {
                    if (b[i + 1] === LF)
                        i++;
                }
                else {
                    side.swallowLf = true;
                }
            }
            else if (c === LF) {
                count += 2;
                partial = 0;
            }
            else {
                count++;
                partial++;
            }
        }
        side.partial = partial;
        if (msg && !msg.finished)
            this.bodyBytes(msg, count, 0);
        return n;
    }
    bodyBytes(msg, len, extra) {
        msg.bodyLength += len + extra;
    }
    endOfData(msg) {
        if (msg.endOfData)
            return;
        msg.endOfData = true;
        this.inflate(msg);
        this.messageDone(msg, false);
    }
    inflate(msg) {
        const chunks = msg.zip;
        msg.zip = undefined;
        if (!chunks || msg.zipOverflow)
            return;
        const input = new Uint8Array(msg.zipBytes);
        let o = 0;
        for (const c of chunks) {
            input.set(c, o);
            o += c.length;
        }
        const opts = { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: MAX_ZIP_OUTPUT };
        const attempts = msg.encoding === Encoding.Gzip
            ? [() => gunzipSync(input, opts)]
            : [() => inflateSync(input, opts), () => inflateRawSync(input, opts)];
        for (const attempt of attempts) {
            try {
                msg.bodyLength += attempt().length;
                return;
            }
            catch {
                // next form, else nothing decompressed (Zeek's ZIP analyzer gives up likewise)
            }
        }
    }
    /** HTTP_Message::Done: the script's http_message_done, then the analyzer's bookkeeping. */
    messageDone(msg, interrupted) {
        if (msg.finished)
            return;
        msg.finished = true;
        if (!msg.endOfData) {
            msg.endOfData = true;
            this.inflate(msg);
        }
        this.scriptMessageDone(msg);
        if (msg.isOrig)
            this.requestMade(interrupted);
        else
            this.replyMade(interrupted);
    }
    requestMade(interrupted) {
        if (!this.requestOngoing)
            return;
        this.requestOngoing = false;
        if (this.requestMessage)
            this.messageDone(this.requestMessage, interrupted);
        this.requestState = interrupted ? ReqState.Nothing : ReqState.Line;
        if (!interrupted) {
            this.orig.plain = 0;
            this.orig.lineBody = false;
        }
    }
    replyMade(interrupted) {
        if (!this.replyOngoing)
            return;
        this.replyOngoing = false;
        if (this.replyMessage)
            this.messageDone(this.replyMessage, interrupted);
        const code = this.replyCode;
        if ((code < 100 || code >= 200) && this.unanswered.length > 0)
            this.unanswered.shift();
        this.replyReason = undefined;
        let upgraded = false;
        if (code === 101 &&
            this.unanswered.length === 1 &&
            this.upgradeConnection &&
            this.upgradeProtocol !== '') {
            upgraded = true;
            this.upgrade = this.upgradeProtocol.toLowerCase();
            if (this.resp.lineLen > 0 || this.resp.plain > 0)
                this.event('protocol_data_with_HTTP_upgrade_reply', this.upgrade);
            this.stopParsing();
        }
        this.replyCode = 0;
        this.upgradeConnection = false;
        this.upgradeProtocol = '';
        this.replyState = interrupted || upgraded ? RepState.Nothing : RepState.Line;
        if (!interrupted && !upgraded) {
            this.resp.plain = 0;
            this.resp.lineBody = false;
        }
    }
    /** A reply to an HTTP/0.9 request: no status line, everything until close is body. */
    deliverHttp09(data) {
        if (!this.replyMessage) {
            this.setVersion(false, { major: 0, minor: 9 });
            if (this.unanswered.length > 0) {
                this.confirmed = true;
                this.unanswered.shift();
            }
            this.connectionClose = true;
            this.replyOngoing = true;
            this.httpReply();
            const msg = this.initMessage(undefined, false, this.expectReplyBody());
            this.replyMessage = msg;
            msg.inHeader = false;
            this.allHeaders(this.resp, msg);
            this.resp.plain = 0;
        }
        const msg = this.replyMessage;
        if (!msg.endOfData && !msg.finished)
            this.deliverBody(msg, data);
    }
    skipGap(side, msg, len) {
        if ((msg.endOfData && msg.inHeader) || msg.bodyLength === 0)
            return false;
        if (msg.chunk !== Chunk.None) {
            if (msg.chunk === Chunk.Data && msg.expectData >= len) {
                msg.bodyLength += len;
                msg.expectData -= len;
                side.plain = msg.expectData;
                if (msg.expectData === 0)
                    msg.chunk = Chunk.DataCrlf;
                return true;
            }
            return false;
        }
        if (msg.contentLength >= 0 && side.plain !== Number.POSITIVE_INFINITY) {
            if (msg.expectData >= len) {
                msg.bodyLength += len;
                msg.expectData -= len;
                side.plain = msg.expectData;
                if (msg.expectData <= 0)
                    this.endOfData(msg);
                return true;
            }
        }
        return false;
    }
    // -------------------------------------------------------------------------------------------
    // base/protocols/http/main.zeek
    newSession() {
        const c = this.conn;
        const rec = {
            ts: this.ts,
            trans_depth: ++this.transDepth,
            request_body_len: 0,
            response_body_len: 0,
            tags: [],
        };
        if (c.uid !== undefined)
            rec.uid = c.uid;
        if (c.origH !== undefined)
            rec.orig_h = c.origH;
        if (c.origP !== undefined)
            rec.orig_p = c.origP;
        if (c.respH !== undefined)
            rec.resp_h = c.respH;
        if (c.respP !== undefined)
            rec.resp_p = c.respP;
        return { rec };
    }
    setState(isOrig) {
        const k = isOrig ? this.currentRequest : this.currentResponse;
        let p = this.pending.get(k);
        if (!p) {
            p = this.newSession();
            this.pending.set(k, p);
        }
        return p.rec;
    }
    scriptRequest(method, uri) {
        if (this.currentRequest < this.currentResponse) {
            this.event('HTTP_response_before_request', method);
            this.currentRequest = this.currentResponse;
        }
        if (this.pending.size > MAX_PENDING) {
            this.event('HTTP_excessive_pipelining', `${this.pending.size} > ${MAX_PENDING}`);
            if (this.currentResponse === 0)
                this.currentResponse++;
            while (this.currentResponse < this.currentRequest) {
                const p = this.pending.get(this.currentResponse);
                if (p) {
                    this.emitRecord(p.rec);
                    this.pending.delete(this.currentResponse);
                }
                this.currentResponse++;
            }
        }
        this.currentRequest++;
        const rec = this.setState(true);
        rec.method = method.slice(0, HTTP_MAX_LINE);
        rec.uri = uri;
        if (!KNOWN_METHODS.has(method))
            this.event('unknown_HTTP_method', method);
    }
    scriptReply(version, code, reason) {
        const cur = this.pending.get(this.currentResponse);
        if (!cur ||
            (cur.rec.status_code !== undefined && !(cur.rec.status_code >= 100 && cur.rec.status_code < 200)))
            this.currentResponse++;
        const rec = this.setState(false);
        rec.status_code = code;
        rec.status_msg = reason;
        rec.version = version;
        if (code >= 100 && code < 200) {
            rec.info_code = code;
            rec.info_msg = reason;
        }
    }
    scriptHeader(isOrig, name, value) {
        const rec = this.setState(isOrig);
        if (!isOrig)
            return;
        switch (name) {
            case 'REFERER':
                rec.referrer = value;
                return;
            case 'HOST':
                rec.host = value;
                return;
            case 'ORIGIN':
                rec.origin = value;
                return;
            case 'USER-AGENT':
                rec.user_agent = value;
                return;
            case 'RANGE':
                return;
            case 'AUTHORIZATION':
            case 'PROXY-AUTHORIZATION':
                if (/^basic /i.test(value)) {
                    const decoded = Buffer.from(value.replace(/^basic[ \t]+/i, ''), 'base64').toString('latin1');
                    const colon = decoded.indexOf(':');
                    rec.username = (colon >= 0 ? decoded.slice(0, colon) : `<problem-decoding> (${value})`).slice(0, HTTP_MAX_LINE);
                }
                return;
            default:
                if (PROXY_HEADERS.has(name)) {
                    // Zeek's `proxied` set (logged by main.zeek); bounded to a few entries.
                    rec.proxied ??= [];
                    const entry = `${name} -> ${value}`.slice(0, HTTP_MAX_LINE);
                    if (rec.proxied.length < 16 && !rec.proxied.includes(entry))
                        rec.proxied.push(entry);
                }
        }
    }
    scriptMessageDone(msg) {
        const rec = this.setState(msg.isOrig);
        if (msg.isOrig) {
            rec.request_body_len = msg.bodyLength;
            if (msg.contentType !== undefined)
                rec.orig_content_type = msg.contentType;
            if (msg.filename !== undefined && msg.bodyLength > 0)
                rec.orig_filenames = [msg.filename];
            return;
        }
        rec.response_body_len = msg.bodyLength;
        if (msg.contentType !== undefined)
            rec.resp_content_type = msg.contentType;
        if (msg.filename !== undefined && msg.bodyLength > 0)
            rec.resp_filenames = [msg.filename];
        if (!(rec.status_code !== undefined && rec.status_code >= 100 && rec.status_code < 200)) {
            this.emitRecord(rec);
            this.pending.delete(this.currentResponse);
        }
    }
}
/** The first MIME token of a header value (Zeek's get_value_token): no separators, no spaces. */
function mimeToken(value) {
    let i = 0;
    while (i < value.length && (value[i] === ' ' || value[i] === '\t'))
        i++;
    let j = i;
    while (j < value.length) {
        const c = value.charCodeAt(j);
        if (c <= 32 || c >= 127 || '()<>@,;:\\"/[]?='.includes(value[j]))
            break;
        j++;
    }
    return value.slice(i, j);
}
// ---------------------------------------------------------------------------------------------
// http.log columns
/** A byte string (one char per byte) as text: UTF-8 when it decodes as such, else as is. */
function text(s) {
    if (s === undefined)
        return undefined;
    let high = false;
    for (let i = 0; i < s.length; i++) {
        if (s.charCodeAt(i) > 0x7f) {
            high = true;
            break;
        }
    }
    if (!high)
        return s;
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'latin1'));
    }
    catch {
        return s;
    }
}
/** Zeek 7's http.log columns, in its field order (base/protocols/http/main.zeek). */
export const HTTP_COLUMNS = [
    { name: 'ts', type: 'time', get: (r) => r.ts },
    { name: 'uid', type: 'string', get: (r) => r.uid },
    { name: 'id.orig_h', type: 'addr', get: (r) => r.orig_h },
    { name: 'id.orig_p', type: 'port', get: (r) => r.orig_p },
    { name: 'id.resp_h', type: 'addr', get: (r) => r.resp_h },
    { name: 'id.resp_p', type: 'port', get: (r) => r.resp_p },
    { name: 'trans_depth', type: 'count', get: (r) => r.trans_depth },
    { name: 'method', type: 'string', get: (r) => text(r.method) },
    { name: 'host', type: 'string', get: (r) => text(r.host) },
    { name: 'uri', type: 'string', get: (r) => text(r.uri) },
    { name: 'referrer', type: 'string', get: (r) => text(r.referrer) },
    { name: 'version', type: 'string', get: (r) => r.version },
    { name: 'user_agent', type: 'string', get: (r) => text(r.user_agent) },
    { name: 'origin', type: 'string', get: (r) => text(r.origin) },
    { name: 'request_body_len', type: 'count', get: (r) => r.request_body_len },
    { name: 'response_body_len', type: 'count', get: (r) => r.response_body_len },
    { name: 'status_code', type: 'count', get: (r) => r.status_code },
    { name: 'status_msg', type: 'string', get: (r) => text(r.status_msg) },
    { name: 'info_code', type: 'count', get: (r) => r.info_code },
    { name: 'info_msg', type: 'string', get: (r) => text(r.info_msg) },
    { name: 'tags', type: 'set[enum]', get: (r) => r.tags },
    { name: 'username', type: 'string', get: (r) => text(r.username) },
    { name: 'password', type: 'string', get: (r) => text(r.password) },
    { name: 'proxied', type: 'set[string]', get: (r) => r.proxied?.map((p) => text(p)) },
    { name: 'orig_fuids', type: 'vector[string]', get: () => undefined },
    { name: 'orig_filenames', type: 'vector[string]', get: (r) => r.orig_filenames?.map((p) => text(p)) },
    { name: 'orig_mime_types', type: 'vector[string]', get: () => undefined },
    { name: 'resp_fuids', type: 'vector[string]', get: () => undefined },
    { name: 'resp_filenames', type: 'vector[string]', get: (r) => r.resp_filenames?.map((p) => text(p)) },
    { name: 'resp_mime_types', type: 'vector[string]', get: () => undefined },
];
//# sourceMappingURL=http.js.map