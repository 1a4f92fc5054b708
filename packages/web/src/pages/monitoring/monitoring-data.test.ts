import { describe, expect, it } from 'vitest';
import { HOUR, hourlyBuckets, percent } from './monitoring-data.ts';

const now = Date.UTC(2025, 0, 10, 12, 30);
const hourIso = (h: number) => new Date(Date.UTC(2025, 0, 10, h)).toISOString();

describe('hourlyBuckets', () => {
  it('fills the last 24 hours with zeros around the counted hours', () => {
    const b = hourlyBuckets([{ hour: hourIso(11), count: 4 }], now);
    expect(b).toHaveLength(24);
    expect(b.at(-1)).toEqual({ at: Date.UTC(2025, 0, 10, 12), count: 0 });
    expect(b.at(-2)).toEqual({ at: Date.UTC(2025, 0, 10, 11), count: 4 });
    expect(b.reduce((n, x) => n + x.count, 0)).toBe(4);
  });
  it('reaches back to the first counted hour, at most 14 days', () => {
    const threeDays = hourlyBuckets([{ hour: hourIso(12 - 72), count: 1 }], now);
    expect(threeDays).toHaveLength(73);
    expect(threeDays[0]?.count).toBe(1);
    const old = hourlyBuckets([{ hour: new Date(now - 40 * 24 * HOUR).toISOString(), count: 9 }], now);
    expect(old).toHaveLength(24 * 14);
  });
});

describe('percent', () => {
  it('rounds shares to whole percents, small shares to one decimal', () => {
    expect(percent(2, 2)).toBe('100%');
    expect(percent(1, 3)).toBe('33%');
    expect(percent(1, 200)).toBe('0.5%');
    expect(percent(0, 0)).toBe('0%');
  });
});
