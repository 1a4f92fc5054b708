import { extractFacets } from '@closeloop/core/grouping/event-facets';
import type { fingerprintEvent } from '@closeloop/core/grouping/fingerprint';
import { isRegression } from '@closeloop/core/regressions/regression-rule';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import type { ThresholdWatch } from '../automation/threshold-watch.ts';
import { createMachineIssue, reopenAsRegression } from '../commands/machine-issues.ts';
import type { Change } from '../live/change-bus.ts';
import * as groups from '../store/groups-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import { markSeverityStale } from '../store/severity-store.ts';
import { indexIssueSimilarity } from '../store/similarity-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { LogRow } from './dead-letter.ts';

/** The events of one batch that share a fingerprint. */
export interface PendingGroup {
  fp: NonNullable<ReturnType<typeof fingerprintEvent>>;
  first: { row: LogRow; event: IngestEvent };
  last: { row: LogRow; event: IngestEvent; release: string | null };
  occ: groups.Occurrences;
  /** Set by fold(). */
  groupId?: number;
}

/**
 * One group's share of a batch, folded: a new group opens its machine-found issue (indexed for
 * similarity), a known one may reopen as a regression; then samples, counters, the severity flag
 * and the automation thresholds it crossed. Runs inside the grouping worker's batch transaction.
 */
export async function foldGroup(tx: Tx, g: PendingGroup, thresholds: ThresholdWatch): Promise<Change | null> {
  const { row, event } = g.first;
  const { fp } = g;
  let group = await groups.findGroup(tx, row.project_id, fp.hash);
  let change: Change | null = null;
  if (!group) {
    const issueId = await createMachineIssue(
      tx,
      { workspaceId: row.workspace_id, projectId: row.project_id },
      fp,
      event,
    );
    group = await groups.insertGroup(tx, {
      workspaceId: row.workspace_id,
      projectId: row.project_id,
      issueId,
      fingerprint: fp.hash,
      kind: fp.kind,
      title: fp.title,
      culprit: fp.culprit,
      components: fp.components,
      seenAt: g.occ.firstAt,
      release: extractFacets(event).release,
    });
    g.groupId = group.id;
    // Now that the group exists its frames join the issue's similarity entry.
    await indexIssueSimilarity(tx, issueId);
    await groups.addSample(tx, group.id, {
      eventId: row.event_id,
      at: row.received_at,
      payload: JSON.stringify(event),
    });
    const issue = await findIssueRow(tx, row.workspace_id, { id: issueId });
    change = {
      workspaceId: row.workspace_id,
      type: 'issue.created',
      issueId,
      issueKey: `${issue!.project_key}-${issue!.number}`,
      actorId: null,
      at: Date.now(),
    };
  } else {
    g.groupId = group.id;
    change = await regressIfReturned(tx, group, g.last);
  }
  if (g.last.row.id !== row.id || change?.type !== 'issue.created') {
    await groups.addSample(tx, group.id, {
      eventId: g.last.row.event_id,
      at: g.last.row.received_at,
      payload: JSON.stringify(g.last.event),
    });
  }
  const before = { events: Number(group.event_count), users: Number(group.user_count) };
  const added = await groups.recordOccurrences(tx, group.id, g.occ);
  await markSeverityStale(tx, [group.issue_id]);
  const issueId = group.issue_id;
  await thresholds.note(
    tx,
    {
      workspaceId: row.workspace_id,
      projectId: row.project_id,
      issueId,
      issueKey: async () => {
        if (change) return change.issueKey;
        const i = await findIssueRow(tx, row.workspace_id, { id: issueId });
        return i ? `${i.project_key}-${i.number}` : '';
      },
    },
    {
      events: [before.events, before.events + added.events],
      users: [before.users, before.users + added.users],
    },
  );
  return change;
}

/** The newest event of the batch decides: a closed-as-fixed issue reopens if its release is later than the fix. */
async function regressIfReturned(
  tx: Tx,
  group: NonNullable<Awaited<ReturnType<typeof groups.findGroup>>>,
  last: PendingGroup['last'],
): Promise<Change | null> {
  const issue = await findIssueRow(tx, last.row.workspace_id, { id: group.issue_id });
  if (!issue) return null;
  const regressed = isRegression({
    closed: CLOSED_CATEGORIES.includes(issue.status_category as StatusCategory),
    resolution: issue.resolution,
    closedAt: issue.closed_at,
    resolvedInRelease: group.resolved_in_release,
    resolvedReleaseFirstSeen: group.resolved_in_release
      ? await groups.releaseFirstSeen(tx, last.row.project_id, group.resolved_in_release)
      : null,
    eventRelease: last.release,
    eventReleaseFirstSeen: last.release
      ? await groups.releaseFirstSeen(tx, last.row.project_id, last.release)
      : null,
    eventAt: last.row.received_at,
  });
  if (!regressed || !(await reopenAsRegression(tx, last.row.workspace_id, issue.id, last.release)))
    return null;
  await groups.markRegressed(tx, group.id, last.row.received_at);
  return {
    workspaceId: last.row.workspace_id,
    type: 'issue.updated',
    issueId: issue.id,
    issueKey: `${issue.project_key}-${issue.number}`,
    actorId: null,
    fields: ['status', 'resolution', 'labels', 'regression'],
    at: Date.now(),
  };
}
