import { type PastCandidate, pastResolutions } from './past-resolutions.ts';

/**
 * Recurrence (issue 13 §5): a new issue that matches a closed one closely enough to be a likely
 * duplicate of it is the same problem back. The closest such match — closed before the new issue
 * was created, not itself a closed duplicate (its lessons live on its original) — is what the new
 * issue recurs; its lessons go to the top of the new issue's page.
 */
export interface RecurrenceCandidate extends PastCandidate {
  likelyDuplicate: boolean;
  closedAt: string | null;
}

export function recurrenceOf<T extends RecurrenceCandidate>(
  matches: readonly T[],
  createdAt: number,
): T | null {
  const closedBefore = matches.filter(
    (m) => m.likelyDuplicate && m.closedAt !== null && Date.parse(m.closedAt) <= createdAt,
  );
  return pastResolutions(closedBefore, 1)[0] ?? null;
}
