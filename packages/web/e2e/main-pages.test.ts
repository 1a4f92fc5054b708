import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * The four main pages (list, board, issue page, triage) on the demo workspace at desktop and phone
 * size: each shows its content, the page itself never scrolls sideways (the board scrolls inside its
 * own strip), and a screenshot of each lands in test-artifacts/screenshots for a reviewer (issue 16).
 */
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '390x844', width: 390, height: 844 },
];

const PAGES: { name: string; path: string; content: (p: Page) => ReturnType<Page['locator']> }[] = [
  {
    name: 'list',
    path: '/issues?project=APP',
    content: (p) => p.locator('[data-testid="issue-list"] .row[data-key]'),
  },
  { name: 'board', path: '/board?project=APP', content: (p) => p.locator('[data-status] [data-key]') },
  { name: 'issue', path: '/issue/APP-1', content: (p) => p.getByRole('navigation', { name: 'Breadcrumb' }) },
  {
    name: 'triage',
    path: '/triage',
    content: (p) => p.getByRole('listbox', { name: 'Triage queue' }).getByRole('option'),
  },
];

describe('main pages at desktop and phone size', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 1440, height: 900 } },
    });
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  for (const size of SIZES)
    it(`shows list, board, issue page and triage at ${size.name} without sideways page scroll`, async ({
      skip,
    }) => {
      if (!browser) return skip();
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const p of PAGES) {
        await page.goto(`${server.url}${p.path}`);
        await p.content(page).first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${p.name} at ${size.name} is wider than the screen`).toBeLessThanOrEqual(0);
        // The page title stays inside the top bar (a long project name wrapped it past the bar at 390 px).
        // The issue page has a breadcrumb there instead of a title.
        const h1 = page.locator('header.topbar h1');
        if (p.name !== 'issue') {
          const bar = (await page.locator('header.topbar').first().boundingBox())!;
          const title = (await h1.first().boundingBox())!;
          expect(title.y, `${p.name} title at ${size.name}`).toBeGreaterThanOrEqual(bar.y);
          expect(title.y + title.height, `${p.name} title at ${size.name}`).toBeLessThanOrEqual(
            bar.y + bar.height,
          );
        }
        await page.screenshot({ path: join(SCREENSHOTS, `main-${p.name}-${size.name}.png`) });
      }
    });
});
