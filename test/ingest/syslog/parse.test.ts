import { describe, expect, it } from 'vitest';
import { parseSyslog, type SyslogContext, SyslogEventCode } from '../../../src/ingest/syslog/index.js';

const CTX: SyslogContext = { source: 'test', year: 2003 };
const BOM = '\uFEFF';
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number): number =>
  Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

describe('RFC 5424 §6.5 examples', () => {
  it('example 1: no STRUCTURED-DATA, BOM before MSG', () => {
    const line = `<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ${BOM}'su root' failed for lonvick on /dev/pts/8`;
    const bytes = new TextEncoder().encode(line);
    const { record, events } = parseSyslog(bytes, CTX);
    expect(events).toEqual([]);
    expect(record).toMatchObject({
      format: '5424',
      facility: 4,
      severity: 2,
      hostname: 'mymachine.example.com',
      app: 'su',
      procid: null,
      msgid: 'ID47',
      structuredData: [],
      message: "'su root' failed for lonvick on /dev/pts/8",
      bom: true,
      truncated: false,
    });
    expect(record.ts).toBeCloseTo(utc(2003, 10, 11, 22, 14, 15) + 0.003, 6);
  });

  it('example 2: microseconds and a -07:00 offset, no MSGID', () => {
    const { record, events } = parseSyslog(
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
      CTX,
    );
    expect(events).toEqual([]);
    expect(record).toMatchObject({
      facility: 20,
      severity: 5,
      hostname: '192.0.2.1',
      app: 'myproc',
      procid: '8710',
      msgid: null,
      structuredData: [],
      message: "%% It's time to make the do-nuts.",
      bom: false,
    });
    expect(record.ts).toBeCloseTo(utc(2003, 8, 24, 12, 14, 15) + 0.000003, 6);
  });

  it('example 3: one SD element and a BOM message', () => {
    const line = `<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] ${BOM}An application event log entry...`;
    const { record, events } = parseSyslog(line, CTX);
    expect(events).toEqual([]);
    expect(record.structuredData).toEqual([
      {
        id: 'exampleSDID@32473',
        params: [
          { name: 'iut', value: '3' },
          { name: 'eventSource', value: 'Application' },
          { name: 'eventID', value: '1011' },
        ],
      },
    ]);
    expect(record.message).toBe('An application event log entry...');
    expect(record.bom).toBe(true);
  });

  it('example 4: two SD elements, no MSG', () => {
    const line =
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]';
    const { record, events } = parseSyslog(line, CTX);
    expect(events).toEqual([]);
    expect(record.structuredData.map((e) => e.id)).toEqual(['exampleSDID@32473', 'examplePriority@32473']);
    expect(record.structuredData[1]!.params).toEqual([{ name: 'class', value: 'high' }]);
    expect(record.message).toBe('');
  });
});

describe('RFC 5424 details', () => {
  it('all NILVALUEs', () => {
    const { record, events } = parseSyslog('<13>1 - - - - - -', CTX);
    expect(events).toEqual([]);
    expect(record).toMatchObject({
      format: '5424',
      hostname: null,
      app: null,
      procid: null,
      msgid: null,
      message: '',
    });
    expect(Number.isNaN(record.ts)).toBe(true);
  });

  it('SD escapes \\" \\\\ \\] are undone, other backslashes kept', () => {
    const { record, events } = parseSyslog(
      '<13>1 - h a - - [x@1 a="q\\"uote" b="back\\\\slash" c="br\\]acket" d="keep\\n"] m',
      CTX,
    );
    expect(events).toEqual([]);
    expect(record.structuredData[0]!.params).toEqual([
      { name: 'a', value: 'q"uote' },
      { name: 'b', value: 'back\\slash' },
      { name: 'c', value: 'br]acket' },
      { name: 'd', value: 'keep\\n' },
    ]);
    expect(record.message).toBe('m');
  });

  it('malformed SD: an event, the rest kept as message', () => {
    const { record, events } = parseSyslog('<13>1 - h a - - [x@1 a="unterminated] m', CTX);
    expect(events.map((e) => e.code)).toEqual([SyslogEventCode.BadStructuredData]);
    expect(record.message).toBe('[x@1 a="unterminated] m');
  });

  it('SD limits drop the extra elements with one event', () => {
    const sd = Array.from({ length: 5 }, (_, k) => `[e${k} p="${k}"]`).join('');
    const { record, events } = parseSyslog(`<13>1 - h a - - ${sd} m`, {
      source: 't',
      limits: { maxMessageBytes: 65536, maxSdElements: 3, maxSdParams: 2 },
    });
    expect(record.structuredData.map((e) => e.id)).toEqual(['e0', 'e1', 'e2']);
    expect(record.structuredData[2]!.params).toEqual([]);
    expect(events.map((e) => e.code)).toEqual([SyslogEventCode.StructuredDataLimit]);
    expect(record.message).toBe('m');
  });

  it('a bad timestamp is an event and NaN', () => {
    const { record, events } = parseSyslog('<13>1 2003-13-11T22:14:15Z h a - - - m', {
      source: 's',
      offset: 100,
    });
    expect(Number.isNaN(record.ts)).toBe(true);
    expect(events[0]).toMatchObject({ code: SyslogEventCode.BadTimestamp, source: 's', offset: 106 });
    expect(record.message).toBe('m');
  });
});

describe('RFC 3164 and variants', () => {
  it('RFC 3164 §5.4 example 1', () => {
    const { record, events } = parseSyslog(
      "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
      CTX,
    );
    expect(events).toEqual([]);
    expect(record).toMatchObject({
      format: '3164',
      facility: 4,
      severity: 2,
      hostname: 'mymachine',
      app: 'su',
      procid: null,
      message: "'su root' failed for lonvick on /dev/pts/8",
    });
    expect(record.ts).toBe(utc(2003, 10, 11, 22, 14, 15));
  });

  it('RFC 3164 §5.4 example 2: space-padded day, IP as host, no tag', () => {
    const { record } = parseSyslog('<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!', CTX);
    expect(record).toMatchObject({ hostname: '10.0.0.99', app: null, message: 'Use the BFG!' });
    expect(record.ts).toBe(utc(2003, 2, 5, 17, 32, 18));
  });

  it('RFC 3164 §5.4 example 4: no valid TIMESTAMP → everything is MSG', () => {
    const line =
      "<0>1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!";
    const { record, events } = parseSyslog(line, CTX);
    expect(events).toEqual([]);
    expect(record).toMatchObject({ format: '3164', facility: 0, severity: 0, hostname: null, app: null });
    expect(record.message).toBe(line.slice(3));
  });

  it('TAG[PID]:, ISO timestamp in BSD framing', () => {
    const { record } = parseSyslog(
      '<30>2024-01-02T03:04:05.25+01:00 fw01 sshd[812]: Accepted publickey',
      CTX,
    );
    expect(record).toMatchObject({
      format: '3164',
      hostname: 'fw01',
      app: 'sshd',
      procid: '812',
      message: 'Accepted publickey',
    });
    expect(record.ts).toBe(utc(2024, 1, 2, 2, 4, 5) + 0.25);
  });

  it('missing hostname', () => {
    const { record } = parseSyslog('<86>Mar  1 00:00:01 sudo[5]:  alice : TTY=pts/0 ; COMMAND=/bin/ls', CTX);
    expect(record).toMatchObject({
      hostname: null,
      app: 'sudo',
      procid: '5',
      message: ' alice : TTY=pts/0 ; COMMAND=/bin/ls',
    });
  });

  it('no PRI: a plain log-file line (loghub), CRLF stripped', () => {
    const { record } = parseSyslog(
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown\r\n',
      {
        source: 'f',
        year: 2005,
      },
    );
    expect(record).toMatchObject({
      format: 'plain',
      facility: null,
      severity: null,
      hostname: 'combo',
      app: 'sshd(pam_unix)',
      procid: '19939',
      message: 'check pass; user unknown',
    });
    expect(record.ts).toBe(utc(2005, 6, 14, 15, 16, 1));
  });

  it('year rollover from referenceTs; UTC offset of zone-less times', () => {
    const ref = utc(2027, 1, 2, 0, 0, 0);
    expect(parseSyslog('Dec 31 23:00:00 h a: m', { source: 's', referenceTs: ref }).record.ts).toBe(
      utc(2026, 12, 31, 23, 0, 0),
    );
    expect(parseSyslog('Jan  1 23:00:00 h a: m', { source: 's', referenceTs: ref }).record.ts).toBe(
      utc(2027, 1, 1, 23, 0, 0),
    );
    expect(
      parseSyslog('Jan  1 02:00:00 h a: m', { source: 's', year: 2027, utcOffsetMinutes: 120 }).record.ts,
    ).toBe(utc(2027, 1, 1, 0, 0, 0));
  });

  it('a line without any header is all message', () => {
    const { record, events } = parseSyslog('just some text: here', CTX);
    expect(events).toEqual([]);
    expect(record).toMatchObject({
      format: 'plain',
      hostname: null,
      app: null,
      message: 'just some text: here',
    });
  });
});

describe('bad input is events', () => {
  it('bad PRI is kept as text', () => {
    const { record, events } = parseSyslog('<999>Oct 11 22:14:15 h a: m', CTX);
    expect(events.map((e) => e.code)).toEqual([SyslogEventCode.BadPri]);
    expect(record.facility).toBeNull();
    expect(record.message).toBe('<999>Oct 11 22:14:15 h a: m');
  });

  it('invalid UTF-8 is replaced and reported', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<13>Oct 11 22:14:15 h a: x'),
      0xff,
      0xc3,
      0x41,
    ]);
    const { record, events } = parseSyslog(bytes, CTX);
    expect(events.map((e) => e.code)).toEqual([SyslogEventCode.InvalidUtf8]);
    expect(record.message).toBe('x\uFFFD\uFFFDA');
  });

  it('oversized lines are cut at the limit, on a character boundary', () => {
    const limits = { maxMessageBytes: 40, maxSdElements: 8, maxSdParams: 8 };
    const long = `<13>Oct 11 22:14:15 h a: ${'é'.repeat(40)}`;
    const fromBytes = parseSyslog(new TextEncoder().encode(long), { source: 's', limits });
    expect(fromBytes.events.map((e) => e.code)).toEqual([SyslogEventCode.MessageTooLong]);
    expect(fromBytes.record.truncated).toBe(true);
    expect(fromBytes.record.message).toBe('é'.repeat(7));
    const fromString = parseSyslog(long, { source: 's', limits });
    expect(fromString.record.truncated).toBe(true);
    expect(fromString.record.message.length).toBe(40 - 25);
  });
});
