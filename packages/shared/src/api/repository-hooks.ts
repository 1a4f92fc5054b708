import { z } from 'zod';

/** A project's inbound push hook (GitHub or GitLab) and the commits linked to issues. */
export const repositoryHookBody = z.strictObject({
  /** Fixes count when they reach this branch. */
  branch: z.string().trim().min(1).max(200).default('main'),
  /** Status a fixed people-written issue moves to; null → the workflow's first done status. */
  doneStatus: z.string().max(50).nullable().optional(),
  rotateSecret: z.boolean().optional(),
});

export const repositoryHookSchema = z.object({
  url: z.string(),
  branch: z.string(),
  doneStatus: z.string().nullable(),
  /** Present only when the secret was just made: configure it in GitHub or GitLab now. */
  secret: z.string().optional(),
});

/** Commits and pull/merge requests linked to an issue. */
export const issueCommitsSchema = z.object({
  items: z.array(
    z.object({
      sha: z.string(),
      message: z.string(),
      url: z.string().nullable(),
      author: z.string().nullable(),
      repository: z.string().nullable(),
      branch: z.string().nullable(),
      fixes: z.boolean(),
      committedAt: z.string().nullable(),
    }),
  ),
  /** Pull (GitHub) and merge (GitLab) requests whose title or description names the issue. */
  pullRequests: z.array(
    z.object({
      provider: z.enum(['github', 'gitlab']),
      repository: z.string(),
      number: z.number(),
      title: z.string(),
      url: z.string().nullable(),
      state: z.enum(['open', 'merged', 'closed']),
      sourceBranch: z.string().nullable(),
      targetBranch: z.string().nullable(),
      author: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});

export const pushResultSchema = z.object({
  linked: z.number(),
  /** People-written issues a `Fixes KEY` commit on the branch closed. */
  closed: z.array(z.string()),
  /** Machine-found issues it closed as fixed, now awaiting verification in the release that ships it. */
  awaitingVerification: z.array(z.string()),
});
