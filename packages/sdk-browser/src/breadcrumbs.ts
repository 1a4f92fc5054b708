import type { Breadcrumb } from '@closeloop/shared/ingest/event';

export const DEFAULT_MAX_BREADCRUMBS = 50;
/** The contract accepts at most 100 breadcrumbs per event. */
export const MAX_BREADCRUMBS_LIMIT = 100;

/** Ring buffer of the last `max` breadcrumbs, oldest first when read. */
export class BreadcrumbBuffer {
  private readonly items: Breadcrumb[] = [];
  private readonly max: number;

  constructor(max: number) {
    this.max = Math.max(0, Math.min(MAX_BREADCRUMBS_LIMIT, Math.floor(max)));
  }

  add(crumb: Breadcrumb): void {
    if (this.max === 0) return;
    this.items.push(crumb);
    if (this.items.length > this.max) this.items.shift();
  }

  snapshot(): Breadcrumb[] {
    return this.items.slice();
  }
}
