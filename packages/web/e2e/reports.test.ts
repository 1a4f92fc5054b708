import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/** The reports page shows the server's figures for the demo workspace, draws its chart and exports CSV. */
let server: Running;
let session: SignedIn | null;
let browser: Browser | null;
let page: Page;

describe('reports page', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 1440, height: 900 }, acceptDownloads: true },
    });
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('shows the figures the API computes, a chart and a CSV of each table', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/reports?project=APP`);
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('project')).toBe('APP');
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const api = await (
      await page.request.get(`${server.url}/api/v1/reports?project=APP&from=${from}&to=${today}`)
    ).json();
    expect(api.totals.created).toBeGreaterThan(0);
    const stat = (label: string) =>
      summary.locator('.report-stat', { hasText: label }).locator('.report-stat-value');
    expect(await stat('Created').textContent()).toBe(String(api.totals.created));
    expect(await stat('Open at end').textContent()).toBe(String(api.totals.openAtEnd));
    // uPlot draws on a canvas inside the chart box.
    await page.locator('.time-chart canvas').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'reports.png') });

    const section = page.getByRole('region', { name: 'Response times' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`APP-response-times-${from}-${today}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('measure,issues,mean_hours,median_hours');
    expect(text).toContain(`first_response,${api.firstResponse.count},`);
  });
});
