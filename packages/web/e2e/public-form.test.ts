import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let team: Page;
let call: SignedIn['call'];
/** The form and the issue the first test leaves behind: answered publicly, still open. */
let formPath = '';
let key = '';
let trackingPath = '';

const INTERNAL = 'Internal note: the carrier API sends epoch zero';
const PUBLIC = 'Thanks! We found the cause and are fixing it.';
const REPORTER_REPLY = 'Thank you, it also happens on the phone.';

/** Every Content-Security-Policy complaint a page logs (the signed-out pages must pass the app's CSP). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe('the public report form and the tracking page, signed out', () => {
  beforeAll(async () => {
    session = await openSignedIn('sam@closeloop.dev');
    if (!session) return;
    ({ browser, server, page: team, call } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('files a report without an account, and the reporter and the team talk through the tracking page', async ({
    skip,
  }) => {
    if (!browser) return skip();
    expect((await call('POST', '/projects', { key: 'HELP', name: 'Help desk' })).status).toBe(201);
    // The admin turns the form on from the project's setup page.
    await team.goto(`${server.url}/projects/HELP/setup`);
    const setup = team.getByRole('region', { name: 'Public report form' });
    await setup.getByLabel('Take reports through the public form').check();
    const link = setup.getByTestId('report-form-link');
    await link.waitFor();
    formPath = (await link.getAttribute('href'))!;
    expect(formPath).toMatch(/^\/report\/[A-Za-z0-9_-]{8,}$/);

    // A stranger: a fresh browser context with no session cookie.
    const reporter = await (await browser.newContext({ viewport: { width: 900, height: 900 } })).newPage();
    const csp = cspViolations(reporter);
    await reporter.goto(`${server.url}${formPath}`);
    await reporter.getByRole('heading', { name: 'Report a problem to Help desk' }).waitFor();
    expect(reporter.url()).not.toContain('/signin');
    await reporter.getByLabel('What went wrong?').fill('The invoice PDF download shows a blank page');
    await reporter.getByLabel('What did you do? (steps)').fill('Open Billing, press Download invoice');
    await reporter.getByLabel('What did you expect to happen?').fill('The invoice as a PDF');
    await reporter.getByLabel('What happened instead?').fill('An empty white page');
    await reporter.getByLabel('Your email (optional, to hear back)').fill('rita@example.com');
    await reporter.getByRole('button', { name: 'Send report' }).click();
    const tracking = reporter.getByTestId('tracking-link');
    await tracking.waitFor();
    await reporter.screenshot({ path: join(SCREENSHOTS, 'public-form-sent.png') });
    trackingPath = (await tracking.getAttribute('href'))!;
    expect(trackingPath).toMatch(/^\/track\/[A-Za-z0-9_-]{16,}$/);
    await tracking.click();
    // Received, or already Open when the filing job was quicker than the page.
    await reporter.getByTestId('tracking-state').waitFor();
    expect(await reporter.getByTestId('tracking-state').textContent()).toMatch(/^(Received|Open)$/);

    // The job files it as an untriaged issue; the team answers internally and publicly.
    await expect
      .poll(
        async () => {
          // The harness's server does not start its workers: run the due jobs (report.file) here.
          await server.svc.jobs.runDue();
          const list = await call('GET', '/issues?project=HELP&limit=10');
          key = list.body.items?.[0]?.key ?? '';
          return key;
        },
        { timeout: 30_000 },
      )
      .not.toBe('');
    await team.goto(`${server.url}/issue/${key}`);
    await team.getByRole('region', { name: 'User reports' }).waitFor();
    const box = team.getByLabel('Write a comment');
    await box.fill(INTERNAL);
    await team.getByRole('button', { name: 'Comment', exact: true }).click();
    await team.locator('[data-testid="comment"][data-visibility="internal"]').waitFor();
    await box.fill(PUBLIC);
    await team.getByLabel('Reply to reporters (public: shown on their tracking page)').check();
    await team.getByRole('button', { name: 'Reply publicly' }).click();
    await team.locator('[data-testid="comment"][data-visibility="public"]').waitFor();

    // The reporter sees the public reply only, on the page and in the API answer behind it.
    await reporter.reload();
    const messages = reporter.getByRole('list', { name: 'Conversation' });
    await messages.waitFor();
    expect(await messages.textContent()).toContain(PUBLIC);
    expect(await reporter.locator('main').textContent()).not.toContain('carrier API');
    const answer = await reporter.evaluate(
      async (p) => (await fetch(`/api/public${p}`)).text(),
      trackingPath.replace('/track/', '/tracking/'),
    );
    expect(answer).toContain(PUBLIC);
    expect(answer).not.toContain('carrier API');
    expect(answer).not.toContain(key);

    // The reporter answers; the team sees it on the issue.
    await reporter.getByLabel('Your reply').fill(REPORTER_REPLY);
    await reporter.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => reporter.getByTestId('tracking-message').count(), { timeout: 15_000 }).toBe(2);
    await reporter.screenshot({ path: join(SCREENSHOTS, 'public-tracking.png') });
    await team.reload();
    const fromReporter = team.locator('[data-testid="comment"]').filter({ hasText: REPORTER_REPLY });
    await fromReporter.waitFor();
    expect(await fromReporter.textContent()).toContain('rita@example.com (reporter)');
    expect(csp).toEqual([]);

    // Turned off, the form's link shows a clear closed page.
    expect((await call('PUT', '/projects/HELP/report-form', { enabled: false })).status).toBe(200);
    await reporter.goto(`${server.url}${formPath}`);
    await reporter.getByTestId('form-closed').waitFor();
    expect(await reporter.getByRole('heading', { level: 1 }).textContent()).toBe('This form is closed');
  }, 240_000);

  it('offers the publicly answered issue while a second reporter types, and adds their report to it as a +1', async ({
    skip,
  }) => {
    if (!browser || !key) return skip();
    expect((await call('PUT', '/projects/HELP/report-form', { enabled: true })).status).toBe(200);
    const reporter = await (await browser.newContext({ viewport: { width: 900, height: 900 } })).newPage();
    await reporter.goto(`${server.url}${formPath}`);
    await reporter.getByRole('heading', { name: 'Report a problem to Help desk' }).waitFor();
    await reporter.getByLabel('What went wrong?').fill('Downloading the invoice PDF gives me a blank page');
    const offer = reporter.getByRole('region', { name: 'Is it one of these?' });
    await offer.waitFor();
    expect(await offer.textContent()).toContain('The invoice PDF download shows a blank page');
    // Titles only: the first reporter's address, the team's words and the issue key stay hidden.
    const shown = await offer.textContent();
    for (const hidden of ['rita@example.com', 'carrier API', key]) expect(shown).not.toContain(hidden);
    await offer.getByRole('button', { name: 'Yes, this one' }).click();
    await reporter.getByTestId('known-issue-chosen').waitFor();
    await reporter.getByLabel('Your name (optional)').fill('Omar');
    await reporter.getByRole('button', { name: 'Add my report to it' }).click();
    await reporter.getByTestId('tracking-link').waitFor();

    // The report joins the issue as a +1 with its words; no second issue is filed.
    await expect
      .poll(
        async () => {
          await server.svc.jobs.runDue();
          const reports = await call('GET', `/issues/${key}/user-reports`);
          return (reports.body.items ?? []).map(
            (r: { reporter: { name: string | null }; outcome: string }) => `${r.reporter.name}:${r.outcome}`,
          );
        },
        { timeout: 30_000 },
      )
      .toEqual(['null:new', 'Omar:plus_one']);
    expect((await call('GET', '/issues?project=HELP&limit=10')).body.items).toHaveLength(1);
    await team.goto(`${server.url}/issue/${key}`);
    const reports = team.getByRole('region', { name: 'User reports' });
    await reports.waitFor();
    await expect
      .poll(() => reports.textContent(), { timeout: 15_000 })
      .toContain('Downloading the invoice PDF');
  }, 180_000);

  it("asks one reporter for more from the issue page; the question shows on that reporter's tracking page only", async ({
    skip,
  }) => {
    if (!browser || !key || !trackingPath) return skip();
    const QUESTION = 'Which browser do you download the invoice with?';
    await team.goto(`${server.url}/issue/${key}`);
    const first = team.getByTestId('user-report').filter({ hasText: 'rita@example.com' });
    await first.getByRole('button', { name: 'Ask the reporter for more' }).click();
    const form = first.getByRole('form', { name: 'Ask the reporter' });
    await form.getByLabel('Your question (only this reporter sees it)').fill(QUESTION);
    await form.getByRole('button', { name: 'Send question' }).click();
    const done = first.getByTestId('asked-reporter');
    await done.waitFor();
    expect(await done.textContent()).toContain('mailed to rita@example.com');

    const reporter = await (await browser.newContext()).newPage();
    await reporter.goto(`${server.url}${trackingPath}`);
    const messages = reporter.getByRole('list', { name: 'Conversation' });
    await messages.waitFor();
    await expect.poll(() => messages.textContent(), { timeout: 15_000 }).toContain(QUESTION);
    // Tied to Rita's report alone (that Omar's tracking page never shows it: ask-reporter.test.ts).
    const comments = await call('GET', `/issues/${key}/comments`);
    const asked = (comments.body.items ?? comments.body).find((c: { body: string }) => c.body === QUESTION);
    expect(asked).toMatchObject({ visibility: 'public' });
    expect(asked.reportId).not.toBeNull();
  }, 180_000);

  it('starts a report from the type template the admin set; triage flags the vague one and offers to ask', async ({
    skip,
  }) => {
    if (!browser || !key) return skip();
    const TEMPLATE = '## What were you doing?';
    await team.goto(`${server.url}/settings/types?project=HELP`);
    await team.getByLabel('Report template of Bug').fill(TEMPLATE);
    for (const prompt of [
      'what did you do (steps)',
      'what did you expect to happen',
      'what happened instead',
    ])
      await team.getByRole('checkbox', { name: prompt }).uncheck();
    await team.getByRole('button', { name: 'Save report rules' }).click();
    await expect
      .poll(
        async () =>
          (await call('GET', '/projects/HELP/types')).body.find((t: { key: string }) => t.key === 'bug'),
        {
          timeout: 15_000,
        },
      )
      .toMatchObject({ reportTemplate: TEMPLATE, reportRequired: [] });

    const reporter = await (await browser.newContext()).newPage();
    await reporter.goto(`${server.url}${formPath}`);
    const description = reporter.getByLabel('What went wrong?');
    await description.waitFor();
    expect(await description.inputValue()).toBe(TEMPLATE);
    await description.fill(`${TEMPLATE}\nSearch gives nothing`);
    await reporter.getByLabel('Your email (optional, to hear back)').fill('vic@example.com');
    await reporter.getByRole('button', { name: 'Send report' }).click();
    await reporter.getByTestId('tracking-link').waitFor();
    await expect
      .poll(
        async () => {
          await server.svc.jobs.runDue();
          const list = await call('GET', '/issues?project=HELP&limit=10');
          return (list.body.items ?? []).map((i: { title: string }) => i.title);
        },
        { timeout: 30_000 },
      )
      .toContain('Search gives nothing');

    await team.goto(`${server.url}/triage?project=HELP`);
    await team.getByText('Search gives nothing').first().click();
    const vague = team.getByTestId('vague-report');
    await vague.waitFor();
    expect(await vague.textContent()).toContain('Missing: enough detail');
    await vague.getByRole('button', { name: 'Ask the reporter for more' }).click();
    expect(await vague.getByLabel('Your question (only this reporter sees it)').inputValue()).toContain(
      'enough detail',
    );
  }, 180_000);

  it("turns the project's email intake off from the setup page", async ({ skip }) => {
    if (!browser) return skip();
    await team.goto(`${server.url}/projects/HELP/setup`);
    const setup = team.getByRole('region', { name: 'Email intake' });
    const box = setup.getByLabel('Take reports by email');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true); // on by default, under the server's own switch
    await box.uncheck();
    await expect
      .poll(async () => (await call('GET', '/projects/HELP/mail-intake')).body.enabled, { timeout: 15_000 })
      .toBe(false);
    await team.reload();
    await setup.getByLabel('Take reports by email').waitFor();
    expect(await setup.getByLabel('Take reports by email').isChecked()).toBe(false);
  }, 120_000);
});
