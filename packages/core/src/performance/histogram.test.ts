import { describe, expect, it } from 'vitest';
import { addSample, GROWTH, type Histogram, mergeInto, quantile, sampleCount } from './histogram.ts';

function exactQuantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1]!;
}

describe('histogram percentiles', () => {
  it('are within half a bucket of the exact nearest-rank percentile', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 50 + ((i * 7919) % 4000));
    const h: Histogram = {};
    for (const v of values) addSample(h, v);
    for (const q of [0.5, 0.75, 0.95]) {
      const exact = exactQuantile(values, q);
      const approx = quantile(h, q)!;
      expect(Math.abs(approx - exact) / exact).toBeLessThan((GROWTH - 1) / 2 + 0.001);
    }
  });

  it('merge by adding counts, so hours combine into days exactly', () => {
    const a: Histogram = {};
    const b: Histogram = {};
    const both: Histogram = {};
    for (let i = 1; i <= 100; i++) {
      addSample(i % 2 ? a : b, i * 10);
      addSample(both, i * 10);
    }
    const merged = mergeInto(mergeInto({}, a), b);
    expect(merged).toEqual(both);
    expect(sampleCount(merged)).toBe(100);
    expect(quantile(merged, 0.75)).toBe(quantile(both, 0.75));
  });

  it('has no percentile without samples, and puts zero and negatives in the first bucket', () => {
    expect(quantile({}, 0.75)).toBeNull();
    const h: Histogram = {};
    addSample(h, 0);
    addSample(h, -5);
    expect(h).toEqual({ 0: 2 });
  });
});
