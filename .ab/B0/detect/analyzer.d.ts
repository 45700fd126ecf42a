import type { BatchView } from '../shared/record.js';
import type { Finding } from './finding.js';
export interface ShardAnalyzer {
    /** Called for every record delivered to this virtual shard, in input order. */
    observe(view: BatchView, index: number): void;
    /**
     * The same as `observe(view, rows[k])` for k from `from` to `to` − 1, in that order: the
     * rows of one batch that belong to this virtual shard (the engine's path, one call per batch
     * instead of one per record).
     */
    observeRows(view: BatchView, rows: Int32Array, from: number, to: number): void;
    /** End of input: close open windows and report. Called once. */
    finish(): ShardOutput;
    /** Serialisable state (msgpackr-packable: plain objects, arrays, numbers, strings, typed arrays). */
    snapshot(): unknown;
}
export interface ShardOutput {
    readonly findings: readonly Finding[];
    /** Analyzer-specific partial aggregate, merged across shards with `merge`. */
    readonly partial: unknown;
    /** State evicted because a cap was reached, by cap name. */
    readonly evictions: Readonly<Record<string, number>>;
}
export interface AnalyzerFactory<Config = unknown> {
    readonly name: string;
    create(vshard: number, config: Config): ShardAnalyzer;
    restore(vshard: number, config: Config, snapshot: unknown): ShardAnalyzer;
    /**
     * Merges any number of partials (`undefined` entries ignored) into one; the result must not
     * depend on their order. N-ary so an analyzer can merge N shards in one pass; it may reuse
     * the inputs' storage: callers pass partials they own and use only the result afterwards.
     */
    merge(parts: readonly unknown[]): unknown;
    /**
     * Findings that need every shard's view (how many hosts talk to a destination, say): called
     * once, on the coordinator, with the merge of all partials, after every shard finished. Must
     * be a pure function of its arguments. Optional.
     */
    conclude?(merged: unknown, config: Config): readonly Finding[];
}
/**
 * The checks every `restore` starts with: `snapshot` is an object of this analyzer's snapshot
 * `version`, taken of virtual shard `vshard`. Throws `CheckpointMismatch` otherwise (a
 * checkpoint of another build or another shard must never be adopted silently).
 */
export declare function checkSnapshot<T>(analyzer: string, snapshot: unknown, version: number, vshard: number): T;
