import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/coordinator/pipeline.js';
import { ErrorCode, NetscryError } from '../../src/shared/errors.js';
import { corpusPath } from '../helpers/corpus.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-pipeline-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2024-01-01-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
];

function conn(ts: number, uid: string, orig: string, resp: string, port: number, state = 'SF'): string {
  return [
    ts.toFixed(6),
    uid,
    orig,
    50000,
    resp,
    port,
    'tcp',
    '-',
    '0.1',
    10,
    20,
    state,
    '-',
    '-',
    0,
    'ShADadFf',
    3,
    200,
    3,
    300,
    '(empty)',
  ].join('\t');
}

async function write(name: string, lines: string[]): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, `${lines.join('\n')}\n`);
  return p;
}

describe('analyze: integrity events carry file and line', () => {
  it('reports each problem where it is and goes on', async () => {
    const file = await write('damaged.log', [
      ...HEADER,
      conn(1000, 'C1', '10.0.0.1', '198.51.100.1', 443), // line 9
      conn(1001, 'C2', '10.0.0.1', '198.51.100.2', 443),
      'garbage\twith\ttoo\tfew\tfields', // line 11: field_count
      conn(1002, 'C1', '10.0.0.1', '198.51.100.3', 443), // line 12: duplicate uid
      conn(2, 'C3', '10.0.0.1', '198.51.100.4', 443), // line 13: steps back ~1000 s
      conn(1003, 'C4', '10.0.0.1', 'not-an-address', 443), // line 14: unparsable
      '#fields\tts\tuid', // line 15: header change
      '#types\ttime\tstring', // line 16
      '1004.0\tC5', // line 17
      // no #close: missing_close
    ]);
    const { summary } = await analyze({ inputs: [file], actors: 0, tsToleranceSeconds: 900 });
    const at = (code: string) => summary.integrity.events.filter((e) => e.code === code).map((e) => e.line);
    expect(at('field_count')).toEqual([11]);
    expect(at('duplicate_uid')).toEqual([12]);
    expect(at('ts_backwards')).toEqual([13]);
    expect(at('unparsable_value')).toEqual([14]);
    expect(at('header_change')).toHaveLength(1);
    expect(at('header_change')[0]).toBeGreaterThanOrEqual(15);
    expect(at('missing_close')).toHaveLength(1);
    for (const e of summary.integrity.events) expect(e.file).toBe(file);
    expect(summary.records.total).toBeGreaterThanOrEqual(5);
  });

  it('reports a truncated gzip with what it decoded, and verifies sha256 sidecars', async () => {
    const lines = [...HEADER];
    for (let i = 0; i < 2000; i++)
      lines.push(conn(1000 + i, `C${i}x`, '10.0.0.1', `198.51.100.${i % 200}`, 443));
    lines.push('#close\t2024-01-01-01-00-00');
    const full = gzipSync(`${lines.join('\n')}\n`);
    const cut = join(dir, 'cut.log.gz');
    await writeFile(cut, full.subarray(0, Math.floor(full.length * 0.6)));
    const good = join(dir, 'good.log.gz');
    await writeFile(good, full);
    await writeFile(`${good}.sha256`, `${createHash('sha256').update(full).digest('hex')}  good.log.gz\n`);
    const bad = join(dir, 'tampered.log');
    await writeFile(bad, `${lines.join('\n')}\n`);
    await writeFile(`${bad}.sha256`, `${'0'.repeat(64)}  tampered.log\n`);
    const { summary } = await analyze({ inputs: [cut, good, bad], actors: 0 });
    expect(summary.integrity.byCode.truncated_gzip).toBe(1);
    expect(summary.integrity.byCode.checksum_mismatch).toBe(1);
    expect(summary.checksums.map((c) => [c.file, c.status])).toEqual([
      [good, 'verified'],
      [bad, 'mismatch'],
    ]);
    const truncated = summary.integrity.events.find((e) => e.code === 'truncated_gzip')!;
    expect(truncated.file).toBe(cut);
    expect(truncated.line).toBeGreaterThan(HEADER.length);
    // the cut file still contributed the records before the break
    expect(summary.records.total).toBeGreaterThan(4000);
  });
});

describe('analyze: inputs', () => {
  it('reads directories recursively and rotated gzip logs, in path order', async () => {
    const sub = join(dir, 'zeekdir');
    await mkdir(join(sub, 'old'), { recursive: true });
    await writeFile(
      join(sub, 'conn.log'),
      `${[...HEADER, conn(5, 'Ca', '10.0.0.1', '10.0.0.2', 22), '#close\tx'].join('\n')}\n`,
    );
    await writeFile(
      join(sub, 'old', 'conn.00:00:00-01:00:00.log.gz'),
      gzipSync(`${[...HEADER, conn(1, 'Cb', '10.0.0.1', '10.0.0.2', 22), '#close\tx'].join('\n')}\n`),
    );
    await writeFile(join(sub, 'notes.txt'), 'not a log');
    const { summary } = await analyze({ inputs: [sub], actors: 0 });
    expect(summary.inputs.map((i) => i.file)).toEqual([
      join(sub, 'conn.log'),
      join(sub, 'old', 'conn.00:00:00-01:00:00.log.gz'),
    ]);
    expect(summary.records.byType).toEqual({ conn: 2 });
    expect(summary.integrity.total).toBe(0);
  });

  it('reads a capture cut inside its file header as a protocol event, not a failure', async () => {
    const pcap = join(dir, 'cut.pcap');
    await writeFile(pcap, Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]));
    const { summary } = await analyze({ inputs: [pcap], actors: 0 });
    expect(summary.protocol?.byName).toEqual({ pcap_truncated_header: 1 });
    expect(summary.protocol?.events[0]).toMatchObject({ file: pcap, offset: 0 });
  });

  it('fails clearly on missing files, unsupported formats and empty input lists', async () => {
    await expect(analyze({ inputs: [join(dir, 'nope.log')], actors: 0 })).rejects.toMatchObject({
      code: ErrorCode.UnreadableInput,
    });
    const binary = join(dir, 'capture.bin');
    await writeFile(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 0, 4, 0]));
    const err = await analyze({ inputs: [binary], actors: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetscryError);
    expect((err as NetscryError).code).toBe(ErrorCode.UnsupportedFormat);
    expect((err as NetscryError).message).toMatch(
      /Zeek TSV logs, Zeek JSON logs .*pcap\/pcapng captures, raw NetFlow .* and syslog files/,
    );
    await expect(analyze({ inputs: [] })).rejects.toMatchObject({ code: ErrorCode.Usage });
    await expect(analyze({ inputs: [binary], actors: -1 })).rejects.toMatchObject({
      code: ErrorCode.InvalidOption,
    });
  });
});

describe('analyze: the labelled Stratosphere port scans', () => {
  const horizontal = corpusPath('labelled', 'stratosphere', 'port-scans', 'horizontal', 'conn.log');
  const vertical = corpusPath('labelled', 'stratosphere', 'port-scans', 'vertical', 'conn.log');

  it.runIf(horizontal)('finds the horizontal scan from 10.0.2.112 on 80/tcp', async () => {
    const { findings } = await analyze({ inputs: [horizontal!], actors: 0 });
    const h = findings.filter((f) => f.detector === 'scan.horizontal');
    expect(h.some((f) => f.entities.src === '10.0.2.112' && String(f.entities.port).startsWith('80'))).toBe(
      true,
    );
  });

  it.runIf(vertical)('finds the vertical scan of 45.33.32.156 from 192.168.1.9', async () => {
    const { findings } = await analyze({ inputs: [vertical!], actors: 2 });
    const v = findings.filter((f) => f.detector === 'scan.vertical');
    expect(v.some((f) => f.entities.src === '192.168.1.9' && f.entities.dst === '45.33.32.156')).toBe(true);
  });
});

describe('analyze: real Zeek logs parse cleanly', () => {
  const wrccdc = corpusPath('zeek-logs', 'wrccdc');
  const labelled = corpusPath('labelled');
  it.runIf(wrccdc && labelled)(
    'WRCCDC and the labelled logs yield no unexpected integrity events',
    async () => {
      const { summary } = await analyze({ inputs: [wrccdc!, labelled!], actors: 2 });
      expect(summary.records.total).toBeGreaterThan(150_000);
      // Expected: the Stratosphere horizontal log was cut without #close.
      const unexpected = summary.integrity.events.filter(
        (e) => !(e.code === 'missing_close' && e.file.endsWith('horizontal/conn.log')),
      );
      expect(unexpected).toEqual([]);
      expect(Object.keys(summary.records.byType)).toEqual(
        expect.arrayContaining(['dns', 'ssl', 'weird', 'x509', 'conn']),
      );
    },
  );
});
