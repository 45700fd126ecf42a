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
import { RecordRow } from '../../shared/record.js';
import type { ChunkParseResult } from '../zeek/types.js';
import { type CapturedPacket } from './packet.js';
export declare class PacketChunkWriter {
    private buffer;
    private view;
    private used;
    packets: number;
    constructor(initialBytes?: number);
    get bytes(): number;
    add(p: CapturedPacket): void;
    /** The chunk so far (a fresh copy the caller may transfer); the writer starts empty again. */
    take(): Uint8Array;
}
/**
 * Calls `onPacket(packet, index, start, end)` for every packet of a chunk (`start..end` is the
 * packet's whole entry, header included). Returns the number of packets read.
 */
export declare function forEachChunkPacket(chunk: Uint8Array, onPacket: (packet: CapturedPacket, index: number, start: number, end: number) => void): number;
/**
 * Reads one packet entry (as `forEachChunkPacket` delimits it) at `bytes[start, end)` into
 * `out`, a `chunkPacket()`; `view` lies over `bytes` (made once per buffer, not per packet).
 * False when the entry is malformed.
 */
export declare function readChunkPacket(bytes: Uint8Array, view: DataView, start: number, end: number, out: CapturedPacket): boolean;
/** A reusable packet object for `readChunkPacket`. */
export declare function chunkPacket(): CapturedPacket;
/** Where `parsePacketChunk` sends packet rows (engine/scatter.ts routes them to their shards). */
export interface PacketRowSink {
    pushPacket(row: RecordRow): void;
}
/**
 * An actor's parse of a packet chunk: decodes each packet far enough to know its addresses
 * (no checksums, events ignored: the owning shard decodes it again, fully, and reports them)
 * and hands it on as a `Packet` row whose Raw string is the packet's whole chunk entry. A packet
 * without an IP layer keeps zero addresses, so it still reaches one shard, which reports why.
 */
export declare function parsePacketChunk(chunk: Uint8Array, sink: PacketRowSink): ChunkParseResult;
