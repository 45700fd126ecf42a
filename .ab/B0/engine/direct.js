/**
 * Direct aggregation: a run whose only analyzer is the heatmap needs no shuffle — heatmap
 * partials merge in any grouping — so each actor reads its own byte range of the logs, parses
 * it with the same parser and feeds the rows straight into one heatmap aggregate. No framing
 * on the coordinator, no row → batch copy, no ring, no per-shard uid sets.
 *
 * This module is the actor's side: `DirectAggregator` (pure: bytes in, parse results and a
 * partial out) and `readRanges` (the file reads around it). Inputs the coordinator must frame
 * (gzip, streams, several headers in a file) come as framed chunks instead of ranges: no
 * shuffle either, the same aggregator. The coordinator's side, what makes
 * a run eligible and how the result joins the sharded pipeline's bookkeeping, is
 * coordinator/direct.ts.
 *
 * A range holds data lines only (the coordinator cut a TSV log's header and its trailing
 * `#close` off; a JSON log is all data lines). What only the framer handles stops a range with
 * a reason (read-range.ts `rangeNeedsFraming`), and the coordinator frames the run instead: a
 * directive line inside the data (a header change, a concatenated log), a line longer than
 * `maxLineBytes`. More cells than the budget (`HeatmapConfig.maxCellsDirect`,
 * a memory bound) stops any direct run: the sharded pipeline, with its per-shard caps, takes it.
 */
import { closeSync, openSync } from 'node:fs';
import { ZeekChunkParser } from '../ingest/zeek/index.js';
import { HeatmapShard } from '../report/heatmap/aggregate.js';
import { endpointFlags } from '../shared/sharding.js';
import { rangeNeedsFraming, readFully } from './read-range.js';
const NL = 0x0a;
/** Parses pieces of data lines into one heatmap aggregate. */
export class DirectAggregator {
    parser;
    heatmap;
    pieces = [];
    sink;
    chunks = 0;
    bytes = 0;
    records = 0;
    stoppedBy;
    constructor(heatmap, parse, local) {
        this.parser = new ZeekChunkParser(parse);
        // The budget is the aggregate's own cap: reaching it folds cells into "other", which the
        // coordinator never accepts from a direct run (it runs the sharded pipeline instead).
        this.heatmap = new HeatmapShard({ ...heatmap, maxCellsPerShard: heatmap.maxCellsDirect });
        const aggregate = this.heatmap;
        // Only the local side reads LocalOrig/LocalResp: two prefix lookups a record saved otherwise.
        this.sink = heatmap.localSide
            ? { push: (row) => aggregate.observeRow(row, endpointFlags(row, local)) }
            : { push: (row) => aggregate.observeRow(row, row.flags) };
    }
    get stopped() {
        return this.stoppedBy;
    }
    /**
     * Parses `bytes` (whole data lines of the segment's file at `startOffset`). Returns false when
     * the bytes held a directive line (read-range.ts `rangeNeedsFraming`) or once the cell budget
     * is exceeded (the run then stops and its aggregate is dropped).
     */
    piece(sourceId, format, header, bytes, startOffset) {
        if (this.stoppedBy !== undefined)
            return false;
        const result = this.chunk({ format, header, bytes });
        const stop = rangeNeedsFraming(header, bytes, result);
        if (stop !== undefined) {
            this.stoppedBy = stop;
            return false;
        }
        this.pieces.push({ sourceId, startOffset, length: bytes.length, result });
        return this.stoppedBy === undefined;
    }
    /**
     * Parses a chunk the coordinator framed (any Zeek format; the framer took the directives
     * out) into the aggregate. Afterwards `stopped` says whether the cell budget was exceeded.
     */
    chunk(chunk) {
        const result = this.parser.parse(chunk, this.sink);
        this.chunks++;
        this.bytes += chunk.bytes.length;
        this.records += result.records;
        if (this.heatmap.overflowed)
            this.stoppedBy = 'cells';
        return result;
    }
    /** Stops reading: a line longer than the limit (the framer's business) or a changed file. */
    stop(reason) {
        this.stoppedBy ??= reason;
    }
    finish() {
        const stopped = this.stoppedBy;
        return {
            pieces: stopped === undefined ? this.pieces : [],
            partial: stopped === undefined ? this.heatmap.finish().partial : undefined,
            stopped,
            chunks: this.chunks,
            bytes: this.bytes,
            records: this.records,
        };
    }
}
/**
 * Reads each segment in pieces of at most `pieceBytes` cut after a '\n' (a segment ends at a
 * line end) and feeds them to the aggregator; `onPiece` hears the bytes of each. Stops early
 * when the aggregator does. Pieces no larger than `maxLineBytes + 1` hold no line over the
 * limit, so lines need no measuring: only a line that fills a whole buffer is looked at.
 */
export function readRanges(segments, aggregator, options) {
    let buf = Buffer.allocUnsafe(Math.min(options.pieceBytes, options.maxLineBytes + 1));
    for (const seg of segments) {
        const fd = openSync(seg.path, 'r');
        try {
            let pos = seg.start;
            while (pos < seg.end) {
                let cut = readPiece(fd, buf, pos, seg.end);
                while (cut === 0) {
                    // No line end in a whole buffer: a line longer than the piece. Within the line
                    // limit, read again with room for it; beyond it, the framer's rules apply.
                    if (buf.length > options.maxLineBytes) {
                        aggregator.stop('long_line');
                        return;
                    }
                    buf = Buffer.allocUnsafe(Math.min(buf.length * 2, options.maxLineBytes + 1));
                    cut = readPiece(fd, buf, pos, seg.end);
                }
                if (cut < 0) {
                    aggregator.stop('changed');
                    return;
                }
                if (!aggregator.piece(seg.sourceId, seg.format, seg.header, buf.subarray(0, cut), pos))
                    return;
                options.onPiece?.(cut);
                pos += cut;
            }
        }
        finally {
            closeSync(fd);
        }
    }
}
/**
 * Reads the next piece of [pos, end) into buf: its length up to and including its last '\n'
 * (all of it at the segment's end), 0 when the buffer holds no line end, -1 when the file
 * ended before `end` (it changed since it was laid out).
 */
function readPiece(fd, buf, pos, end) {
    const want = Math.min(buf.length, end - pos);
    const n = readFully(fd, buf, want, pos);
    if (n < want)
        return -1;
    if (pos + n === end)
        return n;
    return buf.lastIndexOf(NL, n - 1) + 1;
}
//# sourceMappingURL=direct.js.map