/**
 * The live collectors under hostile and heavy input, on loopback: garbage datagrams and streams
 * give events and leave the listeners working; a frame over the limit is skipped; when the
 * pipeline falls behind, UDP datagrams are dropped and reported and TCP senders wait.
 */
import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveCollector, listenUrl, parseListenUrl } from '../../src/coordinator/live.js';
import type { ProtocolEvent } from '../../src/ingest/pcap/packet.js';
import { NetscryError } from '../../src/shared/errors.js';
import { v5 } from '../ingest/netflow/build.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 3000): Promise<void> {
  for (let waited = 0; !check() && waited < ms; waited += 10) await sleep(10);
}

function udpSend(port: number, datagrams: readonly Uint8Array[]): Promise<void> {
  const s = createSocket('udp4');
  let left = datagrams.length;
  return new Promise((resolve) => {
    if (left === 0) resolve();
    for (const d of datagrams) {
      s.send(d, port, '127.0.0.1', () => {
        if (--left === 0) {
          s.close();
          resolve();
        }
      });
    }
  });
}

async function tcpOpen(port: number): Promise<Socket> {
  const c = connect(port, '127.0.0.1');
  await new Promise<void>((r) => c.once('connect', () => r()));
  return c;
}

const flow = {
  src: '10.1.1.1',
  dst: '192.0.2.80',
  srcPort: 4000,
  dstPort: 80,
  proto: 6,
  packets: 1,
  bytes: 60,
  first: 1,
  last: 2,
};

describe('listen URLs', () => {
  it('takes udp:// and tcp:// with IPv4, names and bracketed IPv6, and refuses the rest', () => {
    expect(parseListenUrl('netflow', 'udp://127.0.0.1:2055')).toEqual({
      kind: 'netflow',
      transport: 'udp',
      host: '127.0.0.1',
      port: 2055,
    });
    const v6 = parseListenUrl('syslog', 'tcp://[::1]:5514');
    expect(v6).toMatchObject({ host: '::1', port: 5514 });
    expect(listenUrl(v6)).toBe('tcp://[::1]:5514');
    for (const bad of ['127.0.0.1:2055', 'http://x:1', 'udp://x:70000', 'udp://:5', 'udp://x']) {
      expect(() => parseListenUrl('netflow', bad)).toThrow(NetscryError);
    }
  });

  it('reports a port it cannot bind as a usage error and leaves nothing open', async () => {
    const a = new LiveCollector({ listeners: [parseListenUrl('syslog', 'tcp://127.0.0.1:0')] });
    await a.start();
    const taken = a.addresses[0]!.port;
    const b = new LiveCollector({
      listeners: [
        parseListenUrl('netflow', 'udp://127.0.0.1:0'),
        parseListenUrl('syslog', `tcp://127.0.0.1:${taken}`),
      ],
    });
    await expect(b.start()).rejects.toThrow(/cannot listen/);
    a.stop();
  });
});

describe('live collector', () => {
  it('turns hostile datagrams and streams into events and keeps decoding afterwards', async () => {
    const c = new LiveCollector({
      listeners: [
        { kind: 'netflow', transport: 'udp', host: '127.0.0.1', port: 0 },
        { kind: 'netflow', transport: 'tcp', host: '127.0.0.1', port: 0 },
        { kind: 'syslog', transport: 'tcp', host: '127.0.0.1', port: 0 },
      ],
      flushMs: 20,
      maxFrameBytes: 1024,
    });
    await c.start();
    const [nfUdp, nfTcp, slTcp] = c.addresses;
    const events: ProtocolEvent[] = [];
    let text = '';
    const reading = (async () => {
      for await (const b of c.blocks((e) => events.push(e))) text += Buffer.from(b).toString();
    })();
    const garbage = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 1500 }), { numRuns: 200, seed: 7 });
    await udpSend(nfUdp!.port, garbage);
    const t1 = await tcpOpen(nfTcp!.port);
    t1.end(Buffer.concat(garbage.slice(0, 50)));
    const t2 = await tcpOpen(slTcp!.port);
    // An octet-counted frame over the limit, then a good one: the first is skipped, the second kept.
    const big = `<13>1 - h app - - - ${'x'.repeat(4000)}`;
    const good = '<13>1 2024-01-01T00:00:00Z h app - - - still listening';
    t2.end(`${Buffer.byteLength(big)} ${big}${Buffer.byteLength(good)} ${good}`);
    // And the decoders still work.
    await udpSend(nfUdp!.port, [v5({ seq: 0, uptime: 10, secs: 1_700_000_000 }, [flow])]);
    await until(() => text.includes('still listening') && text.includes('"id.resp_p":80'));
    c.stop();
    await reading;
    expect(text).toContain('still listening');
    expect(text).not.toContain('xxxx');
    expect(events.some((e) => e.name.startsWith('netflow_'))).toBe(true);
    expect(events.some((e) => e.name === 'syslog_frame_too_long')).toBe(true);
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('drops and reports UDP datagrams while the pipeline is behind, and pauses TCP senders', async () => {
    const c = new LiveCollector({
      listeners: [
        { kind: 'netflow', transport: 'udp', host: '127.0.0.1', port: 0 },
        { kind: 'syslog', transport: 'tcp', host: '127.0.0.1', port: 0 },
      ],
      maxPendingBytes: 4096,
      blockBytes: 1 << 30,
      flushMs: 60_000,
    });
    await c.start();
    const [nf, sl] = c.addresses;
    // Nobody reads blocks yet: the first datagrams fill the 4 KiB allowance, the rest are dropped.
    const grams = Array.from({ length: 40 }, (_, i) =>
      v5(
        { seq: i * 10, uptime: 10, secs: 1_700_000_000 },
        Array.from({ length: 10 }, () => flow),
      ),
    );
    await udpSend(nf!.port, grams);
    await until(() => c.stats.datagrams === grams.length);
    expect(c.stats.dropped).toBeGreaterThan(0);
    expect(c.stats.dropped).toBeLessThan(grams.length);
    const tcp = await tcpOpen(sl!.port);
    tcp.write('<13>1 2024-01-01T00:00:00Z h app - - - waits\n');
    const events: ProtocolEvent[] = [];
    let text = '';
    const reading = (async () => {
      for await (const b of c.blocks((e) => events.push(e))) text += Buffer.from(b).toString();
    })();
    c.stop();
    await reading;
    tcp.destroy();
    expect(events.filter((e) => e.name === 'live_dropped')).toHaveLength(c.stats.dropped);
    // What was taken arrived whole; export loss shows the drops as sequence gaps too.
    expect(c.stats.records).toBe((grams.length - c.stats.dropped) * 10);
    expect(text.trim().split('\n')).toHaveLength(c.stats.records);
  });
});
