import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningShop, startShop } from '../../../examples/shop/serve.mjs';
import { buildWeb, launchChromium, type Running, SCREENSHOTS, startServer } from './harness.ts';

/**
 * Issue 5, end to end: the example shop (examples/shop) instrumented with the browser SDK's
 * script-tag build runs in real Chromium against the real server on a fresh database (SQLite; PostgreSQL with E2E_DATABASE=postgres).
 * A thrown error (twice), a failed checkout request and a rage click become three grouped
 * issues with the right counts, the error symbolicated through an uploaded source map; then the
 * app shows them (stack trace, chart, tags) and the project's setup page shows the DSN.
 */
const OWNER = { email: 'owner@shop.test', password: 'correct-horse-battery', name: 'Shop Owner' };
const RELEASE = 'shop@1.0.0';

type Monitoring = {
  kind: string;
  eventCount: number;
  userCount: number;
  sessionCount: number;
  facets: Record<string, { value: string; count: number }[]>;
  sessions: { sessionId: string }[];
  hourly: { hour: string; count: number }[];
  events: {
    event: {
      type: string;
      exception?: {
        type: string;
        frames: { function?: string; filename?: string; context_line?: string; in_app?: boolean }[];
      };
      request?: { url: string; method: string; status?: number };
      click?: { selector: string; count?: number };
      breadcrumbs?: { type: string; message?: string }[];
    };
  }[];
};
type IssueRow = { key: string; title: string; kind: string };

let browser: Browser | null;
let server: Running;
let shop: RunningShop;
let cookie = '';
let page: Page;

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
const issuesOfKind = async (kind: string) =>
  (await call<{ items: IssueRow[] }>('GET', `/api/v1/issues?project=SHOP&kind=${kind}&limit=100`)).body.items;
const monitoringOf = async (key: string) =>
  (await call<Monitoring>('GET', `/api/v1/issues/${key}/monitoring`)).body;
const shot = (p: Page, name: string) =>
  p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe('the example shop reports to Closeloop and the app shows the grouped issues', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    if (!browser) return;
    // A web build that fails fails this suite (no skipping): the UI checks below need it.
    server = await startServer(await buildWeb(), { seed: false });

    // A workspace, a project and an ingest key, through the API like a new user would.
    const signup = await fetch(`${server.url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...OWNER, workspaceName: 'Trailhead' }),
    });
    expect(signup.status).toBe(201);
    cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await call('POST', '/api/v1/projects', { key: 'SHOP', name: 'Shop' })).status).toBe(201);

    shop = await startShop({ port: 0, host: '127.0.0.1', release: RELEASE });
    const key = await call<{ publicKey: string; dsn: string }>('POST', '/api/v1/projects/SHOP/ingest-keys', {
      name: 'storefront',
      allowedOrigins: [shop.url],
    });
    expect(key.status).toBe(201);
    const projectId = key.body.dsn.split('/').pop();
    const dsn = `${server.url.replace('://', `://${key.body.publicKey}@`)}/${projectId}`;

    // The shop's minified bundle gets its source map, as a release pipeline would upload it.
    const upload = await call('POST', `/api/v1/projects/SHOP/releases/${RELEASE}/source-maps`, {
      fileUrl: `${shop.url}/app.min.js`,
      sourceMap: shop.appMap,
    });
    expect(upload.status).toBe(201);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await ctx.newPage();
    await page.goto(`${shop.url}/?dsn=${encodeURIComponent(dsn)}`);
    await page.locator('.product').first().waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  it('sends an error twice, a failed request and a rage click, and they group into issues', async ({
    skip,
  }) => {
    if (!browser) return skip();
    expect(await page.evaluate(() => typeof (window as { Closeloop?: unknown }).Closeloop)).toBe('object');
    await page.getByRole('button', { name: 'Add to cart' }).first().click();
    await shot(page, 'shop-01-page');

    // 1. An uncaught TypeError, twice: one issue with two events.
    await page.getByRole('button', { name: 'Add gift message' }).click();
    await page.getByRole('button', { name: 'Add gift message' }).click();
    // 2. Checkout answers 500: a network issue.
    await page.getByRole('button', { name: 'Checkout' }).click();
    await expect.poll(() => page.locator('#checkout-status').textContent()).toContain('Checkout failed');
    // 3. A link that does nothing: a dead click. Five quick clicks on a button that does nothing: a rage click.
    await page.getByRole('link', { name: 'Size guide' }).click();
    const coupon = page.getByRole('button', { name: 'Apply coupon' });
    for (let i = 0; i < 5; i++) await coupon.click({ delay: 10 });
    // The burst ends (and is reported) once no click follows within the window (1 s); a dead
    // click is reported when nothing reacted within 1 s.
    await page.waitForTimeout(1_400);
    await shot(page, 'shop-02-after-actions');

    // Flush the SDK's queue and also hide the page, the way the SDK normally sends on tab close.
    const flushed = await page.evaluate(() =>
      (window as unknown as { Closeloop: { flush: () => Promise<boolean> } }).Closeloop.flush(),
    );
    expect(flushed).toBe(true);
    await server.svc.ingest.worker.drain();

    const errors = await issuesOfKind('error');
    const typeError = errors.find((i) => i.title.startsWith('TypeError'));
    expect(typeError, JSON.stringify(errors)).toBeDefined();
    const err = await monitoringOf(typeError!.key);
    expect(err.kind).toBe('error');
    expect(err.eventCount).toBe(2);
    expect(err.sessionCount).toBe(1);
    expect(err.facets.release?.[0]).toEqual({ value: RELEASE, count: 2 });
    // Symbolicated through the uploaded source map: original names and the source line.
    const frames = err.events[0]?.event.exception?.frames ?? [];
    const thrower = frames.find((f) => f.function === 'giftMessageFor');
    expect(thrower, JSON.stringify(frames)).toBeDefined();
    expect(thrower?.context_line).toContain('options.message');
    expect(err.events[0]?.event.breadcrumbs?.some((b) => b.type === 'click')).toBe(true);

    const network = await issuesOfKind('network');
    expect(network).toHaveLength(1);
    expect(network[0]!.title).toMatch(/500.*POST .*\/api\/checkout/);
    const net = await monitoringOf(network[0]!.key);
    expect(net.eventCount).toBe(1);
    expect(net.events[0]?.event.request).toMatchObject({ method: 'POST', status: 500 });

    const frustration = await issuesOfKind('frustration');
    const rage = (
      await Promise.all(frustration.map(async (i) => ({ issue: i, m: await monitoringOf(i.key) })))
    ).find((x) => x.m.events.some((e) => e.event.type === 'rage_click'));
    expect(rage, JSON.stringify(frustration)).toBeDefined();
    expect(rage!.m.eventCount).toBe(1);
    const click = rage!.m.events[0]!.event.click!;
    expect(click.selector).toContain('apply-coupon');
    expect(click.count).toBeGreaterThanOrEqual(5);
    const deadLink = await Promise.all(frustration.map((i) => monitoringOf(i.key)));
    expect(
      deadLink.some((m) =>
        m.events.some((e) => e.event.type === 'dead_click' && e.event.click?.selector.includes('size-guide')),
      ),
    ).toBe(true);
  }, 60_000);

  it('shows the error issue with its stack trace and chart, and the setup page with the DSN', async ({
    skip,
  }) => {
    if (!browser) return skip();
    // Tall enough that the whole monitoring section is on the screenshots (the page scrolls inside .main).
    const app = await browser.newPage({ viewport: { width: 1400, height: 2300 } });
    await app.goto(`${server.url}/signin`);
    await app.getByLabel('Email').fill(OWNER.email);
    await app.getByLabel('Password').fill(OWNER.password);
    await app.getByRole('button', { name: 'Sign in' }).click();
    await app.waitForURL(/\/issues/);

    const typeError = (await issuesOfKind('error')).find((i) => i.title.startsWith('TypeError'))!;
    await app.goto(`${server.url}/issue/${typeError.key}`);
    const section = app.getByTestId('monitoring');
    await section.waitFor();
    await expect.poll(() => section.getByTestId('event-count').textContent()).toBe('2');
    const trace = app.getByTestId('stack-trace');
    await trace.waitFor();
    await expect.poll(() => trace.textContent()).toContain('giftMessageFor');
    await expect.poll(() => trace.textContent()).toContain('options.message');
    expect(Number(await app.getByTestId('event-chart').getAttribute('data-total'))).toBeGreaterThan(0);
    expect(await app.getByTestId('event-chart').locator('canvas').count()).toBe(1);
    expect(await app.getByTestId('tags').textContent()).toContain(RELEASE);
    await shot(app, 'shop-03-error-issue');

    const networkKey = (await issuesOfKind('network'))[0]!.key;
    await app.goto(`${server.url}/issue/${networkKey}`);
    await app.getByTestId('request-details').waitFor();
    expect(await app.getByTestId('request-details').textContent()).toContain('/api/checkout');
    await shot(app, 'shop-04-network-issue');

    const frustration = await issuesOfKind('frustration');
    const rageKey = (
      await Promise.all(frustration.map(async (i) => ({ i, m: await monitoringOf(i.key) })))
    ).find((x) => x.m.events.some((e) => e.event.type === 'rage_click'))!.i.key;
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.goto(`${server.url}/issue/${rageKey}`);
    await app.getByTestId('click-details').waitFor();
    expect(await app.getByTestId('click-details').textContent()).toMatch(/apply-coupon[\s\S]*rage click/);
    await shot(app, 'shop-05-rage-click-issue-dark');
    await app.emulateMedia({ colorScheme: 'light' });

    await app.goto(`${server.url}/projects/SHOP/setup`);
    const keyRow = app.getByTestId('ingest-key').first();
    await keyRow.waitFor();
    expect(await keyRow.textContent()).toContain('storefront');
    const script = (await app.getByTestId('snippet-script').textContent()) ?? '';
    expect(script).toContain('Closeloop.init');
    // The snippet carries a DSN that works from this browser (the server listens on a random port).
    expect(script).toContain(`@${new URL(server.url).host}/`);
    await shot(app, 'shop-06-project-setup');

    // An admin creates a second key, then revokes it.
    await app.getByLabel('Key name').fill('staging');
    await app.getByLabel('Allowed origins (empty: any)').fill('https://staging.shop.test');
    await app.getByRole('button', { name: 'Create key' }).click();
    const staging = app.getByTestId('ingest-key').filter({ hasText: 'staging' });
    await staging.waitFor();
    app.once('dialog', (d) => void d.accept());
    await staging.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => staging.textContent()).toContain('revoked');
    await shot(app, 'shop-07-setup-key-revoked');
    const keys = await call<{ name: string; revokedAt: string | null; allowedOrigins: string[] }[]>(
      'GET',
      '/api/v1/projects/SHOP/ingest-keys',
    );
    expect(keys.body.find((k) => k.name === 'staging')).toMatchObject({
      allowedOrigins: ['https://staging.shop.test'],
      revokedAt: expect.any(String),
    });
    expect(keys.body.find((k) => k.name === 'storefront')?.revokedAt).toBeNull();
  }, 60_000);
});
