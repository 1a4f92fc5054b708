import { RISK_ISSUE_TYPES } from '@closeloop/shared/relation-fields';

/** The few fields of an issue that impact needs. */
export interface ImpactIssue {
  id: number;
  key: string;
  title: string;
  type: string;
  dueDate: string | null;
}

export interface ImpactInput {
  /** 'YYYY-MM-DD'; null when the milestone has no target. */
  targetDate: string | null;
  /** 'YYYY-MM-DD' in UTC; passed in so the rule stays a pure function. */
  today: string;
  /** The open issues of the milestone. */
  openIssues: readonly ImpactIssue[];
  /** Open issues (anywhere) that block an open issue of the milestone. */
  blockers: readonly { blockedId: number; blocker: ImpactIssue }[];
  /** Open issues (anywhere) of a risk type that are linked, in any way, to an open issue of the milestone. */
  linkedRisks: readonly { linkedToId: number; risk: ImpactIssue }[];
}

type Ref = { key: string; title: string };
export interface Impact {
  /** True when any list below is non-empty or the target date has passed with work still open. */
  atRisk: boolean;
  targetPassed: boolean;
  /** Whole days from today to the target date (negative once passed), null without a target. */
  daysToTarget: number | null;
  blocked: (Ref & { blockedBy: string[] })[];
  overdue: (Ref & { dueDate: string })[];
  dueAfterTarget: (Ref & { dueDate: string })[];
  /** Risk and blocker issues in the milestone or linked to its work, with the milestone issues they touch. */
  risks: (Ref & { type: string; affects: string[] })[];
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/**
 * How a milestone's open work threatens its date: work blocked by open blockers, work already past
 * its own due date, work planned to finish after the milestone's target, and the risks recorded
 * against it. Closed milestones and closed issues never appear (the caller passes only open ones).
 */
export function milestoneImpact(input: ImpactInput): Impact {
  const { targetDate, today } = input;
  const ref = (i: ImpactIssue): Ref => ({ key: i.key, title: i.title });
  const blockersOf = new Map<number, string[]>();
  for (const b of input.blockers) {
    const list = blockersOf.get(b.blockedId) ?? [];
    if (!list.includes(b.blocker.key)) list.push(b.blocker.key);
    blockersOf.set(b.blockedId, list);
  }
  const keyOf = new Map(input.openIssues.map((i) => [i.id, i.key]));
  const byRisk = new Map<number, { risk: ImpactIssue; affects: string[] }>();
  const addRisk = (risk: ImpactIssue, affected: number | null) => {
    const entry = byRisk.get(risk.id) ?? { risk, affects: [] };
    const key = affected === null ? undefined : keyOf.get(affected);
    if (key && key !== risk.key && !entry.affects.includes(key)) entry.affects.push(key);
    byRisk.set(risk.id, entry);
  };
  for (const i of input.openIssues) if (RISK_ISSUE_TYPES.includes(i.type)) addRisk(i, null);
  for (const l of input.linkedRisks)
    if (RISK_ISSUE_TYPES.includes(l.risk.type)) addRisk(l.risk, l.linkedToId);

  const blocked = input.openIssues
    .filter((i) => blockersOf.has(i.id))
    .map((i) => ({ ...ref(i), blockedBy: blockersOf.get(i.id)!.sort() }));
  const withDue = input.openIssues.filter((i): i is ImpactIssue & { dueDate: string } => i.dueDate !== null);
  const overdue = withDue.filter((i) => i.dueDate < today).map((i) => ({ ...ref(i), dueDate: i.dueDate }));
  const dueAfterTarget =
    targetDate === null
      ? []
      : withDue.filter((i) => i.dueDate > targetDate).map((i) => ({ ...ref(i), dueDate: i.dueDate }));
  const risks = [...byRisk.values()].map(({ risk, affects }) => ({
    ...ref(risk),
    type: risk.type,
    affects: affects.sort(),
  }));
  const targetPassed = targetDate !== null && targetDate < today && input.openIssues.length > 0;
  return {
    atRisk: targetPassed || blocked.length + overdue.length + dueAfterTarget.length + risks.length > 0,
    targetPassed,
    daysToTarget: targetDate === null ? null : days(today, targetDate),
    blocked,
    overdue,
    dueAfterTarget,
    risks,
  };
}
