/**
 * A real web attack tool, on loopback only: sqlmap (Debian's package) probes a parameter of a
 * small HTTP server on 127.0.0.2 from 127.0.0.1 (the local network here) for SQL injection,
 * dumpcap (tshark's package) captures it on `lo`, and `analyze` must parse every request and
 * report the scripting-tool User-Agent. Bounded: sqlmap runs one quick pass (`--batch`, level
 * and risk 1, two techniques) under a timeout.
 *
 * Needs root (capturing on lo); skipped with a message otherwise.
 */
import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canRunLoopbackTools, LoopbackLab, stopCapture } from '../helpers/loopback-capture.js';

const RUN = canRunLoopbackTools(
  [['sqlmap', 'sqlmap']],
  'HTTP deviation detection against sqlmap on loopback',
);
const lab = new LoopbackLab('sqlmap');
afterAll(() => lab.close());

describe.skipIf(!RUN)('protocol.http against sqlmap (loopback)', () => {
  it("reports sqlmap's User-Agent on every request it sent", async () => {
    // Numeric ids answer 200, anything else 500 (an error page sqlmap keeps probing).
    const web = createServer((req, res) => {
      const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
      res.writeHead(/^\d+$/.test(id) ? 200 : 500, { 'content-type': 'text/html' });
      res.end(`<html><body>item ${id.length}</body></html>`);
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.2', () => r()));
    const address = web.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const pcap = lab.path('sqlmap.pcap');
    const capture = await lab.capture(`tcp port ${port}`, pcap);
    const code = await lab.run(
      'sqlmap',
      ['-u', `http://127.0.0.2:${port}/item?id=1`, '--batch', '--level', '1', '--risk', '1'].concat([
        '--technique=BE',
        '--flush-session',
        '--output-dir',
        lab.path('sqlmap-out'),
      ]),
      90_000,
    );
    expect(code).toBe(0);
    await stopCapture(capture);
    await new Promise<void>((r) => web.close(() => r()));

    const { findings, summary } = await analyze({
      inputs: [pcap],
      actors: 0,
      local: ['127.0.0.1/32'],
      verifyChecksums: false,
    });
    const requests = summary.records.byType.http ?? 0;
    // The figure docs/detectors.md quotes.
    console.log(`sqlmap: ${requests} requests`);
    expect(requests).toBeGreaterThanOrEqual(10);
    expect(summary.protocol?.byName).toEqual({});
    const http = findings.filter((f) => f.detector === 'protocol.http');
    expect(http).toHaveLength(1);
    expect(http[0]!.entities.src).toBe('127.0.0.1');
    expect(http[0]!.evidence.reasons).toMatchObject({ 'scripting-user-agent': requests });
  }, 120_000);
});
