import type { Tx } from './transaction.ts';

/** Adds watchers that are not watching yet; an existing watch keeps its first reason. */
export async function addWatchers(
  tx: Tx,
  workspaceId: number,
  issueId: number,
  userIds: readonly number[],
  reason: string,
) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const at = Date.now();
  await tx.db
    .insertInto('issue_watchers')
    .values(
      ids.map((user_id) => ({
        workspace_id: workspaceId,
        issue_id: issueId,
        user_id,
        reason,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['issue_id', 'user_id']).doNothing())
    .execute();
}

export async function removeWatcher(tx: Tx, issueId: number, userId: number): Promise<boolean> {
  const r = await tx.db
    .deleteFrom('issue_watchers')
    .where('issue_id', '=', issueId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listWatchers(tx: Tx, issueId: number) {
  return tx.db
    .selectFrom('issue_watchers as w')
    .innerJoin('users as u', 'u.id', 'w.user_id')
    .select(['w.user_id', 'w.reason', 'w.created_at', 'u.name', 'u.email'])
    .where('w.issue_id', '=', issueId)
    .orderBy('w.created_at')
    .orderBy('w.user_id')
    .execute();
}

export async function watcherIds(tx: Tx, issueId: number): Promise<number[]> {
  const rows = await tx.db
    .selectFrom('issue_watchers')
    .select('user_id')
    .where('issue_id', '=', issueId)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Records that `source` (the description or a comment) mentions these people and answers the ones
 * it did not mention before, who are the ones to notify.
 */
export async function recordMentions(
  tx: Tx,
  workspaceId: number,
  issueId: number,
  source: string,
  userIds: readonly number[],
) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const known = await tx.db
    .selectFrom('issue_mentions')
    .select('user_id')
    .where('issue_id', '=', issueId)
    .where('source', '=', source)
    .where('user_id', 'in', ids)
    .execute();
  const seen = new Set(known.map((k) => k.user_id));
  const fresh = ids.filter((id) => !seen.has(id));
  if (fresh.length === 0) return [];
  const at = Date.now();
  await tx.db
    .insertInto('issue_mentions')
    .values(
      fresh.map((user_id) => ({
        workspace_id: workspaceId,
        issue_id: issueId,
        source,
        user_id,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  return fresh;
}

/** Members of the workspace, for resolving mention handles. */
export async function membersForMentions(tx: Tx, workspaceId: number) {
  return tx.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email'])
    .where('m.workspace_id', '=', workspaceId)
    .execute();
}

export async function teamsWithMembers(tx: Tx, workspaceId: number, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return tx.db
    .selectFrom('teams as t')
    .innerJoin('team_members as tm', 'tm.team_id', 't.id')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.user_id', '=', 'tm.user_id').onRef('m.workspace_id', '=', 't.workspace_id'),
    )
    .select(['t.key', 'tm.user_id'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.key', 'in', keys)
    .execute();
}
