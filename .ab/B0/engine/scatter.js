import { BatchBuilder, Flag } from '../shared/record.js';
import { actorOfVshard, newRoute, routePacket, routeRow } from '../shared/sharding.js';
export class ScatterSink {
    policy;
    actors;
    builders;
    parts;
    emit;
    /** Whether inbound records also go to their originator's shard (only per-source analyzers need it). */
    originCopies;
    route = newRoute();
    chunkSeq = 0;
    sourceId = 0;
    checkpoint = false;
    records = 0;
    constructor(policy, actors, batchRecords, heapBytes, emit, originCopies = true) {
        this.policy = policy;
        this.originCopies = originCopies;
        this.actors = actors;
        this.emit = emit;
        this.builders = Array.from({ length: actors }, () => new BatchBuilder(batchRecords, heapBytes));
        this.parts = new Array(actors).fill(0);
    }
    /** `checkpoint`: the chunk's last batches ask their consumers to checkpoint after it. */
    beginChunk(chunkSeq, sourceId, checkpoint = false) {
        this.chunkSeq = chunkSeq;
        this.sourceId = sourceId;
        this.checkpoint = checkpoint;
        this.parts.fill(0);
        for (const b of this.builders)
            b.clear();
    }
    push(row) {
        const route = this.route;
        routeRow(row, this.policy, route);
        const heapBytes = BatchBuilder.rowHeapBytes(row);
        this.append(actorOfVshard(route.primary, this.actors), row, route.primary, route.flags, heapBytes);
        if (route.origin >= 0 && this.originCopies) {
            this.append(actorOfVshard(route.origin, this.actors), row, route.origin, route.flags | Flag.OriginView, heapBytes);
        }
        this.records++;
    }
    /** A captured packet (kind Packet, addresses set): to both endpoints' shards. */
    pushPacket(row) {
        const route = this.route;
        routePacket(row.addr, this.policy, route);
        const heapBytes = BatchBuilder.rowHeapBytes(row);
        this.append(actorOfVshard(route.primary, this.actors), row, route.primary, route.flags, heapBytes);
        if (route.origin >= 0)
            this.append(actorOfVshard(route.origin, this.actors), row, route.origin, 0, heapBytes);
        this.records++;
    }
    append(dest, row, vshard, flags, heapBytes) {
        const b = this.builders[dest];
        if (b.isFull || !b.fitsHeap(heapBytes))
            this.flush(dest, false);
        b.append(row, vshard, flags);
    }
    flush(dest, last) {
        const b = this.builders[dest];
        const part = this.parts[dest];
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
    endChunk() {
        for (let d = 0; d < this.actors; d++)
            this.flush(d, true);
    }
}
//# sourceMappingURL=scatter.js.map