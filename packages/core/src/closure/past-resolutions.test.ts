import { describe, expect, it } from 'vitest';
import { pastResolutions } from './past-resolutions.ts';

const m = (key: string, statusCategory: string, resolution: string | null) => ({
  key,
  statusCategory,
  resolution,
});

describe('pastResolutions', () => {
  it('keeps closed matches in the engine order and leaves open ones out', () => {
    const got = pastResolutions(
      [m('A-1', 'in_progress', null), m('A-2', 'done', 'fixed'), m('A-3', 'cancelled', 'wont_fix')],
      5,
    );
    expect(got.map((x) => x.key)).toEqual(['A-2', 'A-3']);
  });
  it('leaves out duplicates, whose lessons live on their original', () => {
    expect(pastResolutions([m('A-4', 'done', 'duplicate'), m('A-5', 'done', 'fixed')], 5)).toEqual([
      m('A-5', 'done', 'fixed'),
    ]);
  });
  it('stops at the limit', () => {
    const many = Array.from({ length: 6 }, (_, i) => m(`A-${i}`, 'done', 'fixed'));
    expect(pastResolutions(many, 3)).toHaveLength(3);
  });
});
