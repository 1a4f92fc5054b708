/**
 * The script-tag build in real headless Chromium. A tiny page server (origin A) serves a test
 * page and the IIFE; a second server (origin B, so CORS is exercised like in production)
 * stands in for the ingest endpoint and records every batch. Every received event must pass
 * the contract's `ingestEventSchema`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type IngestEvent, ingestBatchSchema, ingestEventSchema } from '@closeloop/shared/ingest/event';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSdk } from '../build.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) {
  console.warn(`\n!!! ${CHROMIUM} not found: SKIPPING the browser SDK test in real Chromium !!!\n`);
}

interface Post {
  at: number;
  contentType: string;
  contentEncoding: string;
  status: number;
  events: IngestEvent[];
  invalid: string[];
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const portOf = (server: Server) => (server.address() as AddressInfo).port;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Stand-in for POST /api/ingest/v1/events: validates, records, answers 202 (or 429 once when asked). */
function createRecorder() {
  const posts: Post[] = [];
  /** Answer 429 (Retry-After: 1) to the next batch this matches. */
  const state: { rateLimit?: (events: IngestEvent[]) => boolean } = {};
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
    // Without this a cross-origin page cannot read Retry-After (not a CORS-safelisted header).
    'Access-Control-Expose-Headers': 'Retry-After',
  };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (
      req.method !== 'POST' ||
      url.pathname !== '/api/ingest/v1/events' ||
      url.searchParams.get('key') !== 'pk'
    ) {
      res.writeHead(404, cors).end();
      return;
    }
    let raw = await readBody(req);
    const contentEncoding = String(req.headers['content-encoding'] ?? '');
    if (contentEncoding === 'gzip') raw = gunzipSync(raw);
    const batch = ingestBatchSchema.parse(JSON.parse(raw.toString('utf8')));
    const events: IngestEvent[] = [];
    const invalid: string[] = [];
    for (const e of batch.events) {
      const parsed = ingestEventSchema.safeParse(e);
      if (parsed.success) events.push(parsed.data);
      else invalid.push(`${JSON.stringify(e).slice(0, 300)} → ${parsed.error.message}`);
    }
    const status = state.rateLimit?.(events) ? 429 : 202;
    if (status === 429) state.rateLimit = undefined;
    posts.push({
      at: Date.now(),
      contentType: String(req.headers['content-type'] ?? ''),
      contentEncoding,
      status,
      events,
      invalid,
    });
    if (status === 429) res.writeHead(429, { ...cors, 'Retry-After': '1' }).end();
    else
      res
        .writeHead(202, { ...cors, 'Content-Type': 'application/json' })
        .end(JSON.stringify({ accepted: events.length, rejected: [] }));
  };
  const accepted = () => posts.filter((p) => p.status === 202).flatMap((p) => p.events);
  return { posts, state, accepted, handler };
}

function testPage(ingestPort: number): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>SDK test</title>
<script src="/closeloop.iife.js"></script>
<script>
  Closeloop.init({
    dsn: 'http://pk@127.0.0.1:${ingestPort}/1',
    release: 'shop@1.0.0',
    environment: 'test',
    user: { id: 'user-1' },
    slowRequestMs: 300,
  });
</script></head>
<body>
  <h1>Checkout</h1>
  <button id="throw" onclick="throw new Error('boom from button')">throw</button>
  <button id="reject" onclick="Promise.reject(new Error('rejected on purpose'))">reject</button>
  <button id="console" onclick="console.error('console boom', new Error('logged error'))">console</button>
  <button id="fetch" onclick="fetch('/api/fail')">fetch</button>
  <button id="slow" onclick="fetch('/api/slow')">slow</button>
  <button id="xhr" onclick="var x = new XMLHttpRequest(); x.open('POST', '/api/fail'); x.send('{}')">xhr</button>
  <button id="rage" onclick="">rage</button>
  <button id="dead">dead</button>
  <button id="alive" onclick="document.getElementById('out').textContent = 'clicked'">alive</button>
  <button id="route" onclick="history.pushState({}, '', '/checkout/payment')">route</button>
  <p id="out"></p>
</body></html>`;
}

/**
 * A page that throws and fails a request while it is still loading, right after `init()`: before
 * the SDK's deferred start-up work (restoring the offline queue) has run at idle time after load.
 */
function earlyPage(ingestPort: number): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Early</title>
<script src="/closeloop.iife.js"></script>
<script>
  Closeloop.init({ dsn: 'http://pk@127.0.0.1:${ingestPort}/1', release: 'shop@1.0.0', environment: 'test' });
  // Still in storage: init() did not read the previous page's queue.
  window.queueAfterInit = localStorage.getItem('closeloop.queue.pk');
  fetch('/api/fail');
</script>
<script>throw new Error('thrown while loading');</script>
</head><body><h1>Loading</h1></body></html>`;
}

describe.runIf(hasChromium || process.env.CI)('browser SDK in headless Chromium', () => {
  let browser: Browser;
  let pageServer: Server;
  let ingestServer: Server;
  const recorder = createRecorder();
  let pageUrl: string;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is required when CI is set`);
    await buildSdk();
    const iife = readFileSync(join(import.meta.dirname, '..', 'dist', 'closeloop.iife.js'));
    ingestServer = await listen((req, res) => void recorder.handler(req, res));
    const html = testPage(portOf(ingestServer));
    const early = earlyPage(portOf(ingestServer));
    pageServer = await listen((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/closeloop.iife.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(iife);
      else if (path === '/api/fail') res.writeHead(500).end('nope');
      else if (path === '/api/slow') setTimeout(() => res.writeHead(200).end('ok'), 450);
      else if (path === '/early') res.writeHead(200, { 'Content-Type': 'text/html' }).end(early);
      else res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    });
    pageUrl = `http://127.0.0.1:${portOf(pageServer)}/checkout`;
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

  async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = fn();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function hide(page: Page) {
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
  }

  it('captures errors, requests, frustration and navigation, all contract-valid', async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pageUrl);

    await page.click('#throw');
    await page.click('#reject');
    await page.click('#console');
    await page.click('#fetch');
    await page.click('#slow');
    await page.click('#xhr');
    const box = (await page.locator('#rage').boundingBox())!;
    for (let i = 0; i < 4; i++) await page.mouse.click(box.x + 5 + i, box.y + 5, { delay: 10 });
    // Any DOM change anywhere answers every pending click, so nothing else happens during this wait.
    await page.click('#dead');
    await page.waitForTimeout(1_300);
    await page.click('#alive');
    await page.click('#route');
    await page.waitForTimeout(1_500); // dead-click and rage-click windows close
    expect(
      await page.evaluate(() =>
        (window as unknown as { Closeloop: { flush(): Promise<boolean> } }).Closeloop.flush(),
      ),
    ).toBe(true);

    const byType = (type: string) => recorder.accepted().filter((e) => e.type === type);
    await waitFor('dead click', () => byType('dead_click').length > 0).catch((error) => {
      throw new Error(`${error.message}; received ${recorder.accepted().map((e) => e.type)}`);
    });

    for (const post of recorder.posts) expect(post.invalid, post.invalid.join('\n')).toEqual([]);
    const all = recorder.accepted();

    // Every event carries the session, page and environment.
    const sessions = new Set(all.map((e) => e.session_id));
    expect(sessions.size).toBe(1);
    expect([...sessions][0]).toMatch(/^[0-9a-f]{32}$/);
    for (const e of all) {
      expect(e).toMatchObject({
        platform: 'browser',
        release: 'shop@1.0.0',
        environment: 'test',
        user: { id: 'user-1' },
      });
      expect(e.url).toContain('127.0.0.1');
      expect(e.route?.startsWith('/checkout')).toBe(true);
      expect(e.contexts?.browser?.name).toBe('Chrome');
      expect(e.sdk?.name).toBe('closeloop-browser');
    }

    const errors = byType('error');
    const thrown = errors.find((e) => e.exception?.value === 'boom from button');
    expect(thrown?.exception?.mechanism).toEqual({ type: 'onerror', handled: false });
    expect(thrown?.exception?.frames.at(-1)).toMatchObject({ in_app: true, lineno: expect.any(Number) });
    expect(thrown?.breadcrumbs?.some((b) => b.type === 'click' && b.message?.includes('#throw'))).toBe(true);
    const rejected = errors.find((e) => e.exception?.value === 'rejected on purpose');
    expect(rejected?.exception?.mechanism?.type).toBe('onunhandledrejection');

    const consoleEvent = byType('console')[0];
    expect(consoleEvent?.message?.formatted).toContain('console boom');
    expect(consoleEvent?.exception?.value).toBe('logged error');

    const network = byType('network');
    const failedFetch = network.find(
      (e) => e.request?.method === 'GET' && e.request.url.endsWith('/api/fail'),
    );
    expect(failedFetch).toMatchObject({
      level: 'error',
      request: { status: 500 },
      tags: { 'network.problem': 'failed' },
    });
    const failedXhr = network.find(
      (e) => e.request?.method === 'POST' && e.request.url.endsWith('/api/fail'),
    );
    expect(failedXhr?.request?.status).toBe(500);
    const slow = network.find((e) => e.request?.url.endsWith('/api/slow'));
    expect(slow).toMatchObject({ level: 'warning', tags: { 'network.problem': 'slow' } });
    expect(slow?.request?.duration_ms).toBeGreaterThanOrEqual(300);
    // The SDK's own ingest requests are never reported.
    expect(network.filter((e) => e.request?.url.includes('/api/ingest/'))).toEqual([]);

    const rage = byType('rage_click');
    expect(rage).toHaveLength(1);
    expect(rage[0]?.click).toMatchObject({ selector: 'button#rage', text: 'rage', count: 4 });
    // Click times travel with the report (wall clock): a burst of four clicks within a second,
    // reported when the next click elsewhere ends it; a dead click a second or more after it was
    // made. The server joins clicks and failures by these times, not by the report's.
    const burst = rage[0]!.click!;
    expect(burst.ended_at! - burst.started_at!).toBeGreaterThan(0);
    expect(burst.ended_at! - burst.started_at!).toBeLessThan(1_000);
    expect(rage[0]!.timestamp).toBeGreaterThanOrEqual(burst.ended_at!);
    const deadClick = byType('dead_click').find((e) => e.click?.selector === 'button#dead')!;
    expect(deadClick.click?.started_at).toBe(deadClick.click?.ended_at);
    expect(deadClick.timestamp - deadClick.click!.started_at!).toBeGreaterThanOrEqual(1_000);
    const dead = byType('dead_click').map((e) => e.click?.selector);
    expect(dead).toContain('button#dead');
    expect(dead).not.toContain('button#alive');
    expect(dead).not.toContain('button#fetch'); // a request is a reaction
    expect(dead).not.toContain('button#route'); // so is a navigation

    const route = byType('route_change')[0];
    expect(route).toMatchObject({ route: '/checkout/payment', extra: { from: '/checkout' } });

    const load = byType('page_load')[0];
    expect(load?.timing?.load).toBeGreaterThan(0);
    expect(load?.timing?.ttfb).toBeGreaterThanOrEqual(0);
    expect(byType('vital').map((e) => e.vital?.name)).toEqual(expect.arrayContaining(['TTFB', 'FCP']));

    // The page only saw the errors it threw itself: the SDK added none.
    expect(pageErrors.sort()).toEqual(['boom from button', 'rejected on purpose']);

    // Page hide: what is still queued goes out with keepalive (uncompressed JSON), vitals included.
    const before = recorder.posts.length;
    await page.evaluate(() =>
      (window as unknown as { Closeloop: { captureMessage(m: string): void } }).Closeloop.captureMessage(
        'sent on hide',
      ),
    );
    await hide(page);
    const hidePost = await waitFor('batch sent on hide', () =>
      recorder.posts.slice(before).find((p) => p.events.some((e) => e.message?.formatted === 'sent on hide')),
    );
    expect(hidePost.contentEncoding).toBe('');
    expect(hidePost.invalid).toEqual([]);
    const vitals = recorder
      .accepted()
      .filter((e) => e.type === 'vital')
      .map((e) => e.vital?.name);
    expect(vitals).toEqual(expect.arrayContaining(['LCP', 'CLS']));
    await page.close();
  }, 60_000);

  it('captures what happens while the page loads, before the deferred start-up work, and the stored queue', async () => {
    const context = await browser.newContext();
    // A previous page of this origin left one unsent event in the offline queue.
    const storedId = 'e'.repeat(32);
    await context.addInitScript((id) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem(
          'closeloop.queue.pk',
          JSON.stringify([
            {
              event_id: id,
              type: 'message',
              level: 'info',
              timestamp: Date.now() - 60_000,
              platform: 'browser',
              message: { formatted: 'left by the previous page' },
            },
          ]),
        );
      }
    }, storedId);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pageUrl.replace('/checkout', '/early'));
    expect(
      await page.evaluate(() => (window as unknown as { queueAfterInit: string | null }).queueAfterInit),
    ).toContain(storedId);
    const events = () =>
      recorder.accepted().filter((e) => e.url?.includes('/early') || e.event_id === storedId);
    await waitFor('early error, failed request, stored event and vitals', () => {
      const got = events();
      return (
        got.some((e) => e.exception?.value === 'thrown while loading') &&
        got.some((e) => e.type === 'network' && e.request?.url.endsWith('/api/fail')) &&
        got.some((e) => e.event_id === storedId) &&
        got.some((e) => e.type === 'vital' && e.vital?.name === 'FCP')
      );
    }).catch((error) => {
      throw new Error(`${error.message}; received ${events().map((e) => `${e.type} ${e.event_id}`)}`);
    });
    const thrown = events().find((e) => e.exception?.value === 'thrown while loading');
    expect(thrown?.exception?.mechanism).toEqual({ type: 'onerror', handled: false });
    expect(thrown?.contexts?.browser?.name).toBe('Chrome');
    expect(await page.evaluate(() => localStorage.getItem('closeloop.queue.pk'))).toBeNull();
    expect(pageErrors).toEqual(['thrown while loading']);
    await context.close();
  }, 60_000);

  it('backs off on 429 and resends the same events after Retry-After', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    const start = recorder.posts.length;
    recorder.state.rateLimit = (events) => events.some((e) => e.message?.formatted === 'rate limited once');
    const flushed = await page.evaluate(() => {
      const sdk = (
        window as unknown as { Closeloop: { captureMessage(m: string): string; flush(): Promise<boolean> } }
      ).Closeloop;
      sdk.captureMessage('rate limited once');
      return sdk.flush();
    });
    expect(flushed).toBe(false);
    const limited = recorder.posts.slice(start).find((p) => p.status === 429);
    expect(limited).toBeDefined();
    const ids = limited?.events.map((e) => e.event_id) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    const retried = await waitFor('retry after 429', () =>
      recorder.posts
        .slice(start + 1)
        .find((p) => p.status === 202 && p.events.some((e) => ids.includes(e.event_id))),
    );
    expect(retried.at - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(retried.events.map((e) => e.event_id)).toEqual(expect.arrayContaining(ids));
    // The rejected request did not turn into a network event about the SDK itself.
    expect(
      recorder.accepted().filter((e) => e.type === 'network' && e.request?.url.includes('/api/ingest/')),
    ).toEqual([]);
    await page.close();
  }, 60_000);
});
