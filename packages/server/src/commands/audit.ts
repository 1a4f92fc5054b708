import { assertCan } from '@closeloop/core/permissions/permissions';
import { toCsv } from '@closeloop/core/reports/report-tables';
import { type AuditEntryInput, insertAuditEntry, listAuditEntries } from '../store/audit-log-store.ts';
import type { Store } from '../store/db.ts';
import type { Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';

/**
 * The audit log (issue 15, item 7): security-relevant actions, written by the command that does
 * them, in its transaction where it has one, so an entry exists exactly when the action happened.
 */
export type AuditAction =
  | 'auth.sign_up'
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.account_locked'
  | 'auth.password_reset_requested'
  | 'auth.password_reset'
  | 'auth.password_changed'
  | 'auth.two_factor_enabled'
  | 'auth.two_factor_disabled'
  | 'workspace.two_factor_required'
  | 'workspace.sso_settings_changed'
  | 'auth.sso_joined'
  | 'member.role_changed'
  | 'member.removed'
  | 'invitation.created'
  | 'invitation.revoked'
  | 'session.revoked'
  | 'session.revoked_others'
  | 'token.created'
  | 'token.revoked'
  | 'ingest_key.created'
  | 'ingest_key.changed'
  | 'ingest_key.revoked'
  | 'end_user.data_deleted';

export function audit(
  tx: Tx,
  entry: Omit<AuditEntryInput, 'action' | 'details' | 'ip'> & {
    action: AuditAction;
    details?: Record<string, unknown>;
    ip?: string | null | undefined;
  },
): Promise<void> {
  return insertAuditEntry(tx, { ...entry, details: entry.details ?? {}, ip: entry.ip ?? null });
}

const present = (r: Awaited<ReturnType<typeof listAuditEntries>>[number]) => ({
  id: r.id,
  at: new Date(Number(r.created_at)).toISOString(),
  actor: r.actor_id === null && r.actor_name === null ? null : { id: r.actor_id, name: r.actor_name },
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
  ip: r.ip,
});

export async function listAuditLog(
  store: Store,
  actor: Actor,
  opts: { before?: number | undefined; limit: number },
) {
  assertCan(actor.role, 'audit.read');
  const rows = await listAuditEntries(store, actor.workspaceId, {
    ...(opts.before === undefined ? {} : { beforeId: opts.before }),
    limit: opts.limit,
  });
  const items = rows.map(present);
  return { items, nextBefore: rows.length === opts.limit ? (items.at(-1)?.id ?? null) : null };
}

/** The whole log as CSV, newest first (what an admin hands to an auditor). */
export async function auditLogCsv(store: Store, actor: Actor): Promise<string> {
  assertCan(actor.role, 'audit.read');
  const rows = (await listAuditEntries(store, actor.workspaceId, { limit: 100_000 })).map(present);
  return toCsv({
    header: ['at', 'actor', 'action', 'target', 'details', 'ip'],
    rows: rows.map((r) => [r.at, r.actor?.name ?? null, r.action, r.target, JSON.stringify(r.details), r.ip]),
  });
}
