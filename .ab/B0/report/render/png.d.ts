/**
 * A minimal PNG codec (RFC 2083 / ISO 15948) for the heatmap images: the encoder writes 8-bit RGB,
 * non-interlaced, one IDAT; the decoder reads back 8-bit RGB and RGBA, which is what the tests and
 * any tool checking our output need. Compression is node:zlib, so there is nothing native to build.
 */
/** The decoder refuses images above this many pixels (3 × 2^27 bytes = 384 MiB of RGB). */
export declare const MAX_DECODE_PIXELS: number;
/** CRC-32 (ISO 3309, the one PNG and gzip use) of bytes[start, end). */
export declare function crc32(bytes: Uint8Array, start?: number, end?: number): number;
export declare const PngFilter: {
    readonly None: 0;
    readonly Sub: 1;
    readonly Up: 2;
    readonly Average: 3;
    readonly Paeth: 4;
};
export interface EncodePngOptions {
    /**
     * zlib level 1–9 for LZ77 deflate (Z_FILTERED). Default: no level, run-length deflate (Z_RLE):
     * filtered heatmap rows are long runs of zeros, which RLE finds at about 4× the speed of level 6
     * for files about 10 % larger. Give a level when size matters more than time.
     */
    readonly level?: number;
}
/**
 * Encodes `width × height` pixels of 8-bit RGB (row-major, 3 bytes per pixel) as a PNG.
 *
 * Filter choice: each row gets Sub or Up. Heatmaps are flat cells several pixels tall and wide,
 * so a row repeating the one above is all zeros under Up (found with one memcmp, and not written
 * at all since the output starts zeroed), a row starting a new band of cells is mostly zeros
 * under Sub, and a row that differs from the one above only where a label is drawn is mostly
 * zeros under Up. Between the two, the row gets the one with the smaller sum of absolute signed
 * differences (libpng's heuristic) estimated on every 7th byte: on our images the files come out
 * within 0.2 % of a full estimate's, for a seventh of its work. Average and Paeth pay off on
 * photographs, not here.
 * Work per differing row: the sampled estimate plus one write pass; then zlib.
 */
export declare function encodePng(rgb: Uint8Array, width: number, height: number, options?: EncodePngOptions): Uint8Array;
export interface DecodedPng {
    readonly width: number;
    readonly height: number;
    /** 3 bytes per pixel, row-major. */
    readonly rgb: Uint8Array;
    /** One byte per pixel, present only if the file had an alpha channel (it is not applied to rgb). */
    readonly alpha?: Uint8Array;
}
/**
 * Decodes an 8-bit RGB or RGBA, non-interlaced PNG (all five filter types). Everything else —
 * palettes, grey, 16-bit, Adam7 — is `UnsupportedFormat`; a damaged file (bad CRC, truncated,
 * bad zlib stream, wrong data length) is `UnreadableInput`. Ancillary chunks are skipped.
 */
export declare function decodePng(bytes: Uint8Array): DecodedPng;
