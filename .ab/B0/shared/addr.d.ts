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
export declare const ADDR_WORDS = 4;
export declare function isV4(words: Uint32Array, at: number): boolean;
/**
 * Parses the textual address in `buf[start, end)` into `out[at..at+3]`.
 * Accepts IPv4 dotted quads and RFC 4291 IPv6 text (a `%zone` suffix is checked, then ignored).
 * Returns false, leaving `out` unspecified, for anything else.
 */
export declare function parseAddressBytes(buf: Uint8Array, start: number, end: number, out: Uint32Array, at: number): boolean;
/** Parses an address string (configuration, tests); returns a fresh 4-word array or undefined. */
export declare function parseAddress(text: string): Uint32Array | undefined;
/** Canonical text: dotted quad for IPv4-mapped, RFC 5952 for IPv6. */
export declare function formatAddress(words: Uint32Array, at?: number): string;
/**
 * Masks `words[at..at+3]` to a prefix into `out[outAt..]`. The prefix counts within the family:
 * 0–32 for IPv4 (applied to the last word, the mapped prefix kept), 0–128 for IPv6.
 */
export declare function maskAddress(words: Uint32Array, at: number, prefix: number, out: Uint32Array, outAt: number): void;
/** murmur3's 32-bit finaliser: a full-avalanche mix, so hashes spread evenly over 2^32. */
export declare function fmix32(h: number): number;
/** FNV-1a 32-bit over the bytes of `count` big-endian words. */
export declare function fnv1aWords(words: Uint32Array, at: number, count: number, seed?: number): number;
/** FNV-1a 32-bit over `buf[start, end)`. */
export declare function fnv1aBytes(buf: Uint8Array, start: number, end: number, seed?: number): number;
/**
 * The subnet hash that shards state: FNV-1a over the bytes of the masked address in its own
 * family (4 bytes for IPv4, 16 for IPv6), so the two families never share an input.
 */
export declare function subnetHash(words: Uint32Array, at: number, v4Prefix: number, v6Prefix: number): number;
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
export declare function parseCidr(text: string): Network | undefined;
/** Whether the address at `words[at..at+3]` lies in `net`. */
export declare function inNetwork(words: Uint32Array, at: number, net: Network): boolean;
/** RFC 1918, RFC 4193 unique-local and link-local for both families. */
export declare const DEFAULT_LOCAL_NETWORKS: readonly string[];
/** The configured local networks; a linear scan is fine for the handful a site lists. */
export declare class LocalNetworks {
    readonly networks: readonly Network[];
    /** IPv4 networks as (value, mask) pairs: one AND and compare per network on the hot path. */
    private readonly v4;
    private readonly v6;
    /**
     * The IPv6 networks that cover all of `::ffff:0:0/96` (as `::/0` does): the only ones an
     * IPv4 address can fall in besides `v4`. The default networks have none, so an IPv4 address
     * outside them is answered without looking at the IPv6 ones.
     */
    private readonly v6OverV4;
    constructor(networks: readonly Network[]);
    static parse(cidrs: readonly string[]): LocalNetworks | {
        invalid: string;
    };
    contains(words: Uint32Array, at: number): boolean;
}
