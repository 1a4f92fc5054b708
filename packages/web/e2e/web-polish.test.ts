import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Issue 16 in Chromium on the demo workspace: what a new user tripped over (palette, mentions,
 * estimate, prompts, board width) now behaves.
 */
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const apiGet = <T>(path: string) =>
  page.evaluate(
    (p) =>
      fetch(`/api/v1${p}`).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) })),
    path,
  ) as Promise<{ status: number; body: T }>;

describe('web app polish (issue 16)', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 1440, height: 900 } },
    });
    if (!session) return;
    ({ browser, server, page } = session);
    await page.locator('[data-testid="issue-list"] .row').first().waitFor();
  }, 120_000);
  afterAll(() => session?.close());

  it('palette: Enter right away runs the first command and never signs out', async ({ skip }) => {
    if (!browser) return skip();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor({ timeout: 10_000 });
    const first = await palette.getByRole('option').first().textContent({ timeout: 5000 });
    expect(first).not.toMatch(/sign out/i);
    // Sign out is listed, but last.
    expect(await palette.getByRole('option').last().textContent({ timeout: 5000 })).toMatch(/sign out/i);
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached', timeout: 5000 });
    expect((await apiGet('/me')).status).toBe(200);
    expect(page.url()).not.toMatch(/signin/);
    await page.keyboard.press('Escape');
  });

  it('palette: finds an issue by its key and by words of its title', async ({ skip }) => {
    if (!browser) return skip();
    const { body } = await apiGet<{ items: { key: string; title: string }[] }>(
      '/issues?project=APP&limit=20',
    );
    const target = body.items.find(
      (i) => i.title.split(/\s+/).filter((w) => /^\p{L}{5,}$/u.test(w)).length >= 2,
    )!;
    const palette = page.getByRole('dialog', { name: 'Command palette' });

    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type(target.key.toLowerCase());
    await expect.poll(() => palette.getByRole('option').first().textContent()).toContain(target.key);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/issue/${target.key}$`));
    // The issue page is on screen before the palette opens again, so that nothing it mounts takes
    // the focus from the palette's input (seen on a loaded CI machine: the words went nowhere).
    await palette.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: target.title }).waitFor();

    const words = target.title
      .split(/\s+/)
      .filter((w) => /^\p{L}{5,}$/u.test(w))
      .slice(0, 2)
      .join(' ');
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type(words);
    const hit = palette.getByRole('option').filter({ hasText: target.key });
    await hit.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'palette-issue-search.png') });
    await page.keyboard.press('Escape');
  });

  it('renders an @mention in a posted comment as a highlighted link to the person', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issue/APP-2`);
    const box = page.getByLabel('Write a comment');
    await box.fill('Can @priya check the assets? Mail to a@b.dev is not a mention.');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comment = page.getByTestId('comment').filter({ hasText: 'check the assets' });
    const link = comment.locator('a.mention');
    await link.waitFor();
    expect(await link.count()).toBe(1);
    expect(await link.textContent()).toBe('@priya');
    expect(decodeURIComponent((await link.getAttribute('href')) ?? '')).toBe(
      '/issues?q=assignee:priya@closeloop.dev',
    );
    expect(await link.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await link.click();
    await page.waitForURL(/\/issues\?q=assignee/);
  });

  it('saves the estimate on Enter', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issue/APP-3`);
    const est = page.getByLabel('Estimate (min)');
    await est.fill('95');
    await est.press('Enter');
    await expect
      .poll(
        async () => (await apiGet<{ estimateMinutes: number | null }>('/issues/APP-3')).body.estimateMinutes,
      )
      .toBe(95);
  });

  it('sets a board column WIP limit in a dialog that checks the number (no window.prompt)', async ({
    skip,
  }) => {
    if (!browser) return skip();
    const native = (d: { type(): string; message(): string }) => {
      throw new Error(`unexpected native ${d.type()} dialog: ${d.message()}`);
    };
    page.on('dialog', native);
    await page.goto(`${server.url}/board?project=APP`);
    await page.locator('.card').first().waitFor();
    // At 1440 px every column fits: they share the width instead of overflowing to the right.
    const fit = await page
      .locator('.board')
      .evaluate((b) => ({ scroll: b.scrollWidth, client: b.clientWidth, columns: b.children.length }));
    expect(fit.columns).toBeGreaterThanOrEqual(5);
    expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
    const column = page.locator('.column').first();
    await column.getByRole('button', { name: /set WIP limit/ }).click();
    const dialog = page.getByRole('dialog', { name: /^WIP limit for / });
    const field = dialog.getByRole('textbox');
    await field.fill('many');
    await field.press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'whole number' }).waitFor();
    await field.fill('3');
    await field.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => column.getByRole('button', { name: /set WIP limit/ }).textContent())
      .toContain('/ 3');
    page.off('dialog', native);
  });

  it('edits properties with searchable pickers opened by their shortcuts (s, p, a, l), the current value marked', async ({
    skip,
  }) => {
    if (!browser) return skip();
    const { body: issue } = await apiGet<{ key: string; labels: string[]; priority: string }>(
      '/issues/APP-2',
    );
    await page.goto(`${server.url}/issue/${issue.key}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // No native selects left in the properties panel.
    expect(await page.getByRole('complementary', { name: 'Properties' }).locator('select').count()).toBe(0);
    const picker = page.getByRole('dialog');
    // p: the priority picker, starting on (and marking) the current priority.
    await page.locator('body').press('p');
    await picker.getByRole('combobox').waitFor();
    expect(await picker.locator('[data-current="true"]').count()).toBe(1);
    expect(await picker.locator('.palette-item.active').getAttribute('data-current')).toBe('true');
    await page.keyboard.press('Escape');
    // l: labels, searchable by typing; Enter toggles the first match onto the issue.
    const { body: labels } = await apiGet<{ name: string }[] | { items: { name: string }[] }>('/labels');
    const all = (Array.isArray(labels) ? labels : labels.items).map((l) => l.name);
    const add = all.find((l) => !issue.labels.includes(l))!;
    await page.locator('body').press('l');
    await picker.getByRole('combobox').fill(add);
    await expect.poll(() => picker.locator('.palette-item.active .palette-label').textContent()).toBe(add);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await apiGet<{ labels: string[] }>(`/issues/${issue.key}`)).body.labels)
      .toContain(add);
    // a: the assignee picker from the keyboard, filtered by a name.
    await page.locator('body').press('a');
    await picker.getByRole('combobox').fill('Priya');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#lbl-assignee-value').textContent()).toBe('Priya Shah');
    await page.screenshot({ path: join(SCREENSHOTS, 'issue-pickers.png') });
  });

  it('checks a query with the core parser while it is typed, before it is sent', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issues?project=APP`);
    const box = page.getByRole('combobox', { name: 'Filter issues (query)' });
    await box.fill('priority:extreme');
    const check = page.locator('#query-check');
    // The binder's own words for the bad value, with its column, without pressing Enter.
    await expect.poll(() => check.textContent(), { timeout: 5000 }).toMatch(/extreme.*\(column \d+\)/);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).not.toContain('extreme');
    await box.fill('priority:high');
    await check.waitFor({ state: 'detached' });
    expect(await box.getAttribute('aria-invalid')).toBeNull();
  });

  it('drops a dragged card in the column under the pointer at 1440 px', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/board?project=APP`);
    const card = page.locator('[data-status="todo"] [data-key]').first();
    await card.waitFor();
    const key = (await card.getAttribute('data-key'))!;
    const cb = (await card.boundingBox())!;
    const tb = (await page.locator('[data-status="in_progress"]').boundingBox())!;
    // Held by its right edge and let go just inside In Progress's left edge: most of the card is
    // still over Todo, so a drop decided by overlap lands back in Todo; the pointer says In Progress.
    const grabX = cb.x + cb.width - 8;
    const grabY = cb.y + cb.height / 2;
    await page.mouse.move(grabX, grabY);
    await page.mouse.down();
    await page.mouse.move(grabX - 10, grabY + 10, { steps: 3 });
    // The card fits its column (a long chip once made it wider and hid its right edge under the next column).
    expect(cb.x + cb.width).toBeLessThan(tb.x);
    await page.mouse.move(tb.x + 12, tb.y + 160, { steps: 15 });
    await page.mouse.up();
    await expect
      .poll(() => page.locator(`[data-status="in_progress"] [data-key="${key}"]`).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect
      .poll(async () => (await apiGet<{ status: string }>(`/issues/${key}`)).body.status)
      .toBe('in_progress');
  });

  it('signed out, the app and the API docs load without console errors (no 401 probe, no CSP violation)', async ({
    skip,
  }) => {
    if (!browser) return skip();
    const ctx = await browser.newContext();
    const anon = await ctx.newPage();
    const errors: string[] = [];
    anon.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await anon.goto(`${server.url}/issues`);
    await anon.getByLabel('Email').waitFor({ timeout: 10_000 });
    expect(anon.url()).toMatch(/\/signin/);
    await anon.goto(`${server.url}/api/docs`);
    await anon.locator('#swagger-ui section.swagger-ui').waitFor({ state: 'attached', timeout: 20_000 });
    await anon.waitForTimeout(1000);
    await ctx.close();
    expect(errors).toEqual([]);
  }, 90_000);
});
