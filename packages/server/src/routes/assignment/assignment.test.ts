import { beforeAll, expect, it } from 'vitest';
import { liveOf } from '../../live/live-runtime.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { errorEvent, ingestRequest } from '../../test/ingest-requests.ts';

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

  it('learns skills from the issues people resolved: components and routes as well as labels', async () => {
    const mia = await h.invite('member', 'Mia Park');
    const raj = await h.invite('member', 'Raj Patel');
    for (const u of [mia, raj]) expect((await availability(u, {})).status).toBe(200);
    const team = (
      await req({
        method: 'POST',
        url: '/api/v1/teams',
        as: h.owner,
        payload: { key: 'payments', name: 'Payments', memberIds: [mia.id, raj.id] },
      })
    ).body.id as number;
    await req({
      method: 'PATCH',
      url: `/api/v1/teams/${team}/assignment`,
      as: h.owner,
      payload: { strategy: 'best-match', leadUserId: h.owner.id },
    });
    const field = await req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/fields',
      as: h.owner,
      payload: { key: 'component', name: 'Component', type: 'single_select', options: ['Wallet', 'Search'] },
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    const close = async (key: string, by = raj) => {
      const cur = (await req({ method: 'GET', url: `/api/v1/issues/${key}`, as: h.owner })).body;
      const r = await req({
        method: 'PATCH',
        url: `/api/v1/issues/${key}`,
        as: h.owner,
        payload: { version: cur.version, assigneeUserId: by.id, status: 'done', resolution: 'fixed' },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    // Raj fixed a Wallet issue; with nothing else between them Mia (the older member) would win a tie.
    await close(
      (await create({ title: 'Wallet balance off by a cent', customFields: { component: 'Wallet' } })).key,
    );
    const wallet = await create({
      title: 'Wallet top-up fails',
      customFields: { component: 'Wallet' },
      assigneeTeamId: team,
    });
    expect(wallet.assigneeUserId).toBe(raj.id);
    const s = (
      await req({ method: 'GET', url: `/api/v1/issues/${wallet.key}/assignee-suggestions`, as: sam })
    ).body;
    expect(s.log[0].explanation).toContain('best match: Raj Patel (knows Wallet');

    // A machine-found error on a route Raj fixed before ranks him first for a new error there.
    const ingestKey = (
      await req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/ingest-keys',
        as: h.owner,
        payload: { name: 'web' },
      })
    ).body.publicKey as string;
    const crash = async (type: string, route: string) => {
      const before = new Set(
        (
          await req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=200', as: h.owner })
        ).body.items.map((i: { key: string }) => i.key),
      );
      const r = await req(
        ingestRequest(ingestKey, [errorEvent(type, { url: `https://shop.test${route}`, route })]),
      );
      expect(r.status).toBe(202);
      await h.svc.ingest.worker.drain();
      await liveOf(h.svc).idle();
      await h.svc.jobs.runDue();
      const after = (await req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=200', as: h.owner }))
        .body.items as { key: string }[];
      return after.find((i) => !before.has(i.key))!.key;
    };
    // Both fixed a crash (label "error"); only Raj fixed one on the refunds route.
    await close(await crash('RefundError', '/refunds/:id'));
    await close(await crash('SearchError', '/search'), mia);
    const next = await crash('RefundTimeout', '/refunds/:id');
    const ranked = (await req({ method: 'GET', url: `/api/v1/issues/${next}/assignee-suggestions`, as: sam }))
      .body.items as { userId: number; reason: string }[];
    const rajRow = ranked.find((x) => x.userId === raj.id)!;
    const miaRow = ranked.find((x) => x.userId === mia.id)!;
    expect(ranked.indexOf(rajRow)).toBeLessThan(ranked.indexOf(miaRow));
  });
});
