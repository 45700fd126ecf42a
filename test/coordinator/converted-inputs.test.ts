/**
 * `analyze` on NetFlow and syslog: raw export datagram files, captures of export traffic
 * (`captureAs: 'netflow'`) and syslog files become Zeek records on the coordinator and run
 * through the same actors and analyzers as a conn.log: the scans in them are found, the output is
 * the same for any number of actors and chunk size, and a killed actor's replacement re-reads
 * its chunks from the spool and gives the undisturbed output.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeOptions } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canonicalJson, type Finding } from '../../src/detect/finding.js';
import { findingsNdjson } from '../../src/report/output.js';
import { buildPcap, EtherType, ethernet, ipv4, type PcapRecordSpec, udp } from '../helpers/pcap.js';
import { concat, type V5Flow, v5 } from '../ingest/netflow/build.js';

const T0 = 1_700_000_000;
const SYN = 2;
const ACK = 16;
const FIN = 1;

let dir: string;
let netflowFile: string;
let exportCapture: string;
let syslogFile: string;
let datagrams: Uint8Array[];

/**
 * A router's v5 export of one hour: an outside host probing port 23 on 40 local hosts (SYN only,
 * no reply), and ordinary web traffic in both directions. 30 flows per datagram.
 */
function exportDatagrams(): Uint8Array[] {
  const flows: V5Flow[] = [];
  const uptime = 3_600_000;
  for (let i = 0; i < 40; i++) {
    const at = 600_000 + i * 2000;
    flows.push({
      src: '203.0.113.66',
      dst: `10.0.${i % 2}.${20 + i}`,
      srcPort: 50000 + i,
      dstPort: 23,
      proto: 6,
      packets: 1,
      bytes: 44,
      first: at,
      last: at,
      tcpFlags: SYN,
    });
  }
  for (let k = 0; k < 50; k++) {
    const at = 100_000 + k * 50_000;
    const client = `10.0.2.${10 + (k % 7)}`;
    const server = `198.51.100.${k % 5}`;
    flows.push(
      {
        src: client,
        dst: server,
        srcPort: 40000 + k,
        dstPort: 443,
        proto: 6,
        packets: 12,
        bytes: 1400,
        first: at,
        last: at + 900,
        tcpFlags: SYN | ACK | FIN,
      },
      {
        src: server,
        dst: client,
        srcPort: 443,
        dstPort: 40000 + k,
        proto: 6,
        packets: 10,
        bytes: 9000,
        first: at + 20,
        last: at + 880,
        tcpFlags: SYN | ACK | FIN,
      },
    );
  }
  const out: Uint8Array[] = [];
  for (let i = 0, seq = 0; i < flows.length; i += 30, seq += 30) {
    out.push(v5({ seq, uptime, secs: T0 + 3600 }, flows.slice(i, i + 30)));
  }
  return out;
}

/** The same datagrams as a router would send them, captured on the collector's link. */
function exportPcap(grams: readonly Uint8Array[]): Uint8Array {
  const records: PcapRecordSpec[] = grams.map((g, i) => ({
    ts: T0 + 3600 + i * 0.01,
    data: ethernet(
      EtherType.Ipv4,
      ipv4({ src: '192.0.2.1', dst: '192.0.2.200' }, udp({ srcPort: 50555, dstPort: 2055, payload: g })),
    ),
  }));
  return buildPcap(records);
}

/** A firewall's kernel log: one outside host blocked on 20 ports of one local server, plus noise. */
function firewallLog(): string {
  const lines: string[] = [];
  for (let p = 0; p < 20; p++) {
    const s = String(10 + p * 3).padStart(2, '0');
    lines.push(
      `Nov 14 22:14:${s} gw kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:11 SRC=198.51.100.77 DST=10.0.5.9 LEN=44 TOS=0x00 PREC=0x00 TTL=52 ID=1 PROTO=TCP SPT=61000 DPT=${1000 + p * 17} WINDOW=1024 RES=0x00 SYN URGP=0`,
    );
    if (p % 4 === 0)
      lines.push(`Nov 14 22:14:${s} gw sshd[77]: Accepted publickey for ops from 10.0.5.1 port 5${p}22 ssh2`);
    if (p % 5 === 0) lines.push(`Nov 14 22:14:${s} gw CRON[9]: (root) CMD (run-parts /etc/cron.hourly)`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-converted-'));
  datagrams = exportDatagrams();
  netflowFile = join(dir, 'export.dat');
  await writeFile(netflowFile, concat(...datagrams));
  exportCapture = join(dir, 'export.pcap');
  await writeFile(exportCapture, exportPcap(datagrams));
  syslogFile = join(dir, 'kern.log');
  await writeFile(syslogFile, firewallLog());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outputs(inputs: string[], options: Omit<AnalyzeOptions, 'inputs'>) {
  const result = await analyze({ inputs, ...options });
  return {
    findings: result.findings,
    ndjson: findingsNdjson(result.findings),
    heatmap: canonicalJson(result.heatmap),
    summary: result.summary,
  };
}

const scanOf = (findings: readonly Finding[], source: string): Finding | undefined =>
  findings.find((f) => f.detector.startsWith('scan.') && JSON.stringify(f).includes(source));

describe('analyze on NetFlow exports', () => {
  let reference: Awaited<ReturnType<typeof outputs>>;
  beforeAll(async () => {
    reference = await outputs([netflowFile], { actors: 0, stitchBiflows: true });
  });

  it('finds the port-23 sweep, and reports exporters and loss', () => {
    expect(scanOf(reference.findings, '203.0.113.66')?.detector).toBe('scan.horizontal');
    expect(reference.summary.inputs[0]).toMatchObject({ format: 'netflow' });
    expect(reference.summary.netflow).toEqual({
      flows: 140,
      records: 90,
      exporters: [{ exporter: 'file', version: 5, templates: 0, lost: 0 }],
      pendingDropped: 0,
    });
    expect(reference.summary.records.byType).toEqual({ conn: 90 });
    expect(reference.summary.protocol?.total).toBe(0);
  });

  it('gives the same output for 1, 2 and 4 actors and small chunks', async () => {
    for (const actors of [1, 2, 4]) {
      const o = await outputs([netflowFile], { actors, stitchBiflows: true, chunkBytes: 4096 });
      expect(o.ndjson).toBe(reference.ndjson);
      expect(o.heatmap).toBe(reference.heatmap);
    }
  });

  it('gives the undisturbed output after an actor is killed mid-run, re-reading from the spool', async () => {
    const spoolDir = join(dir, 'spool');
    const o = await outputs([netflowFile, syslogFile], {
      actors: 2,
      stitchBiflows: true,
      chunkBytes: 4096,
      checkpointEveryChunks: 2,
      crashActor: { actor: 1, afterChunks: 3 },
      spoolDir,
    });
    const calm = await outputs([netflowFile, syslogFile], {
      actors: 2,
      stitchBiflows: true,
      chunkBytes: 4096,
    });
    expect(o.summary.run.restarts).toBe(1);
    expect(o.ndjson).toBe(calm.ndjson);
    expect(o.heatmap).toBe(calm.heatmap);
    // A spool the caller named is kept (watch keeps what it received); a temporary one is not.
    expect(readdirSync(spoolDir).sort()).toEqual(['records-0.ndjson', 'records-1.ndjson']);
  });

  it('decodes a capture of the export traffic like the raw datagrams', async () => {
    const o = await outputs([exportCapture], { actors: 2, stitchBiflows: true, captureAs: 'netflow' });
    expect(o.summary.inputs[0]).toMatchObject({ format: 'netflow-capture' });
    expect(o.summary.netflow?.exporters).toEqual([
      { exporter: '192.0.2.1:50555', version: 5, templates: 0, lost: 0 },
    ]);
    // Same conn records but for the exporter name (and so the uids): same heatmap, same scan.
    expect(o.heatmap).toBe(reference.heatmap);
    expect(o.findings.map((f) => [f.detector, f.firstTs, f.lastTs])).toEqual(
      reference.findings.map((f) => [f.detector, f.firstTs, f.lastTs]),
    );
    // Read as packets, the same file is one UDP connection to port 2055.
    const packets = await outputs([exportCapture], { actors: 0 });
    expect(packets.summary.records.byType).toEqual({ conn: 1, packet: datagrams.length });
  });

  it('lets flows still waiting for their other direction go at the end of the file', async () => {
    const scanOnly = join(dir, 'scan-only.dat');
    await writeFile(scanOnly, datagrams[0]!);
    const o = await outputs([scanOnly], { actors: 0, stitchBiflows: true });
    expect(o.summary.netflow).toMatchObject({ flows: 30, records: 30 });
  });

  it('counts export loss from the sequence numbers', async () => {
    const lossy = join(dir, 'lossy.dat');
    await writeFile(lossy, concat(datagrams[0]!, datagrams[2]!, datagrams[3]!));
    const o = await outputs([lossy], { actors: 0 });
    expect(o.summary.netflow?.exporters).toEqual([{ exporter: 'file', version: 5, templates: 0, lost: 30 }]);
    expect(o.summary.protocol?.byName).toEqual({ netflow_sequence_gap: 1 });
    const gap = o.summary.protocol?.events[0];
    expect(gap).toMatchObject({ file: lossy, name: 'netflow_sequence_gap' });
    expect(gap?.offset).toBe(datagrams[0]!.length + 16);
  });
});

describe('analyze on syslog', () => {
  it('finds the blocked port sweep in a firewall log, with auth and generic records beside it', async () => {
    const o = await outputs([syslogFile], { actors: 2 });
    expect(o.summary.inputs[0]).toMatchObject({ format: 'syslog' });
    expect(o.summary.records.byType).toEqual({ conn: 20, auth: 5, syslog: 4 });
    expect(scanOf(o.findings, '198.51.100.77')?.detector).toBe('scan.vertical');
    expect(o.summary.integrity.total).toBe(0);
  });

  it('removes its temporary spool', async () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('netscry-spool-'));
    await outputs([syslogFile], { actors: 0 });
    const after = readdirSync(tmpdir()).filter((f) => f.startsWith('netscry-spool-'));
    expect(after.filter((f) => !before.includes(f))).toEqual([]);
    expect(existsSync(syslogFile)).toBe(true);
  });
});
