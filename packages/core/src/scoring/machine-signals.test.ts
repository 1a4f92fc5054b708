import { describe, expect, it } from 'vitest';
import { emptyEvidence, type SeverityEvidence } from './evidence.ts';
import {
  criticalSignal,
  flowSignal,
  frustrationSignal,
  levelSignal,
  matchesCritical,
  noveltySignal,
  rateSignal,
  releaseSignal,
  sessionsSignal,
  trendSignal,
  usersSignal,
} from './machine-signals.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-02T13:30:00Z');
const machine = (over: Partial<SeverityEvidence>): SeverityEvidence => ({
  ...emptyEvidence(NOW),
  kind: 'error',
  type: 'bug',
  ...over,
});
const hours = (from: number, to: number, count: number) => {
  const out = [];
  for (let h = from; h < to; h += HOUR) out.push({ hour: h, count });
  return out;
};
const TODAY_13 = Date.parse('2026-12-02T13:00:00Z');

describe('users and sessions', () => {
  it('weighs a share of the project more than a count', () => {
    const third = usersSignal(machine({ users: 300, projectUsers: 1000 }));
    const few = usersSignal(machine({ users: 30, projectUsers: 100_000 }));
    expect(third.strength).toBeGreaterThan(0.9);
    expect(third.reason).toBe('300 users (30%)');
    expect(few.strength).toBeLessThan(0.5);
    expect(usersSignal(machine({ users: 3, projectUsers: 1000 })).reason).toBe('3 users (<1%)');
  });
  it('still counts hundreds of users in a big project, and uses counts when the total is unknown', () => {
    expect(usersSignal(machine({ users: 400, projectUsers: 1_000_000 })).strength).toBeGreaterThan(0.5);
    expect(usersSignal(machine({ users: 412 })).reason).toBe('412 users');
  });
  it('is silent when nobody is affected', () => {
    expect(usersSignal(machine({})).strength).toBe(0);
    expect(sessionsSignal(machine({})).reason).toBeNull();
    expect(sessionsSignal(machine({ sessions: 50, projectSessions: 100 })).reason).toBe('50 sessions (50%)');
  });
});

describe('rate and trend', () => {
  it('reads the last hour of events on a log scale', () => {
    const r = rateSignal(machine({ hourly: [{ hour: TODAY_13, count: 999 }] }));
    expect(r.strength).toBeCloseTo(1, 2);
    expect(r.reason).toBe('999 events/h');
    expect(rateSignal(machine({ hourly: [{ hour: TODAY_13, count: 1200 }] })).reason).toBe('1.2k events/h');
    expect(rateSignal(machine({ hourly: [{ hour: TODAY_13 - 5 * HOUR, count: 999 }] })).strength).toBe(0);
  });
  it('finds a spike against the issue’s own baseline and says since when', () => {
    const e = machine({
      firstSeen: TODAY_13 - 48 * HOUR,
      hourly: [...hours(TODAY_13 - 30 * HOUR, TODAY_13 - HOUR, 10), { hour: TODAY_13 - HOUR, count: 50 }],
    });
    const t = trendSignal(e);
    expect(t.strength).toBeGreaterThan(0.4);
    expect(t.reason).toMatch(/^\+\d+% since 12:00$/);
  });
  it('is silent for a steady stream however loud, and for issues younger than the baseline', () => {
    const steady = machine({
      firstSeen: TODAY_13 - 48 * HOUR,
      hourly: hours(TODAY_13 - 40 * HOUR, TODAY_13 + HOUR, 500),
    });
    expect(trendSignal({ ...steady, now: TODAY_13 + HOUR - 1 }).strength).toBe(0);
    expect(
      trendSignal(machine({ firstSeen: TODAY_13 - 2 * HOUR, hourly: [{ hour: TODAY_13, count: 90 }] }))
        .strength,
    ).toBe(0);
  });
});

describe('level and kind', () => {
  it('ranks an unhandled crash above an error above console noise', () => {
    const crash = levelSignal(machine({ unhandled: true, eventType: 'error', level: 'error' }));
    const error = levelSignal(machine({ eventType: 'error', level: 'error' }));
    const console = levelSignal(machine({ eventType: 'console', level: 'error' }));
    expect(crash.strength).toBe(1);
    expect(crash.reason).toBe('crash');
    expect(error.strength).toBeGreaterThan(console.strength);
    expect(levelSignal(machine({ kind: 'manual' })).strength).toBe(0);
  });
});

describe('new or regression', () => {
  it('marks regressions strongest, then new issues', () => {
    expect(
      noveltySignal(machine({ regressedAt: NOW - HOUR, firstSeen: NOW - 90 * 24 * HOUR })),
    ).toMatchObject({
      strength: 1,
      reason: 'regression',
    });
    expect(noveltySignal(machine({ firstSeen: NOW - HOUR })).reason).toBe('new');
    expect(noveltySignal(machine({ firstSeen: NOW - 72 * HOUR })).strength).toBe(0);
  });
});

describe('frustration and flows', () => {
  it('is the share of its sessions with rage or dead clicks', () => {
    const f = frustrationSignal(machine({ sessions: 10, frustratedSessions: 4 }));
    expect(f.strength).toBeCloseTo(0.4);
    expect(f.reason).toBe('40% frustrated');
    expect(frustrationSignal(machine({ sessions: 0, frustratedSessions: 0 })).strength).toBe(0);
  });
  it('reads the abandoned share of a defined flow when there is one', () => {
    expect(
      flowSignal(machine({ flow: { name: 'checkout', abandonedShare: 0.31, baselineShare: null } })).reason,
    ).toBe('31% abandoned');
    const usual = flowSignal(
      machine({ flow: { name: 'checkout', abandonedShare: 0.6, baselineShare: 0.6 } }),
    );
    expect(usual.strength).toBe(0);
    const worse = flowSignal(
      machine({ flow: { name: 'checkout', abandonedShare: 0.6, baselineShare: 0.2 } }),
    );
    expect(worse.strength).toBeCloseTo(0.8);
    expect(flowSignal(machine({ flow: null })).strength).toBe(0);
  });
});

describe('criticality', () => {
  it('matches routes by segment and components by name', () => {
    expect(matchesCritical('/checkout', '/checkout/pay')).toBe(true);
    expect(matchesCritical('/checkout', 'https://shop.example/checkout?step=2')).toBe(true);
    expect(matchesCritical('/checkout', '/checkouts')).toBe(false);
    expect(matchesCritical('PaymentForm', 'at PaymentForm.submit (app.js)')).toBe(true);
  });
  it('fires when any place of the issue is marked critical', () => {
    const c = criticalSignal(
      machine({ places: ['/product/:id', '/checkout'], criticalPatterns: ['/checkout'] }),
    );
    expect(c).toMatchObject({ strength: 1, reason: 'checkout' });
    expect(criticalSignal(machine({ places: ['/about'], criticalPatterns: ['/checkout'] })).strength).toBe(0);
  });
});

describe('release age', () => {
  it('fades over a day or two after the release appeared', () => {
    const fresh = releaseSignal(machine({ releaseFirstSeen: NOW - 3 * HOUR }));
    expect(fresh.reason).toBe('release 3h old');
    expect(fresh.strength).toBeGreaterThan(0.8);
    expect(releaseSignal(machine({ releaseFirstSeen: NOW - 10 * 24 * HOUR })).strength).toBeLessThan(0.01);
    expect(releaseSignal(machine({})).strength).toBe(0);
    expect(releaseSignal(machine({ releaseFirstSeen: NOW + HOUR })).strength).toBe(0);
  });
});
