/**
 * Packets in transit from the coordinator to the actors: the coordinator reads a capture
 * (pcap or pcapng, any byte order or time resolution, gzip undone) with the streaming
 * `CaptureReader` and copies each packet into a chunk of this one simple layout, so an actor
 * never needs the file's header blocks or interface table to read a chunk. Per packet, 8-byte
 * aligned:
 *
 *   f64 ts   f64 fileOffset   u32 linkType   u32 interfaceId   u32 originalLength   u32 caplen
 *   caplen bytes of packet data, padded to a multiple of 8
 *
 * Cost: one memcpy of the packet bytes on the main thread (GB/s) plus 32 bytes per packet.
 * The reader bounds every length it reads: a chunk cut short ends the walk, never an exception.
 */
import { Flag, RecordKind, RecordRow, Str } from '../../shared/record.js';
import { decodePacket } from './decode.js';
import { DecodedPacket } from './packet.js';
const HEADER_BYTES = 32;
const align8 = (n) => (n + 7) & ~7;
export class PacketChunkWriter {
    buffer;
    view;
    used = 0;
    packets = 0;
    constructor(initialBytes = 1 << 20) {
        this.buffer = new Uint8Array(initialBytes);
        this.view = new DataView(this.buffer.buffer);
    }
    get bytes() {
        return this.used;
    }
    add(p) {
        const need = this.used + HEADER_BYTES + align8(p.data.length);
        if (need > this.buffer.length) {
            const grown = new Uint8Array(Math.max(need, this.buffer.length * 2));
            grown.set(this.buffer.subarray(0, this.used));
            this.buffer = grown;
            this.view = new DataView(grown.buffer);
        }
        const v = this.view;
        const at = this.used;
        v.setFloat64(at, p.ts, true);
        v.setFloat64(at + 8, p.fileOffset, true);
        v.setUint32(at + 16, p.linkType, true);
        v.setUint32(at + 20, p.interfaceId, true);
        v.setUint32(at + 24, p.originalLength, true);
        v.setUint32(at + 28, p.data.length, true);
        this.buffer.set(p.data, at + HEADER_BYTES);
        this.used = need;
        this.packets++;
    }
    /** The chunk so far (a fresh copy the caller may transfer); the writer starts empty again. */
    take() {
        const out = this.buffer.slice(0, this.used);
        this.used = 0;
        this.packets = 0;
        return out;
    }
}
/** A packet read back from a chunk: a view valid until the next callback. */
class ChunkPacket {
    ts = 0;
    linkType = 0;
    interfaceId = 0;
    data = new Uint8Array(0);
    originalLength = 0;
    fileOffset = 0;
}
/**
 * Reads the entry at `at` of `bytes` (`view` lies over the same bytes) into `out`; returns where
 * the next entry starts, or -1 when this one is cut short before `end`.
 */
function readEntry(bytes, view, at, end, out) {
    if (at + HEADER_BYTES > end)
        return -1;
    const caplen = view.getUint32(at + 28, true);
    const dataEnd = at + HEADER_BYTES + caplen;
    if (dataEnd > end)
        return -1;
    out.ts = view.getFloat64(at, true);
    out.fileOffset = view.getFloat64(at + 8, true);
    out.linkType = view.getUint32(at + 16, true);
    out.interfaceId = view.getUint32(at + 20, true);
    out.originalLength = view.getUint32(at + 24, true);
    out.data = bytes.subarray(at + HEADER_BYTES, dataEnd);
    return Math.min(at + HEADER_BYTES + align8(caplen), end);
}
/**
 * Calls `onPacket(packet, index, start, end)` for every packet of a chunk (`start..end` is the
 * packet's whole entry, header included). Returns the number of packets read.
 */
export function forEachChunkPacket(chunk, onPacket) {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const packet = new ChunkPacket();
    let index = 0;
    let at = 0;
    for (;;) {
        const next = readEntry(chunk, view, at, chunk.length, packet);
        if (next < 0)
            break;
        onPacket(packet, index++, at, next);
        at = next;
    }
    return index;
}
/**
 * Reads one packet entry (as `forEachChunkPacket` delimits it) at `bytes[start, end)` into
 * `out`, a `chunkPacket()`; `view` lies over `bytes` (made once per buffer, not per packet).
 * False when the entry is malformed.
 */
export function readChunkPacket(bytes, view, start, end, out) {
    return readEntry(bytes, view, start, end, out) >= 0;
}
/** A reusable packet object for `readChunkPacket`. */
export function chunkPacket() {
    return new ChunkPacket();
}
/**
 * An actor's parse of a packet chunk: decodes each packet far enough to know its addresses
 * (no checksums, events ignored: the owning shard decodes it again, fully, and reports them)
 * and hands it on as a `Packet` row whose Raw string is the packet's whole chunk entry. A packet
 * without an IP layer keeps zero addresses, so it still reaches one shard, which reports why.
 */
export function parsePacketChunk(chunk, sink) {
    const row = new RecordRow();
    const decoded = new DecodedPacket();
    let minTs = Number.POSITIVE_INFINITY;
    let maxTs = Number.NEGATIVE_INFINITY;
    const packets = forEachChunkPacket(chunk, (p, index, start, end) => {
        row.reset();
        decodePacket(p, decoded, ignore, ROUTING_DECODE);
        row.kind = RecordKind.Packet;
        row.ts = p.ts;
        row.line = index + 1;
        row.lineOffset = start;
        row.addr.set(decoded.addr);
        row.flags = Flag.OrigSet | Flag.RespSet;
        row.src = chunk;
        row.strStart[Str.Raw] = start;
        row.strEnd[Str.Raw] = end;
        if (p.ts < minTs)
            minTs = p.ts;
        if (p.ts > maxTs)
            maxTs = p.ts;
        sink.pushPacket(row);
    });
    return {
        lines: packets,
        records: packets,
        recordsByPath: packets > 0 ? { packet: packets } : {},
        events: [],
        eventCounts: {},
        firstOrderTs: Number.NaN,
        lastOrderTs: Number.NaN,
        firstRecordLine: 1,
        firstRecordOffset: 0,
        minTs: packets > 0 ? minTs : Number.NaN,
        maxTs: packets > 0 ? maxTs : Number.NaN,
    };
}
const ignore = () => { };
const ROUTING_DECODE = { verifyChecksums: false };
//# sourceMappingURL=packet-chunk.js.map