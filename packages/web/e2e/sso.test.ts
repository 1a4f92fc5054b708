import { join } from 'node:path';
import { CLIENT_SECRET, startTestProvider, type TestProvider } from '@closeloop/server/test/oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openSignedIn, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Issue 15 in real Chromium: the owner sets up single sign-on in Settings › Single sign-on
 * against a real OpenID Connect provider (oidc-provider on loopback); then people click "Sign in
 * with SSO" on the sign-in page, sign in on the provider's own pages and land in the app — a new
 * person of an allowed domain as a member, an existing one (chosen by workspace) as themselves.
 */
let s: SignedIn | null;
let idp: TestProvider;

/** From a fresh browser: "Sign in with SSO", `who` typed, the provider's sign-in and consent pages. */
async function signInWithSso(who: string, login: string): Promise<Page> {
  const p = await (await s!.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await p.goto(`${s!.server.url}/signin`);
  await p.screenshot({ path: join(SCREENSHOTS, 'sso-sign-in.png') });
  await p.getByRole('link', { name: 'Sign in with SSO' }).click();
  await p.getByLabel('Work email or workspace').fill(who);
  await p.getByRole('button', { name: 'Continue' }).click();
  await p.waitForURL((u) => u.toString().startsWith(idp.issuer), { timeout: 15_000 });
  await p.locator('input[name="login"]').fill(login);
  await p.locator('input[name="password"]').fill('any password');
  await p.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks once whether Closeloop may have the email and profile.
  await p.getByRole('button', { name: 'Continue' }).click();
  await p.waitForURL(/\/issues/, { timeout: 15_000 });
  return p;
}

describe('single sign-on in the app', () => {
  beforeAll(async () => {
    s = await openSignedIn('demo@closeloop.dev', { env: { SSO_ALLOW_LOOPBACK: 'true' } });
    if (!s) return;
    // The server learns its port only when it listens; a deployment sets PUBLIC_URL, which the
    // redirect URI registered at the provider is made of.
    s.server.svc.config.publicUrl = s.server.url;
    idp = await startTestProvider([`${s.server.url}/sso/callback`]);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await idp?.close();
  });

  it('lets the owner set up the provider in Settings, the secret never shown again', async ({ skip }) => {
    if (!s) return skip();
    const page = s.page;
    await page.goto(`${s.server.url}/settings/sso`);
    await expect
      .poll(() => page.getByTestId('sso-redirect-uri').textContent())
      .toBe(`${s.server.url}/sso/callback`);
    await page.getByLabel('Sign-in with the provider is on').check();
    await page.getByLabel('Issuer URL').fill(idp.issuer);
    await page.getByLabel('Client ID').fill('closeloop');
    await page.getByLabel('Client secret').fill(CLIENT_SECRET);
    await page.getByLabel('Email domains that may join as members').fill('acme.test');
    await page.getByRole('button', { name: 'Save' }).click();
    const secretField = page.getByLabel('Client secret');
    await expect
      .poll(() => secretField.getAttribute('placeholder'), { timeout: 15_000 })
      .toBe('Stored — leave empty to keep it');
    expect(await secretField.inputValue()).toBe('');
    const read = await s.call('GET', '/workspace/sso');
    expect(read.body).toMatchObject({ enabled: true, issuer: idp.issuer, allowedDomains: ['acme.test'] });
    expect(JSON.stringify(read.body)).not.toContain(CLIENT_SECRET);
    await page.screenshot({ path: join(SCREENSHOTS, 'sso-settings.png'), fullPage: true });
  });

  it('signs a new person of an allowed domain in through the provider, landing in the app as a member', async ({
    skip,
  }) => {
    if (!s) return skip();
    const p = await signInWithSso('nadia@acme.test', 'nadia@acme.test');
    const me = await callApi(p, 'GET', '/me');
    expect(me.body).toMatchObject({ user: { email: 'nadia@acme.test' }, role: 'member' });
    await p.screenshot({ path: join(SCREENSHOTS, 'sso-landed.png') });
    await p.context().close();
  });

  it('signs an existing member in by the workspace name, as their own account', async ({ skip }) => {
    if (!s) return skip();
    const members = await s.call('GET', '/members');
    const priya = members.body.find((m: { email: string }) => m.email === 'priya@closeloop.dev');
    const p = await signInWithSso('demo-co', 'priya@closeloop.dev');
    const me = await callApi(p, 'GET', '/me');
    expect(me.body).toMatchObject({ user: { id: priya.id, email: 'priya@closeloop.dev' }, role: 'member' });
    const audit = await s.call('GET', '/audit-log?limit=50');
    const ssoSignIns = audit.body.items.filter(
      (e: { action: string; details: { method?: string } }) =>
        e.action === 'auth.sign_in' && e.details.method === 'sso',
    );
    expect(ssoSignIns.map((e: { target: string }) => e.target)).toEqual([
      'priya@closeloop.dev',
      'nadia@acme.test',
    ]);
    await p.context().close();
  });
});
