import type { Period } from '@closeloop/core/reports/report-figures';
import type { SlaOutcome } from '@closeloop/core/reports/sla-compliance';
import type { BusinessCalendar } from '@closeloop/core/sla/business-calendar';
import { slaClocks } from '@closeloop/core/sla/sla-clock';
import { projectCalendar } from '../store/business-calendar-store.ts';
import { slaIssuesInPeriod, slaPoliciesOf, slaSubjects } from '../store/sla-store.ts';
import type { Tx } from '../store/transaction.ts';

/**
 * Every SLA clock of the issues a report covers, computed from history as it stood at the end of
 * the period (or now, if earlier) under the project's current policy and calendar: what SLA
 * compliance is counted from. Computed here rather than read from issue_sla so a past period
 * gets its own answer and both databases agree.
 */
export async function slaOutcomes(
  tx: Tx,
  scope: { workspaceId: number; projectId?: number | undefined },
  period: Period,
  now: number,
): Promise<SlaOutcome[]> {
  const ids = await slaIssuesInPeriod(tx, scope, period);
  if (ids.length === 0) return [];
  const at = Math.min(period.to, now);
  const subjects = await slaSubjects(tx, ids);
  const policies = await slaPoliciesOf(tx, [...new Set(subjects.map((s) => s.projectId))]);
  const calendars = new Map<number, BusinessCalendar>();
  const out: SlaOutcome[] = [];
  for (const s of subjects) {
    const p = policies.get(s.projectId);
    if (!p) continue;
    const cal = calendars.get(s.projectId) ?? (await projectCalendar(tx, s.projectId));
    calendars.set(s.projectId, cal);
    // History after the period's end does not count: the issue as it stood then.
    const history = {
      states: s.history.states.filter((st, n) => n === 0 || st.at < at),
      firstResponseAt:
        s.history.firstResponseAt !== null && s.history.firstResponseAt < at
          ? s.history.firstResponseAt
          : null,
    };
    const last = history.states[history.states.length - 1]!;
    for (const c of slaClocks(p.policy, cal, history, at))
      out.push({
        key: s.key,
        priority: last.priority,
        metric: c.metric,
        state: c.state,
        breachedAt: c.breachedAt,
        stoppedAt: c.stoppedAt,
      });
  }
  return out;
}
