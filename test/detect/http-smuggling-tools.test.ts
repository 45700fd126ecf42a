/**
 * Request smuggling against a real HTTP/1.1 parser, on loopback only: classic desync requests
 * and ordinary ones sent from 127.0.0.1 to Node's own HTTP server (llhttp) on 127.0.0.2,
 * captured on `lo` with dumpcap (tshark's package). The server is the independent judge: it
 * refuses the ambiguous requests with 400 and serves the ordinary ones; `analyze` must report
 * the desync requests and nothing for the ordinary ones. Bounded: eight requests, each with a
 * two-second deadline.
 *
 * Needs root (capturing on lo); skipped with a message otherwise.
 */
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canRunLoopbackTools, LoopbackLab, stopCapture } from '../helpers/loopback-capture.js';

const RUN = canRunLoopbackTools([], 'HTTP request smuggling against a real server on loopback');
const lab = new LoopbackLab('smuggling');
afterAll(() => lab.close());

const HOST = 'Host: shop.example\r\n';
/** [request, the weird netscry reports for it] */
const DESYNC: ReadonlyArray<readonly [string, string]> = [
  [
    `POST / HTTP/1.1\r\n${HOST}Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG`,
    'HTTP_content_length_and_chunked',
  ],
  [
    `POST / HTTP/1.1\r\n${HOST}Content-Length: 4\r\nTransfer-Encoding: xchunked\r\n\r\n5c\r\n`,
    'HTTP_bad_transfer_encoding',
  ],
  [`POST / HTTP/1.1\r\n${HOST}Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n`, 'HTTP_chunked_multi'],
  [`POST / HTTP/1.1\r\n${HOST}Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n`, 'HTTP_whitespace_before_colon'],
  [
    `POST / HTTP/1.1\r\n${HOST}Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde`,
    'HTTP_multiple_content_length',
  ],
];
const ORDINARY = [
  `GET / HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`,
  `POST /cart HTTP/1.1\r\n${HOST}Connection: close\r\nContent-Length: 3\r\n\r\na=1`,
  `POST /upload HTTP/1.1\r\n${HOST}Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
];

/** Sends one request on its own connection; the status code of the answer (0: none in time). */
function send(port: number, request: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.2', port, localAddress: '127.0.0.1' });
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0));
    };
    const timer = setTimeout(done, 2_000);
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (/\r\n\r\n/.test(answer)) {
        clearTimeout(timer);
        // Let the close follow, so the capture holds whole connections.
        setTimeout(done, 50);
      }
    });
    socket.on('error', () => {
      clearTimeout(timer);
      done();
    });
    socket.write(request, 'latin1');
  });
}

describe.skipIf(!RUN)('protocol.http-smuggling against a real HTTP server (loopback)', () => {
  it('reports what the server refuses as ambiguous, and nothing for what it serves', async () => {
    const web = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.2', () => r()));
    const address = web.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const pcap = lab.path('smuggling.pcap');
    const capture = await lab.capture(`tcp port ${port}`, pcap);
    const refused: number[] = [];
    for (const [request] of DESYNC) refused.push(await send(port, request));
    const served: number[] = [];
    for (const request of ORDINARY) served.push(await send(port, request));
    await stopCapture(capture);
    await new Promise<void>((r) => web.close(() => r()));
    web.closeAllConnections();

    // The real parser's verdicts: every desync request refused, every ordinary one served.
    expect(refused).toEqual(DESYNC.map(() => 400));
    expect(served).toEqual(ORDINARY.map(() => 200));

    const { findings, summary } = await analyze({
      inputs: [pcap],
      actors: 0,
      local: ['127.0.0.2/32'],
      verifyChecksums: false,
    });
    expect(summary.records.byType.http ?? 0).toBe(DESYNC.length + ORDINARY.length);
    const smuggling = findings.filter((f) => f.detector === 'protocol.http-smuggling');
    expect(smuggling).toHaveLength(1);
    expect(smuggling[0]!.entities).toEqual({ src: '127.0.0.1', dst: '127.0.0.2', port: String(port) });
    const signals = smuggling[0]!.evidence.signals as Record<string, number>;
    for (const [, weird] of DESYNC) expect(signals[weird], weird).toBeGreaterThanOrEqual(1);
    expect(smuggling[0]!.evidence.sampleUids as string[]).toHaveLength(DESYNC.length);
  });
});
