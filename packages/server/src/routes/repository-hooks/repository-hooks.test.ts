import { createHmac } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';

/** A push as GitHub sends it (fields trimmed to a representative subset of the real payload). */
function githubPush(ref: string, commits: { id: string; message: string; email: string }[]) {
  return {
    ref,
    before: '0'.repeat(40),
    after: commits.at(-1)?.id ?? '0'.repeat(40),
    created: false,
    deleted: false,
    forced: false,
    compare: 'https://github.com/acme/app/compare/000000...abcdef',
    repository: { id: 1, name: 'app', full_name: 'acme/app', private: true, default_branch: 'main' },
    pusher: { name: 'mia', email: 'mia@example.com' },
    sender: { login: 'mia', id: 7 },
    commits: commits.map((c) => ({
      id: c.id,
      tree_id: 'f'.repeat(40),
      distinct: true,
      message: c.message,
      timestamp: '2026-11-30T12:00:00+01:00',
      url: `https://github.com/acme/app/commit/${c.id}`,
      author: { name: 'Mia Member', email: c.email, username: 'mia' },
      committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
      added: [],
      removed: [],
      modified: ['src/checkout.ts'],
    })),
    head_commit: null,
  };
}

/** A push as GitLab sends it ("Push Hook"). */
function gitlabPush(ref: string, commits: { id: string; message: string; email: string }[]) {
  return {
    object_kind: 'push',
    event_name: 'push',
    before: '0'.repeat(40),
    after: commits.at(-1)?.id ?? '0'.repeat(40),
    ref,
    checkout_sha: commits.at(-1)?.id ?? null,
    user_id: 4,
    user_name: 'Mia Member',
    project_id: 15,
    project: {
      id: 15,
      name: 'app',
      path_with_namespace: 'acme/app',
      default_branch: 'main',
      web_url: 'https://gitlab.example/acme/app',
    },
    commits: commits.map((c) => ({
      id: c.id,
      message: c.message,
      title: c.message.split('\n')[0],
      timestamp: '2026-11-30T12:00:00+01:00',
      url: `https://gitlab.example/acme/app/-/commit/${c.id}`,
      author: { name: 'Mia Member', email: c.email },
      added: [],
      modified: ['src/checkout.ts'],
      removed: [],
    })),
    total_commits_count: commits.length,
    repository: { name: 'app', homepage: 'https://gitlab.example/acme/app' },
  };
}

const sha = (n: number) => n.toString(16).padStart(40, 'a');

describeEachDialect('linked commits from GitHub and GitLab pushes', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let hook: { url: string; secret: string };
  const issues: Record<string, { key: string }> = {};
  const path = () => new URL(hook.url).pathname;
  const sendGithub = (body: object, opts: { event?: string; secret?: string } = {}) => {
    const raw = JSON.stringify(body);
    const sig = createHmac('sha256', opts.secret ?? hook.secret)
      .update(raw)
      .digest('hex');
    return h.req({
      method: 'POST',
      url: path(),
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-github-event': opts.event ?? 'push',
        'x-hub-signature-256': `sha256=${sig}`,
      },
    });
  };
  const sendGitlab = (body: object, token = hook.secret) =>
    h.req({
      method: 'POST',
      url: path(),
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': token },
    });
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
    expect(r.body).toEqual({ linked: 2, closed: [fixKey] });
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
    expect((await sendGithub(body)).body).toEqual({ linked: 0, closed: [] });
  });

  it('links a GitLab push on another branch without closing, and closes when the fix reaches the branch', async () => {
    const key = issues['Coupon rounding']!.key;
    const onFeature = await sendGitlab(
      gitlabPush('refs/heads/feature/coupons', [
        { id: sha(3), message: `Closes ${key}`, email: 'x@elsewhere.dev' },
      ]),
    );
    expect(onFeature.body).toEqual({ linked: 1, closed: [] });
    expect((await issue(key)).statusCategory).not.toBe('done');
    const merged = await sendGitlab(
      gitlabPush('refs/heads/main', [
        { id: sha(4), message: `Merge: closes ${key}`, email: 'x@elsewhere.dev' },
      ]),
    );
    expect(merged.body).toEqual({ linked: 1, closed: [key] });
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
    expect((await sendGithub(body, { event: 'ping' })).body).toEqual({ linked: 0, closed: [] });
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
});
