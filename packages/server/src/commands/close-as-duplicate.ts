import {
  type DuplicateSide,
  duplicateNote,
  duplicateRefusal,
  followersOfOriginal,
} from '@closeloop/core/closure/duplicate-closing';
import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { storeLink } from '@closeloop/core/relations/link-types';
import { duplicateClosingStatus } from '@closeloop/core/similarity/merge-rules';
import type { CloseAsDuplicateBody } from '@closeloop/shared/api/closing';
import type { Issue } from '@closeloop/shared/api/issues';
import { Conflict, Invalid, Unprocessable } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import { findLinkBetween, insertLink, linksOfIssue } from '../store/links-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { addWatchers, watcherIds } from '../store/watchers-store.ts';
import type { Actor } from './actor.ts';
import { loadIssueRules } from './issue-rules.ts';
import { applyIssueUpdate, publishIssueUpdated, requireIssue } from './issues.ts';

/**
 * Closes an issue as a duplicate of its original, in one transaction: the issue closes with
 * resolution "duplicate" and a note naming the original (its watchers and reporter are notified of
 * that, as of any close), a `duplicates` link joins the two, and the duplicate's watchers and
 * reporter now watch the original, so they hear when the real fix lands. Unlike a merge, comments
 * and event groups stay where they are.
 */
export async function closeAsDuplicate(svc: Services, actor: Actor, key: string, body: CloseAsDuplicateBody) {
  assertCan(actor.role, 'issue.update');
  const result = await inTransaction(svc.store, async (tx) => {
    const dup = await requireIssue(tx, actor.workspaceId, key);
    const orig = await requireIssue(tx, actor.workspaceId, body.original);
    if (dup.version !== body.version) {
      throw new Conflict(`${key} was changed by someone else (version ${dup.version})`, { current: dup });
    }
    const refusal = duplicateRefusal(
      await side(tx, actor.workspaceId, dup),
      await side(tx, actor.workspaceId, orig),
    );
    if (refusal?.code === 'self') throw new Invalid(refusal.message, { field: 'original' });
    if (refusal?.code === 'already_closed') throw new Conflict(refusal.message);
    if (refusal) throw new Unprocessable(refusal.message, { field: 'original' });

    const rules = await loadIssueRules(tx, dup.projectId, dup.type);
    const status = body.status ?? duplicateClosingStatus(rules.workflow.statuses)?.key;
    if (!status)
      throw new Unprocessable(`The workflow of ${dup.key} has no closed status`, { field: 'status' });
    const closing = rules.workflow.statuses.find((s) => s.key === status);
    if (closing && closing.category !== 'done' && closing.category !== 'cancelled') {
      throw new Invalid(`${status} is not a closed status`, { field: 'status' });
    }
    const closed = await applyIssueUpdate(tx, actor, dup, {
      status,
      resolution: 'duplicate',
      resolutionNote: duplicateNote(orig.key, body.resolutionNote),
    });
    const link = storeLink('duplicates', dup.id, orig.id);
    if (!(await findLinkBetween(tx, link))) await insertLink(tx, actor.workspaceId, link, actor.userId);
    const followers = followersOfOriginal({
      dupWatcherIds: await watcherIds(tx, dup.id),
      dupReporterId: dup.reporterId,
      originalWatcherIds: await watcherIds(tx, orig.id),
      actorId: actor.userId,
    });
    await addWatchers(tx, actor.workspaceId, orig.id, followers.subscribed, 'subscribed');
    await addWatchers(tx, actor.workspaceId, orig.id, followers.reporters, 'reporter');
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: orig.id,
        actorId: actor.userId,
        action: 'linked',
        field: 'duplicates',
        to: { duplicate: dup.key, watchersAdded: followers.subscribed.length + followers.reporters.length },
      },
    ]);
    return { closed, original: orig };
  });
  publishIssueUpdated(svc, actor, result.closed);
  svc.bus.publish({
    workspaceId: actor.workspaceId,
    type: 'issue.updated',
    issueId: result.original.id,
    issueKey: result.original.key,
    actorId: actor.userId,
    fields: ['links', 'watchers'],
    at: Date.now(),
  });
  return result.closed.after;
}

async function side(tx: Tx, workspaceId: number, issue: Issue): Promise<DuplicateSide> {
  let duplicateOf: string | null = null;
  if (issue.resolution === 'duplicate') {
    const link = (await linksOfIssue(tx, issue.id)).find(
      (l) => l.type === 'duplicates' && l.sourceId === issue.id,
    );
    const row = link ? await findIssueRow(tx, workspaceId, { id: link.targetId }) : undefined;
    duplicateOf = row ? formatIssueKey(row.project_key, row.number) : null;
  }
  return {
    id: issue.id,
    key: issue.key,
    closed: !!issue.closedAt,
    resolution: issue.resolution,
    duplicateOf,
  };
}
