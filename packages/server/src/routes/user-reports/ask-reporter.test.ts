import { afterAll, beforeAll, expect, it } from 'vitest';
import { MailWorker } from '../../mail/mail-worker.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/smtp-receiver.ts';
import { openWebShopForm } from './open-form.ts';

/** The same words twice: Bob's report is a +1 on the issue Alice's filed. */
const REPORT = { description: 'Gift card broken' };
const QUESTION = 'Which browser were you using, and what did you **expect** to see after redeeming?';

describeEachDialect('asking a reporter for more, by email and on their tracking page', (dialect) => {
  const h = useHarness(dialect);
  let smtp: SmtpReceiver;
  let viewer: TestUser;
  let formId = '';
  let ip = 0;
  let issueKey = '';
  const tokens: Record<string, string> = {};
  const reportIds: Record<string, number> = {};
  const submit = async (body: Record<string, unknown>) => {
    const r = await h.req({
      method: 'POST',
      url: `/api/public/report-forms/${formId}/reports`,
      remoteAddress: `10.4.0.${++ip}`,
      payload: body,
    });
    expect(r.status).toBe(201);
    return r.body.trackingToken as string;
  };
  const ask = (reportId: number, body = QUESTION, as: TestUser = h.owner, key = issueKey) =>
    h.req({
      method: 'POST',
      url: `/api/v1/issues/${key}/user-reports/${reportId}/questions`,
      as,
      payload: { body },
    });
  const track = async (token: string) => {
    const r = await h.req({ method: 'GET', url: `/api/public/tracking/${token}` });
    expect(r.status).toBe(200);
    return r.body as { messages: { from: string; body: string }[] };
  };
  const sendMails = async () => {
    const w = new MailWorker(h.svc, {
      smtpUrl: smtp.url,
      from: 'Closeloop <closeloop@test.local>',
      pollMs: 50,
    });
    try {
      return await w.runOnce();
    } finally {
      await w.stop();
    }
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    viewer = await h.invite('viewer', 'Vera Viewer');
    formId = await openWebShopForm(h);
    // This project's form requires no answers, so a one-liner gets through (and is flagged vague).
    await h.req({
      method: 'PATCH',
      url: '/api/v1/projects/WEB/types/bug',
      as: h.owner,
      payload: { reportRequired: [] },
    });
    tokens.alice = await submit({ ...REPORT, name: 'Alice', email: 'alice@example.com' });
    await h.svc.jobs.runDue();
    tokens.bob = await submit({ ...REPORT, name: 'Bob', email: 'bob@example.com' });
    tokens.quiet = await submit({ ...REPORT, name: 'Quinn' });
    await h.svc.jobs.runDue();
    const issues = await h.req({ method: 'GET', url: '/api/v1/issues?project=WEB&limit=10', as: h.owner });
    expect(issues.body.items).toHaveLength(1);
    issueKey = issues.body.items[0].key;
    const reports = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${issueKey}/user-reports`,
      as: h.owner,
    });
    for (const r of reports.body.items as { id: number; reporter: { name: string }; gaps: string[] }[]) {
      reportIds[r.reporter.name.toLowerCase()] = r.id;
      // Vague on purpose: what a triager would ask about.
      expect(r.gaps).toEqual(['detail']);
    }
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('refuses a viewer (403), a report of another issue or none (404), and an empty question (400)', async () => {
    expect((await ask(reportIds.alice ?? 0, QUESTION, viewer)).status).toBe(403);
    expect((await ask(999_999)).status).toBe(404);
    const other = await h.req({
      method: 'POST',
      url: '/api/v1/projects/WEB/issues',
      as: h.owner,
      payload: { title: 'Other' },
    });
    expect((await ask(reportIds.alice ?? 0, QUESTION, h.owner, other.body.key)).status).toBe(404);
    expect((await ask(reportIds.alice ?? 0, '  ')).status).toBe(400);
  });

  it('mails the question to the reporter with a tracking link of their own, where they read and answer it', async () => {
    const asked = await ask(reportIds.alice ?? 0);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ byEmail: true });
    expect((await sendMails()).sent).toBe(1);
    const mails = smtp.mails.filter((m) => m.to.includes('alice@example.com'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Web shop: a question about your report');
    expect(mail.decoded).toContain('Which browser were you using');
    expect(mail.decoded).toContain('<strong>expect</strong>');
    // The reporter's own words, never the issue key, the team member's name or the other reporter.
    for (const hidden of [issueKey, 'bob@example.com', 'Bob', h.owner.email])
      expect(mail.decoded).not.toContain(hidden);
    const link = /http:\/\/localhost:\d+\/track\/([A-Za-z0-9_-]{16,64})/.exec(mail.decoded);
    expect(link).not.toBeNull();
    const mailed = link![1]!;
    expect(mailed).not.toBe(tokens.alice);
    // The token is not kept in clear anywhere, not even in the sent mail's outbox row.
    const outbox = await h.svc.store.db
      .selectFrom('mail_outbox')
      .select(['text_body', 'html_body'])
      .execute();
    expect(JSON.stringify(outbox)).not.toContain(mailed);

    for (const token of [mailed, tokens.alice!])
      expect((await track(token)).messages).toEqual([
        expect.objectContaining({ from: 'team', body: QUESTION }),
      ]);
    // Bob reported the same issue; the question was for Alice alone.
    expect((await track(tokens.bob!)).messages).toEqual([]);

    const answer = await h.req({
      method: 'POST',
      url: `/api/public/tracking/${mailed}/replies`,
      remoteAddress: '10.5.0.1',
      payload: { body: 'Firefox 133, and I expected the balance to go up by 20' },
    });
    expect(answer.status).toBe(201);
    const comments = await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}/comments`, as: h.owner });
    const items = comments.body.items ?? comments.body;
    expect(
      (items as { body: string; reportId: number | null; authorId: number | null }[]).map((c) => [
        c.body.slice(0, 20),
        c.reportId,
        c.authorId === null ? 'reporter' : 'team',
      ]),
    ).toEqual(
      expect.arrayContaining([
        [QUESTION.slice(0, 20), reportIds.alice, 'team'],
        ['Firefox 133, and I e', reportIds.alice, 'reporter'],
      ]),
    );
  });

  it('asks a reporter without an address on their tracking page only: no mail', async () => {
    const before = smtp.mails.length;
    const asked = await ask(reportIds.quinn ?? 0, 'Could you list the steps again?');
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ byEmail: false });
    expect((await sendMails()).sent).toBe(0);
    expect(smtp.mails).toHaveLength(before);
    expect((await track(tokens.quiet!)).messages.map((m) => m.body)).toEqual([
      'Could you list the steps again?',
    ]);
  });
});
