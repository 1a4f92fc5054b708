import { assertCan, can } from '@closeloop/core/permissions/permissions';
import { rollUpTime } from '@closeloop/core/relations/progress';
import type { Worklog, WorklogCreate } from '@closeloop/shared/api/relations';
import { Forbidden, NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { subtreeGroups } from '../store/issue-tree.ts';
import { inTransaction } from '../store/transaction.ts';
import {
  deleteWorklog,
  findWorklog,
  insertWorklog,
  listWorklogs,
  type WorklogRow,
} from '../store/worklogs-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';

function present(r: WorklogRow): Worklog {
  return {
    id: r.id,
    issueId: r.issue_id,
    userId: r.user_id,
    minutes: r.minutes,
    date: r.work_date,
    note: r.note,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  };
}

function announce(svc: Services, actor: Actor, issue: { id: number; key: string }) {
  svc.bus.publish({
    workspaceId: actor.workspaceId,
    type: 'issue.updated',
    issueId: issue.id,
    issueKey: issue.key,
    actorId: actor.userId,
    fields: ['loggedMinutes'],
    at: Date.now(),
  });
}

/** Logs the actor's own time on an issue; anyone who may edit the issue may log on it. */
export async function logWork(
  svc: Services,
  actor: Actor,
  key: string,
  input: WorklogCreate,
): Promise<Worklog> {
  assertCan(actor.role, 'issue.update');
  const { row, issue } = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const row = await insertWorklog(tx, {
      workspaceId: actor.workspaceId,
      issueId: issue.id,
      userId: actor.userId,
      minutes: input.minutes,
      date: input.date ?? new Date().toISOString().slice(0, 10),
      note: input.note,
    });
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: issue.id,
        actorId: actor.userId,
        action: 'work_logged',
        field: 'loggedMinutes',
        from: issue.loggedMinutes,
        to: { worklogId: row.id, minutes: row.minutes, loggedMinutes: issue.loggedMinutes + row.minutes },
      },
    ]);
    return { row, issue };
  });
  announce(svc, actor, issue);
  return present(row);
}

/** Authors delete their own logs; admins delete anyone's. */
export async function deleteWork(svc: Services, actor: Actor, key: string, id: number) {
  assertCan(actor.role, 'issue.update');
  const issue = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const row = await findWorklog(tx, actor.workspaceId, issue.id, id);
    if (!row) throw new NotFound(`Work log ${id} on ${issue.key}`);
    if (row.user_id !== actor.userId && !can(actor.role, 'worklog.delete-any')) {
      throw new Forbidden('Only the author or an admin can delete this work log');
    }
    await deleteWorklog(tx, row);
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: issue.id,
        actorId: actor.userId,
        action: 'worklog_deleted',
        field: 'loggedMinutes',
        from: { worklogId: row.id, minutes: row.minutes, userId: row.user_id },
        to: issue.loggedMinutes - row.minutes,
      },
    ]);
    return issue;
  });
  announce(svc, actor, issue);
}

export async function listWork(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const [rows, tree] = [await listWorklogs(svc.store, issue.id), await subtreeGroups(svc.store, issue.id)];
  return {
    items: rows.map(present),
    estimateMinutes: issue.estimateMinutes,
    loggedMinutes: issue.loggedMinutes,
    rollup: rollUpTime(issue, tree.descendants),
  };
}
