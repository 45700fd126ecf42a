import type { ZeekColumn } from '../../../report/zeek-log.js';
import type { EventSink } from '../packet.js';
/** Longest line buffered (request, status, header, chunk size). */
export declare const HTTP_MAX_LINE: number;
/** Headers read per message. */
export declare const HTTP_MAX_HEADERS = 256;
/**
 * Zeek's util::atoi_n: optional '-', then digits of the base; stops at the first non-digit
 * after at least one; undefined when the first character is not a digit or on overflow of a
 * signed 64-bit value (so 2^64 and uint64 max are errors, as in Zeek 7's checked version).
 */
export declare function zeekAtoi(text: string, base: 10 | 16): bigint | undefined;
/**
 * True when a stream starts like HTTP/1.x: from the originator, a token method of 3–20
 * characters and a space, and either a known method or " HTTP/" later in the bytes given; from
 * the responder, "HTTP/d.d ddd". Needs about 12 bytes; fewer give false.
 */
export declare function looksLikeHttp(firstBytes: Uint8Array, isOrig: boolean): boolean;
/** One http.log row. Zeek's names; unset fields are absent. */
export interface HttpLogRecord {
    ts: number;
    uid?: string;
    orig_h?: string;
    orig_p?: number;
    resp_h?: string;
    resp_p?: number;
    trans_depth: number;
    method?: string;
    host?: string;
    uri?: string;
    referrer?: string;
    version?: string;
    user_agent?: string;
    origin?: string;
    request_body_len: number;
    response_body_len: number;
    status_code?: number;
    status_msg?: string;
    info_code?: number;
    info_msg?: string;
    tags: string[];
    username?: string;
    password?: string;
    proxied?: string[];
    orig_filenames?: string[];
    resp_filenames?: string[];
    /** Not a Zeek column: the request's Content-Type header value. */
    orig_content_type?: string;
    /** Not a Zeek column: the reply's Content-Type header value. */
    resp_content_type?: string;
}
/** The connection a parser belongs to, copied into each record. */
export interface HttpConnInfo {
    readonly uid?: string;
    readonly origH?: string;
    readonly origP?: number;
    readonly respH?: string;
    readonly respP?: number;
}
export interface HttpParserOptions {
    readonly sink?: EventSink;
    readonly conn?: HttpConnInfo;
    /** Receives each finished row; without it rows collect in `records`. */
    readonly emit?: (record: HttpLogRecord) => void;
}
/**
 * One HTTP connection: feed both directions in capture order. See the file header for the
 * contract; all methods are safe on any input and after `done`.
 */
export declare class HttpConnParser {
    /** Rows emitted so far when no `emit` callback was given. */
    readonly records: HttpLogRecord[];
    /** The protocol a 101 reply switched to (lower case, e.g. 'websocket'). */
    upgrade: string | undefined;
    /** True once a CONNECT was answered with 200: the rest is tunnelled. */
    tunnel: boolean;
    /** Bytes reported lost through `gap`, per direction. */
    readonly gapBytes: [orig: number, resp: number];
    private readonly sink;
    private readonly conn;
    private readonly emitRecord;
    private readonly reported;
    private ts;
    private stopped;
    private readonly orig;
    private readonly resp;
    private requestState;
    private replyState;
    private requestMessage;
    private replyMessage;
    private requestOngoing;
    private replyOngoing;
    private requestVersion;
    private replyVersion;
    private replyCode;
    private replyReason;
    private numRequests;
    private keepAlive;
    private connectionClose;
    private connectRequest;
    private upgradeConnection;
    private upgradeProtocol;
    private confirmed;
    private readonly unanswered;
    private readonly pending;
    private currentRequest;
    private currentResponse;
    private transDepth;
    constructor(options?: HttpParserOptions);
    /** True when nothing more will be parsed (tunnel, upgrade, both sides stopped, finished). */
    get done(): boolean;
    deliver(isOrig: boolean, bytes: Uint8Array, ts: number): void;
    /**
     * `length` bytes of this direction were lost. Inside a body of known remaining length the
     * parser skips them and goes on; anywhere else that side stops (the originator's stop ends
     * the replies too, since a reply's body depends on its request), as in Zeek.
     */
    gap(isOrig: boolean, length: number, ts?: number): void;
    /** One side closed (FIN): its partial line is delivered and its message ends. */
    eof(isOrig: boolean, ts?: number): void;
    /**
     * Connection end: the responder's side ends first (then the originator's), messages still
     * open end as interrupted, and every transaction still pending is logged.
     */
    finish(ts?: number): void;
    private event;
    /** Zeek's analyzer violation: that side stops, and once confirmed, the whole connection. */
    private violation;
    /** Appends bytes up to a line end; returns the index after what was consumed. */
    private assembleLine;
    private appendLine;
    private flushLine;
    private onLine;
    /** Stops both directions where they are (CONNECT tunnel, upgrade). */
    private stopParsing;
    private requestLine;
    private requestLineFailed;
    /** HTTP.cc ParseRequest: returns the URI's bounds and sets the request version. */
    private parseRequest;
    private parseVersion;
    private setVersion;
    /** HTTP.cc HTTP_ReplyLine. */
    private replyLine;
    private versionText;
    private httpReply;
    /** HTTP.cc ExpectReplyMessageBody. */
    private expectReplyBody;
    private initMessage;
    private deliverLine;
    private headerLine;
    private submitPendingHeader;
    /** HTTP_Entity::SubmitHeader: the headers that decide the body. */
    private entityHeader;
    private contentRange;
    /** HTTP_Analyzer::HTTP_Header plus the script's http_header handler. */
    private analyzerHeader;
    /** HTTP_Entity::SubmitAllHeaders: the end of the headers decides how the body is read. */
    private allHeaders;
    /**
     * RFC 9112 §6.1 and §6.3: a request's transfer codings are a list of tokens that ends in one
     * `chunked`, in HTTP/1.1; anything else leaves its body length to each hop's guess (a 1.0
     * request, `xchunked`, `chunked, identity`, `chunked` twice), the lever of request smuggling.
     */
    private requestCodings;
    /** Plain (raw) delivery into the current message of a side. */
    private deliverPlain;
    private deliverBody;
    /** Line-by-line body counting (Zeek delivers lines and adds 2 for each line end). */
    private countLineBody;
    private bodyBytes;
    private endOfData;
    private inflate;
    /** HTTP_Message::Done: the script's http_message_done, then the analyzer's bookkeeping. */
    private messageDone;
    private requestMade;
    private replyMade;
    /** A reply to an HTTP/0.9 request: no status line, everything until close is body. */
    private deliverHttp09;
    private skipGap;
    private newSession;
    private setState;
    private scriptRequest;
    private scriptReply;
    private scriptHeader;
    private scriptMessageDone;
}
/** Zeek 7's http.log columns, in its field order (base/protocols/http/main.zeek). */
export declare const HTTP_COLUMNS: readonly ZeekColumn<HttpLogRecord>[];
