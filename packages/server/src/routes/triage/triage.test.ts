import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { rescoreStale } from '../../scoring/rescore.ts';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const eventId = () => randomBytes(16).toString('hex');

function event(type: 'error' | 'console' | 'page_load', user: string, over: Record<string, unknown> = {}) {
  const base = {
    event_id: eventId(),
    type,
    timestamp: Date.now(),
    platform: 'browser',
    release: 'shop@1.0.0',
    session_id: `s-${user}`,
    user: { id: user },
    url: 'https://shop.test/checkout',
    route: '/checkout',
  };
  if (type === 'error')
    return {
      ...base,
      level: 'error',
      exception: {
        type: 'TypeError',
        value: 'price is undefined',
        frames: [
          { function: 'pay', filename: 'https://shop.test/app.js', lineno: 3, colno: 1, in_app: true },
        ],
      },
      ...over,
    };
  if (type === 'console')
    return {
      ...base,
      level: 'error',
      message: { formatted: 'console noise' },
      url: 'https://shop.test/about',
      route: '/about',
      ...over,
    };
  return { ...base, ...over };
}

describeEachDialect('triage queue and severity', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let ingestKey: string;

  beforeAll(async () => {
    member = await h.invite('member', 'Mia Member');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    const k = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/ingest-keys',
      as: h.owner,
      payload: { name: 'web' },
    });
    ingestKey = k.body.publicKey;
  });

  const create = async (payload: Record<string, unknown>) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/SHOP/issues', as: member, payload });
    expect(r.status).toBe(201);
    return r.body;
  };
  const queue = async (q = '') =>
    (await h.req({ method: 'GET', url: `/api/v1/projects/SHOP/triage${q}`, as: member })).body.items as {
      issue: { key: string };
      score: number;
      reasons: string;
    }[];
  const keys = async (q = '') => (await queue(q)).map((i) => i.issue.key);
  const triage = (key: string, payload: Record<string, unknown>) =>
    h.req({ method: 'POST', url: `/api/v1/issues/${key}/triage`, as: member, payload });
  const ingest = async (events: unknown[]) => {
    const r = await h.req({
      method: 'POST',
      url: `/api/ingest/v1/events?key=${ingestKey}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ v: 1, events }),
    });
    expect(r.status).toBe(202);
    await h.svc.ingest.worker.drain();
    // What the recurring severity.rescore job runs, called directly: its 3 s period is wall-clock time.
    await rescoreStale(h.svc.store, Date.now());
  };

  describe('triage state', () => {
    it('takes an accepted issue out of the queue whatever its status, without touching the issue', async () => {
      const todo = await create({ title: 'Already in Todo', status: 'todo' });
      expect(await keys()).toContain(todo.key);
      const r = await triage(todo.key, { action: 'accept' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ state: 'accepted', decidedBy: member.id });
      expect(await keys()).not.toContain(todo.key);
      const after = (await h.req({ method: 'GET', url: `/api/v1/issues/${todo.key}`, as: member })).body;
      expect(after).toMatchObject({ status: 'todo', version: todo.version });
      const history = (await h.req({ method: 'GET', url: `/api/v1/issues/${todo.key}/activity`, as: member }))
        .body;
      expect(history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'triage', from: 'untriaged', to: 'accepted' }),
        ]),
      );
    });

    it('does not accept an issue when it is assigned, and filters a team’s queue', async () => {
      const team = await h.req({
        method: 'POST',
        url: '/api/v1/teams',
        as: h.owner,
        payload: { key: 'web', name: 'Web' },
      });
      expect(team.status).toBe(201);
      const a = await create({ title: 'Routed to web' });
      const b = await create({ title: 'Nobody yet' });
      const r = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${a.key}`,
        as: member,
        payload: { version: a.version, assigneeTeamId: team.body.id },
      });
      expect(r.status).toBe(200);
      expect(await keys()).toEqual(expect.arrayContaining([a.key, b.key]));
      expect(await keys('?team=web')).toEqual([a.key]);
      expect(
        (await h.req({ method: 'GET', url: `/api/v1/issues/${a.key}/triage`, as: member })).body.state,
      ).toBe('untriaged');
      expect(
        (await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/triage?team=NOPE', as: member })).status,
      ).toBe(404);
    });

    it('snoozes for a time: gone until then, back after', async () => {
      const i = await create({ title: 'Snooze me' });
      const soon = new Date(Date.now() + 3_600_000).toISOString();
      expect((await triage(i.key, { action: 'snooze', until: soon })).body).toMatchObject({
        state: 'snoozed',
        snoozedUntil: soon,
      });
      expect(await keys()).not.toContain(i.key);
      await triage(i.key, { action: 'snooze', until: new Date(Date.now() - 1000).toISOString() });
      expect(await keys()).toContain(i.key);
      await triage(i.key, { action: 'accept' });
    });

    it('rejects a snooze without a condition and unknown actions with 400', async () => {
      const i = await create({ title: 'Bad snooze' });
      expect((await triage(i.key, { action: 'snooze' })).status).toBe(400);
      expect((await triage(i.key, { action: 'bury' })).status).toBe(400);
      expect((await triage('SHOP-9999', { action: 'accept' })).status).toBe(404);
      await triage(i.key, { action: 'accept' });
    });
  });

  describe('severity and the ranked queue', () => {
    it('scores machine-found issues from evidence, ranks the queue by score and wakes an escalating snooze', async () => {
      expect(h.svc.jobs.knows('severity.rescore') && h.svc.jobs.knows('severity.retrain')).toBe(true);
      const crit = await h.req({
        method: 'PUT',
        url: '/api/v1/projects/SHOP/scoring',
        as: h.owner,
        payload: { critical: ['/checkout'] },
      });
      expect(crit.status).toBe(200);
      const users = Array.from({ length: 10 }, (_, i) => `u${i}`);
      await ingest([
        ...users.map((u) => event('page_load', u)),
        ...users.slice(0, 4).map((u) => event('error', u)),
        ...Array.from({ length: 40 }, () => event('console', 'u9')),
      ]);
      const q = await queue();
      const machine = q.filter((i) => i.score !== null && i.reasons !== '');
      const checkout = q.find((i) => i.reasons.includes('checkout'))!;
      const noise = q.find((i) => i.issue.key !== checkout.issue.key && i.reasons.includes('1 user (10%)'))!;
      expect(checkout.reasons).toContain('4 users (40%)');
      expect(checkout.score).toBeGreaterThan(noise.score);
      expect(machine.length).toBeGreaterThanOrEqual(2);
      const scores = q.map((i) => i.score ?? -1);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      const sev = (
        await h.req({ method: 'GET', url: `/api/v1/issues/${checkout.issue.key}/severity`, as: member })
      ).body;
      expect(sev.score).toBe(checkout.score);
      expect(sev.signals.find((s: { key: string }) => s.key === 'critical')).toMatchObject({
        points: 15,
        reason: 'checkout',
      });
      expect(sev.signals.find((s: { key: string }) => s.key === 'users').detail).toBe(
        '4 of the 10 active users of the project affected (40%)',
      );
      const sum = sev.signals.reduce((a: number, s: { points: number }) => a + s.points, 0);
      expect(sev.score).toBe(Math.min(100, Math.round(sum)));

      // Snoozed until three more users: two are not enough, the third wakes it.
      await triage(checkout.issue.key, { action: 'snooze', moreUsers: 3 });
      expect(await keys()).not.toContain(checkout.issue.key);
      await ingest(['x1', 'x2'].map((u) => event('error', u)));
      expect(await keys()).not.toContain(checkout.issue.key);
      await ingest([event('error', 'x3')]);
      expect(await keys()).toContain(checkout.issue.key);
    });

    it('lets people write impact and likelihood; a risk is scored on its matrix', async () => {
      const risk = await create({ title: 'Payment provider may drop us', type: 'risk' });
      const before = (await h.req({ method: 'GET', url: `/api/v1/issues/${risk.key}/severity`, as: member }))
        .body;
      const r = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${risk.key}/assessment`,
        as: member,
        payload: { impact: 5, likelihood: 4 },
      });
      expect(r.status).toBe(200);
      expect(r.body.score).toBeGreaterThan(before.score);
      expect(r.body.signals.find((s: { key: string }) => s.key === 'risk')).toMatchObject({
        reason: 'risk 5×4',
      });
      expect(
        (
          await h.req({
            method: 'PATCH',
            url: `/api/v1/issues/${risk.key}/assessment`,
            as: member,
            payload: { impact: 9 },
          })
        ).status,
      ).toBe(400);
    });

    it('keeps what people decided beside the proposal, and learns only from people', async () => {
      const i = await create({ title: 'Decide me', type: 'incident' });
      const sev0 = (await h.req({ method: 'GET', url: `/api/v1/issues/${i.key}/severity`, as: member })).body;
      const r = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${i.key}`,
        as: member,
        payload: { version: i.version, priority: 'urgent' },
      });
      expect(r.status).toBe(200);
      const sev = (await h.req({ method: 'GET', url: `/api/v1/issues/${i.key}/severity`, as: member })).body;
      expect(sev.proposedPriority).toBe(sev0.proposedPriority);
      expect(sev.decided).toMatchObject({ priority: 'urgent', by: member.id });
      const settings = (await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/scoring', as: member }))
        .body;
      expect(settings.model).toMatchObject({ examples: 1, minExamples: 30, adopted: false, margin: 0.05 });
      expect(settings.critical).toEqual(['/checkout']);
    });
  });
});
