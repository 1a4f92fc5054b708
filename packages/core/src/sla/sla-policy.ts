import type { Priority } from '@closeloop/shared/issue-fields';

/** The two promises an SLA makes about an issue. */
export const SLA_METRICS = ['first_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/**
 * Targets for one priority, optionally only for one issue type and/or one value of a custom field.
 * Minutes of business time (of the project's calendar); null means no promise for that metric.
 */
export interface SlaTarget {
  priority: Priority;
  /** Only issues of this type; null: any type. A typed target wins over an untyped one. */
  type: string | null;
  /**
   * Only issues whose custom field `key` holds `value` (e.g. customer tier = gold); absent or null:
   * any. A field target wins over a typed one, and one with both over either.
   */
  field?: SlaFieldCondition | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

export interface SlaFieldCondition {
  /** Custom field key. */
  key: string;
  value: string;
}

/** An issue's custom field values as text (a multi-select holds several), what field targets read. */
export type SlaFieldValues = Readonly<Record<string, readonly string[]>>;

/** What happens when a clock breaches. */
export interface SlaEscalation {
  /** One priority step up (never above urgent). */
  raisePriority: boolean;
  /** The lead of the team is told. */
  notifyLead: boolean;
  /** The issue is given to the lead of its team. */
  reassignToLead: boolean;
}

/** A project's SLA policy: targets per priority (and type), statuses that pause the clocks, when to warn. */
export interface SlaPolicy {
  targets: readonly SlaTarget[];
  /** Status keys in which both clocks stand still (e.g. waiting for the customer). */
  pausedStatuses: readonly string[];
  /** Share of the target (1–99) at which the clock warns, e.g. 75. */
  warnAtPercent: number;
  escalation: SlaEscalation;
}

export const NO_ESCALATION: SlaEscalation = {
  raisePriority: false,
  notifyLead: false,
  reassignToLead: false,
};

/**
 * The target that applies to an issue of this priority, type and custom field values, if any: the
 * most specific one (field and type > field > type > priority alone), the first listed on a tie.
 */
export function targetFor(
  policy: SlaPolicy,
  priority: Priority,
  type: string,
  fields: SlaFieldValues = {},
): SlaTarget | null {
  let best: SlaTarget | null = null;
  let bestRank = -1;
  for (const t of policy.targets) {
    if (t.priority !== priority || (t.type !== null && t.type !== type)) continue;
    const f = t.field ?? null;
    if (f !== null && !(fields[f.key] ?? []).includes(f.value)) continue;
    const rank = (f !== null ? 2 : 0) + (t.type !== null ? 1 : 0);
    if (rank > bestRank) {
      best = t;
      bestRank = rank;
    }
  }
  return best;
}

export function targetMinutes(t: SlaTarget | null, metric: SlaMetric): number | null {
  if (!t) return null;
  return metric === 'first_response' ? t.firstResponseMinutes : t.resolutionMinutes;
}
