/**
 * A real sender on loopback: util-linux `logger` sends RFC 3164 and RFC 5424 messages (structured
 * data, MSGID) over UDP and over TCP, non-transparent and octet-counted (RFC 6587), to
 * netscry's syslog listener; every message must arrive, parsed, with its security event
 * extracted. Bounded: a fixed number of `logger` runs, each under a timeout.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LiveCollector } from '../../../src/coordinator/live.js';
import type { ProtocolEvent } from '../../../src/ingest/pcap/packet.js';
import { requireTools } from '../../helpers/tools.js';

const run = promisify(execFile);
const LOGGER = requireTools([['logger', 'bsdutils (util-linux)']], 'syslog loopback tests with logger');

interface Sent {
  readonly transport: 'udp' | 'tcp';
  readonly format: '3164' | '5424';
  readonly octets: boolean;
  readonly tag: string;
  readonly message: string;
  readonly extra: readonly string[];
}

function plan(): Sent[] {
  const sent: Sent[] = [];
  let n = 0;
  for (const transport of ['udp', 'tcp'] as const) {
    for (const format of ['3164', '5424'] as const) {
      for (const octets of transport === 'tcp' ? [false, true] : [false]) {
        for (let k = 0; k < 5; k++) {
          const id = `${transport}-${format}-${octets ? 'oc' : 'nt'}-${k}`;
          sent.push({
            transport,
            format,
            octets,
            tag: 'app',
            message: `netscry loopback message ${id} ünïcode`,
            extra:
              format === '5424'
                ? ['--msgid', `M${n}`, '--sd-id', 'test@32473', '--sd-param', `seq="${n}"`]
                : [],
          });
          n++;
        }
        // A security event the extractor knows, per transport and format.
        sent.push({
          transport,
          format,
          octets,
          tag: 'sshd',
          message: `Failed password for invalid user admin${n} from 10.9.8.${n % 250} port ${40000 + n} ssh2`,
          extra: [],
        });
        n++;
      }
    }
  }
  return sent;
}

describe.skipIf(!LOGGER)('logger → netscry syslog listener on loopback', () => {
  it('receives every RFC 3164 and RFC 5424 message over UDP and TCP (both framings), parsed', async () => {
    const collector = new LiveCollector({
      listeners: [
        { kind: 'syslog', transport: 'udp', host: '127.0.0.1', port: 0 },
        { kind: 'syslog', transport: 'tcp', host: '127.0.0.1', port: 0 },
      ],
      flushMs: 50,
    });
    await collector.start();
    const [udp, tcp] = collector.addresses;
    const events: ProtocolEvent[] = [];
    let text = '';
    const reading = (async () => {
      for await (const block of collector.blocks((e) => events.push(e)))
        text += Buffer.from(block).toString();
    })();
    const sent = plan();
    for (const s of sent) {
      await run(
        'logger',
        [
          '--server',
          '127.0.0.1',
          '--port',
          String(s.transport === 'udp' ? udp!.port : tcp!.port),
          s.transport === 'udp' ? '--udp' : '--tcp',
          s.format === '3164' ? '--rfc3164' : '--rfc5424',
          ...(s.octets ? ['--octet-count'] : []),
          '-t',
          s.tag,
          '-p',
          'auth.notice',
          ...s.extra,
          s.message,
        ],
        { timeout: 5000 },
      );
    }
    // UDP has no acknowledgement: wait until everything arrived (bounded), then stop.
    for (let waited = 0; collector.stats.syslogMessages < sent.length && waited < 5000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    collector.stop();
    await reading;

    const records = text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => `${e.name}: ${e.detail}`)).toEqual([]);
    expect(records).toHaveLength(sent.length);
    for (const s of sent) {
      if (s.tag === 'sshd') {
        const user = /user (\S+)/.exec(s.message)![1];
        const r = records.find((x) => x._path === 'auth' && x.user === user);
        expect(r, s.message).toMatchObject({
          service: 'sshd',
          action: 'login',
          success: false,
          invalid_user: true,
          method: 'password',
          'id.orig_h': /from (\S+)/.exec(s.message)![1],
          'id.orig_p': Number(/port (\d+)/.exec(s.message)![1]),
          'id.resp_h': '127.0.0.1',
        });
        continue;
      }
      const r = records.find((x) => x.message === s.message);
      expect(r, `${s.transport} ${s.format} ${s.octets ? 'octet-counted' : ''}: ${s.message}`).toBeDefined();
      expect(r).toMatchObject({
        _path: 'syslog',
        format: s.format,
        app: s.tag,
        facility: 'AUTH',
        severity: 'NOTICE',
        'id.orig_h': '127.0.0.1',
        proto: s.transport,
      });
      expect(Number.isFinite(r!.ts)).toBe(true);
      if (s.format === '5424') {
        expect(r!.msgid).toBe(s.extra[1]);
        expect(r!.structured_data).toMatchObject({ 'test@32473': { seq: s.extra[5]!.slice(5, -1) } });
      }
    }
    expect(collector.stats.dropped).toBe(0);
  }, 60_000);
});
