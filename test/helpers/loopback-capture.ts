/**
 * The tests that run real tools against each other on 127.0.0.1 and capture `lo` with dumpcap
 * (Debian's tshark package): whether they can run, and a lab that starts bounded processes and
 * captures, and removes everything at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTools } from './tools.js';

/**
 * True when every tool (and dumpcap) is installed and the test runs as root (raw sockets,
 * capturing on lo); otherwise warns once, naming what is missing, and the test is skipped.
 */
export function canRunLoopbackTools(
  tools: ReadonlyArray<readonly [tool: string, pkg: string]>,
  what: string,
): boolean {
  if (!requireTools([...tools, ['dumpcap', 'tshark']], what)) return false;
  if (process.getuid?.() === 0) return true;
  console.warn(`not root: ${what} skipped (raw sockets and capturing on lo need it)`);
  return false;
}

/** One test file's processes and scratch directory; `close()` in `afterAll`. */
export class LoopbackLab {
  readonly dir: string;
  private readonly children: ChildProcess[] = [];

  constructor(name: string) {
    this.dir = mkdtempSync(join(tmpdir(), `netscry-${name}-`));
  }

  /** A path in the scratch directory. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** Starts a tool (stderr piped, for `waitFor`) that is killed after `limitMs` whatever happens. */
  start(cmd: string, args: readonly string[], limitMs = 60_000): ChildProcess {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('exit', () => clearTimeout(timer));
    this.children.push(child);
    return child;
  }

  /**
   * Runs a tool to its end without blocking this process (a server in the test's own process
   * must keep answering it, which `execFileSync` would prevent); resolves with its exit code,
   * or null when it was killed after `limitMs`.
   */
  run(cmd: string, args: readonly string[], limitMs = 60_000): Promise<number | null> {
    const child = this.start(cmd, args, limitMs);
    return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /**
   * Starts `dumpcap -i lo -f FILTER -P -w FILE` and resolves once it captures: dumpcap names
   * its file on stderr when it opens the interface, and the capture filter is live a moment
   * later (packets sent right after "File:" were seen missing), hence the settling pause.
   */
  async capture(filter: string, file: string): Promise<ChildProcess> {
    const child = this.start('dumpcap', ['-q', '-i', 'lo', '-f', filter, '-P', '-w', file], 90_000);
    await waitFor(child, 'File:', 5_000);
    await sleep(500);
    return child;
  }

  /** Kills what is still running and removes the scratch directory. */
  close(): void {
    for (const c of this.children) c.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A TCP port on 127.0.0.1 that was free a moment ago (for a tool that takes a port number). */
export async function freeTcpPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const address = probe.address();
  await new Promise<void>((r) => probe.close(() => r()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** Resolves when the child's stderr shows `text`, or after `ms` regardless. */
export function waitFor(child: ChildProcess, text: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.stderr!.on('data', (d: Buffer) => {
      if (d.toString().includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/**
 * Ends a capture: waits for the kernel to hand over its last packets first — libpcap's
 * TPACKET_V3 ring passes them in blocks, and packets still in an open block when dumpcap is
 * interrupted are lost (the last 35 of nmap's 200 NULL probes, every run, before this wait).
 */
export async function stopCapture(child: ChildProcess): Promise<void> {
  await sleep(1_500);
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

/** A TCP server on 127.0.0.1 that counts the bytes it receives: the far end of a tunnel. */
export class TcpSink {
  received = 0;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((s) => {
      s.on('data', (d: Buffer) => {
        this.received += d.length;
      });
      s.on('error', () => {});
    });
  }

  static async open(): Promise<{ sink: TcpSink; port: number }> {
    const sink = new TcpSink();
    await new Promise<void>((r) => sink.server.listen(0, '127.0.0.1', () => r()));
    const address = sink.server.address();
    return { sink, port: typeof address === 'object' && address !== null ? address.port : 0 };
  }

  /** Resolves once `bytes` arrived or at `deadline` (ms since the epoch), whichever is first. */
  async waitFor(bytes: number, deadline: number): Promise<number> {
    while (this.received < bytes && Date.now() < deadline) await sleep(50);
    return this.received;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** Connects to a tool's TCP entrance on 127.0.0.1 once it accepts (retries until `deadline`). */
export async function connectWhenUp(port: number, deadline: number): Promise<Socket> {
  for (;;) {
    try {
      const socket = await new Promise<Socket>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
      socket.on('error', () => {});
      return socket;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}
