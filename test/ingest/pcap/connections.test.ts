import { describe, expect, it } from 'vitest';
import { type ConnRecord, ConnTracker } from '../../../src/ingest/pcap/connections.js';
import { DecodedPacket, IpProto, type ProtocolEvent, TcpFlag } from '../../../src/ingest/pcap/packet.js';
import { parseAddress } from '../../../src/shared/addr.js';

const { Syn, Ack, Fin, Rst, Psh } = TcpFlag;

interface Pkt {
  t: number;
  from: 'c' | 's';
  flags?: number;
  seq?: number;
  ack?: number;
  len?: number;
  window?: number;
  proto?: number;
  icmpType?: number;
}

const CLIENT = '10.0.0.5';
const SERVER = '198.51.100.7';

/** Runs packets between CLIENT:40000 and SERVER:port through a tracker. */
function track(
  packets: Pkt[],
  port = 80,
  options = {},
): { conns: ConnRecord[]; events: ProtocolEvent[]; tracker: ConnTracker } {
  const conns: ConnRecord[] = [];
  const events: ProtocolEvent[] = [];
  const tracker = new ConnTracker(
    (r) => conns.push(r),
    (e) => events.push(e),
    options,
  );
  const p = new DecodedPacket();
  const c = parseAddress(CLIENT)!;
  const s = parseAddress(SERVER)!;
  for (const k of packets) {
    p.reset();
    p.ts = k.t;
    p.ipVersion = 4;
    const fromClient = k.from === 'c';
    p.addr.set(fromClient ? c : s, 0);
    p.addr.set(fromClient ? s : c, 4);
    p.ipProto = k.proto ?? IpProto.Tcp;
    p.srcPort = fromClient ? 40000 : port;
    p.dstPort = fromClient ? port : 40000;
    p.tcpFlags = k.flags ?? 0;
    p.seq = k.seq ?? 0;
    p.ack = k.ack ?? 0;
    p.window = k.window ?? 65535;
    p.payloadClaimed = k.len ?? 0;
    p.payloadLength = k.len ?? 0;
    p.icmpType = k.icmpType ?? 0;
    const header = p.ipProto === IpProto.Tcp ? 40 : 28;
    p.ipLength = header + (k.len ?? 0);
    tracker.observe(p);
  }
  tracker.flush();
  return { conns, events, tracker };
}

/** A complete exchange: handshake, request, response, FINs both ways. */
const FULL: Pkt[] = [
  { t: 1, from: 'c', flags: Syn, seq: 1000 },
  { t: 1.1, from: 's', flags: Syn | Ack, seq: 5000, ack: 1001 },
  { t: 1.2, from: 'c', flags: Ack, seq: 1001, ack: 5001 },
  { t: 1.3, from: 'c', flags: Psh | Ack, seq: 1001, ack: 5001, len: 100 },
  { t: 1.4, from: 's', flags: Psh | Ack, seq: 5001, ack: 1101, len: 1400 },
  { t: 1.5, from: 'c', flags: Fin | Ack, seq: 1101, ack: 6401 },
  { t: 1.6, from: 's', flags: Fin | Ack, seq: 6401, ack: 1102 },
  { t: 1.7, from: 'c', flags: Ack, seq: 1102, ack: 6402 },
];

describe('TCP connections the way Zeek logs them', () => {
  it('a complete exchange is SF with sequence-derived byte counts and the full history', () => {
    const [conn] = track(FULL).conns;
    expect(conn).toMatchObject({
      origH: CLIENT,
      origP: 40000,
      respH: SERVER,
      respP: 80,
      proto: 'tcp',
      connState: 'SF',
      history: 'ShADdFf',
      origBytes: 100,
      respBytes: 1400,
      origPkts: 5,
      respPkts: 3,
      origIpBytes: 5 * 40 + 100,
      respIpBytes: 3 * 40 + 1400,
    });
    // the last ACK after both FINs does not extend the connection (Zeek stops the clock at close)
    expect(conn!.duration).toBeCloseTo(0.6, 9);
    expect(conn!.communityId).toMatch(/^1:[A-Za-z0-9+/]{27}=$/);
  });

  it('an unanswered SYN is S0 with no duration; a retry after 5 s is a new connection', () => {
    const { conns } = track([
      { t: 10, from: 'c', flags: Syn, seq: 7 },
      { t: 11, from: 'c', flags: Syn, seq: 7 },
      { t: 13, from: 'c', flags: Syn, seq: 7 },
      { t: 20, from: 'c', flags: Syn, seq: 7 },
    ]);
    expect(conns.map((c) => [c.connState, c.history, c.origPkts])).toEqual([
      ['S0', 'S', 3],
      ['S0', 'S', 1],
    ]);
    expect(conns[1]!.duration).toBeUndefined();
    expect(conns[1]!.origBytes).toBeUndefined();
    expect(conns[0]!.duration).toBeCloseTo(3, 9);
  });

  it('a SYN answered by RST is REJ', () => {
    const [conn] = track([
      { t: 1, from: 'c', flags: Syn, seq: 100 },
      { t: 1.01, from: 's', flags: Rst | Ack, seq: 0, ack: 101 },
    ]).conns;
    expect(conn).toMatchObject({ connState: 'REJ', history: 'Sr' });
  });

  it('reset by the originator after the handshake is RSTO; resent data shows as T', () => {
    const [conn] = track([
      ...FULL.slice(0, 4),
      { t: 1.35, from: 'c', flags: Psh | Ack, seq: 1001, ack: 5001, len: 100 },
      { t: 1.4, from: 'c', flags: Rst | Ack, seq: 1101, ack: 5001 },
    ]).conns;
    expect(conn).toMatchObject({ connState: 'RSTO', history: 'ShADTR', origBytes: 100 });
  });

  it('a connection seen from the middle is numbered from its first packet', () => {
    const [conn] = track([
      { t: 1, from: 'c', flags: Ack | Psh, seq: 50_000, ack: 9000, len: 10 },
      { t: 2, from: 's', flags: Ack | Psh, seq: 9000, ack: 50_010, len: 20 },
    ]).conns;
    expect(conn).toMatchObject({ connState: 'OTH', history: 'Dd', origBytes: 10, respBytes: 20 });
  });

  it('counts bytes across a sequence-number wrap', () => {
    const start = 2 ** 32 - 10;
    const [conn] = track([
      { t: 1, from: 'c', flags: Syn, seq: start },
      { t: 1.1, from: 's', flags: Syn | Ack, seq: 1, ack: start + 1 },
      { t: 1.2, from: 'c', flags: Ack | Psh, seq: start + 1, ack: 2, len: 1000 },
      { t: 1.3, from: 's', flags: Ack, seq: 2, ack: (start + 1001) % 2 ** 32 },
    ]).conns;
    expect(conn!.origBytes).toBe(1000);
  });

  it('a SYN on a closed tuple starts a new connection', () => {
    const again = FULL.map((p) => ({
      ...p,
      t: p.t + 1,
      seq: (p.seq ?? 0) + (p.from === 'c' ? 77 : 0),
      ack: (p.ack ?? 0) + (p.from === 's' ? 77 : 0),
    }));
    const { conns } = track([...FULL, ...again]);
    expect(conns.map((c) => c.connState)).toEqual(['SF', 'SF']);
    expect(new Set(conns.map((c) => c.uid)).size).toBe(2);
  });

  it('holds at most maxConnections, ending the longest idle early and counting it', () => {
    const conns: ConnRecord[] = [];
    const tracker = new ConnTracker(
      (r) => conns.push(r),
      () => {},
      { maxConnections: 3 },
    );
    const p = new DecodedPacket();
    for (let i = 0; i < 10; i++) {
      p.reset();
      p.ts = i * 0.001;
      p.addr.set(parseAddress(`10.0.0.${i + 1}`)!, 0);
      p.addr.set(parseAddress(SERVER)!, 4);
      p.ipProto = IpProto.Tcp;
      p.srcPort = 1000 + i;
      p.dstPort = 80;
      p.tcpFlags = Syn;
      tracker.observe(p);
      expect(tracker.openConnections).toBeLessThanOrEqual(3);
    }
    tracker.flush();
    expect(conns).toHaveLength(10);
    expect(tracker.evictedEarly).toBe(7);
  });
});

describe('UDP and ICMP flows', () => {
  it('a UDP request and reply is SF with payload byte counts', () => {
    const [conn] = track(
      [
        { t: 1, from: 'c', proto: IpProto.Udp, len: 40 },
        { t: 1.2, from: 's', proto: IpProto.Udp, len: 120 },
      ],
      53,
    ).conns;
    expect(conn).toMatchObject({
      proto: 'udp',
      connState: 'SF',
      history: 'Dd',
      origBytes: 40,
      respBytes: 120,
    });
  });

  it('a reply seen first from a server port is flipped so the client is the originator', () => {
    const [conn] = track([{ t: 1, from: 's', proto: IpProto.Udp, len: 120 }], 53).conns;
    expect(conn).toMatchObject({ origH: CLIENT, respP: 53, history: '^d', connState: 'SHR' });
  });

  it('ICMP echo request and reply share one flow keyed by type and counterpart', () => {
    const { conns } = track([
      { t: 1, from: 'c', proto: IpProto.Icmp, icmpType: 8, len: 56 },
      { t: 1.01, from: 's', proto: IpProto.Icmp, icmpType: 0, len: 56 },
    ]);
    expect(conns).toHaveLength(1);
    expect(conns[0]).toMatchObject({
      proto: 'icmp',
      origP: 8,
      respP: 0,
      connState: 'OTH',
      origPkts: 1,
      respPkts: 1,
    });
  });
});
