import { beforeAll, expect, it } from 'vitest';
import { buildReport } from '../../commands/reports.ts';
import { evaluateSla, sweepSla } from '../../commands/sla-evaluate.ts';
import type { Change } from '../../live/change-bus.ts';
import { liveOf } from '../../live/live-runtime.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const H = 3_600_000;
const CALENDAR = {
  timeZone: 'UTC',
  aroundTheClock: true,
  workDays: [1, 2, 3, 4, 5],
  workStart: 540,
  workEnd: 1020,
  holidays: [],
};
const POLICY = {
  targets: [
    { priority: 'urgent', type: null, firstResponseMinutes: 60, resolutionMinutes: 240 },
    { priority: 'high', type: null, firstResponseMinutes: 240, resolutionMinutes: 960 },
  ],
  pausedStatuses: ['in_review'],
  warnAtPercent: 75,
  escalation: { raisePriority: true, notifyLead: true, reassignToLead: false },
};

describeEachDialect('SLA policies, clocks, warnings and breaches', (dialect) => {
  const h = useHarness(dialect);
  let sam: TestUser;
  let rita: TestUser;
  let lead: TestUser;
  const changes: Change[] = [];
  let hookId = 0;

  const create = async (payload: Record<string, unknown>) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/DESK/issues', as: rita, payload });
    expect(r.status).toBe(201);
    await liveOf(h.svc).idle();
    await h.svc.jobs.runDue();
    return r.body as { key: string; id: number };
  };
  const get = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: sam })).body;
  const keys = async (q: string) =>
    (
      await h.req({ method: 'GET', url: `/api/v1/issues?q=${encodeURIComponent(q)}&limit=100`, as: sam })
    ).body.items
      .map((i: { key: string }) => i.key)
      .sort();
  const inbox = async (u: TestUser) =>
    (await h.req({ method: 'GET', url: '/api/v1/notifications', as: u })).body.items as {
      kind: string;
      issueKey: string;
      fields: string[];
    }[];

  beforeAll(async () => {
    sam = await h.invite('member', 'Sam Agent');
    rita = await h.invite('member', 'Rita Reporter');
    lead = await h.invite('member', 'Lea Lead');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'DESK', name: 'Desk' },
    });
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'OPS', name: 'Ops' },
    });
    const team = await h.req({
      method: 'POST',
      url: '/api/v1/teams',
      as: h.owner,
      payload: { key: 'support', name: 'Support', memberIds: [sam.id, lead.id] },
    });
    await h.req({
      method: 'PATCH',
      url: `/api/v1/teams/${team.body.id}/assignment`,
      as: h.owner,
      payload: { leadUserId: lead.id },
    });
    // A webhook subscribed to SLA events only (nothing listens on the port: only the delivery rows are read).
    const hook = await h.req({
      method: 'POST',
      url: '/api/v1/webhooks',
      as: h.owner,
      payload: {
        name: 'SLA alerts',
        url: 'http://example.com/hook',
        events: ['issue.sla_warning', 'issue.sla_breached'],
        projectKey: 'DESK',
      },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    hookId = hook.body.id;
    const put = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/DESK/sla',
      as: h.owner,
      payload: { calendar: CALENDAR, policy: POLICY },
    });
    expect(put.status).toBe(200);
    h.svc.bus.subscribe((c) => {
      if (c.type.startsWith('issue.sla_')) changes.push(c);
    });
    (globalThis as { teamId?: number }).teamId = team.body.id;
  });

  it('refuses a policy from a member and a calendar in an unknown time zone', async () => {
    const member = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/DESK/sla',
      as: sam,
      payload: { calendar: CALENDAR, policy: POLICY },
    });
    expect(member.status).toBe(403);
    const zone = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/DESK/sla',
      as: h.owner,
      payload: { calendar: { ...CALENDAR, timeZone: 'Mars/Olympus' }, policy: POLICY },
    });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toContain('Mars/Olympus');
    const back = await h.req({ method: 'GET', url: '/api/v1/projects/DESK/sla', as: sam });
    expect(back.body).toEqual({ calendar: CALENDAR, policy: POLICY });
  });

  it('gives a new issue its clocks and an on-track badge, then warns, breaches and escalates once', async () => {
    const teamId = (globalThis as { teamId?: number }).teamId!;
    const a = await create({
      title: 'Checkout down for EU',
      priority: 'high',
      assigneeUserId: sam.id,
      assigneeTeamId: teamId,
    });
    const t0 = Date.parse((await get(a.key)).createdAt);
    expect((await get(a.key)).sla).toMatchObject({ badge: 'on_track' });
    const clocks = (await h.req({ method: 'GET', url: `/api/v1/issues/${a.key}/sla`, as: sam })).body;
    expect(clocks.badge).toBe('on_track');
    expect(
      clocks.clocks.map((c: { metric: string; targetMinutes: number }) => [c.metric, c.targetMinutes]),
    ).toEqual([
      ['first_response', 240],
      ['resolution', 960],
    ]);
    expect(await keys('sla:breaching')).not.toContain(a.key);

    // 3.5 h later the first response (4 h) is past 75 %: a warning, once.
    await sweepSla(h.svc, t0 + 3.5 * H);
    expect((await get(a.key)).sla.badge).toBe('breaching_soon');
    expect(await keys('sla:breaching')).toEqual([a.key]);
    await sweepSla(h.svc, t0 + 3.6 * H);
    const warned = (await inbox(sam)).filter((n) => n.kind === 'sla_warning' && n.issueKey === a.key);
    expect(warned.map((n) => n.fields)).toEqual([['first_response']]);
    expect(changes.map((c) => [c.type, c.issueKey, c.sla?.metric, c.origin])).toEqual([
      ['issue.sla_warning', a.key, 'first_response', 'sla'],
    ]);

    // 5 h: breached; the lead is told and the priority goes up one step, by the SLA (no actor).
    await sweepSla(h.svc, t0 + 5 * H);
    await liveOf(h.svc).idle();
    const after = await get(a.key);
    expect(after.sla.badge).toBe('breached');
    expect(after.priority).toBe('urgent');
    expect(await keys('sla:breached')).toEqual([a.key]);
    expect(await keys('sla:breaching')).toEqual([]);
    expect((await inbox(lead)).filter((n) => n.kind === 'sla_breached').map((n) => n.issueKey)).toEqual([
      a.key,
    ]);
    const body = (await h.req({ method: 'GET', url: `/api/v1/issues/${a.key}/activity`, as: sam })).body;
    const history = Array.isArray(body) ? body : body.items;
    const raise = history.find((e: { field: string }) => e.field === 'priority');
    expect(raise).toMatchObject({ actorId: null, from: 'high', to: 'urgent' });
    // The raise queued an evaluation (sla.evaluate); run it an hour on: the urgent resolution target (4 h)
    // is past now too, while the first-response breach is announced once only.
    await evaluateSla(h.svc, [a.id], t0 + 6 * H);
    await sweepSla(h.svc, t0 + 6 * H);
    await liveOf(h.svc).idle();
    const breaches = changes.filter((c) => c.type === 'issue.sla_breached');
    expect(breaches.map((c) => c.sla?.metric).sort()).toEqual(['first_response', 'resolution']);
    expect((await get(a.key)).priority).toBe('urgent');

    // Webhooks subscribed to SLA events got exactly these, with the clock in the body.
    await liveOf(h.svc).idle();
    // The webhook fan-out runs on its own tail of the bus: wait (bounded) for its rows.
    const rows = () =>
      h.svc.store.db
        .selectFrom('webhook_deliveries')
        .select(['event_type', 'request_body'])
        .orderBy('id')
        .execute();
    let deliveries = await rows();
    for (let n = 0; n < 50 && deliveries.length < 3; n++) {
      await new Promise((r) => setTimeout(r, 100));
      deliveries = await rows();
    }
    expect(deliveries.map((d) => d.event_type)).toEqual([
      'issue.sla_warning',
      'issue.sla_breached',
      'issue.sla_breached',
    ]);
    const sent = JSON.parse(deliveries[0]!.request_body);
    expect(sent).toMatchObject({ type: 'issue.sla_warning', origin: 'sla', issueKey: a.key, actor: null });
    expect(sent.sla.metric).toBe('first_response');
    // No request leaves the test: the endpoint goes, and its queued deliveries with it.
    expect((await h.req({ method: 'DELETE', url: `/api/v1/webhooks/${hookId}`, as: h.owner })).status).toBe(
      204,
    );
  });

  it('stops the first-response clock at a comment by someone other than the reporter, and pauses in waiting statuses', async () => {
    const b = await create({ title: 'Refund not received', priority: 'high', assigneeUserId: sam.id });
    const t0 = Date.parse((await get(b.key)).createdAt);
    // The reporter's own comment is no response.
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${b.key}/comments`,
      as: rita,
      payload: { body: 'any news?' },
    });
    await evaluateSla(h.svc, [b.id], t0 + H);
    let sla = (await h.req({ method: 'GET', url: `/api/v1/issues/${b.key}/sla`, as: sam })).body;
    expect(sla.clocks[0]).toMatchObject({ metric: 'first_response', state: 'running' });
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${b.key}/comments`,
      as: sam,
      payload: { body: 'Looking.' },
    });
    sla = (await h.req({ method: 'GET', url: `/api/v1/issues/${b.key}/sla`, as: sam })).body;
    expect(sla.clocks[0]).toMatchObject({ metric: 'first_response', state: 'met' });

    const issue = await get(b.key);
    const moved = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${b.key}`,
      as: sam,
      payload: { version: issue.version, status: 'in_review' },
    });
    expect(moved.status).toBe(200);
    await liveOf(h.svc).idle();
    await h.svc.jobs.runDue();
    expect((await get(b.key)).sla.badge).toBe('paused');
    expect(await keys('sla:paused')).toEqual([b.key]);
    // Days later it is still paused, not breached: the clock stands still while the issue waits.
    await evaluateSla(h.svc, [b.id], t0 + 72 * H);
    expect((await get(b.key)).sla.badge).toBe('paused');
  });

  it('escalates a breach by giving the issue to its team lead when the policy says so, without raising it', async () => {
    const teamId = (globalThis as { teamId?: number }).teamId!;
    const put = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/OPS/sla',
      as: h.owner,
      payload: {
        calendar: CALENDAR,
        policy: { ...POLICY, escalation: { raisePriority: false, notifyLead: false, reassignToLead: true } },
      },
    });
    expect(put.status).toBe(200);
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/OPS/issues',
      as: rita,
      payload: {
        title: 'Pager flapping',
        priority: 'urgent',
        assigneeUserId: sam.id,
        assigneeTeamId: teamId,
      },
    });
    expect(r.status).toBe(201);
    const t0 = Date.parse(r.body.createdAt);
    await sweepSla(h.svc, t0 + 30 * 60_000);
    expect((await get(r.body.key)).assigneeUserId).toBe(sam.id);
    await sweepSla(h.svc, t0 + 2 * H);
    const after = await get(r.body.key);
    expect(after).toMatchObject({ assigneeUserId: lead.id, assigneeTeamId: teamId, priority: 'urgent' });
    expect(after.sla.badge).toBe('breached');
  });

  it('reports SLA compliance: clocks met and breached in the period, from history as it stood', async () => {
    // Now (by the real clock): B's first response was met, A's first response (4 h) is not yet due.
    const r = await h.req({ method: 'GET', url: '/api/v1/reports?project=DESK', as: sam });
    expect(r.status).toBe(200);
    expect(r.body.slaCompliance.tracked).toBe(true);
    expect(r.body.slaCompliance.rows[0]).toEqual({
      metric: 'first_response',
      priority: null,
      met: 1,
      breached: 0,
      rate: 1,
    });
    const csv = await h.req({
      method: 'GET',
      url: '/api/v1/reports/csv?project=DESK&table=sla-compliance',
      as: sam,
    });
    expect(csv.body).toContain('first_response,all,1,0,1');
    // Seven hours on, A has breached both clocks (urgent after the escalation: 1 h and 4 h).
    const ws = await h.svc.store.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    const later = await buildReport(
      h.svc,
      { userId: sam.id, workspaceId: ws.id, role: 'member' },
      { project: 'DESK' },
      Date.now() + 7 * H,
    );
    const fr = later.slaCompliance.rows.find((x) => x.metric === 'first_response' && x.priority === null);
    const res = later.slaCompliance.rows.find((x) => x.metric === 'resolution' && x.priority === null);
    expect(fr).toMatchObject({ met: 1, breached: 1, rate: 0.5 });
    expect(res).toMatchObject({ met: 0, breached: 1, rate: 0 });
    expect(later.slaCompliance.openBreaches).toBe(2);
  });

  it('answers a wrong sla: value with the words it knows', async () => {
    const r = await h.req({
      method: 'GET',
      url: `/api/v1/issues?q=${encodeURIComponent('sla:late')}`,
      as: sam,
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error)).toContain('breaching');
  });

  it('takes a target by custom field value (gold customers) over the priority’s, and refuses an unknown field', async () => {
    const field = await h.req({
      method: 'POST',
      url: '/api/v1/projects/OPS/fields',
      as: h.owner,
      payload: { key: 'tier', name: 'Customer tier', type: 'single_select', options: ['gold', 'silver'] },
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    const policy = (fieldKey: string) => ({
      ...POLICY,
      targets: [
        { priority: 'high', type: null, firstResponseMinutes: 240, resolutionMinutes: 960 },
        {
          priority: 'high',
          type: null,
          field: { key: fieldKey, value: 'gold' },
          firstResponseMinutes: 30,
          resolutionMinutes: 120,
        },
      ],
    });
    const bad = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/OPS/sla',
      as: h.owner,
      payload: { calendar: CALENDAR, policy: policy('plan') },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"plan" is not a custom field');
    const put = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/OPS/sla',
      as: h.owner,
      payload: { calendar: CALENDAR, policy: policy('tier') },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await h.req({ method: 'GET', url: '/api/v1/projects/OPS/sla', as: sam })).body.policy).toEqual(
      policy('tier'),
    );
    const mk = async (tier: string) =>
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects/OPS/issues',
          as: rita,
          payload: { title: `Outage for a ${tier} customer`, priority: 'high', customFields: { tier } },
        })
      ).body as { key: string; version: number };
    const targets = async (key: string) =>
      Object.fromEntries(
        (await h.req({ method: 'GET', url: `/api/v1/issues/${key}/sla`, as: sam })).body.clocks.map(
          (c: { metric: string; targetMinutes: number }) => [c.metric, c.targetMinutes],
        ),
      );
    const gold = await mk('gold');
    const silver = await mk('silver');
    expect(await targets(gold.key)).toEqual({ first_response: 30, resolution: 120 });
    expect(await targets(silver.key)).toEqual({ first_response: 240, resolution: 960 });
    const upgraded = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${silver.key}`,
      as: h.owner,
      payload: { version: silver.version, customFields: { tier: 'gold' } },
    });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    expect(await targets(silver.key)).toEqual({ first_response: 30, resolution: 120 });
  });
});
