import type { Change } from '../live/change-bus.ts';
import { subscribeInOrder } from '../live/ordered-subscriber.ts';
import type { Services } from '../services.ts';
import { runAutomation, runThresholdRules, type ThresholdCrossing } from './automation-engine.ts';
import { runDueSchedules, SCHEDULE_SWEEP_MS } from './automation-schedule.ts';
import { THRESHOLD_KIND } from './threshold-watch.ts';

const subs = new WeakMap<object, { settled(): Promise<void> }>();

/** Resolves when every change published so far has its automation job queued (tests wait on it). */
export function automationQueued(svc: Services): Promise<void> {
  return subs.get(svc.bus)?.settled() ?? Promise.resolve();
}

/**
 * Each committed change becomes an `automation.evaluate` job (durable, retried), one issue's
 * jobs in the order of its changes. Threshold crossings come as `automation.threshold` jobs from
 * the grouping worker; schedule rules run from the recurring `automation.schedule` sweep.
 */
export function defineAutomationJobs(svc: Services): void {
  svc.jobs.define('automation.evaluate', (p: { change: Change }) => runAutomation(svc, p.change), {
    maxAttempts: 3,
  });
  svc.jobs.define(THRESHOLD_KIND, (p: ThresholdCrossing) => runThresholdRules(svc, p), { maxAttempts: 3 });
  svc.jobs.every('automation.schedule', SCHEDULE_SWEEP_MS, async (_p, ctx) => {
    await runDueSchedules(svc, ctx.now);
  });
  const sub = subscribeInOrder(svc.bus, 'queue automation for a change', async (change) => {
    if (
      change.type === 'issue.deleted' ||
      (change.type.startsWith('comment.') && change.type !== 'comment.created')
    )
      return;
    await svc.jobs.enqueue({
      kind: 'automation.evaluate',
      payload: { change },
      orderingKey: `automation:${change.issueId}`,
    });
  });
  subs.set(svc.bus, sub);
}
