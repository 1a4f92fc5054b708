#!/usr/bin/env node
/**
 * The demo shop: static pages, a tiny API whose checkout fails for gift-wrapped orders and can be
 * slowed during one hour of the day, the shop's code bundled and minified with a source map, and
 * the Closeloop browser SDK (script-tag build; with session replay and the feedback widget when
 * replay is asked) built on the fly from packages/sdk-browser/src with esbuild.
 *
 *   CLOSELOOP_DSN=http://<key>@localhost:4000/<id> node examples/shop/serve.mjs   # → http://localhost:5050
 *   SHOP_REPLAY=session                      record every session (or on-error: buffer, send on error)
 *   SLOW_CHECKOUT_HOUR=12 SLOW_CHECKOUT_TZ=America/New_York SLOW_CHECKOUT_MS=4000
 *                                            POST /api/checkout takes 4 s more from 12:00 to 12:59 there
 *
 * Also used by packages/web/e2e/shop-monitoring.test.ts through `startShop()`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const sdkRoot = join(here, '../../packages/sdk-browser');

const PRODUCTS = [
  { sku: 'TR-101', name: 'Ridge rain jacket', price: 14900, color: '#2f6f5e' },
  { sku: 'TR-102', name: 'Trail runner shoes', price: 12900, color: '#b5562f' },
  { sku: 'TR-103', name: 'Merino base layer', price: 7900, color: '#4a5a8a' },
  { sku: 'TR-104', name: 'Summit backpack 30 L', price: 11900, color: '#8a7a3a' },
  { sku: 'TR-105', name: 'Wool hiking socks', price: 1900, color: '#6a3a5a' },
  { sku: 'TR-106', name: 'Insulated bottle', price: 3400, color: '#3a7a8a' },
];

/**
 * Resolves the feedback widget's import to `./widget.js` served next to the SDK, as
 * packages/sdk-browser/build.ts does: the widget's UI loads only when it is first shown.
 */
const widgetOutside = {
  name: 'feedback-widget-outside',
  setup(b) {
    b.onResolve({ filter: /[/\\]feedback[/\\]widget\.ts$/ }, () => ({ path: './widget.js', external: true }));
  },
};

/**
 * The SDK's IIFE, built like packages/sdk-browser/build.ts does; falls back to its dist/ build.
 * `replay`: the build with session replay (rrweb's recorder inlined) and the feedback widget
 * (src/sdk-feedback.ts, whose dialog UI is `widget`, served as /widget.js), as
 * dist/feedback/closeloop.feedback.iife.js.
 * @returns {Promise<{ sdk: string, widget: string | null }>}
 */
async function buildSdk(replay) {
  try {
    const { version } = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8'));
    const common = {
      absWorkingDir: sdkRoot,
      bundle: true,
      minify: true,
      write: false,
      target: ['es2022'],
      platform: 'browser',
      legalComments: 'none',
      define: { __DEBUG__: 'false', __SDK_VERSION__: JSON.stringify(version) },
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      alias: existsSync(join(sdkRoot, 'stackframe-shim.cjs')) ? { stackframe: './stackframe-shim.cjs' } : {},
      logLevel: 'silent',
    };
    const [sdk, widget] = await Promise.all([
      build({
        ...common,
        entryPoints: [replay ? 'src/sdk-feedback.ts' : 'src/sdk.ts'],
        format: 'iife',
        globalName: 'Closeloop',
        plugins: [widgetOutside],
      }),
      replay ? build({ ...common, entryPoints: ['src/feedback/widget.ts'], format: 'esm' }) : null,
    ]);
    return { sdk: sdk.outputFiles[0].text, widget: widget ? widget.outputFiles[0].text : null };
  } catch (e) {
    const dist = join(
      sdkRoot,
      replay ? 'dist/feedback/closeloop.feedback.iife.js' : 'dist/closeloop.iife.js',
    );
    const widget = join(sdkRoot, 'dist/feedback/widget.js');
    if (existsSync(dist))
      return {
        sdk: readFileSync(dist, 'utf8'),
        widget: replay && existsSync(widget) ? readFileSync(widget, 'utf8') : null,
      };
    throw e;
  }
}

/**
 * The SDK exactly as packages/sdk-browser/build.ts ships it, from its output folder `dist`
 * (bench/sdk-main-thread.ts measures the published bytes, not this file's own build of them).
 * @returns {{ sdk: string, widget: string | null }}
 */
function readDist(dist, replay) {
  const file = (name) => readFileSync(join(dist, name), 'utf8');
  return replay
    ? { sdk: file('feedback/closeloop.feedback.iife.js'), widget: file('feedback/widget.js') }
    : { sdk: file('closeloop.iife.js'), widget: null };
}

/** The shop's own code, minified with an external source map (sourcesContent included). */
async function buildApp() {
  const out = await build({
    entryPoints: [join(here, 'src/app.js')],
    bundle: true,
    minify: true,
    sourcemap: 'external',
    write: false,
    outfile: join(here, 'out/app.min.js'),
    format: 'iife',
    target: ['es2022'],
    logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = out.outputFiles.find((f) => f.path.endsWith('.map'));
  return { js: `${js.text}//# sourceMappingURL=app.min.js.map\n`, map: map.text };
}

/** The hour (0–23) of `at` in `timeZone`. */
export function hourIn(at, timeZone) {
  const h = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at);
  return Number(h);
}

function slowCheckoutFromEnv(env) {
  if (env.SLOW_CHECKOUT_HOUR === undefined) return undefined;
  return {
    hour: Number(env.SLOW_CHECKOUT_HOUR),
    timeZone: env.SLOW_CHECKOUT_TZ ?? 'UTC',
    delayMs: Number(env.SLOW_CHECKOUT_MS ?? 4000),
  };
}

const readBody = (req) =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(''));
  });

/**
 * Starts the shop. `dsn` (default CLOSELOOP_DSN) is served in /config.js; `?dsn=` in the page URL wins.
 * `slowCheckout` is the switch of the checkout story: POST /api/checkout takes `delayMs` longer while
 * `now()` (default Date.now; a simulation passes its own clock) is in `hour` of `timeZone`.
 * @param {import('./serve.d.mts').ShopOptions} [opts]
 */
export async function startShop(opts = {}) {
  const replay = opts.replay ?? process.env.SHOP_REPLAY ?? null;
  const slow = opts.slowCheckout ?? slowCheckoutFromEnv(process.env);
  const now = opts.now ?? Date.now;
  const baseDelayMs = opts.checkoutMs ?? 120;
  const [sdk, app] = await Promise.all([
    opts.sdkDist ? readDist(opts.sdkDist, replay !== null) : buildSdk(replay !== null),
    buildApp(),
  ]);
  const config = {
    dsn: opts.dsn ?? process.env.CLOSELOOP_DSN ?? null,
    release: opts.release ?? process.env.SHOP_RELEASE ?? 'shop@1.0.0',
    environment: opts.environment ?? 'development',
    replay,
    tracesSampleRate: opts.tracesSampleRate ?? 1,
  };
  const index = readFileSync(join(here, 'public/index.html'));
  const files = {
    '/': ['text/html', index],
    '/index.html': ['text/html', index],
    // The shop's pages are routes of one document (history.pushState); a reload serves it again.
    '/checkout': ['text/html', index],
    '/order/confirmed': ['text/html', index],
    '/style.css': ['text/css', readFileSync(join(here, 'public/style.css'))],
    '/config.js': ['text/javascript', `window.SHOP_CONFIG = ${JSON.stringify(config)};\n`],
    '/closeloop.js': ['text/javascript', sdk.sdk],
    ...(sdk.widget ? { '/widget.js': ['text/javascript', sdk.widget] } : {}),
    '/app.min.js': ['text/javascript', app.js],
    '/app.min.js.map': ['application/json', app.map],
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/api/products') return send(200, 'application/json', JSON.stringify(PRODUCTS));
    if (path === '/api/checkout' && req.method === 'POST') {
      void readBody(req).then((text) => {
        let order = {};
        try {
          order = JSON.parse(text);
        } catch {
          // an empty order: answered like any other
        }
        const slowNow = slow && hourIn(now(), slow.timeZone) === slow.hour;
        const delay = baseDelayMs + (slowNow ? slow.delayMs : 0);
        setTimeout(() => {
          // The payment provider rejects gift-wrapped orders: the failed-request bug of the demo.
          if (order.giftWrap === true)
            return send(500, 'application/json', JSON.stringify({ error: 'payment provider timeout' }));
          const orderNumber = `TH-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
          send(200, 'application/json', JSON.stringify({ orderNumber }));
        }, delay);
      });
      return;
    }
    const file = files[path];
    if (file && req.method === 'GET') return send(200, file[0], file[1]);
    send(404, 'text/plain', 'Not found');
  });
  const port = opts.port ?? Number(process.env.PORT ?? 5050);
  const host = opts.host ?? '127.0.0.1';
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const addr = server.address();
  const url = `http://${host === '127.0.0.1' && !opts.host ? 'localhost' : host}:${addr.port}`;
  return {
    url,
    appMap: app.map,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const shop = await startShop();
  console.log(`Shop running at ${shop.url}`);
  console.log(
    process.env.CLOSELOOP_DSN
      ? `Reporting to ${process.env.CLOSELOOP_DSN}`
      : 'No CLOSELOOP_DSN set: open the page with ?dsn=<DSN printed by npm start>',
  );
}
