import { LINK_TYPES } from '@closeloop/shared/relation-fields';
import { describe, expect, it } from 'vitest';
import { inverseLinkType, presentLink, sameRelation, storeLink } from './link-types.ts';

describe('link types', () => {
  it('pairs every type with its inverse, and the inverse of the inverse is the type', () => {
    expect(inverseLinkType('blocks')).toBe('is_blocked_by');
    expect(inverseLinkType('is_duplicated_by')).toBe('duplicates');
    expect(inverseLinkType('relates_to')).toBe('relates_to');
    for (const t of LINK_TYPES) expect(inverseLinkType(inverseLinkType(t))).toBe(t);
  });

  it('stores passive forms as the active form with the ends swapped', () => {
    expect(storeLink('blocks', 1, 2)).toEqual({ type: 'blocks', sourceId: 1, targetId: 2 });
    expect(storeLink('is_blocked_by', 2, 1)).toEqual({ type: 'blocks', sourceId: 1, targetId: 2 });
    expect(storeLink('is_duplicated_by', 5, 9)).toEqual({ type: 'duplicates', sourceId: 9, targetId: 5 });
  });

  it('stores relates_to the same way whichever side asks', () => {
    expect(storeLink('relates_to', 9, 4)).toEqual(storeLink('relates_to', 4, 9));
  });

  it('reads a stored link as the asked type from the asking side and as the inverse from the other', () => {
    for (const t of LINK_TYPES) {
      const row = storeLink(t, 10, 20);
      expect(presentLink(row, 10)).toEqual({ type: t, otherId: 20 });
      expect(presentLink(row, 20)).toEqual({ type: inverseLinkType(t), otherId: 10 });
    }
  });

  it('treats the reverse of a directed link as the same relation', () => {
    expect(sameRelation(storeLink('blocks', 1, 2), storeLink('blocks', 2, 1))).toBe(true);
    expect(sameRelation(storeLink('blocks', 1, 2), storeLink('is_blocked_by', 2, 1))).toBe(true);
    expect(sameRelation(storeLink('blocks', 1, 2), storeLink('relates_to', 1, 2))).toBe(false);
    expect(sameRelation(storeLink('duplicates', 1, 2), storeLink('duplicates', 1, 3))).toBe(false);
  });
});
