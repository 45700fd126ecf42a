import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DatagramSplitter,
  NetflowConnConverter,
  splitDatagrams,
  tcpConnState,
  tcpFlagsText,
} from '../../../src/ingest/netflow/conn.js';
import { BiflowStitcher, stitchBiflows } from '../../../src/ingest/netflow/stitch.js';
import type { FlowRecord } from '../../../src/ingest/netflow/types.js';
import { BASIC_FIELDS, basicRecord, concat, ipfix, set, templateRecord, type V5Flow, v5 } from './build.js';

const EXP = '192.0.2.1:2055';
const FIN = 1;
const SYN = 2;
const RST = 4;
const ACK = 16;

const flow = (over: Partial<V5Flow> = {}): V5Flow => ({
  src: '10.1.1.1',
  dst: '192.0.2.80',
  srcPort: 40000,
  dstPort: 443,
  proto: 6,
  packets: 10,
  bytes: 1500,
  first: 9000,
  last: 9500,
  tcpFlags: SYN | ACK | FIN,
  ...over,
});

const records = (lines: readonly string[]): Array<Record<string, unknown>> =>
  lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('conn records from flows', () => {
  it('writes a unidirectional flow as a Zeek conn record, reply unknown', () => {
    const c = new NetflowConnConverter();
    const r = c.push(v5({ seq: 0, uptime: 10_000, secs: 1_700_000_000 }, [flow()]), EXP, 1);
    expect(r.flows).toBe(1);
    const [rec] = records(r.lines);
    expect(rec).toEqual({
      _path: 'conn',
      ts: 1_699_999_999,
      uid: expect.stringMatching(/^C[0-9A-Za-z]{18}$/),
      'id.orig_h': '10.1.1.1',
      'id.orig_p': 40000,
      'id.resp_h': '192.0.2.80',
      'id.resp_p': 443,
      proto: 'tcp',
      duration: 0.5,
      orig_bytes: 1500,
      missed_bytes: 0,
      orig_pkts: 10,
      orig_ip_bytes: 1500,
      'netflow.exporter': EXP,
      'netflow.version': 5,
      'netflow.tcp_flags': '.A..SF',
      'netflow.input_if': 3,
      'netflow.output_if': 4,
      'netflow.src_as': 64512,
      'netflow.dst_as': 64513,
      'netflow.next_hop': '10.0.0.254',
    });
    // No conn_state, no responder counters: analyzers treat the outcome as unknown. Metadata
    // at its default (domain 0, no template, ToS 0, unsampled, not stitched) is left out.
    expect(rec).not.toHaveProperty('conn_state');
    expect(rec).not.toHaveProperty('resp_bytes');
  });

  it('gives every record its own uid, the same for the same input', () => {
    const run = (): string[] => {
      const c = new NetflowConnConverter();
      const d = v5({ seq: 0, uptime: 10_000, secs: 1_700_000_000 }, [flow(), flow(), flow({ srcPort: 1 })]);
      return records(c.push(d, EXP, 1).lines).map((r) => r.uid as string);
    };
    const a = run();
    expect(new Set(a).size).toBe(3);
    expect(run()).toEqual(a);
  });

  it('stitches the two directions and derives conn_state from both flag sets', () => {
    const c = new NetflowConnConverter({ stitch: true });
    const lines = [
      ...c.push(
        v5({ seq: 0, uptime: 10_000, secs: 1_700_000_000 }, [
          flow({ tcpFlags: SYN | ACK | FIN }),
          flow({
            src: '192.0.2.80',
            dst: '10.1.1.1',
            srcPort: 443,
            dstPort: 40000,
            packets: 8,
            bytes: 9000,
            first: 9010,
            last: 9490,
            tcpFlags: SYN | ACK | FIN,
          }),
          // A scan probe nobody answered.
          flow({
            dst: '192.0.2.81',
            dstPort: 22,
            packets: 1,
            bytes: 44,
            first: 9100,
            last: 9100,
            tcpFlags: SYN,
          }),
        ]),
        EXP,
        1,
      ).lines,
      ...c.end(),
    ];
    const recs = records(lines);
    expect(recs).toHaveLength(2);
    expect(recs[0]).toMatchObject({
      'id.orig_h': '10.1.1.1',
      'id.resp_h': '192.0.2.80',
      conn_state: 'SF',
      orig_pkts: 10,
      resp_pkts: 8,
      orig_bytes: 1500,
      resp_bytes: 9000,
      'netflow.resp_tcp_flags': '.A..SF',
      'netflow.stitched': true,
    });
    // Unpaired under stitching: taken as unanswered.
    expect(recs[1]).toMatchObject({
      'id.resp_h': '192.0.2.81',
      conn_state: 'S0',
      resp_pkts: 0,
      resp_bytes: 0,
    });
    expect(c.flows).toBe(3);
    expect(c.records).toBe(2);
  });

  it('maps TCP flags of both directions onto Zeek conn states', () => {
    expect(tcpConnState(ACK, SYN | ACK, 3)).toBe('OTH');
    expect(tcpConnState(SYN, 0, 0)).toBe('S0');
    expect(tcpConnState(SYN | RST, 0, 0)).toBe('RSTOS0');
    expect(tcpConnState(SYN, RST | ACK, 1)).toBe('REJ');
    expect(tcpConnState(SYN, ACK, 1)).toBe('OTH');
    expect(tcpConnState(SYN | ACK | RST, SYN | ACK, 2)).toBe('RSTO');
    expect(tcpConnState(SYN | ACK, SYN | ACK | RST, 2)).toBe('RSTR');
    expect(tcpConnState(SYN | ACK | FIN, SYN | ACK | FIN, 2)).toBe('SF');
    expect(tcpConnState(SYN | ACK | FIN, SYN | ACK, 2)).toBe('S2');
    expect(tcpConnState(SYN | ACK, SYN | ACK | FIN, 2)).toBe('S3');
    expect(tcpConnState(SYN | ACK, SYN | ACK, 2)).toBe('S1');
    expect(tcpFlagsText(0x3f)).toBe('UAPRSF');
    expect(tcpFlagsText(0)).toBe('......');
  });

  it('writes UDP replies as SF, ICMP as icmp with type and code, other protocols as unknown_transport', () => {
    const c = new NetflowConnConverter({ stitch: true });
    const d = v5({ seq: 0, uptime: 10_000, secs: 1_700_000_000 }, [
      flow({ proto: 17, srcPort: 5353, dstPort: 53, tcpFlags: 0 }),
      flow({ proto: 17, src: '192.0.2.80', dst: '10.1.1.1', srcPort: 53, dstPort: 5353, tcpFlags: 0 }),
      flow({ proto: 1, srcPort: 0, dstPort: 0x0800, tcpFlags: 0 }),
      flow({ proto: 47, srcPort: 0, dstPort: 0, tcpFlags: 0 }),
    ]);
    const recs = records([...c.push(d, EXP, 1).lines, ...c.end()]);
    expect(recs.map((r) => [r.proto, r.conn_state, r['id.orig_p'], r['id.resp_p']])).toEqual([
      ['udp', 'SF', 5353, 53],
      ['icmp', 'S0', 8, 0],
      ['unknown_transport', 'S0', 0, 0],
    ]);
    expect(recs[0]).not.toHaveProperty('netflow.tcp_flags');
  });

  it('rounds counters scaled by a fractional sampling rate and reports flows without addresses', () => {
    const c = new NetflowConnConverter();
    // IPFIX: sampling interval in the record, and a record with no address fields at all.
    const tpl = set(
      2,
      concat(
        templateRecord(256, [...BASIC_FIELDS]),
        templateRecord(257, [
          [2, 4],
          [1, 4],
        ]),
      ),
    );
    const data = set(256, basicRecord('10.0.0.1', '10.0.0.2', 1, 2, 17, 3, 100));
    const noAddr = set(257, new Uint8Array([0, 0, 0, 1, 0, 0, 0, 60]));
    const r = c.push(ipfix({ seq: 0, secs: 1000, domain: 1 }, [tpl, data, noAddr]), EXP, 1);
    expect(records(r.lines)).toHaveLength(1);
    expect(r.events.map((e) => e.code)).toEqual(['netflow_no_address']);
    for (const rec of records(r.lines)) {
      expect(Number.isInteger(rec.orig_bytes)).toBe(true);
      expect(Number.isInteger(rec.orig_pkts)).toBe(true);
    }
  });
});

describe('BiflowStitcher', () => {
  const f = (o: Partial<FlowRecord>): FlowRecord =>
    ({
      version: 10,
      exporter: 'e',
      domain: 0,
      templateId: 256,
      recordIndex: 0,
      ts: 0,
      duration: 0,
      srcAddr: '10.0.0.1',
      dstAddr: '10.0.0.2',
      srcPort: 1000,
      dstPort: 80,
      proto: 6,
      packets: 1,
      bytes: 40,
      revPackets: 0,
      revBytes: 0,
      tcpFlags: 0,
      tos: 0,
      inputIf: 0,
      outputIf: 0,
      srcAs: 0,
      dstAs: 0,
      srcMask: 0,
      dstMask: 0,
      nextHop: '',
      direction: -1,
      samplingRate: 1,
      extras: undefined,
      ...o,
    }) as FlowRecord;
  const mirror = (x: FlowRecord, o: Partial<FlowRecord> = {}): FlowRecord =>
    f({ ...x, srcAddr: x.dstAddr, dstAddr: x.srcAddr, srcPort: x.dstPort, dstPort: x.srcPort, ...o });

  it('pairs directions across pushes and releases in first-flow order', () => {
    const s = new BiflowStitcher({ windowSeconds: 60 });
    const a = f({ ts: 100, duration: 5 });
    const b = f({ srcPort: 1001, ts: 101 });
    expect(s.push([a, b])).toEqual([]);
    expect(s.waiting).toBe(2);
    // a's mirror arrives in a later datagram: a pairs, but b (earlier than nothing, later than a) waits.
    const out = s.push([mirror(a, { ts: 100.5, duration: 4 })]);
    expect(out.map((r) => [r.origPort, r.stitched])).toEqual([[1000, true]]);
    // b leaves unpaired once flows end more than the window after it.
    const later = s.push([f({ srcPort: 2000, ts: 500 })]);
    expect(later.map((r) => [r.origPort, r.stitched])).toEqual([[1001, false]]);
    expect(s.end().map((r) => r.origPort)).toEqual([2000]);
    expect(s.waiting).toBe(0);
  });

  it('bounds the flows waiting: the oldest leaves unpaired', () => {
    const s = new BiflowStitcher({ windowSeconds: 1e9, maxWaiting: 3 });
    const out = s.push([1, 2, 3, 4, 5].map((p) => f({ srcPort: p })));
    expect(out.map((r) => r.origPort)).toEqual([1, 2]);
    expect(s.waiting).toBe(3);
  });

  it('agrees with the whole-batch stitch on any order of flows (property)', () => {
    const arb = fc.array(
      fc.record({
        port: fc.integer({ min: 1, max: 4 }),
        ts: fc.integer({ min: 0, max: 20 }),
        rev: fc.boolean(),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 7 }), (specs, cut) => {
        const flows = specs.map((x) => {
          const base = f({ srcPort: 1000 + x.port, ts: x.ts, duration: 2 });
          return x.rev ? mirror(base) : base;
        });
        const s = new BiflowStitcher({ windowSeconds: Number.POSITIVE_INFINITY });
        const streamed = [];
        for (let i = 0; i < flows.length; i += cut) streamed.push(...s.push(flows.slice(i, i + cut)));
        streamed.push(...s.end());
        expect(streamed).toEqual(stitchBiflows(flows));
      }),
    );
  });
});

describe('DatagramSplitter', () => {
  it('splits IPFIX messages by length and v5 datagrams by count, whatever the block boundaries', () => {
    const a = ipfix({ seq: 0, secs: 1, domain: 1 }, [set(2, templateRecord(256, BASIC_FIELDS))]);
    const b = v5({ seq: 0, uptime: 1, secs: 1 }, [flow(), flow()]);
    const stream = concat(a, b, a);
    const whole = splitDatagrams(stream).map((d) => [d.offset, d.bytes.length]);
    expect(whole).toEqual([
      [0, a.length],
      [a.length, b.length],
      [a.length + b.length, a.length],
    ]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 6 }), (cuts) => {
        const s = new DatagramSplitter();
        const got: Array<[number, number]> = [];
        let at = 0;
        for (const cut of [...cuts].sort((x, y) => x - y)) {
          for (const d of s.push(stream.subarray(at, Math.max(at, cut))))
            got.push([d.offset, d.bytes.length]);
          at = Math.max(at, cut);
        }
        for (const d of s.push(stream.subarray(at))) got.push([d.offset, d.bytes.length]);
        for (const d of s.end()) got.push([d.offset, d.bytes.length]);
        expect(got).toEqual(whole);
      }),
    );
  });

  it('takes a v9 datagram (no length field) to the end of the stream, and never reads past it', () => {
    const s = new DatagramSplitter();
    expect(s.push(new Uint8Array([0, 9, 0, 1, 2, 3]))).toEqual([]);
    expect(s.end().map((d) => d.bytes.length)).toEqual([6]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const parts = splitDatagrams(bytes);
        expect(parts.reduce((n, d) => n + d.bytes.length, 0)).toBe(bytes.length);
      }),
    );
  });
});
