/**
 * Bounded FIFO. When full, the oldest items are dropped (a server that is down for an hour
 * must not grow the host's heap without limit; recent events say more) and counted.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  dropped = 0;

  constructor(readonly max: number) {}

  get size(): number {
    return this.items.length;
  }

  push(...items: T[]): void {
    this.items.push(...items);
    this.trim();
  }

  /** Puts items back at the front: a batch that must be retried keeps its place. */
  unshift(items: T[]): void {
    this.items.unshift(...items);
    this.trim();
  }

  /** Removes and returns items from the front while `fits(item, takenSoFar)` says yes (at least one). */
  take(maxItems: number, fits: (item: T, taken: T[]) => boolean = () => true): T[] {
    const taken: T[] = [];
    while (taken.length < maxItems && this.items.length > 0) {
      const next = this.items[0] as T;
      if (taken.length > 0 && !fits(next, taken)) break;
      taken.push(next);
      this.items.shift();
    }
    return taken;
  }

  toArray(): T[] {
    return this.items.slice();
  }

  private trim(): void {
    const excess = this.items.length - this.max;
    if (excess > 0) {
      this.items.splice(0, excess);
      this.dropped += excess;
    }
  }
}
