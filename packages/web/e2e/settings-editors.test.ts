import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Admin editors and comment extras in a real browser: a workflow edit forbids a move and the board
 * refuses it; removing a used status asks where its issues go; a custom field is created and set on
 * an issue (with the server's validation message inline); a comment gets a reaction and an edit
 * whose history can be read.
 */
let server: Running;
let session: SignedIn | null;
let browser: Browser | null;
let page: Page;
let issueKey = '';

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const apiJson = (path: string, init?: { method: string; body?: unknown }) =>
  page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(`/api/v1${path}`, {
        method: init?.method ?? 'GET',
        headers: init?.body ? { 'content-type': 'application/json' } : {},
        body: init?.body ? JSON.stringify(init.body) : undefined,
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    { path, init },
  );

describe('settings editors, custom field values and comment extras', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 1280, height: 900 } },
    });
    if (!session) return;
    ({ browser, server, page } = session);
    page.setDefaultTimeout(10_000);
  }, 180_000);
  afterAll(() => session?.close());

  it('edits the workflow so nothing may enter Backlog, and the board refuses such a move', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/settings/workflow?project=APP`);
    await page.getByRole('heading', { name: /Workflow/ }).waitFor();
    await page.getByRole('combobox', { name: 'Project' }).selectOption('APP');
    const anyToBacklog = page.getByLabel('Allow Any status to Backlog');
    await anyToBacklog.waitFor();
    await anyToBacklog.uncheck();
    // In Review becomes a verification step: its issues go on to done by someone else.
    await page.getByLabel('In Review is a verification step').check();
    await page.getByRole('button', { name: 'Save workflow' }).click();
    await page.locator('.toast').filter({ hasText: 'Workflow saved' }).waitFor();
    await shot('20-workflow-editor');
    const wf = await apiJson('/projects/APP/workflows/default');
    expect(wf.body.transitions).not.toContainEqual({ from: '*', to: 'backlog' });
    expect(
      wf.body.statuses
        .filter((x: { verification: boolean }) => x.verification)
        .map((x: { key: string }) => x.key),
    ).toEqual(['in_review']);

    await page.goto(`${server.url}/board?project=APP`);
    const card = page.locator('[data-status="todo"] [data-key]').first();
    await card.waitFor();
    const key = await card.getAttribute('data-key');
    const cb = (await card.boundingBox())!;
    const tb = (await page.locator('[data-status="backlog"]').boundingBox())!;
    await page.mouse.move(cb.x + 30, cb.y + 20);
    await page.mouse.down();
    await page.mouse.move(cb.x + 40, cb.y + 30, { steps: 3 });
    await page.mouse.move(tb.x + tb.width / 2, tb.y + 120, { steps: 12 });
    await page.mouse.up();
    const toast = page.locator('.toast-error').filter({ hasText: key! });
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/does not allow/);
    await expect.poll(() => page.locator(`[data-status="todo"] [data-key="${key}"]`).count()).toBe(1);
    expect((await apiJson(`/issues/${key}`)).body.status).toBe('todo');
    await shot('21-board-refuses-workflow');
  });

  it('rolls an optimistic move back with the server’s reason when the workflow changed meanwhile (422)', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/board?project=APP`);
    const card = page.locator('[data-status="todo"] [data-key]').first();
    await card.waitFor();
    const key = await card.getAttribute('data-key');
    // Another admin forbids Todo → Done after this board loaded its workflow.
    const wf = (await apiJson('/projects/APP/workflows/default')).body;
    const keys: string[] = wf.statuses.map((s: { key: string }) => s.key);
    const put = await apiJson('/projects/APP/workflows/default', {
      method: 'PUT',
      body: {
        initial: wf.initial,
        statuses: wf.statuses,
        transitions: keys.flatMap((from) =>
          keys
            .filter((to) => to !== from && to !== 'backlog' && !(from === 'todo' && to === 'in_progress'))
            .map((to) => ({ from, to })),
        ),
      },
    });
    expect(put.status).toBe(200);
    const cb = (await card.boundingBox())!;
    const tb = (await page.locator('[data-status="in_progress"]').boundingBox())!;
    await page.mouse.move(cb.x + 30, cb.y + 20);
    await page.mouse.down();
    await page.mouse.move(cb.x + 40, cb.y + 30, { steps: 3 });
    await page.mouse.move(tb.x + tb.width / 2, tb.y + 120, { steps: 12 });
    await page.mouse.up();
    const toast = page.locator('.toast-error').filter({ hasText: key! });
    await toast.waitFor();
    await shot('21b-board-rollback-422');
    await expect.poll(() => page.locator(`[data-status="todo"] [data-key="${key}"]`).count()).toBe(1);
    expect(await page.locator(`[data-status="in_progress"] [data-key="${key}"]`).count()).toBe(0);
    expect((await apiJson(`/issues/${key}`)).body.status).toBe('todo');
  });

  it('asks where issues go when a saved workflow removes a status they use', async ({ skip }) => {
    if (!browser) return skip();
    const made = await apiJson('/projects/APP/issues', {
      method: 'POST',
      body: { title: 'Waiting for review', status: 'in_review' },
    });
    expect(made.status).toBe(201);
    await page.goto(`${server.url}/settings/workflow?project=APP`);
    await page.getByRole('button', { name: 'Remove status In Review' }).click();
    await page.getByRole('button', { name: 'Save workflow' }).click();
    const mapping = page.getByRole('group', { name: /Where do issues in removed statuses go/ });
    await mapping.waitFor();
    await mapping.getByRole('combobox').selectOption('in_progress');
    await shot('22-workflow-mapping');
    await page.getByRole('button', { name: 'Move issues and save' }).click();
    await page.locator('.toast').filter({ hasText: 'Workflow saved' }).waitFor();
    expect((await apiJson(`/issues/${made.body.key}`)).body.status).toBe('in_progress');
  });

  it('creates custom fields and sets their values on an issue, showing the server’s message', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/settings/fields?project=APP`);
    const form = page.getByRole('form', { name: 'New custom field' });
    await form.getByLabel('Field key').fill('points');
    await form.getByLabel('Field name').fill('Story points');
    await form.getByLabel('Field type').selectOption('number');
    await form.getByRole('button', { name: 'Create field' }).click();
    await page
      .getByRole('table', { name: 'Custom fields' })
      .getByText('Story points', { exact: true })
      .waitFor();
    await form.getByLabel('Field key').fill('severity');
    await form.getByLabel('Field name').fill('Severity');
    await form.getByLabel('Field type').selectOption('single_select');
    await form.getByLabel('Options (one a line)').fill('minor\nmajor\ncritical');
    await form.getByRole('button', { name: 'Create field' }).click();
    await page.getByRole('table', { name: 'Custom fields' }).getByText('Severity', { exact: true }).waitFor();
    await form.getByLabel('Field key').fill('spec');
    await form.getByLabel('Field name').fill('Spec link');
    await form.getByLabel('Field type').selectOption('url');
    await form.getByRole('button', { name: 'Create field' }).click();
    await page
      .getByRole('table', { name: 'Custom fields' })
      .getByText('Spec link', { exact: true })
      .waitFor();
    await shot('23-custom-fields-editor');

    const list = await apiJson('/issues?project=APP&limit=1');
    issueKey = list.body.items[0].key;
    await page.goto(`${server.url}/issue/${issueKey}`);
    const points = page.getByLabel('Story points');
    await points.fill('5');
    await points.press('Enter');
    // In the Properties panel: the issue's severity score section is also labelled "Severity".
    await page
      .getByRole('complementary', { name: 'Properties' })
      .getByLabel('Severity')
      .selectOption('major');
    await expect
      .poll(async () => (await apiJson(`/issues/${issueKey}`)).body.customFields)
      .toMatchObject({ points: 5, severity: 'major' });
    const spec = page.getByLabel('Spec link');
    await spec.fill('not a link');
    await spec.press('Enter');
    const err = page.locator('#cf-spec-error');
    await err.waitFor();
    expect((await err.textContent())?.length).toBeGreaterThan(3);
    await shot('24-issue-custom-fields');
  });

  it('reacts to a comment and shows the count, then edits it and shows the history', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issue/${issueKey}`);
    await page.getByLabel('Write a comment').fill('First draft of the plan');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const first = page.locator('[data-testid="comment"]').filter({ hasText: 'First draft of the plan' });
    await first.waitFor();
    const comment = page.locator(`[data-comment-id="${await first.getAttribute('data-comment-id')}"]`);
    await comment.getByRole('button', { name: 'Add reaction' }).click();
    await comment.getByRole('button', { name: 'React 🎉' }).click();
    const reaction = comment.getByRole('button', { name: /^🎉 1/ });
    await reaction.waitFor();
    expect(await reaction.getAttribute('aria-pressed')).toBe('true');

    await comment.getByRole('button', { name: 'Edit', exact: true }).click();
    await comment.getByLabel('Edit comment').fill('Second draft of the plan');
    await comment.getByRole('button', { name: 'Save comment' }).click();
    const edited = comment;
    await comment.getByText('Second draft of the plan').waitFor();
    await edited.getByRole('button', { name: /^edited/ }).click();
    const history = edited.getByRole('region', { name: 'Edit history' });
    await history.getByText('First draft of the plan').waitFor();
    await shot('25-comment-reactions-history');
  });

  it('draws a dependency arrow on the timeline for a blocks link', async ({ skip }) => {
    if (!browser) return skip();
    const links = await apiJson('/projects/APP/links?type=blocks');
    expect(links.status).toBe(200);
    expect(links.body.items.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/timeline?project=APP`);
    await page.getByRole('combobox', { name: 'Project' }).selectOption('APP');
    await expect.poll(() => page.locator('svg path[marker-end="url(#arrow)"]').count()).toBeGreaterThan(0);
    await shot('26-timeline-arrows');
  });

  it('saves a view and deletes it again', async ({ skip }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issues?project=APP&q=${encodeURIComponent('priority:high')}`);
    await page.locator('[data-testid="issue-list"] .row').first().waitFor();
    await page.getByRole('button', { name: 'Save view' }).click();
    // A real dialog (not window.prompt): its field, then Enter.
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await dialog.getByLabel('Name').fill('High ones');
    await dialog.getByLabel('Name').press('Enter');
    await page.locator('.toast').filter({ hasText: 'Saved view "High ones"' }).waitFor();
    const count = async () => JSON.stringify((await apiJson('/views')).body).includes('High ones');
    expect(await count()).toBe(true);
    await page.getByRole('button', { name: 'Delete view…' }).click();
    page.once('dialog', (d) => void d.accept());
    await page
      .locator('#palette-list')
      .getByRole('option', { name: /High ones/ })
      .click();
    await page.locator('.toast').filter({ hasText: 'Deleted view "High ones"' }).waitFor();
    await shot('27-view-deleted');
    expect(await count()).toBe(false);
  });

  it('adds an issue type, shows the server’s refusal of a second one with its key beside the form, and deletes it', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/settings/types?project=APP`);
    const section = page.getByRole('region', { name: 'Issue types' });
    const form = section.locator('form.inline-form');
    const add = async () => {
      await form.getByLabel('Key').fill('outage');
      await form.getByLabel('Name', { exact: true }).fill('Outage');
      await form.getByRole('button', { name: 'Create type' }).click();
    };
    await add();
    await page.locator('.toast').filter({ hasText: 'Issue type created' }).waitFor();
    const table = section.getByRole('table', { name: 'Issue types' });
    await table.getByLabel('Name of type outage').waitFor();
    // The form was cleared; the same key again is refused, and the reason stays beside the form.
    expect(await form.getByLabel('Key').inputValue()).toBe('');
    await add();
    await section.getByRole('alert').waitFor();
    expect(await form.getByLabel('Key').inputValue()).toBe('outage');
    page.once('dialog', (d) => void d.accept());
    await table.getByRole('button', { name: 'Delete type Outage' }).click();
    await page.locator('.toast').filter({ hasText: 'Outage deleted' }).waitFor();
    await table.getByLabel('Name of type outage').waitFor({ state: 'detached' });
    expect(await section.getByRole('alert').count()).toBe(0);
  });
});
