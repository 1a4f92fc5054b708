import { reactToChange } from '../commands/on-change.ts';
import type { Services } from '../services.ts';
import type { Change } from './change-bus.ts';
import { liveOf } from './live-runtime.ts';

/**
 * Subscribes to the ChangeBus and runs `reactToChange` for each change, one at a time and in bus
 * order, so change_log ids follow the order in which changes were committed. A failure is logged
 * and never reaches the request that made the change (it has answered already).
 * Answers a stop function that unsubscribes and waits for the queue to drain.
 */
export function startReactor(
  svc: Services,
  log: (err: unknown, change: Change) => void,
): () => Promise<void> {
  const live = liveOf(svc);
  let tail: Promise<void> = Promise.resolve();
  const unsubscribe = svc.bus.subscribe((change) => {
    tail = tail.then(async () => {
      try {
        await reactToChange(svc, change);
        live.feed.notify();
      } catch (err) {
        log(err, change);
      }
    });
  });
  live.setIdle(async () => {
    // A reaction can publish again (never today, but cheap to allow): wait until the tail settles.
    let seen: Promise<void> | undefined;
    while (seen !== tail) {
      seen = tail;
      await tail;
    }
  });
  return async () => {
    unsubscribe();
    await live.idle();
  };
}
