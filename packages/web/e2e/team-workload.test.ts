import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const call = (method: string, path: string, body?: unknown) => callApi(page, method, path, body);
const ALWAYS = { timeZone: 'UTC', workDays: [1, 2, 3, 4, 5, 6, 7], workStart: 0, workEnd: 1440, skills: [] };
const DAY = 86_400_000;

describe('team workload view', () => {
  beforeAll(async () => {
    session = await openSignedIn('sam@closeloop.dev');
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('shows who is over capacity, who is out of office and who is free, with the engine’s points', async ({
    skip,
  }) => {
    if (!browser) return skip();
    const members = (await call('GET', '/members')).body as { id: number; email: string; name: string }[];
    const id = (email: string) => members.find((m) => m.email === email)!.id;
    const priya = id('priya@closeloop.dev');
    const lee = id('lee@closeloop.dev');
    const marco = id('marco@closeloop.dev');
    const team = await call('POST', '/teams', {
      key: 'web-squad',
      name: 'Web squad',
      memberIds: [priya, lee, marco],
    });
    expect(team.status).toBe(201);
    // The demo data already gives people work: start from what they carry now.
    const before = (await call('GET', `/teams/${team.body.id}/workload`)).body.items as {
      userId: number;
      load: number;
      openIssues: number;
    }[];
    const base = (u: number) => before.find((i) => i.userId === u)!;
    const until = Date.now() + 4 * DAY;
    const avail = async (u: number, over: Record<string, unknown>) =>
      expect(
        (await call('PUT', `/members/${u}/availability`, { ...ALWAYS, outOfOffice: [], ...over })).status,
      ).toBe(200);
    await avail(priya, { capacity: base(priya).load + 2 });
    await avail(lee, { capacity: base(lee).load + 20, outOfOffice: [{ from: Date.now() - DAY, to: until }] });
    await avail(marco, { capacity: base(marco).load + 10 });
    const give = async (u: number, priority: string) =>
      expect(
        (
          await call('POST', '/projects/SHOP/issues', {
            title: `Task (${priority})`,
            priority,
            assigneeUserId: u,
          })
        ).status,
      ).toBe(201);
    await give(priya, 'urgent'); // 3 points
    await give(priya, 'medium'); // 1.5 points: 4.5 added against 2 spare → 2.5 over
    await give(marco, 'low'); // 1 point

    await page.goto(`${server.url}/issues`);
    await page.getByRole('link', { name: 'Workload' }).first().click();
    await page.getByRole('combobox', { name: 'Team' }).selectOption(String(team.body.id));
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 15_000 })
      .toBe('Workload · Web squad');
    const row = (name: string) => page.locator(`tr[data-person="${name}"]`);
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(3);
    const pts = (n: number) => String(Math.round(n * 10) / 10);

    const p = row('Priya Shah');
    const pLoad = base(priya).load + 4.5;
    expect(Number(await p.locator('.workload-bar').getAttribute('data-load'))).toBeCloseTo(pLoad, 6);
    expect(Number(await p.locator('.workload-bar').getAttribute('data-capacity'))).toBeCloseTo(
      base(priya).load + 2,
      6,
    );
    expect(await p.locator('.workload-figures').textContent()).toBe(
      `${pts(pLoad)} / ${pts(base(priya).load + 2)} pts +2.5 over`,
    );
    expect(await p.locator('.workload-status').textContent()).toBe('Over capacity');
    expect(await p.locator('.workload-bar').getAttribute('class')).toContain('over');

    const l = row('Lee Chen');
    expect(await l.locator('.workload-status').textContent()).toBe(
      `Out of office until ${new Date(until).toISOString().slice(0, 10)}`,
    );
    expect(Number(await l.locator('.workload-bar').getAttribute('data-load'))).toBeCloseTo(base(lee).load, 6);

    const m = row('Marco Rossi');
    expect(await m.locator('.workload-status').textContent()).toBe('Available');
    expect(Number(await m.locator('.workload-bar').getAttribute('data-load'))).toBeCloseTo(
      base(marco).load + 1,
      6,
    );
    expect(await m.locator('.workload-bar').getAttribute('class')).not.toContain('over');
    expect(await m.textContent()).toContain('Mon–Sun 00:00–24:00 UTC');
    await page.screenshot({ path: join(SCREENSHOTS, 'team-workload.png') });

    // Each person's count links to their open assigned issues.
    const openCount = base(priya).openIssues + 2;
    await p.getByRole('link', { name: `${openCount} open issues` }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('q'))
      .toBe('assignee:priya@closeloop.dev status:open');
  }, 180_000);
});
