import type { ZeekLogSchema } from './zeek-schema.js';
export declare const TAB = 9;
export declare const NL = 10;
export declare const DASH = 45;
/** Non-negative integer below 2^53. */
export declare function putUint(b: Buffer, p: number, n: number): number;
/** Integer microseconds as Zeek prints `time`/`interval`: seconds with six decimals. */
export declare function putMicros(b: Buffer, p: number, us: number): number;
export declare function putBytes(b: Buffer, p: number, u: Buffer): number;
/** ASCII text (callers only pass ASCII: names, domains, fixed tokens). */
export declare function putAscii(b: Buffer, p: number, s: string): number;
export declare function putBool(b: Buffer, p: number, v: boolean): number;
export declare class SliceLines {
    bytes: Buffer;
    pos: number;
    count: number;
    private keys;
    private starts;
    private baseUs;
    reset(baseUs: number): void;
    /**
     * Starts a line whose `ts` is `tsUs` (integer microseconds); the caller then writes from
     * `pos` into `bytes` (at most LINE_RESERVE bytes, ending in a newline) and stores the new `pos`.
     */
    begin(tsUs: number): void;
    /**
     * Sorts the slice and hands each line before `cutUs` to `sink`; later lines go to `carry`.
     * Lines that were emitted back to back and stay adjacent after sorting go out as one copy.
     */
    drain(cutUs: number, sink: LogFile, carry: SliceLines): void;
    /**
     * Removes the line begun last (fully written) and returns a copy of its bytes. Used for conn
     * lines that end too far ahead for this slice's keys: its key was computed but is never read.
     */
    takeLast(): Buffer;
    /** Appends a finished line (its bytes, newline included) keyed by `tsUs`. */
    push(tsUs: number, line: Buffer): void;
    private copyLine;
}
/**
 * Lines held back because they are due far in the future: conn lines of long connections,
 * which Zeek writes when the connection ends, minutes to hours after it started. Keying them
 * in a slice would overflow the slice's 2^53 key space and carrying them would copy them
 * every slice, so they wait here as their own small buffers in a binary min-heap on
 * (due time, sequence number); the sequence number is the emission order, which keeps equal
 * due times in a fixed order. Costs one allocation and O(log held) per held line; only a small
 * share of connections outlive a slice or two (≈ 0.2 % of a benign day, ≤ 50 held at once for
 * 200 hosts), so the heap stays small and memory is bounded by the connections open at once.
 */
export declare class HeldLines {
    private due;
    private seq;
    private lines;
    get size(): number;
    hold(dueUs: number, seq: number, line: Buffer): void;
    /** Moves every line due before `cutUs` into `into`, earliest first (keyed by its due time). */
    release(cutUs: number, into: SliceLines): void;
    /** Writes every held line to `sink`, earliest first, and empties the heap. */
    flush(sink: LogFile): void;
    private pop;
}
/**
 * A Zeek TSV file written through two alternating buffers: one fills while the other is on its
 * way to disk, so formatting overlaps I/O and at most two slices of bytes are held.
 */
export declare class LogFile {
    private readonly fh;
    readonly path: string;
    lines: number;
    bytes: number;
    private buf;
    private spare;
    private len;
    private inflight;
    private constructor();
    static create(path: string, schema: ZeekLogSchema, openEpochSeconds: number): Promise<LogFile>;
    /** Bytes appended and not yet handed to a write. */
    get buffered(): number;
    /** Appends `lines` whole record lines (newlines included). */
    append(src: Buffer, start: number, stop: number, lines: number): void;
    /** Starts writing what was appended; resolves once the previous write has finished. */
    flush(): Promise<void>;
    close(closeEpochSeconds: number): Promise<void>;
    /** Closes the file without the `#close` trailer (the run failed; the file is incomplete). */
    abort(): Promise<void>;
    private appendText;
    private put;
    private grow;
    private writeAll;
}
