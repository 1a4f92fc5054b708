import { Invalid } from '@closeloop/shared/errors';
import { z } from 'zod';

/**
 * Pull requests (GitHub `X-GitHub-Event: pull_request`) and merge requests (GitLab
 * `X-Gitlab-Event: Merge Request Hook`) in one shape: the issue keys are read from the title and
 * description, the state follows the request (open → merged or closed).
 */
export interface PullRequest {
  provider: 'github' | 'gitlab';
  repository: string;
  number: number;
  title: string;
  body: string;
  url: string | null;
  state: 'open' | 'merged' | 'closed';
  sourceBranch: string | null;
  targetBranch: string | null;
  author: string | null;
}

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function isPullRequestEvent(provider: 'github' | 'gitlab', headers: Headers): boolean {
  return provider === 'github'
    ? header(headers, 'x-github-event') === 'pull_request'
    : header(headers, 'x-gitlab-event') === 'Merge Request Hook';
}

const text = z.string().max(100_000);
const githubPullRequest = z
  .object({
    pull_request: z
      .object({
        number: z.number().int().positive(),
        title: text,
        body: text.nullable().optional(),
        html_url: text.optional(),
        state: z.enum(['open', 'closed']),
        merged: z.boolean().nullable().optional(),
        head: z.object({ ref: text }).passthrough().optional(),
        base: z.object({ ref: text }).passthrough().optional(),
        user: z.object({ login: text }).passthrough().nullable().optional(),
      })
      .passthrough(),
    repository: z.object({ full_name: text }).passthrough(),
  })
  .passthrough();
const gitlabMergeRequest = z
  .object({
    object_attributes: z
      .object({
        iid: z.number().int().positive(),
        title: text,
        description: text.nullable().optional(),
        url: text.optional(),
        state: z.string().max(50),
        source_branch: text.optional(),
        target_branch: text.optional(),
      })
      .passthrough(),
    project: z.object({ path_with_namespace: text }).passthrough(),
    user: z.object({ name: text.optional(), username: text.optional() }).passthrough().optional(),
  })
  .passthrough();

export function parsePullRequest(provider: 'github' | 'gitlab', raw: Buffer): PullRequest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Invalid('A pull request delivery is JSON');
  }
  if (provider === 'github') {
    const parsed = githubPullRequest.safeParse(json);
    if (!parsed.success)
      throw new Invalid('Not a pull request payload', { issues: parsed.error.issues.slice(0, 5) });
    const pr = parsed.data.pull_request;
    return {
      provider,
      repository: parsed.data.repository.full_name,
      number: pr.number,
      title: pr.title,
      body: pr.body ?? '',
      url: pr.html_url ?? null,
      state: pr.merged ? 'merged' : pr.state,
      sourceBranch: pr.head?.ref ?? null,
      targetBranch: pr.base?.ref ?? null,
      author: pr.user?.login ?? null,
    };
  }
  const parsed = gitlabMergeRequest.safeParse(json);
  if (!parsed.success)
    throw new Invalid('Not a merge request payload', { issues: parsed.error.issues.slice(0, 5) });
  const mr = parsed.data.object_attributes;
  // GitLab's states: opened, merged, closed, locked (an open request being updated).
  const state = mr.state === 'merged' ? 'merged' : mr.state === 'closed' ? 'closed' : 'open';
  return {
    provider,
    repository: parsed.data.project.path_with_namespace,
    number: mr.iid,
    title: mr.title,
    body: mr.description ?? '',
    url: mr.url ?? null,
    state,
    sourceBranch: mr.source_branch ?? null,
    targetBranch: mr.target_branch ?? null,
    author: parsed.data.user?.username ?? parsed.data.user?.name ?? null,
  };
}
