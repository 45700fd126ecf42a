/**
 * The coordinator's book of chunks: what each sequence number covers (so a crashed generation
 * can re-read it), what its parse reported, and the integrity events that only a view across
 * chunks can produce — file line numbers, time steps across chunk boundaries, file-level events.
 * It holds a few numbers per chunk, never chunk bytes.
 */
import { IntegrityCode } from '../ingest/events.js';
import { tsBackwardsMessage } from '../ingest/zeek/context.js';
import { orderingStepBack } from '../ingest/zeek/index.js';
export class ChunkLedger {
    inputs;
    entries = [];
    results = [];
    sourceEvents = [];
    /** Protocol events of capture files found while reading them (the shards report the rest). */
    captureEvents = {
        counts: {},
        kept: [],
    };
    sourceCounts = {};
    maxEventsPerCode;
    tsTolerance;
    constructor(inputs, maxEventsPerCode, tsToleranceSeconds) {
        this.inputs = inputs;
        this.maxEventsPerCode = maxEventsPerCode;
        this.tsTolerance = tsToleranceSeconds;
    }
    get count() {
        return this.entries.length;
    }
    register(chunk, indexInFile, nonDataLinesBefore) {
        const seq = this.registerRange({ ...chunk, length: chunk.bytes.length }, indexInFile, nonDataLinesBefore);
        return { ...chunk, seq };
    }
    /** Books a chunk by its place in the file (direct runs read it themselves); returns its seq. */
    registerRange(chunk, indexInFile, nonDataLinesBefore) {
        const seq = this.entries.length;
        this.entries.push({
            seq,
            sourceId: chunk.sourceId,
            format: chunk.format,
            header: chunk.header,
            startOffset: chunk.startOffset,
            length: chunk.length,
            indexInFile,
            nonDataLinesBefore,
        });
        this.results.push(undefined);
        return seq;
    }
    entry(seq) {
        return this.entries[seq];
    }
    recordParse(seq, result) {
        this.results[seq] = result;
    }
    get parsedCount() {
        let n = 0;
        for (const r of this.results)
            if (r)
                n++;
        return n;
    }
    addCaptureEvent(sourceId, event) {
        const n = (this.captureEvents.counts[event.name] ?? 0) + 1;
        this.captureEvents.counts[event.name] = n;
        if (n <= this.maxEventsPerCode)
            this.captureEvents.kept.push({ ...event, sourceId });
    }
    /** Adds a kept event; counts come separately from `addSourceCounts` (all events, kept or not). */
    addSourceEvent(event) {
        this.sourceEvents.push(event);
    }
    addSourceCounts(counts) {
        for (const [code, n] of Object.entries(counts))
            this.sourceCounts[code] = (this.sourceCounts[code] ?? 0) + (n ?? 0);
    }
    /** Totals over every chunk's parse report. */
    totals() {
        let records = 0;
        let bytes = 0;
        let minTs = Number.POSITIVE_INFINITY;
        let maxTs = Number.NEGATIVE_INFINITY;
        const byPath = {};
        this.entries.forEach((e, seq) => {
            bytes += e.length;
            const r = this.results[seq];
            if (!r)
                return;
            records += r.records;
            for (const [p, n] of Object.entries(r.recordsByPath))
                byPath[p] = (byPath[p] ?? 0) + n;
            if (r.minTs < minTs)
                minTs = r.minTs;
            if (r.maxTs > maxTs)
                maxTs = r.maxTs;
        });
        const recordsByPath = Object.fromEntries(Object.entries(byPath).sort(([a], [b]) => (a < b ? -1 : 1)));
        return { records, recordsByPath, bytes, minTs, maxTs };
    }
    /**
     * Every integrity event with file and line, in (file, line) order, the first
     * `maxEventsPerCode` of each code, plus the count of all events by code.
     */
    resolveEvents(hostEvents, hostCounts) {
        const startLine = new Array(this.entries.length);
        /** Data lines of a file's chunks so far, and the file's last line seen. */
        const dataLines = new Map();
        const lastLine = new Map();
        const counts = { ...hostCounts };
        for (const [code, n] of Object.entries(this.sourceCounts))
            counts[code] = (counts[code] ?? 0) + n;
        /** Per file, data lines of its first k chunks at index k. */
        const prefix = new Map();
        const all = [];
        const file = (sourceId) => this.inputs[sourceId].path;
        const lastOrder = new Map();
        for (const e of this.entries) {
            const before = dataLines.get(e.sourceId) ?? 0;
            const start = before + e.nonDataLinesBefore + 1;
            startLine[e.seq] = start;
            const r = this.results[e.seq];
            const lines = r?.lines ?? 0;
            dataLines.set(e.sourceId, before + lines);
            lastLine.set(e.sourceId, start + lines - 1);
            let sums = prefix.get(e.sourceId);
            if (!sums) {
                sums = [0];
                prefix.set(e.sourceId, sums);
            }
            sums[e.indexInFile + 1] = before + lines;
            if (!r)
                continue;
            for (const [code, n] of Object.entries(r.eventCounts))
                counts[code] = (counts[code] ?? 0) + (n ?? 0);
            for (const ce of r.events) {
                all.push({
                    code: ce.code,
                    sourceId: e.sourceId,
                    file: file(e.sourceId),
                    line: start + ce.lineInChunk - 1,
                    offset: e.startOffset + ce.offsetInChunk,
                    message: ce.message,
                });
            }
            // Time steps across a chunk boundary, judged like steps inside a chunk.
            const key = `${e.sourceId}|${e.header?.path ?? e.format}`;
            const prev = lastOrder.get(key);
            if (prev &&
                Number.isFinite(r.firstOrderTs) &&
                orderingStepBack(prev.ts, r.firstOrderTs, this.tsTolerance)) {
                const code = IntegrityCode.TsBackwards;
                counts[code] = (counts[code] ?? 0) + 1;
                all.push({
                    code,
                    sourceId: e.sourceId,
                    file: file(e.sourceId),
                    line: start + r.firstRecordLine - 1,
                    offset: e.startOffset + r.firstRecordOffset,
                    message: tsBackwardsMessage(prev.ts, r.firstOrderTs, this.tsTolerance),
                });
            }
            if (Number.isFinite(r.lastOrderTs))
                lastOrder.set(key, { ts: r.lastOrderTs });
        }
        for (const se of this.sourceEvents) {
            let line = 0;
            if (se.position === 'line') {
                const sums = prefix.get(se.sourceId);
                line = se.nonDataLinesBefore + (sums?.[se.chunksBefore] ?? dataLines.get(se.sourceId) ?? 0) + 1;
            }
            else if (se.position === 'atEnd') {
                line = Math.max(lastLine.get(se.sourceId) ?? 0, se.nonDataLinesBefore + (dataLines.get(se.sourceId) ?? 0));
            }
            all.push({
                code: se.code,
                sourceId: se.sourceId,
                file: file(se.sourceId),
                line,
                offset: se.offset,
                message: se.message,
            });
        }
        for (const he of hostEvents) {
            const e = this.entries[he.chunkSeq];
            if (!e)
                continue;
            all.push({
                code: he.code,
                sourceId: he.sourceId,
                file: file(he.sourceId),
                line: startLine[he.chunkSeq] + he.lineInChunk - 1,
                offset: e.startOffset + he.offsetInChunk,
                message: he.message,
            });
        }
        all.sort((a, b) => a.sourceId - b.sourceId || a.line - b.line || a.offset - b.offset || (a.code < b.code ? -1 : 1));
        const kept = [];
        const perCode = {};
        for (const { sourceId: _s, ...ev } of all) {
            const n = (perCode[ev.code] ?? 0) + 1;
            perCode[ev.code] = n;
            if (n <= this.maxEventsPerCode)
                kept.push(ev);
        }
        const sortedCounts = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
        return { events: kept, counts: sortedCounts };
    }
}
//# sourceMappingURL=ledger.js.map