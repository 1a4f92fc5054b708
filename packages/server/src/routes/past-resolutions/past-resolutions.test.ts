import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

describeEachDialect('closest past issues and how they were resolved', (dialect) => {
  const h = useHarness(dialect);
  let viewer: TestUser;
  const create = async (payload: Record<string, unknown>) => {
    const r = await h.req({ method: 'POST', url: '/api/v1/projects/APP/issues', as: h.owner, payload });
    expect(r.status).toBe(201);
    return r.body as { key: string; version: number };
  };
  const close = async (issue: { key: string; version: number }, resolution: string, note: string) => {
    const r = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issue.key}`,
      as: h.owner,
      payload: { version: issue.version, status: 'done', resolution, resolutionNote: note },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const past = async (key: string) => {
    const r = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${key}/past-resolutions?limit=5`,
      as: viewer,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as {
      key: string;
      resolutionNote: string | null;
      lessons: { rootCause: string } | null;
    }[];
  };
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    viewer = await h.invite('viewer', 'Vic Viewer');
    expect(
      (
        await h.req({
          method: 'POST',
          url: '/api/v1/projects',
          as: h.owner,
          payload: { key: 'APP', name: 'App' },
        })
      ).status,
    ).toBe(201);
    const fixed = await create({ title: 'Checkout coupon total rounds wrong', priority: 'high' });
    // High-priority work closes with its lessons-learned record, written first.
    await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${fixed.key}/lessons`,
      as: h.owner,
      payload: { rootCause: 'Coupon applied per line item and rounded each time' },
    });
    await close(fixed, 'fixed', 'Rounded the coupon once, at the end');
    const dup = await create({ title: 'Checkout coupon total rounding wrong again' });
    await close(dup, 'duplicate', 'Same as the first');
    const open = await create({ title: 'Checkout coupon total rounds badly on mobile' });
    const unrelated = await create({ title: 'Login page slow' });
    await close(unrelated, 'fixed', 'Cached the avatar');
    const fresh = await create({ title: 'Coupon total at checkout is wrong' });
    Object.assign(keys, { fixed: fixed.key, dup: dup.key, open: open.key, fresh: fresh.key });
  });

  it('shows the closest closed issue with its note and lessons, not open issues or duplicates', async () => {
    const items = await past(keys.fresh!);
    expect(items[0]).toMatchObject({
      key: keys.fixed,
      resolutionNote: 'Rounded the coupon once, at the end',
      lessons: { rootCause: 'Coupon applied per line item and rounded each time' },
    });
    const shown = items.map((i) => i.key);
    expect(shown).not.toContain(keys.open);
    expect(shown).not.toContain(keys.dup);
    expect(shown).not.toContain(keys.fresh);
  });

  it('answers 404 for an issue that does not exist', async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/issues/APP-999/past-resolutions', as: viewer });
    expect(r.status).toBe(404);
  });
});
