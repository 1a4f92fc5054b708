import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Recurrence in the app (issue 13 §5): a new issue like a closed one opens with the closed one's
 * resolution and lessons at the top of its page, and is linked to it.
 */
let s: SignedIn | null;
let server: Running;
let page: Page;

describe('recurrence: the lessons of the closed issue at the top of the new one', () => {
  beforeAll(async () => {
    s = await openSignedIn('demo@closeloop.dev', { context: { viewport: { width: 1440, height: 900 } } });
    if (!s) return;
    ({ server, page } = s);
    const r = await s.call('POST', '/projects', { key: 'REC', name: 'Recurrence' });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  });

  it('shows the closed issue’s root cause and prevention on the recurring issue', async ({ skip }) => {
    if (!s) return skip();
    const report = {
      title: 'Invoice PDF download times out for large orders',
      description: 'Downloading the invoice PDF of an order with more than 200 lines times out after 30 s.',
    };
    const first = (await s.call('POST', '/projects/REC/issues', report)).body;
    const closed = await s.call('PATCH', `/issues/${first.key}`, {
      version: first.version,
      status: 'done',
      resolution: 'fixed',
      resolutionNote: 'Render the PDF in a worker.',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const lessons = await s.call('PUT', `/issues/${first.key}/lessons`, {
      rootCause: 'The PDF renderer loaded every order line image synchronously.',
      fix: 'Render in a background worker and stream the file.',
      prevention: 'A load test with a 500-line order in CI.',
    });
    expect(lessons.status, JSON.stringify(lessons.body)).toBe(200);

    const again = (
      await s.call('POST', '/projects/REC/issues', { ...report, title: `${report.title} again` })
    ).body;
    // The recurrence check is a job queued by the creation; run what is due until it has run.
    for (let i = 0; i < 100; i++) {
      await server.svc.jobs.runDue();
      const r = await s.call('GET', `/issues/${again.key}/recurrence`);
      if (r.body.recurrence) break;
      await page.waitForTimeout(50);
    }

    await page.goto(`${server.url}/issue/${again.key}`);
    const banner = page.getByRole('region', { name: 'Recurrence' });
    await banner.getByText('The PDF renderer loaded every order line image synchronously.').waitFor();
    expect(await banner.getByRole('link', { name: first.key }).count()).toBe(1);
    expect(await banner.getByText('A load test with a 500-line order in CI.').count()).toBe(1);
    // It sits above the title: the first thing read.
    const bannerTop = (await banner.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const titleTop = (await page.getByRole('heading', { level: 1 }).boundingBox())?.y ?? 0;
    expect(bannerTop).toBeLessThan(titleTop);
    await page.screenshot({ path: join(SCREENSHOTS, 'recurrence.png') });
  }, 120_000);
});
