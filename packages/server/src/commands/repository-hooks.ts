import { randomBytes } from 'node:crypto';
import { commitRefs } from '@closeloop/core/changes/commit-refs';
import { parseIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Issue } from '@closeloop/shared/api/issues';
import { AppError, NotFound } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import { isPullRequestEvent, type PullRequest, parsePullRequest } from '../changes/pull-request-payload.ts';
import { authenticatePush, isPushEvent, parsePush } from '../changes/push-payload.ts';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { findIssue } from '../store/issues-store.ts';
import {
  commitsOfIssue,
  findHookByPublicId,
  findHookOfProject,
  linkCommit,
  pullRequestsOfIssue,
  saveHook,
  upsertPullRequest,
} from '../store/repository-hooks-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { findUserByEmail } from '../store/users-store.ts';
import { findMembership } from '../store/workspaces-store.ts';
import type { Actor } from './actor.ts';
import { awaitCommitFix } from './fix-verification.ts';
import { loadIssueRules } from './issue-rules.ts';
import { applyIssueUpdate, publishIssueUpdated, requireIssue } from './issues.ts';
import { requireProject } from './projects.ts';

const hookUrl = (svc: Services, publicId: string) => `${svc.config.publicUrl}/api/hooks/v1/push/${publicId}`;

/** Sets up (or changes) a project's push hook; a new or rotated secret is shown in this answer only. */
export async function configureRepositoryHook(
  svc: Services,
  actor: Actor,
  projectKey: string,
  input: { branch: string; doneStatus?: string | null | undefined; rotateSecret?: boolean | undefined },
) {
  assertCan(actor.role, 'project.manage');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const existing = await findHookOfProject(tx, project.id);
    const secret = !existing || input.rotateSecret ? randomBytes(24).toString('base64url') : existing.secret;
    const publicId = existing?.public_id ?? randomBytes(12).toString('hex');
    const doneStatus = input.doneStatus === undefined ? (existing?.done_status ?? null) : input.doneStatus;
    await saveHook(
      tx,
      {
        workspaceId: actor.workspaceId,
        projectId: project.id,
        publicId,
        secret,
        branch: input.branch,
        doneStatus,
        createdBy: actor.userId,
      },
      Date.now(),
    );
    return {
      url: hookUrl(svc, publicId),
      branch: input.branch,
      doneStatus,
      ...(secret !== existing?.secret ? { secret } : {}),
    };
  });
}

export async function getRepositoryHook(svc: Services, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'project.manage');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const hook = await findHookOfProject(svc.store, project.id);
  if (!hook) throw new NotFound(`A push hook of ${projectKey}`);
  return { url: hookUrl(svc, hook.public_id), branch: hook.branch, doneStatus: hook.done_status };
}

export async function issueCommits(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const rows = await commitsOfIssue(svc.store, issue.id);
  const prs = await pullRequestsOfIssue(svc.store, issue.id);
  return {
    pullRequests: prs.map((p) => ({
      provider: p.provider as 'github' | 'gitlab',
      repository: p.repository,
      number: Number(p.number),
      title: p.title,
      url: p.url,
      state: p.state as 'open' | 'merged' | 'closed',
      sourceBranch: p.source_branch,
      targetBranch: p.target_branch,
      author: p.author,
      updatedAt: new Date(Number(p.updated_at)).toISOString(),
    })),
    items: rows.map((r) => ({
      sha: r.sha,
      message: r.message,
      url: r.url,
      author: r.author_name,
      repository: r.repository,
      branch: r.branch,
      fixes: r.fixes === 1,
      committedAt: r.committed_at === null ? null : new Date(Number(r.committed_at)).toISOString(),
    })),
  };
}

/**
 * A push from GitHub or GitLab: every commit that names an issue of the hook's workspace is linked
 * to it (once, whatever the redeliveries), and `Fixes KEY` reaching the hook's branch closes a
 * people-written issue as fixed in the project's done status — acting as the commit's author when
 * they are a member, else as the admin who set the hook up. A machine-found issue is closed as fixed
 * too but only *awaiting verification* in the release that ships the commit: its fix is believed
 * when the data agree (the verification job), not because a commit says so.
 */
export async function receivePush(
  svc: Services,
  publicId: string,
  headers: Record<string, string | string[] | undefined>,
  raw: Buffer,
  now = Date.now(),
) {
  const hook = await findHookByPublicId(svc.store, publicId);
  if (!hook) throw new NotFound('Push hook');
  const provider = authenticatePush(headers, raw, hook.secret);
  if (isPullRequestEvent(provider, headers))
    return receivePullRequest(svc, hook, parsePullRequest(provider, raw), now);
  if (!isPushEvent(provider, headers)) return { linked: 0, closed: [], awaitingVerification: [] };
  const push = parsePush(provider, raw);
  const published: { actor: Actor; result: { after: Issue; fields: string[] } }[] = [];
  const outcome = await inTransaction(svc.store, async (tx) => {
    let linked = 0;
    const closed: string[] = [];
    const awaiting: string[] = [];
    for (const commit of push.commits) {
      const refs = commitRefs(commit.message);
      for (const key of refs.mentioned) {
        const issue = await findIssue(tx, hook.workspace_id, parseIssueKey(key));
        if (!issue) continue;
        const fixes = refs.fixes.includes(key);
        const isNew = await linkCommit(
          tx,
          {
            workspaceId: hook.workspace_id,
            issueId: issue.id,
            sha: commit.sha,
            message: commit.message,
            url: commit.url,
            authorName: commit.authorName,
            authorEmail: commit.authorEmail,
            repository: push.repository,
            branch: push.branch,
            fixes,
            committedAt: commit.timestamp,
          },
          now,
        );
        const actor = await actingAs(tx, hook.workspace_id, commit.authorEmail, hook.created_by);
        // The same commit arrives again when its branch is merged: linked once, but it may now
        // have reached the configured branch.
        if (isNew) {
          linked++;
          await recordActivity(tx, [
            {
              workspaceId: hook.workspace_id,
              issueId: issue.id,
              actorId: actor?.userId ?? null,
              action: 'linked',
              field: 'commits',
              to: { sha: commit.sha.slice(0, 12), fixes, branch: push.branch },
            },
          ]);
        }
        if (!fixes || push.branch !== hook.branch || issue.closedAt || !actor) continue;
        // A machine-found issue's own workflow decides its done status, not the hook's.
        const doneStatus = issue.kind === 'manual' ? hook.done_status : null;
        const result = await closeAsFixed(tx, actor, issue, doneStatus, commit.sha);
        if (!result) continue;
        if (issue.kind === 'manual') closed.push(issue.key);
        else {
          await awaitCommitFix(tx, { ...issue, workspaceId: hook.workspace_id }, commit.sha, now);
          awaiting.push(issue.key);
        }
        published.push({ actor, result });
      }
    }
    return { linked, closed, awaitingVerification: awaiting };
  });
  for (const p of published) publishIssueUpdated(svc, p.actor, p.result);
  return outcome;
}

/**
 * A pull or merge request links to every issue its title or description names, and later
 * deliveries keep its state (merged, closed) current. Closing stays with the pushes: the merge
 * brings the fixing commits to the branch, and the push hook sees them there.
 */
async function receivePullRequest(
  svc: Services,
  hook: { workspace_id: number; created_by: number | null },
  pr: PullRequest,
  now: number,
) {
  const refs = commitRefs(`${pr.title}\n${pr.body}`);
  const linked = await inTransaction(svc.store, async (tx) => {
    let n = 0;
    for (const key of refs.mentioned) {
      const issue = await findIssue(tx, hook.workspace_id, parseIssueKey(key));
      if (!issue) continue;
      const isNew = await upsertPullRequest(
        tx,
        {
          workspaceId: hook.workspace_id,
          issueId: issue.id,
          provider: pr.provider,
          repository: pr.repository,
          number: pr.number,
          title: pr.title,
          url: pr.url,
          state: pr.state,
          sourceBranch: pr.sourceBranch,
          targetBranch: pr.targetBranch,
          author: pr.author,
        },
        now,
      );
      if (!isNew) continue;
      n++;
      await recordActivity(tx, [
        {
          workspaceId: hook.workspace_id,
          issueId: issue.id,
          actorId: null,
          action: 'linked',
          field: 'pull_requests',
          to: { repository: pr.repository, number: pr.number },
        },
      ]);
    }
    return n;
  });
  return { linked, closed: [], awaitingVerification: [] };
}

async function actingAs(
  tx: Tx,
  workspaceId: number,
  email: string | null,
  fallback: number | null,
): Promise<Actor | null> {
  const candidates = [email ? (await findUserByEmail(tx, email))?.id : undefined, fallback ?? undefined];
  for (const userId of candidates) {
    if (userId === undefined) continue;
    const m = await findMembership(tx, workspaceId, userId);
    if (m) return { userId, workspaceId, role: m.role as Role };
  }
  return null;
}

/** Moves an issue to the done status its workflow allows; a refusal (workflow, permission) leaves it as it is. */
async function closeAsFixed(tx: Tx, actor: Actor, issue: Issue, doneStatus: string | null, sha: string) {
  const rules = await loadIssueRules(tx, issue.projectId, issue.type);
  const target =
    rules.workflow.statuses.find((s) => s.key === doneStatus && s.category === 'done') ??
    rules.workflow.statuses.find((s) => s.category === 'done');
  if (!target) return null;
  try {
    assertCan(actor.role, 'issue.update');
    return await applyIssueUpdate(tx, actor, issue, {
      status: target.key,
      resolution: 'fixed',
      resolutionNote: issue.resolutionNote ?? `Fixed by commit ${sha.slice(0, 12)}.`,
    });
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}
