export interface Checkpoint {
    /** The chunk a recovery resumes at (0: no checkpoint, start over). */
    readonly seq: number;
    /** One packed ShardHost per actor; null with seq 0. */
    readonly states: Uint8Array[] | null;
}
export declare class CheckpointStore {
    private readonly pathFor;
    /** The highest chunk of a set handed to `save` (written or not yet). */
    latestSeq: number;
    private seq;
    private file;
    private inMemory;
    private writes;
    /** `pathFor(name)`: where to put a file of that name (the run's spool directory). */
    constructor(pathFor: (name: string) => string);
    /** Takes a complete set; it is in force once written (see `load`). */
    save(seq: number, states: Uint8Array[]): void;
    /** The last set in force, after any write under way has finished. */
    load(): Promise<Checkpoint>;
    /** Removes the file (after the run, whatever its outcome). */
    close(): Promise<void>;
    private write;
    private drop;
}
