import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';

const isClosed = (c: StatusCategory) => CLOSED_CATEGORIES.includes(c);

/**
 * What moving between status categories does to the closing fields. Closing stamps closed_at and
 * always leaves a resolution (done → fixed unless given, cancelled → declined); reopening clears
 * both, so a reopened issue never carries a stale resolution.
 */
export function closingFields(
  from: StatusCategory,
  to: StatusCategory,
  current: { closedAt: number | null; resolution: string | null },
  requested: { resolution?: string | null | undefined },
  now: number,
): { closedAt: number | null; resolution: string | null } {
  if (isClosed(to)) {
    const resolution = requested.resolution ?? current.resolution ?? (to === 'done' ? 'fixed' : 'declined');
    return { closedAt: isClosed(from) ? (current.closedAt ?? now) : now, resolution };
  }
  return { closedAt: null, resolution: null };
}
