/**
 * A real ICMP tunnel, on loopback only: ptunnel-ng (Debian's package) carries 1 MB of random
 * bytes from a TCP client to a TCP sink through ICMP echo, dumpcap (tshark's package) captures
 * it on `lo`, and `analyze` must report the pair as `exfil.icmp-tunnel`. The capture looks like
 * ptunnel-ng through any peer whose kernel answers pings: every request is echoed, so the two
 * directions are alike, and the tunnel's per-packet header keeps the first bytes below the
 * random band — the `large` + `varying` + `bulk` rule (docs/detectors.md). Bounded: every
 * process runs under a timeout and is killed at the end.
 *
 * The same for hping3 sending a file of random bytes in echo requests of one size (`-E file
 * -d 1200`): large + random; and a text file of card numbers sent that way, which payload
 * inspection of ICMP echo data reports.
 *
 * Needs root (raw ICMP sockets, capturing on lo); skipped with a message otherwise.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { captureLoopback, stopCapture, stopProcess } from '../helpers/loopback-capture.js';
import { requireTools } from '../helpers/tools.js';

const TOOLS = requireTools(
  [
    ['ptunnel-ng', 'ptunnel-ng'],
    ['dumpcap', 'tshark'],
  ],
  'ICMP tunnel detection against ptunnel-ng on loopback',
);
const HPING = requireTools(
  [
    ['hping3', 'hping3'],
    ['dumpcap', 'tshark'],
  ],
  'ICMP exfiltration detection against hping3 on loopback',
);
const ROOT = process.getuid?.() === 0;
if (TOOLS && !ROOT) console.warn('not root: ICMP tunnel test against ptunnel-ng skipped (raw sockets)');

const SENT_BYTES = 1_000_000;
const work = mkdtempSync(join(tmpdir(), 'netscry-ptunnel-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts a tool that is killed after `limitMs` whatever happens. */
function start(cmd: string, args: readonly string[], limitMs: number): ChildProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  child.once('exit', () => clearTimeout(timer));
  children.push(child);
  return child;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** Connects to the tunnel's TCP entrance once it accepts (bounded retries). */
async function connectWhenUp(port: number, deadline: number): Promise<Socket> {
  for (;;) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

describe.skipIf(!TOOLS || !ROOT)('exfil.icmp-tunnel against ptunnel-ng (loopback)', () => {
  it('reports the tunnel that carried 1 MB through ICMP echo', async () => {
    const pcap = join(work, 'ptunnel.pcap');
    let received = 0;
    const sink = createServer((s) => {
      s.on('data', (d: Buffer) => {
        received += d.length;
      });
      s.on('error', () => {});
    });
    const sinkPort = await listen(sink);
    const entrance = await freePort();
    const dumpcap = await captureLoopback('icmp', pcap);
    children.push(dumpcap);
    // -a/-t: acknowledge every 50 ms and resend after 100 ms. With the defaults (1 s, 1.5 s)
    // the transfer crawls at ~65 KB/s here; the tunnel's traffic is the same kind either way.
    const proxy = start('ptunnel-ng', ['-v', '-1', '-a50', '-t100', '-r127.0.0.1', `-R${sinkPort}`], 60_000);
    await sleep(300);
    const client = start(
      'ptunnel-ng',
      ['-v', '-1', '-a50', '-t100', '-p127.0.0.1', `-l${entrance}`, '-r127.0.0.1', `-R${sinkPort}`],
      60_000,
    );
    const deadline = Date.now() + 30_000;
    const socket = await connectWhenUp(entrance, Date.now() + 5_000);
    socket.on('error', () => {});
    socket.write(randomBytes(SENT_BYTES));
    while (received < SENT_BYTES && Date.now() < deadline) await sleep(50);
    socket.destroy();
    await stopProcess(client, 'SIGTERM');
    await stopProcess(proxy, 'SIGTERM');
    await stopCapture(dumpcap);
    await new Promise<void>((r) => sink.close(() => r()));
    expect(received).toBe(SENT_BYTES);

    const { findings } = await analyze({ inputs: [pcap], actors: 0 });
    const tunnels = findings.filter((f) => f.detector === 'exfil.icmp-tunnel');
    expect(tunnels).toHaveLength(1);
    const f = tunnels[0]!;
    expect(f.entities).toMatchObject({ src: '127.0.0.1', dst: '127.0.0.1', proto: 'icmp' });
    expect(f.evidence.signals).toEqual(expect.arrayContaining(['large', 'varying', 'bulk']));
    expect(f.evidence.payloadBytes as number).toBeGreaterThanOrEqual(SENT_BYTES);
  }, 90_000);
});

/** dumpcap on `lo` (ICMP only), started and known to capture; killed at the end. */
async function captureIcmp(pcap: string): Promise<ChildProcess> {
  const dumpcap = await captureLoopback('icmp', pcap);
  children.push(dumpcap);
  return dumpcap;
}

describe.skipIf(!HPING || !ROOT)('exfil.icmp-tunnel against hping3 (loopback)', () => {
  it('reports a file sent in ICMP echo payloads', async () => {
    const pcap = join(work, 'hping3.pcap');
    const file = join(work, 'secret.bin');
    writeFileSync(file, randomBytes(400_000));
    const dumpcap = await captureIcmp(pcap);
    // 300 echo requests of 1200 bytes of the file, 2 ms apart; the kernel echoes each.
    execFileSync('hping3', ['-1', '-E', file, '-d', '1200', '-i', 'u2000', '-c', '300', '127.0.0.1'], {
      stdio: 'ignore',
      timeout: 30_000,
    });
    await stopCapture(dumpcap);
    const { findings } = await analyze({ inputs: [pcap], actors: 0 });
    const tunnels = findings.filter((f) => f.detector === 'exfil.icmp-tunnel');
    expect(tunnels).toHaveLength(1);
    expect(tunnels[0]!.entities).toMatchObject({ src: '127.0.0.1', dst: '127.0.0.1' });
    expect(tunnels[0]!.evidence.signals).toEqual(expect.arrayContaining(['large', 'random']));
  }, 60_000);

  it('reports the card numbers in a text file sent the same way (payload inspection)', async () => {
    const pcap = join(work, 'hping3-text.pcap');
    const file = join(work, 'customers.txt');
    const line = (k: number) => `customer ${k}, card 4111 1111 1111 1111, note: renew in spring\n`;
    writeFileSync(file, Array.from({ length: 200 }, (_, k) => line(k)).join(''));
    const dumpcap = await captureIcmp(pcap);
    execFileSync('hping3', ['-1', '-E', file, '-d', '1200', '-i', 'u2000', '-c', '20', '127.0.0.1'], {
      stdio: 'ignore',
      timeout: 30_000,
    });
    await stopCapture(dumpcap);
    const { findings } = await analyze({ inputs: [pcap], actors: 0 });
    // Text at one size, echoed: no tunnel signal but `large` (docs/detectors.md, Limitations).
    expect(findings.filter((f) => f.detector === 'exfil.icmp-tunnel')).toEqual([]);
    const leaks = findings.filter((f) => f.detector === 'content.sensitive-data');
    expect(leaks).toHaveLength(1);
    expect(leaks[0]!.evidence).toMatchObject({ kind: 'card', fields: ['payload'] });
    expect(JSON.stringify(findings)).not.toContain('4111 1111 1111 1111');
  }, 60_000);
});
