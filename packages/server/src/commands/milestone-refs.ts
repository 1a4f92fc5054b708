import { Invalid } from '@closeloop/shared/errors';
import { findMilestone, findMilestoneByName } from '../store/milestones-store.ts';
import type { Tx } from '../store/transaction.ts';

/**
 * Resolves the `milestone` of an issue create/edit body (an id or a name) to a milestone id in
 * the project. undefined = leave as is, null = take the issue out of its milestone.
 */
export async function resolveMilestoneId(
  tx: Tx,
  workspaceId: number,
  projectId: number,
  ref: number | string | null | undefined,
): Promise<number | null | undefined> {
  if (ref === undefined || ref === null) return ref;
  const row =
    typeof ref === 'number'
      ? await findMilestone(tx, workspaceId, ref)
      : await findMilestoneByName(tx, projectId, ref);
  if (!row || row.project_id !== projectId) {
    throw new Invalid(`No milestone ${JSON.stringify(ref)} in this issue's project`, { field: 'milestone' });
  }
  return row.id;
}
