#!/usr/bin/env node
/**
 * The demo shop: static pages, a tiny API whose checkout fails, the shop's code bundled and
 * minified with a source map, and the Closeloop browser SDK (script-tag build) built on the fly
 * from packages/sdk-browser/src with esbuild.
 *
 *   CLOSELOOP_DSN=http://<key>@localhost:4000/<id> node examples/shop/serve.mjs   # → http://localhost:5050
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

/** The SDK's IIFE, built like packages/sdk-browser/build.ts does; falls back to its dist/ build. */
async function buildSdk() {
  try {
    const { version } = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8'));
    const out = await build({
      absWorkingDir: sdkRoot,
      entryPoints: ['src/sdk.ts'],
      bundle: true,
      minify: true,
      write: false,
      format: 'iife',
      globalName: 'Closeloop',
      target: ['es2022'],
      platform: 'browser',
      legalComments: 'none',
      define: { __DEBUG__: 'false', __SDK_VERSION__: JSON.stringify(version) },
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      alias: existsSync(join(sdkRoot, 'stackframe-shim.cjs')) ? { stackframe: './stackframe-shim.cjs' } : {},
      logLevel: 'silent',
    });
    return out.outputFiles[0].text;
  } catch (e) {
    const dist = join(sdkRoot, 'dist/closeloop.iife.js');
    if (existsSync(dist)) return readFileSync(dist, 'utf8');
    throw e;
  }
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

/**
 * Starts the shop. `dsn` (default CLOSELOOP_DSN) is served in /config.js; `?dsn=` in the page URL wins.
 * @param {{ port?: number, host?: string, dsn?: string, release?: string, environment?: string }} [opts]
 */
export async function startShop(opts = {}) {
  const [sdk, app] = await Promise.all([buildSdk(), buildApp()]);
  const config = {
    dsn: opts.dsn ?? process.env.CLOSELOOP_DSN ?? null,
    release: opts.release ?? process.env.SHOP_RELEASE ?? 'shop@1.0.0',
    environment: opts.environment ?? 'development',
  };
  const files = {
    '/': ['text/html', readFileSync(join(here, 'public/index.html'))],
    '/index.html': ['text/html', readFileSync(join(here, 'public/index.html'))],
    '/style.css': ['text/css', readFileSync(join(here, 'public/style.css'))],
    '/config.js': ['text/javascript', `window.SHOP_CONFIG = ${JSON.stringify(config)};\n`],
    '/closeloop.js': ['text/javascript', sdk],
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
      req.resume();
      // The payment provider "times out": the bug the checkout story is about.
      return setTimeout(
        () => send(500, 'application/json', JSON.stringify({ error: 'payment provider timeout' })),
        150,
      );
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
