/** First retry after ~1 s, doubling up to 5 minutes (the range AWS's backoff guidance uses). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60 * 1_000;
/** A Retry-After above an hour is treated as an hour: a typo on the server must not mute an SDK for days. */
export const RETRY_AFTER_MAX_MS = 60 * 60 * 1_000;

/**
 * Exponential backoff with "equal jitter": half the delay fixed, half random, so clients that
 * failed together do not retry together.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Milliseconds to wait according to a Retry-After header: delta-seconds or an HTTP date, at most
 * an hour. Undefined when absent or unreadable (the caller then uses backoffDelay).
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(RETRY_AFTER_MAX_MS, Number(trimmed) * 1_000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, date - now));
}

export type Outcome = 'ok' | 'retry' | 'drop';

/**
 * When the next request may go, and what an answer means for its batch. Status `0` stands for
 * no answer at all (network error, timeout). 2xx: delivered. 408, 429, 5xx and no answer: keep
 * the batch and wait — what the server's Retry-After says, else the next backoff step. Any other
 * status (a 4xx: bad key, nothing valid in it) will not get better by resending: drop it.
 */
export class RetryClock {
  private _attempt = 0;
  /** Epoch ms before which nothing is sent; 0 when not backing off. */
  _retryAt = 0;

  constructor(private readonly _random: () => number = Math.random) {}

  _answer(status: number, now: number, retryAfter?: string | null): Outcome {
    if (status === 0 || status === 408 || status === 429 || status >= 500) {
      this._retryAt = now + (parseRetryAfter(retryAfter, now) ?? backoffDelay(this._attempt, this._random));
      this._attempt++;
      return 'retry';
    }
    this._attempt = this._retryAt = 0;
    return status >= 200 && status < 300 ? 'ok' : 'drop';
  }
}
