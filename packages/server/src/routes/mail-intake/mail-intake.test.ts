import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { MAIL_SECRET_HEADER } from './mail-intake.ts';

const DOMAIN = 'in.example.org';
const SECRET = 'webhook-secret-0123456789';

describeEachDialect("email intake through a mail provider's webhook", (dialect) => {
  const h = useHarness(dialect);
  const post = (payload: Record<string, unknown>, secret: string | null = SECRET) =>
    h.req({
      method: 'POST',
      url: '/api/hooks/v1/mail',
      headers: secret === null ? {} : { [MAIL_SECRET_HEADER]: secret },
      payload,
    });
  const reportCount = async () =>
    Number(
      (
        await h.svc.store.db
          .selectFrom('user_reports')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  beforeAll(async () => {
    h.svc.config.MAIL_INTAKE_DOMAIN = DOMAIN;
    h.svc.config.MAIL_INTAKE_WEBHOOK_SECRET = SECRET;
    h.svc.config.MAIL_INTAKE_PER_SENDER_PER_MINUTE = 3;
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
  });

  it('has a per-project switch: admins turn it off, members may not, and an off project files nothing', async () => {
    const viewer = await h.invite('viewer');
    const member = await h.invite('member');
    const url = '/api/v1/projects/APP/mail-intake';
    expect((await h.req({ method: 'GET', url, as: viewer })).body).toEqual({
      enabled: true,
      address: `app@${DOMAIN}`,
    });
    expect((await h.req({ method: 'PUT', url, as: member, payload: { enabled: false } })).status).toBe(403);
    expect((await h.req({ method: 'PUT', url, as: h.owner, payload: { enabled: false } })).body.enabled).toBe(
      false,
    );
    const r = await post({
      from: 'off@buyer.example',
      to: `app@${DOMAIN}`,
      subject: 'Anyone?',
      text: 'Hello',
    });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([
      { recipient: `app@${DOMAIN}`, outcome: 'refused', reason: 'This project does not take mail' },
    ]);
    expect(await reportCount()).toBe(0);
    expect((await h.req({ method: 'PUT', url, as: h.owner, payload: { enabled: true } })).body.enabled).toBe(
      true,
    );
  });

  it('answers 403 without the shared secret or with a wrong one, before reading the body', async () => {
    expect((await post({ from: 'x@y.example', to: `app@${DOMAIN}` }, null)).status).toBe(403);
    expect((await post({ from: 'x@y.example', to: `app@${DOMAIN}` }, `${SECRET}x`)).status).toBe(403);
    expect((await post({ nonsense: true }, 'wrong')).status).toBe(403);
    expect(await reportCount()).toBe(0);
  });

  it('files a mail as a report with its base64 attachment, trimmed, and refuses other domains', async () => {
    const log = Buffer.from('TypeError: cart is undefined\n    at pay (cart.js:10)\n');
    const r = await post({
      from: 'Sam Buyer <Sam@Buyer.example>',
      to: [`App <app@${DOMAIN}>`, 'someone@elsewhere.example'],
      subject: 'App crashes on pay',
      text: 'It crashes when I pay.\n\n> earlier mail\n\n-- \nSam',
      messageId: '<hook-1@buyer.example>',
      attachments: [{ filename: 'console.log', contentType: 'text/plain', content: log.toString('base64') }],
    });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([
      { recipient: `app@${DOMAIN}`, outcome: 'report', reason: null },
      { recipient: 'someone@elsewhere.example', outcome: 'refused', reason: 'Relaying denied' },
    ]);
    await h.svc.jobs.runDue();
    const issues = await h.req({ method: 'GET', url: '/api/v1/issues?project=APP&limit=10', as: h.owner });
    const issue = issues.body.items.find((i: { title: string }) => i.title === 'App crashes on pay');
    expect(issue).toBeDefined();
    const [report] = (
      await h.req({ method: 'GET', url: `/api/v1/issues/${issue.key}/user-reports`, as: h.owner })
    ).body.items;
    expect(report).toMatchObject({
      source: 'email',
      reporter: { name: 'Sam Buyer', email: 'sam@buyer.example' },
      description: 'App crashes on pay\n\nIt crashes when I pay.',
    });
    expect(report.attachments).toMatchObject([{ filename: 'console.log', size: log.length }]);
    const file = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${issue.key}/user-reports/attachments/${report.attachments[0].id}`,
      as: h.owner,
    });
    expect(file.status).toBe(200);
    expect(file.body).toBe(log.toString());
    // Another workspace's member cannot reach it.
    const other = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${issue.key}/user-reports/attachments/${report.attachments[0].id + 1000}`,
      as: h.owner,
    });
    expect(other.status).toBe(404);
  });

  it('ignores auto-replies by their headers and bounces by their null sender', async () => {
    const before = await reportCount();
    const auto = await post({
      from: 'ooo@buyer.example',
      to: `app@${DOMAIN}`,
      subject: 'Automatic reply',
      text: 'away',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(auto.body.results[0]).toMatchObject({
      outcome: 'ignored',
      reason: 'Auto-Submitted: auto-replied',
    });
    const bounce = await post({
      from: 'postmaster@mx.example',
      to: `app@${DOMAIN}`,
      envelopeFrom: '',
      text: 'x',
    });
    expect(bounce.body.results[0].outcome).toBe('ignored');
    expect(await reportCount()).toBe(before);
  });

  it('limits the mails one sender may send a minute (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await post({ from: 'loud@buyer.example', to: `app@${DOMAIN}`, subject: `n${i}`, text: `mail ${i}` }))
          .status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('refuses a body over the size limit with 413 and bad input with 400', async () => {
    const huge = await post({
      from: 'big@buyer.example',
      to: `app@${DOMAIN}`,
      text: 'x',
      attachments: [
        { filename: 'a.bin', contentType: 'application/octet-stream', content: 'A'.repeat(15 * 1024 * 1024) },
      ],
    });
    expect(huge.status).toBe(413);
    const bad = await post({ from: 'big@buyer.example' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTruthy();
  });
});
