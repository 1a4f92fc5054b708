import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { CategoryGroup } from '@closeloop/core/relations/progress';
import type { Updateable } from 'kysely';
import type { MilestoneTable } from './tables-relations.ts';
import type { Tx } from './transaction.ts';

export type MilestoneRow = Omit<MilestoneTable, 'id'> & { id: number; project_key: string };

function milestoneSelect(tx: Tx) {
  return tx.db
    .selectFrom('milestones as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .selectAll('m')
    .select('p.key as project_key');
}

export async function insertMilestone(
  tx: Tx,
  m: { workspaceId: number; projectId: number; name: string; description: string; targetDate: string | null },
): Promise<number> {
  const now = Date.now();
  const row = await tx.db
    .insertInto('milestones')
    .values({
      workspace_id: m.workspaceId,
      project_id: m.projectId,
      name: m.name,
      description: m.description,
      target_date: m.targetDate,
      state: 'open',
      created_at: now,
      updated_at: now,
      closed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findMilestone(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<MilestoneRow | undefined> {
  return milestoneSelect(tx)
    .where('m.workspace_id', '=', workspaceId)
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** Names are unique per project and matched exactly, as typed in a create or edit body. */
export async function findMilestoneByName(
  tx: Tx,
  projectId: number,
  name: string,
): Promise<MilestoneRow | undefined> {
  return milestoneSelect(tx)
    .where('m.project_id', '=', projectId)
    .where('m.name', '=', name)
    .executeTakeFirst();
}

export async function listMilestoneRows(tx: Tx, projectId: number, state: 'open' | 'closed' | 'all') {
  let q = milestoneSelect(tx).where('m.project_id', '=', projectId);
  if (state !== 'all') q = q.where('m.state', '=', state);
  // Dated milestones first, soonest first; undated ones after, by name.
  return q
    .orderBy((eb) => eb.case().when('m.target_date', 'is', null).then(1).else(0).end())
    .orderBy('m.target_date')
    .orderBy('m.name')
    .execute();
}

export async function updateMilestoneRow(tx: Tx, id: number, set: Updateable<MilestoneTable>) {
  await tx.db
    .updateTable('milestones')
    .set({ ...set, updated_at: Date.now() })
    .where('id', '=', id)
    .execute();
}

export async function deleteMilestoneRow(tx: Tx, id: number) {
  await tx.db.deleteFrom('milestones').where('id', '=', id).execute();
}

/**
 * Progress of many milestones in one grouped query over their issues (never one query per
 * milestone): issue counts and time sums per milestone and status category.
 */
export async function milestoneGroups(
  tx: Tx,
  milestoneIds: readonly number[],
): Promise<Map<number, CategoryGroup[]>> {
  const out = new Map<number, CategoryGroup[]>();
  if (milestoneIds.length === 0) return out;
  const rows = await tx.db
    .selectFrom('issues')
    .select((eb) => [
      'milestone_id',
      'status_category',
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.fn.coalesce('estimate_minutes', eb.lit(0))).as('estimate'),
      eb.fn.sum('logged_minutes').as('logged'),
    ])
    .where('milestone_id', 'in', milestoneIds)
    .groupBy(['milestone_id', 'status_category'])
    .execute();
  for (const r of rows) {
    const list = out.get(r.milestone_id!) ?? [];
    // PostgreSQL answers COUNT and SUM as bigint strings.
    list.push({
      category: r.status_category,
      count: Number(r.n),
      estimateMinutes: Number(r.estimate ?? 0),
      loggedMinutes: Number(r.logged ?? 0),
    });
    out.set(r.milestone_id!, list);
  }
  return out;
}

/** Open issues of a milestone with the fields impact needs. */
export async function openIssuesOfMilestone(tx: Tx, milestoneId: number) {
  const rows = await tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['i.id', 'i.number', 'p.key as project_key', 'i.title', 'i.type', 'i.due_date'])
    .where('i.milestone_id', '=', milestoneId)
    .where('i.status_category', 'not in', ['done', 'cancelled'])
    .orderBy('i.id')
    .execute();
  return rows.map(toImpactIssue);
}

export function toImpactIssue(r: {
  id: number;
  number: number;
  project_key: string;
  title: string;
  type: string;
  due_date: string | null;
}) {
  return {
    id: r.id,
    key: formatIssueKey(r.project_key, r.number),
    title: r.title,
    type: r.type,
    dueDate: r.due_date,
  };
}

/**
 * Takes every issue out of a milestone (before the milestone is deleted). Each issue's version is
 * bumped, as for any edit, so an editor holding the old version gets a 409 instead of a silent
 * overwrite. Returns the issues that were detached (all in the milestone's project).
 */
export async function detachMilestoneIssues(
  tx: Tx,
  milestoneId: number,
): Promise<{ id: number; number: number }[]> {
  const ids = await tx.db
    .selectFrom('issues')
    .select(['id', 'number'])
    .where('milestone_id', '=', milestoneId)
    .execute();
  if (ids.length === 0) return ids;
  await tx.db
    .updateTable('issues')
    .set((eb) => ({ milestone_id: null, version: eb('version', '+', 1), updated_at: Date.now() }))
    .where('milestone_id', '=', milestoneId)
    .execute();
  return ids;
}

/** Which of these issues are open and sit in an open milestone, with that milestone; one query. */
export async function openIssuesInOpenMilestones(tx: Tx, issueIds: readonly number[]) {
  if (issueIds.length === 0) return [];
  const rows = await tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .innerJoin('milestones as m', 'm.id', 'i.milestone_id')
    .select(['i.id', 'i.number', 'p.key as project_key', 'm.id as milestone_id', 'm.name', 'm.target_date'])
    .where('i.id', 'in', [...new Set(issueIds)])
    .where('i.status_category', 'not in', ['done', 'cancelled'])
    .where('m.state', '=', 'open')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    issueId: r.id,
    issueKey: formatIssueKey(r.project_key, r.number),
    milestone: { id: r.milestone_id, name: r.name, targetDate: r.target_date },
  }));
}
