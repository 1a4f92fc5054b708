import type { IngestEvent } from '@closeloop/shared/ingest/event';

/**
 * Frustration signals join what caused them (docs/grouping.md, "Frustration and its cause"):
 * a dead or rage click followed within FRUSTRATION_CAUSE_WINDOW_MS by an error or a failed
 * request in the same session is evidence on that failure's issue, not an issue of its own.
 */

/** A failure this long after the last click of a dead or rage click still counts as what it ran into. */
export const FRUSTRATION_CAUSE_WINDOW_MS = 5_000;

/**
 * A rage burst's times come from `performance.now()` turned into wall-clock time, the failure's
 * from `Date.now()`: the same browser's clock, rounded apart by a millisecond or two. Kept small:
 * a request that failed a moment before the click is not what the click ran into.
 */
export const CLICK_CLOCK_SLACK_MS = 20;

/**
 * How long the worker holds a frustration event whose cause has not arrived yet: the window
 * (5 s), plus the browser SDK's flush interval (5 s: the error may leave in the next batch),
 * plus 5 s for the request and the log. Configurable with FRUSTRATION_HOLD_MS.
 */
export const FRUSTRATION_HOLD_DEFAULT_MS = 15_000;

/** How long a session's failures are remembered for frustration events that arrive after them. */
export const FAILURE_MEMORY_MS = 60 * 60_000;

/** When an event carries no click times, how long before its report the click can have happened. */
const DEAD_CLICK_REPORT_LAG_MS = 1_300; // SDK: 1 s without a reaction, checked every 250 ms
const RAGE_CLICK_REPORT_LAG_MS = 1_050; // SDK: reported 1 s + 50 ms after the burst's last click
/**
 * A rage burst is 3+ clicks within 1 s; its real length is unknown without click times. Assuming
 * the longest possible (1 s per click) would take an error seconds before the burst as its cause,
 * so a burst is taken to last about the rage window.
 */
const ASSUMED_BURST_MS = 1_000;

export type FrustrationType = 'rage_click' | 'dead_click';

/** The clicks a frustration event reports, in one session: from the first click to the last. */
export interface ClickSpan {
  type: FrustrationType;
  sessionId: string;
  startedAt: number;
  endedAt: number;
}

/**
 * The click span of a rage or dead click event, or null when it cannot have a cause: another
 * event type, or no session (a click and a failure are only joined within one session).
 */
export function clickSpan(event: IngestEvent): ClickSpan | null {
  if (event.type !== 'rage_click' && event.type !== 'dead_click') return null;
  const sessionId = event.session_id?.trim();
  if (!sessionId) return null;
  const click = event.click;
  let startedAt = click?.started_at;
  let endedAt = click?.ended_at;
  if (startedAt === undefined || endedAt === undefined) {
    // No click times (SDKs before 2026-12-03, Sentry-shaped events): the event is reported after its clicks.
    const burst = event.type === 'rage_click' ? ASSUMED_BURST_MS : 0;
    const lag = event.type === 'rage_click' ? RAGE_CLICK_REPORT_LAG_MS : DEAD_CLICK_REPORT_LAG_MS;
    endedAt ??= event.timestamp;
    startedAt ??= event.timestamp - lag - burst;
  }
  if (endedAt < startedAt) [startedAt, endedAt] = [endedAt, startedAt];
  return { type: event.type, sessionId, startedAt, endedAt };
}

/** The times a failure must fall in to be what the clicks ran into. */
export function causeWindow(span: ClickSpan): { from: number; to: number } {
  return { from: span.startedAt - CLICK_CLOCK_SLACK_MS, to: span.endedAt + FRUSTRATION_CAUSE_WINDOW_MS };
}

/** A failure (an error or a failed request) in a session, at its client time. */
export interface SessionFailure {
  sessionId: string;
  at: number;
}

/**
 * What the clicks ran into: the earliest failure of the same session inside the cause window
 * (the first thing that went wrong is the cause; later ones usually follow from it), or undefined.
 */
export function pickCause<F extends SessionFailure>(span: ClickSpan, failures: Iterable<F>): F | undefined {
  const { from, to } = causeWindow(span);
  let best: F | undefined;
  for (const f of failures) {
    if (f.sessionId !== span.sessionId || f.at < from || f.at > to) continue;
    if (!best || f.at < best.at) best = f;
  }
  return best;
}

/** The issue kinds whose events can be a frustration's cause. */
export function isCauseKind(kind: string): boolean {
  return kind === 'error' || kind === 'network';
}

/** Frustration evidence on one failure issue, counted per kind of click and element. */
export interface EvidenceCount {
  type: FrustrationType;
  selector: string;
  text: string | null;
  events: number;
  sessions: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 rage clicks on "Pay now" (button#pay) just before this error, in 2 sessions". */
export function describeEvidence(c: EvidenceCount, issueKind: string): string {
  const what =
    c.type === 'rage_click'
      ? plural(c.events, 'rage click', 'rage clicks')
      : plural(c.events, 'dead click', 'dead clicks');
  const text = c.text?.trim();
  const target = text ? `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}" (${c.selector})` : c.selector;
  const failure = issueKind === 'network' ? 'this failed request' : 'this error';
  const sessions = c.sessions > 1 ? `, in ${c.sessions} sessions` : '';
  return `${what} on ${target} just before ${failure}${sessions}`;
}
