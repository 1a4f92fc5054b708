import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('accounts: sign-up, sign-in, invitations, members, tokens', (dialect) => {
  const h = useHarness(dialect);
  let admin: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    admin = await h.invite('admin', 'Ada Admin');
    member = await h.invite('member', 'Mo Member');
  });

  it('lets nobody sign up without an invitation once the workspace exists', async () => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'x@example.com', password: 'long-enough', name: 'X' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.field).toBe('invitationToken');
  });

  it('validates sign-up input', async () => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'not-an-email', password: 'short', name: '' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password', 'body.name']),
    );
  });

  it('signs in with a cookie session that is httpOnly and SameSite, and signs out', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.com', password: 'wrong-password' },
    });
    expect(bad.statusCode).toBe(401);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'OWNER@example.com', password: 'owner-password' },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'cl_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { cl_session: cookie.value },
    });
    expect(me.json()).toMatchObject({
      user: { email: 'owner@example.com' },
      role: 'owner',
      workspace: { name: 'Acme' },
    });
    await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { cl_session: cookie.value } });
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { cl_session: cookie.value },
    });
    expect(after.statusCode).toBe(401);
    const probe = await h.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      cookies: { cl_session: cookie.value },
    });
    expect([probe.statusCode, probe.json()]).toEqual([200, { me: null }]);
  });

  it('answers the session probe with the user when signed in and null (not 401) when signed out', async () => {
    const signedIn = await h.req({ method: 'GET', url: '/api/v1/auth/session', as: h.owner });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toMatchObject({ user: { email: 'owner@example.com' }, role: 'owner' });
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect([anonymous.statusCode, anonymous.json()]).toEqual([200, { me: null }]);
  });

  it('lets admins invite, refuses members, and refuses an admin granting owner', async () => {
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/invitations',
          as: member,
          payload: { email: 'z@example.com' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/invitations',
          as: admin,
          payload: { email: 'z@example.com', role: 'owner' },
        })
      ).status,
    ).toBe(403);
    const inv = await h.req({
      method: 'POST',
      url: '/api/v1/invitations',
      as: admin,
      payload: { email: 'z@example.com', role: 'viewer' },
    });
    expect(inv.status).toBe(201);
    expect(inv.body.token).toMatch(/^cli_/);
    const list = await h.req({ method: 'GET', url: '/api/v1/invitations', as: admin });
    expect(list.body.find((i: { email: string }) => i.email === 'z@example.com').token).toBeUndefined();
    const dup = await h.req({
      method: 'POST',
      url: '/api/v1/invitations',
      as: admin,
      payload: { email: member.email },
    });
    expect(dup.status).toBe(409);
    const wrongEmail = await h.req({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'other@example.com',
        password: 'long-enough',
        name: 'O',
        invitationToken: inv.body.token,
      },
    });
    expect(wrongEmail.status).toBe(400);
  });

  it('changes roles within the rules and keeps at least one owner', async () => {
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/members/${member.id}`,
          as: member,
          payload: { role: 'admin' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/members/${member.id}`,
          as: admin,
          payload: { role: 'viewer' },
        })
      ).status,
    ).toBe(204);
    const members = (await h.req({ method: 'GET', url: '/api/v1/members', as: member })).body;
    expect(members.find((m: { id: number }) => m.id === member.id).role).toBe('viewer');
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/members/${h.owner.id}`,
          as: admin,
          payload: { role: 'member' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/members/${h.owner.id}`,
          as: h.owner,
          payload: { role: 'member' },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: '/api/v1/members/99999',
          as: h.owner,
          payload: { role: 'member' },
        })
      ).status,
    ).toBe(404);
    await h.req({
      method: 'PATCH',
      url: `/api/v1/members/${member.id}`,
      as: admin,
      payload: { role: 'member' },
    });
  });

  it('creates, lists and revokes personal API tokens, storing only hashes', async () => {
    const created = await h.req({
      method: 'POST',
      url: '/api/v1/tokens',
      as: member,
      payload: { name: 'ci' },
    });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^clt_/);
    const row = await h.svc.store.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token.slice(4));
    const viaToken = await h.req({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.body.user.id).toBe(member.id);
    const list = await h.req({ method: 'GET', url: '/api/v1/tokens', as: member });
    expect(list.body.every((t: { token?: string }) => t.token === undefined)).toBe(true);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/tokens/${created.body.id}`, as: admin })).status,
    ).toBe(404);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/tokens/${created.body.id}`, as: member })).status,
    ).toBe(200);
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(401);
  });

  it('removes members; removed people lose access', async () => {
    const leaver = await h.invite('member', 'Lee Leaver');
    expect((await h.req({ method: 'DELETE', url: `/api/v1/members/${leaver.id}`, as: member })).status).toBe(
      403,
    );
    expect((await h.req({ method: 'DELETE', url: `/api/v1/members/${leaver.id}`, as: admin })).status).toBe(
      204,
    );
    expect((await h.req({ method: 'GET', url: '/api/v1/issues', as: leaver })).status).toBe(401);
  });
});
