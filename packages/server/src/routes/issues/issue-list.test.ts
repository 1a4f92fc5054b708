import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('issue list filters, sorts and cursors', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let teamId: number;

  beforeAll(async () => {
    member = await h.invite('member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'WEB', name: 'Web' },
    });
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'OPS', name: 'Ops' },
    });
    teamId = (
      await h.req({
        method: 'POST',
        url: '/api/v1/teams',
        as: h.owner,
        payload: { key: 'core', name: 'Core' },
      })
    ).body.id;
    const priorities = ['urgent', 'high', 'medium', 'low', 'none'];
    for (let i = 0; i < 25; i++) {
      const r = await h.req({
        method: 'POST',
        url: `/api/v1/projects/${i % 5 === 0 ? 'OPS' : 'WEB'}/issues`,
        as: member,
        payload: {
          title: i === 7 ? 'Checkout page loads slowly at lunch' : `Issue number ${i}`,
          description: i === 11 ? 'The checkout spinner never stops' : '',
          type: i % 3 === 0 ? 'bug' : 'task',
          priority: priorities[i % 5],
          labels: i % 4 === 0 ? ['checkout'] : [],
          assigneeUserId: i % 2 === 0 ? member.id : null,
          assigneeTeamId: i % 2 === 1 && i % 3 === 0 ? teamId : null,
          dueDate: i % 3 === 1 ? `2026-12-${String(i + 1).padStart(2, '0')}` : null,
          status: i % 6 === 0 ? 'done' : 'todo',
        },
      });
      expect(r.status).toBe(201);
    }
  });

  const list = async (qs: string, as = member) => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues?${qs}`, as });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as {
      items: {
        key: string;
        priority: string;
        dueDate: string | null;
        createdAt: string;
        id: number;
        labels: string[];
        statusCategory: string;
        assigneeUserId: number | null;
        type: string;
      }[];
      nextCursor: string | null;
    };
  };

  it('filters by project, type, priority, label, assignee, team and status', async () => {
    expect((await list('project=OPS&limit=100')).items).toHaveLength(5);
    expect((await list('type=bug&limit=100')).items.every((i) => i.type === 'bug')).toBe(true);
    expect(
      (await list('priority=urgent,high&limit=100')).items.every((i) =>
        ['urgent', 'high'].includes(i.priority),
      ),
    ).toBe(true);
    expect((await list('label=checkout&limit=100')).items).toHaveLength(7);
    expect((await list('assignee=me&limit=100')).items.every((i) => i.assigneeUserId === member.id)).toBe(
      true,
    );
    expect((await list('team=core&limit=100')).items.length).toBeGreaterThan(0);
    const open = (await list('status=open&limit=100')).items;
    expect(open.every((i) => i.statusCategory !== 'done')).toBe(true);
    expect(open).toHaveLength(25 - 5);
    expect((await list('label=no-such-label')).items).toEqual([]);
  });

  it('finds issues by full-text over title and description, with prefix matching', async () => {
    const keys = (await list('text=checkout')).items.map((i) => i.key).sort();
    expect(keys).toHaveLength(2);
    expect((await list('text=slowl')).items).toHaveLength(1);
    expect((await list('text=%22%29%28*')).items).toEqual([]);
  });

  it('pages through every sort with cursors without gaps or repeats', async () => {
    for (const sort of ['created', 'updated', 'priority', 'due']) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(`sort=${sort}&order=${order}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.items.map((i) => i.key));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size, `${sort} ${order}`).toBe(25);
        const all = (await list(`sort=${sort}&order=${order}&limit=100`)).items.map((i) => i.key);
        expect(seen, `${sort} ${order}`).toEqual(all);
      }
    }
  });

  it('orders by priority with urgent first and issues without a due date last', async () => {
    const byPriority = (await list('sort=priority&order=desc&limit=100')).items.map((i) => i.priority);
    expect(byPriority[0]).toBe('urgent');
    expect(byPriority.at(-1)).toBe('none');
    const byDue = (await list('sort=due&order=asc&limit=100')).items;
    const firstNull = byDue.findIndex((i) => i.dueDate === null);
    expect(byDue.slice(firstNull).every((i) => i.dueDate === null)).toBe(true);
    expect(byDue.slice(0, firstNull).map((i) => i.dueDate)).toEqual(
      byDue
        .slice(0, firstNull)
        .map((i) => i.dueDate)
        .sort(),
    );
  });

  it('rejects bad list parameters with 400', async () => {
    for (const qs of [
      'sort=banana',
      'limit=0',
      'limit=100000',
      'priority=extreme',
      'cursor=garbage',
      'bogus=1',
    ]) {
      const r = await h.req({ method: 'GET', url: `/api/v1/issues?${qs}`, as: member });
      expect(r.status, qs).toBe(400);
      expect(r.body.error.code).toBe('invalid');
    }
  });

  it('counts exactly what the list matches, past any page size, with and without a query', async () => {
    const count = async (qs: string) => {
      const r = await h.req({ method: 'GET', url: `/api/v1/issues/count?${qs}`, as: member });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.count as number;
    };
    // A page of 3 would show "3+": the count is the whole match.
    expect((await list('project=WEB&status=todo&limit=3')).nextCursor).not.toBeNull();
    const webTodo = (await list('project=WEB&status=todo&limit=100')).items.length;
    expect(await count('project=WEB&status=todo')).toBe(webTodo);
    expect(await count('project=WEB&status=todo&limit=3')).toBe(webTodo);
    expect(await count('label=checkout')).toBe(7);
    expect(await count('project=WEB&status=todo&q=priority:urgent')).toBe(
      (await list('project=WEB&status=todo&q=priority:urgent&limit=100')).items.length,
    );
    expect(await count('q=checkout')).toBe((await list('q=checkout&limit=100')).items.length);
    expect(await count('label=no-such-label')).toBe(0);
    const bad = await h.req({ method: 'GET', url: '/api/v1/issues/count?q=priority:extreme', as: member });
    expect(bad.status).toBe(400);
  });
});
