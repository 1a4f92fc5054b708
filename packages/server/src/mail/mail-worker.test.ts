import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveOf } from '../live/live-runtime.ts';
import { type TestUser, useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../test/smtp-receiver.ts';
import { MailWorker } from './mail-worker.ts';

describeEachDialect('notification email over SMTP', (dialect) => {
  const h = useHarness(dialect);
  let smtp: SmtpReceiver;
  let mia: TestUser;
  let bob: TestUser;
  const settle = () => liveOf(h.svc).idle();
  const worker = (url = smtp.url) =>
    new MailWorker(h.svc, { smtpUrl: url, from: 'Closeloop <closeloop@test.local>', pollMs: 50 });
  const mailsTo = (u: TestUser) => smtp.mails.filter((m) => m.to.includes(u.email));
  const issue = async (as: TestUser, title: string) =>
    (await h.req({ method: 'POST', url: '/api/v1/projects/SHOP/issues', as, payload: { title } })).body
      .key as string;
  const comment = async (as: TestUser, key: string, body: string) => {
    const r = await h.req({ method: 'POST', url: `/api/v1/issues/${key}/comments`, as, payload: { body } });
    expect(r.status).toBe(201);
    await settle();
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    h.svc.config.SMTP_URL = smtp.url;
    mia = await h.invite('member', 'Mia Member');
    bob = await h.invite('member', 'Bob Builder');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('mails a mention immediately from the background worker, with the issue key and link', async () => {
    const key = await issue(bob, 'Checkout is slow around noon');
    const w = worker().start();
    try {
      await comment(bob, key, `@${mia.email.split('@')[0]} can you check the **p95**?`);
      const deadline = Date.now() + 5_000;
      while (mailsTo(mia).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await w.stop();
    }
    const [mail] = mailsTo(mia);
    expect(mail).toBeDefined();
    expect(mail!.to).toEqual([mia.email]);
    expect(mail!.subject).toBe(`[${key}] Checkout is slow around noon — Bob Builder mentioned you`);
    expect(mail!.decoded).toContain(`http://localhost:4000/issues/${key}`);
    expect(mail!.decoded).toContain('can you check the **p95**?');
    expect(mail!.decoded).toContain('<strong>p95</strong>');
    // Bob acted: he is not mailed about his own comment.
    expect(mailsTo(bob)).toEqual([]);
  });

  it('never fails the request when SMTP is down, and retries the mail later', async () => {
    const down = await startSmtpReceiver();
    const downUrl = down.url;
    await down.close();
    const key = await issue(bob, 'Banner overlaps cart');
    await comment(bob, key, `@${mia.email.split('@')[0]} again`);
    const before = mailsTo(mia).length;
    const failing = await worker(downUrl).runOnce();
    expect(failing).toMatchObject({ sent: 0, failed: 1 });
    const good = worker();
    try {
      // The retry waits out its backoff (30 s after the first attempt) …
      expect((await good.runOnce()).sent).toBe(0);
      // … and then goes through.
      expect((await good.runOnce(Date.now() + 31_000)).sent).toBe(1);
    } finally {
      await good.stop();
    }
    expect(mailsTo(mia).length).toBe(before + 1);
    expect(mailsTo(mia).at(-1)!.subject).toContain(`[${key}]`);
    const row = await h.svc.store.db
      .selectFrom('mail_outbox')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 2, last_error: null, failed_at: null });
    expect(row.sent_at).not.toBeNull();
  });

  it('collects notifications into one digest for people who chose a daily digest', async () => {
    const put = await h.req({
      method: 'PUT',
      url: '/api/v1/me/notification-settings',
      as: bob,
      payload: { email: 'daily' },
    });
    expect(put.body).toMatchObject({ email: 'daily', emailAvailable: true, nextDigestAt: null });
    const k1 = await issue(bob, 'Design v3 used instead of v5');
    const k2 = await issue(bob, 'Release notes missing');
    await comment(mia, k1, 'on it');
    await comment(mia, k2, `@${bob.email.split('@')[0]} which release?`);
    const due = (await h.req({ method: 'GET', url: '/api/v1/me/notification-settings', as: bob })).body
      .nextDigestAt;
    expect(Date.parse(due)).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    const w = worker();
    try {
      expect(await w.runOnce()).toMatchObject({ digests: 0, sent: 0 });
      expect(mailsTo(bob)).toEqual([]);
      expect(await w.runOnce(Date.now() + 25 * 3_600_000)).toMatchObject({ digests: 1, sent: 1 });
      // Nothing more is pending: a later pass sends nothing.
      expect(await w.runOnce(Date.now() + 50 * 3_600_000)).toMatchObject({ digests: 0, sent: 0 });
    } finally {
      await w.stop();
    }
    const digests = mailsTo(bob);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toContain('daily digest: 2 updates');
    expect(digests[0]!.decoded).toContain(`${k1} Design v3 used instead of v5: Mia Member commented`);
    expect(digests[0]!.decoded).toContain(`${k2} Release notes missing: Mia Member mentioned you`);
    expect(digests[0]!.decoded).toContain(`http://localhost:4000/issues/${k2}`);
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/me/notification-settings', as: bob })).body.nextDigestAt,
    ).toBeNull();
    // The inbox still has them: email is a second channel, not a replacement.
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/notifications?unread=true', as: bob })).body.unreadCount,
    ).toBe(2);
  });

  it('sends nothing to people who turned email off', async () => {
    await h.req({
      method: 'PUT',
      url: '/api/v1/me/notification-settings',
      as: mia,
      payload: { email: 'off' },
    });
    const before = mailsTo(mia).length;
    const key = await issue(bob, 'Quiet issue');
    await comment(bob, key, `@${mia.email.split('@')[0]} fyi`);
    const w = worker();
    try {
      await w.runOnce(Date.now() + 50 * 3_600_000);
    } finally {
      await w.stop();
    }
    expect(mailsTo(mia).length).toBe(before);
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/notifications', as: mia })).body.items[0],
    ).toMatchObject({ kind: 'mentioned', issueKey: key });
  });
});
