import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';

/**
 * Rules of merging a duplicate into its original (the server moves the rows; these decide).
 */

export interface MergeSide {
  id: number;
  key: string;
  /** The issue this one is merged into, when it is an active duplicate itself. */
  mergedInto: string | null;
}

export type MergeRefusal =
  | { code: 'self'; message: string }
  | { code: 'already_merged'; message: string }
  | { code: 'original_is_duplicate'; message: string };

export function mergeRefusal(duplicate: MergeSide, original: MergeSide): MergeRefusal | null {
  if (duplicate.id === original.id) return { code: 'self', message: 'An issue cannot be merged into itself' };
  if (duplicate.mergedInto) {
    return {
      code: 'already_merged',
      message: `${duplicate.key} is already merged into ${duplicate.mergedInto}; undo that merge first`,
    };
  }
  if (original.mergedInto) {
    // Chains would send later events two hops away and make undo order matter; merge into the root.
    return {
      code: 'original_is_duplicate',
      message: `${original.key} is itself merged into ${original.mergedInto}; merge into ${original.mergedInto}`,
    };
  }
  return null;
}

/**
 * The status a merged duplicate is closed with: the workflow's first status of category `done`
 * (a duplicate is resolved, with resolution "duplicate"), else its first `cancelled` one.
 */
export function duplicateClosingStatus<S extends { key: string; category: string }>(
  statuses: readonly S[],
): S | null {
  return (
    statuses.find((s) => s.category === 'done') ?? statuses.find((s) => s.category === 'cancelled') ?? null
  );
}

/**
 * What the issue page and triage offer for a likely duplicate: merging into an open original; a
 * closed one is not merged into (its events and comments would vanish into a closed issue): the
 * new issue is a recurrence of it (closure/recurrence.ts links it and brings its lessons), so the
 * offer is to open it.
 */
export function likelyDuplicateOffer(original: { statusCategory: string }): 'merge' | 'recurrence' {
  return CLOSED_CATEGORIES.includes(original.statusCategory as StatusCategory) ? 'recurrence' : 'merge';
}
