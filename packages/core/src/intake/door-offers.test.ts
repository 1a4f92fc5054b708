import { describe, expect, it } from 'vitest';
import type { SimilarMatch } from '../similarity/engine.ts';
import { DOOR_OFFER_LIMIT, DOOR_OFFER_SCORE, doorOffers } from './door-offers.ts';

const match = (id: number, score: number): SimilarMatch => ({
  id,
  score,
  signals: { text: score, title: 0, frames: 0, recency: 0 },
});

describe('issues offered to a reporter at the door', () => {
  it('offers only issues the reporter may see, in the engine order', () => {
    const matches = [match(1, 0.9), match(2, 0.8), match(3, 0.7)];
    expect(doorOffers(matches, new Set([3, 1]))).toEqual([1, 3]);
  });

  it('leaves out weak likenesses below the offer score', () => {
    const matches = [match(1, DOOR_OFFER_SCORE), match(2, DOOR_OFFER_SCORE - 0.01)];
    expect(doorOffers(matches, new Set([1, 2]))).toEqual([1]);
  });

  it('offers a handful at most', () => {
    const matches = Array.from({ length: 8 }, (_, i) => match(i + 1, 0.9 - i / 100));
    expect(doorOffers(matches, new Set(matches.map((m) => m.id)))).toHaveLength(DOOR_OFFER_LIMIT);
  });
});
