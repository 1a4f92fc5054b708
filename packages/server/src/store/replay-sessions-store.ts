import { type Expression, type SqlBool, sql } from 'kysely';
import type { Tx } from './transaction.ts';

/** Recorded sessions (replay_sessions): what the sessions page lists and filters, and retention. */

/** The `urls` column keeps distinct page URLs up to this many characters. */
export const REPLAY_URLS_MAX = 4_000;
/** Retention when a project has not set one, and the shortest allowed (fix verification looks back 30 days). */
export const DEFAULT_REPLAY_RETENTION_DAYS = 30;
const DAY = 86_400_000;

export interface SessionDelta {
  projectId: number;
  sessionId: string;
  source: 'closeloop' | 'sentry';
  startedAt: number;
  endedAt: number;
  url: string;
  userKey: string | null;
  release: string | null;
  environment: string | null;
  errors: number;
  frustrations: number;
  /** 1 for a newly stored chunk, 0 when only the metadata is refreshed. */
  chunks: number;
  bytes: number;
}

/**
 * Creates the session or folds a chunk into it: times widen, counters add, the URL joins the list.
 * One statement (insert … on conflict update), so concurrent chunks of a session never lose an update.
 */
export async function upsertReplaySession(tx: Tx, d: SessionDelta, now: number): Promise<void> {
  const url = d.url.slice(0, 2_000);
  const start = sql<number>`CASE WHEN excluded.started_at < replay_sessions.started_at THEN excluded.started_at ELSE replay_sessions.started_at END`;
  const end = sql<number>`CASE WHEN excluded.ended_at > replay_sessions.ended_at THEN excluded.ended_at ELSE replay_sessions.ended_at END`;
  // "Contains" spelled the same in both dialects: replacing the URL shortens the list.
  const urls = sql<string>`CASE WHEN excluded.first_url = '' OR length(replace(replay_sessions.urls, excluded.first_url, '')) < length(replay_sessions.urls) OR length(replay_sessions.urls) + length(excluded.first_url) > ${REPLAY_URLS_MAX} THEN replay_sessions.urls WHEN replay_sessions.urls = '' THEN excluded.first_url ELSE replay_sessions.urls || ${'\n'} || excluded.first_url END`;
  await tx.db
    .insertInto('replay_sessions')
    .values({
      project_id: d.projectId,
      session_id: d.sessionId,
      source: d.source,
      started_at: d.startedAt,
      ended_at: d.endedAt,
      duration_ms: Math.max(0, d.endedAt - d.startedAt),
      first_url: url,
      urls: url,
      user_key: d.userKey,
      release: d.release,
      environment: d.environment,
      error_count: d.errors,
      frustration_count: d.frustrations,
      chunk_count: d.chunks,
      bytes: d.bytes,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['project_id', 'session_id']).doUpdateSet((eb) => ({
        started_at: start,
        ended_at: end,
        duration_ms: sql<number>`(${end}) - (${start})`,
        // The first URL is the one of the earliest chunk.
        first_url: sql<string>`CASE WHEN excluded.started_at < replay_sessions.started_at AND excluded.first_url <> '' THEN excluded.first_url ELSE replay_sessions.first_url END`,
        urls,
        user_key: sql<string | null>`COALESCE(replay_sessions.user_key, excluded.user_key)`,
        release: sql<string | null>`COALESCE(excluded.release, replay_sessions.release)`,
        environment: sql<string | null>`COALESCE(replay_sessions.environment, excluded.environment)`,
        error_count: eb('replay_sessions.error_count', '+', eb.ref('excluded.error_count')),
        frustration_count: eb('replay_sessions.frustration_count', '+', eb.ref('excluded.frustration_count')),
        chunk_count: eb('replay_sessions.chunk_count', '+', eb.ref('excluded.chunk_count')),
        bytes: eb('replay_sessions.bytes', '+', eb.ref('excluded.bytes')),
        updated_at: now,
      })),
    )
    .execute();
}

export interface SessionFilter {
  user?: string | undefined;
  url?: string | undefined;
  release?: string | undefined;
  hasError?: boolean | undefined;
  hasFrustration?: boolean | undefined;
  minDurationMs?: number | undefined;
  maxDurationMs?: number | undefined;
  /** Keyset: sessions that started before this (started_at, id). */
  before?: { startedAt: number; id: number } | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first, keyset-paginated. */
export async function listReplaySessions(tx: Tx, projectId: number, f: SessionFilter, limit: number) {
  let q = tx.db.selectFrom('replay_sessions').selectAll().where('project_id', '=', projectId);
  if (f.user) q = q.where('user_key', '=', f.user);
  if (f.release) q = q.where('release', '=', f.release);
  if (f.url) q = q.where(sql<SqlBool>`urls LIKE ${`%${escapeLike(f.url)}%`} ESCAPE '\\'`);
  if (f.hasError !== undefined) q = q.where('error_count', f.hasError ? '>' : '=', 0);
  if (f.hasFrustration !== undefined) q = q.where('frustration_count', f.hasFrustration ? '>' : '=', 0);
  if (f.minDurationMs !== undefined) q = q.where('duration_ms', '>=', f.minDurationMs);
  if (f.maxDurationMs !== undefined) q = q.where('duration_ms', '<=', f.maxDurationMs);
  const before = f.before;
  if (before)
    q = q.where((eb) =>
      eb.or([
        eb('started_at', '<', before.startedAt),
        eb.and([eb('started_at', '=', before.startedAt), eb('id', '<', before.id)]) as Expression<SqlBool>,
      ]),
    );
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export function findReplaySession(tx: Tx, projectId: number, sessionId: string) {
  return tx.db
    .selectFrom('replay_sessions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

/** Which of these sessions have a recording (for an issue's session list). */
export async function recordedSessions(tx: Tx, projectId: number, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return tx.db
    .selectFrom('replay_sessions')
    .select(['session_id', 'started_at', 'ended_at'])
    .where('project_id', '=', projectId)
    .where('session_id', 'in', sessionIds)
    .execute();
}

/** The machine-found issues a session ran into, when it first did. */
export function issuesOfSession(tx: Tx, projectId: number, sessionId: string) {
  return tx.db
    .selectFrom('group_sessions as gs')
    .innerJoin('event_groups as g', 'g.id', 'gs.group_id')
    .innerJoin('issues as i', 'i.id', 'g.issue_id')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['p.key as projectKey', 'i.number', 'i.title', 'g.kind', 'gs.first_seen'])
    .where('gs.session_id', '=', sessionId)
    .where('g.project_id', '=', projectId)
    .orderBy('gs.first_seen')
    .execute();
}

export async function replayRetentionDays(tx: Tx, projectId: number): Promise<number> {
  const row = await tx.db
    .selectFrom('project_replay_settings')
    .select('retention_days')
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row?.retention_days ?? DEFAULT_REPLAY_RETENTION_DAYS;
}

export async function setReplayRetentionDays(tx: Tx, projectId: number, days: number): Promise<void> {
  await tx.db
    .insertInto('project_replay_settings')
    .values({ project_id: projectId, retention_days: days })
    .onConflict((oc) => oc.column('project_id').doUpdateSet({ retention_days: days }))
    .execute();
}

/** Sessions whose last activity is older than their project's retention, oldest first. */
export function expiredReplaySessions(tx: Tx, now: number, limit: number) {
  return tx.db
    .selectFrom('replay_sessions as s')
    .leftJoin('project_replay_settings as r', 'r.project_id', 's.project_id')
    .select(['s.id', 's.project_id', 's.session_id', 's.source'])
    .where(
      // BIGINT before multiplying: 30 days in ms overflows PostgreSQL's 32-bit integer.
      sql<SqlBool>`s.ended_at + CAST(COALESCE(r.retention_days, ${sql.lit(DEFAULT_REPLAY_RETENTION_DAYS)}) AS BIGINT) * ${sql.lit(DAY)} < ${now}`,
    )
    .orderBy('s.ended_at')
    .limit(limit)
    .execute();
}

/** Drops session rows, and for Sentry replays their segments (their bytes live in replay_segments). */
export async function deleteReplaySessionRows(tx: Tx, projectId: number, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return;
  await tx.db
    .deleteFrom('replay_segments')
    .where('project_id', '=', projectId)
    .where('replay_id', 'in', sessionIds)
    .execute();
  await tx.db
    .deleteFrom('replay_sessions')
    .where('project_id', '=', projectId)
    .where('session_id', 'in', sessionIds)
    .execute();
}
