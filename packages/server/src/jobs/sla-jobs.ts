import { evaluateSla, sweepSla } from '../commands/sla-evaluate.ts';
import type { Change } from '../live/change-bus.ts';
import type { Services } from '../services.ts';

/** How often the worker looks for clocks that reach a warning or a breach by time alone. */
export const SLA_SWEEP_MS = 10_000;

/**
 * Changes that can move an issue's clocks: a response, a status, priority or type change, creation,
 * and a custom field change (targets can be per field value).
 */
function movesClocks(c: Change): boolean {
  if (c.type === 'issue.created' || c.type === 'comment.created' || c.type === 'comment.deleted') return true;
  if (c.type !== 'issue.updated') return false;
  return (c.fields ?? []).some(
    (f) => f === 'status' || f === 'priority' || f === 'type' || f.startsWith('custom.'),
  );
}

/**
 * SLA timers on the job queue: `sla.evaluate` recomputes one issue's clocks after a change that
 * can move them; the recurring `sla.sweep` evaluates issues whose next warning or due instant has
 * come (issue_sla.next_check_at), so a breach is marked within SLA_SWEEP_MS of happening.
 */
export function defineSlaJobs(svc: Services): void {
  svc.jobs.define('sla.evaluate', async (p: { issueId: number }, ctx) => {
    await evaluateSla(svc, [p.issueId], ctx.now);
  });
  svc.jobs.every('sla.sweep', SLA_SWEEP_MS, async (_p, ctx) => {
    await sweepSla(svc, ctx.now);
  });
  svc.bus.subscribe((c) => {
    if (!movesClocks(c)) return;
    svc.jobs
      .enqueue({
        kind: 'sla.evaluate',
        payload: { issueId: c.issueId },
        dedupeKey: `sla:${c.issueId}`,
        rerunIfRunning: true,
      })
      .catch((err) => console.warn('could not enqueue an SLA evaluation', err));
  });
}
