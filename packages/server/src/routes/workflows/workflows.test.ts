import { beforeAll, describe, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const strictWorkflow = {
  initial: 'open',
  statuses: [
    { key: 'open', name: 'Open', category: 'todo' },
    { key: 'doing', name: 'Doing', category: 'in_progress' },
    { key: 'done', name: 'Done', category: 'done', required: ['resolution'] },
    { key: 'dropped', name: 'Dropped', category: 'cancelled' },
  ],
  transitions: [
    { from: 'open', to: 'doing' },
    { from: 'doing', to: 'done' },
    { from: 'doing', to: 'open' },
    { from: '*', to: 'dropped' },
  ],
};

describeEachDialect('workflows API', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    member = await h.invite('member');
    admin = await h.invite('admin');
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'WF', name: 'Workflows' },
        })
      ).status,
    ).toBe(201);
  });

  const create = (payload: Record<string, unknown>) =>
    h.req({ method: 'POST', url: '/api/v1/projects/WF/issues', as: member, payload });
  const patch = (key: string, payload: Record<string, unknown>) =>
    h.req({ method: 'PATCH', url: `/api/v1/issues/${key}`, as: member, payload });
  const put = (type: string, payload: Record<string, unknown>, as: TestUser = admin) =>
    h.req({ method: 'PUT', url: `/api/v1/projects/WF/workflows/${type}`, as, payload });

  it('a new project has a default workflow allowing every move over its statuses', async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/WF/workflows', as: member });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({ type: null, initial: 'todo' });
    expect(r.body[0].statuses.map((s: { key: string }) => s.key)).toEqual([
      'backlog',
      'todo',
      'in_progress',
      'in_review',
      'done',
      'cancelled',
    ]);
    expect(r.body[0].transitions).toContainEqual({ from: '*', to: 'done' });
    const bug = await h.req({ method: 'GET', url: '/api/v1/projects/WF/workflows/bug', as: member });
    expect(bug.body).toMatchObject({ type: 'bug', inherited: true, initial: 'todo' });
  });

  it('only admins edit workflows', async () => {
    const r = await put('risk', strictWorkflow, member);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });

  it('rejects incoherent workflows with a 400 naming the problem', async () => {
    const r = await put('risk', { ...strictWorkflow, transitions: [{ from: 'open', to: 'nowhere' }] });
    expect(r.status).toBe(400);
    expect(r.body.error.details.field).toBe('transitions.0.to');
    expect((await put('ghost', strictWorkflow)).status).toBe(404);
  });

  it('forbids moves the workflow does not list with 422 and the allowed targets', async () => {
    const saved = await put('risk', strictWorkflow);
    expect(saved.status).toBe(200);
    expect(saved.body.workflow).toMatchObject({ type: 'risk', inherited: false, initial: 'open' });
    const issue = (await create({ title: 'Marketing used design v3, not v5', type: 'risk' })).body;
    expect(issue).toMatchObject({ status: 'open', statusCategory: 'todo' });
    const jump = await patch(issue.key, { version: 1, status: 'done', resolution: 'fixed' });
    expect(jump.status).toBe(422);
    expect(jump.body.error.code).toBe('unprocessable');
    expect(jump.body.error.details).toMatchObject({
      field: 'status',
      from: 'open',
      to: 'done',
      allowed: ['doing', 'dropped'],
    });
    const step = await patch(issue.key, { version: 1, status: 'doing' });
    expect(step.status).toBe(200);
    expect(step.body.statusCategory).toBe('in_progress');
    // Other types still follow the permissive default.
    const task = (await create({ title: 'free', type: 'task' })).body;
    expect((await patch(task.key, { version: 1, status: 'done' })).status).toBe(200);
  });

  it('requires a resolution when entering a done status that asks for it', async () => {
    const issue = (await create({ title: 'needs closing', type: 'risk' })).body;
    await patch(issue.key, { version: 1, status: 'doing' });
    const bare = await patch(issue.key, { version: 2, status: 'done' });
    expect(bare.status).toBe(422);
    expect(bare.body.error.details).toMatchObject({
      field: 'resolution',
      missing: ['resolution'],
      status: 'done',
    });
    // A risk closes with its lessons-learned record.
    const record = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${issue.key}/lessons`,
      as: h.owner,
      payload: { rootCause: 'Assets were pinned too late' },
    });
    expect(record.status).toBe(200);
    const ok = await patch(issue.key, {
      version: 2,
      status: 'done',
      resolution: 'fixed',
      resolutionNote: 'Pinned assets',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'done', statusCategory: 'done', resolution: 'fixed' });
  });

  it('refuses a new status outside the workflow on create with 422', async () => {
    const r = await create({ title: 'x', type: 'risk', status: 'in_review' });
    expect(r.status).toBe(422);
    expect(r.body.error.details.allowed).toEqual(['open', 'doing', 'done', 'dropped']);
  });

  it('changing a workflow that issues use needs a mapping and moves them with one history entry each', async () => {
    const a = (await create({ title: 'in doing 1', type: 'risk' })).body;
    const b = (await create({ title: 'in doing 2', type: 'risk' })).body;
    await patch(a.key, { version: 1, status: 'doing' });
    await patch(b.key, { version: 1, status: 'doing' });
    const next = {
      initial: 'open',
      statuses: [
        { key: 'open', name: 'Open', category: 'todo' },
        { key: 'active', name: 'Active', category: 'in_progress' },
        { key: 'done', name: 'Done', category: 'done' },
        { key: 'dropped', name: 'Dropped', category: 'cancelled' },
      ],
      transitions: [
        { from: '*', to: 'open' },
        { from: '*', to: 'active' },
        { from: '*', to: 'done' },
        { from: '*', to: 'dropped' },
      ],
    };
    const unmapped = await put('risk', next);
    expect(unmapped.status).toBe(422);
    expect(unmapped.body.error.details).toMatchObject({ field: 'mapping', unmapped: ['doing'] });
    // Nothing moved: the failed edit changed nothing.
    expect((await h.req({ method: 'GET', url: `/api/v1/issues/${a.key}`, as: member })).body.status).toBe(
      'doing',
    );

    const mapped = await put('risk', { ...next, mapping: { doing: 'active' } });
    expect(mapped.status).toBe(200);
    expect(mapped.body.migrated).toContainEqual({ from: 'doing', to: 'active', count: expect.any(Number) });
    const after = (await h.req({ method: 'GET', url: `/api/v1/issues/${a.key}`, as: member })).body;
    expect(after).toMatchObject({ status: 'active', statusCategory: 'in_progress', version: 3 });
    const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${a.key}/activity`, as: member }))
      .body;
    const statusEntries = history.filter((e: { field: string | null }) => e.field === 'status');
    expect(statusEntries.map((e: { from: string; to: string }) => [e.from, e.to])).toEqual([
      ['open', 'doing'],
      ['doing', 'active'],
    ]);
    expect(statusEntries[1].actorId).toBe(admin.id);
    // The stale version an open edit form holds now conflicts instead of overwriting.
    expect((await patch(b.key, { version: 2, title: 'stale' })).status).toBe(409);
  });

  it('moving issues into a closed status by mapping closes them', async () => {
    const c = (await create({ title: 'will be dropped', type: 'risk' })).body;
    const next = {
      initial: 'active',
      statuses: [
        { key: 'active', name: 'Active', category: 'in_progress' },
        { key: 'done', name: 'Done', category: 'done' },
        { key: 'dropped', name: 'Dropped', category: 'cancelled' },
      ],
      transitions: [
        { from: '*', to: 'done' },
        { from: '*', to: 'dropped' },
        { from: 'done', to: 'active' },
      ],
    };
    const r = await put('risk', { ...next, mapping: { open: 'dropped' } });
    expect(r.status).toBe(200);
    const after = (await h.req({ method: 'GET', url: `/api/v1/issues/${c.key}`, as: member })).body;
    expect(after).toMatchObject({ status: 'dropped', statusCategory: 'cancelled', resolution: 'declined' });
    expect(after.closedAt).not.toBeNull();
  });

  it('editing the default workflow updates project.statuses and applies to types without their own', async () => {
    const t = (await create({ title: 'default follower', type: 'feature' })).body;
    const def = {
      initial: 'todo',
      statuses: [
        { key: 'todo', name: 'To do', category: 'todo' },
        { key: 'building', name: 'Building', category: 'in_progress' },
        { key: 'shipped', name: 'Shipped', category: 'done' },
        { key: 'cancelled', name: 'Cancelled', category: 'cancelled' },
      ],
      transitions: [
        { from: 'todo', to: 'building' },
        { from: 'building', to: 'shipped' },
        { from: '*', to: 'cancelled' },
      ],
    };
    const missing = await put('default', def);
    expect(missing.status).toBe(422);
    const r = await put('default', { ...def, mapping: { done: 'shipped', in_progress: 'building' } });
    expect(r.status).toBe(200);
    const project = await h.req({ method: 'GET', url: '/api/v1/projects/WF', as: member });
    expect(project.body.statuses.map((s: { key: string }) => s.key)).toEqual([
      'todo',
      'building',
      'shipped',
      'cancelled',
    ]);
    const bad = await patch(t.key, { version: 1, status: 'shipped' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.allowed).toEqual(['building', 'cancelled']);
    // Risk issues keep their own workflow untouched.
    const risk = await h.req({ method: 'GET', url: '/api/v1/projects/WF/workflows/risk', as: member });
    expect(risk.body.inherited).toBe(false);
  });

  it('changing an issue to a type whose workflow lacks its status asks for one', async () => {
    const t = (await create({ title: 'to risk', type: 'feature' })).body;
    const r = await patch(t.key, { version: 1, type: 'risk' });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toMatchObject({ field: 'status', allowed: ['active', 'done', 'dropped'] });
    const ok = await patch(t.key, { version: 1, type: 'risk', status: 'active' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ type: 'risk', status: 'active' });
  });

  it('a status may require a custom field, which then cannot be deleted', async () => {
    const field = await h.req({
      method: 'POST',
      url: '/api/v1/projects/WF/fields',
      as: admin,
      payload: { key: 'root_cause', name: 'Root cause', type: 'text' },
    });
    expect(field.status).toBe(201);
    const wf = await put('bug', {
      initial: 'open',
      statuses: [
        { key: 'open', name: 'Open', category: 'todo' },
        { key: 'fixed', name: 'Fixed', category: 'done', required: ['custom.root_cause'] },
      ],
      transitions: [
        { from: '*', to: 'open' },
        { from: '*', to: 'fixed' },
      ],
    });
    expect(wf.status).toBe(200);
    const bug = (await create({ title: 'crash on save', type: 'bug' })).body;
    const bare = await patch(bug.key, { version: 1, status: 'fixed' });
    expect(bare.status).toBe(422);
    expect(bare.body.error.details.field).toBe('custom.root_cause');
    const ok = await patch(bug.key, {
      version: 1,
      status: 'fixed',
      customFields: { root_cause: 'stale cache' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'fixed',
      statusCategory: 'done',
      customFields: { root_cause: 'stale cache' },
    });
    const del = await h.req({ method: 'DELETE', url: '/api/v1/projects/WF/fields/root_cause', as: admin });
    expect(del.status).toBe(409);
    expect(del.body.error.details.workflows).toEqual(['bug']);
    const undefinedField = await put('bug', {
      initial: 'open',
      statuses: [{ key: 'open', name: 'Open', category: 'todo', required: ['custom.nope'] }],
      transitions: [],
      mapping: { fixed: 'open' },
    });
    expect(undefinedField.status).toBe(400);
  });

  describe('reverting a type to the default workflow', () => {
    it('maps statuses the default lacks and drops the own workflow', async () => {
      const r = await h.req({
        method: 'DELETE',
        url: '/api/v1/projects/WF/workflows/risk',
        as: admin,
        payload: {},
      });
      expect(r.status).toBe(422);
      const ok = await h.req({
        method: 'DELETE',
        url: '/api/v1/projects/WF/workflows/risk',
        as: admin,
        payload: { mapping: { active: 'building', done: 'shipped', dropped: 'cancelled' } },
      });
      expect(ok.status).toBe(200);
      const wf = await h.req({ method: 'GET', url: '/api/v1/projects/WF/workflows/risk', as: member });
      expect(wf.body).toMatchObject({ inherited: true, initial: 'todo' });
    });
  });
});
