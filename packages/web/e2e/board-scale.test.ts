import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * The board with more cards than its first page (40 a column): exact column counts from the
 * server and swimlanes drawn only where the screen is (issue 16).
 */
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const PRIORITIES = ['urgent', 'high', 'medium', 'low', 'none'];

describe('board at scale', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 1440, height: 900 } },
    });
    if (!session) return;
    ({ browser, server, page } = session);
    expect((await session.call('POST', '/projects', { key: 'BIG', name: 'Big board' })).status).toBe(201);
    for (let i = 0; i < 45; i++) {
      const r = await session.call('POST', '/projects/BIG/issues', {
        title: `Scale card ${i}`,
        status: 'todo',
        priority: PRIORITIES[i % PRIORITIES.length],
      });
      expect(r.status).toBe(201);
    }
  }, 180_000);
  afterAll(() => session?.close());

  it('shows the exact count of a column longer than its first page', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/board?project=BIG`);
    const todo = page.locator('[data-status="todo"]');
    await todo.locator('[data-key]').first().waitFor();
    const count = todo.getByRole('button', { name: /set WIP limit/ });
    // Not "40+" (the loaded page) but the 45 the server counts.
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('45');
    expect(await todo.getAttribute('aria-label')).toBe('Todo: 45 issues');
  });

  it('draws only the swimlanes in view and the others when scrolled to', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/board?project=BIG&lanes=priority`);
    const lanes = page.getByTestId('board');
    await page.locator('section.lane').first().waitFor();
    expect(await lanes.getAttribute('data-lanes')).toBe('5');
    // Five lanes of nine cards each are far taller than the screen: not all are in the DOM.
    const first = await page.locator('section.lane').first().getAttribute('aria-label');
    expect(await page.locator('section.lane').count()).toBeLessThan(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'board-lanes-windowed.png') });
    await lanes.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect
      .poll(() => page.locator('section.lane').first().getAttribute('aria-label'), { timeout: 5000 })
      .not.toBe(first);
    await expect.poll(() => page.locator('section.lane').count()).toBeGreaterThan(0);
  });

  it('collapses a column to a strip that gives its width to the others, remembered after a reload', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/board?project=BIG`);
    const todo = page.locator('[data-status="todo"]');
    await todo.locator('[data-key]').first().waitFor();
    const backlog = page.locator('[data-status="backlog"]');
    const before = (await backlog.boundingBox())!.width;
    await todo.getByRole('button', { name: 'Collapse Todo' }).click();
    await todo.getByRole('button', { name: 'Expand Todo (45 issues)' }).waitFor();
    expect(await todo.locator('[data-key]').count()).toBe(0);
    expect((await todo.boundingBox())!.width).toBeLessThan(60);
    expect((await backlog.boundingBox())!.width).toBeGreaterThan(before);
    await page.screenshot({ path: join(SCREENSHOTS, 'board-collapsed-column.png') });

    await page.reload();
    await todo.getByRole('button', { name: 'Expand Todo (45 issues)' }).click();
    await todo.locator('[data-key]').first().waitFor();
    expect(await todo.getAttribute('aria-label')).toBe('Todo: 45 issues');
  });

  it('collapses the empty and done columns from the palette, keeping the columns with cards open', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/board?project=BIG`);
    await page.locator('[data-status="todo"] [data-key]').first().waitFor();
    // The exact counts decide which columns are empty.
    await expect
      .poll(() => page.locator('[data-status="backlog"]').getAttribute('aria-label'))
      .toBe('Backlog: 0 issues');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('Collapse empty and done');
    await palette.getByRole('option', { name: /Collapse empty and done columns/ }).click();
    for (const status of ['backlog', 'in_progress', 'in_review', 'done', 'cancelled'])
      await expect
        .poll(() => page.locator(`[data-status="${status}"]`).getAttribute('aria-label'))
        .toMatch(/\(collapsed\)$/);
    expect(await page.locator('[data-status="todo"]').getAttribute('aria-label')).toBe('Todo: 45 issues');
  });
});
