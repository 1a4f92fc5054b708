/**
 * How long a failed job waits before its next attempt: exponential from `baseMs`, capped at `capMs`
 * so a long outage costs a retry every few hours, not one a week later. `attempts` counts the
 * attempts made so far (1 after the first failure).
 */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 10_000, capMs: 60 * 60_000 };

export function retryDelay(attempts: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 40); // 2^40 already exceeds any sensible cap
  return Math.min(backoff.baseMs * 2 ** exponent, backoff.capMs);
}

/** A job that has used `maxAttempts` attempts is dead: kept with its last error, never run again. */
export function isExhausted(attempts: number, maxAttempts: number): boolean {
  return attempts >= maxAttempts;
}
