import { describe, expect, it } from 'vitest';
import {
  compareReleases,
  fixReleaseFor,
  fixReleaseForCommit,
  isOlderThanFix,
  verificationVerdict,
} from './verification.ts';

const H = 3_600_000;
const r = (release: string, firstSeen: number) => ({ release, firstSeen });

describe('compareReleases', () => {
  it('orders semver releases by version, whatever order they were first seen in', () => {
    expect(compareReleases(r('shop@1.10.0', 1), r('shop@1.9.2', 2))).toBeGreaterThan(0);
    expect(compareReleases(r('2.0.0-rc.1', 5), r('2.0.0', 1))).toBeLessThan(0);
    expect(compareReleases(r('v1.2.3', 1), r('1.2.3', 9))).toBe(0);
  });
  it('orders other releases by when they were first seen', () => {
    expect(compareReleases(r('abc123', 10), r('def456', 5))).toBeGreaterThan(0);
    expect(compareReleases(r('1.2.3', 10), r('nightly', 20))).toBeLessThan(0);
  });
  it('treats an event from an older release than the fix as a straggler, not a regression', () => {
    expect(isOlderThanFix(r('1.4.0', 50), r('1.5.0', 10))).toBe(true);
    expect(isOlderThanFix(r('1.6.0', 60), r('1.5.0', 10))).toBe(false);
  });
});

describe('fixReleaseFor', () => {
  const seen = [r('1.0.0', 0), r('1.1.0', 10 * H), r('1.2.0', 30 * H)];
  it('now: the newest release seen when resolved', () => {
    expect(fixReleaseFor('now', { releases: seen, resolvedAt: 20 * H })).toBe('1.1.0');
  });
  it('in a given release: that release, seen or not', () => {
    expect(fixReleaseFor('in_release', { releases: seen, resolvedAt: 20 * H, named: '1.3.0' })).toBe('1.3.0');
  });
  it('next release: the first newer release seen after resolving, null until then', () => {
    expect(fixReleaseFor('next_release', { releases: seen, resolvedAt: 20 * H })).toBe('1.2.0');
    expect(fixReleaseFor('next_release', { releases: seen, resolvedAt: 40 * H })).toBeNull();
    // A hotfix of an older line seen later is not "the next release".
    expect(
      fixReleaseFor('next_release', { releases: [...seen, r('1.0.1', 35 * H)], resolvedAt: 32 * H }),
    ).toBeNull();
  });
});

describe('fixReleaseForCommit', () => {
  const seen = [r('1.0.0', 0), r('1.1.0', 10 * H), r('1.2.0', 30 * H)];
  const sha = 'c0ffee1234567890c0ffee1234567890c0ffee12';
  it('is the oldest release recorded with the commit, matched by short or full SHA', () => {
    const commits = [
      { release: '1.2.0', sha: sha.slice(0, 7) },
      { release: '1.1.0', sha },
      { release: '1.0.0', sha: 'deadbeef00' },
    ];
    expect(fixReleaseForCommit(sha, { releases: seen, commits, pushedAt: 5 * H })).toBe('1.1.0');
  });
  it('waits while releases carry commits but none this one', () => {
    const commits = [{ release: '1.2.0', sha: 'deadbeef00' }];
    expect(fixReleaseForCommit(sha, { releases: seen, commits, pushedAt: 5 * H })).toBeNull();
  });
  it('without commit data, is the first release seen after the push', () => {
    expect(fixReleaseForCommit(sha, { releases: seen, commits: [], pushedAt: 20 * H })).toBe('1.2.0');
    expect(fixReleaseForCommit(sha, { releases: seen, commits: [], pushedAt: 40 * H })).toBeNull();
  });
});

describe('verificationVerdict', () => {
  const signal = (release: string, firstSeen: number, sessions: number, events: number) => ({
    release,
    firstSeen,
    sessions,
    events,
  });
  const before = signal('1.0.0', 0, 1000, 300);
  it('waits for the fixing release to appear', () => {
    expect(verificationVerdict({ fixRelease: '1.1.0', releases: [before], now: 5 * H }).state).toBe(
      'awaiting_release',
    );
  });
  it('waits while the fixing release has too few sessions and too little time', () => {
    const v = verificationVerdict({
      fixRelease: '1.1.0',
      releases: [before, signal('1.1.0', 10 * H, 50, 0)],
      now: 12 * H,
    });
    expect(v).toEqual({
      state: 'awaiting_verification',
      evidence: '50 of 200 sessions on 1.1.0 or later so far',
    });
  });
  it('confirms the fix when the error rate fell, with the figures as evidence', () => {
    const v = verificationVerdict({
      fixRelease: '1.1.0',
      releases: [before, signal('1.1.0', 10 * H, 4000, 4), signal('1.2.0', 20 * H, 210, 0)],
      now: 22 * H,
    });
    expect(v.state).toBe('verified');
    expect(v.evidence).toBe('Fixed: events per session 0.30 → 9.5e-4 over 4,210 sessions on 1.1.0 or later');
  });
  it('says not fixed when the rate stayed', () => {
    const v = verificationVerdict({
      fixRelease: '1.1.0',
      releases: [before, signal('1.1.0', 10 * H, 400, 100)],
      now: 12 * H,
    });
    expect(v.state).toBe('not_fixed');
  });
  it('believes a day of traffic below the session minimum', () => {
    const v = verificationVerdict({
      fixRelease: '1.1.0',
      releases: [before, signal('1.1.0', 0, 20, 0)],
      now: 25 * H,
    });
    expect(v.state).toBe('verified');
  });
  it('stays awaiting verification after 7 days without traffic, saying why', () => {
    const v = verificationVerdict({
      fixRelease: '1.1.0',
      releases: [before, signal('1.1.0', 0, 0, 0)],
      now: 8 * 24 * H,
    });
    expect(v.state).toBe('stalled');
    expect(v.evidence).toContain('after 7 days');
  });
});
