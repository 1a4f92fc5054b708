import type { Priority } from '@closeloop/shared/issue-fields';
import { PRIORITIES } from '@closeloop/shared/issue-fields';
import type { ClockState } from '../sla/sla-clock.ts';
import type { SlaMetric } from '../sla/sla-policy.ts';
import type { Period } from './report-figures.ts';

/** One SLA clock of one issue as it stood at the end of the period (or now, if earlier). */
export interface SlaOutcome {
  key: string;
  priority: Priority;
  metric: SlaMetric;
  state: ClockState;
  breachedAt: number | null;
  stoppedAt: number | null;
}

export interface ComplianceRow {
  metric: SlaMetric;
  /** null: all priorities. */
  priority: Priority | null;
  met: number;
  breached: number;
  /** met / (met + breached); null when nothing was decided. */
  rate: number | null;
}

const within = (t: number | null, p: Period) => t !== null && t >= p.from && t < p.to;

/**
 * SLA compliance of a period: a clock counts as met when it stopped (the response, or closing)
 * within the period without a breach, and as breached when its breach fell within the period,
 * whether or not the issue is still open. Clocks still running without a breach are not decided
 * yet and count for neither. Per metric, overall and per priority (the priority at the period's end).
 */
export function slaCompliance(outcomes: readonly SlaOutcome[], period: Period) {
  const rows: ComplianceRow[] = [];
  for (const metric of ['first_response', 'resolution'] as const) {
    const mine = outcomes.filter((o) => o.metric === metric);
    const row = (priority: Priority | null): ComplianceRow => {
      const of = priority === null ? mine : mine.filter((o) => o.priority === priority);
      const met = of.filter((o) => o.state === 'met' && within(o.stoppedAt, period)).length;
      const breached = of.filter((o) => o.state === 'breached' && within(o.breachedAt, period)).length;
      const decided = met + breached;
      return {
        metric,
        priority,
        met,
        breached,
        rate: decided === 0 ? null : Math.round((met / decided) * 1000) / 1000,
      };
    };
    rows.push(row(null));
    for (const p of [...PRIORITIES].reverse()) {
      const r = row(p);
      if (r.met + r.breached > 0) rows.push(r);
    }
  }
  return {
    tracked: outcomes.length > 0,
    rows,
    /** Clocks breached and still running at the period's end: the open debt. */
    openBreaches: outcomes.filter((o) => o.state === 'breached' && o.stoppedAt === null).length,
  };
}
export type SlaCompliance = ReturnType<typeof slaCompliance>;
