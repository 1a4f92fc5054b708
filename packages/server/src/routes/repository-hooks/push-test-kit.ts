import { createHmac } from 'node:crypto';
import type { Harness } from '../../test/api-client.ts';

/** Push deliveries as GitHub and GitLab send them, and how a test sends them to a hook. */

type PushCommit = { id: string; message: string; email: string };

/** A push as GitHub sends it (fields trimmed to a representative subset of the real payload). */
export function githubPush(ref: string, commits: PushCommit[]) {
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
export function gitlabPush(ref: string, commits: PushCommit[]) {
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

/** Sends a GitHub push signed with the hook's secret (X-Hub-Signature-256). */
export function sendGithub(
  h: Harness,
  hook: { url: string; secret: string },
  body: object,
  opts: { event?: string; secret?: string } = {},
) {
  const raw = JSON.stringify(body);
  const sig = createHmac('sha256', opts.secret ?? hook.secret)
    .update(raw)
    .digest('hex');
  return h.req({
    method: 'POST',
    url: new URL(hook.url).pathname,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      'x-github-event': opts.event ?? 'push',
      'x-hub-signature-256': `sha256=${sig}`,
    },
  });
}

/** Sends a GitLab delivery (a push unless told) with its X-Gitlab-Token. */
export function sendGitlab(
  h: Harness,
  hook: { url: string; secret: string },
  body: object,
  token = hook.secret,
  event = 'Push Hook',
) {
  return h.req({
    method: 'POST',
    url: new URL(hook.url).pathname,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-gitlab-event': event, 'x-gitlab-token': token },
  });
}

/** A pull_request delivery as GitHub sends it (a representative subset of the real payload). */
export function githubPullRequest(
  action: 'opened' | 'closed',
  pr: { number: number; title: string; body: string; merged: boolean; head: string; base: string },
) {
  return {
    action,
    number: pr.number,
    pull_request: {
      url: `https://api.github.com/repos/acme/app/pulls/${pr.number}`,
      id: 1_000 + pr.number,
      html_url: `https://github.com/acme/app/pull/${pr.number}`,
      number: pr.number,
      state: action === 'opened' ? 'open' : 'closed',
      locked: false,
      title: pr.title,
      user: { login: 'mia', id: 7, type: 'User' },
      body: pr.body,
      created_at: '2026-11-30T11:00:00Z',
      updated_at: '2026-11-30T12:00:00Z',
      closed_at: action === 'closed' ? '2026-11-30T12:00:00Z' : null,
      merged_at: pr.merged ? '2026-11-30T12:00:00Z' : null,
      merge_commit_sha: null,
      draft: false,
      head: { label: `acme:${pr.head}`, ref: pr.head, sha: 'b'.repeat(40) },
      base: { label: `acme:${pr.base}`, ref: pr.base, sha: 'c'.repeat(40) },
      merged: pr.merged,
      commits: 1,
      additions: 3,
      deletions: 1,
      changed_files: 1,
    },
    repository: { id: 1, name: 'app', full_name: 'acme/app', private: true, default_branch: 'main' },
    sender: { login: 'mia', id: 7 },
  };
}

/** A "Merge Request Hook" delivery as GitLab sends it. */
export function gitlabMergeRequest(mr: {
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'merged' | 'closed';
  source: string;
  target: string;
}) {
  return {
    object_kind: 'merge_request',
    event_type: 'merge_request',
    user: { id: 4, name: 'Mia Member', username: 'mia', email: '[REDACTED]' },
    project: {
      id: 15,
      name: 'app',
      path_with_namespace: 'acme/app',
      web_url: 'https://gitlab.example/acme/app',
      default_branch: 'main',
    },
    object_attributes: {
      id: 900 + mr.iid,
      iid: mr.iid,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      action: mr.state === 'opened' ? 'open' : mr.state === 'merged' ? 'merge' : 'close',
      source_branch: mr.source,
      target_branch: mr.target,
      url: `https://gitlab.example/acme/app/-/merge_requests/${mr.iid}`,
      merge_status: 'can_be_merged',
    },
    labels: [],
    repository: {
      name: 'app',
      url: 'git@gitlab.example:acme/app.git',
      homepage: 'https://gitlab.example/acme/app',
    },
  };
}
