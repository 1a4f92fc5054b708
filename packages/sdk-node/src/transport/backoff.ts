/** First retry after ~1 s, doubling up to 5 minutes (the range AWS's backoff guidance uses). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60 * 1_000;
/** A Retry-After above an hour is treated as an hour: a typo on the server must not mute us for days. */
export const RETRY_AFTER_MAX_MS = 60 * 60 * 1_000;

/**
 * Exponential backoff with "equal jitter": half the delay fixed, half random, so processes that
 * failed together do not retry together.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Milliseconds to wait per a Retry-After header (delta-seconds or HTTP date); undefined if unreadable. */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(RETRY_AFTER_MAX_MS, Number(trimmed) * 1_000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, date - now));
}
