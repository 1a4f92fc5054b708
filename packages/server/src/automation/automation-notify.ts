import type { PlannedEdit } from '@closeloop/core/automation/automation-rules';
import { teamSettings } from '../store/assignment-store.ts';
import { insertNotifications } from '../store/notifications-store.ts';
import type { Tx } from '../store/transaction.ts';
import { findMembership } from '../store/workspaces-store.ts';

interface NotifySubject {
  workspaceId: number;
  issueId: number;
  assigneeUserId: number | null;
  assigneeTeamId: number | null;
}

/**
 * A rule's notify actions: one in-app notification (kind `automation`, the rule's name in its
 * fields, the rule's author as actor) to each of the assignee, the assignee team's lead and the
 * chosen people who are still members. Returns how many people were notified.
 */
export async function notifyForRule(
  tx: Tx,
  to: NonNullable<PlannedEdit['notify']>,
  issue: NotifySubject,
  rule: { name: string; authorId: number },
): Promise<number> {
  const users = new Set<number>();
  if (to.assignee && issue.assigneeUserId !== null) users.add(issue.assigneeUserId);
  if (to.teamLead && issue.assigneeTeamId !== null) {
    const lead = (await teamSettings(tx, issue.assigneeTeamId)).leadUserId;
    if (lead !== null) users.add(lead);
  }
  for (const id of to.userIds) if (await findMembership(tx, issue.workspaceId, id)) users.add(id);
  await insertNotifications(
    tx,
    [...users].map((userId) => ({
      workspaceId: issue.workspaceId,
      userId,
      issueId: issue.issueId,
      commentId: null,
      actorId: rule.authorId,
      kind: 'automation',
      fields: [rule.name],
      emailState: 'none' as const,
    })),
  );
  return users.size;
}
