import { expect, it } from 'vitest';
import { base32Decode, totpCode } from '../../accounts/totp.ts';
import { sealClearTotpSecrets } from '../../commands/sealed-secrets.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/**
 * Issue 15: TOTP secrets are sealed at rest (AES-256-GCM under SECRETS_KEY), so the stored
 * bytes of a person's row hold no trace of the secret; secrets stored in clear before are sealed
 * at start-up and keep working.
 */
describeEachDialect('TOTP secrets sealed at rest', (dialect) => {
  const h = useHarness(dialect);
  const storedRow = async (id: number) =>
    JSON.stringify(
      await h.svc.store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    );
  /** Every form the secret could be stored in: base32 (either case), its raw bytes as hex and base64. */
  const traces = (secret: string) => {
    const raw = base32Decode(secret);
    return [
      secret,
      secret.toLowerCase(),
      raw.toString('hex'),
      raw.toString('base64'),
      raw.toString('base64url'),
    ];
  };
  const enrol = async (u: TestUser) => {
    const { secret } = (await h.req({ method: 'POST', url: '/api/v1/me/two-factor/setup', as: u })).body;
    const pending = await storedRow(u.id);
    for (const t of traces(secret)) expect(pending).not.toContain(t);
    const ok = await h.req({
      method: 'POST',
      url: '/api/v1/me/two-factor/confirm',
      as: u,
      payload: { code: totpCode(secret, Date.now()) },
    });
    expect(ok.status).toBe(200);
    return secret as string;
  };
  const signInWithCode = async (email: string, code: string) => {
    const first = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'password-123' },
    });
    return h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/two-factor',
      payload: { challenge: first.json().challenge, code },
    });
  };

  it('keeps no trace of the secret in the stored row, pending or confirmed, and codes still work', async () => {
    const u = await h.invite('member', 'Sealed Sue');
    const secret = await enrol(u);
    const row = await storedRow(u.id);
    for (const t of traces(secret)) expect(row).not.toContain(t);
    expect(row).toContain('sealed:v1:');
    expect((await signInWithCode(u.email, totpCode(secret, Date.now() + 30_000))).statusCode).toBe(200);
  });

  it('seals a secret stored in clear before sealing existed, which keeps working before and after', async () => {
    const u = await h.invite('member', 'Clear Clara');
    const secret = await enrol(u);
    // As migration 0172 stored it.
    await h.svc.store.db.updateTable('users').set({ totp_secret: secret }).where('id', '=', u.id).execute();
    expect(await storedRow(u.id)).toContain(secret);
    expect((await signInWithCode(u.email, totpCode(secret, Date.now() + 30_000))).statusCode).toBe(200);

    expect(await sealClearTotpSecrets(h.svc.store, h.svc.secrets)).toBe(1);
    for (const t of traces(secret)) expect(await storedRow(u.id)).not.toContain(t);
    expect(await sealClearTotpSecrets(h.svc.store, h.svc.secrets)).toBe(0);
    // The sealed secret gives the same codes: forget the step used above so this window's code counts again.
    await h.svc.store.db.updateTable('users').set({ totp_last_step: null }).where('id', '=', u.id).execute();
    expect((await signInWithCode(u.email, totpCode(secret, Date.now() + 30_000))).statusCode).toBe(200);
  });
});
