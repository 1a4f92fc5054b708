import { describe, expect, it } from 'vitest';
import { durations, type IssueFacts, reportFigures } from './report-figures.ts';

const H = 3_600_000;
const D = 24 * H;
const nov = (day: number, hours = 0) => Date.UTC(2026, 10, day) + hours * H;
const base: Omit<IssueFacts, 'key' | 'createdAt'> = {
  title: 't',
  kind: 'manual',
  priority: 'none',
  status: 'todo',
  statusCategory: 'todo',
  closedAt: null,
  firstResponseAt: null,
  acknowledgedAt: null,
  reopenCount: 0,
  regressionCount: 0,
  users: 0,
  events: 0,
};
const issue = (key: string, createdAt: number, more: Partial<IssueFacts> = {}): IssueFacts => ({
  ...base,
  key,
  createdAt,
  ...more,
});

/** A fixed dataset whose every figure was worked out by hand (see the comments). */
const DATA: IssueFacts[] = [
  issue('A', nov(1, 1), { priority: 'high', firstResponseAt: nov(1, 3), acknowledgedAt: nov(1, 1.5) }),
  issue('B', nov(1, 4), {
    priority: 'urgent',
    status: 'done',
    statusCategory: 'done',
    closedAt: nov(2, 4),
    firstResponseAt: nov(1, 5),
    acknowledgedAt: nov(1, 5),
    reopenCount: 1,
  }),
  issue('C', nov(1) - 12 * D, { priority: 'low', status: 'done', statusCategory: 'done', closedAt: nov(3) }),
  issue('D', nov(2, 12), {
    kind: 'error',
    priority: 'medium',
    status: 'backlog',
    statusCategory: 'backlog',
    reopenCount: 1,
    regressionCount: 1,
    users: 40,
    events: 100,
  }),
  issue('E', nov(1) - 31 * D, {
    kind: 'error',
    status: 'done',
    statusCategory: 'done',
    closedAt: nov(1) - 27 * D,
    users: 5,
    events: 7,
  }),
  issue('F', nov(5)),
];
const PERIOD = { from: nov(1), to: nov(4) };

describe('reportFigures on a hand-computed dataset', () => {
  const r = reportFigures(DATA, PERIOD);

  it('counts open issues at the end of the period by priority and status', () => {
    // Open on Nov 4: A (high, todo) and D (medium, backlog); B and C closed, E long closed, F not yet created.
    expect(r.totals).toEqual({ created: 3, closed: 2, openAtEnd: 2 });
    expect(r.openByPriority).toEqual([
      { priority: 'urgent', count: 0 },
      { priority: 'high', count: 1 },
      { priority: 'medium', count: 1 },
      { priority: 'low', count: 0 },
      { priority: 'none', count: 0 },
    ]);
    expect(r.openByStatus).toEqual([
      { status: 'backlog', category: 'backlog', count: 1 },
      { status: 'todo', category: 'todo', count: 1 },
    ]);
  });

  it('puts created and closed issues on their UTC day', () => {
    expect(r.createdVsClosed).toEqual([
      { date: '2026-11-01', created: 2, closed: 0 },
      { date: '2026-11-02', created: 1, closed: 1 },
      { date: '2026-11-03', created: 0, closed: 1 },
    ]);
  });

  it('measures first response and acknowledgement over issues created in the period', () => {
    // A: 2 h and 30 min; B: 1 h and 1 h; D has neither yet.
    expect(r.firstResponse).toEqual({ count: 2, meanMs: 1.5 * H, medianMs: 1.5 * H });
    expect(r.acknowledge).toEqual({ count: 2, meanMs: 0.75 * H, medianMs: 0.75 * H });
  });

  it('measures resolution over issues closed in the period, whenever they were created', () => {
    // B: 24 h; C: 14 days.
    expect(r.resolution).toEqual({ count: 2, meanMs: (D + 14 * D) / 2, medianMs: (D + 14 * D) / 2 });
  });

  it('ages the issues open at the end of the period', () => {
    // A: 2 days 23 h; D: 1 day 12 h.
    expect(r.ageing.map((b) => b.count)).toEqual([0, 2, 0, 0, 0]);
  });

  it('rates reopens among issues ever closed, and regressions among machine-found ones', () => {
    // Ever closed: B, C, D (reopened, so it was closed), E; reopened: B and D. Machine: D regressed, E did not.
    expect(r.reopenRate).toEqual({ count: 2, of: 4, rate: 0.5 });
    expect(r.regressionRate).toEqual({ count: 1, of: 2, rate: 0.5 });
  });

  it('ranks machine-found issues by users, then events', () => {
    expect(r.topMachineIssues).toEqual([
      { key: 'D', title: 't', users: 40, events: 100, open: true },
      { key: 'E', title: 't', users: 5, events: 7, open: false },
    ]);
  });
});

describe('durations', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(durations([5, 1, 3])).toEqual({ count: 3, meanMs: 3, medianMs: 3 });
    expect(durations([4, 1, 3, 10])).toEqual({ count: 4, meanMs: 5, medianMs: 4 });
    expect(durations([])).toEqual({ count: 0, meanMs: null, medianMs: null });
  });
});
