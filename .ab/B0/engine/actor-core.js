/**
 * One actor's work, independent of threads: parse the chunks it is given (Zeek log lines, or
 * captured packets, which go to their flow trackers), scatter the records to their shard owners, and consume the records it owns strictly in chunk sequence order.
 *
 * Ordering: chunk s is parsed by actor `actorOfChunk(s)`; every parser sends each actor a final
 * (possibly empty) batch per chunk, so the consumer reads chunk s from exactly one place — its
 * own local queue or the ring from that producer — and moves to s + 1 on the `last` batch.
 *
 * Never blocks: a batch that does not fit its ring waits in a per-destination FIFO, and the
 * owner does not parse another chunk while anything waits there. With the coordinator dealing
 * chunks in sequence, the producer of the lowest unconsumed chunk can always make progress, so
 * the actor graph cannot deadlock (docs/architecture.md walks through the argument).
 */
import { parsePacketChunk } from '../ingest/pcap/packet-chunk.js';
import { parseZeekChunk } from '../ingest/zeek/index.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { BatchView } from '../shared/record.js';
import { actorOfChunk } from '../shared/sharding.js';
import { RangeReader, rangeNeedsFraming } from './read-range.js';
import { ScatterSink } from './scatter.js';
import { ShardHost } from './shard-host.js';
export class ActorCore {
    host;
    counters = {
        chunksParsed: 0,
        bytesParsed: 0,
        recordsParsed: 0,
        batchesSent: 0,
        batchesReceived: 0,
        ringFullWaits: 0,
    };
    /** Next chunk sequence number to consume. */
    nextSeq;
    options;
    sink;
    pending;
    pendingCount = 0;
    local = [];
    localHead = 0;
    /**
     * Reused buffers for batches an actor sends itself (all of them in-process): without the
     * pool every batch is a fresh ~0.5 MB ArrayBuffer and the garbage collector shows in profiles.
     */
    pool = [];
    ranges = new RangeReader();
    constructor(options) {
        this.options = options;
        this.host = options.host ?? new ShardHost(options.runtime);
        this.nextSeq = options.nextSeq ?? 0;
        const c = options.runtime.config;
        this.sink = new ScatterSink(options.runtime.policy, options.actors, c.batchRecords, c.batchHeapBytes, (d, b, m) => this.emit(d, b, m), 
        // Originator-keyed copies feed per-source detectors; a heatmap-only run (the heatmap
        // verb) has none, and skips the second delivery of every inbound record.
        c.detectors.length > 0);
        this.pending = Array.from({ length: options.actors }, () => []);
    }
    /** Work done so far, for the run summary. */
    stats() {
        const c = this.counters;
        return {
            actorId: this.options.actorId,
            chunksParsed: c.chunksParsed,
            bytesParsed: c.bytesParsed,
            recordsParsed: c.recordsParsed,
            recordsObserved: this.host.recordsObservedSoFar,
            batchesSent: c.batchesSent,
            batchesReceived: c.batchesReceived,
            ringFullWaits: c.ringFullWaits,
            nextSeq: this.nextSeq,
        };
    }
    /** True while batches wait for ring space; parse no further chunk until it is false. */
    get hasPending() {
        return this.pendingCount > 0;
    }
    /**
     * Parses a chunk (reading it first when it is a range of a file) and scatters its records.
     * A range that held what only the framer handles is parsed all the same, and says so: the
     * coordinator then frames the run from its start.
     */
    parseChunk(chunk) {
        const expected = actorOfChunk(chunk.seq, this.options.actors);
        if (expected !== this.options.actorId) {
            throw new NetscryError(ErrorCode.Internal, `chunk ${chunk.seq} belongs to actor ${expected}`);
        }
        let bytes = chunk.bytes;
        let reframe;
        if (chunk.rangeLength !== undefined) {
            const read = this.ranges.read(chunk.file, chunk.startOffset, chunk.rangeLength);
            if (read === undefined)
                reframe = 'changed';
            else
                bytes = read;
        }
        this.sink.beginChunk(chunk.seq, chunk.sourceId, chunk.checkpointAfter === true);
        const result = chunk.format === 'pcap'
            ? parsePacketChunk(bytes, this.sink)
            : parseZeekChunk(bytes === chunk.bytes ? chunk : { ...chunk, bytes }, this.sink, this.options.runtime.config.parse);
        this.sink.endChunk();
        this.counters.chunksParsed++;
        this.counters.bytesParsed += bytes.length;
        this.counters.recordsParsed += result.records;
        if (chunk.rangeLength !== undefined)
            reframe ??= rangeNeedsFraming(chunk.header, bytes, result);
        return reframe === undefined ? { result } : { result, reframe };
    }
    emit(dest, builder, meta) {
        this.counters.batchesSent++;
        if (dest === this.options.actorId) {
            const prepared = builder.prepare(meta);
            const bytes = new Uint8Array(this.takeBuffer(prepared.size), 0, prepared.size);
            prepared.write(bytes);
            this.local.push(bytes);
            return;
        }
        const queue = this.pending[dest];
        if (queue.length === 0) {
            const prepared = builder.prepare(meta);
            const ring = this.options.outbound[dest];
            if (ring.tryWrite(prepared.size, prepared.write)) {
                this.notifyIf(dest, ring.takeReaderWaiting?.() ?? true);
                return;
            }
            this.counters.ringFullWaits++;
        }
        queue.push(builder.encode(meta));
        this.pendingCount++;
    }
    takeBuffer(size) {
        const buffer = this.pool.pop();
        if (buffer !== undefined && buffer.byteLength >= size)
            return buffer;
        // Round up so later, slightly larger batches still fit a pooled buffer.
        return new ArrayBuffer(Math.max(size, (size + 0xffff) & ~0xffff));
    }
    /**
     * Moves waiting batches into rings and consumes every batch available in sequence order.
     * Returns whether anything happened. `onChunkDone(nextSeq, checkpoint)` runs after each
     * completed chunk; `checkpoint`: the coordinator asked for a checkpoint there.
     */
    pump(onChunkDone) {
        let progress = this.flushPending();
        const { actorId, actors, inbound } = this.options;
        for (;;) {
            const producer = actorOfChunk(this.nextSeq, actors);
            let bytes;
            if (producer === actorId) {
                bytes = this.local[this.localHead];
                if (bytes === undefined)
                    break;
                this.local[this.localHead++] = EMPTY;
                if (this.localHead > 1024 && this.localHead * 2 > this.local.length) {
                    this.local = this.local.slice(this.localHead);
                    this.localHead = 0;
                }
            }
            else {
                const ring = inbound[producer];
                bytes = ring.peek();
                if (bytes === undefined && ring.expectData !== undefined) {
                    // Mark, then look again: a write after the first look either shows up now or sees
                    // the mark and rings our doorbell, so the actor may sleep when both looks are empty.
                    ring.expectData();
                    bytes = ring.peek();
                }
                if (bytes === undefined)
                    break;
            }
            const view = new BatchView(bytes);
            if (view.chunkSeq !== this.nextSeq) {
                throw new NetscryError(ErrorCode.Internal, `actor ${actorId} expected chunk ${this.nextSeq} from actor ${producer}, got ${view.chunkSeq}`);
            }
            this.host.consume(view);
            this.counters.batchesReceived++;
            if (producer !== actorId) {
                const ring = inbound[producer];
                ring.release();
                this.notifyIf(producer, ring.takeWriterWaiting?.() ?? true);
            }
            else if (this.pool.length < MAX_POOLED) {
                this.pool.push(bytes.buffer);
            }
            progress = true;
            if (view.last) {
                this.nextSeq++;
                onChunkDone?.(this.nextSeq, view.checkpoint);
            }
        }
        if (this.pendingCount > 0)
            progress = this.flushPending() || progress;
        return progress;
    }
    flushPending() {
        if (this.pendingCount === 0)
            return false;
        let moved = false;
        for (let d = 0; d < this.pending.length; d++) {
            const queue = this.pending[d];
            if (queue.length === 0)
                continue;
            const ring = this.options.outbound[d];
            // Marked before trying, so a release after a failed try rings our doorbell.
            ring.expectSpace?.();
            let k = 0;
            while (k < queue.length) {
                const bytes = queue[k];
                if (!ring.tryWrite(bytes.length, (dst) => dst.set(bytes)))
                    break;
                k++;
            }
            if (k > 0) {
                queue.splice(0, k);
                this.pendingCount -= k;
                this.notifyIf(d, ring.takeReaderWaiting?.() ?? true);
                moved = true;
            }
        }
        return moved;
    }
    /**
     * Rings actor d's doorbell when `wanted`: the peer marked that it waits for the ring just
     * written or released. A doorbell is an Atomics.notify, which takes V8's process-wide futex
     * lock and queues a task on a waiting thread; rung on every batch it showed at 2–3 % of an
     * actor's profile, while a busy peer needs none.
     */
    notifyIf(d, wanted) {
        if (wanted)
            this.options.notify(d);
    }
}
const EMPTY = new Uint8Array(0);
/** Enough for one 4 MiB chunk's own batches; more would only hold memory. */
const MAX_POOLED = 16;
//# sourceMappingURL=actor-core.js.map