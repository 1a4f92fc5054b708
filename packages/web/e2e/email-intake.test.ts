import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmtpIntake } from '@closeloop/server/mail-intake/smtp-intake';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openSignedIn, type Running, SCREENSHOTS, type SignedIn } from './harness.ts';

/**
 * Issue 17.3 in real Chromium: a mail sent over SMTP (nodemailer → our listener on a free
 * loopback port) to the project's address becomes an issue; its page shows the report as sent
 * by email, without the quoted earlier mail, and its attachment downloads with its bytes.
 */
let session: SignedIn | null;
let browser: Browser | null;
let server: Running;
let page: Page;
let intake: SmtpIntake | null = null;

const LOG = 'GET /api/cart 500 at 10:02\nTypeError: cart.items is undefined\n';

describe('email intake on the issue page', () => {
  beforeAll(async () => {
    session = await openSignedIn('sam@closeloop.dev');
    if (!session) return;
    ({ browser, server, page } = session);
    server.svc.config.MAIL_INTAKE_DOMAIN = 'mail.e2e.test';
    intake = new SmtpIntake(server.svc, { port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => {
    await intake?.stop();
    await session?.close();
  });

  it('shows a mailed report with its attachment', async ({ skip }) => {
    if (!browser || !intake) return skip();
    const port = await intake.start();
    expect((await callApi(page, 'POST', '/projects', { key: 'MAIL', name: 'Mailbox' })).status).toBe(201);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: 'Robin Customer <robin@customer.example>',
        to: 'mail@mail.e2e.test',
        subject: 'Cart empties after login',
        text: 'After I log in my cart is empty again.\n\nOn Mon, 30 Nov 2026, Shop <shop@x.example> wrote:\n> Thanks for your order',
        attachments: [{ filename: 'network.log', content: LOG, contentType: 'text/plain' }],
      });
    } finally {
      transport.close();
    }
    // The harness's server runs no workers: file the report now.
    await server.svc.jobs.runDue();
    const issues = await callApi(page, 'GET', '/issues?project=MAIL&limit=10');
    const issue = (issues.body.items as { key: string; title: string }[]).find(
      (i) => i.title === 'Cart empties after login',
    )!;
    expect(issue).toBeTruthy();

    await page.goto(`${server.url}/issue/${issue.key}`);
    const report = page.getByTestId('user-report');
    await report.getByRole('list', { name: 'Attachments' }).waitFor();
    await expect.poll(() => report.textContent()).toContain('by email');
    expect(await report.textContent()).toContain('After I log in my cart is empty again.');
    expect(await report.textContent()).not.toContain('Thanks for your order');
    await page.screenshot({ path: join(SCREENSHOTS, 'email-intake-report.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('link', { name: /network\.log/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('network.log');
    expect(readFileSync(await download.path(), 'utf8')).toBe(LOG);
  });
});
