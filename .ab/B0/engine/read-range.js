/**
 * Actors reading their own input: a byte range of data lines of a plain Zeek TSV log that the
 * coordinator laid out (coordinator/layout.ts) and cut at line starts. One buffer per reader,
 * reused for every range, so reading costs a copy from the page cache and nothing else — no
 * chunk buffer allocated per chunk on the coordinator, transferred, and collected here.
 *
 * What only the framer handles must not be in a range: a directive line of a TSV log (a header
 * change, a concatenated log) or a line longer than `maxLineBytes`. `rangeNeedsFraming` tells, after the
 * parse, whether a range held one; the coordinator then frames the run instead.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { IntegrityCode } from '../ingest/events.js';
const NL = 0x0a;
const HASH = 0x23;
const NL_HASH = Buffer.from('\n#', 'latin1');
/** Reads exactly `want` bytes at `pos` (short reads retried); fewer only at the end of the file. */
export function readFully(fd, buf, want, pos) {
    let got = 0;
    while (got < want) {
        const n = readSync(fd, buf, got, want - got, pos + got);
        if (n === 0)
            break;
        got += n;
    }
    return got;
}
/** Whether some line of `bytes` starts with '#'. */
export function holdsDirective(bytes) {
    if (bytes.length === 0)
        return false;
    return bytes[0] === HASH || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(NL_HASH) >= 0;
}
/**
 * After parsing a range: whether it held a directive line or a line over the limit. In a log
 * whose first column is a time (every Zeek log), a directive line parsed as data always reports
 * something — '#…' is never a time — so the bytes are searched only when the parse reported an
 * event: a clean range costs no extra pass. Other logs are always searched.
 */
export function rangeNeedsFraming(header, bytes, result) {
    if (result.eventCounts[IntegrityCode.LineTooLong] !== undefined)
        return 'long_line';
    // JSON (no header): the framer gives no line a special meaning.
    if (header === undefined)
        return undefined;
    const reported = Object.keys(result.eventCounts).length > 0;
    const timeFirst = header.types[0] === 'time';
    if ((reported || !timeFirst) && holdsDirective(bytes))
        return 'directive';
    return undefined;
}
/** Reads ranges of files into one reused buffer. */
export class RangeReader {
    buffer = new Uint8Array(0);
    /**
     * The `length` bytes at `offset` of `path`, valid until the next read; undefined when the
     * file cannot be read there now: shorter than that, not ending a line there, or gone or
     * unreadable (it changed since it was laid out; the framed run reports what became of it).
     */
    read(path, offset, length) {
        if (this.buffer.length < length)
            this.buffer = new Uint8Array(Math.max(length, 2 * this.buffer.length));
        let fd;
        try {
            fd = openSync(path, 'r');
        }
        catch {
            return undefined;
        }
        try {
            const got = readFully(fd, this.buffer, length, offset);
            if (got < length)
                return undefined;
            const bytes = this.buffer.subarray(0, length);
            // A range ends at a line end; a file rewritten in place may not.
            if (length > 0 && bytes[length - 1] !== NL)
                return undefined;
            return bytes;
        }
        catch {
            return undefined;
        }
        finally {
            closeSync(fd);
        }
    }
}
//# sourceMappingURL=read-range.js.map