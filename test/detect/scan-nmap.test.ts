/**
 * Real scans, on loopback only: nmap (Debian's package) runs a SYN scan of ports 1–1000 and
 * Xmas and NULL scans of ports 1–200 against 127.0.0.1, dumpcap (tshark's package) captures
 * them on `lo`, and `analyze` must report one vertical scan of exactly 1000 ports (the Xmas and
 * NULL scans revisit ports the SYN scan counted) and the stealth probes. Bounded: every scan
 * runs at -T4 under a timeout; the capture is killed at the end.
 *
 * Needs root (raw sockets, capturing on lo); skipped with a message otherwise.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canRunLoopbackTools, LoopbackLab, stopCapture } from '../helpers/loopback-capture.js';

const RUN = canRunLoopbackTools([['nmap', 'nmap']], 'scan detection against nmap on loopback');
const lab = new LoopbackLab('nmap');
afterAll(() => lab.close());

function nmap(...args: string[]): void {
  execFileSync('nmap', ['-n', '-Pn', '-T4', ...args, '127.0.0.1'], {
    stdio: 'ignore',
    timeout: 30_000,
  });
}

describe.skipIf(!RUN)('scan detection against nmap (loopback)', () => {
  it('reports the SYN scan as one vertical scan of 1000 ports and the Xmas/NULL probes', async () => {
    const pcap = lab.path('nmap.pcap');
    // Ports 1–1000 only: other tests' loopback traffic uses ephemeral ports.
    const capture = await lab.capture('tcp and portrange 1-1000', pcap);
    nmap('-sS', '-p', '1-1000');
    nmap('-sX', '-p', '1-200');
    nmap('-sN', '-p', '1-200');
    await stopCapture(capture);

    const { findings } = await analyze({ inputs: [pcap], actors: 0 });
    const vertical = findings.filter((f) => f.detector === 'scan.vertical');
    expect(vertical).toHaveLength(1);
    expect(vertical[0]!.entities).toMatchObject({ src: '127.0.0.1', dst: '127.0.0.1', proto: 'tcp' });
    expect(vertical[0]!.evidence.distinctPorts).toBe(1000);
    // Closed ports answer with a reset; a port open on this machine would not count as failed.
    expect(vertical[0]!.evidence.failed as number).toBeGreaterThanOrEqual(990);
    const probes = findings.filter((f) => f.detector === 'protocol.tcp-probe');
    expect(probes).toHaveLength(1);
    expect(probes[0]!.entities.src).toBe('127.0.0.1');
    // Zeek's history has no PSH/URG letters: an Xmas probe shows as a FIN probe.
    expect(probes[0]!.evidence.patterns).toEqual({ fin: 200, null: 200 });
  }, 90_000);
});
