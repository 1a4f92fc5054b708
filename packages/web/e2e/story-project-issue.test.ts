import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWeb,
  launchChromium,
  ON_DIALECT,
  pickProperty,
  propertyValue,
  type Running,
  SCREENSHOTS,
  signIn as signInAs,
  startServer,
} from './harness.ts';

/**
 * Story 1 of DESIGN.md in a real browser: a risk found at a check-in is logged, typed, prioritised,
 * routed to a team, discussed with a mention, moved across the board and closed with a resolution,
 * while a second person's browser follows along.
 */
let server: Running;
let browser: Browser | null;
let a: BrowserContext;
let b: BrowserContext;
let pa: Page;
let pb: Page;
const TITLE = 'Marketing used design v3, not v5 — re-check';
let issueKey = '';

const signIn = (page: Page, email: string) => signInAs(page, server.url, email);
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

// Each step drives two browsers against a real server; on a loaded 2-core CI machine (the PostgreSQL
// run especially) a step took over 30 s, so steps get 90 s.
describe(`story 1: a project risk from check-in to closure${ON_DIALECT}`, { timeout: 90_000 }, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    if (!browser) return;
    server = await startServer(await buildWeb());
    a = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    b = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    pa = await a.newPage();
    pb = await b.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in and shows the virtualised issue list', async ({ skip }) => {
    if (!browser) return skip();
    await pa.goto(`${server.url}/signin`);
    await shot(pa, '01-sign-in');
    await signIn(pa, 'demo@closeloop.dev');
    await pa.locator('[data-testid="issue-list"] .row').first().waitFor();
    await shot(pa, '02-issue-list');
    await signIn(pb, 'priya@closeloop.dev');
  });

  it('filters with the query bar, completes qualifiers and explains errors', async ({ skip }) => {
    if (!browser) return skip();
    const bar = pa.getByLabel('Filter issues (query)');
    await bar.fill('prio');
    await expect
      .poll(() => pa.locator('#query-suggest [role="option"]').first().textContent())
      .toContain('priority:');
    await bar.press('Tab');
    await bar.pressSequentially('>=hi');
    await bar.press('Tab');
    await bar.press('Enter');
    await pa.waitForURL(/q=priority/);
    await expect
      .poll(async () =>
        pa.locator('.row .prio').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
      )
      .not.toContain('Low');
    await shot(pa, '03-query-filter');
    await bar.fill('colour:red');
    await bar.press('Escape');
    await bar.press('Enter');
    await expect(
      pa
        .getByRole('alert')
        .filter({ hasText: /colour/ })
        .textContent(),
    ).resolves.toMatch(/colour/);
    await bar.fill('');
    await bar.press('Enter');
  });

  it('creates the risk issue with type, priority and team', async ({ skip }) => {
    if (!browser) return skip();
    await pa.locator('body').click({ position: { x: 600, y: 10 } });
    await pa.keyboard.press('c');
    const dialog = pa.getByRole('dialog', { name: 'New issue' });
    await dialog.getByLabel('Title').fill(TITLE);
    await dialog
      .getByLabel('Description (Markdown)')
      .fill('Found at **Tuesday check-in**: store screenshots use v3.\n\n- Affects: press kit');
    await dialog.getByLabel('Project').selectOption('APP');
    await dialog.getByLabel('Type').selectOption('risk');
    await dialog.getByLabel('Priority').selectOption('high');
    await dialog.getByLabel('Team').selectOption({ label: 'Launch squad (design + marketing)' });
    await shot(pa, '04-create-dialog');
    await dialog.getByRole('button', { name: 'Create issue' }).click();
    await pa.waitForURL(/\/issue\/APP-\d+/);
    issueKey = pa.url().split('/').pop()!;
    await expect.poll(() => propertyValue(pa, 'Type')).toBe('Risk');
    await expect.poll(() => propertyValue(pa, 'Priority')).toBe('High');
    await expect(pa.locator('.markdown strong').first().textContent()).resolves.toBe('Tuesday check-in');
    // Link it to the milestone it threatens (created by an admin through the API).
    await pa.evaluate(() =>
      fetch('/api/v1/projects/APP/milestones', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Public launch', targetDate: '2026-12-10' }),
      }),
    );
    await pa.reload();
    await pickProperty(pa, 'Milestone', 'Public launch (2026-12-10)');
    await expect
      .poll(async () =>
        pa.evaluate(
          async (k) => (await (await fetch(`/api/v1/issues/${k}`)).json()).milestone?.name,
          issueKey,
        ),
      )
      .toBe('Public launch');
  });

  it('assigns a designer and keeps the team (a person and a team are both kept)', async ({ skip }) => {
    if (!browser) return skip();
    const teamLabel = () => propertyValue(pa, 'Team');
    // The whole name, not cut like the native select was ("Launch squad (de").
    expect(await teamLabel()).toBe('Launch squad (design + marketing)');
    await pickProperty(pa, 'Assignee', 'Priya Shah');
    await expect
      .poll(() =>
        pa.evaluate(async (k) => {
          const i = await (await fetch(`/api/v1/issues/${k}`)).json();
          return [i.assigneeUserId !== null, i.assigneeTeamId !== null];
        }, issueKey),
      )
      .toEqual([true, true]);
    await pa.reload();
    await expect.poll(() => propertyValue(pa, 'Assignee')).toBe('Priya Shah');
    expect(await teamLabel()).toBe('Launch squad (design + marketing)');
  });

  it('comments with an @mention, and the other browser sees it without reloading', async ({ skip }) => {
    if (!browser) return skip();
    await pb.goto(`${server.url}/issue/${issueKey}`);
    await pb.getByRole('heading', { name: TITLE }).waitFor();
    const box = pa.getByLabel('Write a comment');
    await box.click();
    await box.pressSequentially('@pri');
    await pa
      .locator('#mention-list')
      .getByRole('option', { name: /Priya Shah/ })
      .waitFor();
    await box.press('Enter');
    await box.pressSequentially('please export the v5 pack with versioned file names');
    await pa.getByRole('button', { name: 'Comment', exact: true }).click();
    await pa.getByTestId('comment').filter({ hasText: 'versioned file names' }).waitFor();
    expect(await pa.getByTestId('comment').last().textContent()).toContain('@priya');
    await shot(pa, '05-issue-page');
    // Live: the SSE stream when the server has it, else the page's poll (TODO: tighten to <1 s once /api/v1/stream lands).
    await pb.getByTestId('comment').filter({ hasText: 'versioned file names' }).waitFor({ timeout: 15_000 });
  });

  it("shows the other person's change when an edit conflicts (409)", async ({ skip }) => {
    if (!browser) return skip();
    // Priya's page is frozen at the version she read: no live stream, no refetch of the issue.
    const c = await browser!.newContext({
      viewport: { width: 1280, height: 800 },
      storageState: await b.storageState(),
    });
    await c.route('**/api/v1/stream**', (r) => r.abort());
    let loaded = false;
    await c.route(`**/api/v1/issues/${issueKey}`, (r) =>
      loaded && r.request().method() === 'GET' ? r.abort() : r.continue(),
    );
    const pc = await c.newPage();
    await pc.goto(`${server.url}/issue/${issueKey}`);
    await pc.getByRole('heading', { name: TITLE }).waitFor();
    loaded = true;
    // Dana edits the title meanwhile.
    await pa.evaluate(async (key) => {
      const cur = await (await fetch(`/api/v1/issues/${key}`)).json();
      await fetch(`/api/v1/issues/${key}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: cur.version, title: `${cur.title} (assets)` }),
      });
    }, issueKey);
    await pickProperty(pc, 'Priority', 'Urgent');
    const banner = pc.getByTestId('conflict');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('(assets)');
    await shot(pc, '06-conflict');
    await banner.getByRole('button', { name: 'Keep theirs' }).click();
    await c.close();
    // Dana's own page follows her API edit live.
    await pa.getByRole('heading', { name: `${TITLE} (assets)` }).waitFor({ timeout: 15_000 });
  });

  it('moves the issue across the board by drag and drop', async ({ skip }) => {
    if (!browser) return skip();
    await pa.goto(`${server.url}/board?project=APP`);
    const card = pa.locator(`[data-key="${issueKey}"]`).first();
    await card.waitFor();
    // The columns' boxes are read once the board has stopped loading (a late swimlane or count
    // moves them; on a loaded CI machine the drop then landed beside the column).
    const from = await card.evaluate((el) => el.closest('[data-status]')?.getAttribute('data-status'));
    const target = pa.locator('[data-status="in_progress"]');
    const boxes = async () => JSON.stringify([await card.boundingBox(), await target.boundingBox()]);
    let seen = '';
    await expect
      .poll(async () => {
        const before = seen;
        seen = await boxes();
        return seen === before;
      })
      .toBe(true);
    const cb = (await card.boundingBox())!;
    const tb = (await target.boundingBox())!;
    await pa.mouse.move(cb.x + cb.width / 2, cb.y + cb.height / 2);
    await pa.mouse.down();
    await pa.mouse.move(cb.x + cb.width / 2 + 10, cb.y + cb.height / 2 + 10, { steps: 3 });
    await pa.mouse.move(tb.x + tb.width / 2, tb.y + 120, { steps: 12 });
    await pa.mouse.up();
    await expect
      .poll(() => pa.locator(`[data-status="in_progress"] [data-key="${issueKey}"]`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(from).not.toBe('in_progress');
    await expect
      .poll(async () =>
        pa.evaluate(async (k) => (await (await fetch(`/api/v1/issues/${k}`)).json()).status, issueKey),
      )
      .toBe('in_progress');
    await shot(pa, '07-board');
  });

  it('snaps a forbidden board move back and says which moves are allowed (422)', async ({ skip }) => {
    if (!browser) return skip();
    // An admin restricts SHOP's workflow: Todo may only go to In Progress.
    const status = await pa.evaluate(async () => {
      const wf = await (await fetch('/api/v1/projects/SHOP/workflows/default')).json();
      const keys: string[] = wf.statuses.map((s: { key: string }) => s.key);
      const transitions = keys.flatMap((from) =>
        keys
          .filter((to) => to !== from && (from !== 'todo' || to === 'in_progress'))
          .map((to) => ({ from, to })),
      );
      const res = await fetch('/api/v1/projects/SHOP/workflows/default', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          initial: wf.initial,
          statuses: wf.statuses.map(
            (s: { key: string; name: string; category: string; required: string[] }) => ({
              key: s.key,
              name: s.name,
              category: s.category,
              required: s.required,
            }),
          ),
          transitions,
        }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    await pa.goto(`${server.url}/board?project=SHOP`);
    const card = pa.locator('[data-status="todo"] [data-key]').first();
    await card.waitFor();
    const key = await card.getAttribute('data-key');
    const cb = (await card.boundingBox())!;
    const tb = (await pa.locator('[data-status="backlog"]').boundingBox())!;
    await pa.mouse.move(cb.x + 30, cb.y + 20);
    await pa.mouse.down();
    await pa.mouse.move(cb.x + 40, cb.y + 30, { steps: 3 });
    await pa.mouse.move(tb.x + tb.width / 2, tb.y + 120, { steps: 12 });
    await shot(pa, '07b-board-forbidden-drag');
    await pa.mouse.up();
    const toast = pa.locator('.toast-error').filter({ hasText: key! });
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/Allowed from here: In Progress/);
    await expect.poll(() => pa.locator(`[data-status="todo"] [data-key="${key}"]`).count()).toBe(1);
    await shot(pa, '07c-board-snap-back');
  });

  it('closes the risk with a resolution and its lessons-learned record', async ({ skip }) => {
    if (!browser) return skip();
    await pa.goto(`${server.url}/issue/${issueKey}`);
    await expect.poll(() => propertyValue(pa, 'Status')).not.toBeNull();
    await shot(pa, '08a-before-close');
    await pickProperty(pa, 'Status', 'Done');
    const dialog = pa.getByRole('dialog');
    await dialog.getByLabel('Resolution', { exact: true }).selectOption('fixed');
    await dialog.getByLabel('Resolution note').fill('Re-exported the campaign from design v5.');
    // A high-priority risk owes a lessons-learned record: the dialog asks its questions.
    const lessons = dialog.getByRole('group', { name: 'Lessons learned' });
    await lessons.getByLabel('What happened').fill('Marketing built the launch banners from design v3.');
    await lessons.getByLabel('Root cause').fill('Exports lived in an unversioned shared folder.');
    await lessons
      .getByLabel('What will prevent it')
      .fill('Put the design version in every exported file name.');
    await shot(pa, '08-close-dialog');
    await dialog.getByRole('button', { name: 'Close issue' }).click();
    await pa.getByText('Resolved: Fixed').waitFor();
    const record = pa.getByRole('region', { name: 'Lessons learned' });
    await record.getByText('Exports lived in an unversioned shared folder.').waitFor();
    // An action item becomes a task of its own, linked to the risk.
    await record.getByLabel('New action item').fill('Version the design export folder');
    await record.getByRole('button', { name: 'Add' }).click();
    await record.getByText('Version the design export folder').waitFor();
    // The second browser follows (SSE when available, else the poll).
    await pb.getByText('Resolved: Fixed').waitFor({ timeout: 15_000 });
  });

  it('finds the closed risk by a word of its root cause in the knowledge search', async ({ skip }) => {
    if (!browser) return skip();
    await pa.goto(`${server.url}/knowledge`);
    await pa.getByLabel('Search resolutions and lessons learned').fill('unversioned');
    await pa.getByRole('button', { name: 'Search', exact: true }).click();
    const results = pa.getByRole('list', { name: 'Knowledge results' });
    await results.getByText(issueKey).waitFor();
    expect(await results.textContent()).toContain('Exports lived in an unversioned shared folder.');
    await shot(pa, '08b-knowledge');
  });

  it('runs commands from the palette and lists shortcuts with ?', async ({ skip }) => {
    if (!browser) return skip();
    await pa.keyboard.press('Control+k');
    const palette = pa.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await pa.keyboard.type('go to board');
    await shot(pa, '09-palette');
    await pa.keyboard.press('Enter');
    await pa.waitForURL(/\/board/);
    await pa.locator('.card').first().waitFor();
    await pa.keyboard.press('?');
    await pa.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await shot(pa, '10-shortcuts');
    await pa.keyboard.press('Escape');
  });

  it('renders the other main pages (screenshots for review)', async ({ skip }) => {
    if (!browser) return skip();
    for (const [path, name, sel] of [
      ['/timeline?project=SHOP', '11-timeline', '[data-testid="timeline"]'],
      ['/calendar?project=SHOP', '12-calendar', '[data-testid="calendar"]'],
      ['/triage?project=SHOP', '13-triage', '.triage, .state'],
      ['/settings/tokens', '14-settings-tokens', 'h2'],
      ['/settings/members', '15-settings-members', 'table'],
      ['/notifications', '16-inbox', '.state, .notif'],
    ] as const) {
      await pa.goto(`${server.url}${path}`);
      await pa.locator(sel).first().waitFor();
      await shot(pa, name);
    }
    await pa.emulateMedia({ colorScheme: 'dark' });
    await pa.goto(`${server.url}/issues?project=SHOP&group=status`);
    await pa.locator('.row').first().waitFor();
    await shot(pa, '17-list-dark-grouped');
    await pa.goto(`${server.url}/issue/SHOP-1`);
    await pa.locator('.feed-comment').first().waitFor();
    await shot(pa, '18-issue-dark');
    const phone = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      storageState: await a.storageState(),
    });
    const pp = await phone.newPage();
    await pp.goto(`${server.url}/issues?project=SHOP`);
    await pp.locator('.row').first().waitFor();
    await shot(pp, '19-phone-list');
    await pp.goto(`${server.url}/issue/SHOP-1`);
    await pp.locator('.issue-title').waitFor();
    await shot(pp, '20-phone-issue');
    await phone.close();
  });
});
