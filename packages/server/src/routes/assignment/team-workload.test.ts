import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

const HOURS = { timeZone: 'UTC', workDays: [1, 2, 3, 4, 5, 6, 7], workStart: 0, workEnd: 1440 };

describeEachDialect('team workload', (dialect) => {
  const h = useHarness(dialect);
  let sam: TestUser;
  let lee: TestUser;
  let ana: TestUser;
  let outsider: TestUser;
  let team: number;
  const holiday = { from: Date.now() - 86_400_000, to: Date.now() + 5 * 86_400_000 };

  beforeAll(async () => {
    sam = await h.invite('member', 'Sam Okafor');
    lee = await h.invite('member', 'Lee Chen');
    ana = await h.invite('member', 'Ana Lima');
    outsider = await h.invite('member', 'Olu Outside');
    await h.req({
      method: 'POST',
      url: '/api/v1/projects',
      as: h.owner,
      payload: { key: 'SHOP', name: 'Shop' },
    });
    team = (
      await h.req({
        method: 'POST',
        url: '/api/v1/teams',
        as: h.owner,
        payload: { key: 'checkout', name: 'Checkout', memberIds: [sam.id, lee.id, ana.id] },
      })
    ).body.id;
    const avail = (u: TestUser, over: Record<string, unknown>) =>
      h.req({
        method: 'PUT',
        url: `/api/v1/members/${u.id}/availability`,
        as: h.owner,
        payload: { ...HOURS, capacity: 4, skills: [], outOfOffice: [], ...over },
      });
    expect((await avail(sam, {})).status).toBe(200);
    expect((await avail(lee, { outOfOffice: [holiday, { from: 0, to: 1000 }] })).status).toBe(200);
    expect((await avail(ana, { timeZone: 'Europe/Berlin', workStart: 540, workEnd: 1020 })).status).toBe(200);
    const issue = async (who: TestUser, priority: string, estimateMinutes?: number) => {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/issues',
        as: h.owner,
        payload: {
          title: `work for #${who.id}`,
          priority,
          assigneeUserId: who.id,
          ...(estimateMinutes ? { estimateMinutes } : {}),
        },
      });
      expect(r.status).toBe(201);
      return r.body as { key: string; version: number };
    };
    // Sam: urgent (3) + high two days (4) = 7 of 4: over capacity.
    await issue(sam, 'urgent');
    await issue(sam, 'high', 960);
    // Lee: one medium (1.5), on holiday. Ana: one low (1), and a closed one that must not count.
    await issue(lee, 'medium');
    await issue(ana, 'low');
    const done = await issue(ana, 'urgent');
    // Urgent work closes with its lessons-learned record (422 without it).
    const record = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${done.key}/lessons`,
      as: h.owner,
      payload: { rootCause: 'The cache key ignored the locale' },
    });
    expect(record.status).toBe(200);
    expect(
      (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/issues/${done.key}`,
          as: h.owner,
          payload: { version: done.version, status: 'done', resolution: 'fixed' },
        })
      ).status,
    ).toBe(200);
  });

  it('weighs each member’s open issues as the engine does and marks over capacity and out of office', async () => {
    const r = await h.req({ method: 'GET', url: `/api/v1/teams/${team}/workload`, as: sam });
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.items.map((i: { name: string }) => [i.name, i]));
    expect(r.body.items.map((i: { name: string }) => i.name)).toEqual(['Sam Okafor', 'Lee Chen', 'Ana Lima']);
    expect(by['Sam Okafor']).toMatchObject({
      openIssues: 2,
      load: 7,
      capacity: 4,
      atCapacity: true,
      outOfOffice: false,
    });
    expect(by['Lee Chen']).toMatchObject({ openIssues: 1, load: 1.5, atCapacity: false, outOfOffice: true });
    expect(by['Lee Chen'].outOfOfficePeriods).toEqual([holiday]);
    expect(by['Ana Lima']).toMatchObject({
      openIssues: 1,
      load: 1,
      atCapacity: false,
      outOfOffice: false,
      timeZone: 'Europe/Berlin',
      workStart: 540,
      workEnd: 1020,
      email: ana.email,
    });
  });

  it('covers the whole workspace without a team, and refuses an unknown team', async () => {
    const all = await h.req({ method: 'GET', url: '/api/v1/workload', as: sam });
    expect(all.status).toBe(200);
    const names = all.body.items.map((i: { name: string }) => i.name);
    expect(names).toContain('Olu Outside');
    expect(names.slice(0, 1)).toEqual(['Sam Okafor']);
    expect(all.body.items.find((i: { userId: number }) => i.userId === outsider.id).load).toBe(0);
    const missing = await h.req({ method: 'GET', url: '/api/v1/teams/999999/workload', as: sam });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBeDefined();
  });
});
