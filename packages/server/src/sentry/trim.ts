/**
 * Bounding helpers for untrusted Sentry payloads. SDK payloads are arbitrary JSON; Closeloop's
 * event schema has hard limits, and the mapping promise is "truncate, never fail".
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cut a string to at most `max` UTF-16 units, marking the cut with an ellipsis. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  if (max <= 1) return value.slice(0, Math.max(0, max));
  let cut = value.slice(0, max - 1);
  // A cut between the halves of a surrogate pair would leave a lone high surrogate behind.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A string, or a finite number / boolean rendered as one (Sentry SDKs send user ids as numbers). */
export function asString(value: unknown, max = 1_000): string | undefined {
  if (typeof value === 'string') return truncate(value, max);
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
    return truncate(String(value), max);
  }
  return undefined;
}

/** A non-empty string (after trimming nothing), else undefined. */
export function asNonEmptyString(value: unknown, max = 1_000): string | undefined {
  const s = asString(value, max);
  return s === undefined || s === '' ? undefined : s;
}

/** A whole number the schema accepts: non-negative and within the safe integer range. */
export function asNonNegativeInt(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  const int = Math.floor(value);
  return Number.isSafeInteger(int) ? int : undefined;
}

export interface TrimLimits {
  depth: number;
  string: number;
  keys: number;
  array: number;
}

export const DEFAULT_TRIM: TrimLimits = { depth: 6, string: 2_000, keys: 100, array: 100 };

/**
 * A JSON-safe copy of `value` within `limits`: strings cut, objects and arrays capped, deep
 * nesting replaced by a marker, non-finite numbers and non-JSON values dropped.
 */
export function trimJson(value: unknown, limits: TrimLimits = DEFAULT_TRIM, depth = 0): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return truncate(value, limits.string);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return undefined;
  if (depth >= limits.depth) return '[depth limit]';
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value.slice(0, limits.array)) {
      const trimmed = trimJson(item, limits, depth + 1);
      out.push(trimmed === undefined ? null : trimmed);
    }
    return out;
  }
  return trimRecord(value as JsonRecord, limits, depth);
}

export function trimRecord(value: JsonRecord, limits: TrimLimits = DEFAULT_TRIM, depth = 0): JsonRecord {
  const out: JsonRecord = {};
  let count = 0;
  for (const [key, item] of Object.entries(value)) {
    if (count >= limits.keys) break;
    const trimmed = trimJson(item, limits, depth + 1);
    if (trimmed === undefined) continue;
    out[truncate(key, 200)] = trimmed;
    count++;
  }
  return out;
}
