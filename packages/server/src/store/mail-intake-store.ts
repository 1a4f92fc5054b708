import type { Insertable } from 'kysely';
import type { CommentAttachmentTable, MailReplyTokenTable, ReportAttachmentTable } from './tables-intake.ts';
import type { Tx } from './transaction.ts';

/** Queries of email intake (issue 17.3): addressed projects, senders, attachments, reply tokens. */

/** Live projects a mail to `<key>[.<workspace slug>]@<domain>` may mean (more than one: ambiguous). */
export async function intakeProjects(tx: Tx, key: string, workspaceSlug: string | null) {
  let q = tx.db
    .selectFrom('projects as p')
    .innerJoin('workspaces as w', 'w.id', 'p.workspace_id')
    .select(['p.id as projectId', 'p.workspace_id as workspaceId', 'p.key as projectKey', 'p.mail_intake'])
    .where('p.key', '=', key)
    .where('p.archived_at', 'is', null);
  if (workspaceSlug !== null) q = q.where('w.slug', '=', workspaceSlug);
  return q.limit(2).execute();
}

/** The member of a workspace with this address (emails are stored lower-cased), with their role. */
export async function memberByEmail(tx: Tx, workspaceId: number, email: string) {
  return tx.db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'm.role'])
    .where('m.workspace_id', '=', workspaceId)
    .where('u.email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function insertReportAttachments(
  tx: Tx,
  rows: readonly Insertable<ReportAttachmentTable>[],
): Promise<void> {
  if (rows.length > 0)
    await tx.db
      .insertInto('report_attachments')
      .values([...rows])
      .execute();
}

/** What the issue page lists of the reports' files (never their bytes). */
export async function attachmentsOfReports(tx: Tx, reportIds: readonly number[]) {
  if (reportIds.length === 0) return [];
  return tx.db
    .selectFrom('report_attachments')
    .select(['id', 'report_id', 'filename', 'content_type', 'size'])
    .where('report_id', 'in', [...reportIds])
    .orderBy('id')
    .execute();
}

/** One file of a report filed into this issue (another issue's file is not found). */
export async function findIssueAttachment(tx: Tx, issueId: number, attachmentId: number) {
  return tx.db
    .selectFrom('report_attachments as a')
    .innerJoin('user_reports as r', 'r.id', 'a.report_id')
    .select(['a.filename', 'a.content_type', 'a.data'])
    .where('a.id', '=', attachmentId)
    .where('r.issue_id', '=', issueId)
    .executeTakeFirst();
}

export async function insertReplyToken(tx: Tx, row: Insertable<MailReplyTokenTable>): Promise<void> {
  await tx.db.insertInto('mail_reply_tokens').values(row).execute();
}

/** The issue and person a reply token was minted for. */
export async function findReplyToken(tx: Tx, tokenHash: string) {
  return tx.db
    .selectFrom('mail_reply_tokens as t')
    .innerJoin('issues as i', 'i.id', 't.issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.workspace_id', 't.issue_id', 't.user_id', 'u.email', 'p.key as project_key', 'i.number'])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Turns a project's email intake on or off (0143). */
export async function setProjectMailIntake(tx: Tx, projectId: number, enabled: boolean): Promise<void> {
  await tx.db
    .updateTable('projects')
    .set({ mail_intake: enabled ? 1 : 0 })
    .where('id', '=', projectId)
    .execute();
}

export async function projectMailIntake(tx: Tx, projectId: number): Promise<boolean> {
  const r = await tx.db
    .selectFrom('projects')
    .select('mail_intake')
    .where('id', '=', projectId)
    .executeTakeFirst();
  return Number(r?.mail_intake ?? 0) === 1;
}

export async function insertCommentAttachments(
  tx: Tx,
  rows: readonly Insertable<CommentAttachmentTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.db
    .insertInto('comment_attachments')
    .values([...rows])
    .execute();
}

/** What a page of comments lists of their files (never their bytes): one query for the page. */
export async function attachmentsOfComments(tx: Tx, commentIds: readonly number[]) {
  if (commentIds.length === 0) return [];
  return tx.db
    .selectFrom('comment_attachments')
    .select(['id', 'comment_id', 'filename', 'content_type', 'size'])
    .where('comment_id', 'in', [...commentIds])
    .orderBy('id')
    .execute();
}

/** One file of a comment on this issue (another issue's file is not found, nor a deleted comment's). */
export async function findCommentAttachment(tx: Tx, issueId: number, attachmentId: number) {
  return tx.db
    .selectFrom('comment_attachments as a')
    .innerJoin('comments as c', 'c.id', 'a.comment_id')
    .select(['a.filename', 'a.content_type', 'a.data'])
    .where('a.id', '=', attachmentId)
    .where('c.issue_id', '=', issueId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst();
}
