import { verifierRefusal } from '@closeloop/core/closure/verification-step';
import { findStatus } from '@closeloop/core/workflows/workflow-rules';
import type { Issue } from '@closeloop/shared/api/issues';
import type { WorkflowDef } from '@closeloop/shared/api/workflows';
import { Forbidden } from '@closeloop/shared/errors';
import { lastMovedInto } from '../store/activity-store.ts';
import type { Tx } from '../store/transaction.ts';

/**
 * Refuses a move out of a verification step to done by the person who moved the issue into it
 * (the paper trail's last move into the current status says who that was).
 */
export async function assertVerifier(
  tx: Tx,
  workflow: WorkflowDef,
  before: Issue,
  to: { category: string },
  actorId: number | null,
): Promise<void> {
  const from = findStatus(workflow, before.status);
  if (!from?.verification || to.category !== 'done') return;
  const resolverId = await lastMovedInto(tx, before.id, before.status);
  const refusal = verifierRefusal({ from, toCategory: to.category, resolverId, actorId });
  if (refusal) throw new Forbidden(refusal, { field: 'status', status: before.status });
}
