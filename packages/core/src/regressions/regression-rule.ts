/**
 * When a closed machine-found issue has come back. An issue closed as *fixed* records the release
 * R that last showed the problem. A new event regresses it when it comes from a release first seen
 * after R (the fix did not hold, or the problem returned). Events from R or older releases are
 * stragglers from clients not yet updated and do not reopen. Without any release information an
 * event that happens after the closure regresses it. Issues closed for other reasons (won't fix,
 * duplicate…) never reopen by themselves.
 */
export interface RegressionInput {
  closed: boolean;
  resolution: string | null;
  closedAt: number | null;
  resolvedInRelease: string | null;
  resolvedReleaseFirstSeen: number | null;
  eventRelease: string | null;
  eventReleaseFirstSeen: number | null;
  eventAt: number;
}

export function isRegression(i: RegressionInput): boolean {
  if (!i.closed || i.resolution !== 'fixed') return false;
  if (i.resolvedInRelease && i.resolvedReleaseFirstSeen !== null) {
    if (!i.eventRelease || i.eventRelease === i.resolvedInRelease || i.eventReleaseFirstSeen === null)
      return false;
    return i.eventReleaseFirstSeen > i.resolvedReleaseFirstSeen;
  }
  return i.closedAt !== null && i.eventAt > i.closedAt;
}
