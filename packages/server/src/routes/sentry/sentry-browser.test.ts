import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../store/dialect/dialect-name.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import {
  createProjectWithKey,
  dsnFor,
  type IssueSummary,
  issuesOf,
  listen,
  monitoringOf,
  waitForLog,
} from './sentry-test-kit.ts';

/**
 * The real @sentry/browser, bundled as it is, in headless Chromium on a page served from another
 * origin than Closeloop (so CORS is exercised as in production), reporting through a DSN made
 * from a Closeloop ingest key.
 */

const CHROMIUM = '/usr/bin/chromium';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is required in CI for the @sentry/browser test`);
  console.warn(`\n*** ${CHROMIUM} not found: the real @sentry/browser test is SKIPPED ***\n`);
}

async function bundleSentry(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import * as Sentry from '@sentry/browser'; window.Sentry = Sentry;",
      resolveDir: repoRoot,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const APP_JS = `
function renderCart(cart) {
  return cart.items.map((item) => item.price);
}
async function loadPrices(status) {
  await new Promise((resolve) => setTimeout(resolve, 1));
  throw new Error('price service unavailable: ' + status);
}
document.getElementById('boom').addEventListener('click', function onBoom() {
  renderCart(window.nextCart);
});
document.getElementById('reject').addEventListener('click', function onReject() {
  loadPrices(503);
});
window.__ready = true;
`;

function page(dsn: string): string {
  return `<!doctype html><html><head><title>shop</title>
<script src="/sentry.js"></script>
<script>Sentry.init({ dsn: ${JSON.stringify(dsn)}, release: 'shop-web@1.0.0', environment: 'production' });</script>
</head><body><button id="boom">boom</button><button id="reject">reject</button>
<script src="/app.js"></script></body></html>`;
}

async function servePage(
  dsn: string,
  sentryJs: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const files: Record<string, [string, string]> = {
      '/': ['text/html', page(dsn)],
      '/sentry.js': ['text/javascript', sentryJs],
      '/app.js': ['text/javascript', APP_JS],
    };
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const describeWithChromium = hasChromium
  ? describeEachDialect
  : (name: string, _fn: (dialect: DialectName) => void) => describe.skip(name, () => {});

describeWithChromium('real @sentry/browser in headless Chromium', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let browser: Browser | undefined;
  let closePage: (() => Promise<void>) | undefined;
  let issues: IssueSummary[];
  let projectId: string;

  beforeAll(async () => {
    member = await h.invite('member');
    const key = await createProjectWithKey(h, 'WEB');
    projectId = key.projectId;
    const port = await listen(h);
    const served = await servePage(dsnFor(key, port), await bundleSentry());
    closePage = served.close;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const tab = await browser.newPage();
    const pageErrors: string[] = [];
    tab.on('pageerror', (e) => pageErrors.push(e.message));
    await tab.goto(served.url);
    await tab.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
    // Two different messages from one throw site (the SDK drops identical consecutive errors).
    for (const cart of ['undefined', 'null']) {
      await tab.evaluate(`window.nextCart = ${cart}`);
      await tab.click('#boom');
    }
    await tab.click('#reject');
    expect(await waitForLog(h, projectId, 3)).toBe(3);
    expect(pageErrors).toHaveLength(3);
    await tab.close();
    await h.svc.ingest.worker.drain();
    issues = await issuesOf(h, member, 'WEB');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await closePage?.();
  });

  it('groups the unhandled errors into one issue with browser and OS from the User-Agent', async () => {
    const typeErrors = issues.filter((i) => i.title.startsWith('TypeError'));
    expect(typeErrors, JSON.stringify(issues)).toHaveLength(1);
    const mon = await monitoringOf(h, member, (typeErrors[0] as IssueSummary).key);
    expect(mon).toMatchObject({ kind: 'error', eventCount: 2, lastRelease: 'shop-web@1.0.0' });
    expect(mon.facets.browser).toEqual([
      { value: expect.stringMatching(/^Chrome( Headless)? \d+$/), count: 2 },
    ]);
    expect(mon.facets.os).toEqual([{ value: 'Linux', count: 2 }]);
    expect(mon.facets.environment).toEqual([{ value: 'production', count: 2 }]);
    expect(mon.facets.url?.[0]?.value).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const event = mon.events[0].event;
    expect(event).toMatchObject({
      platform: 'browser',
      exception: { type: 'TypeError', mechanism: { handled: false } },
    });
    expect(event.sdk.name).toBe('sentry.javascript.browser');
    expect(event.exception.frames.at(-1)).toMatchObject({ function: 'renderCart' });
    expect(event.exception.frames.at(-1).filename).toMatch(/\/app\.js$/);
  });

  it('files the unhandled promise rejection as its own issue', async () => {
    const rejection = issues.filter((i) => i.title.includes('price service unavailable'));
    expect(rejection, JSON.stringify(issues)).toHaveLength(1);
    const mon = await monitoringOf(h, member, (rejection[0] as IssueSummary).key);
    expect(mon.eventCount).toBe(1);
    expect(mon.events[0].event.exception).toMatchObject({
      type: 'Error',
      mechanism: { type: expect.stringContaining('onunhandledrejection'), handled: false },
    });
    expect(mon.facets.browser?.[0]?.value).toMatch(/^Chrome/);
  });

  it('records the page session for release health', async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/WEB/releases', as: member });
    const release = r.body.items.find((i: { release: string }) => i.release === 'shop-web@1.0.0');
    expect(release.health.sessions).toBeGreaterThanOrEqual(1);
    // Browser SDKs mark a session with an unhandled error `unhandled`, not crashed: it stays crash-free.
    expect(release.health).toMatchObject({ crashed: 0, unhandled: 1, crashFreeSessions: 1 });
    const drops = await h.req({ method: 'GET', url: '/api/v1/projects/WEB/client-reports', as: member });
    expect(drops.body.items.filter((d: { source: string }) => d.source === 'server')).toEqual([]);
  });
});
