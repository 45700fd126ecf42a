export declare const BASELINE_MAGIC = "NSBL";
export declare const BASELINE_VERSION = 1;
/** Where the shards' history comes from and goes to; set by the coordinator, never by the user. */
export interface BaselineFileRef {
    readonly path: string;
    /** sha256 of the whole file the coordinator checked: an actor uses the file only if it matches. */
    readonly digest: string;
}
export interface ShardingRef {
    readonly vshards: number;
    readonly v4Prefix: number;
    readonly v6Prefix: number;
}
/** One entity as it is persisted (and snapshotted). */
export interface PersistedEntity {
    /** 0 host, 1 subnet, 2 service. */
    readonly kind: number;
    /** Address words (host, network address of a subnet, server of a service). */
    readonly words: readonly number[];
    readonly port: number;
    readonly proto: number;
    readonly firstTs: number;
    readonly lastTs: number;
    /** Bucket index (ts / bucketSeconds) of the first history slot. */
    readonly start: number;
    /** Bytes per bucket; NaN where nothing was observed. */
    readonly bytes: Float64Array;
    /**
     * Distinct peers of successful connections per bucket (hosts; NaN elsewhere): those the host
     * contacted (fan-out) and those that contacted it (fan-in). Same length as `bytes`.
     */
    readonly outPeers: Float64Array;
    readonly inPeers: Float64Array;
    /** Ports served (port · 4 + proto), oldest first. */
    readonly ports: readonly number[];
    /** External networks talked to (IPv4 /16, IPv6 /32 keys), oldest first. */
    readonly nets: readonly number[];
}
export interface BaselineMeta {
    readonly bucketSeconds: number;
    readonly sharding: ShardingRef;
    /** Runs folded into the file. */
    readonly runs: number;
    /** Latest record time seen by any run (epoch seconds), or null. */
    readonly lastTs: number | null;
    readonly entities: number;
}
interface Payload {
    readonly meta: BaselineMeta;
    readonly groups: ReadonlyArray<{
        readonly vshard: number;
        readonly data: Uint8Array;
    }>;
}
export type DecodedBaseline = {
    readonly ok: true;
    readonly meta: BaselineMeta;
    readonly groups: Payload['groups'];
} | {
    readonly ok: false;
    readonly reason: string;
};
/** The file bytes for `meta` and the entities of each virtual shard. */
export declare function encodeBaseline(meta: BaselineMeta, byVshard: ReadonlyMap<number, PersistedEntity[]>): Uint8Array;
/** Checks and opens the file's bytes; never throws. */
export declare function decodeBaseline(bytes: Uint8Array): DecodedBaseline;
/**
 * An entity from a file, checked field by field; undefined when anything is off. Files written
 * before fan-in was told from fan-out hold one `peers` series of both: its values are dropped
 * (unknown, NaN), so both series learn afresh instead of judging against a mixed history.
 */
export declare function checkEntity(e: unknown): PersistedEntity | undefined;
/** The virtual shard that owns an entity under `sharding` (the subnet of its address). */
export declare function vshardOfWords(words: readonly number[], sharding: ShardingRef): number;
/**
 * The persisted entities of one virtual shard (empty when the file is gone, changed or holds
 * none). Reads the file once per thread; decodes only the asked shard's group.
 */
export declare function entitiesForShard(ref: BaselineFileRef, sharding: ShardingRef, vshard: number): PersistedEntity[];
export interface BaselineStatus {
    readonly file: string;
    /** The file was read and the run compared against it. */
    readonly loaded: boolean;
    /** Why not (missing file: the first run, learning). */
    readonly reason?: string;
    /** Stable code of the warning when the file was there but unusable. */
    readonly code?: string;
    /** No usable history: detectors that need one stay quiet this run. */
    readonly learning: boolean;
    /** Runs folded into the file before this one, and its entities. */
    readonly runs: number;
    readonly entities: number;
    /** The updated baseline was written (with this many entities, after `evicted` were dropped). */
    readonly written: boolean;
    readonly writtenEntities?: number;
    readonly evicted?: number;
    readonly writeError?: string;
}
export interface OpenedBaseline {
    readonly status: BaselineStatus;
    /** Set when the file is usable: what the shards are told. */
    readonly ref: BaselineFileRef | undefined;
    readonly meta: BaselineMeta | undefined;
}
/** Reads and checks the file at `path` for a run with `bucketSeconds` buckets; never throws. */
export declare function openBaselineFile(path: string, bucketSeconds: number): Promise<OpenedBaseline>;
/**
 * Writes the updated baseline atomically: the entities with the latest `lastTs` are kept (at
 * most `maxEntities`; the others are counted as evicted), grouped by virtual shard.
 */
export declare function writeBaselineFile(path: string, entities: readonly {
    readonly vshard: number;
    readonly entity: PersistedEntity;
}[], meta: Omit<BaselineMeta, 'entities'>, maxEntities: number): Promise<{
    written: number;
    evicted: number;
}>;
export declare function compareWords(a: readonly number[], b: readonly number[]): number;
/** Every persisted entity of a checked file, by virtual shard under `sharding` (coordinator side). */
export declare function allEntities(ref: BaselineFileRef, sharding: ShardingRef): Map<number, PersistedEntity[]>;
export {};
