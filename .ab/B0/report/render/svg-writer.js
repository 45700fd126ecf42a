/**
 * The SVG renderers' bulk path. A heatmap SVG is mostly one short, regular element per cell —
 * 288 k of them for 1000 blocks × a day of 5-minute buckets. Building each as a template string
 * and joining costs about 1 µs a cell in V8 (string allocation and flattening); appending the
 * same ASCII bytes to one growable buffer, with the constant pieces encoded once, costs about a
 * tenth of that. Only ASCII goes through here (numbers, fixed markup, `#rrggbb`); labels and
 * titles, which may be any Unicode, stay ordinary strings.
 */
/** A constant piece of markup, encoded once. Must be ASCII. */
export function token(s) {
    return Buffer.from(s, 'latin1');
}
export class AsciiWriter {
    buf;
    len = 0;
    constructor(capacity = 1 << 16) {
        this.buf = new Uint8Array(Math.max(64, capacity));
    }
    reserve(n) {
        if (this.len + n <= this.buf.length)
            return;
        const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
        next.set(this.buf.subarray(0, this.len));
        this.buf = next;
    }
    bytes(piece) {
        this.reserve(piece.length);
        const buf = this.buf;
        let at = this.len;
        // Pieces are a few bytes: a loop beats TypedArray.set's call overhead.
        for (let i = 0; i < piece.length; i++)
            buf[at++] = piece[i];
        this.len = at;
    }
    /** An integer in decimal (coordinates and sizes are whole pixels). */
    int(n) {
        this.reserve(24);
        if (n < 0) {
            this.buf[this.len++] = 0x2d; // '-'
            n = -n;
        }
        let digits = 1;
        for (let p = 10; p <= n; p *= 10)
            digits++;
        let at = this.len + digits;
        this.len = at;
        do {
            this.buf[--at] = 0x30 + (n % 10);
            n = Math.floor(n / 10);
        } while (n > 0);
    }
    get length() {
        return this.len;
    }
    toString() {
        return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.len).toString('latin1');
    }
}
//# sourceMappingURL=svg-writer.js.map