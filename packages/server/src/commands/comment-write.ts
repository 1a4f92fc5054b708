import type { Change } from '../live/change-bus.ts';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import type { NewComment } from '../store/comments-store.ts';
import * as comments from '../store/comments-store.ts';
import { reindexIssue } from '../store/search/search-index.ts';
import type { Tx } from '../store/transaction.ts';

/**
 * Writes a comment inside the caller's transaction: the row, its line in the history and the
 * search index. Shared by adding a comment and by an edit that carries one (PATCH with `comment`,
 * as Redmine's notes and Jira's transition comments), so both leave the same trace.
 */
export async function writeComment(tx: Tx, c: NewComment) {
  const row = await comments.insertComment(tx, c);
  await recordActivity(tx, [
    {
      workspaceId: c.workspaceId,
      issueId: c.issueId,
      actorId: c.authorId,
      action: 'commented',
      to: { commentId: row.id },
    },
  ]);
  await reindexIssue(tx, c.issueId);
  return row;
}

/** Tells live clients, watchers and notifications of a committed comment. */
export function publishCommentCreated(
  svc: Services,
  c: {
    workspaceId: number;
    issueId: number;
    issueKey: string;
    authorId: number | null;
    commentId: number;
  } & Pick<Change, 'origin' | 'automationChain'>,
) {
  svc.bus.publish({
    workspaceId: c.workspaceId,
    type: 'comment.created',
    issueId: c.issueId,
    issueKey: c.issueKey,
    actorId: c.authorId,
    commentId: c.commentId,
    at: Date.now(),
    ...(c.origin ? { origin: c.origin } : {}),
    ...(c.automationChain ? { automationChain: c.automationChain } : {}),
  });
}
