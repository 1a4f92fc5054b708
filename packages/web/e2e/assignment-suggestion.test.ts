import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, propertyValue, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const allWeek = {
  timeZone: 'UTC',
  workDays: [1, 2, 3, 4, 5, 6, 7],
  workStart: 0,
  workEnd: 1440,
  capacity: 40,
};

/**
 * Story 1's risk reaches the right designer: the assignee picker ranks people by the suggestion
 * engine, the available designer first with the reason, the designer who is out of office after
 * her as unavailable; choosing the suggestion assigns her and keeps the team.
 */
describe('assigning the suggested designer', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev');
    if (!session) return;
    ({ browser, server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('ranks the available designer first with the reason, and assigns her', { timeout: 120_000 }, async ({
    skip,
  }) => {
    if (!browser || !session) return skip();
    const call = session.call;
    const members = (await call('GET', '/members')).body as { id: number; name: string }[];
    const id = (name: string) => members.find((m) => m.name === name)!.id;
    const priya = id('Priya Shah');
    const marco = members.find((m) => m.name.startsWith('Marco'))!;
    expect(
      (
        await call('PUT', `/members/${priya}/availability`, {
          ...allWeek,
          skills: ['label:design'],
          outOfOffice: [],
        })
      ).status,
    ).toBe(200);
    const now = Date.now();
    expect(
      (
        await call('PUT', `/members/${marco.id}/availability`, {
          ...allWeek,
          skills: ['label:design'],
          outOfOffice: [{ from: now - 86_400_000, to: now + 7 * 86_400_000 }],
        })
      ).status,
    ).toBe(200);
    const teams = (await call('GET', '/teams')).body as { id: number; name: string }[];
    const squad = teams.find((t) => t.name.startsWith('Launch squad'))!;
    const made = await call('POST', '/projects/APP/issues', {
      title: 'Marketing used design v3, not v5',
      type: 'risk',
      priority: 'high',
      labels: ['design'],
      assigneeTeamId: squad.id,
    });
    expect(made.status).toBe(201);
    const key = made.body.key as string;

    await page.goto(`${server.url}/issue/${key}`);
    await expect.poll(() => propertyValue(page, 'Team'), { timeout: 15_000 }).toBe(squad.name);
    // The Assignment panel shows the suggestion with its reason once the engine has answered.
    const suggested = page.getByRole('list', { name: 'Suggested assignees' });
    await expect.poll(() => suggested.textContent(), { timeout: 15_000 }).toContain('Priya Shah');
    expect(await suggested.textContent()).toContain('knows design');
    await page.locator('[aria-labelledby="lbl-assignee lbl-assignee-value"]').click();
    const picker = page.getByRole('dialog').filter({ has: page.locator('.palette-list') });
    const items = picker.locator('.palette-item');
    // Ranked: Unassigned, then Priya (available, knows design) before Marco (out of office).
    await expect.poll(() => items.nth(1).textContent(), { timeout: 15_000 }).toContain('Priya Shah');
    const priyaItem = items.nth(1);
    expect(await priyaItem.locator('.palette-hint').textContent()).toMatch(/^knows design · load \d/);
    const marcoItem = items.filter({ hasText: marco.name });
    expect(await marcoItem.locator('.palette-hint').textContent()).toMatch(/^unavailable: out of office/);
    const order = await items.allTextContents();
    expect(order.findIndex((t) => t.includes('Priya Shah'))).toBeLessThan(
      order.findIndex((t) => t.includes(marco.name)),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'assignee-picker-ranked.png') });
    await priyaItem.click();
    await picker.waitFor({ state: 'detached' });
    await expect.poll(() => propertyValue(page, 'Assignee'), { timeout: 15_000 }).toBe('Priya Shah');
    const issue = (await call('GET', `/issues/${key}`)).body;
    expect([issue.assigneeUserId, issue.assigneeTeamId]).toEqual([priya, squad.id]);
  });
});
