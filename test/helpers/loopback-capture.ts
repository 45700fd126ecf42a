/**
 * Captures on the loopback interface with dumpcap (Debian's tshark package) for the tests that
 * run real tools against each other on 127.0.0.1. Bounded: the capture is killed after
 * `limitMs` whatever happens, and `stop` gives it 5 s to write its file.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Starts `dumpcap -i lo -f FILTER -P -w FILE` and resolves once it captures: dumpcap names its
 * file on stderr when it opens the interface, and the capture filter is live a moment later
 * (packets sent right after "File:" were seen missing), hence the settling pause.
 */
export async function captureLoopback(filter: string, pcap: string, limitMs = 90_000): Promise<ChildProcess> {
  const child = spawn('dumpcap', ['-q', '-i', 'lo', '-f', filter, '-P', '-w', pcap], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  child.once('exit', () => clearTimeout(timer));
  await new Promise<void>((resolve) => {
    const wait = setTimeout(resolve, 5_000);
    child.stderr!.on('data', (d: Buffer) => {
      if (d.toString().includes('File:')) {
        clearTimeout(wait);
        resolve();
      }
    });
  });
  await new Promise((r) => setTimeout(r, 500));
  return child;
}

/**
 * Ends a capture: waits for the kernel to hand over its last packets first — libpcap's
 * TPACKET_V3 ring passes them in blocks, and packets still in an open block when dumpcap is
 * interrupted are lost (the last 35 of nmap's 200 NULL probes, every run, before this wait).
 */
export async function stopCapture(child: ChildProcess): Promise<void> {
  await new Promise((r) => setTimeout(r, 1_500));
  await stopProcess(child);
}

/** Ends a process with `signal` (SIGINT lets dumpcap finish its file), SIGKILL after 5 s. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
