/**
 * A map for anything keyed by client input (ingest keys, rate-limit buckets, memoised
 * fingerprints): at most `maxEntries` entries, none older than `maxAgeMs`. A client sending
 * endless random keys costs a bounded amount of memory; the least recently written entry goes first.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();

  constructor(private readonly limits: { maxEntries: number; maxAgeMs: number }) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K, now: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.at > this.limits.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: K, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    // Map iteration is insertion order: the oldest writes sit at the front.
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && now - e.at <= this.limits.maxAgeMs) break;
      this.entries.delete(k);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
