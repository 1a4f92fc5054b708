import { createHmac, timingSafeEqual } from 'node:crypto';
import { branchOfRef } from '@closeloop/core/changes/commit-refs';
import { Forbidden, Invalid } from '@closeloop/shared/errors';
import { z } from 'zod';

/**
 * Inbound push deliveries from GitHub and GitLab, framework-free: who sent it (by header), whether
 * it is authentic, and the commits it carries in one shape.
 * GitHub: `X-GitHub-Event: push`, `X-Hub-Signature-256: sha256=<HMAC-SHA256(secret, raw body)>`.
 * GitLab: `X-Gitlab-Event: Push Hook`, `X-Gitlab-Token: <secret>`.
 */
export interface Push {
  provider: 'github' | 'gitlab';
  branch: string | null;
  repository: string | null;
  commits: {
    sha: string;
    message: string;
    url: string | null;
    authorName: string | null;
    authorEmail: string | null;
    timestamp: number | null;
  }[];
}

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The provider and event of a delivery, refused before the body is read when it proves nothing. */
export function authenticatePush(headers: Headers, raw: Buffer, secret: string): 'github' | 'gitlab' {
  const signature = header(headers, 'x-hub-signature-256');
  if (signature !== undefined) {
    const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    if (!sameText(signature, expected))
      throw new Forbidden('The X-Hub-Signature-256 signature does not match');
    return 'github';
  }
  const token = header(headers, 'x-gitlab-token');
  if (token !== undefined) {
    if (!sameText(token, secret)) throw new Forbidden('The X-Gitlab-Token does not match');
    return 'gitlab';
  }
  throw new Forbidden('A push needs X-Hub-Signature-256 (GitHub) or X-Gitlab-Token (GitLab)');
}

/** GitHub's `ping` and other events are acknowledged and ignored; only pushes carry commits. */
export function isPushEvent(provider: 'github' | 'gitlab', headers: Headers): boolean {
  return provider === 'github'
    ? header(headers, 'x-github-event') === 'push'
    : header(headers, 'x-gitlab-event') === 'Push Hook';
}

const text = z.string().max(100_000);
const author = z.object({ name: text.optional(), email: text.optional() }).passthrough().optional();
const commit = z
  .object({
    id: z.string().min(7).max(64),
    message: text,
    url: text.optional(),
    timestamp: text.optional(),
    author,
  })
  .passthrough();
const githubPush = z
  .object({
    ref: text,
    commits: z.array(commit).max(2_000).default([]),
    repository: z.object({ full_name: text.optional() }).passthrough().optional(),
  })
  .passthrough();
const gitlabPush = z
  .object({
    ref: text,
    commits: z.array(commit).max(2_000).default([]),
    project: z.object({ path_with_namespace: text.optional() }).passthrough().optional(),
  })
  .passthrough();

export function parsePush(provider: 'github' | 'gitlab', raw: Buffer): Push {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Invalid('A push delivery is JSON');
  }
  const schema = provider === 'github' ? githubPush : gitlabPush;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Invalid('Not a push payload', { issues: parsed.error.issues.slice(0, 5) });
  const p = parsed.data;
  const repository =
    provider === 'github'
      ? ((p as z.infer<typeof githubPush>).repository?.full_name ?? null)
      : ((p as z.infer<typeof gitlabPush>).project?.path_with_namespace ?? null);
  return {
    provider,
    branch: branchOfRef(p.ref),
    repository,
    commits: p.commits.map((c) => ({
      sha: c.id,
      message: c.message,
      url: c.url ?? null,
      authorName: c.author?.name ?? null,
      authorEmail: c.author?.email?.toLowerCase() ?? null,
      timestamp: c.timestamp && !Number.isNaN(Date.parse(c.timestamp)) ? Date.parse(c.timestamp) : null,
    })),
  };
}
