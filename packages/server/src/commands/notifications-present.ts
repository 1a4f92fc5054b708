import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { Notification } from '@closeloop/shared/api/collaboration';
import type { NotificationRow } from '../store/notifications-store.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The one converter from a notification row (with its issue and actor) to the API shape. */
export function presentNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind as Notification['kind'],
    issueId: r.issue_id,
    issueKey: formatIssueKey(r.project_key, r.issue_number),
    issueTitle: r.issue_title,
    commentId: r.comment_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    fields: r.fields ? (JSON.parse(r.fields) as string[]) : [],
    createdAt: iso(r.created_at)!,
    readAt: iso(r.read_at),
  };
}
