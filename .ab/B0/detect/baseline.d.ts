import { type AnalyzerFactory } from './analyzer.js';
import { type BaselineFileRef, type BaselineStatus, type OpenedBaseline, type PersistedEntity, type ShardingRef } from './baseline-file.js';
export interface BaselineOptions {
    readonly bucketSeconds: number;
    readonly burstSeconds: number;
    readonly historyDays: number;
    /** Holt smoothing (ntopng DESCounter defaults) and the band's z (1.96: 95 %). */
    readonly alpha: number;
    readonly beta: number;
    readonly bandZ: number;
    readonly zThreshold: number;
    readonly minRatio: number;
    readonly minHistoryBuckets: number;
    readonly minBytes: number;
    readonly minSubnetBytes: number;
    readonly minPeers: number;
    readonly fanoutRatio: number;
    readonly burstFactor: number;
    readonly burstMinBytes: number;
    readonly concentrationShare: number;
    readonly concentrationMinBytes: number;
    readonly learningSeconds: number;
    readonly newServiceMinConnections: number;
    readonly newNetworkMinBytes: number;
    readonly enableVolume: boolean;
    readonly enableFanout: boolean;
    readonly enableFanin: boolean;
    readonly enableBurst: boolean;
    readonly enableConcentration: boolean;
    readonly enableNewService: boolean;
    readonly enableNewNetwork: boolean;
    readonly maxEntities: number;
    readonly maxOpenBuckets: number;
    readonly maxPortsPerHost: number;
    readonly maxNetsPerHost: number;
    readonly maxDestinationsPerHost: number;
    /** Entities of the baseline file at most (the most recently seen are kept). */
    readonly maxFileEntities: number;
    /** Entities not seen for this long (event time) are dropped from the baseline file. */
    readonly retainDays: number;
    readonly sampleSize: number;
}
/** The options plus what the coordinator adds for the run (never set by the user). */
export interface BaselineConfig extends BaselineOptions {
    readonly sharding?: ShardingRef;
    readonly file?: BaselineFileRef;
    /** Hand the updated entities back (a baseline file will be written). */
    readonly persist?: boolean;
}
export declare const DEFAULT_BASELINE_CONFIG: BaselineOptions;
export declare function validateBaselineConfig(partial?: Readonly<Partial<BaselineOptions>>): BaselineConfig;
export declare const EntityKind: {
    readonly Host: 0;
    readonly Subnet: 1;
    readonly Service: 2;
};
export declare const BASELINE_EVICTION_NAMES: readonly ['maxEntities', 'lateRecords', 'maxPortsPerHost', 'maxNetsPerHost', 'maxDestinationsPerHost', 'retainDays'];
/** Distinct peers counted per host bucket at most (the count saturates there). */
export declare const MAX_PEERS_PER_BUCKET = 65536;
export type ProfileKind = 'hour-of-week' | 'hour-of-day' | 'run';
export interface Profile {
    readonly kind: ProfileKind;
    readonly values: readonly number[];
}
/**
 * The history to compare bucket `b` with: the same slot of the week when at least two weeks of
 * it are known, else the same slot of the day when two days are, else every known bucket before.
 */
export declare function profileFor(series: readonly number[], start: number, b: number, bucketsPerDay: number): Profile;
export interface Judgement {
    readonly profile: ProfileKind;
    readonly history: number;
    readonly median: number;
    readonly mad: number;
    readonly z: number;
    readonly profileMax: number;
    readonly forecast: number;
    readonly band: number;
    readonly reference: number;
    readonly ratio: number;
}
/** Compares `value` at bucket `b` with the series before it (see the module comment). */
export declare function judge(series: readonly number[], start: number, b: number, value: number, c: BaselineOptions): Judgement | undefined;
/** A baseline partial: per virtual shard its updated entities (only when a file is written). */
export interface BaselinePartial {
    readonly groups: ReadonlyArray<{
        readonly vshard: number;
        readonly entities: readonly PersistedEntity[];
    }>;
    readonly minTs: number | null;
    readonly maxTs: number | null;
}
export declare const baselineAnalyzer: AnalyzerFactory<BaselineConfig>;
/** What `prepareBaseline` needs of the engine config (coordinator/options.ts EngineConfig). */
interface EngineLike {
    readonly vshards: number;
    readonly v4Prefix: number;
    readonly v6Prefix: number;
    readonly detectors: ReadonlyArray<{
        readonly name: string;
        readonly config: unknown;
    }>;
}
export interface BaselineRun<E extends EngineLike> {
    /** The engine config with the baseline detector told its sharding, file and whether to persist. */
    readonly engine: E;
    readonly path: string | undefined;
    readonly config: BaselineConfig | undefined;
    readonly opened: OpenedBaseline | undefined;
}
/**
 * Before a run: checks the baseline file (if `path` is given and the detector is on) and hands
 * the detector its sharding and the file's path and digest — not the history itself (see
 * baseline-file.ts). Never throws for a bad file: the status says why it is not used.
 */
export declare function prepareBaseline<E extends EngineLike>(engine: E, path: string | undefined): Promise<BaselineRun<E>>;
/**
 * After a run: writes the updated baseline (this run's entities, plus the file's entities of
 * virtual shards the run never touched) and returns the status for summary.json; undefined
 * when no baseline file was asked for.
 */
export declare function finishBaseline(run: BaselineRun<EngineLike>, partial: unknown): Promise<BaselineStatus | undefined>;
export {};
