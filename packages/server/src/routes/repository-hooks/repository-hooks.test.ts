import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import {
  githubPullRequest,
  githubPush,
  gitlabMergeRequest,
  gitlabPush,
  sendGithub as sendSignedGithub,
  sendGitlab as sendTokenGitlab,
} from './push-test-kit.ts';

const sha = (n: number) => n.toString(16).padStart(40, 'a');

describeEachDialect('linked commits from GitHub and GitLab pushes', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let hook: { url: string; secret: string };
  const issues: Record<string, { key: string }> = {};
  const path = () => new URL(hook.url).pathname;
  const sendGithub = (body: object, opts: { event?: string; secret?: string } = {}) =>
    sendSignedGithub(h, hook, body, opts);
  const sendGitlab = (body: object, token = hook.secret) => sendTokenGitlab(h, hook, body, token);
  const issue = async (key: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/issues/${key}`, as: h.owner })).body;

  beforeAll(async () => {
    member = await h.invite('member', 'Mia Member');
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
    for (const title of ['Checkout total wrong', 'Cart badge stale', 'Coupon rounding']) {
      const r = await h.req({
        method: 'POST',
        url: '/api/v1/projects/APP/issues',
        as: h.owner,
        payload: { title },
      });
      issues[title] = r.body;
    }
  });

  it('lets admins set up the hook and shows its secret once', async () => {
    const denied = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/APP/repository-hook',
      as: member,
      payload: { branch: 'main' },
    });
    expect(denied.status).toBe(403);
    const r = await h.req({
      method: 'PUT',
      url: '/api/v1/projects/APP/repository-hook',
      as: h.owner,
      payload: { branch: 'main' },
    });
    expect(r.status).toBe(200);
    expect(r.body.secret).toMatch(/^[\w-]{32}$/);
    hook = r.body;
    const read = await h.req({ method: 'GET', url: '/api/v1/projects/APP/repository-hook', as: h.owner });
    expect(read.body).toEqual({ url: hook.url, branch: 'main', doneStatus: null });
  });

  it('links commits from a signed GitHub push and closes what a commit on the branch fixes', async () => {
    const fixKey = issues['Checkout total wrong']!.key;
    const refKey = issues['Cart badge stale']!.key;
    const body = githubPush('refs/heads/main', [
      { id: sha(1), message: `Fixes ${fixKey}: round totals once\n\nSee ${refKey}`, email: member.email },
      { id: sha(2), message: 'Unrelated tidy-up', email: member.email },
    ]);
    const r = await sendGithub(body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ linked: 2, closed: [fixKey], awaitingVerification: [] });
    const fixed = await issue(fixKey);
    expect(fixed).toMatchObject({ statusCategory: 'done', resolution: 'fixed' });
    expect(fixed.resolutionNote).toContain(sha(1).slice(0, 12));
    expect((await issue(refKey)).statusCategory).not.toBe('done');
    const commits = await h.req({ method: 'GET', url: `/api/v1/issues/${fixKey}/commits`, as: h.owner });
    expect(commits.body.items).toEqual([
      expect.objectContaining({
        sha: sha(1),
        fixes: true,
        branch: 'main',
        repository: 'acme/app',
        author: 'Mia Member',
      }),
    ]);
    // The commit's author is a member, so the history names them.
    const history = await h.req({ method: 'GET', url: `/api/v1/issues/${fixKey}/activity`, as: h.owner });
    const statusChange = (history.body.items ?? history.body).find(
      (a: { field: string }) => a.field === 'status',
    );
    expect(statusChange.actorId ?? statusChange.actor?.id).toBe(member.id);
    // A redelivery links nothing twice.
    expect((await sendGithub(body)).body).toEqual({ linked: 0, closed: [], awaitingVerification: [] });
  });

  it('links a fix of high-priority work without closing it until its lessons record is written', async () => {
    const high = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/APP/issues',
        as: h.owner,
        payload: { title: 'Payments double-charged', priority: 'high' },
      })
    ).body;
    const push = (n: number) =>
      sendGithub(
        githubPush('refs/heads/main', [{ id: sha(n), message: `Fixes ${high.key}`, email: member.email }]),
      );
    const first = await push(30);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ linked: 1, closed: [], awaitingVerification: [] });
    expect((await issue(high.key)).statusCategory).not.toBe('done');
    const record = await h.req({
      method: 'PUT',
      url: `/api/v1/issues/${high.key}/lessons`,
      as: member,
      payload: { rootCause: 'The retry had no idempotency key' },
    });
    expect(record.status).toBe(200);
    expect((await push(31)).body).toEqual({ linked: 1, closed: [high.key], awaitingVerification: [] });
    expect(await issue(high.key)).toMatchObject({ statusCategory: 'done', resolution: 'fixed' });
  });

  it('links a GitLab push on another branch without closing, and closes when the fix reaches the branch', async () => {
    const key = issues['Coupon rounding']!.key;
    const onFeature = await sendGitlab(
      gitlabPush('refs/heads/feature/coupons', [
        { id: sha(3), message: `Closes ${key}`, email: 'x@elsewhere.dev' },
      ]),
    );
    expect(onFeature.body).toEqual({ linked: 1, closed: [], awaitingVerification: [] });
    expect((await issue(key)).statusCategory).not.toBe('done');
    const merged = await sendGitlab(
      gitlabPush('refs/heads/main', [
        { id: sha(4), message: `Merge: closes ${key}`, email: 'x@elsewhere.dev' },
      ]),
    );
    expect(merged.body).toEqual({ linked: 1, closed: [key], awaitingVerification: [] });
    expect((await issue(key)).statusCategory).toBe('done');
  });

  it('refuses unsigned, wrongly signed and malformed deliveries, and ignores other events', async () => {
    const body = githubPush('refs/heads/main', [{ id: sha(5), message: 'Fixes APP-2', email: member.email }]);
    expect((await sendGithub(body, { secret: 'not-the-secret' })).status).toBe(403);
    expect((await sendGitlab(gitlabPush('refs/heads/main', []), 'wrong')).status).toBe(403);
    const unsigned = await h.req({
      method: 'POST',
      url: path(),
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.error.code).toBeTruthy();
    expect((await sendGithub(body, { event: 'ping' })).body).toEqual({
      linked: 0,
      closed: [],
      awaitingVerification: [],
    });
    const notJson = await h.req({
      method: 'POST',
      url: path(),
      payload: 'not json',
      headers: {
        'content-type': 'application/json',
        'x-gitlab-event': 'Push Hook',
        'x-gitlab-token': hook.secret,
      },
    });
    expect(notJson.status).toBe(400);
    const unknown = await h.req({
      method: 'POST',
      url: '/api/hooks/v1/push/0123456789abcdef01234567',
      payload: '{}',
    });
    expect(unknown.status).toBe(404);
    expect((await issue('APP-2')).statusCategory).not.toBe('done');
  });

  it('links GitHub pull requests and GitLab merge requests that name an issue, and keeps their state current', async () => {
    const key = issues['Cart badge stale']!.key;
    const pr = {
      number: 17,
      title: 'Refresh the cart badge',
      body: `Fixes ${key}`,
      head: 'fix/badge',
      base: 'main',
    };
    const opened = await sendGithub(githubPullRequest('opened', { ...pr, merged: false }), {
      event: 'pull_request',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toEqual({ linked: 1, closed: [], awaitingVerification: [] });
    const merged = await sendGithub(githubPullRequest('closed', { ...pr, merged: true }), {
      event: 'pull_request',
    });
    expect(merged.body).toEqual({ linked: 0, closed: [], awaitingVerification: [] });
    const mr = await sendTokenGitlab(
      h,
      hook,
      gitlabMergeRequest({
        iid: 5,
        title: `Draft: ${key} badge polling`,
        description: 'Second try.',
        state: 'opened',
        source: 'badge-poll',
        target: 'main',
      }),
      hook.secret,
      'Merge Request Hook',
    );
    expect(mr.body).toEqual({ linked: 1, closed: [], awaitingVerification: [] });
    const linked = await h.req({ method: 'GET', url: `/api/v1/issues/${key}/commits`, as: h.owner });
    expect(linked.body.pullRequests).toEqual([
      expect.objectContaining({
        provider: 'gitlab',
        number: 5,
        state: 'open',
        sourceBranch: 'badge-poll',
        author: 'mia',
      }),
      expect.objectContaining({
        provider: 'github',
        repository: 'acme/app',
        number: 17,
        state: 'merged',
        url: 'https://github.com/acme/app/pull/17',
        targetBranch: 'main',
      }),
    ]);
    // A pull request does not close anything by itself: the merge's push does.
    expect((await issue(key)).statusCategory).not.toBe('done');
    const bad = await sendGithub({ pull_request: { number: 'x' } }, { event: 'pull_request' });
    expect(bad.status).toBe(400);
  });
});
