/**
 * `analyze` on captures: packets go through the actor pipeline to the flow trackers of their
 * shards, and the analyzers see the same connections as from a Zeek conn.log — so analysing a
 * capture equals analysing the conn.log `netscry extract` writes from it, for any number of
 * actors, chunk and batch size, and after an actor is killed mid-run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../../src/coordinator/extract.js';
import type { AnalyzeOptions } from '../../src/coordinator/options.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import { canonicalJson } from '../../src/detect/finding.js';
import { TcpFlag } from '../../src/ingest/pcap/packet.js';
import { findingsNdjson } from '../../src/report/output.js';
import {
  buildPcap,
  EtherType,
  ethernet,
  ipv4,
  ipv6,
  type PcapRecordSpec,
  tcp,
  udp,
} from '../helpers/pcap.js';

let dir: string;
let capture: string;

const T0 = 1_700_000_000;

/** An outside scanner sweeping port 445 over three local /24s, plus ordinary traffic. */
function scenario(): PcapRecordSpec[] {
  const records: PcapRecordSpec[] = [];
  const push = (ts: number, ip: Uint8Array, type: number = EtherType.Ipv4) =>
    records.push({ ts, data: ethernet(type, ip) });
  let t = T0;
  for (let i = 0; i < 60; i++) {
    const target = `10.1.${i % 3}.${10 + Math.floor(i / 3)}`;
    t += 0.5;
    push(
      t,
      ipv4(
        { src: '203.0.113.5', dst: target },
        tcp({ srcPort: 40000 + i, dstPort: 445, flags: TcpFlag.Syn }),
      ),
    );
    push(
      t + 0.001,
      ipv4(
        { src: target, dst: '203.0.113.5' },
        tcp({ srcPort: 445, dstPort: 40000 + i, seq: 0, ack: 2, flags: TcpFlag.Rst | TcpFlag.Ack }),
      ),
    );
  }
  for (let k = 0; k < 20; k++) {
    const client = `10.1.${k % 3}.${100 + k}`;
    const server = '93.184.216.34';
    const port = 50000 + k;
    const s = T0 + 3 + k;
    const body = new TextEncoder().encode(`GET /${k} HTTP/1.1\r\nHost: example.com\r\n\r\n`);
    push(
      s,
      ipv4({ src: client, dst: server }, tcp({ srcPort: port, dstPort: 80, seq: 100, flags: TcpFlag.Syn })),
    );
    push(
      s + 0.01,
      ipv4(
        { src: server, dst: client },
        tcp({ srcPort: 80, dstPort: port, seq: 500, ack: 101, flags: TcpFlag.Syn | TcpFlag.Ack }),
      ),
    );
    push(
      s + 0.02,
      ipv4(
        { src: client, dst: server },
        tcp({
          srcPort: port,
          dstPort: 80,
          seq: 101,
          ack: 501,
          flags: TcpFlag.Ack | TcpFlag.Psh,
          payload: body,
        }),
      ),
    );
    push(
      s + 0.03,
      ipv4(
        { src: client, dst: server },
        tcp({
          srcPort: port,
          dstPort: 80,
          seq: 101 + body.length,
          ack: 501,
          flags: TcpFlag.Fin | TcpFlag.Ack,
        }),
      ),
    );
    push(
      s + 0.04,
      ipv4(
        { src: server, dst: client },
        tcp({
          srcPort: 80,
          dstPort: port,
          seq: 501,
          ack: 102 + body.length,
          flags: TcpFlag.Fin | TcpFlag.Ack,
        }),
      ),
    );
  }
  for (let k = 0; k < 10; k++) {
    const q = new Uint8Array(20).fill(k);
    push(
      T0 + 40 + k,
      ipv6(
        { src: `fd00:1::${k + 1}`, dst: '2001:db8::53' },
        udp({ srcPort: 33000 + k, dstPort: 53, payload: q }),
      ),
      EtherType.Ipv6,
    );
  }
  // A packet cut short inside its IPv4 header: a protocol event with its file offset.
  records.push({ ts: T0 + 60, data: ethernet(EtherType.Ipv4, new Uint8Array([0x45, 0, 0, 40, 0, 0])) });
  return records.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-capture-'));
  capture = join(dir, 'scan.pcap');
  await writeFile(capture, buildPcap(scenario()));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outputs(inputs: string[], options: Omit<AnalyzeOptions, 'inputs'>) {
  const result = await analyze({ inputs, ...options });
  return {
    findings: findingsNdjson(result.findings),
    heatmap: canonicalJson(result.heatmap),
    summary: result.summary,
  };
}

describe('analyze on a capture', () => {
  let reference: Awaited<ReturnType<typeof outputs>>;
  beforeAll(async () => {
    reference = await outputs([capture], { actors: 0 });
  });

  it('finds the scan that crosses shards, and counts packets and protocol events', () => {
    const findings = reference.findings
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      findings.some((f) => f.detector.startsWith('scan.') && JSON.stringify(f).includes('203.0.113.5')),
    ).toBe(true);
    const protocol = reference.summary.protocol;
    expect(protocol?.packets).toBeGreaterThan(0);
    expect(protocol?.total).toBeGreaterThan(0);
    const cut = protocol?.events.find((e) => e.name === 'truncated_IP');
    expect(cut?.file).toBe(capture);
    expect(cut?.offset).toBeGreaterThan(24);
  });

  it('equals analysing the conn.log that extract writes from it', async () => {
    const out = join(dir, 'extracted');
    await extractFiles({ inputs: [capture], out });
    const viaLog = await outputs([join(out, 'conn.log')], { actors: 0 });
    expect(reference.heatmap).toBe(viaLog.heatmap);
    // The app-layer records (here http) reach the analyzers too (capture-records.test.ts): the
    // findings are those of every log extract writes (weird.log is summary.json's `protocol`).
    const logs = readdirSync(out).filter((f) => f !== 'weird.log');
    expect(logs).toContain('http.log');
    const viaLogs = await outputs(
      logs.map((f) => join(out, f)),
      { actors: 0 },
    );
    expect(reference.heatmap).toBe(viaLogs.heatmap);
    expect(reference.findings).toBe(viaLogs.findings);
  });

  it.each([
    { actors: 1 },
    { actors: 2 },
    { actors: 4, chunkBytes: 4096, batchRecords: 7 },
    { actors: 0, chunkBytes: 4096, batchRecords: 1 },
  ])('gives the same bytes with %o', async (options) => {
    const out = await outputs([capture], options);
    expect(out.findings).toBe(reference.findings);
    expect(out.heatmap).toBe(reference.heatmap);
    expect(out.summary.protocol).toEqual(reference.summary.protocol);
  });

  it('says why when most packets fail their checksum (offloading), and sees no scan in the fragments', async () => {
    // A client on the capturing host: 30 short sessions to a local service on an unusual port,
    // every packet the host sent with an unfinished checksum (as on loopback or with offload).
    const records: PcapRecordSpec[] = [];
    for (let k = 0; k < 30; k++) {
      const s = T0 + k;
      const seg = (src: number, dst: number, seq: number, ack: number, flags: number) =>
        tcp({ srcPort: src, dstPort: dst, seq, ack, flags });
      const sent = (ts: number, from: string, to: string, segment: ReturnType<typeof tcp>) =>
        records.push({
          ts,
          data: ethernet(EtherType.Ipv4, ipv4({ src: from, dst: to, badTransportChecksum: true }, segment)),
        });
      sent(s, '10.9.0.1', '10.9.0.2', seg(41000 + k, 2022, 100, 0, TcpFlag.Syn));
      sent(s + 0.001, '10.9.0.2', '10.9.0.1', seg(2022, 41000 + k, 500, 101, TcpFlag.Syn | TcpFlag.Ack));
      sent(s + 0.002, '10.9.0.1', '10.9.0.2', seg(41000 + k, 2022, 101, 501, TcpFlag.Ack));
      sent(s + 0.003, '10.9.0.1', '10.9.0.2', seg(41000 + k, 2022, 101, 501, TcpFlag.Fin | TcpFlag.Ack));
    }
    const offload = join(dir, 'offload.pcap');
    await writeFile(offload, buildPcap(records));
    const checked = await analyze({ inputs: [offload], actors: 0 });
    expect(checked.summary.protocol?.checksumHint).toMatch(
      /^120 of 120 packets \(100 %\) failed their checksum .* rerun with --no-checksums/,
    );
    expect(checked.findings).toEqual([]);
    const extracted = await extractFiles({ inputs: [offload], out: join(dir, 'offload-logs') });
    expect(extracted.checksumHint).toBe(checked.summary.protocol?.checksumHint);
    // Ignoring checksums (Zeek's -C): the sessions are whole, and nothing to explain.
    const unchecked = await analyze({ inputs: [offload], actors: 0, verifyChecksums: false });
    expect(unchecked.summary.protocol?.checksumHint).toBeUndefined();
    expect(unchecked.summary.protocol?.byName).toEqual({});
    // The analyzed capture of the scenario above: a few bad packets at most, no hint.
    const ordinary = await analyze({ inputs: [capture], actors: 0 });
    expect(ordinary.summary.protocol?.checksumHint).toBeUndefined();
  });

  it('keeps the packets before a break in a gzip capture and reports the break', async () => {
    const whole = gzipSync(readFileSync(capture));
    const cut = join(dir, 'cut.pcap.gz');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const { summary } = await analyze({ inputs: [cut], actors: 0, chunkBytes: 1 << 20 });
    expect(summary.integrity.byCode.truncated_gzip).toBe(1);
    const extracted = await extractFiles({ inputs: [cut], out: join(dir, 'cut-logs') });
    expect(summary.protocol?.packets).toBeGreaterThan(0);
    expect(summary.protocol?.packets).toBe(extracted.packets);
  });

  it('replays the capture from the start after an actor dies, with the same output', async () => {
    const out = await outputs([capture], {
      actors: 2,
      chunkBytes: 4096,
      crashActor: { actor: 1, afterChunks: 2 },
    });
    expect(out.summary.run.recoveries).toHaveLength(1);
    expect(out.summary.run.recoveries[0]?.resumedAtChunk).toBe(0);
    expect(out.findings).toBe(reference.findings);
    expect(out.heatmap).toBe(reference.heatmap);
  });
});
