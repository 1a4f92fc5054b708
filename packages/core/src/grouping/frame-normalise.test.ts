import { describe, expect, it } from 'vitest';
import {
  frameGroupingKey,
  frameIdentity,
  isInApp,
  moduleFromPath,
  normaliseFunction,
} from './frame-normalise.ts';

describe('moduleFromPath', () => {
  it.each([
    ['https://cdn.shop.example/static/js/app.3f9a1c2b.js?v=7#x', 'static/js/app'],
    ['https://shop.example/assets/chunk-ABCD1234.js', 'assets/chunk'],
    ['https://shop.example/assets/index-DiwrgTda.js', 'assets/index'],
    ['https://shop.example/assets/index-B-x3Fa9Q.js', 'assets/index'],
    ['https://shop.example/assets/user-settings.js', 'assets/user-settings'],
    ['https://shop.example/static/js/827.3f9a1c2b.chunk.js', 'static/js/<int>.chunk'],
    ['https://shop.example/static/js/main.min.js', 'static/js/main'],
    [
      'https://shop.example/_next/static/a1B2c3D4e5F6g7H8i9J0k/pages/checkout-5f2a9c8d11.js',
      'static/pages/checkout',
    ],
    ['https://shop.example/v2/1.4.0/app.js', 'app'],
    ['https://shop.example/assets/3f9a1c2b.js', 'assets/<chunk>'],
    ['https://shop.example/builds/9f86d081-884c-4d63-9a4e-1b2c3d4e5f60/app.js', 'builds/app'],
    ['webpack://shop/./src/pages/Checkout.tsx', 'src/pages/Checkout'],
    ['webpack-internal:///./src/cart.ts', 'src/cart'],
    ['/srv/shop/releases/20240611/src/db.js', 'releases/src/db'],
    ['/home/ci/work/shop/node_modules/.pnpm/pg@8.11.0/node_modules/pg/lib/client.js', 'pg/lib/client'],
    [
      '/app/node_modules/react-dom@18.2.0/cjs/react-dom.production.min.js',
      'react-dom/cjs/react-dom.production',
    ],
    ['node:internal/process/task_queues', 'internal/process/task_queues'],
    ['C:\\shop\\src\\win.js', 'shop/src/win'],
    ['[native code]', '[native]'],
    ['<anonymous>', '<unknown>'],
    ['', '<unknown>'],
  ])('%s → %s', (path, module) => {
    expect(moduleFromPath(path)).toBe(module);
  });

  it('gives two builds of the same bundle the same module', () => {
    expect(moduleFromPath('https://cdn-a.example/assets/index-DiwrgTda.js')).toBe(
      moduleFromPath('https://cdn-b.example/assets/index-C7kLm2Qp.js'),
    );
    expect(moduleFromPath('https://shop.example/static/js/main.3f9a1c2b.js')).toBe(
      moduleFromPath('https://shop.example/static/js/main.91c0d7e4.js'),
    );
  });
});

describe('normaliseFunction', () => {
  it.each([
    ['computeTotal', 'computeTotal', false],
    ['async submitOrder', 'submitOrder', false],
    ['new CheckoutForm', 'CheckoutForm', false],
    ['Object.<anonymous>', null, true],
    ['HTMLButtonElement.<anonymous>', null, true],
    ['<anonymous>', null, true],
    ['global code', null, true],
    ['Module.handleClick', 'handleClick', false],
    ['Object.handler', 'handler', false],
    ['fn [as handler]', 'fn', true],
    ['CheckoutPage/render/<', 'render', false],
    ['async*submitOrder', 'submitOrder', false],
    ['promise callback*load', 'load', false],
    ['_utils__WEBPACK_IMPORTED_MODULE_0__.formatPrice', 'formatPrice', false],
    ['__vite_ssr_import_3__.formatPrice', 'formatPrice', false],
    ['formatPrice$1', 'formatPrice', false],
    ['Array.reduce', 'Array.reduce', false],
    ['t', 't', true],
    ['Ae', 'Ae', true],
    ['r.n', 'r.n', true],
    [undefined, null, true],
  ])('%s → %s (weak: %s)', (raw, name, weak) => {
    expect(normaliseFunction(raw)).toEqual({ name, weak });
  });
});

describe('isInApp', () => {
  it('trusts in_app when the SDK set it', () => {
    expect(isInApp({ filename: '/app/node_modules/x.js', in_app: true })).toBe(true);
    expect(isInApp({ filename: '/app/src/x.js', in_app: false })).toBe(false);
  });

  it.each([
    ['https://shop.example/assets/index-DiwrgTda.js', true],
    ['/srv/shop/src/db.js', true],
    ['webpack://shop/./src/cart.ts', true],
    ['/srv/shop/node_modules/pg/lib/client.js', false],
    ['node:internal/process/task_queues', false],
    ['internal/process/task_queues.js', false],
    ['chrome-extension://abcdefghijklmnop/content.js', false],
    ['moz-extension://2b4d6f8a/content.js', false],
    ['safari-web-extension://E0C8/script.js', false],
    ['[native code]', false],
    ['<anonymous>', false],
    ['https://shop.example/node_modules/.vite/deps/react-dom.js?v=3f9a1c2b', false],
    ['https://shop.example/@vite/client', false],
    ['https://cdn.closeloop.example/closeloop.min.js', false],
    ['/srv/shop/node_modules/@sentry/node/build/cjs/index.js', false],
    ['https://browser.sentry-cdn.com/8.0.0/bundle.min.js', true],
  ])('%s → %s', (filename, expected) => {
    expect(isInApp({ filename })).toBe(expected);
  });

  it('is false for a frame without a file', () => {
    expect(isInApp({ function: 'x' })).toBe(false);
  });
});

describe('frameIdentity', () => {
  it('ignores line and column numbers', () => {
    const a = frameIdentity({
      function: 'computeTotal',
      filename: 'https://x.example/a.1111aaaa.js',
      lineno: 1,
      colno: 2,
    });
    const b = frameIdentity({
      function: 'computeTotal',
      filename: 'https://y.example/a.2222bbbb.js',
      lineno: 9,
      colno: 7,
    });
    expect(a).toEqual(b);
    expect(frameGroupingKey(a)).toBe('a:computeTotal');
  });

  it('uses the module alone for weak frames', () => {
    expect(frameGroupingKey(frameIdentity({ function: 'Ae', filename: 'https://x.example/main.js' }))).toBe(
      'main:?',
    );
  });

  it('prefers the module the SDK sent', () => {
    expect(frameIdentity({ module: 'app.handlers:users', filename: '/srv/a/b.js' }).module).toBe(
      'app.handlers/users',
    );
  });
});
