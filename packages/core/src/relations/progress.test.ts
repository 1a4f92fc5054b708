import { describe, expect, it } from 'vitest';
import { progressOf, rollUpTime } from './progress.ts';

const g = (category: string, count: number, estimateMinutes = 0, loggedMinutes = 0) => ({
  category,
  count,
  estimateMinutes,
  loggedMinutes,
});

describe('progress', () => {
  it('is empty and 0% for no issues', () => {
    expect(progressOf([])).toMatchObject({ total: 0, done: 0, open: 0, percent: 0, estimateMinutes: 0 });
  });

  it('counts by category and leaves cancelled work out of the ratio', () => {
    const p = progressOf([
      g('todo', 2, 60),
      g('in_progress', 1, 30, 20),
      g('done', 1, 60, 90),
      g('cancelled', 1, 15),
    ]);
    expect(p).toMatchObject({ total: 5, done: 1, cancelled: 1, open: 3, percent: 25 });
    expect(p.byCategory).toEqual({ backlog: 0, todo: 2, in_progress: 1, done: 1, cancelled: 1 });
    expect(p.estimateMinutes).toBe(165);
    expect(p.loggedMinutes).toBe(110);
    expect(p.openEstimateMinutes).toBe(90);
  });

  it('is 100% when everything in scope is done', () => {
    expect(progressOf([g('done', 3), g('cancelled', 2)]).percent).toBe(100);
    expect(progressOf([g('cancelled', 2)]).percent).toBe(0);
  });

  it('counts an unknown category as open work', () => {
    expect(progressOf([g('waiting_for_vendor', 2)])).toMatchObject({
      total: 2,
      open: 2,
      byCategory: { todo: 2 },
    });
  });

  it('rolls time up: own figures plus descendants, a missing estimate counting as zero', () => {
    expect(
      rollUpTime({ estimateMinutes: null, loggedMinutes: 5 }, { estimateMinutes: 120, loggedMinutes: 30 }),
    ).toEqual({
      estimateMinutes: 120,
      loggedMinutes: 35,
    });
    expect(
      rollUpTime({ estimateMinutes: 60, loggedMinutes: 0 }, { estimateMinutes: 0, loggedMinutes: 0 }),
    ).toEqual({
      estimateMinutes: 60,
      loggedMinutes: 0,
    });
  });
});
