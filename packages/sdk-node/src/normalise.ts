/**
 * Turns arbitrary values (from `extra`, thrown non-errors) into JSON the server accepts: no
 * cycles, no BigInt, no functions, bounded depth and size. `JSON.stringify` of an event must
 * never throw inside the SDK.
 */
const MAX_DEPTH = 5;
const MAX_KEYS = 100;
const MAX_STRING = 4_000;

export function normalise(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'undefined') return '[undefined]';
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => normalise(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    let n = 0;
    for (const key of Object.keys(value)) {
      if (n++ >= MAX_KEYS) {
        out['…'] = 'truncated';
        break;
      }
      let v: unknown;
      try {
        v = (value as Record<string, unknown>)[key];
      } catch {
        v = '[Throwing getter]';
      }
      out[key] = normalise(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
