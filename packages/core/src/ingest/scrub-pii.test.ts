import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import { FILTERED, scrubEvent } from './scrub-pii.ts';

const base: IngestEvent = { event_id: 'a'.repeat(32), type: 'error', timestamp: 1, platform: 'browser' };

describe('scrubEvent', () => {
  it('filters secret keys at any depth and in URL queries', () => {
    const e = scrubEvent({
      ...base,
      extra: { form: { password: 'hunter2', name: 'ok' }, apiKey: 'k' },
      url: 'https://shop.test/cb?token=abc&page=2#x',
      request: { url: '/api?access_token=zzz', method: 'GET' },
    });
    expect(e.extra).toEqual({ form: { password: FILTERED, name: 'ok' }, apiKey: FILTERED });
    expect(e.url).toBe(`https://shop.test/cb?token=${encodeURIComponent(FILTERED)}&page=2#x`);
    expect(e.request!.url).toContain('access_token=%5BFiltered%5D');
  });
  it('masks card numbers in free text and honours project fields', () => {
    const e = scrubEvent(
      {
        ...base,
        message: { formatted: 'charge 4111 1111 1111 1111 failed' },
        tags: { loyalty_id: '42', plan: 'gold' },
      },
      ['loyalty_id'],
    );
    expect(e.message!.formatted).toBe(`charge ${FILTERED} failed`);
    expect(e.tags).toEqual({ loyalty_id: FILTERED, plan: 'gold' });
  });
  it('drops IP addresses but keeps user ids and emails for affected-user counts', () => {
    const e = scrubEvent({ ...base, user: { id: 'u1', email: 'a@b.c', ip_address: '1.2.3.4' } });
    expect(e.user).toEqual({ id: 'u1', email: 'a@b.c', ip_address: undefined });
  });
});
