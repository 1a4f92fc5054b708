import { type CountsMoved, thresholdCrossed } from '@closeloop/core/automation/automation-rules';
import type { AutomationTrigger } from '@closeloop/shared/api/automation';
import { thresholdTriggers } from '../store/automation-store.ts';
import { enqueueJob } from '../store/jobs-store.ts';
import type { Tx } from '../store/transaction.ts';

/** The job that runs threshold rules for one crossing (defined in automation-jobs.ts). */
export const THRESHOLD_KIND = 'automation.threshold';

type ThresholdTrigger = Extract<AutomationTrigger, { type: 'threshold' }>;

/**
 * The grouping worker's view of threshold rules during one batch: each project's thresholds are
 * read once, and a group whose event or user count crosses one gets an `automation.threshold`
 * job in the batch's own transaction — so a crossing is acted on exactly when its events are
 * stored, and once, because the counts only cross a number once.
 */
export class ThresholdWatch {
  private readonly byProject = new Map<number, readonly ThresholdTrigger[]>();

  async note(
    tx: Tx,
    at: { workspaceId: number; projectId: number; issueId: number; issueKey: () => Promise<string> },
    counts: CountsMoved,
  ): Promise<void> {
    let triggers = this.byProject.get(at.projectId);
    if (!triggers) {
      triggers = await thresholdTriggers(tx, at.projectId);
      this.byProject.set(at.projectId, triggers);
    }
    if (!triggers.some((t) => thresholdCrossed(t, counts))) return;
    await enqueueJob(tx, {
      kind: THRESHOLD_KIND,
      payload: { workspaceId: at.workspaceId, issueId: at.issueId, issueKey: await at.issueKey(), counts },
      orderingKey: `automation:${at.issueId}`,
    });
  }
}
