import { assertCan } from '@closeloop/core/permissions/permissions';
import type { ReactionSummary } from '@closeloop/shared/api/collaboration';
import { NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { findComment } from '../store/comments-store.ts';
import { reactionsOf, reactionsOfIssue, toggleReaction as toggleRow } from '../store/reactions-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { publishCommentChange } from './comment-history.ts';
import { requireIssue } from './issues.ts';

type ReactionRow = { comment_id: number; user_id: number; emoji: string };

/** Groups reactions by emoji in order of first use, with who gave them and whether `me` did. */
function summarise(rows: readonly ReactionRow[], me: number): ReactionSummary[] {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const list = by.get(r.emoji) ?? [];
    list.push(r.user_id);
    by.set(r.emoji, list);
  }
  return [...by].map(([emoji, userIds]) => ({
    emoji,
    count: userIds.length,
    userIds,
    mine: userIds.includes(me),
  }));
}

/** One reaction per person per emoji: the first call adds it, the next removes it. Viewers may react. */
export async function toggleReaction(svc: Services, actor: Actor, commentId: number, emoji: string) {
  assertCan(actor.role, 'workspace.read');
  const { comment, reacted } = await inTransaction(svc.store, async (tx) => {
    const comment = await findComment(tx, actor.workspaceId, commentId);
    if (!comment) throw new NotFound('Comment');
    const reacted = await toggleRow(tx, {
      workspaceId: actor.workspaceId,
      commentId,
      userId: actor.userId,
      emoji,
    });
    return { comment, reacted };
  });
  await publishCommentChange(svc, actor, 'comment.updated', comment, ['reactions']);
  return {
    commentId,
    emoji,
    reacted,
    reactions: summarise(await reactionsOf(svc.store, [commentId]), actor.userId),
  };
}

export async function commentReactions(svc: Services, actor: Actor, commentId: number) {
  assertCan(actor.role, 'workspace.read');
  if (!(await findComment(svc.store, actor.workspaceId, commentId))) throw new NotFound('Comment');
  return summarise(await reactionsOf(svc.store, [commentId]), actor.userId);
}

/** Reactions of all comments of an issue in one query, keyed by comment id, for the issue page. */
export async function issueReactions(
  svc: Services,
  actor: Actor,
  issueKey: string,
): Promise<Record<string, ReactionSummary[]>> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  const rows = await reactionsOfIssue(svc.store, issue.id);
  const byComment = new Map<number, ReactionRow[]>();
  for (const r of rows) byComment.set(r.comment_id, [...(byComment.get(r.comment_id) ?? []), r]);
  return Object.fromEntries([...byComment].map(([id, list]) => [String(id), summarise(list, actor.userId)]));
}
