import { sql } from 'kysely';
import { issueSelect } from './issues-store.ts';
import type { IssueTriageTable } from './tables-triage.ts';
import type { Tx } from './transaction.ts';

export type TriageRow = IssueTriageTable;

export async function triageRowsOf(tx: Tx, issueIds: readonly number[]): Promise<Map<number, TriageRow>> {
  if (issueIds.length === 0) return new Map();
  const rows = await tx.db.selectFrom('issue_triage').selectAll().where('issue_id', 'in', issueIds).execute();
  return new Map(rows.map((r) => [r.issue_id, r]));
}

export async function saveTriage(tx: Tx, row: TriageRow) {
  const { issue_id, ...rest } = row;
  await tx.db
    .insertInto('issue_triage')
    .values(row)
    .onConflict((oc) => oc.column('issue_id').doUpdateSet(rest))
    .execute();
}

/** Snoozed issues whose user or event totals reached their wake point. */
export async function snoozedIssueIds(tx: Tx, issueIds: readonly number[]) {
  if (issueIds.length === 0) return [];
  return tx.db
    .selectFrom('issue_triage')
    .select(['issue_id', 'wake_users', 'wake_events'])
    .where('state', '=', 'snoozed')
    .where('issue_id', 'in', issueIds)
    .execute();
}

/**
 * The project's triage queue: open issues that are untriaged (no row counts as untriaged) or whose
 * snooze time has passed, highest severity first; unscored issues last, newest first among equals.
 */
export async function triageQueueRows(
  tx: Tx,
  q: { workspaceId: number; projectId: number; teamId?: number; now: number; limit: number },
) {
  let query = issueSelect(tx)
    .leftJoin('issue_triage as t', 't.issue_id', 'i.id')
    .leftJoin('issue_severity as sev', 'sev.issue_id', 'i.id')
    .select([
      't.state as triage_state',
      'sev.score as sev_score',
      'sev.proposed_priority as sev_proposed',
      'sev.reasons as sev_reasons',
    ])
    .where('i.workspace_id', '=', q.workspaceId)
    .where('i.project_id', '=', q.projectId)
    .where('i.status_category', 'not in', ['done', 'cancelled'])
    .where((eb) =>
      eb.or([
        eb('t.state', 'is', null),
        eb('t.state', '=', 'untriaged'),
        eb.and([eb('t.state', '=', 'snoozed'), eb('t.snoozed_until', '<=', q.now)]),
      ]),
    );
  if (q.teamId !== undefined) query = query.where('i.assignee_team_id', '=', q.teamId);
  return query.orderBy(sql`COALESCE(sev.score, -1)`, 'desc').orderBy('i.id', 'desc').limit(q.limit).execute();
}
