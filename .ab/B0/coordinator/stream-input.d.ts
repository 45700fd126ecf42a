import type { Readable } from 'node:stream';
/**
 * A directory for a run's spool files: `given` (made if missing; whoever writes a file there
 * removes it) or a new temporary one (`temporary`: removed whole when the run is done).
 */
export declare function spoolDirectory(given: string | undefined): {
    path: string;
    temporary: boolean;
};
export declare class StreamSpool {
    /** The spool file: the raw bytes read from the stream so far. */
    readonly path: string;
    private readonly fd;
    /** A temporary directory of our own, removed on close (undefined inside a given spool dir). */
    private readonly ownDir;
    private readonly stream;
    private readonly source;
    /** Bytes in the spool. */
    private spooled;
    private ended;
    private failure;
    /** The read from the stream in flight, so concurrent readers pull each block once. */
    private pulling;
    private closed;
    /** `name` names the spool file (unique within `spoolDir`). */
    constructor(stream: Readable, name: string, spoolDir?: string);
    /** Raw bytes read from the stream so far (all of it once a reader reached the end). */
    get bytesRead(): number;
    /**
     * The stream's raw bytes from the start, in blocks of at most `BLOCK_BYTES`; throws what the
     * stream threw (after the bytes read before it). A reader may stop at any point: the stream
     * is not closed, and the next reader picks up where the spool ends.
     */
    rawBlocks(): AsyncGenerator<Uint8Array>;
    /** Reads the stream's next block into the spool (one read at a time, whoever asks). */
    private pull;
    private pullOnce;
    /** Stops reading the stream and removes the spool. */
    close(): void;
}
