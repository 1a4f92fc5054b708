import type { Tx } from './transaction.ts';

export async function findHookOfProject(tx: Tx, projectId: number) {
  return tx.db
    .selectFrom('repository_hooks')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

export async function findHookByPublicId(tx: Tx, publicId: string) {
  return tx.db
    .selectFrom('repository_hooks')
    .selectAll()
    .where('public_id', '=', publicId)
    .executeTakeFirst();
}

export async function saveHook(
  tx: Tx,
  hook: {
    workspaceId: number;
    projectId: number;
    publicId: string;
    secret: string;
    branch: string;
    doneStatus: string | null;
    createdBy: number;
  },
  now: number,
) {
  const existing = await findHookOfProject(tx, hook.projectId);
  if (existing) {
    await tx.db
      .updateTable('repository_hooks')
      .set({ secret: hook.secret, branch: hook.branch, done_status: hook.doneStatus, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  await tx.db
    .insertInto('repository_hooks')
    .values({
      workspace_id: hook.workspaceId,
      project_id: hook.projectId,
      public_id: hook.publicId,
      secret: hook.secret,
      branch: hook.branch,
      done_status: hook.doneStatus,
      created_by: hook.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Links a commit to an issue once; a redelivered push links nothing twice. Returns whether it was new. */
export async function linkCommit(
  tx: Tx,
  c: {
    workspaceId: number;
    issueId: number;
    sha: string;
    message: string;
    url: string | null;
    authorName: string | null;
    authorEmail: string | null;
    repository: string | null;
    branch: string | null;
    fixes: boolean;
    committedAt: number | null;
  },
  now: number,
): Promise<boolean> {
  const existing = await tx.db
    .selectFrom('issue_commits')
    .select('id')
    .where('issue_id', '=', c.issueId)
    .where('sha', '=', c.sha)
    .executeTakeFirst();
  if (existing) return false;
  await tx.db
    .insertInto('issue_commits')
    .values({
      workspace_id: c.workspaceId,
      issue_id: c.issueId,
      sha: c.sha,
      message: c.message,
      url: c.url,
      author_name: c.authorName,
      author_email: c.authorEmail,
      repository: c.repository,
      branch: c.branch,
      fixes: c.fixes ? 1 : 0,
      committed_at: c.committedAt,
      created_at: now,
    })
    .execute();
  return true;
}

export async function commitsOfIssue(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('issue_commits')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Links a pull/merge request to an issue, or brings the link up to date; true when it is new. */
export async function upsertPullRequest(
  tx: Tx,
  pr: {
    workspaceId: number;
    issueId: number;
    provider: string;
    repository: string;
    number: number;
    title: string;
    url: string | null;
    state: string;
    sourceBranch: string | null;
    targetBranch: string | null;
    author: string | null;
  },
  now: number,
): Promise<boolean> {
  const fields = {
    title: pr.title,
    url: pr.url,
    state: pr.state,
    source_branch: pr.sourceBranch,
    target_branch: pr.targetBranch,
    author: pr.author,
    updated_at: now,
  };
  const existing = await tx.db
    .selectFrom('issue_pull_requests')
    .select('id')
    .where('issue_id', '=', pr.issueId)
    .where('repository', '=', pr.repository)
    .where('number', '=', pr.number)
    .executeTakeFirst();
  if (existing) {
    await tx.db.updateTable('issue_pull_requests').set(fields).where('id', '=', existing.id).execute();
    return false;
  }
  await tx.db
    .insertInto('issue_pull_requests')
    .values({
      ...fields,
      workspace_id: pr.workspaceId,
      issue_id: pr.issueId,
      provider: pr.provider,
      repository: pr.repository,
      number: pr.number,
      created_at: now,
    })
    .execute();
  return true;
}

export async function pullRequestsOfIssue(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('issue_pull_requests')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
