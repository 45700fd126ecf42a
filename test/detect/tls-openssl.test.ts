/**
 * Real TLS endpoints, on loopback only: OpenSSL's `s_server` with a self-signed certificate on
 * 127.0.0.2 and `s_client` from 127.0.0.1 (the local network here) — three TLS 1.2 sessions
 * without SNI, one TLS 1.0 session with SNI — captured by dumpcap (tshark's package). `analyze`
 * must report the client's TLS deviations: no SNI, the self-signed certificate (ssl.log's
 * `validation_status`, decided from the leaf), the old version. Bounded: every process runs
 * under a timeout and is killed at the end.
 *
 * Needs root (capturing on lo); skipped with a message otherwise.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { captureLoopback, stopCapture, stopProcess } from '../helpers/loopback-capture.js';
import { requireTools } from '../helpers/tools.js';

const TOOLS = requireTools(
  [
    ['openssl', 'openssl'],
    ['dumpcap', 'tshark'],
  ],
  'TLS deviation detection against openssl s_server/s_client on loopback',
);
const ROOT = process.getuid?.() === 0;
if (TOOLS && !ROOT) console.warn('not root: TLS test against openssl skipped (capturing on lo)');

const work = mkdtempSync(join(tmpdir(), 'netscry-tls-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** TLS 1.0 is off at OpenSSL 3's default security level. */
const LEGACY = ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'];

function server(port: number, cert: string, key: string, extra: readonly string[]): ChildProcess {
  const child = spawn(
    'openssl',
    ['s_server', '-accept', `127.0.0.2:${port}`, '-cert', cert, '-key', key, '-quiet', ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.once('exit', () => clearTimeout(timer));
  children.push(child);
  return child;
}

/** One handshake (and "Q", which ends the session), retried while the server starts. */
async function client(port: number, extra: readonly string[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      execFileSync('openssl', ['s_client', '-connect', `127.0.0.2:${port}`, ...extra], {
        input: 'Q\n',
        stdio: ['pipe', 'ignore', 'ignore'],
        timeout: 10_000,
      });
      return;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe.skipIf(!TOOLS || !ROOT)('protocol.tls against openssl (loopback)', () => {
  it('reports no SNI, a self-signed certificate and TLS 1.0', async () => {
    const cert = join(work, 'cert.pem');
    const key = join(work, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30'].concat([
        '-subj',
        '/CN=evil.example',
      ]),
      { stdio: 'ignore', timeout: 30_000 },
    );
    const pcap = join(work, 'tls.pcap');
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const capture = await captureLoopback(`tcp and (port ${base} or port ${base + 1})`, pcap);
    children.push(capture);
    const modern = server(base, cert, key, []);
    for (let k = 0; k < 3; k++) await client(base, ['-noservername', '-tls1_2']);
    const legacy = server(base + 1, cert, key, LEGACY);
    await client(base + 1, ['-servername', 'old.example', ...LEGACY]);
    await stopProcess(modern, 'SIGTERM');
    await stopProcess(legacy, 'SIGTERM');
    await stopCapture(capture);

    const { findings } = await analyze({
      inputs: [pcap],
      actors: 0,
      local: ['127.0.0.1/32'],
      verifyChecksums: false,
    });
    const tls = findings.filter((f) => f.detector === 'protocol.tls');
    expect(tls).toHaveLength(1);
    expect(tls[0]!.entities.src).toBe('127.0.0.1');
    expect(tls[0]!.evidence.reasons).toMatchObject({ 'no-sni': 3, 'self-signed-cert': 4, 'old-version': 1 });
  }, 90_000);
});
