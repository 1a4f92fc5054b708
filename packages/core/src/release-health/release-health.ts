/**
 * Release health, as Sentry defines it (https://develop.sentry.dev/sdk/telemetry/sessions/):
 * a session is one run of an application (a page visit in browsers, a process or a request on
 * servers). Each session ends in exactly one health state, and a release's crash-free rates are
 * the share of its sessions, and of its users, that did not crash.
 */

/** `unhandled`: an unhandled error that did not crash the application (browser sessions). */
export type SessionStatus = 'ok' | 'exited' | 'crashed' | 'abnormal' | 'unhandled' | 'errored';

/** Mutually exclusive, most severe first: a session that crashed counts as crashed only. */
export type SessionHealth = 'crashed' | 'abnormal' | 'unhandled' | 'errored' | 'healthy';

export interface SessionState {
  status: SessionStatus;
  /** Errors seen in the session so far (the SDK's running count). */
  errors: number;
  /** Client time of the update that produced this state (ms). */
  updatedAt: number;
  /** The distinct user id, once the SDK knew the user. */
  distinctId: string | null;
}

export interface SessionUpdateInput {
  status: SessionStatus;
  errors: number;
  timestamp: number;
  distinctId?: string | undefined;
}

const SEVERITY: Record<SessionStatus, number> = {
  ok: 0,
  exited: 1,
  errored: 2,
  unhandled: 3,
  abnormal: 4,
  crashed: 5,
};

/** `ok` is "still running"; every other status ends the session. */
export function isEnded(status: SessionStatus): boolean {
  return status !== 'ok';
}

/**
 * Folds one update into a session's state. Updates may arrive out of order or twice (SDK
 * retries), so: an ended session is not reopened by an `ok`; a stale update (older timestamp)
 * changes nothing but can still raise the severity (a crash reported late is still a crash);
 * the error count only grows; the user, once known, stays.
 */
export function mergeSessionUpdate(prev: SessionState | undefined, update: SessionUpdateInput): SessionState {
  const distinctId = update.distinctId ?? null;
  if (prev === undefined) {
    return { status: update.status, errors: update.errors, updatedAt: update.timestamp, distinctId };
  }
  const errors = Math.max(prev.errors, update.errors);
  const user = prev.distinctId ?? distinctId;
  let status = prev.status;
  if (!isEnded(prev.status)) {
    if (update.timestamp >= prev.updatedAt || isEnded(update.status)) status = update.status;
  } else if (SEVERITY[update.status] > SEVERITY[prev.status] && update.status !== 'exited') {
    status = update.status;
  }
  return { status, errors, updatedAt: Math.max(prev.updatedAt, update.timestamp), distinctId: user };
}

export function sessionHealth(state: Pick<SessionState, 'status' | 'errors'>): SessionHealth {
  if (state.status === 'crashed') return 'crashed';
  if (state.status === 'abnormal') return 'abnormal';
  if (state.status === 'unhandled') return 'unhandled';
  if (state.status === 'errored' || state.errors > 0) return 'errored';
  return 'healthy';
}

export interface HealthCounts {
  sessions: number;
  healthy: number;
  errored: number;
  unhandled: number;
  abnormal: number;
  crashed: number;
  users: number;
  crashedUsers: number;
}

export const emptyCounts = (): HealthCounts => ({
  sessions: 0,
  healthy: 0,
  errored: 0,
  unhandled: 0,
  abnormal: 0,
  crashed: 0,
  users: 0,
  crashedUsers: 0,
});

/** Share of the whole that did not crash, in [0, 1]; null when there is nothing to measure. */
export function crashFreeRate(total: number, crashed: number): number | null {
  if (total <= 0) return null;
  return Math.min(1, Math.max(0, 1 - crashed / total));
}

export interface ReleaseHealth extends HealthCounts {
  crashFreeSessions: number | null;
  crashFreeUsers: number | null;
}

export function releaseHealth(counts: HealthCounts): ReleaseHealth {
  return {
    ...counts,
    crashFreeSessions: crashFreeRate(counts.sessions, counts.crashed),
    crashFreeUsers: crashFreeRate(counts.users, counts.crashedUsers),
  };
}

/**
 * Sentry's pre-aggregated `sessions` items count ended sessions per state: `exited` are the
 * healthy ones, and `errored` excludes crashed, abnormal and unhandled ones, as here.
 */
export function countsFromAggregate(a: {
  exited: number;
  errored: number;
  unhandled: number;
  abnormal: number;
  crashed: number;
}): Pick<HealthCounts, 'sessions' | 'healthy' | 'errored' | 'unhandled' | 'abnormal' | 'crashed'> {
  return {
    sessions: a.exited + a.errored + a.unhandled + a.abnormal + a.crashed,
    healthy: a.exited,
    errored: a.errored,
    unhandled: a.unhandled,
    abnormal: a.abnormal,
    crashed: a.crashed,
  };
}
