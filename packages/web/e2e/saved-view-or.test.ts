import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Issue 9.7 in the app: `label:ux OR label:launch` saved as a view in project SHOP keeps its
 * meaning (`project:SHOP (…)`), and opening the view shows exactly SHOP's matches — none of the
 * other project's issues that also match, even when the view is opened from that other project.
 */
let session: SignedIn | null;
let server: Running;
let page: Page;

const QUERY = 'label:ux OR label:launch';
const VIEW = 'UX or launch';

/** Keys of the issues in `project` carrying either label, read from the database. */
async function matchingKeys(project: string): Promise<string[]> {
  const rows = await server.svc.store.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .innerJoin('issue_labels as il', 'il.issue_id', 'i.id')
    .innerJoin('labels as l', 'l.id', 'il.label_id')
    .select(['p.key as project', 'i.number'])
    .distinct()
    .where('p.key', '=', project)
    .where('l.name', 'in', ['ux', 'launch'])
    .execute();
  return rows.map((r) => `${r.project}-${r.number}`).sort();
}

/** The issue keys the list shows, once it shows the server's answer (its rows carry data-key). */
const shownKeys = () =>
  page.$$eval('[role="row"][data-key]', (rows) => rows.map((r) => r.getAttribute('data-key') ?? '').sort());

describe('a saved view with OR in the app', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 1280, height: 900 } },
    });
    if (!session) return;
    ({ server, page } = session);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('saves label:ux OR label:launch in SHOP and opens it showing exactly SHOP’s matches', async ({
    skip,
  }) => {
    if (!session) return skip();
    const shop = await matchingKeys('SHOP');
    const app = await matchingKeys('APP');
    // The test means something only if both projects have matches.
    expect(shop.length).toBeGreaterThan(0);
    expect(app.length).toBeGreaterThan(0);

    await page.goto(`${server.url}/issues?project=SHOP`);
    const bar = page.getByLabel('Filter issues (query)');
    await bar.fill(QUERY);
    await bar.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === QUERY);
    await expect.poll(shownKeys, { timeout: 20_000 }).toEqual(shop);

    await page.getByRole('button', { name: 'Save view' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(VIEW);
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await page
      .locator('.toast')
      .filter({ hasText: `Saved view "${VIEW}"` })
      .waitFor();

    // Stored inside its scope, the user's query intact.
    const stored = await server.svc.store.db
      .selectFrom('saved_views')
      .select('query')
      .where('name', '=', VIEW)
      .executeTakeFirstOrThrow();
    expect(stored.query).toBe(`project:SHOP (${QUERY})`);

    // Opened from the other project, the view still shows SHOP's matches and nothing of APP's.
    await page.goto(`${server.url}/issues?project=APP`);
    await expect.poll(async () => (await shownKeys()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.locator('#view-select').selectOption({ label: VIEW });
    await page.waitForURL((u) => u.searchParams.get('q') === `project:SHOP (${QUERY})`);
    await expect.poll(shownKeys, { timeout: 20_000 }).toEqual(shop);
    await page.screenshot({ path: join(SCREENSHOTS, 'saved-view-or.png') });
  });
});
