import { describe, expect, it } from 'vitest';
import { afterFailure, LOCK_MS, lockedFor, MAX_FAILURES, WINDOW_MS } from './login-throttle.ts';

describe('per-account login throttle', () => {
  it('locks an address after MAX_FAILURES failures in a row, for LOCK_MS', () => {
    let s = afterFailure(undefined, 0);
    for (let i = 1; i < MAX_FAILURES - 1; i++) s = afterFailure(s, i * 1000);
    expect(lockedFor(s, 9_000)).toBe(0);
    s = afterFailure(s, 10_000);
    expect(lockedFor(s, 10_000)).toBe(LOCK_MS);
    expect(lockedFor(s, 10_000 + LOCK_MS)).toBe(0);
  });

  it('forgets failures older than the window, and starts afresh once a lock has run out', () => {
    let s = afterFailure(undefined, 0);
    for (let i = 1; i < MAX_FAILURES - 1; i++) s = afterFailure(s, i);
    s = afterFailure(s, WINDOW_MS + 100);
    expect(s.failures).toBe(1);
    for (let i = 0; i < MAX_FAILURES - 1; i++) s = afterFailure(s, WINDOW_MS + 200 + i);
    expect(lockedFor(s, WINDOW_MS + 300)).toBeGreaterThan(0);
    const after = afterFailure(s, s.lockedUntil! + 1);
    expect([after.failures, lockedFor(after, s.lockedUntil! + 1)]).toEqual([1, 0]);
  });
});
