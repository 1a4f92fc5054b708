import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { up } from './0030-triage-severity.ts';

const TABLES = [
  'issue_triage',
  'issue_severity',
  'issue_assessments',
  'priority_examples',
  'project_scoring',
  'project_active_users',
  'project_active_sessions',
];

describeEachDialect('migration 0030 on a database that already has issues', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  beforeAll(async () => {
    member = await h.invite('member', 'Mia');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'OLD', name: 'Old' },
    });
  });

  it('marks what the old triage queue showed as untriaged and everything else accepted', async () => {
    const team = (
      await h.req({ method: 'POST', url: '/api/v1/teams', as: h.owner, payload: { key: 'web', name: 'Web' } })
    ).body;
    const make = async (payload: Record<string, unknown>) =>
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects/OLD/issues',
          as: member,
          payload: { title: 'x', ...payload },
        })
      ).body.id as number;
    const openUnassigned = await make({ status: 'todo' });
    const assigned = await make({ status: 'todo', assigneeUserId: member.id });
    const done = await make({ status: 'done' });
    const teamInBacklog = await make({ status: 'backlog', assigneeTeamId: team.id });
    const teamInTodo = await make({ status: 'todo', assigneeTeamId: team.id });
    // Back to the schema before 0030, with these issues in it, then run 0030 again.
    for (const t of TABLES) await h.svc.store.db.schema.dropTable(t).execute();
    await up(h.svc.store.db);
    const rows = await h.svc.store.db.selectFrom('issue_triage').select(['issue_id', 'state']).execute();
    const state = new Map(rows.map((r) => [r.issue_id, r.state]));
    expect(state.get(openUnassigned)).toBe('untriaged');
    expect(state.get(teamInBacklog)).toBe('untriaged');
    expect(state.get(assigned)).toBe('accepted');
    expect(state.get(done)).toBe('accepted');
    expect(state.get(teamInTodo)).toBe('accepted');
  });
});
