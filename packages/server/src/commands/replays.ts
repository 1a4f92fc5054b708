import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { Invalid, NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import {
  DEFAULT_REPLAY_RETENTION_DAYS,
  deleteReplaySessionRows,
  expiredReplaySessions,
  findReplaySession,
  issuesOfSession,
  listReplaySessions,
  recordedSessions,
  replayRetentionDays,
  type SessionFilter,
  setReplayRetentionDays,
} from '../store/replay-sessions-store.ts';
import { findReplaySegment, listReplaySegments } from '../store/sentry-items-store.ts';
import type { ReplaySessionTable } from '../store/tables-replay.ts';
import type { Actor } from './actor.ts';
import { requireProject } from './projects.ts';

/** Sessions page, replay player and replay retention (issue 10.1–10.2). */

const gunzipAsync = promisify(gunzip);
const iso = (ms: number) => new Date(Number(ms)).toISOString();
const DAY = 86_400_000;
export const MAX_REPLAY_RETENTION_DAYS = 3_650;

async function projectFor(svc: Services, actor: Actor, projectKey: string) {
  assertCan(actor.role, 'workspace.read');
  return requireProject(svc.store, actor.workspaceId, projectKey);
}

function present(r: Omit<ReplaySessionTable, 'id'> & { id: number }) {
  return {
    sessionId: r.session_id,
    source: r.source as 'closeloop' | 'sentry',
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    durationMs: Number(r.duration_ms),
    firstUrl: r.first_url,
    urls: r.urls ? r.urls.split('\n') : [],
    user: r.user_key,
    release: r.release,
    environment: r.environment,
    errorCount: r.error_count,
    frustrationCount: r.frustration_count,
    chunkCount: r.chunk_count,
    bytes: Number(r.bytes),
  };
}

/** Keyset cursor: `<started_at>.<id>` of the last row of the previous page. */
function parseCursor(cursor: string | undefined): SessionFilter['before'] {
  if (!cursor) return undefined;
  const m = /^(\d+)\.(\d+)$/.exec(cursor);
  if (!m) throw new Invalid('cursor is not one this API returned', { cursor });
  return { startedAt: Number(m[1]), id: Number(m[2]) };
}

export async function listSessions(
  svc: Services,
  actor: Actor,
  projectKey: string,
  q: Omit<SessionFilter, 'before'> & { cursor?: string | undefined; limit: number },
) {
  const project = await projectFor(svc, actor, projectKey);
  const rows = await listReplaySessions(
    svc.store,
    project.id,
    { ...q, before: parseCursor(q.cursor) },
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > q.limit && last ? `${Number(last.started_at)}.${last.id}` : null,
  };
}

/** One session: its metadata, the chunks of its recording, and the issues it ran into. */
export async function getSession(svc: Services, actor: Actor, projectKey: string, sessionId: string) {
  const project = await projectFor(svc, actor, projectKey);
  const row = await findReplaySession(svc.store, project.id, sessionId);
  if (!row) throw new NotFound(`Session ${sessionId}`, { reason: 'no recording of this session' });
  const issues = await issuesOfSession(svc.store, project.id, sessionId);
  return {
    ...present(row),
    recordingUrl: `/api/v1/projects/${project.key}/sessions/${encodeURIComponent(sessionId)}/recording`,
    issues: issues.map((i) => ({
      key: `${i.projectKey}-${i.number}`,
      title: i.title,
      kind: i.kind,
      firstSeen: iso(i.first_seen),
    })),
  };
}

/**
 * The whole recording as one JSON array of rrweb events, in chunk (or Sentry segment) order.
 * Built by joining the stored arrays as text: nothing is parsed on the way.
 */
export async function getRecording(
  svc: Services,
  actor: Actor,
  projectKey: string,
  sessionId: string,
): Promise<string> {
  const project = await projectFor(svc, actor, projectKey);
  const row = await findReplaySession(svc.store, project.id, sessionId);
  if (!row) throw new NotFound(`Session ${sessionId}`, { reason: 'no recording of this session' });
  const parts: string[] = [];
  if (row.source === 'sentry') {
    const segments = await listReplaySegments(svc.store, project.id, sessionId);
    for (const s of segments) {
      if (s.kind !== 'recording') continue;
      const seg = await findReplaySegment(svc.store, project.id, sessionId, 'recording', s.segment_id);
      if (seg) parts.push(Buffer.from(seg.payload).toString('utf8'));
    }
  } else {
    for (const chunk of await svc.replays.list(project.id, sessionId)) {
      const data = await svc.replays.read({ projectId: project.id, sessionId, seq: chunk.seq });
      if (data) parts.push((await gunzipAsync(data)).toString('utf8'));
    }
  }
  const inner = parts
    .map((p) => p.trim())
    .filter((p) => p.startsWith('[') && p.length > 2)
    .map((p) => p.slice(1, -1));
  return `[${inner.join(',')}]`;
}

/** For an issue's session list: which sessions can be replayed. */
export async function replayableSessions(svc: Services, projectId: number, sessionIds: readonly string[]) {
  const rows = await recordedSessions(svc.store, projectId, sessionIds);
  return new Set(rows.map((r) => r.session_id));
}

export async function getReplaySettings(svc: Services, actor: Actor, projectKey: string) {
  const project = await projectFor(svc, actor, projectKey);
  return {
    retentionDays: await replayRetentionDays(svc.store, project.id),
    minRetentionDays: DEFAULT_REPLAY_RETENTION_DAYS,
  };
}

export async function setReplaySettings(
  svc: Services,
  actor: Actor,
  projectKey: string,
  input: { retentionDays: number },
) {
  assertCan(actor.role, 'project.manage');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  // Fix verification and performance baselines look back this far into recordings.
  if (input.retentionDays < DEFAULT_REPLAY_RETENTION_DAYS || input.retentionDays > MAX_REPLAY_RETENTION_DAYS)
    throw new Invalid(
      `retentionDays must be between ${DEFAULT_REPLAY_RETENTION_DAYS} and ${MAX_REPLAY_RETENTION_DAYS}`,
      { retentionDays: input.retentionDays },
    );
  await setReplayRetentionDays(svc.store, project.id, input.retentionDays);
  return getReplaySettings(svc, actor, projectKey);
}

/**
 * Deletes recordings past their project's retention: the bytes first, then the row, so a crash in
 * between leaves a row whose next pass deletes it again (deleting is idempotent). Returns how many
 * sessions went. Run periodically by the worker.
 */
export async function pruneReplays(svc: Services, now: number, batch = 200): Promise<number> {
  let removed = 0;
  for (;;) {
    const expired = await expiredReplaySessions(svc.store, now, batch);
    if (expired.length === 0) return removed;
    const byProject = new Map<number, string[]>();
    for (const s of expired) {
      const list = byProject.get(s.project_id) ?? [];
      list.push(s.session_id);
      byProject.set(s.project_id, list);
    }
    for (const [projectId, ids] of byProject) {
      await svc.replays.deleteSessions(projectId, ids);
      await deleteReplaySessionRows(svc.store, projectId, ids);
    }
    removed += expired.length;
    if (expired.length < batch) return removed;
  }
}

export const REPLAY_PRUNE_EVERY_MS = DAY / 24;
