import { type RecordRow } from '../../shared/record.js';
/** What a compiled line function calls back into and reports through. */
export interface JsonLineHost {
    /** Validates and skips the array or object at i; the index after it, or -1. */
    skipNested(i: number): number;
    /** Keys of the order the line held: bit k of lo (k < 32), bit k − 32 of hi. */
    maskLo: number;
    maskHi: number;
}
/** Keys a compiled order may hold (two 32-bit masks). */
export declare const MAX_COMPILED_KEYS = 64;
/**
 * Parses the line at i (known to start at its first byte) into `row` (reset by the caller).
 * Returns the index of the line's '\n' (and sets the host's masks), or -1 when the line is not
 * one the function accepts.
 */
export type JsonLineFn = (host: JsonLineHost, b: Uint8Array, dv: DataView<ArrayBufferLike>, i: number, row: RecordRow) => number;
/** JSON value kinds, as json.ts's scan records them and a compiled key expects them. */
export declare const ValueKind: {
    readonly Str: 1;
    readonly Num: 2;
    readonly True: 3;
    readonly False: 4;
    readonly Null: 5;
    readonly Arr: 6;
    readonly Obj: 7;
};
/** One key of a shape: its bytes, what the plan does with it, and the kind of its value. */
export interface ShapeKey {
    readonly key: Uint8Array;
    readonly act: number;
    readonly aux: number;
    readonly kind: number;
    /** A string value the line must hold exactly (the `_path` a plan was chosen by). */
    readonly literal?: Uint8Array;
}
/**
 * Compiles the line function of a key order: each key optional, in this order, with the kind
 * its value must have. Undefined when a key's value would need the generic path every time (a
 * kind the plan reports as unparsable, a null), for more than MAX_COMPILED_KEYS keys, or when
 * code generation is unavailable.
 */
export declare function compileJsonLine(keys: readonly ShapeKey[]): JsonLineFn | undefined;
/**
 * The key order that holds both orders a and b (key ids), each in its own order — the union
 * of two shapes of one log — or undefined when they order two keys differently. Shortest:
 * their longest common subsequence once.
 */
export declare function mergeKeyOrders(a: ArrayLike<number>, b: ArrayLike<number>): number[] | undefined;
