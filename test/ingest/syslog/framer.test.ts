import { describe, expect, it } from 'vitest';
import { type FramerOutput, SyslogEventCode, SyslogFramer } from '../../../src/ingest/syslog/index.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Feeds `input` cut at `cuts`, then ends; returns messages (text, offset) and event codes. */
function run(input: string, cuts: number[] = [], maxFrameBytes?: number) {
  const framer = new SyslogFramer({ source: 'tcp', ...(maxFrameBytes ? { maxFrameBytes } : {}) });
  const bytes = enc(input);
  const outs: FramerOutput[] = [];
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    outs.push(framer.push(bytes.subarray(prev, c)));
    prev = c;
  }
  const method = framer.method;
  outs.push(framer.end());
  expect(framer.method).toBeUndefined();
  return {
    method,
    messages: outs.flatMap((o) => o.messages.map((m) => [dec(m.bytes), m.offset] as const)),
    events: outs.flatMap((o) => o.events.map((e) => [e.code, e.offset] as const)),
  };
}

describe('octet-counting', () => {
  const a = '<13>1 - h a - - - one';
  const b = '<13>1 - h a - - - two\nwith LF inside';
  const stream = `${enc(a).length} ${a}${enc(b).length} ${b}`;

  it('frames, LF inside a message kept', () => {
    const r = run(stream);
    expect(r.method).toBe('octet-counting');
    expect(r.messages).toEqual([
      [a, 3],
      [b, 3 + a.length + 3],
    ]);
    expect(r.events).toEqual([]);
  });

  it('same frames for every split into two and three pushes', () => {
    const whole = run(stream).messages;
    for (let i = 0; i <= stream.length; i++) {
      expect(run(stream, [i]).messages).toEqual(whole);
      expect(run(stream, [i, Math.min(stream.length, i + 7)]).messages).toEqual(whole);
    }
  });

  it('an oversized frame is skipped and framing resumes after it', () => {
    const big = 'x'.repeat(100);
    const r = run(`5 hello100 ${big}5 world`, [12, 50], 64);
    expect(r.messages.map((m) => m[0])).toEqual(['hello', 'world']);
    expect(r.events).toEqual([[SyslogEventCode.FrameTooLong, 7]]);
  });

  it('a malformed length resyncs at the next LF; a cut frame at the end is an event', () => {
    const r = run('5 hello5Xjunk\n3 abc9 cut');
    expect(r.messages.map((m) => m[0])).toEqual(['hello', 'abc']);
    expect(r.events.map((e) => e[0])).toEqual([
      SyslogEventCode.BadFrameLength,
      SyslogEventCode.TruncatedFrame,
    ]);
  });
});

describe('non-transparent', () => {
  it('LF, CRLF and NUL trailers; blank lines skipped; last unterminated message delivered at end', () => {
    const r = run('<13>one\n<13>two\r\n<13>three\0\n<13>four');
    expect(r.method).toBe('non-transparent');
    expect(r.messages).toEqual([
      ['<13>one', 0],
      ['<13>two', 8],
      ['<13>three', 17],
      ['<13>four', 28],
    ]);
  });

  it('same frames for every split', () => {
    const s = '<13>one\n<13>two\r\n<13>three\0<13>four\n';
    const whole = run(s).messages;
    for (let i = 0; i <= s.length; i++) expect(run(s, [i]).messages).toEqual(whole);
  });

  it('an oversized frame is skipped without buffering, then framing resumes', () => {
    const big = `<13>${'y'.repeat(200)}`;
    const r = run(`<13>a\n${big}\n<13>b\n`, [10, 60, 120], 64);
    expect(r.messages.map((m) => m[0])).toEqual(['<13>a', '<13>b']);
    expect(r.events.map((e) => e[0])).toEqual([SyslogEventCode.FrameTooLong]);
  });

  it('plain log lines (no PRI) frame as lines', () => {
    const r = run('Jun 14 15:16:01 combo sshd[1]: x\r\nJun 14 15:16:02 combo sshd[1]: y\r\n');
    expect(r.messages.map((m) => m[0])).toEqual([
      'Jun 14 15:16:01 combo sshd[1]: x',
      'Jun 14 15:16:02 combo sshd[1]: y',
    ]);
  });
});
