import { describe, expect, it } from 'vitest';
import { HOLT_EMPTY, holtForecast, holtStep, mad, median, robustZ } from '../../src/detect/forecast.js';

describe('robust statistics', () => {
  it('median and MAD of odd, even and empty series', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    // deviations from 3: 2 1 0 1 97 → median 1
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([])).toBeNaN();
  });

  it('robust z divides by 1.4826·MAD, floored at minScale', () => {
    const r = robustZ(10, [1, 2, 3, 4, 100], 0.1);
    expect(r.median).toBe(3);
    expect(r.mad).toBe(1);
    expect(r.z).toBeCloseTo(7 / 1.4826, 6);
    // A flat history: MAD 0, the floor decides.
    const flat = robustZ(15, [5, 5, 5, 5], 2);
    expect(flat.scale).toBe(2);
    expect(flat.z).toBe(5);
    expect(robustZ(3, [], 1)).toEqual({ median: 0, mad: 0, scale: 1, z: 0 });
  });
});

describe('Holt double exponential smoothing', () => {
  it('matches hand-computed values (α = β = 0.5)', () => {
    // y = 10: ℓ 10, b 0. y = 12: ŷ 10, e 2, ℓ 11, b 0.5. y = 14: ŷ 11.5, e 2.5, ℓ 12.75, b 1.125.
    let s = holtStep(HOLT_EMPTY, 10, 0.5, 0.5);
    expect(s).toEqual({ n: 1, level: 10, trend: 0, sse: 0 });
    s = holtStep(s, 12, 0.5, 0.5);
    expect(s).toEqual({ n: 2, level: 11, trend: 0.5, sse: 4 });
    s = holtStep(s, 14, 0.5, 0.5);
    expect(s.level).toBeCloseTo(12.75, 12);
    expect(s.trend).toBeCloseTo(1.125, 12);
    expect(s.sse).toBeCloseTo(10.25, 12);
    const f = holtForecast([10, 12, 14], 0.5, 0.5);
    expect(f.forecast).toBeCloseTo(13.875, 12);
    expect(f.rmse).toBeCloseTo(Math.sqrt(10.25 / 2), 12);
    expect(f.band).toBeCloseTo(1.96 * Math.sqrt(10.25 / 2), 12);
  });

  it("matches hand-computed values with ntopng's α = 0.9, β = 0.035, skipping gaps", () => {
    // 100 100 100 then 200: ŷ 100, e 100, ℓ = 0.9·200 + 0.1·100 = 190, b = 0.035·90 = 3.15.
    const f = holtForecast([100, Number.NaN, 100, 100, 200], 0.9, 0.035);
    expect(f.n).toBe(4);
    expect(f.forecast).toBeCloseTo(193.15, 10);
    expect(f.rmse).toBeCloseTo(Math.sqrt(10_000 / 3), 10);
    expect(f.band).toBeCloseTo(1.96 * Math.sqrt(10_000 / 3), 10);
  });

  it('follows a linear trend without error and has no band on one value', () => {
    const f = holtForecast([0, 10, 20, 30, 40], 0.9, 0.035);
    expect(f.forecast).toBeGreaterThan(40);
    expect(holtForecast([7], 0.9, 0.035)).toEqual({ n: 1, forecast: 7, rmse: 0, band: 0 });
    expect(holtForecast([], 0.9, 0.035).n).toBe(0);
  });
});
