import type { Role } from '@closeloop/shared/issue-fields';
import type { Tx } from './transaction.ts';

/** Sessions, API tokens and invitations: all looked up by the hash of a secret, never the secret. */

export async function insertSession(
  tx: Tx,
  s: { tokenHash: string; userId: number; workspaceId: number; expiresAt: number },
) {
  await tx.db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      workspace_id: s.workspaceId,
      created_at: Date.now(),
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function findSessionPrincipal(tx: Tx, tokenHash: string, now: number) {
  return tx.db
    .selectFrom('sessions as s')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.user_id', '=', 's.user_id').onRef('m.workspace_id', '=', 's.workspace_id'),
    )
    .select(['s.user_id', 's.workspace_id', 'm.role'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(tx: Tx, tokenHash: string) {
  await tx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function insertApiToken(
  tx: Tx,
  t: {
    workspaceId: number;
    userId: number;
    name: string;
    tokenHash: string;
    prefix: string;
    expiresAt: number | null;
  },
) {
  return tx.db
    .insertInto('api_tokens')
    .values({
      workspace_id: t.workspaceId,
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      token_prefix: t.prefix,
      created_at: Date.now(),
      expires_at: t.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findTokenPrincipal(tx: Tx, tokenHash: string, now: number) {
  return tx.db
    .selectFrom('api_tokens as t')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.user_id', '=', 't.user_id').onRef('m.workspace_id', '=', 't.workspace_id'),
    )
    .select(['t.id', 't.user_id', 't.workspace_id', 'm.role'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
}

/** Notes a token's use unless it was noted within `minGapMs` (also by another process). */
export async function touchApiToken(tx: Tx, id: number, now: number, minGapMs: number) {
  await tx.db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', now - minGapMs)]))
    .execute();
}

export async function listApiTokens(tx: Tx, workspaceId: number, userId: number) {
  return tx.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}

export async function revokeApiToken(tx: Tx, workspaceId: number, userId: number, id: number) {
  return tx.db
    .updateTable('api_tokens')
    .set({ revoked_at: Date.now() })
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function insertInvitation(
  tx: Tx,
  i: {
    workspaceId: number;
    email: string;
    role: Role;
    tokenHash: string;
    invitedBy: number;
    expiresAt: number;
  },
) {
  return tx.db
    .insertInto('invitations')
    .values({
      workspace_id: i.workspaceId,
      email: i.email,
      role: i.role,
      token_hash: i.tokenHash,
      invited_by: i.invitedBy,
      created_at: Date.now(),
      expires_at: i.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findInvitationByHash(tx: Tx, tokenHash: string) {
  return tx.db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markInvitationAccepted(tx: Tx, id: number) {
  await tx.db.updateTable('invitations').set({ accepted_at: Date.now() }).where('id', '=', id).execute();
}

/** Deletes a pending invitation of the workspace, so its token stops working; the row or undefined. */
export async function deletePendingInvitation(tx: Tx, workspaceId: number, id: number) {
  return tx.db
    .deleteFrom('invitations')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function listInvitations(tx: Tx, workspaceId: number) {
  return tx.db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .execute();
}
