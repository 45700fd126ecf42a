import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADDR_WORDS,
  DEFAULT_LOCAL_NETWORKS,
  fnv1aBytes,
  fnv1aWords,
  formatAddress,
  isV4,
  LocalNetworks,
  maskAddress,
  parseAddress,
  parseAddressBytes,
  parseCidr,
  subnetHash,
} from '../../src/shared/addr.js';

const words = (...w: number[]): number[] => w.map((v) => v >>> 0);
const parsed = (text: string): number[] | undefined => {
  const out = parseAddress(text);
  return out === undefined ? undefined : [...out];
};
const toBig = (w: ArrayLike<number>, at = 0): bigint => {
  let v = 0n;
  for (let i = 0; i < ADDR_WORDS; i++) v = (v << 32n) | BigInt(w[at + i]! >>> 0);
  return v;
};
const fromBig = (v: bigint): Uint32Array => {
  const out = new Uint32Array(ADDR_WORDS);
  for (let i = ADDR_WORDS - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffffffffn);
    v >>= 32n;
  }
  return out;
};
const MASK128 = (1n << 128n) - 1n;
const prefixMask = (bits: number): bigint => (MASK128 << BigInt(128 - bits)) & MASK128;

/** Uint32 words that avoid or produce the IPv4-mapped prefix, with zero runs to compress. */
const addressWords = fc
  .tuple(
    fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }),
    fc.boolean(),
    fc.nat({ max: 0xffffffff }),
  )
  .map(([groups, mapped, v4]) => {
    const out = new Uint32Array(ADDR_WORDS);
    for (let w = 0; w < ADDR_WORDS; w++) out[w] = ((groups[2 * w]! << 16) | groups[2 * w + 1]!) >>> 0;
    if (mapped) out.set([0, 0, 0xffff, v4]);
    return out;
  });

describe('parseAddress: IPv4', () => {
  it('stores dotted quads IPv4-mapped', () => {
    expect(parsed('192.168.1.20')).toEqual(words(0, 0, 0xffff, 0xc0a80114));
    expect(parsed('0.0.0.0')).toEqual(words(0, 0, 0xffff, 0));
    expect(parsed('255.255.255.255')).toEqual(words(0, 0, 0xffff, 0xffffffff));
  });

  it.each([
    ['', 'empty'],
    ['1.2.3', 'three parts'],
    ['1.2.3.4.5', 'five parts'],
    ['1.2.3.256', 'octet 256'],
    ['1.2.3.1000', 'four digits'],
    ['01.2.3.4', 'leading zero'],
    ['1.2.3.00', 'double zero'],
    ['1..3.4', 'empty octet'],
    ['.1.2.3', 'leading dot'],
    ['1.2.3.4.', 'trailing dot'],
    ['1.2.3.4 ', 'trailing space'],
    ['1.2.3.-4', 'sign'],
    ['1.2.3.4%eth0', 'zone on IPv4'],
    ['0x1.2.3.4', 'hex octet'],
  ])('rejects %j (%s)', (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });
});

describe('parseAddress: IPv6', () => {
  it('parses full, compressed and boundary forms', () => {
    expect(parsed('2001:db8:0:0:1:0:0:1')).toEqual(words(0x20010db8, 0, 0x00010000, 1));
    expect(parsed('2001:DB8::1:0:0:1')).toEqual(words(0x20010db8, 0, 0x00010000, 1));
    expect(parsed('::')).toEqual(words(0, 0, 0, 0));
    expect(parsed('::1')).toEqual(words(0, 0, 0, 1));
    expect(parsed('1::')).toEqual(words(0x00010000, 0, 0, 0));
    expect(parsed('1:2:3:4:5:6:7::')).toEqual(words(0x00010002, 0x00030004, 0x00050006, 0x00070000));
    expect(parsed('::2:3:4:5:6:7:8')).toEqual(words(0x00000002, 0x00030004, 0x00050006, 0x00070008));
    expect(parsed('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual(words(-1, -1, -1, -1));
  });

  it('parses an embedded IPv4 in the last 32 bits', () => {
    expect(parsed('::ffff:10.1.2.3')).toEqual(parsed('10.1.2.3'));
    expect(parsed('64:ff9b::192.0.2.33')).toEqual(words(0x0064ff9b, 0, 0, 0xc0000221));
    expect(parsed('1:2:3:4:5:6:1.2.3.4')).toEqual(words(0x00010002, 0x00030004, 0x00050006, 0x01020304));
    expect(parsed('::1.2.3.4')).toEqual(words(0, 0, 0, 0x01020304));
  });

  it('ignores a zone but requires it to be non-empty', () => {
    expect(parsed('fe80::1%eth0')).toEqual(parsed('fe80::1'));
    expect(parsed('fe80::1%25')).toEqual(parsed('fe80::1'));
    expect(parsed('fe80::1%')).toBeUndefined();
    expect(parsed('%eth0')).toBeUndefined();
    expect(parsed('fe80::1%%')).toBeUndefined();
    expect(parsed('fe80::1%eth 0')).toBeUndefined();
    expect(parsed('fe80::1%a/b')).toBeUndefined();
  });

  it.each([
    [':', 'lone colon'],
    [':::', 'triple colon'],
    ['1:2:3:4:5:6:7', 'seven groups, no gap'],
    ['1:2:3:4:5:6:7:8:9', 'nine groups'],
    ['1::2:3:4:5:6:7:8', 'gap plus eight groups'],
    ['1:2:3:4:5:6:7:8::', 'eight groups then gap'],
    ['1::2::3', 'two gaps'],
    [':1::2', 'leading single colon'],
    ['1::2:', 'trailing single colon'],
    ['12345::', 'five hex digits'],
    ['g::1', 'non-hex'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'IPv4 after seven groups'],
    ['::1.2.3.4:1', 'IPv4 not last'],
    ['::ffff:1.2.3.04', 'IPv4 leading zero'],
    ['::ffff:1.2.3.256', 'IPv4 octet 256'],
    ['::ffff:1.2.3', 'short IPv4'],
    [`${'0:'.repeat(20)}0`, 'overlong'],
    [`fe80::1%${'x'.repeat(80)}`, 'overlong zone'],
  ])('rejects %j (%s)', (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });

  it('parses within a byte range and writes only the 4 target words', () => {
    const buf = new TextEncoder().encode('x 10.0.0.1 2001:db8::7 y');
    const out = new Uint32Array(10).fill(0xdeadbeef);
    expect(parseAddressBytes(buf, 2, 10, out, 1)).toBe(true);
    expect(parseAddressBytes(buf, 11, 22, out, 5)).toBe(true);
    expect([...out]).toEqual(words(0xdeadbeef, 0, 0, 0xffff, 0x0a000001, 0x20010db8, 0, 0, 7, 0xdeadbeef));
    expect(parseAddressBytes(buf, 2, 2, out, 0)).toBe(false);
  });

  it('agrees with node:net on which strings are addresses', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF:.%z');
    const near = fc.oneof(
      fc.string({ unit: chars, maxLength: 45 }),
      addressWords.map((w) => formatAddress(w)),
      fc.tuple(addressWords, fc.nat({ max: 44 }), chars).map(([w, i, c]) => {
        const t = formatAddress(w);
        return t.slice(0, i) + c + t.slice(i + 1);
      }),
    );
    fc.assert(
      fc.property(near, (text) => {
        expect(parseAddress(text) !== undefined).toBe(isIP(text) !== 0);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatAddress', () => {
  it.each([
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8:0:0:1:0:0:0', '2001:db8:0:0:1::'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['FE80::ABCD', 'fe80::abcd'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['10.0.0.1', '10.0.0.1'],
  ])('%s → %s (RFC 5952)', (input, canonical) => {
    expect(formatAddress(parseAddress(input)!)).toBe(canonical);
  });

  it('reads words at an offset', () => {
    const w = new Uint32Array([7, 0, 0, 0xffff, 0x08080808]);
    expect(formatAddress(w, 1)).toBe('8.8.8.8');
  });

  it('round-trips: parse(format(words)) = words', () => {
    fc.assert(
      fc.property(addressWords, (w) => {
        expect(parsed(formatAddress(w))).toEqual([...w]);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips: format(parse(canonical text)) = text, and matches the WHATWG serializer', () => {
    fc.assert(
      fc.property(addressWords, (w) => {
        const text = formatAddress(w);
        expect(formatAddress(parseAddress(text)!)).toBe(text);
        if (!isV4(w, 0)) expect(new URL(`http://[${text}]`).hostname).toBe(`[${text}]`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskAddress', () => {
  it('counts the prefix within the family', () => {
    const out = new Uint32Array(ADDR_WORDS);
    maskAddress(parseAddress('10.1.2.3')!, 0, 24, out, 0);
    expect(formatAddress(out)).toBe('10.1.2.0');
    maskAddress(parseAddress('10.1.2.3')!, 0, 0, out, 0);
    expect(formatAddress(out)).toBe('0.0.0.0');
    maskAddress(parseAddress('2001:db8:1:2:3:4:5:6')!, 0, 64, out, 0);
    expect(formatAddress(out)).toBe('2001:db8:1:2::');
    maskAddress(parseAddress('2001:db8:1:2:3:4:5:6')!, 0, 0, out, 0);
    expect(formatAddress(out)).toBe('::');
  });

  it('equals a 128-bit mask for every prefix, and writes only its 4 output words', () => {
    fc.assert(
      fc.property(addressWords, fc.nat({ max: 128 }), (w, p) => {
        const v4 = isV4(w, 0);
        const prefix = v4 ? p % 33 : p;
        const out = new Uint32Array(6).fill(0x5a5a5a5a);
        maskAddress(w, 0, prefix, out, 1);
        const bits = v4 ? prefix + 96 : prefix;
        expect(toBig(out, 1)).toBe(toBig(w) & prefixMask(bits));
        expect(out[0]).toBe(0x5a5a5a5a);
        expect(out[5]).toBe(0x5a5a5a5a);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('FNV-1a and subnetHash', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('matches the published FNV-1a 32-bit vectors', () => {
    expect(fnv1aBytes(bytes(''), 0, 0)).toBe(0x811c9dc5);
    expect(fnv1aBytes(bytes('a'), 0, 1)).toBe(0xe40c292c);
    expect(fnv1aBytes(bytes('foobar'), 0, 6)).toBe(0xbf9cf968);
  });

  it('hashes words as their big-endian bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 8 }), (list) => {
        const w = Uint32Array.from(list);
        const be = new Uint8Array(w.length * 4);
        const view = new DataView(be.buffer);
        for (let i = 0; i < w.length; i++) view.setUint32(i * 4, w[i]!);
        expect(fnv1aWords(w, 0, w.length)).toBe(fnv1aBytes(be, 0, be.length));
      }),
    );
  });

  it('is stable: pinned values for one IPv4 /24 and one IPv6 /64', () => {
    // Changing these re-shards every deployment's state and Kafka/NATS partitions.
    expect(subnetHash(parseAddress('10.1.2.3')!, 0, 24, 64)).toBe(
      fnv1aBytes(Uint8Array.of(10, 1, 2, 0), 0, 4),
    );
    expect(subnetHash(parseAddress('10.1.2.3')!, 0, 24, 64)).toBe(0x7a6ead46);
    const v6 = Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(subnetHash(parseAddress('2001:db8:1:2:aa::1')!, 0, 24, 64)).toBe(fnv1aBytes(v6, 0, 16));
    expect(subnetHash(parseAddress('2001:db8:1:2:aa::1')!, 0, 24, 64)).toBe(0xcb3b96c2);
  });

  it('gives every address of a subnet the same hash', () => {
    fc.assert(
      fc.property(addressWords, fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (w, a, b) => {
        const sibling = Uint32Array.from(w);
        if (isV4(w, 0)) sibling[3] = (w[3]! & 0xffffff00) | (a & 0xff);
        else sibling.set([a, b], 2);
        expect(subnetHash(sibling, 0, 24, 64)).toBe(subnetHash(w, 0, 24, 64));
      }),
    );
  });

  it('keeps the families apart: IPv4 hashes 4 bytes, IPv6 16, even for equal low words', () => {
    const v4 = parseAddress('10.1.2.0')!;
    const v6 = parseAddress('::a01:200')!;
    expect(subnetHash(v4, 0, 32, 128)).toBe(fnv1aBytes(Uint8Array.of(10, 1, 2, 0), 0, 4));
    expect(subnetHash(v6, 0, 32, 128)).toBe(fnv1aWords(v6, 0, 4));
    expect(subnetHash(v6, 0, 32, 128)).not.toBe(subnetHash(v4, 0, 32, 128));
  });

  it('reads the address at an offset without touching its neighbours', () => {
    const w = new Uint32Array([1, 2, 0, 0, 0xffff, 0x0a010203, 9]);
    const before = [...w];
    expect(subnetHash(w, 2, 24, 64)).toBe(subnetHash(parseAddress('10.1.2.77')!, 0, 24, 64));
    expect([...w]).toEqual(before);
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.1.2.3/8', '10.0.0.0/8', 104],
    ['192.168.0.0/16', '192.168.0.0/16', 112],
    ['10.0.0.1', '10.0.0.1/32', 128],
    ['0.0.0.0/0', '0.0.0.0/0', 96],
    ['fe80::1/10', 'fe80::/10', 10],
    ['2001:db8::/32', '2001:db8::/32', 32],
    ['::/0', '::/0', 0],
    ['::1', '::1/128', 128],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8', 104],
    ['::ffff:0:0/96', '0.0.0.0/0', 96],
    ['::ffff:0:0/80', '::/80', 80],
  ])('%s → %s (bits %i)', (input, text, bits) => {
    const net = parseCidr(input);
    expect(net?.text).toBe(text);
    expect(net?.bits).toBe(bits);
  });

  it.each([
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/',
    '10.0.0.0/-1',
    '10.0.0.0/ 8',
    '10.0.0.0/8/8',
    '10.0.0.0/1e1',
    '/8',
    'x/8',
    '',
  ])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it('keeps the network text parseable back to the same network', () => {
    fc.assert(
      fc.property(addressWords, fc.nat({ max: 128 }), (w, p) => {
        const prefix = isV4(w, 0) ? p % 33 : p;
        const net = parseCidr(`${formatAddress(w)}/${prefix}`)!;
        const again = parseCidr(net.text)!;
        expect(again.text).toBe(net.text);
        expect(again.bits).toBe(net.bits);
        expect([...again.words]).toEqual([...net.words]);
      }),
    );
  });
});

describe('LocalNetworks', () => {
  const local = LocalNetworks.parse(DEFAULT_LOCAL_NETWORKS) as LocalNetworks;
  const inLocal = (text: string): boolean => local.contains(parseAddress(text)!, 0);

  it.each([
    ['10.0.0.1', true],
    ['10.255.255.255', true],
    ['11.0.0.0', false],
    ['172.15.255.255', false],
    ['172.16.0.0', true],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    ['192.168.7.7', true],
    ['192.169.0.0', false],
    ['169.254.1.1', true],
    ['8.8.8.8', false],
    ['::ffff:10.0.0.1', true],
    ['fc00::', true],
    ['fdff:ffff::1', true],
    ['fe00::', false],
    ['fe80::1', true],
    ['febf:ffff::', true],
    ['fec0::', false],
    ['2001:db8::1', false],
    ['::1', false],
  ])('default local networks: %s → %s', (text, expected) => {
    expect(inLocal(text)).toBe(expected);
  });

  it('finds an IPv4 address in an IPv6 network that covers the mapped space, and only there', () => {
    const v4 = parseAddress('8.8.8.8')!;
    for (const [cidr, expected] of [
      ['::/0', true],
      ['::ffff:0:0/96', true],
      ['::/80', true],
      ['::/81', false],
      ['fc00::/7', false],
      ['2001:db8::/32', false],
    ] as const) {
      expect([cidr, (LocalNetworks.parse([cidr]) as LocalNetworks).contains(v4, 0)]).toEqual([
        cidr,
        expected,
      ]);
    }
  });

  it('reports the first invalid entry', () => {
    expect(LocalNetworks.parse(['10.0.0.0/8', ' 192.168.0.0/16 ', '300.0.0.0/8'])).toEqual({
      invalid: '300.0.0.0/8',
    });
  });

  it('contains exactly the addresses whose top bits match a network', () => {
    fc.assert(
      fc.property(addressWords, addressWords, fc.nat({ max: 128 }), (netWords, addr, p) => {
        const prefix = isV4(netWords, 0) ? p % 33 : p;
        const net = parseCidr(`${formatAddress(netWords)}/${prefix}`)!;
        const nets = new LocalNetworks([net]);
        const mask = prefixMask(net.bits);
        // Half the time, move addr into the network so both answers are exercised.
        const candidate = fromBig((toBig(net.words) & mask) | (toBig(addr) & ~mask & MASK128));
        for (const a of [addr, candidate]) {
          expect(nets.contains(a, 0)).toBe((toBig(a) & mask) === toBig(net.words));
        }
        expect(nets.contains(candidate, 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
