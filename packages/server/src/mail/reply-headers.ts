import { createHash, randomBytes } from 'node:crypto';
import { notificationMessageId, replyAddress } from '@closeloop/core/intake/mail-routing';
import type { Services } from '../services.ts';
import { insertReplyToken } from '../store/mail-intake-store.ts';

/**
 * The Reply-To and Message-ID of a notification mail when email intake is on: both carry a fresh
 * random token (128 bits; only its SHA-256 is stored) naming the issue and the recipient, so a
 * reply — to the address, or threaded by In-Reply-To/References — becomes their comment on it.
 * Minted when the mail is sent, so the token is never kept in clear, not even in the outbox.
 */
export async function replyHeaders(
  svc: Services,
  mail: { workspace_id: number; user_id: number | null; issue_id: number | null },
  now: number,
): Promise<{ replyTo?: string; messageId?: string }> {
  const domain = svc.config.MAIL_INTAKE_DOMAIN;
  if (!domain || mail.issue_id === null || mail.user_id === null) return {};
  const token = randomBytes(16).toString('hex');
  await insertReplyToken(svc.store, {
    token_hash: createHash('sha256').update(token).digest('hex'),
    workspace_id: mail.workspace_id,
    issue_id: mail.issue_id,
    user_id: mail.user_id,
    created_at: now,
  });
  return { replyTo: replyAddress(token, domain), messageId: notificationMessageId(token, domain) };
}
