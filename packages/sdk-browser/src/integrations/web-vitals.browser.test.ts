/**
 * Web vitals with `web-vitals` started late (when the page is idle after `load`), in real headless
 * Chromium. The pages also run Google's `web-vitals` the usual way, started before the SDK and
 * reporting every change (`reportAllChanges`): the reference the SDK's values must equal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk } from '../../build.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) {
  console.warn(`\n!!! ${CHROMIUM} not found: SKIPPING the web vitals test in real Chromium !!!\n`);
}

type Vitals = Record<string, number>;

/** Both pages start alike: web-vitals the usual way (the reference), then the SDK, then some text. */
function pageStart(ingestPort: number): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Product</title>
<script src="/web-vitals.js"></script>
<script>
  window.reference = {};
  for (const on of [webVitals.onLCP, webVitals.onCLS, webVitals.onINP, webVitals.onFCP])
    on((m) => { reference[m.name] = m.value; }, { reportAllChanges: true });
</script>
<script src="/closeloop.iife.js"></script>
<script>Closeloop.init({ dsn: 'http://pk@127.0.0.1:${ingestPort}/1', release: 'shop@1.0.0' });</script>
</head><body>
<h1>Trail runner shoes, size 44</h1>
<p>Lightweight, with a rock plate and a 6 mm drop.</p>`;
}

/**
 * A page whose `load` is held back by an image the server never answers, so the SDK's idle-time
 * start never comes. It paints, shifts its layout, throws while loading, and has a button whose
 * click handler blocks the main thread for 150 ms (an interaction long enough to be buffered).
 */
function leavingPage(ingestPort: number): string {
  return `${pageStart(ingestPort)}
<button id="slow" onclick="const t = performance.now(); while (performance.now() - t < 150);">Add to cart</button>
<img src="/never" width="10" height="10" alt="">
<script>
  setTimeout(() => {
    const banner = document.createElement('div');
    banner.style.height = '120px';
    banner.textContent = 'Free shipping';
    document.body.prepend(banner);
  }, 200);
</script>
<script>throw new Error('thrown while loading');</script>
</body></html>`;
}

/**
 * A page whose layout shifts twice before `load` (held back 2.5 s by a slow image), 1.4 s apart: two
 * CLS session windows, the first one larger. web-vitals started late sees them as one batch.
 */
function shiftingPage(ingestPort: number): string {
  return `${pageStart(ingestPort)}
<img src="/slow" width="10" height="10" alt="">
<script>
  const shift = (px, at) => setTimeout(() => {
    const banner = document.createElement('div');
    banner.style.height = px + 'px';
    document.body.prepend(banner);
  }, at);
  shift(200, 100);
  shift(20, 1500);
</script>
</body></html>`;
}

describe.runIf(hasChromium || process.env.CI)('web vitals in headless Chromium', () => {
  let browser: Browser;
  let pageServer: Server;
  let ingestServer: Server;
  const received: IngestEvent[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is required when CI is set`);
    const out = join(import.meta.dirname, '..', '..', 'dist');
    await buildSdk(out);
    const sdk = readFileSync(join(out, 'closeloop.iife.js'));
    const reference = await build({
      stdin: { contents: "export * from 'web-vitals';", resolveDir: import.meta.dirname },
      bundle: true,
      format: 'iife',
      globalName: 'webVitals',
      write: false,
      logLevel: 'silent',
    });
    const body = (req: IncomingMessage) =>
      new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks)));
      });
    ingestServer = await listen(async (req, res) => {
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type' };
      if (req.method !== 'POST') return void res.writeHead(204, cors).end();
      let raw = await body(req);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      received.push(...(JSON.parse(raw.toString('utf8')) as { events: IngestEvent[] }).events);
      res.writeHead(202, { ...cors, 'Content-Type': 'application/json' }).end('{}');
    });
    const ingestPort = (ingestServer.address() as AddressInfo).port;
    pageServer = await listen((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const js = { 'Content-Type': 'text/javascript' };
      if (path === '/closeloop.iife.js') res.writeHead(200, js).end(sdk);
      else if (path === '/web-vitals.js') res.writeHead(200, js).end(reference.outputFiles[0]?.text);
      else if (path === '/never')
        req.on('close', () => res.destroy()); // holds `load` back
      else if (path === '/slow') setTimeout(() => res.writeHead(404).end(), 2_500);
      else if (path === '/leaving')
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(leavingPage(ingestPort));
      else if (path === '/shifting')
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(shiftingPage(ingestPort));
      else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>next page</p>');
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    pageServer?.close();
    ingestServer?.close();
  });

  it('reports the vitals and the errors of a page left before it finished loading, with web-vitals’ values', async () => {
    const page = await browser.newPage();
    const origin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
    await page.goto(`${origin}/leaving`, { waitUntil: 'domcontentloaded' });
    const reference = () => page.evaluate(() => (window as unknown as { reference: Vitals }).reference);
    await expect.poll(async () => Object.keys(await reference()).sort()).toEqual(['CLS', 'FCP', 'LCP']);
    await expect.poll(async () => (await reference()).CLS).toBeGreaterThan(0);
    await page.click('#slow');
    await expect.poll(async () => (await reference()).INP).toBeGreaterThan(100);
    const expected = await reference();
    expect(await page.evaluate(() => document.readyState)).not.toBe('complete');

    await page.goto(`${origin}/next`); // unloads the page: pagehide, then hidden
    const fromLeaving = () => received.filter((e) => e.url?.includes('/leaving'));
    const vitals = () =>
      Object.fromEntries(
        fromLeaving()
          .filter((e) => e.type === 'vital')
          .map((e) => [e.vital?.name, e.vital?.value]),
      );
    await expect.poll(() => Object.keys(vitals()).sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
    expect(vitals()).toMatchObject(expected);
    expect(vitals().TTFB).toBeGreaterThanOrEqual(0);

    // Captured while loading, held in memory, and sent with the vitals: session and browser filled in.
    const thrown = fromLeaving().find((e) => e.exception?.value === 'thrown while loading');
    expect(thrown?.session_id).toMatch(/^[0-9a-f]{32}$/);
    expect(thrown?.contexts?.browser?.name).toBe('Chrome');
    expect(new Set(fromLeaving().map((e) => e.session_id)).size).toBe(1);
    await page.close();
  }, 60_000);

  it('reports the CLS of the largest session window when several ended before web-vitals started', async () => {
    const page = await browser.newPage();
    const origin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
    await page.goto(`${origin}/shifting`, { waitUntil: 'load' });
    await page.waitForTimeout(2_500); // web-vitals starts when idle after load (at most 2 s)
    const expected = await page.evaluate(() => (window as unknown as { reference: Vitals }).reference);
    expect(expected.CLS).toBeGreaterThan(0);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    const vitals = () =>
      Object.fromEntries(
        received
          .filter((e) => e.type === 'vital' && e.url?.includes('/shifting'))
          .map((e) => [e.vital?.name, e.vital?.value]),
      );
    await expect.poll(() => Object.keys(vitals()).sort()).toEqual(['CLS', 'FCP', 'LCP', 'TTFB']);
    expect(vitals()).toMatchObject(expected);
    await page.close();
  }, 60_000);
});

function listen(handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  return new Promise<Server>((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
