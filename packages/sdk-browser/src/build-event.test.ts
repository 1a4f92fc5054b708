import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import { buildEvent, type Scope } from './build-event.ts';

function buildScope(overrides: Partial<Scope> = {}): Scope {
  return {
    release: 'shop@1.2.3',
    environment: 'production',
    user: { id: 'u1', email: 'ann@example.com' },
    tags: { team: 'checkout' },
    url: 'https://shop.test/checkout?step=2',
    route: '/checkout',
    breadcrumbs: [{ timestamp: 1, type: 'click', message: 'button#pay' }],
    ...overrides,
  };
}

describe('buildEvent', () => {
  it('adds scope fields to every event and stays contract-valid', () => {
    const event = buildEvent(
      { type: 'message', level: 'info', message: { formatted: 'hello' } },
      buildScope(),
      'b'.repeat(32),
      1_700_000_000_000,
    );
    expect(event).toMatchObject({
      event_id: 'b'.repeat(32),
      type: 'message',
      platform: 'browser',
      release: 'shop@1.2.3',
      environment: 'production',
      route: '/checkout',
      url: 'https://shop.test/checkout?step=2',
      user: { id: 'u1', email: 'ann@example.com' },
      tags: { team: 'checkout' },
      sdk: { name: 'closeloop-browser' },
    });
    expect(event.breadcrumbs).toHaveLength(1);
    expect(ingestEventSchema.safeParse(event).success).toBe(true);
  });

  it('merges payload tags over scope tags and omits empty parts', () => {
    const event = buildEvent(
      { type: 'vital', vital: { name: 'LCP', value: 1200, rating: 'good' }, tags: { team: 'web' } },
      buildScope({ user: undefined, release: undefined, breadcrumbs: undefined }),
      'c'.repeat(32),
      1,
    );
    expect(event.tags).toEqual({ team: 'web' });
    expect(event).not.toHaveProperty('user');
    expect(event).not.toHaveProperty('release');
    expect(event).not.toHaveProperty('breadcrumbs');
    expect(ingestEventSchema.safeParse(event).success).toBe(true);
  });

  it('truncates over-long scope values to the contract limits', () => {
    const event = buildEvent(
      { type: 'message' },
      buildScope({ url: `https://x.test/${'a'.repeat(5_000)}` }),
      'd'.repeat(32),
      1,
    );
    expect(event.url?.length).toBe(4_000);
    expect(ingestEventSchema.safeParse(event).success).toBe(true);
  });
});
