import { describe, expect, it } from 'vitest';
import { NetflowDecoder } from '../../../src/ingest/netflow/decode.js';
import { stitchBiflows } from '../../../src/ingest/netflow/stitch.js';
import { NetflowEventCode } from '../../../src/ingest/netflow/types.js';
import {
  BASIC_FIELDS,
  Bytes,
  basicRecord,
  concat,
  ipfix,
  ipfixOptionsTemplateRecord,
  set,
  templateRecord,
  v5,
  v9,
  v9OptionsTemplateRecord,
} from './build.js';

const EXP = '192.0.2.7';
const codes = (r: { events: Array<{ code: string }> }): string[] => r.events.map((e) => e.code);

describe('NetFlow v5', () => {
  const flow = {
    src: '10.1.1.1',
    dst: '192.0.2.80',
    srcPort: 40000,
    dstPort: 443,
    proto: 6,
    packets: 10,
    bytes: 1500,
    first: 9000,
    last: 9500,
    tcpFlags: 0x1b,
  };

  it('maps every field and converts sysUptime-relative times', () => {
    const d = new NetflowDecoder();
    const r = d.decode(
      v5({ seq: 100, uptime: 10_000, secs: 1_700_000_000, nsecs: 250_000_000 }, [flow]),
      EXP,
      1,
    );
    expect(r.events).toEqual([]);
    expect(r.flows).toHaveLength(1);
    const f = r.flows[0]!;
    expect(f).toMatchObject({
      version: 5,
      srcAddr: '10.1.1.1',
      dstAddr: '192.0.2.80',
      srcPort: 40000,
      dstPort: 443,
      proto: 6,
      packets: 10,
      bytes: 1500,
      tcpFlags: 0x1b,
      inputIf: 3,
      outputIf: 4,
      srcAs: 64512,
      dstAs: 64513,
      srcMask: 24,
      dstMask: 16,
      nextHop: '10.0.0.254',
      samplingRate: 1,
    });
    expect(f.ts).toBeCloseTo(1_700_000_000.25 - 1, 6);
    expect(f.duration).toBeCloseTo(0.5, 6);
  });

  it('handles the 32-bit sysUptime wrap and applies the header sampling interval', () => {
    const d = new NetflowDecoder();
    const r = d.decode(
      v5({ seq: 0, uptime: 1000, secs: 1_700_000_000, sampling: (1 << 14) | 100 }, [
        { ...flow, first: 0xffffffff - 999, last: 500 },
      ]),
      EXP,
      1,
    );
    const f = r.flows[0]!;
    expect(f.ts).toBeCloseTo(1_700_000_000 - 2, 6);
    expect(f.duration).toBeCloseTo(1.5, 6);
    expect(f.samplingRate).toBe(100);
    expect(f.packets).toBe(1000);
    expect(f.bytes).toBe(150_000);
  });

  it('detects lost flows from flow_sequence + count', () => {
    const d = new NetflowDecoder();
    d.decode(v5({ seq: 0, uptime: 10_000, secs: 1 }, [flow, flow]), EXP, 1);
    expect(codes(d.decode(v5({ seq: 2, uptime: 10_000, secs: 1 }, [flow]), EXP, 1))).toEqual([]);
    const r = d.decode(v5({ seq: 10, uptime: 10_000, secs: 1 }, [flow]), EXP, 1);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      code: NetflowEventCode.SequenceGap,
      count: 7,
      exporter: EXP,
      version: 5,
    });
    expect(r.flows).toHaveLength(1);
    // Another exporter has its own sequence.
    expect(codes(d.decode(v5({ seq: 500, uptime: 10_000, secs: 1 }, [flow]), '198.51.100.1', 1))).toEqual([]);
    expect(codes(d.decode(v5({ seq: 3, uptime: 10_000, secs: 1 }, [flow]), EXP, 1))).toEqual([
      NetflowEventCode.SequenceReset,
    ]);
    expect(d.stats().exporters.find((e) => e.exporter === EXP)?.lost).toBe(7);
  });

  it('reports bad counts and short datagrams', () => {
    const d = new NetflowDecoder();
    expect(codes(d.decode(v5({ seq: 0, uptime: 1, secs: 1 }, [flow], 31), EXP, 1))).toEqual([
      NetflowEventCode.BadCount,
    ]);
    const r = d.decode(v5({ seq: 0, uptime: 1, secs: 1 }, [flow], 3), EXP, 1);
    expect(codes(r)).toEqual([NetflowEventCode.Truncated]);
    expect(r.flows).toHaveLength(1);
    expect(codes(d.decode(new Uint8Array([0, 5, 0]), EXP, 1))).toEqual([NetflowEventCode.Truncated]);
    expect(codes(d.decode(new Uint8Array([0, 7, 0, 0]), EXP, 1))).toEqual([NetflowEventCode.UnknownVersion]);
    expect(codes(d.decode(new Uint8Array([]), EXP, 1))).toEqual([NetflowEventCode.Truncated]);
  });
});

describe('NetFlow v9', () => {
  const hdr = { seq: 0, uptime: 100_000, secs: 1_700_000_000, sourceId: 7 };
  const tpl = set(0, templateRecord(300, [...BASIC_FIELDS, [22, 4], [21, 4]]));
  const rec = (sp: number): Uint8Array =>
    concat(
      basicRecord('10.0.0.1', '10.0.0.2', sp, 53, 17, 2, 120),
      new Bytes().u32(95_000).u32(99_000).done(),
    );

  it('decodes data after its template, with times from the header', () => {
    const d = new NetflowDecoder();
    const r = d.decode(v9(hdr, [tpl, set(300, concat(rec(1000), rec(1001)))]), EXP, 1);
    expect(r.events).toEqual([]);
    expect(r.flows.map((f) => f.srcPort)).toEqual([1000, 1001]);
    expect(r.flows[0]).toMatchObject({
      version: 9,
      domain: 7,
      templateId: 300,
      proto: 17,
      packets: 2,
      bytes: 120,
    });
    expect(r.flows[0]!.ts).toBe(1_700_000_000 - 5);
    expect(r.flows[0]!.duration).toBe(4);
  });

  it('holds data that arrives before its template and decodes it when the template comes', () => {
    const d = new NetflowDecoder();
    const first = d.decode(v9({ ...hdr, seq: 0 }, [set(300, rec(1))]), EXP, 1);
    expect(first.flows).toEqual([]);
    expect(codes(first)).toEqual([NetflowEventCode.TemplateMissing]);
    expect(d.stats().pendingSets).toBe(1);
    const second = d.decode(v9({ ...hdr, seq: 1 }, [tpl, set(300, rec(2))]), EXP, 1);
    expect(second.events).toEqual([]);
    expect(second.flows.map((f) => f.srcPort)).toEqual([1, 2]);
    expect(d.stats().pendingSets).toBe(0);
    // Another source id does not see template 300 of source 7.
    const other = d.decode(v9({ ...hdr, sourceId: 8 }, [set(300, rec(3))]), EXP, 1);
    expect(codes(other)).toEqual([NetflowEventCode.TemplateMissing]);
  });

  it('bounds the held data sets, dropping the oldest', () => {
    const d = new NetflowDecoder({ maxPendingSets: 2 });
    for (let i = 0; i < 5; i++) d.decode(v9({ ...hdr, seq: i }, [set(300, rec(i))]), EXP, 1);
    const s = d.stats();
    expect(s.pendingSets).toBe(2);
    expect(s.pendingDropped).toBe(3);
    const r = d.decode(v9({ ...hdr, seq: 5 }, [tpl]), EXP, 1);
    expect(r.flows.map((f) => f.srcPort)).toEqual([3, 4]);
  });

  it('replaces a template with a new layout and counts the replacement', () => {
    const d = new NetflowDecoder();
    d.decode(v9(hdr, [tpl]), EXP, 1);
    const tpl2 = set(
      0,
      templateRecord(300, [
        [7, 2],
        [11, 2],
        [4, 1],
      ]),
    );
    const data2 = set(300, new Bytes().u16(5353).u16(5354).u8(17).u8(0).u16(0).done());
    const r = d.decode(v9({ ...hdr, seq: 1 }, [tpl2, data2]), EXP, 1);
    expect(r.events).toEqual([]);
    // 5 + 3 padding bytes: one record, the rest is padding.
    expect(r.flows).toHaveLength(1);
    expect(r.flows[0]).toMatchObject({ srcPort: 5353, dstPort: 5354, proto: 17, srcAddr: '' });
    expect(d.stats().templatesReplaced).toBe(1);
    // A refresh with the same definition is not a replacement.
    d.decode(v9({ ...hdr, seq: 2 }, [tpl2]), EXP, 1);
    expect(d.stats().templatesReplaced).toBe(1);
  });

  it('counts lost export packets per source id', () => {
    const d = new NetflowDecoder();
    d.decode(v9({ ...hdr, seq: 10 }, [tpl]), EXP, 1);
    const r = d.decode(v9({ ...hdr, seq: 14 }, [tpl]), EXP, 1);
    expect(r.events[0]).toMatchObject({ code: NetflowEventCode.SequenceGap, count: 3, domain: 7 });
    expect(codes(d.decode(v9({ ...hdr, seq: 0, sourceId: 9 }, [tpl]), EXP, 1))).toEqual([]);
  });

  it('applies the sampling rate of an options record to the flows of its sampler', () => {
    const d = new NetflowDecoder();
    const opt = set(
      1,
      v9OptionsTemplateRecord(
        400,
        [[1, 4]],
        [
          [48, 1],
          [50, 4],
        ],
      ),
    );
    const optData = set(400, new Bytes().u32(0).u8(3).u32(64).done());
    const tplS = set(0, templateRecord(301, [...BASIC_FIELDS, [48, 1]]));
    const data = set(301, concat(basicRecord('10.0.0.1', '10.0.0.2', 1, 2, 6, 3, 300), new Uint8Array([3])));
    const r = d.decode(v9(hdr, [opt, optData, tplS, data]), EXP, 1);
    expect(r.options).toHaveLength(1);
    expect(r.options[0]!.recordIndex).toBe(0);
    expect(r.flows[0]).toMatchObject({ samplingRate: 64, packets: 192, bytes: 19_200, recordIndex: 1 });
  });

  it('turns hostile templates and sets into events', () => {
    const d = new NetflowDecoder({ maxFieldsPerTemplate: 64 });
    const cases: Array<[Uint8Array, string]> = [
      [set(0, templateRecord(255, BASIC_FIELDS)), NetflowEventCode.BadTemplate],
      [set(0, new Bytes().u16(300).u16(0).done()), NetflowEventCode.BadTemplate],
      [set(0, new Bytes().u16(300).u16(65535).done()), NetflowEventCode.BadTemplate],
      [
        set(
          0,
          templateRecord(300, [
            [1, 0],
            [2, 0],
          ]),
        ),
        NetflowEventCode.BadTemplate,
      ],
      [set(0, new Bytes().u16(300).u16(3).u16(1).u16(4).done()), NetflowEventCode.BadTemplate],
      [set(0, templateRecord(300, BASIC_FIELDS), 2), NetflowEventCode.BadSet],
      [set(0, templateRecord(300, BASIC_FIELDS), 5000), NetflowEventCode.Truncated],
      [set(77, new Uint8Array(4)), NetflowEventCode.BadSet],
    ];
    for (const [i, [s, code]] of cases.entries()) {
      const r = d.decode(v9({ ...hdr, seq: i }, [s]), EXP, 1);
      expect(codes(r)).toEqual([code]);
      expect(r.flows).toEqual([]);
    }
    expect(d.stats().templates).toBe(0);
  });

  it('caps templates per exporter, evicting the oldest', () => {
    const d = new NetflowDecoder({ maxTemplatesPerExporter: 4 });
    const sets = [];
    for (let id = 256; id < 264; id++) sets.push(templateRecord(id, BASIC_FIELDS));
    const r = d.decode(v9(hdr, [set(0, concat(...sets))]), EXP, 1);
    expect(codes(r)).toEqual(Array(4).fill(NetflowEventCode.TemplateEvicted));
    expect(d.stats().templates).toBe(4);
  });
});

describe('IPFIX', () => {
  const hdr = { seq: 0, secs: 1_700_000_000, domain: 1 };

  it('decodes variable-length fields (short and 255-escaped) and NTP / millisecond times', () => {
    const d = new NetflowDecoder();
    const tpl = set(
      2,
      templateRecord(256, [
        [8, 4],
        [12, 4],
        [82, 65535], // interfaceName, variable
        [4, 1],
        [152, 8], // flowStartMilliseconds
        [155, 8], // flowEndMicroseconds (NTP)
      ]),
    );
    const long = new Uint8Array(300).fill(97);
    const ntp = (unixSec: number, frac: number): Bytes => new Bytes().u32(unixSec + 2208988800).u32(frac);
    const r1 = concat(
      new Bytes()
        .ip4('10.0.0.1')
        .ip4('10.0.0.2')
        .u8(3)
        .raw([101, 116, 48])
        .u8(6)
        .u64(1_699_999_990_500)
        .done(),
      ntp(1_699_999_995, 2147483648).done(),
    );
    const r2 = concat(
      new Bytes()
        .ip4('10.0.0.3')
        .ip4('10.0.0.4')
        .u8(255)
        .u16(300)
        .raw(long)
        .u8(17)
        .u64(1_699_999_999_000)
        .done(),
      ntp(1_699_999_999, 0).done(),
    );
    const r = d.decode(ipfix(hdr, [tpl, set(256, concat(r1, r2))]), EXP, 1);
    expect(r.events).toEqual([]);
    expect(r.flows).toHaveLength(2);
    expect(r.flows[0]).toMatchObject({ srcAddr: '10.0.0.1', proto: 6, version: 10, domain: 1 });
    expect(r.flows[0]!.ts).toBeCloseTo(1_699_999_990.5, 6);
    expect(r.flows[0]!.duration).toBeCloseTo(5, 6);
    expect(r.flows[1]).toMatchObject({ srcAddr: '10.0.0.3', dstAddr: '10.0.0.4', proto: 17, duration: 0 });
  });

  it('skips enterprise elements by their length and keeps them raw on request', () => {
    const fields: Array<[number, number] | [number, number, number]> = [
      [8, 4],
      [100, 3, 9], // Cisco PEN, 3 bytes
      [12, 4],
      [200, 65535, 12345], // variable enterprise element
      [1, 4, 29305], // RFC 5103 reverseOctetDeltaCount
      [1, 4],
    ];
    const tpl = set(2, templateRecord(257, fields, true));
    const data = set(
      257,
      new Bytes().ip4('10.9.9.9').raw([1, 2, 3]).ip4('10.8.8.8').u8(2).raw([7, 8]).u32(4000).u32(1000).done(),
    );
    const plain = new NetflowDecoder().decode(ipfix(hdr, [tpl, data]), EXP, 1);
    expect(plain.events).toEqual([]);
    expect(plain.flows[0]).toMatchObject({
      srcAddr: '10.9.9.9',
      dstAddr: '10.8.8.8',
      bytes: 1000,
      revBytes: 4000,
    });
    expect(plain.flows[0]!.extras).toBeUndefined();
    const kept = new NetflowDecoder({ keepUnmapped: true }).decode(ipfix(hdr, [tpl, data]), EXP, 1);
    expect(kept.flows[0]!.extras).toEqual([
      { enterprise: 9, id: 100, value: Uint8Array.from([1, 2, 3]) },
      { enterprise: 12345, id: 200, value: Uint8Array.from([7, 8]) },
    ]);
  });

  it('withdraws templates (one id, and all with id 2)', () => {
    const d = new NetflowDecoder({ maxPendingSets: 0 });
    const tpls = set(2, concat(templateRecord(256, BASIC_FIELDS), templateRecord(258, BASIC_FIELDS)));
    const data = (id: number): Uint8Array => set(id, basicRecord('10.0.0.1', '10.0.0.2', 1, 2, 6, 1, 1));
    expect(d.decode(ipfix(hdr, [tpls, data(256), data(258)]), EXP, 1).flows).toHaveLength(2);
    const w = d.decode(
      ipfix({ ...hdr, seq: 2 }, [set(2, new Bytes().u16(256).u16(0).done()), data(256), data(258)]),
      EXP,
      1,
    );
    expect(w.flows).toHaveLength(1);
    expect(codes(w)).toEqual([NetflowEventCode.TemplateMissing]);
    d.decode(ipfix({ ...hdr, seq: 3 }, [set(2, new Bytes().u16(2).u16(0).done())]), EXP, 1);
    expect(d.stats().templates).toBe(0);
  });

  it('applies a sampling options record (interval + space) to the domain’s flows', () => {
    const d = new NetflowDecoder();
    const opt = set(
      3,
      ipfixOptionsTemplateRecord(
        300,
        [[149, 4]],
        [
          [305, 4],
          [306, 4],
        ],
      ),
    );
    const optData = set(300, new Bytes().u32(1).u32(1).u32(99).done());
    const tpl = set(2, templateRecord(256, BASIC_FIELDS));
    const data = set(256, basicRecord('10.0.0.1', '10.0.0.2', 1, 2, 6, 5, 500));
    const r = d.decode(ipfix(hdr, [opt, optData, tpl, data]), EXP, 1);
    expect(r.events).toEqual([]);
    expect(r.flows[0]).toMatchObject({ samplingRate: 100, packets: 500, bytes: 50_000 });
    // Another domain is unsampled.
    const other = d.decode(ipfix({ ...hdr, domain: 2 }, [tpl, data]), EXP, 1);
    expect(other.flows[0]!.samplingRate).toBe(1);
  });

  it('counts lost data records from the sequence number', () => {
    const d = new NetflowDecoder();
    const tpl = set(2, templateRecord(256, BASIC_FIELDS));
    const data = set(
      256,
      concat(...Array.from({ length: 3 }, () => basicRecord('10.0.0.1', '10.0.0.2', 1, 2, 6, 1, 1))),
    );
    expect(codes(d.decode(ipfix({ ...hdr, seq: 100 }, [tpl, data]), EXP, 1))).toEqual([]);
    expect(codes(d.decode(ipfix({ ...hdr, seq: 103 }, [data]), EXP, 1))).toEqual([]);
    const r = d.decode(ipfix({ ...hdr, seq: 110 }, [data]), EXP, 1);
    expect(r.events[0]).toMatchObject({ code: NetflowEventCode.SequenceGap, count: 4 });
    expect(d.stats().exporters[0]!.lost).toBe(4);
  });

  it('reports bad message lengths and reserved sets', () => {
    const d = new NetflowDecoder();
    const ok = ipfix(hdr, [set(2, templateRecord(256, BASIC_FIELDS))]);
    const short = ok.slice();
    short[3] = 10;
    expect(codes(d.decode(short, EXP, 1))).toEqual([NetflowEventCode.Truncated]);
    expect(codes(d.decode(ok.subarray(0, ok.length - 3), EXP, 1))).toContain(NetflowEventCode.Truncated);
    expect(codes(d.decode(ipfix(hdr, [set(5, new Uint8Array(4))]), EXP, 1))).toEqual([
      NetflowEventCode.BadSet,
    ]);
    expect(
      codes(d.decode(ipfix(hdr, [set(3, new Bytes().u16(300).u16(2).u16(0).u32(0).u32(0).done())]), EXP, 1)),
    ).toEqual([NetflowEventCode.BadTemplate]);
  });
});

describe('stitchBiflows', () => {
  it('merges mirrored overlapping flows into one record with both directions', () => {
    const d = new NetflowDecoder();
    const tpl = set(2, templateRecord(256, [...BASIC_FIELDS, [150, 4], [151, 4]]));
    const t = (a: number, b: number): Uint8Array => new Bytes().u32(a).u32(b).done();
    const data = set(
      256,
      concat(
        basicRecord('10.0.0.1', '10.0.0.2', 50000, 443, 6, 10, 1000),
        t(100, 110),
        basicRecord('10.0.0.2', '10.0.0.1', 443, 50000, 6, 8, 9000),
        t(100, 109),
        basicRecord('10.0.0.9', '10.0.0.2', 50001, 443, 6, 1, 60),
        t(100, 100),
        basicRecord('10.0.0.2', '10.0.0.1', 443, 50000, 6, 1, 40),
        t(500, 500),
      ),
    );
    const flows = d.decode(ipfix({ seq: 0, secs: 1000, domain: 1 }, [tpl, data]), EXP, 1).flows;
    const bi = stitchBiflows(flows);
    expect(bi).toHaveLength(3);
    expect(bi[0]).toMatchObject({
      origAddr: '10.0.0.1',
      origPort: 50000,
      respAddr: '10.0.0.2',
      respPort: 443,
      origPackets: 10,
      origBytes: 1000,
      respPackets: 8,
      respBytes: 9000,
      ts: 100,
      duration: 10,
      stitched: true,
    });
    expect(bi[1]).toMatchObject({ origAddr: '10.0.0.9', stitched: false });
    expect(bi[2]).toMatchObject({ origAddr: '10.0.0.2', ts: 500, stitched: false });
  });
});
