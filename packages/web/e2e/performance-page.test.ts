import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourEvents, type TrafficHour } from '../../server/src/test/perf-traffic.ts';
import { callApi, openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const call = (method: string, path: string, body?: unknown) => callApi(page, method, path, body);

/** A week of checkout traffic at 10:00–14:00 New York time, slow at noon on the last five days. */
function week(): TrafficHour[] {
  const out: TrafficHour[] = [];
  for (let day = 0; day < 7; day++)
    for (let local = 10; local <= 14; local++) {
      const slow = local === 12 && day >= 2;
      out.push({
        hour: Date.UTC(2026, 10, 10 + day, local + 5),
        sessions: 8,
        checkoutMs: slow ? 4000 : 300,
        abandon: slow ? 0.75 : 0.125,
      });
    }
  return out;
}

describe('performance page and performance issue', () => {
  beforeAll(async () => {
    session = await openSignedIn('sam@closeloop.dev', {
      context: { viewport: { width: 1280, height: 900 } },
    });
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('charts p50/p75/p95 per endpoint and shows the slowdown with its flow impact on the issue', async ({
    skip,
  }) => {
    if (!browser) return skip();
    expect((await call('POST', '/projects', { key: 'PERF', name: 'Perf shop' })).status).toBe(201);
    const key = await call('POST', '/projects/PERF/ingest-keys', { name: 'web' });
    expect(
      (
        await call('PUT', '/projects/PERF/performance-settings', {
          timeZone: 'UTC',
          thresholds: {},
          factor: 2,
          minSamples: 6,
          routePatterns: [],
          flows: [],
        })
      ).status,
    ).toBe(200);
    // The time zone and the flow are set the way a user does it: on the Performance page.
    await page.goto(`${server.url}/performance?project=PERF`);
    await page.getByText('Settings: time zone, flows, route patterns').click();
    await page.getByLabel(/Time zone/).fill('America/New_York');
    await page.getByLabel(/Flows, one per line/).fill('Checkout: /cart -> /checkout -> /order/:id');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await call('GET', '/projects/PERF/performance-settings')).body.flows, {
        timeout: 10_000,
      })
      .toEqual([{ name: 'Checkout', steps: ['/cart', '/checkout', '/order/:id'] }]);
    expect((await call('GET', '/projects/PERF/performance-settings')).body.timeZone).toBe('America/New_York');
    const gateKey = await server.svc.ingest.gate.resolveKey(key.body.publicKey);
    await server.svc.ingest.gate.accept(gateKey, week().flatMap(hourEvents));
    await server.svc.ingest.worker.drain();

    await page.reload();
    await page.getByLabel('Range').selectOption({ label: '30 days' });
    const table = page.getByTestId('perf-table');
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain('POST /api/checkout');
    expect(Number(await page.getByTestId('perf-chart').getAttribute('data-points'))).toBe(35);
    expect(await page.getByTestId('perf-chart').locator('canvas').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'performance-page.png') });

    const list = await call('GET', '/issues?q=kind:performance%20project:PERF');
    const issue = (list.body.items ?? list.body)[0];
    await page.goto(`${server.url}/issue/${issue.key}`);
    const finding = page.getByTestId('performance-finding');
    await expect
      .poll(() => finding.textContent(), { timeout: 15_000 })
      .toContain('between 12:00 and 13:00 America/New_York on 5 of the last 7 days');
    const flows = page.getByTestId('flow-impact');
    const rows = await flows.locator('tbody tr').allTextContents();
    expect(rows[0]).toMatch(/^affected40.*75%$/);
    expect(rows[1]).toMatch(/^not affected.*13%$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'performance-issue.png'), fullPage: true });
  });
});
