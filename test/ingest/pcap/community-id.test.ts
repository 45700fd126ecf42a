import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { communityId, communityIdOfPacket } from '../../../src/ingest/pcap/community-id.js';
import { DecodedPacket } from '../../../src/ingest/pcap/packet.js';
import { isV4, parseAddress } from '../../../src/shared/addr.js';
import { corpusPath } from '../../helpers/corpus.js';

/** src words 0..3, dst 4..7, from text. */
function flow(src: string, dst: string): Uint32Array {
  const s = parseAddress(src);
  const d = parseAddress(dst);
  if (s === undefined || d === undefined) throw new Error(`bad address in test data: ${src} ${dst}`);
  const out = new Uint32Array(8);
  out.set(s, 0);
  out.set(d, 4);
  return out;
}

interface Expectation {
  readonly where: string;
  readonly src: string;
  readonly dst: string;
  readonly proto: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seed: number;
  readonly id: string;
}

/** Zeek's bifs/community_id/run-pcaps baseline: one `[conn_id], id` line per connection. */
function zeekExpectations(dir: string): Expectation[] {
  const line =
    /^\[orig_h=([^,]+), orig_p=(\d+)\/\w+, resp_h=([^,]+), resp_p=(\d+)\/\w+, proto=(\d+), ctx=\[\]\], (1:\S+)$/;
  const out: Expectation[] = [];
  for (const name of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const raw of text.split('\n')) {
      if (raw === '' || raw.startsWith('#')) continue;
      const m = line.exec(raw);
      if (m === null) throw new Error(`unrecognised baseline line in ${name}: ${raw}`);
      out.push({
        where: name,
        src: m[1]!,
        srcPort: Number(m[2]),
        dst: m[3]!,
        dstPort: Number(m[4]),
        proto: Number(m[5]),
        seed: 0,
        id: m[6]!,
      });
    }
  }
  return out;
}

const SURICATA_PROTO: Readonly<Record<string, number>> = {
  TCP: 6,
  UDP: 17,
  SCTP: 132,
  ICMP: 1,
  IPv6_ICMP: 58,
};

/**
 * suricata-verify's nfs3-01: eve checks with `community_id` and the flow tuple, under
 * `community-id-seed: 1234` — a second implementation and a non-zero seed.
 */
function suricataExpectations(dir: string): Expectation[] {
  const seedMatch = /community-id-seed:\s*(\d+)/.exec(readFileSync(join(dir, 'suricata.yaml'), 'utf8'));
  const seed = seedMatch === null ? 0 : Number(seedMatch[1]);
  const blocks = readFileSync(join(dir, 'test.yaml'), 'utf8')
    .split(/^- filter:$/m)
    .slice(1);
  const out: Expectation[] = [];
  for (const block of blocks) {
    const field = (name: string): string | undefined =>
      new RegExp(`^ {6}${name}: (.+)$`, 'm').exec(block)?.[1]?.trim();
    const id = field('community_id');
    if (id === undefined) continue;
    const proto = SURICATA_PROTO[field('proto') ?? ''];
    const src = field('src_ip');
    const dst = field('dest_ip');
    if (proto === undefined || src === undefined || dst === undefined) {
      throw new Error(`suricata check without a usable tuple: ${block.slice(0, 200)}`);
    }
    out.push({
      where: 'nfs3-01',
      src,
      dst,
      proto,
      srcPort: Number(field('src_port') ?? 0),
      dstPort: Number(field('dest_port') ?? 0),
      seed,
      id,
    });
  }
  return out;
}

function checkAll(expectations: readonly Expectation[]): string[] {
  const mismatches: string[] = [];
  for (const e of expectations) {
    const got = communityId(flow(e.src, e.dst), e.proto, e.srcPort, e.dstPort, e.seed);
    if (got !== e.id) mismatches.push(`${e.where}: ${e.src} ${e.dst} ${e.proto} → ${got}, want ${e.id}`);
  }
  return mismatches;
}

describe('communityId against Zeek baselines', () => {
  const dir = corpusPath('zeek', 'baselines', 'bifs.community_id.run-pcaps');
  it.skipIf(dir === undefined)('matches every line of bifs.community_id.run-pcaps', () => {
    const expectations = zeekExpectations(dir!);
    const mismatches = checkAll(expectations);
    process.stderr.write(
      `community-id: ${expectations.length - mismatches.length}/${expectations.length} Zeek baseline lines match\n`,
    );
    expect(mismatches).toEqual([]);
    // 1 ICMP + 14 ICMPv6 + TCP + UDP + IPv6 TCP + SCTP (arp.pcap has no IP flow).
    expect(expectations.length).toBe(19);
  });
});

describe('communityId against suricata-verify (seed 1234)', () => {
  const dir = corpusPath('suricata-verify', 'tests', 'nfs3-01');
  it.skipIf(dir === undefined)('matches every community_id check of nfs3-01', () => {
    const expectations = suricataExpectations(dir!);
    const mismatches = checkAll(expectations);
    const distinct = new Set(expectations.map((e) => e.id)).size;
    process.stderr.write(
      `community-id: ${expectations.length - mismatches.length}/${expectations.length} suricata-verify checks match (${distinct} distinct flows, seed 1234)\n`,
    );
    expect(mismatches).toEqual([]);
    expect(expectations.length).toBeGreaterThan(200);
  });
});

describe('communityId', () => {
  it('matches a published example (Tenzir docs, TCP)', () => {
    expect(communityId(flow('1.2.3.4', '43.3.132.3'), 6, 4584, 3483)).toBe('1:koNcqhFRD5kb254ZrLsdv630jCM=');
    expect(communityId(flow('43.3.132.3', '1.2.3.4'), 6, 3483, 4584)).toBe('1:koNcqhFRD5kb254ZrLsdv630jCM=');
  });

  it('maps two-way ICMP types to their counterpart and keeps one-way ICMP directional', () => {
    const a = flow('192.168.0.89', '192.168.0.1');
    const b = flow('192.168.0.1', '192.168.0.89');
    // Echo request one way, echo reply the other: one flow. The code does not matter.
    expect(communityId(b, 1, 0, 0)).toBe(communityId(a, 1, 8, 0));
    expect(communityId(a, 1, 8, 5)).toBe(communityId(a, 1, 8, 0));
    // Destination unreachable (one-way): code is the second port, no reordering.
    expect(communityId(a, 1, 3, 1)).not.toBe(communityId(b, 1, 3, 1));
    expect(communityId(a, 1, 3, 1)).not.toBe(communityId(a, 1, 3, 3));
    // ICMPv6 neighbour solicitation/advertisement pair up; the same type both ways does not.
    const c = flow('fe80::200:86ff:fe05:80da', 'fe80::260:97ff:fe07:69ea');
    const d = flow('fe80::260:97ff:fe07:69ea', 'fe80::200:86ff:fe05:80da');
    expect(communityId(c, 58, 135, 0)).toBe(communityId(d, 58, 136, 0));
    expect(communityId(c, 58, 135, 0)).not.toBe(communityId(d, 58, 135, 0));
  });

  it('ignores ports for protocols without them and uses the seed', () => {
    const a = flow('10.0.0.1', '10.0.0.2');
    expect(communityId(a, 47, 1, 2)).toBe(communityId(a, 47, 0, 0));
    expect(communityId(a, 6, 1, 2, 1)).not.toBe(communityId(a, 6, 1, 2, 0));
  });

  it('reads ICMP type/code from a decoded packet', () => {
    const p = new DecodedPacket();
    p.addr.set(flow('192.168.0.89', '192.168.0.1'));
    p.ipProto = 1;
    p.icmpType = 8;
    p.icmpCode = 0;
    expect(communityIdOfPacket(p)).toBe('1:X0snYXpgwiv9TZtqg64sgzUn6Dk=');
    p.ipProto = 6;
    p.srcPort = 34855;
    p.dstPort = 80;
    expect(communityIdOfPacket(p)).toBe(communityId(p.addr, 6, 34855, 80));
  });
});

// ---- properties -----------------------------------------------------------------------------

const v4Words = fc.integer({ min: 0, max: 0xffffffff }).map((v) => [0, 0, 0xffff, v]);
const v6Words = fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 });
const endpointsArb = fc.oneof(
  fc.tuple(v4Words, v4Words),
  fc.tuple(v6Words, v6Words),
  // Equal addresses make the ports decide the order.
  v4Words.map((w) => [w, w] as const),
  v6Words.map((w) => [w, w] as const),
);
const portArb = fc.integer({ min: 0, max: 0xffff });

function pair(src: readonly number[], dst: readonly number[]): Uint32Array {
  const out = new Uint32Array(8);
  out.set(src, 0);
  out.set(dst, 4);
  return out;
}

/** The spec's byte layout written out with Buffer.concat: a check on the buffer reuse above. */
function referenceId(a: Uint32Array, proto: number, sport: number, dport: number, seed: number): string {
  const v4 = isV4(a, 0) && isV4(a, 4);
  const addrBytes = (at: number): Buffer => {
    const b = Buffer.alloc(16);
    for (let w = 0; w < 4; w++) b.writeUInt32BE(a[at + w]!, 4 * w);
    return v4 ? b.subarray(12) : b;
  };
  const u16 = (v: number): Buffer => {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v);
    return b;
  };
  let s = addrBytes(0);
  let d = addrBytes(4);
  const withPorts = [1, 6, 17, 58, 132].includes(proto);
  if (Buffer.compare(s, d) > 0 || (Buffer.compare(s, d) === 0 && withPorts && sport > dport)) {
    [s, d] = [d, s];
    [sport, dport] = [dport, sport];
  }
  const parts = [u16(seed), s, d, Buffer.from([proto, 0])];
  if (withPorts) parts.push(u16(sport), u16(dport));
  return `1:${createHash('sha1').update(Buffer.concat(parts)).digest('base64')}`;
}

describe('communityId properties', () => {
  it('gives both directions of a port-carrying or port-less flow the same id', () => {
    fc.assert(
      fc.property(
        endpointsArb,
        fc.constantFrom(6, 17, 132, 47, 50),
        portArb,
        portArb,
        fc.integer({ min: 0, max: 0xffff }),
        ([src, dst], proto, sport, dport, seed) => {
          const forward = communityId(pair(src, dst), proto, sport, dport, seed);
          const reverse = communityId(pair(dst, src), proto, dport, sport, seed);
          expect(reverse).toBe(forward);
          expect(forward).toMatch(/^1:[A-Za-z0-9+/]{27}=$/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives a two-way ICMP request and its reply the same id', () => {
    const twoWay = fc.oneof(
      fc.constantFrom([1, 8, 0], [1, 13, 14], [1, 15, 16], [1, 10, 9], [1, 17, 18]),
      fc.constantFrom([58, 128, 129], [58, 130, 131], [58, 133, 134], [58, 135, 136], [58, 139, 140]),
      fc.constantFrom([58, 144, 145]),
    );
    fc.assert(
      fc.property(endpointsArb, twoWay, portArb, portArb, ([src, dst], [proto, request, reply], c1, c2) => {
        const there = communityId(pair(src, dst), proto!, request!, c1 & 0xff);
        const back = communityId(pair(dst, src), proto!, reply!, c2 & 0xff);
        expect(back).toBe(there);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a direct rendering of the spec for random TCP/UDP/SCTP/other tuples', () => {
    fc.assert(
      fc.property(
        endpointsArb,
        fc.constantFrom(6, 17, 132, 47, 89),
        portArb,
        portArb,
        fc.integer({ min: 0, max: 0xffff }),
        ([src, dst], proto, sport, dport, seed) => {
          const a = pair(src, dst);
          expect(communityId(a, proto, sport, dport, seed)).toBe(referenceId(a, proto, sport, dport, seed));
        },
      ),
      { numRuns: 500 },
    );
  });
});
