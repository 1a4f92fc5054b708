/**
 * Which of an issue's closest matches show how a similar problem was solved before: closed ones,
 * in the similarity engine's order. A match closed as a duplicate is left out, because what was
 * learned lives on its original (which the engine finds on its own); open matches are shown
 * elsewhere as possible duplicates, not as past resolutions.
 */
export interface PastCandidate {
  statusCategory: string;
  resolution: string | null;
}

const CLOSED = new Set(['done', 'cancelled']);

export function pastResolutions<T extends PastCandidate>(matches: readonly T[], limit: number): T[] {
  return matches.filter((m) => CLOSED.has(m.statusCategory) && m.resolution !== 'duplicate').slice(0, limit);
}
