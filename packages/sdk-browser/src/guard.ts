import { debugLog } from './debug.ts';

/**
 * Re-entrancy guard. While the SDK is doing its own work (building or sending an event,
 * logging) `insideSdk()` is true, and every hook that could produce an event bails out —
 * so an SDK failure, or a console.error / fetch the SDK itself triggers, never becomes an
 * event about itself.
 */
let depth = 0;

export function insideSdk(): boolean {
  return depth > 0;
}

/** Runs `fn` as SDK work: exceptions are swallowed (logged in debug builds), never rethrown. */
export function guarded<T>(fn: () => T): T | undefined {
  depth++;
  try {
    return fn();
  } catch (error) {
    if (__DEBUG__) debugLog('internal error', error);
    return undefined;
  } finally {
    depth--;
  }
}
