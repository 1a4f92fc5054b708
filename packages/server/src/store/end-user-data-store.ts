import type { Tx } from './transaction.ts';

/**
 * What a monitored project stored about one end user (privacy deletion, issue 15). Reads return
 * candidates; the command decides with core/privacy/end-user which of them name the person.
 */

const like = (needle: string) => `%${needle}%`;

/** Tables that name the person by user key (core/privacy/end-user's forms). */
const USER_KEY_TABLES = ['release_users', 'project_active_users', 'perf_session_hours'] as const;
/** Tables keyed by (project, session): pages, performance, activity and frustration of a session. */
const SESSION_TABLES = [
  'session_pages',
  'perf_session_hours',
  'project_active_sessions',
  'session_failures',
  'frustration_evidence',
  'frustration_holds',
] as const;

/** Raw events of the project whose JSON contains `needle` (a superset of the person's events). */
export function rawEventCandidates(tx: Tx, projectId: number, needle: string) {
  return tx.db
    .selectFrom('raw_events')
    .select(['id', 'event_id', 'payload'])
    .where('project_id', '=', projectId)
    .where('payload', 'like', like(needle))
    .execute();
}

/** Issue sample events of the project whose JSON contains `needle`. */
export function sampleCandidates(tx: Tx, projectId: number, needle: string) {
  return tx.db
    .selectFrom('group_samples as s')
    .innerJoin('event_groups as g', 'g.id', 's.group_id')
    .select(['s.id', 's.event_id', 's.payload'])
    .where('g.project_id', '=', projectId)
    .where('s.payload', 'like', like(needle))
    .execute();
}

/** Session ids of the person's replays and user reports (keys as core/privacy/end-user lists them). */
export async function sessionIdsOf(tx: Tx, projectId: number, keys: readonly string[], email: string | null) {
  const replays = await tx.db
    .selectFrom('replay_sessions')
    .select('session_id')
    .where('project_id', '=', projectId)
    .where('user_key', 'in', keys)
    .execute();
  const reports = await reportsOf(tx, projectId, keys, email);
  return [
    ...replays.map((r) => r.session_id),
    ...reports.flatMap((r) => (r.session_id ? [r.session_id] : [])),
  ];
}

export function reportsOf(tx: Tx, projectId: number, keys: readonly string[], email: string | null) {
  return tx.db
    .selectFrom('user_reports')
    .select(['id', 'session_id'])
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('user_key', 'in', keys), ...(email ? [eb('reporter_email', '=', email)] : [])]))
    .execute();
}

/** Replay sessions of the project among these session ids or with the person's key. */
export async function replaySessionIds(
  tx: Tx,
  projectId: number,
  sessionIds: readonly string[],
  keys: readonly string[],
) {
  const rows = await tx.db
    .selectFrom('replay_sessions')
    .select('session_id')
    .where('project_id', '=', projectId)
    .where((eb) =>
      eb.or([eb('user_key', 'in', keys), ...(sessionIds.length ? [eb('session_id', 'in', sessionIds)] : [])]),
    )
    .execute();
  return rows.map((r) => r.session_id);
}

/**
 * Deletes the person's rows: events (raw, samples, attachments), sessions (release health,
 * performance, activity, frustration, issue counts) and reports. Returns what went, by kind.
 */
export async function deleteEndUserRows(
  tx: Tx,
  p: {
    projectId: number;
    rawIds: readonly number[];
    sampleIds: readonly number[];
    eventIds: readonly string[];
    sessionIds: readonly string[];
    reportIds: readonly number[];
    keys: readonly string[];
    email: string | null;
  },
) {
  const n = (rows: { numDeletedRows: bigint }[]) => rows.reduce((s, r) => s + Number(r.numDeletedRows), 0);
  const pid = p.projectId;
  const groups = tx.db.selectFrom('event_groups').select('id').where('project_id', '=', pid);
  let events = 0;
  if (p.rawIds.length)
    events += n(await tx.db.deleteFrom('raw_events').where('id', 'in', p.rawIds).execute());
  if (p.sampleIds.length) await tx.db.deleteFrom('group_samples').where('id', 'in', p.sampleIds).execute();
  if (p.eventIds.length) {
    await tx.db
      .deleteFrom('event_attachments')
      .where('project_id', '=', pid)
      .where('event_id', 'in', p.eventIds)
      .execute();
  }
  await tx.db
    .deleteFrom('group_users')
    .where('group_id', 'in', groups)
    .where('user_key', 'in', p.keys)
    .execute();
  for (const table of USER_KEY_TABLES) {
    await tx.db.deleteFrom(table).where('project_id', '=', pid).where('user_key', 'in', p.keys).execute();
  }
  const releaseSessions = tx.db.deleteFrom('release_sessions').where('project_id', '=', pid);
  let sessions = n(
    await releaseSessions
      .where((eb) =>
        eb.or([
          eb('distinct_id', 'in', p.keys),
          ...(p.sessionIds.length ? [eb('sid', 'in', p.sessionIds)] : []),
        ]),
      )
      .execute(),
  );
  if (p.sessionIds.length) {
    const ids = p.sessionIds;
    await tx.db
      .deleteFrom('group_sessions')
      .where('group_id', 'in', groups)
      .where('session_id', 'in', ids)
      .execute();
    for (const table of SESSION_TABLES) {
      await tx.db.deleteFrom(table).where('project_id', '=', pid).where('session_id', 'in', ids).execute();
    }
    sessions = Math.max(sessions, ids.length);
  }
  let reports = 0;
  if (p.reportIds.length) {
    await tx.db.deleteFrom('report_attachments').where('report_id', 'in', p.reportIds).execute();
    reports += n(await tx.db.deleteFrom('user_reports').where('id', 'in', p.reportIds).execute());
  }
  if (p.email) {
    reports += n(
      await tx.db
        .deleteFrom('user_feedback')
        .where('project_id', '=', pid)
        .where('email', '=', p.email)
        .execute(),
    );
  }
  return { events, sessions, reports };
}
