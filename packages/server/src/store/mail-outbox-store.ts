import type { Tx } from './transaction.ts';

export interface OutgoingMail {
  workspaceId: number;
  userId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The issue a notification is about: its mail gets a reply address (email intake). */
  issueId?: number | null;
  /** A mail to a reporter about their report: TRACKING_LINK_SLOT in it becomes a fresh tracking link. */
  reportId?: number | null;
}

export async function enqueueMails(tx: Tx, mails: readonly OutgoingMail[]) {
  if (mails.length === 0) return;
  const at = Date.now();
  await tx.db
    .insertInto('mail_outbox')
    .values(
      mails.map((m) => ({
        workspace_id: m.workspaceId,
        user_id: m.userId,
        to_address: m.to,
        subject: m.subject,
        text_body: m.text,
        html_body: m.html,
        created_at: at,
        attempts: 0,
        next_attempt_at: at,
        issue_id: m.issueId ?? null,
        report_id: m.reportId ?? null,
      })),
    )
    .execute();
}

/**
 * Claims up to `limit` due mails for `leaseMs`. Portable across both dialects and safe with many
 * workers: the outer WHERE repeats the lease test, and PostgreSQL re-checks it against the latest
 * row version when two claims race (READ COMMITTED), so one mail goes to one worker. A worker that
 * dies mid-send loses its lease and the mail is claimed again after it expires.
 */
export async function claimDueMails(tx: Tx, now: number, limit: number, leaseMs: number) {
  return tx.db
    .updateTable('mail_outbox')
    .set((eb) => ({ locked_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
        .orderBy('id')
        .limit(limit),
    )
    .where('sent_at', 'is', null)
    .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
    .returningAll()
    .execute();
}

export async function markMailSent(tx: Tx, id: number) {
  await tx.db
    .updateTable('mail_outbox')
    .set({ sent_at: Date.now(), locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markMailFailed(tx: Tx, id: number, error: string, retryAt: number | null) {
  await tx.db
    .updateTable('mail_outbox')
    .set(
      retryAt === null
        ? { failed_at: Date.now(), locked_until: null, last_error: error }
        : { next_attempt_at: retryAt, locked_until: null, last_error: error },
    )
    .where('id', '=', id)
    .execute();
}
