/**
 * Tunnels, unusual link layers and fragment reassembly, end to end through `extractCapture`:
 * Zeek's own test traces against its baselines (connection rows, the shape of
 * `tunnel_parents`, tunnel.log discoveries), and built packets for the malformed cases.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConnRecord } from '../../../src/ingest/pcap/connections.js';
import { type ExtractResult, extractCapture } from '../../../src/ingest/pcap/extract.js';
import { corpusPath } from '../../helpers/corpus.js';
import {
  buildPcap,
  bytes,
  concatBytes,
  EtherType,
  ethernet,
  fragmentHeader,
  gre,
  icmp6,
  ipv4,
  ipv6,
  rawSegment,
  tcp,
  udp,
  vxlan,
} from '../../helpers/pcap.js';

type Row = Record<string, string>;

function baselineRows(text: string): Row[] {
  let fields: string[] = [];
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#fields\t')) fields = line.split('\t').slice(1);
    if (line === '' || line.startsWith('#')) continue;
    const values = line.split('\t');
    rows.push(Object.fromEntries(fields.map((f, i) => [f, values[i] ?? ''])));
  }
  return rows;
}

const COUNTED = ['proto', 'conn_state', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes'] as const;

function ourRow(c: ConnRecord): Row {
  return {
    'id.orig_h': c.origH,
    'id.orig_p': String(c.origP),
    'id.resp_h': c.respH,
    'id.resp_p': String(c.respP),
    proto: c.proto,
    conn_state: c.connState,
    orig_pkts: String(c.origPkts),
    orig_ip_bytes: String(c.origIpBytes),
    resp_pkts: String(c.respPkts),
    resp_ip_bytes: String(c.respIpBytes),
    ip_proto: String(c.ipProto),
    tunnel_parents: c.tunnelParents === undefined ? '-' : c.tunnelParents.join(','),
  };
}

const tuple = (r: Row) =>
  `${r['id.orig_h']} ${r['id.orig_p']} ${r['id.resp_h']} ${r['id.resp_p']} ${r.proto} ${r.ip_proto}`;

interface CaseRun {
  readonly result: ExtractResult;
  /** Baseline rows whose tuple and counts we reproduce. */
  readonly agreeing: number;
  readonly rows: number;
  /** Whether Zeek's tunnel_parents uids map one-to-one onto ours over all matched rows. */
  readonly parentsConsistent: boolean;
}

/** Runs a trace and compares it with a Zeek baseline directory (conn.log). */
function runCase(trace: string, baseline: string, verifyChecksums = true, delayTeredo = true): CaseRun {
  const result = extractCapture(new Uint8Array(readFileSync(trace)), {
    verifyChecksums,
    packetPath: { delayTeredoConfirmation: delayTeredo },
  });
  const ours = result.conns.map(ourRow);
  const expected = baselineRows(readFileSync(`${baseline}/conn.log`, 'utf8'));
  const zeekToOurs = new Map<string, string>();
  const oursToZeek = new Map<string, string>();
  let agreeing = 0;
  let parentsConsistent = true;
  for (const e of expected) {
    const at = ours.findIndex((o) => tuple(o) === tuple(e) && COUNTED.every((f) => o[f] === e[f]));
    if (at < 0) continue;
    const mine = ours.splice(at, 1)[0]!;
    agreeing++;
    const zp = e.tunnel_parents === '-' ? [] : e.tunnel_parents!.split(',');
    const op = mine.tunnel_parents === '-' ? [] : mine.tunnel_parents!.split(',');
    if (zp.length !== op.length) {
      parentsConsistent = false;
      continue;
    }
    for (const z of zp) {
      if (zeekToOurs.has(z)) continue;
      const free = op.find((o) => !oursToZeek.has(o));
      if (free === undefined) continue;
      zeekToOurs.set(z, free);
      oursToZeek.set(free, z);
    }
    if (!zp.every((z) => op.includes(zeekToOurs.get(z)!))) parentsConsistent = false;
  }
  return { result, agreeing, rows: expected.length, parentsConsistent };
}

const TRACES = corpusPath('zeek', 'traces');
const BASELINES = corpusPath('zeek', 'baselines');
const haveCorpus = TRACES !== undefined && BASELINES !== undefined;

/** [baseline, trace, verify checksums, delay Teredo confirmation, rows expected to agree]. */
const CASES: [string, string, boolean, boolean, number][] = [
  ['core.tunnels.gre', 'tunnels/gre-sample.pcap', true, true, 7],
  ['core.tunnels.gre-in-gre', 'tunnels/gre-within-gre.pcap', true, true, 3],
  ['core.tunnels.gre-pptp', 'tunnels/gre-pptp.pcap', true, true, 1],
  ['core.tunnels.gre-over-udp', 'tunnels/gre-over-udp-4754.pcap', true, true, 6],
  ['core.erspanI', 'erspanI.pcap', true, true, 1],
  ['core.erspanII', 'erspanII.pcap', true, true, 1],
  ['core.erspanIII', 'erspanIII.pcap', true, true, 1],
  ['core.tunnels.geneve-vxlan-truncated', 'tunnels/geneve-vxlan-dns-truncated.pcap', true, true, 3],
  ['core.tunnels.teredo', 'tunnels/Teredo.pcap', true, true, 21],
  ['core.tunnels.gtp.opt_header', 'tunnels/gtp/gtp6_gtp_0x32.pcap', true, true, 2],
  ['core.tunnels.gtp.inner_teredo', 'tunnels/gtp/gtp8_teredo.pcap', true, false, 17],
  ['core.tunnels.gtp.not_user_plane_data', 'tunnels/gtp/gtp10_not_0xff.pcap', true, true, 2],
  ['core.tunnels.gtp.false_gtp', 'tunnels/gtp/gtp3_false_gtp.pcap', true, true, 1],
  ['core.tunnels.geneve-truncated', 'tunnels/geneve-truncated.pcapng', true, true, 1],
  ['core.radiotap', 'radiotap.pcap', false, true, 2],
  ['core.wlanmon', 'wlanmon.pcap', false, true, 2],
  ['core.pbb', 'pbb.pcap', true, true, 3],
  ['core.cisco-fabric-path', 'cisco-fabric-path.pcap', true, true, 64],
  ['core.pppoe-over-qinq', 'pppoe-over-qinq.pcap', true, true, 1],
];

describe.skipIf(!haveCorpus)('tunnels and link layers on Zeek test traces', () => {
  it.each(CASES)('%s: rows, counts and tunnel parents as in Zeek', (baseline, trace, verify, delay, rows) => {
    const run = runCase(`${TRACES}/${trace}`, `${BASELINES}/${baseline}`, verify, delay);
    expect(run.agreeing).toBe(rows);
    expect(run.parentsConsistent).toBe(true);
  });

  it('gre-aruba-amsdu: both A-MSDU subframes of one 802.11 frame in GRE are packets', () => {
    const run = extractCapture(new Uint8Array(readFileSync(`${TRACES}/tunnels/gre-aruba-amsdu.pcap`)));
    expect(run.conns).toHaveLength(1);
    const c = run.conns[0]!;
    // Zeek (bare mode, no likely server ports) keeps 157.240.18.16:443 as originator.
    expect(c.origPkts + c.respPkts).toBe(2);
    expect(c.origIpBytes + c.respIpBytes).toBe(356);
    expect(c.tunnelParents).toHaveLength(1);
    expect(run.tunnels.map((t) => [t.tunnelType, t.origH, t.respH])).toEqual([
      ['Tunnel::GRE', '10.226.22.9', '10.102.16.187'],
    ]);
  });

  it('tunnel.log discoveries match Zeek (type and outer endpoints)', () => {
    const cases: [string, string][] = [
      ['core.tunnels.gre', 'tunnels/gre-sample.pcap'],
      ['core.tunnels.gre-in-gre', 'tunnels/gre-within-gre.pcap'],
      ['core.tunnels.gre-pptp', 'tunnels/gre-pptp.pcap'],
      ['core.tunnels.teredo', 'tunnels/Teredo.pcap'],
      ['core.tunnels.geneve-vxlan-truncated', 'tunnels/geneve-vxlan-dns-truncated.pcap'],
      ['core.tunnels.max-depth-exceeded', 'tunnels/vxlan-triple-v2.pcap'],
      ['core.erspan', 'erspan.pcap'],
      ['core.tunnels.gre-aruba', 'tunnels/gre-aruba.pcap'],
    ];
    for (const [baseline, trace] of cases) {
      const run = extractCapture(new Uint8Array(readFileSync(`${TRACES}/${trace}`)));
      const zeek = baselineRows(readFileSync(`${BASELINES}/${baseline}/tunnel.log`, 'utf8'))
        .filter((r) => r.action === 'Tunnel::DISCOVER')
        .map((r) => `${r.tunnel_type} ${[r['id.orig_h'], r['id.resp_h']].sort().join(' ')}`)
        .sort();
      const ours = run.tunnels.map((t) => `${t.tunnelType} ${[t.origH, t.respH].sort().join(' ')}`).sort();
      expect(ours, baseline).toEqual(zeek);
    }
  });

  it('vxlan-triple: the third tunnel exceeds the default depth, as in Zeek weird.log', () => {
    const run = extractCapture(new Uint8Array(readFileSync(`${TRACES}/tunnels/vxlan-triple-v2.pcap`)));
    expect(run.events.map((e) => e.name)).toContain('exceeded_tunnel_max_depth_in_tunnel');
    const deeper = extractCapture(new Uint8Array(readFileSync(`${TRACES}/tunnels/vxlan-triple-v2.pcap`)), {
      packetPath: { maxTunnelDepth: 3 },
    });
    expect(deeper.tunnels).toHaveLength(3);
    expect(deeper.events.map((e) => e.name)).not.toContain('exceeded_tunnel_max_depth_in_tunnel');
  });

  it('erspan.pcap: fragmented GRE is reassembled, then its inner frames are tracked in the tunnel', () => {
    const run = extractCapture(new Uint8Array(readFileSync(`${TRACES}/erspan.pcap`)), {
      verifyChecksums: false,
    });
    const inner = run.conns.filter((c) => c.tunnelParents !== undefined);
    expect(inner.length).toBeGreaterThan(0);
    expect(new Set(inner.flatMap((c) => c.tunnelParents!)).size).toBe(1);
    expect(run.tunnels).toHaveLength(1);
  });

  it('ipv6-fragmented-dns: the reassembled answer is one packet of the DNS connection', () => {
    const run = extractCapture(new Uint8Array(readFileSync(`${TRACES}/ipv6-fragmented-dns.pcap`)));
    const conn = run.conns.find((c) => c.origP === 51851 && c.respP === 53)!;
    // Zeek's output: the query twice (82-byte payloads), one reassembled 3238-byte answer.
    expect(conn.respPkts).toBe(1);
    expect(conn.respIpBytes).toBe(40 + 3238);
    expect(conn.respBytes).toBe(3238 - 8);
  });
});

// ---- built packets ---------------------------------------------------------------------------

const T0 = 1_700_000_000;

function extract(frames: readonly Uint8Array[], verifyChecksums = true): ExtractResult {
  return extractCapture(buildPcap(frames.map((data, k) => ({ data, ts: T0 + k * 0.001 }))), {
    verifyChecksums,
  });
}

function names(run: ExtractResult): string[] {
  return run.events.map((e) => e.name);
}

const OUTER = { src: '192.0.2.1', dst: '192.0.2.2' };
const INNER_UDP = ipv4(
  { src: '10.1.0.1', dst: '10.1.0.2' },
  udp({ srcPort: 5000, dstPort: 9999, payload: new Uint8Array(20) }),
);

describe('GRE, built', () => {
  it('IPv4 in GRE: the inner connection, no outer one, one tunnel parent', () => {
    const frame = ethernet(EtherType.Ipv4, ipv4(OUTER, rawSegment(47, gre(0x0800, INNER_UDP, { key: 7 }))));
    const run = extract([frame, frame]);
    expect(names(run)).toEqual([]);
    expect(run.conns).toHaveLength(1);
    expect(run.conns[0]).toMatchObject({ origH: '10.1.0.1', respP: 9999, origPkts: 2, origIpBytes: 2 * 48 });
    expect(run.conns[0]!.tunnelParents).toEqual([run.tunnels[0]!.uid]);
    expect(run.tunnels[0]).toMatchObject({ tunnelType: 'Tunnel::GRE', origH: '192.0.2.1', origP: 0 });
  });

  it('malformed GRE headers are Zeek weirds, never exceptions', () => {
    const cases: [Uint8Array, string][] = [
      [bytes(0x00, 0x08), 'truncated_GRE'],
      [gre(0x0800, INNER_UDP, { version: 2 }), 'unknown_gre_version_2'],
      [gre(0x0800, INNER_UDP, { version: 1 }), 'egre_protocol_type'],
      [
        gre(0x880b, concatBytes(bytes(0xff, 0x03, 0xc0, 0x21), new Uint8Array(8)), { version: 1, key: 0 }),
        'non_ip_packet_in_encap',
      ],
      [gre(0x0800, INNER_UDP, { flags: 0x4000 }), 'gre_routing'],
      [gre(0x1234, INNER_UDP), 'unknown_gre_protocol'],
      [gre(0x0800, INNER_UDP.subarray(0, 30)), 'truncated_inner_IP'],
      [gre(0x86dd, INNER_UDP), 'invalid_inner_IP_version'],
      [gre(0x0800, concatBytes(INNER_UDP, new Uint8Array(4))), 'inner_IP_payload_length_mismatch'],
    ];
    for (const [payload, name] of cases) {
      const run = extract([ethernet(EtherType.Ipv4, ipv4(OUTER, rawSegment(47, payload)))]);
      expect(names(run), name).toEqual([name]);
      expect(run.conns).toEqual([]);
    }
  });

  it('PPTP: enhanced GRE with sequence and acknowledgement numbers, PPP, then IP', () => {
    const ppp = concatBytes(bytes(0xff, 0x03, 0x00, 0x21), INNER_UDP);
    const payload = concatBytes(
      bytes(0x30, 0x81, 0x88, 0x0b),
      bytes(0, ppp.length >> 8, ppp.length & 255, 0),
      bytes(0, 0, 0, 1),
      bytes(0, 0, 0, 0),
      ppp,
    );
    const run = extract([ethernet(EtherType.Ipv4, ipv4(OUTER, rawSegment(47, payload)))]);
    expect(names(run)).toEqual([]);
    expect(run.conns.map((c) => c.respP)).toEqual([9999]);
  });

  it('transparent Ethernet bridging carries a whole frame, VLAN tags included', () => {
    const inner = ethernet(EtherType.Ipv4, INNER_UDP, [{ id: 42 }]);
    const run = extract([ethernet(EtherType.Ipv4, ipv4(OUTER, rawSegment(47, gre(0x6558, inner))))]);
    expect(run.conns).toHaveLength(1);
    expect(run.conns[0]).toMatchObject({ vlan: 42, respP: 9999 });
  });

  it('nesting deeper than two tunnels stops with exceeded_tunnel_max_depth_in_tunnel', () => {
    const two = ipv4({ src: '10.9.0.1', dst: '10.9.0.2' }, rawSegment(4, INNER_UDP));
    const three = ipv4({ src: '10.8.0.1', dst: '10.8.0.2' }, rawSegment(4, two));
    const run = extract([ethernet(EtherType.Ipv4, ipv4(OUTER, rawSegment(4, three)))]);
    expect(names(run)).toEqual(['exceeded_tunnel_max_depth_in_tunnel']);
    expect(run.conns).toEqual([]);
    expect(run.tunnels.map((t) => t.tunnelType)).toEqual(['Tunnel::IP', 'Tunnel::IP']);
  });

  it('6in4 (protocol 41) and 4in6', () => {
    const v6 = ipv6({ src: '2001:db8::1', dst: '2001:db8::2' }, udp({ srcPort: 1, dstPort: 2 }));
    const sixInFour = ethernet(EtherType.Ipv4, ipv4(OUTER, rawSegment(41, v6)));
    const fourInSix = ethernet(
      EtherType.Ipv6,
      ipv6({ src: '2001:db8::a', dst: '2001:db8::b' }, rawSegment(4, INNER_UDP)),
    );
    const run = extract([sixInFour, fourInSix]);
    expect(names(run)).toEqual([]);
    expect(run.conns.map((c) => c.origH).sort()).toEqual(['10.1.0.1', '2001:db8::1']);
    expect(run.tunnels.map((t) => t.tunnelType)).toEqual(['Tunnel::IP', 'Tunnel::IP']);
  });
});

describe('UDP tunnels, built', () => {
  const innerFrame = ethernet(EtherType.Ipv4, INNER_UDP);

  it("VXLAN: the outer connection gets the vxlan service and is the inner one's parent", () => {
    const outer = (src: string, dst: string, sport: number, dport: number) =>
      ethernet(
        EtherType.Ipv4,
        ipv4({ src, dst }, udp({ srcPort: sport, dstPort: dport, payload: vxlan(5, innerFrame) })),
      );
    const run = extract([
      outer('192.0.2.1', '192.0.2.2', 40000, 4789),
      outer('192.0.2.2', '192.0.2.1', 4789, 40000),
    ]);
    const outerConn = run.conns.find((c) => c.respP === 4789)!;
    const innerConn = run.conns.find((c) => c.respP === 9999)!;
    expect(outerConn.service).toEqual(['vxlan']);
    expect(outerConn).toMatchObject({ origPkts: 1, respPkts: 1 });
    expect(innerConn.tunnelParents).toEqual([outerConn.uid]);
    expect(innerConn.origPkts + innerConn.respPkts).toBe(2);
  });

  it('VXLAN and Geneve shorter than their headers: events, the outer connection still counted', () => {
    const short = (dport: number) =>
      ethernet(EtherType.Ipv4, ipv4(OUTER, udp({ srcPort: 40000, dstPort: dport, payload: bytes(8, 0, 0) })));
    const run = extract([short(4789), short(6081)]);
    expect(names(run)).toEqual(['vxlan_header_truncation', 'geneve_header_truncation']);
    expect(run.conns.map((c) => c.service)).toEqual([[], []]);
  });

  it('Teredo: a bubble is no weird and no inner connection; Teredo is found on other ports too', () => {
    const bubble = ipv6({ src: '2001:0:4137:9e50::1', dst: 'fe80::1' }, rawSegment(59, new Uint8Array(0)));
    const origin = concatBytes(bytes(0, 0), bytes(0xff, 0xff), bytes(0x3f, 0x57, 0xfe, 0xfe));
    const echo = ipv6({ src: '2001:0:4137:9e50::1', dst: '2001:db8::68' }, icmp6(128, 0));
    const run = extract([
      ethernet(EtherType.Ipv4, ipv4(OUTER, udp({ srcPort: 3797, dstPort: 3544, payload: bubble }))),
      ethernet(
        EtherType.Ipv4,
        ipv4(OUTER, udp({ srcPort: 3797, dstPort: 32900, payload: concatBytes(origin, echo) })),
      ),
    ]);
    expect(names(run)).toEqual([]);
    const inner = run.conns.filter((c) => c.tunnelParents !== undefined);
    expect(inner.map((c) => [c.origH, c.origP, c.respP])).toEqual([['2001:0:4137:9e50::1', 128, 129]]);
    // One direction only: Zeek's default waits for both before confirming (no service yet).
    expect(run.conns.every((c) => c.service.length === 0)).toBe(true);
    expect(run.tunnels.map((t) => t.tunnelType)).toEqual(['Tunnel::TEREDO', 'Tunnel::TEREDO']);
  });

  it('Teredo by content on other ports needs a Teredo address when no Teredo header precedes the IPv6', () => {
    // A 41-byte DNS query for 10.0.0.127.in-addr.arpa with ID 0x6579: version nibble 6 and a
    // QDCOUNT of 1 where IPv6's payload length is, so 40 + 1 bytes "fit" (fierce sent these).
    const query = concatBytes(
      bytes(0x65, 0x79, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0),
      new TextEncoder().encode('\x0210\x010\x010\x03127\x07in-addr\x04arpa\x00'),
      bytes(0, 12, 0, 1),
    );
    expect(query.length).toBe(41);
    const dns = ethernet(EtherType.Ipv4, ipv4(OUTER, udp({ srcPort: 51980, dstPort: 5300, payload: query })));
    const plain = extract([dns]);
    expect(names(plain)).toEqual([]);
    expect(plain.tunnels).toEqual([]);
    // The same shape from a Teredo address is Teredo.
    const teredo = ipv6({ src: '2001:0:4137:9e50::1', dst: '2001:db8::68' }, icmp6(128, 0));
    const run = extract([
      ethernet(EtherType.Ipv4, ipv4(OUTER, udp({ srcPort: 3797, dstPort: 32901, payload: teredo }))),
    ]);
    expect(run.tunnels.map((t) => t.tunnelType)).toEqual(['Tunnel::TEREDO']);
  });

  it('GTPv1-U: only T-PDUs are decapsulated; a GTP source port to DNS is plain DNS', () => {
    const gtp = (type: number, payload: Uint8Array) =>
      concatBytes(
        bytes(0x30, type),
        bytes(payload.length >> 8, payload.length & 255),
        bytes(0, 0, 0, 1),
        payload,
      );
    const run = extract([
      ethernet(
        EtherType.Ipv4,
        ipv4(OUTER, udp({ srcPort: 2152, dstPort: 2152, payload: gtp(0xff, INNER_UDP) })),
      ),
      ethernet(
        EtherType.Ipv4,
        ipv4(OUTER, udp({ srcPort: 2153, dstPort: 2152, payload: gtp(0x01, INNER_UDP) })),
      ),
      ethernet(
        EtherType.Ipv4,
        ipv4(OUTER, udp({ srcPort: 2152, dstPort: 53, payload: gtp(0xff, INNER_UDP) })),
      ),
    ]);
    // (The DNS parser may complain about the third packet: it is DNS to Zeek too.)
    expect(names(run).filter((n) => !n.startsWith('DNS'))).toEqual([]);
    const byPort = (p: number) => run.conns.find((c) => c.origP === p);
    expect(byPort(2152)?.service).toEqual(['gtpv1']);
    expect(byPort(2153)?.service).toEqual([]);
    expect(run.conns.filter((c) => c.tunnelParents !== undefined)).toHaveLength(1);
  });

  it('AYIYA forwards IP in IP', () => {
    const header = concatBytes(bytes(0x00, 0x00, 0x01, 4), new Uint8Array(4), new Uint8Array(1));
    const run = extract([
      ethernet(
        EtherType.Ipv4,
        ipv4(OUTER, udp({ srcPort: 6000, dstPort: 5072, payload: concatBytes(header, INNER_UDP) })),
      ),
    ]);
    expect(names(run)).toEqual([]);
    expect(run.conns.find((c) => c.respP === 5072)?.service).toEqual(['ayiya']);
    expect(run.conns.find((c) => c.respP === 9999)?.tunnelParents).toHaveLength(1);
  });
});

describe('unknown transports and link layers, built', () => {
  it('an IP protocol without an analyzer is an unknown_transport connection without payload bytes', () => {
    const ospf = ethernet(
      EtherType.Ipv4,
      ipv4({ src: '10.0.0.1', dst: '224.0.0.5' }, rawSegment(89, new Uint8Array(40))),
    );
    const run = extract([ospf, ospf]);
    expect(run.conns).toHaveLength(1);
    expect(run.conns[0]).toMatchObject({
      proto: 'unknown_transport',
      ipProto: 89,
      origP: 0,
      respP: 0,
      connState: 'OTH',
      history: '',
      origPkts: 2,
      origIpBytes: 120,
      origBytes: 0,
    });
  });

  it('802.11 data frames (plain and QoS) with LLC/SNAP; protected and management frames skipped', () => {
    const snap = (packet: Uint8Array) => concatBytes(bytes(0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00), packet);
    const data = concatBytes(bytes(0x08, 0x01), new Uint8Array(22), snap(INNER_UDP));
    const qos = concatBytes(bytes(0x88, 0x01), new Uint8Array(22), bytes(0, 0), snap(INNER_UDP));
    const protectedFrame = concatBytes(bytes(0x08, 0x41), new Uint8Array(22), snap(INNER_UDP));
    const beacon = concatBytes(bytes(0x80, 0x00), new Uint8Array(40));
    const radiotap = concatBytes(bytes(0, 0, 8, 0), new Uint8Array(4), data);
    const wlan = extractCapture(
      buildPcap(
        [data, qos, protectedFrame, beacon].map((d) => ({ data: d })),
        { linkType: 105 },
      ),
    );
    expect(wlan.conns.map((c) => c.origPkts)).toEqual([2]);
    const rt = extractCapture(buildPcap([{ data: radiotap }], { linkType: 127 }));
    expect(rt.conns).toHaveLength(1);
    const short = extractCapture(buildPcap([{ data: bytes(0, 0, 200, 0) }], { linkType: 127 }));
    expect(names(short)).toEqual(['truncated_radiotap_header']);
  });
});

describe('IP fragments, end to end', () => {
  const payload = new Uint8Array(3000).map((_, i) => i & 255);
  const segment = udp({ srcPort: 7000, dstPort: 9999, payload });
  const whole = ipv4({ src: '10.2.0.1', dst: '10.2.0.2', id: 99 }, segment);
  const transport = whole.subarray(20);
  const piece = (offset: number, length: number, more: boolean, extra: object = {}) =>
    ethernet(
      EtherType.Ipv4,
      ipv4(
        {
          src: '10.2.0.1',
          dst: '10.2.0.2',
          id: 99,
          fragmentOffset: offset,
          moreFragments: more,
          payloadOverride: transport.subarray(offset, offset + length),
          ...extra,
        },
        segment,
      ),
    );

  it("IPv4: fragments in any order make one packet with the datagram's length and a valid checksum", () => {
    const run = extract([
      piece(1480, 1480, true),
      piece(2960, transport.length - 2960, false),
      piece(0, 1480, true),
    ]);
    expect(names(run)).toEqual([]);
    expect(run.conns).toHaveLength(1);
    expect(run.conns[0]).toMatchObject({ origPkts: 1, origIpBytes: whole.length, respP: 9999 });
  });

  it('IPv4: overlapping fragments with different bytes are reported, DF on a fragment too', () => {
    const run = extract([
      piece(0, 1480, true, { dontFragment: true }),
      piece(1472, 16, true, { payloadOverride: new Uint8Array(16).fill(0xee) }),
      piece(1480, transport.length - 1480, false),
    ]);
    expect(names(run)).toEqual(expect.arrayContaining(['fragment_with_DF', 'fragment_inconsistency']));
    expect(run.conns).toHaveLength(1);
  });

  it("IPv6: the fragment header's next header is the transport; a lone fragment times out", () => {
    const seg = udp({ srcPort: 7001, dstPort: 9999, payload: new Uint8Array(100).fill(3) });
    const full = ipv6({ src: '2001:db8::1', dst: '2001:db8::2' }, seg).subarray(40);
    const frag = (offset: number, length: number, more: boolean) =>
      ethernet(
        EtherType.Ipv6,
        ipv6(
          {
            src: '2001:db8::1',
            dst: '2001:db8::2',
            extensions: [fragmentHeader(offset, more, 5)],
            payloadOverride: full.subarray(offset, offset + length),
          },
          seg,
        ),
      );
    const run = extract([frag(56, full.length - 56, false), frag(0, 56, true)]);
    expect(names(run)).toEqual([]);
    expect(run.conns).toHaveLength(1);
    expect(run.conns[0]).toMatchObject({ origPkts: 1, origIpBytes: 40 + full.length });
    const lone = extract([frag(0, 56, true)]);
    expect(lone.conns).toEqual([]);
  });
});

describe('tcp payload inside a tunnel keeps its offsets', () => {
  it('the inner TCP handshake is tracked in the tunnel', () => {
    const syn = ipv4(
      { src: '10.3.0.1', dst: '10.3.0.2' },
      tcp({ srcPort: 1234, dstPort: 80, flags: 2, seq: 1 }),
    );
    const synAck = ipv4(
      { src: '10.3.0.2', dst: '10.3.0.1' },
      tcp({ srcPort: 80, dstPort: 1234, flags: 18, seq: 9, ack: 2 }),
    );
    const wrap = (inner: Uint8Array) =>
      ethernet(EtherType.Ipv4, ipv4(OUTER, rawSegment(47, gre(0x0800, inner))));
    const run = extract([wrap(syn), wrap(synAck)]);
    expect(run.conns).toHaveLength(1);
    expect(run.conns[0]).toMatchObject({ history: 'Sh', origPkts: 1, respPkts: 1 });
  });
});
