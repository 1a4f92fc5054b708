import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, pickProperty, type Running, SCREENSHOTS, type SignedIn, signIn } from './harness.ts';

/**
 * Closing in the app: the close dialog shows the closest past issue with its resolution and
 * lessons, closes as a duplicate of an original; an admin adds a resolution and a lessons rule in
 * settings and a member closes with them; the list's bulk close and a board drop ask for the
 * record the issues owe; past resolutions show the resolution's current name; a closed likely
 * duplicate is offered to open, not to merge into; the setup page makes the push hook and shows its secret
 * once; a signed push's commit is listed on the issue it names.
 */
let s: SignedIn | null;
let server: Running;
let page: Page;

const post = async (path: string, data: unknown) => {
  const r = await s!.call('POST', path, data);
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
};

describe('closing: past issues, duplicates, push hook and linked commits', () => {
  beforeAll(async () => {
    s = await openSignedIn('demo@closeloop.dev', { context: { viewport: { width: 1440, height: 900 } } });
    if (!s) return;
    ({ server, page } = s);
    await post('/projects', { key: 'CLS', name: 'Closing' });
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  });

  it('shows how a similar issue was resolved and closes the new one as its duplicate', async ({ skip }) => {
    if (!s) return skip();
    const past = await post('/projects/CLS/issues', { title: 'Coupon total rounds wrong at checkout' });
    const r = await page.request.patch(`${server.url}/api/v1/issues/${past.key}`, {
      data: {
        version: past.version,
        status: 'done',
        resolution: 'fixed',
        resolutionNote: 'Round the coupon once, at the end',
      },
    });
    expect(r.status()).toBe(200);
    const put = await page.request.put(`${server.url}/api/v1/issues/${past.key}/lessons`, {
      data: { rootCause: 'The discount was rounded per line item' },
    });
    expect(put.status()).toBe(200);
    const fresh = await post('/projects/CLS/issues', { title: 'Checkout coupon total is wrong' });

    await page.goto(`${server.url}/issue/${fresh.key}`);
    const panel = page.getByRole('region', { name: 'Closest past issues' });
    await panel.getByText('Round the coupon once, at the end').waitFor();
    expect(await panel.getByText('Root cause: The discount was rounded per line item').count()).toBe(1);

    await pickProperty(page, 'Status', 'Done');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('region', { name: 'Closest past issues' }).getByText(past.key).waitFor();
    await dialog.getByLabel('Resolution', { exact: true }).selectOption('duplicate');
    await dialog.getByLabel("Duplicate of (the original's key)").fill(past.key.toLowerCase());
    await page.screenshot({ path: join(SCREENSHOTS, 'close-as-duplicate.png') });
    await dialog.getByRole('button', { name: 'Close issue' }).click();
    await page.getByText(`Duplicate of ${past.key}.`).first().waitFor();
    const after = await (await page.request.get(`${server.url}/api/v1/issues/${fresh.key}`)).json();
    expect(after).toMatchObject({ resolution: 'duplicate', statusCategory: 'done' });
    const links = await (await page.request.get(`${server.url}/api/v1/issues/${fresh.key}/links`)).text();
    expect(links).toContain(past.key);
  }, 120_000);

  it('offers a resolution an admin added, and asks for lessons because of the project rule', async ({
    skip,
  }) => {
    if (!s) return skip();
    const issue = await post('/projects/CLS/issues', {
      title: 'Reset link works twice',
      labels: ['security'],
    });
    await page.goto(`${server.url}/settings/closing`);
    const section = page.getByRole('region', { name: 'Resolutions' });
    await section.getByLabel('Project').selectOption('CLS');
    await section.getByLabel('Key').fill('works_as_designed');
    await section.getByLabel('Name', { exact: true }).fill('Works as designed');
    await section.getByRole('button', { name: 'Add resolution' }).click();
    await section.getByLabel('Name of resolution works_as_designed').waitFor();
    const rule = section.getByLabel('Issues matching');
    await rule.fill('label:security (');
    await section.getByText(/The lessons rule is not a query/).waitFor();
    await rule.fill('label:security');
    await section.getByText('Matches 1 issue now').waitFor();
    await section.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('Lessons rule saved').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'closing-settings.png') });

    // A member closes the issue with the new resolution; the dialog asks for lessons, saying why.
    const member = await (await s.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(member, server.url, 'priya@closeloop.dev');
    await member.goto(`${server.url}/issue/${issue.key}`);
    await pickProperty(member, 'Status', 'Done');
    const dialog = member.getByRole('dialog');
    await dialog
      .getByText('Lessons learned are asked for: matches the project rule `label:security`')
      .waitFor();
    await dialog.getByLabel('Resolution', { exact: true }).selectOption('Works as designed');
    await dialog.getByLabel('Root cause').fill('Reset tokens were not spent on use');
    await member.screenshot({ path: join(SCREENSHOTS, 'close-with-lessons-rule.png') });
    await dialog.getByRole('button', { name: 'Close issue' }).click();
    await dialog.waitFor({ state: 'detached' });
    await member.getByText('Works as designed', { exact: true }).first().waitFor();
    const after = await s.call('GET', `/issues/${issue.key}`);
    expect(after.body).toMatchObject({ resolution: 'works_as_designed', statusCategory: 'done' });
    const lessons = await s.call('GET', `/issues/${issue.key}/lessons`);
    expect(lessons.body.record.rootCause).toBe('Reset tokens were not spent on use');
    await member.context().close();
  }, 120_000);

  it('asks for lessons when closing from the list (bulk) and by a board drop, as the issue page does', async ({
    skip,
  }) => {
    if (!s) return skip();
    const urgent = await post('/projects/CLS/issues', { title: 'Refunds paid twice', priority: 'urgent' });
    const risk = await post('/projects/CLS/issues', { title: 'Card vendor contract lapses', type: 'risk' });
    const plain = await post('/projects/CLS/issues', { title: 'Footer link colour', priority: 'low' });
    await page.goto(`${server.url}/issues?project=CLS`);
    for (const i of [urgent, risk, plain]) await page.getByLabel(`Select ${i.key}`).check();
    await page.getByRole('toolbar', { name: 'Bulk edit' }).getByRole('button', { name: 'Status' }).click();
    const picker = page.getByRole('dialog').filter({ has: page.locator('.palette-list') });
    await picker.getByRole('combobox').fill('Done');
    await picker
      .locator('.palette-item')
      .filter({ has: page.getByText('Done', { exact: true }) })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Close 3 issues as Done' });
    // Only the issues that owe a record are named (in the list's order), each with why.
    const asked = dialog.getByText(/^Lessons learned are asked for: /);
    await asked.waitFor();
    const why = (await asked.textContent()) ?? '';
    expect(why).toContain(`${urgent.key}: urgent priority`);
    expect(why).toContain(`${risk.key}: the type is risk`);
    expect(why).not.toContain(`${plain.key}:`);
    await dialog.getByLabel('Root cause').fill('The refund worker retried without an idempotency key');
    await page.screenshot({ path: join(SCREENSHOTS, 'bulk-close-with-lessons.png') });
    await dialog.getByRole('button', { name: 'Close issue' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.toast').filter({ hasText: '3 issues: moved to Done' }).waitFor();
    for (const i of [urgent, risk, plain])
      expect((await s.call('GET', `/issues/${i.key}`)).body.statusCategory, i.key).toBe('done');
    for (const i of [urgent, risk])
      expect((await s.call('GET', `/issues/${i.key}/lessons`)).body.record.rootCause, i.key).toBe(
        'The refund worker retried without an idempotency key',
      );
    expect((await s.call('GET', `/issues/${plain.key}/lessons`)).body.record).toBeNull();

    // A board drop onto Done asks the same form.
    const high = await post('/projects/CLS/issues', {
      title: 'Invoices lose their VAT line',
      priority: 'high',
    });
    await page.goto(`${server.url}/board?project=CLS`);
    const card = page.locator(`[data-key="${high.key}"]`);
    await card.waitFor();
    const cb = (await card.boundingBox())!;
    const done = page.locator('[data-status="done"]').first();
    const db = (await done.boundingBox())!;
    await page.mouse.move(cb.x + 30, cb.y + 20);
    await page.mouse.down();
    await page.mouse.move(cb.x + 40, cb.y + 30, { steps: 3 });
    await page.mouse.move(db.x + db.width / 2, db.y + 120, { steps: 12 });
    await page.mouse.up();
    const drop = page.getByRole('dialog', { name: `Close ${high.key} as Done` });
    await drop.getByText('Lessons learned are asked for: high priority', { exact: true }).waitFor();
    await drop.getByLabel('Root cause').fill('The VAT rounding moved to the wrong module');
    await drop.getByRole('button', { name: 'Close issue' }).click();
    await drop.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await s!.call('GET', `/issues/${high.key}`)).body.statusCategory)
      .toBe('done');
    expect((await s.call('GET', `/issues/${high.key}/lessons`)).body.record.rootCause).toBe(
      'The VAT rounding moved to the wrong module',
    );
  }, 120_000);

  it('asks for lessons when triage declines a report that owes them', async ({ skip }) => {
    if (!s) return skip();
    await post('/projects', { key: 'DEC', name: 'Declines' });
    const incident = await post('/projects/DEC/issues', { title: 'Status page was down', type: 'incident' });
    await page.goto(`${server.url}/triage?project=DEC`);
    const options = page.getByRole('listbox', { name: 'Triage queue' }).getByRole('option');
    await expect
      .poll(() => options.locator('.key').allTextContents(), { timeout: 15_000 })
      .toEqual([incident.key]);
    await page.getByRole('button', { name: /^Decline/ }).click();
    const dialog = page.getByRole('dialog', { name: `Decline ${incident.key}` });
    await dialog.getByText('Lessons learned are asked for: the type is incident', { exact: true }).waitFor();
    expect(await dialog.getByLabel('Resolution', { exact: true }).inputValue()).toBe('declined');
    await dialog.getByLabel('Root cause').fill('The status page shared a host with the app');
    await dialog.getByRole('button', { name: 'Close issue' }).click();
    await page
      .locator('.toast')
      .filter({ hasText: `${incident.key} declined` })
      .waitFor();
    const after = (await s.call('GET', `/issues/${incident.key}`)).body;
    expect(after).toMatchObject({ resolution: 'declined', statusCategory: 'cancelled' });
    expect((await s.call('GET', `/issues/${incident.key}/lessons`)).body.record.rootCause).toBe(
      'The status page shared a host with the app',
    );
  }, 120_000);

  it('shows past resolutions by their configured name, also after a rename', async ({ skip }) => {
    if (!s) return skip();
    // Closed with "Works as designed" (added in settings by the test above), then renamed.
    const renamed = await s.call('PATCH', '/projects/CLS/resolutions/works_as_designed', {
      name: 'By design',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await page.goto(`${server.url}/knowledge?q=tokens`);
    const hit = page
      .getByRole('list', { name: 'Knowledge results' })
      .getByRole('listitem')
      .filter({ hasText: 'Reset link works twice' });
    await hit.getByText(/By design/).waitFor();
    expect(await hit.textContent()).not.toMatch(/works.as.designed/i);
  }, 120_000);

  it('offers to open, not merge into, a closed likely duplicate', async ({ skip }) => {
    if (!s) return skip();
    const old = await post('/projects/CLS/issues', { title: 'Wishlist page crashes when sharing a list' });
    const closed = await s.call('PATCH', `/issues/${old.key}`, {
      version: old.version,
      status: 'done',
      resolution: 'fixed',
    });
    expect(closed.status).toBe(200);
    const again = await post('/projects/CLS/issues', { title: 'Wishlist page crashes when sharing a list' });
    await page.goto(`${server.url}/issue/${again.key}`);
    const panel = page.getByRole('region', { name: 'Similar issues' });
    const status = panel.getByRole('status').filter({ hasText: 'Recurrence of' });
    await status.getByRole('link', { name: `Open ${old.key}` }).waitFor();
    expect(await status.textContent()).toContain('(Fixed)');
    expect(await panel.getByRole('button', { name: /Merge into/ }).count()).toBe(0);
    await status.getByRole('link', { name: `Open ${old.key}` }).click();
    await page.waitForURL(`**/issue/${old.key}`);
  }, 120_000);

  it('sets up the push hook, shows the secret once, and lists a pushed commit on its issue', async ({
    skip,
  }) => {
    if (!s) return skip();
    const issue = await post('/projects/CLS/issues', { title: 'Cart badge stale after removal' });
    await page.goto(`${server.url}/projects/CLS/setup`);
    const hookSection = page.getByRole('region', { name: 'Repository push hook' });
    await hookSection.getByLabel('Branch').fill('release');
    await hookSection.getByRole('button', { name: 'Create push hook' }).click();
    const secret = (await hookSection.getByTestId('hook-secret').locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^[\w-]{32}$/);
    const url = (await hookSection.getByTestId('hook-url').textContent()) ?? '';
    await page.reload();
    await page.getByRole('region', { name: 'Repository push hook' }).getByTestId('hook-url').waitFor();
    expect(await page.getByTestId('hook-secret').count()).toBe(0);
    expect(
      await page.getByRole('region', { name: 'Repository push hook' }).getByLabel('Branch').inputValue(),
    ).toBe('release');

    const sha = 'c0ffee'.padEnd(40, '1');
    const body = JSON.stringify({
      ref: 'refs/heads/release',
      repository: { full_name: 'acme/app' },
      commits: [
        {
          id: sha,
          message: `Refresh the badge after removal (${issue.key})`,
          timestamp: '2026-12-01T10:00:00Z',
          url: `https://github.com/acme/app/commit/${sha}`,
          author: { name: 'Demo User', email: 'demo@closeloop.dev' },
        },
      ],
    });
    const push = await page.request.post(`${server.url}${new URL(url).pathname}`, {
      data: body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
    });
    expect(push.status(), await push.text()).toBe(200);
    // The pull request that brought it, as GitHub announces it once merged.
    const prBody = JSON.stringify({
      action: 'closed',
      number: 41,
      pull_request: {
        number: 41,
        title: `Badge refresh (${issue.key})`,
        body: 'Removes the stale count.',
        html_url: 'https://github.com/acme/app/pull/41',
        state: 'closed',
        merged: true,
        head: { ref: 'fix/badge' },
        base: { ref: 'main' },
        user: { login: 'demo' },
      },
      repository: { full_name: 'acme/app' },
    });
    const pr = await page.request.post(`${server.url}${new URL(url).pathname}`, {
      data: prBody,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(prBody).digest('hex')}`,
      },
    });
    expect(pr.status(), await pr.text()).toBe(200);
    await page.goto(`${server.url}/issue/${issue.key}`);
    const commits = page.getByRole('region', { name: 'Linked changes' });
    const pulls = commits.getByTestId('linked-pull-request');
    await pulls.getByText('Badge refresh').waitFor();
    expect(await pulls.getByText('merged', { exact: true }).count()).toBe(1);
    expect(await pulls.getByRole('link', { name: '#41' }).getAttribute('href')).toBe(
      'https://github.com/acme/app/pull/41',
    );
    await commits.getByText('Refresh the badge after removal').waitFor();
    expect(await commits.getByRole('link', { name: sha.slice(0, 10) }).getAttribute('href')).toBe(
      `https://github.com/acme/app/commit/${sha}`,
    );
  }, 120_000);

  it('shows per release the issues it brought and the fixes it shipped, awaiting verification', async ({
    skip,
  }) => {
    if (!s) return skip();
    const key = await post('/projects/CLS/ingest-keys', {});
    const send = async (release: string, message: string, n: number) => {
      const events = Array.from({ length: n }, () => ({
        event_id: randomBytes(16).toString('hex'),
        type: 'message',
        timestamp: Date.now(),
        message: { formatted: message },
        release,
      }));
      const r = await page.request.post(`${server.url}/api/ingest/v1/events?key=${key.publicKey}`, {
        data: { v: 1, events },
      });
      expect(r.status(), await r.text()).toBeLessThan(300);
      await server.svc.ingest.worker.drain();
    };
    await send('cls@1.0.0', 'Price shows NaN', 4);
    const list = await s!.call('GET', '/issues?project=CLS&kind=error&limit=10');
    const broken = list.body.items.find((i: { title: string }) => i.title.includes('Price shows NaN'));
    const closed = await s!.call('PATCH', `/issues/${broken.key}`, {
      version: broken.version,
      status: 'done',
      resolution: 'fixed',
    });
    expect(closed.status).toBe(200);
    // The worker ties the fix to the last broken release once the close is published.
    for (let i = 0; i < 100; i++) {
      const r = await s!.call('GET', '/projects/CLS/releases/issues');
      if (r.body.items.some((x: { resolved: unknown[] }) => x.resolved.length > 0)) break;
      await page.waitForTimeout(100);
    }
    await send('cls@1.1.0', 'Wishlist heart flickers', 2);

    await page.goto(`${server.url}/releases?project=CLS`);
    const release = page.getByRole('region', { name: 'Release cls@1.1.0' });
    const fixes = release.getByRole('region', { name: 'Fixed in this release' });
    await fixes.getByText(broken.key).waitFor();
    expect(await fixes.getByText('Awaiting verification').count()).toBe(1);
    expect(await fixes.getByText('0 of 200 sessions on cls@1.1.0 or later so far').count()).toBe(1);
    const added = release.getByRole('region', { name: 'New issues' });
    expect(await added.getByText('Wishlist heart flickers').count()).toBe(1);
    const older = page
      .getByRole('region', { name: 'Release cls@1.0.0' })
      .getByRole('region', { name: 'New issues' });
    expect(await older.getByText('Price shows NaN').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'releases.png') });
  }, 120_000);
});
