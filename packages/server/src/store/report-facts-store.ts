import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { IssueFacts, Period } from '@closeloop/core/reports/report-figures';
import { priorityFromRank } from '@closeloop/shared/issue-fields';
import type { Tx } from './transaction.ts';

/** Ids are read in slices so no statement carries more parameters than either database accepts. */
const SLICE = 500;

/**
 * Facts about every issue that was open at some moment of the period (created before its end,
 * not closed before its start): what the report figures are computed from. One query for the
 * issues and one per slice for their history, comments and event groups; never a query per issue.
 */
export async function reportFacts(
  tx: Tx,
  scope: { workspaceId: number; projectId?: number | undefined },
  period: Period,
): Promise<IssueFacts[]> {
  let q = tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select([
      'i.id',
      'p.key as projectKey',
      'i.number',
      'i.title',
      'i.kind',
      'i.priority',
      'i.status',
      'i.status_category as statusCategory',
      'i.reporter_id as reporterId',
      'i.assignee_user_id as assigneeUserId',
      'i.created_at as createdAt',
      'i.closed_at as closedAt',
    ])
    .where('i.workspace_id', '=', scope.workspaceId)
    .where('i.created_at', '<', period.to)
    .where((eb) => eb.or([eb('i.closed_at', 'is', null), eb('i.closed_at', '>=', period.from)]));
  if (scope.projectId !== undefined) q = q.where('i.project_id', '=', scope.projectId);
  const issues = await q.orderBy('i.id').execute();

  const facts = new Map<number, IssueFacts & { reporterId: number | null; assignedAtCreation: boolean }>();
  for (const i of issues) {
    facts.set(i.id, {
      key: formatIssueKey(i.projectKey, Number(i.number)),
      title: i.title,
      kind: i.kind,
      priority: priorityFromRank(Number(i.priority)),
      status: i.status,
      statusCategory: i.statusCategory,
      createdAt: Number(i.createdAt),
      closedAt: i.closedAt === null ? null : Number(i.closedAt),
      firstResponseAt: null,
      acknowledgedAt: null,
      reopenCount: 0,
      regressionCount: 0,
      users: 0,
      events: 0,
      reporterId: i.reporterId,
      // Until history says otherwise, an assigned issue was assigned when it was created.
      assignedAtCreation: i.assigneeUserId !== null,
    });
  }
  const ids = [...facts.keys()];
  for (let at = 0; at < ids.length; at += SLICE) {
    const slice = ids.slice(at, at + SLICE);
    await addHistory(tx, slice, facts);
    await addComments(tx, slice, facts);
    await addEventGroups(tx, slice, facts);
  }
  return [...facts.values()].map(({ reporterId: _r, assignedAtCreation, ...f }) => ({
    ...f,
    acknowledgedAt: f.acknowledgedAt ?? (assignedAtCreation ? f.createdAt : null),
  }));
}

type Facts = Map<number, IssueFacts & { reporterId: number | null; assignedAtCreation: boolean }>;
const earliest = (a: number | null, b: number) => (a === null || b < a ? b : a);
const byOther = (actor: number | null, reporter: number | null) => actor !== null && actor !== reporter;

async function addHistory(tx: Tx, ids: number[], facts: Facts) {
  const rows = await tx.db
    .selectFrom('activity')
    .select(['issue_id', 'actor_id', 'action', 'field', 'old_value', 'new_value', 'created_at'])
    .where('issue_id', 'in', ids)
    .where('field', 'in', ['status', 'assigneeUserId', 'resolution', 'triage'])
    .orderBy('id')
    .execute();
  const seenAssignee = new Set<number>();
  for (const r of rows) {
    const f = facts.get(r.issue_id)!;
    const t = Number(r.created_at);
    if (r.action === 'regressed') f.regressionCount++;
    if (r.field === 'status' && byOther(r.actor_id, f.reporterId))
      f.firstResponseAt = earliest(f.firstResponseAt, t);
    if (r.field === 'resolution' && r.old_value !== null && r.new_value === null) f.reopenCount++;
    if (r.field === 'assigneeUserId') {
      // The first change of assignee tells whether someone was assigned at creation.
      if (!seenAssignee.has(r.issue_id)) {
        seenAssignee.add(r.issue_id);
        f.assignedAtCreation = r.old_value !== null;
      }
      if (r.new_value !== null) f.acknowledgedAt = earliest(f.acknowledgedAt, t);
    }
    if (r.field === 'triage' && r.new_value === '"accepted"')
      f.acknowledgedAt = earliest(f.acknowledgedAt, t);
  }
}

async function addComments(tx: Tx, ids: number[], facts: Facts) {
  const rows = await tx.db
    .selectFrom('comments')
    .select(['issue_id', 'author_id', 'created_at'])
    .where('issue_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  for (const r of rows) {
    const f = facts.get(r.issue_id)!;
    if (byOther(r.author_id, f.reporterId))
      f.firstResponseAt = earliest(f.firstResponseAt, Number(r.created_at));
  }
}

async function addEventGroups(tx: Tx, ids: number[], facts: Facts) {
  const rows = await tx.db
    .selectFrom('event_groups')
    .select(['issue_id', 'user_count', 'event_count'])
    .where('issue_id', 'in', ids)
    .execute();
  for (const r of rows) {
    const f = facts.get(r.issue_id)!;
    f.users += Number(r.user_count);
    f.events += Number(r.event_count);
  }
}
