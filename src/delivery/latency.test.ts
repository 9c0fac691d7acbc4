import { describe, expect, it } from 'vitest';
import { createLatencyHistogram } from './latency.js';

describe('createLatencyHistogram', () => {
  it('gives percentiles within 2 % of the exact values', () => {
    const histogram = createLatencyHistogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 0.05 + (i % 997) * 1.7 + (i % 13) * 0.01);
    for (const value of values) histogram.record(value);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [50, 90, 99]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1] ?? 0;
      expect(Math.abs((histogram.percentile(p) ?? 0) - exact) / exact).toBeLessThan(0.02);
    }
  });

  it('keeps min, max and mean exact', () => {
    const histogram = createLatencyHistogram();
    for (const value of [3.25, 1000.5, 0.125, 42]) histogram.record(value);
    expect(histogram.summary()).toMatchObject({
      count: 4,
      min: 0.125,
      max: 1000.5,
      mean: (3.25 + 1000.5 + 0.125 + 42) / 4,
    });
  });

  it('returns null figures when nothing was recorded', () => {
    expect(createLatencyHistogram().summary()).toEqual({
      count: 0,
      min: null,
      mean: null,
      p50: null,
      p90: null,
      p99: null,
      max: null,
    });
  });

  it('handles hours-long values and negative ones without growing', () => {
    const histogram = createLatencyHistogram();
    histogram.record(72 * 3_600_000);
    histogram.record(-5);
    expect(histogram.percentile(100)).toBe(72 * 3_600_000);
    expect(histogram.percentile(0)).toBe(0);
    expect(Math.abs((histogram.percentile(99) ?? 0) / (72 * 3_600_000) - 1)).toBeLessThan(0.02);
  });

  it('rejects a percentile outside 0 to 100', () => {
    expect(() => createLatencyHistogram().percentile(101)).toThrow(/percentile/);
  });
});
