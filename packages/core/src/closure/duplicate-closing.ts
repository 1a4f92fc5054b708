/**
 * Closing an issue as a duplicate of its original (without merging it): which originals are
 * acceptable, and who of the duplicate's people should follow the original from now on.
 */
export interface DuplicateSide {
  id: number;
  key: string;
  closed: boolean;
  resolution: string | null;
  /** For an original closed as a duplicate itself: the key of its own original, when linked. */
  duplicateOf: string | null;
}

export type DuplicateRefusal =
  | { code: 'self'; message: string }
  | { code: 'already_closed'; message: string }
  | { code: 'original_is_duplicate'; message: string };

export function duplicateRefusal(dup: DuplicateSide, original: DuplicateSide): DuplicateRefusal | null {
  if (dup.id === original.id) return { code: 'self', message: 'An issue cannot duplicate itself' };
  if (dup.closed) return { code: 'already_closed', message: `${dup.key} is already closed; reopen it first` };
  if (original.resolution === 'duplicate') {
    // A chain would send people to an issue that is closed; point them at the root instead.
    const root = original.duplicateOf ? `; close as a duplicate of ${original.duplicateOf}` : '';
    return {
      code: 'original_is_duplicate',
      message: `${original.key} is itself closed as a duplicate${root}`,
    };
  }
  return null;
}

/**
 * The duplicate's watchers and its reporter follow the original from now on (those already
 * watching it are left as they are); the person closing it chose to and is not added.
 */
export function followersOfOriginal(input: {
  dupWatcherIds: readonly number[];
  dupReporterId: number | null;
  originalWatcherIds: readonly number[];
  actorId: number;
}): { subscribed: number[]; reporters: number[] } {
  const already = new Set([...input.originalWatcherIds, input.actorId]);
  const reporters =
    input.dupReporterId !== null && !already.has(input.dupReporterId) ? [input.dupReporterId] : [];
  const subscribed = [...new Set(input.dupWatcherIds)].filter(
    (u) => !already.has(u) && u !== input.dupReporterId,
  );
  return { subscribed, reporters };
}

/** The note a duplicate closes with when the closer wrote none: where the work continues. */
export function duplicateNote(originalKey: string, note: string | null | undefined): string {
  const given = note?.trim();
  return given ? `Duplicate of ${originalKey}. ${given}` : `Duplicate of ${originalKey}.`;
}
