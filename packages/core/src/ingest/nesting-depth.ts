/**
 * How deep a JSON value nests, counted without recursion (a hostile value may nest thousands of
 * levels; recursive walkers, JSON.stringify included, run out of stack on it), stopping as soon as
 * `limit` is passed so the cost stays bounded by the value's size.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Deeper than any real event (Sentry SDKs normalise to 3 levels); refused per event at ingest. */
export const MAX_EVENT_DEPTH = 64;
