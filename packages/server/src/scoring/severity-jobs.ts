import type { Services } from '../services.ts';
import { pruneActivity } from '../store/project-activity-store.ts';
import { markOldSeverityStale } from '../store/severity-store.ts';
import { rescoreStale } from './rescore.ts';
import { retrainModels } from './retrain.ts';

const MINUTE = 60_000;
/** Trends, deadlines and release ages move with the clock: every score is redone at least this often. */
const MAX_SCORE_AGE = 10 * MINUTE;
/** Who counts as active is kept this long (the score reads the last week). */
const ACTIVITY_KEPT = 30 * 24 * 60 * MINUTE;

/**
 * The scoring's periodic work on the durable job queue. New evidence (the grouping worker marks
 * scores stale) and new issues are scored within seconds; everything else on the clock.
 */
export function defineSeverityJobs(svc: Services): void {
  svc.jobs
    .every('severity.rescore', 3_000, async (_p, ctx) => {
      while ((await rescoreStale(svc.store, ctx.now)) > 0) {
        // a big backlog (a deploy that touched many issues) drains in bounded batches
      }
    })
    .every('severity.age', MAX_SCORE_AGE, async (_p, ctx) => {
      await markOldSeverityStale(svc.store, ctx.now - MAX_SCORE_AGE);
    })
    .every('severity.retrain', 5 * MINUTE, async (_p, ctx) => {
      await retrainModels(svc.store, ctx.now);
    })
    .every('severity.prune-activity', 60 * MINUTE, async (_p, ctx) => {
      await pruneActivity(svc.store, ctx.now - ACTIVITY_KEPT);
    });
}
