import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type SmtpReceiver, startSmtpReceiver } from '@closeloop/server/test/smtp-receiver';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWeb,
  DEMO_PASSWORD,
  launchChromium,
  type Running,
  SCREENSHOTS,
  signIn,
  startServer,
} from './harness.ts';

/**
 * Issue 15 in real Chromium: "Forgot password?" on the sign-in page → the mail arrives over SMTP
 * (the server's own mail worker → a real receiver on loopback) → its link's page sets a new
 * password, which signs in here and signs out the session open in another browser.
 */
let browser: Browser | null;
let server: Running | undefined;
let smtp: SmtpReceiver;
let page: Page;
const EMAIL = 'sam@closeloop.dev';

describe('password reset through the app', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    if (!browser) return;
    smtp = await startSmtpReceiver();
    server = await startServer(await buildWeb(), { env: { SMTP_URL: smtp.url } });
    // As `npm start` runs it: the reset request is a job, the mail worker sends what it enqueues.
    server.svc.jobs.start();
  }, 180_000);
  afterAll(async () => {
    await server?.svc.jobs.stop();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('resets a forgotten password from the mailed link and ends the other session', async ({ skip }) => {
    if (!browser || !server) return skip();
    const elsewhere = await (await browser.newContext()).newPage();
    await signIn(elsewhere, server.url, EMAIL);

    page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect
      .poll(() => page.locator('output').textContent(), { timeout: 15_000 })
      .toContain('If this address has an account');

    const [mail] = await smtp.waitFor(1, 20_000);
    expect(mail!.to).toEqual([EMAIL]);
    const token = /\/reset-password#([A-Za-z0-9_%-]+)/.exec(mail!.decoded)![1]!;
    await page.goto(`${server.url}/reset-password#${token}`);
    await page.getByLabel(/^New password/).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL(/\/issues/, { timeout: 20_000 });

    // The other browser's session is over: its next request is refused and the app shows sign-in.
    await elsewhere.reload();
    await elsewhere.waitForURL(/\/signin/, { timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'password-reset-done.png') });

    // The old password is gone, the new one signs in.
    await elsewhere.getByLabel('Email').fill(EMAIL);
    await elsewhere.getByLabel('Password').fill(DEMO_PASSWORD);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => elsewhere.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Wrong email or password');
    await signIn(elsewhere, server.url, EMAIL, 'correct horse battery staple');
  }, 120_000);

  it('the settings page refuses a common new password with its reason, then changes it', async ({ skip }) => {
    if (!browser || !server) return skip();
    await page.goto(`${server.url}/settings/sessions`);
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('correct horse battery staple');
    await form.getByLabel(/^New password/).fill('Password2024');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/too common/);

    await form.getByLabel(/^New password/).fill('a lighthouse keeper counts gulls');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => page.getByText(/^Password changed/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const fresh = await (await browser.newContext()).newPage();
    await signIn(fresh, server.url, EMAIL, 'a lighthouse keeper counts gulls');
  }, 120_000);
});
