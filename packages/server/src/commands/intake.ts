import { scrubEvent } from '@closeloop/core/ingest/scrub-pii';
import {
  reportDescription,
  reportSimilarityText,
  reportTitle,
} from '@closeloop/core/intake/report-issue-text';
import { reportGaps, withoutTemplate } from '@closeloop/core/intake/report-quality';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { findSimilar, LIKELY_DUPLICATE_SCORE } from '@closeloop/core/similarity/engine';
import type { ReportGap, UserReportView } from '@closeloop/shared/api/user-reports';
import type { Breadcrumb, IngestEvent } from '@closeloop/shared/ingest/event';
import type { UserReport } from '@closeloop/shared/ingest/user-report';
import type { Insertable } from 'kysely';
import type { IngestKeyInfo } from '../ingest/ingest-gate.ts';
import { rescoreNow } from '../scoring/rescore.ts';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { reportRulesOfProject } from '../store/issue-types-store.ts';
import { enqueueJob } from '../store/jobs-store.ts';
import { attachmentsOfReports, insertReportAttachments } from '../store/mail-intake-store.ts';
import { recordedSessions } from '../store/replay-sessions-store.ts';
import { markSeverityStale } from '../store/severity-store.ts';
import { StoreSimilarityReader } from '../store/similarity-store.ts';
import type { UserReportTable } from '../store/tables-intake.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import {
  findUserReport,
  insertUserReport,
  markReportFiled,
  openIssueIds,
  reporterFacingIssues,
  reportsOfIssue,
  type UserReportRow,
} from '../store/user-reports-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { fileMachineIssue, MACHINE_ISSUE_TYPE } from './machine-issues.ts';
import { issueOfReportedEvent } from './report-event-link.ts';

/**
 * Intake (issue 17): reports written by people, arriving with the SDK's evidence. A report is
 * stored and acknowledged first; the job `report.file` then files it: added to an open issue the
 * similarity engine finds the same (a +1 with its evidence), else a new untriaged issue.
 */

export const FILE_REPORT_JOB = 'report.file';
/** The label every issue filed from a report carries. */
export const REPORT_LABEL = 'user-report';

interface Evidence {
  contexts?: Record<string, Record<string, unknown>>;
  viewport?: { width: number; height: number };
  breadcrumbs?: Breadcrumb[];
  tags?: Record<string, string>;
  hasReplay: boolean;
}

const opt = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Stores the reports (once each, by event id) and queues their filing in the same transaction. */
export async function acceptUserReports(
  svc: Services,
  key: IngestKeyInfo,
  reports: readonly UserReport[],
): Promise<{ stored: number }> {
  let stored = 0;
  const now = Date.now();
  const rules = await reportRulesOfProject(svc.store, key.projectId, MACHINE_ISSUE_TYPE);
  for (const raw of reports) {
    // The same PII scrubbing as events: URL query secrets, card numbers, configured fields.
    const s = scrubEvent(
      {
        event_id: raw.event_id,
        type: 'message',
        timestamp: raw.timestamp,
        platform: 'browser',
        url: raw.url,
        contexts: raw.contexts,
        tags: raw.tags,
        breadcrumbs: raw.breadcrumbs,
      } as IngestEvent,
      key.scrubFields,
    );
    const evidence: Evidence = {
      contexts: s.contexts,
      viewport: raw.viewport,
      breadcrumbs: s.breadcrumbs,
      tags: s.tags,
      hasReplay: raw.has_replay,
    };
    const words = {
      description: raw.description,
      expected: raw.expected,
      actual: raw.actual,
      steps: raw.steps,
    };
    const id = await storeUserReport(
      svc,
      {
        workspace_id: key.workspaceId,
        project_id: key.projectId,
        issue_id: null,
        event_id: raw.event_id,
        source: 'widget',
        outcome: null,
        reporter_name: opt(raw.name),
        reporter_email: opt(raw.email),
        user_key: raw.user?.id ?? raw.user?.email ?? raw.user?.username ?? null,
        description: raw.description,
        expected: opt(raw.expected),
        actual: opt(raw.actual),
        steps: opt(raw.steps),
        gaps: JSON.stringify(reportGaps(words, rules)),
        session_id: raw.session_id ?? null,
        url: s.url ?? null,
        release: raw.release ?? null,
        environment: raw.environment ?? null,
        evidence: JSON.stringify(evidence),
        created_at: now,
        filed_at: null,
        tracking_hash: null,
      },
      raw.attachments?.length
        ? (tx, reportId) => insertReportAttachments(tx, reportFiles(key.workspaceId, reportId, raw, now))
        : undefined,
      raw.same_as,
    );
    if (id !== null) stored++; // null: a retry of a stored report
  }
  return { stored };
}

/** A widget report's files as rows (their names made safe for a Content-Disposition header). */
function reportFiles(workspaceId: number, reportId: number, raw: UserReport, now: number) {
  return (raw.attachments ?? []).map((f) => {
    const data = Buffer.from(f.data, 'base64');
    return {
      workspace_id: workspaceId,
      report_id: reportId,
      filename: f.filename.replace(/[\r\n/\\]+/g, '_'),
      content_type: f.content_type.toLowerCase(),
      size: data.length,
      data,
      created_at: now,
    };
  });
}

/** What a report is filed against besides its words (both checked again when it is filed). */
export interface ReportLink {
  /** The open issue the reporter chose at the door ("it is this one"). */
  sameAs?: number | undefined;
  /** The event the report is about (Sentry feedback's associated_event_id): a +1 on its issue. */
  aboutEvent?: string | undefined;
}

export interface FileReportPayload extends ReportLink {
  reportId: number;
}

/** Stores one report (once per project and event id) and queues its filing in the same transaction. */
export async function storeUserReport(
  svc: Services,
  row: Insertable<UserReportTable>,
  /** More rows that belong to the report (a mail's attachments), written in its transaction. */
  withReport?: (tx: Tx, reportId: number) => Promise<void>,
  /** The open issue the reporter chose at the door ("it is this one"), checked again when filed. */
  sameAs?: number,
): Promise<number | null> {
  return inTransaction(svc.store, async (tx) => {
    const id = await storeReportIn(tx, row, { sameAs });
    if (id !== null) await withReport?.(tx, id);
    return id;
  });
}

/** The same inside the caller's transaction (a Sentry envelope's feedback, stored with the envelope). */
export async function storeReportIn(
  tx: Tx,
  row: Insertable<UserReportTable>,
  link: ReportLink = {},
): Promise<number | null> {
  const id = await insertUserReport(tx, row);
  if (id === null) return null;
  const payload: FileReportPayload = { reportId: id };
  if (link.sameAs !== undefined) payload.sameAs = link.sameAs;
  if (link.aboutEvent !== undefined) payload.aboutEvent = link.aboutEvent;
  await enqueueJob(tx, { kind: FILE_REPORT_JOB, payload, dedupeKey: `report:${id}` }, row.created_at);
  return id;
}

/**
 * Files one stored report (idempotent: a filed report is left alone). A report about an event
 * (Sentry feedback) is a +1 on that event's issue; the issue the reporter chose at the door takes
 * it as a +1 while that issue is still offerable (open, answered publicly); otherwise the engine's
 * best open match at or above LIKELY_DUPLICATE_SCORE does; otherwise it becomes a new issue, which
 * has no triage row and so waits in the triage queue. `attempt` is the filing job's.
 */
export async function fileUserReport(
  svc: Services,
  reportId: number,
  now: number,
  link: ReportLink = {},
  attempt = 1,
): Promise<void> {
  const filed = await inTransaction(svc.store, async (tx) => {
    const r = await findUserReport(tx, reportId);
    if (!r || r.issue_id !== null) return null;
    const eventIssue =
      link.aboutEvent === undefined
        ? undefined
        : await issueOfReportedEvent(tx, r.project_id, link.aboutEvent, attempt);
    if (eventIssue !== undefined) return addAsPlusOne(tx, r, eventIssue, now, false);
    const chosen =
      link.sameAs === undefined
        ? undefined
        : (await reporterFacingIssues(tx, r.project_id, [link.sameAs]))[0];
    if (chosen) return addAsPlusOne(tx, r, chosen.id, now, true);
    // The template's headings are not the reporter's words: they name nothing and match nothing
    // (the issue's description keeps them, as the structure the answers were written in).
    const rules = await reportRulesOfProject(tx, r.project_id, MACHINE_ISSUE_TYPE);
    const description = withoutTemplate(r.description, rules.template).trim() || r.description;
    const words = { description, expected: r.expected, actual: r.actual, steps: r.steps };
    const matches = await findSimilar(new StoreSimilarityReader(tx, r.project_id), {
      text: reportSimilarityText(words),
      at: now,
      limit: 5,
    });
    const likely = matches.filter((m) => m.score >= LIKELY_DUPLICATE_SCORE);
    const open = await openIssueIds(
      tx,
      r.project_id,
      likely.map((m) => m.id),
    );
    const match = likely.find((m) => open.has(m.id));
    if (match) return addAsPlusOne(tx, r, match.id, now, false);
    const issueId = await fileMachineIssue(
      tx,
      { workspaceId: r.workspace_id, projectId: r.project_id },
      {
        kind: 'manual',
        title: reportTitle(words.description),
        description: reportDescription({ ...words, description: r.description, url: r.url }),
      },
      { source: 'report', labels: [REPORT_LABEL], reporterId: r.reporter_user_id },
    );
    await markReportFiled(tx, r.id, issueId, 'new', now);
    return { issueId, created: true, workspaceId: r.workspace_id };
  });
  if (!filed) return;
  if (filed.created) await rescoreNow(svc.store, [filed.issueId], now);
  const key = await issueKeyOf(svc.store, filed.issueId);
  svc.bus.publish(
    filed.created
      ? {
          workspaceId: filed.workspaceId,
          type: 'issue.created',
          issueId: filed.issueId,
          issueKey: key,
          actorId: null,
          at: now,
        }
      : {
          workspaceId: filed.workspaceId,
          type: 'issue.updated',
          issueId: filed.issueId,
          issueKey: key,
          actorId: null,
          fields: ['reports'],
          at: now,
        },
  );
}

/** The report joins an open issue as a +1: its evidence stays on the report, listed on the issue. */
async function addAsPlusOne(
  tx: Tx,
  r: UserReportRow,
  issueId: number,
  now: number,
  chosenByReporter: boolean,
) {
  await markReportFiled(tx, r.id, issueId, 'plus_one', now);
  await recordActivity(tx, [
    {
      workspaceId: r.workspace_id,
      issueId,
      actorId: null,
      action: 'reported_again',
      to: chosenByReporter
        ? { source: 'report', reportId: r.id, chosenByReporter: true }
        : { source: 'report', reportId: r.id },
    },
  ]);
  await markSeverityStale(tx, [issueId]);
  return { issueId, created: false, workspaceId: r.workspace_id };
}

async function issueKeyOf(tx: Tx, issueId: number): Promise<string> {
  const r = await tx.db
    .selectFrom('issues as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['p.key', 'i.number'])
    .where('i.id', '=', issueId)
    .executeTakeFirstOrThrow();
  return `${r.key}-${r.number}`;
}

/** The reports filed into an issue, with their evidence, for the issue page. */
export async function listIssueReports(svc: Services, actor: Actor, key: string): Promise<UserReportView[]> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const rows = await reportsOfIssue(svc.store, issue.id);
  const sessions = rows.flatMap((r) => (r.session_id ? [r.session_id] : []));
  const recorded = new Set(
    (await recordedSessions(svc.store, issue.projectId, sessions)).map((s) => s.session_id),
  );
  const files = await attachmentsOfReports(
    svc.store,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentReport(r, recorded, files));
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

function nameVersion(v: Record<string, unknown> | undefined): string | null {
  if (!v || typeof v.name !== 'string') return null;
  return typeof v.version === 'string' ? `${v.name} ${v.version}` : v.name;
}

function presentReport(
  r: UserReportRow,
  recorded: ReadonlySet<string>,
  files: readonly { id: number; report_id: number; filename: string; content_type: string; size: number }[],
): UserReportView {
  const e = JSON.parse(r.evidence) as Evidence;
  const crumbs = (types: readonly string[]) =>
    (e.breadcrumbs ?? [])
      .filter((b) => types.includes(b.type))
      .map((b) => ({
        timestamp: iso(b.timestamp),
        type: b.type,
        message: b.message ?? b.category ?? '',
        level: b.level ?? null,
      }));
  return {
    id: r.id,
    createdAt: iso(r.created_at),
    source: r.source === 'form' || r.source === 'email' || r.source === 'sentry' ? r.source : 'widget',
    outcome: r.outcome === 'plus_one' ? 'plus_one' : 'new',
    reporter: { name: r.reporter_name, email: r.reporter_email, user: r.user_key },
    description: r.description,
    expected: r.expected,
    actual: r.actual,
    steps: r.steps,
    gaps: JSON.parse(r.gaps) as ReportGap[],
    environment: {
      url: r.url,
      release: r.release,
      environment: r.environment,
      browser: nameVersion(e.contexts?.browser),
      os: nameVersion(e.contexts?.os),
      viewport: e.viewport ? `${e.viewport.width}×${e.viewport.height}` : null,
    },
    sessionId: r.session_id,
    hasReplay: r.session_id !== null && recorded.has(r.session_id),
    errors: crumbs(['error']),
    console: crumbs(['console', 'log']),
    network: crumbs(['request']),
    trail: crumbs(['click', 'navigation', 'default']),
    attachments: files
      .filter((f) => f.report_id === r.id)
      .map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: Number(f.size) })),
  };
}
