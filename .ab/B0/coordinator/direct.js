/**
 * Direct aggregation, the coordinator's side (the actors' side and the why: engine/direct.ts).
 *
 * Eligible runs: no detector (the heatmap is the only analyzer), every input a Zeek log (TSV or
 * JSON, plain or gzip), no live feed and no crash test. Two ways to feed the actors:
 *  - **ranges**, when every input is a plain log that coordinator/layout.ts lays out (TSV with
 *    one header at its top and `#close` or a whole line at its end, or JSON): the coordinator
 *    reads each TSV header with the framer, cuts the data lines of all files into one
 *    contiguous byte range per actor at line starts, and each actor reads and parses its range
 *    itself — the coordinator touches no data byte;
 *  - **framed**, otherwise (gzip, a stream, a header inside the data, an over-long line): the
 *    coordinator frames chunks as for the sharded pipeline and deals chunk s to actor s mod N,
 *    which parses it into its aggregate.
 * Either way no record crosses to another actor; the N heatmap partials merge as the sharded
 * pipeline's do.
 *
 * Same bytes out as every other run of the same input: the parse reports are booked in the
 * ledger as chunks in file order (ranges: each piece as a chunk), so integrity events get the
 * same file lines and the time-ordering check across chunk boundaries; the merged heatmap is
 * every record's cells, independent of how the bytes were split. What a direct run does not
 * do: check uids for duplicates (they do not change the heatmap; `analyze` with detectors
 * reports them).
 *
 * A run with more cells than `heatmap.maxCellsDirect` over all actors, or whose actor dies,
 * returns a fallback (with the reason, for the summary) and the caller runs the sharded pipeline (with its per-shard caps and its
 * supervision). The cell test uses the merged count, so whether a run falls back does not
 * depend on the number of actors either.
 */
import { closeSync, openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { DirectAggregator, readRanges } from '../engine/direct.js';
import { SchemaCache } from '../ingest/zeek/index.js';
import { heatmapAnalyzer } from '../report/heatmap/aggregate.js';
import { unpackState } from '../shared/pack.js';
import { actorOfChunk } from '../shared/sharding.js';
import { MAX_INFLIGHT_PER_ACTOR, workerScript } from './actor-pool.js';
import { bookMissingClose, layoutOf, nextLineStart, rangeCandidate } from './layout.js';
import { ChunkSource } from './source.js';
/** Whether the run's options allow a direct run (the inputs decide the rest). */
export function directEligible(plan, inputs) {
    return (plan.direct &&
        plan.engine.detectors.length === 0 &&
        plan.live === undefined &&
        plan.crashActor === undefined &&
        inputs.length > 0 &&
        inputs.every((f) => f.format === 'tsv' || f.format === 'json'));
}
/** runRanges' answer when the inputs need framing. */
const FRAME = Symbol('frame');
/**
 * Runs the direct aggregation and books it in `ledger`; a fallback, with its reason, when the
 * sharded pipeline must run instead (the ledger may then hold a partial booking: start the
 * sharded run on a fresh one). `progressFor` makes the progress callback of a framed run's
 * source.
 */
export async function runDirect(plan, runtime, inputs, ledger, started, progressFor) {
    if (inputs.every(rangeCandidate)) {
        const ranged = await runRanges(plan, runtime, inputs, ledger, started);
        if (ranged !== FRAME)
            return ranged;
    }
    return runFramed(plan, runtime, inputs, ledger, progressFor);
}
async function runRanges(plan, runtime, inputs, ledger, started) {
    const layouts = [];
    const schemas = new SchemaCache();
    for (const input of inputs) {
        const layout = layoutOf(input, plan, schemas);
        if (layout === undefined)
            return FRAME;
        layouts.push(layout);
    }
    const ranges = splitRanges(layouts, Math.max(1, plan.actors));
    const outputs = plan.actors === 0 ? [runInProcess(plan, runtime, ranges[0])] : await runThreaded(plan, ranges, started);
    if (!Array.isArray(outputs))
        return outputs;
    if (outputs.some((o) => o.stopped !== undefined && o.stopped !== 'cells'))
        return FRAME;
    const run = conclude(plan, outputs);
    if (!('output' in run))
        return run;
    // Book the pieces as the framer's chunks would be: per file in offset order, after its header.
    const indexInFile = new Map();
    for (const p of outputs.flatMap((o) => o.pieces)) {
        const layout = layouts[p.sourceId];
        const index = indexInFile.get(p.sourceId) ?? 0;
        indexInFile.set(p.sourceId, index + 1);
        const seq = ledger.registerRange({
            sourceId: p.sourceId,
            format: layout.format,
            header: layout.header,
            startOffset: p.startOffset,
            length: p.length,
        }, index, layout.headerLines);
        ledger.recordParse(seq, p.result);
    }
    for (const layout of layouts)
        bookMissingClose(ledger, layout, indexInFile.get(layout.input.sourceId) ?? 0);
    return run;
}
/** The merged result of the actors' outputs, or a fallback when the cells exceed the budget. */
function conclude(plan, outputs) {
    if (outputs.some((o) => o.stopped !== undefined))
        return overBudget(plan);
    const partial = heatmapAnalyzer.merge(outputs.map((o) => o.partial));
    if (partial !== undefined && partial.cells.count > plan.engine.heatmap.maxCellsDirect)
        return overBudget(plan);
    const records = outputs.reduce((n, o) => n + o.records, 0);
    return {
        output: {
            findings: [],
            partials: partial === undefined ? {} : { heatmap: partial },
            evictions: {},
            events: [],
            eventCounts: {},
            recordsObserved: records,
            vshardsOwned: 0,
            protocolEvents: { counts: {}, kept: [] },
            packetsObserved: 0,
            captureRecordsByPath: {},
        },
        actorStats: outputs.map((o, actorId) => ({
            actorId,
            chunksParsed: o.chunks,
            bytesParsed: o.bytes,
            recordsParsed: o.records,
            recordsObserved: o.records,
            batchesSent: 0,
            batchesReceived: 0,
            ringFullWaits: 0,
            nextSeq: 0,
        })),
    };
}
function overBudget(plan) {
    const max = plan.engine.heatmap.maxCellsDirect.toLocaleString('en-US');
    return { fallback: `the heatmap needs more than ${max} cells (heatmap.maxCellsDirect)` };
}
function actorFailed(err) {
    return { fallback: `a direct actor failed: ${err.message ?? String(err)}` };
}
function setupOf(plan) {
    return { heatmap: plan.engine.heatmap, parse: plan.engine.parse, localNetworks: plan.engine.localNetworks };
}
/** Starts one direct actor per range or dealt share, and a promise that rejects when one dies. */
function startWorkers(n) {
    const workers = Array.from({ length: n }, () => new Worker(workerScript('direct-actor.js')));
    const died = new Promise((_resolve, reject) => {
        for (const w of workers) {
            w.once('error', reject);
            w.once('exit', (code) => reject(new Error(`direct actor exited with ${code}`)));
        }
    });
    died.catch(() => { });
    return { workers, controls: workers.map((w) => Comlink.wrap(nodeEndpoint(w))), died };
}
/** Framed chunks from the ChunkSource, chunk s to actor s mod N (in-process for actors: 0). */
async function runFramed(plan, runtime, inputs, ledger, progressFor) {
    const source = new ChunkSource(inputs, plan, ledger);
    const progress = progressFor(source);
    try {
        if (plan.actors === 0) {
            const aggregator = new DirectAggregator(plan.engine.heatmap, plan.engine.parse, runtime.policy.local);
            for (let chunk = await source.next(); chunk; chunk = await source.next()) {
                ledger.recordParse(chunk.seq, aggregator.chunk(chunk));
                if (aggregator.stopped !== undefined)
                    return overBudget(plan);
                progress();
            }
            return conclude(plan, [aggregator.finish()]);
        }
        const n = plan.actors;
        const { workers, controls, died } = startWorkers(n);
        try {
            await Promise.race([Promise.all(controls.map((c) => c.start(setupOf(plan)))), died]);
            const pending = Array.from({ length: n }, () => new Set());
            let stopped = false;
            for (let chunk = await source.next(); chunk && !stopped; chunk = await source.next()) {
                const actor = actorOfChunk(chunk.seq, n);
                while (pending[actor].size >= MAX_INFLIGHT_PER_ACTOR)
                    await Promise.race([...pending[actor], died]);
                const seq = chunk.seq;
                const parsed = controls[actor].chunk(Comlink.transfer(chunk, [chunk.bytes.buffer])).then((answer) => {
                    ledger.recordParse(seq, answer.result);
                    if (answer.stopped)
                        stopped = true;
                    pending[actor].delete(parsed);
                });
                pending[actor].add(parsed);
                progress();
            }
            await Promise.race([Promise.all(pending.flatMap((p) => [...p])), died]);
            if (stopped)
                return overBudget(plan);
            const packed = await Promise.race([Promise.all(controls.map((c) => c.finish())), died]);
            return conclude(plan, packed.map((p) => unpackState(p)));
        }
        catch (err) {
            return actorFailed(err);
        }
        finally {
            await Promise.all(workers.map((w) => w.terminate()));
        }
    }
    finally {
        source.close();
    }
}
function runInProcess(plan, runtime, segments) {
    const aggregator = new DirectAggregator(plan.engine.heatmap, plan.engine.parse, runtime.policy.local);
    readRanges(segments, aggregator, {
        pieceBytes: plan.chunkBytes,
        maxLineBytes: plan.engine.parse.maxLineBytes,
    });
    return aggregator.finish();
}
/** One worker per range; a fallback when one of them failed (the sharded pipeline recovers). */
async function runThreaded(plan, ranges, started) {
    const progress = new SharedArrayBuffer(4 * ranges.length);
    const read = new Int32Array(progress);
    const total = ranges.flat().reduce((n, s) => n + (s.end - s.start), 0);
    const timer = plan.onProgress === undefined
        ? undefined
        : setInterval(() => {
            let kib = 0;
            for (let k = 0; k < read.length; k++)
                kib += Atomics.load(read, k);
            plan.onProgress({
                bytesRead: Math.min(total, kib * 1024),
                bytesTotal: total,
                chunksDispatched: ranges.length,
                chunksParsed: 0,
                elapsedMs: performance.now() - started,
            });
        }, 250);
    const { workers, controls, died } = startWorkers(ranges.length);
    try {
        const packed = await Promise.race([
            Promise.all(ranges.map((segments, actorId) => controls[actorId].run({
                ...setupOf(plan),
                actorId,
                segments,
                pieceBytes: plan.chunkBytes,
                progress,
            }))),
            died,
        ]);
        return packed.map((p) => unpackState(p));
    }
    catch (err) {
        return actorFailed(err);
    }
    finally {
        if (timer !== undefined)
            clearInterval(timer);
        await Promise.all(workers.map((w) => w.terminate()));
    }
}
/**
 * Cuts the data of all files, taken in input order as one byte sequence, into `n` contiguous
 * ranges of about equal size, each cut moved to the next line start. A range may span files
 * (a segment per file) or be empty.
 */
function splitRanges(layouts, n) {
    const total = layouts.reduce((sum, l) => sum + (l.dataEnd - l.dataStart), 0);
    const ranges = Array.from({ length: n }, () => []);
    let range = 0;
    let filled = 0;
    for (const l of layouts) {
        let pos = l.dataStart;
        const fd = openSync(l.input.path, 'r');
        try {
            while (pos < l.dataEnd) {
                const target = range === n - 1 ? Number.POSITIVE_INFINITY : Math.ceil(((range + 1) * total) / n) - filled;
                let end = Math.min(l.dataEnd, pos + Math.max(1, target));
                if (end < l.dataEnd)
                    end = nextLineStart(fd, end, l.dataEnd);
                ranges[range].push({
                    sourceId: l.input.sourceId,
                    path: l.input.path,
                    format: l.format,
                    header: l.header,
                    start: pos,
                    end,
                });
                filled += end - pos;
                pos = end;
                if (range < n - 1 && filled >= Math.ceil(((range + 1) * total) / n))
                    range++;
            }
        }
        finally {
            closeSync(fd);
        }
    }
    return ranges;
}
//# sourceMappingURL=direct.js.map