import { describe, expect, it } from 'vitest';
import { type Availability, DEFAULT_AVAILABILITY, isWorkingAt } from './availability.ts';
import { expertise, issueTopics } from './expertise.ts';
import { type Candidate, chooseAssignee, rankCandidates } from './strategies.ts';
import { issuePoints, workloadPoints } from './workload.ts';

// Wednesday 2 December 2026, 14:00 UTC (15:00 in Berlin, 23:00 in Tokyo).
const NOW = Date.UTC(2026, 11, 2, 14, 0);
const DAY = 86_400_000;
const avail = (over: Partial<Availability> = {}): Availability => ({ ...DEFAULT_AVAILABILITY, ...over });
const none = { learned: new Map<string, number>(), manual: [] as string[] };

/** The checkout team: an expert, someone on holiday, someone swamped, a newcomer in Tokyo. */
const sam: Candidate = {
  userId: 1,
  name: 'Sam',
  availability: avail({ timeZone: 'Europe/Berlin' }),
  skills: { learned: new Map([['label:checkout', 6]]), manual: ['route:/checkout/**'] },
  load: 4,
};
const lee: Candidate = {
  userId: 2,
  name: 'Lee',
  availability: avail({ outOfOffice: [{ from: NOW - DAY, to: NOW + 7 * DAY }] }),
  skills: { learned: new Map([['label:checkout', 9]]), manual: [] },
  load: 0,
};
const ana: Candidate = { userId: 3, name: 'Ana', availability: avail(), skills: none, load: 12 };
const bo: Candidate = {
  userId: 4,
  name: 'Bo',
  availability: avail({ timeZone: 'Asia/Tokyo' }),
  skills: none,
  load: 1,
};
const team = [sam, lee, ana, bo];
const topics = issueTopics({ labels: ['checkout'], components: [], route: '/checkout/pay' });

describe('automatic assignment inside a team', () => {
  it('best-match gives a checkout issue to the expert and says why', () => {
    const c = chooseAssignee('best-match', team, topics, NOW, null);
    expect(c.userId).toBe(sam.userId);
    expect(c.explanation).toMatch(/^best match: Sam \(knows checkout · load 4\/10\)/);
    expect(c.explanation).toContain('skipped Lee out of office, Ana at capacity');
  });

  it('least-loaded skips the person out of office even though she has nothing to do', () => {
    expect(chooseAssignee('least-loaded', team, topics, NOW, null).userId).toBe(bo.userId);
  });

  it('round-robin takes the next eligible member after the last one, wrapping around', () => {
    expect(chooseAssignee('round-robin', team, topics, NOW, sam.userId).userId).toBe(bo.userId);
    expect(chooseAssignee('round-robin', team, topics, NOW, bo.userId).userId).toBe(sam.userId);
  });

  it('manual teams never auto-assign', () => {
    expect(chooseAssignee('manual', team, topics, NOW, null).userId).toBeNull();
  });

  it('when nobody fits, nobody is assigned and the explanation names who was skipped', () => {
    const c = chooseAssignee('best-match', [lee, ana], topics, NOW, null);
    expect(c.userId).toBeNull();
    expect(c.explanation).toBe('nobody can take it: Lee (out of office), Ana (at capacity)');
  });

  it('ranks everyone for the picker with a one-line reason and load; the unavailable last', () => {
    const r = rankCandidates(team, topics, NOW);
    expect(r.map((x) => x.name)).toEqual(['Sam', 'Bo', 'Lee', 'Ana']);
    expect(r[1]!.reason).toBe('outside working hours · load 1/10');
    expect(r[2]).toMatchObject({ eligible: false, reason: 'out of office · knows checkout · load 0/10' });
  });

  it('an out-of-office period ends: Lee is back and, with nothing on her plate, is the least loaded', () => {
    expect(chooseAssignee('least-loaded', team, topics, NOW + 8 * DAY, null).userId).toBe(lee.userId);
  });
});

describe('availability, expertise and workload', () => {
  it('reads working hours in the person’s own time zone and weekdays', () => {
    expect(isWorkingAt(sam.availability, NOW)).toBe(true); // 15:00 Berlin
    expect(isWorkingAt(bo.availability, NOW)).toBe(false); // 23:00 Tokyo
    expect(isWorkingAt(sam.availability, Date.UTC(2026, 11, 5, 12))).toBe(false); // Saturday
  });

  it('counts resolved issues up to a saturation, and a hand-set skill like three of them', () => {
    expect(
      expertise({ learned: new Map([['label:checkout', 50]]), manual: [] }, ['label:checkout']).score,
    ).toBe(1);
    expect(
      expertise({ learned: new Map(), manual: ['label:checkout'] }, ['label:checkout']).score,
    ).toBeCloseTo(0.6);
    expect(
      expertise({ learned: new Map(), manual: ['route:/checkout/**'] }, ['route:/checkout/pay']).best,
    ).toBe('route:/checkout/pay');
  });

  it('weighs open issues by priority and estimate', () => {
    expect(issuePoints({ priority: 'urgent', estimateMinutes: null })).toBe(3);
    expect(issuePoints({ priority: 'medium', estimateMinutes: 960 })).toBe(3); // two days
    expect(issuePoints({ priority: 'low', estimateMinutes: 30 })).toBe(0.25);
    expect(
      workloadPoints([
        { priority: 'high', estimateMinutes: null },
        { priority: 'none', estimateMinutes: 240 },
      ]),
    ).toBe(2.5);
  });
});
