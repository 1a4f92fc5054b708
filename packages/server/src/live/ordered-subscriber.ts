import type { Change, ChangeBus } from './change-bus.ts';

/**
 * Subscribes `fn` to the bus so it handles changes one after another in bus order (jobs it
 * enqueues then get ids in the order the changes happened). A failure is logged and the next
 * change still runs. Answers `settled()`, which resolves when every change so far is handled.
 */
export function subscribeInOrder(
  bus: ChangeBus,
  what: string,
  fn: (change: Change) => Promise<unknown>,
): { settled(): Promise<void> } {
  let tail: Promise<void> = Promise.resolve();
  bus.subscribe((change) => {
    tail = tail.then(async () => {
      try {
        await fn(change);
      } catch (err) {
        console.warn(`could not ${what}`, err);
      }
    });
  });
  return { settled: () => tail };
}
