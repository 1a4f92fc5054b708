import { matchesPattern } from './route-template.ts';

/**
 * Flows (funnels): ordered URL patterns such as `/cart` → `/checkout` → `/order/confirmed`.
 * A session *entered* a flow when it visited a page matching the first step, and *completed* it
 * when it then visited pages matching every later step, in order (other pages in between are
 * fine). A session that entered and did not complete abandoned it.
 */
export interface Flow {
  name: string;
  steps: string[];
}

export interface Visit {
  path: string;
  at: number;
}

/** How many steps the session reached in order (0: never entered). */
export function stepsReached(flow: Flow, visits: readonly Visit[]): number {
  const sorted = [...visits].sort((a, b) => a.at - b.at);
  let step = 0;
  for (const v of sorted) {
    if (step < flow.steps.length && matchesPattern(flow.steps[step]!, v.path)) step++;
  }
  return step;
}

export interface Conversion {
  sessions: number;
  entered: number;
  completed: number;
  /** completed / entered, null when nobody entered. */
  rate: number | null;
  /** (entered - completed) / entered. */
  abandonment: number | null;
}

export function conversion(flow: Flow, sessions: readonly (readonly Visit[])[]): Conversion {
  let entered = 0;
  let completed = 0;
  for (const visits of sessions) {
    const n = stepsReached(flow, visits);
    if (n > 0) entered++;
    if (n === flow.steps.length) completed++;
  }
  return {
    sessions: sessions.length,
    entered,
    completed,
    rate: entered ? completed / entered : null,
    abandonment: entered ? (entered - completed) / entered : null,
  };
}
