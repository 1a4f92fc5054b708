import { assertCan } from '@closeloop/core/permissions/permissions';
import type { AskReporterAnswer } from '@closeloop/shared/api/user-reports';
import { Conflict, NotFound } from '@closeloop/shared/errors';
import { renderReporterQuestionMail } from '../mail/reporter-question-mail.ts';
import type { Services } from '../services.ts';
import { enqueueMails } from '../store/mail-outbox-store.ts';
import { findProjectByKey } from '../store/projects-store.ts';
import { inTransaction } from '../store/transaction.ts';
import { findUserReport } from '../store/user-reports-store.ts';
import type { Actor } from './actor.ts';
import { publishCommentCreated, writeComment } from './comment-write.ts';
import { requireIssue } from './issues.ts';

/**
 * Asking a reporter for more (issue 17.4), from the issue page: the question is a public comment
 * tied to that one report, so it shows on their tracking page and on no other reporter's; when they
 * left an address it is also mailed, with a tracking link to answer on (minted when sent,
 * mail/tracking-link.ts). A report that can reach no one (a widget report without an address) is
 * refused rather than asked into the void.
 */
export async function askReporter(
  svc: Services,
  actor: Actor,
  issueKey: string,
  reportId: number,
  question: string,
): Promise<AskReporterAnswer> {
  assertCan(actor.role, 'comment.create');
  const { issue, commentId, byEmail } = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, issueKey);
    const report = await findUserReport(tx, reportId);
    if (!report || report.issue_id !== issue.id || report.workspace_id !== actor.workspaceId)
      throw new NotFound('Report');
    const byEmail = report.reporter_email !== null;
    if (!byEmail && report.tracking_hash === null)
      throw new Conflict(
        'This reporter left no email address and has no tracking link: nobody would read it',
      );
    const row = await writeComment(tx, {
      workspaceId: actor.workspaceId,
      issueId: issue.id,
      authorId: actor.userId,
      body: question,
      visibility: 'public',
      reportId: report.id,
    });
    if (report.reporter_email !== null) {
      const mail = renderReporterQuestionMail({
        projectName: (await findProjectByKey(tx, actor.workspaceId, issue.projectKey))?.name ?? 'The team',
        reportDescription: report.description,
        question,
      });
      await enqueueMails(tx, [
        {
          workspaceId: actor.workspaceId,
          userId: null,
          to: report.reporter_email,
          reportId: report.id,
          ...mail,
        },
      ]);
    }
    return { issue, commentId: row.id, byEmail };
  });
  publishCommentCreated(svc, {
    workspaceId: actor.workspaceId,
    issueId: issue.id,
    issueKey: issue.key,
    authorId: actor.userId,
    commentId,
  });
  return { commentId, byEmail };
}
