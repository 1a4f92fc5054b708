import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidSentryEvent, mapSentryEvent, SENTRY_EXTRA_KEY } from './event-map.ts';
import { formatMessage, parseTimestamp } from './event-parts.ts';
import {
  buildBrowserErrorEvent,
  buildNodeMessageEvent,
  buildTransactionEvent,
  EVENT_ID,
  REPLAY_ID,
} from './fixtures.ts';

/** The unmapped Sentry fields kept in `extra`. */
function sentryExtra(event: { extra?: Record<string, unknown> | undefined }): Record<string, unknown> {
  return (event.extra?.[SENTRY_EXTRA_KEY] ?? {}) as Record<string, unknown>;
}

const ctx = { kind: 'event' as const, receivedAt: 1_714_557_700_000, clientIp: '203.0.113.9' };

describe('mapSentryEvent: a browser error', () => {
  const event = mapSentryEvent(buildBrowserErrorEvent(), ctx);

  it('is an error with id, time, platform, level, release and environment', () => {
    expect(event).toMatchObject({
      event_id: EVENT_ID,
      type: 'error',
      timestamp: 1714557600123,
      platform: 'browser',
      level: 'error',
      release: 'shop-web@2.3.1',
      environment: 'production',
    });
  });

  it('keeps the exception, its frames in Sentry order and its mechanism', () => {
    expect(event.exception?.type).toBe('TypeError');
    expect(event.exception?.value).toContain("reading 'total'");
    expect(event.exception?.mechanism).toEqual({ type: 'onerror', handled: false });
    expect(event.exception?.frames).toHaveLength(2);
    expect(event.exception?.frames[1]).toEqual({
      filename: 'https://shop.example.com/assets/checkout-9b1c.js',
      abs_path: 'https://shop.example.com/assets/checkout-9b1c.js',
      function: 'submitOrder',
      module: 'checkout',
      lineno: 118,
      colno: 17,
      in_app: true,
      pre_context: ['function submitOrder(cart) {'],
      context_line: '  const total = cart.summary.total;',
      post_context: ['  return pay(total);', '}'],
    });
  });

  it('maps request to url and request, keeps headers in extra', () => {
    expect(event.url).toBe('https://shop.example.com/checkout?step=pay');
    expect(event.request).toEqual({ url: 'https://shop.example.com/checkout?step=pay', method: 'GET' });
    expect(sentryExtra(event).request).toMatchObject({
      headers: { 'User-Agent': expect.stringContaining('Chrome') },
    });
  });

  it('maps user (number id to string, {{auto}} to the client address) and keeps the rest', () => {
    expect(event.user).toEqual({ id: '42', email: 'ada@example.com', ip_address: '203.0.113.9' });
    expect(sentryExtra(event).user).toEqual({ segment: 'vip' });
  });

  it('keeps tags, contexts, route, session (replay id), sdk and the event extra', () => {
    expect(event.tags).toEqual({ 'browser.name': 'Chrome', route: '/checkout' });
    expect(event.contexts?.browser).toEqual({ name: 'Chrome', version: '126.0.0' });
    expect(event.contexts?.os).toEqual({ name: 'Linux' });
    expect(event.contexts?.device).toEqual({ family: 'Desktop' });
    expect(event.route).toBe('/checkout');
    expect(event.session_id).toBe(REPLAY_ID);
    expect(event.sdk).toEqual({ name: 'sentry.javascript.browser', version: '11.12.0' });
    expect(event.extra?.cartSize).toBe(3);
  });

  it('maps breadcrumbs from {values} with ms timestamps and Closeloop types', () => {
    expect(event.breadcrumbs?.map((c) => [c.type, c.timestamp])).toEqual([
      ['navigation', 1714557590500],
      ['click', 1714557595250],
      ['request', 1714557596000],
      ['console', 1714557597000],
    ]);
    expect(event.breadcrumbs?.[2]).toMatchObject({ level: 'error', data: { status_code: 500 } });
    expect(event.breadcrumbs?.[3]).toMatchObject({ level: 'warning', message: 'retrying payment' });
  });
});

describe('mapSentryEvent: messages', () => {
  it('formats a logentry with params and keeps the template', () => {
    const event = mapSentryEvent(buildNodeMessageEvent(), ctx);
    expect(event.type).toBe('message');
    expect(event.platform).toBe('node');
    expect(event.level).toBe('warning');
    expect(event.timestamp).toBe(Date.parse('2024-05-01T10:00:00.500Z'));
    expect(event.message).toEqual({
      formatted: 'payment gateway stripe took 2300ms',
      template: 'payment gateway %s took %dms',
      params: ['stripe', 2300],
    });
    expect(event.tags).toEqual({ region: 'eu', shard: '3' });
    expect(event.fingerprint).toEqual(['{{ default }}', 'payments']);
    expect(event.contexts?.runtime).toEqual({ name: 'node', version: 'v20.19.0' });
    expect(sentryExtra(event).server_name).toBe('api-7');
  });

  it('takes message as a plain string or as {formatted}', () => {
    expect(mapSentryEvent({ message: 'plain' }, ctx).message).toEqual({ formatted: 'plain' });
    expect(
      mapSentryEvent({ message: { formatted: 'done', message: 'd%s', params: ['one'] } }, ctx).message,
    ).toEqual({
      formatted: 'done',
      template: 'd%s',
      params: ['one'],
    });
  });

  it('treats a synthetic exception from captureMessage as a message, keeping its frames in extra', () => {
    const event = mapSentryEvent(
      {
        message: 'payment gateway slow',
        exception: {
          values: [
            {
              value: 'payment gateway slow',
              stacktrace: { frames: [{ function: 'pay', filename: '/app/pay.js', lineno: 3, in_app: true }] },
              mechanism: { type: 'generic', handled: true, synthetic: true },
            },
          ],
        },
      },
      ctx,
    );
    expect(event.type).toBe('message');
    expect(event.exception).toBeUndefined();
    expect(sentryExtra(event).stacktrace).toEqual([
      { function: 'pay', filename: '/app/pay.js', lineno: 3, in_app: true },
    ]);
  });
});

describe('mapSentryEvent: edge cases', () => {
  it('takes the last exception as the primary one and keeps the causes', () => {
    const event = mapSentryEvent(
      {
        exception: {
          values: [
            { type: 'DbError', value: 'timeout' },
            { type: 'CheckoutError', value: 'failed' },
          ],
        },
      },
      ctx,
    );
    expect(event.exception?.type).toBe('CheckoutError');
    expect(sentryExtra(event).exception_chain).toEqual([{ type: 'DbError', value: 'timeout', frames: [] }]);
  });

  it('fills in an id and the receive time, and accepts dashed upper-case ids', () => {
    const bare = mapSentryEvent({}, { ...ctx, envelopeEventId: EVENT_ID });
    expect(bare).toMatchObject({
      event_id: EVENT_ID,
      timestamp: ctx.receivedAt,
      type: 'message',
      platform: 'other',
    });
    expect(mapSentryEvent({}, ctx).event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(mapSentryEvent({ event_id: '9EC79C33-EC99-42AB-8353-589FCB2E04DC' }, ctx).event_id).toBe(EVENT_ID);
  });

  it('truncates instead of failing', () => {
    const long = 'x'.repeat(50_000);
    const frames = Array.from({ length: 400 }, (_, i) => ({ function: `f${i}`, lineno: i }));
    const event = mapSentryEvent(
      {
        release: long,
        exception: { values: [{ type: long, value: long, stacktrace: { frames } }] },
        tags: { [long]: long },
        fingerprint: Array.from({ length: 30 }, () => long),
        breadcrumbs: Array.from({ length: 150 }, (_, i) => ({ message: `b${i}` })),
      },
      ctx,
    );
    expect(() => ingestEventSchema.parse(event)).not.toThrow();
    expect(event.release?.length).toBe(1_000);
    expect(event.exception?.frames).toHaveLength(250);
    expect(event.exception?.frames.at(-1)?.function).toBe('f399');
    expect(event.fingerprint).toHaveLength(20);
    expect(event.breadcrumbs).toHaveLength(100);
    expect(event.breadcrumbs?.at(-1)?.message).toBe('b149');
  });

  it('drops values the schema cannot hold (negative line numbers, non-string tags)', () => {
    const event = mapSentryEvent(
      {
        exception: {
          values: [{ type: 'E', stacktrace: { frames: [{ lineno: -1, colno: 2.7, in_app: 'yes' }] } }],
        },
        tags: { ok: 'v', nested: { a: 1 }, nothing: null },
        level: 'LOUD',
      },
      ctx,
    );
    expect(event.exception?.frames).toEqual([{ colno: 2 }]);
    expect(event.tags).toEqual({ ok: 'v' });
    expect(event.level).toBe('error');
  });

  it('refuses only a payload that is not an object', () => {
    for (const payload of [null, 'x', 1, []])
      expect(() => mapSentryEvent(payload, ctx)).toThrow(InvalidSentryEvent);
  });

  it('maps any JSON object onto a valid IngestEvent (property)', () => {
    const fields = [
      'event_id',
      'timestamp',
      'platform',
      'level',
      'release',
      'environment',
      'user',
      'tags',
      'contexts',
      'request',
      'breadcrumbs',
      'exception',
      'message',
      'logentry',
      'fingerprint',
      'sdk',
      'extra',
      'transaction',
      'stacktrace',
    ];
    const value = fc.jsonValue({ maxDepth: 4 });
    const frame = fc.dictionary(
      fc.constantFrom('function', 'filename', 'lineno', 'colno', 'in_app', 'pre_context'),
      value,
    );
    const exception = fc.record({
      values: fc.array(fc.record({ type: value, value, stacktrace: fc.record({ frames: fc.array(frame) }) })),
    });
    const payload = fc.oneof(
      fc.dictionary(fc.constantFrom(...fields), value),
      fc.record({
        exception,
        tags: value,
        breadcrumbs: value,
        timestamp: fc.oneof(fc.double(), fc.string()),
      }),
    );
    fc.assert(
      fc.property(payload, fc.constantFrom('event' as const, 'transaction' as const), (p, kind) => {
        const event = mapSentryEvent(p, { ...ctx, kind });
        expect(ingestEventSchema.safeParse(event).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('mapSentryEvent: transactions', () => {
  it('keeps a trimmed transaction with spans and web-vital timings', () => {
    const event = mapSentryEvent(buildTransactionEvent(), { ...ctx, kind: 'transaction' });
    expect(event.type).toBe('transaction');
    expect(event.route).toBe('/checkout');
    expect(event.timestamp).toBe(1714557602500);
    expect(event.transaction).toMatchObject({
      name: '/checkout',
      op: 'pageload',
      status: 'ok',
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      source: 'route',
      duration_ms: 2500,
      span_count: 1,
      measurements: { lcp: { value: 2412.5, unit: 'millisecond' } },
      spans: [{ op: 'http.client', description: 'GET /api/cart', duration_ms: 800 }],
    });
    expect(event.timing).toEqual({ lcp: 2412.5, fcp: 812, cls: 0.12, duration: 2500 });
  });
});

describe('helpers', () => {
  it('parses Sentry timestamps', () => {
    expect(parseTimestamp(1714557600.5)).toBe(1714557600500);
    expect(parseTimestamp('1714557600.5')).toBe(1714557600500);
    expect(parseTimestamp('2024-05-01T10:00:00')).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(parseTimestamp('2024-05-01T12:00:00+02:00')).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(parseTimestamp(1714557600500)).toBe(1714557600500);
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp(-5)).toBeUndefined();
  });

  it('formats printf-style and {} placeholders, leaving extras alone', () => {
    expect(formatMessage('%s took %dms (%%)', ['a', 5])).toBe('a took 5ms (%)');
    expect(formatMessage('{} and {}', [1])).toBe('1 and {}');
    expect(formatMessage('obj %o', [{ a: 1 }])).toBe('obj {"a":1}');
  });
});

describe('mapSentryEvent: browser context from the User-Agent header', () => {
  const ua =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

  it('keeps the header as contexts.browser.user_agent when the SDK sent no browser context, as Relay derives it', () => {
    const event = mapSentryEvent(
      buildBrowserErrorEvent({
        contexts: {},
        request: { url: 'https://shop.example.com/', headers: { 'User-Agent': ua } },
      }),
      ctx,
    );
    expect(event.contexts?.browser).toEqual({ user_agent: ua });
    expect(() => ingestEventSchema.parse(event)).not.toThrow();
  });

  it('leaves a browser context the SDK sent alone', () => {
    const event = mapSentryEvent(buildBrowserErrorEvent(), ctx);
    expect(event.contexts?.browser).toEqual({ name: 'Chrome', version: '126.0.0' });
  });
});
