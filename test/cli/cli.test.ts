/** The `netscry` command as a user runs it: the built bin, real files, exit codes, outputs. */
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../../src/report/render/png.js';
import { v5 } from '../ingest/netflow/build.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'cli', 'bin.js');
const fixture = join(root, 'fixtures', 'zeek', 'conn.log');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function netscry(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('netscry CLI', () => {
  it('analyze writes the three outputs and prints a summary', async () => {
    const out = join(dir, 'out');
    const r = netscry('analyze', fixture, '--out', out, '--actors', '0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^read {6}1 file\(s\)/m);
    expect(r.stdout).toMatch(/^findings {2}\d+/m);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.records.byType.conn).toBeGreaterThan(0);
    const heatmap = JSON.parse(await readFile(join(out, 'heatmap.json'), 'utf8'));
    expect(heatmap.rows.length).toBeGreaterThan(0);
    expect(await readFile(join(out, 'findings.ndjson'), 'utf8')).toBeDefined();
  });

  it('analyze - reads standard input (here gzip-compressed, as from zcat or a sensor over ssh)', async () => {
    const out = join(dir, 'out-stdin');
    const r = spawnSync(process.execPath, [bin, 'analyze', '-', '--out', out, '--json'], {
      encoding: 'utf8',
      cwd: dir,
      input: gzipSync(await readFile(fixture)),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.inputs).toEqual([expect.objectContaining({ file: '-', format: 'tsv', gzip: true })]);
    const fromFile = JSON.parse(netscry('analyze', fixture, '--out', join(dir, 'out-file'), '--json').stdout);
    expect(summary.records).toEqual(fromFile.records);
    expect(await readFile(join(out, 'heatmap.json'), 'utf8')).toBe(
      await readFile(join(dir, 'out-file', 'heatmap.json'), 'utf8'),
    );
  });

  it('--json prints the summary as JSON', () => {
    const r = netscry('analyze', fixture, '--out', join(dir, 'out-json'), '--actors', '1', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config.actors).toBe(1);
  });

  it('exits 2 on usage errors, 3 on unreadable input, 4 on unsupported formats', async () => {
    expect(netscry('analyze').code).toBe(2);
    expect(netscry('frobnicate').code).toBe(2);
    expect(netscry('analyze', fixture, '--actors', 'two').code).toBe(2);
    expect(netscry('analyze', fixture, '--local', '10.0.0.0/33').code).toBe(2);
    // A detector's registry name is not a scoring family: say which names work.
    const family = netscry('evaluate', '--detector', 'icmp');
    expect(family.code).toBe(2);
    expect(family.stderr).toMatch(/--detector takes a family \(scan, .*icmp-tunnel\)/);
    const missing = netscry('analyze', join(dir, 'missing.log'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no such file or directory/);
    const binary = join(dir, 'x.bin');
    await writeFile(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 0, 4, 0]));
    const unsupported = netscry('analyze', binary);
    expect(unsupported.code).toBe(4);
    expect(unsupported.stderr).toMatch(
      /Zeek TSV logs, Zeek JSON logs .*pcap\/pcapng captures, raw NetFlow .* and syslog files/,
    );
  });

  it('prints help and version', () => {
    const help = netscry('help');
    expect(help.code).toBe(0);
    for (const verb of ['analyze', 'generate', 'evaluate', 'demo'])
      expect(help.stdout).toContain(`netscry ${verb}`);
    expect(netscry('--version').stdout).toMatch(/^netscry \d+\.\d+\.\d+/);
  });

  it('prints the usage of one verb for VERB --help and help VERB', () => {
    const heatmap = netscry('heatmap', '--help');
    expect(heatmap.code).toBe(0);
    expect(heatmap.stdout).toContain('netscry heatmap <inputs…> --out FILE');
    expect(heatmap.stdout).toContain('--view matrix|hilbert');
    expect(heatmap.stdout).not.toContain('netscry analyze');
    expect(heatmap.stdout).toContain('exit codes:');
    const evaluate = netscry('help', 'evaluate');
    expect(evaluate.code).toBe(0);
    expect(evaluate.stdout).toContain('netscry evaluate [--seeds');
    expect(evaluate.stdout).toContain('netscry evaluate --labels FILE');
    expect(netscry('analyze', 'x.log', '-h').stdout).toContain('netscry analyze <files|dirs|-…>');
    // A verb HELP does not describe keeps its own meaning of -h.
    expect(netscry('version', '-h').stdout).toMatch(/^netscry \d+\.\d+\.\d+/);
    const unknown = netscry('help', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'nope'");
  });

  it('generate writes labelled logs, and evaluate scores findings against them', async () => {
    const data = join(dir, 'gen');
    const g = netscry('generate', '--out', data, '--hosts', '20', '--hours', '2', '--seed', '5');
    expect(g.code).toBe(0);
    expect(JSON.parse(g.stdout).files.map((f: { name: string }) => f.name)).toContain('conn.log');
    const out = join(dir, 'gen-out');
    expect(netscry('analyze', data, '--out', out).code).toBe(0);
    const e = netscry(
      'evaluate',
      '--labels',
      join(data, 'labels.json'),
      '--findings',
      join(out, 'findings.ndjson'),
      '--detector',
      'scan.',
    );
    // the three labelled scans (horizontal, vertical, inbound) found, nothing else
    expect(e.stdout).toMatch(/^scan\.\s+4\s+4\s+0\s+0\s+3\/3\s+1\.000\s+1\.000/m);
    expect(e.code).toBe(0);

    // A checkpoint after nearly every chunk (1 ms apart) leaves the outputs as they were; a bad
    // interval is a usage error (the flag reaches the run's options).
    const often = join(dir, 'gen-often');
    const ck = netscry('analyze', data, '--out', often, '--actors', '2', '--checkpoint-every', '0.001');
    expect(ck.code).toBe(0);
    expect(await readFile(join(often, 'findings.ndjson'), 'utf8')).toBe(
      await readFile(join(out, 'findings.ndjson'), 'utf8'),
    );
    const bad = netscry('analyze', data, '--out', often, '--checkpoint-every', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('checkpointEverySeconds must be a number from 0.001 to 86400');

    // --suppress: the scans judged benign leave findings.ndjson and are counted per rule.
    const rules = join(dir, 'allow.txt');
    await writeFile(rules, '# scanners\nscan src ::/0   # every source\nbeacon dst 192.0.2.1\n');
    const quiet = join(dir, 'gen-quiet');
    const s = netscry('analyze', data, '--out', quiet, '--suppress', rules);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(
      new RegExp(`^suppressed 4 finding\\(s\\) by 2 rule\\(s\\): 4 by ${rules}:2, 0 by ${rules}:3$`, 'm'),
    );
    expect(await readFile(join(quiet, 'findings.ndjson'), 'utf8')).not.toContain('"scan.');
    // A heatmap of findings counts the same ones.
    const findingsDrawn = async (...extra: string[]): Promise<number> => {
      const file = join(dir, `findings-${extra.length}.json`);
      const h = netscry('heatmap', data, '--metric', 'findings', '--bucket', '1d', '--out', file, ...extra);
      expect(h.code).toBe(0);
      const rows = JSON.parse(await readFile(file, 'utf8')).rows as { total: number }[];
      return rows.reduce((sum, r) => sum + r.total, 0);
    };
    expect((await findingsDrawn()) - (await findingsDrawn('--suppress', rules))).toBe(4);
    const moot = netscry('heatmap', data, '--out', join(dir, 'moot.json'), '--suppress', rules);
    expect(moot.code).toBe(2);
    expect(moot.stderr).toContain('choose the findings of --metric findings');
    await writeFile(rules, 'scan src ::/0\nscan source 10.0.0.1\n');
    const typo = netscry('analyze', data, '--out', quiet, '--suppress', rules);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`${rules}:2: suppress rule: unknown track 'source'`);
  });

  it('watch collects NetFlow over UDP and syslog over TCP, stops after --max-records and writes its outputs', async () => {
    const out = join(dir, 'watch');
    const rules = join(dir, 'watch-allow.txt');
    await writeFile(rules, 'scan src 10.1.1.1\n');
    const child = spawn(
      process.execPath,
      [
        bin,
        'watch',
        '--netflow',
        'udp://127.0.0.1:0',
        '--syslog',
        'tcp://127.0.0.1:0',
        '--max-records',
        '5',
        '--for',
        '30',
        '--actors',
        '1',
        '--out',
        out,
        '--suppress',
        rules,
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const ports = await new Promise<{ netflow: number; syslog: number }>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const nf = /netflow udp:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
        const sl = /syslog tcp:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
        if (nf && sl) resolve({ netflow: Number(nf[1]), syslog: Number(sl[1]) });
      }),
    );
    const flow = {
      src: '10.1.1.1',
      dst: '192.0.2.80',
      srcPort: 40000,
      dstPort: 443,
      proto: 6,
      packets: 3,
      bytes: 180,
      first: 9000,
      last: 9500,
    };
    const udp = createSocket('udp4');
    await new Promise<void>((r) =>
      udp.send(
        v5({ seq: 0, uptime: 10_000, secs: 1_700_000_000 }, [flow, flow, flow]),
        ports.netflow,
        '127.0.0.1',
        () => r(),
      ),
    );
    udp.close();
    const tcp = connect(ports.syslog, '127.0.0.1');
    await new Promise<void>((r) => tcp.once('connect', () => r()));
    tcp.end(
      '<38>1 2024-03-03T10:00:00Z host sshd 1 - - Accepted password for alice from 192.0.2.9 port 5022 ssh2\n<13>Mar  3 10:00:01 host app: hello\n',
    );
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(stderr).toMatch(/listening on netflow udp:\/\/127\.0\.0\.1:\d+, syslog tcp:\/\/127\.0\.0\.1:\d+/);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^received {2}1 datagrams, 1 TCP connections, .*: 3 flows, 2 syslog messages, 0 dropped$/m,
    );
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.records.byType).toEqual({ auth: 1, conn: 3, syslog: 1 });
    expect(summary.inputs[0].format).toBe('live');
    expect(summary.suppressed).toEqual({
      total: 0,
      rules: [{ rule: 'scan src 10.1.1.1', source: `${rules}:1`, findings: 0 }],
    });
    const records = (await readFile(join(out, 'records', 'records-0.ndjson'), 'utf8')).trim().split('\n');
    expect(records).toHaveLength(5);
  }, 40_000);

  it('heatmap writes SVG, PNG, JSON and CSV by extension, and analyze draws its heatmap', async () => {
    const out = join(dir, 'hm');
    const r = netscry(
      'heatmap',
      fixture,
      '--actors',
      '0',
      '--bucket',
      '1h',
      '--prefix',
      '24,64',
      '--out',
      join(out, 'm.svg'),
      '--out',
      join(out, 'm.png'),
      '--out',
      join(out, 'm.json'),
      '--out',
      join(out, 'm.csv'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^connections by source block — conn\.log$/m);
    expect(r.stdout).toMatch(/1-hour buckets, \/24 and \/64 blocks/);
    expect(await readFile(join(out, 'm.svg'), 'utf8')).toMatch(
      /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
    const png = decodePng(new Uint8Array(await readFile(join(out, 'm.png'))));
    expect(png.width).toBeGreaterThan(100);
    const json = JSON.parse(await readFile(join(out, 'm.json'), 'utf8'));
    expect(json.rows.length).toBeGreaterThan(0);
    expect(json.bucketSeconds).toBe(3600);
    expect((await readFile(join(out, 'm.csv'), 'utf8')).split('\n')[0]).toBe(
      'block,family,bucket_start,bucket_start_local,connections,anomaly_score',
    );
    const hilbert = netscry(
      'heatmap',
      fixture,
      '--actors',
      '0',
      '--view',
      'hilbert',
      '--prefix',
      '16',
      '--out',
      join(out, 'h.png'),
    );
    expect(hilbert.code).toBe(0);
    expect(decodePng(new Uint8Array(await readFile(join(out, 'h.png')))).width).toBeGreaterThan(256);
    expect(netscry('heatmap', fixture, '--out', join(out, 'x.gif')).code).toBe(2);
    expect(
      netscry('heatmap', fixture, '--view', 'hilbert', '--prefix', 'auto', '--out', join(out, 'x.png')).code,
    ).toBe(2);
    expect(netscry('heatmap', fixture, '--bucket', '7x', '--out', join(out, 'x.png')).code).toBe(2);
    // analyze draws the default view beside heatmap.json.
    const a = netscry('analyze', fixture, '--out', join(dir, 'out-draw'), '--actors', '0');
    expect(a.stdout).toMatch(/heatmap\.svg, .*heatmap\.png/);
    expect(
      decodePng(new Uint8Array(await readFile(join(dir, 'out-draw', 'heatmap.png')))).height,
    ).toBeGreaterThan(50);
  }, 60_000);
});
