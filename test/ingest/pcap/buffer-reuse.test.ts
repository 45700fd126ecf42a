/**
 * `netscry extract` reads a capture into two buffers in turn, so nothing on the per-packet path
 * may keep a view of a packet's bytes after the packet (or of a block after `CaptureReader.push`)
 * — anything kept must be copied. Each trace below is fed in small blocks through one buffer
 * that is overwritten with junk after every push; every record and log must equal those of
 * the same blocks fed as fresh copies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../../src/ingest/pcap/capture-file.js';
import { CaptureFlows } from '../../../src/ingest/pcap/flows.js';
import { TcpFlag } from '../../../src/ingest/pcap/packet.js';
import { corpusPath } from '../../helpers/corpus.js';
import { EtherType, ethernet, ipv4, pcapHeader, pcapRecord, tcp } from '../../helpers/pcap.js';

/** Traces with reassembled TCP payload for every parser (HTTP, TLS, SSH, DNS over TCP), UDP
 * apps (DNS, QUIC, DHCP), out-of-order and retransmitted segments, and IP fragments. */
const TRACES = [
  'zeek/traces/http/get.pcap',
  'zeek/traces/http/methods.pcap',
  'zeek/traces/http/multipart.pcap',
  'zeek/traces/tls/tls1.2.pcap',
  'zeek/traces/tls/ecdhe.pcap',
  'zeek/traces/ssh/ssh_kex_mlkem.pcap',
  'zeek/traces/dns53.pcap',
  'zeek/traces/dns/dns-binds.pcap',
  'zeek/traces/quic/quic_win11_firefox_google.pcap',
  'zeek/traces/ipv6-fragmented-dns.pcap',
  'suricata-verify/tests/tcp-async-01/input.pcap',
  'suricata-verify/tests/http-body-inspect/http-aptget-ids-02-s2.pcap',
  'zeek/traces/wikipedia.pcap',
];

const text = (t: string) => new TextEncoder().encode(t);

/**
 * One HTTP exchange whose bytes must outlive their packets: a request head too short to tell
 * the protocol (held by the probe), segments out of order in both directions (held by the
 * reassembler), a response segment sent again with other bytes (compared with the retained
 * first copy), acknowledgements lagging the data (retained bytes waiting). One record per push.
 */
function httpRecords(): Uint8Array[] {
  const C = '10.0.0.5';
  const S = '198.51.100.7';
  const { Syn, Ack, Fin, Psh } = TcpFlag;
  let ts = 1_700_000_000;
  const packet = (fromClient: boolean, seq: number, ack: number, flags: number, payload?: string) => {
    const seg = tcp({
      srcPort: fromClient ? 40000 : 80,
      dstPort: fromClient ? 80 : 40000,
      seq,
      ack,
      flags,
      ...(payload === undefined ? {} : { payload: text(payload) }),
    });
    ts += 0.01;
    return pcapRecord({
      ts,
      data: ethernet(EtherType.Ipv4, ipv4(fromClient ? { src: C, dst: S } : { src: S, dst: C }, seg)),
    });
  };
  const request = 'GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test\r\n\r\n';
  const body = 'x'.repeat(300);
  const reply = `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const c = 1001;
  const s0 = 5001;
  const r1 = reply.slice(0, 20);
  const r2 = reply.slice(20, 70);
  const r3 = reply.slice(70);
  return [
    pcapHeader(),
    packet(true, c - 1, 0, Syn),
    packet(false, s0 - 1, c, Syn | Ack),
    packet(true, c, s0, Ack),
    // The request's last part first, then its first two bytes, then the middle.
    packet(true, c + 20, s0, Ack | Psh, request.slice(20)),
    packet(true, c, s0, Ack | Psh, request.slice(0, 2)),
    packet(true, c + 2, s0, Ack | Psh, request.slice(2, 20)),
    // The reply: its second part early, the first, a different copy of the first, the rest.
    packet(false, s0 + 20, c + request.length, Ack, r2),
    packet(false, s0, c + request.length, Ack, r1),
    packet(false, s0, c + request.length, Ack, r1.toLowerCase()),
    packet(false, s0 + 70, c + request.length, Ack | Psh, r3),
    packet(true, c + request.length, s0 + 70, Ack),
    packet(false, s0 + 20, c + request.length, Ack, r2.toUpperCase()),
    packet(true, c + request.length, s0 + reply.length, Ack | Fin),
    packet(false, s0 + reply.length, c + request.length + 1, Ack | Fin),
    packet(true, c + request.length + 1, s0 + reply.length + 1, Ack),
  ];
}

/** Everything a run yields, as JSON text (conn records, events, app logs). */
function run(file: Uint8Array | Uint8Array[], block: number, reuse: boolean): string {
  const out: unknown[] = [];
  const flows = new CaptureFlows(
    (r) => out.push(['conn', r]),
    (e) => out.push(['event', e]),
  );
  const reader = new CaptureReader(
    (p) => flows.observe(p),
    (e) => out.push(['event', e]),
  );
  const pieces: Uint8Array[] = [];
  if (Array.isArray(file)) pieces.push(...file);
  else for (let at = 0; at < file.length; at += block) pieces.push(file.subarray(at, at + block));
  const shared = new Uint8Array(Math.max(block, ...pieces.map((p) => p.length)));
  const drain = () => {
    const apps = flows.apps!;
    out.push(['apps', apps.dns, apps.http, apps.ssl, apps.x509, apps.ssh, apps.dhcp]);
    out.push(JSON.parse(JSON.stringify(out.pop())));
    apps.discardLogs();
  };
  for (const piece of pieces) {
    if (reuse) {
      shared.set(piece);
      reader.push(shared.subarray(0, piece.length));
      shared.fill(0xa5);
    } else reader.push(piece.slice());
    drain();
  }
  reader.end();
  flows.finish();
  drain();
  return JSON.stringify(out, (_k, v) => (v instanceof Uint32Array ? [...v] : v));
}

describe('the per-packet path keeps no view of the bytes it was given', () => {
  it('held, out-of-order, retransmitted and unacknowledged bytes (one record per push)', () => {
    const records = httpRecords();
    const result = run(records, 0, true);
    expect(result).toBe(run(records, 0, false));
    expect(result).toContain('rexmit_inconsistency');
    expect(result).toContain('/index.html');
  });

  for (const trace of TRACES) {
    const path = corpusPath(trace);
    it.skipIf(path === undefined)(trace, () => {
      const file = new Uint8Array(readFileSync(path!));
      // An odd block size: records straddle blocks at every offset.
      for (const block of [4093, 65_537]) {
        expect(run(file, block, true)).toBe(run(file, block, false));
      }
    });
  }
});
