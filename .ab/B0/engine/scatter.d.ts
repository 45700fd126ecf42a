/**
 * The parser's sink inside an actor: routes each row to the actor that owns its virtual shard
 * and appends it to that destination's batch builder. A full builder is handed to `emit`, which
 * must copy it out before returning (into a ring slot or a fresh buffer); the builder is then
 * reused. `endChunk` sends every destination its final, possibly empty, batch for the chunk:
 * consumers rely on that marker to process chunks strictly in sequence.
 */
import type { RecordSink } from '../ingest/zeek/types.js';
import { BatchBuilder, type BatchMeta, type RecordRow } from '../shared/record.js';
import { type ShardingPolicy } from '../shared/sharding.js';
export type EmitBatch = (dest: number, builder: BatchBuilder, meta: BatchMeta) => void;
export declare class ScatterSink implements RecordSink {
    private readonly policy;
    private readonly actors;
    private readonly builders;
    private readonly parts;
    private readonly emit;
    /** Whether inbound records also go to their originator's shard (only per-source analyzers need it). */
    private readonly originCopies;
    private readonly route;
    private chunkSeq;
    private sourceId;
    private checkpoint;
    records: number;
    constructor(policy: ShardingPolicy, actors: number, batchRecords: number, heapBytes: number, emit: EmitBatch, originCopies?: boolean);
    /** `checkpoint`: the chunk's last batches ask their consumers to checkpoint after it. */
    beginChunk(chunkSeq: number, sourceId: number, checkpoint?: boolean): void;
    push(row: RecordRow): void;
    /** A captured packet (kind Packet, addresses set): to both endpoints' shards. */
    pushPacket(row: RecordRow): void;
    private append;
    private flush;
    endChunk(): void;
}
