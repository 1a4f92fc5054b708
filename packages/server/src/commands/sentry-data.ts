import { assertCan } from '@closeloop/core/permissions/permissions';
import {
  countsFromAggregate,
  emptyCounts,
  type HealthCounts,
  releaseHealth,
  type SessionHealth,
} from '@closeloop/core/release-health/release-health';
import { NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { releaseHealthRows } from '../store/release-health-store.ts';
import * as items from '../store/sentry-items-store.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

/** Read side of what Sentry SDKs send besides events: release health, attachments, replays, feedback, drops. */

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

async function projectFor(svc: Services, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  return requireProject(svc.store, actor.workspaceId, projectKey);
}

type Counts = Omit<HealthCounts, 'users' | 'crashedUsers'>;
function add(into: HealthCounts, c: Partial<Counts>) {
  into.sessions += c.sessions ?? 0;
  into.healthy += c.healthy ?? 0;
  into.errored += c.errored ?? 0;
  into.unhandled += c.unhandled ?? 0;
  into.abnormal += c.abnormal ?? 0;
  into.crashed += c.crashed ?? 0;
}

/** Releases of a project, newest first, with crash-free sessions and users overall and per environment. */
export async function listReleases(svc: Services, actor: Actor, projectKey: string, environment?: string) {
  const project = await projectFor(svc, actor, projectKey);
  const rows = await releaseHealthRows(svc.store, project.id, environment);
  const releases = new Map<
    string,
    { firstSeen: number | null; total: HealthCounts; envs: Map<string, HealthCounts> }
  >();
  const release = (name: string) => {
    let r = releases.get(name);
    if (!r) {
      r = { firstSeen: null, total: emptyCounts(), envs: new Map() };
      releases.set(name, r);
    }
    return r;
  };
  const env = (name: string, e: string) => {
    const r = release(name);
    let c = r.envs.get(e);
    if (!c) {
      c = emptyCounts();
      r.envs.set(e, c);
    }
    return c;
  };
  for (const s of rows.sessions) {
    const health = s.health as SessionHealth;
    const c = { sessions: s.n, [health]: s.n };
    add(env(s.release, s.environment), c);
    add(release(s.release).total, c);
  }
  for (const b of rows.buckets) {
    const c = countsFromAggregate(b);
    add(env(b.release, b.environment), c);
    add(release(b.release).total, c);
  }
  for (const u of rows.usersByEnvironment) {
    const c = env(u.release, u.environment);
    c.users = u.users;
    c.crashedUsers = u.crashed;
  }
  for (const u of rows.usersByRelease) {
    const r = release(u.release);
    r.total.users = u.users;
    r.total.crashedUsers = u.crashed;
  }
  // Releases seen only in events are listed too (without sessions), unless filtering by environment.
  for (const r of rows.releases) {
    if (environment === undefined || releases.has(r.release)) release(r.release).firstSeen = r.first_seen;
  }
  const items = [...releases.entries()].map(([name, r]) => ({
    release: name,
    firstSeen: r.firstSeen === null ? null : iso(r.firstSeen),
    health: releaseHealth(r.total),
    environments: [...r.envs.entries()]
      .map(([e, c]) => ({ environment: e === '' ? null : e, health: releaseHealth(c) }))
      .sort((a, b) => (a.environment ?? '').localeCompare(b.environment ?? '')),
  }));
  items.sort(
    (a, b) => (b.firstSeen ?? '').localeCompare(a.firstSeen ?? '') || a.release.localeCompare(b.release),
  );
  return { items };
}

export async function listEventAttachments(svc: Services, actor: Actor, projectKey: string, eventId: string) {
  const project = await projectFor(svc, actor, projectKey);
  const rows = await items.listAttachments(svc.store, project.id, eventId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      filename: r.filename,
      contentType: r.content_type,
      attachmentType: r.attachment_type,
      size: r.size,
      createdAt: iso(r.created_at),
      downloadUrl: `/api/v1/projects/${project.key}/attachments/${r.id}`,
    })),
  };
}

export async function getAttachment(svc: Services, actor: Actor, projectKey: string, id: number) {
  const project = await projectFor(svc, actor, projectKey);
  const row = await items.findAttachment(svc.store, project.id, id);
  if (!row) throw new NotFound(`Attachment ${id}`);
  return row;
}

export async function listReplaySegments(svc: Services, actor: Actor, projectKey: string, replayId: string) {
  const project = await projectFor(svc, actor, projectKey);
  const rows = await items.listReplaySegments(svc.store, project.id, replayId);
  if (rows.length === 0) throw new NotFound(`Replay ${replayId}`);
  const base = `/api/v1/projects/${project.key}/replays/${replayId}/segments`;
  return {
    replayId,
    // Events of this replay carry it as their session id, so the monitoring sessions link here.
    sessionId: replayId,
    segments: rows.map((r) => ({
      segmentId: r.segment_id,
      kind: r.kind,
      size: r.size,
      receivedAt: iso(r.received_at),
      url: `${base}/${r.segment_id}?kind=${r.kind}`,
    })),
  };
}

export async function getReplaySegment(
  svc: Services,
  actor: Actor,
  projectKey: string,
  replayId: string,
  segmentId: number,
  kind: 'event' | 'recording',
) {
  const project = await projectFor(svc, actor, projectKey);
  const row = await items.findReplaySegment(svc.store, project.id, replayId, kind, segmentId);
  if (!row) throw new NotFound(`Replay ${replayId} segment ${segmentId} (${kind})`);
  return row.payload;
}

export async function listFeedback(svc: Services, actor: Actor, projectKey: string, limit: number) {
  const project = await projectFor(svc, actor, projectKey);
  const rows = await items.listFeedback(svc.store, project.id, limit);
  return {
    items: rows.map((r) => ({
      eventId: r.event_id,
      associatedEventId: r.associated_event_id,
      replayId: r.replay_id,
      name: r.name,
      email: r.email,
      url: r.url,
      message: r.message,
      createdAt: iso(r.created_at),
    })),
  };
}

/** What SDKs said they dropped (client reports) and what the server dropped, over the last days. */
export async function discardedSummary(svc: Services, actor: Actor, projectKey: string, days: number) {
  const project = await projectFor(svc, actor, projectKey);
  const since = Math.floor(Date.now() / DAY) * DAY - (days - 1) * DAY;
  const rows = await items.sumOutcomes(svc.store, project.id, since);
  return { since: iso(since), items: rows };
}
