/**
 * Synthetic NetFlow v9 and IPFIX export datagrams for the benchmarks: corpus-like layouts
 * (Cisco-style v9 template of 18 fields, IPFIX with millisecond times, one datagram in ten
 * IPv6), ~1400-byte datagrams, deterministic from a seed. Templates in the first datagram (v9:
 * again every 1000, as exporters refresh them).
 */

const DATAGRAMS = 2000;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class W {
  private readonly buf = new Uint8Array(65536);
  private n = 0;
  u8(v: number): this {
    this.buf[this.n++] = v & 255;
    return this;
  }
  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.u16(Math.floor(v / 65536) & 0xffff).u16(v & 0xffff);
  }
  u64(v: number): this {
    return this.u32(Math.floor(v / 4294967296)).u32(v >>> 0);
  }
  get at(): number {
    return this.n;
  }
  patch16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 255;
    this.buf[at + 1] = v & 255;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

// v9 (type, length): src, dst, sport, dport, proto, tos, flags, pkts, bytes, in, out, src_as, dst_as,
// src_mask, dst_mask, next hop, first, last.
const V9_FIELDS: Array<[number, number]> = [
  [8, 4],
  [12, 4],
  [7, 2],
  [11, 2],
  [4, 1],
  [5, 1],
  [6, 1],
  [2, 4],
  [1, 4],
  [10, 2],
  [14, 2],
  [16, 2],
  [17, 2],
  [9, 1],
  [13, 1],
  [15, 4],
  [22, 4],
  [21, 4],
];
// IPFIX v4: same with 8-byte counters, 4-byte interfaces and millisecond times; v6 variant.
const IPFIX_V4: Array<[number, number]> = [
  [8, 4],
  [12, 4],
  [7, 2],
  [11, 2],
  [4, 1],
  [5, 1],
  [6, 2],
  [2, 8],
  [1, 8],
  [10, 4],
  [14, 4],
  [16, 4],
  [17, 4],
  [61, 1],
  [152, 8],
  [153, 8],
];
const IPFIX_V6: Array<[number, number]> = [
  [27, 16],
  [28, 16],
  [7, 2],
  [11, 2],
  [4, 1],
  [5, 1],
  [6, 2],
  [2, 8],
  [1, 8],
  [10, 4],
  [14, 4],
  [16, 4],
  [17, 4],
  [61, 1],
  [152, 8],
  [153, 8],
];

function fieldValue(w: W, id: number, len: number, r: () => number, t: number): void {
  if (id === 8 || id === 12 || id === 15) {
    w.u8(10)
      .u8(Math.floor(r() * 8))
      .u8(Math.floor(r() * 256))
      .u8(1 + Math.floor(r() * 254));
  } else if (id === 27 || id === 28) {
    w.u16(0x2001)
      .u16(0xdb8)
      .u16(Math.floor(r() * 65536))
      .u16(0)
      .u32(0)
      .u32(r() * 4294967296);
  } else if (id === 152 || id === 153) w.u64(t * 1000 + Math.floor(r() * 60_000));
  else if (id === 22 || id === 21) w.u32(3_600_000 - Math.floor(r() * 60_000));
  else {
    const v = id === 4 ? (r() < 0.7 ? 6 : 17) : Math.floor(r() * (len === 1 ? 256 : 65536));
    if (len === 1) w.u8(v);
    else if (len === 2) w.u16(v);
    else if (len === 4) w.u32(v);
    else w.u64(v);
  }
}

function recordLength(fields: Array<[number, number]>): number {
  return fields.reduce((n, [, l]) => n + l, 0);
}

function dataSet(
  w: W,
  id: number,
  fields: Array<[number, number]>,
  count: number,
  r: () => number,
  t: number,
): void {
  const start = w.at;
  w.u16(id).u16(0);
  for (let i = 0; i < count; i++) for (const [fid, len] of fields) fieldValue(w, fid, len, r, t);
  while ((w.at - start) % 4 !== 0) w.u8(0);
  w.patch16(start + 2, w.at - start);
}

function templateSet(w: W, setId: number, templates: Array<[number, Array<[number, number]>]>): void {
  const start = w.at;
  w.u16(setId).u16(0);
  for (const [id, fields] of templates) {
    w.u16(id).u16(fields.length);
    for (const [fid, len] of fields) w.u16(fid).u16(len);
  }
  w.patch16(start + 2, w.at - start);
}

export function v9Datagrams(count = DATAGRAMS, seed = 9): { datagrams: Uint8Array[]; flows: number } {
  const r = prng(seed);
  const per = Math.floor(1380 / recordLength(V9_FIELDS));
  const datagrams: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    // A template refresh every 1000 datagrams, as exporters resend them.
    const w = new W()
      .u16(9)
      .u16(per)
      .u32(3_600_000)
      .u32(1_700_000_000 + i)
      .u32(i)
      .u32(1);
    if (i % 1000 === 0) templateSet(w, 0, [[256, V9_FIELDS]]);
    dataSet(w, 256, V9_FIELDS, per, r, 1_700_000_000 + i);
    datagrams.push(w.done());
  }
  return { datagrams, flows: per * count };
}

export function ipfixDatagrams(count = DATAGRAMS, seed = 10): { datagrams: Uint8Array[]; flows: number } {
  const r = prng(seed);
  const datagrams: Uint8Array[] = [];
  let flows = 0;
  for (let i = 0; i < count; i++) {
    const v6 = i % 10 === 9;
    const fields = v6 ? IPFIX_V6 : IPFIX_V4;
    const per = Math.floor(1380 / recordLength(fields));
    const w = new W()
      .u16(10)
      .u16(0)
      .u32(1_700_000_000 + i)
      .u32(flows)
      .u32(1);
    if (i === 0)
      templateSet(w, 2, [
        [256, IPFIX_V4],
        [257, IPFIX_V6],
      ]);
    dataSet(w, v6 ? 257 : 256, fields, per, r, 1_700_000_000 + i);
    flows += per;
    w.patch16(2, w.at);
    datagrams.push(w.done());
  }
  return { datagrams, flows };
}
