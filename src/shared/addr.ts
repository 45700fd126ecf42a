/**
 * Addresses on the hot path are four 32-bit words, most significant first, written into a
 * caller's Uint32Array at an offset: no string, no object per address.
 *
 * IPv4 is stored IPv4-mapped (`::ffff:a.b.c.d`): words [0, 0, 0xffff, v4]. That mapped prefix is
 * the family flag, so one comparison tells the family and both families sort in one order.
 *
 * Parsing reads bytes between `start` and `end` of a buffer and rejects anything longer than
 * the longest textual address (bounded, no allocation). ip-num is for configuration and reports,
 * never for records.
 */

export const ADDR_WORDS = 4;
const V4_MAPPED_WORD = 0xffff;
/** Longest textual IPv6 with an embedded IPv4 and no zone: 45 chars; zones are cut at '%'. */
const MAX_ADDR_TEXT = 64;

export function isV4(words: Uint32Array, at: number): boolean {
  return words[at] === 0 && words[at + 1] === 0 && words[at + 2] === V4_MAPPED_WORD;
}

/** Parses dotted-quad IPv4; returns the 32-bit value or -1. */
function parseV4(buf: Uint8Array, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9 || digits === 3) return -1;
      if (digits === 1 && octet === 0) return -1; // leading zero: ambiguous (octal in some stacks)
      octet = octet * 10 + d;
      digits++;
      if (octet > 255) return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** Scratch for IPv6 groups; module-private and fully rewritten on every call. */
const groups = new Uint16Array(8);

function parseV6(buf: Uint8Array, start: number, end: number, out: Uint32Array, at: number): boolean {
  let count = 0;
  let gap = -1;
  let i = start;
  if (i < end && buf[i] === 58) {
    if (i + 1 >= end || buf[i + 1] !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    if (count === 8) return false;
    let value = 0;
    let digits = 0;
    const groupStart = i;
    while (i < end) {
      const h = hexValue(buf[i]!);
      if (h < 0) break;
      if (digits === 4) return false;
      value = (value << 4) | h;
      digits++;
      i++;
    }
    if (i < end && buf[i] === 46) {
      // Embedded IPv4 in the last 32 bits.
      if (count > 6) return false;
      const v4 = parseV4(buf, groupStart, end);
      if (v4 < 0) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      i = end;
      break;
    }
    if (digits === 0) return false;
    groups[count++] = value;
    if (i === end) break;
    if (buf[i] !== 58) return false;
    i++;
    if (i < end && buf[i] === 58) {
      if (gap >= 0) return false;
      gap = count;
      i++;
    } else if (i === end) {
      return false; // trailing single colon
    }
  }
  if (gap < 0 && count !== 8) return false;
  if (gap >= 0 && count > 7) return false;
  const fill = 8 - count;
  for (let w = 0; w < 4; w++) {
    let hi = 0;
    let lo = 0;
    const g0 = w * 2;
    const g1 = g0 + 1;
    hi = groupAt(g0, gap, fill, count);
    lo = groupAt(g1, gap, fill, count);
    out[at + w] = ((hi << 16) | lo) >>> 0;
  }
  return true;
}

function groupAt(index: number, gap: number, fill: number, count: number): number {
  if (gap < 0) return groups[index]!;
  if (index < gap) return groups[index]!;
  if (index < gap + fill) return 0;
  const source = index - fill;
  return source < count ? groups[source]! : 0;
}

/** RFC 4007 zone id (an interface name or index): non-empty, no space, control, `%` or `/`. */
function validZone(buf: Uint8Array, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c <= 32 || c === 37 || c === 47 || c === 127) return false;
  }
  return true;
}

/**
 * Parses the textual address in `buf[start, end)` into `out[at..at+3]`.
 * Accepts IPv4 dotted quads and RFC 4291 IPv6 text (a `%zone` suffix is checked, then ignored).
 * Returns false, leaving `out` unspecified, for anything else.
 */
export function parseAddressBytes(
  buf: Uint8Array,
  start: number,
  end: number,
  out: Uint32Array,
  at: number,
): boolean {
  const length = end - start;
  if (length <= 0 || length > MAX_ADDR_TEXT) return false;
  let hasColon = false;
  let stop = end;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === 58) hasColon = true;
    else if (c === 37) {
      if (!validZone(buf, i + 1, end)) return false;
      stop = i;
      break;
    }
  }
  if (!hasColon) {
    if (stop !== end) return false;
    const v4 = parseV4(buf, start, end);
    if (v4 < 0) return false;
    out[at] = 0;
    out[at + 1] = 0;
    out[at + 2] = V4_MAPPED_WORD;
    out[at + 3] = v4 >>> 0;
    return true;
  }
  return parseV6(buf, start, stop, out, at);
}

const encoder = new TextEncoder();

/** Parses an address string (configuration, tests); returns a fresh 4-word array or undefined. */
export function parseAddress(text: string): Uint32Array | undefined {
  const bytes = encoder.encode(text);
  const out = new Uint32Array(ADDR_WORDS);
  return parseAddressBytes(bytes, 0, bytes.length, out, 0) ? out : undefined;
}

/** Canonical text: dotted quad for IPv4-mapped, RFC 5952 for IPv6. */
export function formatAddress(words: Uint32Array, at = 0): string {
  if (isV4(words, at)) {
    const v = words[at + 3]!;
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const g: number[] = [];
  for (let w = 0; w < 4; w++) {
    const v = words[at + w]!;
    g.push(v >>> 16, v & 0xffff);
  }
  // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on ties.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (parts: number[]): string => parts.map((p) => p.toString(16)).join(':');
  if (bestStart < 0) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLength))}`;
}

/**
 * Masks `words[at..at+3]` to a prefix into `out[outAt..]`. The prefix counts within the family:
 * 0–32 for IPv4 (applied to the last word, the mapped prefix kept), 0–128 for IPv6.
 */
export function maskAddress(
  words: Uint32Array,
  at: number,
  prefix: number,
  out: Uint32Array,
  outAt: number,
): void {
  maskBits(words, at, isV4(words, at) ? prefix + 96 : prefix, out, outAt);
}

/** Masks `words[at..at+3]` to its first `bits` bits of the 128-bit space into `out[outAt..]`. */
export function maskBits(
  words: Uint32Array,
  at: number,
  bits: number,
  out: Uint32Array,
  outAt: number,
): void {
  for (let w = 0; w < 4; w++) {
    const keep = bits - w * 32;
    const v = words[at + w]!;
    if (keep >= 32) out[outAt + w] = v;
    else if (keep <= 0) out[outAt + w] = 0;
    else out[outAt + w] = (v & (~0 << (32 - keep))) >>> 0;
  }
}

/** murmur3's 32-bit finaliser: a full-avalanche mix, so hashes spread evenly over 2^32. */
export function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a 32-bit over the bytes of `count` big-endian words. */
export function fnv1aWords(words: Uint32Array, at: number, count: number, seed = FNV_OFFSET): number {
  let h = seed;
  for (let w = 0; w < count; w++) {
    const v = words[at + w]!;
    h = Math.imul(h ^ (v >>> 24), FNV_PRIME);
    h = Math.imul(h ^ ((v >>> 16) & 255), FNV_PRIME);
    h = Math.imul(h ^ ((v >>> 8) & 255), FNV_PRIME);
    h = Math.imul(h ^ (v & 255), FNV_PRIME);
  }
  return h >>> 0;
}

/** FNV-1a 32-bit over `buf[start, end)`. */
export function fnv1aBytes(buf: Uint8Array, start: number, end: number, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, FNV_PRIME);
  return h >>> 0;
}

const subnetScratch = new Uint32Array(ADDR_WORDS);

/**
 * The subnet hash that shards state: FNV-1a over the bytes of the masked address in its own
 * family (4 bytes for IPv4, 16 for IPv6), so the two families never share an input.
 */
export function subnetHash(words: Uint32Array, at: number, v4Prefix: number, v6Prefix: number): number {
  if (isV4(words, at)) {
    maskAddress(words, at, v4Prefix, subnetScratch, 0);
    return fnv1aWords(subnetScratch, 3, 1);
  }
  maskAddress(words, at, v6Prefix, subnetScratch, 0);
  return fnv1aWords(subnetScratch, 0, 4);
}

/** A network as words + prefix in the 128-bit space (IPv4 prefixes are offset by 96). */
export interface Network {
  readonly words: Uint32Array;
  readonly bits: number;
  readonly text: string;
}

/**
 * Parses `a.b.c.d/n` or `x::/n` (a bare address is a host network). The prefix counts in the
 * notation's family: IPv6 notation of an IPv4-mapped network (`::ffff:10.0.0.0/104`) is 128-bit.
 */
export function parseCidr(text: string): Network | undefined {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const words = parseAddress(addrText);
  if (!words) return undefined;
  const v4Notation = !addrText.includes(':');
  const max = v4Notation ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > max) return undefined;
  }
  const bits = v4Notation ? prefix + 96 : prefix;
  const masked = new Uint32Array(ADDR_WORDS);
  maskBits(words, 0, bits, masked, 0);
  const shown = isV4(masked, 0) ? bits - 96 : bits;
  return { words: masked, bits, text: `${formatAddress(masked)}/${shown}` };
}

/** Whether the address at `words[at..at+3]` lies in `net`. */
export function inNetwork(words: Uint32Array, at: number, net: Network): boolean {
  for (let w = 0; w < 4; w++) {
    const keep = net.bits - w * 32;
    if (keep <= 0) return true;
    const mask = keep >= 32 ? 0xffffffff : ~0 << (32 - keep);
    if ((words[at + w]! & mask) >>> 0 !== net.words[w]) return false;
  }
  return true;
}

/** RFC 1918, RFC 4193 unique-local and link-local for both families. */
export const DEFAULT_LOCAL_NETWORKS: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
];

/** The configured local networks; a linear scan is fine for the handful a site lists. */
export class LocalNetworks {
  readonly networks: readonly Network[];
  /** IPv4 networks as (value, mask) pairs: one AND and compare per network on the hot path. */
  private readonly v4: Uint32Array;
  private readonly v6: readonly Network[];
  /**
   * The IPv6 networks that cover all of `::ffff:0:0/96` (as `::/0` does): the only ones an
   * IPv4 address can fall in besides `v4`. The default networks have none, so an IPv4 address
   * outside them is answered without looking at the IPv6 ones.
   */
  private readonly v6OverV4: readonly Network[];

  constructor(networks: readonly Network[]) {
    this.networks = networks;
    const v4 = networks.filter((n) => n.bits >= 96 && isV4(n.words, 0));
    this.v4 = new Uint32Array(v4.length * 2);
    v4.forEach((n, k) => {
      const keep = n.bits - 96;
      this.v4[2 * k] = n.words[3]!;
      this.v4[2 * k + 1] = keep === 0 ? 0 : (~0 << (32 - keep)) >>> 0;
    });
    this.v6 = networks.filter((n) => !v4.includes(n));
    const v4Mapped = new Uint32Array([0, 0, 0xffff, 0]);
    this.v6OverV4 = this.v6.filter((n) => n.bits <= 96 && inNetwork(v4Mapped, 0, n));
  }

  static parse(cidrs: readonly string[]): LocalNetworks | { invalid: string } {
    const nets: Network[] = [];
    for (const c of cidrs) {
      const n = parseCidr(c.trim());
      if (!n) return { invalid: c };
      nets.push(n);
    }
    return new LocalNetworks(nets);
  }

  contains(words: Uint32Array, at: number): boolean {
    let v6 = this.v6;
    if (isV4(words, at)) {
      const v = words[at + 3]!;
      const nets = this.v4;
      for (let k = 0; k < nets.length; k += 2) if ((v & nets[k + 1]!) >>> 0 === nets[k]) return true;
      v6 = this.v6OverV4;
    }
    for (let k = 0; k < v6.length; k++) if (inNetwork(words, at, v6[k]!)) return true;
    return false;
  }
}
