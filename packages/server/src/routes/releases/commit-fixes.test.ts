import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { githubPush, gitlabPush, sendGithub, sendGitlab } from '../repository-hooks/push-test-kit.ts';
import { createProjectWithKey, type ProjectKey } from '../sentry/sentry-test-kit.ts';
import { releaseTraffic } from './release-traffic-kit.ts';

const sha = (n: number) => createHash('sha1').update(`commit ${n}`).digest('hex');

/**
 * Issue 13 §2: `Fixes KEY` reaching the hook's branch moves a people-written issue to the
 * configured done status, and a machine-found one to *awaiting verification* in the release that
 * ships the commit — recorded through POST /projects/:key/releases before or after the push.
 */
describeEachDialect('fixing commits tie machine-found issues to the release that ships them', (dialect) => {
  let skipped = 0;
  const h = useHarness(dialect, { clock: () => Date.now() + skipped });
  let key: ProjectKey;
  let hook: { url: string; secret: string };
  const { events, sessions } = releaseTraffic(h, () => key);
  const keyOf = async (title: string) => {
    const r = await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP&limit=50', as: h.owner });
    return (r.body.items as { key: string; title: string }[]).find((i) => i.title.includes(title))!.key;
  };
  const issue = async (k: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${k}`, as: h.owner })).body as {
      status: string;
      statusCategory: string;
      resolution: string | null;
    };
  const verification = async (k: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${k}/verification`, as: h.owner })).body
      .verification as { release: string | null; state: string; evidence: string } | null;
  const record = (payload: object, as = h.owner) =>
    h.req({ method: 'POST', url: '/api/v1/projects/SHOP/releases', as, payload });

  beforeAll(async () => {
    key = await createProjectWithKey(h, 'SHOP');
    const r = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/SHOP/repository-hook',
      as: h.owner,
      payload: { branch: 'main', doneStatus: 'done' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    hook = r.body;
    await events('shop@1.0.0', 'Checkout total is NaN', 20);
    await events('shop@1.0.0', 'Coupon code crashes the cart', 20);
    await sessions('shop@1.0.0', 100);
  });

  it('a GitHub push on the branch closes a people-written issue and sends a machine-found one to awaiting verification', async () => {
    const machine = await keyOf('Checkout total is NaN');
    const manual = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/SHOP/issues',
        as: h.owner,
        payload: { title: 'Terms page typo' },
      })
    ).body.key as string;
    const pushed = await sendGithub(
      h,
      hook,
      githubPush('refs/heads/main', [
        { id: sha(1), message: `Fixes ${machine}: parse totals as cents`, email: h.owner.email },
        { id: sha(2), message: `fix ${manual}`, email: h.owner.email },
      ]),
    );
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body).toEqual({ linked: 2, closed: [manual], awaitingVerification: [machine] });
    expect(await issue(manual)).toMatchObject({ status: 'done', resolution: 'fixed' });
    expect(await issue(machine)).toMatchObject({ statusCategory: 'done', resolution: 'fixed' });
    // No release lists the commit yet, and releases of this project carry commits from now on.
    await record({ version: 'shop@1.0.1', commits: ['0123456789abcdef'] });
    expect(await verification(machine)).toMatchObject({ release: null, state: 'awaiting_release' });
    expect((await verification(machine))?.evidence).toContain(sha(1).slice(0, 12));

    // The deploy step records the release that ships it (a short SHA names the same commit).
    const rec = await record({ version: 'shop@1.1.0', commits: [sha(1).slice(0, 10), sha(9)] });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    expect(rec.body).toMatchObject({ release: 'shop@1.1.0', commits: 2, fixes: [machine] });
    expect(await verification(machine)).toMatchObject({
      release: 'shop@1.1.0',
      state: 'awaiting_verification',
    });
    // The releases page lists it under the release that ships it, awaiting verification.
    const page = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/releases/issues', as: h.owner });
    const shipped = (
      page.body.items as { release: string; resolved: { key: string; verification: { state: string } }[] }[]
    ).find((r) => r.release === 'shop@1.1.0');
    expect(shipped?.resolved).toEqual([
      expect.objectContaining({
        key: machine,
        verification: expect.objectContaining({ state: 'awaiting_verification' }),
      }),
    ]);
    // Recording it again adds nothing and answers 200.
    const again = await record({ version: 'shop@1.1.0', commits: [sha(9)] });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ commits: 2, fixes: [] });

    // Traffic on the release without the error: the worker confirms the fix.
    await sessions('shop@1.1.0', 250);
    skipped += 10 * 60_000;
    await h.svc.jobs.runDue();
    expect(await verification(machine)).toMatchObject({ release: 'shop@1.1.0', state: 'verified' });
  });

  it('a fixing commit first pushed to a feature branch counts when it reaches the branch, in the release recorded before', async () => {
    const machine = await keyOf('Coupon code crashes the cart');
    expect((await record({ version: 'shop@1.2.0', commits: [sha(3), sha(4)] })).status).toBe(201);
    const fix = { id: sha(3), message: `Closes ${machine}`, email: 'x@elsewhere.dev' };
    const onFeature = await sendGitlab(h, hook, gitlabPush('refs/heads/feature/coupons', [fix]));
    expect(onFeature.body).toEqual({ linked: 1, closed: [], awaitingVerification: [] });
    expect(await verification(machine)).toBeNull();
    expect((await issue(machine)).statusCategory).not.toBe('done');
    // The merge brings the same commit to main (GitLab lists it again, with the merge commit).
    const merge = {
      id: sha(4),
      message: "Merge branch 'feature/coupons' into 'main'",
      email: 'x@elsewhere.dev',
    };
    const merged = await sendGitlab(h, hook, gitlabPush('refs/heads/main', [fix, merge]));
    expect(merged.body).toEqual({ linked: 0, closed: [], awaitingVerification: [machine] });
    expect(await issue(machine)).toMatchObject({ statusCategory: 'done', resolution: 'fixed' });
    expect(await verification(machine)).toMatchObject({
      release: 'shop@1.2.0',
      state: 'awaiting_verification',
    });
    // A redelivery changes nothing.
    expect((await sendGitlab(h, hook, gitlabPush('refs/heads/main', [fix, merge]))).body).toEqual({
      linked: 0,
      closed: [],
      awaitingVerification: [],
    });
  });

  it('refuses bad releases with 4xx and keeps recording to admins', async () => {
    const member = await h.invite('member', 'Max Member');
    for (const bad of [
      {},
      { version: '' },
      { version: 'shop 1.3' },
      { version: 'a/b' },
      { version: 'x'.repeat(201) },
      { version: '1.3.0', commits: ['not-a-sha'] },
      { version: '1.3.0', commits: 'abcdef0' },
      { version: '1.3.0', extra: true },
    ]) {
      const r = await record(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBeTruthy();
    }
    expect((await record({ version: '1.3.0' }, member)).status).toBe(403);
    const missing = await h.req({
      method: 'POST',
      url: '/api/v1/projects/NOPE/releases',
      as: h.owner,
      payload: { version: '1.3.0' },
    });
    expect(missing.status).toBe(404);
  });
});
