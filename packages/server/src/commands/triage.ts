import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Triage, TriageAction, TriageState } from '@closeloop/shared/api/triage';
import { NotFound } from '@closeloop/shared/errors';
import { priorityFromRank } from '@closeloop/shared/issue-fields';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import type { IssueRow } from '../store/issue-row.ts';
import { hydrateIssues } from '../store/issues-store.ts';
import { gatherEvidence } from '../store/severity-evidence-store.ts';
import { findTeam } from '../store/teams-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { saveTriage, type TriageRow, triageQueueRows, triageRowsOf } from '../store/triage-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { requireProject } from './projects.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentTriage(row: TriageRow | undefined): Triage {
  if (!row)
    return {
      state: 'untriaged',
      snoozedUntil: null,
      wakeAtUsers: null,
      wakeAtEvents: null,
      decidedBy: null,
      decidedAt: null,
    };
  return {
    state: row.state as TriageState,
    snoozedUntil: iso(row.snoozed_until),
    wakeAtUsers: row.wake_users,
    wakeAtEvents: row.wake_events,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
  };
}

export async function triageOf(tx: Tx, issueId: number): Promise<Triage> {
  return presentTriage((await triageRowsOf(tx, [issueId])).get(issueId));
}

export async function getTriage(svc: Services, actor: Actor, key: string): Promise<Triage> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  return triageOf(svc.store, issue.id);
}

/**
 * Accept, snooze or put back an issue. Accepting takes it out of the queue whatever its status and
 * leaves the issue itself (status, version) alone; the change is recorded in its history.
 */
export async function triageIssue(
  svc: Services,
  actor: Actor,
  key: string,
  action: TriageAction,
): Promise<Triage> {
  assertCan(actor.role, 'issue.update');
  const now = Date.now();
  const { issue, after } = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const before = await triageOf(tx, issue.id);
    const row: TriageRow = {
      issue_id: issue.id,
      workspace_id: actor.workspaceId,
      state: action.action === 'snooze' ? 'snoozed' : action.action === 'accept' ? 'accepted' : 'untriaged',
      snoozed_until: null,
      wake_users: null,
      wake_events: null,
      decided_by: actor.userId,
      decided_at: now,
    };
    if (action.action === 'snooze') {
      // "Until it escalates" is stored as totals: today's count plus the margin asked for.
      const evidence =
        action.moreUsers !== undefined || action.moreEvents !== undefined
          ? await gatherEvidence(tx, issue.id, now)
          : null;
      row.snoozed_until = action.until !== undefined ? Date.parse(action.until) : null;
      row.wake_users =
        action.moreUsers !== undefined ? (evidence?.totals.users ?? 0) + action.moreUsers : null;
      row.wake_events =
        action.moreEvents !== undefined ? (evidence?.totals.events ?? 0) + action.moreEvents : null;
    }
    await saveTriage(tx, row);
    const after = presentTriage(row);
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: issue.id,
        actorId: actor.userId,
        action: 'changed',
        field: 'triage',
        from: before.state,
        to: after.state,
      },
    ]);
    return { issue, after };
  });
  svc.bus.publish({
    workspaceId: actor.workspaceId,
    type: 'issue.updated',
    issueId: issue.id,
    issueKey: issue.key,
    actorId: actor.userId,
    fields: ['triage'],
    at: now,
    origin: 'person',
  });
  return after;
}

/** The ranked queue of a project (or of one team within it): untriaged issues, highest severity first. */
export async function triageQueue(
  svc: Services,
  actor: Actor,
  projectKey: string,
  q: { team?: string | undefined; limit: number },
) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  let teamId: number | undefined;
  if (q.team !== undefined) {
    const team = await findTeam(svc.store, actor.workspaceId, q.team.toLowerCase());
    if (!team) throw new NotFound(`Team ${q.team}`);
    teamId = team.id;
  }
  const rows = await triageQueueRows(svc.store, {
    workspaceId: actor.workspaceId,
    projectId: project.id,
    ...(teamId !== undefined ? { teamId } : {}),
    now: Date.now(),
    limit: q.limit,
  });
  const issues = await hydrateIssues(svc.store, rows as IssueRow[]);
  return {
    items: rows.map((r, i) => ({
      issue: issues[i]!,
      score: r.sev_score ?? null,
      proposedPriority: r.sev_proposed === null ? null : priorityFromRank(r.sev_proposed),
      reasons: r.sev_reasons ?? '',
    })),
  };
}
