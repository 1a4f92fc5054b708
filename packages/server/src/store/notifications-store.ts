import type { Tx } from './transaction.ts';

export interface NewNotification {
  workspaceId: number;
  userId: number;
  issueId: number;
  commentId: number | null;
  actorId: number | null;
  kind: string;
  fields: readonly string[];
  emailState: 'none' | 'digest' | 'queued';
}

export async function insertNotifications(tx: Tx, items: readonly NewNotification[]): Promise<number[]> {
  if (items.length === 0) return [];
  const at = Date.now();
  const rows = await tx.db
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        workspace_id: n.workspaceId,
        user_id: n.userId,
        issue_id: n.issueId,
        comment_id: n.commentId,
        actor_id: n.actorId,
        kind: n.kind,
        fields: n.fields.length > 0 ? JSON.stringify(n.fields) : null,
        created_at: at,
        email_state: n.emailState,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Notifications with what the inbox shows about their issue and actor. */
function notificationSelect(tx: Tx) {
  return tx.db
    .selectFrom('notifications as n')
    .innerJoin('issues as i', 'i.id', 'n.issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .leftJoin('users as a', 'a.id', 'n.actor_id')
    .select([
      'n.id',
      'n.user_id',
      'n.kind',
      'n.issue_id',
      'n.comment_id',
      'n.actor_id',
      'n.fields',
      'n.created_at',
      'n.read_at',
      'i.number as issue_number',
      'i.title as issue_title',
      'p.key as project_key',
      'a.name as actor_name',
    ]);
}
export type NotificationRow = Awaited<
  ReturnType<ReturnType<typeof notificationSelect>['executeTakeFirstOrThrow']>
>;

export async function findNotificationsByIds(tx: Tx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return notificationSelect(tx).where('n.id', 'in', ids).orderBy('n.id').execute();
}

export async function listNotifications(
  tx: Tx,
  q: {
    workspaceId: number;
    userId: number;
    unreadOnly: boolean;
    beforeId?: number | undefined;
    limit: number;
  },
) {
  let s = notificationSelect(tx)
    .where('n.user_id', '=', q.userId)
    .where('n.workspace_id', '=', q.workspaceId);
  if (q.unreadOnly) s = s.where('n.read_at', 'is', null);
  if (q.beforeId !== undefined) s = s.where('n.id', '<', q.beforeId);
  return s.orderBy('n.id', 'desc').limit(q.limit).execute();
}

export async function countUnread(tx: Tx, workspaceId: number, userId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one, or all (id null), of a user's notifications read or unread; answers the ids changed. */
export async function setRead(
  tx: Tx,
  q: { workspaceId: number; userId: number; id: number | null; read: boolean },
): Promise<number[]> {
  let u = tx.db
    .updateTable('notifications')
    .set({ read_at: q.read ? Date.now() : null })
    .where('user_id', '=', q.userId)
    .where('workspace_id', '=', q.workspaceId)
    .where('read_at', q.read ? 'is' : 'is not', null);
  if (q.id !== null) u = u.where('id', '=', q.id);
  const rows = await u.returning('id').execute();
  return rows.map((r) => r.id);
}

export async function notificationExists(
  tx: Tx,
  workspaceId: number,
  userId: number,
  id: number,
): Promise<boolean> {
  const r = await tx.db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return !!r;
}

export async function findSettings(tx: Tx, workspaceId: number, userIds: readonly number[]) {
  if (userIds.length === 0) return [];
  return tx.db
    .selectFrom('notification_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function upsertSettings(
  tx: Tx,
  s: { workspaceId: number; userId: number; emailMode: string; nextDigestAt: number | null },
) {
  const at = Date.now();
  await tx.db
    .insertInto('notification_settings')
    .values({
      workspace_id: s.workspaceId,
      user_id: s.userId,
      email_mode: s.emailMode,
      next_digest_at: s.nextDigestAt,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'user_id'])
        .doUpdateSet({ email_mode: s.emailMode, next_digest_at: s.nextDigestAt, updated_at: at }),
    )
    .execute();
}

/** Starts a digest period for people who have none pending; an earlier due time is kept. */
export async function scheduleDigest(tx: Tx, workspaceId: number, userId: number, dueAt: number) {
  await tx.db
    .updateTable('notification_settings')
    .set({ next_digest_at: dueAt })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('next_digest_at', 'is', null)
    .execute();
}

export async function dueDigests(tx: Tx, now: number, limit: number) {
  return tx.db
    .selectFrom('notification_settings as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.workspace_id', 's.user_id', 's.email_mode', 'u.email', 'u.name'])
    .where('s.next_digest_at', '<=', now)
    .orderBy('s.next_digest_at')
    .limit(limit)
    .execute();
}

/** Takes the notifications waiting for a user's digest: marks them queued and answers them. */
export async function takeDigestNotifications(tx: Tx, workspaceId: number, userId: number) {
  const rows = await notificationSelect(tx)
    .where('n.user_id', '=', userId)
    .where('n.workspace_id', '=', workspaceId)
    .where('n.email_state', '=', 'digest')
    .orderBy('n.id')
    .execute();
  if (rows.length > 0) {
    await tx.db
      .updateTable('notifications')
      .set({ email_state: 'queued' })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
  return rows;
}

export async function clearDigest(tx: Tx, workspaceId: number, userId: number) {
  await tx.db
    .updateTable('notification_settings')
    .set({ next_digest_at: null })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function usersByIds(tx: Tx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx.db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
