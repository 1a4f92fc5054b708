import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSignedIn, SCREENSHOTS, type SignedIn, signIn } from './harness.ts';

/**
 * Issue 15 in the app: revoking invitations, the audit log, your sessions, expiring and scoped API
 * tokens, and an expired session taking the app back to the sign-in page.
 */
let s: SignedIn | null;
let page: Page;

describe('security settings in the app', () => {
  beforeAll(async () => {
    s = await openSignedIn('demo@closeloop.dev');
    if (s) page = s.page;
  }, 120_000);
  afterAll(() => s?.close());

  it('an admin revokes a pending invitation from the members page, and its link stops working', async ({
    skip,
  }) => {
    if (!s) return skip();
    const inv = await s.call('POST', '/invitations', { email: 'pending.person@example.com', role: 'member' });
    expect(inv.status).toBe(201);
    await page.goto(`${s.server.url}/settings/members`);
    const revoke = page.getByRole('button', { name: 'Revoke the invitation of pending.person@example.com' });
    await revoke.click();
    await expect.poll(() => revoke.count(), { timeout: 10_000 }).toBe(0);
    const list = await s.call('GET', '/invitations');
    expect(list.body.map((i: { email: string }) => i.email)).not.toContain('pending.person@example.com');
    const signup = await page.evaluate(
      (token) =>
        fetch('/api/v1/auth/signup', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email: 'pending.person@example.com',
            password: 'long-enough-1',
            name: 'P',
            invitationToken: token,
          }),
        }).then((r) => r.status),
      inv.body.token as string,
    );
    expect(signup).toBe(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-invitation-revoked.png') });
  });

  it('an admin reads the audit log (sign-in, the revoked invitation) and exports it as CSV', async ({
    skip,
  }) => {
    if (!s) return skip();
    await page.goto(`${s.server.url}/settings/audit`);
    const table = page.getByRole('table', { name: 'Audit log' });
    const revoked = table.locator('tr[data-action="invitation.revoked"]', {
      hasText: 'pending.person@example.com',
    });
    await expect.poll(() => revoked.count(), { timeout: 15_000 }).toBe(1);
    expect(await revoked.textContent()).toContain('revoked an invitation');
    expect(
      await table.locator('tr[data-action="auth.sign_in"]', { hasText: 'demo@closeloop.dev' }).count(),
    ).toBeGreaterThan(0);
    const csv = await page.evaluate(() => fetch('/api/v1/audit-log/csv').then((r) => r.text()));
    expect(csv.split('\r\n')[0]).toBe('at,actor,action,target,details,ip');
    expect(csv).toContain('invitation.revoked');
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-audit-log.png') });
  });

  it('a person signs another browser out from the sessions page, then everywhere else', async ({ skip }) => {
    if (!s) return skip();
    // Two more browsers of the same person.
    const other = await s.browser.newContext();
    const otherPage = await other.newPage();
    const login = (p: Page) =>
      p.request.post(`${s!.server.url}/api/v1/auth/login`, {
        data: { email: 'demo@closeloop.dev', password: 'closeloop-demo' },
      });
    expect((await login(otherPage)).status()).toBe(200);
    const third = await s.browser.newContext();
    const thirdPage = await third.newPage();
    expect((await login(thirdPage)).status()).toBe(200);
    const meOf = (p: Page) => p.request.get(`${s!.server.url}/api/v1/me`).then((r) => r.status());
    expect(await meOf(otherPage)).toBe(200);

    const otherId = (
      await otherPage.request.get(`${s.server.url}/api/v1/me/sessions`).then((r) => r.json())
    ).items.find((x: { current: boolean }) => x.current).id;
    await page.goto(`${s.server.url}/settings/sessions`);
    const revoke = page.getByRole('button', { name: new RegExp(`\\(#${otherId}\\)$`) });
    await revoke.click();
    await expect.poll(() => revoke.count(), { timeout: 10_000 }).toBe(0);
    expect(await meOf(otherPage)).toBe(401);
    expect(await meOf(thirdPage)).toBe(200);

    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await expect.poll(() => meOf(thirdPage), { timeout: 10_000 }).toBe(401);
    expect((await s.call('GET', '/me')).status).toBe(200);
    await expect
      .poll(() => page.getByRole('button', { name: /^Revoke the session/ }).count(), { timeout: 10_000 })
      .toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-sessions.png') });
    await other.close();
    await third.close();
  });

  it('creates an API token that expires in 30 days and shows when', async ({ skip }) => {
    if (!s) return skip();
    await page.goto(`${s.server.url}/settings/tokens`);
    await page.getByLabel('Token name').fill('thirty days');
    await page.getByLabel('Expires').selectOption('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.getByTestId('new-token').count(), { timeout: 10_000 }).toBe(1);
    const tokens = (await s.call('GET', '/tokens')).body as { name: string; expiresAt: string | null }[];
    const made = tokens.find((t) => t.name === 'thirty days');
    const days = (Date.parse(made?.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    const row = page.getByRole('row', { name: /thirty days/ });
    // Name, prefix, access, created, last used, expires: the expiry cell holds a date, not "never".
    const expires = row.locator('td').nth(5);
    await expect.poll(() => expires.textContent(), { timeout: 10_000 }).toMatch(/\d/);
  });

  it('creates a read-only token limited to one project; the list says so and the API holds it to that', async ({
    skip,
  }) => {
    if (!s) return skip();
    await page.goto(`${s.server.url}/settings/tokens`);
    await page.getByLabel('Token name').fill('shop reader');
    await page.getByLabel('Access').selectOption('read');
    await page.getByLabel('Projects').selectOption('SHOP');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByTestId('new-token');
    await expect.poll(() => secret.count(), { timeout: 10_000 }).toBe(1);
    const token = (await secret.textContent())!.trim();
    const row = page.getByRole('row', { name: /shop reader/ });
    await expect
      .poll(() => row.locator('td').nth(2).textContent(), { timeout: 10_000 })
      .toBe('SHOP only, read only');
    const as = (method: 'GET' | 'PATCH', path: string) =>
      page.request
        .fetch(`${s!.server.url}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}` },
          ...(method === 'PATCH' ? { data: { name: 'Renamed' } } : {}),
        })
        .then((r) => r.status());
    expect(await as('GET', '/projects/SHOP')).toBe(200);
    expect(await as('PATCH', '/projects/SHOP')).toBe(403);
    expect(await as('GET', '/projects/APP')).toBe(404);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-scoped-token.png') });
  });

  it('an idle-expired session sends the app to the sign-in page on its next request', async ({ skip }) => {
    if (!s) return skip();
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const idle = await context.newPage();
    await signIn(idle, s.server.url, 'priya@closeloop.dev');
    await idle.goto(`${s.server.url}/settings/sessions`);
    const heading = idle.getByRole('heading', { name: 'Your sessions' });
    await expect.poll(() => heading.count(), { timeout: 15_000 }).toBe(1);
    // Fifteen days without a request, as far as this browser's session is concerned.
    const db = s.server.svc.store.db;
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'priya@closeloop.dev')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: Date.now() - 15 * 86_400_000 })
      .where('user_id', '=', user.id)
      .execute();
    // A page the app has not loaded yet: its first request answers 401.
    await idle
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Notifications' })
      .click();
    await idle.waitForURL(/\/signin\?next=/, { timeout: 15_000 });
    await expect
      .poll(() => idle.getByRole('button', { name: 'Sign in' }).count(), { timeout: 10_000 })
      .toBe(1);
    // Back where it was after signing in again (a background poll may have noticed first, on the sessions page).
    expect(new URL(idle.url()).searchParams.get('next')).toMatch(/^\/settings\/(notifications|sessions)$/);
    await idle.screenshot({ path: join(SCREENSHOTS, 'session-expired-signin.png') });
    await context.close();
  });
});
