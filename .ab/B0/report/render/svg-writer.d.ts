/**
 * The SVG renderers' bulk path. A heatmap SVG is mostly one short, regular element per cell —
 * 288 k of them for 1000 blocks × a day of 5-minute buckets. Building each as a template string
 * and joining costs about 1 µs a cell in V8 (string allocation and flattening); appending the
 * same ASCII bytes to one growable buffer, with the constant pieces encoded once, costs about a
 * tenth of that. Only ASCII goes through here (numbers, fixed markup, `#rrggbb`); labels and
 * titles, which may be any Unicode, stay ordinary strings.
 */
/** A constant piece of markup, encoded once. Must be ASCII. */
export declare function token(s: string): Uint8Array;
export declare class AsciiWriter {
    private buf;
    private len;
    constructor(capacity?: number);
    private reserve;
    bytes(piece: Uint8Array): void;
    /** An integer in decimal (coordinates and sizes are whole pixels). */
    int(n: number): void;
    get length(): number;
    toString(): string;
}
