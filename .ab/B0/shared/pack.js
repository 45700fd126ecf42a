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
export function packState(value) {
    return new Uint8Array(packr.pack(value));
}
export function unpackState(bytes) {
    return packr.unpack(bytes);
}
/**
 * Packs each value on its own and frames the results in one buffer: a header (the number of
 * pieces, then each one's length, uint32 little-endian) and the pieces back to back. For a
 * large state given as many parts (an actor's checkpoint, `ShardHost.snapshotPieces`):
 * msgpackr's buffer only grows to the largest part, and each part's source can be dropped
 * once it is packed.
 */
export function packPieces(values) {
    const pieces = [];
    for (const v of values)
        pieces.push(packState(v));
    const header = framingHeader(pieces);
    let total = header.byteLength;
    for (const p of pieces)
        total += p.byteLength;
    const out = new Uint8Array(total);
    out.set(header, 0);
    let at = header.byteLength;
    for (const p of pieces) {
        out.set(p, at);
        at += p.byteLength;
    }
    return out;
}
export function unpackPieces(bytes) {
    return unframe(bytes).map(unpackState);
}
/** The header of a framed list of byte strings (see `packPieces`). */
export function framingHeader(pieces) {
    const header = new DataView(new ArrayBuffer(4 * (pieces.length + 1)));
    header.setUint32(0, pieces.length, true);
    pieces.forEach((p, k) => {
        header.setUint32(4 * (k + 1), p.byteLength, true);
    });
    return new Uint8Array(header.buffer);
}
/**
 * The byte strings of a framed list, as views into `bytes`. The list was framed by this
 * process or its workers in the same run (a checkpoint), so its lengths are trusted.
 */
export function unframe(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = view.getUint32(0, true);
    const pieces = [];
    let at = 4 * (n + 1);
    for (let k = 0; k < n; k++) {
        const length = view.getUint32(4 * (k + 1), true);
        pieces.push(bytes.subarray(at, at + length));
        at += length;
    }
    return pieces;
}
//# sourceMappingURL=pack.js.map