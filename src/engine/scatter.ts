/**
 * The parser's sink inside an actor: routes each row to the actor that owns its virtual shard
 * and appends it to that destination's batch builder. A full builder is handed to `emit`, which
 * must copy it out before returning (into a ring slot or a fresh buffer); the builder is then
 * reused. `endChunk` sends every destination its final, possibly empty, batch for the chunk:
 * consumers rely on that marker to process chunks strictly in sequence.
 */
import type { RecordSink } from '../ingest/zeek/types.js';
import { BatchBuilder, type BatchMeta, Flag, type RecordRow } from '../shared/record.js';
import { actorOfVshard, newRoute, routePacket, routeRow, type ShardingPolicy } from '../shared/sharding.js';

export type EmitBatch = (dest: number, builder: BatchBuilder, meta: BatchMeta) => void;

export class ScatterSink implements RecordSink {
  private readonly policy: ShardingPolicy;
  private readonly actors: number;
  private readonly builders: BatchBuilder[];
  private readonly parts: number[];
  private readonly emit: EmitBatch;
  /** Whether inbound records also go to their originator's shard (only per-source analyzers need it). */
  private readonly originCopies: boolean;
  private readonly route = newRoute();
  private chunkSeq = 0;
  private sourceId = 0;
  private checkpoint = false;
  records = 0;

  constructor(
    policy: ShardingPolicy,
    actors: number,
    batchRecords: number,
    heapBytes: number,
    emit: EmitBatch,
    originCopies = true,
  ) {
    this.policy = policy;
    this.originCopies = originCopies;
    this.actors = actors;
    this.emit = emit;
    this.builders = Array.from({ length: actors }, () => new BatchBuilder(batchRecords, heapBytes));
    this.parts = new Array<number>(actors).fill(0);
  }

  /** `checkpoint`: the chunk's last batches ask their consumers to checkpoint after it. */
  beginChunk(chunkSeq: number, sourceId: number, checkpoint = false): void {
    this.chunkSeq = chunkSeq;
    this.sourceId = sourceId;
    this.checkpoint = checkpoint;
    this.parts.fill(0);
    for (const b of this.builders) b.clear();
  }

  push(row: RecordRow): void {
    const route = this.route;
    routeRow(row, this.policy, route);
    const heapBytes = BatchBuilder.rowHeapBytes(row);
    this.append(actorOfVshard(route.primary, this.actors), row, route.primary, route.flags, heapBytes);
    if (route.origin >= 0 && this.originCopies) {
      this.append(
        actorOfVshard(route.origin, this.actors),
        row,
        route.origin,
        route.flags | Flag.OriginView,
        heapBytes,
      );
    }
    this.records++;
  }

  /** A captured packet (kind Packet, addresses set): to both endpoints' shards. */
  pushPacket(row: RecordRow): void {
    const route = this.route;
    routePacket(row.addr, this.policy, route);
    const heapBytes = BatchBuilder.rowHeapBytes(row);
    this.append(actorOfVshard(route.primary, this.actors), row, route.primary, route.flags, heapBytes);
    if (route.origin >= 0)
      this.append(actorOfVshard(route.origin, this.actors), row, route.origin, 0, heapBytes);
    this.records++;
  }

  private append(dest: number, row: RecordRow, vshard: number, flags: number, heapBytes: number): void {
    const b = this.builders[dest]!;
    if (b.isFull || !b.fitsHeap(heapBytes)) this.flush(dest, false);
    b.append(row, vshard, flags);
  }

  private flush(dest: number, last: boolean): void {
    const b = this.builders[dest]!;
    const part = this.parts[dest]!;
    this.emit(dest, b, {
      chunkSeq: this.chunkSeq,
      part,
      last,
      sourceId: this.sourceId,
      checkpoint: last && this.checkpoint,
    });
    this.parts[dest] = part + 1;
    b.clear();
  }

  endChunk(): void {
    for (let d = 0; d < this.actors; d++) this.flush(d, true);
  }
}
