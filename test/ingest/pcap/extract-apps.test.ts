import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFiles } from '../../../src/coordinator/extract.js';
import { extractCapture } from '../../../src/ingest/pcap/extract.js';
import { TcpFlag } from '../../../src/ingest/pcap/packet.js';
import { corpusPath } from '../../helpers/corpus.js';
import { buildPcap, EtherType, ethernet, ipv4, tcp } from '../../helpers/pcap.js';

const { Syn, Ack, Fin, Psh } = TcpFlag;
const C = '10.0.0.5';
const S = '198.51.100.7';

interface Pkt {
  readonly fromClient: boolean;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly payload?: Uint8Array;
}

/** A capture of one TCP connection, 10 ms between packets. */
function capture(packets: readonly Pkt[], port = 8080): Uint8Array {
  return buildPcap(
    packets.map((p, i) => {
      const seg = tcp({
        srcPort: p.fromClient ? 40000 : port,
        dstPort: p.fromClient ? port : 40000,
        seq: p.seq,
        ack: p.ack,
        flags: p.flags,
        ...(p.payload ? { payload: p.payload } : {}),
      });
      const ip = ipv4(p.fromClient ? { src: C, dst: S } : { src: S, dst: C }, seg);
      return { data: ethernet(EtherType.Ipv4, ip), ts: 1_700_000_000 + i * 0.01 };
    }),
  );
}

const fill = (n: number, c = 0x61) => new Uint8Array(n).fill(c);
const CI = 1000; // client ISN
const SI = 5000; // server ISN

/** Handshake, then the client's data segments as given, the server acking `ackTo`, and FINs. */
function exchange(segments: readonly [number, number][], ackTo: number): Pkt[] {
  const p: Pkt[] = [
    { fromClient: true, seq: CI, ack: 0, flags: Syn },
    { fromClient: false, seq: SI, ack: CI + 1, flags: Syn | Ack },
    { fromClient: true, seq: CI + 1, ack: SI + 1, flags: Ack },
  ];
  for (const [rel, len] of segments)
    p.push({ fromClient: true, seq: CI + rel, ack: SI + 1, flags: Ack | Psh, payload: fill(len) });
  p.push({ fromClient: false, seq: SI + 1, ack: CI + ackTo, flags: Ack });
  p.push({ fromClient: true, seq: CI + ackTo, ack: SI + 1, flags: Fin | Ack });
  p.push({ fromClient: false, seq: SI + 1, ack: CI + ackTo + 1, flags: Fin | Ack });
  p.push({ fromClient: true, seq: CI + ackTo + 1, ack: SI + 2, flags: Ack });
  return p;
}

describe('content gaps in conn.log', () => {
  it('an acknowledged hole is a gap: G in the history and its size in missed_bytes', () => {
    // Bytes 1..100 and 201..300 sent, 101..200 never seen, all 300 acknowledged.
    const r = extractCapture(
      capture(
        exchange(
          [
            [1, 100],
            [201, 100],
          ],
          301,
        ),
      ),
      { verifyChecksums: false },
    );
    const conn = r.conns[0]!;
    // The server's ack adds 'a', then reveals the gap ('G'), as in Zeek.
    expect(conn.history).toBe('ShADaGFf');
    expect(conn.missedBytes).toBe(100);
    expect(conn.origBytes).toBe(300);
  });

  it('out-of-order data that arrives is no gap', () => {
    const r = extractCapture(
      capture(
        exchange(
          [
            [101, 100],
            [1, 100],
          ],
          201,
        ),
      ),
      { verifyChecksums: false },
    );
    expect(r.conns[0]!.missedBytes).toBe(0);
    expect(r.conns[0]!.history).not.toContain('G');
  });

  it('an ack past everything sent is a gap only while the connection is clean', () => {
    const r = extractCapture(capture(exchange([[1, 50]], 151)), { verifyChecksums: false });
    expect(r.conns[0]!.missedBytes).toBe(100);
    // A partial connection (no handshake seen) never counts gaps.
    const partial = exchange([[1, 50]], 151).slice(3);
    const q = extractCapture(capture(partial), { verifyChecksums: false });
    expect(q.conns[0]!.missedBytes).toBe(0);
    expect(q.conns[0]!.history).not.toContain('G');
  });

  it('a retransmission with different bytes is reported, the first copy wins', () => {
    const hello = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    const evil = new TextEncoder().encode('GET /x HTTP/1.1\r\nHost: b\r\n\r\n');
    const p: Pkt[] = [
      { fromClient: true, seq: CI, ack: 0, flags: Syn },
      { fromClient: false, seq: SI, ack: CI + 1, flags: Syn | Ack },
      { fromClient: true, seq: CI + 1, ack: SI + 1, flags: Ack },
      { fromClient: true, seq: CI + 1, ack: SI + 1, flags: Ack | Psh, payload: hello },
      { fromClient: true, seq: CI + 1, ack: SI + 1, flags: Ack | Psh, payload: evil },
    ];
    const r = extractCapture(capture(p, 80), { verifyChecksums: false });
    expect(r.events.map((e) => e.name)).toContain('rexmit_inconsistency');
    expect(r.reassembly.inconsistencies).toBeGreaterThan(0);
  });
});

describe('memory stays bounded', () => {
  it('a flood of data above a hole holds at most the per-direction cap, and is counted', () => {
    const segs: [number, number][] = [[1, 10]];
    // 4 MB in 1000-byte segments after a 10-byte hole; the server acks only the first 11.
    for (let i = 0; i < 4000; i++) segs.push([21 + i * 1000, 1000]);
    const pkts = exchange(segs, 11);
    // The server's ack precedes the flood so Zeek's "nothing acknowledged" bound does not end it.
    pkts.splice(3, 0, { fromClient: false, seq: SI + 1, ack: CI + 11, flags: Ack });
    const r = extractCapture(capture(pkts, 443), { verifyChecksums: false });
    const limits = 256 * 1024 + 16 * 1024;
    expect(r.reassembly.peakHeldBytes).toBeLessThanOrEqual(limits);
    expect(r.reassembly.droppedSegments + r.reassembly.droppedBytes).toBeGreaterThan(0);
  });
});

describe('services by content', () => {
  it('finds TLS on port 502 and DNS on 5353 (mDNS) from corpus traces', () => {
    const modbus = corpusPath('zeek', 'traces', 'modbus', 'modbus-and-non-modbus-p502.pcap');
    if (modbus === undefined) return;
    const r = extractCapture(new Uint8Array(readFileSync(modbus)));
    const tls = r.conns.find((c) => c.origP === 58380 && c.respP === 502);
    expect(tls?.service).toEqual(['ssl']);
    expect(r.apps.ssl.some((s) => s.id.respP === 502)).toBe(true);
    const mdnsTrace = corpusPath('zeek', 'traces', 'dns', 'mdns.pcap');
    if (mdnsTrace === undefined) return;
    const m = extractCapture(new Uint8Array(readFileSync(mdnsTrace)), { verifyChecksums: false });
    const mdns = m.conns.filter((c) => c.respP === 5353);
    expect(mdns.length).toBeGreaterThan(0);
    expect(mdns.every((c) => c.service.includes('dns'))).toBe(true);
    expect(m.apps.dns.length).toBeGreaterThan(0);
  });

  it('does not list a service for a port match alone', () => {
    // Port 443, but the bytes are not TLS.
    const r = extractCapture(capture(exchange([[1, 100]], 101), 443), { verifyChecksums: false });
    expect(r.conns[0]!.service).toEqual([]);
    expect(r.apps.ssl).toEqual([]);
  });
});

describe('netscry extract writes the app logs', () => {
  it('writes dns.log, http.log and ssl.log with the connection uid and tuple', async () => {
    const trace = corpusPath('zeek', 'traces', 'wikipedia.pcap');
    if (trace === undefined) return;
    const out = mkdtempSync(join(tmpdir(), 'netscry-extract-'));
    try {
      const summary = await extractFiles({ inputs: [trace], out, verifyChecksums: false });
      expect(summary.appRows.dns).toBeGreaterThan(0);
      expect(summary.appRows.http).toBeGreaterThan(0);
      const conn = readFileSync(join(out, 'conn.log'), 'utf8');
      const dns = readFileSync(join(out, 'dns.log'), 'utf8');
      expect(dns).toContain('#path\tdns');
      expect(dns).toContain(
        '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery',
      );
      const firstDns = dns
        .split('\n')
        .find((l) => !l.startsWith('#'))!
        .split('\t');
      const connLine = conn
        .split('\n')
        .find((l) => l.includes(`\t${firstDns[1]}\t`))!
        .split('\t');
      expect(connLine.slice(2, 6)).toEqual(firstDns.slice(2, 6));
      expect(connLine[7]).toBe('dns');
      expect(readFileSync(join(out, 'http.log'), 'utf8')).toContain('#path\thttp');
      const json = mkdtempSync(join(tmpdir(), 'netscry-extract-'));
      await extractFiles({ inputs: [trace], out: json, verifyChecksums: false, format: 'zeek-json' });
      const row = JSON.parse(readFileSync(join(json, 'dns.json'), 'utf8').split('\n')[0]!) as Record<
        string,
        unknown
      >;
      expect(typeof row.uid).toBe('string');
      expect(typeof row['id.resp_p']).toBe('number');
      rmSync(json, { recursive: true, force: true });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
