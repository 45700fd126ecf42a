/**
 * Real password-guessing tools against a real SSH server, on loopback only: hydra (libssh),
 * medusa (libssh2) and ncrack (its own SSH client), Debian's packages, each try 60 passwords
 * for a user that does not exist against OpenSSH's sshd (package openssh-server) on 127.0.0.1;
 * dumpcap (tshark's package) captures it on `lo`, and `analyze` must report the source as
 * `auth.bruteforce` from ssh.log's guessed failed attempts — Zeek's size heuristic
 * (SshAuthGuess) — although the sessions are fewer than the threshold. A loopback capture
 * carries unfinished checksums: checked, the summary says so and no scan is made of the
 * fragments; the analysis runs with checksums ignored (Zeek's -C). Bounded: every process has a
 * timeout and is killed at the end.
 *
 * Needs root (sshd, capturing on lo); each tool's case is skipped with a message without it.
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

const SSHD = [
  ['sshd', 'openssh-server'],
  ['ssh-keygen', 'openssh-client'],
] as const;
const PASSWORDS = 60;
const lab = new LoopbackLab('ssh-guessing');
afterAll(() => lab.close());

/** Each tool: its Debian package and its command line against 127.0.0.1:port with a word list. */
const TOOLS: ReadonlyArray<{ name: string; args: (port: number, words: string) => string[] }> = [
  {
    name: 'hydra',
    // -w 3: wait at most 3 s for a reply (hydra's default 32 s only slows the last tasks).
    args: (port, words) => [
      '-l',
      'nosuchuser',
      '-P',
      words,
      '-s',
      String(port),
      '-t',
      '4',
      '-w',
      '3',
      '-I',
      'ssh://127.0.0.1',
    ],
  },
  {
    name: 'medusa',
    args: (port, words) => [
      '-h',
      '127.0.0.1',
      '-n',
      String(port),
      '-u',
      'nosuchuser',
      '-P',
      words,
      '-M',
      'ssh',
      '-t',
      '4',
    ],
  },
  {
    name: 'ncrack',
    args: (port, words) => [
      '-p',
      String(port),
      '--user',
      'nosuchuser',
      '-P',
      words,
      `ssh://127.0.0.1:${port}`,
    ],
  },
];

/** A fresh sshd on a free port (its own config and host key), and the capture of its port. */
async function sshdUnderCapture(name: string) {
  const port = await freeTcpPort();
  const hostKey = lab.path(`${name}-host_key`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey], { timeout: 10_000 });
  const config = lab.path(`${name}-sshd_config`);
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
  const pcap = lab.path(`${name}.pcap`);
  const dumpcap = await lab.capture(`tcp port ${port}`, pcap);
  // sshd re-executes itself and so must be started by its absolute path.
  const sshdPath = execFileSync('which', ['sshd'], { encoding: 'utf8' }).trim();
  const sshd = lab.start(sshdPath, ['-D', '-e', '-f', config], 90_000);
  await waitFor(sshd, 'Server listening', 5_000);
  return {
    port,
    pcap,
    stop: async () => {
      await stopProcess(sshd, 'SIGTERM');
      await stopCapture(dumpcap);
    },
  };
}

for (const tool of TOOLS) {
  const run = canRunLoopbackTools(
    [[tool.name, tool.name], ...SSHD],
    `SSH brute-force detection against ${tool.name} and sshd on loopback`,
  );
  describe.skipIf(!run)(`auth.bruteforce against ${tool.name} and sshd (loopback)`, () => {
    it(`reports ${tool.name} guessing passwords, counted from the encrypted packet sizes`, async () => {
      const words = lab.path(`${tool.name}-words.txt`);
      writeFileSync(words, `${Array.from({ length: PASSWORDS }, (_, k) => `guess${k}`).join('\n')}\n`);
      const server = await sshdUnderCapture(tool.name);
      const code = await lab.run(tool.name, tool.args(server.port, words), 60_000);
      expect(code).not.toBeNull();
      await server.stop();

      const checked = await analyze({ inputs: [server.pcap], actors: 0 });
      expect(checked.summary.protocol?.checksumHint).toMatch(/failed their checksum .* --no-checksums/);
      expect(checked.findings.filter((f) => f.detector.startsWith('scan.'))).toEqual([]);

      const { findings, summary } = await analyze({
        inputs: [server.pcap],
        actors: 0,
        verifyChecksums: false,
      });
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
      // The figures docs/detectors.md quotes.
      console.log(`${tool.name}: ${sessions} ssh sessions, ${brute[0]!.evidence.attempts} failed attempts`);
    }, 120_000);
  });
}
