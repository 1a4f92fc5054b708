/**
 * Hand-written payloads shaped like what Sentry's SDKs send (@sentry/browser and @sentry/node,
 * versions 8-11), for tests. Builders take overrides so each test states only what it is about.
 */

export const EVENT_ID = '9ec79c33ec9942ab8353589fcb2e04dc';
export const REPLAY_ID = 'b2f0c1a54d0c4a3e9a1c3d2e4f5a6b7c';

export function buildBrowserErrorEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: EVENT_ID,
    timestamp: 1714557600.123,
    platform: 'javascript',
    level: 'error',
    release: 'shop-web@2.3.1',
    environment: 'production',
    exception: {
      values: [
        {
          type: 'TypeError',
          value: "Cannot read properties of undefined (reading 'total')",
          stacktrace: {
            frames: [
              {
                filename: 'https://shop.example.com/assets/vendor-3f2a.js',
                function: 'HTMLButtonElement.r',
                lineno: 2,
                colno: 31044,
                in_app: false,
              },
              {
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
              },
            ],
          },
          mechanism: { type: 'onerror', handled: false },
        },
      ],
    },
    request: {
      url: 'https://shop.example.com/checkout?step=pay',
      headers: {
        'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0',
        Referer: 'https://shop.example.com/cart',
      },
    },
    user: { id: 42, email: 'ada@example.com', ip_address: '{{auto}}', segment: 'vip' },
    tags: { 'browser.name': 'Chrome', route: '/checkout' },
    contexts: {
      browser: { name: 'Chrome', version: '126.0.0' },
      os: { name: 'Linux' },
      device: { family: 'Desktop' },
      trace: { trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' },
      replay: { replay_id: REPLAY_ID },
    },
    breadcrumbs: {
      values: [
        { timestamp: 1714557590.5, category: 'navigation', data: { from: '/cart', to: '/checkout' } },
        { timestamp: 1714557595.25, type: 'default', category: 'ui.click', message: 'button#pay' },
        {
          timestamp: 1714557596,
          type: 'http',
          category: 'fetch',
          data: { method: 'POST', url: '/api/orders', status_code: 500 },
          level: 'error',
        },
        { timestamp: 1714557597, category: 'console', level: 'warning', message: 'retrying payment' },
      ],
    },
    transaction: '/checkout',
    sdk: { name: 'sentry.javascript.browser', version: '11.12.0', integrations: ['BrowserSession'] },
    extra: { cartSize: 3 },
    ...overrides,
  };
}

export function buildNodeMessageEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: '3f5b0b5a4f7e4b6e8f1c2d3e4a5b6c7d',
    timestamp: '2024-05-01T10:00:00.500Z',
    platform: 'node',
    level: 'warning',
    logentry: { message: 'payment gateway %s took %dms', params: ['stripe', 2300] },
    server_name: 'api-7',
    fingerprint: ['{{ default }}', 'payments'],
    tags: [
      ['region', 'eu'],
      ['shard', 3],
    ],
    contexts: { runtime: { name: 'node', version: 'v20.19.0' }, os: { name: 'Linux', version: '6.1' } },
    sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
    ...overrides,
  };
}

export function buildTransactionEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: 'aa11bb22cc33dd44ee55ff6600112233',
    type: 'transaction',
    platform: 'javascript',
    transaction: '/checkout',
    transaction_info: { source: 'route' },
    start_timestamp: 1714557600.0,
    timestamp: 1714557602.5,
    release: 'shop-web@2.3.1',
    environment: 'production',
    contexts: {
      trace: {
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: 'b7ad6b7169203331',
        op: 'pageload',
        status: 'ok',
      },
    },
    measurements: {
      lcp: { value: 2412.5, unit: 'millisecond' },
      fcp: { value: 812, unit: 'millisecond' },
      cls: { value: 0.12, unit: '' },
    },
    spans: [
      {
        span_id: 'c1',
        parent_span_id: 'b7ad6b7169203331',
        op: 'http.client',
        description: 'GET /api/cart',
        start_timestamp: 1714557600.1,
        timestamp: 1714557600.9,
        status: 'ok',
      },
    ],
    sdk: { name: 'sentry.javascript.browser', version: '11.12.0' },
    ...overrides,
  };
}
