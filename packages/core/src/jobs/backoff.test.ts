import { describe, expect, it } from 'vitest';
import { isExhausted, retryDelay } from './backoff.ts';

describe('job retry backoff', () => {
  it('doubles from the base after each failed attempt', () => {
    const b = { baseMs: 1_000, capMs: 1_000_000 };
    expect([1, 2, 3, 4].map((a) => retryDelay(a, b))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    const b = { baseMs: 1_000, capMs: 60_000 };
    expect(retryDelay(7, b)).toBe(60_000);
    expect(retryDelay(10_000, b)).toBe(60_000);
  });

  it('treats zero attempts like the first', () => {
    expect(retryDelay(0, { baseMs: 500, capMs: 10_000 })).toBe(500);
  });

  it('is exhausted once the attempts reach the maximum', () => {
    expect(isExhausted(4, 5)).toBe(false);
    expect(isExhausted(5, 5)).toBe(true);
  });
});
