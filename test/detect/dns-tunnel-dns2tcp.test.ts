/**
 * A real DNS tunnel, on loopback only: dns2tcp (Debian's package; dns2tcpd as the zone's
 * server on 127.0.0.1:53, dns2tcpc as the client) carries 100 KB from a TCP client to a TCP sink
 * in TXT queries and answers under tunnel.example.com, dumpcap (tshark's package) captures it
 * on `lo`, and `analyze` must report `dns.tunnel` for the client and the registered domain.
 * The corpus's iodine capture is the other real tool (docs/detectors.md). Bounded: every
 * process has a timeout and is killed at the end.
 *
 * Needs root (port 53, capturing on lo) and a free 127.0.0.1:53; skipped with a message
 * otherwise.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import {
  canRunLoopbackTools,
  connectWhenUp,
  LoopbackLab,
  sleep,
  stopCapture,
  stopProcess,
  TcpSink,
} from '../helpers/loopback-capture.js';

const RUN = canRunLoopbackTools(
  [
    ['dns2tcpd', 'dns2tcp'],
    ['dns2tcpc', 'dns2tcp'],
  ],
  'DNS tunnel detection against dns2tcp on loopback',
);

/** Whether 127.0.0.1:53/udp can be bound (no local resolver holds it). */
async function port53Free(): Promise<boolean> {
  if (!RUN) return false;
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(53, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
const FREE = await port53Free();
if (RUN && !FREE) console.warn('127.0.0.1:53 is in use: DNS tunnel test against dns2tcp skipped');

const SENT = 100_000;
const lab = new LoopbackLab('dns2tcp');
afterAll(() => lab.close());

describe.skipIf(!FREE)('dns.tunnel against dns2tcp (loopback)', () => {
  it('reports the client tunnelling TCP through TXT queries', async () => {
    const { sink, port: sinkPort } = await TcpSink.open();
    const entrance = 20_000 + Math.floor(Math.random() * 20_000);
    const config = lab.path('dns2tcpd.conf');
    writeFileSync(
      config,
      [
        'listen = 127.0.0.1',
        'port = 53',
        'user = nobody',
        `chroot = ${lab.dir}`,
        'domain = tunnel.example.com',
        `resources = sink:127.0.0.1:${sinkPort}`,
        '',
      ].join('\n'),
    );
    const pcap = lab.path('dns2tcp.pcap');
    const capture = await lab.capture('udp port 53', pcap);
    const server = lab.start('dns2tcpd', ['-F', '-f', config]);
    await sleep(300);
    const client = lab.start('dns2tcpc', [
      '-z',
      'tunnel.example.com',
      '-r',
      'sink',
      '-l',
      String(entrance),
      '127.0.0.1',
    ]);
    const socket = await connectWhenUp(entrance, Date.now() + 10_000);
    socket.write(randomBytes(SENT));
    const received = await sink.waitFor(SENT, Date.now() + 30_000);
    socket.destroy();
    await stopProcess(client, 'SIGTERM');
    await stopProcess(server, 'SIGTERM');
    await stopCapture(capture);
    await sink.close();
    expect(received).toBe(SENT);

    const { findings } = await analyze({ inputs: [pcap], actors: 0, verifyChecksums: false });
    const tunnels = findings.filter((f) => f.detector === 'dns.tunnel');
    expect(tunnels).toHaveLength(1);
    expect(tunnels[0]!.entities).toMatchObject({ src: '127.0.0.1', domain: 'example.com' });
    expect(tunnels[0]!.evidence.uniqueSubdomains as number).toBeGreaterThanOrEqual(100);
  }, 90_000);
});
