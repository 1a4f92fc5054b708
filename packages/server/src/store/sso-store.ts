import type { WorkspaceSsoTable } from './tables-security.ts';
import type { Tx } from './transaction.ts';

/** Single sign-on (migration 0190): a workspace's provider settings, sign-ins under way, linked identities. */

export type SsoSettingsRow = WorkspaceSsoTable;

export async function findSsoSettings(tx: Tx, workspaceId: number): Promise<SsoSettingsRow | undefined> {
  return tx.db
    .selectFrom('workspace_sso')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function saveSsoSettings(tx: Tx, row: SsoSettingsRow) {
  const { workspace_id: _id, ...changes } = row;
  await tx.db
    .insertInto('workspace_sso')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
    .execute();
}

/** Workspaces with single sign-on on whose allowed domains include `domain` (lower-case). */
export async function enabledSsoForDomain(tx: Tx, domain: string) {
  const rows = await tx.db
    .selectFrom('workspace_sso')
    .select(['workspace_id', 'allowed_domains'])
    .where('enabled', '=', 1)
    // A coarse filter the database can run; the exact match is on the parsed list.
    .where('allowed_domains', 'like', `%${domain.replace(/[%_\\]/g, '')}%`)
    .execute();
  return rows
    .filter((r) => (JSON.parse(r.allowed_domains) as string[]).includes(domain))
    .map((r) => r.workspace_id);
}

export async function findWorkspaceIdBySlug(tx: Tx, slug: string): Promise<number | undefined> {
  const r = await tx.db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst();
  return r?.id;
}

export async function workspaceRequiresSso(tx: Tx, workspaceId: number): Promise<boolean> {
  const r = await tx.db
    .selectFrom('workspace_sso')
    .select(['enabled', 'require_sso'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(r?.enabled ?? 0) === 1 && Number(r?.require_sso ?? 0) === 1;
}

export async function insertSsoLogin(
  tx: Tx,
  l: {
    stateHash: string;
    workspaceId: number;
    nonce: string;
    codeVerifier: string;
    nextPath: string | null;
    expiresAt: number;
  },
) {
  await tx.db
    .insertInto('sso_logins')
    .values({
      state_hash: l.stateHash,
      workspace_id: l.workspaceId,
      nonce: l.nonce,
      code_verifier: l.codeVerifier,
      next_path: l.nextPath,
      expires_at: l.expiresAt,
    })
    .execute();
}

/** Takes (deletes and returns) a live sign-in by its state: a state answers once. */
export async function takeSsoLogin(tx: Tx, stateHash: string, now: number) {
  const row = await tx.db
    .deleteFrom('sso_logins')
    .where('state_hash', '=', stateHash)
    .returningAll()
    .executeTakeFirst();
  return row && Number(row.expires_at) > now ? row : undefined;
}

/** Sign-ins abandoned at the provider; removed whenever a new one starts, so the table stays small. */
export async function deleteExpiredSsoLogins(tx: Tx, now: number) {
  await tx.db.deleteFrom('sso_logins').where('expires_at', '<=', now).execute();
}

export async function findSsoIdentity(tx: Tx, workspaceId: number, issuer: string, subject: string) {
  return tx.db
    .selectFrom('sso_identities')
    .select(['user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function insertSsoIdentity(
  tx: Tx,
  i: { workspaceId: number; issuer: string; subject: string; userId: number },
) {
  await tx.db
    .insertInto('sso_identities')
    .values({
      workspace_id: i.workspaceId,
      issuer: i.issuer,
      subject: i.subject,
      user_id: i.userId,
      created_at: Date.now(),
    })
    .execute();
}

/** A live, unaccepted invitation of `email` to the workspace: signing in through SSO accepts it. */
export async function findPendingInvitation(tx: Tx, workspaceId: number, email: string, now: number) {
  return tx.db
    .selectFrom('invitations')
    .select(['id', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
