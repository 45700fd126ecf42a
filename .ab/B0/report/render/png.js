/**
 * A minimal PNG codec (RFC 2083 / ISO 15948) for the heatmap images: the encoder writes 8-bit RGB,
 * non-interlaced, one IDAT; the decoder reads back 8-bit RGB and RGBA, which is what the tests and
 * any tool checking our output need. Compression is node:zlib, so there is nothing native to build.
 */
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { ErrorCode, NetscryError } from '../../shared/errors.js';
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** The decoder refuses images above this many pixels (3 × 2^27 bytes = 384 MiB of RGB). */
export const MAX_DECODE_PIXELS = 2 ** 27;
const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();
/** CRC-32 (ISO 3309, the one PNG and gzip use) of bytes[start, end). */
export function crc32(bytes, start = 0, end = bytes.length) {
    let c = 0xffffffff;
    for (let i = start; i < end; i++)
        c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}
export const PngFilter = { None: 0, Sub: 1, Up: 2, Average: 3, Paeth: 4 };
/** Bytes between the samples of the filter-choice estimate; 7 is coprime with 3, so all channels are seen. */
const COST_SAMPLE_STEP = 7;
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
export function encodePng(rgb, width, height, options = {}) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
        throw new NetscryError(ErrorCode.Internal, `PNG size ${width}×${height} is not a positive integer size`);
    }
    const stride = width * 3;
    if (rgb.length !== stride * height) {
        throw new NetscryError(ErrorCode.Internal, `PNG pixel buffer has ${rgb.length} bytes, not ${stride * height}`, { width, height });
    }
    const level = options.level;
    if (level !== undefined && (!Number.isInteger(level) || level < 1 || level > 9)) {
        throw new NetscryError(ErrorCode.InvalidOption, `PNG zlib level must be 1–9, not ${level}`);
    }
    const src = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
    const raw = Buffer.alloc((stride + 1) * height);
    for (let y = 0; y < height; y++) {
        const row = y * stride;
        const prev = row - stride;
        const out = y * (stride + 1) + 1;
        if (y > 0 && src.compare(src, prev, row, row, row + stride) === 0) {
            raw[out - 1] = PngFilter.Up;
            continue;
        }
        let costSub = 0;
        let costUp = 0;
        if (y > 0) {
            for (let i = 3; i < stride; i += COST_SAMPLE_STEP) {
                const v = src[row + i];
                const sub = (v - src[row + i - 3]) & 0xff;
                const up = (v - src[prev + i]) & 0xff;
                costSub += sub < 128 ? sub : 256 - sub;
                costUp += up < 128 ? up : 256 - up;
            }
        }
        if (y > 0 && costUp < costSub) {
            raw[out - 1] = PngFilter.Up;
            for (let i = 0; i < stride; i++)
                raw[out + i] = src[row + i] - src[prev + i];
        }
        else {
            raw[out - 1] = PngFilter.Sub;
            raw[out] = src[row];
            raw[out + 1] = src[row + 1];
            raw[out + 2] = src[row + 2];
            for (let i = 3; i < stride; i++)
                raw[out + i] = src[row + i] - src[row + i - 3];
        }
    }
    const idat = level === undefined
        ? deflateSync(raw, { strategy: constants.Z_RLE })
        : deflateSync(raw, { level, strategy: constants.Z_FILTERED });
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: truecolour
    // compression 0 (deflate), filter method 0 (adaptive), interlace 0 (none): already zero.
    const png = new Uint8Array(SIGNATURE.length + 3 * 12 + ihdr.length + idat.length);
    png.set(SIGNATURE, 0);
    let at = SIGNATURE.length;
    at = writeChunk(png, at, 'IHDR', ihdr);
    at = writeChunk(png, at, 'IDAT', idat);
    writeChunk(png, at, 'IEND', new Uint8Array(0));
    return png;
}
function writeChunk(png, at, type, data) {
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    view.setUint32(at, data.length);
    for (let i = 0; i < 4; i++)
        png[at + 4 + i] = type.charCodeAt(i);
    png.set(data, at + 8);
    view.setUint32(at + 8 + data.length, crc32(png, at + 4, at + 8 + data.length));
    return at + 12 + data.length;
}
function corrupt(message, detail) {
    return new NetscryError(ErrorCode.UnreadableInput, `PNG is corrupt: ${message}`, detail);
}
function unsupported(message, detail) {
    return new NetscryError(ErrorCode.UnsupportedFormat, `PNG not supported: ${message}`, detail);
}
/**
 * Decodes an 8-bit RGB or RGBA, non-interlaced PNG (all five filter types). Everything else —
 * palettes, grey, 16-bit, Adam7 — is `UnsupportedFormat`; a damaged file (bad CRC, truncated,
 * bad zlib stream, wrong data length) is `UnreadableInput`. Ancillary chunks are skipped.
 */
export function decodePng(bytes) {
    if (bytes.length < SIGNATURE.length || SIGNATURE.some((b, i) => bytes[i] !== b)) {
        throw unsupported('no PNG signature');
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = SIGNATURE.length;
    let width = 0;
    let height = 0;
    let channels = 0;
    const idat = [];
    let ended = false;
    while (!ended) {
        if (at + 12 > bytes.length)
            throw corrupt('file ends inside a chunk header', { offset: at });
        const length = view.getUint32(at);
        const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
        const dataEnd = at + 8 + length;
        if (length > 0x7fffffff || dataEnd + 4 > bytes.length) {
            throw corrupt(`${type} chunk runs past the end of the file`, { offset: at });
        }
        if (crc32(bytes, at + 4, dataEnd) !== view.getUint32(dataEnd)) {
            throw corrupt(`${type} chunk fails its CRC`, { offset: at });
        }
        const data = bytes.subarray(at + 8, dataEnd);
        if (at === SIGNATURE.length && type !== 'IHDR')
            throw corrupt('first chunk is not IHDR');
        switch (type) {
            case 'IHDR': {
                if (length !== 13 || width !== 0)
                    throw corrupt('bad or repeated IHDR');
                width = view.getUint32(at + 8);
                height = view.getUint32(at + 12);
                const [depth, colourType, compression, filter, interlace] = data.subarray(8);
                if (width === 0 || height === 0)
                    throw corrupt('zero width or height');
                if (compression !== 0 || filter !== 0)
                    throw corrupt('unknown compression or filter method');
                if (depth !== 8 || (colourType !== 2 && colourType !== 6)) {
                    throw unsupported(`bit depth ${depth}, colour type ${colourType} (only 8-bit RGB and RGBA)`, {
                        depth,
                        colourType,
                    });
                }
                if (interlace !== 0)
                    throw unsupported('interlaced (Adam7)');
                if (width * height > MAX_DECODE_PIXELS)
                    throw unsupported(`${width}×${height} is too large`);
                channels = colourType === 6 ? 4 : 3;
                break;
            }
            case 'IDAT':
                idat.push(data);
                break;
            case 'IEND':
                ended = true;
                break;
            case 'PLTE': // a suggested palette for truecolour images: harmless, unused
                break;
            default:
                // Bit 5 of the first byte set = ancillary (lower case): safe to skip. Critical otherwise.
                if ((bytes[at + 4] & 0x20) === 0)
                    throw unsupported(`critical chunk ${type}`);
        }
        at = dataEnd + 4;
    }
    if (idat.length === 0)
        throw corrupt('no IDAT chunk');
    const stride = width * channels;
    const expected = (stride + 1) * height;
    let raw;
    try {
        raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
    }
    catch (err) {
        throw corrupt(`image data does not inflate: ${err.message}`);
    }
    if (raw.length !== expected)
        throw corrupt(`image data has ${raw.length} bytes, expected ${expected}`);
    const pixels = unfilter(raw, stride, height, channels);
    const rgb = new Uint8Array(width * height * 3);
    if (channels === 3) {
        rgb.set(pixels);
        return { width, height, rgb };
    }
    const alpha = new Uint8Array(width * height);
    for (let p = 0, q = 0; p < alpha.length; p++, q += 4) {
        rgb[p * 3] = pixels[q];
        rgb[p * 3 + 1] = pixels[q + 1];
        rgb[p * 3 + 2] = pixels[q + 2];
        alpha[p] = pixels[q + 3];
    }
    return { width, height, rgb, alpha };
}
/** Reverses the per-row filters (RFC 2083 §6) into a new stride × height buffer. */
function unfilter(raw, stride, height, bpp) {
    const out = new Uint8Array(stride * height);
    for (let y = 0; y < height; y++) {
        const type = raw[y * (stride + 1)];
        const src = y * (stride + 1) + 1;
        const row = y * stride;
        const prev = row - stride; // only read when y > 0
        for (let i = 0; i < stride; i++) {
            const a = i >= bpp ? out[row + i - bpp] : 0;
            const b = y > 0 ? out[prev + i] : 0;
            let v = raw[src + i];
            switch (type) {
                case PngFilter.None:
                    break;
                case PngFilter.Sub:
                    v += a;
                    break;
                case PngFilter.Up:
                    v += b;
                    break;
                case PngFilter.Average:
                    v += (a + b) >> 1;
                    break;
                case PngFilter.Paeth: {
                    const c = y > 0 && i >= bpp ? out[prev + i - bpp] : 0;
                    v += paeth(a, b, c);
                    break;
                }
                default:
                    throw corrupt(`row ${y} has filter type ${type}`, { row: y });
            }
            out[row + i] = v; // Uint8Array stores modulo 256
        }
    }
    return out;
}
function paeth(a, b, c) {
    const p = a + b - c;
    const pa = Math.abs(p - a);
    const pb = Math.abs(p - b);
    const pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}
//# sourceMappingURL=png.js.map