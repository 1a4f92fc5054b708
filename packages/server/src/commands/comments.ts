import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Comment } from '@closeloop/shared/api/issues';
import { Forbidden, NotFound } from '@closeloop/shared/errors';
import type { Selectable } from 'kysely';
import type { Change } from '../live/change-bus.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import type { Services } from '../services.ts';
import { listActivity, recordActivity } from '../store/activity-store.ts';
import * as comments from '../store/comments-store.ts';
import { attachmentsOfComments } from '../store/mail-intake-store.ts';
import { reindexIssue } from '../store/search/search-index.ts';
import type { CommentTable } from '../store/tables.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { keepRevision, publishCommentChange } from './comment-history.ts';
import { publishCommentCreated, writeComment } from './comment-write.ts';
import { requireIssue } from './issues.ts';

type CommentRow = Selectable<CommentTable>;

type FileRow = { id: number; comment_id: number; filename: string; content_type: string; size: number };

function present(r: CommentRow, files: readonly FileRow[] = []): Comment {
  return {
    id: r.id,
    issueId: r.issue_id,
    authorId: r.author_id,
    body: r.body,
    bodyHtml: renderMarkdown(r.body),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    visibility: r.visibility === 'public' ? 'public' : 'internal',
    reportId: r.report_id,
    attachments: files
      .filter((f) => f.comment_id === r.id)
      .map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: Number(f.size) })),
  };
}

export async function addComment(
  svc: Services,
  actor: Actor,
  issueKey: string,
  body: string,
  made: Pick<Change, 'origin' | 'automationChain'> = {},
  visibility: 'internal' | 'public' = 'internal',
  /** More rows that belong to the comment (a mailed reply's files), written in its transaction. */
  withComment?: (tx: Tx, commentId: number) => Promise<void>,
) {
  assertCan(actor.role, 'comment.create');
  const { row, issue } = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, issueKey);
    const row = await writeComment(tx, {
      workspaceId: actor.workspaceId,
      issueId: issue.id,
      authorId: actor.userId,
      body,
      visibility,
    });
    await withComment?.(tx, row.id);
    return { row, issue };
  });
  publishCommentCreated(svc, {
    workspaceId: actor.workspaceId,
    issueId: issue.id,
    issueKey: issue.key,
    authorId: actor.userId,
    commentId: row.id,
    ...made,
  });
  return present(row);
}

export async function listComments(svc: Services, actor: Actor, issueKey: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  const rows = await comments.listComments(svc.store, issue.id);
  const files = await attachmentsOfComments(
    svc.store,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, files));
}

/** Authors edit their own comments; admins may edit or delete anyone's (moderation). */
async function requireEditable(svc: Services, actor: Actor, id: number) {
  assertCan(actor.role, 'comment.create');
  const row = await comments.findComment(svc.store, actor.workspaceId, id);
  if (!row) throw new NotFound('Comment');
  if (row.author_id !== actor.userId && actor.role !== 'admin' && actor.role !== 'owner') {
    throw new Forbidden('Only the author or an admin can change this comment');
  }
  return row;
}

export async function editComment(svc: Services, actor: Actor, id: number, body: string) {
  const before = await requireEditable(svc, actor, id);
  const row = await inTransaction(svc.store, async (tx) => {
    await keepRevision(tx, before, actor.userId);
    const row = await comments.updateCommentBody(tx, id, body);
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: before.issue_id,
        actorId: actor.userId,
        action: 'comment_edited',
        field: 'comment',
        from: { commentId: id, body: before.body },
        to: { commentId: id, body },
      },
    ]);
    await reindexIssue(tx, before.issue_id);
    return row;
  });
  await publishCommentChange(svc, actor, 'comment.updated', before);
  return present(row);
}

export async function deleteComment(svc: Services, actor: Actor, id: number) {
  const before = await requireEditable(svc, actor, id);
  await inTransaction(svc.store, async (tx) => {
    await comments.softDeleteComment(tx, id);
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: before.issue_id,
        actorId: actor.userId,
        action: 'comment_deleted',
        from: { commentId: id },
      },
    ]);
    await reindexIssue(tx, before.issue_id);
  });
  await publishCommentChange(svc, actor, 'comment.deleted', before);
}

export async function issueActivity(svc: Services, actor: Actor, issueKey: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  return listActivity(svc.store, issue.id);
}
