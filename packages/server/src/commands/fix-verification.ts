import { performanceVerdict, windowHistograms } from '@closeloop/core/closure/performance-verification';
import {
  fixReleaseFor,
  fixReleaseForCommit,
  type ReleaseSignal,
  type ResolutionMode,
  sameCommit,
  verificationVerdict,
} from '@closeloop/core/closure/verification';
import { isMetric } from '@closeloop/core/performance/metrics';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { FixVerification, ResolutionModeBody } from '@closeloop/shared/api/fix-verification';
import { Invalid } from '@closeloop/shared/errors';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import type { Change } from '../live/change-bus.ts';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import {
  type FixVerificationRow,
  findFixVerification,
  fixesWaitingForCommit,
  putFixVerification,
  recordVerdict,
  releasesWithSessions,
  undecidedFixVerifications,
} from '../store/fix-verifications-store.ts';
import { findGroupsOfIssue } from '../store/groups-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import { perfIssuesOfGroups, releaseHourlyHistograms } from '../store/performance-store.ts';
import { releaseCommitsOfProject } from '../store/release-commits-store.ts';
import { releaseEventCounts } from '../store/release-issues-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { reopenAsRegression } from './machine-issues.ts';

/**
 * Verified fixes (issue 13 §3–4): a machine-found issue closed as fixed is tied to a release by
 * its resolution mode and waits there; the worker (`verifyFixes`, a recurring job) decides with
 * core/closure's verdict once that release has enough traffic — verified with its evidence, or
 * reopened as not fixed with the evidence on the issue.
 */

const present = (r: FixVerificationRow): FixVerification => ({
  mode: r.mode as ResolutionMode,
  release: r.fix_release,
  state: r.state as FixVerification['state'],
  evidence: r.evidence,
  resolvedAt: new Date(Number(r.resolved_at)).toISOString(),
  checkedAt: r.checked_at === null ? null : new Date(Number(r.checked_at)).toISOString(),
});

export async function getFixVerification(svc: Services, actor: Actor, key: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const row = await findFixVerification(svc.store, issue.id);
  return { verification: row ? present(row) : null };
}

/** Sets how a closed-as-fixed machine-found issue was resolved; the worker judges it from then on. */
export async function setResolutionMode(
  svc: Services,
  actor: Actor,
  key: string,
  body: ResolutionModeBody,
  now = Date.now(),
) {
  assertCan(actor.role, 'issue.update');
  return inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    if (issue.kind === 'manual') throw new Invalid('Resolution modes are for machine-found issues');
    if (!CLOSED_CATEGORIES.includes(issue.statusCategory as StatusCategory) || issue.resolution !== 'fixed')
      throw new Invalid('Close the issue as fixed first');
    const named = body.mode === 'in_release' ? body.release : null;
    const releases = await releasesWithSessions(tx, issue.projectId);
    const fixRelease = fixReleaseFor(body.mode, { releases, resolvedAt: now, named });
    const row: FixVerificationRow = {
      issue_id: issue.id,
      workspace_id: actor.workspaceId,
      project_id: issue.projectId,
      mode: body.mode,
      named_release: named,
      resolved_at: now,
      fix_release: fixRelease,
      state: 'awaiting_release',
      evidence: 'The fixing release has not been seen yet',
      checked_at: null,
      fix_commit: null,
    };
    // A named release may not have been seen yet: it waits for it like the next release does.
    if (fixRelease && releases.some((r) => r.release === fixRelease)) {
      row.state = 'awaiting_verification';
      row.evidence = `Waiting for sessions on ${fixRelease}`;
    }
    await putFixVerification(tx, row);
    return { verification: present(row) };
  });
}

async function judge(tx: Tx, row: FixVerificationRow, now: number): Promise<Change | null> {
  const issue = await findIssueRow(tx, row.workspace_id, { id: row.issue_id });
  if (!issue) return null;
  const stillFixed =
    CLOSED_CATEGORIES.includes(issue.status_category as StatusCategory) && issue.resolution === 'fixed';
  if (!stillFixed) {
    // Reopened meanwhile (by hand or by a regression): nothing left to verify.
    await recordVerdict(tx, row.issue_id, {
      fix_release: row.fix_release,
      state: 'not_fixed',
      evidence: 'Reopened before the fix could be verified',
      checked_at: now,
    });
    return null;
  }
  const releases = await releasesWithSessions(tx, row.project_id);
  const fixRelease = row.fix_release ?? (await pendingFixRelease(tx, row, releases));
  const groupIds = (await findGroupsOfIssue(tx, row.issue_id)).map((g) => g.id);
  const verdict = await verdictOf(tx, { projectId: row.project_id, groupIds, fixRelease, releases, now });
  await recordVerdict(tx, row.issue_id, {
    fix_release: fixRelease,
    state: verdict.state,
    evidence: verdict.evidence,
    checked_at: now,
  });
  if (verdict.state === 'verified') {
    await recordActivity(tx, [
      {
        workspaceId: row.workspace_id,
        issueId: row.issue_id,
        actorId: null,
        action: 'changed',
        field: 'verification',
        from: row.state,
        to: `Verified in ${fixRelease}: ${verdict.evidence}`,
      },
    ]);
    return change(issue, ['verification']);
  }
  if (verdict.state !== 'not_fixed') return null;
  if (!(await reopenAsRegression(tx, row.workspace_id, row.issue_id, fixRelease))) return null;
  await recordActivity(tx, [
    {
      workspaceId: row.workspace_id,
      issueId: row.issue_id,
      actorId: null,
      action: 'changed',
      field: 'verification',
      from: row.state,
      to: verdict.evidence,
    },
  ]);
  return change(issue, ['status', 'resolution', 'labels', 'verification']);
}

/**
 * The verdict on a fix: p75 in the slow window for a performance issue, events per session for
 * an error (core/closure).
 */
async function verdictOf(
  tx: Tx,
  q: {
    projectId: number;
    groupIds: number[];
    fixRelease: string | null;
    releases: Awaited<ReturnType<typeof releasesWithSessions>>;
    now: number;
  },
) {
  const perf = (await perfIssuesOfGroups(tx, q.groupIds))[0];
  if (perf && isMetric(perf.metric)) {
    const issue = {
      metric: perf.metric,
      target: perf.target,
      hour: Number(perf.hour),
      timeZone: perf.time_zone,
      p75: perf.p75,
      threshold: perf.threshold,
    };
    const rows = await releaseHourlyHistograms(tx, {
      projectId: q.projectId,
      metric: perf.metric,
      target: perf.target,
    });
    const windowed = windowHistograms(rows, issue);
    const releases = q.releases.map((r) => ({ ...r, hist: windowed.get(r.release) ?? {} }));
    return performanceVerdict({ issue, fixRelease: q.fixRelease, releases, now: q.now });
  }
  const counts = await releaseEventCounts(tx, q.groupIds);
  const signals: ReleaseSignal[] = q.releases.map((r) => ({
    ...r,
    events: counts.filter((c) => c.release === r.release).reduce((n, c) => n + Number(c.count), 0),
  }));
  return verificationVerdict({ fixRelease: q.fixRelease, releases: signals, now: q.now });
}

/** The release a fix still waiting for one is tied to now: by its commit when a push closed it. */
async function pendingFixRelease(
  tx: Tx,
  row: FixVerificationRow,
  releases: Awaited<ReturnType<typeof releasesWithSessions>>,
): Promise<string | null> {
  const resolvedAt = Number(row.resolved_at);
  if (row.fix_commit) {
    const commits = await releaseCommitsOfProject(tx, row.project_id);
    return fixReleaseForCommit(row.fix_commit, { releases, commits, pushedAt: resolvedAt });
  }
  return fixReleaseFor(row.mode as ResolutionMode, { releases, resolvedAt, named: row.named_release });
}

/**
 * A machine-found issue a pushed `Fixes KEY` commit closed: it awaits verification in the release
 * that ships the commit (known now when a recorded release lists it, else once one does).
 */
export async function awaitCommitFix(
  tx: Tx,
  issue: { id: number; workspaceId: number; projectId: number },
  sha: string,
  now: number,
): Promise<FixVerificationRow> {
  const releases = await releasesWithSessions(tx, issue.projectId);
  const commits = await releaseCommitsOfProject(tx, issue.projectId);
  const fixRelease = fixReleaseForCommit(sha, { releases, commits, pushedAt: now });
  const row: FixVerificationRow = {
    issue_id: issue.id,
    workspace_id: issue.workspaceId,
    project_id: issue.projectId,
    mode: 'next_release',
    named_release: null,
    resolved_at: now,
    fix_release: fixRelease,
    state: fixRelease ? 'awaiting_verification' : 'awaiting_release',
    evidence: fixRelease
      ? `Waiting for sessions on ${fixRelease}, which ships commit ${sha.slice(0, 12)}`
      : `Waiting for a release that ships commit ${sha.slice(0, 12)}`,
    checked_at: null,
    fix_commit: sha.toLowerCase(),
  };
  await putFixVerification(tx, row);
  return row;
}

/** A release recorded with its commits ties the fixes waiting for one of them; their issue ids. */
export async function tieFixesToRelease(
  tx: Tx,
  projectId: number,
  release: string,
  shas: readonly string[],
): Promise<number[]> {
  const tied: number[] = [];
  for (const row of await fixesWaitingForCommit(tx, projectId)) {
    const sha = row.fix_commit;
    if (!sha || !shas.some((s) => sameCommit(s, sha))) continue;
    await recordVerdict(tx, row.issue_id, {
      fix_release: release,
      state: 'awaiting_verification',
      evidence: `Waiting for sessions on ${release}, which ships commit ${sha.slice(0, 12)}`,
      checked_at: row.checked_at,
    });
    tied.push(row.issue_id);
  }
  return tied;
}

function change(
  issue: { workspace_id: number; id: number; project_key: string; number: number },
  fields: string[],
): Change {
  return {
    workspaceId: issue.workspace_id,
    type: 'issue.updated',
    issueId: issue.id,
    issueKey: `${issue.project_key}-${issue.number}`,
    actorId: null,
    fields,
    at: Date.now(),
  };
}

/** One pass of the verification worker over every undecided fix; each in its own transaction. */
export async function verifyFixes(svc: Services, now: number): Promise<void> {
  for (const row of await undecidedFixVerifications(svc.store)) {
    const c = await inTransaction(svc.store, (tx) => judge(tx, row, now));
    if (c) svc.bus.publish(c);
  }
}
