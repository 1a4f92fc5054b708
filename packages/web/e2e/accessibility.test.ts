import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, type SignedIn } from './harness.ts';

/**
 * axe-core (the real engine, from npm) run in Chromium on the main pages in light and dark themes:
 * no serious or critical violation. The counts by impact are printed for CI's log (issue 16).
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

type Violation = { id: string; impact: string | null; nodes: { target: unknown[] }[] };

async function audit(path: string, ready: string, theme: 'light' | 'dark') {
  await page.goto(`${server.url}${path}`);
  await page.evaluate((t) => localStorage.setItem('closeloop.theme', t), theme);
  await page.reload();
  await page.locator(ready).first().waitFor();
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the global the injected script defines
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as Violation[];
  const byImpact: Record<string, number> = {};
  for (const v of violations) byImpact[v.impact ?? 'unknown'] = (byImpact[v.impact ?? 'unknown'] ?? 0) + 1;
  console.log(`axe ${path} (${theme}): ${JSON.stringify(byImpact)}`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}) at ${v.nodes
          .map((n) => JSON.stringify(n.target))
          .slice(0, 3)
          .join(', ')}`,
    );
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
