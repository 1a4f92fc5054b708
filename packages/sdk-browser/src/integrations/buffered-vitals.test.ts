import { describe, expect, it } from 'vitest';
import { clsOf, inpOf } from './buffered-vitals.ts';

const shift = (startTime: number, value: number, hadRecentInput = false) => ({
  startTime,
  value,
  hadRecentInput,
});

describe('clsOf', () => {
  it('is the largest session window: shifts less than 1 s apart, the window under 5 s', () => {
    // Window 1: 0.1 + 0.05 (500 ms apart); window 2 starts after a 1.5 s gap and stays smaller.
    expect(clsOf([shift(0, 0.1), shift(500, 0.05), shift(2_000, 0.12)])).toBeCloseTo(0.15);
    // A later window that grows larger wins.
    expect(clsOf([shift(0, 0.1), shift(2_000, 0.08), shift(2_500, 0.08)])).toBeCloseTo(0.16);
  });

  it('starts a new window after 5 s even without a gap, and ignores shifts right after input', () => {
    const steady = Array.from({ length: 12 }, (_, i) => shift(i * 900, 0.01));
    expect(clsOf(steady)).toBeCloseTo(0.06); // 0, 900, …, 4500 ms: six shifts in the first window
    expect(clsOf([shift(0, 0.3, true), shift(100, 0.02)])).toBeCloseTo(0.02);
    expect(clsOf([])).toBe(0);
  });
});

describe('inpOf', () => {
  it('is the longest interaction, and -1 when there was none', () => {
    const entries = [
      { interactionId: 0, duration: 400 }, // not an interaction (e.g. mouseover)
      { interactionId: 7, duration: 112 },
      { interactionId: 14, duration: 152 },
      { interactionId: 14, duration: 96 },
    ];
    expect(inpOf(entries)).toBe(152);
    expect(inpOf([{ duration: 300 }])).toBe(-1);
    expect(inpOf([])).toBe(-1);
  });
});
