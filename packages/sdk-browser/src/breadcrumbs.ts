import type { Breadcrumb } from '@closeloop/shared/ingest/event';

export const DEFAULT_MAX_BREADCRUMBS = 50;
/** The contract accepts at most 100 breadcrumbs per event. */
export const MAX_BREADCRUMBS_LIMIT = 100;

/** Ring buffer of the last `max` breadcrumbs, oldest first when read. */
export class BreadcrumbBuffer {
  private readonly _items: Breadcrumb[] = [];
  private readonly _max: number;

  constructor(max: number) {
    this._max = Math.max(0, Math.min(MAX_BREADCRUMBS_LIMIT, Math.floor(max)));
  }

  _add(crumb: Breadcrumb): void {
    if (this._max === 0) return;
    this._items.push(crumb);
    if (this._items.length > this._max) this._items.shift();
  }

  _snapshot(): Breadcrumb[] {
    return this._items.slice();
  }
}
