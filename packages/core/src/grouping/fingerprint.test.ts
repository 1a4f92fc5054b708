import type { IngestEvent, StackFrame } from '@closeloop/shared/ingest/event';
import { EVENT_TYPES } from '@closeloop/shared/ingest/event';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventTypeGroups, fingerprintEvent, normaliseSelector } from './fingerprint.ts';
import { type FingerprintRule, parseFingerprintRules } from './fingerprint-rules.ts';

let counter = 0;
function buildEvent(overrides: Partial<IngestEvent> = {}): IngestEvent {
  counter++;
  return {
    event_id: counter.toString(16).padStart(32, '0'),
    type: 'error',
    timestamp: 1_718_000_000_000 + counter,
    platform: 'browser',
    ...overrides,
  };
}

function buildError(
  frames: StackFrame[],
  type = 'TypeError',
  value = "Cannot read properties of undefined (reading 'price')",
) {
  return buildEvent({ exception: { type, value, frames } });
}

function rules(text: string): FingerprintRule[] {
  const parsed = parseFingerprintRules(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.rules;
}

const bundle = (hash: string) => `https://cdn.shop.example/assets/index-${hash}.js`;
const appFrames = (hash: string, line: number): StackFrame[] => [
  { function: 'onClick', filename: bundle(hash), lineno: line, colno: 10 },
  { function: 'submitOrder', filename: bundle(hash), lineno: line + 5, colno: 3 },
  { function: 'computeTotal', filename: bundle(hash), lineno: line + 9, colno: 77 },
];

describe('fingerprintEvent: errors', () => {
  it('groups the same stack across builds, hosts and line numbers', () => {
    const a = fingerprintEvent(buildError(appFrames('DiwrgTda', 10)))!;
    const b = fingerprintEvent(
      buildError(appFrames('C7kLm2Qp', 400), 'TypeError', "Cannot read properties of null (reading 'qty')"),
    )!;
    expect(a.basis).toBe('in_app_frames');
    expect(a.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(b.hash).toBe(a.hash);
  });

  it('keeps different functions and different exception types apart', () => {
    const base = fingerprintEvent(buildError(appFrames('DiwrgTda', 10)))!;
    const otherType = fingerprintEvent(buildError(appFrames('DiwrgTda', 10), 'RangeError'))!;
    const frames = appFrames('DiwrgTda', 10);
    frames[2] = { ...frames[2]!, function: 'applyCoupon' };
    const otherFunction = fingerprintEvent(buildError(frames))!;
    expect(new Set([base.hash, otherType.hash, otherFunction.hash]).size).toBe(3);
  });

  it('ignores library frames when there are in-app frames', () => {
    const withLib = [
      {
        function: 'dispatchEvent',
        filename: 'https://shop.example/node_modules/.vite/deps/react-dom.js?v=1a2b3c4d',
        lineno: 1,
      },
      ...appFrames('DiwrgTda', 10),
      { function: 'get', filename: 'https://shop.example/node_modules/.vite/deps/lodash.js', lineno: 99 },
    ];
    expect(fingerprintEvent(buildError(withLib))!.hash).toBe(
      fingerprintEvent(buildError(appFrames('C7kLm2Qp', 1)))!.hash,
    );
  });

  it('falls back to all frames when none is in-app', () => {
    const fp = fingerprintEvent(
      buildError([
        { function: 'Client._handleErrorMessage', filename: '/srv/node_modules/pg/lib/client.js', lineno: 1 },
      ]),
    )!;
    expect(fp.basis).toBe('all_frames');
    expect(fp.components).toEqual(['error', 'TypeError', 'pg/lib/client:Client._handleErrorMessage']);
  });

  it('adds the parameterised message when every frame is minified or anonymous', () => {
    const minified = (hash: string): StackFrame[] => [
      { function: 'Ae', filename: bundle(hash), lineno: 1, colno: 100 },
      { function: 't', filename: bundle(hash), lineno: 1, colno: 200 },
    ];
    const a = fingerprintEvent(buildError(minified('DiwrgTda'), 'Error', 'Order 17 failed'))!;
    const b = fingerprintEvent(buildError(minified('C7kLm2Qp'), 'Error', 'Order 4242 failed'))!;
    const c = fingerprintEvent(buildError(minified('DiwrgTda'), 'Error', 'Cart locked'))!;
    expect(a.basis).toBe('frames_and_message');
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });

  it('uses type and parameterised message when there is no stack', () => {
    const a = fingerprintEvent(buildError([], 'Error', 'Order 17 failed'))!;
    const b = fingerprintEvent(buildError([], 'Error', 'Order 99 failed'))!;
    expect(a.basis).toBe('exception_message');
    expect(a.components).toEqual(['error', 'Error', 'Order <int> failed']);
    expect(b.hash).toBe(a.hash);
  });

  it('parses a raw stack when frames are missing, so Chrome and Firefox stacks of one bug group together', () => {
    const chrome = buildEvent({
      exception: {
        type: 'TypeError',
        value: "Cannot read properties of undefined (reading 'price')",
        frames: [],
        stack: `TypeError: Cannot read properties of undefined (reading 'price')
    at computeTotal (https://shop.example/assets/index-DiwrgTda.js:12:3456)
    at async submitOrder (https://shop.example/assets/index-DiwrgTda.js:30:5)`,
      },
    });
    const firefox = buildEvent({
      exception: {
        type: 'TypeError',
        value: 'can\'t access property "price", item is undefined',
        frames: [],
        stack: `computeTotal@https://shop.example/assets/index-DiwrgTda.js:12:3401
async*submitOrder@https://shop.example/assets/index-DiwrgTda.js:30:1
`,
      },
    });
    const a = fingerprintEvent(chrome)!;
    expect(a.basis).toBe('in_app_frames');
    expect(fingerprintEvent(firefox)!.hash).toBe(a.hash);
  });

  it('collapses recursion', () => {
    const f: StackFrame = { function: 'walk', filename: '/srv/app/src/tree.js', lineno: 3 };
    expect(fingerprintEvent(buildError([f, f, f]))!.hash).toBe(fingerprintEvent(buildError([f]))!.hash);
  });

  it('titles and culprits like Sentry', () => {
    const fp = fingerprintEvent(buildError(appFrames('DiwrgTda', 10)))!;
    expect(fp.kind).toBe('error');
    expect(fp.title).toBe("TypeError: Cannot read properties of undefined (reading 'price')");
    expect(fp.culprit).toBe('computeTotal(assets/index)');
  });

  it('is stable under line and bundle-hash changes (property)', () => {
    const hash = fc.stringMatching(/^[A-Za-z0-9]{8}$/).filter((h) => /\d/.test(h) || /[A-Z].*[A-Z]/.test(h));
    fc.assert(
      fc.property(hash, hash, fc.nat(10_000), fc.nat(10_000), (h1, h2, l1, l2) => {
        const a = fingerprintEvent(buildError(appFrames(h1, l1 + 1)))!;
        const b = fingerprintEvent(buildError(appFrames(h2, l2 + 1)))!;
        expect(a.hash).toBe(b.hash);
      }),
    );
  });
});

describe('fingerprintEvent: other event types', () => {
  it('groups network failures by method, host, parameterised path and status class', () => {
    const net = (url: string, status: number | undefined, method = 'POST', error?: string) =>
      fingerprintEvent(
        buildEvent({
          type: 'network',
          url: 'https://shop.example/checkout',
          request: { url, method, ...(status === undefined ? {} : { status }), ...(error ? { error } : {}) },
        }),
      );
    const a = net('https://api.shop.example/orders/1234/pay?attempt=1', 503)!;
    expect(a.kind).toBe('network');
    expect(a.components).toEqual(['network', 'POST', 'api.shop.example/orders/<int>/pay', '5xx']);
    expect(a.title).toBe('HTTP 503: POST api.shop.example/orders/<int>/pay');
    expect(a.culprit).toBe('/checkout');
    expect(net('https://api.shop.example/orders/98/pay', 502)!.hash).toBe(a.hash);
    expect(net('https://api.shop.example/orders/98/pay', 404)!.hash).not.toBe(a.hash);
    expect(net('https://api.shop.example/orders/98/pay', 503, 'GET')!.hash).not.toBe(a.hash);
    const failed = net('/api/cart', undefined, 'GET', 'TypeError: Failed to fetch')!;
    expect(failed.components).toEqual(['network', 'GET', 'shop.example/api/cart', 'failed']);
    expect(net('https://api.shop.example/ok', 200)).toBeNull();
  });

  it('groups rage and dead clicks together by route and cleaned selector', () => {
    const click = (type: 'rage_click' | 'dead_click', url: string, selector: string, route?: string) =>
      fingerprintEvent(
        buildEvent({
          type,
          url,
          ...(route ? { route } : {}),
          click: { selector, text: 'Pay now', count: 5 },
        }),
      )!;
    const a = click(
      'rage_click',
      'https://shop.example/orders/12/pay?x=1',
      'button#pay-12.Button_primary__3xk9a',
    );
    expect(a.kind).toBe('frustration');
    expect(a.components).toEqual(['click', '/orders/<int>/pay', 'button#pay-<int>.Button_primary']);
    expect(a.title).toBe(
      'Rage or dead clicks on "Pay now" (button#pay-<int>.Button_primary) at /orders/<int>/pay',
    );
    expect(
      click('rage_click', 'https://shop.example/orders/99/pay', 'button#pay-99.Button_primary__9zz8y').hash,
    ).toBe(a.hash);
    expect(
      click('dead_click', 'https://shop.example/orders/99/pay', 'button#pay-99.Button_primary__1ab2c').hash,
    ).toBe(a.hash);
    expect(click('dead_click', 'https://shop.example/orders/99/pay', 'button#pay-99').hash).not.toBe(a.hash);
    expect(
      click('rage_click', 'https://shop.example/orders/99/edit', 'button#pay-99.Button_primary').hash,
    ).not.toBe(a.hash);
    expect(click('rage_click', 'https://shop.example/x', 'a', '/orders/:id').components[1]).toBe(
      '/orders/:id',
    );
  });

  it('groups messages by level and parameterised text, preferring the template', () => {
    const msg = (formatted: string, level: IngestEvent['level'], template?: string) =>
      fingerprintEvent(
        buildEvent({ type: 'message', level, message: { formatted, ...(template ? { template } : {}) } }),
      )!;
    const a = msg('Payment 123 declined', 'warning');
    expect(a.components).toEqual(['message', 'warning', 'Payment <int> declined']);
    expect(msg('Payment 9 declined', 'warning').hash).toBe(a.hash);
    expect(msg('Payment 9 declined', 'error').hash).not.toBe(a.hash);
    expect(msg('Payment for Ann declined', 'warning', 'Payment for %s declined').components[2]).toBe(
      'Payment for %s declined',
    );
  });

  it('groups console errors by parameterised text', () => {
    const fp = fingerprintEvent(
      buildEvent({
        type: 'console',
        message: { formatted: 'Warning: Each child in a list should have a unique "key" prop. Check row 17' },
      }),
    )!;
    expect(fp.kind).toBe('error');
    expect(fp.basis).toBe('console');
    expect(fp.components).toEqual([
      'console',
      'Warning: Each child in a list should have a unique "key" prop. Check row <int>',
    ]);
  });

  it('does not group vitals, page loads, route changes or transactions', () => {
    for (const type of ['vital', 'page_load', 'route_change', 'transaction'] as const) {
      expect(eventTypeGroups(type)).toBe(false);
      expect(fingerprintEvent(buildEvent({ type, vital: { name: 'LCP', value: 4000 } }))).toBeNull();
    }
    expect(EVENT_TYPES.filter(eventTypeGroups)).toEqual([
      'error',
      'message',
      'network',
      'console',
      'rage_click',
      'dead_click',
    ]);
  });

  it('removes generated class names from selectors', () => {
    expect(normaliseSelector('div.sc-bdfBwQ.kTNgAz > button.css-1x2y3z-Button')).toBe(
      'div > button.css-<hash>',
    );
    expect(normaliseSelector('ul > li:nth-child(3) > a')).toBe('ul > li:nth-child(<int>) > a');
  });
});

describe('fingerprintEvent: custom fingerprints', () => {
  it('lets the event fingerprint replace the default and expands {{ default }}', () => {
    const frames = appFrames('DiwrgTda', 10);
    const plain = fingerprintEvent(buildError(frames))!;
    const custom = fingerprintEvent({ ...buildError(frames), fingerprint: ['payments'] })!;
    expect(custom.basis).toBe('event_fingerprint');
    expect(custom.components).toEqual(['payments']);
    expect(custom.hash).not.toBe(plain.hash);
    expect(
      fingerprintEvent({ ...buildError(appFrames('x9y8z7w6', 3)), fingerprint: ['payments'] })!.hash,
    ).toBe(custom.hash);

    const extended = fingerprintEvent({ ...buildError(frames), fingerprint: ['{{ default }}', 'eu'] })!;
    expect(extended.components).toEqual([...plain.components, 'eu']);
    expect(fingerprintEvent({ ...buildError(frames), fingerprint: ['{{default}}', 'us'] })!.hash).not.toBe(
      extended.hash,
    );
    expect(fingerprintEvent({ ...buildError(frames), fingerprint: [] })!.hash).toBe(plain.hash);
  });

  it('applies the first matching project rule, before the event fingerprint', () => {
    const projectRules = rules(`
      error.type:ChunkLoadError -> chunk-load-error title="Chunk failed to load"
      message:"*timeout*" -> timeouts, {{ error.type }}
      path:/checkout/* status:5xx -> checkout-5xx
      error.type:* -> everything-else
    `);
    const chunk = fingerprintEvent(
      {
        ...buildError(appFrames('a', 1), 'ChunkLoadError', 'Loading chunk 12 failed'),
        fingerprint: ['ignored'],
      },
      projectRules,
    )!;
    expect(chunk.basis).toBe('project_rule');
    expect(chunk.components).toEqual(['chunk-load-error']);
    expect(chunk.title).toBe('Chunk failed to load');
    expect(chunk.rule).toEqual({
      line: 2,
      source: 'error.type:ChunkLoadError -> chunk-load-error title="Chunk failed to load"',
    });

    const timeout = fingerprintEvent(
      buildError(appFrames('a', 1), 'AxiosError', 'timeout of 30000ms exceeded'),
      projectRules,
    )!;
    expect(timeout.components).toEqual(['timeouts', 'AxiosError']);

    const checkout = fingerprintEvent(
      buildEvent({
        type: 'network',
        request: { url: 'https://shop.example/checkout/pay', method: 'POST', status: 502 },
      }),
      projectRules,
    )!;
    expect(checkout.components).toEqual(['checkout-5xx']);
    expect(checkout.kind).toBe('network');
  });

  it('never throws on arbitrary events', () => {
    const anyFrame = fc.record(
      {
        function: fc.string({ maxLength: 40 }),
        filename: fc.oneof(fc.string({ maxLength: 80 }), fc.webUrl()),
        lineno: fc.nat(),
        colno: fc.nat(),
        in_app: fc.boolean(),
        module: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: [] },
    );
    const anyEvent = fc.record(
      {
        type: fc.constantFrom(...EVENT_TYPES),
        exception: fc.record({
          type: fc.string({ maxLength: 30 }),
          value: fc.string({ maxLength: 200 }),
          frames: fc.array(anyFrame, { maxLength: 10 }),
          stack: fc.string({ maxLength: 300 }),
        }),
        message: fc.record({ formatted: fc.string({ maxLength: 200 }) }),
        request: fc.record({
          url: fc.oneof(fc.webUrl(), fc.string()),
          method: fc.string({ maxLength: 8 }),
          status: fc.integer({ min: 0, max: 999 }),
        }),
        click: fc.record({ selector: fc.string({ maxLength: 60 }) }),
        url: fc.oneof(fc.webUrl(), fc.string()),
        route: fc.string({ maxLength: 40 }),
        fingerprint: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        level: fc.constantFrom('debug', 'info', 'warning', 'error', 'fatal'),
      },
      { requiredKeys: ['type'] },
    );
    const projectRules = rules(
      'message:"*x*" -> x\nfunction:a* -> {{ function }}, {{ module }}\nstatus:5xx -> s',
    );
    fc.assert(
      fc.property(anyEvent, (partial) => {
        const event = buildEvent(partial as Partial<IngestEvent>);
        const fp = fingerprintEvent(event, projectRules);
        if (fp !== null) expect(fp.hash).toMatch(/^[0-9a-f]{32}$/);
        expect(fingerprintEvent(event, projectRules)).toEqual(fp);
      }),
      { numRuns: 500 },
    );
  });
});
