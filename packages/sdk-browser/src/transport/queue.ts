/**
 * Bounded FIFO. When full, the oldest items are dropped (recent events are worth more than old
 * ones when a page is offline for a long time) and counted in `dropped`.
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

  /** Puts items back at the front (a batch that must be retried keeps its place). */
  unshift(items: T[]): void {
    this.items.unshift(...items);
    this.trim();
  }

  take(n: number): T[] {
    return this.items.splice(0, n);
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
