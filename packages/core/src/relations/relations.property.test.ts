import { STATUS_CATEGORIES } from '@closeloop/shared/issue-fields';
import { LINK_TYPES } from '@closeloop/shared/relation-fields';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inverseLinkType, presentLink, sameRelation, storeLink } from './link-types.ts';
import { progressOf } from './progress.ts';

const id = fc.integer({ min: 1, max: 1_000_000 });
const linkType = fc.constantFrom(...LINK_TYPES);

describe('relations properties', () => {
  it('any link reads back as asked from its creator and as the inverse from the other end', () => {
    fc.assert(
      fc.property(linkType, id, id, (type, a, b) => {
        fc.pre(a !== b);
        const row = storeLink(type, a, b);
        expect(presentLink(row, a)).toEqual({ type, otherId: b });
        expect(presentLink(row, b)).toEqual({ type: inverseLinkType(type), otherId: a });
        // Asking for the inverse from the other side is the same stored relation.
        expect(sameRelation(row, storeLink(inverseLinkType(type), b, a))).toBe(true);
      }),
    );
  });

  it('progress counts add up and the percentage stays within 0–100', () => {
    const group = fc.record({
      category: fc.constantFrom(...STATUS_CATEGORIES),
      count: fc.integer({ min: 0, max: 10_000 }),
      estimateMinutes: fc.integer({ min: 0, max: 1_000_000 }),
      loggedMinutes: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(group, { maxLength: 12 }), (groups) => {
        const p = progressOf(groups);
        const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((n, g) => n + f(g), 0);
        expect(p.total).toBe(sum((g) => g.count));
        expect(Object.values(p.byCategory).reduce((a, b) => a + b, 0)).toBe(p.total);
        expect(p.open + p.done + p.cancelled).toBe(p.total);
        expect(p.estimateMinutes).toBe(sum((g) => g.estimateMinutes));
        expect(p.loggedMinutes).toBe(sum((g) => g.loggedMinutes));
        expect(p.openEstimateMinutes).toBeLessThanOrEqual(p.estimateMinutes);
        expect(p.percent).toBeGreaterThanOrEqual(0);
        expect(p.percent).toBeLessThanOrEqual(100);
      }),
    );
  });
});
