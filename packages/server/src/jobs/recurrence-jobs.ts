import { linkRecurrence } from '../commands/recurrence.ts';
import type { Services } from '../services.ts';

/**
 * `closure.recurrence`: each new issue (people-written or machine-found) is compared with closed
 * ones once, as a job, so creating an issue never waits for the similarity engine.
 */
export function defineRecurrenceJobs(svc: Services): void {
  svc.jobs.define('closure.recurrence', async (p: { workspaceId: number; issueId: number }, ctx) => {
    await linkRecurrence(svc, p.workspaceId, p.issueId, ctx.now);
  });
  svc.bus.subscribe((c) => {
    if (c.type !== 'issue.created') return;
    svc.jobs
      .enqueue({
        kind: 'closure.recurrence',
        payload: { workspaceId: c.workspaceId, issueId: c.issueId },
        dedupeKey: `recurrence:${c.issueId}`,
      })
      .catch((err) => console.warn('could not enqueue the recurrence check of a new issue', err));
  });
}
