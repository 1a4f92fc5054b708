import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { createProjectWithKey, type ProjectKey } from '../sentry/sentry-test-kit.ts';
import { releaseTraffic } from './release-traffic-kit.ts';

describeEachDialect('releases: new, regressed and fixed issues with verification', (dialect) => {
  const h = useHarness(dialect);
  let key: ProjectKey;
  const { events, sessions } = releaseTraffic(h, () => key);
  const releases = async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/releases/issues', as: h.owner });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as {
      release: string;
      sessions: number;
      newIssues: { key: string }[];
      regressed: { key: string }[];
      resolved: { key: string; verification: { state: string; evidence: string } }[];
    }[];
  };
  const keyOf = async (title: string) => {
    const r = await h.req({
      method: 'GET',
      url: '/api/v1/issues?project=SHOP&kind=error&limit=50',
      as: h.owner,
    });
    return (r.body.items as { key: string; title: string; version: number }[]).find((i) =>
      i.title.includes(title),
    )!;
  };
  const closeFixed = async (title: string) => {
    const issue = await keyOf(title);
    const r = await h.req({
      method: 'PATCH',
      url: `/api/v1/issues/${issue.key}`,
      as: h.owner,
      payload: { version: issue.version, status: 'done', resolution: 'fixed' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return issue.key;
  };
  /** The worker ties the fix to the release after the issue's change is published. */
  const until = async <T>(probe: () => Promise<T | undefined>) => {
    for (let i = 0; i < 100; i++) {
      const v = await probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out');
  };

  beforeAll(async () => {
    key = await createProjectWithKey(h, 'SHOP');
  });

  it('lists each release with the issues it brought, the fixes the data confirm, and regressions', async () => {
    await events('shop@1.0.0', 'Checkout total is NaN', 30);
    await events('shop@1.0.0', 'Cart badge overflow', 20);
    await sessions('shop@1.0.0', 100);
    const fixed = await closeFixed('Checkout total is NaN');
    const stays = await closeFixed('Cart badge overflow');
    const waiting = await until(async () => {
      const r = (await releases()).find((x) => x.release === 'shop@1.0.0');
      return r && r.resolved.length === 2 ? r : undefined;
    });
    expect(waiting.newIssues.map((i) => i.key).sort()).toEqual([fixed, stays].sort());
    expect(waiting.resolved.map((i) => i.verification.state)).toEqual([
      'awaiting_release',
      'awaiting_release',
    ]);

    // The next release ships: 300 sessions, the first problem gone, the second as frequent as before.
    await sessions('shop@1.1.0', 300);
    await events('shop@1.1.0', 'Cart badge overflow', 60);
    const items = await releases();
    expect(items.map((r) => r.release)).toEqual(['shop@1.1.0', 'shop@1.0.0']);
    const next = items[0]!;
    expect(next.sessions).toBe(300);
    const byKey = new Map(next.resolved.map((i) => [i.key, i.verification]));
    expect(byKey.get(fixed)).toEqual({
      state: 'verified',
      evidence: 'Fixed: events per session 0.30 → 0.00 over 300 sessions on shop@1.1.0 or later',
    });
    // The second came back in the new release: the regression reopened it, and the release shows it.
    expect(byKey.has(stays)).toBe(false);
    expect(next.regressed.map((i) => i.key)).toEqual([stays]);
  });

  it('shows each release’s adoption: sessions per UTC day over the last 30 days', async () => {
    const DAY = 86_400_000;
    const now = Date.now();
    await sessions('shop@1.2.0', 40, new Date(now - 2 * DAY));
    await sessions('shop@1.2.0', 25, new Date(now));
    await sessions('shop@1.2.0', 5, new Date(now));
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/releases/issues', as: h.owner });
    const release = (
      r.body.items as { release: string; adoption: { day: string; sessions: number }[] }[]
    ).find((x) => x.release === 'shop@1.2.0')!;
    expect(release.adoption).toHaveLength(30);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(release.adoption.at(-1)).toEqual({ day: day(now), sessions: 30 });
    expect(release.adoption.at(-3)).toEqual({ day: day(now - 2 * DAY), sessions: 40 });
    expect(release.adoption.reduce((n, d) => n + d.sessions, 0)).toBe(70);
    // The older releases' sessions were all today.
    const older = (r.body.items as { release: string; adoption: { sessions: number }[] }[]).find(
      (x) => x.release === 'shop@1.1.0',
    )!;
    expect(older.adoption.at(-1)?.sessions).toBe(300);
  });

  it('answers 404 for a project that does not exist', async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/NOPE/releases/issues', as: h.owner });
    expect(r.status).toBe(404);
  });
});
