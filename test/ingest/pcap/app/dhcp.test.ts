import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DhcpExchangeLog,
  type DhcpLogRecord,
  type DhcpMessage,
  type DhcpObservation,
  dhcpMessageTypeName,
  parseDhcpMessage,
  zeekMac,
} from '../../../../src/ingest/pcap/app/dhcp.js';
import type { ProtocolEvent } from '../../../../src/ingest/pcap/packet.js';
import { corpusPath } from '../../../helpers/corpus.js';
import { orientUdp, readUdpDatagrams, type UdpConnectionDatagram } from '../../../helpers/udp-payloads.js';

// ---------------------------------------------------------------------------------------------
// Building messages by hand.

interface Build {
  op?: number;
  xid?: number;
  hlen?: number;
  flags?: number;
  ciaddr?: number[];
  yiaddr?: number[];
  chaddr?: number[];
  sname?: number[];
  file?: number[];
  cookie?: boolean;
  /** [code, ...value] per option; END appended unless `noEnd`. */
  options?: number[][];
  noEnd?: boolean;
}

const MAC = [0x90, 0xb1, 0x1c, 0x99, 0x49, 0x29];
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function dhcp(b: Build = {}): Uint8Array {
  const m = new Uint8Array(236);
  m[0] = b.op ?? 1;
  m[1] = 1;
  m[2] = b.hlen ?? 6;
  new DataView(m.buffer).setUint32(4, b.xid ?? 0x1234abcd);
  new DataView(m.buffer).setUint16(10, b.flags ?? 0);
  m.set(b.ciaddr ?? [0, 0, 0, 0], 12);
  m.set(b.yiaddr ?? [0, 0, 0, 0], 16);
  m.set(b.chaddr ?? MAC, 28);
  m.set(b.sname ?? [], 44);
  m.set(b.file ?? [], 108);
  const tail: number[] = b.cookie === false ? [] : [0x63, 0x82, 0x53, 0x63];
  for (const [code, ...value] of b.options ?? [[53, 1]]) tail.push(code!, value.length, ...value);
  if (b.cookie !== false && !b.noEnd) tail.push(255);
  return Uint8Array.from([...m, ...tail]);
}

function parse(bytes: Uint8Array): { msg: DhcpMessage | undefined; events: ProtocolEvent[] } {
  const events: ProtocolEvent[] = [];
  const msg = parseDhcpMessage(bytes, 0, bytes.length, (e) => events.push(e), { ts: 0, fileOffset: 0 });
  return { msg, events };
}

function parsed(bytes: Uint8Array): { msg: DhcpMessage; events: string[] } {
  const r = parse(bytes);
  if (!r.msg) throw new Error('no message');
  return { msg: r.msg, events: r.events.map((e) => e.name) };
}

describe('DHCP messages', () => {
  it('decodes the BOOTP header', () => {
    const { msg, events } = parsed(
      dhcp({
        op: 2,
        xid: 0x7c0,
        flags: 0x8000,
        ciaddr: [10, 0, 0, 1],
        yiaddr: [10, 0, 0, 2],
        options: [[53, 2]],
      }),
    );
    expect(events).toEqual([]);
    expect(msg).toMatchObject({
      op: 2,
      htype: 1,
      hlen: 6,
      xid: 0x7c0,
      broadcast: true,
      ciaddr: '10.0.0.1',
      yiaddr: '10.0.0.2',
      siaddr: '0.0.0.0',
      giaddr: '0.0.0.0',
      chaddr: '90:b1:1c:99:49:29',
      hardwareAddress: '90:b1:1c:99:49:29',
      hasMagicCookie: true,
      messageType: 2,
    });
    expect(msg.serverName).toBeUndefined();
  });

  it('decodes every option the log and detectors use', () => {
    const { msg, events } = parsed(
      dhcp({
        options: [
          [53, 3],
          [1, 255, 255, 255, 0],
          [3, 10, 0, 0, 1, 10, 0, 0, 2],
          [6, 8, 8, 8, 8],
          [12, ...ascii('laptop')],
          [15, ...ascii('example.org'), 0],
          [50, 10, 0, 0, 9],
          [51, 0, 0, 0x0e, 0x10],
          [54, 10, 0, 0, 1],
          [55, 1, 3, 6, 15],
          [56, ...ascii('no lease')],
          [57, 5, 220],
          [58, 0, 0, 7, 8],
          [59, 0, 0, 12, 78],
          [60, ...ascii('MSFT 5.0')],
          [61, 1, ...MAC],
          [77, ...ascii('class')],
          [81, 0x05, 0, 0, 4, ...ascii('host'), 7, ...ascii('example'), 0],
          [82, 1, 3, ...ascii('abc'), 2, 1, 0x13],
        ],
      }),
    );
    expect(events).toEqual([]);
    expect(msg.messageType).toBe(3);
    expect(msg.options).toEqual({
      codes: [53, 1, 3, 6, 12, 15, 50, 51, 54, 55, 56, 57, 58, 59, 60, 61, 77, 81, 82],
      subnetMask: '255.255.255.0',
      routers: ['10.0.0.1', '10.0.0.2'],
      dnsServers: ['8.8.8.8'],
      hostName: 'laptop',
      domainName: 'example.org',
      requestedAddress: '10.0.0.9',
      leaseTime: 3600,
      serverId: '10.0.0.1',
      parameterRequestList: [1, 3, 6, 15],
      message: 'no lease',
      maxMessageSize: 1500,
      renewalTime: 1800,
      rebindingTime: 3150,
      vendorClass: 'MSFT 5.0',
      clientId: { hardwareType: 1, address: '90:b1:1c:99:49:29', hex: '90b11c994929' },
      userClass: 'class',
      clientFqdn: {
        flags: 5,
        rcode1: 0,
        rcode2: 0,
        rawName: '\x04host\x07example\x00',
        domainName: 'host.example',
      },
      relayAgentInformation: [
        { code: 1, value: 'abc' },
        { code: 2, value: '\x13' },
      ],
    });
  });

  it('reads PAD, stops at END, and reads overloaded file and sname fields (file first)', () => {
    const file = [0, 0, 12, 2, ...ascii('pc'), 255];
    const sname = [15, 3, ...ascii('lan'), 255];
    const { msg, events } = parsed(dhcp({ file, sname, options: [[0], [53, 1], [52, 3]] }));
    expect(events).toEqual([]);
    expect(msg.options).toMatchObject({
      codes: [53, 52, 12, 15],
      hostName: 'pc',
      domainName: 'lan',
      overload: 3,
    });
    expect(msg.serverName).toBeUndefined();
    expect(msg.bootFileName).toBeUndefined();
    const plain = parsed(dhcp({ sname: ascii('server'), file: ascii('pxelinux.0') })).msg;
    expect([plain.serverName, plain.bootFileName]).toEqual(['server', 'pxelinux.0']);
  });

  it('chaddr as Zeek prints it (EUI-48 or EUI-64) and bounded by hlen', () => {
    const eui64 = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(parsed(dhcp({ chaddr: eui64, hlen: 8 })).msg).toMatchObject({
      chaddr: '01:02:03:04:05:06:07:08',
      hardwareAddress: '01:02:03:04:05:06:07:08',
    });
    const big = parsed(dhcp({ hlen: 200 }));
    expect(big.events).toEqual(['DHCP_bad_hlen']);
    expect(big.msg.hardwareAddress.split(':')).toHaveLength(16);
    expect(zeekMac(Uint8Array.of(1, 2, 3, 4, 5), 0, 5)).toBe('');
    expect(zeekMac(Uint8Array.of(1, 2, 3, 4, 5, 6, 7), 0, 7)).toBe('');
  });

  it('reports truncation, bad lengths, a missing cookie, type or END, and keeps what it read', () => {
    const short = parse(dhcp().subarray(0, 235));
    expect(short.msg).toBeUndefined();
    expect(short.events.map((e) => e.name)).toEqual(['DHCP_truncated']);

    const cut = dhcp({
      options: [
        [53, 1],
        [12, ...ascii('abcdef')],
      ],
      noEnd: true,
    });
    const t = parsed(cut.subarray(0, cut.length - 3));
    expect(t.events).toEqual(['DHCP_option_truncated', 'DHCP_options_without_end']);
    expect(t.msg.messageType).toBe(1);

    const bad = parsed(
      dhcp({
        options: [
          [53, 1],
          [51, 1, 2],
          [3, 1, 2, 3, 4, 5],
          [61, 1],
        ],
      }),
    );
    expect(bad.events).toEqual([
      'DHCP_option_bad_length',
      'DHCP_option_bad_length',
      'DHCP_option_bad_length',
    ]);
    expect(bad.msg.options.routers).toEqual(['1.2.3.4']);

    const bootp = parsed(dhcp({ cookie: false }));
    expect(bootp.events).toEqual(['DHCP_bad_magic_cookie']);
    expect(bootp.msg.options.codes).toEqual([]);

    expect(parsed(dhcp({ options: [[12, 97]] })).events).toEqual(['DHCP_no_message_type']);
  });

  it('names message types as Zeek does', () => {
    expect([1, 5, 8, 18, 0, 19].map(dhcpMessageTypeName)).toEqual([
      'DISCOVER',
      'ACK',
      'INFORM',
      'TLS',
      'unknown-message-type-0',
      'unknown-message-type-19',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Aggregation into dhcp.log lines.

const client = (ts: number, uid = 'C1'): DhcpObservation => ({
  ts,
  uid,
  isOrig: true,
  origAddr: '0.0.0.0',
  origPort: 68,
  respAddr: '255.255.255.255',
  respPort: 67,
});
/** A server reply broadcast to port 68: the tracker flips it, so the server is the responder. */
const server = (ts: number, uid = 'C2'): DhcpObservation => ({
  ts,
  uid,
  isOrig: false,
  origAddr: '255.255.255.255',
  origPort: 68,
  respAddr: '10.0.0.1',
  respPort: 67,
});

function aggregate(steps: [Uint8Array, DhcpObservation][], limits = {}): DhcpLogRecord[] {
  const out: DhcpLogRecord[] = [];
  const log = new DhcpExchangeLog((r) => out.push(r), limits);
  for (const [bytes, at] of steps) log.observe(parsed(bytes).msg, at);
  log.finish();
  return out;
}

describe('dhcp.log aggregation (Zeek base/protocols/dhcp/main.zeek)', () => {
  const discover = dhcp({
    options: [
      [53, 1],
      [12, ...ascii('pc')],
      [50, 10, 0, 0, 9],
    ],
  });
  const offer = dhcp({
    op: 2,
    yiaddr: [10, 0, 0, 9],
    options: [
      [53, 2],
      [51, 0, 0, 14, 16],
      [15, ...ascii('lan')],
    ],
  });
  const request = dhcp({
    options: [
      [53, 3],
      [61, 1, ...MAC.slice(0, 5), 0x30],
    ],
  });
  const ack = dhcp({
    op: 2,
    yiaddr: [10, 0, 0, 9],
    options: [
      [53, 5],
      [51, 0, 0, 14, 16],
    ],
  });

  it('joins one exchange by transaction id', () => {
    const [r, ...rest] = aggregate([
      [discover, client(1)],
      [offer, server(1.5)],
      [request, client(2)],
      [ack, server(2.25)],
    ]);
    expect(rest).toEqual([]);
    expect(r).toEqual({
      ts: 1,
      uids: ['C1', 'C2'],
      client_addr: '10.0.0.9',
      server_addr: '10.0.0.1',
      mac: '90:b1:1c:99:49:30',
      host_name: 'pc',
      domain: 'lan',
      requested_addr: '10.0.0.9',
      assigned_addr: '10.0.0.9',
      lease_time: 3600,
      msg_types: ['DISCOVER', 'OFFER', 'REQUEST', 'ACK'],
      duration: 1.25,
    });
  });

  it("takes mac from a server's chaddr, else the client's at expiry; splits client and server messages", () => {
    const decline = dhcp({
      options: [
        [53, 4],
        [56, ...ascii('in use')],
      ],
    });
    const nak = dhcp({
      op: 2,
      xid: 9,
      chaddr: [2, 0, 0, 0, 0, 1],
      options: [
        [53, 6],
        [56, ...ascii('no')],
      ],
    });
    const records = aggregate([
      [decline, client(1)],
      [nak, server(2)],
    ]);
    expect(
      records.map((r) => [r.msg_types[0], r.mac, r.client_message, r.server_message, r.server_addr]),
    ).toEqual([
      ['DECLINE', '90:b1:1c:99:49:29', 'in use', undefined, undefined],
      ['NAK', '02:00:00:00:00:01', undefined, 'no', undefined],
    ]);
  });

  it('expires idle exchanges by capture time, and bounds uids, types and open exchanges', () => {
    const out: DhcpLogRecord[] = [];
    const log = new DhcpExchangeLog((r) => out.push(r));
    log.observe(parsed(discover).msg, client(0));
    log.observe(parsed(dhcp({ xid: 2 })).msg, client(9));
    expect(out).toEqual([]);
    log.observe(parsed(dhcp({ xid: 3 })).msg, client(10.5));
    expect(out.map((r) => r.ts)).toEqual([0]);
    // xid 2 stays busy (rechecked every 5 s); xid 3 goes idle and is logged 10 s after it began.
    log.observe(parsed(dhcp({ xid: 2 })).msg, client(18));
    log.observe(parsed(dhcp({ xid: 2 })).msg, client(22));
    expect(out.map((r) => r.ts)).toEqual([0, 10.5]);
    log.expire(26);
    expect(out).toHaveLength(2);
    log.expire(28);
    expect(out.map((r) => r.ts)).toEqual([0, 10.5, 9]);

    const manyUids = aggregate(Array.from({ length: 12 }, (_, i) => [discover, client(i / 100, `U${i}`)]));
    expect(manyUids.map((r) => r.uids.length)).toEqual([10, 2]);
    const manyTypes = aggregate(
      Array.from({ length: 7 }, (_, i) => [discover, client(i / 100)]),
      {
        maxMessageTypesPerEntry: 3,
      },
    );
    expect(manyTypes.map((r) => r.msg_types.length)).toEqual([3, 3, 1]);

    const bounded: DhcpLogRecord[] = [];
    const small = new DhcpExchangeLog((r) => bounded.push(r), { maxOpenExchanges: 2 });
    for (let xid = 0; xid < 5; xid++) small.observe(parsed(dhcp({ xid })).msg, client(xid / 10));
    expect(small.openExchanges).toBe(2);
    expect(small.evicted).toBe(3);
    small.finish();
    expect(bounded).toHaveLength(5);
  });

  it('ignores BOOTP without the DHCP cookie', () => {
    expect(aggregate([[dhcp({ cookie: false }), client(1)]])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Zeek's captures and the dhcp.log it wrote.

/** Zeek's likely_server_ports that matter here: 67/udp from the DHCP scripts. */
const LIKELY_SERVER_PORTS = new Set([67]);
const DHCP_PORTS = new Set([67, 68, 4011]);

function replay(path: string): {
  records: DhcpLogRecord[];
  events: ProtocolEvent[];
  messages: DhcpMessage[];
} {
  const records: DhcpLogRecord[] = [];
  const events: ProtocolEvent[] = [];
  const messages: DhcpMessage[] = [];
  const log = new DhcpExchangeLog((r) => records.push(r));
  const datagrams: UdpConnectionDatagram[] = orientUdp(
    readUdpDatagrams(new Uint8Array(readFileSync(path))),
    LIKELY_SERVER_PORTS,
  );
  for (const d of datagrams) {
    if (!DHCP_PORTS.has(d.respPort) && !DHCP_PORTS.has(d.origPort)) continue;
    const msg = parseDhcpMessage(d.payload, 0, d.payload.length, (e) => events.push(e), d);
    if (!msg) continue;
    messages.push(msg);
    log.observe(msg, d);
  }
  log.finish();
  return { records, events, messages };
}

const COMPARED = [
  'client_addr',
  'server_addr',
  'mac',
  'host_name',
  'client_fqdn',
  'domain',
  'requested_addr',
  'assigned_addr',
  'lease_time',
  'client_message',
  'server_message',
  'msg_types',
  'duration',
] as const;

function zeekText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c > 0x7e || c === 0x5c ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

function zeekValue(r: DhcpLogRecord, field: (typeof COMPARED)[number] | 'uids'): string {
  const v = r[field];
  if (v === undefined) return '-';
  if (field === 'lease_time' || field === 'duration') return (v as number).toFixed(6);
  if (field === 'uids') return String((v as string[]).length);
  if (Array.isArray(v)) return v.join(',');
  return typeof v === 'string' ? (v === '' ? '(empty)' : zeekText(v)) : String(v);
}

function readZeekLog(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const fields =
    lines
      .find((l) => l.startsWith('#fields'))
      ?.split('\t')
      .slice(1) ?? [];
  return lines
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .map((l) => Object.fromEntries(l.split('\t').map((v, i) => [fields[i] ?? `?${i}`, v])));
}

const casesPath = corpusPath('zeek', 'cases.json');

interface ZeekCase {
  readonly traces: readonly string[];
  readonly baseline: string;
  readonly files: readonly string[];
}

describe.skipIf(casesPath === undefined)('agreement with the dhcp.log Zeek wrote (corpus)', () => {
  const root = casesPath === undefined ? '' : join(casesPath, '..');
  const cases = casesPath === undefined ? [] : (JSON.parse(readFileSync(casesPath, 'utf8')) as ZeekCase[]);
  const dhcpCases = cases.filter(
    (c) => c.files.includes('dhcp.log') && c.traces.every((t) => t.startsWith('dhcp/')),
  );

  it('covers every trace under traces/dhcp', () => {
    const traces = new Set(dhcpCases.flatMap((c) => c.traces));
    expect([...traces].sort()).toEqual(readdirSync(join(root, 'traces', 'dhcp')).map((f) => `dhcp/${f}`));
  });

  it('matches Zeek field by field (uids compared by count)', () => {
    let rows = 0;
    let rowsEqual = 0;
    let fields = 0;
    let fieldsEqual = 0;
    let extra = 0;
    const mismatches: string[] = [];
    for (const c of dhcpCases) {
      const ours = [...replay(join(root, 'traces', c.traces[0]!)).records];
      for (const row of readZeekLog(join(root, 'baselines', c.baseline, 'dhcp.log'))) {
        const names = [...COMPARED, 'uids' as const];
        const expectedOf = (f: (typeof names)[number]): string =>
          f === 'uids' ? String(row.uids?.split(',').length ?? 0) : (row[f] ?? '?');
        let best = -1;
        let bestScore = -1;
        ours.forEach((r, i) => {
          const score = names.filter((f) => zeekValue(r, f) === expectedOf(f)).length;
          if (score > bestScore) [best, bestScore] = [i, score];
        });
        rows++;
        fields += names.length;
        if (best < 0) {
          mismatches.push(`${c.baseline}: no row for ${row.msg_types}`);
          continue;
        }
        const r = ours.splice(best, 1)[0]!;
        fieldsEqual += bestScore;
        if (bestScore === names.length) rowsEqual++;
        for (const f of names)
          if (zeekValue(r, f) !== expectedOf(f))
            mismatches.push(`${c.baseline} ${f}: zeek=${expectedOf(f)} ours=${zeekValue(r, f)}`);
      }
      extra += ours.length;
    }
    process.stdout.write(
      `dhcp.log agreement: rows ${rowsEqual}/${rows}, fields ${fieldsEqual}/${fields} ` +
        `(${((100 * fieldsEqual) / Math.max(1, fields)).toFixed(1)}%), extra rows ${extra}\n` +
        mismatches.map((m) => `  ${m}\n`).join(''),
    );
    expect(mismatches).toEqual([]);
    expect(extra).toBe(0);
  });

  it('decodes the relay agent sub-options Zeek logs with policy/protocols/dhcp/sub-opts', () => {
    const { messages, events } = replay(
      join(root, 'traces', 'dhcp/dhcp_ack_subscriber_id_and_agent_remote_id.pcap'),
    );
    expect(events).toEqual([]);
    const row = readZeekLog(
      join(root, 'baselines', 'scripts.base.protocols.dhcp.dhcp-sub-opts', 'dhcp.log'),
    )[0]!;
    const subs = messages[0]?.options.relayAgentInformation ?? [];
    const value = (code: number): string => zeekText(subs.find((s) => s.code === code)?.value ?? '-');
    expect([value(1), value(2), value(6)]).toEqual([row.circuit_id, row.agent_remote_id, row.subscriber_id]);
  });

  it('raises no events on the well-formed traces', () => {
    for (const f of readdirSync(join(root, 'traces', 'dhcp'))) {
      expect(replay(join(root, 'traces', 'dhcp', f)).events, f).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing.

function seeds(): Uint8Array[] {
  const out: Uint8Array[] = [
    dhcp({
      options: [
        [53, 1],
        [52, 3],
        [81, 4, 0, 0, 3, 97, 98, 99, 0],
        [82, 1, 1, 65],
      ],
      file: [12, 1, 65, 255],
    }),
  ];
  if (casesPath !== undefined) {
    const dir = join(casesPath, '..', 'traces', 'dhcp');
    for (const f of readdirSync(dir)) {
      for (const d of readUdpDatagrams(new Uint8Array(readFileSync(join(dir, f))))) out.push(d.payload);
    }
  }
  return out;
}

describe('fuzzing', () => {
  const all = seeds();
  const clean = all[0]!;
  const expected = parsed(clean);

  function exercise(bytes: Uint8Array): void {
    const { msg } = parse(bytes);
    if (msg) {
      const log = new DhcpExchangeLog(() => {}, { maxOpenExchanges: 4 });
      log.observe(msg, client(0));
      log.observe(msg, server(1));
      log.finish();
    }
  }

  it('mutated real messages never throw and the parser still works afterwards', () => {
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }),
        fc.nat(),
        (which, flips, cut) => {
          const bytes = all[which]!.slice();
          // Mutate the options mostly: that is where the lengths are.
          for (const [at, value] of flips) bytes[236 + (at % Math.max(1, bytes.length - 236))] = value;
          if (flips.length > 8) bytes[flips[0]![0] % bytes.length] = flips[0]![1];
          exercise(bytes.subarray(0, bytes.length - (cut % 32)));
        },
      ),
      { numRuns: 3000 },
    );
    expect(parsed(clean)).toEqual(expected);
  });

  it('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 700 }), fc.boolean(), (bytes, cookie) => {
        if (cookie && bytes.length >= 240) bytes.set([0x63, 0x82, 0x53, 0x63], 236);
        exercise(bytes);
      }),
      { numRuns: 3000 },
    );
    expect(parsed(clean)).toEqual(expected);
  });
});
