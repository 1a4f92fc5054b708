import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('query language: relations and time', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  const k: Record<string, string> = {};

  const create = async (name: string, payload: Record<string, unknown> = {}) => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/QL/issues',
      as: member,
      payload: { title: name, ...payload },
    });
    expect(r.status).toBe(201);
    k[name] = r.body.key;
  };
  const query = async (q: string) => {
    const r = await h.req({
      method: 'GET',
      url: `/api/v1/issues?q=${encodeURIComponent(q)}&limit=100`,
      as: member,
    });
    if (r.status !== 200) return r;
    return r.body.items.map((i: { key: string }) => i.key).sort();
  };
  const keys = (...names: string[]) => names.map((n) => k[n]).sort();

  beforeAll(async () => {
    member = await h.invite('member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'QL', name: 'Query' },
    });
    await h.req({
      method: 'POST',
      url: '/api/v1/projects/QL/milestones',
      as: member,
      payload: { name: 'v2 launch' },
    });
    await create('work', { milestone: 'v2 launch' });
    await create('blocker');
    await create('child', { parentKey: k.work });
    await create('related');
    await create('timed');
    const link = (from: string, type: string, to: string) =>
      h.req({
        method: 'POST',
        url: `/api/v1/issues/${k[from]}/links`,
        as: member,
        payload: { type, target: k[to] },
      });
    expect((await link('blocker', 'blocks', 'work')).status).toBe(201);
    expect((await link('related', 'relates_to', 'work')).status).toBe(201);
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${k.timed}/worklogs`,
      as: member,
      payload: { minutes: 120 },
    });
  });

  it('filters by milestone name, case-insensitively, and by no milestone', async () => {
    expect(await query('milestone:"v2 launch"')).toEqual(keys('work'));
    expect(await query('milestone:"V2 LAUNCH"')).toEqual(keys('work'));
    expect(await query('milestone:none')).toEqual(keys('blocker', 'child', 'related', 'timed'));
    expect(await query('milestone:"no such"')).toEqual([]);
  });

  it('filters by link state, and a closed blocker no longer blocks', async () => {
    expect(await query('is:blocked')).toEqual(keys('work'));
    expect(await query('is:blocking')).toEqual(keys('blocker'));
    expect(await query('-is:blocked milestone:"v2 launch"')).toEqual([]);
    expect(await query(`linked:${k.work}`)).toEqual(keys('blocker', 'related'));
    expect(await query('has:links')).toEqual(keys('blocker', 'related', 'work'));
    const b = (await h.req({ method: 'GET', url: `/api/v1/issues/${k.blocker}`, as: member })).body;
    await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${k.blocker}`,
      as: member,
      payload: { version: b.version, status: 'done' },
    });
    expect(await query('is:blocked')).toEqual([]);
    expect(await query('is:blocking')).toEqual([]);
  });

  it('filters by parent and by having children or a parent', async () => {
    expect(await query(`parent:${k.work}`)).toEqual(keys('child'));
    expect(await query('has:children')).toEqual(keys('work'));
    expect(await query('has:parent')).toEqual(keys('child'));
    expect(await query('parent:none has:milestone')).toEqual(keys('work'));
    expect(await query('parent:QL-999')).toEqual([]);
  });

  it('filters by logged time', async () => {
    expect(await query('logged:>=2h')).toEqual(keys('timed'));
    expect(await query('logged:>0 OR is:blocked')).toEqual(keys('timed'));
  });

  it('points a 400 at a bad relation value', async () => {
    const bad = await query('status:open has:wings');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toMatchObject({ field: 'q', position: 16, length: 5 });
    expect((await query('parent:nonsense')).status).toBe(400);
    expect((await query('logged:lots')).status).toBe(400);
    expect((await query('milestone:>x')).status).toBe(400);
  });
});
