import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveOf } from '../live/live-runtime.ts';
import { MailWorker } from '../mail/mail-worker.ts';
import { type TestUser, useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../test/smtp-receiver.ts';
import { SmtpIntake } from './smtp-intake.ts';

/**
 * Issue 17.3 over real SMTP on loopback: nodemailer (a real client) delivers to our listener on a
 * free port; notification mails go out through the real mail worker to a real SMTP receiver.
 */
const DOMAIN = 'mail.test';
// A 1×1 PNG: an attachment whose bytes must come back unchanged.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describeEachDialect('email intake over SMTP', (dialect) => {
  const h = useHarness(dialect);
  let intake: SmtpIntake;
  let port = 0;
  let outbound: SmtpReceiver;
  let mia: TestUser;

  /** Sends one mail to our listener; resolves with the server's answer or rejects with its refusal. */
  const send = async (mail: Mail.Options) => {
    const t = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      return await t.sendMail(mail);
    } finally {
      t.close();
    }
  };
  const refusalOf = async (mail: Mail.Options) =>
    send(mail).then(
      () => null,
      (err: { responseCode?: number; response?: string }) => ({ code: err.responseCode, text: err.response }),
    );
  const reports = async () => h.svc.store.db.selectFrom('user_reports').selectAll().orderBy('id').execute();
  const fileReports = async () => {
    await h.svc.jobs.runDue();
    await liveOf(h.svc).idle();
  };
  const issueOfLastReport = async () => {
    const r = (await reports()).at(-1)!;
    const issue = await h.svc.store.db
      .selectFrom('issues')
      .select(['number', 'reporter_id'])
      .where('id', '=', r.issue_id!)
      .executeTakeFirstOrThrow();
    return { key: `SHOP-${issue.number}`, reporterId: issue.reporter_id, report: r };
  };
  const commentsOf = async (key: string) => {
    const body = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/comments`, as: h.owner })).body;
    return (Array.isArray(body) ? body : body.items) as { authorId: number; body: string }[];
  };

  beforeAll(async () => {
    h.svc.config.MAIL_INTAKE_DOMAIN = DOMAIN;
    h.svc.config.MAIL_INTAKE_MAX_BYTES = 200 * 1024;
    h.svc.config.MAIL_INTAKE_PER_SENDER_PER_MINUTE = 4;
    outbound = await startSmtpReceiver();
    h.svc.config.SMTP_URL = outbound.url;
    intake = new SmtpIntake(h.svc, { port: 0, host: '127.0.0.1' });
    port = await intake.start();
    mia = await h.invite('member', 'Mia Member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
  });
  afterAll(async () => {
    await intake?.stop();
    await outbound?.close();
  });

  it('files a mail to <project>@domain as an untriaged issue: quote and signature trimmed, attachment kept', async () => {
    const info = await send({
      from: 'Pat Doe <pat@customer.example>',
      to: `shop@${DOMAIN}`,
      subject: 'Checkout button does nothing',
      text: [
        'I press "Pay now" and nothing happens, no error either.',
        '',
        'On Mon, 30 Nov 2026 at 09:12, Support <support@customer.example> wrote:',
        '> Please tell us what went wrong.',
        '',
        '-- ',
        'Pat Doe, Customer Inc.',
      ].join('\n'),
      attachments: [{ filename: 'screen.png', content: PNG, contentType: 'image/png' }],
      messageId: '<first-report@customer.example>',
    });
    expect(info.accepted).toEqual([`shop@${DOMAIN}`]);
    await fileReports();
    const { key, report, reporterId } = await issueOfLastReport();
    expect(report).toMatchObject({
      source: 'email',
      reporter_email: 'pat@customer.example',
      reporter_name: 'Pat Doe',
    });
    // An outsider: recorded on the report, no user behind it.
    expect(reporterId).toBeNull();
    const issue = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: h.owner })).body;
    expect(issue.title).toBe('Checkout button does nothing');
    expect(issue.labels).toContain('user-report');
    expect(issue.description).toContain('I press "Pay now" and nothing happens');
    expect(issue.description).not.toContain('Please tell us');
    expect(issue.description).not.toContain('wrote:');
    expect(issue.description).not.toContain('Customer Inc.');
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/triage`, as: h.owner })).body.state,
    ).toBe('untriaged');
    const [view] = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/user-reports`, as: h.owner }))
      .body.items;
    expect(view).toMatchObject({
      source: 'email',
      reporter: { email: 'pat@customer.example', name: 'Pat Doe' },
    });
    expect(view.attachments).toEqual([
      { id: expect.any(Number), filename: 'screen.png', contentType: 'image/png', size: PNG.length },
    ]);
    const file = await h.app.inject({
      method: 'GET',
      url: `/api/v1/issues/${key}/user-reports/attachments/${view.attachments[0].id}`,
      headers: { authorization: `Bearer ${h.owner.token}` },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // The same mail delivered again (an SMTP retry) is one report, not two.
    const before = (await reports()).length;
    await send({
      from: 'Pat Doe <pat@customer.example>',
      to: `shop@${DOMAIN}`,
      subject: 'Checkout button does nothing',
      text: 'again',
      messageId: '<first-report@customer.example>',
    });
    expect((await reports()).length).toBe(before);
  });

  it("names a workspace member who mails in as the issue's reporter", async () => {
    await send({
      from: mia.email,
      to: `SHOP@${DOMAIN.toUpperCase()}`,
      subject: 'Search ignores accents',
      text: 'café finds nothing',
    });
    await fileReports();
    const { reporterId, report } = await issueOfLastReport();
    expect(report.reporter_user_id).toBe(mia.id);
    expect(reporterId).toBe(mia.id);
  });

  it('turns a reply to a notification mail into a comment by its recipient (Reply-To and In-Reply-To)', async () => {
    const key = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/issues',
        as: h.owner,
        payload: { title: 'Slow cart' },
      })
    ).body.key as string;
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${key}/comments`,
      as: h.owner,
      payload: { body: `@${mia.email.split('@')[0]} could you look at this?` },
    });
    await liveOf(h.svc).idle();
    const worker = new MailWorker(h.svc, { smtpUrl: outbound.url, from: 'Closeloop <closeloop@test.local>' });
    try {
      expect((await worker.runOnce()).sent).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.stop();
    }
    const notification = outbound.mails.find((m) => m.to.includes(mia.email) && m.subject.includes(key))!;
    const unfolded = notification.raw.replace(/\r?\n[ \t]+/g, ' ');
    const replyTo = /^Reply-To: (.*)$/im.exec(unfolded)?.[1]?.trim() ?? '';
    const messageId = /^Message-ID: (.*)$/im.exec(unfolded)?.[1]?.trim() ?? '';
    expect(replyTo).toMatch(new RegExp(`^reply\\+[0-9a-f]{32}@${DOMAIN}$`));
    expect(messageId).toMatch(new RegExp(`^<cl\\.[0-9a-f]{32}@${DOMAIN}>$`));
    expect(unfolded).toMatch(/^Auto-Submitted: auto-generated/im);
    expect(notification.decoded).toContain(`Reply to this email to comment on ${key}.`);
    // The token is stored only as its SHA-256.
    const token = replyTo.slice('reply+'.length, replyTo.indexOf('@'));
    const stored = await h.svc.store.db.selectFrom('mail_reply_tokens').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);

    const reportsBefore = (await reports()).length;
    await send({
      from: `Mia Member <${mia.email}>`,
      to: replyTo,
      subject: `Re: ${notification.subject}`,
      inReplyTo: messageId,
      references: messageId,
      text: `I will take it this afternoon.\n\nOn Tue, 1 Dec 2026 at 10:00, Closeloop <closeloop@test.local> wrote:\n> ${notification.subject}\n`,
      attachments: [{ filename: 'profile.png', content: PNG, contentType: 'image/png' }],
    });
    let comments = await commentsOf(key);
    expect(comments.at(-1)).toMatchObject({
      authorId: mia.id,
      body: 'I will take it this afternoon.',
      attachments: [
        expect.objectContaining({ filename: 'profile.png', contentType: 'image/png', size: PNG.length }),
      ],
    });
    // The reply's file is kept with its comment, byte for byte.
    const fileId = (comments.at(-1) as unknown as { attachments: { id: number }[] }).attachments[0]!.id;
    const replyFile = await h.app.inject({
      method: 'GET',
      url: `/api/v1/issues/${key}/comments/attachments/${fileId}`,
      headers: { authorization: `Bearer ${h.owner.token}` },
    });
    expect(replyFile.statusCode).toBe(200);
    expect(replyFile.headers['content-type']).toBe('image/png');
    expect(replyFile.rawPayload.equals(PNG)).toBe(true);

    // Threaded by References alone (the reply went to the project address): still a comment.
    await send({
      from: mia.email,
      to: `shop@${DOMAIN}`,
      subject: `Re: ${notification.subject}`,
      references: `<unrelated@customer.example> ${messageId}`,
      text: 'Done, it was the cache.\n\nSent from my iPhone',
    });
    comments = await commentsOf(key);
    expect(comments.at(-1)).toMatchObject({ authorId: mia.id, body: 'Done, it was the cache.' });
    expect((await reports()).length).toBe(reportsBefore);

    // Someone else replying with the same address (a forwarded notification) does not comment as Mia.
    await send({ from: 'eve@elsewhere.example', to: replyTo, subject: 'Re: hi', text: 'spoofed words' });
    expect((await commentsOf(key)).some((c) => c.body.includes('spoofed'))).toBe(false);
  });

  it('refuses to relay: a recipient outside the domain, or no project of ours, is rejected at RCPT TO', async () => {
    const before = (await reports()).length;
    const relay = await refusalOf({
      from: 'spam@bad.example',
      to: 'victim@gmail.example',
      subject: 'x',
      text: 'x',
    });
    expect(relay?.code).toBe(550);
    expect(relay?.text).toContain('Relaying denied');
    const unknown = await refusalOf({
      from: 'lost@customer.example',
      to: `nope@${DOMAIN}`,
      subject: 'x',
      text: 'x',
    });
    expect(unknown?.code).toBe(550);
    expect((await reports()).length).toBe(before);
  });

  it("refuses a project's address at RCPT TO while its admins have email intake off", async () => {
    const turn = (enabled: boolean) =>
      h.req({ method: 'PUT', url: '/api/v1/projects/SHOP/mail-intake', as: h.owner, payload: { enabled } });
    expect((await turn(false)).body).toEqual({ enabled: false, address: `shop@${DOMAIN}` });
    const before = (await reports()).length;
    try {
      const off = await refusalOf({
        from: 'olga@customer.example',
        to: `shop@${DOMAIN}`,
        subject: 'x',
        text: 'x',
      });
      expect(off?.code).toBe(550);
      expect(off?.text).toContain('This project does not take mail');
      expect((await reports()).length).toBe(before);
    } finally {
      expect((await turn(true)).body.enabled).toBe(true);
    }
    expect(
      await refusalOf({ from: 'olga@customer.example', to: `shop@${DOMAIN}`, subject: 'Back on', text: 'x' }),
    ).toBeNull();
    expect((await reports()).length).toBe(before + 1);
  });

  it('ignores auto-replies and bounces (accepted, nothing filed): no mail loops', async () => {
    const before = (await reports()).length;
    await send({
      from: 'away@customer.example',
      to: `shop@${DOMAIN}`,
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await send({
      from: 'away2@customer.example',
      to: `shop@${DOMAIN}`,
      subject: 'Auto: away',
      text: 'away',
      headers: { Precedence: 'auto_reply', 'X-Autoreply': 'yes' },
    });
    await send({
      envelope: { from: '', to: [`shop@${DOMAIN}`] },
      from: 'Mail Delivery System <mailer-daemon@mx.customer.example>',
      to: `shop@${DOMAIN}`,
      subject: 'Undelivered Mail Returned to Sender',
      text: 'bounce',
    });
    await fileReports();
    expect((await reports()).length).toBe(before);
  });

  it('refuses a message over MAIL_INTAKE_MAX_BYTES with 552 and keeps nothing', async () => {
    const before = (await reports()).length;
    const big = await refusalOf({
      from: 'big@customer.example',
      to: `shop@${DOMAIN}`,
      subject: 'Huge',
      text: 'see file',
      attachments: [{ filename: 'dump.bin', content: Buffer.alloc(300 * 1024, 7) }],
    });
    expect(big?.code).toBe(552);
    expect((await reports()).length).toBe(before);
  });

  it('limits the mails one sender may send a minute (451, try later); other senders go on', async () => {
    const from = `burst-${dialect}@customer.example`;
    const codes: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await refusalOf({
        from,
        to: `shop@${DOMAIN}`,
        subject: `Burst ${i}`,
        text: `mail number ${i}`,
      });
      codes.push(r?.code ?? null);
    }
    expect(codes).toEqual([null, null, null, null, 451]);
    expect(
      await refusalOf({
        from: `calm-${dialect}@customer.example`,
        to: `shop@${DOMAIN}`,
        subject: 'c',
        text: 'c',
      }),
    ).toBeNull();
  });
});
