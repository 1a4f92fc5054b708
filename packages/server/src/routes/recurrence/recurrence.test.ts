import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const checkout = {
  title: 'Checkout fails with card declined on Safari 17',
  description:
    'Paying with a Visa card on Safari 17 shows "card declined" although the bank approved the 3-D Secure step.',
};

/**
 * Issue 13 §5: a new issue that matches a closed one (similarity engine, likely-duplicate score)
 * is linked to it, and the closed issue's resolution and lessons come with it.
 */
describeEachDialect('recurrences: a new issue matching a closed one brings its lessons', (dialect) => {
  const h = useHarness(dialect);
  const create = async (payload: { title: string; description?: string }) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as: h.owner, payload });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: number; key: string; version: number };
  };
  const recurrence = async (key: string) => {
    const r = await h.req({ method: 'GET', url: `/api/v1/issues/${key}/recurrence`, as: h.owner });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.recurrence;
  };
  const recurrenceJobs = (issueId: number) =>
    h.svc.store.db
      .selectFrom('jobs')
      .select(['id', 'dead_at'])
      .where('kind', '=', 'closure.recurrence')
      .where('payload', 'like', `%"issueId":${issueId}}%`)
      .execute();
  /** The recurrence check is a job queued when the issue's creation is published: wait for it, run it. */
  const checked = async (issue: { id: number }) => {
    for (let i = 0; i < 200 && (await recurrenceJobs(issue.id)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await h.svc.jobs.runDue();
    expect(await recurrenceJobs(issue.id)).toEqual([]);
  };
  let closed: { id: number; key: string; version: number };

  beforeAll(async () => {
    const p = await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
    expect(p.status).toBe(201);
    closed = await create(checkout);
    const c = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${closed.key}`,
      as: h.owner,
      payload: {
        version: closed.version,
        status: 'done',
        resolution: 'fixed',
        resolutionNote: 'Retry the token exchange.',
      },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const l = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${closed.key}/lessons`,
      as: h.owner,
      payload: {
        whatHappened: 'Safari users could not pay for two hours.',
        impact: '312 failed checkouts.',
        rootCause: 'Safari blocks the third-party cookie the payment iframe relied on.',
        fix: 'Pass the 3-D Secure result through postMessage.',
        prevention: 'Run checkout e2e on WebKit in CI.',
      },
    });
    expect(l.status, JSON.stringify(l.body)).toBe(200);
  });

  it('links a new issue like the closed one to it and shows the closed one’s lessons', async () => {
    const again = await create({ ...checkout, title: 'Checkout fails with card declined on Safari 17.2' });
    await checked(again);
    const r = await recurrence(again.key);
    expect(r).toMatchObject({
      key: closed.key,
      resolution: 'fixed',
      resolutionNote: 'Retry the token exchange.',
      lessons: {
        rootCause: 'Safari blocks the third-party cookie the payment iframe relied on.',
        prevention: 'Run checkout e2e on WebKit in CI.',
      },
    });
    expect(r.score).toBeGreaterThanOrEqual(0.6);
    const issue = await h.req({ method: 'GET', url: `/api/v1/issues/${again.key}`, as: h.owner });
    expect(issue.body.links).toEqual([
      expect.objectContaining({ type: 'relates_to', issue: expect.objectContaining({ key: closed.key }) }),
    ]);
    // Checking again (a redelivered job) links nothing twice.
    const { workspace_id } = await h.svc.store.db
      .selectFrom('issues')
      .select('workspace_id')
      .where('id', '=', again.id)
      .executeTakeFirstOrThrow();
    await h.svc.jobs.enqueue({
      kind: 'closure.recurrence',
      payload: { workspaceId: workspace_id, issueId: again.id },
    });
    await h.svc.jobs.runDue();
    expect(
      (await h.req({ method: 'GET', url: `/api/v1/issues/${again.key}`, as: h.owner })).body.links,
    ).toHaveLength(1);
  });

  it('leaves an unrelated issue, and one like an open issue, without a recurrence', async () => {
    const other = await create({
      title: 'Dark mode toggle missing from settings',
      description: 'The appearance tab has no switch.',
    });
    await checked(other);
    expect(await recurrence(other.key)).toBeNull();
    const wishlist = {
      title: 'Wishlist export to CSV drops emoji',
      description: 'Exported names lose emoji characters.',
    };
    await checked(await create(wishlist));
    const twin = await create(wishlist);
    await checked(twin);
    expect(await recurrence(twin.key)).toBeNull();
  });
});
