/** Builders of NetFlow v5 / v9 / IPFIX datagrams for the tests and the benchmark. */

export class Bytes {
  private readonly parts: number[] = [];
  u8(v: number): this {
    this.parts.push(v & 255);
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
  ip4(text: string): this {
    for (const p of text.split('.')) this.u8(Number(p));
    return this;
  }
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.u8(bytes[i]!);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export interface V5Flow {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  proto: number;
  packets: number;
  bytes: number;
  first: number;
  last: number;
  tcpFlags?: number;
}

export function v5(
  h: { seq: number; uptime: number; secs: number; nsecs?: number; sampling?: number; engine?: number },
  flows: V5Flow[],
  count = flows.length,
): Uint8Array {
  const b = new Bytes()
    .u16(5)
    .u16(count)
    .u32(h.uptime)
    .u32(h.secs)
    .u32(h.nsecs ?? 0)
    .u32(h.seq)
    .u16(h.engine ?? 0)
    .u16(h.sampling ?? 0);
  for (const f of flows) {
    b.ip4(f.src)
      .ip4(f.dst)
      .ip4('10.0.0.254')
      .u16(3)
      .u16(4)
      .u32(f.packets)
      .u32(f.bytes)
      .u32(f.first)
      .u32(f.last);
    b.u16(f.srcPort)
      .u16(f.dstPort)
      .u8(0)
      .u8(f.tcpFlags ?? 0)
      .u8(f.proto)
      .u8(0)
      .u16(64512)
      .u16(64513)
      .u8(24)
      .u8(16)
      .u16(0);
  }
  return b.done();
}

/** A set: id, length (computed unless given), body. */
export function set(id: number, body: Uint8Array, length = body.length + 4): Uint8Array {
  return new Bytes().u16(id).u16(length).raw(body).done();
}

export function v9(
  h: { seq: number; uptime: number; secs: number; sourceId: number },
  sets: Uint8Array[],
): Uint8Array {
  const b = new Bytes().u16(9).u16(sets.length).u32(h.uptime).u32(h.secs).u32(h.seq).u32(h.sourceId);
  for (const s of sets) b.raw(s);
  return b.done();
}

export function ipfix(h: { seq: number; secs: number; domain: number }, sets: Uint8Array[]): Uint8Array {
  const total = 16 + sets.reduce((n, s) => n + s.length, 0);
  const b = new Bytes().u16(10).u16(total).u32(h.secs).u32(h.seq).u32(h.domain);
  for (const s of sets) b.raw(s);
  return b.done();
}

/** Field specifier: [id, length] or [id, length, enterprise]. */
export type Spec = [number, number] | [number, number, number];

export function templateRecord(id: number, fields: Spec[], ipfixEnterprise = false): Uint8Array {
  const b = new Bytes().u16(id).u16(fields.length);
  for (const [fid, len, pen] of fields) {
    if (pen !== undefined && ipfixEnterprise)
      b.u16(fid | 0x8000)
        .u16(len)
        .u32(pen);
    else b.u16(fid).u16(len);
  }
  return b.done();
}

export function ipfixOptionsTemplateRecord(id: number, scope: Spec[], fields: Spec[]): Uint8Array {
  const b = new Bytes()
    .u16(id)
    .u16(scope.length + fields.length)
    .u16(scope.length);
  for (const [fid, len] of [...scope, ...fields]) b.u16(fid).u16(len);
  return b.done();
}

export function v9OptionsTemplateRecord(id: number, scope: Spec[], fields: Spec[]): Uint8Array {
  const b = new Bytes()
    .u16(id)
    .u16(scope.length * 4)
    .u16(fields.length * 4);
  for (const [fid, len] of [...scope, ...fields]) b.u16(fid).u16(len);
  return b.done();
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The v9/IPFIX 5-tuple + counters template used by the tests and the benchmark. */
export const BASIC_FIELDS: Spec[] = [
  [8, 4], // src v4
  [12, 4], // dst v4
  [7, 2], // src port
  [11, 2], // dst port
  [4, 1], // proto
  [6, 1], // tcp flags
  [2, 4], // packets
  [1, 4], // bytes
  [10, 2], // input if
  [14, 2], // output if
];

export function basicRecord(
  src: string,
  dst: string,
  sp: number,
  dp: number,
  proto: number,
  packets: number,
  bytes: number,
): Uint8Array {
  return new Bytes()
    .ip4(src)
    .ip4(dst)
    .u16(sp)
    .u16(dp)
    .u8(proto)
    .u8(0x1b)
    .u32(packets)
    .u32(bytes)
    .u16(1)
    .u16(2)
    .done();
}
