import { beforeAll, expect, it } from 'vitest';
import { automationQueued } from '../../automation/automation-jobs.ts';
import { runDueSchedules } from '../../automation/automation-schedule.ts';
import { sweepSla } from '../../commands/sla-evaluate.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { calendarOnly } from '../../test/calendars.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { errorEvent, ingestRequest } from '../../test/ingest-requests.ts';

describeEachDialect('automation rules', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;

  /** Runs automation jobs until no change is left to react to. */
  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      await automationQueued(h.svc);
      const r = await h.svc.jobs.runDue();
      if (r.done + r.retried + r.dead === 0) return;
    }
    throw new Error('automation did not settle');
  };
  const issue = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: h.owner })).body;
  const create = async (title: string) =>
    (await h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as: h.owner, payload: { title } }))
      .body;
  const setRules = (rules: object[], as = h.owner, project = 'APP') =>
    h.req({ method: 'PUT', url: `/api/v1/projects/${project}/automation-rules`, as, payload: { rules } });
  /** A new project with an ingest key; answers the key. */
  const monitoredProject = async (key: string) => {
    await h.req({ method: 'POST', url: '/api/v1/projects', as: h.owner, payload: { key, name: key } });
    const k = await h.req({
      method: 'POST',
      url: `/api/v1/projects/${key}/ingest-keys`,
      as: h.owner,
      payload: { name: 'web' },
    });
    return k.body.publicKey as string;
  };
  /** One ingest batch, grouped, and every automation job it causes run. */
  const sendErrors = async (publicKey: string, events: object[]) => {
    const r = await h.req(ingestRequest(publicKey, events));
    expect(r.status).toBe(202);
    await h.svc.ingest.worker.drain();
    await settle();
  };
  const runs = async (project = 'APP') =>
    (await h.req({ method: 'GET', url: `/api/v1/projects/${project}/automation-runs`, as: h.owner })).body
      .items;

  beforeAll(async () => {
    member = await h.invite('member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'APP', name: 'App' },
    });
  });

  it('lets admins save rules and refuses a condition that is not a query', async () => {
    const rule = {
      name: 'r',
      trigger: { type: 'issue.created' },
      actions: [{ type: 'set_priority', priority: 'low' }],
    };
    expect((await setRules([rule], member)).status).toBe(403);
    const bad = await setRules([{ ...rule, condition: 'priority:>=' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Rule 1/);
  });

  it('applies actions to a new issue that matches the condition, as the rule author with origin automation', async () => {
    const saved = await setRules([
      {
        name: 'Checkout is urgent',
        trigger: { type: 'issue.created' },
        condition: 'title:checkout',
        actions: [
          { type: 'set_priority', priority: 'high' },
          { type: 'add_label', label: 'checkout' },
          { type: 'comment', body: 'Raised by the checkout rule' },
        ],
      },
    ]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const hit = await create('Checkout button slow');
    const miss = await create('Cart badge stale');
    await settle();
    expect(await issue(hit.key)).toMatchObject({ priority: 'high', labels: ['checkout'] });
    expect((await issue(miss.key)).priority).toBe('none');
    const comments = await h.req({ method: 'GET', url: `/api/v1/issues/${hit.key}/comments`, as: h.owner });
    expect((comments.body.items ?? comments.body).map((c: { body: string }) => c.body)).toContain(
      'Raised by the checkout rule',
    );
    expect(await runs()).toEqual([
      expect.objectContaining({
        ruleName: 'Checkout is urgent',
        issueKey: hit.key,
        outcome: 'applied',
        detail: 'changed priority, labels; commented',
      }),
    ]);
    // A priority set by a rule is no example for the severity model.
    const examples = await h.svc.store.db.selectFrom('priority_examples').selectAll().execute();
    expect(examples).toEqual([]);
  });

  it('stops two rules that undo each other after one round and logs why', async () => {
    await setRules([
      {
        name: 'Back to todo',
        trigger: { type: 'status.entered', status: 'in_progress' },
        actions: [{ type: 'set_status', status: 'todo' }],
      },
      {
        name: 'Back to in progress',
        trigger: { type: 'status.entered', status: 'todo' },
        actions: [{ type: 'set_status', status: 'in_progress' }],
      },
    ]);
    const i = await create('Ping pong');
    await settle();
    const before = (await runs()).length;
    const cur = await issue(i.key);
    await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${i.key}`,
      as: h.owner,
      payload: { version: cur.version, status: 'in_progress' },
    });
    await settle();
    const mine = (await runs()).slice(0, (await runs()).length - before).reverse();
    expect(mine.map((r: { ruleName: string; outcome: string }) => [r.ruleName, r.outcome])).toEqual([
      ['Back to todo', 'applied'],
      ['Back to in progress', 'applied'],
      ['Back to todo', 'skipped'],
    ]);
    expect(mine[2].detail).toMatch(/loop protection/);
    expect((await issue(i.key)).status).toBe('in_progress');
  });

  it('keeps a rule’s id across edits and reordering, so each rule reads its own execution log', async () => {
    for (const key of ['IDS', 'IDT'])
      await h.req({ method: 'POST', url: '/api/v1/projects', as: h.owner, payload: { key, name: key } });
    const label = {
      name: 'Label new',
      trigger: { type: 'issue.created' },
      actions: [{ type: 'add_label', label: 'new' }],
    };
    const low = {
      name: 'Low priority',
      trigger: { type: 'issue.created' },
      actions: [{ type: 'set_priority', priority: 'low' }],
    };
    const first = await setRules([label, low], h.owner, 'IDS');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const [idLabel, idLow] = first.body.rules.map((r: { id: number }) => r.id);
    const made = await h.req({
      method: 'POST',
      url: '/api/v1/projects/IDS/issues',
      as: h.owner,
      payload: { title: 'One' },
    });
    await settle();
    // Turning one off and moving the other first keeps both ids (and so their logs).
    const second = await setRules(
      [
        { ...low, id: idLow },
        { ...label, id: idLabel, enabled: false },
      ],
      h.owner,
      'IDS',
    );
    expect(second.body.rules.map((r: { id: number; enabled: boolean }) => [r.id, r.enabled])).toEqual([
      [idLow, true],
      [idLabel, false],
    ]);
    const runsOf = async (ruleId: number) =>
      (
        await h.req({
          method: 'GET',
          url: `/api/v1/projects/IDS/automation-runs?ruleId=${ruleId}`,
          as: h.owner,
        })
      ).body.items;
    expect(await runsOf(idLabel)).toEqual([
      expect.objectContaining({
        ruleId: idLabel,
        ruleName: 'Label new',
        issueKey: made.body.key,
        outcome: 'applied',
      }),
    ]);
    expect((await runsOf(idLow)).map((r: { ruleId: number }) => r.ruleId)).toEqual([idLow]);
    // A rule left out is removed; an id of another project's rule is refused, not moved over.
    const third = await setRules([{ ...low, id: idLow }], h.owner, 'IDS');
    expect(third.body.rules.map((r: { id: number }) => r.id)).toEqual([idLow]);
    const other = await setRules([{ ...low, id: idLow }], h.owner, 'IDT');
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/Rule 1: IDT has no rule/);
    expect((await setRules([], h.owner, 'IDS')).status).toBe(200);
  });

  it('previews which issues of the last 30 days a condition matches', async () => {
    const r = await h.req({
      method: 'POST',
      url: '/api/v1/projects/APP/automation-rules/preview',
      as: h.owner,
      payload: { condition: 'label:checkout' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ days: 30, more: false });
    expect(r.body.items.map((x: { title: string }) => x.title)).toEqual(['Checkout button slow']);
  });

  it('previews by the trigger too: only issues whose field changed, that entered a status, or got a comment', async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'PRV', name: 'Prv' },
    });
    const make = async (title: string) =>
      (await h.req({ method: 'POST', url: '/api/v1/projects/PRV/issues', as: h.owner, payload: { title } }))
        .body;
    const raised = await make('Raised');
    const started = await make('Started');
    const discussed = await make('Discussed');
    await make('Untouched');
    const patch = (i: { key: string; version: number }, body: object) =>
      h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${i.key}`,
        as: h.owner,
        payload: { ...body, version: i.version },
      });
    expect((await patch(raised, { priority: 'high' })).status).toBe(200);
    expect((await patch(started, { status: 'in_progress' })).status).toBe(200);
    await h.req({
      method: 'POST',
      url: `/api/v1/issues/${discussed.key}/comments`,
      as: h.owner,
      payload: { body: 'Seen it' },
    });
    const preview = async (trigger?: object) => {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects/PRV/automation-rules/preview',
        as: h.owner,
        payload: { condition: '', ...(trigger ? { trigger } : {}) },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return { basis: r.body.basis, titles: r.body.items.map((x: { title: string }) => x.title).sort() };
    };
    expect(await preview()).toEqual({
      basis: 'created',
      titles: ['Discussed', 'Raised', 'Started', 'Untouched'],
    });
    expect(await preview({ type: 'field.changed', field: 'priority' })).toEqual({
      basis: 'whose priority changed',
      titles: ['Raised'],
    });
    expect((await preview({ type: 'status.entered', status: 'in_progress' })).titles).toEqual(['Started']);
    expect((await preview({ type: 'comment.added' })).titles).toEqual(['Discussed']);
  });

  it('notifies the assignee and chosen people when an SLA clock warns, and not on the breach trigger', async () => {
    const H = 3_600_000;
    const sla = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/APP/sla',
      as: h.owner,
      payload: {
        calendar: {
          timeZone: 'UTC',
          aroundTheClock: true,
          workDays: [1, 2, 3, 4, 5],
          workStart: 540,
          workEnd: 1020,
          holidays: [],
        },
        policy: {
          targets: [{ priority: 'high', type: null, firstResponseMinutes: 240, resolutionMinutes: 960 }],
          pausedStatuses: [],
          warnAtPercent: 75,
          escalation: { raisePriority: false, notifyLead: false, reassignToLead: false },
        },
      },
    });
    expect(sla.status, JSON.stringify(sla.body)).toBe(200);
    const saved = await setRules([
      {
        name: 'Warn the desk',
        trigger: { type: 'sla.warning' },
        actions: [{ type: 'notify', assignee: true, userIds: [h.owner.id, 999_999] }],
      },
      {
        name: 'Breach alarm',
        trigger: { type: 'sla.breached' },
        actions: [{ type: 'add_label', label: 'breached' }],
      },
    ]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const made = await h.req({
      method: 'POST',
      url: '/api/v1/projects/APP/issues',
      as: h.owner,
      payload: { title: 'Refund stuck', priority: 'high', assigneeUserId: member.id },
    });
    expect(made.status).toBe(201);
    await settle();
    const before = (await runs()).length;
    const t0 = Date.parse(made.body.createdAt);
    await sweepSla(h.svc, t0 + 3.5 * H);
    await settle();
    const inboxOf = async (u: TestUser) =>
      (await h.req({ method: 'GET', url: '/api/v1/notifications', as: u })).body.items.filter(
        (n: { kind: string; issueKey: string }) => n.kind === 'automation' && n.issueKey === made.body.key,
      );
    for (const u of [member, h.owner])
      expect(await inboxOf(u)).toEqual([
        expect.objectContaining({ issueKey: made.body.key, fields: ['Warn the desk'] }),
      ]);
    // Older high-priority issues of APP warn in the same sweep; only this one is looked at.
    const mine = (await runs())
      .slice(0, (await runs()).length - before)
      .filter((r: { issueKey: string }) => r.issueKey === made.body.key);
    expect(mine.map((r: { ruleName: string; detail: string }) => [r.ruleName, r.detail])).toEqual([
      ['Warn the desk', 'notified 2 people'],
    ]);
    expect((await issue(made.body.key)).labels).toEqual([]);
  });

  it('fires a regression rule when the grouping worker reopens a fixed error, not when it is closed', async () => {
    const publicKey = await monitoredProject('MON');
    const rules = await setRules(
      [
        {
          name: 'Regressions are urgent',
          trigger: { type: 'regression' },
          actions: [{ type: 'set_priority', priority: 'urgent' }],
        },
      ],
      h.owner,
      'MON',
    );
    expect(rules.status, JSON.stringify(rules.body)).toBe(200);
    const send = (release: string) =>
      sendErrors(publicKey, [errorEvent('CouponError', { release, url: 'https://mon.test/' })]);
    await send('mon@1.0.0');
    const list = await h.req({ method: 'GET', url: '/api/v1/issues?project=MON&limit=10', as: h.owner });
    const key = list.body.items[0].key as string;
    const cur = await issue(key);
    const closed = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${key}`,
      as: h.owner,
      payload: { version: cur.version, status: 'done', resolution: 'fixed' },
    });
    expect(closed.status).toBe(200);
    await settle();
    expect((await issue(key)).priority).not.toBe('urgent');
    await new Promise((r) => setTimeout(r, 50));
    await send('mon@1.1.0');
    const back = await issue(key);
    expect(back.labels).toContain('regression');
    expect(back.priority).toBe('urgent');
  });

  it('sends the change that fired a rule to the chosen webhook, and logs a failure for a deleted one', async () => {
    const hook = await h.req({
      method: 'POST',
      url: '/api/v1/webhooks',
      as: h.owner,
      // Subscribed to nothing the rule sends: the action delivers to it regardless. Nothing listens there.
      payload: { name: 'Rule hook', url: 'http://example.com/rule-hook', events: ['comment.created'] },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    const saved = await setRules([
      {
        name: 'Tell the hook',
        trigger: { type: 'issue.created' },
        condition: 'title:invoice',
        actions: [{ type: 'send_webhook', webhookId: hook.body.id }],
      },
      {
        name: 'Tell a gone hook',
        trigger: { type: 'issue.created' },
        condition: 'title:invoice',
        actions: [{ type: 'send_webhook', webhookId: 999_999 }],
      },
    ]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const made = await create('Invoice PDF blank');
    await settle();
    const rows = await h.svc.store.db
      .selectFrom('webhook_deliveries')
      .select(['event_type', 'issue_key', 'request_body'])
      .where('endpoint_id', '=', hook.body.id)
      .execute();
    expect(rows.map((r) => [r.event_type, r.issue_key])).toEqual([['issue.created', made.key]]);
    expect(JSON.parse(rows[0]!.request_body)).toMatchObject({ type: 'issue.created', issueKey: made.key });
    const mine = (await runs()).filter((r: { issueKey: string }) => r.issueKey === made.key);
    expect(mine.map((r: { ruleName: string; outcome: string }) => [r.ruleName, r.outcome]).sort()).toEqual([
      ['Tell a gone hook', 'failed'],
      ['Tell the hook', 'applied'],
    ]);
    await h.req({ method: 'DELETE', url: `/api/v1/webhooks/${hook.body.id}`, as: h.owner });
  });

  it('fires a threshold rule once, in the batch whose events or users cross its count', async () => {
    const publicKey = await monitoredProject('THR');
    const saved = await setRules(
      [
        {
          name: 'Three events',
          trigger: { type: 'threshold', metric: 'events', count: 3 },
          actions: [{ type: 'comment', body: 'Reached 3 events' }],
        },
        {
          name: 'Two users',
          trigger: { type: 'threshold', metric: 'users', count: 2 },
          actions: [{ type: 'add_label', label: 'widespread' }],
        },
        {
          name: 'Fifty events',
          trigger: { type: 'threshold', metric: 'events', count: 50 },
          actions: [{ type: 'set_priority', priority: 'urgent' }],
        },
      ],
      h.owner,
      'THR',
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const send = (users: string[]) =>
      sendErrors(
        publicKey,
        users.map((u) => errorEvent('CartError', { url: 'https://thr.test/cart', user: { id: u } })),
      );
    const thrRuns = async () => (await runs('THR')).reverse();
    await send(['u1']);
    expect(await thrRuns()).toEqual([]);
    await send(['u1', 'u2']);
    const key = (await h.req({ method: 'GET', url: '/api/v1/issues?project=THR&limit=5', as: h.owner })).body
      .items[0].key as string;
    expect(
      (await thrRuns()).map((r: { ruleName: string; outcome: string }) => [r.ruleName, r.outcome]),
    ).toEqual([
      ['Three events', 'applied'],
      ['Two users', 'applied'],
    ]);
    await send(['u3', 'u4']);
    // Already past both counts: no second firing; 50 is not reached.
    expect((await thrRuns()).length).toBe(2);
    const now = await issue(key);
    expect(now.labels).toContain('widespread');
    expect(now.priority).not.toBe('urgent');
    const comments = await h.req({ method: 'GET', url: `/api/v1/issues/${key}/comments`, as: h.owner });
    expect(
      (comments.body.items ?? comments.body).filter((c: { body: string }) => c.body === 'Reached 3 events'),
    ).toHaveLength(1);
  });

  it('runs a schedule rule at its local time in the project calendar zone, once per slot, over the issues its condition matches', async () => {
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SCH', name: 'Sch' },
    });
    const cal = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/SCH/sla',
      as: h.owner,
      payload: calendarOnly('Asia/Tokyo'),
    });
    expect(cal.status, JSON.stringify(cal.body)).toBe(200);
    const mk = async (title: string) =>
      (await h.req({ method: 'POST', url: '/api/v1/projects/SCH/issues', as: h.owner, payload: { title } }))
        .body;
    const stale = await mk('Stale checkout bug');
    const other = await mk('Fresh idea');
    await settle();
    const saved = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/SCH/automation-rules',
      as: h.owner,
      payload: {
        rules: [
          {
            name: 'Morning nudge',
            trigger: { type: 'schedule', at: '09:00', days: [1, 2, 3, 4, 5, 6, 7] },
            condition: 'title:checkout',
            actions: [{ type: 'add_label', label: 'nudged' }],
          },
        ],
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const savedAt = Date.now();
    // The next 09:00 in Tokyo (UTC+9, no DST) is 00:00 UTC.
    const day = 86_400_000;
    const nextNineTokyo = Math.ceil((savedAt + 1) / day) * day;
    expect(await runDueSchedules(h.svc, nextNineTokyo - 60_000)).toBe(0);
    expect(await runDueSchedules(h.svc, nextNineTokyo + 30_000)).toBe(1);
    await settle();
    expect((await issue(stale.key)).labels).toEqual(['nudged']);
    expect((await issue(other.key)).labels).toEqual([]);
    // The same slot never runs twice, the next day's does.
    expect(await runDueSchedules(h.svc, nextNineTokyo + 120_000)).toBe(0);
    expect(await runDueSchedules(h.svc, nextNineTokyo + day + 1_000)).toBe(1);
    const mine = await runs('SCH');
    expect(mine.map((r: { issueKey: string }) => r.issueKey)).toEqual([stale.key, stale.key]);
  });
});
