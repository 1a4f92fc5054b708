import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, type Scope } from '../src/actions/catalogue.ts';
import { displayShortcut } from '../src/actions/keys.ts';
import { axeViolations } from './axe.ts';
import { openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Issue 16, "actions defined once", in Chromium on the demo workspace: the context menu of list
 * rows and board cards (right-click, Shift+F10, the menu key) offers the catalogue's commands and
 * they change the issue; the `?` overlay shows exactly the catalogue's shortcuts of the page.
 */
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;

const priorityOf = async (key: string) =>
  (await session!.call<{ priority: string }>('GET', `/issues/${key}`)).body.priority;
/** A priority the issue does not have, so that setting it is a change the API can show. */
const otherPriority = async (key: string) => ((await priorityOf(key)) === 'low' ? 'high' : 'low');

/** Picks `value` in the open picker by typing it, as a keyboard user would. */
async function pick(title: string, value: string) {
  const picker = page.getByRole('dialog', { name: title });
  await picker.getByRole('combobox').fill(value);
  await expect
    .poll(() => picker.locator('.palette-item.active .palette-label').textContent())
    .toMatch(new RegExp(`^${value}`, 'i'));
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
}

const activeItem = (menu: ReturnType<Page['getByRole']>) =>
  menu.evaluate((m) => document.getElementById(m.getAttribute('aria-activedescendant') ?? '')?.textContent);

describe('the action menu and the shortcuts overlay (issue 16)', () => {
  beforeAll(async () => {
    session = await openSignedIn('demo@closeloop.dev', {
      // bypassCSP: axe is injected as a script, which the app's CSP would refuse.
      context: { viewport: { width: 1440, height: 900 }, bypassCSP: true },
    });
    if (!session) return;
    ({ browser, server, page } = session);
  }, 120_000);
  afterAll(() => session?.close());

  it('right-click on a list row → Set priority changes that issue; the menu is an accessible menu', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issues?project=APP`);
    const row = page.locator('[data-testid="issue-list"] .row[data-key]').nth(2);
    await row.waitFor();
    const key = (await row.getAttribute('data-key'))!;
    const to = await otherPriority(key);
    await row.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: `Actions for ${key}` });
    await menu.waitFor();
    // The focus is in the menu, on its first item, which is never a destructive one.
    await expect.poll(() => menu.evaluate((m) => m === document.activeElement)).toBe(true);
    const items = menu.getByRole('menuitem');
    expect(await items.count()).toBeGreaterThan(4);
    expect(await activeItem(menu)).toBe(await items.first().textContent());
    expect(await items.first().getAttribute('class')).not.toContain('danger');
    // The same names and keys as the palette and the shortcuts.
    expect(
      await menu
        .getByRole('menuitem', { name: /^Assign…/ })
        .locator('kbd')
        .textContent(),
    ).toBe('A');
    expect(await axeViolations(page, 'open action menu', '.action-menu')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'action-menu-list.png') });

    // Arrow keys move through the items (wrapping at the ends); Enter runs the chosen one.
    await page.keyboard.press('ArrowUp');
    expect(await activeItem(menu)).toBe(await items.last().textContent());
    await page.keyboard.press('Home');
    for (let i = 0; i < 12 && !(await activeItem(menu))?.startsWith('Set priority'); i++)
      await page.keyboard.press('ArrowDown');
    expect(await activeItem(menu)).toMatch(/^Set priority…/);
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await pick('Set priority', to);
    await expect.poll(() => priorityOf(key)).toBe(to);
  });

  it('Shift+F10 and the menu key open the menu of the current row from the keyboard; Escape closes it', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issues?project=APP`);
    await page.locator('[data-testid="issue-list"] .row[data-key]').nth(1).waitFor();
    await page.keyboard.press('j');
    const current = page.locator('[data-testid="issue-list"] .row.cursor');
    const key = (await current.getAttribute('data-key'))!;
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: `Actions for ${key}` });
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.keyboard.press('ContextMenu');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  it('offers a selection of several rows the bulk variants, which change every selected issue', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/issues?project=APP`);
    const rows = page.locator('[data-testid="issue-list"] .row[data-key]');
    await rows.nth(4).waitFor();
    const keys = [
      (await rows.nth(3).getAttribute('data-key'))!,
      (await rows.nth(4).getAttribute('data-key'))!,
    ];
    for (const k of keys) await page.getByRole('checkbox', { name: `Select ${k}` }).check();
    await rows.nth(4).click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Actions for 2 issues' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem', { name: 'Open issue' }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: /^Set priority of 2 issues…/ }).click();
    await pick('Set priority', 'urgent');
    for (const k of keys) await expect.poll(() => priorityOf(k)).toBe('urgent');
  });

  it('right-click on a board card → Set priority changes it; Shift+F10 on a focused card opens its menu', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.goto(`${server.url}/board?project=APP`);
    const card = page.locator('[data-status="todo"] [data-key]').first();
    await card.waitFor();
    const key = (await card.getAttribute('data-key'))!;
    const to = await otherPriority(key);
    await card.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: `Actions for ${key}` });
    // Moving a card is in its menu too, beside the edits.
    await menu.getByRole('menuitem', { name: /^Move to the next column/ }).waitFor();
    await menu.getByRole('menuitem', { name: /^Set priority…/ }).click();
    await pick('Set priority', to);
    await expect.poll(() => priorityOf(key)).toBe(to);

    const other = page.locator('[data-status="todo"] [data-key]').nth(1);
    const otherKey = (await other.getAttribute('data-key'))!;
    await other.focus();
    await page.keyboard.press('Shift+F10');
    const otherMenu = page.getByRole('menu', { name: `Actions for ${otherKey}` });
    await otherMenu.waitFor();
    expect(await axeViolations(page, 'open card menu', '.action-menu')).toEqual([]);
    await page.keyboard.press('Escape');
    await otherMenu.waitFor({ state: 'detached' });
    // The focus is back on the card the menu was opened from.
    expect(await other.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('copies the links of the selected rows from the menu, and switches project from the palette (g p)', async ({
    skip,
  }) => {
    if (!browser) return skip();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/issues?project=APP`);
    const rows = page.locator('[data-testid="issue-list"] .row[data-key]');
    await rows.nth(1).waitFor();
    const keys = [
      (await rows.nth(0).getAttribute('data-key'))!,
      (await rows.nth(1).getAttribute('data-key'))!,
    ];
    for (const k of keys) await page.getByRole('checkbox', { name: `Select ${k}` }).check();
    await rows.nth(0).click({ button: 'right' });
    await page
      .getByRole('menu', { name: 'Actions for 2 issues' })
      .getByRole('menuitem', { name: 'Copy links to 2 issues' })
      .click();
    await page.locator('.toast').filter({ hasText: '2 links copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      keys.map((k) => `${server.url}/issue/${k}`).join('\n'),
    );

    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await pick('Switch project', 'Web shop');
    await page.waitForURL(/\/issues\?project=SHOP/);
    await page.locator('[data-testid="issue-list"] .row[data-key^="SHOP-"]').first().waitFor();
  });

  it('on the issue page, a shortcut opens the same picker as its property field (s, a)', async ({ skip }) => {
    if (!browser) return skip();
    // The field ranks people by the routing engine's suggestions: both pickers are read once they are in.
    const suggested = page.waitForResponse((r) => r.url().includes('/assignee-suggestions'));
    await page.goto(`${server.url}/issue/APP-4`);
    await suggested;
    const side = page.getByRole('complementary', { name: 'Properties' });
    await side.waitFor();
    const picker = page.getByRole('dialog');
    const options = async (open: () => Promise<void>) => {
      await open();
      await picker.getByRole('combobox').waitFor();
      const texts = await picker.getByRole('option').allTextContents();
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'detached' });
      return texts;
    };
    for (const [key, field] of [
      ['s', 'Status'],
      ['a', 'Assignee'],
    ] as const) {
      const byField = await options(() =>
        side.getByRole('button', { name: new RegExp(`^${field}`) }).click(),
      );
      const byKey = await options(() => page.locator('body').press(key));
      expect(byKey).toEqual(byField);
    }
  });

  for (const [scope, path, ready] of [
    ['list', '/issues?project=APP', '[data-testid="issue-list"] .row[data-key]'],
    ['board', '/board?project=APP', '.card'],
  ] as [Scope, string, string][])
    it(`the ? overlay on the ${scope} lists exactly the catalogue's shortcuts of that page`, async ({
      skip,
    }) => {
      if (!browser) return skip();
      await page.goto(`${server.url}${path}`);
      await page.locator(ready).first().waitFor();
      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      const shown = await help
        .locator('.help-row')
        .evaluateAll((rows) =>
          rows.map(
            (r) =>
              `${r.querySelector('dt')?.textContent} = ${[...r.querySelectorAll('kbd')].map((k) => k.textContent).join(' ')}`,
          ),
        );
      const expected = actionsIn(scope).flatMap(({ spec }) =>
        spec.shortcut ? [`${spec.title} = ${displayShortcut(spec.shortcut).join(' ')}`] : [],
      );
      expect(shown.sort()).toEqual(expected.sort());
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });
    });
});
