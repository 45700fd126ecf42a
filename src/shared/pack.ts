/**
 * msgpackr for everything that crosses threads as structured data: findings, partial
 * aggregates, checkpoints. One packer with msgpackr's `moreTypes` extensions, so typed arrays,
 * Maps and Sets keep their type (plain msgpack would turn a Uint32Array into bytes). Not
 * `structuredClone`: it also records every object packed to restore shared references and
 * cycles, which no analyzer state has, and that bookkeeping cost 50–80 MB of peak RSS and ≈ 4 %
 * CPU on a 4 M-line run with checkpoints (snapshots must therefore be trees: an object
 * referenced twice comes back as two copies, a cycle cannot be packed).
 *
 * `pack` returns a fresh buffer owned by the caller (msgpackr reuses its output buffer between
 * calls, and a transferred view of it would detach the next pack's output).
 */
import { Packr } from 'msgpackr';

const packr = new Packr({ moreTypes: true });

export function packState(value: unknown): Uint8Array {
  return new Uint8Array(packr.pack(value));
}

export function unpackState(bytes: Uint8Array): unknown {
  return packr.unpack(bytes);
}
