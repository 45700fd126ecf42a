import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, decodePng, encodePng, PngFilter } from '../../../src/report/render/png.js';
import { ErrorCode, NetscryError } from '../../../src/shared/errors.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function ihdr(width: number, height: number, depth = 8, colourType = 2, interlace = 0): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  d[8] = depth;
  d[9] = colourType;
  d[12] = interlace;
  return chunk('IHDR', d);
}

/**
 * An independent forward filter (RFC 2083 §6), so the decoder is checked against the spec rather
 * than against our own encoder: each row uses the filter type given for it.
 */
function filterRows(
  pixels: Uint8Array,
  stride: number,
  height: number,
  bpp: number,
  filters: number[],
): Uint8Array {
  const out = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length]!;
    out[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = pixels[y * stride + i]!;
      const a = i >= bpp ? pixels[y * stride + i - bpp]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= bpp ? pixels[(y - 1) * stride + i - bpp]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][f]!;
      out[y * (stride + 1) + 1 + i] = (x - predictor) & 0xff;
    }
  }
  return out;
}

function buildPng(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: 3 | 4,
  filters: number[],
  idatParts = 1,
): Uint8Array {
  const filtered = filterRows(pixels, width * channels, height, channels, filters);
  const z = deflateSync(filtered);
  const step = Math.ceil(z.length / idatParts);
  const idats: Uint8Array[] = [];
  for (let at = 0; at < z.length; at += step) idats.push(chunk('IDAT', z.subarray(at, at + step)));
  return concat([
    Uint8Array.from(SIGNATURE),
    ihdr(width, height, 8, channels === 4 ? 6 : 2),
    chunk('tEXt', new TextEncoder().encode('Software\0a test')),
    ...idats,
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function expectError(f: () => unknown, code: ErrorCode): void {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(NetscryError);
    expect((err as NetscryError).code).toBe(code);
    return;
  }
  throw new Error('expected an error');
}

const sizes = fc.tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }));

describe('encodePng / decodePng', () => {
  it('CRC-32 is the ISO 3309 one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('round-trips random RGB images', () => {
    fc.assert(
      fc.property(
        sizes.chain(([w, h]) =>
          fc.tuple(
            fc.constant(w),
            fc.constant(h),
            fc.uint8Array({ minLength: w * h * 3, maxLength: w * h * 3 }),
          ),
        ),
        ([w, h, rgb]) => {
          const back = decodePng(encodePng(rgb, w, h));
          expect(back.width).toBe(w);
          expect(back.height).toBe(h);
          expect(back.alpha).toBeUndefined();
          expect(Buffer.from(back.rgb).equals(Buffer.from(rgb))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('round-trips blocky images (repeated rows and runs: the Up and Sub paths) at any zlib level', () => {
    fc.assert(
      fc.property(
        sizes,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)), { minLength: 1, maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        ([w, h], block, palette, level) => {
          const rgb = new Uint8Array(w * h * 3);
          for (let y = 0; y < h; y++) {
            for (let x = 0; x < w; x++) {
              const c = palette[(Math.floor(x / block) + 3 * Math.floor(y / block)) % palette.length]!;
              rgb.set(c, (y * w + x) * 3);
            }
          }
          const png = level === undefined ? encodePng(rgb, w, h) : encodePng(rgb, w, h, { level });
          expect(Buffer.from(decodePng(png).rgb).equals(Buffer.from(rgb))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('writes signature, IHDR (8-bit truecolour, no interlace), IDAT, IEND', () => {
    const png = encodePng(new Uint8Array(2 * 3 * 3), 2, 3);
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(8)).toBe(13);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    expect([view.getUint32(16), view.getUint32(20), ...png.subarray(24, 29)]).toEqual([2, 3, 8, 2, 0, 0, 0]);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('IDAT');
    expect(String.fromCharCode(...png.subarray(png.length - 8, png.length - 4))).toBe('IEND');
  });

  it('decodes all five filter types, RGB and RGBA, split IDATs, ancillary chunks skipped', () => {
    fc.assert(
      fc.property(
        sizes.chain(([w, h]) =>
          fc.tuple(
            fc.constant(w),
            fc.constant(h),
            fc.constantFrom<3 | 4>(3, 4),
            fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
            fc.integer({ min: 1, max: 3 }),
            fc.uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 }),
          ),
        ),
        ([w, h, channels, filters, parts, bytes]) => {
          const pixels = bytes.subarray(0, w * h * channels);
          const back = decodePng(buildPng(pixels, w, h, channels, filters, parts));
          for (let p = 0; p < w * h; p++) {
            expect([...back.rgb.subarray(p * 3, p * 3 + 3)]).toEqual([
              ...pixels.subarray(p * channels, p * channels + 3),
            ]);
            if (channels === 4) expect(back.alpha![p]).toBe(pixels[p * 4 + 3]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects what it does not support with UnsupportedFormat', () => {
    const idat = chunk('IDAT', deflateSync(new Uint8Array(4)));
    const end = chunk('IEND', new Uint8Array(0));
    const sig = Uint8Array.from(SIGNATURE);
    expectError(() => decodePng(new TextEncoder().encode('GIF89a not a png')), ErrorCode.UnsupportedFormat);
    expectError(() => decodePng(concat([sig, ihdr(1, 1, 8, 3), idat, end])), ErrorCode.UnsupportedFormat); // palette
    expectError(() => decodePng(concat([sig, ihdr(1, 1, 16, 2), idat, end])), ErrorCode.UnsupportedFormat); // 16-bit
    expectError(() => decodePng(concat([sig, ihdr(1, 1, 8, 0), idat, end])), ErrorCode.UnsupportedFormat); // grey
    expectError(() => decodePng(concat([sig, ihdr(1, 1, 8, 2, 1), idat, end])), ErrorCode.UnsupportedFormat); // Adam7
    expectError(
      () => decodePng(concat([sig, ihdr(1, 1), chunk('ZZZZ', new Uint8Array(1)), idat, end])),
      ErrorCode.UnsupportedFormat,
    );
  });

  it('rejects damaged files with UnreadableInput', () => {
    const good = encodePng(Uint8Array.of(1, 2, 3, 4, 5, 6), 2, 1);
    const flipped = good.slice();
    flipped[30] = flipped[30]! ^ 0xff; // inside IHDR: CRC mismatch
    expectError(() => decodePng(flipped), ErrorCode.UnreadableInput);
    expectError(() => decodePng(good.subarray(0, good.length - 6)), ErrorCode.UnreadableInput); // truncated
    const sig = Uint8Array.from(SIGNATURE);
    const end = chunk('IEND', new Uint8Array(0));
    expectError(() => decodePng(concat([sig, ihdr(1, 1), end])), ErrorCode.UnreadableInput); // no IDAT
    expectError(
      () => decodePng(concat([sig, chunk('IDAT', new Uint8Array(1)), end])),
      ErrorCode.UnreadableInput,
    );
    const badFilter = chunk('IDAT', deflateSync(Uint8Array.of(5, 0, 0, 0)));
    expectError(() => decodePng(concat([sig, ihdr(1, 1), badFilter, end])), ErrorCode.UnreadableInput);
    const tooLong = chunk('IDAT', deflateSync(new Uint8Array(9)));
    expectError(() => decodePng(concat([sig, ihdr(1, 1), tooLong, end])), ErrorCode.UnreadableInput);
    const tooShort = chunk('IDAT', deflateSync(new Uint8Array(2)));
    expectError(() => decodePng(concat([sig, ihdr(1, 1), tooShort, end])), ErrorCode.UnreadableInput);
    const notZlib = chunk('IDAT', Uint8Array.of(1, 2, 3));
    expectError(() => decodePng(concat([sig, ihdr(1, 1), notZlib, end])), ErrorCode.UnreadableInput);
  });

  it('refuses wrong buffer sizes when encoding', () => {
    expectError(() => encodePng(new Uint8Array(5), 1, 2), ErrorCode.Internal);
    expectError(() => encodePng(new Uint8Array(0), 0, 0), ErrorCode.Internal);
    expectError(() => encodePng(new Uint8Array(3), 1, 1, { level: 12 }), ErrorCode.InvalidOption);
    expect(PngFilter.Paeth).toBe(4);
  });
});

/**
 * PNGs written by another encoder: the two icons istanbul-reports ships (a dev dependency through
 * @vitest/coverage-v8, BSD-3-Clause), one RGB with Sub/Up/Paeth rows, one RGBA. The expected
 * pixel hashes were computed by a separate Python decoder (zlib + the RFC's unfilter).
 */
describe('decodePng on files from another encoder', () => {
  let assets: string | undefined;
  try {
    assets = join(
      dirname(createRequire(import.meta.url).resolve('istanbul-reports/package.json')),
      'lib/html/assets',
    );
  } catch {
    assets = undefined;
  }
  const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

  it.skipIf(!assets || !existsSync(join(assets, 'favicon.png')))(
    'istanbul favicon.png (RGB, filters 1, 2, 4)',
    () => {
      const png = decodePng(readFileSync(join(assets!, 'favicon.png')));
      expect([png.width, png.height]).toEqual([16, 16]);
      expect(sha256(png.rgb)).toBe('d1a5c0064156ceac9576f2e95de7acd14952bf59f18dcf51156fc036cc16e621');
      expect([...png.rgb.subarray(0, 3)]).toEqual([248, 222, 15]);
    },
  );

  it.skipIf(!assets || !existsSync(join(assets, 'sort-arrow-sprite.png')))(
    'istanbul sort-arrow-sprite.png (RGBA)',
    () => {
      const png = decodePng(readFileSync(join(assets!, 'sort-arrow-sprite.png')));
      expect([png.width, png.height]).toEqual([7, 27]);
      expect(sha256(png.rgb)).toBe('1fc240801707432eedb60b4f0400c2219c859213326b3e9e4b72393660548e6d');
      expect(sha256(png.alpha!)).toBe('b8e0a3b2229ab362140c0d74539e8bb885b79e8ccaa55d66f02516ca7c057e1c');
    },
  );
});
