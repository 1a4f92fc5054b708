import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket.ts';

describe('TokenBuckets', () => {
  it('allows a burst up to the per-minute budget, then asks to wait', () => {
    const b = new TokenBuckets();
    expect(b.take('k', 60, 60, 0)).toEqual({ ok: true });
    const refused = b.take('k', 60, 1, 0);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 });
  });
  it('refills over time and keeps keys apart', () => {
    const b = new TokenBuckets();
    b.take('a', 60, 60, 0);
    expect(b.take('b', 60, 1, 0).ok).toBe(true);
    expect(b.take('a', 60, 10, 10_000).ok).toBe(true);
    expect(b.take('a', 60, 1, 10_000).ok).toBe(false);
  });
  it('says how long a large batch must wait', () => {
    const b = new TokenBuckets();
    b.take('a', 60, 60, 0);
    expect(b.take('a', 60, 30, 0)).toEqual({ ok: false, retryAfterSeconds: 30 });
  });
  it('never lets a first batch exceed the per-minute budget', () => {
    const b = new TokenBuckets();
    expect(b.take('a', 10, 1_000, 0)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(b.takeUpTo('a', 10, 1_000, 0)).toEqual({ granted: 10, retryAfterSeconds: 6 });
    expect(b.takeUpTo('a', 10, 1_000, 0).granted).toBe(0);
    expect(b.takeUpTo('a', 10, 1_000, 60_000).granted).toBe(10);
  });
});
