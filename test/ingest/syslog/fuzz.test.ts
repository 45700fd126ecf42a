/**
 * Property tests: random bytes and mutated corpus lines never throw and only yield events with
 * known codes; the framer keeps framing valid input after garbage.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractSecurityEvent,
  parseSyslog,
  SyslogEventCode,
  SyslogFramer,
} from '../../../src/ingest/syslog/index.js';
import { corpusPath } from '../../helpers/corpus.js';
import { readLines } from './helpers.js';

const CODES = new Set<string>(Object.values(SyslogEventCode));
const OPENSSH = corpusPath('syslog', 'loghub', 'OpenSSH_OpenSSH_2k.log');
const LINUX = corpusPath('syslog', 'loghub', 'Linux_Linux_2k.log');

const SAMPLES: Uint8Array[] = [
  ...(OPENSSH ? readLines(OPENSSH).slice(0, 300) : []),
  ...(LINUX ? readLines(LINUX).slice(0, 300) : []),
  ...[
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] msg',
    "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
    'Jan  1 00:00:00 gw kernel: [UFW BLOCK] IN=wlan0 OUT= SRC=10.0.0.5 DST=10.0.0.255 LEN=78 PROTO=UDP SPT=137 DPT=137',
    'rule 1/0(match): block in on em0: 1.2.3.4.5555 > 5.6.7.8.22: S 1:1(0) win 512',
    'Jan  1 00:00:00 r dnsmasq-dhcp[99]: DHCPACK(eth0) 192.168.1.5 aa:bb:cc:dd:ee:ff laptop',
    'Jan  1 00:00:00 s dhcpd[5]: DHCPREQUEST for 10.0.0.5 (10.0.0.1) from aa:bb:cc:dd:ee:ff (h) via eth0',
    'Mar  1 00:00:01 h sudo: bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh',
  ].map((s) => new TextEncoder().encode(s)),
];

const LIMITS = { maxMessageBytes: 512, maxSdElements: 4, maxSdParams: 8 };

function check(line: Uint8Array | string): void {
  const { record, events } = parseSyslog(line, { source: 'fuzz', year: 2024, limits: LIMITS });
  for (const e of events) {
    expect(CODES.has(e.code)).toBe(true);
    expect(e.source).toBe('fuzz');
    expect(Number.isInteger(e.offset)).toBe(true);
  }
  expect(record.message.length).toBeLessThanOrEqual(LIMITS.maxMessageBytes);
  expect(record.structuredData.length).toBeLessThanOrEqual(LIMITS.maxSdElements);
  if (record.facility !== null) expect(record.facility).toBeLessThanOrEqual(23);
  const ev = extractSecurityEvent(record);
  expect(ev.header).toBe(record);
}

/** A corpus line with byte flips, insertions, deletions and cuts. */
const mutated = fc
  .record({
    base: fc.constantFrom(...SAMPLES),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.integer({ min: 0, max: 3 }),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ base, edits }) => {
    const b = [...base];
    for (const { at, kind, byte } of edits) {
      const i = b.length === 0 ? 0 : at % b.length;
      if (kind === 0) b[i] = byte;
      else if (kind === 1) b.splice(i, 0, byte);
      else if (kind === 2) b.splice(i, 1);
      else b.length = i;
    }
    return new Uint8Array(b);
  });

describe('parseSyslog never throws', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1024 }), check), { numRuns: 3000 });
  });
  it('random syslog-ish strings', () => {
    const alphabet = fc.constantFrom(...'<>0123456789 -:[]="\\TZ.+JanOct\u{FEFF}\r\n\0aé'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }), (cs) => check(cs.join(''))),
      { numRuns: 3000 },
    );
  });
  it('mutated corpus lines (bytes and strings)', () => {
    fc.assert(
      fc.property(mutated, (b) => {
        check(b);
        check(new TextDecoder().decode(b));
      }),
      { numRuns: 5000 },
    );
  });
});

/** Valid frames of both methods for a list of messages. */
function octetStream(msgs: string[]): Uint8Array {
  return new TextEncoder().encode(msgs.map((m) => `${new TextEncoder().encode(m).length} ${m}`).join(''));
}

describe('SyslogFramer', () => {
  const messages = fc.array(
    fc.string({ minLength: 1, maxLength: 80 }).map((s) => `<13>${s.replace(/[\n\0\r]/g, '.')}`),
    { minLength: 1, maxLength: 10 },
  );

  it('garbage in random pushes: no exceptions; after end() a new stream frames exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }),
        messages,
        fc.boolean(),
        (garbage, msgs, octet) => {
          const framer = new SyslogFramer({ source: 'fuzz', maxFrameBytes: 128 });
          for (const g of garbage) {
            const out = framer.push(g);
            for (const e of out.events) expect(CODES.has(e.code)).toBe(true);
            for (const m of out.messages) expect(m.bytes.length).toBeLessThanOrEqual(128);
          }
          framer.end();
          const input = octet
            ? octetStream(msgs)
            : new TextEncoder().encode(msgs.map((m) => `${m}\n`).join(''));
          const got = [...framer.push(input).messages, ...framer.end().messages].map((m) =>
            new TextDecoder().decode(m.bytes),
          );
          expect(got).toEqual(msgs);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('non-transparent: after garbage and a LF, the following lines frame exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), messages, fc.nat(), (garbage, msgs, cut) => {
        const framer = new SyslogFramer({ source: 'fuzz', maxFrameBytes: 128 });
        framer.method = 'non-transparent';
        framer.push(garbage);
        framer.push(new Uint8Array([10]));
        const input = new TextEncoder().encode(msgs.map((m) => `${m}\r\n`).join(''));
        const at = cut % (input.length + 1);
        const got = [
          ...framer.push(input.subarray(0, at)).messages,
          ...framer.push(input.subarray(at)).messages,
        ];
        expect(got.map((m) => new TextDecoder().decode(m.bytes))).toEqual(msgs);
      }),
      { numRuns: 1000 },
    );
  });
});
