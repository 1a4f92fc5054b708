/**
 * Who is told about a change, and how. Plain rules, no storage: the server gathers the facts
 * (watchers, who was mentioned or assigned, who acted) and asks these functions.
 */

export const NOTIFICATION_KINDS = ['mentioned', 'assigned', 'commented', 'updated'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_MODES = ['immediate', 'hourly', 'daily', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];
export const DEFAULT_EMAIL_MODE: EmailMode = 'immediate';

export const WATCH_REASONS = ['reporter', 'assignee', 'mentioned', 'commented', 'subscribed'] as const;
export type WatchReason = (typeof WATCH_REASONS)[number];

export interface ChangeFacts {
  /** Who made the change; never notified about their own change. */
  actorId: number | null;
  /** Everyone watching the issue after the change has been applied. */
  watcherIds: readonly number[];
  /** People newly mentioned by this change (directly or through a team). */
  mentionedIds: readonly number[];
  /** People who became assignees with this change (a user, or a team's members). */
  assignedIds: readonly number[];
  /** What happened to the issue for everyone else: a comment, or a change of fields. */
  general: 'commented' | 'updated' | null;
}

/**
 * One notification per person per change, with the most specific reason:
 * mentioned > assigned > commented/updated. The actor is never notified.
 */
export function notificationTargets(f: ChangeFacts): { userId: number; kind: NotificationKind }[] {
  const out = new Map<number, NotificationKind>();
  const add = (ids: readonly number[], kind: NotificationKind) => {
    for (const id of ids) if (id !== f.actorId && !out.has(id)) out.set(id, kind);
  };
  add(f.mentionedIds, 'mentioned');
  add(f.assignedIds, 'assigned');
  if (f.general) add(f.watcherIds, f.general);
  return [...out].map(([userId, kind]) => ({ userId, kind }));
}

const HOUR = 3_600_000;

/** When a digest that starts collecting at `from` is due; null for modes without digests. */
export function nextDigestAt(mode: EmailMode, from: number): number | null {
  if (mode === 'hourly') return from + HOUR;
  if (mode === 'daily') return from + 24 * HOUR;
  return null;
}

/** How a new notification travels by email under a preference: now, in the next digest, or not at all. */
export function emailRoute(mode: EmailMode): 'now' | 'digest' | 'none' {
  if (mode === 'immediate') return 'now';
  if (mode === 'off') return 'none';
  return 'digest';
}

/** Retry schedule for a mail the SMTP server refused or could not take: 30 s doubling, at most 6 h. */
export const MAX_MAIL_ATTEMPTS = 10;
export function mailRetryDelay(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * HOUR);
}
