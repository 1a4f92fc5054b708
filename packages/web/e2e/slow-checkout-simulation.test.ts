import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningShop, startShop } from '../../../examples/shop/serve.mjs';
import { hourEvents, type TrafficHour } from '../../server/src/test/perf-traffic.ts';
import { buildWeb, launchChromium, type Running, SCREENSHOTS, startServer } from './harness.ts';
import { type Call, createShopProject, SHOP_OWNER } from './shop-project.ts';

/**
 * Issue 10's story, simulated: the shop's checkout is slowed by 4 s from 12:00 to 12:59 New York
 * time. Six earlier days arrive as synthetic SDK events (slow at noon on the last four); then, on
 * the seventh day, shoppers go through the real shop in Chromium at 11:00, 12:00 and 13:00 (the
 * browser's and the shop's clocks set to that hour), half of the noon shoppers giving up while the
 * payment spins. Closeloop must open one performance issue for POST /api/checkout whose finding
 * names the noon window on 5 of the last 7 days, with the abandonment of its sessions, and one of
 * those sessions must replay with the checkout form masked.
 *
 * CI size: 14 Chromium sessions, 6 synthetic sessions an hour (~1.5 min under a load of 20–35 on 2 cores).
 * TEST_FULL=1: 320 Chromium sessions, 30 synthetic sessions an hour.
 */
const FULL = process.env.TEST_FULL === '1';
const SIZE = FULL
  ? { morning: 100, noon: 120, afternoon: 100, synthetic: 30, parallel: 6, minSamples: 20 }
  : { morning: 4, noon: 6, afternoon: 4, synthetic: 6, parallel: 4, minSamples: 5 };
const TZ = 'America/New_York';
const SLOW_MS = 4_000;
/** An abandoning shopper leaves the checkout this long after "Place order" (the payment takes 4 s). */
const PATIENCE_MS = 2_500;
/** The seventh day: Friday 20 November 2026, in EST (UTC−5). */
const day = (d: number, localHour: number) => Date.UTC(2026, 10, 20 + d, localHour + 5);
const CARD = '4242424242424242';

type Finding = {
  metric: string;
  target: string;
  window: { from: string; to: string };
  timeZone: string;
  slowDays: number;
  days: number;
  description: string;
};
type Conversion = { entered: number; completed: number; abandonment: number | null };
type Monitoring = {
  kind: string;
  sessionCount: number;
  performance: Finding | null;
  flows: { name: string; affected: Conversion; unaffected: Conversion }[];
  sessions: { sessionId: string; hasReplay: boolean }[];
};

/** Days −6…−1 at 10:00–14:00 New York time, the checkout slow at noon on days −4…−1. */
function earlierDays(): TrafficHour[] {
  const out: TrafficHour[] = [];
  for (let d = -6; d <= -1; d++)
    for (let local = 10; local <= 14; local++) {
      const slow = local === 12 && d >= -4;
      out.push({
        hour: day(d, local),
        sessions: SIZE.synthetic,
        checkoutMs: slow ? SLOW_MS + 120 : 120,
        abandon: slow ? 0.5 : 0,
      });
    }
  return out;
}

describe('the slow noon checkout, simulated in Chromium, becomes one performance issue', () => {
  let browser: Browser | null;
  let server: Running;
  let shop: RunningShop;
  let call: Call;
  let shopNow = day(0, 9);

  /** One shopper: cart → checkout form → Place order; `abandons`: leaves before the payment answers. */
  async function shopper(dsn: string, at: number, user: string, abandons: boolean) {
    const ctx = await browser!.newContext({ viewport: { width: 1100, height: 800 } });
    await ctx.clock.setSystemTime(at);
    try {
      const page = await ctx.newPage();
      await page.goto(`${shop.url}/?dsn=${encodeURIComponent(dsn)}&user=${user}`);
      await page.locator('.product').first().waitFor();
      await page
        .getByRole('button', { name: 'Add to cart' })
        .nth(at % 3)
        .click();
      await page.getByRole('button', { name: 'Checkout' }).click();
      await page.getByLabel('Name on card').fill('Sam Shopper');
      await page.getByLabel('Card number').fill(CARD);
      await page.getByLabel('Expiry').fill('11/29');
      await page.getByLabel('CVC').fill('321');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/checkout'));
      await page.getByRole('button', { name: 'Place order' }).click();
      if (abandons) {
        await page.waitForTimeout(PATIENCE_MS);
        await page.getByRole('link', { name: 'Trailhead Outfitters' }).click();
      }
      await answered;
      if (!abandons) await page.waitForURL(/\/order\/confirmed$/);
      else await page.waitForTimeout(200); // the SDK reports the request when its answer arrives
      const flushed = await page.evaluate(() =>
        (window as unknown as { Closeloop: { flush: () => Promise<boolean> } }).Closeloop.flush(),
      );
      expect(flushed).toBe(true);
    } finally {
      await ctx.close();
    }
  }

  /** `count` shoppers spread over one local hour of the seventh day, `parallel` at a time. */
  async function shopHour(dsn: string, localHour: number, count: number, abandonShare: number) {
    const start = day(0, localHour);
    shopNow = start + 30 * 60_000;
    const queue = Array.from({ length: count }, (_, n) => n);
    const worker = async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        const leaves = Math.floor((n + 1) * abandonShare) > Math.floor(n * abandonShare);
        await shopper(dsn, start + Math.floor((n * 50 * 60_000) / count), `u-${localHour}-${n}`, leaves);
      }
    };
    await Promise.all(Array.from({ length: SIZE.parallel }, worker));
  }

  beforeAll(
    async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      browser = await launchChromium();
      if (!browser) return;
      server = await startServer(await buildWeb(), { seed: false });
      shop = await startShop({
        port: 0,
        host: '127.0.0.1',
        replay: 'session',
        slowCheckout: { hour: 12, timeZone: TZ, delayMs: SLOW_MS },
        now: () => shopNow,
      });
      const project = await createShopProject(server, shop.url);
      call = project.call;
      const settings = await call('PUT', '/api/v1/projects/SHOP/performance-settings', {
        timeZone: TZ,
        thresholds: {},
        factor: 2,
        minSamples: SIZE.minSamples,
        routePatterns: [],
        flows: [{ name: 'Checkout', steps: ['/checkout', '/order/:id'] }],
      });
      expect(settings.status).toBe(200);

      const key = await server.svc.ingest.gate.resolveKey(new URL(project.dsn).username);
      await server.svc.ingest.gate.accept(key, earlierDays().flatMap(hourEvents));
      await server.svc.ingest.worker.drain();

      await shopHour(project.dsn, 11, SIZE.morning, 0);
      await shopHour(project.dsn, 12, SIZE.noon, 0.5);
      await shopHour(project.dsn, 13, SIZE.afternoon, 0);
      await server.svc.ingest.worker.drain();
    },
    FULL ? 1_800_000 : 300_000,
  );

  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  it('opens one performance issue for POST /api/checkout at noon New York time, with its abandonment', async ({
    skip,
  }) => {
    if (!browser) return skip();
    const list = await call<{ items: { key: string; title: string }[] }>(
      'GET',
      `/api/v1/issues?q=${encodeURIComponent('kind:performance project:SHOP')}&limit=100`,
    );
    const found = await Promise.all(
      list.body.items.map(async (i) => ({
        issue: i,
        m: (await call<Monitoring>('GET', `/api/v1/issues/${i.key}/monitoring`)).body,
      })),
    );
    const checkout = found.filter((f) => f.m.performance?.target === 'POST /api/checkout');
    expect(checkout, JSON.stringify(found.map((f) => f.m.performance))).toHaveLength(1);
    const { issue, m } = checkout[0]!;
    expect(m.performance).toMatchObject({
      metric: 'api',
      window: { from: '12:00', to: '13:00' },
      timeZone: TZ,
      slowDays: 5,
      days: 7,
    });
    // 4 s added to a ~120 ms checkout; the rest is the browser and a busy machine.
    expect(m.performance!.description).toMatch(
      /^p75 of POST \/api\/checkout is 4\.\d s between 12:00 and 13:00 America\/New_York on 5 of the last 7 days; baseline \d+ ms/,
    );

    // Affected: every noon shopper of the four synthetic slow days and of the seventh day; half left.
    const slowSessions = 4 * SIZE.synthetic + SIZE.noon;
    expect(m.sessionCount).toBe(slowSessions);
    const flow = m.flows.find((f) => f.name === 'Checkout')!;
    expect(flow.affected).toMatchObject({
      entered: slowSessions,
      completed: slowSessions / 2,
      abandonment: 0.5,
    });
    expect(flow.unaffected.abandonment).toBe(0);
    expect(flow.unaffected.entered).toBeGreaterThanOrEqual(SIZE.morning + SIZE.afternoon);

    // In the app: the finding with its time-of-day window, the flow impact, and the replays.
    const app = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
    await app.goto(`${server.url}/signin`);
    await app.getByLabel('Email').fill(SHOP_OWNER.email);
    await app.getByLabel('Password').fill(SHOP_OWNER.password);
    await app.getByRole('button', { name: 'Sign in' }).click();
    await app.waitForURL(/\/issues/);
    await app.goto(`${server.url}/issue/${issue.key}`);
    const finding = app.getByTestId('performance-finding');
    await expect
      .poll(() => finding.textContent(), { timeout: 15_000 })
      .toContain('between 12:00 and 13:00 America/New_York on 5 of the last 7 days');
    const rows = await app.getByTestId('flow-impact').locator('tbody tr').allTextContents();
    expect(rows[0]).toMatch(/^affected.*50%$/);
    await app.screenshot({ path: join(SCREENSHOTS, 'simulation-01-performance-issue.png'), fullPage: true });

    // An affected session's replay: the checkout form as the shopper filled it, masked.
    const replayLink = app.getByTestId('sessions').getByRole('link').first();
    await replayLink.click();
    await app.getByTestId('replay-stage').locator('iframe').waitFor();
    const frame = app.frameLocator('[data-testid="replay-stage"] iframe');
    await app
      .getByRole('region', { name: 'Events' })
      .getByRole('button', { name: /place-order/ })
      .first()
      .click();
    await expect.poll(() => frame.locator('#page-checkout').isVisible()).toBe(true);
    await expect.poll(() => frame.locator('#card-number').inputValue()).toBe('*'.repeat(CARD.length));
    await app.screenshot({ path: join(SCREENSHOTS, 'simulation-02-affected-session-replay.png') });
    await app.close();
  }, 120_000);
});
