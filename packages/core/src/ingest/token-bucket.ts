/**
 * Per-key rate limiting: a bucket of `capacity` tokens refilled at `perMinute / 60` per second.
 * Returns how long to wait when empty, which becomes the Retry-After of a 429.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  take(
    key: string,
    perMinute: number,
    count: number,
    now: number,
  ): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const capacity = Math.max(perMinute, count);
    const rate = perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= count) {
      b.tokens -= count;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((count - b.tokens) / rate / 1000)) };
  }
}
