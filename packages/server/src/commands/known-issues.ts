import type { TokenBuckets } from '@closeloop/core/ingest/token-bucket';
import { doorOffers } from '@closeloop/core/intake/door-offers';
import { reportSimilarityText } from '@closeloop/core/intake/report-issue-text';
import { withoutTemplate } from '@closeloop/core/intake/report-quality';
import { findSimilar, TYPING_RETRIEVAL } from '@closeloop/core/similarity/engine';
import type { KnownIssues } from '@closeloop/shared/api/public-intake';
import { NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { reportRulesOfProject } from '../store/issue-types-store.ts';
import { reportFormByPublicId } from '../store/report-forms-store.ts';
import { StoreSimilarityReader } from '../store/similarity-store.ts';
import { reporterFacingIssues } from '../store/user-reports-store.ts';
import { MACHINE_ISSUE_TYPE } from './machine-issues.ts';
import { takeOrRefuse } from './rate-per-ip.ts';

/**
 * Duplicates at the door (issue 17.5): while someone types on the public form or in the widget, the open issues the
 * similarity engine finds alike are offered, so they can add their report to one instead of filing
 * it again. A reporter sees titles and nothing else (no key, no reporters, no comments), and only of
 * issues the team has answered publicly (store/user-reports-store.ts reporterFacingIssues).
 */

/** Look-ups one IP may make a minute: the form asks on each pause in typing. */
export const KNOWN_ISSUE_LOOKUPS_PER_IP_PER_MINUTE = 60;
/** Fewer letters than this say nothing the engine can match on. */
const MIN_TEXT = 3;

export async function knownIssues(
  svc: Services,
  limiter: TokenBuckets,
  publicId: string,
  ip: string,
  text: string,
  now = Date.now(),
): Promise<KnownIssues> {
  const form = await reportFormByPublicId(svc.store, publicId);
  if (form?.enabled !== 1) throw new NotFound('Report form');
  return knownIssuesOfProject(svc, limiter, form.project_id, ip, text, now);
}

/**
 * The same offer for the project an ingest key belongs to: the feedback widget asks it while the
 * reporter types (GET /api/ingest/v1/known-issues), with the same rate per IP and the same rule
 * (titles of publicly answered open issues only).
 */
export async function knownIssuesOfProject(
  svc: Services,
  limiter: TokenBuckets,
  projectId: number,
  ip: string,
  text: string,
  now = Date.now(),
): Promise<KnownIssues> {
  takeOrRefuse(
    limiter,
    `known:${ip}`,
    KNOWN_ISSUE_LOOKUPS_PER_IP_PER_MINUTE,
    'Too many look-ups from this address; try again shortly',
    now,
  );
  const rules = await reportRulesOfProject(svc.store, projectId, MACHINE_ISSUE_TYPE);
  // The form starts from the type's template: only what the reporter wrote is compared.
  const typed = withoutTemplate(text, rules.template).trim();
  if (typed.length < MIN_TEXT) return { items: [] };
  const matches = await findSimilar(
    new StoreSimilarityReader(svc.store, projectId),
    { text: reportSimilarityText({ description: typed }), at: now, limit: 20 },
    { retrieval: TYPING_RETRIEVAL },
  );
  const visible = await reporterFacingIssues(
    svc.store,
    projectId,
    matches.map((m) => m.id),
  );
  const titles = new Map(visible.map((v) => [v.id, v.title]));
  return {
    items: doorOffers(matches, new Set(titles.keys())).map((id) => ({ id, title: titles.get(id) ?? '' })),
  };
}
