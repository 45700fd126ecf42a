import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DnsConnectionInfo,
  type DnsLogRecord,
  type DnsMessage,
  DnsOpcode,
  type DnsParseOptions,
  DnsSection,
  DnsTcpFramer,
  DnsTransactionLog,
  DnsType,
  decodeNetbiosName,
  dnsClassName,
  dnsLogRecords,
  dnsOpcodeName,
  dnsQtypeName,
  dnsRcodeName,
  dnsTcpMessages,
  parseDnsMessage,
  zeekAnswerText,
} from '../../../../src/ingest/pcap/app/dns.js';
import type { ProtocolEvent } from '../../../../src/ingest/pcap/packet.js';
import { corpusPath } from '../../../helpers/corpus.js';
import { readTcpConnections } from '../../../helpers/tcp-payloads.js';
import { orientUdp, readUdpDatagrams } from '../../../helpers/udp-payloads.js';

// ---------------------------------------------------------------------------------------------
// Building messages by hand.

class Msg {
  readonly bytes: number[] = [];

  constructor(id: number, flags: number, counts: [number, number, number, number]) {
    this.u16(id).u16(flags);
    for (const c of counts) this.u16(c);
  }

  get at(): number {
    return this.bytes.length;
  }

  u8(...v: number[]): this {
    this.bytes.push(...v);
    return this;
  }

  u16(v: number): this {
    return this.u8((v >> 8) & 255, v & 255);
  }

  u32(v: number): this {
    return this.u16((v >>> 16) & 0xffff).u16(v & 0xffff);
  }

  /** Labels of `text` ("" is the root); `pointer` ends them with a compression pointer instead. */
  name(text: string, pointer?: number): this {
    for (const label of text === '' ? [] : text.split('.')) this.u8(label.length, ...ascii(label));
    return pointer === undefined ? this.u8(0) : this.u16(0xc000 | pointer);
  }

  question(name: string, qtype: number, qclass = 1): this {
    return this.name(name).u16(qtype).u16(qclass);
  }

  /** An RR whose owner is written by `owner` and whose RDATA is `rdata` (length filled in). */
  rr(owner: (m: this) => void, type: number, ttl: number, rdata: (m: this) => void, rrclass = 1): this {
    owner(this);
    this.u16(type).u16(rrclass).u32(ttl);
    const lengthAt = this.at;
    this.u16(0);
    rdata(this);
    const length = this.at - lengthAt - 2;
    this.bytes[lengthAt] = length >> 8;
    this.bytes[lengthAt + 1] = length & 255;
    return this;
  }

  build(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const QUERY = 0x0100; // RD
const RESPONSE = 0x8180; // QR RD RA

function parse(
  bytes: Uint8Array,
  options: DnsParseOptions = {},
): { msg: DnsMessage | undefined; events: ProtocolEvent[] } {
  const events: ProtocolEvent[] = [];
  const msg = parseDnsMessage(
    bytes,
    0,
    bytes.length,
    (e) => events.push(e),
    { ts: 1, fileOffset: 0 },
    options,
  );
  return { msg, events };
}

function parsed(
  bytes: Uint8Array,
  options: DnsParseOptions = {},
): { msg: DnsMessage; events: ProtocolEvent[] } {
  const r = parse(bytes, options);
  if (r.msg === undefined) throw new Error('no message');
  return { msg: r.msg, events: r.events };
}

const names = (events: ProtocolEvent[]): string[] => events.map((e) => e.name);

/** A response for `example.com` with one answer of the given type. */
function oneAnswer(type: number, rdata: (m: Msg) => void, ttl = 300): Uint8Array {
  return new Msg(7, RESPONSE, [1, 1, 0, 0])
    .question('example.com', type)
    .rr((m) => m.u16(0xc00c), type, ttl, rdata)
    .build();
}

function answerOf(bytes: Uint8Array): { text: string | undefined; msg: DnsMessage; events: string[] } {
  const { msg, events } = parsed(bytes);
  const rr = msg.answers[0];
  if (rr === undefined) throw new Error(`no answer (events ${names(events).join(',')})`);
  return { text: zeekAnswerText(rr), msg, events: names(events) };
}

describe('DNS header and questions', () => {
  it('decodes every header bit and keeps the query case apart from the lowered name', () => {
    const bytes = new Msg(
      0xbeef,
      0x8000 | (4 << 11) | 0x0400 | 0x0200 | 0x0100 | 0x0080 | 0x0030 | 3,
      [1, 0, 0, 0],
    )
      .question('Us.V27.DiStRiBuTeD.NET', 28, 1)
      .build();
    const { msg, events } = parsed(bytes);
    expect(events).toEqual([]);
    expect(msg.header).toEqual({
      id: 0xbeef,
      qr: true,
      opcode: 4,
      aa: true,
      tc: true,
      rd: true,
      ra: true,
      z: 3,
      ad: true,
      cd: true,
      rcode: 3,
      qdcount: 1,
      ancount: 0,
      nscount: 0,
      arcount: 0,
    });
    expect(msg.questions).toEqual([
      { name: 'us.v27.distributed.net', originalName: 'Us.V27.DiStRiBuTeD.NET', qtype: 28, qclass: 1 },
    ]);
    expect(msg.complete).toBe(true);
  });

  it('reads a message inside a larger buffer at an offset', () => {
    const inner = new Msg(1, QUERY, [1, 0, 0, 0]).question('a.b', 1).build();
    const outer = new Uint8Array(inner.length + 10);
    outer.set(inner, 5);
    const events: ProtocolEvent[] = [];
    const msg = parseDnsMessage(outer, 5, inner.length, (e) => events.push(e), { ts: 0, fileOffset: 0 });
    expect(msg?.questions[0]?.name).toBe('a.b');
    expect(events).toEqual([]);
  });

  it('the root name is the empty string', () => {
    const { msg } = parsed(new Msg(1, QUERY, [1, 0, 0, 0]).question('', 2).build());
    expect(msg.questions[0]?.name).toBe('');
  });

  it('reports a header shorter than 12 bytes and returns nothing', () => {
    const { msg, events } = parse(new Uint8Array(11));
    expect(msg).toBeUndefined();
    expect(names(events)).toEqual(['DNS_truncated_len_lt_hdr_len']);
  });

  it('stops at a truncated question and says so', () => {
    const bytes = new Msg(1, QUERY, [2, 0, 0, 0]).question('a.example', 1).name('b').u8(0).build();
    const { msg, events } = parsed(bytes);
    expect(msg.questions.map((q) => q.name)).toEqual(['a.example']);
    expect(msg.complete).toBe(false);
    expect(names(events)).toEqual(['DNS_truncated_quest_too_short']);
  });

  it('treats more questions than allowed as not DNS (DNS_Conn_count_too_large)', () => {
    const m = new Msg(1, QUERY, [26, 0, 0, 0]);
    for (let i = 0; i < 26; i++) m.question('x', 1);
    const { msg, events } = parsed(m.build());
    expect(msg.questions).toEqual([]);
    expect(events[0]).toMatchObject({ name: 'DNS_Conn_count_too_large', detail: '26 > 25' });
    expect(parsed(m.build(), { maxQuestions: 0 }).msg.questions).toHaveLength(26);
  });

  it('reports an unassigned opcode (7–15) as DNS_invalid_opcode and still decodes the message', () => {
    for (const opcode of [7, 9, 15]) {
      const { msg, events } = parsed(
        new Msg(1, (opcode << 11) | QUERY, [1, 0, 0, 0]).question('a.b', 1).build(),
      );
      expect(events).toEqual([
        { name: 'DNS_invalid_opcode', ts: 1, fileOffset: 0, detail: `opcode ${opcode}` },
      ]);
      expect(msg.questions[0]?.name).toBe('a.b');
      expect(msg.complete).toBe(true);
    }
    for (const opcode of [0, 1, 2, 3, 4, 5, 6]) {
      expect(
        parsed(new Msg(1, (opcode << 11) | QUERY, [1, 0, 0, 0]).question('a.b', 1).build()).events,
      ).toEqual([]);
    }
  });

  it('reports the reserved Z bit (0x0040) as DNS_Z_flag_set, not AD or CD', () => {
    const { msg, events } = parsed(new Msg(1, RESPONSE | 0x0040, [1, 0, 0, 0]).question('a.b', 1).build());
    expect(names(events)).toEqual(['DNS_Z_flag_set']);
    expect(events[0]?.detail).toBe('flags 0x81c0');
    expect(msg.header.z).toBe(4);
    expect(parsed(new Msg(1, RESPONSE | 0x0030, [1, 0, 0, 0]).question('a.b', 1).build()).events).toEqual([]);
  });

  it('does not apply the DNS header checks to NetBIOS name service (its opcodes go up to 15)', () => {
    const bytes = new Msg(1, (15 << 11) | 0x0040 | 0x0010, [1, 0, 0, 0]).question('a', 32).build();
    expect(parsed(bytes, { netbios: true }).events).toEqual([]);
    expect(names(parsed(bytes).events)).toEqual(['DNS_invalid_opcode', 'DNS_Z_flag_set']);
  });
});

/** Events of the DNS parser over every UDP datagram of a suricata-verify capture. */
function suricataVerifyEvents(...path: string[]): string[] | undefined {
  const file = corpusPath('suricata-verify', 'tests', ...path);
  if (file === undefined) return undefined;
  const events: ProtocolEvent[] = [];
  for (const d of readUdpDatagrams(new Uint8Array(readFileSync(file)))) {
    parseDnsMessage(d.payload, 0, d.payload.length, (e) => events.push(e), d);
  }
  return names(events);
}

describe('the anomalies suricata-verify expects on its DNS captures (corpus)', () => {
  const opcode = suricataVerifyEvents('dns', 'v2', 'dns-invalid-opcode', 'input.pcap');
  it.skipIf(opcode === undefined)(
    'dns-invalid-opcode: dns.invalid_opcode on the query and the answer',
    () => {
      expect(opcode).toEqual(['DNS_invalid_opcode', 'DNS_invalid_opcode']);
    },
  );
  const zBit = suricataVerifyEvents('dns', 'dns-z-bit', 'input.pcap');
  it.skipIf(zBit === undefined)('dns-z-bit: dns.z_flag_set on the one message with the bit', () => {
    expect(zBit).toEqual(['DNS_Z_flag_set']);
  });
  const rnameFile = corpusPath('suricata-verify', 'tests', 'dns', 'dns-truncated-rname', 'poc2.pcap');
  it.skipIf(rnameFile === undefined)('dns-truncated-rname (DNS over TCP/1053): dns.name_too_long', () => {
    const eventsWith = (options: DnsParseOptions): Set<string> => {
      const events: ProtocolEvent[] = [];
      for (const c of readTcpConnections(new Uint8Array(readFileSync(rnameFile!)))) {
        for (const m of dnsTcpMessages([c.orig])) {
          parseDnsMessage(m, 0, m.length, (e) => events.push(e), { ts: c.ts, fileOffset: 0 }, options);
        }
      }
      return new Set(names(events));
    };
    // The query holds more questions than Zeek's dns_max_queries, so Zeek (and netscry) stop
    // there; Suricata reads the first question and flags its 1025+ byte name. Without the limit
    // netscry flags the name too.
    expect(eventsWith({})).toEqual(new Set(['DNS_Conn_count_too_large']));
    expect(eventsWith({ maxQuestions: 0 }).has('DNS_label_len_gt_name_len')).toBe(true);
  });
  const additionals = suricataVerifyEvents('dns', 'dns-corrupt-additionals', 'input.pcap');
  it.skipIf(additionals === undefined)(
    'dns-corrupt-additionals: dns.invalid_additionals is a truncated RR',
    () => {
      expect(additionals).toEqual(['DNS_truncated_RR_rdlength_lt_len']);
    },
  );
});

describe('DNS names and compression', () => {
  it('follows backward pointers, also chains of them', () => {
    const m = new Msg(1, RESPONSE, [1, 3, 0, 0]).question('www.example.com', 1);
    const chainStart = m.at;
    m.rr(
      (x) => x.u16(0xc00c),
      5,
      60,
      (x) => x.name('cdn', 0x10),
    ); // cdn.example.com
    m.rr(
      (x) => x.u16(0xc000 | (chainStart + 12)),
      1,
      60,
      (x) => x.u8(1, 2, 3, 4),
    ); // owner = that cname target
    m.rr(
      (x) => x.name('mail', chainStart + 12),
      1,
      60,
      (x) => x.u8(5, 6, 7, 8),
    );
    const { msg, events } = parsed(m.build());
    expect(events).toEqual([]);
    expect(msg.answers.map((a) => [a.name, zeekAnswerText(a)])).toEqual([
      ['www.example.com', 'cdn.example.com'],
      ['cdn.example.com', '1.2.3.4'],
      ['mail.cdn.example.com', '5.6.7.8'],
    ]);
  });

  it('rejects forward and self pointers and goes on with the message', () => {
    for (const target of [12, 200]) {
      const m = new Msg(1, QUERY, [2, 0, 0, 0]);
      if (target === 12) m.u16(0xc00c).u16(1).u16(1);
      else
        m.u16(0xc000 | target)
          .u16(1)
          .u16(1);
      m.question('next', 1);
      const { msg, events } = parsed(m.build());
      expect(names(events)).toEqual(['DNS_label_forward_compress_offset']);
      expect(msg.questions.map((q) => q.name)).toEqual(['', 'next']);
    }
  });

  it('cannot loop: two names pointing at each other both end at a forward pointer', () => {
    const m = new Msg(1, QUERY, [2, 0, 0, 0]);
    m.u16(0xc000 | 18)
      .u16(1)
      .u16(1); // offset 12: -> 18, the next name (forward)
    m.u16(0xc00c).u16(1).u16(1); // offset 18: -> 12, whose pointer to 18 is forward of 12
    const { msg, events } = parsed(m.build());
    expect(msg.questions.map((q) => q.name)).toEqual(['', '']);
    expect(names(events)).toEqual(['DNS_label_forward_compress_offset', 'DNS_label_forward_compress_offset']);
    expect(msg.complete).toBe(true);
  });

  it('cuts a pointer chain longer than the depth bound (Zeek: DNS_max_compression_chain_depth_exceeded)', () => {
    const m = new Msg(1, RESPONSE, [1, 8, 0, 0]).question('a', 1);
    let previous = m.at;
    m.rr(
      (x) => x.name('a'),
      1,
      300,
      (x) => x.u8(127, 0, 0, 1),
    );
    for (let i = 2; i <= 8; i++) {
      const here = m.at;
      m.rr(
        (x) => x.u16(0xc000 | previous),
        1,
        300,
        (x) => x.u8(127, 0, 0, i),
      );
      previous = here;
    }
    const deep = parsed(m.build(), { maxCompressionDepth: 5 });
    expect(deep.events.map((e) => [e.name, e.detail])).toEqual([
      ['DNS_max_compression_chain_depth_exceeded', '6'],
      ['DNS_max_compression_chain_depth_exceeded', '6'],
    ]);
    expect(deep.msg.answers.map((a) => a.name)).toEqual(['a', 'a', 'a', 'a', 'a', 'a', '', '']);
    expect(parsed(m.build()).events).toEqual([]);
  });

  it('reports labels past the packet, over 63 bytes, and names over 255 bytes', () => {
    const past = new Msg(1, QUERY, [1, 0, 0, 0]).u8(10, 97, 98).build();
    expect(names(parsed(past).events)).toEqual(['DNS_label_len_gt_pkt', 'DNS_truncated_quest_too_short']);

    const long = new Msg(1, QUERY, [1, 0, 0, 0])
      .u8(64, ...new Array(64).fill(97), 0)
      .u16(1)
      .u16(1)
      .build();
    const l = parsed(long);
    expect(names(l.events)).toEqual(['DNS_label_too_long']);
    expect(l.msg.complete).toBe(false);
    expect(parsed(long, { netbios: true }).msg.questions[0]?.name).toBe('a'.repeat(64));

    const label = 'b'.repeat(63);
    const big = new Msg(1, QUERY, [1, 0, 0, 0]).question([label, label, label, label].join('.'), 1).build();
    const b = parsed(big);
    expect(names(b.events)).toEqual(['DNS_NAME_too_long']);
    expect(b.msg.questions[0]?.name).toHaveLength(255);
  });

  it('bounds the name text at 512 bytes even with compression', () => {
    const m = new Msg(1, QUERY, [9, 0, 0, 0]);
    let previous = -1;
    for (let i = 0; i < 9; i++) {
      const here = m.at;
      const label = String.fromCharCode(97 + i).repeat(63);
      if (previous < 0) m.question(label, 1);
      else
        m.u8(63, ...ascii(label))
          .u16(0xc000 | previous)
          .u16(1)
          .u16(1);
      previous = here;
    }
    const { msg, events } = parsed(m.build());
    expect(names(events)).toContain('DNS_label_len_gt_name_len');
    expect(msg.complete).toBe(false);
    for (const q of msg.questions) expect(q.name.length).toBeLessThanOrEqual(512);
  });
});

describe('DNS resource records and how Zeek renders them', () => {
  it('A, AAAA (IPv4-mapped printed as IPv4), CNAME, NS, PTR, MX, SOA, SRV', () => {
    expect(answerOf(oneAnswer(DnsType.A, (m) => m.u8(10, 0, 0, 1))).text).toBe('10.0.0.1');
    const v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(answerOf(oneAnswer(DnsType.AAAA, (m) => m.u8(...v6))).text).toBe('2001:db8::1');
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1];
    expect(answerOf(oneAnswer(DnsType.AAAA, (m) => m.u8(...mapped))).text).toBe('192.0.2.1');
    expect(answerOf(oneAnswer(DnsType.CNAME, (m) => m.name('Alias.Example.NET'))).text).toBe(
      'alias.example.net',
    );
    expect(answerOf(oneAnswer(DnsType.NS, (m) => m.name('ns1', 0x0c))).text).toBe('ns1.example.com');
    expect(answerOf(oneAnswer(DnsType.PTR, (m) => m.name('host.example'))).text).toBe('host.example');
    const mx = answerOf(oneAnswer(DnsType.MX, (m) => m.u16(10).name('mx', 0x0c)));
    expect(mx.text).toBe('mx.example.com');
    expect(mx.msg.answers[0]?.data).toEqual({ kind: 'mx', preference: 10, exchange: 'mx.example.com' });
    const soa = answerOf(
      oneAnswer(DnsType.SOA, (m) =>
        m.name('ns', 0x0c).name('hostmaster', 0x0c).u32(1).u32(2).u32(3).u32(4).u32(5),
      ),
    );
    expect(soa.text).toBe('ns.example.com');
    expect(soa.msg.answers[0]?.data).toMatchObject({
      rname: 'hostmaster.example.com',
      serial: 1,
      minimum: 5,
    });
    const srv = answerOf(oneAnswer(DnsType.SRV, (m) => m.u16(1).u16(2).u16(5060).name('sip', 0x0c)));
    expect(srv.text).toBe('sip.example.com');
    expect(srv.msg.answers[0]?.data).toMatchObject({ priority: 1, weight: 2, port: 5060 });
  });

  it('TXT and SPF join their strings as "TXT <len> <text>"', () => {
    const txt = (type: number) =>
      answerOf(oneAnswer(type, (m) => m.u8(5, ...ascii('hello'), 0, 3, ...ascii('a b')))).text;
    expect(txt(DnsType.TXT)).toBe('TXT 5 hello TXT 0  TXT 3 a b');
    expect(txt(DnsType.SPF)).toBe('SPF 5 hello SPF 0  SPF 3 a b');
  });

  it('a TXT string past its RDATA keeps the strings before it and ends the message', () => {
    const bytes = new Msg(1, RESPONSE, [0, 2, 0, 0])
      .rr(
        (m) => m.name('t'),
        DnsType.TXT,
        1,
        (m) => m.u8(1, 97, 9, 98),
      )
      .rr(
        (m) => m.name('u'),
        DnsType.A,
        1,
        (m) => m.u8(1, 1, 1, 1),
      )
      .build();
    const { msg, events } = parsed(bytes);
    expect(names(events)).toEqual(['DNS_TXT_char_str_past_rdlen']);
    expect(msg.answers.map((a) => zeekAnswerText(a))).toEqual(['TXT 1 a']);
    expect(msg.complete).toBe(false);
  });

  it('DNSSEC records: DNSKEY, RRSIG (root signer), DS, NSEC, NSEC3, NSEC3PARAM', () => {
    expect(answerOf(oneAnswer(DnsType.DNSKEY, (m) => m.u16(257).u8(3, 8).u8(1, 2, 3))).text).toBe('DNSKEY 8');
    const rrsig = (signer: string) =>
      answerOf(
        oneAnswer(DnsType.RRSIG, (m) =>
          m.u16(1).u8(8, 2).u32(300).u32(2).u32(1).u16(1234).name(signer).u8(9, 9),
        ),
      );
    expect(rrsig('example.com').text).toBe('RRSIG 1 example.com');
    expect(rrsig('').text).toBe('RRSIG 1 <Root>');
    expect(rrsig('x').msg.answers[0]?.data).toMatchObject({ keyTag: 1234, labels: 2, originalTtl: 300 });
    const ds = answerOf(oneAnswer(DnsType.DS, (m) => m.u16(5).u8(8, 2).u8(0xab, 0xcd)));
    expect(ds.text).toBe('DS 8 2');
    expect(ds.msg.answers[0]?.data).toMatchObject({ keyTag: 5, digest: 'abcd' });
    const nsec = answerOf(oneAnswer(DnsType.NSEC, (m) => m.name('next.example').u8(0, 1, 0x40)));
    expect(nsec.text).toBe('NSEC example.com next.example');
    expect(nsec.msg.answers[0]?.data).toEqual({ kind: 'nsec', next: 'next.example', types: [1] });
    const nsec3 = answerOf(
      oneAnswer(DnsType.NSEC3, (m) => m.u8(1, 0).u16(10).u8(2, 0xaa, 0xbb, 1, 0xcc).u8(0, 1, 0x60)),
    );
    expect(nsec3.text).toBe('NSEC3');
    expect(nsec3.msg.answers[0]?.data).toMatchObject({
      iterations: 10,
      salt: 'aabb',
      nextHash: 'cc',
      types: [1, 2],
    });
    expect(answerOf(oneAnswer(DnsType.NSEC3PARAM, (m) => m.u8(1, 0).u16(0).u8(0))).text).toBe('NSEC3PARAM');
  });

  it('flags a zero-length type bitmap window', () => {
    const { events } = answerOf(oneAnswer(DnsType.NSEC, (m) => m.name('n').u8(0, 0)));
    expect(events).toEqual(['DNSSEC_NSEC_bitmapLen0']);
  });

  it('SSHFP, LOC, BINDS, NAPTR, WKS, NULL and unknown types', () => {
    expect(answerOf(oneAnswer(DnsType.SSHFP, (m) => m.u8(1, 1, 0xa6, 0xb9))).text).toBe('SSHFP: a6b9');
    expect(answerOf(oneAnswer(DnsType.LOC, (m) => m.u8(0, 0x12, 0x16, 0x13).u32(1).u32(2).u32(3))).text).toBe(
      'LOC:  18 22 19',
    );
    expect(answerOf(oneAnswer(DnsType.BINDS, (m) => m.u8(8, 0x12, 0x34, 0, 1))).text).toBe(
      'BIND9 signing signal',
    );
    const naptr = (replacement: string) =>
      answerOf(
        oneAnswer(DnsType.NAPTR, (m) =>
          m
            .u16(100)
            .u16(10)
            .u8(1, ...ascii('U'), 7, ...ascii('E2U+sip'), 3, ...ascii('!x!'))
            .name(replacement),
        ),
      ).text;
    expect(naptr('')).toBe('NAPTR 100 10 U E2U+sip !x!');
    expect(naptr('r.example')).toBe('NAPTR 100 10 U E2U+sip !x! r.example');
    expect(answerOf(oneAnswer(DnsType.WKS, (m) => m.u8(10, 0, 0, 1, 6, 0xff))).text).toBe('');
    const nul = answerOf(oneAnswer(DnsType.NULL, (m) => m.u8(1, 2, 3)));
    expect(nul.text).toBe('<unknown type=10>');
    expect(nul.msg.answers[0]?.data).toEqual({ kind: 'raw', bytes: Uint8Array.of(1, 2, 3) });
    const unknown = answerOf(oneAnswer(52, (m) => m.u8(3, 1, 1, 0xaa)));
    expect(unknown.text).toBe('<unknown type=52>');
    expect(unknown.events).toEqual(['DNS_RR_unknown_type']);
  });

  it('HINFO, CAA, SVCB/HTTPS, OPT, TSIG, TKEY are decoded but Zeek logs nothing for them', () => {
    const hinfo = answerOf(oneAnswer(DnsType.HINFO, (m) => m.u8(3, ...ascii('x86'), 5, ...ascii('Linux'))));
    expect(hinfo.msg.answers[0]?.data).toEqual({ kind: 'hinfo', cpu: 'x86', os: 'Linux' });
    expect(hinfo.text).toBeUndefined();
    const caa = answerOf(
      oneAnswer(DnsType.CAA, (m) => m.u8(0, 5, ...ascii('issue'), ...ascii('ca.example'))),
    );
    expect(caa.msg.answers[0]?.data).toEqual({ kind: 'caa', flags: 0, tag: 'issue', value: 'ca.example' });
    expect(caa.text).toBeUndefined();
    const https = answerOf(
      oneAnswer(DnsType.HTTPS, (m) =>
        m
          .u16(1)
          .u8(0)
          .u16(1)
          .u16(6)
          .u8(2, ...ascii('h2'), 2, ...ascii('h3'))
          .u16(3)
          .u16(2)
          .u16(443)
          .u16(4)
          .u16(8)
          .u8(192, 0, 2, 1, 192, 0, 2, 2),
      ),
    );
    expect(https.events).toEqual([]);
    expect(https.msg.answers[0]?.data).toEqual({
      kind: 'svcb',
      priority: 1,
      target: '.',
      params: [
        { key: 1, value: 'h2,h3' },
        { key: 3, value: '443' },
        { key: 4, value: '192.0.2.1,192.0.2.2' },
      ],
    });
    expect(https.text).toBeUndefined();
    const tsig = answerOf(
      oneAnswer(DnsType.TSIG, (m) =>
        m.name('hmac-sha256').u16(0).u32(1000).u16(300).u16(2).u8(1, 2).u16(7).u16(0).u16(0),
      ),
    );
    expect(tsig.msg.answers[0]?.data).toEqual({
      kind: 'tsig',
      algorithm: 'hmac-sha256',
      timeSigned: 1000,
      fudge: 300,
      originalId: 7,
      error: 0,
    });
    expect(tsig.text).toBeUndefined();
    const tkey = answerOf(
      oneAnswer(DnsType.TKEY, (m) => m.name('gss-tsig').u32(1).u32(2).u16(3).u16(0).u16(1).u8(9).u16(0)),
    );
    expect(tkey.msg.answers[0]?.data).toMatchObject({ kind: 'tkey', algorithm: 'gss-tsig', mode: 3 });
    expect(tkey.text).toBeUndefined();
  });

  it('OPT: payload size, extended rcode, version, DO bit, options, client subnet', () => {
    const bytes = new Msg(1, QUERY, [0, 0, 0, 1])
      .rr(
        (m) => m.u8(0),
        DnsType.OPT,
        0x01008000,
        (m) => m.u16(8).u16(7).u16(1).u8(24, 0).u8(198, 51, 100).u16(10).u16(8).u32(1).u32(2),
        4096,
      )
      .build();
    const { msg, events } = parsed(bytes);
    expect(events).toEqual([]);
    expect(msg.additional[0]?.data).toEqual({
      kind: 'opt',
      udpPayloadSize: 4096,
      extendedRcode: 1,
      version: 0,
      dnssecOk: true,
      options: [
        { code: 8, length: 7 },
        { code: 10, length: 8 },
      ],
      clientSubnet: { family: 1, sourcePrefix: 24, scopePrefix: 0, address: '198.51.100.0' },
    });
    expect(msg.additional[0]?.section).toBe(DnsSection.Additional);
  });

  it('OPT with bytes that cannot hold an option is EDNS_truncated_option and ends the message', () => {
    const bytes = new Msg(1, RESPONSE, [0, 0, 0, 2])
      .rr(
        (m) => m.u8(0),
        DnsType.OPT,
        0,
        (m) => m.u8(0),
        4096,
      )
      .rr(
        (m) => m.name('a'),
        DnsType.A,
        1,
        (m) => m.u8(1, 2, 3, 4),
      )
      .build();
    const { msg, events } = parsed(bytes);
    expect(names(events)).toEqual(['EDNS_truncated_option']);
    expect(msg.additional).toHaveLength(1);
    expect(msg.complete).toBe(false);
  });

  it('SVCB shorter than priority + target is DNS_SVCB_wrong_length; a 3-byte port is invalid', () => {
    const short = answerOf(oneAnswer(DnsType.SVCB, (m) => m.u16(1)));
    expect(short.events).toEqual(['DNS_SVCB_wrong_length']);
    const port = answerOf(oneAnswer(DnsType.HTTPS, (m) => m.u16(1).u8(0).u16(3).u16(3).u8(1, 0xbb, 0)));
    expect(port.events).toEqual(['DNS_SVCB_port_length_invalid']);
    expect(port.msg.complete).toBe(true);
  });

  it('length problems: A of 5 bytes, RDATA past the end, empty RDATA mid-message, name shorter than RDATA', () => {
    expect(answerOf(oneAnswer(DnsType.CNAME, (m) => m.name('a').u8(0))).events).toEqual([
      'DNS_RR_length_mismatch',
    ]);
    const badA = parsed(oneAnswer(DnsType.A, (m) => m.u8(1, 2, 3, 4, 5)));
    expect(names(badA.events)).toEqual(['DNS_RR_bad_length']);
    expect(badA.msg.answers).toEqual([]);
    const past = new Msg(1, RESPONSE, [0, 1, 0, 0]).name('a').u16(1).u16(1).u32(1).u16(4).u8(1, 2).build();
    expect(names(parsed(past).events)).toEqual(['DNS_truncated_RR_rdlength_lt_len']);
    const empty = new Msg(1, RESPONSE, [0, 2, 0, 0])
      .rr(
        (m) => m.name('a'),
        DnsType.NULL,
        1,
        () => {},
      )
      .rr(
        (m) => m.name('b'),
        DnsType.A,
        1,
        (m) => m.u8(1, 2, 3, 4),
      )
      .build();
    expect(names(parsed(empty).events)).toEqual(['DNS_zero_rdlength']);
    const update = new Msg(1, DnsOpcode.Update << 11, [0, 2, 0, 0])
      .rr(
        (m) => m.name('a'),
        255,
        0,
        () => {},
        255,
      )
      .rr(
        (m) => m.name('b'),
        DnsType.A,
        1,
        (m) => m.u8(1, 2, 3, 4),
      )
      .build();
    expect(parsed(update).msg.answers).toHaveLength(2);
    const short = new Msg(1, RESPONSE, [0, 1, 0, 0]).name('a').u16(1).u16(1).u8(0).build();
    expect(names(parsed(short).events)).toEqual(['DNS_truncated_ans_too_short']);
  });

  it('code names follow Zeek consts.zeek, with its fallbacks', () => {
    expect([dnsQtypeName(1), dnsQtypeName(255), dnsQtypeName(54), dnsQtypeName(65534)]).toEqual([
      'A',
      '*',
      'query-54',
      'query-65534',
    ]);
    expect([dnsRcodeName(8), dnsRcodeName(3842), dnsRcodeName(99)]).toEqual([
      'NXRRSet',
      'BADSIG',
      'rcode-99',
    ]);
    expect([dnsClassName(1), dnsClassName(7)]).toEqual(['C_INTERNET', 'qclass-7']);
    expect([dnsOpcodeName(4), dnsOpcodeName(3), dnsOpcodeName(0, true), dnsOpcodeName(9, true)]).toEqual([
      'notify',
      'opcode-3',
      'netbios-query',
      'netbios-opcode-9',
    ]);
  });

  it('decodes NetBIOS first-level names as Zeek does', () => {
    expect(decodeNetbiosName('ejfdebfeebfacacacacacacacacacaaa')).toBe('ISATAP');
    expect(decodeNetbiosName('FHEPFCELEHFCEPFFFACACACACACACABL')).toBe('WORKGROUP');
    expect(decodeNetbiosName('abacfpfpenfdecfcepfhfdeffpfpacab')).toBe('\x01\x02__MSBROWSE__\x02');
    expect(decodeNetbiosName('short')).toBe('');
    expect(decodeNetbiosName('zzacfpfpenfdecfcepfhfdeffpfpacab')).toBe('');
  });
});

describe('DNS over TCP framing', () => {
  const a = new Msg(1, QUERY, [1, 0, 0, 0]).question('a.example', 1).build();
  const b = new Msg(2, QUERY, [1, 0, 0, 0]).question('b.example', 28).build();
  const stream = Uint8Array.from([
    a.length >> 8,
    a.length & 255,
    ...a,
    0,
    0,
    b.length >> 8,
    b.length & 255,
    ...b,
  ]);

  it('splits a stream cut at every position into the same messages', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const got = dnsTcpMessages([stream.subarray(0, cut), stream.subarray(cut)]);
      expect(got).toEqual([a, new Uint8Array(0), b]);
    }
  });

  it('hands out views for whole messages, copies for split ones, and resets', () => {
    const framer = new DnsTcpFramer();
    const seen: Uint8Array[] = [];
    framer.push(stream.subarray(0, 5), (m) => seen.push(m));
    expect(framer.pendingBytes).toBe(5);
    framer.reset();
    expect(framer.pendingBytes).toBe(0);
    framer.push(stream, (m) => seen.push(m));
    expect(seen.map((m) => m.buffer === stream.buffer)).toEqual([true, true, true]);
    framer.push(stream.subarray(0, 1), (m) => seen.push(m));
    framer.push(stream.subarray(1, 20), (m) => seen.push(m));
    expect(framer.pendingBytes).toBe(20);
    framer.push(stream.subarray(20), (m) => seen.push(m));
    expect(seen.slice(3)).toEqual([a, new Uint8Array(0), b]);
    expect(seen[3]!.buffer === stream.buffer).toBe(false);
    expect(framer.pendingBytes).toBe(0);
  });

  it('gives the same messages for any chunking (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 8 }), (cuts) => {
        const points = [0, ...cuts.sort((x, y) => x - y), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i], end));
        expect(dnsTcpMessages(chunks)).toEqual([a, new Uint8Array(0), b]);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// dns.log pairing.

const UDP: DnsConnectionInfo = { uid: 'C1', proto: 'udp', responderIsMulticast: false };

function logOf(conn: DnsConnectionInfo, messages: [Uint8Array, number][]): DnsLogRecord[] {
  return dnsLogRecords(
    conn,
    messages.map(([bytes, ts]) => ({ message: parsed(bytes, { netbios: conn.netbios ?? false }).msg, ts })),
  );
}

describe('dns.log pairing (Zeek base/protocols/dns/main.zeek)', () => {
  const query = (id: number, name = 'www.example.com', qtype = 1) =>
    new Msg(id, QUERY, [1, 0, 0, 0]).question(name, qtype).build();
  const response = (id: number, name = 'www.example.com', flags = RESPONSE | 0x0400) =>
    new Msg(id, flags, [1, 2, 0, 0])
      .question(name, 1)
      .rr(
        (m) => m.u16(0xc00c),
        DnsType.CNAME,
        60,
        (m) => m.name('edge', 0x10),
      )
      .rr(
        (m) => m.name('edge', 0x10),
        DnsType.A,
        30,
        (m) => m.u8(192, 0, 2, 7),
      )
      .build();

  it('pairs a query with its response by transaction id', () => {
    const [r, ...rest] = logOf(UDP, [
      [query(0x1234), 100],
      [response(0x1234), 100.25],
    ]);
    expect(rest).toEqual([]);
    expect(r).toEqual({
      ts: 100,
      uid: 'C1',
      proto: 'udp',
      trans_id: 0x1234,
      rtt: 0.25,
      query: 'www.example.com',
      qclass: 1,
      qclass_name: 'C_INTERNET',
      qtype: 1,
      qtype_name: 'A',
      rcode: 0,
      rcode_name: 'NOERROR',
      AA: true,
      TC: false,
      RD: true,
      RA: true,
      Z: 0,
      answers: ['edge.example.com', '192.0.2.7'],
      TTLs: [60, 30],
      rejected: false,
      opcode: 0,
      opcode_name: 'query',
    });
  });

  it('logs unanswered queries and unsolicited replies at connection end', () => {
    const records = logOf(UDP, [
      [query(1), 1],
      [query(2), 2],
      [response(3), 3],
    ]);
    expect(records.map((r) => [r.trans_id, r.rcode_name, r.qtype_name, r.query, r.rtt])).toEqual([
      [1, undefined, 'A', 'www.example.com', undefined],
      [2, undefined, 'A', 'www.example.com', undefined],
      [3, 'NOERROR', undefined, 'www.example.com', undefined],
    ]);
  });

  it('a reply alone takes its query from the first answer; AA/RA only come with an answer', () => {
    const noAnswer = new Msg(9, RESPONSE | 0x0400, [1, 0, 1, 0])
      .question('x.example', 1)
      .rr(
        (m) => m.name('example'),
        DnsType.SOA,
        5,
        (m) => m.name('ns').name('h').u32(1).u32(2).u32(3).u32(4).u32(5),
      )
      .build();
    const [r] = logOf(UDP, [
      [query(9, 'x.example'), 1],
      [noAnswer, 2],
    ]);
    expect(r).toMatchObject({ AA: false, RA: false, rcode: 0, rejected: false });
    expect(r?.rtt).toBeUndefined();
    expect(r?.answers).toBeUndefined();
  });

  it('matches out-of-order replies and queued queries that share an id', () => {
    const records = logOf(UDP, [
      [query(1, 'one.example'), 1],
      [query(2, 'two.example'), 2],
      [query(1, 'again.example'), 3],
      [response(2, 'two.example'), 4],
      [response(1, 'one.example'), 5],
      [response(1, 'again.example'), 6],
    ]);
    expect(records.map((r) => [r.trans_id, r.query, r.rtt])).toEqual([
      [2, 'two.example', 2],
      [1, 'one.example', 4],
      [1, 'again.example', 3],
    ]);
  });

  it('marks rejections: an error with no question, or a question-only reply', () => {
    const refused = new Msg(5, 0x8005, [0, 0, 0, 0]).build();
    const empty = new Msg(6, 0x8000 | (4 << 11) | 5, [1, 0, 0, 0]).question('zone.example', 6).build();
    const notify = new Msg(6, (4 << 11) | 0x0400, [1, 0, 0, 0]).question('zone.example', 6).build();
    const records = logOf(UDP, [
      [query(5), 1],
      [refused, 2],
      [notify, 3],
      [empty, 4],
    ]);
    expect(records.map((r) => [r.trans_id, r.rcode_name, r.rejected, r.opcode_name])).toEqual([
      [5, 'REFUSED', true, 'query'],
      [6, 'REFUSED', true, 'notify'],
    ]);
  });

  it('multicast responders: every message is its own row', () => {
    const records = logOf({ ...UDP, responderIsMulticast: true }, [
      [query(0, 'printer.local'), 1],
      [response(0, 'printer.local'), 2],
    ]);
    expect(records.map((r) => [r.query, r.rcode_name, r.answers?.length, r.rtt])).toEqual([
      ['printer.local', undefined, undefined, undefined],
      ['printer.local', 'NOERROR', 2, undefined],
    ]);
  });

  it('NetBIOS: decoded names, NBSTAT for SRV, NetBIOS opcode names', () => {
    const records = logOf({ ...UDP, netbios: true }, [[query(1, 'FHEPFCELEHFCEPFFFACACACACACACABL', 33), 1]]);
    expect(records.map((r) => [r.query, r.qtype_name, r.opcode_name])).toEqual([
      ['WORKGROUP', 'NBSTAT', 'netbios-query'],
    ]);
  });

  it('ignores opcodes Zeek does not log, and bounds unmatched messages', () => {
    const status = new Msg(1, 2 << 11, [1, 0, 0, 0]).question('a', 1).build();
    expect(logOf(UDP, [[status, 1]])).toEqual([]);
    const out: DnsLogRecord[] = [];
    const log = new DnsTransactionLog(UDP, (r) => out.push(r), { maxPendingIds: 3, maxPendingMessages: 2 });
    for (let id = 0; id < 6; id++) log.observe(parsed(response(id)).msg, id);
    expect(out.map((r) => r.trans_id)).toEqual([0, 1, 2, 3]);
    for (let i = 0; i < 4; i++) log.observe(parsed(response(9)).msg, 10 + i);
    expect(out).toHaveLength(7);
    log.finish();
    expect(out.map((r) => r.trans_id).slice(7)).toEqual([4, 5, 9]);
  });
});

// ---------------------------------------------------------------------------------------------
// Zeek's own captures and the dns.log it wrote from them.

const DNS_PORTS = new Set([53, 137, 5353, 5355]);

/** Zeek's ASCII writer: non-printables and backslash as \xNN; in containers also the comma. */
function zeekText(s: string, inContainer = false): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c > 0x7e || c === 0x5c || (inContainer && c === 0x2c))
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}

const COMPARED = [
  'proto',
  'trans_id',
  'rtt',
  'query',
  'qclass',
  'qclass_name',
  'qtype',
  'qtype_name',
  'rcode',
  'rcode_name',
  'AA',
  'TC',
  'RD',
  'RA',
  'Z',
  'answers',
  'TTLs',
  'rejected',
  'opcode',
  'opcode_name',
] as const;

function zeekValue(r: DnsLogRecord, field: (typeof COMPARED)[number]): string {
  const v = r[field];
  if (v === undefined) return '-';
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (field === 'rtt') return (v as number).toFixed(6);
  if (field === 'TTLs') return (v as number[]).map((t) => t.toFixed(6)).join(',');
  if (field === 'answers') return (v as string[]).map((t) => zeekText(t, true)).join(',');
  return typeof v === 'string' ? zeekText(v) : String(v);
}

/** A Zeek ASCII log, or the `zeek-cut -m` form whose first plain line names the columns. */
function readZeekLog(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  let data = lines.filter((l) => l.length > 0 && !l.startsWith('#'));
  let fields = lines
    .find((l) => l.startsWith('#fields'))
    ?.split('\t')
    .slice(1);
  if (fields === undefined) {
    fields = data[0]?.split('\t') ?? [];
    data = data.slice(1);
  }
  const names = fields;
  return data.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i] ?? `?${i}`, v])));
}

function isMulticast(addr: string): boolean {
  if (addr.includes(':')) return addr.toLowerCase().startsWith('ff');
  const first = Number(addr.split('.')[0]);
  return first >= 224 && first <= 239;
}

interface Replay {
  records: DnsLogRecord[];
  events: ProtocolEvent[];
}

function replayTrace(path: string, options: DnsParseOptions = {}): Replay {
  const file = new Uint8Array(readFileSync(path));
  const records: DnsLogRecord[] = [];
  const events: ProtocolEvent[] = [];
  const logs = new Map<string, DnsTransactionLog>();
  for (const d of orientUdp(readUdpDatagrams(file), DNS_PORTS)) {
    if (!DNS_PORTS.has(d.respPort) && !DNS_PORTS.has(d.origPort)) continue;
    const netbios = d.respPort === 137;
    let log = logs.get(d.uid);
    if (log === undefined) {
      const conn = {
        uid: d.uid,
        proto: 'udp' as const,
        responderIsMulticast: isMulticast(d.respAddr),
        netbios,
      };
      log = new DnsTransactionLog(conn, (r) => records.push(r));
      logs.set(d.uid, log);
    }
    const ctx = { ts: d.ts, fileOffset: d.fileOffset };
    const msg = parseDnsMessage(d.payload, 0, d.payload.length, (e) => events.push(e), ctx, {
      ...options,
      netbios,
    });
    if (msg) log.observe(msg, d.ts);
  }
  for (const c of readTcpConnections(file)) {
    if (!DNS_PORTS.has(c.respPort)) continue;
    const log = new DnsTransactionLog(
      { uid: `T${c.origPort}`, proto: 'tcp', responderIsMulticast: false },
      (r) => records.push(r),
    );
    const framers = [new DnsTcpFramer(), new DnsTcpFramer()];
    for (const s of c.segments) {
      framers[s.fromOrig ? 0 : 1]!.push(s.data, (m) => {
        const msg = parseDnsMessage(
          m,
          0,
          m.length,
          (e) => events.push(e),
          { ts: s.ts, fileOffset: 0 },
          options,
        );
        if (msg) log.observe(msg, s.ts);
      });
    }
    log.finish();
  }
  for (const log of logs.values()) log.finish();
  return { records, events };
}

interface Agreement {
  rows: number;
  rowsEqual: number;
  fields: number;
  fieldsEqual: number;
  extraRows: number;
  mismatches: string[];
}

/** Greedy best match of each baseline row to an unused row of ours, counting equal fields. */
function compare(baseline: Record<string, string>[], ours: DnsLogRecord[], label: string): Agreement {
  const free = [...ours];
  const a: Agreement = { rows: 0, rowsEqual: 0, fields: 0, fieldsEqual: 0, extraRows: 0, mismatches: [] };
  for (const row of baseline) {
    const fields = COMPARED.filter((f) => row[f] !== undefined);
    let best = -1;
    let bestScore = -1;
    free.forEach((r, i) => {
      const score = fields.filter((f) => zeekValue(r, f) === row[f]).length;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    a.rows++;
    a.fields += fields.length;
    if (best < 0) {
      a.mismatches.push(`${label}: no row for ${row.trans_id} ${row.query}`);
      continue;
    }
    const r = free.splice(best, 1)[0]!;
    a.fieldsEqual += bestScore;
    if (bestScore === fields.length) a.rowsEqual++;
    else
      for (const f of fields)
        if (zeekValue(r, f) !== row[f])
          a.mismatches.push(`${label} ${row.trans_id} ${f}: zeek=${row[f]} ours=${zeekValue(r, f)}`);
  }
  a.extraRows = free.length;
  return a;
}

const casesPath = corpusPath('zeek', 'cases.json');

interface ZeekCase {
  readonly traces: readonly string[];
  readonly baseline: string;
  readonly files: readonly string[];
}

/** The traces the brief names (traces/dns/* with a dns.log, dns53, dns-zero-RRs, original case). */
const PRIMARY = [
  'scripts.base.protocols.dns.flip',
  'scripts.base.protocols.dns.zero-responses',
  'scripts.policy.protocols.dns.original_case',
  'scripts.base.protocols.dns.binds',
  'scripts.base.protocols.dns.tkey',
  'scripts.base.protocols.dns.mdns-no-assoc',
  'scripts.base.protocols.dns.notify',
  'scripts.base.protocols.dns.sshfp',
];
/** More of the same oracle: DNSSEC answers and a mixed capture (mDNS, LLMNR, NetBIOS). */
const EXTRA = [
  'scripts.base.protocols.dns.nsec',
  'scripts.base.protocols.dns.nsec3',
  'scripts.base.protocols.dns.nsec3param',
  'scripts.base.protocols.dns.ds',
  'scripts.base.protocols.dns.dnskey',
  'scripts.base.protocols.dns.dns-key',
  'opt.basic',
];

function agreementOver(baselines: readonly string[], cases: readonly ZeekCase[]): Agreement {
  const total: Agreement = { rows: 0, rowsEqual: 0, fields: 0, fieldsEqual: 0, extraRows: 0, mismatches: [] };
  for (const name of baselines) {
    const c = cases.find((x) => x.baseline === name);
    if (!c) throw new Error(`no case ${name}`);
    const trace = c.traces[0]!;
    const { records } = replayTrace(join(casesPath!, '..', 'traces', trace));
    const a = compare(readZeekLog(join(casesPath!, '..', 'baselines', name, 'dns.log')), records, trace);
    total.rows += a.rows;
    total.rowsEqual += a.rowsEqual;
    total.fields += a.fields;
    total.fieldsEqual += a.fieldsEqual;
    total.extraRows += a.extraRows;
    total.mismatches.push(...a.mismatches);
  }
  return total;
}

const percent = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

describe.skipIf(casesPath === undefined)('agreement with the dns.log Zeek wrote (corpus)', () => {
  const cases = casesPath === undefined ? [] : (JSON.parse(readFileSync(casesPath, 'utf8')) as ZeekCase[]);

  for (const [label, set] of [
    ['named traces', PRIMARY],
    ['DNSSEC and wikipedia.pcap', EXTRA],
  ] as const) {
    it(`matches Zeek on ${label}`, () => {
      const a = agreementOver(set, cases);
      process.stdout.write(
        `dns.log agreement (${label}): rows ${a.rowsEqual}/${a.rows} (${percent(a.rowsEqual, a.rows)}), ` +
          `fields ${a.fieldsEqual}/${a.fields} (${percent(a.fieldsEqual, a.fields)}), extra rows ${a.extraRows}\n` +
          a.mismatches.map((m) => `  ${m}\n`).join(''),
      );
      expect(a.rowsEqual).toBe(a.rows);
      expect(a.extraRows).toBe(0);
    });
  }

  it('reports the weirds Zeek reported on the malformed traces', () => {
    const expectations: [string, string, DnsParseOptions][] = [
      [
        'scripts.base.protocols.dns.max-compression-depth',
        'dns/max-compression-depth.pcap',
        { maxCompressionDepth: 5 },
      ],
      ['scripts.base.protocols.dns.max-queries', 'dns/conn-count-too-large.pcap', { maxQuestions: 3 }],
      ['scripts.base.protocols.dns.edns-bad-length', 'dns/dns-edns-bad-length.pcap', {}],
      ['scripts.base.protocols.dns.svcb-rdlength-mismatch', 'dns-svcb-rdlength-mismatch.pcap', {}],
      ['scripts.base.protocols.dns.svcb-port-malformed', 'dns/svcb-port-malformed.pcap', {}],
    ];
    for (const [baseline, trace, options] of expectations) {
      const zeek = readZeekLog(join(casesPath!, '..', 'baselines', baseline, 'weird.log')).filter(
        (w) => w.source === 'DNS',
      );
      const { events } = replayTrace(join(casesPath!, '..', 'traces', trace), options);
      expect(
        events.map((e) => [e.name, e.detail]),
        trace,
      ).toEqual(zeek.map((w) => [w.name, w.addl === '-' ? expect.any(String) : w.addl]));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing: real messages mutated, and random bytes.

function corpusMessages(): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (casesPath !== undefined) {
    const traces = join(casesPath, '..', 'traces');
    for (const t of [
      'dns/sshfp-trunc.pcap',
      'dns/dns_notify2.pcap',
      'dnssec/nsec3.pcap',
      'dns/mdns.pcap',
      'dns53.pcap',
    ]) {
      for (const d of readUdpDatagrams(new Uint8Array(readFileSync(join(traces, t))))) out.push(d.payload);
    }
  }
  out.push(
    new Msg(1, RESPONSE, [1, 1, 0, 1])
      .question('www.example.com', 1)
      .rr(
        (m) => m.u16(0xc00c),
        DnsType.CNAME,
        60,
        (m) => m.name('edge', 0x10),
      )
      .rr(
        (m) => m.u8(0),
        DnsType.OPT,
        0,
        (m) => m.u16(8).u16(7).u16(1).u8(24, 0).u8(198, 51, 100),
        1232,
      )
      .build(),
  );
  return out;
}

describe('fuzzing', () => {
  const seeds = corpusMessages();
  const clean = seeds[seeds.length - 1]!;
  const cleanParse = (): unknown => {
    const { msg } = parsed(clean);
    return [msg.questions, msg.answers.map((a) => zeekAnswerText(a)), msg.complete];
  };
  const expected = cleanParse();

  function exercise(bytes: Uint8Array, netbios: boolean): void {
    const events: ProtocolEvent[] = [];
    const msg = parseDnsMessage(
      bytes,
      0,
      bytes.length,
      (e) => events.push(e),
      { ts: 0, fileOffset: 0 },
      { netbios },
    );
    if (msg) {
      for (const rr of [...msg.answers, ...msg.authority, ...msg.additional]) zeekAnswerText(rr);
      const log = new DnsTransactionLog(UDP, () => {});
      log.observe(msg, 0);
      log.finish();
      for (const q of msg.questions) expect(q.name.length).toBeLessThanOrEqual(512);
    }
    for (const e of events) expect(typeof e.name).toBe('string');
  }

  it('mutated real messages never throw and the parser still works afterwards', () => {
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.boolean(),
        (which, flips, cut, netbios) => {
          const bytes = seeds[which]!.slice();
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          exercise(bytes.subarray(0, bytes.length - (cut % 8)), netbios);
        },
      ),
      { numRuns: 3000 },
    );
    expect(cleanParse()).toEqual(expected);
  });

  it('random bytes never throw, and a flood of pointers stays cheap', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), fc.boolean(), (bytes, netbios) => {
        exercise(bytes, netbios);
      }),
      { numRuns: 3000 },
    );
    // Worst case for names: every question a pointer to the one before, 65,535 questions claimed.
    const m = new Msg(1, QUERY, [0xffff, 0, 0, 0]).question('a'.repeat(63), 1);
    for (let i = 0; i < 10_000; i++)
      m.u16(0xc000 | (m.at - 6 > 0x3fff ? 12 : m.at - 6))
        .u16(1)
        .u16(1);
    const started = performance.now();
    const { msg } = parsed(m.build(), { maxQuestions: 0 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(msg.complete).toBe(false);
    expect(cleanParse()).toEqual(expected);
  });
});
