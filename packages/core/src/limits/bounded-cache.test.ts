import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
  it('never holds more than its size, whatever keys arrive', () => {
    const c = new BoundedCache<string, number>({ maxEntries: 100, maxAgeMs: 60_000 });
    for (let i = 0; i < 10_000; i++) c.set(Math.random().toString(36), i, 0);
    expect(c.size).toBe(100);
  });

  it('forgets entries older than its age, on read and as new ones arrive', () => {
    const c = new BoundedCache<string, number>({ maxEntries: 100, maxAgeMs: 1_000 });
    c.set('a', 1, 0);
    c.set('b', 2, 500);
    expect(c.get('a', 900)).toBe(1);
    expect(c.get('a', 1_001)).toBeUndefined();
    c.set('c', 3, 1_600);
    expect(c.size).toBe(1);
  });

  it('evicts the least recently written entry first', () => {
    const c = new BoundedCache<string, number>({ maxEntries: 2, maxAgeMs: 60_000 });
    c.set('a', 1, 0);
    c.set('b', 2, 0);
    c.set('a', 3, 0);
    c.set('c', 4, 0);
    expect([c.get('a', 0), c.get('b', 0), c.get('c', 0)]).toEqual([3, undefined, 4]);
  });
});
