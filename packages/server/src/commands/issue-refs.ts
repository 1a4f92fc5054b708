import { parseIssueKey } from '@closeloop/core/issues/issue-key';
import { Invalid } from '@closeloop/shared/errors';
import { findIssueRow } from '../store/issues-store.ts';
import { findTeam } from '../store/teams-store.ts';
import type { Tx } from '../store/transaction.ts';
import { findMembership } from '../store/workspaces-store.ts';

/** Checks that ids and keys named in an issue edit point at things inside the actor's workspace. */

/**
 * A person and a team are separate facts about an issue (as in Jira and Linear): both may be set,
 * and the person need not belong to the team.
 */
export async function resolveAssignee(
  tx: Tx,
  workspaceId: number,
  userId: number | null | undefined,
  teamId: number | null | undefined,
) {
  if (userId && !(await findMembership(tx, workspaceId, userId))) {
    throw new Invalid('The assignee is not a member of this workspace', { field: 'assigneeUserId' });
  }
  if (teamId && !(await findTeam(tx, workspaceId, teamId))) {
    throw new Invalid('No such team in this workspace', { field: 'assigneeTeamId' });
  }
}

export async function resolveParentId(
  tx: Tx,
  workspaceId: number,
  parentKey: string | null | undefined,
  selfId?: number,
) {
  if (parentKey === undefined) return undefined;
  if (parentKey === null) return null;
  let key: { projectKey: string; number: number };
  try {
    key = parseIssueKey(parentKey);
  } catch {
    throw new Invalid(`"${parentKey}" is not an issue key like SHOP-42`, { field: 'parentKey' });
  }
  const parent = await findIssueRow(tx, workspaceId, key);
  if (!parent) throw new Invalid(`Parent issue ${parentKey} does not exist`, { field: 'parentKey' });
  if (selfId !== undefined) {
    // Walk up from the new parent: meeting ourselves would make a cycle.
    let cursor: typeof parent | undefined = parent;
    for (let depth = 0; cursor && depth < 100; depth++) {
      if (cursor.id === selfId)
        throw new Invalid('An issue cannot be its own ancestor', { field: 'parentKey' });
      cursor =
        cursor.parent_id === null ? undefined : await findIssueRow(tx, workspaceId, { id: cursor.parent_id });
    }
  }
  return parent.id;
}
