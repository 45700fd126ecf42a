/**
 * Bad input is normal input: mutated capture files and packets must give events, never an
 * exception other than "not a capture", never a hang, and never leave state behind that changes
 * how the next good packet decodes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureReader, type CaptureSummary, readCapture } from '../../../src/ingest/pcap/capture-file.js';
import { ConnTracker } from '../../../src/ingest/pcap/connections.js';
import { decodePacket } from '../../../src/ingest/pcap/decode.js';
import {
  type CapturedPacket,
  DecodedPacket,
  LinkType,
  type ProtocolEvent,
} from '../../../src/ingest/pcap/packet.js';
import { PacketPath } from '../../../src/ingest/pcap/packet-path.js';
import { ErrorCode, NetscryError } from '../../../src/shared/errors.js';
import { corpusPath } from '../../helpers/corpus.js';
import {
  buildPcap,
  concatBytes,
  EtherType,
  ethernet,
  fragmentHeader,
  icmp,
  ipv4,
  ipv6,
  optionsHeader,
  pcapngBlock,
  pcapngEpb,
  pcapngIdb,
  pcapngShb,
  pcapngSpb,
  rawSegment,
  tcp,
  udp,
} from '../../helpers/pcap.js';

type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly xor: number }
  | { readonly kind: 'set32'; readonly at: number; readonly value: number; readonly little: boolean }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number };

/** Values that sit on the edges length checks care about. */
const EDGE_VALUES = [
  0, 1, 3, 4, 7, 8, 11, 12, 13, 20, 28, 32, 40, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('set32' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.integer({ min: 0, max: 0xffffffff })),
    little: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
);

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out: Uint8Array = Uint8Array.from(input);
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    switch (m.kind) {
      case 'flip':
        out[at]! ^= m.xor;
        break;
      case 'set32':
        if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, m.value >>> 0, m.little);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'insert':
        out = concatBytes(out.subarray(0, at), m.bytes, out.subarray(at));
        break;
      case 'delete':
        out = concatBytes(out.subarray(0, at), out.subarray(at + m.length));
        break;
    }
  }
  return out;
}

function good(n: number): Uint8Array {
  return ethernet(
    EtherType.Ipv4,
    ipv4({ src: '10.0.0.1', dst: '10.0.0.2', id: n }, tcp({ srcPort: 1000 + n, dstPort: 80 })),
  );
}

/** Synthetic captures that exercise every block kind (used with or without the corpus). */
const SYNTHETIC_FILES: Uint8Array[] = [
  buildPcap([1, 2, 3, 4].map((n) => ({ data: good(n) }))),
  buildPcap(
    [1, 2].map((n) => ({ data: good(n) })),
    { littleEndian: false, nanoseconds: true },
  ),
  concatBytes(
    pcapngShb(),
    pcapngIdb({ tsresol: 9, tsoffset: 10 }),
    pcapngBlock(4, new Uint8Array(8)),
    pcapngEpb({ data: good(1) }),
    pcapngSpb(good(2)),
    pcapngShb(false),
    pcapngIdb({ linkType: 101, tsresol: 0x80 | 20 }, false),
    pcapngEpb({ data: good(3).subarray(14) }, false),
  ),
];

const CORPUS_FILES = [
  'q-in-q.pcap',
  'mpls-in-vlan.pcap',
  'pppoe-over-qinq.pcap',
  'pcapng-multi-interface.pcapng',
  'chksums/ip6-route0-tcp-good-chksum.pcap',
  'communityid/icmp6.pcap',
  'ipv6-fragmented-dns.pcap',
  'nflog-http.pcap',
  'tcp-syslog.pcap',
  'tunnels/socks.pcap',
];

const TRACES = corpusPath('zeek', 'traces');
const FILES: Uint8Array[] = [
  ...SYNTHETIC_FILES,
  ...(TRACES ? CORPUS_FILES.map((f) => Uint8Array.from(readFileSync(join(TRACES, f)))) : []),
];

/** Real packets (with their link types) cut from the seed files, to mutate one at a time. */
const PACKETS: { data: Uint8Array; linkType: number }[] = [];
for (const file of FILES) {
  readCapture(
    file,
    (p) => PACKETS.push({ data: p.data.slice(), linkType: p.linkType }),
    () => {},
  );
}
PACKETS.push(
  {
    data: ethernet(
      EtherType.Ipv6,
      ipv6(
        { src: '::1', dst: '::2', extensions: [optionsHeader(0), fragmentHeader(0, true, 5)] },
        udp({ srcPort: 1, dstPort: 2 }),
      ),
    ),
    linkType: 1,
  },
  {
    data: ethernet(EtherType.Ipv4, ipv4({ src: '10.0.0.1', dst: '10.0.0.2' }, icmp(3, 1)), [{ id: 5 }]),
    linkType: 1,
  },
);

function captured(data: Uint8Array, linkType: number, originalLength = data.length): CapturedPacket {
  return { ts: 1, linkType, interfaceId: 0, data, originalLength, fileOffset: 0 };
}

/** What decoding the reference packet gives on a fresh decoder: the baseline for "no leftovers". */
const REFERENCE = good(42);
function referenceDecode(out: DecodedPacket): string {
  const events: ProtocolEvent[] = [];
  const ok = decodePacket(captured(REFERENCE, LinkType.Ethernet), out, (e) => events.push(e));
  return JSON.stringify({ ok, events, out: { ...out, addr: Array.from(out.addr) } });
}
const REFERENCE_RESULT = referenceDecode(new DecodedPacket());

function checkInvariants(p: CapturedPacket, out: DecodedPacket, ok: boolean): void {
  if (!ok) return;
  expect(out.ipVersion === 4 || out.ipVersion === 6).toBe(true);
  expect(out.payloadOffset).toBeGreaterThanOrEqual(0);
  expect(out.payloadLength).toBeGreaterThanOrEqual(0);
  expect(out.payloadOffset + out.payloadLength).toBeLessThanOrEqual(p.data.length);
  expect(out.payloadLength).toBeLessThanOrEqual(out.payloadClaimed);
  expect(out.ipCaptured).toBeLessThanOrEqual(out.ipLength);
  expect(out.srcPort).toBeLessThan(65536);
  expect(out.seq).toBeLessThanOrEqual(0xffffffff);
  expect(out.seq).toBeGreaterThanOrEqual(0);
}

interface Outcome {
  readonly error?: unknown;
  readonly summary?: CaptureSummary;
  readonly packets: string[];
  readonly events: ProtocolEvent[];
}

function readAll(input: Uint8Array): Outcome {
  const out = new DecodedPacket();
  const packets: string[] = [];
  const events: ProtocolEvent[] = [];
  try {
    const summary = readCapture(
      input,
      (p) => {
        expect(p.data.length).toBeLessThanOrEqual(p.originalLength);
        const ok = decodePacket(p, out, (e) => events.push(e));
        checkInvariants(p, out, ok);
        packets.push(`${p.fileOffset}:${p.data.length}:${p.ts}:${p.linkType}`);
      },
      (e) => events.push(e),
    );
    return { summary, packets, events };
  } catch (error) {
    return { error, packets, events };
  }
}

function expectOnlyDocumentedErrors(outcome: Outcome): void {
  if (outcome.error === undefined) return;
  expect(outcome.error).toBeInstanceOf(NetscryError);
  expect((outcome.error as NetscryError).code).toBe(ErrorCode.UnsupportedFormat);
}

describe('fuzz: capture files', () => {
  it('mutated files give events, not exceptions (only "not a capture" may throw)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (file, mutations) => {
          const outcome = readAll(mutate(file, mutations));
          expectOnlyDocumentedErrors(outcome);
          for (const e of outcome.events) {
            expect(typeof e.name).toBe('string');
            expect(Number.isFinite(e.fileOffset)).toBe(true);
          }
          expect(referenceDecode(new DecodedPacket())).toBe(REFERENCE_RESULT);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reading in pieces gives the same packets and events as reading whole, on mutated files too', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.array(mutation, { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        (file, mutations, sizes) => {
          const input = mutate(file, mutations);
          const whole: string[] = [];
          const wholeEvents: ProtocolEvent[] = [];
          let wholeError: unknown;
          let wholeSummary: CaptureSummary | undefined;
          try {
            wholeSummary = readCapture(
              input,
              (p) => whole.push(`${p.fileOffset}:${p.data.join(',')}:${p.ts}`),
              (e) => wholeEvents.push(e),
            );
          } catch (err) {
            wholeError = err;
          }
          // gzip is for readCapture only; the reader refuses it by design.
          fc.pre(input[0] !== 0x1f);
          const pieces: string[] = [];
          const pieceEvents: ProtocolEvent[] = [];
          let pieceError: unknown;
          let pieceSummary: CaptureSummary | undefined;
          try {
            const reader = new CaptureReader(
              (p) => pieces.push(`${p.fileOffset}:${p.data.join(',')}:${p.ts}`),
              (e) => pieceEvents.push(e),
            );
            for (let at = 0, k = 0; at < input.length; k++) {
              const size = sizes[k % sizes.length]!;
              reader.push(input.subarray(at, at + size));
              at += size;
            }
            pieceSummary = reader.end();
          } catch (err) {
            pieceError = err;
          }
          expect(pieceError === undefined).toBe(wholeError === undefined);
          if (wholeError !== undefined) return;
          expect(pieces).toEqual(whole);
          expect(pieceEvents).toEqual(wholeEvents);
          expect(pieceSummary).toEqual(wholeSummary);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random bytes behind a valid magic never throw', () => {
    const magics = [buildPcap([]), pcapngShb()];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 600 }), (head, tail) => {
        const outcome = readAll(concatBytes(head, tail));
        expectOnlyDocumentedErrors(outcome);
        expect(outcome.error).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: packets', () => {
  const linkTypes = [0, 1, 9, 12, 14, 101, 108, 113, 228, 229, 239, 276, 127];

  it('mutated real packets decode or report, never throw, and leave nothing behind', () => {
    const out = new DecodedPacket();
    fc.assert(
      fc.property(
        fc.constantFrom(...PACKETS),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (seed, mutations, cutBySnaplen) => {
          const data = mutate(seed.data, mutations);
          const p = captured(data, seed.linkType, cutBySnaplen ? data.length + 100 : data.length);
          const ok = decodePacket(p, out, (e) => expect(typeof e.detail).toBe('string'));
          checkInvariants(p, out, ok);
          // The same decoder object decodes a good packet exactly as a fresh one does.
          expect(referenceDecode(out)).toBe(REFERENCE_RESULT);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('random bytes under any link type never throw', () => {
    const out = new DecodedPacket();
    fc.assert(
      fc.property(
        fc.constantFrom(...linkTypes),
        fc.uint8Array({ maxLength: 200 }),
        fc.boolean(),
        (linkType, data, verify) => {
          const p = captured(data, linkType);
          const ok = decodePacket(p, out, () => {}, { verifyChecksums: verify });
          checkInvariants(p, out, ok);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('IP headers with random fields behind a valid link layer never throw', () => {
    const out = new DecodedPacket();
    const ipHeader = fc.oneof(
      fc.uint8Array({ minLength: 20, maxLength: 80 }).map((b) => {
        b[0] = 0x40 | (b[0]! & 15);
        return b;
      }),
      fc.uint8Array({ minLength: 40, maxLength: 120 }).map((b) => {
        b[0] = 0x60;
        b[6] = [0, 43, 44, 51, 60, 135, 6, 17, 58, 59][b[6]! % 10]!;
        return b;
      }),
    );
    fc.assert(
      fc.property(ipHeader, (ip) => {
        const p = captured(
          ethernet(ip[0]! >> 4 === 6 ? EtherType.Ipv6 : EtherType.Ipv4, ip),
          LinkType.Ethernet,
        );
        const ok = decodePacket(p, out, () => {});
        checkInvariants(p, out, ok);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fuzz: tunnels and fragments through the packet path', () => {
  const TUNNEL_FILES = [
    'tunnels/gre-sample.pcap',
    'tunnels/gre-within-gre.pcap',
    'tunnels/gre-pptp.pcap',
    'tunnels/gre-aruba-amsdu.pcap',
    'tunnels/gre-over-udp-4754.pcap',
    'tunnels/Teredo.pcap',
    'tunnels/geneve-vxlan-dns-truncated.pcap',
    'tunnels/geneve-many-options.pcap',
    'tunnels/vxlan-triple-v2.pcap',
    'tunnels/gtp/gtp6_gtp_0x32.pcap',
    'tunnels/gtp/gtp8_teredo.pcap',
    'tunnels/gtp/gtp9_unknown_or_too_short_payload.pcap',
    'erspan.pcap',
    'erspanIII.pcap',
    'radiotap.pcap',
    'wlanmon.pcap',
    'ipv6-fragmented-dns.pcap',
    'cisco-fabric-path.pcap',
  ];
  const seeds: { data: Uint8Array; linkType: number }[] = [];
  if (TRACES) {
    for (const f of TUNNEL_FILES) {
      readCapture(
        Uint8Array.from(readFileSync(join(TRACES, f))),
        (p) => {
          if (seeds.length < 400) seeds.push({ data: p.data.slice(), linkType: p.linkType });
        },
        () => {},
      );
    }
  }
  // Built seeds, so the property runs without the corpus too: GRE, VXLAN, a fragment pair.
  const inner = ipv4(
    { src: '10.1.0.1', dst: '10.1.0.2' },
    udp({ srcPort: 1, dstPort: 2, payload: new Uint8Array(40) }),
  );
  const greFrame = ethernet(
    EtherType.Ipv4,
    ipv4(
      { src: '192.0.2.1', dst: '192.0.2.2' },
      rawSegment(47, concatBytes(Uint8Array.of(0, 0, 8, 0), inner)),
    ),
  );
  const vxlanFrame = ethernet(
    EtherType.Ipv4,
    ipv4(
      { src: '192.0.2.1', dst: '192.0.2.2' },
      udp({
        srcPort: 9,
        dstPort: 4789,
        payload: concatBytes(Uint8Array.of(8, 0, 0, 0, 0, 0, 1, 0), ethernet(EtherType.Ipv4, inner)),
      }),
    ),
  );
  const whole = udp({ srcPort: 3, dstPort: 4, payload: new Uint8Array(64) });
  const fragments = [0, 40].map((offset) =>
    ethernet(
      EtherType.Ipv4,
      ipv4(
        {
          src: '10.3.0.1',
          dst: '10.3.0.2',
          id: 5,
          fragmentOffset: offset,
          moreFragments: offset === 0,
          payloadOverride: ipv4({ src: '10.3.0.1', dst: '10.3.0.2' }, whole).subarray(
            20 + offset,
            20 + offset + (offset === 0 ? 40 : 32),
          ),
        },
        whole,
      ),
    ),
  );
  seeds.push(
    { data: greFrame, linkType: LinkType.Ethernet },
    { data: vxlanFrame, linkType: LinkType.Ethernet },
    ...fragments.map((data) => ({ data, linkType: LinkType.Ethernet })),
  );

  /** What the path hands the tracker for the reference GRE and VXLAN packets, on a given path. */
  function referencePass(path: PacketPath, seen: string[]): string[] {
    seen.length = 0;
    path.packet(captured(greFrame, LinkType.Ethernet));
    path.packet(captured(vxlanFrame, LinkType.Ethernet));
    return seen.map((s) => s.replace(/\|C[0-9A-Za-z]+$/, '|uid'));
  }

  function newPath(): { path: PacketPath; seen: string[] } {
    const seen: string[] = [];
    const tracker = new ConnTracker(
      () => {},
      () => {},
    );
    const sink = {
      observe(p: DecodedPacket, data: Uint8Array) {
        expect(p.payloadOffset + p.payloadLength).toBeLessThanOrEqual(data.length);
        seen.push(`${p.tunnelDepth}|${p.ipProto}|${p.srcPort}|${p.dstPort}|${p.ipLength}|${p.tunnelUid}`);
        return tracker.observe(p, data);
      },
    };
    return { path: new PacketPath(sink, (e) => expect(typeof e.name).toBe('string')), seen };
  }

  it('mutated tunnelled and fragmented packets never throw, and the path decodes good ones after', () => {
    const fresh = newPath();
    const expected = referencePass(fresh.path, fresh.seen);
    expect(expected).toHaveLength(3);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 4 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (batch) => {
          const { path, seen } = newPath();
          for (const [seed, mutations] of batch) {
            path.packet(captured(mutate(seed.data, mutations), seed.linkType));
          }
          expect(referencePass(path, seen)).toEqual(expected);
          path.flush();
        },
      ),
      { numRuns: 600 },
    );
  });

  it('random fragment streams stay within the reassembler bounds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offset: fc.integer({ min: 0, max: 8191 }),
            more: fc.boolean(),
            id: fc.integer({ min: 0, max: 3 }),
            length: fc.integer({ min: 0, max: 300 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (pieces) => {
          const { path } = newPath();
          for (const f of pieces) {
            const frame = ethernet(
              EtherType.Ipv4,
              ipv4(
                {
                  src: '10.4.0.1',
                  dst: '10.4.0.2',
                  id: f.id,
                  fragmentOffset: f.offset * 8,
                  moreFragments: f.more,
                  payloadOverride: new Uint8Array(f.length).fill(f.id),
                },
                whole,
              ),
            );
            path.packet(captured(frame, LinkType.Ethernet));
          }
          expect(path.fragmentStats.bufferedBytes).toBeLessThanOrEqual(path.fragmentStats.peakBufferedBytes);
          path.flush();
          expect(path.fragmentStats.active).toBe(0);
          expect(path.fragmentStats.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
