/**
 * A SYN flood as pcap bytes, generated lazily: `count` TCP SYNs from distinct pseudo-random
 * (seeded) IPv4 sources in 10.0.0.0/8 with random ports and sequence numbers, all to one server
 * port. One frame is built with the pcap.ts builders; every packet is a copy with the source
 * address, source port and sequence number patched and both checksums recomputed here, so a
 * million packets cost no per-packet allocation beyond their chunk. `synFloodFrame` builds any
 * one packet entirely through the builders, to check the patched bytes against.
 *
 * Sources are distinct by construction: a seeded bijection of the packet index onto 24 bits, so
 * every SYN opens a connection of its own (up to 2^24 packets).
 */
import { EtherType, ethernet, ipv4, pcapHeader, tcp } from './pcap.js';

export interface SynFloodPhase {
  readonly count: number;
  readonly perSecond: number;
}

export interface SynFloodSpec {
  readonly seed: number;
  /** Consecutive phases of SYNs at a steady rate; the flood is their total count. */
  readonly phases: readonly SynFloodPhase[];
  readonly server?: string;
  readonly port?: number;
  /** Capture time of the first SYN, in whole seconds. */
  readonly startSeconds?: number;
}

export interface SynSource {
  /** IPv4 address as an unsigned 32-bit number. */
  readonly addr: number;
  readonly port: number;
  readonly seq: number;
}

const SERVER = '192.0.2.80';
const PORT = 80;
const START = 1_700_000_000;
const MASK24 = 0xffffff;

export function synFloodCount(spec: SynFloodSpec): number {
  return spec.phases.reduce((n, p) => n + p.count, 0);
}

/** An invertible mixing of 24-bit values: odd multipliers, xor-shifts and a seeded xor. */
function permute24(i: number, seed: number): number {
  let x = (i ^ seed) & MASK24;
  x = Math.imul(x, 0x9e3779) & MASK24;
  x ^= x >>> 11;
  x = Math.imul(x, 0x2c1b3d) & MASK24;
  x ^= x >>> 13;
  return (x ^ (seed >>> 8)) & MASK24;
}

/** A small keyed hash for the per-packet port and sequence number (not required to be unique). */
function hash32(i: number, seed: number): number {
  let h = Math.imul(i ^ 0x85ebca6b ^ seed, 0xcc9e2d51);
  h = Math.imul(h ^ (h >>> 15), 0x1b873593);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The source of SYN number `i` (0-based). */
export function synSource(spec: SynFloodSpec, i: number): SynSource {
  const r = hash32(i, spec.seed);
  return {
    addr: (0x0a000000 | permute24(i, spec.seed)) >>> 0,
    port: 1024 + (r % (65536 - 1024)),
    seq: hash32(i + 0x5bd1e995, spec.seed),
  };
}

/** Capture time of SYN number `i`, in microseconds since the epoch (an exact integer). */
export function synTimeUs(spec: SynFloodSpec, i: number): number {
  let us = (spec.startSeconds ?? START) * 1e6;
  let j = i;
  for (const phase of spec.phases) {
    if (j < phase.count) return us + Math.floor((j * 1e6) / phase.perSecond);
    us += Math.floor((phase.count * 1e6) / phase.perSecond);
    j -= phase.count;
  }
  throw new RangeError(`SYN ${i} is past the end of the flood`);
}

function dotted(addr: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

/** SYN number `i` as an Ethernet frame, built entirely by the pcap.ts builders. */
export function synFloodFrame(spec: SynFloodSpec, i: number): Uint8Array {
  const s = synSource(spec, i);
  return ethernet(
    EtherType.Ipv4,
    ipv4(
      { src: dotted(s.addr), dst: spec.server ?? SERVER },
      tcp({ srcPort: s.port, dstPort: spec.port ?? PORT, seq: s.seq, flags: 0x02, window: 1024 }),
    ),
  );
}

const IP = 14;
const TCP = IP + 20;
const FRAME = TCP + 20;

/** One's-complement sum of the 16-bit big-endian words in buf[from, to) (even length). */
function wordSum(buf: Uint8Array, from: number, to: number, sum = 0): number {
  for (let at = from; at < to; at += 2) sum += (buf[at]! << 8) | buf[at + 1]!;
  return sum;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function put16(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v >>> 8;
  buf[at + 1] = v & 255;
}

function put32be(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v >>> 24;
  buf[at + 1] = (v >>> 16) & 255;
  buf[at + 2] = (v >>> 8) & 255;
  buf[at + 3] = v & 255;
}

function put32le(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v & 255;
  buf[at + 1] = (v >>> 8) & 255;
  buf[at + 2] = (v >>> 16) & 255;
  buf[at + 3] = v >>> 24;
}

/**
 * The flood as a microsecond little-endian pcap, in chunks of up to `packetsPerChunk` records
 * (the first chunk starts with the file header). Each chunk is a fresh buffer the consumer may
 * keep or drop.
 */
export function* synFloodChunks(spec: SynFloodSpec, packetsPerChunk = 65_536): Generator<Uint8Array> {
  const template = synFloodFrame(spec, 0);
  if (template.length !== FRAME) throw new Error(`unexpected SYN frame length ${template.length}`);
  const total = synFloodCount(spec);
  const record = 16 + FRAME;
  for (let first = 0; first < total; first += packetsPerChunk) {
    const n = Math.min(packetsPerChunk, total - first);
    const head = first === 0 ? pcapHeader() : new Uint8Array(0);
    const chunk = new Uint8Array(head.length + n * record);
    chunk.set(head);
    let at = head.length;
    for (let i = first; i < first + n; i++) {
      const us = synTimeUs(spec, i);
      put32le(chunk, at, Math.floor(us / 1e6));
      put32le(chunk, at + 4, us % 1e6);
      put32le(chunk, at + 8, FRAME);
      put32le(chunk, at + 12, FRAME);
      const f = at + 16;
      chunk.set(template, f);
      const s = synSource(spec, i);
      put32be(chunk, f + IP + 12, s.addr);
      put16(chunk, f + IP + 10, 0);
      put16(chunk, f + IP + 10, fold(wordSum(chunk, f + IP, f + TCP)));
      put16(chunk, f + TCP, s.port);
      put32be(chunk, f + TCP + 4, s.seq);
      put16(chunk, f + TCP + 16, 0);
      // Pseudo-header: source and destination addresses, protocol 6, TCP length 20.
      const pseudo = wordSum(chunk, f + IP + 12, f + IP + 20, 6 + 20);
      put16(chunk, f + TCP + 16, fold(wordSum(chunk, f + TCP, f + FRAME, pseudo)));
      at += record;
    }
    yield chunk;
  }
}
