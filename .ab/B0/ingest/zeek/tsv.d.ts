import type { ChunkContext } from './context.js';
import { type TsvPlan } from './plan.js';
import { type LineHost } from './tsv-compile.js';
export declare class TsvParser implements LineHost {
    private readonly ctx;
    private plan;
    private b;
    /** Where the region's bytes sit in the chunk (the tail scratch is not at 0). */
    private baseOffset;
    private lineNo;
    private lineStart;
    /** Unparsable values of the current line: column, start, end (reported if the line is kept). */
    private readonly pending;
    private pendingCount;
    private tsBad;
    /** dhcp address roles parsed on this line (bit per DhcpRole) and their words. */
    private dhcpMask;
    private readonly dhcpWords;
    /** `uids` of a dhcp line: its first element becomes the uid. */
    private dhcpUidStart;
    private dhcpUidEnd;
    /** Scratch for validating addr columns that are not extracted. */
    readonly scratchWords: Uint32Array<ArrayBuffer>;
    /** OrigSet/RespSet found on the current line (the compiled code and slowField set them). */
    lineFlags: number;
    private lineFn;
    private readonly compiled;
    /** Off in tests that check the compiled column code against the generic path. */
    private readonly compile;
    private tail;
    constructor(ctx: ChunkContext, compile?: boolean);
    /** Parses every line of `bytes` under `plan`; records go to the context's sink. */
    parse(bytes: Uint8Array, plan: TsvPlan): void;
    private lineFnOf;
    /** Lines of a chunk that has no header in force: each is reported and dropped. */
    parseHeaderless(bytes: Uint8Array): void;
    /** Reports every non-blank line of `bytes` with `code` and drops it. */
    private eachLine;
    private region;
    /**
     * Rescans the field at `s` generically: returns the index after its terminator, or the bitwise
     * complement of the next line's start when the line is dropped (an event was recorded).
     */
    slowField(col: number, s: number): number;
    /** Applies the value b[s,e) of column `col` (markers mean unset). */
    private value;
    private validContainer;
    private validElement;
    private addPending;
    private reportPending;
    /** Fills orig/resp from dhcp roles when the id.* columns gave none; returns flags to add. */
    private resolveDhcp;
    private dropGarbage;
    /** `fields` = count seen when the line ended early, or -1 when it has too many. */
    private dropFieldCount;
}
