import {
  DEFAULT_EMAIL_MODE,
  type EmailMode,
  emailRoute,
  nextDigestAt,
  notificationTargets,
  type WatchReason,
} from '@closeloop/core/notifications/notification-rules';
import type { Change } from '../live/change-bus.ts';
import { renderNotificationMail } from '../mail/notification-mail.ts';
import type { Services } from '../services.ts';
import { appendChanges, type ChangeLogEntry } from '../store/change-log-store.ts';
import { findComment } from '../store/comments-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import { enqueueMails, type OutgoingMail } from '../store/mail-outbox-store.ts';
import {
  findNotificationsByIds,
  findSettings,
  insertNotifications,
  type NewNotification,
  scheduleDigest,
  usersByIds,
} from '../store/notifications-store.ts';
import { teamMemberIds } from '../store/teams-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { addWatchers, recordMentions, watcherIds } from '../store/watchers-store.ts';
import { resolveMentions } from './mentions.ts';
import { presentNotification } from './notifications-present.ts';

/**
 * What follows a committed change, in one transaction: watchers are added (reporter, assignees,
 * mentioned people, commenters), notifications are created for watchers other than the actor,
 * immediate mails go to the outbox, digest mails are scheduled, and the change plus each
 * notification is appended to change_log for live clients. Runs after the change's own
 * transaction, from the ChangeBus, so the commands stay unaware of it.
 */
export async function reactToChange(svc: Services, change: Change): Promise<void> {
  await inTransaction(svc.store, async (tx) => {
    const entries: ChangeLogEntry[] = [
      {
        workspaceId: change.workspaceId,
        userId: null,
        type: change.type,
        payload: {
          type: change.type,
          issueId: change.issueId,
          issueKey: change.issueKey,
          actorId: change.actorId,
          ...(change.commentId !== undefined ? { commentId: change.commentId } : {}),
          ...(change.fields ? { fields: change.fields } : {}),
          at: new Date(change.at).toISOString(),
        },
      },
    ];
    const notificationIds = await collaborate(svc, tx, change);
    for (const row of await findNotificationsByIds(tx, notificationIds)) {
      const n = presentNotification(row);
      entries.push({
        workspaceId: change.workspaceId,
        userId: row.user_id,
        type: 'notification.created',
        payload: { type: 'notification.created', notification: n, at: n.createdAt },
      });
    }
    await appendChanges(tx, entries);
  });
}

async function assigneeIds(
  tx: Tx,
  userId: number | null,
  teamId: number | null,
): Promise<{ user: number[]; team: number[] }> {
  const team = teamId === null ? [] : ((await teamMemberIds(tx, [teamId])).get(teamId) ?? []);
  return { user: userId === null ? [] : [userId], team };
}

/** Watchers and notifications for one change; answers the notification ids created. */
async function collaborate(svc: Services, tx: Tx, change: Change): Promise<number[]> {
  const ws = change.workspaceId;
  if (change.type === 'issue.deleted' || change.type === 'comment.deleted') return [];
  const issue = await findIssueRow(tx, ws, { id: change.issueId });
  if (!issue) return [];
  const watch = (ids: readonly number[], reason: WatchReason) => addWatchers(tx, ws, issue.id, ids, reason);

  let mentioned: number[] = [];
  let assigned: number[] = [];
  let general: 'commented' | 'updated' | null = null;
  let commentId: number | null = null;
  let commentBody: string | null = null;

  if (change.type === 'issue.created' || change.type === 'issue.updated') {
    const fields = change.type === 'issue.created' ? null : new Set(change.fields ?? []);
    if (change.type === 'issue.created' && issue.reporter_id !== null)
      await watch([issue.reporter_id], 'reporter');
    const a = await assigneeIds(tx, issue.assignee_user_id, issue.assignee_team_id);
    if (!fields || fields.has('assigneeUserId')) assigned.push(...a.user);
    if (!fields || fields.has('assigneeTeamId')) assigned.push(...a.team);
    await watch(assigned, 'assignee');
    if (!fields || fields.has('description')) {
      const ids = await resolveMentions(tx, ws, issue.description);
      mentioned = await recordMentions(tx, ws, issue.id, 'description', ids);
    }
    if (fields) general = 'updated';
  } else {
    if (change.commentId === undefined) return [];
    const comment = await findComment(tx, ws, change.commentId);
    if (!comment) return [];
    // Reactions are not news for the watchers; edits only notify people they newly mention.
    if (change.type === 'comment.updated' && change.fields?.includes('reactions')) return [];
    commentId = comment.id;
    commentBody = comment.body;
    const ids = await resolveMentions(tx, ws, comment.body);
    mentioned = await recordMentions(tx, ws, issue.id, `comment:${comment.id}`, ids);
    if (change.type === 'comment.created') {
      if (comment.author_id !== null) await watch([comment.author_id], 'commented');
      general = 'commented';
    }
  }
  await watch(mentioned, 'mentioned');
  assigned = [...new Set(assigned)];

  const targets = notificationTargets({
    actorId: change.actorId,
    watcherIds: general ? await watcherIds(tx, issue.id) : [],
    mentionedIds: mentioned,
    assignedIds: assigned,
    general,
  });
  if (targets.length === 0) return [];

  const mailOn = !!svc.config.SMTP_URL;
  const settings = new Map(
    (
      await findSettings(
        tx,
        ws,
        targets.map((t) => t.userId),
      )
    ).map((s) => [s.user_id, s]),
  );
  const modeOf = (userId: number) => (settings.get(userId)?.email_mode ?? DEFAULT_EMAIL_MODE) as EmailMode;
  const fields = change.type === 'issue.updated' ? (change.fields ?? []) : [];
  const rows: NewNotification[] = targets.map((t) => {
    const route = mailOn ? emailRoute(modeOf(t.userId)) : 'none';
    return {
      workspaceId: ws,
      userId: t.userId,
      issueId: issue.id,
      commentId,
      actorId: change.actorId,
      kind: t.kind,
      fields,
      emailState: route === 'now' ? 'queued' : route === 'digest' ? 'digest' : 'none',
    };
  });
  const ids = await insertNotifications(tx, rows);

  if (mailOn) {
    const people = new Map(
      (
        await usersByIds(tx, [...targets.map((t) => t.userId), ...(change.actorId ? [change.actorId] : [])])
      ).map((u) => [u.id, u]),
    );
    const actorName = change.actorId ? (people.get(change.actorId)?.name ?? null) : null;
    const mails: OutgoingMail[] = [];
    for (const n of rows) {
      const to = people.get(n.userId);
      if (!to) continue;
      if (n.emailState === 'queued') {
        const item = {
          kind: n.kind,
          issueKey: change.issueKey,
          issueTitle: issue.title,
          actorName,
          fields,
          commentBody,
        };
        mails.push({
          workspaceId: ws,
          userId: to.id,
          issueId: issue.id,
          to: to.email,
          ...renderNotificationMail(item, svc.config.publicUrl, !!svc.config.MAIL_INTAKE_DOMAIN),
        });
      } else if (n.emailState === 'digest') {
        await scheduleDigest(tx, ws, n.userId, nextDigestAt(modeOf(n.userId), Date.now())!);
      }
    }
    await enqueueMails(tx, mails);
  }
  return ids;
}
