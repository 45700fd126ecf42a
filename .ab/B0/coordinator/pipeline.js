/**
 * Pipeline assembly: inputs → chunks (framed, or ranges of plain logs the actors read) →
 * actors (or the in-process core) → merged host output → findings, heatmap and summary. A
 * heatmap-only run over Zeek logs skips the shuffle (and, for plain TSV logs, the framing)
 * when it can (coordinator/direct.ts) and joins here for the summary.
 *
 * Supervision (Flink-style global rollback): every `checkpointEverySeconds` (or
 * `checkpointEveryChunks` chunks) the coordinator marks the chunk it deals next; its parser
 * carries the mark in that chunk's last batch to every actor, and each actor checkpoints its
 * shard state once it has consumed the chunk — the same point of the input for all, with no
 * message racing the data. A checkpoint is complete when every actor reported it. When an
 * actor dies or throws, the whole generation is torn down, a new one starts from the last
 * complete checkpoint, and the coordinator re-reads and re-deals every chunk after it. Parsing
 * and shard processing are deterministic, so the run's output equals an undisturbed run's.
 * Runs over captures are not checkpointed (flow trackers hold reassembly and parser state that
 * is not serialised), so a recovery replays them from the first chunk.
 */
import { performance } from 'node:perf_hooks';
import { finishBaseline, prepareBaseline } from '../detect/baseline.js';
import { ActorCore } from '../engine/actor-core.js';
import { buildRuntime } from '../engine/config.js';
import { mergeHostOutputs } from '../engine/shard-host.js';
import { toMatrix } from '../report/heatmap/aggregate.js';
import { ErrorCode, NetscryError } from '../shared/errors.js';
import { unpackState } from '../shared/pack.js';
import { actorOfChunk } from '../shared/sharding.js';
import { applySuppression } from '../triage/suppress.js';
import { ActorPool, MAX_INFLIGHT_PER_ACTOR } from './actor-pool.js';
import { CheckpointStore } from './checkpoint-store.js';
import { directEligible, runDirect } from './direct.js';
import { closeInputs, discoverInputs } from './inputs.js';
import { ChunkLedger } from './ledger.js';
import { planRun } from './options.js';
import { ChunkSource, verifyChecksums } from './source.js';
import { buildSummary } from './summary.js';
export async function analyze(options) {
    const planned = planRun(options);
    // The baseline detector learns its sharding and the checked baseline file (if any).
    const baseline = await prepareBaseline(planned.engine, planned.baseline);
    const plan = Object.freeze({ ...planned, engine: baseline.engine });
    const inputs = plan.inputs.length > 0
        ? await discoverInputs(plan.inputs, {
            captureAs: plan.captureAs,
            ...(plan.spoolDir !== undefined ? { spoolDir: plan.spoolDir } : {}),
            ...(plan.stdin !== undefined ? { stdin: plan.stdin } : {}),
        })
        : [];
    try {
        return await analyzeInputs(plan, baseline, inputs);
    }
    finally {
        closeInputs(inputs);
    }
}
async function analyzeInputs(plan, baseline, inputs) {
    if (plan.live !== undefined) {
        inputs.push({
            path: plan.live.name,
            sourceId: inputs.length,
            gzip: false,
            format: 'live',
            size: 0,
            checksumFile: undefined,
            mtime: Date.now() / 1000,
        });
    }
    const started = performance.now();
    const runtime = buildRuntime(plan.engine);
    const newLedger = () => new ChunkLedger(inputs, plan.engine.maxEventsPerCode, plan.engine.parse.tsToleranceSeconds);
    let ledger = newLedger();
    const direct = directEligible(plan, inputs)
        ? await runDirect(plan, runtime, inputs, ledger, started, (source) => throttledProgress(plan, inputs, source, ledger, started))
        : undefined;
    let run;
    let netflow;
    let reframed;
    if (direct !== undefined && 'output' in direct)
        run = { ...direct, recoveries: [], mode: 'direct' };
    else {
        // Plain Zeek logs go out as ranges the actors read; a range that held what only the framer
        // handles stops the run, and it starts over framed.
        for (let ranges = true;; ranges = false) {
            // A direct run that gave up may have booked chunks: the sharded run books its own.
            ledger = newLedger();
            const source = new ChunkSource(inputs, plan, ledger, ranges);
            netflow = source.netflow;
            const progress = throttledProgress(plan, inputs, source, ledger, started);
            try {
                const outcome = plan.actors === 0
                    ? await runInProcess(runtime, source, ledger, inputs, progress)
                    : await runThreaded(plan, inputs, source, ledger, progress);
                if (outcome instanceof Reframe) {
                    reframed = outcome.message;
                    continue;
                }
                run = outcome;
                break;
            }
            finally {
                source.close();
            }
        }
    }
    const wallMs = performance.now() - started;
    const suppression = applySuppression(run.output.findings, plan.suppress);
    const output = { ...run.output, findings: suppression.findings };
    const heatmapPartial = output.partials.heatmap;
    const baselineStatus = await finishBaseline(baseline, output.partials.baseline);
    const summary = buildSummary({
        plan,
        inputs,
        ledger,
        output,
        checksums: await verifyChecksums(inputs, ledger),
        actorStats: run.actorStats,
        recoveries: run.recoveries,
        mode: run.mode,
        ...(direct !== undefined && 'fallback' in direct ? { notDirect: direct.fallback } : {}),
        ...(reframed === undefined ? {} : { reframed }),
        wallMs,
        netflow,
        baseline: baselineStatus,
        suppressed: suppression.report,
    });
    // heatmap.json's matrix is built when first read: `netscry heatmap` draws from the partial
    // and never needs it (≈ 80 ms for a 10 M-connection day).
    let heatmap;
    return {
        findings: output.findings,
        get heatmap() {
            heatmap ??= toMatrix(heatmapPartial, plan.engine.heatmap);
            return heatmap;
        },
        heatmapPartial,
        summary,
    };
}
/**
 * A range of a plain log held what only the framer handles: the run must start over with
 * the logs framed on the coordinator. The message says why (summary.run.reframed).
 */
class Reframe extends Error {
    constructor(stop, seq, ledger, inputs) {
        const e = ledger.entry(seq);
        const where = `${inputs[e.sourceId].path} at byte ${e.startOffset}`;
        super(stop === 'directive'
            ? `a directive line inside the data (${where})`
            : stop === 'long_line'
                ? `a line over the length limit (${where})`
                : `the file changed during the run (${where})`);
    }
}
async function runInProcess(runtime, source, ledger, inputs, progress) {
    const core = new ActorCore({
        actorId: 0,
        actors: 1,
        runtime,
        outbound: [undefined],
        inbound: [undefined],
        notify: () => { },
    });
    for (let chunk = await source.next(); chunk; chunk = await source.next()) {
        const { result, reframe } = core.parseChunk(chunk);
        if (reframe !== undefined)
            return new Reframe(reframe, chunk.seq, ledger, inputs);
        ledger.recordParse(chunk.seq, result);
        core.pump();
        progress();
    }
    return {
        output: mergeHostOutputs(runtime, [core.host.finish()]),
        actorStats: [core.stats()],
        recoveries: [],
        mode: 'sharded',
    };
}
class ActorDied extends Error {
}
/** A promise that rejects when the current generation fails, to race every wait against. */
class FailureSignal {
    promise;
    rejectFn;
    constructor() {
        this.promise = new Promise((_resolve, reject) => {
            this.rejectFn = reject;
        });
        this.promise.catch(() => { });
    }
    fail(err) {
        this.rejectFn(err);
    }
}
async function runThreaded(plan, inputs, source, ledger, progress) {
    const runtime = buildRuntime(plan.engine);
    const n = plan.actors;
    // Flow state of captures is not checkpointed (ShardHost.snapshotPieces): a recovery replays them.
    const checkpoints = new CheckpointSchedule(inputs.some((f) => f.format === 'pcap') ? undefined : plan, performance.now());
    const store = new CheckpointStore((name) => source.spoolPath(name));
    let checkpoint = { seq: 0, states: null };
    let partialCheckpoints = new Map();
    let inflight = new Array(n).fill(0);
    let waiters = [];
    const wakeDispatcher = () => {
        const w = waiters;
        waiters = [];
        for (const f of w)
            f();
    };
    const recoveries = [];
    let liveDone = false;
    try {
        for (let generation = 0;; generation++) {
            const failure = new FailureSignal();
            partialCheckpoints = new Map();
            inflight = new Array(n).fill(0);
            const onEvent = (actor, event) => {
                if (event.type === 'parsed') {
                    if (event.reframe !== undefined) {
                        failure.fail(new Reframe(event.reframe, event.seq, ledger, inputs));
                        return;
                    }
                    ledger.recordParse(event.seq, event.result);
                    inflight[actor]--;
                    wakeDispatcher();
                    progress();
                }
                else {
                    let set = partialCheckpoints.get(event.nextSeq);
                    if (!set) {
                        set = new Array(n).fill(undefined);
                        partialCheckpoints.set(event.nextSeq, set);
                    }
                    set[actor] = event.state;
                    if (set.every((s) => s !== undefined) && event.nextSeq > store.latestSeq) {
                        store.save(event.nextSeq, set);
                        for (const k of partialCheckpoints.keys())
                            if (k <= event.nextSeq)
                                partialCheckpoints.delete(k);
                    }
                }
            };
            const pool = new ActorPool({
                actors: n,
                generation,
                config: plan.engine,
                ringBytes: plan.ringBytes,
                restore: checkpoint.states,
                nextSeq: checkpoint.seq,
                crash: generation === 0 ? plan.crashActor : undefined,
                onEvent,
                onFailure: (actor, error) => failure.fail(new ActorDied(`actor ${actor} failed: ${error.message}`)),
            });
            // The workers have their copies (workerData); the next recovery reads the file again.
            checkpoint = { seq: checkpoint.seq, states: null };
            const race = (p) => Promise.race([p, failure.promise]);
            const dispatch = async (chunk) => {
                const actor = actorOfChunk(chunk.seq, n);
                while (inflight[actor] >= MAX_INFLIGHT_PER_ACTOR) {
                    await race(new Promise((resolve) => waiters.push(resolve)));
                }
                inflight[actor]++;
                pool.dispatch(checkpoints.due(chunk.seq) ? { ...chunk, checkpointAfter: true } : chunk);
            };
            try {
                const replayEnd = ledger.count;
                for (let seq = checkpoint.seq; seq < replayEnd; seq++)
                    await dispatch(await race(source.reread(seq)));
                while (!liveDone) {
                    // Not raced: an abandoned read would register a chunk that no generation deals.
                    const chunk = await source.next();
                    if (!chunk) {
                        liveDone = true;
                        break;
                    }
                    await dispatch(chunk);
                    progress();
                }
                const packed = await race(pool.end(ledger.count));
                const actorStats = await race(pool.stats());
                await pool.terminate();
                const outputs = packed.map((p) => unpackState(p));
                return { output: mergeHostOutputs(runtime, outputs), actorStats, recoveries, mode: 'sharded' };
            }
            catch (err) {
                await pool.terminate();
                if (err instanceof Reframe)
                    return err;
                if (!(err instanceof ActorDied))
                    throw err;
                checkpoint = await store.load();
                recoveries.push({ error: err.message, resumedAtChunk: checkpoint.seq });
                if (recoveries.length > plan.maxRestarts) {
                    throw new NetscryError(ErrorCode.ActorFailed, `${err.message}; gave up after ${plan.maxRestarts} restarts`);
                }
            }
        }
    }
    finally {
        // Removes the checkpoint file, whatever the outcome (a recovery has read it by then).
        await store.close();
    }
}
/**
 * Which dealt chunks ask for a checkpoint after them: every `checkpointEveryChunks`th, or the
 * first one dealt `checkpointEverySeconds` after the last mark; none for captures. Chunks dealt
 * again after a crash are not marked (the time rule marks the next new one).
 */
class CheckpointSchedule {
    plan;
    lastMark;
    highest = -1;
    constructor(plan, now) {
        this.plan = plan;
        this.lastMark = now;
    }
    due(seq) {
        const plan = this.plan;
        if (plan === undefined || seq <= this.highest)
            return false;
        this.highest = seq;
        if (plan.checkpointEveryChunks !== undefined)
            return (seq + 1) % plan.checkpointEveryChunks === 0;
        const now = performance.now();
        if (now - this.lastMark < plan.checkpointEverySeconds * 1000)
            return false;
        this.lastMark = now;
        return true;
    }
}
/** Progress callback at most every 250 ms. */
function throttledProgress(plan, inputs, source, ledger, started) {
    const report = plan.onProgress;
    if (!report)
        return () => { };
    // A stream input's size is not known before it ends: 0, and the progress line says so.
    const bytesTotal = inputs.some((f) => f.stream !== undefined) ? 0 : inputs.reduce((n, f) => n + f.size, 0);
    let last = 0;
    return () => {
        const now = performance.now();
        if (now - last < 250)
            return;
        last = now;
        report({
            bytesRead: source.bytesRead,
            bytesTotal,
            chunksDispatched: ledger.count,
            chunksParsed: ledger.parsedCount,
            elapsedMs: now - started,
        });
    };
}
//# sourceMappingURL=pipeline.js.map