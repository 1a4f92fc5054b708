import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core (the real engine, from npm) on what the page shows now, or inside `include` only: the
 * serious and critical violations as readable lines, with the counts by impact printed for CI's log.
 * The page's context needs `bypassCSP`: axe is injected as a script the app's CSP would refuse.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Violation = { id: string; impact: string | null; nodes: { target: unknown[] }[] };

export async function axeViolations(page: Page, label: string, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async (scope) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the global the injected script defines
    const r = await (window as any).axe.run(scope ? { include: [scope] } : document, {
      resultTypes: ['violations'],
    });
    return r.violations;
  }, include ?? null)) as Violation[];
  const byImpact: Record<string, number> = {};
  for (const v of violations) byImpact[v.impact ?? 'unknown'] = (byImpact[v.impact ?? 'unknown'] ?? 0) + 1;
  console.log(`axe ${label}: ${JSON.stringify(byImpact)}`);
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
