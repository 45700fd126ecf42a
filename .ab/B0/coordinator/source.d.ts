import { NetflowConnConverter } from '../ingest/netflow/index.js';
import type { ZeekChunk } from '../ingest/zeek/types.js';
import { type ChecksumResult, type InputFile } from './inputs.js';
import type { ChunkLedger } from './ledger.js';
import type { RunPlan } from './options.js';
export declare class ChunkSource {
    private readonly readAheadFiles;
    /** Raw (on-disk) bytes read so far. */
    bytesRead: number;
    private readonly inputs;
    private readonly plan;
    private readonly ledger;
    private readonly schemas;
    private readonly chunks;
    /** One NetFlow converter per run: templates carry over between inputs in file order. */
    readonly netflow: NetflowConnConverter;
    /** Converted inputs' records, spooled so a chunk can be read again after a crash. */
    private readonly spools;
    private spoolDir;
    /** Capture re-reads after a crash come in ascending order: one replay per file serves them. */
    private replay;
    /** Whether plain Zeek logs go out as ranges the actors read themselves (sharded runs). */
    private readonly ranges;
    /** The inputs that went out as ranges. */
    private readonly ranged;
    /** gzip logs being decompressed ahead, by source id. */
    private readonly ahead;
    /**
     * `ranges`: cut plain Zeek logs that coordinator/layout.ts lays out into ranges of data
     * lines instead of framing them: chunks with `rangeLength` and no bytes, which only an
     * ActorCore reads. `readAheadFiles`: gzip logs decompressed ahead of the one being framed.
     */
    constructor(inputs: readonly InputFile[], plan: RunPlan, ledger: ChunkLedger, ranges?: boolean, readAheadFiles?: number);
    /** Closes and (when it was a temporary one) removes the spool. */
    close(): void;
    /**
     * A path for a file of this run's in the spool directory (the plan's, or a temporary one
     * made on first use and removed by `close`); the caller removes its files from a given one.
     */
    spoolPath(name: string): string;
    /** The spool file of a converted input (created on first use). */
    private spoolOf;
    /** The next chunk, numbered; undefined after the last one. */
    next(): Promise<ZeekChunk | undefined>;
    private register;
    private generate;
    private blocksOf;
    /** The blocks of gzip log `inputs[at]`, decompressed ahead — and the next gzip logs' started. */
    private readAhead;
    /**
     * A laid-out log's data lines in ranges of about `chunkBytes` cut at line starts
     * (`rangeEnds`): the coordinator reads no other byte of the file.
     */
    private rangesOf;
    private rangeChunk;
    /** Frames a text input's blocks into chunks of whole lines and registers them. */
    private frameLines;
    /**
     * A converted input's Zeek JSON text, spooled (so chunks can be read again) before it is
     * framed like a JSON log: chunk offsets are offsets in the spool.
     */
    private spooled;
    private generateCapture;
    /**
     * A read that failed: a file that cannot be read is an error; a gzip stream that breaks is a
     * truncated_gzip event at the decompressed offset reached, and what came before is kept.
     */
    private readFailed;
    private rereadCapture;
    /** Reads a registered chunk again (after a crash) from its file. */
    reread(seq: number): Promise<ZeekChunk>;
}
/**
 * Verifies the inputs' `<file>.sha256` sidecars (sha256 of the file as stored, like sha256sum);
 * a mismatch or an unreadable sidecar is an integrity event of the whole file.
 */
export declare function verifyChecksums(inputs: readonly InputFile[], ledger: ChunkLedger): Promise<ChecksumResult[]>;
