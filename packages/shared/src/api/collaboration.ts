import { z } from 'zod';

/** Watchers, reactions, comment revisions, notifications, notification settings, live events. */

export const WATCH_REASONS = ['reporter', 'assignee', 'mentioned', 'commented', 'subscribed'] as const;
export const watcherSchema = z.object({
  userId: z.number(),
  name: z.string(),
  email: z.string(),
  reason: z.enum(WATCH_REASONS),
  since: z.string(),
});
export type Watcher = z.infer<typeof watcherSchema>;
export const watchersSchema = z.object({ items: z.array(watcherSchema), watching: z.boolean() });

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * One emoji (with skin tones, ZWJ sequences, keycaps or flags), as Unicode, not a shortcode.
 * At least one pictographic or regional-indicator code point; nothing but emoji parts.
 */
export const emoji = z
  .string()
  .min(1)
  .max(32)
  .regex(
    /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|[\u200D\uFE0F\u20E3#*0-9])+$/u,
    'one emoji, e.g. 👍',
  )
  .refine(
    (s) =>
      /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(s) && [...graphemes.segment(s)].length === 1,
    'one emoji, e.g. 👍',
  );
export const reactionToggleBody = z.strictObject({ emoji });
export const reactionSummarySchema = z.object({
  emoji: z.string(),
  count: z.number(),
  userIds: z.array(z.number()),
  mine: z.boolean(),
});
export type ReactionSummary = z.infer<typeof reactionSummarySchema>;
export const reactionToggleResultSchema = z.object({
  commentId: z.number(),
  emoji: z.string(),
  /** Whether the caller has this reaction after the toggle. */
  reacted: z.boolean(),
  reactions: z.array(reactionSummarySchema),
});
/** Reactions of every comment of an issue, keyed by comment id. */
export const issueReactionsSchema = z.record(z.string(), z.array(reactionSummarySchema));

export const commentRevisionSchema = z.object({
  id: z.number(),
  commentId: z.number(),
  body: z.string(),
  bodyHtml: z.string(),
  writtenAt: z.string(),
  replacedAt: z.string(),
  replacedBy: z.number().nullable(),
});
export type CommentRevision = z.infer<typeof commentRevisionSchema>;

/**
 * `needs_assignee`: an issue reached a team lead's team and nobody could be auto-assigned (issue 12).
 * `sla_warning` / `sla_breached`: an SLA clock of the issue (its metric in `fields`) neared or passed its target.
 * `automation`: an automation rule's notify action (the rule's name in `fields`).
 */
export const NOTIFICATION_KINDS = [
  'mentioned',
  'assigned',
  'commented',
  'updated',
  'needs_assignee',
  'sla_warning',
  'sla_breached',
  'automation',
] as const;
export const notificationSchema = z.object({
  id: z.number(),
  kind: z.enum(NOTIFICATION_KINDS),
  issueId: z.number(),
  issueKey: z.string(),
  issueTitle: z.string(),
  commentId: z.number().nullable(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  fields: z.array(z.string()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuery = z.strictObject({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;
export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number(),
});
export const notificationPatchBody = z.strictObject({ read: z.boolean() });
export const unreadCountSchema = z.object({ unreadCount: z.number() });

export const EMAIL_MODES = ['immediate', 'hourly', 'daily', 'off'] as const;
export const notificationSettingsBody = z.strictObject({ email: z.enum(EMAIL_MODES) });
export const notificationSettingsSchema = z.object({
  email: z.enum(EMAIL_MODES),
  /** False when the server has no SMTP_URL: nothing is mailed whatever the preference. */
  emailAvailable: z.boolean(),
  nextDigestAt: z.string().nullable(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/**
 * The `data:` of a live event on GET /api/v1/stream. The SSE `event:` field repeats `type`, and
 * the SSE `id:` equals `id` (send it back as Last-Event-ID to resume).
 */
export const LIVE_EVENT_TYPES = [
  'issue.created',
  'issue.updated',
  'issue.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'watchers.changed',
  'notification.created',
  'notification.read',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];
export interface LiveEvent {
  id: number;
  type: LiveEventType;
  at: string;
  issueId?: number;
  issueKey?: string;
  actorId?: number | null;
  commentId?: number;
  fields?: string[];
  /** notification.created: the notification as the inbox lists it. */
  notification?: Notification;
  /** notification.read: which notifications changed (null = all), whether now read, and the new unread count. */
  notificationIds?: number[] | null;
  read?: boolean;
  unreadCount?: number;
}
