import { expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** Issue 15: an admin could demote or remove another admin; admins manage only those below them. */
describeEachDialect('admins and their peers', (dialect) => {
  const h = useHarness(dialect);

  it('an admin cannot demote or remove another admin, but manages members; an owner can', async () => {
    const ada = await h.invite('admin', 'Ada');
    const bob = await h.invite('admin', 'Bob');
    const mia = await h.invite('member', 'Mia');
    const patch = (as: typeof ada, id: number, role: string) =>
      h.req({ method: 'PATCH', url: `/api/v1/members/${id}`, as, payload: { role } });
    const remove = (as: typeof ada, id: number) =>
      h.req({ method: 'DELETE', url: `/api/v1/members/${id}`, as });

    expect((await patch(ada, bob.id, 'viewer')).status).toBe(403);
    expect((await remove(ada, bob.id)).status).toBe(403);
    expect((await patch(ada, mia.id, 'viewer')).status).toBe(204);
    const roles = async () =>
      Object.fromEntries(
        (await h.req({ method: 'GET', url: '/api/v1/members', as: h.owner })).body.map(
          (m: { id: number; role: string }) => [m.id, m.role],
        ),
      );
    expect((await roles())[bob.id]).toBe('admin');
    expect((await patch(h.owner, bob.id, 'member')).status).toBe(204);
    expect((await roles())[bob.id]).toBe('member');
    expect((await remove(ada, bob.id)).status).toBe(204);
  });
});
