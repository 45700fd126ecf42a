/**
 * The contract between the coordinator's file sources and the Zeek parsers.
 *
 * The coordinator (main thread) only *frames*: it cuts the decompressed byte stream into chunks
 * of whole lines and tracks `#` directives with `ZeekFramer` (a native `indexOf` search, no
 * per-byte JS work) — or, for a plain log, only cuts its data into byte ranges at line starts
 * that the actors read themselves (`rangeLength`). Actors *parse*: `parseZeekChunk` turns a
 * chunk's data lines into rows.
 * Line numbers inside a chunk are relative (1 = the chunk's first line): only the coordinator
 * knows how many lines came before, and it turns them into file line numbers when reporting.
 */
export {};
//# sourceMappingURL=types.js.map