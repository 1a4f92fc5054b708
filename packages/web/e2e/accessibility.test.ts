import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { openSignedIn, type Running, type SignedIn } from './harness.ts';

/**
 * axe-core (the real engine, from npm) run in Chromium on the main pages in light and dark themes:
 * no serious or critical violation. The counts by impact are printed for CI's log (issue 16).
 */
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

async function audit(path: string, ready: string, theme: 'light' | 'dark') {
  await page.goto(`${server.url}${path}`);
  await page.evaluate((t) => localStorage.setItem('closeloop.theme', t), theme);
  await page.reload();
  await page.locator(ready).first().waitFor();
  return axeViolations(page, `${path} (${theme})`);
}

const PAGES: [string, string][] = [
  ['/issues?project=APP', '[data-testid="issue-list"] .row[data-key]'],
  ['/board?project=APP', '.card'],
  ['/issue/APP-1', '.issue-side'],
  ['/triage?project=APP', 'main h1, main [role="listbox"]'],
  // The rule editors of issue 12 (their forms: checkboxes, paired selects, action rows).
  ['/settings/ownership?project=SHOP', 'form[aria-label="New ownership rule"]'],
  ['/settings/automation?project=SHOP', 'form[aria-label="New automation rule"]'],
  ['/settings/webhooks?project=SHOP', 'form[aria-label="New webhook"]'],
  // Issue 15: the token form with its access and project choices, and two-factor set-up.
  ['/settings/tokens', 'select[name="project"]'],
  ['/settings/two-factor', '[data-testid="two-factor-state"]'],
];

describe('accessibility (axe-core)', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      // axe is injected as a script: the app's CSP (script-src 'self') would refuse it.
      context: { viewport: { width: 1440, height: 900 }, bypassCSP: true },
    });
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  for (const theme of ['light', 'dark'] as const)
    for (const [path, ready] of PAGES)
      it(`${path} in ${theme}: no serious or critical violations`, async ({ skip }) => {
        if (!browser) return skip();
        expect(await audit(path, ready, theme)).toEqual([]);
      });
});
