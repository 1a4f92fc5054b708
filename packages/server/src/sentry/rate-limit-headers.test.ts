import { describe, expect, it } from 'vitest';
import {
  dataCategoryForItem,
  formatRateLimits,
  formatRetryAfter,
  parseRateLimits,
  rateLimitHeaders,
} from './rate-limit-headers.ts';

describe('rate limit headers', () => {
  it('formats per-category limits as Sentry does', () => {
    expect(formatRateLimits([{ retryAfterSeconds: 60, categories: ['error', 'transaction'] }])).toBe(
      '60:error;transaction:key',
    );
    expect(
      formatRateLimits([
        {
          retryAfterSeconds: 2700,
          categories: ['default', 'error'],
          scope: 'organization',
          reasonCode: 'quota_exceeded',
        },
        { retryAfterSeconds: 10 },
      ]),
    ).toBe('2700:default;error:organization:quota_exceeded, 10::key');
  });

  it('rounds retry-after up to whole seconds, at least one', () => {
    expect(formatRateLimits([{ retryAfterSeconds: 0.2, categories: ['error'] }])).toBe('1:error:key');
    expect(formatRetryAfter([{ retryAfterSeconds: 1.5 }, { retryAfterSeconds: 30 }])).toBe('30');
  });

  it('drops names that would break the header', () => {
    expect(formatRateLimits([{ retryAfterSeconds: 5, categories: ['error', 'a:b', 'c,d'] }])).toBe(
      '5:error:key',
    );
  });

  it('gives both headers and reads them back', () => {
    const headers = rateLimitHeaders([{ retryAfterSeconds: 60, categories: ['error'], scope: 'project' }]);
    expect(headers).toEqual({ 'X-Sentry-Rate-Limits': '60:error:project', 'Retry-After': '60' });
    expect(parseRateLimits(headers['X-Sentry-Rate-Limits'])).toEqual([
      { retryAfterSeconds: 60, categories: ['error'], scope: 'project' },
    ]);
  });

  it('maps item types to data categories', () => {
    expect(dataCategoryForItem('event')).toBe('error');
    expect(dataCategoryForItem('sessions')).toBe('session');
    expect(dataCategoryForItem('replay_recording')).toBe('replay');
    expect(dataCategoryForItem('client_report')).toBe('internal');
    expect(dataCategoryForItem('something_new')).toBe('something_new');
  });
});
