import { type RecordRow } from '../../shared/record.js';
import { type TsvPlan } from './plan.js';
/** What a compiled line function needs from the parser. */
export interface LineHost {
    /** Rescans a field generically; the index after its terminator, or ~nextLineStart (dropped). */
    slowField(col: number, s: number): number;
    /** Address flags set on this line (fast paths OR into it; slowField too). */
    lineFlags: number;
    readonly scratchWords: Uint32Array;
}
/**
 * Parses the fields of one line starting at i (the line is known not to be blank) into `row`.
 * Returns the index after the line's '\n', or the complement of the next line's start when the
 * line was dropped (its event already recorded).
 */
export type LineFn = (host: LineHost, b: Uint8Array, i: number, row: RecordRow) => number;
/** An integer as generated source; throws for anything else (only integers are interpolated). */
export declare const int: (n: number) => string;
/**
 * Generated source: a dotted quad at i (c = b[i]) into v, unrolled: 1–3 digits per octet, no
 * leading zero, ≤ 255 — the same words and rejections as parseAddressBytes. Declares v and q;
 * q === 4 when four octets were read, with i and c just after them (the caller checks the
 * terminator).
 */
export declare const DOTTED_QUAD = "\n  let v = 0, q = 0;\n  for (; q < 4; q++) {\n    let d = c - 48;\n    if ((d >>> 0) > 9) break;\n    let o = d;\n    c = b[++i]; d = c - 48;\n    if ((d >>> 0) <= 9) {\n      if (o === 0) break;\n      o = o * 10 + d;\n      c = b[++i]; d = c - 48;\n      if ((d >>> 0) <= 9) { o = o * 10 + d; c = b[++i]; }\n    }\n    if (o > 255) break;\n    v = (v << 8) | o;\n    if (q === 3) { q = 4; break; }\n    if (c !== 46) break;\n    c = b[++i];\n  }";
/**
 * Compiles the column loop of `plan` (fast plans only: a control-byte separator). Returns
 * undefined when code generation is unavailable (e.g. a runtime that forbids `new Function`);
 * the parser then uses its generic loop.
 */
export declare function compileLineFn(plan: TsvPlan): LineFn | undefined;
