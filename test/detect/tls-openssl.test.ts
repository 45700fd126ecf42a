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
import { type ChildProcess, execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import {
  canRunLoopbackTools,
  freeTcpPort,
  LoopbackLab,
  sleep,
  stopCapture,
  stopProcess,
} from '../helpers/loopback-capture.js';

const RUN = canRunLoopbackTools(
  [['openssl', 'openssl']],
  'TLS deviation detection against openssl s_server/s_client on loopback',
);
const lab = new LoopbackLab('tls');
afterAll(() => lab.close());

/** TLS 1.0 is off at OpenSSL 3's default security level. */
const LEGACY = ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'];

function server(port: number, cert: string, key: string, extra: readonly string[]): ChildProcess {
  const args = ['s_server', '-accept', `127.0.0.2:${port}`, '-cert', cert, '-key', key, '-quiet'];
  return lab.start('openssl', [...args, ...extra]);
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
      await sleep(100);
    }
  }
}

describe.skipIf(!RUN)('protocol.tls against openssl (loopback)', () => {
  it('reports no SNI, a self-signed certificate and TLS 1.0', async () => {
    const cert = lab.path('cert.pem');
    const key = lab.path('key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30'].concat([
        '-subj',
        '/CN=evil.example',
      ]),
      { stdio: 'ignore', timeout: 30_000 },
    );
    const pcap = lab.path('tls.pcap');
    const [modernPort, legacyPort] = [await freeTcpPort(), await freeTcpPort()];
    const capture = await lab.capture(`tcp and (port ${modernPort} or port ${legacyPort})`, pcap);
    const modern = server(modernPort, cert, key, []);
    for (let k = 0; k < 3; k++) await client(modernPort, ['-noservername', '-tls1_2']);
    const legacy = server(legacyPort, cert, key, LEGACY);
    await client(legacyPort, ['-servername', 'old.example', ...LEGACY]);
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
