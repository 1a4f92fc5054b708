import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/** At 390 × 844 (a phone): what issue 16 found cramped no longer collides. */
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('phone width', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    });
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('the menu button overlaps neither the breadcrumb nor a page title', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issue/APP-1`);
    const menu = (await page.getByRole('button', { name: 'Open menu' }).boundingBox())!;
    const crumb = (await page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .locator('a')
      .first()
      .boundingBox())!;
    expect(overlaps(menu, crumb)).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-issue.png') });
    await page.goto(`${server.url}/issues?project=APP`);
    await page.locator('[data-testid="issue-list"] .row[data-key]').first().waitFor();
    const title = (await page.locator('.topbar h1, header h1').first().boundingBox())!;
    const menu2 = (await page.getByRole('button', { name: 'Open menu' }).boundingBox())!;
    expect(overlaps(menu2, title)).toBe(false);
  });

  it('the estimate field has a visible border', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issue/APP-1`);
    const est = page.getByLabel('Estimate (min)');
    await est.waitFor();
    const style = await est.evaluate((el) => {
      const s = getComputedStyle(el);
      const parent = getComputedStyle(el.parentElement!);
      return {
        width: s.borderTopWidth,
        style: s.borderTopStyle,
        color: s.borderTopColor,
        bg: parent.backgroundColor,
      };
    });
    expect(style.style).not.toBe('none');
    expect(Number.parseFloat(style.width)).toBeGreaterThan(0);
    expect(style.color).not.toBe(style.bg);
  });
});
