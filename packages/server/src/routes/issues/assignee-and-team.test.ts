import { beforeAll, expect, it } from 'vitest';
import { liveOf } from '../../live/live-runtime.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/**
 * Regression: choosing an assignee cleared the issue's team (APP-7 "Launch squad" → none), and the
 * API refused both. A person and a team are different facts about an issue; both are kept.
 */
describeEachDialect('an issue keeps its team and its person', (dialect) => {
  const h = useHarness(dialect);
  let mia: TestUser;
  let dan: TestUser;
  let squad: number;
  let design: number;

  const create = (payload: Record<string, unknown>) =>
    h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as: mia, payload });
  const patch = (key: string, payload: Record<string, unknown>) =>
    h.req({ method: 'PATCH', url: `/api/v1/issues/${key}`, as: mia, payload });
  const keys = async (q: string) =>
    (
      await h.req({ method: 'GET', url: `/api/v1/issues?q=${encodeURIComponent(q)}&limit=100`, as: mia })
    ).body.items
      .map((i: { key: string }) => i.key)
      .sort();

  beforeAll(async () => {
    mia = await h.invite('member', 'Mia Member');
    dan = await h.invite('member', 'Dan Designer');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
    const team = (key: string, name: string, memberIds: number[]) =>
      h.req({ method: 'POST', url: '/api/v1/teams', as: h.owner, payload: { key, name, memberIds } });
    // Dan is not in the launch squad: the person need not belong to the team.
    squad = (await team('launch', 'Launch squad', [mia.id])).body.id;
    design = (await team('design', 'Design', [dan.id])).body.id;
  });

  it('assigning a person keeps the team, and choosing a team keeps the person', async () => {
    const risk = (await create({ title: 'Marketing used design v3, not v5', assigneeTeamId: squad })).body;
    const withPerson = await patch(risk.key, { version: risk.version, assigneeUserId: dan.id });
    expect(withPerson.status).toBe(200);
    expect(withPerson.body).toMatchObject({ assigneeUserId: dan.id, assigneeTeamId: squad });
    const otherTeam = await patch(risk.key, { version: withPerson.body.version, assigneeTeamId: design });
    expect(otherTeam.body).toMatchObject({ assigneeUserId: dan.id, assigneeTeamId: design });
    const noPerson = await patch(risk.key, { version: otherTeam.body.version, assigneeUserId: null });
    expect(noPerson.body).toMatchObject({ assigneeUserId: null, assigneeTeamId: design });
    const read = await h.req({ method: 'GET', url: `/api/v1/issues/${risk.key}`, as: mia });
    expect(read.body).toMatchObject({ assigneeUserId: null, assigneeTeamId: design });
  });

  it('notifies the person when assigned to an issue that already has a team', async () => {
    const issue = (await create({ title: 'Update launch banner', assigneeTeamId: squad })).body;
    await patch(issue.key, { version: issue.version, assigneeUserId: dan.id });
    await liveOf(h.svc).idle();
    const inbox = (await h.req({ method: 'GET', url: '/api/v1/notifications', as: dan })).body.items;
    expect(inbox[0]).toMatchObject({ kind: 'assigned', issueKey: issue.key, actorId: mia.id });
  });

  it('assignee:none means no person and team:none no team in the query language', async () => {
    const both = (await create({ title: 'q both', assigneeUserId: dan.id, assigneeTeamId: design })).body.key;
    const teamOnly = (await create({ title: 'q team', assigneeTeamId: design })).body.key;
    const personOnly = (await create({ title: 'q person', assigneeUserId: dan.id })).body.key;
    const nobody = (await create({ title: 'q nobody' })).body.key;
    const mine = [both, teamOnly, personOnly, nobody];
    const only = (ks: string[]) => ks.filter((k) => mine.includes(k));
    expect(only(await keys('title:q assignee:none'))).toEqual([teamOnly, nobody].sort());
    expect(only(await keys('title:q team:none'))).toEqual([personOnly, nobody].sort());
    expect(only(await keys('title:q -team:none -assignee:none'))).toEqual([both]);
    expect(only(await keys('title:q is:unassigned'))).toEqual([nobody]);
  });
});
