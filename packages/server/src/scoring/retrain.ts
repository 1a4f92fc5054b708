import { evaluateModel, MIN_EXAMPLES } from '@closeloop/core/scoring/priority-model';
import type { Store } from '../store/db.ts';
import {
  priorityExamplesOf,
  projectScoring,
  projectsToRetrain,
  saveProjectScoring,
} from '../store/severity-store.ts';
import { inTransaction } from '../store/transaction.ts';

/**
 * Retrains the priority model of every project whose labelled examples changed since its last
 * training (from MIN_EXAMPLES on). The learned weights are kept only when evaluateModel adopts them;
 * either way both accuracies and the example count are stored for the settings page, and the
 * project's scores are marked stale so the worker rescores them with the weights now in force.
 */
export async function retrainModels(store: Store, now: number): Promise<number[]> {
  const projects = await projectsToRetrain(store, MIN_EXAMPLES);
  for (const projectId of projects) {
    await inTransaction(store, async (tx) => {
      const examples = await priorityExamplesOf(tx, projectId);
      const m = evaluateModel(examples);
      const before = await projectScoring(tx, projectId);
      await saveProjectScoring(tx, {
        ...before,
        weights: m.adopted ? JSON.stringify(m.weights) : null,
        examples: m.examples,
        default_accuracy: m.defaultAccuracy,
        learned_accuracy: m.learnedAccuracy,
        trained_at: now,
      });
      await tx.db
        .updateTable('issue_severity')
        .set({ stale: 1 })
        .where('project_id', '=', projectId)
        .execute();
    });
  }
  return projects;
}
