import { createHash, randomBytes } from 'node:crypto';
import type { TokenBuckets } from '@closeloop/core/ingest/token-bucket';
import { PROMPT_LABEL, reportGaps, unansweredPrompts } from '@closeloop/core/intake/report-quality';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type {
  PublicForm,
  PublicReportBody,
  ReportFormSettings,
  Tracking,
  TrackingMessage,
  TrackingReplyBody,
} from '@closeloop/shared/api/public-intake';
import { Invalid, NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { reportRulesOfProject } from '../store/issue-types-store.ts';
import {
  reportByTrackingHash,
  reportFormByPublicId,
  reportFormOfProject,
  saveReportForm,
} from '../store/report-forms-store.ts';
import type { Actor } from './actor.ts';
import { storeUserReport } from './intake.ts';
import { MACHINE_ISSUE_TYPE } from './machine-issues.ts';
import { requireProject } from './projects.ts';
import { takeOrRefuse } from './rate-per-ip.ts';
import { replyAsReporter, reporterMessages } from './report-conversation.ts';

/**
 * The public report form (issue 17.2): people without the SDK or an account report through a page
 * at /report/<public id>, when the project's admins have turned it on. Spam protection: a rate
 * per IP, a honeypot field, size limits (schema and body limit). The reporter gets a tracking
 * token that shows their own report's state and nothing else.
 */

/** Reports one IP may send a minute, over all forms. */
export const PUBLIC_REPORTS_PER_IP_PER_MINUTE = 5;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const opt = (s: string | undefined) => (s?.trim() ? s.trim() : null);

async function openForm(svc: Services, publicId: string) {
  const form = await reportFormByPublicId(svc.store, publicId);
  // A form turned off looks like one that never existed.
  if (form?.enabled !== 1) throw new NotFound('Report form');
  return form;
}

export async function getPublicForm(svc: Services, publicId: string): Promise<PublicForm> {
  const form = await openForm(svc, publicId);
  const rules = await reportRulesOfProject(svc.store, form.project_id, MACHINE_ISSUE_TYPE);
  return { formId: form.public_id, projectName: form.project_name, ...rules };
}

export async function submitPublicReport(
  svc: Services,
  limiter: TokenBuckets,
  publicId: string,
  ip: string,
  body: PublicReportBody,
  now = Date.now(),
): Promise<{ trackingToken: string | null }> {
  const form = await openForm(svc, publicId);
  takeOrRefuse(
    limiter,
    `ip:${ip}`,
    PUBLIC_REPORTS_PER_IP_PER_MINUTE,
    'Too many reports from this address; try again shortly',
    now,
  );
  // A bot filled the hidden field: it gets the same kind of answer, and nothing is kept.
  if (body.website?.trim()) return { trackingToken: null };
  const rules = await reportRulesOfProject(svc.store, form.project_id, MACHINE_ISSUE_TYPE);
  // Adding to a known issue ("it is this one") is a +1: its reporter is not asked to describe it again.
  const unanswered = body.sameAs === undefined ? unansweredPrompts(body, rules.required) : [];
  if (unanswered.length > 0)
    throw new Invalid(`Please answer: ${unanswered.map((p) => PROMPT_LABEL[p]).join(', ')}`, {
      fields: unanswered,
    });
  const token = randomBytes(24).toString('base64url');
  await storeUserReport(
    svc,
    {
      workspace_id: form.workspace_id,
      project_id: form.project_id,
      issue_id: null,
      event_id: randomBytes(16).toString('hex'),
      source: 'form',
      outcome: null,
      reporter_name: opt(body.name),
      reporter_email: opt(body.email),
      user_key: null,
      description: body.description,
      expected: opt(body.expected),
      actual: opt(body.actual),
      steps: opt(body.steps),
      gaps: JSON.stringify(reportGaps(body, rules)),
      session_id: null,
      url: null,
      release: null,
      environment: null,
      evidence: JSON.stringify({ hasReplay: false }),
      created_at: now,
      filed_at: null,
      tracking_hash: sha256(token),
    },
    undefined,
    body.sameAs,
  );
  svc.jobs.wake();
  return { trackingToken: token };
}

async function trackedReport(svc: Services, token: string) {
  const r = await reportByTrackingHash(svc.store, sha256(token));
  if (!r) throw new NotFound('Report');
  return r;
}

/**
 * What the holder of a tracking token may see: their own words, where their report stands, and
 * the conversation meant for them (public replies and their own exchange; never internal comments).
 */
export async function trackReport(svc: Services, token: string): Promise<Tracking> {
  const r = await trackedReport(svc, token);
  const c = r.status_category;
  return {
    projectName: r.project_name,
    reportedAt: new Date(Number(r.created_at)).toISOString(),
    description: r.description,
    state:
      c === null || c === undefined
        ? 'received'
        : c === 'done' || c === 'cancelled'
          ? 'closed'
          : c === 'in_progress'
            ? 'in_progress'
            : 'open',
    resolution: r.resolution ?? null,
    messages: await reporterMessages(svc.store, r.issue_id, r.id),
  };
}

/** The reporter replies from their tracking page; the reply lands as a comment on the issue. */
export async function replyToTracking(
  svc: Services,
  limiter: TokenBuckets,
  token: string,
  ip: string,
  body: TrackingReplyBody,
): Promise<TrackingMessage> {
  return replyAsReporter(svc, limiter, await trackedReport(svc, token), ip, body.body);
}

export async function getReportFormSettings(
  svc: Services,
  actor: Actor,
  projectKey: string,
): Promise<ReportFormSettings> {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const row = await reportFormOfProject(svc.store, project.id);
  if (row) return { enabled: row.enabled === 1, path: `/report/${row.public_id}` };
  // The public id is made when the form is first saved; until then the form is off.
  return { enabled: false, path: '' };
}

export async function setReportFormSettings(
  svc: Services,
  actor: Actor,
  projectKey: string,
  input: { enabled: boolean },
): Promise<ReportFormSettings> {
  assertCan(actor.role, 'project.manage');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const existing = await reportFormOfProject(svc.store, project.id);
  await saveReportForm(svc.store, {
    project_id: project.id,
    workspace_id: actor.workspaceId,
    public_id: existing?.public_id ?? randomBytes(12).toString('base64url'),
    enabled: input.enabled ? 1 : 0,
    updated_at: Date.now(),
  });
  return getReportFormSettings(svc, actor, projectKey);
}
