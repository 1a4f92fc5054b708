/** Cut `s` to at most `max` characters (the contract's field limits), marking the cut. */
export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** A best-effort string for any thrown / logged value; never throws. */
export function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // cyclic or exotic: fall back to String()
  }
  try {
    return String(value);
  } catch {
    return '[unserialisable]';
  }
}
