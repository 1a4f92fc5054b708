import {
  DEFAULT_EMAIL_MODE,
  type EmailMode,
  nextDigestAt,
} from '@closeloop/core/notifications/notification-rules';
import type { NotificationListQuery, NotificationSettings } from '@closeloop/shared/api/collaboration';
import { NotFound } from '@closeloop/shared/errors';
import { appendLive } from '../live/append-live.ts';
import type { Services } from '../services.ts';
import * as store from '../store/notifications-store.ts';
import type { Actor } from './actor.ts';
import { presentNotification } from './notifications-present.ts';

/** A person's inbox in the workspace they are signed into, newest first. Nobody reads another's. */
export async function listNotifications(svc: Services, actor: Actor, q: NotificationListQuery) {
  const rows = await store.listNotifications(svc.store, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    unreadOnly: q.unread ?? false,
    beforeId: q.cursor,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(presentNotification),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
    unreadCount: await store.countUnread(svc.store, actor.workspaceId, actor.userId),
  };
}

export async function unreadCount(svc: Services, actor: Actor) {
  return { unreadCount: await store.countUnread(svc.store, actor.workspaceId, actor.userId) };
}

/** Marks one notification (or all, with id null) read or unread; answers the new unread count. */
export async function markRead(svc: Services, actor: Actor, id: number | null, read: boolean) {
  if (id !== null && !(await store.notificationExists(svc.store, actor.workspaceId, actor.userId, id))) {
    throw new NotFound('Notification');
  }
  const changed = await store.setRead(svc.store, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    id,
    read,
  });
  const count = await store.countUnread(svc.store, actor.workspaceId, actor.userId);
  if (changed.length > 0) {
    await appendLive(svc, [
      {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        type: 'notification.read',
        payload: {
          type: 'notification.read',
          notificationIds: id === null ? null : changed,
          read,
          unreadCount: count,
          at: new Date().toISOString(),
        },
      },
    ]);
  }
  return { unreadCount: count };
}

export async function notificationSettings(svc: Services, actor: Actor): Promise<NotificationSettings> {
  const [s] = await store.findSettings(svc.store, actor.workspaceId, [actor.userId]);
  return {
    email: (s?.email_mode ?? DEFAULT_EMAIL_MODE) as EmailMode,
    emailAvailable: !!svc.config.SMTP_URL,
    nextDigestAt: s?.next_digest_at == null ? null : new Date(Number(s.next_digest_at)).toISOString(),
  };
}

/**
 * Sets how notifications travel by email. Switching to a digest keeps a digest already due;
 * switching away from digests sends what is pending at the next worker pass.
 */
export async function updateNotificationSettings(svc: Services, actor: Actor, email: EmailMode) {
  const [s] = await store.findSettings(svc.store, actor.workspaceId, [actor.userId]);
  const pending = s?.next_digest_at == null ? null : Number(s.next_digest_at);
  const due = nextDigestAt(email, Date.now()) === null ? (pending === null ? null : Date.now()) : pending;
  await store.upsertSettings(svc.store, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    emailMode: email,
    nextDigestAt: due,
  });
  return notificationSettings(svc, actor);
}
