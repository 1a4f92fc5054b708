import { describe, expect, it } from 'vitest';
import { isRegression, type RegressionInput } from './regression-rule.ts';

const closedFixedInR1: RegressionInput = {
  closed: true,
  resolution: 'fixed',
  closedAt: 1000,
  resolvedInRelease: 'shop@1.0.0',
  resolvedReleaseFirstSeen: 100,
  eventRelease: 'shop@1.1.0',
  eventReleaseFirstSeen: 2000,
  eventAt: 2100,
};

describe('regression rule', () => {
  it('reopens when a later release shows the problem again', () => {
    expect(isRegression(closedFixedInR1)).toBe(true);
  });
  it('ignores stragglers from the release it was fixed in or older ones', () => {
    expect(isRegression({ ...closedFixedInR1, eventRelease: 'shop@1.0.0', eventReleaseFirstSeen: 100 })).toBe(
      false,
    );
    expect(isRegression({ ...closedFixedInR1, eventRelease: 'shop@0.9.0', eventReleaseFirstSeen: 50 })).toBe(
      false,
    );
    expect(isRegression({ ...closedFixedInR1, eventRelease: null, eventReleaseFirstSeen: null })).toBe(false);
  });
  it("never reopens issues closed as won't fix or duplicate, nor open issues", () => {
    expect(isRegression({ ...closedFixedInR1, resolution: 'wont_fix' })).toBe(false);
    expect(isRegression({ ...closedFixedInR1, closed: false })).toBe(false);
  });
  it('without releases, any event after the closure regresses', () => {
    const noRelease = {
      ...closedFixedInR1,
      resolvedInRelease: null,
      resolvedReleaseFirstSeen: null,
      eventRelease: null,
      eventReleaseFirstSeen: null,
    };
    expect(isRegression({ ...noRelease, eventAt: 1500 })).toBe(true);
    expect(isRegression({ ...noRelease, eventAt: 900 })).toBe(false);
  });
});
