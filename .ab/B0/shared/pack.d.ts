export declare function packState(value: unknown): Uint8Array;
export declare function unpackState(bytes: Uint8Array): unknown;
/**
 * Packs each value on its own and frames the results in one buffer: a header (the number of
 * pieces, then each one's length, uint32 little-endian) and the pieces back to back. For a
 * large state given as many parts (an actor's checkpoint, `ShardHost.snapshotPieces`):
 * msgpackr's buffer only grows to the largest part, and each part's source can be dropped
 * once it is packed.
 */
export declare function packPieces(values: Iterable<unknown>): Uint8Array;
export declare function unpackPieces(bytes: Uint8Array): unknown[];
/** The header of a framed list of byte strings (see `packPieces`). */
export declare function framingHeader(pieces: readonly Uint8Array[]): Uint8Array;
/**
 * The byte strings of a framed list, as views into `bytes`. The list was framed by this
 * process or its workers in the same run (a checkpoint), so its lengths are trusted.
 */
export declare function unframe(bytes: Uint8Array): Uint8Array[];
