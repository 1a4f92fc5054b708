import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, launchChromium, type Running, SCREENSHOTS, startServer } from './harness.ts';

/**
 * Issue 16 in Chromium on the demo workspace: what a new user tripped over (palette, mentions,
 * estimate, prompts, board width) now behaves.
 */
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
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    if (!browser) return;
    server = await startServer(await buildWeb());
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Email').fill('demo@closeloop.dev');
    await page.getByLabel('Password').fill('closeloop-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/issues/);
    await page.locator('[data-testid="issue-list"] .row').first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

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
