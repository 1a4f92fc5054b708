import { pruneReplays, REPLAY_PRUNE_EVERY_MS } from '../commands/replays.ts';
import type { Services } from '../services.ts';

/** `replay.prune`: hourly, deletes recordings past their project's retention (idempotent). */
export function defineReplayJobs(svc: Services): void {
  svc.jobs.every('replay.prune', REPLAY_PRUNE_EVERY_MS, async (_payload, ctx) => {
    await pruneReplays(svc, ctx.now);
  });
}
