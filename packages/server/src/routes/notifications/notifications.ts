import {
  notificationListQuery,
  notificationPageSchema,
  notificationPatchBody,
  notificationSettingsBody,
  notificationSettingsSchema,
  unreadCountSchema,
} from '@closeloop/shared/api/collaboration';
import { idParam } from '@closeloop/shared/api/common';
import { z } from 'zod';
import {
  listNotifications,
  markRead,
  notificationSettings,
  unreadCount,
  updateNotificationSettings,
} from '../../commands/notifications.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['notifications'];

export function registerNotificationRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your inbox, newest first; ?unread=true for unread only; page with ?cursor=<nextCursor>',
        querystring: notificationListQuery,
        response: { 200: notificationPageSchema },
      },
    },
    async (req) => listNotifications(svc, await actorOf(svc, req), req.query),
  );
  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of your notifications are unread',
        response: { 200: unreadCountSchema },
      },
    },
    async (req) => unreadCount(svc, await actorOf(svc, req)),
  );
  app.patch(
    '/api/v1/notifications/:id',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read or unread',
        params: z.object({ id: idParam }),
        body: notificationPatchBody,
        response: { 200: unreadCountSchema },
      },
    },
    async (req) => markRead(svc, await actorOf(svc, req), req.params.id, req.body.read),
  );
  app.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, summary: 'Mark all your notifications read', response: { 200: unreadCountSchema } } },
    async (req) => markRead(svc, await actorOf(svc, req), null, true),
  );
  app.get(
    '/api/v1/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'How your notifications reach you by email',
        response: { 200: notificationSettingsSchema },
      },
    },
    async (req) => notificationSettings(svc, await actorOf(svc, req)),
  );
  app.put(
    '/api/v1/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'Email: immediate, hourly or daily digest, or off',
        body: notificationSettingsBody,
        response: { 200: notificationSettingsSchema },
      },
    },
    async (req) => updateNotificationSettings(svc, await actorOf(svc, req), req.body.email),
  );
}
