/**
 * The chunk layout between the coordinator and the actors: what the writer puts in, the reader
 * gives back, and a chunk cut short ends the walk instead of throwing or reading past it.
 */
import { describe, expect, it } from 'vitest';
import type { CapturedPacket } from '../../../src/ingest/pcap/packet.js';
import {
  chunkPacket,
  forEachChunkPacket,
  PacketChunkWriter,
  readChunkPacket,
} from '../../../src/ingest/pcap/packet-chunk.js';

const packet = (n: number, length: number): CapturedPacket => ({
  ts: 1_700_000_000 + n / 4,
  linkType: 1 + n,
  interfaceId: n,
  data: new Uint8Array(length).fill(n),
  originalLength: length + n,
  fileOffset: 24 + 100 * n,
});

function written(lengths: readonly number[]): Uint8Array {
  const writer = new PacketChunkWriter(16);
  for (const [n, length] of lengths.entries()) writer.add(packet(n, length));
  expect(writer.packets).toBe(lengths.length);
  return writer.take();
}

describe('packet chunks', () => {
  it('give back every packet as written, whatever its length', () => {
    const lengths = [0, 1, 7, 8, 9, 1514, 65_535];
    const seen: unknown[] = [];
    const entries: Array<[number, number]> = [];
    const count = forEachChunkPacket(written(lengths), (p, index, start, end) => {
      seen.push({ ...p, data: [...p.data] });
      entries.push([start, end]);
      expect(index).toBe(seen.length - 1);
    });
    expect(count).toBe(lengths.length);
    expect(seen).toEqual(lengths.map((l, n) => ({ ...packet(n, l), data: [...packet(n, l).data] })));
    // Entries tile the chunk, each 8-byte aligned.
    for (const [k, [start]] of entries.entries()) {
      expect(start % 8).toBe(0);
      if (k > 0) expect(start).toBe(entries[k - 1]![1]);
    }
  });

  it('read one entry in place, and refuse a cut one', () => {
    const chunk = written([40, 60]);
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out = chunkPacket();
    const ranges: Array<[number, number]> = [];
    forEachChunkPacket(chunk, (_p, _i, start, end) => ranges.push([start, end]));
    const [second] = ranges.slice(1);
    expect(readChunkPacket(chunk, view, second![0], second![1], out)).toBe(true);
    expect(out).toMatchObject({ linkType: 2, interfaceId: 1, originalLength: 61 });
    expect(out.data).toHaveLength(60);
    expect(readChunkPacket(chunk, view, second![0], second![0] + 40, out)).toBe(false);
    expect(readChunkPacket(chunk, view, second![0], second![0] + 10, out)).toBe(false);
  });

  it('stop at a chunk cut short, keeping the whole packets before it', () => {
    const chunk = written([100, 100, 100]);
    for (const cut of [chunk.length - 1, chunk.length - 120, 5, 0]) {
      let n = 0;
      const count = forEachChunkPacket(chunk.subarray(0, cut), () => n++);
      expect(count).toBe(n);
      // An entry is 32 header bytes + 100 data bytes + 4 padding: whole once its data is in.
      expect(count).toBe([0, 1, 2].filter((k) => k * 136 + 132 <= cut).length);
    }
  });

  it('start empty again after take', () => {
    const writer = new PacketChunkWriter();
    writer.add(packet(1, 10));
    writer.take();
    expect(writer.bytes).toBe(0);
    expect(forEachChunkPacket(writer.take(), () => {})).toBe(0);
  });
});
