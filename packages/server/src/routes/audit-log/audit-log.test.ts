import { expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** Issue 15, item 7: sign-ins, role changes, invitations, tokens and ingest keys leave an audit entry. */
describeEachDialect('audit log', (dialect) => {
  const h = useHarness(dialect);

  it('records security-relevant actions with who, what and from where, for admins only, newest first', async () => {
    const member = await h.invite('member', 'Mel Member');
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: member.email, password: 'not-the-password' },
    });
    expect(bad.statusCode).toBe(401);
    const good = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: member.email, password: 'password-123' },
      remoteAddress: '192.0.2.44',
    });
    expect(good.statusCode).toBe(200);
    await h.req({
      method: 'PATCH',
      url: `/api/v1/members/${member.id}`,
      as: h.owner,
      payload: { role: 'viewer' },
    });
    const inv = await h.req({
      method: 'POST',
      url: '/api/v1/invitations',
      as: h.owner,
      payload: { email: 'later@example.com', role: 'member' },
    });
    await h.req({ method: 'DELETE', url: `/api/v1/invitations/${inv.body.id}`, as: h.owner });
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'AUD', name: 'Audit' },
    });
    const key = await h.req({
      method: 'POST',
      url: '/api/v1/projects/AUD/ingest-keys',
      as: h.owner,
      payload: { name: 'web' },
    });
    await h.req({
      method: 'PATCH',
      url: `/api/v1/projects/AUD/ingest-keys/${key.body.id}`,
      as: h.owner,
      payload: { revoked: true },
    });
    await h.req({ method: 'DELETE', url: `/api/v1/members/${member.id}`, as: h.owner });

    expect((await h.req({ method: 'GET', url: '/api/v1/audit-log', as: member })).status).toBe(401);
    const viewer = await h.invite('viewer');
    expect((await h.req({ method: 'GET', url: '/api/v1/audit-log', as: viewer })).status).toBe(403);
    const log = await h.req({ method: 'GET', url: '/api/v1/audit-log?limit=200', as: h.owner });
    expect(log.status).toBe(200);
    const about = (email: string) =>
      log.body.items
        .filter((e: { target: string }) => e.target === email)
        .map((e: { action: string }) => e.action);
    expect(about(member.email)).toEqual([
      'member.removed',
      'member.role_changed',
      'auth.sign_in',
      'auth.sign_in_failed',
      'auth.sign_up',
      'invitation.created',
    ]);
    const signIn = log.body.items.find(
      (e: { action: string; ip: string | null }) => e.action === 'auth.sign_in' && e.ip === '192.0.2.44',
    );
    expect(signIn.actor.name).toBe('Mel Member');
    const roleChange = log.body.items.find((e: { action: string }) => e.action === 'member.role_changed');
    expect([roleChange.actor.name, roleChange.details]).toEqual([
      'Olivia Owner',
      { from: 'member', to: 'viewer' },
    ]);
    expect(about('later@example.com')).toEqual(['invitation.revoked', 'invitation.created']);
    expect(about('AUD: web')).toEqual(['ingest_key.revoked', 'ingest_key.created']);
    const ids = log.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const csv = await h.req({ method: 'GET', url: '/api/v1/audit-log/csv', as: h.owner });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('at,actor,action,target,details,ip');
    expect(csv.body).toContain('member.role_changed');
  });
});
