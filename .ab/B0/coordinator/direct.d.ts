import type { EngineRuntime } from '../engine/config.js';
import type { HostOutput } from '../engine/shard-host.js';
import type { ActorStats } from '../shared/messages.js';
import type { InputFile } from './inputs.js';
import type { ChunkLedger } from './ledger.js';
import type { RunPlan } from './options.js';
import { ChunkSource } from './source.js';
export interface DirectRun {
    readonly output: HostOutput;
    readonly actorStats: readonly ActorStats[];
}
/** Why an eligible run went to the sharded pipeline (summary.run.notDirect). */
export interface DirectFallback {
    readonly fallback: string;
}
/** Whether the run's options allow a direct run (the inputs decide the rest). */
export declare function directEligible(plan: RunPlan, inputs: readonly InputFile[]): boolean;
/**
 * Runs the direct aggregation and books it in `ledger`; a fallback, with its reason, when the
 * sharded pipeline must run instead (the ledger may then hold a partial booking: start the
 * sharded run on a fresh one). `progressFor` makes the progress callback of a framed run's
 * source.
 */
export declare function runDirect(plan: RunPlan, runtime: EngineRuntime, inputs: readonly InputFile[], ledger: ChunkLedger, started: number, progressFor: (source: ChunkSource) => () => void): Promise<DirectRun | DirectFallback>;
