import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { StoredLink } from '@closeloop/core/relations/link-types';
import { CLOSED_CATEGORIES } from '@closeloop/shared/issue-fields';
import type { StoredLinkType } from '@closeloop/shared/relation-fields';
import { toImpactIssue } from './milestones-store.ts';
import type { Tx } from './transaction.ts';

export interface LinkRow extends StoredLink {
  id: number;
  workspaceId: number;
  createdBy: number | null;
  createdAt: number;
}

const linkColumns = [
  'id',
  'workspace_id',
  'type',
  'source_id',
  'target_id',
  'created_by',
  'created_at',
] as const;
function toLinkRow(r: {
  id: number;
  workspace_id: number;
  type: string;
  source_id: number;
  target_id: number;
  created_by: number | null;
  created_at: number;
}): LinkRow {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    type: r.type as StoredLinkType,
    sourceId: r.source_id,
    targetId: r.target_id,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  };
}

export async function insertLink(
  tx: Tx,
  workspaceId: number,
  link: StoredLink,
  /** Null when the system made the link (a recurrence found by the similarity engine). */
  createdBy: number | null,
): Promise<LinkRow> {
  const row = await tx.db
    .insertInto('issue_links')
    .values({
      workspace_id: workspaceId,
      type: link.type,
      source_id: link.sourceId,
      target_id: link.targetId,
      created_by: createdBy,
      created_at: Date.now(),
    })
    .returning(linkColumns)
    .executeTakeFirstOrThrow();
  return toLinkRow(row);
}

/** The link of this type between these two issues, in either direction, if one exists. */
export async function findLinkBetween(tx: Tx, link: StoredLink): Promise<LinkRow | undefined> {
  const row = await tx.db
    .selectFrom('issue_links')
    .select(linkColumns)
    .where('type', '=', link.type)
    .where((eb) =>
      eb.or([
        eb.and([eb('source_id', '=', link.sourceId), eb('target_id', '=', link.targetId)]),
        eb.and([eb('source_id', '=', link.targetId), eb('target_id', '=', link.sourceId)]),
      ]),
    )
    .executeTakeFirst();
  return row && toLinkRow(row);
}

export async function findLink(tx: Tx, workspaceId: number, id: number): Promise<LinkRow | undefined> {
  const row = await tx.db
    .selectFrom('issue_links')
    .select(linkColumns)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toLinkRow(row);
}

export async function deleteLink(tx: Tx, id: number) {
  await tx.db.deleteFrom('issue_links').where('id', '=', id).execute();
}

/** Every link touching an issue, from either end, oldest first. */
export async function linksOfIssue(tx: Tx, issueId: number): Promise<LinkRow[]> {
  const rows = await tx.db
    .selectFrom('issue_links')
    .select(linkColumns)
    .where((eb) => eb.or([eb('source_id', '=', issueId), eb('target_id', '=', issueId)]))
    .orderBy('id')
    .execute();
  return rows.map(toLinkRow);
}

/** The chips drawn for linked issues, for many ids in one query. */
export async function linkedIssueSummaries(tx: Tx, issueIds: readonly number[]) {
  if (issueIds.length === 0) return [];
  return tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select([
      'i.id',
      'i.number',
      'p.key as project_key',
      'i.title',
      'i.type',
      'i.status',
      'i.status_category',
      'i.priority',
    ])
    .where('i.id', 'in', [...new Set(issueIds)])
    .execute();
}

const notClosed = [...CLOSED_CATEGORIES];

/** Open issues that block any of `issueIds`, one row per (blocked, blocker) pair, in one query. */
export async function openBlockersOf(tx: Tx, issueIds: readonly number[]) {
  if (issueIds.length === 0) return [];
  const rows = await tx.db
    .selectFrom('issue_links as l')
    .innerJoin('issues as i', 'i.id', 'l.source_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select([
      'l.target_id as blocked_id',
      'i.id',
      'i.number',
      'p.key as project_key',
      'i.title',
      'i.type',
      'i.due_date',
    ])
    .where('l.type', '=', 'blocks')
    .where('l.target_id', 'in', issueIds)
    .where('i.status_category', 'not in', notClosed)
    .execute();
  return rows.map((r) => ({ blockedId: r.blocked_id, blocker: toImpactIssue(r) }));
}

/**
 * Open issues of the given types linked in any way (either end) to any of `issueIds`; two
 * indexed queries, one per end of the link.
 */
export async function openLinkedOfTypes(tx: Tx, issueIds: readonly number[], types: readonly string[]) {
  if (issueIds.length === 0 || types.length === 0) return [];
  const fromEnd = (near: 'source_id' | 'target_id', far: 'source_id' | 'target_id') =>
    tx.db
      .selectFrom('issue_links as l')
      .innerJoin('issues as i', 'i.id', `l.${far}`)
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .select([
        `l.${near} as linked_to_id`,
        'i.id',
        'i.number',
        'p.key as project_key',
        'i.title',
        'i.type',
        'i.due_date',
      ])
      .where(`l.${near}`, 'in', issueIds)
      .where('i.type', 'in', [...types])
      .where('i.status_category', 'not in', notClosed)
      .execute();
  const rows = [...(await fromEnd('source_id', 'target_id')), ...(await fromEnd('target_id', 'source_id'))];
  return rows.map((r) => ({ linkedToId: r.linked_to_id, risk: toImpactIssue(r) }));
}

/**
 * Links with at least one end in a project, each in its stored direction with both keys (the
 * timeline draws them as arrows). Two indexed queries, one per end, merged by id.
 */
export async function linksOfProject(
  tx: Tx,
  projectId: number,
  types: readonly StoredLinkType[],
  limit: number,
) {
  const byEnd = (end: 'source_id' | 'target_id') =>
    tx.db
      .selectFrom('issue_links as l')
      .innerJoin('issues as s', 's.id', 'l.source_id')
      .innerJoin('projects as sp', 'sp.id', 's.project_id')
      .innerJoin('issues as t', 't.id', 'l.target_id')
      .innerJoin('projects as tp', 'tp.id', 't.project_id')
      .select([
        'l.id',
        'l.type',
        's.number as s_number',
        'sp.key as s_project',
        't.number as t_number',
        'tp.key as t_project',
      ])
      .where(`l.${end}`, 'in', (eb) =>
        eb.selectFrom('issues').select('id').where('project_id', '=', projectId),
      )
      .where('l.type', 'in', [...types])
      .orderBy('l.id')
      .limit(limit)
      .execute();
  const rows = new Map<number, Awaited<ReturnType<typeof byEnd>>[number]>();
  for (const r of [...(await byEnd('source_id')), ...(await byEnd('target_id'))]) rows.set(r.id, r);
  return [...rows.values()]
    .sort((a, b) => a.id - b.id)
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      type: r.type as StoredLinkType,
      sourceKey: formatIssueKey(r.s_project, r.s_number),
      targetKey: formatIssueKey(r.t_project, r.t_number),
    }));
}
