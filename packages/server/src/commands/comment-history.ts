import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { CommentRevision } from '@closeloop/shared/api/collaboration';
import { NotFound } from '@closeloop/shared/errors';
import type { Change } from '../live/change-bus.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import type { Services } from '../services.ts';
import {
  insertCommentRevision,
  listCommentRevisions as revisionRows,
} from '../store/comment-revisions-store.ts';
import { findComment } from '../store/comments-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';

interface CommentBefore {
  id: number;
  workspace_id: number;
  issue_id: number;
  body: string;
  updated_at: number;
}

/** Keeps the body an edit is about to replace; called inside the edit's transaction. */
export async function keepRevision(tx: Tx, before: CommentBefore, editorId: number): Promise<void> {
  await insertCommentRevision(tx, {
    workspaceId: before.workspace_id,
    commentId: before.id,
    body: before.body,
    writtenAt: Number(before.updated_at),
    replacedBy: editorId,
  });
}

/** Publishes a comment edit, deletion or reaction after its transaction has committed. */
export async function publishCommentChange(
  svc: Services,
  actor: Actor,
  type: 'comment.updated' | 'comment.deleted',
  comment: Pick<CommentBefore, 'id' | 'issue_id'>,
  fields?: string[],
): Promise<void> {
  const issue = await findIssueRow(svc.store, actor.workspaceId, { id: comment.issue_id });
  if (!issue) return;
  const change: Change = {
    workspaceId: actor.workspaceId,
    type,
    issueId: issue.id,
    issueKey: formatIssueKey(issue.project_key, issue.number),
    actorId: actor.userId,
    commentId: comment.id,
    at: Date.now(),
  };
  if (fields) change.fields = fields;
  svc.bus.publish(change);
}

/** Every earlier body of a comment, oldest first; the current body is the comment itself. */
export async function listCommentRevisions(
  svc: Services,
  actor: Actor,
  commentId: number,
): Promise<CommentRevision[]> {
  assertCan(actor.role, 'workspace.read');
  const comment = await findComment(svc.store, actor.workspaceId, commentId);
  if (!comment) throw new NotFound('Comment');
  return (await revisionRows(svc.store, commentId)).map((r) => ({
    id: r.id,
    commentId: r.comment_id,
    body: r.body,
    bodyHtml: renderMarkdown(r.body),
    writtenAt: new Date(Number(r.written_at)).toISOString(),
    replacedAt: new Date(Number(r.replaced_at)).toISOString(),
    replacedBy: r.replaced_by,
  }));
}
