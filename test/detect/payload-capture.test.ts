/**
 * Payload statistics end to end: a synthetic capture with an ICMP tunnel, benign pings, random
 * bytes on port 80 and plain text on 443 (and their benign counterparts) analysed directly, and
 * through the conn.log `netscry extract` writes from it — the same findings either way.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../../src/coordinator/extract.js';
import { analyze } from '../../src/coordinator/pipeline.js';
import type { Finding } from '../../src/detect/finding.js';
import { findingsNdjson } from '../../src/report/output.js';
import {
  echoExchange,
  linuxPing,
  plainText,
  randomBytes,
  tcpTalk,
  WINDOWS_PING,
} from '../helpers/payload-captures.js';
import { buildPcap, EtherType, ethernet, icmp, ipv4, type PcapRecordSpec } from '../helpers/pcap.js';

const T0 = 1_700_000_000;
const TUNNEL_CLIENT = '10.9.0.5';
const TUNNEL_PROXY = '198.51.100.9';

function scenario(): PcapRecordSpec[] {
  const r: PcapRecordSpec[] = [];
  // ptunnel-like: requests and replies carry different (encrypted) data of varying sizes.
  echoExchange(
    {
      client: TUNNEL_CLIENT,
      server: TUNNEL_PROXY,
      t0: T0,
      count: 80,
      interval: 0.05,
      request: (k) => randomBytes(200 + ((k * 37) % 900), k + 1),
      reply: (k) => randomBytes(300 + ((k * 53) % 1200), 1000 + k),
    },
    r,
  );
  // Benign pings: Linux (56 bytes), Windows (32 bytes), a large Linux ping (1000 bytes of counting
  // pattern, constant size), each echoed back.
  echoExchange(
    { client: '10.9.0.6', server: '8.8.8.8', t0: T0, count: 120, request: (k) => linuxPing(k) },
    r,
  );
  echoExchange({ client: '10.9.0.7', server: '1.1.1.1', t0: T0, count: 120, request: () => WINDOWS_PING }, r);
  echoExchange(
    { client: '10.9.0.8', server: '9.9.9.9', t0: T0, count: 80, request: (k) => linuxPing(k, 1000) },
    r,
  );
  // Traceroute-like time-exceeded messages quoting random data: never tunnel evidence.
  for (let k = 0; k < 60; k++) {
    r.push({
      ts: T0 + k * 0.1,
      data: ethernet(
        EtherType.Ipv4,
        ipv4({ src: '192.0.2.1', dst: '10.9.0.9' }, icmp(11, 0, randomBytes(600, 5000 + k))),
      ),
    });
  }
  // Random bytes both ways on TCP 80, without an identified service.
  for (let k = 0; k < 3; k++) {
    tcpTalk(
      {
        client: '10.9.0.10',
        server: '203.0.113.80',
        clientPort: 41000 + k,
        serverPort: 80,
        t0: T0 + 10 + k,
        turns: [randomBytes(600, 77 + k), randomBytes(900, 88 + k)],
      },
      r,
    );
  }
  // Plain text both ways on TCP 443, no TLS.
  tcpTalk(
    {
      client: '10.9.0.11',
      server: '203.0.113.43',
      clientPort: 42000,
      serverPort: 443,
      t0: T0 + 20,
      turns: [plainText(300), plainText(500)],
    },
    r,
  );
  // Benign counterparts: HTTP on 80, random (TLS-like) bytes on 443, random bytes on 80 caught
  // mid-stream (no handshake: the sample is some middle of the stream).
  tcpTalk(
    {
      client: '10.9.0.12',
      server: '203.0.113.81',
      clientPort: 43000,
      serverPort: 80,
      t0: T0 + 30,
      turns: [
        new TextEncoder().encode(
          'GET /index.html HTTP/1.1\r\nHost: example.org\r\nUser-Agent: Mozilla/5.0\r\n\r\n',
        ),
        new TextEncoder().encode(`HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n${'x'.repeat(400)}`),
      ],
    },
    r,
  );
  tcpTalk(
    {
      client: '10.9.0.13',
      server: '203.0.113.44',
      clientPort: 44000,
      serverPort: 443,
      t0: T0 + 40,
      turns: [randomBytes(500, 99), randomBytes(2000, 100)],
    },
    r,
  );
  tcpTalk(
    {
      client: '10.9.0.14',
      server: '203.0.113.82',
      clientPort: 45000,
      serverPort: 80,
      t0: T0 + 50,
      midStream: true,
      turns: [randomBytes(600, 101), randomBytes(900, 102)],
    },
    r,
  );
  return r.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
}

let dir: string;
let capture: string;
let direct: Finding[];

const ours = (findings: readonly Finding[]) =>
  findings.filter(
    (f) =>
      f.detector === 'exfil.icmp-tunnel' ||
      f.detector === 'protocol.encrypted-on-plaintext-port' ||
      f.detector === 'protocol.plaintext-on-encrypted-port',
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netscry-payload-'));
  capture = join(dir, 'payload.pcap');
  await writeFile(capture, buildPcap(scenario()));
  direct = [...(await analyze({ inputs: [capture], actors: 0 })).findings];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('payload statistics on a capture', () => {
  it('finds the ICMP tunnel and nothing for pings or traceroute', () => {
    const icmp = direct.filter((f) => f.detector === 'exfil.icmp-tunnel');
    expect(icmp).toHaveLength(1);
    const f = icmp[0]!;
    expect(f.attack).toBe('T1095');
    expect(f.entities).toMatchObject({ src: TUNNEL_CLIENT, dst: TUNNEL_PROXY });
    expect(f.evidence.signals).toEqual(['large', 'asymmetric', 'varying', 'random', 'changing']);
    expect(f.evidence).toMatchObject({ captureStatistics: true, packets: 160, randomDirections: 2 });
    expect(f.severity).toBe('high');
  });

  it('finds random bytes on port 80 and text on 443, not HTTP, TLS-like bytes or a mid-stream start', () => {
    const random = direct.filter((f) => f.detector === 'protocol.encrypted-on-plaintext-port');
    expect(random.map((f) => [f.entities.dst, f.entities.port])).toEqual([['203.0.113.80', '80']]);
    expect(random[0]!.evidence).toMatchObject({ connections: 3, directions: 6, sampledBytes: 6 * 256 });
    expect(random[0]!.evidence.entropyMin as number).toBeGreaterThan(6.8);
    expect(random[0]!.attack).toBe('T1573');
    expect(random[0]!.severity).toBe('medium');
    const text = direct.filter((f) => f.detector === 'protocol.plaintext-on-encrypted-port');
    expect(text.map((f) => [f.entities.dst, f.entities.port])).toEqual([['203.0.113.43', '443']]);
    expect(text[0]!.evidence).toMatchObject({ connections: 1, printableMin: 1, printableMax: 1 });
    expect(text[0]!.attack).toBe('T1571');
    // Text on 443 is not also reported as a port mismatch (no service was identified).
    expect(
      direct.some((f) => f.detector === 'protocol.port-mismatch' && f.entities.dst === '203.0.113.43'),
    ).toBe(false);
  });

  it('gives the same findings from the conn.log extract writes (statistics columns included)', async () => {
    const out = join(dir, 'logs');
    await extractFiles({ inputs: [capture], out });
    const logs = readdirSync(out).filter((f) => f !== 'weird.log');
    const viaLogs = await analyze({ inputs: logs.map((f) => join(out, f)), actors: 0 });
    expect(ours(viaLogs.findings).length).toBe(3);
    expect(findingsNdjson(viaLogs.findings)).toBe(findingsNdjson(direct));
  });

  it('so does the conn.log of extract --format zeek-json (the fields read by name)', async () => {
    const out = join(dir, 'json');
    await extractFiles({ inputs: [capture], out, format: 'zeek-json' });
    const viaJson = await analyze({ inputs: [join(out, 'conn.json')], actors: 0 });
    expect(ours(viaJson.findings).map((f) => f.detector)).toEqual(ours(direct).map((f) => f.detector));
  });
});
