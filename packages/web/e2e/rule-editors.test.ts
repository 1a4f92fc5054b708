import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { shopIssues } from '@closeloop/server/demo/demo-content';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, propertyValue, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * The rule editors of issue 12 in a real browser, as an admin: an ownership rule made in Settings
 * routes a new matching issue to its team and person and the issue page names the rule; an
 * automation rule previews the seeded issues it would have matched, then acts on a new issue and
 * logs the run under the rule; a webhook to a real receiver on loopback shows its signed delivery in
 * the app's delivery log and is redelivered from there. The server's job runner (routing,
 * automation, webhook delivery) runs as in `npm start`.
 */
let app: SignedIn | null;
let page: Page;
let url = '';
let receiver: Server;
let receiverUrl = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
/** Issues this file creates that match `type:bug label:payments` (they count in the preview). */
const created: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/** The state a delivery log row shows (pending, delivered, …), or null while it is not rendered. */
const deliveryState = (row: Locator) =>
  row
    .locator('[data-state]')
    .getAttribute('data-state', { timeout: 2_000 })
    .catch(() => null);

/** Files an issue through the app's New issue dialog and waits for its page. */
async function createInApp(title: string, type: string, labels: string, priority = 'none') {
  await page.getByRole('button', { name: /New issue/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New issue' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Project').selectOption('SHOP');
  await dialog.getByLabel('Type').selectOption(type);
  await dialog.getByLabel('Priority').selectOption(priority);
  await dialog.getByLabel('Labels, comma-separated').fill(labels);
  await dialog.getByRole('button', { name: 'Create issue' }).click();
  await page.waitForURL(/\/issue\/SHOP-\d+$/);
  await page.getByRole('heading', { name: title }).waitFor();
  return page.url().split('/').pop()!;
}

describe('ownership, automation and webhook editors', () => {
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`thanks #${received.length}`);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const addr = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hooks/closeloop`;
    app = await openSignedIn('demo@closeloop.dev', {
      context: { viewport: { width: 1440, height: 1000 } },
      env: { WEBHOOK_ALLOW_LOOPBACK: 'true' },
    });
    if (!app) return;
    // Routing, automation and webhook deliveries are jobs; run the queue as `npm start` does.
    app.server.svc.jobs.start();
    page = app.page;
    page.setDefaultTimeout(15_000);
    url = app.server.url;
  }, 180_000);
  afterAll(async () => {
    await app?.server.svc.jobs.stop();
    await app?.close();
    await new Promise((r) => receiver?.close(r));
  });

  it('routes a new payments bug by an ownership rule made in Settings, naming the rule on the issue', async ({
    skip,
  }) => {
    if (!app) return skip();
    const teams = (await app.call('GET', '/teams')).body as { id: number; name: string }[];
    const checkout = teams.find((t) => t.name === 'Checkout')!;
    await page.goto(`${url}/settings/ownership?project=SHOP`);
    await page.getByRole('heading', { name: 'Ownership · SHOP' }).waitFor();
    const form = page.getByRole('form', { name: 'New ownership rule' });
    await form.getByLabel('Name', { exact: true }).fill('Payment bugs');
    await form.getByRole('checkbox', { name: 'Bug', exact: true }).check();
    await form.getByLabel('Labels, comma-separated').fill('payments');
    await form.getByLabel('Team').selectOption({ label: 'Checkout' });
    await form.getByLabel('Person').selectOption({ label: 'Sam Okafor' });
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('.toast').filter({ hasText: 'Rule added' }).waitFor();
    const row = page.getByRole('table', { name: 'Ownership rules' }).getByRole('row').filter({
      hasText: 'Payment bugs',
    });
    await row.filter({ hasText: 'Sam Okafor' }).waitFor();
    // Edited in place: the person becomes Lee.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit rule Payment bugs' });
    expect(await edit.getByLabel('Labels, comma-separated').inputValue()).toBe('payments');
    await edit.getByLabel('Person').selectOption({ label: 'Lee Chen' });
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await page.locator('.toast').filter({ hasText: 'Rule saved' }).waitFor();
    await row.filter({ hasText: 'Lee Chen' }).waitFor();
    expect(await row.locator('.faint').textContent()).toBe('type bug · Labels: payments');
    const saved = (await app.call('GET', '/projects/SHOP/ownership-rules')).body.rules;
    const members = (await app.call('GET', '/members')).body as { id: number; name: string }[];
    expect(saved).toEqual([
      {
        name: 'Payment bugs',
        when: { types: ['bug'], labels: ['payments'] },
        teamId: checkout.id,
        userId: members.find((m) => m.name === 'Lee Chen')!.id,
      },
    ]);

    const key = await createInApp('Card declined twice shows a blank page', 'bug', 'payments');
    created.push(key);
    // Routing is a job: the page updates live when it commits.
    const explanation = page.getByTestId('routing-explanation');
    await expect
      .poll(async () => (await explanation.count()) > 0 && explanation.textContent(), { timeout: 30_000 })
      .toMatch(/^Matched rule Payment bugs \(type is bug, label payments\) → Checkout · Lee Chen\.\s*$/);
    await expect.poll(() => propertyValue(page, 'Assignee'), { timeout: 15_000 }).toBe('Lee Chen');
    expect(await propertyValue(page, 'Team')).toBe('Checkout');
    const issue = (await app.call('GET', `/issues/${key}`)).body;
    expect(issue.assigneeTeamId).toBe(checkout.id);
    await shot('rule-editors-ownership-routed');
  }, 120_000);

  it('previews the seeded matches of an automation rule, then applies it to a new issue and logs the run', async ({
    skip,
  }) => {
    if (!app) return skip();
    // What the seed put in SHOP (all created now, so inside the 30 days), plus the issue above.
    const seeded = shopIssues().filter((i) => i.type === 'bug' && i.labels?.includes('payments'));
    expect(seeded).toHaveLength(2);
    const expected = seeded.length + created.length;

    await page.goto(`${url}/settings/automation?project=SHOP`);
    await page.getByRole('heading', { name: 'Automation · SHOP' }).waitFor();
    const form = page.getByRole('form', { name: 'New automation rule' });
    await form.getByLabel('Name', { exact: true }).fill('Payment bugs are urgent');
    await form.getByLabel('When').selectOption('issue.created');
    await form.getByLabel(/^If/).fill('type:bug label:payments');
    await form.getByRole('button', { name: 'Preview matches' }).click();
    const preview = form.getByTestId('automation-preview');
    await expect
      .poll(async () => ((await preview.count()) > 0 ? preview.textContent() : null))
      .toMatch(new RegExp(`would have matched ${expected} issues of the last 30 days`));
    for (const k of created) expect(await preview.textContent()).toContain(k);
    expect(await preview.textContent()).toContain('(issues created in that time, then the condition)');
    await form.getByLabel('Action 1', { exact: true }).selectOption('set_priority');
    await form.getByLabel('Value of action 1').selectOption('urgent');
    await form.getByRole('button', { name: 'Add another action' }).click();
    await form.getByLabel('Action 2', { exact: true }).selectOption('add_label');
    await form.getByLabel('Value of action 2').fill('payments-triage');
    await shot('rule-editors-automation-preview');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('.toast').filter({ hasText: 'Rule added' }).waitFor();
    const rules = page.getByRole('table', { name: 'Automation rules' });
    await rules.getByText('Payment bugs are urgent').waitFor();
    const stored = (await app.call('GET', '/projects/SHOP/automation-rules')).body.rules;
    expect(stored).toContainEqual(
      expect.objectContaining({
        name: 'Payment bugs are urgent',
        trigger: { type: 'issue.created' },
        condition: 'type:bug label:payments',
        actions: [
          { type: 'set_priority', priority: 'urgent' },
          { type: 'add_label', label: 'payments-triage' },
        ],
      }),
    );

    const key = await createInApp('Refund button charges the card again', 'bug', 'payments', 'low');
    created.push(key);
    await expect.poll(() => propertyValue(page, 'Priority'), { timeout: 30_000 }).toBe('Urgent');
    await page.getByRole('button', { name: 'Remove label payments-triage' }).waitFor();
    await shot('rule-editors-automation-applied');

    await page.goto(`${url}/settings/automation?project=SHOP`);
    await rules.getByText('Payment bugs are urgent').waitFor();
    await rules
      .getByRole('row')
      .filter({ hasText: 'Payment bugs are urgent' })
      .getByRole('button', { name: 'Log' })
      .click();
    const log = page.getByRole('table', { name: 'Runs of Payment bugs are urgent' });
    const run = log.getByRole('row').filter({ hasText: key });
    await run.waitFor({ timeout: 20_000 });
    expect(await run.locator('[data-outcome]').getAttribute('data-outcome')).toBe('applied');
    expect(await run.textContent()).toContain('changed priority, labels');
    await shot('rule-editors-automation-log');

    // Edited in place: the rule keeps its id, so its log stays with it.
    const before = (await app.call('GET', '/projects/SHOP/automation-rules')).body.rules[0];
    await rules
      .getByRole('row')
      .filter({ hasText: 'Payment bugs are urgent' })
      .getByRole('button', { name: 'Edit' })
      .click();
    const edit = page.getByRole('form', { name: 'Edit rule Payment bugs are urgent' });
    expect(await edit.getByLabel(/^If/).inputValue()).toBe('type:bug label:payments');
    expect(await edit.getByLabel('Value of action 1').inputValue()).toBe('urgent');
    await edit.getByLabel('Value of action 2').fill('payments-review');
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await page.locator('.toast').filter({ hasText: 'Rule saved' }).waitFor();
    await rules.getByText(/label payments-review/).waitFor();
    const after = (await app.call('GET', '/projects/SHOP/automation-rules')).body.rules;
    expect(after).toEqual([
      { ...before, actions: [before.actions[0], { type: 'add_label', label: 'payments-review' }] },
    ]);
    await log.getByRole('row').filter({ hasText: key }).waitFor();
  }, 120_000);

  it('delivers a signed event to a receiver on loopback, shows it in the delivery log and redelivers it', async ({
    skip,
  }) => {
    if (!app) return skip();
    await page.goto(`${url}/settings/webhooks?project=SHOP`);
    await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('Name', { exact: true }).fill('Ops receiver');
    await form.getByLabel('URL').fill(receiverUrl);
    await form.getByLabel('Format').selectOption('json');
    await form.getByLabel('Projects it sends for').selectOption('project');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret.length).toBeGreaterThan(16);
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page
      .getByRole('table', { name: 'Webhooks' })
      .getByRole('row')
      .filter({ hasText: 'Ops receiver' });
    await row.waitFor();

    const made = await app.call('POST', '/projects/SHOP/issues', {
      title: 'Webhook smoke: invoice PDF is empty',
    });
    expect(made.status).toBe(201);
    const key = made.body.key as string;

    await row.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('table', { name: 'Delivery log' });
    const deliveries = log.getByRole('row').filter({ hasText: key });
    const first = deliveries.filter({ hasText: 'issue.created' });
    await expect.poll(() => deliveryState(first), { timeout: 30_000 }).toBe('delivered');
    expect(await first.getByRole('cell').nth(4).textContent()).toBe('200');
    // The receiver got the event, signed with the secret the app showed once.
    const got = received.find((r) => r.body.includes(key))!;
    expect(got).toBeDefined();
    const sig = String(got.headers['closeloop-signature']);
    const t = /t=(\d+)/.exec(sig)![1];
    expect(sig).toContain(`v1=${createHmac('sha256', secret).update(`${t}.${got.body}`).digest('hex')}`);
    await first.getByRole('button', { name: 'Details' }).click();
    await log.getByText(`thanks #${received.indexOf(got) + 1}`).waitFor();
    await shot('rule-editors-webhook-delivered');

    const before = received.filter((r) => r.body.includes(key) && r.body.includes('issue.created')).length;
    await first.getByRole('button', { name: 'Redeliver' }).click();
    await page.locator('.toast').filter({ hasText: 'Queued again' }).waitFor();
    await expect
      .poll(
        async () => {
          const states = await first
            .locator('[data-state]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
          return states.filter((s) => s === 'delivered').length;
        },
        { timeout: 30_000 },
      )
      .toBe(2);
    expect(received.filter((r) => r.body.includes(key) && r.body.includes('issue.created')).length).toBe(
      before + 1,
    );
    await shot('rule-editors-webhook-redelivered');

    // Its event filter is edited in the app: comments are sent from now on.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit webhook Ops receiver' });
    expect(await edit.getByLabel('URL').inputValue()).toBe(receiverUrl);
    await edit.getByRole('checkbox', { name: 'comment.created' }).check();
    await edit.getByRole('button', { name: 'Save webhook' }).click();
    await page.locator('.toast').filter({ hasText: 'Ops receiver saved' }).waitFor();
    await row.getByText('comment.created').waitFor();
    const commented = await app.call('POST', `/issues/${key}/comments`, { body: 'Seen on staging too' });
    expect(commented.status).toBe(201);
    const comment = deliveries.filter({ hasText: 'comment.created' });
    await expect.poll(() => deliveryState(comment), { timeout: 30_000 }).toBe('delivered');
    expect(received.some((r) => r.body.includes('Seen on staging too'))).toBe(true);
  }, 120_000);
});
