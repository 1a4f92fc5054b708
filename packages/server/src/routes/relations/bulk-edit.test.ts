import { beforeAll, expect, it } from 'vitest';
import type { Change } from '../../live/change-bus.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('bulk edits', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let viewer: TestUser;
  const keys: string[] = [];

  const bulk = (payload: Record<string, unknown>, as: TestUser = member) =>
    h.req({ method: 'POST', url: '/api/v1/issues/bulk', as, payload });
  const read = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: viewer })).body;

  beforeAll(async () => {
    member = await h.invite('member');
    viewer = await h.invite('viewer');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'OPS', name: 'Ops' },
    });
    await h.req({
      method: 'POST',
      url: '/api/v1/projects/OPS/milestones',
      as: member,
      payload: { name: 'Q3' },
    });
    for (const title of ['one', 'two', 'three']) {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects/OPS/issues',
        as: member,
        payload: { title, labels: ['old'] },
      });
      keys.push(r.body.key);
    }
  });

  it('edits every issue, one history entry per changed field per issue, one version bump and one change each', async () => {
    const seen: Change[] = [];
    const off = h.svc.bus.subscribe((c) => seen.push(c));
    const r = await bulk({
      keys: keys.map((k) => k.toLowerCase()),
      set: { priority: 'high', addLabels: ['q3'], milestone: 'Q3', assigneeUserId: member.id },
    });
    off();
    expect(r.status).toBe(200);
    expect(r.body.changed).toEqual(keys);
    for (const key of keys) {
      const i = await read(key);
      expect(i).toMatchObject({
        priority: 'high',
        labels: ['old', 'q3'],
        milestone: { name: 'Q3' },
        assigneeUserId: member.id,
        version: 2,
      });
      const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/activity`, as: viewer }))
        .body;
      expect(
        history
          .filter((a: { action: string }) => a.action === 'changed')
          .map((a: { field: string }) => a.field)
          .sort(),
      ).toEqual(['assigneeUserId', 'labels', 'milestone', 'priority']);
    }
    expect(seen.filter((c) => c.type === 'issue.updated').map((c) => c.issueKey)).toEqual(keys);
  });

  it('changes nothing when one key is unknown, and names it', async () => {
    const r = await bulk({
      keys: [keys[0], 'OPS-999', keys[1]],
      set: { priority: 'urgent', removeLabels: ['old'] },
    });
    expect(r.status).toBe(404);
    expect(r.body.error.details.failures).toEqual([
      expect.objectContaining({ key: 'OPS-999', code: 'not_found' }),
    ]);
    for (const key of keys)
      expect(await read(key)).toMatchObject({ priority: 'high', labels: ['old', 'q3'], version: 2 });
  });

  it('changes nothing when a rule rejects any issue, and lists every failure', async () => {
    const bad = await bulk({ keys, set: { status: 'nirvana' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.failures.map((f: { key: string }) => f.key)).toEqual(keys);
    const mixed = await bulk({ keys: [...keys, 'OPS-998'], set: { status: 'nirvana' } });
    expect(mixed.status).toBe(422);
    expect(mixed.body.error.details.failures.map((f: { code: string }) => f.code).sort()).toEqual([
      'not_found',
      'unprocessable',
      'unprocessable',
      'unprocessable',
    ]);
    const strangers = await bulk({ keys, set: { assigneeUserId: 99999 } });
    expect(strangers.status).toBe(400);
    for (const key of keys)
      expect(await read(key)).toMatchObject({ status: 'todo', version: 2, assigneeUserId: member.id });
  });

  it('removes labels, closes with the closing rules, and clears the milestone', async () => {
    // High-priority work closes only with its lessons-learned record: the batch is refused without it.
    const owed = await bulk({ keys: keys.slice(0, 2), set: { status: 'done' } });
    expect(owed.status).toBe(422);
    expect(JSON.stringify(owed.body)).toContain('Lessons learned are asked for');
    for (const key of keys.slice(0, 2)) {
      const record = await h.req({
        method: 'PUT',
        url: `/api/v1/issues/${key}/lessons`,
        as: member,
        payload: { rootCause: 'Q3 scope was cut late' },
      });
      expect(record.status).toBe(200);
    }
    const r = await bulk({
      keys: keys.slice(0, 2),
      set: { removeLabels: ['old'], status: 'done', milestone: null },
    });
    expect(r.status).toBe(200);
    const i = await read(keys[0]!);
    expect(i).toMatchObject({
      labels: ['q3'],
      statusCategory: 'done',
      resolution: 'fixed',
      milestone: null,
      version: 3,
    });
    expect(i.closedAt).not.toBeNull();
    expect((await read(keys[2]!)).version).toBe(2);
  });

  it('reports issues that were already as asked as unchanged', async () => {
    const r = await bulk({ keys, set: { priority: 'high' } });
    expect(r.status).toBe(200);
    expect(r.body.changed).toEqual([]);
  });

  it('survives overlapping batches in opposite orders without a 500', async () => {
    const results = await Promise.all([
      bulk({ keys, set: { priority: 'low' } }),
      bulk({ keys: [...keys].reverse(), set: { priority: 'medium' } }),
      bulk({ keys, set: { addLabels: ['race'] } }),
    ]);
    for (const r of results) expect([200, 409]).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
  });

  it('validates the body and forbids viewers', async () => {
    expect((await bulk({ keys, set: {} })).status).toBe(400);
    expect((await bulk({ keys: [], set: { priority: 'low' } })).status).toBe(400);
    expect((await bulk({ keys, set: { title: 'x' } })).status).toBe(400);
    expect((await bulk({ keys, set: { priority: 'low' } }, viewer)).status).toBe(403);
  });
});
