import { formatIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { storeLink } from '@closeloop/core/relations/link-types';
import { duplicateClosingStatus, mergeRefusal } from '@closeloop/core/similarity/merge-rules';
import type { Issue } from '@closeloop/shared/api/issues';
import type { Merge } from '@closeloop/shared/api/similarity';
import { Conflict, Invalid, NotFound, Unprocessable } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { findIssueRow, updateIssueRow } from '../store/issues-store.ts';
import { deleteLink, findLinkBetween, insertLink } from '../store/links-store.ts';
import {
  activeMergeOf,
  insertMerge,
  type MergeRecord,
  markUndone,
  mergesOfIssue,
  moveComments,
  moveGroups,
  removeWatchers,
} from '../store/merges-store.ts';
import { indexIssueSimilarity } from '../store/similarity-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { addWatchers, watcherIds } from '../store/watchers-store.ts';
import type { Actor } from './actor.ts';
import { loadIssueRules } from './issue-rules.ts';
import { requireIssue } from './issues.ts';

/**
 * Merging a duplicate into its original, in one transaction: comments and machine-found event
 * groups (with their fingerprints, so later events reach the original) move; watchers and the
 * reporter are added to the original's watchers; a `duplicates` link is kept; the duplicate is
 * closed as "duplicate". What moved is recorded, and `undoMerge` moves exactly that back.
 */
export async function mergeIssue(svc: Services, actor: Actor, duplicateKey: string, originalKey: string) {
  assertCan(actor.role, 'issue.update');
  const result = await inTransaction(svc.store, async (tx) => {
    const dup = await requireIssue(tx, actor.workspaceId, duplicateKey);
    const orig = await requireIssue(tx, actor.workspaceId, originalKey);
    const refusal = mergeRefusal(
      await side(tx, actor.workspaceId, dup),
      await side(tx, actor.workspaceId, orig),
    );
    if (refusal?.code === 'self') throw new Invalid(refusal.message, { field: 'into' });
    if (refusal?.code === 'already_merged') throw new Conflict(refusal.message);
    if (refusal) throw new Unprocessable(refusal.message, { field: 'into' });

    const rules = await loadIssueRules(tx, dup.projectId, dup.type);
    const closing = duplicateClosingStatus(rules.workflow.statuses);
    if (!closing)
      throw new Unprocessable(`The workflow of ${dup.key} has no closed status`, { field: 'status' });

    const commentIds = await moveComments(tx, dup.id, orig.id);
    const groupIds = await moveGroups(tx, dup.id, orig.id);
    const already = new Set(await watcherIds(tx, orig.id));
    const watchers = (await watcherIds(tx, dup.id)).filter((u) => !already.has(u) && u !== dup.reporterId);
    await addWatchers(tx, actor.workspaceId, orig.id, watchers, 'subscribed');
    const reporters = dup.reporterId !== null && !already.has(dup.reporterId) ? [dup.reporterId] : [];
    await addWatchers(tx, actor.workspaceId, orig.id, reporters, 'reporter');
    const link = storeLink('duplicates', dup.id, orig.id);
    const existing = await findLinkBetween(tx, link);
    const linkId = existing ? null : (await insertLink(tx, actor.workspaceId, link, actor.userId)).id;

    const record: MergeRecord = {
      commentIds,
      groupIds,
      watcherIds: watchers,
      reporterIds: reporters,
      linkId,
      before: {
        status: dup.status,
        statusCategory: dup.statusCategory,
        resolution: dup.resolution,
        closedAt: dup.closedAt ? Date.parse(dup.closedAt) : null,
      },
    };
    const closedAt = dup.closedAt ? Date.parse(dup.closedAt) : Date.now();
    await setStatus(tx, actor, dup, {
      status: closing.key,
      category: closing.category,
      resolution: 'duplicate',
      closedAt,
    });
    const id = await insertMerge(tx, {
      workspaceId: actor.workspaceId,
      duplicateId: dup.id,
      originalId: orig.id,
      by: actor.userId,
      record,
    });
    await recordActivity(tx, [
      {
        workspaceId: actor.workspaceId,
        issueId: dup.id,
        actorId: actor.userId,
        action: 'merged',
        to: { into: orig.key, mergeId: id },
      },
      {
        workspaceId: actor.workspaceId,
        issueId: orig.id,
        actorId: actor.userId,
        action: 'merged',
        to: { from: dup.key, mergeId: id, comments: commentIds.length, eventGroups: groupIds.length },
      },
    ]);
    // The original's frames and route now include the duplicate's groups.
    if (groupIds.length > 0) await indexIssueSimilarity(tx, orig.id);
    return { merge: (await presentMerges(tx, dup.id)).find((m) => m.id === id)!, issues: [dup, orig] };
  });
  announce(svc, actor, result.issues);
  return result.merge;
}

/** Undoes the active merge of `duplicateKey`: moves back what the merge moved and reopens the duplicate. */
export async function undoMerge(svc: Services, actor: Actor, duplicateKey: string) {
  assertCan(actor.role, 'issue.update');
  const result = await inTransaction(svc.store, async (tx) => {
    const dup = await requireIssue(tx, actor.workspaceId, duplicateKey);
    const merge = await activeMergeOf(tx, dup.id);
    if (!merge) throw new NotFound(`An active merge of ${dup.key}`);
    const record = JSON.parse(merge.moved) as MergeRecord;
    const origRow = await findIssueRow(tx, actor.workspaceId, { id: merge.original_id });
    const origKey = origRow ? formatIssueKey(origRow.project_key, origRow.number) : null;
    await moveComments(tx, merge.original_id, dup.id, record.commentIds);
    await moveGroups(tx, merge.original_id, dup.id, record.groupIds);
    await removeWatchers(tx, merge.original_id, [...record.watcherIds, ...record.reporterIds]);
    if (record.linkId !== null) await deleteLink(tx, record.linkId);
    // Reopen only if nobody changed the duplicate's status since the merge closed it.
    if (dup.resolution === 'duplicate' && dup.statusCategory !== record.before.statusCategory) {
      await setStatus(tx, actor, dup, {
        status: record.before.status,
        category: record.before.statusCategory,
        resolution: record.before.resolution,
        closedAt: record.before.closedAt,
      });
    }
    await markUndone(tx, merge.id, actor.userId);
    const entry = (issueId: number, to: unknown) => ({
      workspaceId: actor.workspaceId,
      issueId,
      actorId: actor.userId,
      action: 'unmerged',
      to,
    });
    await recordActivity(tx, [
      entry(dup.id, { from: origKey, mergeId: merge.id }),
      entry(merge.original_id, { duplicate: dup.key, mergeId: merge.id }),
    ]);
    if (record.groupIds.length > 0) {
      await indexIssueSimilarity(tx, merge.original_id);
      await indexIssueSimilarity(tx, dup.id);
    }
    const issues: { id: number; key: string }[] = [dup];
    if (origRow && origKey) issues.push({ id: origRow.id, key: origKey });
    return { merge: (await presentMerges(tx, dup.id)).find((m) => m.id === merge.id)!, issues };
  });
  announce(svc, actor, result.issues);
  return result.merge;
}

export async function listMerges(svc: Services, actor: Actor, key: string): Promise<Merge[]> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  return presentMerges(svc.store, issue.id);
}

async function presentMerges(tx: Tx, issueId: number): Promise<Merge[]> {
  const rows = await mergesOfIssue(tx, issueId);
  return rows.map((r) => {
    const record = JSON.parse(r.moved) as MergeRecord;
    return {
      id: r.id,
      duplicateKey: formatIssueKey(r.d_project, r.d_number),
      originalKey: formatIssueKey(r.o_project, r.o_number),
      mergedAt: new Date(Number(r.merged_at)).toISOString(),
      mergedBy: r.merged_by,
      undoneAt: r.undone_at === null ? null : new Date(Number(r.undone_at)).toISOString(),
      moved: {
        comments: record.commentIds.length,
        watchers: record.watcherIds.length,
        reporters: record.reporterIds.length,
        eventGroups: record.groupIds.length,
      },
    };
  });
}

async function side(tx: Tx, workspaceId: number, issue: Issue) {
  const merge = await activeMergeOf(tx, issue.id);
  let mergedInto: string | null = null;
  if (merge) {
    const row = await findIssueRow(tx, workspaceId, { id: merge.original_id });
    mergedInto = row ? formatIssueKey(row.project_key, row.number) : `#${merge.original_id}`;
  }
  return { id: issue.id, key: issue.key, mergedInto };
}

/** Status, resolution and closing time in one versioned write, with their history rows. */
async function setStatus(
  tx: Tx,
  actor: Actor,
  issue: Issue,
  to: { status: string; category: string; resolution: string | null; closedAt: number | null },
) {
  const ok = await updateIssueRow(tx, issue.id, issue.version, {
    status: to.status,
    status_category: to.category,
    resolution: to.resolution,
    closed_at: to.closedAt,
  });
  if (!ok) throw new Conflict(`${issue.key} was changed by someone else meanwhile`);
  const entries = [];
  if (issue.status !== to.status) entries.push({ field: 'status', from: issue.status, to: to.status });
  if (issue.resolution !== to.resolution)
    entries.push({ field: 'resolution', from: issue.resolution, to: to.resolution });
  await recordActivity(
    tx,
    entries.map((e) => ({
      workspaceId: actor.workspaceId,
      issueId: issue.id,
      actorId: actor.userId,
      action: 'changed',
      ...e,
    })),
  );
}

function announce(svc: Services, actor: Actor, issues: readonly { id: number; key: string }[]) {
  for (const issue of issues) {
    svc.bus.publish({
      workspaceId: actor.workspaceId,
      type: 'issue.updated',
      issueId: issue.id,
      issueKey: issue.key,
      actorId: actor.userId,
      fields: ['merge'],
      at: Date.now(),
    });
  }
}
