/**
 * Real DNS tools, on loopback only, captured on `lo` by dumpcap (tshark's package); both bind
 * 127.0.0.1:53, so they share this file and run one after the other.
 *
 * - A DNS tunnel: dns2tcp (Debian's package; dns2tcpd as the zone's server, dns2tcpc as the
 *   client) carries 100 KB from a TCP client to a TCP sink in TXT queries and answers under
 *   tunnel.example.com; `analyze` must report `dns.tunnel` for the client and the registered
 *   domain. The corpus's iodine capture is the other real tunnel (docs/detectors.md).
 * - Subdomain brute force: fierce (Debian's package) against dnsmasq serving corp.test with
 *   three names; `analyze` must report `dns.nxdomain` and no protocol event (fierce's queries
 *   once passed for Teredo: tunnels.ts).
 *
 * Bounded: every process has a timeout and is killed at the end. Needs root (port 53,
 * capturing on lo) and a free 127.0.0.1:53; skipped with a message otherwise.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import {
  canRunLoopbackTools,
  connectWhenUp,
  freeTcpPort,
  LoopbackLab,
  sleep,
  stopCapture,
  stopProcess,
  TcpSink,
} from '../helpers/loopback-capture.js';

const DNS2TCP = canRunLoopbackTools(
  [
    ['dns2tcpd', 'dns2tcp'],
    ['dns2tcpc', 'dns2tcp'],
  ],
  'DNS tunnel detection against dns2tcp on loopback',
);
const FIERCE = canRunLoopbackTools(
  [
    ['fierce', 'fierce'],
    ['dnsmasq', 'dnsmasq-base'],
  ],
  'DNS brute-force detection against fierce and dnsmasq on loopback',
);

/** Whether 127.0.0.1:53/udp can be bound (no local resolver holds it). */
async function port53Free(): Promise<boolean> {
  if (!DNS2TCP && !FIERCE) return false;
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(53, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
const FREE = await port53Free();
if ((DNS2TCP || FIERCE) && !FREE) console.warn('127.0.0.1:53 is in use: the DNS tool tests are skipped');

const SENT = 100_000;
const lab = new LoopbackLab('dns2tcp');
afterAll(() => lab.close());

describe.skipIf(!FREE || !DNS2TCP)('dns.tunnel against dns2tcp (loopback)', () => {
  it('reports the client tunnelling TCP through TXT queries', async () => {
    const { sink, port: sinkPort } = await TcpSink.open();
    const entrance = await freeTcpPort();
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
    // The figures docs/detectors.md quotes.
    console.log(`dns2tcp: ${tunnels[0]!.summary}`);
  }, 90_000);
});

describe.skipIf(!FREE || !FIERCE)('dns.nxdomain against fierce (loopback)', () => {
  it('reports the subdomain brute force and decodes every query as DNS', async () => {
    const pcap = lab.path('fierce.pcap');
    const capture = await lab.capture('udp port 53', pcap);
    const dnsmasq = lab.start('dnsmasq', [
      '--no-daemon',
      '--port=53',
      '--listen-address=127.0.0.1',
      '--bind-interfaces',
      '--no-resolv',
      '--no-hosts',
      '--auth-zone=corp.test',
      '--auth-server=ns.corp.test,127.0.0.1',
      '--host-record=ns.corp.test,127.0.0.1',
      '--host-record=www.corp.test,127.0.0.10',
      '--host-record=mail.corp.test,127.0.0.11',
      '--local=/corp.test/',
    ]);
    await sleep(500);
    execFileSync('fierce', ['--domain', 'corp.test', '--dns-servers', '127.0.0.1'], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    await stopProcess(dnsmasq, 'SIGTERM');
    await stopCapture(capture);

    const { findings, summary } = await analyze({ inputs: [pcap], actors: 0, verifyChecksums: false });
    expect(summary.protocol?.byName).toEqual({});
    const nx = findings.filter((f) => f.detector === 'dns.nxdomain');
    expect(nx).toHaveLength(1);
    console.log(`fierce: ${nx[0]!.summary}`);
    expect(nx[0]!.entities.src).toBe('127.0.0.1');
    expect(summary.records.byType.dns as number).toBeGreaterThan(1_000);
  }, 90_000);
});
