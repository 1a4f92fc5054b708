import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashSecret } from '../../accounts/secret-token.ts';
import { MailWorker } from '../../mail/mail-worker.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/smtp-receiver.ts';

describeEachDialect('password reset by email', (dialect) => {
  const h = useHarness(dialect);
  let smtp: SmtpReceiver;
  let worker: MailWorker;
  let ip = 0;
  // Each test asks from its own address so the per-IP limit of one does not spill into the next.
  const fromIp = () => `10.0.0.${++ip}`;
  const ask = (email: string, remoteAddress = fromIp()) =>
    h.req({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, remoteAddress });
  const complete = (token: string, password: string) =>
    h.req({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, password } });
  const login = (email: string, password: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: fromIp(),
    });
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
  const tokenOf = (decoded: string) => /\/reset-password#([A-Za-z0-9_%-]+)/.exec(decoded)?.[1];
  /** Asks for a reset of `u` and returns the token from the mail that arrives over SMTP. */
  const mailedToken = async (u: TestUser) => {
    const before = smtp.mails.length;
    expect((await ask(u.email)).status).toBe(202);
    await h.svc.jobs.runDue();
    await worker.runOnce();
    await smtp.waitFor(before + 1);
    const token = tokenOf(mailsTo(u.email).at(-1)!.decoded);
    expect(token).toBeDefined();
    return decodeURIComponent(token!);
  };
  const auditEntries = async (): Promise<{ action: string; target: string }[]> =>
    (await h.req({ method: 'GET', url: '/api/v1/audit-log', as: h.owner })).body.items;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    worker = new MailWorker(h.svc, { smtpUrl: smtp.url, from: 'Closeloop <closeloop@test.local>' });
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
  });

  it('answers an unknown address exactly like a known one, and mails only the account', async () => {
    const mia = await h.invite('member', 'Mia Member');
    const before = smtp.mails.length;
    const resetJobs = async () =>
      (
        await h.svc.store.db
          .selectFrom('jobs')
          .select('payload')
          .where('kind', '=', 'auth.password_reset')
          .execute()
      ).length;
    const jobsBefore = await resetJobs();
    const known = await ask(mia.email);
    const unknown = await ask('nobody-here@example.com');
    // The same work while answering, account or not: one job each, resolved later.
    expect(await resetJobs()).toBe(jobsBefore + 2);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await h.svc.jobs.runDue();
    await worker.runOnce();
    await smtp.waitFor(before + 1);
    expect(smtp.mails.length).toBe(before + 1);
    const mail = mailsTo(mia.email).at(-1)!;
    expect(mail.subject).toBe('Reset your Closeloop password');
    expect(mail.decoded).toContain('http://localhost:4000/reset-password#clr_');
    expect(mail.decoded).toContain('30 minutes');
    // Stored only as a hash: the token itself is in no column of the table.
    const token = decodeURIComponent(tokenOf(mail.decoded)!);
    const rows = await h.svc.store.db.selectFrom('password_resets').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    const row = rows.find((r) => r.token_hash === hashSecret(token))!;
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(30 * 60_000);
  });

  it('sets the new password once, signs out every other session and logs it', async () => {
    const bob = await h.invite('member', 'Bob Builder');
    const old = await login(bob.email, 'password-123');
    const oldCookie = old.cookies.find((c) => c.name === 'cl_session')!.value;
    const token = await mailedToken(bob);

    const done = await complete(token, 'a brand new passphrase');
    expect(done.status).toBe(200);
    expect(done.body.user.email).toBe(bob.email);
    const session = (done.headers['set-cookie'] as string).match(/cl_session=([^;]+)/)![1]!;
    // The other session is gone; the one the reset started works.
    const oldMe = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { cl_session: oldCookie },
    });
    expect(oldMe.statusCode).toBe(401);
    const newMe = await h.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { cl_session: session } });
    expect(newMe.statusCode).toBe(200);
    expect((await login(bob.email, 'password-123')).statusCode).toBe(401);
    expect((await login(bob.email, 'a brand new passphrase')).statusCode).toBe(200);

    // Single use.
    const again = await complete(token, 'another new passphrase');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/not valid any more/);
    expect((await login(bob.email, 'another new passphrase')).statusCode).toBe(401);

    const mine = (await auditEntries()).filter((e) => e.target === bob.email).map((e) => e.action);
    expect(mine).toContain('auth.password_reset_requested');
    expect(mine).toContain('auth.password_reset');
  });

  it('revokes every API token of the account, and the audit entry counts them', async () => {
    const kim = await h.invite('member', 'Kim Keys');
    const second = await h.req({ method: 'POST', url: '/api/v1/tokens', as: kim, payload: { name: 'ci' } });
    expect(second.status).toBe(201);
    const me = (token: string) =>
      h.req({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me(kim.token)).status).toBe(200);
    expect((await me(second.body.token)).status).toBe(200);

    expect((await complete(await mailedToken(kim), 'keys are gone now')).status).toBe(200);
    expect((await me(kim.token)).status).toBe(401);
    expect((await me(second.body.token)).status).toBe(401);
    // Only this person's tokens: the owner's still works.
    expect((await h.req({ method: 'GET', url: '/api/v1/me', as: h.owner })).status).toBe(200);
    const entry = (await h.req({ method: 'GET', url: '/api/v1/audit-log', as: h.owner })).body.items.find(
      (e: { action: string; target: string }) => e.action === 'auth.password_reset' && e.target === kim.email,
    );
    expect(entry.details).toMatchObject({ tokensRevoked: 2 });
  });

  it('refuses an expired token and an unknown one', async () => {
    const cleo = await h.invite('member', 'Cleo Expired');
    const token = await mailedToken(cleo);
    // 31 minutes later, as far as the row is concerned.
    await h.svc.store.db
      .updateTable('password_resets')
      .set({ expires_at: Date.now() - 60_000 })
      .where('token_hash', '=', hashSecret(token))
      .execute();
    expect((await complete(token, 'too late for this one')).status).toBe(400);
    expect((await complete('clr_madeupmadeupmadeup', 'too late for this one')).status).toBe(400);
    expect((await login(cleo.email, 'password-123')).statusCode).toBe(200);
  });

  it('mails one account at most three times an hour, and limits each address of the asker', async () => {
    const dora = await h.invite('member', 'Dora Flooded');
    const before = mailsTo(dora.email).length;
    for (let i = 0; i < 5; i++) expect((await ask(dora.email)).status).toBe(202);
    await h.svc.jobs.runDue();
    await worker.runOnce();
    await smtp.waitFor(smtp.mails.length);
    expect(mailsTo(dora.email).length - before).toBe(3);

    const sameIp = fromIp();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await ask(`x${i}@example.com`, sameIp)).status);
    expect(answers).toEqual([202, 202, 202, 202, 202, 429]);
  });
});
