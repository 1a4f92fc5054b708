import { createHash, randomBytes } from 'node:crypto';
import type { Services } from '../services.ts';
import { insertTrackingLink } from '../store/report-forms-store.ts';

/** Where a mail to a reporter says "your tracking link"; the worker fills it in when it sends. */
export const TRACKING_LINK_SLOT = '{{tracking-link}}';

/**
 * The bodies of a mail to a reporter with a fresh tracking link of their report in the slot: a new
 * random token (192 bits, like the form's) whose SHA-256 opens the report's tracking page
 * (report_tracking_links, 0141). Minted at sending, so the token is never stored in clear; a
 * retried send mints another, and both open the same page. Other mails are returned unchanged.
 */
export async function withTrackingLink(
  svc: Services,
  mail: { workspace_id: number; report_id: number | null; text_body: string; html_body: string },
  now: number,
): Promise<{ text: string; html: string }> {
  if (mail.report_id === null) return { text: mail.text_body, html: mail.html_body };
  const token = randomBytes(24).toString('base64url');
  await insertTrackingLink(svc.store, {
    workspace_id: mail.workspace_id,
    report_id: mail.report_id,
    token_hash: createHash('sha256').update(token).digest('hex'),
    created_at: now,
  });
  const link = `${svc.config.publicUrl.replace(/\/+$/, '')}/track/${token}`;
  return {
    text: mail.text_body.replaceAll(TRACKING_LINK_SLOT, link),
    html: mail.html_body.replaceAll(TRACKING_LINK_SLOT, link),
  };
}
