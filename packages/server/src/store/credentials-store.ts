import type { Role } from '@closeloop/shared/issue-fields';
import type { Tx } from './transaction.ts';

/** Sessions, API tokens and invitations: all looked up by the hash of a secret, never the secret. */

export async function insertSession(
  tx: Tx,
  s: {
    tokenHash: string;
    userId: number;
    workspaceId: number;
    now: number;
    expiresAt: number;
    signedInWith: 'password' | 'sso';
  },
) {
  await tx.db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      workspace_id: s.workspaceId,
      created_at: s.now,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
      signed_in_with: s.signedInWith,
    })
    .execute();
}

/**
 * The session before its absolute end, with its last use (the idle rule is the caller's, core) and
 * whether its workspace requires two-factor sign-in of a person who has it off.
 */
export async function findSessionPrincipal(tx: Tx, tokenHash: string, now: number) {
  return tx.db
    .selectFrom('sessions as s')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.user_id', '=', 's.user_id').onRef('m.workspace_id', '=', 's.workspace_id'),
    )
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .select([
      's.id',
      's.user_id',
      's.workspace_id',
      's.expires_at',
      's.last_seen_at',
      'm.role',
      'w.require_two_factor',
      'u.totp_secret',
      's.signed_in_with',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

/** Notes a session's use unless it was noted within `minGapMs` (also by another process). */
export async function touchSession(tx: Tx, id: number, now: number, minGapMs: number) {
  await tx.db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where('last_seen_at', '<=', now - minGapMs)
    .execute();
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
    readOnly: boolean;
    projectId: number | null;
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
      read_only: t.readOnly ? 1 : 0,
      project_id: t.projectId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A token's row as its owner sees it: with the key of the project it is limited to (or null). */
function tokenViews(tx: Tx) {
  return tx.db
    .selectFrom('api_tokens as t')
    .leftJoin('projects as p', 'p.id', 't.project_id')
    .select([
      't.id',
      't.name',
      't.token_prefix',
      't.created_at',
      't.last_used_at',
      't.revoked_at',
      't.expires_at',
      't.read_only',
      'p.key as project_key',
    ]);
}

export async function findApiTokenView(tx: Tx, id: number) {
  return tokenViews(tx).where('t.id', '=', id).executeTakeFirstOrThrow();
}

/** The caller behind a live token, with its scope (read-only, the project key it is limited to). */
export async function findTokenPrincipal(tx: Tx, tokenHash: string, now: number) {
  return tx.db
    .selectFrom('api_tokens as t')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.user_id', '=', 't.user_id').onRef('m.workspace_id', '=', 't.workspace_id'),
    )
    .leftJoin('projects as p', 'p.id', 't.project_id')
    .select(['t.id', 't.user_id', 't.workspace_id', 't.read_only', 'p.key as project_key', 'm.role'])
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
  return tokenViews(tx)
    .where('t.workspace_id', '=', workspaceId)
    .where('t.user_id', '=', userId)
    .orderBy('t.id', 'desc')
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
    .returning(['id', 'name'])
    .executeTakeFirst();
}

/** Revokes every live API token of the person, in all workspaces; how many. */
export async function revokeAllApiTokensOf(tx: Tx, userId: number, now: number): Promise<number> {
  const rows = await tx.db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
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
