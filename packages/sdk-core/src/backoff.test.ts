import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay, parseRetryAfter, RETRY_AFTER_MAX_MS, RetryClock } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles per attempt, with jitter between half and the full delay', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1_000);
    expect(backoffDelay(3, () => 0)).toBe(4_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
  });

  it('is capped', () => {
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('2', 0)).toBe(2_000);
    expect(parseRetryAfter(' 0 ', 0)).toBe(0);
  });

  it('reads an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
  });

  it('waits at most an hour, however it is written', () => {
    expect(parseRetryAfter('864000', 0)).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfter('Wed, 01 Jan 2031 00:00:00 GMT', Date.parse('2025-01-01T00:00:00Z'))).toBe(
      RETRY_AFTER_MAX_MS,
    );
  });

  it('ignores garbage', () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('RetryClock', () => {
  it('delivers 2xx, keeps what may pass later, drops the other refusals', () => {
    const clock = new RetryClock();
    expect([200, 202].map((s) => clock._answer(s, 0))).toEqual(['ok', 'ok']);
    expect([400, 401, 403, 413].map((s) => clock._answer(s, 0))).toEqual(['drop', 'drop', 'drop', 'drop']);
    expect([0, 408, 429, 500, 503].map((s) => clock._answer(s, 0))).toEqual([
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
    ]);
  });

  it('backs off further per failure, obeys Retry-After, and a delivered batch resets it', () => {
    const clock = new RetryClock(() => 0.5);
    clock._answer(0, 1_000);
    expect(clock._retryAt).toBe(1_750);
    clock._answer(503, 2_000);
    expect(clock._retryAt).toBe(3_500);
    clock._answer(429, 4_000, '3');
    expect(clock._retryAt).toBe(7_000);
    expect(clock._answer(202, 8_000)).toBe('ok');
    expect(clock._retryAt).toBe(0);
    clock._answer(500, 10_000);
    expect(clock._retryAt).toBe(10_750);
  });
});
