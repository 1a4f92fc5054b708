import { BoundedCache } from '../limits/bounded-cache.ts';

/** Buckets kept at once; a bucket idle for a minute is full again, so forgetting it changes nothing. */
const MAX_BUCKETS = 100_000;
const IDLE_FULL_MS = 60_000;

/**
 * Per-key rate limiting: a bucket of `perMinute` tokens refilled at `perMinute / 60` per second,
 * so a key limited to 10 a minute lands at most 10 in any minute, however large its first batch.
 * Refusals say how long to wait, which becomes the Retry-After of a 429.
 *
 * The rule is these pure functions over a bucket's state; where the state lives (this process's
 * memory, or one database row shared by every API process) is the caller's choice.
 */
export interface BucketState {
  tokens: number;
  at: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };
export type TakeUpToResult = { granted: number; retryAfterSeconds: number };

/** A bucket never seen, or idle long enough to be full. */
export function fullBucket(perMinute: number, now: number): BucketState {
  return { tokens: perMinute, at: now };
}

function refilled(b: BucketState, perMinute: number, now: number): BucketState {
  const elapsed = Math.max(0, now - b.at);
  return { tokens: Math.min(perMinute, b.tokens + elapsed * (perMinute / 60_000)), at: Math.max(now, b.at) };
}

function waitSeconds(perMinute: number, missing: number): number {
  return Math.max(1, Math.ceil((Math.min(missing, perMinute) * 60) / perMinute));
}

/** All or nothing: `count` tokens, or a refusal saying how long to wait. */
export function takeTokens(
  state: BucketState,
  perMinute: number,
  count: number,
  now: number,
): { state: BucketState; result: TakeResult } {
  const b = refilled(state, perMinute, now);
  if (count <= perMinute && b.tokens >= count) {
    return { state: { ...b, tokens: b.tokens - count }, result: { ok: true } };
  }
  return { state: b, result: { ok: false, retryAfterSeconds: waitSeconds(perMinute, count - b.tokens) } };
}

/** As many of `count` tokens as the bucket holds (a batch is partly accepted); 0 says how long to wait. */
export function takeTokensUpTo(
  state: BucketState,
  perMinute: number,
  count: number,
  now: number,
): { state: BucketState; result: TakeUpToResult } {
  const b = refilled(state, perMinute, now);
  const granted = Math.min(count, Math.floor(b.tokens));
  const tokens = b.tokens - granted;
  return {
    state: { ...b, tokens },
    result: { granted, retryAfterSeconds: waitSeconds(perMinute, 1 - tokens) },
  };
}

/** The buckets of one process, in memory: enough when one process serves every request (embedded mode). */
export class TokenBuckets {
  private readonly buckets = new BoundedCache<string, BucketState>({
    maxEntries: MAX_BUCKETS,
    maxAgeMs: IDLE_FULL_MS,
  });

  private apply<R>(
    key: string,
    perMinute: number,
    now: number,
    step: (s: BucketState) => { state: BucketState; result: R },
  ): R {
    const { state, result } = step(this.buckets.get(key, now) ?? fullBucket(perMinute, now));
    this.buckets.set(key, state, now);
    return result;
  }

  take(key: string, perMinute: number, count: number, now: number): TakeResult {
    return this.apply(key, perMinute, now, (s) => takeTokens(s, perMinute, count, now));
  }

  takeUpTo(key: string, perMinute: number, count: number, now: number): TakeUpToResult {
    return this.apply(key, perMinute, now, (s) => takeTokensUpTo(s, perMinute, count, now));
  }
}
