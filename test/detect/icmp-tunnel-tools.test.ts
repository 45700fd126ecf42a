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
  }, 90_000);
});

describe.skipIf(!HPING)('exfil.icmp-tunnel against hping3 (loopback)', () => {
  it('reports a file sent in ICMP echo payloads', async () => {
    const pcap = lab.path('hping3.pcap');
    const file = lab.path('secret.bin');
    writeFileSync(file, randomBytes(400_000));
    const dumpcap = await lab.capture('icmp', pcap);
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
    const pcap = lab.path('hping3-text.pcap');
    const file = lab.path('customers.txt');
    const line = (k: number) => `customer ${k}, card 4111 1111 1111 1111, note: renew in spring\n`;
    writeFileSync(file, Array.from({ length: 200 }, (_, k) => line(k)).join(''));
    const dumpcap = await lab.capture('icmp', pcap);
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
