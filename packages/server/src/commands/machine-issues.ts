import type { EventFingerprint } from '@closeloop/core/grouping/fingerprint';
import { findStatus } from '@closeloop/core/workflows/workflow-rules';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import type { IssueKind } from '@closeloop/shared/issue-fields';
import { recordActivity } from '../store/activity-store.ts';
import { findIssueRow, insertIssue, updateIssueRow } from '../store/issues-store.ts';
import { ensureLabels, labelsOfIssues, setIssueLabels } from '../store/labels-store.ts';
import { listStatuses, takeIssueNumber } from '../store/projects-store.ts';
import { reindexIssue } from '../store/search/search-index.ts';
import type { Tx } from '../store/transaction.ts';
import { effectiveWorkflow } from '../store/workflows-store.ts';

/** The type machine-found issues and people's reports are filed as; its report rules apply to reports. */
export const MACHINE_ISSUE_TYPE = 'bug';

/** Issues the worker files and reopens. The system acts: no actor, no permission check. */

/** Where machine-found issues start: the initial status of the `bug` type's workflow. */
async function openStatus(tx: Tx, projectId: number) {
  const wf = await effectiveWorkflow(tx, projectId, MACHINE_ISSUE_TYPE);
  const s = wf ? findStatus(wf.def, wf.def.initial) : undefined;
  if (s) return { key: s.key, category: s.category };
  const statuses = await listStatuses(tx, [projectId]);
  const fallback = statuses.find((x) => x.category === 'todo') ?? statuses[0]!;
  return { key: fallback.key, category: fallback.category };
}

function describeEvent(fp: EventFingerprint, e: IngestEvent): string {
  const kind = e.type.replace('_', ' ');
  const lines = [`Found automatically from ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} **${kind}** event.`, ''];
  if (fp.culprit) lines.push(`- Culprit: \`${fp.culprit}\``);
  if (e.url) lines.push(`- First seen on: ${e.url}`);
  if (e.release) lines.push(`- Release: \`${e.release}\``);
  if (e.environment) lines.push(`- Environment: ${e.environment}`);
  if (e.request)
    lines.push(
      `- Request: \`${e.request.method} ${e.request.url}\` → ${e.request.status ?? e.request.error ?? 'failed'}`,
    );
  if (e.click) lines.push(`- Element: \`${e.click.selector}\``);
  return lines.join('\n');
}

export async function createMachineIssue(
  tx: Tx,
  at: { workspaceId: number; projectId: number },
  fp: EventFingerprint,
  event: IngestEvent,
): Promise<number> {
  return fileMachineIssue(tx, at, { kind: fp.kind, title: fp.title, description: describeEvent(fp, event) });
}

/** Files an issue found by a machine rule (grouped events, a performance slowdown) or sent by a user report. */
export async function fileMachineIssue(
  tx: Tx,
  at: { workspaceId: number; projectId: number },
  fp: { kind: IssueKind; title: string; description: string },
  /** Where the issue came from (its `created` history entry) and its labels; default: monitoring, its kind. */
  origin: { source: string; labels: string[]; reporterId?: number | null } = {
    source: 'monitoring',
    labels: [fp.kind],
  },
): Promise<number> {
  const status = await openStatus(tx, at.projectId);
  const now = Date.now();
  const id = await insertIssue(tx, {
    workspace_id: at.workspaceId,
    project_id: at.projectId,
    number: await takeIssueNumber(tx, at.projectId),
    kind: fp.kind,
    type: MACHINE_ISSUE_TYPE,
    title: fp.title.slice(0, 500),
    description: fp.description,
    status: status.key,
    status_category: status.category,
    priority: 0,
    assignee_user_id: null,
    assignee_team_id: null,
    // A report mailed in by a member of the workspace names them as its reporter.
    reporter_id: origin.reporterId ?? null,
    start_date: null,
    due_date: null,
    estimate_minutes: null,
    parent_id: null,
    created_at: now,
    updated_at: now,
    closed_at: null,
    resolution: null,
    resolution_note: null,
    version: 1,
  });
  await setIssueLabels(tx, id, await ensureLabels(tx, at.workspaceId, origin.labels));
  await recordActivity(tx, [
    {
      workspaceId: at.workspaceId,
      issueId: id,
      actorId: null,
      action: 'created',
      to: { source: origin.source },
    },
  ]);
  await reindexIssue(tx, id);
  return id;
}

/** Reopens a fixed issue whose problem came back; labelled `regression`, recorded in its history. */
export async function reopenAsRegression(
  tx: Tx,
  workspaceId: number,
  issueId: number,
  release: string | null,
) {
  const row = await findIssueRow(tx, workspaceId, { id: issueId });
  if (!row) return null;
  const status = await openStatus(tx, row.project_id);
  const ok = await updateIssueRow(tx, row.id, row.version, {
    status: status.key,
    status_category: status.category,
    closed_at: null,
    resolution: null,
  });
  if (!ok) return null;
  const labels = (await labelsOfIssues(tx, [row.id])).get(row.id) ?? [];
  if (!labels.includes('regression')) {
    await setIssueLabels(tx, row.id, await ensureLabels(tx, workspaceId, [...labels, 'regression']));
  }
  await recordActivity(tx, [
    {
      workspaceId,
      issueId: row.id,
      actorId: null,
      action: 'regressed',
      field: 'status',
      from: row.status,
      to: status.key,
    },
    {
      workspaceId,
      issueId: row.id,
      actorId: null,
      action: 'changed',
      field: 'resolution',
      from: row.resolution,
      to: null,
    },
    ...(labels.includes('regression')
      ? []
      : [
          {
            workspaceId,
            issueId: row.id,
            actorId: null,
            action: 'changed',
            field: 'labels',
            from: labels,
            to: [...labels, 'regression'],
          },
        ]),
  ]);
  return { key: `${row.project_key}-${row.number}`, release };
}
