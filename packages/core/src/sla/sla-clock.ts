import type { Priority, StatusCategory } from '@closeloop/shared/issue-fields';
import { CLOSED_CATEGORIES } from '@closeloop/shared/issue-fields';
import { addBusinessMs, type BusinessCalendar, businessMsBetween, minutesToMs } from './business-calendar.ts';
import {
  type SlaFieldValues,
  type SlaMetric,
  type SlaPolicy,
  targetFor,
  targetMinutes,
} from './sla-policy.ts';

/** What an issue looked like from `at` on: a point of its history. */
export interface IssueState {
  at: number;
  status: string;
  category: StatusCategory;
  priority: Priority;
  type: string;
}

/**
 * An issue's history as the clocks read it: its states in time order (the first at creation) and
 * its first response (the first public comment or status change by someone other than the reporter).
 */
export interface IssueHistory {
  states: readonly IssueState[];
  firstResponseAt: number | null;
  /** The issue's custom field values now, for targets by field (read for every state: they are not rebuilt). */
  fields?: SlaFieldValues;
}

export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export interface SlaClock {
  metric: SlaMetric;
  state: ClockState;
  /** At or past the warning share of the target, not breached. */
  warning: boolean;
  targetMs: number;
  /** Business time the clock has run. */
  elapsedMs: number;
  /** The instant the target is reached if nothing changes; null when paused or stopped. */
  dueAt: number | null;
  /** When the warning share is reached if nothing changes; null when paused, stopped or already past. */
  warnAt: number | null;
  breachedAt: number | null;
  /** When the clock stopped for good (the response, or closing), if it did. */
  stoppedAt: number | null;
}

const isClosed = (s: IssueState) => CLOSED_CATEGORIES.includes(s.category);

/**
 * One clock of an issue at `now`, walked over its history. The clock runs while the issue is open,
 * not in a paused status and (for first response) not yet answered. Elapsed time keeps counting
 * across a priority change; the target is always that of the priority held at the time, so raising
 * the priority mid-flight can breach at once, and the breach is the first instant the elapsed time
 * reached the target then in force. A breach stays a breach. Answers null when no target applies
 * to the issue's current priority and type and no breach happened earlier.
 */
export function slaClock(
  metric: SlaMetric,
  policy: SlaPolicy,
  cal: BusinessCalendar,
  history: IssueHistory,
  now: number,
): SlaClock | null {
  const states = history.states;
  if (states.length === 0) return null;
  const targetAt = (s: IssueState) => {
    const m = targetMinutes(targetFor(policy, s.priority, s.type, history.fields), metric);
    return m === null ? null : minutesToMs(m);
  };
  const paused = new Set(policy.pausedStatuses);
  const responseAt = metric === 'first_response' ? history.firstResponseAt : null;
  let elapsed = 0;
  let breachedAt: number | null = null;
  let stoppedAt: number | null = null;
  for (let n = 0; n < states.length; n++) {
    const s = states[n]!;
    const from = s.at;
    let to = Math.min(states[n + 1]?.at ?? now, now);
    if (responseAt !== null) to = Math.min(to, responseAt);
    if (to < from) break;
    // First response ends with the response or with closing, whichever comes first; resolution only pauses while closed.
    if (isClosed(s) && metric === 'first_response') {
      stoppedAt = from;
      break;
    }
    const running = !isClosed(s) && !paused.has(s.status);
    const target = targetAt(s);
    if (running) {
      const ms = businessMsBetween(cal, from, to);
      if (breachedAt === null && target !== null && elapsed + ms >= target)
        breachedAt = elapsed >= target ? from : addBusinessMs(cal, from, target - elapsed);
      elapsed += ms;
    } else if (breachedAt === null && target !== null && elapsed >= target) {
      breachedAt = from;
    }
  }
  const last = states[states.length - 1]!;
  if (responseAt !== null && responseAt <= now) stoppedAt = responseAt;
  else if (metric === 'resolution' && isClosed(last)) stoppedAt = last.at;
  else if (metric === 'first_response' && stoppedAt === null && isClosed(last)) stoppedAt = last.at;

  const target = targetAt(last);
  if (target === null) {
    if (breachedAt === null) return null;
  }
  const targetMs = target ?? elapsed;
  const warnMs = (targetMs * policy.warnAtPercent) / 100;
  const stopped = stoppedAt !== null;
  const pausedNow = !stopped && paused.has(last.status);
  const state: ClockState =
    breachedAt !== null ? 'breached' : stopped ? 'met' : pausedNow ? 'paused' : 'running';
  const live = state === 'running';
  return {
    metric,
    state,
    warning: (state === 'running' || state === 'paused') && elapsed >= warnMs,
    targetMs,
    elapsedMs: elapsed,
    dueAt: live ? addBusinessMs(cal, now, targetMs - elapsed) : null,
    warnAt: live && elapsed < warnMs ? addBusinessMs(cal, now, warnMs - elapsed) : null,
    breachedAt,
    stoppedAt,
  };
}

/** Both clocks of an issue (those that apply). */
export function slaClocks(
  policy: SlaPolicy,
  cal: BusinessCalendar,
  history: IssueHistory,
  now: number,
): SlaClock[] {
  return (['first_response', 'resolution'] as const)
    .map((m) => slaClock(m, policy, cal, history, now))
    .filter((c): c is SlaClock => c !== null);
}

/** The one word a list row shows for an issue's clocks: the worst of them. */
export const SLA_BADGES = ['breached', 'breaching_soon', 'paused', 'on_track', 'met'] as const;
export type SlaBadge = (typeof SLA_BADGES)[number];

export function badgeOf(clocks: readonly SlaClock[]): SlaBadge | null {
  if (clocks.length === 0) return null;
  // An open issue whose breach is past still shows "breached"; once closed, a met resolution says so.
  if (clocks.some((c) => c.state === 'breached')) return 'breached';
  if (clocks.some((c) => c.warning)) return 'breaching_soon';
  if (clocks.some((c) => c.state === 'running')) return 'on_track';
  if (clocks.some((c) => c.state === 'paused')) return 'paused';
  return 'met';
}

/** The next instant at which an issue's badge can change by time alone (a warning or a breach). */
export function nextCheckAt(clocks: readonly SlaClock[]): number | null {
  let next: number | null = null;
  for (const c of clocks) {
    for (const t of [c.warnAt, c.dueAt]) if (t !== null && (next === null || t < next)) next = t;
  }
  return next;
}
