import { beforeAll, expect, it } from 'vitest';
import { liveOf } from '../../live/live-runtime.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const HOURS = { timeZone: 'UTC', workDays: [1, 2, 3, 4, 5, 6, 7], workStart: 0, workEnd: 1440 };

describeEachDialect('ownership rules and automatic assignment', (dialect) => {
  const h = useHarness(dialect);
  let sam: TestUser;
  let lee: TestUser;
  let ana: TestUser;
  let checkout: number;
  let brand: number;

  const req: typeof h.req = (o) => h.req(o);
  const create = async (payload: Record<string, unknown>) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/SHOP/issues', as: sam, payload });
    expect(r.status).toBe(201);
    await liveOf(h.svc).idle();
    await h.svc.jobs.runDue();
    await liveOf(h.svc).idle();
    return (await h.req({ method: 'GET', url: `/api/v1/issues/${r.body.key}`, as: sam })).body;
  };
  const availability = (u: TestUser, over: Record<string, unknown>) =>
    h.req({
      method: 'PUT',
      url: `/api/v1/members/${u.id}/availability`,
      as: h.owner,
      payload: { ...HOURS, capacity: 10, skills: [], outOfOffice: [], ...over },
    });

  beforeAll(async () => {
    sam = await h.invite('member', 'Sam Okafor');
    lee = await h.invite('member', 'Lee Chen');
    ana = await h.invite('member', 'Ana Lima');
    await req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    const team = async (key: string, memberIds: number[], strategy: string) => {
      const id = (
        await req({
          method: 'POST',
          url: '/api/v1/teams',
          as: h.owner,
          payload: { key, name: key, memberIds },
        })
      ).body.id as number;
      const s = await req({
        method: 'PATCH',
        url: `/api/v1/teams/${id}/assignment`,
        as: h.owner,
        payload: { strategy, leadUserId: h.owner.id },
      });
      expect(s.body).toEqual({ strategy, leadUserId: h.owner.id });
      return id;
    };
    checkout = await team('checkout', [sam.id, lee.id, ana.id], 'best-match');
    brand = await team('brand', [lee.id], 'least-loaded');
    // Sam knows checkout; Lee is on holiday; Ana has no room left.
    expect((await availability(sam, { skills: ['label:checkout'] })).status).toBe(200);
    expect(
      (
        await availability(lee, {
          skills: ['label:checkout'],
          outOfOffice: [{ from: 0, to: Date.now() + 86_400_000 }],
        })
      ).status,
    ).toBe(200);
    expect((await availability(ana, { capacity: 0 })).status).toBe(200);
    const rules = await req({
      method: 'PUT',
      url: '/api/v1/projects/SHOP/ownership-rules',
      as: h.owner,
      payload: {
        rules: [
          { name: 'checkout label', when: { labels: ['checkout'] }, teamId: checkout, userId: null },
          { name: 'brand assets', when: { text: ['brand'] }, teamId: brand, userId: null },
        ],
      },
    });
    expect(rules.status).toBe(200);
  });

  it('routes a new issue by rule to the team, and the team strategy picks the expert, explained', async () => {
    const issue = await create({ title: 'Pay button does nothing', labels: ['checkout'] });
    expect(issue).toMatchObject({ assigneeTeamId: checkout, assigneeUserId: sam.id, status: 'todo' });
    const s = (await req({ method: 'GET', url: `/api/v1/issues/${issue.key}/assignee-suggestions`, as: sam }))
      .body;
    expect(s.log[0]).toMatchObject({
      ruleName: 'checkout label',
      ruleReasons: ['label checkout'],
      strategy: 'best-match',
    });
    expect(s.log[0].explanation).toContain('best match: Sam Okafor (knows checkout');
    expect(s.log[0].explanation).toContain('skipped Lee Chen out of office, Ana Lima at capacity');
    // The picker: the team first, best match on top, each with a reason and load.
    expect(s.items[0]).toMatchObject({ userId: sam.id, inTeam: true, eligible: true });
    expect(s.items[0].reason).toMatch(/knows checkout · load \d/);
    expect(s.items.find((x: { userId: number }) => x.userId === lee.id).reason).toMatch(/^out of office/);
    const inbox = (await req({ method: 'GET', url: '/api/v1/notifications', as: sam })).body.items;
    expect(inbox[0]).toMatchObject({ kind: 'assigned', issueKey: issue.key });
  });

  it('when nobody in the team can take it, the issue waits with its team and the lead is told', async () => {
    const issue = await create({ title: 'Old brand colours on the banner' });
    expect(issue).toMatchObject({ assigneeTeamId: brand, assigneeUserId: null });
    const inbox = (await req({ method: 'GET', url: '/api/v1/notifications', as: h.owner })).body.items;
    expect(inbox[0]).toMatchObject({ kind: 'needs_assignee', issueKey: issue.key });
    const s = (await req({ method: 'GET', url: `/api/v1/issues/${issue.key}/assignee-suggestions`, as: sam }))
      .body;
    expect(s.log[0].explanation).toContain('nobody can take it: Lee Chen (out of office)');
  });

  it('leaves an issue that already has a person and a team alone, and refuses rules that assign nobody', async () => {
    const issue = await create({
      title: 'checkout copy',
      labels: ['checkout'],
      assigneeUserId: ana.id,
      assigneeTeamId: brand,
    });
    expect(issue).toMatchObject({ assigneeUserId: ana.id, assigneeTeamId: brand });
    const bad = await req({
      method: 'PUT',
      url: '/api/v1/projects/SHOP/ownership-rules',
      as: h.owner,
      payload: { rules: [{ name: 'nobody', when: { labels: ['x'] }, teamId: null, userId: null }] },
    });
    expect(bad.status).toBe(400);
    const member = await req({
      method: 'PUT',
      url: '/api/v1/projects/SHOP/ownership-rules',
      as: sam,
      payload: { rules: [] },
    });
    expect(member.status).toBe(403);
  });
});
