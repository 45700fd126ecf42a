import type { ChunkParseResult, ZeekHeader } from '../ingest/zeek/types.js';
/** Reads exactly `want` bytes at `pos` (short reads retried); fewer only at the end of the file. */
export declare function readFully(fd: number, buf: Uint8Array, want: number, pos: number): number;
/** Whether some line of `bytes` starts with '#'. */
export declare function holdsDirective(bytes: Uint8Array): boolean;
/** Why a range cannot be read as it is (the coordinator frames the run), or 'changed'. */
export type RangeStop = 'directive' | 'long_line' | 'changed';
/**
 * After parsing a range: whether it held a directive line or a line over the limit. In a log
 * whose first column is a time (every Zeek log), a directive line parsed as data always reports
 * something — '#…' is never a time — so the bytes are searched only when the parse reported an
 * event: a clean range costs no extra pass. Other logs are always searched.
 */
export declare function rangeNeedsFraming(header: ZeekHeader | undefined, bytes: Uint8Array, result: ChunkParseResult): RangeStop | undefined;
/** Reads ranges of files into one reused buffer. */
export declare class RangeReader {
    private buffer;
    /**
     * The `length` bytes at `offset` of `path`, valid until the next read; undefined when the
     * file cannot be read there now: shorter than that, not ending a line there, or gone or
     * unreadable (it changed since it was laid out; the framed run reports what became of it).
     */
    read(path: string, offset: number, length: number): Uint8Array | undefined;
}
