import type { Services } from '../services.ts';
import { ChangeFeed } from './change-feed.ts';

/**
 * The live parts that belong to one running set of Services: the change feed that SSE
 * connections listen to and the reactor that turns bus changes into watchers, notifications and
 * change-log entries. Kept beside Services rather than in it so areas that do not use them never
 * construct them.
 */
export interface LiveRuntime {
  feed: ChangeFeed;
  /** Open SSE connections, ended when the app closes. */
  streams: Set<{ end(): void }>;
  /** Resolves when every change published so far has been processed (tests, graceful shutdown). */
  idle(): Promise<void>;
  setIdle(fn: () => Promise<void>): void;
}

const runtimes = new WeakMap<Services, LiveRuntime>();

export function liveOf(svc: Services): LiveRuntime {
  let rt = runtimes.get(svc);
  if (!rt) {
    let idle: () => Promise<void> = async () => {};
    rt = {
      feed: new ChangeFeed(),
      streams: new Set(),
      idle: () => idle(),
      setIdle: (fn) => {
        idle = fn;
      },
    };
    runtimes.set(svc, rt);
  }
  return rt;
}
