import { describe, expect, it } from 'vitest';
import { likelyDuplicateOffer } from './merge-rules.ts';

describe('likelyDuplicateOffer', () => {
  it('offers merging into an open original, whatever its stage', () => {
    for (const statusCategory of ['backlog', 'todo', 'in_progress'])
      expect(likelyDuplicateOffer({ statusCategory }), statusCategory).toBe('merge');
  });
  it('never offers merging into a closed original: the new issue is its recurrence', () => {
    expect(likelyDuplicateOffer({ statusCategory: 'done' })).toBe('recurrence');
    expect(likelyDuplicateOffer({ statusCategory: 'cancelled' })).toBe('recurrence');
  });
});
