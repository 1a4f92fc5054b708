/**
 * Bounded FIFO. When full, the oldest items are dropped (a page offline or a server down for an
 * hour must not grow memory without limit; recent events say more) and counted in `_dropped`.
 */
export class BoundedQueue<T> {
  private _items: T[] = [];
  _dropped = 0;

  constructor(readonly max: number) {}

  get _size(): number {
    return this._items.length;
  }

  _push(...items: T[]): void {
    this._items.push(...items);
    this._trim();
  }

  /** Puts items back at the front: a batch that must be retried keeps its place. */
  _unshift(items: T[]): void {
    this._items.unshift(...items);
    this._trim();
  }

  _take(n: number): T[] {
    return this._items.splice(0, n);
  }

  _toArray(): T[] {
    return this._items.slice();
  }

  private _trim(): void {
    const excess = this._items.length - this.max;
    if (excess > 0) {
      this._items.splice(0, excess);
      this._dropped += excess;
    }
  }
}
