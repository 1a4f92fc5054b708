import { afterAll, beforeAll, expect, it } from 'vitest';
import { logIn } from '../commands/accounts.ts';
import { listIssues } from '../commands/issues.ts';
import { describeEachDialect, openTestServices } from '../test/dialects.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

describeEachDialect('demo seed', (dialect) => {
  let svc: Awaited<ReturnType<typeof openTestServices>>;
  beforeAll(async () => {
    svc = await openTestServices(dialect);
  });
  afterAll(async () => svc.drop());

  it('seeds both stories once and lets the demo user sign in', async () => {
    const demo = await seedDemoIfEmpty(svc);
    expect(demo).not.toBeNull();
    expect(await seedDemoIfEmpty(svc)).toBeNull();
    const signedIn = await logIn(svc.store, { email: demo!.email, password: demo!.password });
    if (!('actor' in signedIn)) throw new Error('the demo user has no second factor');
    const { actor } = signedIn;
    const risk = await listIssues(svc, actor, {
      project: 'APP',
      type: ['risk'],
      sort: 'created',
      order: 'desc',
      limit: 10,
    });
    expect(risk.items[0]).toMatchObject({ title: expect.stringContaining('design v3'), priority: 'high' });
    expect(risk.items[0]!.assigneeTeamId).not.toBeNull();
    expect(risk.items[0]!.milestone?.name).toBe('Public launch');
    const shop = await listIssues(svc, actor, { project: 'SHOP', sort: 'created', order: 'asc', limit: 500 });
    expect(shop.items.length).toBeGreaterThanOrEqual(30);
    expect(shop.items[0]!.title).toMatch(/Checkout is slow/);
    expect(shop.items.some((i) => i.statusCategory === 'done' && i.resolution === 'fixed')).toBe(true);
    const key = /^http:\/\/([0-9a-f]{32})@localhost:4000\/\d+$/.exec(demo!.dsn);
    expect(key).not.toBeNull();
    await expect(svc.ingest.gate.resolveKey(key![1])).resolves.toMatchObject({
      projectId: shop.items[0]!.projectId,
    });
  });
});
