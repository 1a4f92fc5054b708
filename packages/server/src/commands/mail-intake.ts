import { createHash, randomBytes } from 'node:crypto';
import { htmlMailText, trimMailReply } from '@closeloop/core/intake/mail-reply-trim';
import {
  automatedMailReason,
  type MailRecipient,
  parseRecipient,
  replyTokensOf,
} from '@closeloop/core/intake/mail-routing';
import { reportGaps } from '@closeloop/core/intake/report-quality';
import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import type { MailOutcome } from '@closeloop/shared/api/mail-intake';
import { AppError } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import { type QuotaBuckets, quotaBucketsFor } from '../ingest/quota-buckets.ts';
import type { InboundMail } from '../mail-intake/inbound-mail.ts';
import type { Services } from '../services.ts';
import { reportRulesOfProject } from '../store/issue-types-store.ts';
import {
  findReplyToken,
  insertCommentAttachments,
  insertReportAttachments,
  intakeProjects,
  memberByEmail,
} from '../store/mail-intake-store.ts';
import { addComment } from './comments.ts';
import { storeUserReport } from './intake.ts';
import { MACHINE_ISSUE_TYPE } from './machine-issues.ts';

/**
 * Email intake (issue 17.3): a mail to `<project>@<domain>` becomes a user report (filed like the
 * widget's and the form's by the `report.file` job: a new untriaged issue or a +1), a reply to a
 * notification mail becomes a comment by the person it was sent to. Shared by the SMTP listener
 * and the providers' webhook; both refuse relaying and bound sizes and rates before this runs.
 */

/** Files kept per mail; more are left out (and the report says so). */
export const MAX_MAIL_ATTACHMENTS = 10;
/** Longest text kept from a mail body. */
const MAX_BODY_CHARS = 20_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Per process and store: the SMTP listener and the webhook take from the same buckets. */
const senderBuckets = new WeakMap<Services, QuotaBuckets>();

/**
 * One sender's budget of mails a minute, over SMTP and the webhook together (one database row per
 * sender on PostgreSQL, so it holds across API processes); not ok: refuse for now.
 */
export async function senderMayMail(
  svc: Services,
  sender: string,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  let buckets = senderBuckets.get(svc);
  if (!buckets) {
    buckets = quotaBucketsFor(svc.store);
    senderBuckets.set(svc, buckets);
  }
  return buckets.take(`mail:${sender.toLowerCase()}`, svc.config.MAIL_INTAKE_PER_SENDER_PER_MINUTE, 1, now);
}

/**
 * Whether the listener accepts mail for this address (asked at RCPT TO, before any data): only
 * our domain (no relaying), only a project that exists once or a reply address.
 */
export async function acceptsRecipient(
  svc: Services,
  address: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const domain = svc.config.MAIL_INTAKE_DOMAIN ?? '';
  const r = parseRecipient(address, domain);
  if (r.kind === 'foreign') return { ok: false, message: 'Relaying denied' };
  if (r.kind === 'unknown') return { ok: false, message: 'No such mailbox here' };
  if (r.kind === 'project') {
    const found = await intakeProjects(svc.store, r.projectKey, r.workspaceSlug);
    if (found.length !== 1)
      return {
        ok: false,
        message:
          found.length === 0
            ? 'No such project'
            : 'Several workspaces have this project: use <key>.<workspace>@',
      };
    if (Number(found[0]!.mail_intake) !== 1) return { ok: false, message: 'This project does not take mail' };
  }
  return { ok: true };
}

/** What happens to one mail, recipient by recipient. */
export async function receiveMail(
  svc: Services,
  mail: InboundMail,
  now = Date.now(),
): Promise<MailOutcome[]> {
  const domain = svc.config.MAIL_INTAKE_DOMAIN ?? '';
  const targets = mail.recipients.map((recipient) => ({ recipient, to: parseRecipient(recipient, domain) }));
  const outcome = (
    recipient: string,
    o: MailOutcome['outcome'],
    reason: string | null = null,
  ): MailOutcome => ({
    recipient,
    outcome: o,
    reason,
  });
  const automated = automatedMailReason(mail.headers, mail.envelopeFrom);
  if (automated) return targets.map((t) => outcome(t.recipient, 'ignored', automated));
  if (!mail.from) return targets.map((t) => outcome(t.recipient, 'ignored', 'no sender address'));

  // A reply: to a reply address, or answering one of our notifications by its Message-ID.
  const tokens = [
    ...targets.flatMap((t) => (t.to.kind === 'reply' ? [t.to.token] : [])),
    ...replyTokensOf(mail.inReplyTo, mail.references, domain),
  ];
  const ours = targets.filter((t) => t.to.kind !== 'foreign');
  const refused = targets
    .filter((t) => t.to.kind === 'foreign')
    .map((t) => outcome(t.recipient, 'refused', 'Relaying denied'));
  const reply = ours.length > 0 ? await commentFromMail(svc, mail, [...new Set(tokens)]) : null;
  if (reply) return [...ours.map((t) => outcome(t.recipient, reply.outcome, reply.reason)), ...refused];
  // Not a reply to anything we know: each project address files a report.
  const results: MailOutcome[] = [];
  for (const t of ours) {
    results.push(
      t.to.kind === 'project'
        ? await reportFromMail(svc, mail, t.recipient, t.to, now)
        : t.to.kind === 'reply'
          ? outcome(t.recipient, 'ignored', 'unknown reply address')
          : outcome(t.recipient, 'refused', 'No such mailbox here'),
    );
  }
  return [...results, ...refused];
}

/**
 * The files of a mail that are kept (a report's or a reply comment's): at most MAX_MAIL_ATTACHMENTS,
 * none empty or over 5 MB (nor the mail limit), names made safe for a Content-Disposition header.
 */
function keptFiles(svc: Services, mail: InboundMail) {
  const perFile = Math.min(5 * 1024 * 1024, svc.config.MAIL_INTAKE_MAX_BYTES);
  const kept = mail.attachments
    .filter((a) => a.content.length > 0 && a.content.length <= perFile)
    .slice(0, MAX_MAIL_ATTACHMENTS)
    .map((a) => ({
      filename: a.filename.replace(/[\r\n/\\]+/g, '_').slice(0, 200),
      content_type: a.contentType.slice(0, 200),
      size: a.content.length,
      data: a.content,
    }));
  return { kept, left: mail.attachments.length - kept.length };
}

/** The new words of a mail: its text part (else its HTML's text), without quote and signature. */
function mailWords(mail: InboundMail): string {
  const body = mail.text ?? (mail.html ? htmlMailText(mail.html) : '');
  return trimMailReply(body).slice(0, MAX_BODY_CHARS);
}

async function reportFromMail(
  svc: Services,
  mail: InboundMail,
  recipient: string,
  to: Extract<MailRecipient, { kind: 'project' }>,
  now: number,
): Promise<MailOutcome> {
  const found = await intakeProjects(svc.store, to.projectKey, to.workspaceSlug);
  if (found.length !== 1)
    return { recipient, outcome: 'refused', reason: found.length ? 'ambiguous project' : 'No such project' };
  const project = found[0]!;
  // Its admins turned email intake off: the webhook's mail is dropped like the listener's refusal.
  if (Number(project.mail_intake) !== 1)
    return { recipient, outcome: 'refused', reason: 'This project does not take mail' };
  const sender = mail.from!;
  const member = await memberByEmail(svc.store, project.workspaceId, sender.address);
  const words = mailWords(mail);
  const subject = mail.subject.replace(/\s+/g, ' ').trim();
  const description = [subject, words].filter((s) => s !== '').join('\n\n') || '(empty mail)';
  const { kept, left } = keptFiles(svc, mail);
  // The Message-ID makes a redelivered mail (an SMTP retry, a webhook sent twice) one report.
  const eventId = sha256(`${project.projectId}:${mail.messageId ?? randomBytes(16).toString('hex')}`).slice(
    0,
    32,
  );
  const id = await storeUserReport(
    svc,
    {
      workspace_id: project.workspaceId,
      project_id: project.projectId,
      issue_id: null,
      event_id: eventId,
      source: 'email',
      outcome: null,
      reporter_name: sender.name ?? member?.name ?? null,
      reporter_email: sender.address,
      reporter_user_id: member?.id ?? null,
      user_key: null,
      description:
        left > 0
          ? `${description}\n\n_${left} attachment(s) over the size or count limit were not kept._`
          : description,
      expected: null,
      actual: null,
      steps: null,
      gaps: JSON.stringify(
        reportGaps(
          { description: words },
          await reportRulesOfProject(svc.store, project.projectId, MACHINE_ISSUE_TYPE),
        ),
      ),
      session_id: null,
      url: null,
      release: null,
      environment: null,
      evidence: JSON.stringify({ hasReplay: false }),
      created_at: now,
      filed_at: null,
      tracking_hash: null,
      message_id: mail.messageId?.slice(0, 1000) ?? null,
    },
    (tx, reportId) =>
      insertReportAttachments(
        tx,
        kept.map((a) => ({
          workspace_id: project.workspaceId,
          report_id: reportId,
          ...a,
          created_at: now,
        })),
      ),
  );
  svc.jobs.wake();
  return { recipient, outcome: 'report', reason: id === null ? 'already received' : null };
}

async function commentFromMail(
  svc: Services,
  mail: InboundMail,
  tokens: readonly string[],
): Promise<{ outcome: MailOutcome['outcome']; reason: string | null } | null> {
  for (const token of tokens) {
    const t = await findReplyToken(svc.store, sha256(token));
    if (!t) continue;
    // The token proves the mail answers a notification; the sender must be the person it went to.
    if (t.email.toLowerCase() !== mail.from!.address)
      return { outcome: 'ignored', reason: 'the sender is not the person the notification was sent to' };
    const member = await memberByEmail(svc.store, t.workspace_id, t.email);
    if (!member) return { outcome: 'ignored', reason: 'the sender is no longer a member' };
    const words = mailWords(mail);
    const { kept, left } = keptFiles(svc, mail);
    if (words === '' && kept.length === 0)
      return { outcome: 'ignored', reason: 'nothing but quote and signature' };
    const body =
      left > 0 ? `${words}\n\n_${left} attachment(s) over the size or count limit were not kept._` : words;
    try {
      // The reply's files are kept with the comment, in its transaction.
      await addComment(
        svc,
        { userId: t.user_id, workspaceId: t.workspace_id, role: member.role as Role },
        formatIssueKey(t.project_key, t.number),
        body.trim() === '' ? '_(attachments)_' : body,
        {},
        'internal',
        (tx, commentId) =>
          insertCommentAttachments(
            tx,
            kept.map((a) => ({
              ...a,
              workspace_id: t.workspace_id,
              comment_id: commentId,
              created_at: Date.now(),
            })),
          ),
      );
    } catch (err) {
      // A viewer may not comment, a deleted issue is gone: the mail is dropped, never retried.
      if (err instanceof AppError) return { outcome: 'ignored', reason: err.message };
      throw err;
    }
    return { outcome: 'comment', reason: null };
  }
  return null;
}
