import { parseFingerprintRules } from '@closeloop/core/grouping/fingerprint-rules';
import { describeEvidence, type FrustrationType } from '@closeloop/core/grouping/frustration-cause';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { Invalid, NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { evidenceCounts, latestEvidence } from '../store/frustration-store.ts';
import * as groups from '../store/groups-store.ts';
import { ingestSettings, saveIngestSettings } from '../store/ingest-settings-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { flowImpact, performanceFinding } from './performance.ts';
import { requireProject } from './projects.ts';
import { replayableSessions } from './replays.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Frustration evidence rows listed on an issue (the summary counts them all). */
const EVIDENCE_SHOWN = 20;

/** What monitoring knows about a machine-found issue: counts, series, tag distributions, sessions, samples. */
export async function issueMonitoring(svc: Services, actor: Actor, issueKey: string) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  // Merged duplicates bring their groups along: the issue's numbers are those of all of them.
  const all = await groups.findGroupsOfIssue(svc.store, issue.id);
  const group = all[0];
  if (!group) throw new NotFound(`Monitoring data for ${issueKey}`, { reason: 'not a machine-found issue' });
  const ids = all.map((g) => g.id);
  const [stats, userCount, sessionCount, flows, performance, evidence, evidenceRows] = await Promise.all([
    groups.groupStats(svc.store, ids),
    all.length > 1 ? groups.distinctUsersOf(svc.store, ids) : group.user_count,
    all.length > 1 ? groups.distinctSessionsOf(svc.store, ids) : group.session_count,
    flowImpact(svc.store, issue.projectId, group.id),
    group.kind === 'performance' ? performanceFinding(svc.store, group.id) : null,
    evidenceCounts(svc.store, ids),
    latestEvidence(svc.store, ids, EVIDENCE_SHOWN),
  ]);
  const facets: Record<string, { value: string; count: number }[]> = {};
  for (const f of stats.facets) {
    facets[f.facet] ??= [];
    facets[f.facet]?.push({ value: f.value, count: f.count });
  }
  const recorded = await replayableSessions(svc, group.project_id, [
    ...new Set([...stats.sessions.map((s) => s.session_id), ...evidenceRows.map((e) => e.session_id)]),
  ]);
  return {
    issueKey: issue.key,
    kind: group.kind,
    fingerprint: group.fingerprint,
    components: JSON.parse(group.components) as string[],
    title: group.title,
    culprit: group.culprit,
    eventCount: all.reduce((n, g) => n + Number(g.event_count), 0),
    userCount,
    sessionCount,
    firstSeen: iso(Math.min(...all.map((g) => Number(g.first_seen)))),
    lastSeen: iso(Math.max(...all.map((g) => Number(g.last_seen)))),
    firstRelease: group.first_release,
    lastRelease: latestBy(all, (g) => Number(g.last_seen)).last_release,
    resolvedInRelease: group.resolved_in_release,
    regressedAt: iso(group.regressed_at),
    hourly: stats.hourly.map((h) => ({ hour: iso(h.hour), count: h.count })),
    facets,
    performance,
    flows,
    // firstSeen is when the session first hit this issue: the replay opens there.
    sessions: stats.sessions.map((s) => ({
      sessionId: s.session_id,
      firstSeen: iso(s.first_seen),
      hasReplay: recorded.has(s.session_id),
    })),
    // Rage/dead clicks that ran into this failure (docs/grouping.md): evidence, not issues of their own.
    frustrationBefore: {
      summary: evidence.map((c) => describeEvidence({ ...c, type: c.type as FrustrationType }, group.kind)),
      items: evidenceRows.map((e) => ({
        eventId: e.event_id,
        type: e.type,
        selector: e.selector,
        text: e.click_text,
        route: e.route,
        clickCount: e.click_count,
        clickedAt: iso(Number(e.started_at)),
        failureAt: iso(Number(e.failure_at)),
        sessionId: e.session_id,
        hasReplay: recorded.has(e.session_id),
      })),
    },
    events: stats.samples.map((s) => ({
      eventId: s.event_id,
      receivedAt: iso(s.received_at),
      event: JSON.parse(s.payload) as unknown,
    })),
  };
}

function latestBy<T>(items: readonly T[], at: (t: T) => number): T {
  return items.reduce((a, b) => (at(b) > at(a) ? b : a));
}

export async function getIngestSettings(svc: Services, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  return ingestSettings(svc.store, project.id);
}

export async function setIngestSettings(
  svc: Services,
  actor: Actor,
  projectKey: string,
  input: { fingerprintRules: string; scrubFields: string[] },
) {
  assertCan(actor.role, 'ingest-key.manage');
  const parsed = parseFingerprintRules(input.fingerprintRules);
  if (!parsed.ok)
    throw new Invalid('The fingerprint rules do not parse', {
      field: 'fingerprintRules',
      errors: parsed.errors,
    });
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  await saveIngestSettings(svc.store, project.id, input);
  return ingestSettings(svc.store, project.id);
}

export async function uploadSourceMap(
  svc: Services,
  actor: Actor,
  projectKey: string,
  input: { release: string; fileUrl: string; sourceMap: string },
) {
  assertCan(actor.role, 'ingest-key.manage');
  let map: { version?: unknown; mappings?: unknown; sections?: unknown };
  try {
    map = JSON.parse(input.sourceMap) as typeof map;
  } catch {
    throw new Invalid('The source map is not JSON', { field: 'sourceMap' });
  }
  if (map.version !== 3 || (typeof map.mappings !== 'string' && !Array.isArray(map.sections))) {
    throw new Invalid('Only version 3 source maps are supported', { field: 'sourceMap' });
  }
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  await groups.upsertSourceMap(svc.store, { projectId: project.id, ...input, content: input.sourceMap });
  return (await groups.listSourceMaps(svc.store, project.id, input.release)).map((m) => ({
    id: m.id,
    fileUrl: m.file_url,
    uploadedAt: iso(m.created_at),
  }));
}

export async function listSourceMaps(svc: Services, actor: Actor, projectKey: string, release: string) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  return (await groups.listSourceMaps(svc.store, project.id, release)).map((m) => ({
    id: m.id,
    fileUrl: m.file_url,
    uploadedAt: iso(m.created_at),
  }));
}
