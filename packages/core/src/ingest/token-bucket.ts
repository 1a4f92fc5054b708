import { BoundedCache } from '../limits/bounded-cache.ts';

/** Buckets kept at once; a bucket idle for a minute is full again, so forgetting it changes nothing. */
const MAX_BUCKETS = 100_000;
const IDLE_FULL_MS = 60_000;

/**
 * Per-key rate limiting: a bucket of `perMinute` tokens refilled at `perMinute / 60` per second,
 * so a key limited to 10 a minute lands at most 10 in any minute, however large its first batch.
 * Returns how long to wait when empty, which becomes the Retry-After of a 429.
 */
export class TokenBuckets {
  private readonly buckets = new BoundedCache<string, { tokens: number; at: number }>({
    maxEntries: MAX_BUCKETS,
    maxAgeMs: IDLE_FULL_MS,
  });

  private refill(key: string, perMinute: number, now: number) {
    const b = this.buckets.get(key, now) ?? { tokens: perMinute, at: now };
    b.tokens = Math.min(perMinute, b.tokens + (now - b.at) * (perMinute / 60_000));
    b.at = now;
    this.buckets.set(key, b, now);
    return b;
  }

  private waitSeconds(perMinute: number, missing: number): number {
    return Math.max(1, Math.ceil((Math.min(missing, perMinute) * 60) / perMinute));
  }

  /** All or nothing: `count` tokens, or a refusal saying how long to wait. */
  take(
    key: string,
    perMinute: number,
    count: number,
    now: number,
  ): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const b = this.refill(key, perMinute, now);
    if (count <= perMinute && b.tokens >= count) {
      b.tokens -= count;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: this.waitSeconds(perMinute, count - b.tokens) };
  }

  /** As many of `count` tokens as the bucket holds (a batch is partly accepted); 0 says how long to wait. */
  takeUpTo(
    key: string,
    perMinute: number,
    count: number,
    now: number,
  ): { granted: number; retryAfterSeconds: number } {
    const b = this.refill(key, perMinute, now);
    const granted = Math.min(count, Math.floor(b.tokens));
    b.tokens -= granted;
    return { granted, retryAfterSeconds: this.waitSeconds(perMinute, 1 - b.tokens) };
  }
}
