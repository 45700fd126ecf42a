/**
 * msgpackr for everything that crosses threads as structured data: findings, partial
 * aggregates, checkpoints. One packer, with structured-clone extensions, so typed arrays and
 * Maps keep their type (plain msgpack would turn a Uint32Array into bytes).
 *
 * `pack` returns a fresh buffer owned by the caller (msgpackr reuses its output buffer between
 * calls, and a transferred view of it would detach the next pack's output).
 */
import { Packr } from 'msgpackr';

const packr = new Packr({ structuredClone: true });

export function packState(value: unknown): Uint8Array {
  return new Uint8Array(packr.pack(value));
}

export function unpackState(bytes: Uint8Array): unknown {
  return packr.unpack(bytes);
}
