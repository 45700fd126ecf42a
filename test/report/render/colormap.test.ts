import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLOR_HEX,
  COLOR_LUT,
  colorAt,
  LUT_SIZE,
  lutIndex,
  parseHex,
  rgbToOklab,
  scaleTicks,
  VIRIDIS_ANCHORS,
  valueScale,
} from '../../../src/report/render/colormap.js';

const lightness = (i: number): number =>
  rgbToOklab([COLOR_LUT[i * 3]!, COLOR_LUT[i * 3 + 1]!, COLOR_LUT[i * 3 + 2]!])[0];

describe('colour scale', () => {
  it('starts and ends on viridis and passes through its anchors', () => {
    expect(colorAt(0)).toEqual([0x44, 0x01, 0x54]);
    expect(colorAt(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(COLOR_HEX[0]).toBe('#440154');
    expect(COLOR_HEX[LUT_SIZE - 1]).toBe('#fde725');
    VIRIDIS_ANCHORS.forEach((hex, k) => {
      const want = parseHex(hex);
      const got = colorAt(k / (VIRIDIS_ANCHORS.length - 1));
      // Anchor k sits between two table entries; the nearest one is within a unit or two.
      for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - want[c]!)).toBeLessThanOrEqual(2);
    });
  });

  it('rises in OKLab lightness: monotone up to 8-bit rounding, strictly over any 8 entries', () => {
    const anchorsL = VIRIDIS_ANCHORS.map((h) => rgbToOklab(parseHex(h))[0]);
    for (let k = 1; k < anchorsL.length; k++) expect(anchorsL[k]).toBeGreaterThan(anchorsL[k - 1]!);
    for (let i = 1; i < LUT_SIZE; i++) expect(lightness(i) - lightness(i - 1)).toBeGreaterThan(-0.001);
    for (let i = 8; i < LUT_SIZE; i++) expect(lightness(i)).toBeGreaterThan(lightness(i - 8));
    expect(lightness(LUT_SIZE - 1) - lightness(0)).toBeGreaterThan(0.5);
  });

  it('steps evenly in OKLab between anchors (no sRGB blending bulge)', () => {
    // Within one anchor segment, lightness steps of neighbouring entries agree to rounding error.
    const steps: number[] = [];
    for (let i = 1; i <= 28; i++) steps.push(lightness(i) - lightness(i - 1));
    const mean = steps.reduce((a, b) => a + b, 0) / steps.length;
    for (const s of steps) expect(Math.abs(s - mean)).toBeLessThan(0.0025);
  });

  it('lutIndex clamps and maps NaN to the first entry', () => {
    expect(lutIndex(-1)).toBe(0);
    expect(lutIndex(Number.NaN)).toBe(0);
    expect(lutIndex(2)).toBe(255);
    expect(lutIndex(0.5)).toBe(128);
  });
});

describe('value scales', () => {
  it('linear maps [0, max] onto [0, 1]', () => {
    const s = valueScale('linear', 200);
    expect([s.toT(0), s.toT(50), s.toT(200), s.toT(-3), s.toT(400)]).toEqual([0, 0.25, 1, 0, 1]);
  });

  it('log is log1p: 0 stays 0 and equal ratios of (1 + v) are equal steps', () => {
    const s = valueScale('log', 99);
    expect(s.toT(0)).toBe(0);
    expect(s.toT(9)).toBeCloseTo(0.5, 12);
    expect(s.toT(99)).toBe(1);
  });

  it('a grid without positive values maps everything to 0', () => {
    for (const kind of ['linear', 'log'] as const) {
      for (const max of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(valueScale(kind, max).toT(10)).toBe(0);
      }
    }
  });

  it('fromT inverts toT (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('linear' as const, 'log' as const),
        fc.double({ min: 1, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (kind, max, f) => {
          const s = valueScale(kind, max);
          const v = f * max;
          expect(s.fromT(s.toT(v))).toBeCloseTo(v, Math.max(0, 6 - Math.ceil(Math.log10(max + 1))));
        },
      ),
    );
  });

  it('ticks: 0, round values, the maximum; ascending', () => {
    const lin = scaleTicks(valueScale('linear', 1000)).map((t) => t.value);
    expect(lin).toEqual([0, 200, 400, 600, 800, 1000]);
    const log = scaleTicks(valueScale('log', 5000)).map((t) => t.value);
    expect(log).toEqual([0, 1, 10, 100, 1000, 5000]);
    expect(scaleTicks(valueScale('log', 0))).toEqual([{ value: 0, t: 0 }]);
  });
});
