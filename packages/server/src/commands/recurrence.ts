import { recurrenceOf } from '@closeloop/core/closure/recurrence';
import { formatIssueKey, parseIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { storeLink } from '@closeloop/core/relations/link-types';
import type { Recurrence } from '@closeloop/shared/api/recurrence';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import { findLinkBetween, insertLink } from '../store/links-store.ts';
import { findRecurrence, saveRecurrence } from '../store/recurrences-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { similarOfIssueId } from './similarity.ts';

/** How many matches the engine is asked for: recurrences are among the closest few. */
const CANDIDATES = 8;
const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/**
 * A new issue that the similarity engine finds to be a closed issue's problem back (core/closure
 * recurrenceOf) is linked to it ("relates", by the system) and remembers it, so its page opens
 * with the closed issue's resolution and lessons. Idempotent: a new issue recurs at most one issue.
 * Returns the change to publish, if anything was linked.
 */
export async function linkRecurrence(svc: Services, workspaceId: number, issueId: number, now: number) {
  const change = await inTransaction(svc.store, async (tx) => {
    const issue = await findIssueRow(tx, workspaceId, { id: issueId });
    if (!issue || issue.closed_at !== null) return null;
    const similar = await similarOfIssueId(tx, workspaceId, issueId, CANDIDATES);
    const past = recurrenceOf(similar.items, Number(issue.created_at));
    if (!past) return null;
    const key = parseIssueKey(past.key);
    const closed = await findIssueRow(tx, workspaceId, { projectKey: key.projectKey, number: key.number });
    if (!closed) return null;
    if (!(await saveRecurrence(tx, { issueId, workspaceId, ofIssueId: closed.id, score: past.score }, now)))
      return null;
    const link = storeLink('relates_to', issueId, closed.id);
    if (!(await findLinkBetween(tx, link))) await insertLink(tx, workspaceId, link, null);
    await recordActivity(tx, [
      {
        workspaceId,
        issueId,
        actorId: null,
        action: 'linked',
        field: 'recurrence',
        to: { of: past.key, score: Math.round(past.score * 100) / 100 },
      },
    ]);
    return {
      workspaceId,
      type: 'issue.updated' as const,
      issueId,
      issueKey: formatIssueKey(issue.project_key, issue.number),
      actorId: null,
      fields: ['recurrence', 'links'],
      at: now,
    };
  });
  if (change) svc.bus.publish(change);
  return change;
}

export async function getRecurrence(svc: Services, actor: Actor, key: string): Promise<Recurrence> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const r = await findRecurrence(svc.store, actor.workspaceId, issue.id);
  if (!r) return { recurrence: null };
  return {
    recurrence: {
      key: formatIssueKey(r.project_key, Number(r.number)),
      title: r.title,
      resolution: r.resolution,
      resolutionNote: r.resolution_note,
      closedAt: iso(r.closed_at),
      score: Number(r.score),
      foundAt: iso(r.created_at) as string,
      lessons:
        r.root_cause === null
          ? null
          : {
              whatHappened: r.what_happened ?? '',
              impact: r.impact ?? '',
              rootCause: r.root_cause ?? '',
              fix: r.fix ?? '',
              prevention: r.prevention ?? '',
            },
    },
  };
}
