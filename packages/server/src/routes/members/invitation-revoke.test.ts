import { expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** Issue 15: pending invitations could not be revoked. */
describeEachDialect('revoking invitations', (dialect) => {
  const h = useHarness(dialect);

  it('a revoked invitation no longer signs anyone up; members cannot revoke; accepted ones are not pending', async () => {
    const member = await h.invite('member', 'Mo');
    const inv = await h.req({
      method: 'POST',
      url: '/api/v1/invitations',
      as: h.owner,
      payload: { email: 'late@example.com', role: 'member' },
    });
    expect(inv.status).toBe(201);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/invitations/${inv.body.id}`, as: member })).status,
    ).toBe(403);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/invitations/${inv.body.id}`, as: h.owner })).status,
    ).toBe(204);
    const signup = await h.req({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'late@example.com',
        password: 'long-enough',
        name: 'Late',
        invitationToken: inv.body.token,
      },
    });
    expect([signup.status, signup.body.error.details]).toEqual([400, { field: 'invitationToken' }]);
    const list = await h.req({ method: 'GET', url: '/api/v1/invitations', as: h.owner });
    expect(list.body.map((i: { email: string }) => i.email)).not.toContain('late@example.com');
    const again = await h.req({ method: 'DELETE', url: `/api/v1/invitations/${inv.body.id}`, as: h.owner });
    expect(again.status).toBe(404);
    const accepted = list.body.find((i: { acceptedAt: string | null }) => i.acceptedAt !== null);
    expect(
      (await h.req({ method: 'DELETE', url: `/api/v1/invitations/${accepted.id}`, as: h.owner })).status,
    ).toBe(404);
  });
});
