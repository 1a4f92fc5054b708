import type { TokenBuckets } from '@closeloop/core/ingest/token-bucket';
import { RateLimited } from '@closeloop/shared/errors';

/**
 * One request from `key` (an action and an IP) on the signed-out pages, or 429 with Retry-After once
 * it has used its `perMinute`. The buckets are in memory: these pages are served by the API process.
 */
export function takeOrRefuse(
  limiter: TokenBuckets,
  key: string,
  perMinute: number,
  refusal: string,
  now: number,
): void {
  const allowed = limiter.take(key, perMinute, 1, now);
  if (!allowed.ok) throw new RateLimited(refusal, allowed.retryAfterSeconds, { limitPerMinute: perMinute });
}
