import { routeIssue } from '../commands/route-issue.ts';
import type { Services } from '../services.ts';

/** A new issue (from a person or a machine) is routed by ownership rules and team strategy, as a job. */
export function defineRoutingJobs(svc: Services): void {
  svc.jobs.define('issue.route', async (p: { workspaceId: number; issueId: number }, ctx) => {
    await routeIssue(svc, p.workspaceId, p.issueId, ctx.now);
  });
  svc.bus.subscribe((c) => {
    if (c.type !== 'issue.created') return;
    svc.jobs
      .enqueue({
        kind: 'issue.route',
        payload: { workspaceId: c.workspaceId, issueId: c.issueId },
        dedupeKey: `route:${c.issueId}`,
      })
      .catch((err) => console.warn('could not enqueue routing of a new issue', err));
  });
}
