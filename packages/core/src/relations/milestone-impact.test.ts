import { describe, expect, it } from 'vitest';
import { type ImpactIssue, milestoneImpact } from './milestone-impact.ts';

let n = 0;
const issue = (over: Partial<ImpactIssue> = {}): ImpactIssue => {
  n += 1;
  return { id: n, key: `APP-${n}`, title: `issue ${n}`, type: 'task', dueDate: null, ...over };
};
const base = { targetDate: '2026-06-30', today: '2026-06-01', blockers: [], linkedRisks: [] };

describe('milestone impact', () => {
  it('is calm when nothing is blocked, late or risky', () => {
    const r = milestoneImpact({ ...base, openIssues: [issue({ dueDate: '2026-06-20' })] });
    expect(r).toMatchObject({
      atRisk: false,
      targetPassed: false,
      daysToTarget: 29,
      blocked: [],
      overdue: [],
      dueAfterTarget: [],
      risks: [],
    });
  });

  it('lists work blocked by open blockers with every blocker once', () => {
    const a = issue();
    const b1 = issue();
    const b2 = issue();
    const r = milestoneImpact({
      ...base,
      openIssues: [a, issue()],
      blockers: [
        { blockedId: a.id, blocker: b2 },
        { blockedId: a.id, blocker: b1 },
        { blockedId: a.id, blocker: b1 },
      ],
    });
    expect(r.blocked).toEqual([{ key: a.key, title: a.title, blockedBy: [b1.key, b2.key].sort() }]);
    expect(r.atRisk).toBe(true);
  });

  it('separates work past its own due date from work due after the target', () => {
    const late = issue({ dueDate: '2026-05-31' });
    const after = issue({ dueDate: '2026-07-01' });
    const onTarget = issue({ dueDate: '2026-06-30' });
    const r = milestoneImpact({ ...base, openIssues: [late, after, onTarget] });
    expect(r.overdue.map((i) => i.key)).toEqual([late.key]);
    expect(r.dueAfterTarget.map((i) => i.key)).toEqual([after.key]);
  });

  it('has no due-after-target list without a target date', () => {
    const r = milestoneImpact({ ...base, targetDate: null, openIssues: [issue({ dueDate: '2030-01-01' })] });
    expect(r).toMatchObject({ dueAfterTarget: [], daysToTarget: null, atRisk: false });
  });

  it('reports risks inside the milestone and risks linked to its work, naming what they touch', () => {
    const work = issue();
    const inside = issue({ type: 'risk' });
    const outside = issue({ type: 'blocker' });
    const notRisk = issue({ type: 'task' });
    const r = milestoneImpact({
      ...base,
      openIssues: [work, inside],
      linkedRisks: [
        { linkedToId: work.id, risk: outside },
        { linkedToId: work.id, risk: inside },
        { linkedToId: work.id, risk: notRisk },
      ],
    });
    expect(r.risks).toEqual([
      { key: inside.key, title: inside.title, type: 'risk', affects: [work.key] },
      { key: outside.key, title: outside.title, type: 'blocker', affects: [work.key] },
    ]);
  });

  it('flags a passed target only while work is still open', () => {
    const past = { ...base, today: '2026-07-05' };
    expect(milestoneImpact({ ...past, openIssues: [issue()] })).toMatchObject({
      targetPassed: true,
      atRisk: true,
      daysToTarget: -5,
    });
    expect(milestoneImpact({ ...past, openIssues: [] })).toMatchObject({
      targetPassed: false,
      atRisk: false,
    });
  });
});
