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
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { captureLoopback, stopCapture, stopProcess } from '../helpers/loopback-capture.js';
import { requireTools } from '../helpers/tools.js';

const TOOLS = requireTools(
  [
    ['dns2tcpd', 'dns2tcp'],
    ['dns2tcpc', 'dns2tcp'],
    ['dumpcap', 'tshark'],
  ],
  'DNS tunnel detection against dns2tcp on loopback',
);
const ROOT = process.getuid?.() === 0;
if (TOOLS && !ROOT) console.warn('not root: DNS tunnel test against dns2tcp skipped (port 53)');

/** Whether 127.0.0.1:53/udp can be bound (no local resolver holds it). */
async function port53Free(): Promise<boolean> {
  if (!TOOLS || !ROOT) return false;
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(53, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
const FREE = await port53Free();
if (TOOLS && ROOT && !FREE) console.warn('127.0.0.1:53 is in use: DNS tunnel test against dns2tcp skipped');

const SENT = 100_000;
const work = mkdtempSync(join(tmpdir(), 'netscry-dns2tcp-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function start(cmd: string, args: readonly string[]): ChildProcess {
  const child = spawn(cmd, args, { stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.once('exit', () => clearTimeout(timer));
  children.push(child);
  return child;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!FREE)('dns.tunnel against dns2tcp (loopback)', () => {
  it('reports the client tunnelling TCP through TXT queries', async () => {
    let received = 0;
    const sink = createServer((s) => {
      s.on('data', (d: Buffer) => {
        received += d.length;
      });
      s.on('error', () => {});
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
    const sinkAddress = sink.address();
    const sinkPort = typeof sinkAddress === 'object' && sinkAddress !== null ? sinkAddress.port : 0;
    const entrance = 20_000 + Math.floor(Math.random() * 20_000);
    const config = join(work, 'dns2tcpd.conf');
    writeFileSync(
      config,
      [
        'listen = 127.0.0.1',
        'port = 53',
        'user = nobody',
        `chroot = ${work}`,
        'domain = tunnel.example.com',
        `resources = sink:127.0.0.1:${sinkPort}`,
        '',
      ].join('\n'),
    );
    const pcap = join(work, 'dns2tcp.pcap');
    const capture = await captureLoopback('udp port 53', pcap);
    children.push(capture);
    const server = start('dns2tcpd', ['-F', '-f', config]);
    await sleep(300);
    const client = start('dns2tcpc', [
      '-z',
      'tunnel.example.com',
      '-r',
      'sink',
      '-l',
      String(entrance),
      '127.0.0.1',
    ]);
    const deadline = Date.now() + 30_000;
    let socket: ReturnType<typeof connect> | undefined;
    while (socket === undefined && Date.now() < deadline) {
      socket = await new Promise((resolve) => {
        const s = connect(entrance, '127.0.0.1', () => resolve(s));
        s.once('error', () => resolve(undefined));
      });
      if (socket === undefined) await sleep(100);
    }
    socket!.on('error', () => {});
    socket!.write(randomBytes(SENT));
    while (received < SENT && Date.now() < deadline) await sleep(50);
    socket!.destroy();
    await stopProcess(client, 'SIGTERM');
    await stopProcess(server, 'SIGTERM');
    await stopCapture(capture);
    await new Promise<void>((r) => sink.close(() => r()));
    expect(received).toBe(SENT);

    const { findings } = await analyze({ inputs: [pcap], actors: 0, verifyChecksums: false });
    const tunnels = findings.filter((f) => f.detector === 'dns.tunnel');
    expect(tunnels).toHaveLength(1);
    expect(tunnels[0]!.entities).toMatchObject({ src: '127.0.0.1', domain: 'example.com' });
    expect(tunnels[0]!.evidence.uniqueSubdomains as number).toBeGreaterThanOrEqual(100);
  }, 90_000);
});
