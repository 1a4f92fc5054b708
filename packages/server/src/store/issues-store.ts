import type { Insertable, Updateable } from 'kysely';
import { fieldValuesOfIssues } from './custom-fields-store.ts';
import { impactOfIssues } from './issue-impact-store.ts';
import { type IssueRow, toIssue } from './issue-row.ts';
import { labelsOfIssues } from './labels-store.ts';
import { slaBadges } from './sla-store.ts';
import type { IssueTable } from './tables.ts';
import type { Tx } from './transaction.ts';

/** The select every issue read shares: issue columns, its project key, its parent's key parts, its milestone's name. */
export function issueSelect(tx: Tx) {
  return tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .leftJoin('issues as par', 'par.id', 'i.parent_id')
    .leftJoin('projects as pp', 'pp.id', 'par.project_id')
    .leftJoin('milestones as ms', 'ms.id', 'i.milestone_id')
    .select([
      'i.id',
      'i.workspace_id',
      'i.project_id',
      'i.number',
      'i.kind',
      'i.type',
      'i.title',
      'i.description',
      'i.status',
      'i.status_category',
      'i.priority',
      'i.assignee_user_id',
      'i.assignee_team_id',
      'i.reporter_id',
      'i.start_date',
      'i.due_date',
      'i.estimate_minutes',
      'i.parent_id',
      'i.created_at',
      'i.updated_at',
      'i.closed_at',
      'i.resolution',
      'i.resolution_note',
      'i.version',
      'i.milestone_id',
      'i.logged_minutes',
      'p.key as project_key',
      'par.number as parent_number',
      'pp.key as parent_project_key',
      'ms.name as milestone_name',
    ]);
}

/** Rows to domain issues, labels fetched for the whole page in one query. */
export async function hydrateIssues(tx: Tx, rows: readonly IssueRow[]) {
  const labels = await labelsOfIssues(
    tx,
    rows.map((r) => r.id),
  );
  const fields = await fieldValuesOfIssues(
    tx,
    rows.map((r) => r.id),
  );
  const sla = await slaBadges(
    tx,
    rows.map((r) => r.id),
  );
  const impact = await impactOfIssues(
    tx,
    rows.filter((r) => r.kind !== 'manual').map((r) => r.id),
  );
  return rows.map((r) => {
    const issue = toIssue(r, labels.get(r.id) ?? [], fields.get(r.id) ?? {});
    const badge = sla.get(r.id);
    const imp = impact.get(r.id);
    return { ...issue, ...(badge ? { sla: badge } : {}), ...(imp ? { impact: imp } : {}) };
  });
}

export async function insertIssue(tx: Tx, values: Insertable<IssueTable>): Promise<number> {
  const row = await tx.db.insertInto('issues').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findIssueRow(
  tx: Tx,
  workspaceId: number,
  where: { id: number } | { projectKey: string; number: number },
) {
  let q = issueSelect(tx).where('i.workspace_id', '=', workspaceId);
  q =
    'id' in where
      ? q.where('i.id', '=', where.id)
      : q.where('p.key', '=', where.projectKey).where('i.number', '=', where.number);
  return q.executeTakeFirst();
}

export async function findIssue(
  tx: Tx,
  workspaceId: number,
  where: { id: number } | { projectKey: string; number: number },
) {
  const row = await findIssueRow(tx, workspaceId, where);
  if (!row) return undefined;
  const [issue] = await hydrateIssues(tx, [row]);
  return issue;
}

/**
 * Optimistic concurrency: the update applies only if the row still has `expectedVersion`.
 * Returns false when someone else changed the issue first.
 */
export async function updateIssueRow(
  tx: Tx,
  id: number,
  expectedVersion: number,
  set: Updateable<IssueTable>,
): Promise<boolean> {
  const r = await tx.db
    .updateTable('issues')
    .set({ ...set, version: expectedVersion + 1, updated_at: Date.now() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteIssueRow(tx: Tx, id: number) {
  await tx.db.updateTable('issues').set({ parent_id: null }).where('parent_id', '=', id).execute();
  await tx.db.deleteFrom('issues').where('id', '=', id).execute();
}
