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
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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

const PTUNNEL = canRunLoopbackTools(
  [['ptunnel-ng', 'ptunnel-ng']],
  'ICMP tunnel detection against ptunnel-ng on loopback',
);
const HPING = canRunLoopbackTools(
  [['hping3', 'hping3']],
  'ICMP exfiltration detection against hping3 on loopback',
);

const SENT_BYTES = 1_000_000;
const lab = new LoopbackLab('icmp');
afterAll(() => lab.close());

describe.skipIf(!PTUNNEL)('exfil.icmp-tunnel against ptunnel-ng (loopback)', () => {
  it('reports the tunnel that carried 1 MB through ICMP echo', async () => {
    const pcap = lab.path('ptunnel.pcap');
    const { sink, port: sinkPort } = await TcpSink.open();
    const entrance = await freeTcpPort();
    const dumpcap = await lab.capture('icmp', pcap);
    // -a/-t: acknowledge every 50 ms and resend after 100 ms. With the defaults (1 s, 1.5 s)
    // the transfer crawls at ~65 KB/s here; the tunnel's traffic is the same kind either way.
    const proxy = lab.start(
      'ptunnel-ng',
      ['-v', '-1', '-a50', '-t100', '-r127.0.0.1', `-R${sinkPort}`],
      60_000,
    );
    await sleep(300);
    const client = lab.start(
      'ptunnel-ng',
      ['-v', '-1', '-a50', '-t100', '-p127.0.0.1', `-l${entrance}`, '-r127.0.0.1', `-R${sinkPort}`],
      60_000,
    );
    const deadline = Date.now() + 30_000;
    const socket = await connectWhenUp(entrance, Date.now() + 5_000);
    socket.write(randomBytes(SENT_BYTES));
    const received = await sink.waitFor(SENT_BYTES, deadline);
    socket.destroy();
    await stopProcess(client, 'SIGTERM');
    await stopProcess(proxy, 'SIGTERM');
    await stopCapture(dumpcap);
    await sink.close();
    expect(received).toBe(SENT_BYTES);

    const { findings } = await analyze({ inputs: [pcap], actors: 0 });
    const tunnels = findings.filter((f) => f.detector === 'exfil.icmp-tunnel');
    expect(tunnels).toHaveLength(1);
    const f = tunnels[0]!;
    expect(f.entities).toMatchObject({ src: '127.0.0.1', dst: '127.0.0.1', proto: 'icmp' });
    expect(f.evidence.signals).toEqual(expect.arrayContaining(['large', 'varying', 'bulk']));
    expect(f.evidence.payloadBytes as number).toBeGreaterThanOrEqual(SENT_BYTES);
    // The figures docs/detectors.md quotes.
    const e = f.evidence;
    console.log(
      `ptunnel-ng: ${e.signals}; entropy ${e.entropyMin}–${e.entropyMax} over ${e.sampledBytes} bytes`,
    );
  }, 90_000);
});

/** hping3 sends `content` in `count` echo requests of 1200 bytes, 2 ms apart (echoed by the kernel). */
async function hpingFile(name: string, content: Uint8Array | string, count: number) {
  const file = lab.path(name);
  writeFileSync(file, content);
  const pcap = lab.path(`${name}.pcap`);
  const dumpcap = await lab.capture('icmp', pcap);
  const args = ['-1', '-E', file, '-d', '1200', '-i', 'u2000', '-c', String(count), '127.0.0.1'];
  execFileSync('hping3', args, { stdio: 'ignore', timeout: 30_000 });
  await stopCapture(dumpcap);
  const { findings } = await analyze({ inputs: [pcap], actors: 0 });
  return { findings, tunnels: findings.filter((f) => f.detector === 'exfil.icmp-tunnel') };
}

describe.skipIf(!HPING)('exfil.icmp-tunnel against hping3 (loopback)', () => {
  it('reports a file sent in ICMP echo payloads', async () => {
    const { tunnels } = await hpingFile('secret.bin', randomBytes(400_000), 300);
    expect(tunnels).toHaveLength(1);
    expect(tunnels[0]!.entities).toMatchObject({ src: '127.0.0.1', dst: '127.0.0.1' });
    expect(tunnels[0]!.evidence.signals).toEqual(expect.arrayContaining(['large', 'random']));
  }, 60_000);

  it('reports a text file of card numbers sent the same way: the tunnel and the cards', async () => {
    const line = (k: number) => `customer ${k}, card 4111 1111 1111 1111, note: renew in spring\n`;
    const text = Array.from({ length: 200 }, (_, k) => line(k)).join('');
    const { findings, tunnels } = await hpingFile('customers.txt', text, 20);
    // Text at one size, echoed: neither random, asymmetric nor varying — but the echo data
    // changes from packet to packet, which no ping's does.
    expect(tunnels).toHaveLength(1);
    expect(tunnels[0]!.evidence.signals).toEqual(['large', 'changing']);
    const leaks = findings.filter((f) => f.detector === 'content.sensitive-data');
    expect(leaks).toHaveLength(1);
    expect(leaks[0]!.evidence).toMatchObject({ kind: 'card', fields: ['payload'] });
    expect(JSON.stringify(findings)).not.toContain('4111 1111 1111 1111');
  }, 60_000);
});
