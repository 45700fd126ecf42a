import { type BatchView } from '../shared/record.js';
export declare class FieldReader {
    readonly names: readonly string[];
    /** Scalar value of each wanted field for the record last read. */
    private readonly texts;
    private readonly lists;
    /** Per schema of the current view: column of each wanted field (-1 absent) and which are containers. */
    private columns;
    private lastView;
    /** The names as UTF-8 bytes: JSON keys are matched without decoding them. */
    private readonly nameBytes;
    constructor(names: readonly string[]);
    /**
     * Reads the wanted fields of record i. False when the record has no raw line or no schema
     * (conn records, packets) — then every field is undefined.
     */
    read(view: BatchView, i: number): boolean;
    /** Scalar field k (index into `names`) of the record last read. */
    text(k: number): string | undefined;
    /** Container field k as its elements (a scalar as a one-element list). */
    list(k: number): readonly string[] | undefined;
    /** Field k as a number; NaN when unset or not numeric. */
    number(k: number): number;
    /** Field k as a boolean (Zeek `T`/`F`, JSON true/false); undefined when unset. */
    bool(k: number): boolean | undefined;
    private layoutOf;
    /** readTsv through the shared column table (`columnEnds`): same values. */
    private readTsvCached;
    private readTsv;
    private setTsv;
    /**
     * A JSON line's wanted keys, read in place: one pass over the line, the wanted values
     * decoded (ASCII strings through the intern cache), everything else skipped. What it does
     * not handle — an escaped key, a nested array or object as a wanted value, a line that is
     * not a flat object — it leaves to `readJsonParsed` (JSON.parse), whose values it matches:
     * strings unescaped, numbers in JavaScript's own notation (`String(Number(text))`), true and
     * false as words, null as unset, arrays as lists of those, the last of a repeated key.
     */
    private readJson;
    /** `readJson` in place; false when the line needs JSON.parse (the values are then partial). */
    private readJsonBytes;
    /** Set by `jsonScalar`: the value's text, undefined for null. */
    private scalarText;
    /**
     * The string, number or literal at i as JSON.parse and String would give it, into
     * `scalarText`; the index after it, or -1 for anything else (a nested value, bad bytes).
     */
    private jsonScalar;
    private readJsonParsed;
}
