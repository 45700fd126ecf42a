/**
 * HTTP/1.x parsing: hand-built exchanges (pipelining, chunked, 100-continue, HEAD, smuggling
 * signals, gaps, CONNECT, upgrades, HTTP/0.9), the http.log mapping against Zeek's baselines on
 * every corpus trace with an http.log, and fuzzing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HTTP_COLUMNS,
  HTTP_MAX_LINE,
  HttpConnParser,
  type HttpLogRecord,
  looksLikeHttp,
  zeekAtoi,
} from '../../../../src/ingest/pcap/app/http.js';
import type { ProtocolEvent } from '../../../../src/ingest/pcap/packet.js';
import { zeekTsv } from '../../../../src/report/zeek-log.js';
import { corpusPath } from '../../../helpers/corpus.js';
import { readTcpConnections, type TcpConnection } from '../../../helpers/tcp-payloads.js';

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

type Step = [isOrig: boolean, data: string | Uint8Array] | ['gap', boolean, number] | ['eof', boolean];

/** Runs a scripted exchange (optionally every chunk split byte by byte) and returns rows + events. */
function run(steps: Step[], byteByByte = false) {
  const events: ProtocolEvent[] = [];
  const p = new HttpConnParser({ sink: (e) => events.push(e), conn: { uid: 'Ctest' } });
  let ts = 1;
  for (const s of steps) {
    if (s[0] === 'gap') p.gap(s[1], s[2], ts);
    else if (s[0] === 'eof') p.eof(s[1], ts);
    else {
      const b = typeof s[1] === 'string' ? enc(s[1]) : s[1];
      if (byteByByte) for (let i = 0; i < b.length; i++) p.deliver(s[0], b.subarray(i, i + 1), ts);
      else p.deliver(s[0], b, ts);
    }
    ts++;
  }
  p.finish(ts);
  return { rows: p.records, names: events.map((e) => e.name), p };
}

const pick = (r: HttpLogRecord) => ({
  d: r.trans_depth,
  m: r.method,
  uri: r.uri,
  host: r.host,
  v: r.version,
  req: r.request_body_len,
  resp: r.response_body_len,
  code: r.status_code,
  msg: r.status_msg,
});

describe('looksLikeHttp', () => {
  it('knows requests by method and version, replies by status line', () => {
    expect(looksLikeHttp(enc('GET / HTTP/1.1\r\n'), true)).toBe(true);
    expect(looksLikeHttp(enc('PROPFIND /x HTTP/1.1\r\n'), true)).toBe(true);
    expect(looksLikeHttp(enc('CCM_POST / HTTP/1.1\r\n'), true)).toBe(true);
    expect(looksLikeHttp(enc('GET /'), true)).toBe(true);
    expect(looksLikeHttp(enc('HELLO there\r\n'), true)).toBe(false);
    expect(looksLikeHttp(enc('SSH-2.0-OpenSSH_9.6\r\n'), true)).toBe(false);
    expect(looksLikeHttp(Uint8Array.of(0x16, 3, 1, 0, 5, 1), true)).toBe(false);
    expect(looksLikeHttp(enc('HTTP/1.1 200 OK\r\n'), false)).toBe(true);
    expect(looksLikeHttp(enc('HTTP/1.0 404 Not Found\r\n'), false)).toBe(true);
    expect(looksLikeHttp(enc('HTTP/1.1 2'), false)).toBe(false);
    expect(looksLikeHttp(enc('GET / HTTP/1.1\r\n'), false)).toBe(false);
  });

  it("parses numbers the way Zeek's atoi_n does", () => {
    expect(zeekAtoi('123abc', 10)).toBe(123n);
    expect(zeekAtoi('-5', 10)).toBe(-5n);
    expect(zeekAtoi('x', 10)).toBeUndefined();
    expect(zeekAtoi('18446744073709551615', 10)).toBeUndefined();
    expect(zeekAtoi('1a;ext', 16)).toBe(26n);
    expect(zeekAtoi('10000000000000000', 16)).toBeUndefined();
  });
});

describe('transactions', () => {
  const GET =
    'GET /a HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\nReferer: http://r/\r\nOrigin: http://o\r\n\r\n';
  const OK5 = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello';

  it('maps a request and its reply to http.log fields, also byte by byte', () => {
    for (const bb of [false, true]) {
      const { rows, names } = run(
        [
          [true, GET],
          [false, OK5],
        ],
        bb,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        uid: 'Ctest',
        trans_depth: 1,
        method: 'GET',
        host: 'example.com',
        uri: '/a',
        referrer: 'http://r/',
        origin: 'http://o',
        user_agent: 't/1',
        version: '1.1',
        request_body_len: 0,
        response_body_len: 5,
        status_code: 200,
        status_msg: 'OK',
        resp_content_type: 'text/plain',
        tags: [],
      });
      expect(names).toEqual([]);
    }
  });

  it('pairs pipelined requests with replies in order', () => {
    const { rows } = run([
      [
        true,
        'GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /3 HTTP/1.1\r\nHost: h\r\n\r\n',
      ],
      [
        false,
        'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabHTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nxyz',
      ],
      [false, 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n'],
    ]);
    expect(rows.map(pick)).toEqual([
      { d: 1, m: 'GET', uri: '/1', host: 'h', v: '1.1', req: 0, resp: 2, code: 200, msg: 'OK' },
      { d: 2, m: 'GET', uri: '/2', host: 'h', v: '1.1', req: 0, resp: 3, code: 404, msg: 'Not Found' },
      // HEAD: no body despite Content-Length.
      { d: 3, m: 'HEAD', uri: '/3', host: 'h', v: '1.1', req: 0, resp: 0, code: 200, msg: 'OK' },
    ]);
  });

  it('reads chunked bodies (extensions, trailers) and bodies until close', () => {
    const { rows } = run([
      [
        true,
        'POST /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\n',
      ],
      [false, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n1\r\nz\r\n0\r\n\r\n'],
      [true, 'GET /close HTTP/1.1\r\nHost: h\r\n\r\n'],
      [false, 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end'],
    ]);
    expect(rows.map((r) => [r.request_body_len, r.response_body_len])).toEqual([
      [3, 11],
      [0, 13],
    ]);
  });

  it('counts a length-less reply line by line as Zeek does (2 per line end)', () => {
    const { rows } = run([
      [true, 'GET / HTTP/1.1\r\nHost: h\r\n\r\n'],
      [false, 'HTTP/1.1 200 OK\r\n\r\nline\nline\r\npartial'],
    ]);
    expect(rows[0]!.response_body_len).toBe(4 + 2 + 4 + 2 + 7 + 2);
  });

  it('keeps 100-continue as info_code on the final reply', () => {
    const { rows } = run([
      [true, 'POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n'],
      [false, 'HTTP/1.1 100 Continue\r\n\r\n'],
      [true, 'body'],
      [false, 'HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n'],
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      request_body_len: 4,
      status_code: 201,
      status_msg: 'Created',
      info_code: 100,
      info_msg: 'Continue',
    });
  });

  it('has no body for 204 and 304, and decompresses gzip bodies for the length', () => {
    const gz = gzipSync(Buffer.from('x'.repeat(1000)));
    const { rows } = run([
      [
        true,
        'GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\n',
      ],
      [false, 'HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n'],
      [false, 'HTTP/1.1 304 Not Modified\r\n\r\n'],
      [false, `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\n\r\n`],
      [false, new Uint8Array(gz)],
    ]);
    expect(rows.map((r) => [r.status_code, r.response_body_len])).toEqual([
      [204, 0],
      [304, 0],
      [200, 1000],
    ]);
  });

  it('reports request smuggling signals with Zeek weird names', () => {
    const cl_te = run([
      [true, 'POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ]);
    expect(cl_te.names).toContain('HTTP_content_length_and_chunked');
    const te_multi = run([
      [true, 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n'],
    ]);
    expect(te_multi.names).toContain('HTTP_chunked_multi');
    const twoCl = run([[true, 'POST / HTTP/1.1\r\nContent-Length: 4\r\nContent-Length: 6\r\n\r\nabcdef']]);
    expect(twoCl.names).toContain('HTTP_multiple_content_length');
    expect(twoCl.rows[0]!.request_body_len).toBe(6);
    const neg = run([[true, 'POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n']]);
    expect(neg.names).toContain('HTTP_bad_content_length');
    expect(neg.rows.map((r) => r.uri)).toEqual(['/', '/smuggled']);
    const huge = run([[true, 'POST / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n']]);
    expect(huge.names).toContain('HTTP_bad_content_length');
    const chunk = run([
      [
        true,
        'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\nGET /s HTTP/1.1\r\n\r\n',
      ],
    ]);
    expect(chunk.names).toContain('HTTP_bad_chunk_size');
    const zeros = run([[true, 'POST / HTTP/1.1\r\nContent-Length: 007\r\n\r\n1234567']]);
    expect(zeros.names).toContain('HTTP_content_length_leading_zeros');
    const e100 = run([[true, 'POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n']]);
    expect(e100.names).toContain('HTTP_content_length_0_and_expect_100_cont');
    // Chunked only counts in HTTP/1.1, as in Zeek: a 1.0 body is read by Content-Length.
    const v10 = run([
      [true, 'POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc'],
    ]);
    expect(v10.rows[0]!.request_body_len).toBe(3);
    expect(v10.names).toContain('HTTP_bad_transfer_encoding');
  });

  it("reports a request's transfer codings that do not end in one chunked (ours), each way split", () => {
    const request = (te: string, version = '1.1') =>
      `POST / HTTP/${version}\r\nHost: h\r\n${te}\r\n\r\n0\r\n\r\n`;
    const bad = [
      'Transfer-Encoding: xchunked',
      'Transfer-Encoding: chunked, identity',
      'Transfer-Encoding: chunked\r\nTransfer-Encoding: x',
      'Transfer-Encoding: chunked, chunked',
      'Transfer-Encoding: identity',
      'Transfer-Encoding: "chunked"',
      'Transfer-Encoding:',
    ];
    for (const te of bad) {
      for (const split of [false, true]) {
        expect(run([[true, request(te)]], split).names, te).toContain('HTTP_bad_transfer_encoding');
      }
    }
    const good = [
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: CHUNKED',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked',
      'Transfer-Encoding: ,chunked',
      'Content-Length: 5',
    ];
    for (const te of good) {
      const { names } = run([[true, request(te)]]);
      expect(names, te).not.toContain('HTTP_bad_transfer_encoding');
      expect(names, te).not.toContain('HTTP_whitespace_before_colon');
    }
    // Many Transfer-Encoding headers: the joined list is bounded, and still judged.
    const many = `POST / HTTP/1.1\r\nHost: h\r\n${`Transfer-Encoding: ${'gzip, '.repeat(20)}gzip\r\n`.repeat(200)}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n`;
    const flood = run([[true, many]]);
    expect(flood.names).toContain('HTTP_bad_transfer_encoding');
    expect(flood.rows.map((r) => r.uri)).toEqual(['/', '/next']);
    // A reply may end its codings otherwise (its body then runs to the close).
    const reply = run([
      [true, 'GET / HTTP/1.1\r\nHost: h\r\n\r\n'],
      [false, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n'],
    ]);
    expect(reply.names).not.toContain('HTTP_bad_transfer_encoding');
  });

  it('reports whitespace between a header name and its colon (ours), naming the header', () => {
    const events: ProtocolEvent[] = [];
    const p = new HttpConnParser({ sink: (e) => events.push(e), conn: { uid: 'Cws' } });
    p.deliver(true, enc('POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n'), 1);
    p.finish(2);
    expect(events.filter((e) => e.name === 'HTTP_whitespace_before_colon').map((e) => e.detail)).toEqual([
      'Transfer-Encoding',
    ]);
    // Read like a lenient hop reads it: the body is chunked.
    expect(p.records[0]!.request_body_len).toBe(0);
  });

  it('reports bad lines, unknown methods, missing versions and version mismatches', () => {
    expect(run([[true, '\xff\xfe / HTTP/1.1\r\n\r\n']]).names).toContain('bad_HTTP_request_with_version');
    expect(run([[true, 'OPTIONS\r\n\r\n']]).names).toContain('bad_HTTP_request');
    const unknown = run([
      [true, 'FOO / HTTP/1.1\r\n\r\n'],
      [false, 'HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n'],
    ]);
    expect(unknown.names).toContain('unknown_HTTP_method');
    expect(unknown.rows[0]).toMatchObject({ method: 'FOO', status_code: 405 });
    const noUri = run([[true, 'GET HTTP/1.1\r\n\r\n']]);
    expect(noUri.names).toContain('missing_HTTP_uri');
    expect(noUri.rows[0]!.uri).toBe('');
    const mismatch = run([[true, 'GET / HTTP/1.1\r\n\r\nGET / HTTP/1.0\r\n\r\n']]);
    expect(mismatch.names).toContain('HTTP_version_mismatch');
    const badReply = run([
      [true, 'GET / HTTP/1.1\r\n\r\n'],
      [false, '<html>not http</html>\r\n'],
    ]);
    expect(badReply.names).toContain('bad_HTTP_reply');
    expect(badReply.rows[0]!.method).toBe('GET');
    expect(badReply.rows[0]!.status_code).toBeUndefined();
    // A URI's escapes are decoded; broken ones are weirds.
    const pct = run([[true, 'GET /a%20b%u0041%zz% HTTP/1.1\r\n\r\n']]);
    expect(pct.rows[0]!.uri).toBe('/a bA%zz%');
    expect(pct.names).toEqual(expect.arrayContaining(['illegal_%_in_URI', 'illegal_%_at_end_of_URI']));
  });

  it('reads HTTP/0.9: a request without version and the reply without status line', () => {
    const { rows, names } = run([
      [true, 'GET /zeek.html\n'],
      [false, '<html>\n</html>\n'],
      ['eof', false],
      ['eof', true],
    ]);
    expect(rows.map(pick)).toEqual([
      {
        d: 1,
        m: 'GET',
        uri: '/zeek.html',
        host: undefined,
        v: '0.9',
        req: 0,
        resp: 15,
        code: 0,
        msg: '<empty>',
      },
      {
        d: 2,
        m: undefined,
        uri: undefined,
        host: undefined,
        v: undefined,
        req: 0,
        resp: 0,
        code: undefined,
        msg: undefined,
      },
    ]);
    expect(names).toEqual([]);
    expect(run([[true, 'POST /x\n']]).names).toContain('invalid_http_09_request_method');
  });

  it('stops after CONNECT 200 and after a websocket upgrade', () => {
    const connect = run([
      [true, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'],
      [false, 'HTTP/1.1 200 Connection established\r\n\r\n'],
      [true, '\x16\x03\x01\x00\x05hello'],
      [false, 'GET / HTTP/1.1\r\n\r\n'],
    ]);
    expect(connect.p.tunnel).toBe(true);
    expect(connect.p.done).toBe(true);
    expect(connect.rows.map(pick)).toEqual([
      {
        d: 1,
        m: 'CONNECT',
        uri: 'example.com:443',
        host: 'example.com:443',
        v: '1.1',
        req: 0,
        resp: 0,
        code: 200,
        msg: 'Connection established',
      },
    ]);
    const ws = run([
      [true, 'GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'],
      [
        false,
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello',
      ],
      [true, '\x81\x85abcd1234GET / HTTP/1.1\r\n\r\n'],
    ]);
    expect(ws.p.upgrade).toBe('websocket');
    expect(ws.rows).toHaveLength(1);
    expect(ws.rows[0]).toMatchObject({ status_code: 101, info_code: 101 });
  });

  it('skips a gap inside a body of known length, and stops that side for other gaps', () => {
    const inBody = run([
      [true, 'GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n'],
      [false, 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'],
      ['gap', false, 80],
      [false, '0123456789HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx'],
    ]);
    expect(inBody.rows.map((r) => [r.uri, r.response_body_len, r.status_code])).toEqual([
      ['/1', 100, 200],
      ['/2', 1, 200],
    ]);
    expect(inBody.names).toContain('HTTP_content_gap');
    expect(inBody.p.gapBytes).toEqual([0, 80]);
    const inHeaders = run([
      [true, 'GET /1 HTTP/1.1\r\nHost: h\r\n\r\n'],
      [false, 'HTTP/1.1 200 OK\r\nContent-'],
      ['gap', false, 30],
      [false, 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx'],
    ]);
    expect(inHeaders.rows.map((r) => [r.uri, r.status_code, r.response_body_len])).toEqual([['/1', 200, 0]]);
    expect(inHeaders.p.gapBytes).toEqual([0, 30]);
  });

  it('bounds lines and headers', () => {
    const long = run([[true, `GET /${'a'.repeat(HTTP_MAX_LINE * 2)} HTTP/1.1\r\nHost: h\r\n\r\n`]]);
    expect(long.names).toContain('contentline_size_exceeded');
    expect(long.rows[0]!.uri!.length).toBeLessThanOrEqual(HTTP_MAX_LINE);
    const many = run([[true, `GET / HTTP/1.1\r\n${'X-A: b\r\n'.repeat(1000)}Host: late\r\n\r\n`]]);
    expect(many.names).toContain('HTTP_too_many_headers');
    expect(many.rows[0]!.host).toBeUndefined();
  });

  it('decodes Basic credentials into username, keeps proxies, and writes the http.log columns', () => {
    const { rows } = run([
      [true, 'GET / HTTP/1.1\r\nAuthorization: Basic dXNlcjpwYXNz\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n'],
    ]);
    expect(rows[0]).toMatchObject({ username: 'user', proxied: ['X-FORWARDED-FOR -> 10.0.0.1'] });
    expect(rows[0]!.password).toBeUndefined();
    const tsv = zeekTsv('http', HTTP_COLUMNS, rows, [0, 1]);
    const fieldsLine = tsv.split('\n').find((l) => l.startsWith('#fields'))!;
    expect(fieldsLine.split('\t').slice(1)).toEqual([
      'ts',
      'uid',
      'id.orig_h',
      'id.orig_p',
      'id.resp_h',
      'id.resp_p',
      'trans_depth',
      'method',
      'host',
      'uri',
      'referrer',
      'version',
      'user_agent',
      'origin',
      'request_body_len',
      'response_body_len',
      'status_code',
      'status_msg',
      'info_code',
      'info_msg',
      'tags',
      'username',
      'password',
      'proxied',
      'orig_fuids',
      'orig_filenames',
      'orig_mime_types',
      'resp_fuids',
      'resp_filenames',
      'resp_mime_types',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Corpus

const ZEEK = corpusPath('zeek', 'cases.json') ? corpusPath('zeek') : undefined;

/** A Zeek baseline: TSV with #fields, a zeek-cut table (bare header line), or JSON lines. */
function readLog(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  let rows = lines.filter((l) => l && !l.startsWith('#'));
  if (rows[0]?.startsWith('{')) {
    return rows.map((l) => {
      const o = JSON.parse(l.replace(/"ts":X+\.X+/, '"ts":0')) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(o).map(([k, v]) => [
          k,
          Array.isArray(v) ? (v.length ? v.join(',') : '(empty)') : String(v),
        ]),
      );
    });
  }
  let fields = lines
    .find((l) => l.startsWith('#fields'))
    ?.split('\t')
    .slice(1);
  if (!fields) {
    fields = rows[0]?.split('\t') ?? [];
    rows = rows.slice(1);
  }
  const names = fields;
  return rows.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])));
}

const FIELDS = [
  'trans_depth',
  'method',
  'host',
  'uri',
  'version',
  'user_agent',
  'request_body_len',
  'response_body_len',
  'status_code',
  'status_msg',
] as const;

/** Our value as Zeek's ASCII writer prints it (non-printable bytes as \xHH). */
function zeekText(v: unknown): string {
  if (v === undefined) return '-';
  const s = String(v);
  if (s === '') return '(empty)';
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 0x20 || c >= 0x7f || c === 0x5c ? `\\x${c.toString(16).padStart(2, '0')}` : s[i];
  }
  return out;
}

/** Every row of one TCP connection through the parser, segments in capture order. */
function parseConnection(c: TcpConnection): HttpLogRecord[] {
  const p = new HttpConnParser({ conn: { origH: c.origAddr, origP: c.origPort } });
  let ts = c.ts;
  for (const s of c.segments) {
    ts = s.ts;
    p.deliver(s.fromOrig, s.data, s.ts);
  }
  p.finish(ts);
  return p.records;
}

/**
 * Rows out of reach of the test helper, by baseline: it reads plain TCP only (no tunnels, no
 * TLS decryption, no WebSocket payloads). Listed, not silently dropped.
 */
const OUT_OF_REACH: Record<string, string> = {
  'core.tunnels.teredo': 'IPv6-in-UDP (Teredo) connections',
  'core.tunnels.gre-over-udp': 'GRE-over-UDP tunnel',
};
/** Whole cases out of reach, with the reason. */
const CASES_OUT_OF_REACH: Record<string, string> = {
  'scripts.policy.protocols.ssl.decryption': 'HTTP inside TLS, decrypted by Zeek with session keys',
  // Zeek runs HTTP again inside the WebSocket frames; the inner 301 reply lands on the outer
  // transaction (still pending after its 101), so both rows depend on the tunnelled stream.
  'scripts.base.protocols.websocket.wstunnel-http': 'HTTP inside a WebSocket tunnel (wstunnel)',
};

interface Case {
  baseline: string;
  traces: string[];
  files: string[];
}

/** Compares one case; returns [agreeing fields, compared fields, rows compared]. */
function compareCase(
  root: string,
  cs: Case,
  diffs: string[],
  skipped: string[],
  extra: string[],
): [number, number, number] {
  if (CASES_OUT_OF_REACH[cs.baseline]) {
    skipped.push(`${cs.baseline}: ${CASES_OUT_OF_REACH[cs.baseline]}`);
    return [0, 0, 0];
  }
  const trace = cs.traces.find((t) => /\.(pcap|pcapng|trace)(\.gz)?$/.test(t));
  const path = trace && corpusPath('zeek', 'traces', trace);
  if (!path) {
    skipped.push(`${cs.baseline}: trace missing`);
    return [0, 0, 0];
  }
  const conns = readTcpConnections(readFileSync(path)).filter(
    (c) => looksLikeHttp(c.orig, true) || looksLikeHttp(c.resp, false),
  );
  const ours = conns.map((c) => ({ c, rows: parseConnection(c) }));
  const baseline = readLog(join(root, 'baselines', cs.baseline, 'http.log'));
  let ok = 0;
  let total = 0;
  let rows = 0;
  const compare = (want: Record<string, string>, got: HttpLogRecord | undefined, label: string) => {
    rows++;
    for (const f of FIELDS) {
      const z = want[f];
      if (z === undefined) continue;
      total++;
      const mine = got ? zeekText(got[f]) : '<no row>';
      if (mine === z) ok++;
      else diffs.push(`${cs.baseline} ${label} ${f}: zeek=${z.slice(0, 80)} ours=${mine.slice(0, 80)}`);
    }
  };
  if (baseline[0]?.['id.orig_p'] !== undefined) {
    for (const want of baseline) {
      const conn = ours.find(
        (o) => String(o.c.origPort) === want['id.orig_p'] && o.c.origAddr === want['id.orig_h'],
      );
      if (!conn && OUT_OF_REACH[cs.baseline]) {
        skipped.push(
          `${cs.baseline} ${want['id.orig_h']}:${want['id.orig_p']}: ${OUT_OF_REACH[cs.baseline]}`,
        );
        continue;
      }
      const got = conn?.rows.find((r) => String(r.trans_depth) === want.trans_depth);
      compare(want, got, `${want['id.orig_p']}#${want.trans_depth}`);
    }
    for (const o of ours) {
      for (const r of o.rows) {
        const seen = baseline.some(
          (w) =>
            w['id.orig_p'] === String(o.c.origPort) &&
            w['id.orig_h'] === o.c.origAddr &&
            w.trans_depth === String(r.trans_depth),
        );
        if (!seen)
          extra.push(`${cs.baseline} ${o.c.origPort}#${r.trans_depth} ${r.method ?? '-'} ${r.uri ?? '-'}`);
      }
    }
    return [ok, total, rows];
  }
  // zeek-cut tables without the connection: pair rows after sorting both by the shown fields.
  const shown = FIELDS.filter((f) => baseline[0]?.[f] !== undefined);
  const key = (get: (f: string) => string) => shown.map(get).join('|');
  const mine = ours
    .flatMap((o) => o.rows)
    .sort((a, b) =>
      key((f) => zeekText(a[f as keyof HttpLogRecord])).localeCompare(
        key((f) => zeekText(b[f as keyof HttpLogRecord])),
      ),
    );
  const theirs = [...baseline].sort((a, b) => key((f) => a[f]!).localeCompare(key((f) => b[f]!)));
  // Rows of ours equal to a baseline row pair first; the rest pair in sorted order.
  const used = new Set<number>();
  const leftovers: Record<string, string>[] = [];
  for (const want of theirs) {
    const i = mine.findIndex(
      (r, k) => !used.has(k) && key((f) => zeekText(r[f as keyof HttpLogRecord])) === key((f) => want[f]!),
    );
    if (i >= 0) {
      used.add(i);
      compare(want, mine[i], 'row');
    } else leftovers.push(want);
  }
  const free = mine.filter((_, k) => !used.has(k));
  for (const r of free.slice(leftovers.length))
    extra.push(`${cs.baseline} ${r.method ?? '-'} ${r.uri ?? '-'}`);
  leftovers.forEach((want, k) => {
    compare(want, free[k], 'row');
  });
  return [ok, total, rows];
}

describe.skipIf(!ZEEK)('Zeek corpus', () => {
  it('http.log fields agree with the baselines', () => {
    const root = ZEEK!;
    const cases = (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]).filter((c) =>
      c.files.includes('http.log'),
    );
    let ok = 0;
    let total = 0;
    let rows = 0;
    const diffs: string[] = [];
    const skipped: string[] = [];
    const extra: string[] = [];
    for (const cs of cases) {
      const [a, b, r] = compareCase(root, cs, diffs, skipped, extra);
      ok += a;
      total += b;
      rows += r;
    }
    console.log(
      `http.log agreement over ${cases.length} cases, ${rows} rows: ${ok}/${total} fields (${((100 * ok) / total).toFixed(1)}%), ${extra.length} rows Zeek does not have\n  ${[...diffs, ...extra.map((e) => `extra row: ${e}`), ...skipped.map((s) => `out of reach: ${s}`)].join('\n  ')}`,
    );
    // The extra rows are wikipedia.pcap's 35634, a connection without its SYN (history DdA):
    // Zeek's HTTP analyzer ignores partial connections; whether to parse them is the caller's.
    expect(extra.length).toBeLessThanOrEqual(rows * 0.05);
    expect(rows).toBeGreaterThanOrEqual(150);
    expect(ok / total).toBeGreaterThanOrEqual(0.95);
  });
});

describe.skipIf(!ZEEK)('Zeek corpus weirds', () => {
  it("reports the HTTP weirds of the baselines' weird.log under Zeek's names", () => {
    const root = ZEEK!;
    const cases = (JSON.parse(readFileSync(join(root, 'cases.json'), 'utf8')) as Case[]).filter(
      (c) => c.files.includes('http.log') && c.files.includes('weird.log') && !CASES_OUT_OF_REACH[c.baseline],
    );
    const missing: string[] = [];
    let wanted = 0;
    for (const cs of cases) {
      const want = new Set(
        readLog(join(root, 'baselines', cs.baseline, 'weird.log'))
          .map((r) => r.name!)
          .filter((n) => /http|HTTP|URI/.test(n)),
      );
      const trace = cs.traces.find((t) => /\.(pcap|pcapng|trace)(\.gz)?$/.test(t));
      const path = trace && corpusPath('zeek', 'traces', trace);
      if (!path || want.size === 0) continue;
      const got = new Set<string>();
      for (const c of readTcpConnections(readFileSync(path))) {
        const p = new HttpConnParser({ sink: (e) => got.add(e.name) });
        for (const s of c.segments) p.deliver(s.fromOrig, s.data, s.ts);
        p.finish(c.ts);
      }
      for (const n of want) {
        wanted++;
        if (!got.has(n)) missing.push(`${cs.baseline}: ${n}`);
      }
    }
    console.log(`HTTP weird names: ${wanted - missing.length}/${wanted} reported\n  ${missing.join('\n  ')}`);
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing

describe('fuzz', () => {
  const REQ = enc(
    'POST /up?a=%41 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /3 HTTP/1.0\r\nContent-Length: 0\r\n\r\n',
  );
  const RESP = enc(
    'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-1/10\r\nContent-Length: 2\r\n\r\nxyHTTP/1.0 200 OK\r\nContent-Length: 9\r\n\r\n',
  );
  const seeds: [Uint8Array, Uint8Array][] = [[REQ, RESP]];
  if (ZEEK) {
    for (const name of [
      'http/get.pcap',
      'http/100-continue.pcap',
      'http/methods.pcap',
      'http/no_crlf.pcap',
    ]) {
      const path = corpusPath('zeek', 'traces', name);
      if (!path) continue;
      for (const c of readTcpConnections(readFileSync(path)).slice(0, 3))
        seeds.push([c.orig.subarray(0, 4096), c.resp.subarray(0, 4096)]);
    }
  }
  const still = (): void => {
    const { rows } = run([
      [true, 'GET /ok HTTP/1.1\r\nHost: h\r\n\r\n'],
      [false, 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx'],
    ]);
    expect(rows.map(pick)).toEqual([
      { d: 1, m: 'GET', uri: '/ok', host: 'h', v: '1.1', req: 0, resp: 1, code: 200, msg: 'OK' },
    ]);
  };
  const bounded = (p: HttpConnParser): void => {
    for (const r of p.records) {
      for (const v of Object.values(r))
        if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(HTTP_MAX_LINE);
      expect(r.request_body_len).toBeGreaterThanOrEqual(0);
      expect(r.response_body_len).toBeGreaterThanOrEqual(0);
    }
    expect(p.records.length).toBeLessThan(5000);
  };

  it('random bytes in random chunks, both directions, with gaps', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ orig: fc.boolean(), bytes: fc.uint8Array({ maxLength: 600 }), gap: fc.nat(50) }),
          {
            maxLength: 12,
          },
        ),
        (steps) => {
          let events = 0;
          const p = new HttpConnParser({ sink: () => events++ });
          for (const s of steps) {
            p.deliver(s.orig, s.bytes, 1);
            if (s.gap === 7) p.gap(s.orig, 13, 1);
          }
          p.finish(2);
          bounded(p);
          expect(events).toBeLessThanOrEqual(32);
        },
      ),
      { numRuns: 500 },
    );
    still();
  });

  it('mutated real exchanges, interleaved in random chunks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(
          fc.record({
            side: fc.boolean(),
            at: fc.nat(),
            value: fc.integer({ min: 0, max: 255 }),
            op: fc.nat(3),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 97 }),
        (i, edits, chunk) => {
          const [o, r] = seeds[i]!;
          let b: [Uint8Array, Uint8Array] = [o.slice(), r.slice()];
          for (const e of edits) {
            const k = e.side ? 0 : 1;
            const cur = b[k];
            if (cur.length === 0) continue;
            const at = e.at % cur.length;
            if (e.op === 0) cur[at] = e.value;
            else if (e.op === 1) b[k] = cur.subarray(0, at);
            else if (e.op === 2) {
              // Insert a digit run or a separator where lengths and line ends live.
              const ins = enc(e.value % 2 ? '99999999999999999999' : '\r\n');
              const grown = new Uint8Array(cur.length + ins.length);
              grown.set(cur.subarray(0, at));
              grown.set(ins, at);
              grown.set(cur.subarray(at), at + ins.length);
              b[k] = grown;
            } else b = [b[0], b[1]];
          }
          const p = new HttpConnParser({ sink: () => {} });
          const len = Math.max(b[0].length, b[1].length);
          for (let k = 0; k < len; k += chunk) {
            p.deliver(true, b[0].subarray(k, k + chunk), k);
            if (edits.length === 3 && k === chunk) p.gap(false, chunk, k);
            p.deliver(false, b[1].subarray(k, k + chunk), k);
          }
          p.finish(len);
          bounded(p);
          expect(p.done).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
    still();
  });
});
