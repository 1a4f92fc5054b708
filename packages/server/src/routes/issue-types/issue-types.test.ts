import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('issue types API', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;

  beforeAll(async () => {
    member = await h.invite('member');
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'TY', name: 'Types' },
        })
      ).status,
    ).toBe(201);
  });

  const url = '/api/v1/projects/TY/types';

  it('a new project has the six default types', async () => {
    const r = await h.req({ method: 'GET', url, as: member });
    expect(r.status).toBe(200);
    expect(r.body.map((t: { key: string }) => t.key)).toEqual([
      'bug',
      'task',
      'incident',
      'risk',
      'blocker',
      'feature',
    ]);
    expect(r.body[0]).toMatchObject({ name: 'Bug', icon: 'bug', color: '#ef4444', ownWorkflow: false });
  });

  it('admins add types with an icon and colour; members cannot', async () => {
    expect(
      (await h.req({ method: 'POST', url, as: member, payload: { key: 'delay', name: 'Delay' } })).status,
    ).toBe(403);
    const r = await h.req({
      method: 'POST',
      url,
      as: h.owner,
      payload: { key: 'delay', name: 'Delay', icon: 'clock', color: '#0ea5e9' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      key: 'delay',
      name: 'Delay',
      icon: 'clock',
      color: '#0ea5e9',
      position: 6,
    });
    expect(
      (await h.req({ method: 'POST', url, as: h.owner, payload: { key: 'delay', name: 'Again' } })).status,
    ).toBe(409);
    expect(
      (await h.req({ method: 'POST', url, as: h.owner, payload: { key: 'default', name: 'No' } })).status,
    ).toBe(400);
    expect(
      (await h.req({ method: 'POST', url, as: h.owner, payload: { key: 'Bad Key', name: 'No' } })).status,
    ).toBe(400);
    const issue = await h.req({
      method: 'POST',
      url: '/api/v1/projects/TY/issues',
      as: member,
      payload: { title: 'Vendor late', type: 'delay' },
    });
    expect(issue.status).toBe(201);
    expect(issue.body.type).toBe('delay');
  });

  it('admins rename and recolour types', async () => {
    const r = await h.req({
      method: 'PATCH',
      url: `${url}/delay`,
      as: h.owner,
      payload: { name: 'Schedule delay', color: '#111111' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ key: 'delay', name: 'Schedule delay', color: '#111111', icon: 'clock' });
    expect(
      (await h.req({ method: 'PATCH', url: `${url}/ghost`, as: h.owner, payload: { name: 'x' } })).status,
    ).toBe(404);
  });

  it('deletes only types no issue uses', async () => {
    const used = await h.req({ method: 'DELETE', url: `${url}/delay`, as: h.owner });
    expect(used.status).toBe(409);
    expect(used.body.error.details.count).toBe(1);
    expect((await h.req({ method: 'DELETE', url: `${url}/feature`, as: member })).status).toBe(403);
    expect((await h.req({ method: 'DELETE', url: `${url}/feature`, as: h.owner })).status).toBe(204);
    const create = await h.req({
      method: 'POST',
      url: '/api/v1/projects/TY/issues',
      as: member,
      payload: { title: 'x', type: 'feature' },
    });
    expect(create.status).toBe(422);
  });
});
