import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import { extractFacets, parseUserAgent, userKey } from './event-facets.ts';

function buildEvent(overrides: Partial<IngestEvent> = {}): IngestEvent {
  return { event_id: '0'.repeat(32), type: 'error', timestamp: 1, platform: 'browser', ...overrides };
}

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.127 Safari/537.36';

describe('userKey', () => {
  it('prefers id, then email, then ip, then session', () => {
    expect(userKey({ user: { id: '42', email: 'a@b.example' }, session_id: 's' })).toBe('id:42');
    expect(userKey({ user: { email: ' Ann@Shop.Example ' }, session_id: 's' })).toBe(
      'email:ann@shop.example',
    );
    expect(userKey({ user: { ip_address: '203.0.113.9' }, session_id: 's' })).toBe('ip:203.0.113.9');
    expect(userKey({ user: { ip_address: '{{auto}}' }, session_id: 's1' })).toBe('session:s1');
    expect(userKey({})).toBeNull();
  });
});

describe('extractFacets', () => {
  it('reads everything an issue aggregates', () => {
    const facets = extractFacets(
      buildEvent({
        user: { id: '42' },
        session_id: 'sess-1',
        release: 'shop@1.4.0',
        environment: 'production',
        url: 'https://shop.example/checkout?coupon=SUMMER#pay',
        route: '/checkout',
        level: 'error',
        contexts: { browser: { user_agent: CHROME_MAC } },
        tags: { team: 'payments' },
      }),
    );
    expect(facets).toEqual({
      userKey: 'id:42',
      sessionId: 'sess-1',
      release: 'shop@1.4.0',
      environment: 'production',
      browser: 'Chrome 126',
      os: 'macOS',
      url: 'https://shop.example/checkout',
      route: '/checkout',
      tags: {
        team: 'payments',
        release: 'shop@1.4.0',
        environment: 'production',
        browser: 'Chrome 126',
        os: 'macOS',
        url: 'https://shop.example/checkout',
        route: '/checkout',
        level: 'error',
      },
    });
  });

  it('prefers structured browser and OS contexts (Sentry) over the user agent', () => {
    const facets = extractFacets(
      buildEvent({
        contexts: {
          browser: { name: 'Firefox', version: '127.0.1', user_agent: CHROME_MAC },
          os: { name: 'Windows', version: '10' },
        },
      }),
    );
    expect([facets.browser, facets.os]).toEqual(['Firefox 127', 'Windows']);
  });

  it('names the runtime of Node events', () => {
    const facets = extractFacets(
      buildEvent({
        platform: 'node',
        contexts: { runtime: { name: 'node', version: 'v20.19.2' }, os: { name: 'Linux' } },
      }),
    );
    expect([facets.browser, facets.os]).toEqual(['Node 20', 'Linux']);
  });

  it('returns nulls for an empty event', () => {
    expect(extractFacets(buildEvent())).toMatchObject({
      userKey: null,
      browser: null,
      os: null,
      url: null,
      route: null,
      tags: {},
    });
  });
});

describe('parseUserAgent', () => {
  it.each([
    [CHROME_MAC, 'Chrome 126', 'macOS'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
      'Firefox 127',
      'Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari 17',
      'iOS',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
      'Safari 17',
      'macOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      'Edge 126',
      'Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.153 Mobile/15E148 Safari/604.1',
      'Chrome 126',
      'iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Samsung Internet 25',
      'Android',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
      'Chrome Headless 126',
      'Linux',
    ],
    ['curl/8.5.0', null, null],
  ])('%s', (ua, browser, os) => {
    expect(parseUserAgent(ua)).toEqual({ browser, os });
  });
});
