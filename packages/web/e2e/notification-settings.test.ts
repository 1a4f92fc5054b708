import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

describe('email preferences and issue links from emails', () => {
  beforeAll(async () => {
    session = await openSignedIn('priya@closeloop.dev');
    if (!session) return;
    ({ browser, server, page } = session);
  }, 120_000);
  afterAll(() => session?.close());

  it('lets a person switch their email notifications to a daily digest', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/settings/notifications`);
    // The radio shows the server's setting, so it turns on when the save answers: click, then wait for it.
    await page.getByLabel(/Daily digest/).click();
    await expect
      .poll(
        async () =>
          (await page.evaluate(() => fetch('/api/v1/me/notification-settings').then((r) => r.json()))).email,
      )
      .toBe('daily');
    await page.reload();
    await expect.poll(() => page.getByLabel(/Daily digest/).isChecked()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-notifications.png') });
  });

  it('opens an issue from the /issues/KEY links that emails carry', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issues/APP-1`);
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 10_000 })
      .toContain('Marketing used design v3');
  });
});
