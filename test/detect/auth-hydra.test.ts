/**
 * A real password-guessing tool against a real SSH server, on loopback only: hydra (Debian's
 * package) tries 60 passwords for a user that does not exist against OpenSSH's sshd (package
 * openssh-server) on 127.0.0.1, dumpcap (tshark's package) captures it on `lo`, and `analyze`
 * must report the source as `auth.bruteforce` from ssh.log's guessed failed attempts — Zeek's
 * size heuristic (SshAuthGuess) — although the sessions are fewer than the threshold. A
 * loopback capture carries unfinished checksums: checked, the summary says so; the analysis
 * runs with checksums ignored (Zeek's -C). Bounded: every process has a timeout and is killed
 * at the end.
 *
 * Needs root (sshd, capturing on lo); skipped with a message otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import {
  canRunLoopbackTools,
  freeTcpPort,
  LoopbackLab,
  stopCapture,
  stopProcess,
  waitFor,
} from '../helpers/loopback-capture.js';

const RUN = canRunLoopbackTools(
  [
    ['hydra', 'hydra'],
    ['sshd', 'openssh-server'],
    ['ssh-keygen', 'openssh-client'],
  ],
  'SSH brute-force detection against hydra and sshd on loopback',
);

const PASSWORDS = 60;
const lab = new LoopbackLab('hydra');
afterAll(() => lab.close());

describe.skipIf(!RUN)('auth.bruteforce against hydra and sshd (loopback)', () => {
  it('reports hydra guessing passwords over SSH, counted from the encrypted packet sizes', async () => {
    const port = await freeTcpPort();
    const hostKey = lab.path('host_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey], { timeout: 10_000 });
    const config = lab.path('sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        'PidFile none',
        'UsePAM no',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'StrictModes no',
        '',
      ].join('\n'),
    );
    mkdirSync('/run/sshd', { recursive: true });
    const words = lab.path('words.txt');
    writeFileSync(words, `${Array.from({ length: PASSWORDS }, (_, k) => `guess${k}`).join('\n')}\n`);
    const pcap = lab.path('hydra.pcap');
    const dumpcap = await lab.capture(`tcp port ${port}`, pcap);
    // sshd re-executes itself and so must be started by its absolute path.
    const sshdPath = execFileSync('which', ['sshd'], { encoding: 'utf8' }).trim();
    const sshd = lab.start(sshdPath, ['-D', '-e', '-f', config], 90_000);
    await waitFor(sshd, 'Server listening', 5_000);
    // -w 3: wait at most 3 s for a reply (hydra's default 32 s only slows the last tasks).
    execFileSync(
      'hydra',
      ['-l', 'nosuchuser', '-P', words, '-s', String(port), '-t', '4', '-w', '3', '-I', 'ssh://127.0.0.1'],
      { stdio: 'ignore', timeout: 60_000, cwd: lab.dir },
    );
    await stopProcess(sshd, 'SIGTERM');
    await stopCapture(dumpcap);

    const checked = await analyze({ inputs: [pcap], actors: 0 });
    expect(checked.summary.protocol?.checksumHint).toMatch(/failed their checksum .* --no-checksums/);
    expect(checked.findings.filter((f) => f.detector.startsWith('scan.'))).toEqual([]);

    const { findings, summary } = await analyze({ inputs: [pcap], actors: 0, verifyChecksums: false });
    expect(summary.protocol?.checksumHint).toBeUndefined();
    const sessions = summary.records.byType.ssh ?? 0;
    expect(sessions).toBeGreaterThan(3);
    // Fewer sessions than Zeek's 30-guess threshold: only the guessed attempts add up to it.
    expect(sessions).toBeLessThan(30);
    const brute = findings.filter((f) => f.detector === 'auth.bruteforce');
    expect(brute).toHaveLength(1);
    expect(brute[0]!.entities).toMatchObject({ src: '127.0.0.1', service: 'ssh' });
    expect(brute[0]!.evidence).toMatchObject({ basis: 'ssh', likelySuccesses: 0 });
    expect(brute[0]!.evidence.attempts as number).toBeGreaterThanOrEqual(30);
  }, 120_000);
});
