import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const call = (method: string, path: string, body?: unknown) => callApi(page, method, path, body);

describe('ranked triage queue', () => {
  beforeAll(async () => {
    session = await openSignedIn('sam@closeloop.dev');
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('orders the queue by severity score and accepts the top issue by keyboard', async ({ skip }) => {
    if (!browser) return skip();
    expect((await call('POST', '/projects', { key: 'TRI', name: 'Triage test' })).status).toBe(201);
    const make = async (title: string, type: string, assessment?: { impact: number; likelihood: number }) => {
      const r = await call('POST', '/projects/TRI/issues', { title, type });
      expect(r.status).toBe(201);
      if (assessment)
        expect((await call('PATCH', `/issues/${r.body.key}/assessment`, assessment)).status).toBe(200);
      return r.body.key as string;
    };
    // Created middle, top, low: neither newest-first nor oldest-first order passes for ranking.
    const mid = await make('Search is slow on mobile', 'bug', { impact: 3, likelihood: 3 });
    const top = await make('Payments fail for every card', 'incident', { impact: 5, likelihood: 5 });
    const low = await make('Update the footer copy', 'feature');

    await page.goto(`${server.url}/triage?project=TRI`);
    const options = page.getByRole('listbox', { name: 'Triage queue' }).getByRole('option');
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBe(3);
    const keys = await options.locator('.key').allTextContents();
    expect(keys).toEqual([top, mid, low]);
    const scores = (await options.getByTestId('triage-score').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]!).toBeGreaterThan(scores[2]!);
    await expect.poll(() => options.first().textContent()).toContain('incident');
    await page.screenshot({ path: join(SCREENSHOTS, 'triage-ranked.png') });

    await page.locator('body').press('y');
    await expect
      .poll(() => options.locator('.key').allTextContents(), { timeout: 10_000 })
      .toEqual([mid, low]);
    expect((await call('GET', `/issues/${top}/triage`)).body.state).toBe('accepted');
    // Accepting changes the triage state, not the issue: its version is untouched.
    expect((await call('GET', `/issues/${top}`)).body.version).toBe(1);

    // The issue page shows the score, the proposal beside the decision, and each signal's points.
    await page.goto(`${server.url}/issue/${top}`);
    const severity = page.getByRole('region', { name: 'Severity' });
    await expect.poll(() => severity.textContent(), { timeout: 10_000 }).toContain('Impact × likelihood');
    expect(await severity.getByTestId('triage-state').textContent()).toBe('accepted');
    const proposed = (await call('GET', `/issues/${top}/severity`)).body.proposedPriority as string;
    expect((await severity.getByTestId('proposed-priority').textContent())?.toLowerCase()).toBe(proposed);
    await page.screenshot({ path: join(SCREENSHOTS, 'issue-severity.png') });
  });

  it('merges a likely duplicate into its original with one key', async ({ skip }) => {
    if (!browser) return skip();
    expect((await call('POST', '/projects', { key: 'DUP', name: 'Duplicates' })).status).toBe(201);
    const text =
      'Clicking the checkout button on Safari does nothing; the console shows a TypeError in cart.js.';
    const original = (
      await call('POST', '/projects/DUP/issues', {
        title: 'Checkout button does nothing on Safari',
        description: text,
        type: 'bug',
      })
    ).body.key;
    const copy = (
      await call('POST', '/projects/DUP/issues', {
        title: 'Checkout button does nothing in Safari',
        description: text,
        type: 'bug',
      })
    ).body.key;
    await page.goto(`${server.url}/triage?project=DUP`);
    const options = page.getByRole('listbox', { name: 'Triage queue' }).getByRole('option');
    await expect
      .poll(() => options.locator('.key').allTextContents(), { timeout: 15_000 })
      .toEqual([copy, original]);
    await expect
      .poll(() => page.getByTestId('likely-duplicate').textContent(), { timeout: 10_000 })
      .toContain(original);
    await page.locator('body').press('m');
    await expect
      .poll(() => options.locator('.key').allTextContents(), { timeout: 10_000 })
      .toEqual([original]);
    expect((await call('GET', `/issues/${copy}`)).body.resolution).toBe('duplicate');
  });
});
