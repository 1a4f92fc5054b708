import type { SimilarMatch } from '../similarity/engine.ts';

/**
 * Duplicates at the door (issue 17.5): while a reporter types, the open issues that look the same
 * are offered ("Is it one of these?"). Lower than LIKELY_DUPLICATE_SCORE (0.6), which files a
 * report as a +1 by itself: here a person looks and decides, so a weaker likeness is worth showing.
 */
export const DOOR_OFFER_SCORE = 0.3;
/** A reporter reads a handful of titles, not a search result page. */
export const DOOR_OFFER_LIMIT = 3;

/**
 * Which matches a reporter is offered: only issues they may see (`offerable`: open issues the team
 * has answered publicly, decided by the store), above DOOR_OFFER_SCORE, best first, at most
 * DOOR_OFFER_LIMIT. The engine's order is kept.
 */
export function doorOffers(matches: readonly SimilarMatch[], offerable: ReadonlySet<number>): number[] {
  return matches
    .filter((m) => m.score >= DOOR_OFFER_SCORE && offerable.has(m.id))
    .slice(0, DOOR_OFFER_LIMIT)
    .map((m) => m.id);
}
