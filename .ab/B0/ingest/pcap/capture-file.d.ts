import type { CapturedPacket, EventSink } from './packet.js';
export type CaptureFormat = 'pcap' | 'pcapng';
export interface CaptureReadOptions {
    /**
     * Largest record or block accepted (default 256 MiB). A length beyond it is taken as
     * corruption, not as a reason to wait for or allocate that much.
     */
    readonly maxRecordBytes?: number;
    /**
     * Largest decompressed size of a gzip input for `readCapture` (default 2 GiB): a bigger
     * stream yields its first part and a `truncated_gzip` event. Stream bigger files through
     * `zlib.createGunzip()` into a `CaptureReader` instead.
     */
    readonly maxDecompressedBytes?: number;
}
export interface CaptureSummary {
    readonly format: CaptureFormat;
    /** The input was gzip-compressed (readCapture only). */
    readonly compressed: boolean;
    /** Distinct link types of the interfaces, in order of first appearance. */
    readonly linkTypes: readonly number[];
    /** Interfaces described: 1 for pcap, one per accepted IDB (all sections) for pcapng. */
    readonly interfaces: number;
    readonly packets: number;
    /** Captured bytes handed out in packets. */
    readonly packetBytes: number;
    /** Size of the (decompressed) capture. */
    readonly fileBytes: number;
    /** Events reported while reading (including decompression). */
    readonly events: number;
    /** False when reading stopped before the end: a cut-off record, or corruption with no way past. */
    readonly complete: boolean;
}
/** What the first bytes say the input is; undefined for anything else (or fewer than 4 bytes). */
export declare function sniffCaptureFormat(bytes: Uint8Array): CaptureFormat | 'gzip' | undefined;
/**
 * Decompresses a gzip capture. A stream that ends early, is corrupt, or decompresses to more
 * than `maxDecompressedBytes` yields the bytes that could be recovered and one `truncated_gzip`
 * event (offset = bytes recovered). Recovery from corruption re-inflates prefixes of the input
 * in a bounded binary search, so it costs up to ~24 extra inflations, and only on that path.
 */
export declare function decompressCapture(bytes: Uint8Array, onEvent: EventSink, options?: CaptureReadOptions): Uint8Array;
/**
 * Reads a whole capture from memory: gzip is detected and decompressed, then every packet is
 * passed to `onPacket` (a reused object whose `data` views `bytes`, valid during the call).
 * Throws only `NetscryError(UnsupportedFormat)` when the input is not a capture at all.
 */
export declare function readCapture(bytes: Uint8Array, onPacket: (p: CapturedPacket) => void, onEvent: EventSink, options?: CaptureReadOptions): CaptureSummary;
/**
 * Reads a capture fed in pieces (e.g. from `fs.createReadStream(path).pipe(zlib.createGunzip())`),
 * holding only the unfinished tail of the pieces: a capture never has to be in memory whole.
 * Packets are delivered synchronously from `push` and `end`. Gzip is not undone here; pipe the
 * bytes through `zlib.createGunzip()` first.
 */
export declare class CaptureReader {
    private readonly parser;
    private pending;
    private pendingBytes;
    /** File offset of the first pending byte. */
    private pendingBase;
    private events;
    private ended;
    constructor(onPacket: (p: CapturedPacket) => void, onEvent: EventSink, options?: CaptureReadOptions);
    /**
     * Adds the next piece. Throws `UnsupportedFormat` once the first 4 bytes are not a capture.
     * Keeps no view of `chunk` once it returns (what it still needs is copied), so the caller
     * may read the next piece into the same buffer.
     */
    push(chunk: Uint8Array): void;
    /** Finishes the capture (a cut-off last record is reported) and returns the summary. */
    end(): CaptureSummary;
    private run;
    /**
     * Completes the record that straddles the kept tail and the newest piece from a small joined
     * buffer (the tail plus the few bytes the parser says it needs), so the piece itself is then
     * parsed in place: without this every 1 MiB read block was copied once (3 % of `extract`).
     * Whatever does not fit that pattern is left to the plain path, which concatenates.
     */
    private completeStraddling;
}
