import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { Tx } from './transaction.ts';

/** Records the commits a release ships; recording them again changes nothing. */
export async function addReleaseCommits(
  tx: Tx,
  projectId: number,
  release: string,
  shas: readonly string[],
  at: number,
): Promise<void> {
  const unique = [...new Set(shas.map((s) => s.toLowerCase()))];
  if (unique.length === 0) return;
  await tx.db
    .insertInto('release_commits')
    .values(unique.map((sha) => ({ project_id: projectId, release, sha, created_at: at })))
    .onConflict((oc) => oc.columns(['project_id', 'release', 'sha']).doNothing())
    .execute();
}

export async function releaseCommitsOfProject(tx: Tx, projectId: number) {
  return tx.db
    .selectFrom('release_commits')
    .select(['release', 'sha'])
    .where('project_id', '=', projectId)
    .execute();
}

export async function countReleaseCommits(tx: Tx, projectId: number, release: string): Promise<number> {
  const r = await tx.db
    .selectFrom('release_commits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('release', '=', release)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The keys of the given issues of a workspace, in one query. */
export async function issueKeysOf(tx: Tx, workspaceId: number, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['p.key', 'i.number'])
    .where('i.workspace_id', '=', workspaceId)
    .where('i.id', 'in', ids)
    .orderBy('i.id')
    .execute();
  return rows.map((r) => formatIssueKey(r.key, Number(r.number)));
}
